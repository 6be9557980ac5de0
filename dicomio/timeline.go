package dicomio

import (
	"fmt"
	"math"
	"regexp"
	"time"
)

// Phase is the place of an image in an HSG examination.
type Phase string

const (
	PhaseScout     Phase = "scout"     // before contrast
	PhaseImmediate Phase = "immediate" // during contrast injection
	PhaseDelayed   Phase = "delayed"   // the 20–30 min (or oil: hours) review film
	PhaseUnknown   Phase = "unknown"
)

// Confidence grades how far an automatic result can be trusted.
type Confidence string

const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

var confidenceRank = map[Confidence]int{ConfidenceLow: 0, ConfidenceMedium: 1, ConfidenceHigh: 2}

func lower(a, b Confidence) Confidence {
	if confidenceRank[a] < confidenceRank[b] {
		return a
	}
	return b
}

// TimelineOptions are the tunable thresholds of hsg-reporting.md §4.7.
// Zero values mean the defaults shown.
type TimelineOptions struct {
	GapSplit      time.Duration // new cluster after a gap longer than this (8 min)
	ScoutGap      time.Duration // a first single image followed by this gap is a scout (2 min)
	ImmediateJoin time.Duration // clusters starting this soon after the immediate one join it (10 min)
	// Delayed window from T0 for water-soluble contrast (10–90 min, nominal
	// 20–30) and for oil-based contrast (45 min–48 h, nominal 24 h).
	DelayedMin, DelayedMax       time.Duration
	OilDelayedMin, OilDelayedMax time.Duration
}

func (o TimelineOptions) withDefaults() TimelineOptions {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.GapSplit, 8*time.Minute)
	def(&o.ScoutGap, 2*time.Minute)
	def(&o.ImmediateJoin, 10*time.Minute)
	def(&o.DelayedMin, 10*time.Minute)
	def(&o.DelayedMax, 90*time.Minute)
	def(&o.OilDelayedMin, 45*time.Minute)
	def(&o.OilDelayedMax, 48*time.Hour)
	return o
}

// An Entry is one image's place on the timeline.
type Entry struct {
	Instance   *Instance
	Phase      Phase
	Minutes    float64 // from T0; valid when HasMinutes
	HasMinutes bool
	Confidence Confidence
	Reason     string // why this phase, for the reader
}

// A Timeline orders a study's images and classifies them.
type Timeline struct {
	T0       time.Time
	HasT0    bool
	T0Source string // ContrastBolusStartTime, first image after scout, first image
	Oil      bool   // oil-based contrast: hours-long delay window
	Entries  []Entry
	// Delayed is the representative delayed image, or nil.
	Delayed *Entry
	// Determination says how the delayed image was found:
	// auto_time_offset or series_hint (report schema values).
	Determination string
	// Note explains a missing delayed image or a doubtful result.
	Note string
}

// Entry returns the entry of in, or nil.
func (t *Timeline) Entry(in *Instance) *Entry {
	for i := range t.Entries {
		if t.Entries[i].Instance == in {
			return &t.Entries[i]
		}
	}
	return nil
}

var (
	// §4.7.7's hint words. "late" and "post" count as words only, so a
	// lateral view or a posterior projection is no hint, and
	// "post-contrast" describes every image after the scout.
	delayedWords = regexp.MustCompile(`(?i)(delay|verzög|\blater?\b|\bpost\b|post[ -]?(drain|evac|void)|drain|evac|spät|spaet|retard|tardi|\b(15|20|25|30|45|60) ?min|review)`)
	notDelayed   = regexp.MustCompile(`(?i)\bpost[ -]?(contrast|injection|kontrast|inj)\b`)
	scoutHint    = regexp.MustCompile(`(?i)(scout|plain|prelim|control|leer|nativ|survey|localizer|pre[- ]?contrast)`)
	oilHint      = regexp.MustCompile(`(?i)(lipiodol|ethiodi[sz]ed|ethiodol|oil|poppy)`)
)

// delayedHint reports whether in's descriptions suggest a delayed film.
func delayedHint(in *Instance) bool {
	t := hintText(in)
	return delayedWords.MatchString(t) && !notDelayed.MatchString(t)
}

func hintText(in *Instance) string {
	return in.SeriesDescription + " " + in.ProtocolName + " " + in.ImageComments
}

// end returns when the acquisition of in finished.
func end(in *Instance) time.Time { return in.Acquired.Add(in.Cine.Duration) }

