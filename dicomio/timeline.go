package dicomio

import (
	"fmt"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Phase is the place of an image in an HSG examination.
type Phase string

const (
	PhaseScout     Phase = "scout"     // before contrast
	PhaseImmediate Phase = "immediate" // during contrast injection
	PhaseDelayed   Phase = "delayed"   // the 20–30 min (or oil: hours) review film
	PhaseOther     Phase = "other"     // none of these, as set by the radiologist
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
	// Evidence names, in words, what decided the phase: e.g.
	// "ContrastBolusStartTime", "series description 'HSG scout'",
	// "contrast agent in its header", "no contrast in the image",
	// "time gap only", "set by radiologist".
	Evidence []string
	// SetByRadiologist marks a phase (or, for the T0 image, a T0) set by
	// a [TimingOverrides].
	SetByRadiologist bool
}

// A Timeline orders a study's images and classifies them.
type Timeline struct {
	T0    time.Time
	HasT0 bool
	// T0Source says where T0 comes from: "ContrastBolusStartTime",
	// "first image with contrast in its header", "first image with
	// contrast in it", "first image after scout", "first image" or
	// "set by radiologist".
	T0Source string
	// T0Confidence grades T0: high from ContrastBolusStartTime or the
	// radiologist, medium from the first image with contrast or after a
	// scout decided by evidence, low from a time gap or the first image.
	T0Confidence Confidence
	Oil          bool // oil-based contrast: hours-long delay window
	Entries      []Entry
	// Delayed is the representative delayed image, or nil.
	Delayed *Entry
	// Determination says how the delayed image was found:
	// auto_time_offset or series_hint (report schema values).
	Determination string
	// Note explains a missing delayed image or a doubtful result.
	Note string
	// Overrides are the radiologist's corrections applied (nil for none).
	Overrides *TimingOverrides

	opt TimelineOptions // as built, to rebuild with overrides
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

// describedAs names, in words, the first description of in that suggests
// a delayed film, e.g. "series description 'Delayed 25 min'".
func describedAs(in *Instance) string {
	for _, d := range []struct{ what, text string }{
		{"series description", in.SeriesDescription}, {"protocol name", in.ProtocolName}, {"image comments", in.ImageComments},
	} {
		if delayedWords.MatchString(d.text) && !notDelayed.MatchString(d.text) {
			return fmt.Sprintf("%s '%s'", d.what, strings.TrimSpace(d.text))
		}
	}
	return "its description"
}

func hintText(in *Instance) string {
	return in.SeriesDescription + " " + in.ProtocolName + " " + in.ImageComments
}

// end returns when the acquisition of in finished.
func end(in *Instance) time.Time { return in.Acquired.Add(in.Cine.Duration) }

// BuildTimeline classifies images (sorted by SortByTime) into scout,
// immediate and delayed phases following hsg-reporting.md §4.7: T0 from
// Contrast/Bolus Start Time, else the first image with contrast in it or
// after a scout, else the first image; clusters split at gaps; the delayed
// image lies in a window after T0 and well after the immediate cluster;
// series descriptions are hints that never override valid times.
//
// A leading image is a scout only on evidence, which its entry names: its
// description (scout, plain, preliminary, control …), the image itself
// ([DetectContrast] finds no contrast), or, failing both, a time gap —
// and a scout decided by a time gap alone has low confidence. An image
// whose header carries a contrast agent or volume, or in which contrast
// is seen, is never a scout.
func BuildTimeline(images []*Instance, opt TimelineOptions) *Timeline {
	return buildTimeline(images, opt, nil)
}

// forced is a [TimingOverrides] resolved against a study's images.
type forced struct {
	t0      time.Time
	hasT0   bool
	t0Image *Instance // the image named as the first contrast image, if any
	phases  map[*Instance]Phase
}

// maxImageTests bounds how many leading images [DetectContrast] decodes
// while the timeline is built.
const maxImageTests = 3

func buildTimeline(images []*Instance, opt TimelineOptions, f *forced) *Timeline {
	opt = opt.withDefaults()
	t := &Timeline{Entries: make([]Entry, len(images)), opt: opt}
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
		t.applyForced(f)
		return t
	}
	first := images[timed[0]]

	// T0.
	scout := map[int]bool{}
	scoutWhy := map[int][]string{}
	scoutConf := map[int]Confidence{}
	leadWhy := map[int][]string{} // contrast evidence of the image after the scouts
	var t0Evidence []string
	if f != nil && f.hasT0 {
		t.T0, t.HasT0, t.T0Source, t.T0Confidence = f.t0, true, "set by radiologist", ConfidenceHigh
	}
	if !t.HasT0 {
		for _, i := range timed {
			in := images[i]
			if t0, ok := contrastStart(in); ok {
				t.T0, t.HasT0, t.T0Source, t.T0Confidence = t0, true, "ContrastBolusStartTime", ConfidenceHigh
				break
			}
		}
	}
	if !t.HasT0 {
		k, tests := 0, 0
		// Leading scouts, each on its evidence (see BuildTimeline). A
		// pause as long as the delay before a review film makes the first
		// image a scout by its time only when an injection run follows it
		// (several images or a cine run); a lone image after such a pause
		// is the delayed film of an immediate image, not the reverse.
		for k < len(timed)-1 {
			in, next := images[timed[k]], images[timed[k+1]]
			if p, ok := f.phase(in); ok {
				if p == PhaseScout {
					scout[timed[k]] = true
					k++
					continue
				}
				t0Evidence = []string{"set by radiologist"}
				break
			}
			gap := next.Acquired.Sub(end(in))
			ev := leadingEvidence(in, &tests)
			byGap := k == 0 && gap > opt.ScoutGap && (gap < opt.DelayedMin || runFollows(images, timed[k+1:], opt.GapSplit))
			if in.Pixel.Frames != 1 || ev.contrast != "" || gap <= 0 {
				t0Evidence, leadWhy[timed[k]] = ev.t0, ev.t0
				break
			}
			switch {
			case ev.scoutWords != "":
				scoutWhy[timed[k]] = append([]string{ev.scoutWords}, ev.image...)
				scoutConf[timed[k]] = ConfidenceHigh
			case ev.noContrast:
				scoutWhy[timed[k]] = ev.image
				scoutConf[timed[k]] = ConfidenceMedium
			case byGap && ev.contrastWords == "":
				scoutWhy[timed[k]] = []string{"time gap only"}
				scoutConf[timed[k]] = ConfidenceLow
			default:
				t0Evidence, leadWhy[timed[k]] = ev.t0, ev.image
			}
			if scoutWhy[timed[k]] == nil {
				break
			}
			scout[timed[k]] = true
			k++
		}
		if k == len(timed)-1 && t0Evidence == nil {
			ev := leadingEvidence(images[timed[k]], &tests)
			t0Evidence, leadWhy[timed[k]] = ev.t0, ev.image
		}
		t.T0, t.HasT0 = images[timed[k]].Acquired, true
		lowestScout := ConfidenceHigh
		for i := range scout {
			lowestScout = lower(lowestScout, scoutConf[i])
		}
		switch {
		case len(t0Evidence) > 0 && t0Evidence[0] == "set by radiologist":
			t.T0Source, t.T0Confidence = "first image after scout", ConfidenceMedium
		case len(t0Evidence) > 0 && t0Evidence[0] == "contrast agent in its header":
			t.T0Source, t.T0Confidence = "first image with contrast in its header", ConfidenceMedium
		case len(t0Evidence) > 0 && t0Evidence[0] == "contrast in the image":
			t.T0Source, t.T0Confidence = "first image with contrast in it", ConfidenceMedium
		case k > 0:
			t.T0Source, t.T0Confidence = "first image after scout", lower(lowestScout, ConfidenceMedium)
		default:
			t.T0Source, t.T0Confidence = "first image", ConfidenceLow
		}
		if k == 0 && t.T0Source == "first image after scout" {
			t.T0Source = "first image"
		}
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
	// A cluster that starts as late after T0 as a delayed film is not
	// the injection run: the run is not in these images.
	imm := -1
	for ci, c := range clusters {
		if !clusterEnd(c).Before(t.T0) {
			if images[c[0]].Acquired.Sub(t.T0) < opt.DelayedMin {
				imm = ci
			}
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
	timeWhy := "time from " + t.T0Source
	if t.T0Confidence == ConfidenceLow {
		timeWhy = "time gap only"
	}
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
		case scout[i]:
			e.Phase, e.Reason, e.Evidence = PhaseScout, "before contrast", scoutWhy[i]
			if c, ok := scoutConf[i]; ok {
				e.Confidence = lower(e.Confidence, c)
			}
			if len(e.Evidence) == 0 {
				e.Evidence = []string{"set by radiologist"}
			}
		case end(in).Before(t.T0):
			e.Phase, e.Reason = PhaseScout, "before contrast"
			e.Evidence = []string{"acquired before " + t.T0Source}
			if t.T0Source == "set by radiologist" {
				e.Evidence = []string{"acquired before the T0 set by radiologist"}
			}
			if why := headerContrastWords(in); why != "" {
				e.Confidence = ConfidenceLow
				e.Reason += "; but its header names a contrast agent"
				e.Evidence = append(e.Evidence, why)
			}
			if t.T0Confidence != ConfidenceHigh {
				e.Confidence = lower(e.Confidence, ConfidenceMedium)
			}
		case immediate[i] && hint && t.T0Confidence != ConfidenceHigh && !in.Acquired.After(t.T0):
			// The first image is described as delayed and nothing dates
			// the contrast: an export of the delayed film without the
			// injection run. Its minutes are unknown.
			e.Phase, e.Confidence, e.HasMinutes, e.Minutes = PhaseDelayed, ConfidenceLow, false, 0
			e.Reason = "described as delayed; the start of contrast is not in these images"
			e.Evidence = []string{describedAs(in)}
		case immediate[i]:
			e.Phase, e.Reason = PhaseImmediate, "in the contrast injection run"
			e.Evidence = []string{timeWhy}
			if why := headerContrastWords(in); why != "" {
				e.Evidence = append(e.Evidence, why)
			}
			for _, w := range leadWhy[i] {
				if !slices.Contains(e.Evidence, w) {
					e.Evidence = append(e.Evidence, w)
				}
			}
			if hint {
				e.Confidence = lower(e.Confidence, ConfidenceMedium)
				e.Reason += "; its description suggests a delayed image, but its time does not"
			}
		case since >= minD && since <= maxD && (imm < 0 || in.Acquired.Sub(immEnd) >= opt.ImmediateJoin):
			e.Phase = PhaseDelayed
			e.Reason = fmt.Sprintf("%.0f min after contrast, %.0f min after the injection run", since.Minutes(), in.Acquired.Sub(immEnd).Minutes())
			e.Evidence = []string{timeWhy}
			if hint {
				e.Evidence = append(e.Evidence, describedAs(in))
			} else if t.T0Confidence != ConfidenceHigh {
				// minutes from a T0 that is itself a guess
				e.Confidence = lower(e.Confidence, ConfidenceMedium)
			}
		case hint:
			e.Phase, e.Confidence = PhaseDelayed, ConfidenceLow
			e.Reason = fmt.Sprintf("described as delayed, but %.0f min after contrast is outside the expected window", since.Minutes())
			e.Evidence = []string{describedAs(in)}
		default:
			e.Phase, e.Reason = PhaseUnknown, fmt.Sprintf("%.0f min after contrast, outside the delayed window", since.Minutes())
			e.Evidence = []string{timeWhy}
		}
	}
	// Images without a time can only be placed by their description.
	for i := range t.Entries {
		e := &t.Entries[i]
		if e.Instance.TimeSource == TimeNone {
			t.hintOnly(e)
		}
	}
	t.applyForced(f)
	t.pickDelayed()
	return t
}

// applyForced sets the phases the radiologist chose.
func (t *Timeline) applyForced(f *forced) {
	if f == nil {
		return
	}
	for i := range t.Entries {
		e := &t.Entries[i]
		if p, ok := f.phases[e.Instance]; ok {
			e.Phase, e.Confidence, e.Reason = p, ConfidenceHigh, "set by radiologist"
			e.Evidence, e.SetByRadiologist = []string{"set by radiologist"}, true
		}
		if f.t0Image != nil && e.Instance == f.t0Image {
			e.SetByRadiologist = true
			if _, ok := f.phases[e.Instance]; !ok {
				e.Phase, e.Confidence, e.Reason = PhaseImmediate, ConfidenceHigh, "set by radiologist as the first contrast image"
				e.Evidence = []string{"set by radiologist"}
			}
		}
	}
}

// phase returns the phase forced on in, if any.
func (f *forced) phase(in *Instance) (Phase, bool) {
	if f == nil {
		return "", false
	}
	p, ok := f.phases[in]
	return p, ok
}

// evidence is what the header and the pixels of a leading image say
// about contrast.
type evidence struct {
	contrast      string   // why it holds contrast; "" if nothing says so
	scoutWords    string   // its description calls it a scout
	contrastWords string   // its description names contrast or a later phase
	noContrast    bool     // the image test found no contrast
	image         []string // the image test's verdict, in words
	t0            []string // why it can be T0
}

var (
	contrastWords = regexp.MustCompile(`(?i)(contrast|kontrast|inject|fill|spill|delay|\blater?\b|\bpost\b|tub[ae]|salping|\bhsg ?(spot|run|fluoro))`)
	noneAgent     = regexp.MustCompile(`(?i)^\s*(none|no|nil|n/?a|-+|0)\s*$`)
)

// headerContrastWords says, in words, that in's own header records
// contrast given: an agent (not "none") or a volume above zero.
func headerContrastWords(in *Instance) string {
	c := in.Contrast
	if c.HasVolume && c.VolumeMl > 0 {
		return "contrast agent in its header"
	}
	if a := c.Agent + c.AgentCode; strings.TrimSpace(a) != "" && !noneAgent.MatchString(c.Agent) {
		return "contrast agent in its header"
	}
	return ""
}

// leadingEvidence gathers the evidence on a leading image; tests counts
// the image tests run, at most maxImageTests per timeline.
func leadingEvidence(in *Instance, tests *int) evidence {
	var ev evidence
	if why := headerContrastWords(in); why != "" {
		ev.contrast, ev.t0 = why, []string{why}
		return ev
	}
	for _, d := range []struct{ what, text string }{
		{"series description", in.SeriesDescription}, {"protocol name", in.ProtocolName}, {"image comments", in.ImageComments},
	} {
		switch {
		case d.text == "":
		case scoutHint.MatchString(d.text) && ev.scoutWords == "":
			ev.scoutWords = fmt.Sprintf("%s '%s'", d.what, strings.TrimSpace(d.text))
		case contrastWords.MatchString(d.text) && ev.contrastWords == "":
			ev.contrastWords = fmt.Sprintf("%s '%s'", d.what, strings.TrimSpace(d.text))
		}
	}
	if *tests < maxImageTests && in.HasPixels {
		*tests++
		switch v, _, err := DetectContrast(in, in.DefaultFrame()); {
		case err != nil:
		case v == ContrastSeen:
			ev.contrast, ev.image = "contrast in the image", []string{"contrast in the image"}
		case v == ContrastNotSeen:
			ev.noContrast, ev.image = true, []string{"no contrast in the image"}
		}
	}
	if ev.contrast != "" {
		ev.t0 = []string{ev.contrast}
	}
	return ev
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
	tm, ok := dicomtext.ParseTM(in.Contrast.StartTime)
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
		if e.SetByRadiologist {
			s -= 10000 // the radiologist's choice first
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
	if d.SetByRadiologist {
		t.Determination = "manual"
	} else if !d.HasMinutes || d.Confidence == ConfidenceLow && delayedHint(d.Instance) {
		t.Determination = "series_hint"
	}
	in := d.Instance
	if d.HasMinutes && (in.Modality == "DX" || in.Modality == "CR") && (t.Entries[0].Instance.Modality == "RF" || t.Entries[0].Instance.Modality == "XA") {
		d.Reason += "; a radiograph after the fluoroscopy run"
	}
}
