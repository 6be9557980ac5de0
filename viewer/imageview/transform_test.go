package imageview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/annotate/mark"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

// TestTransformRoundTrip checks that ViewToImage inverts ImageToView for
// every orientation, zoom, pan and canvas scale.
func TestTransformRoundTrip(t *testing.T) {
	points := [][2]float64{{0, 0}, {64, 48}, {10.5, 3.25}, {63.5, 0.5}, {-4, 70}}
	for _, scale := range []float32{1, 2} {
		for rot := range 4 {
			for _, fh := range []bool{false, true} {
				for _, fv := range []bool{false, true} {
					xf := Transform{ImageWidth: 64, ImageHeight: 48, View: fyne.NewSize(300, 200), Scale: scale,
						Zoom: 2.5, Pan: fyne.NewDelta(13, -7), Orientation: Orientation{rot, fh, fv}}
					for _, p := range points {
						v := xf.ImageToView(p[0], p[1])
						x, y := xf.ViewToImage(v)
						if !near(x, p[0]) || !near(y, p[1]) {
							t.Errorf("scale %v %+v: %v → %v → (%.3f, %.3f)", scale, xf.Orientation, p, v, x, y)
						}
					}
				}
			}
		}
	}
}

// TestTransformScale checks the mapping in absolute terms at canvas scale
// 1 and 2: at zoom 1 (1:1), one image pixel is one device pixel, i.e. half
// a Fyne unit at scale 2; the image centre is the view centre when not
// panned.
func TestTransformScale(t *testing.T) {
	for _, tc := range []struct {
		scale float32
		unit  float64 // Fyne units per image pixel at zoom 1
	}{{1, 1}, {2, 0.5}} {
		xf := Transform{ImageWidth: 100, ImageHeight: 50, View: fyne.NewSize(400, 300), Scale: tc.scale, Zoom: 1}
		c := xf.ImageToView(50, 25)
		if c != fyne.NewPos(200, 150) {
			t.Errorf("scale %v: centre at %v", tc.scale, c)
		}
		p := xf.ImageToView(60, 25)
		if !near(float64(p.X-c.X), 10*tc.unit) {
			t.Errorf("scale %v: 10 pixels = %v units, want %v", tc.scale, p.X-c.X, 10*tc.unit)
		}
		pos, size := xf.ImageRect()
		if !near(float64(size.Width), 100*tc.unit) || !near(float64(pos.X), 200-50*tc.unit) {
			t.Errorf("scale %v: image rect %v %v", tc.scale, pos, size)
		}
		// Fit fills the width: 400 units = 400*scale device pixels for 100 pixels.
		if z := xf.FitZoom(); !near(z, 4*float64(tc.scale)) {
			t.Errorf("scale %v: fit zoom %v", tc.scale, z)
		}
		i, j, ok := xf.PixelAt(fyne.NewPos(200+float32(3.2*tc.unit), 150-float32(0.5*tc.unit)))
		if !ok || i != 53 || j != 24 {
			t.Errorf("scale %v: pixel at = %d,%d,%v", tc.scale, i, j, ok)
		}
	}
}

// TestTransformOrientation checks where the image's top-left corner goes.
func TestTransformOrientation(t *testing.T) {
	xf := Transform{ImageWidth: 40, ImageHeight: 20, View: fyne.NewSize(100, 100), Zoom: 1}
	for _, tc := range []struct {
		o    Orientation
		want fyne.Position // view position of image point (0, 0)
	}{
		{Orientation{}, fyne.NewPos(30, 40)},
		{Orientation{Rotation: 1}, fyne.NewPos(60, 30)}, // top-left → top-right
		{Orientation{Rotation: 2}, fyne.NewPos(70, 60)}, // → bottom-right
		{Orientation{Rotation: 3}, fyne.NewPos(40, 70)}, // → bottom-left
		{Orientation{FlipH: true}, fyne.NewPos(70, 40)},
		{Orientation{FlipV: true}, fyne.NewPos(30, 60)},
		{Orientation{Rotation: 1, FlipH: true}, fyne.NewPos(40, 30)},
	} {
		xf.Orientation = tc.o
		if got := xf.ImageToView(0, 0); got != tc.want {
			t.Errorf("%+v: (0,0) → %v, want %v", tc.o, got, tc.want)
		}
	}
}

func TestZoomedKeepsPointUnderCursor(t *testing.T) {
	for _, scale := range []float32{1, 2} {
		xf := Transform{ImageWidth: 64, ImageHeight: 48, View: fyne.NewSize(300, 200), Scale: scale, Zoom: 1.5,
			Orientation: Orientation{Rotation: 1, FlipV: true}}
		about := fyne.NewPos(220, 40)
		x0, y0 := xf.ViewToImage(about)
		z := xf.Zoomed(1.7, about)
		x1, y1 := z.ViewToImage(about)
		if !near(x0, x1) || !near(y0, y1) || !near(z.Zoom, 1.5*1.7) {
			t.Errorf("scale %v: (%v,%v) → (%v,%v), zoom %v", scale, x0, y0, x1, y1, z.Zoom)
		}
	}
}

