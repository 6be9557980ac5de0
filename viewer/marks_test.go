package viewer

import (
	"image"
	"image/draw"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// The tests of this file drive the marks tools through an ImageView with
// the pointer events the desktop driver sends (MouseDown, Dragged…,
// DragEnd, MouseUp), on the fixture study: the left pane shows the spot
// image of series 3, 64×48 pixels with Imager Pixel Spacing 0.3 mm.

// markFixture opens the fixture study in a 1×1 layout and waits for its
// report draft.
func markFixture(t *testing.T) (*Viewer, *testQueue, fyne.Window, *Pane) {
	t.Helper()
	v, q, w := newTestViewer(t, 900, 560)
	openFixtures(t, v, q, hsgFixtures())
	if v.Report() == nil {
		t.Fatalf("no report session (err %v)", v.rep.Err())
	}
	v.SetLayout(Layout1x1)
	q.settle(t)
	p := v.Pane(0)
	if p.Instance() == nil || p.Instance().SeriesNumber != 3 {
		t.Fatalf("left pane shows %q", p.Title())
	}
	return v, q, w, p
}

// lengthFixture opens the mark fixture and draws a 30-pixel length from
// (10, 40) to (40, 40) on the left pane (mark m1).
func lengthFixture(t *testing.T) (*Viewer, *testQueue, fyne.Window, *Pane, pointer) {
	t.Helper()
	v, q, w, p := markFixture(t)
	pt := pointer{p.view}
	v.marks.setMode(modeLength)
	pt.drag(viewAt(p, 10, 40), viewAt(p, 40, 40))
	q.settle(t)
	return v, q, w, p, pt
}

// pointer sends pointer events to a view, positions in view units.
type pointer struct{ v *imageview.ImageView }

func (pt pointer) press(at fyne.Position, b desktop.MouseButton) {
	pt.v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: b})
}

func (pt pointer) release(at fyne.Position, b desktop.MouseButton) {
	pt.v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: b})
	pt.v.DragEnd()
}

// drag presses at from, moves to each point of path in steps, and
// releases at the last.
func (pt pointer) drag(from fyne.Position, path ...fyne.Position) {
	pt.press(from, desktop.MouseButtonPrimary)
	last := from
	for _, to := range path {
		const steps = 6
		for i := 1; i <= steps; i++ {
			p := fyne.NewPos(last.X+(to.X-last.X)*float32(i)/steps, last.Y+(to.Y-last.Y)*float32(i)/steps)
			prev := fyne.NewPos(last.X+(to.X-last.X)*float32(i-1)/steps, last.Y+(to.Y-last.Y)*float32(i-1)/steps)
			pt.v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		}
		last = to
	}
	pt.release(last, desktop.MouseButtonPrimary)
}

func (pt pointer) click(at fyne.Position) {
	pt.press(at, desktop.MouseButtonPrimary)
	pt.release(at, desktop.MouseButtonPrimary)
}

func (pt pointer) hover(at fyne.Position) {
	pt.v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
}

// viewAt returns the view position of image point (x, y) in p.
func viewAt(p *Pane, x, y float64) fyne.Position { return p.view.Transform().ImageToView(x, y) }