// BuildTimeline classifies images (sorted by SortByTime) into scout,
// immediate and delayed phases following hsg-reporting.md §4.7: T0 from
// Contrast/Bolus Start Time, else the first image after a scout, else the
// first image; clusters split at gaps; the delayed image lies in a window
// after T0 and well after the immediate cluster; series descriptions are
// hints that never override valid times.
func BuildTimeline(images []*Instance, opt TimelineOptions) *Timeline {
	opt = opt.withDefaults()
	t := &Timeline{Entries: make([]Entry, len(images))}
	var timed []int
	for i, in := range images {
		t.Entries[i] = Entry{Instance: in, Phase: PhaseUnknown, Confidence: ConfidenceLow}
		if in.TimeSource != TimeNone {
			timed = append(timed, i)
		}
		if oilHint.MatchString(in.Contrast.Agent + " " + in.Contrast.AgentMeaning + " " + in.Contrast.Ingredient) {
			t.Oil = true
		}
	}
	if len(timed) == 0 {
		t.applyHintsOnly()
		return t
	}
	first := images[timed[0]]

	// T0.
	scout := map[int]bool{}
	for _, i := range timed {
		in := images[i]
		if t0, ok := contrastStart(in); ok {
			t.T0, t.HasT0, t.T0Source = t0, true, "ContrastBolusStartTime"
			break
		}
	}
	if !t.HasT0 {
		k := 0
		// Leading scouts: the first single frame when a pause follows it,
		// or images described as scouts that a pause separates from the
		// next. A pause as long as the delay before a review film makes
		// the first image a scout only when an injection run follows it
		// (several images or a cine run); a lone image after such a pause
		// is the delayed film of an immediate image, not the reverse.
		for k < len(timed)-1 {
			in, next := images[timed[k]], images[timed[k+1]]
			gap := next.Acquired.Sub(end(in))
			byGap := k == 0 && gap > opt.ScoutGap && (gap < opt.DelayedMin || runFollows(images, timed[k+1:], opt.GapSplit))
			byHint := scoutHint.MatchString(hintText(in)) && gap > 0
			if in.Pixel.Frames == 1 && (byGap || byHint) {
				scout[timed[k]] = true
				k++
				continue
			}
			break
		}
		if k > 0 {
			t.T0, t.T0Source = images[timed[k]].Acquired, "first image after scout"
		} else {
			t.T0, t.T0Source = first.Acquired, "first image"
		}
		t.HasT0 = true
	}

	// Clusters of images separated by more than GapSplit.
	var clusters [][]int
	var lastEnd time.Time
	for _, i := range timed {
		in := images[i]
		if len(clusters) == 0 || in.Acquired.Sub(lastEnd) > opt.GapSplit {
			clusters = append(clusters, nil)
			lastEnd = end(in)
		}
		clusters[len(clusters)-1] = append(clusters[len(clusters)-1], i)
		if e := end(in); e.After(lastEnd) {
			lastEnd = e
		}
	}
	clusterEnd := func(c []int) time.Time {
		var e time.Time
		for _, i := range c {
			if x := end(images[i]); x.After(e) {
				e = x
			}
		}
		return e
	}
	// The immediate cluster holds the first image at or after T0.
	imm := -1
	for ci, c := range clusters {
		if !clusterEnd(c).Before(t.T0) {
			imm = ci
			break
		}
	}
	immediate := map[int]bool{}
	var immEnd time.Time
	if imm >= 0 {
		immEnd = clusterEnd(clusters[imm])
		for _, i := range clusters[imm] {
			immediate[i] = true
		}
		for ci := imm + 1; ci < len(clusters); ci++ {
			if images[clusters[ci][0]].Acquired.Sub(immEnd) >= opt.ImmediateJoin {
				break
			}
			for _, i := range clusters[ci] {
				immediate[i] = true
			}
			immEnd = clusterEnd(clusters[ci])
		}
	}
	minD, maxD := opt.DelayedMin, opt.DelayedMax
	if t.Oil {
		minD, maxD = opt.OilDelayedMin, opt.OilDelayedMax
	}
	t0Device := device(first)
	for _, i := range timed {
		e := &t.Entries[i]
		in := e.Instance
		e.Minutes, e.HasMinutes = in.Acquired.Sub(t.T0).Minutes(), true
		e.Confidence = timeConfidence(in.TimeSource)
		if device(in) != t0Device || in.DateBorrowed {
			e.Confidence = lower(e.Confidence, ConfidenceMedium) // other clock, or a date not its own
		}
		since := in.Acquired.Sub(t.T0)
		hint := delayedHint(in)
		switch {
		case scout[i] || end(in).Before(t.T0):
			e.Phase, e.Reason = PhaseScout, "before contrast"
		case immediate[i]:
			e.Phase, e.Reason = PhaseImmediate, "in the contrast injection run"
			if hint {
				e.Confidence = lower(e.Confidence, ConfidenceMedium)
				e.Reason += "; its description suggests a delayed image, but its time does not"
			}
		case since >= minD && since <= maxD && (imm < 0 || in.Acquired.Sub(immEnd) >= opt.ImmediateJoin):
			e.Phase = PhaseDelayed
			e.Reason = fmt.Sprintf("%.0f min after contrast, %.0f min after the injection run", since.Minutes(), in.Acquired.Sub(immEnd).Minutes())
		case hint:
			e.Phase, e.Confidence = PhaseDelayed, ConfidenceLow
			e.Reason = fmt.Sprintf("described as delayed, but %.0f min after contrast is outside the expected window", since.Minutes())
		default:
			e.Phase, e.Reason = PhaseUnknown, fmt.Sprintf("%.0f min after contrast, outside the delayed window", since.Minutes())
		}
	}
	// Images without a time can only be placed by their description.
	for i := range t.Entries {
		e := &t.Entries[i]
		if e.Instance.TimeSource == TimeNone {
			t.hintOnly(e)
		}
	}
	t.pickDelayed()
	return t
}

