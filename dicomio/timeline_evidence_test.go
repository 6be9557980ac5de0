package dicomio

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/internal/testutil"
)

// The synth phantom, in acquisition order: 0 scout, 1 early filling,
// 2 full distension, 3 cine run, 4 tubal filling, 5 spill, 6 delayed film
// (spots 1 to 7 of the study).
const (
	spScout, spEarly, spFull, spRun, spTubal, spSpill, spDelayed = 0, 1, 2, 3, 4, 5, 6
)

var (
	phantomOnce  sync.Once
	phantomStudy *synth.Study
	phantomFiles [][]byte
	phantomErr   error
)

// phantom returns fresh instances of the synth study (read from its
// bytes, so each test may edit them) and its manifest.
func phantom(t *testing.T) ([]*Instance, *synth.Study) {
	t.Helper()
	phantomOnce.Do(func() { phantomStudy, phantomFiles, phantomErr = synth.Encode(synth.Options{}) })
	if phantomErr != nil {
		t.Fatal(phantomErr)
	}
	ins := make([]*Instance, len(phantomFiles))
	for k, b := range phantomFiles {
		in, err := OpenBytes(phantomStudy.Images[k].Path, b)
		if err != nil {
			t.Fatal(err)
		}
		ins[k] = in
	}
	return ins, phantomStudy
}

// export keeps the images idx of ins (a partial export) and, if strip,
// removes their Contrast/Bolus module, as many CD exports do.
func export(ins []*Instance, strip bool, idx ...int) []*Instance {
	var out []*Instance
	for _, i := range idx {
		if strip {
			ins[i].Contrast = Contrast{}
		}
		out = append(out, ins[i])
	}
	return out
}

func minutesOf(t0 time.Time, in *Instance) float64 { return in.Acquired.Sub(t0).Minutes() }

func noHighScout(t *testing.T, tl *Timeline) {
	t.Helper()
	for _, e := range tl.Entries {
		if e.Phase == PhaseScout && e.Confidence == ConfidenceHigh && slices.Contains(e.Evidence, "time gap only") {
			t.Errorf("%s: a high-confidence scout on a time gap alone", e.Instance.SOPInstanceUID)
		}
	}
}

func TestDetectContrastPhantom(t *testing.T) {
	ins, st := phantom(t)
	var roles []string
	for _, im := range st.Images {
		roles = append(roles, im.Role)
	}
	small, files, err := synth.Encode(synth.Options{Rows: 256, Cols: 256, CineFrames: 4})
	if err != nil {
		t.Fatal(err)
	}
	for k, b := range files {
		in, err := OpenBytes(small.Images[k].Path, b)
		if err != nil {
			t.Fatal(err)
		}
		ins, roles = append(ins, in), append(roles, small.Images[k].Role)
	}
	for k, in := range ins {
		v, score, err := DetectContrast(in, in.DefaultFrame())
		if err != nil {
			t.Fatalf("%s: %v", roles[k], err)
		}
		want := ContrastSeen
		if roles[k] == synth.RoleScout {
			want = ContrastNotSeen
		}
		if v != want {
			t.Errorf("%s %d×%d: %s (score %.4f), want %s", roles[k], in.Pixel.Columns, in.Pixel.Rows, v, score, want)
		}
	}
}

// TestDetectContrastRealFiles runs the image test on the real XA/RF files
// of the shared corpus: coronary angiograms and RF spots, none an HSG. It
// must not fail or panic, and, as measured when the thresholds were set,
// thin opacified vessels do not count as a filled cavity (score 0).
func TestDetectContrastRealFiles(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(testutil.SharedDir(t), "xa_rf", "*.dcm"))
	if len(paths) == 0 {
		t.Skip("no xa_rf files in the shared corpus")
	}
	for _, p := range paths {
		in, err := OpenFile(p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		for _, f := range []int{0, in.DefaultFrame()} {
			v, score, err := DetectContrast(in, f)
			if err != nil {
				t.Errorf("%s frame %d: %v", filepath.Base(p), f, err)
				continue
			}
			if score < 0 || score > 1 || v == ContrastSeen || score >= ContrastNoneBelow {
				t.Errorf("%s frame %d: %s, score %.4f", filepath.Base(p), f, v, score)
			}
		}
	}
	// Not measurable: no pixels, a frame that does not exist.
	if v, _, err := DetectContrast(nil, 0); err == nil || v != ContrastUndecided {
		t.Errorf("nil instance: %s %v", v, err)
	}
	in, err := OpenFile(paths[0])
	if err == nil {
		if v, _, err := DetectContrast(in, in.Pixel.Frames+5); err == nil || v != ContrastUndecided {
			t.Errorf("missing frame: %s %v", v, err)
		}
	}
}