// typeLabel types text into the open label field and presses Enter.
func typeLabel(t *testing.T, q *testQueue, v *Viewer, text string) {
	t.Helper()
	q.settle(t) // the field opens once the click is over
	l := v.marks.label
	if l == nil {
		t.Fatal("no text field open")
	}
	test.Type(l.entry, text)
	l.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// paneCapture returns the window's picture cropped to pane p.
func paneCapture(w fyne.Window, p *Pane) *image.NRGBA {
	p.view.MouseOut() // no pixel readout
	img := w.Canvas().Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	s := p.Size()
	r := image.Rect(int(pos.X), int(pos.Y), int(pos.X+s.Width), int(pos.Y+s.Height))
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}

// nearPt reports whether p is (x, y) up to the rounding of view
// positions (float32).
func nearPt(p [2]float64, x, y float64) bool {
	return math.Abs(p[0]-x) < 1e-3 && math.Abs(p[1]-y) < 1e-3
}

// marks returns the marks of the report shown.
func marks(v *Viewer) []mark.Annotation { return v.Report().Report().Annotations }

// TestMarkToolsGolden draws each tool on a pane and compares the pane
// with its golden image.
func TestMarkToolsGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		mode  toolMode
		draw  func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer)
		check func(t *testing.T, a mark.Annotation)
	}{
		{"arrow", modeArrow, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.drag(viewAt(p, 46, 20), viewAt(p, 30, 34))
			typeLabel(t, q, v, "L cornu occluded")
		}, func(t *testing.T, a mark.Annotation) {
			if a.Label != "L cornu occluded" || a.Tool != mark.ToolArrow || len(a.Points) != 2 {
				t.Errorf("arrow %+v", a)
			}
		}},
		{"text", modeText, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.click(viewAt(p, 8, 38))
			typeLabel(t, q, v, "Filling defect, fundus")
		}, func(t *testing.T, a mark.Annotation) {
			if a.Label != "Filling defect, fundus" || a.GraphicType != mark.GraphicPoint {
				t.Errorf("text %+v", a)
			}
		}},
		{"length", modeLength, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.drag(viewAt(p, 10, 40), viewAt(p, 40, 40))
		}, func(t *testing.T, a mark.Annotation) {
			if got := a.MeasurementText(); len(got) != 1 || got[0] != "9.0 mm (at detector)" {
				t.Errorf("length reads %q, want 30 px × 0.3 mm at detector", got)
			}
		}},
		{"angle", modeAngle, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.drag(viewAt(p, 44, 10), viewAt(p, 20, 30))
			pt.hover(viewAt(p, 40, 40))
			pt.click(viewAt(p, 44, 30))
		}, func(t *testing.T, a mark.Annotation) {
			if a.AngleDeg == nil || math.Abs(*a.AngleDeg-39.8) > 0.1 {
				t.Errorf("angle %v", a.AngleDeg)
			}
		}},
		{"ellipse", modeEllipse, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.drag(viewAt(p, 38, 14), viewAt(p, 58, 34))
		}, func(t *testing.T, a mark.Annotation) {
			m := a.Measurement
			if m == nil || m.Stats == nil || math.Abs(m.AreaPx-math.Pi*100) > 0.5 || m.Stats.Pixels < 300 {
				t.Errorf("ellipse measurement %+v", m)
			}
		}},
		{"polygon", modePolygon, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			for _, q := range [][2]float64{{8, 6}, {24, 4}, {28, 20}, {14, 26}} {
				pt.hover(viewAt(p, q[0], q[1]))
				pt.click(viewAt(p, q[0], q[1]))
			}
			pt.click(viewAt(p, 8.3, 6.2)) // the first corner closes it
		}, func(t *testing.T, a mark.Annotation) {
			if len(a.Points) != 5 || a.Points[0] != a.Points[4] || a.Measurement == nil || a.Measurement.Stats == nil {
				t.Errorf("polygon %+v", a)
			}
		}},
		{"freehand", modeFreehand, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			var path []fyne.Position
			for i := 1; i <= 24; i++ {
				a := 2 * math.Pi * float64(i) / 24
				path = append(path, viewAt(p, 48+9*math.Cos(a)+math.Sin(3*a), 24+8*math.Sin(a)))
			}
			pt.drag(viewAt(p, 57, 24), path...)
		}, func(t *testing.T, a mark.Annotation) {
			if a.Tool != mark.ToolFreehand || len(a.Points) < 20 || a.Measurement == nil || a.Measurement.AreaMM2 <= 0 {
				t.Errorf("freehand %d points, %+v", len(a.Points), a.Measurement)
			}
		}},
		{"point", modePoint, func(t *testing.T, q *testQueue, v *Viewer, p *Pane, pt pointer) {
			pt.click(viewAt(p, 20.5, 30.5))
		}, func(t *testing.T, a mark.Annotation) {
			if !nearPt(a.Points[0], 20.5, 30.5) {
				t.Errorf("point at %v", a.Points)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, q, w, p := markFixture(t)
			v.marks.setMode(tc.mode)
			tc.draw(t, q, v, p, pointer{p.view})
			q.settle(t)
			anns := marks(v)
			if len(anns) != 1 {
				t.Fatalf("%d marks", len(anns))
			}
			tc.check(t, anns[0])
			v.marks.Select("")
			q.settle(t)
			test.AssertImageMatches(t, "marks/"+tc.name+".png", paneCapture(w, p))
		})
	}
}

// TestSelectedMarkGolden selects a length by clicking it: it turns cyan
// and shows its handles; dragging a handle changes it.
func TestSelectedMarkGolden(t *testing.T) {
	v, q, w, p, pt := lengthFixture(t)
	v.marks.setMode(modeNavigate)
	v.marks.Select("")
	q.settle(t)
	pt.click(viewAt(p, 25, 40))
	q.settle(t)
	if v.marks.Selected() != "m1" {
		t.Fatalf("selected %q after clicking the length", v.marks.Selected())
	}
	test.AssertImageMatches(t, "marks/selected.png", paneCapture(w, p))

	// Drag the right end 10 px down: the length follows.
	pt.drag(viewAt(p, 40, 40), viewAt(p, 40, 30))
	q.settle(t)
	a := marks(v)[0]
	if !nearPt(a.Points[1], 40, 30) || !strings.HasPrefix(a.MeasurementText()[0], "9.5 mm") {
		t.Errorf("after dragging the handle: %v %q", a.Points, a.MeasurementText())
	}
	// Drag the body: the mark moves.
	pt.drag(viewAt(p, 25, 35), viewAt(p, 25, 25))
	q.settle(t)
	if a := marks(v)[0]; !nearPt(a.Points[0], 10, 30) {
		t.Errorf("after moving: %v", a.Points)
	}
}

// menuAction returns the action of the item of m labelled label.
func menuAction(t *testing.T, m *fyne.Menu, label string) func() {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it.Action
		}
	}
	t.Fatalf("no item %q in menu", label)
	return nil
}

