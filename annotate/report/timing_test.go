package report_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/internal/testutil"
)

// TestTimingOverrideRoundTrip: a partial export (spots 2, 6 and 7, the
// Contrast/Bolus module stripped) dates contrast from the first spot; the
// radiologist sets T0 and marks the spill spot as "other" in the draft.
// The draft JSON, read back, gives the corrected timeline, the hanging
// and the prefilled minutes.
func TestTimingOverrideRoundTrip(t *testing.T) {
	dir := t.TempDir()
	st, kept := testutil.PartialHSGExport(t, dir, true, synth.RoleEarlyFilling, synth.RoleSpill, synth.RoleDelayed)
	c, err := dicomio.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if len(c.Studies) != 1 {
		t.Fatalf("%d studies", len(c.Studies))
	}
	s := c.Studies[0]
	early, spill, film := kept[0].SOPInstanceUID, kept[1].SOPInstanceUID, kept[2].SOPInstanceUID

	// Without overrides: T0 at the first spot, the film at +24.5 min.
	if tl := s.Timeline; tl.T0Source != "first image with contrast in it" || tl.Delayed == nil || tl.Delayed.Minutes != 24.5 {
		t.Fatalf("automatic timeline: T0 %s, delayed %+v", tl.T0Source, tl.Delayed)
	}

	t0 := st.T0.Format(time.RFC3339)
	draft := fmt.Sprintf(`{"schemaVersion": "1.0", "reportId": "r1", "status": "draft",
		"study": {"studyInstanceUid": %q}, "technique": {}, "uterus": {}, "tubes": {}, "impression": {},
		"timingOverrides": {"t0": {"time": %q}, "phases": [{"sopInstanceUid": %q, "phase": "other"}],
			"setBy": "Kowalska^Anna", "setAt": "2026-03-12T11:00:00Z"}}`, s.UID, t0, spill)
	r, err := report.Load(bytes.NewReader([]byte(draft)))
	if err != nil {
		t.Fatal(err)
	}
	if o := r.TimingOverrides; o == nil || o.SetBy != "Kowalska^Anna" || o.T0 == nil || o.T0.Time == nil || !o.T0.Time.Equal(st.T0) {
		t.Fatalf("overrides read %+v", o)
	}
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if r, err = report.Load(bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}

	tl, err := r.Timeline(s)
	if err != nil {
		t.Fatal(err)
	}
	if tl.T0Source != "set by radiologist" || !tl.T0.Equal(st.T0) {
		t.Errorf("T0 %v (%s), want %v", tl.T0, tl.T0Source, st.T0)
	}
	for _, e := range tl.Entries {
		want := map[string]string{early: "immediate 0.5", spill: "other 4.0", film: "delayed 25.0"}[e.Instance.SOPInstanceUID]
		if got := fmt.Sprintf("%s %.1f", e.Phase, e.Minutes); got != want {
			t.Errorf("%s: %s, want %s", e.Instance.SOPInstanceUID, got, want)
		}
		if e.Instance.SOPInstanceUID == spill && (!e.SetByRadiologist || e.Evidence[0] != "set by radiologist") {
			t.Errorf("spill entry %+v", e)
		}
	}
	h := s.HangingFor(tl)
	if h.Slots[0].Entry == nil || h.Slots[0].Entry.Instance.SOPInstanceUID != early ||
		h.Slots[1].Entry == nil || h.Slots[1].Entry.Instance.SOPInstanceUID != film {
		t.Errorf("hanging: %+v", h.Slots)
	}

	if _, err := r.Prefill(s, nil); err != nil {
		t.Fatal(err)
	}
	d := r.Technique.DelayedImage
	if d.MinutesAfterContrast == nil || *d.MinutesAfterContrast != 25 {
		t.Errorf("prefilled delayed minutes %v, want 25", d.MinutesAfterContrast)
	}

	// The radiologist also marks the film delayed: a manual determination.
	if err := r.TimingOverrides.SetPhase(film, dicomio.PhaseDelayed, "Kowalska^Anna", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Prefill(s, &report.PrefillOptions{Refresh: true}); err != nil {
		t.Fatal(err)
	}
	if d := r.Technique.DelayedImage; d.Determination != report.DeterminedManually || *d.MinutesAfterContrast != 25 {
		t.Errorf("after marking the film: %s %v", d.Determination, *d.MinutesAfterContrast)
	}
}

// TestOldDraftWithoutOverrides: a draft written before timingOverrides
// existed loads and prefills from the study's own timeline.
func TestOldDraftWithoutOverrides(t *testing.T) {
	r, err := report.Load(bytes.NewReader([]byte(`{"schemaVersion": "1.0", "reportId": "r0", "status": "draft",
		"study": {}, "technique": {}, "uterus": {}, "tubes": {}, "impression": {}}`)))
	if err != nil {
		t.Fatal(err)
	}
	if r.TimingOverrides != nil {
		t.Errorf("overrides %+v", r.TimingOverrides)
	}
	b, _ := r.Marshal()
	if bytes.Contains(b, []byte("timingOverrides")) {
		t.Errorf("an empty override written:\n%s", b)
	}
}