// TestTimelinePartialExport: spots 2, 6 and 7 of the study, as exported
// to a CD. The first is a contrast spot, never a scout.
func TestTimelinePartialExport(t *testing.T) {
	t.Run("contrast module stripped", func(t *testing.T) {
		ins, st := phantom(t)
		ims := export(ins, true, spEarly, spSpill, spDelayed)
		tl := BuildTimeline(ims, TimelineOptions{})
		noHighScout(t, tl)
		if got := phases(tl); got != "immediate immediate delayed" {
			t.Fatalf("phases %q", got)
		}
		if !slices.Contains(tl.Entries[0].Evidence, "contrast in the image") {
			t.Errorf("evidence of the first spot: %q", tl.Entries[0].Evidence)
		}
		if tl.T0Source != "first image with contrast in it" || tl.T0Confidence != ConfidenceMedium || !tl.T0.Equal(ims[0].Acquired) {
			t.Errorf("T0 %v (%s, %s)", tl.T0, tl.T0Source, tl.T0Confidence)
		}
		// The spill spot is 3.5 min after the first spot, not 0; the
		// delayed film 24.5 min (25 from the true start, which this export
		// does not date).
		if e := tl.Entries[1]; e.Minutes != 3.5 {
			t.Errorf("spill at %v min", e.Minutes)
		}
		if tl.Delayed == nil || tl.Delayed.Instance != ims[2] || tl.Delayed.Minutes != minutesOf(ims[0].Acquired, ims[2]) || tl.Delayed.Minutes != 24.5 {
			t.Errorf("delayed %+v", tl.Delayed)
		}
		if tl.Delayed.Confidence == ConfidenceHigh {
			t.Errorf("delayed minutes from a guessed T0 have high confidence")
		}
		_ = st
	})
	t.Run("contrast module kept", func(t *testing.T) {
		ins, st := phantom(t)
		ims := export(ins, false, spEarly, spSpill, spDelayed)
		tl := BuildTimeline(ims, TimelineOptions{})
		if tl.T0Source != "ContrastBolusStartTime" || !tl.T0.Equal(st.T0) || tl.T0Confidence != ConfidenceHigh {
			t.Errorf("T0 %v (%s)", tl.T0, tl.T0Source)
		}
		if got := phases(tl); got != "immediate immediate delayed" || tl.Delayed.Minutes != 25 || tl.Entries[0].Minutes != 0.5 {
			t.Errorf("phases %q, delayed %+v", got, tl.Delayed)
		}
	})
	t.Run("header says contrast but no image test", func(t *testing.T) {
		// The header alone keeps the first spot out of the scouts.
		ims := []*Instance{img(0, 1, "RF", ""), img(3.5, 1, "RF", ""), img(24.5, 1, "DX", "")}
		ims[0].Contrast.Agent = "Iopamidol 300"
		tl := BuildTimeline(ims, TimelineOptions{})
		if phases(tl) != "immediate immediate delayed" || tl.T0Source != "first image with contrast in its header" {
			t.Errorf("phases %q, T0 %s", phases(tl), tl.T0Source)
		}
		if !slices.Contains(tl.Entries[0].Evidence, "contrast agent in its header") {
			t.Errorf("evidence %q", tl.Entries[0].Evidence)
		}
	})
	t.Run("agent NONE is no contrast", func(t *testing.T) {
		ims := []*Instance{img(0, 1, "RF", ""), img(3.5, 1, "RF", ""), img(4, 1, "RF", "")}
		ims[0].Contrast.Agent = "NONE"
		tl := BuildTimeline(ims, TimelineOptions{})
		if phases(tl) != "scout immediate immediate" {
			t.Errorf("phases %q", phases(tl))
		}
	})
}

