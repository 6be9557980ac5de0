package cine

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/hsgview/hsgview/l10n"
)

// Mode is what playback does at the end of a run.
type Mode int

const (
	// Loop starts again at the first frame (the default: how fluoroscopy
	// runs are reviewed on the modality).
	Loop Mode = iota
	// Bounce plays the run backwards to the first frame, then forwards
	// again (ping-pong, Weasis' "sweep").
	Bounce
	// Once stops on the last frame.
	Once
)

// Modes lists the modes in the order the controls cycle through them.
var Modes = []Mode{Loop, Bounce, Once}

// String returns the mode's name as stored in the preferences.
func (m Mode) String() string {
	switch m {
	case Bounce:
		return "bounce"
	case Once:
		return "once"
	}
	return "loop"
}

// ParseMode returns the mode named s (as [Mode.String] writes it), or
// Loop and false.
func ParseMode(s string) (Mode, bool) {
	for _, m := range Modes {
		if m.String() == s {
			return m, true
		}
	}
	return Loop, false
}

// Next returns the mode after m in [Modes], wrapping around.
func (m Mode) Next() Mode {
	i := slices.Index(Modes, m)
	return Modes[(i+1)%len(Modes)]
}

// Speeds are the playback speeds offered, as multiples of the file's
// frame rate.
var Speeds = []float64{0.25, 0.5, 1, 2, 4}

// NearestSpeed returns the speed of [Speeds] nearest to s (on a
// logarithmic scale); 1 for a value that is not a positive number.
func NearestSpeed(s float64) float64 {
	if !(s > 0) || math.IsInf(s, 0) {
		return 1
	}
	best := 1.0
	for _, x := range Speeds {
		if math.Abs(math.Log2(x/s)) < math.Abs(math.Log2(best/s)) {
			best = x
		}
	}
	return best
}

// StepSpeed returns the speed d places from s in [Speeds] (d > 0:
// faster), staying within the list.
func StepSpeed(s float64, d int) float64 {
	i := slices.Index(Speeds, NearestSpeed(s))
	return Speeds[max(0, min(len(Speeds)-1, i+d))]
}

// SpeedText writes a speed as the controls show it in lang: "0.25×",
// "2×" ("0,25×" in Russian).
func SpeedText(s float64, lang string) string {
	return l10n.Number(s, 2, lang) + "×"
}

// Options say how a clip plays.
type Options struct {
	Mode  Mode
	Speed float64 // multiple of the file's rate; 0 means 1
}

func (o Options) speed() float64 {
	if !(o.Speed > 0) || math.IsInf(o.Speed, 0) {
		return 1
	}
	return o.Speed
}

// A Sequence is the order frames are shown in and when each is shown,
// for one cycle of playback: a Loop cycle shows every frame once; a
// Bounce cycle goes up to the last frame and back down to the second; a
// Once sequence is a single pass that is not repeated.
type Sequence struct {
	Frames []int           // frame (0-based) of each step
	Starts []time.Duration // start of each step; Starts[0] is 0
	Period time.Duration   // one cycle, first step start to last step end
	Once   bool            // stop after the last step instead of repeating
}

// Sequence returns the steps of c played with o. Times are scaled from
// the clip's own start times, never accumulated step by step, so that a
// long run at any speed does not drift; on the way back a Bounce shows
// each frame for as long as on the way out.
func (c Clip) Sequence(o Options) Sequence {
	n := len(c.Starts)
	k := o.speed()
	scale := func(d time.Duration) time.Duration {
		if k == 1 {
			return d
		}
		return time.Duration(math.Round(float64(d) / k))
	}
	s := Sequence{Once: o.Mode == Once}
	for i := range n {
		s.Frames = append(s.Frames, i)
		s.Starts = append(s.Starts, scale(c.Starts[i]))
	}
	s.Period = scale(c.Period)
	if o.Mode != Bounce || n < 3 {
		return s
	}
	// Back down: frame f follows frame f+1 after frame f+1's own time,
	// so frame f starts at Period + (Starts[n-1] - Starts[f+1]).
	for f := n - 2; f >= 1; f-- {
		s.Frames = append(s.Frames, f)
		s.Starts = append(s.Starts, scale(c.Period+c.Starts[n-1]-c.Starts[f+1]))
	}
	s.Period = scale(c.Period + c.Starts[n-1] - c.Starts[1])
	return s
}

// at returns the start of absolute step k (step k mod len of cycle
// k / len).
func (s Sequence) at(k int) time.Duration {
	n := len(s.Frames)
	return time.Duration(k/n)*s.Period + s.Starts[k%n]
}

// index returns the absolute step showing at elapsed time d. A Once
// sequence stays on its last step.
func (s Sequence) index(d time.Duration) int {
	n := len(s.Frames)
	if s.Period <= 0 || d < 0 {
		return 0
	}
	cycle := int(d / s.Period)
	if s.Once && cycle > 0 {
		return n - 1
	}
	rest := d - time.Duration(cycle)*s.Period
	i := sort.Search(n, func(i int) bool { return s.Starts[i] > rest }) - 1
	return cycle*n + max(i, 0)
}

// frame returns the frame shown at absolute step k.
func (s Sequence) frame(k int) int { return s.Frames[k%len(s.Frames)] }
