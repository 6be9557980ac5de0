package cine

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

const ms = time.Millisecond

func TestSequence(t *testing.T) {
	c := clipFromFPS(4, 10) // 100 ms a frame
	// Variable frame times: 0, 30, 80, 150; last frame lasts 50.
	v := Clip{Starts: []time.Duration{0, 30 * ms, 80 * ms, 150 * ms}, Period: 200 * ms}
	for _, tc := range []struct {
		name   string
		clip   Clip
		o      Options
		frames []int
		starts []time.Duration
		period time.Duration
		once   bool
	}{
		{"loop 1×", c, Options{}, []int{0, 1, 2, 3}, []time.Duration{0, 100 * ms, 200 * ms, 300 * ms}, 400 * ms, false},
		{"loop 2×", c, Options{Speed: 2}, []int{0, 1, 2, 3}, []time.Duration{0, 50 * ms, 100 * ms, 150 * ms}, 200 * ms, false},
		{"loop 0.25×", c, Options{Speed: 0.25}, []int{0, 1, 2, 3}, []time.Duration{0, 400 * ms, 800 * ms, 1200 * ms}, 1600 * ms, false},
		{"bounce 1×", c, Options{Mode: Bounce}, []int{0, 1, 2, 3, 2, 1},
			[]time.Duration{0, 100 * ms, 200 * ms, 300 * ms, 400 * ms, 500 * ms}, 600 * ms, false},
		{"bounce 4×", c, Options{Mode: Bounce, Speed: 4}, []int{0, 1, 2, 3, 2, 1},
			[]time.Duration{0, 25 * ms, 50 * ms, 75 * ms, 100 * ms, 125 * ms}, 150 * ms, false},
		{"once 0.5×", c, Options{Mode: Once, Speed: 0.5}, []int{0, 1, 2, 3}, []time.Duration{0, 200 * ms, 400 * ms, 600 * ms}, 800 * ms, true},
		// Back down each frame keeps its own duration: 3 (50) was shown
		// last, then 2 (70 long), 1 (50 long), then 0 again.
		{"bounce variable", v, Options{Mode: Bounce}, []int{0, 1, 2, 3, 2, 1},
			[]time.Duration{0, 30 * ms, 80 * ms, 150 * ms, 200 * ms, 270 * ms}, 320 * ms, false},
		{"bounce two frames", clipFromFPS(2, 10), Options{Mode: Bounce}, []int{0, 1}, []time.Duration{0, 100 * ms}, 200 * ms, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.clip.Sequence(tc.o)
			if !slices.Equal(s.Frames, tc.frames) || !slices.Equal(s.Starts, tc.starts) || s.Period != tc.period || s.Once != tc.once {
				t.Errorf("got %v %v period %v once %v\nwant %v %v period %v once %v",
					s.Frames, s.Starts, s.Period, s.Once, tc.frames, tc.starts, tc.period, tc.once)
			}
		})
	}
}

// wantFrames is the frame order of mode for an n-frame run, k steps,
// written out independently of Sequence.
func wantFrames(mode Mode, n, k int) []int {
	var out []int
	for i := range k {
		switch mode {
		case Loop:
			out = append(out, i%n)
		case Bounce:
			p := i % (2*n - 2)
			if p >= n {
				p = 2*n - 2 - p
			}
			out = append(out, p)
		case Once:
			if i < n {
				out = append(out, i)
			}
		}
	}
	return out
}