// TestTimelineTimeGapOnly: without header or image evidence (these
// instances have no pixels), a gap still makes a scout, at low
// confidence, and T0 after it is low too.
func TestTimelineTimeGapOnly(t *testing.T) {
	ims := []*Instance{img(0, 1, "RF", ""), img(3, 1, "RF", ""), img(4, 1, "RF", ""), img(29, 1, "DX", "")}
	tl := BuildTimeline(ims, TimelineOptions{})
	e := tl.Entries[0]
	if e.Phase != PhaseScout || e.Confidence != ConfidenceLow || strings.Join(e.Evidence, ";") != "time gap only" {
		t.Errorf("scout %s %s %q", e.Phase, e.Confidence, e.Evidence)
	}
	if tl.T0Confidence != ConfidenceLow || tl.T0Source != "first image after scout" {
		t.Errorf("T0 %s %s", tl.T0Source, tl.T0Confidence)
	}
	if d := tl.Delayed; d == nil || d.Confidence == ConfidenceHigh || !slices.Contains(d.Evidence, "time gap only") {
		t.Errorf("delayed %+v", d)
	}
	noHighScout(t, tl)
}

func TestTimelinePhantomSubsets(t *testing.T) {
	for _, tt := range []struct {
		name     string
		strip    bool
		keep     []int
		edit     func(ins []*Instance)
		phases   string
		evidence string // in the first entry's evidence
		conf     Confidence
		t0Source string
		t0At     int // index into keep: T0 is its acquisition
		delayed  float64
	}{
		{"spots only, no scout", true, []int{spEarly, spFull, spRun, spTubal, spSpill, spDelayed}, nil,
			"immediate immediate immediate immediate immediate delayed", "contrast in the image", ConfidenceHigh,
			"first image with contrast in it", 0, 24.5},
		{"scout present, named by its description", true, []int{spScout, spEarly, spSpill, spDelayed}, nil,
			"scout immediate immediate delayed", "series description 'HSG scout'", ConfidenceHigh,
			"first image with contrast in it", 1, 24.5},
		{"scout present, no description: the image decides", true, []int{spScout, spEarly, spSpill, spDelayed},
			func(ins []*Instance) {
				for _, in := range ins {
					in.SeriesDescription, in.ProtocolName, in.ImageComments = "", "", ""
				}
			},
			"scout immediate immediate delayed", "no contrast in the image", ConfidenceMedium,
			"first image with contrast in it", 1, 24.5},
		{"descriptions say SCOUT", true, []int{spScout, spEarly, spFull, spDelayed},
			func(ins []*Instance) { ins[spScout].SeriesDescription = "SCOUT" },
			"scout immediate immediate delayed", "series description 'SCOUT'", ConfidenceHigh,
			"first image with contrast in it", 1, 24.5},
		{"a contrast spot described as scout is no scout", true, []int{spEarly, spSpill, spDelayed},
			func(ins []*Instance) { ins[spEarly].SeriesDescription = "Scout" },
			"immediate immediate delayed", "contrast in the image", ConfidenceHigh,
			"first image with contrast in it", 0, 24.5},
		{"delayed film only, no contrast module", true, []int{spDelayed}, nil,
			"delayed", "series description 'Delayed 25 min'", ConfidenceLow, "first image with contrast in it", 0, -1},
		{"delayed film only, contrast module kept", false, []int{spDelayed}, nil,
			"delayed", "time from ContrastBolusStartTime", ConfidenceHigh, "ContrastBolusStartTime", -1, 25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ins, st := phantom(t)
			if tt.edit != nil {
				tt.edit(ins)
			}
			ims := export(ins, tt.strip, tt.keep...)
			tl := BuildTimeline(ims, TimelineOptions{})
			noHighScout(t, tl)
			if got := phases(tl); got != tt.phases {
				t.Fatalf("phases %q, want %q", got, tt.phases)
			}
			e := tl.Entries[0]
			if !slices.Contains(e.Evidence, tt.evidence) || e.Confidence != tt.conf {
				t.Errorf("first image: %s, evidence %q, want %q, %s", e.Confidence, e.Evidence, tt.evidence, tt.conf)
			}
			want := st.T0
			if tt.t0At >= 0 {
				want = ims[tt.t0At].Acquired
			}
			if tl.T0Source != tt.t0Source || !tl.T0.Equal(want) {
				t.Errorf("T0 %v (%s), want %v (%s)", tl.T0, tl.T0Source, want, tt.t0Source)
			}
			d := tl.Delayed
			switch {
			case d == nil || d.Instance != ims[len(ims)-1]:
				t.Errorf("delayed %+v", d)
			case tt.delayed < 0 && d.HasMinutes:
				t.Errorf("delayed minutes %v from an unknown start of contrast", d.Minutes)
			case tt.delayed >= 0 && (!d.HasMinutes || d.Minutes != tt.delayed):
				t.Errorf("delayed at %v min, want %v", d.Minutes, tt.delayed)
			}
		})
	}
}

