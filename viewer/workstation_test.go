package viewer

import (
	"github.com/hsgview/hsgview/viewer/thumbs"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
)

// TestErrorsKeyWithoutFailures: E with no file that failed to load says
// so in the status bar instead of doing nothing visible.
func TestErrorsKeyWithoutFailures(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	if len(v.ErrorLines()) != 0 || !v.errorsBtn.Hidden {
		t.Fatalf("the fixtures failed to load: %q", v.ErrorLines())
	}
	v.TypedRune('e')
	if v.errorsPanel.Visible() {
		t.Error("E showed an empty errors panel")
	}
	if got := v.status.Text; got != "No file failed to load" {
		t.Errorf("status %q", got)
	}
}

// TestLayout2x2Distinct: after the user shows the injection run in the
// left pane, 2×2 fills the lower panes with other images (the spot it
// displaced, the scout), never the run a second time; a pane the user
// chose keeps its image.
func TestLayout2x2Distinct(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	var run *thumbs.Thumbnail
	for _, th := range v.thumbs {
		if th.Entry().Instance.Pixel.Frames > 1 {
			run = th
		}
	}
	if run == nil {
		t.Fatal("the fixtures have no run")
	}
	spot := v.Pane(0).Instance()
	v.activate(v.Pane(0))
	v.thumbTapped(run)
	q.settle(t)
	v.SetLayout(Layout2x2)
	q.settle(t)
	seen := map[*dicomio.Instance]int{}
	for i := range 4 {
		in := v.Pane(i).Instance()
		if in == nil {
			t.Fatalf("pane %d is empty (%q)", i, v.Pane(i).view.Message())
		}
		seen[in]++
	}
	if len(seen) != 4 {
		t.Errorf("2×2 shows %d distinct images", len(seen))
	}
	if v.Pane(0).Instance() != run.Entry().Instance || v.Pane(2).Instance() != spot {
		t.Errorf("panes: %q, %q, %q, %q; want the run top left and the spot it displaced below it",
			v.Pane(0).Title(), v.Pane(1).Title(), v.Pane(2).Title(), v.Pane(3).Title())
	}
	// A lower pane the user chose stays through 1×2 and back.
	v.activate(v.Pane(3))
	v.thumbTapped(v.thumbs[len(v.thumbs)-2])
	q.settle(t)
	chosen := v.Pane(3).Instance()
	v.SetLayout(Layout1x2)
	v.SetLayout(Layout2x2)
	q.settle(t)
	if v.Pane(3).Instance() != chosen {
		t.Errorf("the chosen pane now shows %q", v.Pane(3).Title())
	}
}