// TestMarkContextMenu right-clicks a mark: the menu links it to a finding,
// and deletes it.
func TestMarkContextMenu(t *testing.T) {
	v, q, w, p, pt := lengthFixture(t)
	v.marks.setMode(modeNavigate)
	v.marks.Select("")
	q.settle(t)
	at := viewAt(p, 25, 40)
	pt.press(at, desktop.MouseButtonSecondary)
	pt.release(at, desktop.MouseButtonSecondary)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("right click opened no menu")
	}
	w.Canvas().Overlays().Remove(top)
	if v.marks.Selected() != "m1" {
		t.Errorf("the mark right-clicked is not selected (%q)", v.marks.Selected())
	}
	menu := v.marks.markMenu(p, "m1")
	var link *fyne.Menu
	for _, it := range menu.Items {
		if it.Label == "Link to finding" {
			link = it.ChildMenu
		}
	}
	menuAction(t, link, "Left tube: hydrosalpinx diameter")()
	q.settle(t)
	if got := marks(v)[0].FindingRef; got != "/tubes/left/hydrosalpinx/maxDiameterMm" {
		t.Errorf("linked to %q", got)
	}
	checkSaved(t, v, q)
	menuAction(t, v.marks.markMenu(p, "m1"), "Delete")()
	q.settle(t)
	if n := len(marks(v)); n != 0 {
		t.Errorf("%d marks after Delete", n)
	}
}

// TestPolygonKeys draws a polygon with the keyboard's help: Backspace
// removes the last corner, Enter closes it, Esc cancels one.
func TestPolygonKeys(t *testing.T) {
	v, q, _, p := markFixture(t)
	pt := pointer{p.view}
	v.TypedRune('p')
	for _, c := range [][2]float64{{8, 6}, {24, 4}, {40, 30}, {28, 20}} {
		pt.click(viewAt(p, c[0], c[1]))
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) // drops (28, 20)
	pt.click(viewAt(p, 14, 26))
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q.settle(t)
	anns := marks(v)
	if len(anns) != 1 || len(anns[0].Points) != 5 || !nearPt(anns[0].Points[2], 40, 30) || !nearPt(anns[0].Points[3], 14, 26) {
		t.Fatalf("polygon %+v", anns)
	}
	pt.click(viewAt(p, 30, 10))
	pt.click(viewAt(p, 50, 10))
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	q.settle(t)
	if len(marks(v)) != 1 || v.marks.tool.Busy() {
		t.Error("Esc did not cancel the polygon being drawn")
	}
	if v.marks.mode != modePolygon {
		t.Error("the first Esc left the tool")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.marks.mode != modeNavigate {
		t.Error("the second Esc did not go back to navigating")
	}
}

// TestMarksOnCineFrames draws on frame 2 of a run: the mark shows on that
// frame only.
func TestMarksOnCineFrames(t *testing.T) {
	v, q, _, p := markFixture(t)
	var run *dicomio.Entry
	for i, e := range v.Study().Timeline.Entries {
		if e.Instance.Pixel.Frames > 1 {
			run = &v.Study().Timeline.Entries[i]
		}
	}
	v.loadInto(p, run)
	q.settle(t)
	p.SetFrame(1)
	q.settle(t)
	v.marks.setMode(modePoint)
	pointer{p.view}.click(viewAt(p, 20, 20))
	q.settle(t)
	if ref := marks(v)[0].Image; ref.FrameNumber != 2 || ref.SOPInstanceUID != run.Instance.SOPInstanceUID {
		t.Fatalf("mark on %+v, want frame 2 of the run", ref)
	}
	for f, want := range []int{0, 1, 0, 0} {
		p.SetFrame(f)
		q.settle(t)
		if got := len(p.marks.Scene().marks); got != want {
			t.Errorf("frame %d shows %d marks, want %d", f+1, got, want)
		}
	}
}

// TestPolygonQuickClicks: Fyne reports any two clicks within its delay as
// a double click. Quick clicks far apart are corners; only a double click
// on one spot closes the polygon.
func TestPolygonQuickClicks(t *testing.T) {
	v, q, _, p := markFixture(t)
	pt := pointer{p.view}
	v.TypedRune('p')
	corners := [][2]float64{{8, 6}, {24, 4}, {40, 30}, {28, 36}}
	for _, c := range corners {
		at := viewAt(p, c[0], c[1])
		pt.hover(at)
		pt.click(at)
		p.view.DoubleTapped(&fyne.PointEvent{Position: at}) // quick: reported as a double click
	}
	q.settle(t)
	if len(marks(v)) != 0 || !v.marks.tool.Busy() {
		t.Fatalf("quick clicks far apart closed the polygon: %+v", marks(v))
	}
	last := viewAt(p, 14, 26)
	pt.hover(last)
	pt.click(last)
	pt.click(last)
	p.view.DoubleTapped(&fyne.PointEvent{Position: last})
	q.settle(t)
	anns := marks(v)
	if len(anns) != 1 || len(anns[0].Points) != 6 || !nearPt(anns[0].Points[4], 14, 26) {
		t.Fatalf("polygon after a double click on the fifth corner: %+v", anns)
	}
}
