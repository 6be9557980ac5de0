package viewer

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// menuItem returns the item of the main menu whose label starts with
// label.
func menuItem(t *testing.T, v *Viewer, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range v.mainMenu.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if strings.HasPrefix(it.Label, label) {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s → %s…", menu, label)
	return nil
}

// TestMarksUndoRedoReload draws, moves, relabels and deletes marks, undoes
// and redoes through the Edit menu, and reopens the study: after every
// step the draft saved in the store is the report shown, undo gives back
// each earlier report exactly, and the reopened draft draws the same
// marks the same way.
func TestMarksUndoRedoReload(t *testing.T) {
	v, q, w, p := markFixture(t)
	pt := pointer{p.view}
	var states []string
	step := func(what string) {
		t.Helper()
		q.settle(t)
		checkSaved(t, v, q)
		states = append(states, reportJSON(t, v.Report().Report()))
	}
	// Opening the study writes no draft; the first mark does.
	q.settle(t)
	if st, err := drafts.OpenStore(v.opts.DraftDir); err != nil {
		t.Fatal(err)
	} else if _, err := st.Load(v.Study().UID); !errors.Is(err, drafts.ErrNoDraft) {
		t.Fatalf("a draft was written on opening the study (load: %v)", err)
	}
	states = append(states, reportJSON(t, v.Report().Report()))

	v.marks.setMode(modeLength)
	pt.drag(viewAt(p, 10, 40), viewAt(p, 40, 40))
	step("length")
	v.TypedRune('a')
	pt.drag(viewAt(p, 46, 20), viewAt(p, 30, 34))
	typeLabel(t, q, v, "L hydrosalpinx")
	step("arrow")
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // back to navigating
	if v.marks.mode != modeNavigate {
		t.Fatalf("Esc left mode %d", v.marks.mode)
	}
	pt.drag(viewAt(p, 25, 40), viewAt(p, 25, 44)) // move the length down 4 px
	step("move")
	if a := marks(v)[0]; !nearPt(a.Points[0], 10, 44) {
		t.Fatalf("moved length at %v", a.Points)
	}
	if got := menuItem(t, v, "Edit", "Undo").Label; got != "Undo move m1" {
		t.Errorf("undo item %q", got)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // edit the text of the selected length
	typeLabel(t, q, v, "Cavity width")
	step("label")
	if a := marks(v)[0]; a.Label != "Cavity width" {
		t.Fatalf("label %q", a.Label)
	}
	v.marks.Select("m2")
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	step("delete")
	if n := len(marks(v)); n != 1 {
		t.Fatalf("%d marks after deleting the arrow", n)
	}

	undo := menuItem(t, v, "Edit", "Undo")
	redo := menuItem(t, v, "Edit", "Redo")
	for i := len(states) - 2; i >= 0; i-- {
		undo.Action()
		q.settle(t)
		checkSaved(t, v, q)
		if got := reportJSON(t, v.Report().Report()); got != states[i] {
			t.Fatalf("undo to step %d:\ngot  %s\nwant %s", i, got, states[i])
		}
	}
	if !undo.Disabled || undo.Label != "Undo" {
		t.Errorf("undo item %q disabled %v with nothing to undo", undo.Label, undo.Disabled)
	}
	for i := 1; i < len(states); i++ {
		redo.Action()
		q.settle(t)
		checkSaved(t, v, q)
		if got := reportJSON(t, v.Report().Report()); got != states[i] {
			t.Fatalf("redo to step %d:\ngot  %s\nwant %s", i, got, states[i])
		}
	}

	// Reopen: the draft comes back from the store, drawn the same.
	undo.Action() // the arrow is back
	q.settle(t)
	before := reportJSON(t, v.Report().Report())
	scene := p.marks.Scene()
	pic := paneCapture(w, p)
	v.ShowStudy(v.Study())
	v.SetLayout(Layout1x1)
	q.settle(t)
	if got := reportJSON(t, v.Report().Report()); got != before {
		t.Fatalf("reopened draft:\ngot  %s\nwant %s", got, before)
	}
	if got := p.marks.Scene(); !got.equal(scene) || len(got.marks) != 2 {
		t.Errorf("reopened scene has %d marks, want the %d drawn before", len(got.marks), len(scene.marks))
	}
	if !bytes.Equal(paneCapture(w, p).Pix, pic.Pix) {
		t.Error("the reopened marks are drawn differently")
	}
}

// TestMarksFollowView checks that a mark drawn at a screen point lands on
// the image point shown there, and that after zooming, panning, turning
// and flipping the view it is drawn where ViewTransform.ToScreen says.
func TestMarksFollowView(t *testing.T) {
	v, q, w, p := markFixture(t)
	v.marks.setMode(modePoint)
	at := fyne.NewPos(301, 203)
	pointer{p.view}.click(at)
	q.settle(t)
	v.marks.Select("") // drawn yellow
	a := marks(v)[0]
	// The fitted 64×48 image: scale and offset from the view size alone.
	s := p.view.Size()
	z := math.Min(float64(s.Width)/64, float64(s.Height)/48)
	x0, y0 := (float64(s.Width)-64*z)/2, (float64(s.Height)-48*z)/2
	want := mark.Pt((float64(at.X)-x0)/z, (float64(at.Y)-y0)/z)
	if got := mark.Pt(a.Points[0][0], a.Points[0][1]); got.Dist(want) > 1e-3 {
		t.Fatalf("point drawn at view %v is at image %v, want %v", at, got, want)
	}
	for _, tc := range []struct {
		o    imageview.Orientation
		zoom float64
		pan  fyne.Delta
	}{
		{imageview.Orientation{}, 1, fyne.Delta{}},
		{imageview.Orientation{Rotation: 1}, 1.6, fyne.NewDelta(-40, 25)},
		{imageview.Orientation{Rotation: 1, FlipH: true}, 1.3, fyne.NewDelta(30, -10)},
		{imageview.Orientation{Rotation: 2, FlipV: true}, 0.8, fyne.NewDelta(0, 20)},
		{imageview.Orientation{Rotation: 3, FlipH: true, FlipV: true}, 1, fyne.Delta{}},
	} {
		p.view.Fit()
		p.view.SetOrientation(tc.o)
		q.settle(t)
		c := p.view.Size()
		p.view.ZoomBy(tc.zoom, fyne.NewPos(c.Width/2, c.Height/2))
		p.view.PanBy(tc.pan)
		q.settle(t)
		vt := p.view.Transform().ViewTransform()
		sp := vt.ToScreen(mark.Pt(a.Points[0][0], a.Points[0][1]))
		sp.X, sp.Y = sp.X/vt.CanvasScale, sp.Y/vt.CanvasScale // view units
		got, ok := yellowCentre(t, w, p, fyne.NewPos(float32(sp.X), float32(sp.Y)))
		if !ok {
			t.Errorf("%+v: no mark drawn near %v", tc.o, sp)
			continue
		}
		if d := math.Hypot(float64(got.X)-sp.X, float64(got.Y)-sp.Y); d > 1 {
			t.Errorf("%+v zoom %v pan %v: mark drawn at %v, ToScreen says %v", tc.o, tc.zoom, tc.pan, got, sp)
		}
	}
}

// viewOrigin returns where the top-left corner of p's view lands in a
// capture of w: the test canvas draws the view a few units away from
// AbsolutePositionForObject, so a magenta probe in the overlay finds it.
func viewOrigin(t *testing.T, w fyne.Window, p *Pane) fyne.Position {
	t.Helper()
	at := fyne.NewPos(p.view.Size().Width*0.75, p.view.Size().Height/2)
	probe := canvas.NewRectangle(color.RGBA{255, 0, 255, 255})
	probe.Move(at)
	probe.Resize(fyne.NewSize(4, 4))
	p.view.Overlay().Add(probe)
	defer p.view.Overlay().Remove(probe)
	img := w.Canvas().Capture()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c == (color.RGBA{255, 0, 255, 255}) {
				return fyne.NewPos(float32(x)-at.X, float32(y)-at.Y)
			}
		}
	}
	t.Fatal("probe not drawn")
	return fyne.Position{}
}