func TestOrientationRotateWithFlip(t *testing.T) {
	// Rotating what the user sees: with one flip, the stored rotation
	// turns the other way, and the composition stays consistent with
	// Transform.
	o := Orientation{FlipH: true}.Rotate(1)
	if o.Rotation != 3 || !o.FlipH {
		t.Fatalf("got %+v", o)
	}
	// The displayed picture turned 90° clockwise: what was at the top of
	// the view (image (20,0) when flipped) is now at the right.
	before := Transform{ImageWidth: 40, ImageHeight: 40, View: fyne.NewSize(40, 40), Zoom: 1, Orientation: Orientation{FlipH: true}}
	after := before
	after.Orientation = o
	p := before.ImageToView(5, 0) // top edge
	q := after.ImageToView(5, 0)
	// clockwise about the centre (20,20): (x,y) → (40-y, x)
	if !near(float64(q.X), 40-float64(p.Y)) || !near(float64(q.Y), float64(p.X)) {
		t.Errorf("before %v after %v", p, q)
	}
}

func TestEdgeLabels(t *testing.T) {
	for _, tc := range []struct {
		po   [2]string
		o    Orientation
		want EdgeLabels
		ok   bool
	}{
		{[2]string{"L", "F"}, Orientation{}, EdgeLabels{Left: "R", Right: "L", Top: "H", Bottom: "F"}, true},
		{[2]string{"L", "F"}, Orientation{FlipH: true}, EdgeLabels{Left: "L", Right: "R", Top: "H", Bottom: "F"}, true},
		{[2]string{"L", "F"}, Orientation{Rotation: 1}, EdgeLabels{Left: "F", Right: "H", Top: "R", Bottom: "L"}, true},
		{[2]string{"L", "F"}, Orientation{Rotation: 2}, EdgeLabels{Left: "L", Right: "R", Top: "F", Bottom: "H"}, true},
		{[2]string{"LA", "F"}, Orientation{FlipV: true}, EdgeLabels{Left: "RP", Right: "LA", Top: "F", Bottom: "H"}, true},
		{[2]string{}, Orientation{}, EdgeLabels{Left: "?", Right: "?", Top: "?", Bottom: "?"}, false},
	} {
		got, ok := edgeLabels(tc.po, tc.o)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%v %+v: got %+v %v, want %+v", tc.po, tc.o, got, ok, tc.want)
		}
	}
}

// TestTransformIsViewTransform checks that the view and the marks use one
// mapping: Transform.ImageToView is mark.ViewTransform.ToScreen
// divided by the canvas scale, for every orientation, at canvas scale 1
// and 2, and that a turned view puts the image's corners where the
// rotation and flip (of the turned picture) say.
func TestTransformIsViewTransform(t *testing.T) {
	for _, scale := range []float32{1, 2} {
		for rot := range 4 {
			for _, fh := range []bool{false, true} {
				for _, fv := range []bool{false, true} {
					xf := Transform{ImageWidth: 64, ImageHeight: 48, View: fyne.NewSize(300, 200), Scale: scale,
						Zoom: 3, Pan: fyne.NewDelta(-11, 5), Orientation: Orientation{rot, fh, fv}}
					vt := xf.ViewTransform()
					for _, p := range [][2]float64{{0, 0}, {64, 0}, {17.25, 40.5}} {
						got := xf.ImageToView(p[0], p[1])
						s := vt.ToScreen(mark.Pt(p[0], p[1]))
						if !near(float64(got.X), s.X/float64(scale)) || !near(float64(got.Y), s.Y/float64(scale)) {
							t.Errorf("scale %v %+v: %v → view %v, ViewTransform %v", scale, xf.Orientation, p, got, s)
						}
					}
					if !near(vt.Scale(), 3) {
						t.Errorf("scale %v: %v screen px per image px, want the zoom 3", scale, vt.Scale())
					}
				}
			}
		}
	}
	// Turned a quarter clockwise, then mirrored left to right on screen:
	// the image's top-left corner goes to the top-left of the picture.
	xf := Transform{ImageWidth: 40, ImageHeight: 20, View: fyne.NewSize(100, 100), Zoom: 1,
		Orientation: Orientation{Rotation: 1, FlipH: true}}
	if got := xf.ImageToView(0, 0); got != fyne.NewPos(40, 30) {
		t.Errorf("(0,0) → %v, want (40,30)", got)
	}
}
