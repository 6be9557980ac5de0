package viewer

import (
	"image"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// loadEntry loads study image i into p and waits for the first frame.
func loadEntry(t *testing.T, p *Pane, q *testQueue, st *dicomio.Study, i int) {
	t.Helper()
	e := &st.Timeline.Entries[i]
	p.Load(st, e, e.Instance, e.Instance.DefaultFrame())
	q.settle(t)
	if !p.view.HasImage() {
		t.Fatalf("no image after loading %s", e.Instance)
	}
}

func TestPaneGolden(t *testing.T) {
	st := writeStudy(t, hsgFixtures()).Studies[0]
	for _, tc := range []struct {
		name  string
		entry int
		setup func(p *Pane)
	}{
		{"pane_spot.png", 2, nil},
		{"pane_delayed_mono1.png", 4, nil},
		{"pane_rotated_flipped.png", 2, func(p *Pane) {
			p.view.SetOrientation(imageview.Orientation{Rotation: 1, FlipH: true})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, q, w := newTestPane(t, 520, 400)
			loadEntry(t, p, q, st, tc.entry)
			if tc.setup != nil {
				tc.setup(p)
				q.settle(t)
			}
			test.AssertImageMatches(t, tc.name, w.Canvas().Capture())
		})
	}
}

func TestPaneNoOrientationGolden(t *testing.T) {
	fx := hsgFixtures()[2]
	fx.Orientation = ""
	st := writeStudy(t, []fixture{fx}).Studies[0]
	p, q, w := newTestPane(t, 520, 400)
	loadEntry(t, p, q, st, 0)
	if _, ok := p.view.EdgeLabels(); ok {
		t.Error("orientation reported known")
	}
	test.AssertImageMatches(t, "pane_no_orientation.png", w.Canvas().Capture())
}

// viewCentre returns the canvas position of the middle of p's image view.
func viewCentre(p *Pane) fyne.Position {
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(p.view)
	s := p.view.Size()
	return pos.Add(fyne.NewPos(s.Width/2, s.Height/2))
}

func TestWindowLevelDrag(t *testing.T) {
	st := writeStudy(t, hsgFixtures()).Studies[0]
	p, q, w := newTestPane(t, 520, 400)
	loadEntry(t, p, q, st, 2)
	voi, ok := p.view.Window()
	if !ok || voi.Center != 2048 || voi.Width != 4096 {
		t.Fatalf("initial window %+v (set %v), want the file's 2048/4096", voi.Window, ok)
	}
	before := append([]byte{}, p.view.Picture().Pix...)
	full := p.view.FullRange()
	if full.Width <= 0 {
		t.Fatal("full range unknown")
	}
	// Drag right 100 and up 50: wider by 100/500 of the value range,
	// level lower by 50/500 of it.
	test.Drag(w.Canvas(), viewCentre(p), 100, -50)
	q.settle(t)
	got, _ := p.view.Window()
	k := full.Width / imageview.WindowDragUnits
	if !near(got.Width, 4096+100*k) || !near(got.Center, 2048-50*k) {
		t.Errorf("after drag: %+v, want W %.1f L %.1f", got.Window, 4096+100*k, 2048-50*k)
	}
	if string(before) == string(p.view.Picture().Pix) {
		t.Error("image not re-windowed after the drag")
	}
	// The renderer used the new window.
	want := image.NewRGBA(p.view.Picture().Rect)
	p.shown.pipe.RGBA(p.shown.frame, got, want)
	if string(want.Pix) != string(p.view.Picture().Pix) {
		t.Error("displayed pixels are not the frame windowed with the new window")
	}
}

func TestZoomWheelAndFit(t *testing.T) {
	st := writeStudy(t, hsgFixtures()).Studies[0]
	p, q, w := newTestPane(t, 520, 400)
	loadEntry(t, p, q, st, 2)
	fit := p.view.Zoom()
	if !p.view.Fitted() || fit <= 1 {
		t.Fatalf("initial zoom %v fitted %v", fit, p.view.Fitted())
	}
	// test.Scroll sends the event without a position: zoom about (0,0).
	test.Scroll(w.Canvas(), viewCentre(p), 0, 10)
	if z := p.view.Zoom(); !near(z, fit*1.1486983549970351) || p.view.Fitted() {
		t.Errorf("after one notch: zoom %v, want %v", z, fit*1.1486983549970351)
	}
	// About the pointer: the image point under it stays put.
	at := fyne.NewPos(100, 80)
	x0, y0 := p.view.Transform().ViewToImage(at)
	p.view.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, 30)})
	x1, y1 := p.view.Transform().ViewToImage(at)
	if !near(x0, x1) || !near(y0, y1) {
		t.Errorf("point under the pointer moved from (%v,%v) to (%v,%v)", x0, y0, x1, y1)
	}
	p.view.SetZoom(1)
	if p.view.Zoom() != 1 {
		t.Errorf("1:1 zoom = %v", p.view.Zoom())
	}
	p.view.Fit()
	if !near(p.view.Zoom(), fit) || p.view.Pan() != (fyne.Delta{}) {
		t.Errorf("fit: zoom %v pan %v", p.view.Zoom(), p.view.Pan())
	}
}

