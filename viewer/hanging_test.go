package viewer

import (
	"strings"
	"testing"
)

// TestDelayedFilmFromAnotherStudy: the delayed film filed under its own
// study and accession of the same patient is shown in the right pane and
// in the strip, and the status line says where it comes from.
func TestDelayedFilmFromAnotherStudy(t *testing.T) {
	fxs := hsgFixtures()
	dx := &fxs[len(fxs)-1]
	dx.StudyUID, dx.SeriesUID = "1.2.826.0.1.3680043.10.1078.77", "1.2.826.0.1.3680043.10.1078.77.1"
	v, q, _ := newTestViewer(t, 1000, 600)
	dir := t.TempDir()
	for i, fx := range fxs {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.Open([]string{dir})
	q.settle(t)
	right := v.panes[1].Instance()
	if right == nil || right.Modality != "DX" || right.StudyInstanceUID != dx.StudyUID {
		t.Fatalf("right pane shows %+v, want the DX film of the other study", right)
	}
	if !strings.Contains(v.status.Text, "from another study of this patient") {
		t.Errorf("status %q does not say where the delayed film comes from", v.status.Text)
	}
	found := false
	for _, th := range v.thumbs {
		found = found || th.Entry().Instance == right
	}
	if !found {
		t.Error("the linked film is not in the thumbnail strip")
	}
}
