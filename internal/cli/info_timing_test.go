package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/internal/testutil"
)

// TestInfoPartialExportTiming: spots 2, 6 and 7 of the phantom, the
// Contrast/Bolus module stripped as on many CDs. The first contrast spot
// is not a scout, no scout has high confidence, and each image says in
// words what decided its phase.
func TestInfoPartialExportTiming(t *testing.T) {
	dir := t.TempDir()
	_, kept := testutil.PartialHSGExport(t, dir, true, synth.RoleEarlyFilling, synth.RoleSpill, synth.RoleDelayed)
	var out, errb bytes.Buffer
	code, _ := Run([]string{"info", "--json", dir}, &out, &errb)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	// Read the JSON by its member names: they are the contract.
	var doc struct {
		Studies []struct {
			T0Source     string `json:"t0Source"`
			T0Confidence string `json:"t0Confidence"`
			Images       []struct {
				SOP           string   `json:"sopInstanceUid"`
				Phase         string   `json:"phase"`
				Confidence    string   `json:"confidence"`
				PhaseEvidence string   `json:"phaseEvidence"`
				Minutes       *float64 `json:"minutesFromT0"`
			} `json:"images"`
			Delayed *struct {
				SOP     string   `json:"sopInstanceUid"`
				Minutes *float64 `json:"minutesFromT0"`
			} `json:"delayed"`
		} `json:"studies"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Studies) != 1 {
		t.Fatalf("%v: %s", err, out.String())
	}
	s := doc.Studies[0]
	if s.T0Source != "first image with contrast in it" || s.T0Confidence != "medium" {
		t.Errorf("t0Source %q, t0Confidence %q", s.T0Source, s.T0Confidence)
	}
	want := map[string]string{kept[0].SOPInstanceUID: "immediate", kept[1].SOPInstanceUID: "immediate", kept[2].SOPInstanceUID: "delayed"}
	for _, im := range s.Images {
		if im.Phase == "scout" && im.Confidence == "high" {
			t.Errorf("%s: a high-confidence scout (%s)", im.SOP, im.PhaseEvidence)
		}
		if im.Phase != want[im.SOP] || im.PhaseEvidence == "" {
			t.Errorf("%s: %s (%s), want %s", im.SOP, im.Phase, im.PhaseEvidence, want[im.SOP])
		}
	}
	if first := s.Images[0]; first.SOP != kept[0].SOPInstanceUID || first.PhaseEvidence != "time from first image with contrast in it; contrast in the image" {
		t.Errorf("first image evidence %q", first.PhaseEvidence)
	}
	if s.Delayed == nil || s.Delayed.SOP != kept[2].SOPInstanceUID || s.Delayed.Minutes == nil || *s.Delayed.Minutes != 24.5 {
		t.Errorf("delayed %+v", s.Delayed)
	}
}