// TestCorrectTimeline: the radiologist's overrides on the partial export.
func TestCorrectTimeline(t *testing.T) {
	ins, st := phantom(t)
	ims := export(ins, true, spEarly, spSpill, spDelayed)
	base := BuildTimeline(ims, TimelineOptions{})
	study := &Study{Images: ims, Timeline: base}

	t.Run("explicit T0 and a phase", func(t *testing.T) {
		o := &TimingOverrides{}
		at := time.Date(2026, 12, 5, 21, 0, 0, 0, time.UTC)
		o.SetT0Time(st.T0, "Dr Test", at)
		if err := o.SetPhase(ims[1].SOPInstanceUID, PhaseOther, "Dr Test", at); err != nil {
			t.Fatal(err)
		}
		tl, err := study.CorrectedTimeline(o)
		if err != nil {
			t.Fatal(err)
		}
		if tl.T0Source != "set by radiologist" || tl.T0Confidence != ConfidenceHigh || !tl.T0.Equal(st.T0) {
			t.Errorf("T0 %v %s", tl.T0, tl.T0Source)
		}
		if got := phases(tl); got != "immediate other delayed" {
			t.Errorf("phases %q", got)
		}
		if e := tl.Entries[1]; !e.SetByRadiologist || e.Confidence != ConfidenceHigh || strings.Join(e.Evidence, "") != "set by radiologist" {
			t.Errorf("overridden entry %+v", e)
		}
		if tl.Entries[0].Minutes != 0.5 || tl.Delayed == nil || tl.Delayed.Minutes != 25 {
			t.Errorf("minutes %v, delayed %+v", tl.Entries[0].Minutes, tl.Delayed)
		}
		// The base timeline is untouched.
		if base.T0Source != "first image with contrast in it" || phases(base) != "immediate immediate delayed" {
			t.Errorf("base changed: %s %q", base.T0Source, phases(base))
		}
		h := study.HangingFor(tl)
		if h.Slots[0].Entry == nil || h.Slots[0].Entry.Instance != ims[0] || h.Slots[1].Entry == nil || h.Slots[1].Entry.Instance != ims[2] {
			t.Errorf("hanging %+v", h.Slots)
		}
	})
	t.Run("first contrast image, delayed set", func(t *testing.T) {
		o := &TimingOverrides{}
		o.SetFirstContrastImage(ims[0].SOPInstanceUID, 0, "Dr Test", time.Time{})
		if err := o.SetPhase(ims[2].SOPInstanceUID, PhaseDelayed, "Dr Test", time.Time{}); err != nil {
			t.Fatal(err)
		}
		tl, err := CorrectTimeline(base, o)
		if err != nil {
			t.Fatal(err)
		}
		if !tl.T0.Equal(ims[0].Acquired) || !tl.Entries[0].SetByRadiologist || tl.Determination != "manual" || tl.Delayed.Minutes != 24.5 {
			t.Errorf("T0 %v, first %+v, determination %s", tl.T0, tl.Entries[0], tl.Determination)
		}
	})
	t.Run("a scout set by the radiologist moves T0", func(t *testing.T) {
		ins, _ := phantom(t)
		ims := export(ins, true, spScout, spEarly, spSpill, spDelayed)
		for _, in := range ims {
			in.SeriesDescription, in.ProtocolName, in.ImageComments = "", "", ""
		}
		o := &TimingOverrides{}
		_ = o.SetPhase(ims[1].SOPInstanceUID, PhaseScout, "Dr Test", time.Time{})
		tl, err := CorrectTimeline(BuildTimeline(ims, TimelineOptions{}), o)
		if err != nil {
			t.Fatal(err)
		}
		if got := phases(tl); got != "scout scout immediate delayed" || !tl.T0.Equal(ims[2].Acquired) || tl.Delayed.Minutes != 21 {
			t.Errorf("phases %q T0 %v delayed %+v", got, tl.T0, tl.Delayed)
		}
	})
	t.Run("bad overrides are named and skipped", func(t *testing.T) {
		o := &TimingOverrides{T0: &T0Override{SOPInstanceUID: "9.9.9"}, Phases: []PhaseOverride{{SOPInstanceUID: ims[0].SOPInstanceUID, Phase: "first"}}}
		tl, err := CorrectTimeline(base, o)
		if err == nil || !strings.Contains(err.Error(), "9.9.9 is not in this study") || !strings.Contains(err.Error(), `"first" is not a phase`) {
			t.Errorf("error %v", err)
		}
		if tl == nil || phases(tl) != phases(base) || !tl.T0.Equal(base.T0) {
			t.Errorf("timeline %v", tl)
		}
		if err := o.SetPhase("x", "later", "", time.Time{}); err == nil {
			t.Error("SetPhase accepted an unknown phase")
		}
	})
}