// yellowCentre returns the centre, in view units, of the mark-yellow
// pixels within 30 units of near in p's view.
func yellowCentre(t *testing.T, w fyne.Window, p *Pane, near fyne.Position) (fyne.Position, bool) {
	p.view.MouseOut()
	o := viewOrigin(t, w, p)
	img := w.Canvas().Capture()
	r := image.Rect(int(o.X+near.X-30), int(o.Y+near.Y-30), int(o.X+near.X+30), int(o.Y+near.Y+30))
	var sx, sy, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr>>8 > 230 && cg>>8 > 180 && cb>>8 < 60 {
				sx, sy, n = sx+float64(x)+0.5, sy+float64(y)+0.5, n+1
			}
		}
	}
	if n == 0 {
		return fyne.Position{}, false
	}
	return fyne.NewPos(float32(sx/n)-o.X, float32(sy/n)-o.Y), true
}

// TestUndoKeepsFindings changes the findings between two changes of the
// marks (the findings panel replaces the report it shows on every edit):
// undoing the marks leaves the findings as they are.
func TestUndoKeepsFindings(t *testing.T) {
	v, q, _, p, pt := lengthFixture(t)
	if err := v.Report().Edit("left hydrosalpinx", func(r *report.Report) error {
		r.Tubes.Left.Hydrosalpinx.Present = new(true)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	pt.drag(viewAt(p, 10, 20), viewAt(p, 30, 20))
	q.settle(t)
	if n := len(marks(v)); n != 2 {
		t.Fatalf("%d marks", n)
	}
	v.marks.Undo()
	v.marks.Undo()
	q.settle(t)
	r := v.Report().Report()
	if len(r.Annotations) != 0 {
		t.Errorf("%d marks after undoing both", len(r.Annotations))
	}
	if h := r.Tubes.Left.Hydrosalpinx.Present; h == nil || !*h {
		t.Error("undoing the marks undid the finding")
	}
	checkSaved(t, v, q)
}

// TestMarksHiDPI draws on a canvas of scale 2: the raster has a device
// pixel per screen pixel, lines and text are twice as thick in pixels,
// and the mark lands where the pointer was.
func TestMarksHiDPI(t *testing.T) {
	v, q, w, p := markFixture(t)
	w.Canvas().(test.WindowlessCanvas).SetScale(2)
	p.view.Refresh()
	p.view.Fit()
	q.settle(t)
	v.marks.setMode(modePoint)
	at := fyne.NewPos(301, 203)
	pointer{p.view}.click(at)
	q.settle(t)
	v.marks.Select("")
	q.settle(t)
	x, y := p.view.Transform().ViewToImage(at)
	if a := marks(v)[0]; !nearPt(a.Points[0], x, y) {
		t.Errorf("point at %v, want (%v, %v)", a.Points[0], x, y)
	}
	img, ok := p.marks.raster.Image.(*image.RGBA)
	if !ok {
		t.Fatal("no raster")
	}
	s := p.view.Size()
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); math.Abs(float64(w)-2*float64(s.Width)) > 1 || math.Abs(float64(h)-2*float64(s.Height)) > 1 {
		t.Errorf("raster %d×%d for a view of %v at scale 2", w, h, s)
	}
	var sx, sy, n float64
	for yy := 0; yy < img.Bounds().Dy(); yy++ {
		for xx := 0; xx < img.Bounds().Dx(); xx++ {
			c := img.RGBAAt(xx, yy)
			if c.A > 200 && c.R > 230 && c.G > 180 && c.B < 60 {
				sx, sy, n = sx+float64(xx)+.5, sy+float64(yy)+.5, n+1
			}
		}
	}
	if n == 0 || math.Abs(sx/n-2*float64(at.X)) > 1 || math.Abs(sy/n-2*float64(at.Y)) > 1 {
		t.Errorf("mark drawn at (%.1f, %.1f) device px, want (%v, %v)", sx/n, sy/n, 2*at.X, 2*at.Y)
	}
}