func TestFrameStepAndBar(t *testing.T) {
	st := writeStudy(t, hsgFixtures()).Studies[0]
	p, q, w := newTestPane(t, 520, 400)
	loadEntry(t, p, q, st, 3) // the 6-frame run: opens on its last frame
	if p.Frame() != 5 {
		t.Fatalf("cine opened on frame %d, want the last (5)", p.Frame())
	}
	p.Step(1) // wraps
	q.settle(t)
	if p.Frame() != 0 {
		t.Errorf("after step: frame %d", p.Frame())
	}
	p.Step(-1)
	p.Step(-1) // coalesced requests: only the last is shown
	q.settle(t)
	if p.Frame() != 4 {
		t.Errorf("after two steps back: frame %d", p.Frame())
	}
	// Tap the frame bar at its second sixth.
	bar := p.cine.Controls.Bar()
	test.TapAt(bar, fyne.NewPos(bar.Size().Width*1.5/6, 2))
	q.settle(t)
	if p.Frame() != 1 {
		t.Errorf("after tapping the bar: frame %d", p.Frame())
	}
	if got := p.cine.Controls.Rate(); got != "2/6 · 15 fps (FrameTime)" {
		t.Errorf("rate label %q", got)
	}
	_ = w
}

// TestDragCoalesces sends a burst of drag events while the renderer is
// still busy with the first: the requests coalesce, so the pane renders
// the first and the last window only, and ends on the window of the last
// event. The worker is held on its first result by a gate rather than by
// hoping the machine is slow, so the test does not depend on timing.
func TestDragCoalesces(t *testing.T) {
	st := writeStudy(t, hsgFixtures()).Studies[0]
	p, q, w := newTestPane(t, 520, 400)
	loadEntry(t, p, q, st, 2)
	renders := 0
	p.OnRendered = func(*Pane) { renders++ }
	gate := make(chan struct{})
	var held sync.Once
	deliver := p.render.deliver
	p.render.deliver = func(res renderResult) {
		held.Do(func() { <-gate })
		deliver(res)
	}
	for range 200 {
		test.Drag(w.Canvas(), viewCentre(p), 1, 0)
	}
	close(gate)
	q.settle(t)
	got, _ := p.view.Window()
	if want := 4096 + 200*p.view.FullRange().Width/imageview.WindowDragUnits; !near(got.Width, want) {
		t.Errorf("width %v, want %v", got.Width, want)
	}
	if renders != 2 {
		t.Errorf("%d renderings for 200 drag events while the renderer was busy, want 2 (first and last)", renders)
	}
	// The last rendering used the final window.
	want := image.NewRGBA(p.view.Picture().Rect)
	p.shown.pipe.RGBA(p.shown.frame, got, want)
	if string(want.Pix) != string(p.view.Picture().Pix) {
		t.Error("the image shown is not windowed with the final window")
	}
	t.Logf("%d renderings for 200 drag events", renders)
}

func TestOpenShowsProgress(t *testing.T) {
	v, q, _ := newTestViewer(t, 800, 500)
	dir := t.TempDir()
	for i, fx := range hsgFixtures() {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.Open([]string{dir})
	if !v.progressBar.Visible() || !v.loading {
		t.Error("no progress bar while reading")
	}
	q.settle(t)
	if v.progressBar.Visible() || v.loading {
		t.Error("progress bar still shown after loading")
	}
	if !strings.Contains(v.status.Text, "5 images") {
		t.Errorf("status %q", v.status.Text)
	}
}