// TestSchedulerModesAndSpeeds plays a 5-frame run at 10 fps in every mode
// and at every speed on a fake clock: each frame is shown in the mode's
// order at step × 100 ms ÷ speed, with nothing dropped; Once stops on the
// last frame by itself and says so.
func TestSchedulerModesAndSpeeds(t *testing.T) {
	for _, mode := range Modes {
		for _, speed := range Speeds {
			t.Run(fmt.Sprintf("%s %s", mode, SpeedText(speed, "en")), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					r := &recorder{start: time.Now()}
					s := NewScheduler(clipFromFPS(5, 10), r.show)
					var ended atomic.Int32
					s.SetOnEnd(func() { ended.Add(1) })
					s.SetOptions(Options{Mode: mode, Speed: speed})
					s.Play(0)
					step := time.Duration(float64(100*ms) / speed)
					time.Sleep(step*20 - step/2) // 20 steps
					synctest.Wait()
					want := wantFrames(mode, 5, 20)
					if !slices.Equal(r.frames, want) {
						t.Fatalf("frames %v, want %v", r.frames, want)
					}
					for i, d := range r.times {
						if w := time.Duration(i) * step; d != w {
							t.Fatalf("step %d (frame %d) at %v, want %v", i, r.frames[i], d, w)
						}
					}
					if _, dropped := s.Stats(); dropped != 0 {
						t.Errorf("%d dropped", dropped)
					}
					if mode == Once {
						if s.Playing() || ended.Load() != 1 {
							t.Errorf("once: playing %v after the end, end reported %d times", s.Playing(), ended.Load())
						}
						// Play again from the end: from the first frame.
						s.Play(4)
						synctest.Wait()
						if f, _ := r.last(); f != 0 {
							t.Errorf("replay started on frame %d", f)
						}
					} else if ended.Load() != 0 {
						t.Errorf("%s reported an end", mode)
					}
					s.Pause()
				})
			})
		}
	}
}

// TestBounceResumesDirection: paused on the way back down, a bouncing run
// goes on down when resumed.
func TestBounceResumesDirection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{start: time.Now()}
		s := NewScheduler(clipFromFPS(5, 10), r.show)
		s.SetOptions(Options{Mode: Bounce})
		s.Play(0)
		time.Sleep(550 * ms) // 0 1 2 3 4 3
		synctest.Wait()
		if f := s.Pause(); f != 3 {
			t.Fatalf("paused on %d", f)
		}
		s.Play(3)
		time.Sleep(250 * ms)
		synctest.Wait()
		s.Pause()
		if want := []int{0, 1, 2, 3, 4, 3, 3, 2, 1}; !slices.Equal(r.frames, want) {
			t.Errorf("frames %v, want %v", r.frames, want)
		}
	})
}

// TestSetOptionsWhilePlaying: a speed change goes on from the frame on
// screen with the new interval.
func TestSetOptionsWhilePlaying(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{start: time.Now()}
		s := NewScheduler(clipFromFPS(100, 10), r.show)
		s.Play(0)
		time.Sleep(250 * ms) // 0 1 2
		synctest.Wait()
		s.SetOptions(Options{Speed: 2}) // frame 2 again at 250 ms, then every 50 ms
		time.Sleep(101 * ms)
		synctest.Wait()
		s.Pause()
		if want := []int{0, 1, 2, 2, 3, 4}; !slices.Equal(r.frames, want) {
			t.Errorf("frames %v, want %v", r.frames, want)
		}
		if want := []time.Duration{0, 100 * ms, 200 * ms, 250 * ms, 300 * ms, 350 * ms}; !slices.Equal(r.times, want) {
			t.Errorf("times %v, want %v", r.times, want)
		}
		if o := s.Options(); o.Speed != 2 || o.Mode != Loop {
			t.Errorf("options %+v", o)
		}
	})
}

func TestSpeedsAndModes(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{{1, 1}, {3, 4}, {2.5, 2}, {0.3, 0.25}, {0, 1}, {-2, 1}, {100, 4}} {
		if got := NearestSpeed(tc.in); got != tc.want {
			t.Errorf("NearestSpeed(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if StepSpeed(1, 1) != 2 || StepSpeed(4, 1) != 4 || StepSpeed(0.5, -1) != 0.25 || StepSpeed(0.25, -1) != 0.25 {
		t.Error("StepSpeed")
	}
	if SpeedText(0.25, "en") != "0.25×" || SpeedText(2, "en") != "2×" || SpeedText(0.25, "ru") != "0,25×" {
		t.Errorf("SpeedText: %q %q %q", SpeedText(0.25, "en"), SpeedText(2, "en"), SpeedText(0.25, "ru"))
	}
	for _, m := range Modes {
		if got, ok := ParseMode(m.String()); !ok || got != m {
			t.Errorf("ParseMode(%q) = %v %v", m, got, ok)
		}
	}
	if _, ok := ParseMode("sideways"); ok {
		t.Error("ParseMode accepted nonsense")
	}
	if Loop.Next() != Bounce || Bounce.Next() != Once || Once.Next() != Loop {
		t.Error("Next")
	}
}