// runFollows reports whether the images at the start of timed form an
// injection run: a cine run, or two or more images within gapSplit of
// each other that are not both radiographs (a delayed film and a
// post-drainage film are not an injection run).
func runFollows(images []*Instance, timed []int, gapSplit time.Duration) bool {
	if len(timed) == 0 {
		return false
	}
	first := images[timed[0]]
	if first.Pixel.Frames > 1 {
		return true
	}
	if len(timed) < 2 {
		return false
	}
	second := images[timed[1]]
	film := func(in *Instance) bool { return in.Modality == "DX" || in.Modality == "CR" }
	return second.Acquired.Sub(end(first)) <= gapSplit && !(film(first) && film(second))
}

// contrastStart combines Contrast/Bolus Start Time, which has no date,
// with the day of the image that carries it: of that day, the day before
// and the day after, the start nearest to the image, so that a start at
// 23:58 for an image at 00:03 falls on the previous day and a start at
// 00:01 recorded on a scout taken at 23:57 falls on the next one.
func contrastStart(in *Instance) (time.Time, bool) {
	tm, ok := parseTM(in.Contrast.StartTime)
	if !ok || in.TimeSource == TimeNone {
		return time.Time{}, false
	}
	a := in.Acquired
	day := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, a.Location())
	best := day.Add(tm)
	for _, d := range []int{-1, 1} {
		if c := day.AddDate(0, 0, d).Add(tm); absDur(c.Sub(a)) < absDur(best.Sub(a)) {
			best = c
		}
	}
	return best, true
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func device(in *Instance) string {
	if in.DeviceSerialNumber != "" {
		return in.Manufacturer + "|" + in.DeviceSerialNumber
	}
	return in.Manufacturer + "|" + in.StationName + "|" + in.Model
}

func timeConfidence(s TimeSource) Confidence {
	switch s {
	case TimeAcquisitionDateTime, TimeAcquisitionDate:
		return ConfidenceHigh
	case TimeContentDate:
		return ConfidenceMedium
	}
	return ConfidenceLow
}

func (t *Timeline) hintOnly(e *Entry) {
	if delayedHint(e.Instance) {
		e.Phase, e.Confidence, e.Reason = PhaseDelayed, ConfidenceLow, "no acquisition time; described as delayed"
	} else {
		e.Phase, e.Confidence, e.Reason = PhaseUnknown, ConfidenceLow, "no acquisition time"
	}
}

func (t *Timeline) applyHintsOnly() {
	for i := range t.Entries {
		t.hintOnly(&t.Entries[i])
	}
	t.pickDelayed()
	if t.Delayed == nil {
		t.Note = "no image has an acquisition time: phases cannot be determined"
	}
}

// pickDelayed chooses the representative delayed image: a single frame
// before a run, the one closest to the nominal delay, the most confident.
func (t *Timeline) pickDelayed() {
	nominalLo, nominalHi := 20.0, 30.0
	if t.Oil {
		nominalLo, nominalHi = 24*60, 24*60
	}
	score := func(e *Entry) float64 {
		s := 0.0
		if e.Instance.Pixel.Frames > 1 {
			s += 1000
		}
		if e.HasMinutes {
			d := 0.0
			if e.Minutes < nominalLo {
				d = nominalLo - e.Minutes
			} else if e.Minutes > nominalHi {
				d = e.Minutes - nominalHi
			}
			s += d + math.Abs(e.Minutes-(nominalLo+nominalHi)/2)/100
		} else {
			s += 500
		}
		return s - float64(confidenceRank[e.Confidence])*0.001
	}
	for i := range t.Entries {
		e := &t.Entries[i]
		if e.Phase != PhaseDelayed {
			continue
		}
		if t.Delayed == nil || score(e) < score(t.Delayed) {
			t.Delayed = e
		}
	}
	if t.Delayed == nil {
		if t.Note == "" {
			last := -1.0
			for _, e := range t.Entries {
				if e.HasMinutes && e.Minutes > last {
					last = e.Minutes
				}
			}
			if last >= 0 {
				t.Note = fmt.Sprintf("no delayed image: the last image is at +%.0f min after contrast", last)
			} else {
				t.Note = "no delayed image"
			}
		}
		return
	}
	d := t.Delayed
	t.Determination = "auto_time_offset"
	if !d.HasMinutes || d.Confidence == ConfidenceLow && delayedHint(d.Instance) {
		t.Determination = "series_hint"
	}
	in := d.Instance
	if d.HasMinutes && (in.Modality == "DX" || in.Modality == "CR") && (t.Entries[0].Instance.Modality == "RF" || t.Entries[0].Instance.Modality == "XA") {
		d.Reason += "; a radiograph after the fluoroscopy run"
	}
}