// BenchmarkDetectContrast measures the image test on a 1024² phantom
// spot: the cost BuildTimeline adds per leading image (at most
// maxImageTests) when no ContrastBolusStartTime dates the contrast.
func BenchmarkDetectContrast(b *testing.B) {
	st, files, err := synth.Encode(synth.Options{})
	if err != nil {
		b.Fatal(err)
	}
	in, err := OpenBytes(st.Images[spEarly].Path, files[spEarly])
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := DetectContrast(in, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCorrectTimelineFrameT0: T0 at a frame of the injection run.
func TestCorrectTimelineFrameT0(t *testing.T) {
	ins, _ := phantom(t)
	ims := export(ins, true, spRun, spTubal, spDelayed)
	run := ims[0]
	if len(run.Cine.FrameTimes) < 11 {
		t.Fatalf("run frame times %v", run.Cine.FrameTimes)
	}
	o := &TimingOverrides{}
	o.SetFirstContrastImage(run.SOPInstanceUID, 11, "Dr Test", time.Time{})
	tl, err := CorrectTimeline(BuildTimeline(ims, TimelineOptions{}), o)
	if err != nil {
		t.Fatal(err)
	}
	if want := run.Acquired.Add(run.Cine.FrameTimes[10]); !tl.T0.Equal(want) {
		t.Errorf("T0 %v, want %v", tl.T0, want)
	}
	if want := ims[2].Acquired.Sub(run.Acquired.Add(run.Cine.FrameTimes[10])).Minutes(); tl.Delayed == nil || tl.Delayed.Minutes != want {
		t.Errorf("delayed %+v, want %v min", tl.Delayed, want)
	}
	o.SetFirstContrastImage(run.SOPInstanceUID, 99, "Dr Test", time.Time{})
	if _, err := CorrectTimeline(BuildTimeline(ims, TimelineOptions{}), o); err == nil || !strings.Contains(err.Error(), "has no frame 99") {
		t.Errorf("frame 99: %v", err)
	}
	o.ClearT0()
	if tl, err := CorrectTimeline(BuildTimeline(ims, TimelineOptions{}), o); err != nil || tl.T0Source == "set by radiologist" || !o.IsZero() {
		t.Errorf("after ClearT0: %v %s", err, tl.T0Source)
	}
}
