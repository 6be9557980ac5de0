package mark

import (
	"math"
	"testing"
)

func TestViewKnownPoints(t *testing.T) {
	// A 100×50 image in a 200×100 pane.
	base := ViewTransform{ImageWidth: 100, ImageHeight: 50, ViewWidth: 200, ViewHeight: 100}
	for _, c := range []struct {
		name string
		edit func(v *ViewTransform)
		img  ImagePoint
		want ScreenPoint // at canvas scale 1
	}{
		{"zoom 2 fills the pane", func(v *ViewTransform) { v.Zoom = 2 }, Pt(0, 0), ScreenPoint{0, 0}},
		{"zoom 2, far corner", func(v *ViewTransform) { v.Zoom = 2 }, Pt(100, 50), ScreenPoint{200, 100}},
		{"zoom 2, a pixel centre", func(v *ViewTransform) { v.Zoom = 2 }, Pt(10.5, 20.5), ScreenPoint{21, 41}},
		{"zoom 1 is centred", func(v *ViewTransform) {}, Pt(0, 0), ScreenPoint{50, 25}},
		{"pan", func(v *ViewTransform) { v.PanX, v.PanY = 10, -5 }, Pt(0, 0), ScreenPoint{60, 20}},
		// A quarter turn clockwise puts the image's top-left corner at the
		// top right of the turned image (50 wide, 100 tall, centred).
		{"rotate 90", func(v *ViewTransform) { v.ViewWidth, v.ViewHeight, v.Rotation = 100, 200, 1 }, Pt(0, 0), ScreenPoint{75, 50}},
		{"rotate 90, bottom-left", func(v *ViewTransform) { v.ViewWidth, v.ViewHeight, v.Rotation = 100, 200, 1 }, Pt(0, 50), ScreenPoint{25, 50}},
		{"rotate 180", func(v *ViewTransform) { v.Rotation = 2 }, Pt(0, 0), ScreenPoint{150, 75}},
		{"rotate -90 = 270", func(v *ViewTransform) { v.ViewWidth, v.ViewHeight, v.Rotation = 100, 200, -1 }, Pt(0, 0), ScreenPoint{25, 150}},
		{"rotate 5 = 1", func(v *ViewTransform) { v.ViewWidth, v.ViewHeight, v.Rotation = 100, 200, 5 }, Pt(0, 0), ScreenPoint{75, 50}},
		{"flip H", func(v *ViewTransform) { v.Zoom, v.FlipH = 2, true }, Pt(0, 0), ScreenPoint{200, 0}},
		{"flip V", func(v *ViewTransform) { v.Zoom, v.FlipV = 2, true }, Pt(0, 0), ScreenPoint{0, 100}},
		// Flip first, then turn: the top-left corner goes to the top-right,
		// then a quarter turn takes it to the bottom-right.
		{"flip H then rotate 90", func(v *ViewTransform) { v.ViewWidth, v.ViewHeight, v.FlipH, v.Rotation = 100, 200, true, 1 },
			Pt(0, 0), ScreenPoint{75, 150}},
	} {
		for _, scale := range []float64{1, 2} {
			v := base
			c.edit(&v)
			v.CanvasScale = scale
			got := v.ToScreen(c.img)
			want := ScreenPoint{c.want.X * scale, c.want.Y * scale}
			if math.Abs(got.X-want.X) > 1e-12 || math.Abs(got.Y-want.Y) > 1e-12 {
				t.Errorf("%s at canvas scale %v: %v → %v, want %v", c.name, scale, c.img, got, want)
			}
			if back := v.ToImage(got); back != c.img {
				t.Errorf("%s at canvas scale %v: back to %v, want %v", c.name, scale, back, c.img)
			}
		}
	}
}

func TestViewRoundTrip(t *testing.T) {
	pts := []ImagePoint{{0, 0}, {511.5, 3.25}, {-7, 1e4}, {123.456, 789.012}, {1e-7, -1e-7}}
	for _, zoom := range []float64{0.125, 0.3, 1, 2, 3.7, 16} {
		for _, cs := range []float64{1, 1.5, 2} {
			for rot := -4; rot <= 4; rot++ {
				for flips := range 4 {
					v := ViewTransform{ImageWidth: 512, ImageHeight: 400, ViewWidth: 900, ViewHeight: 700, Zoom: zoom,
						PanX: 13.5, PanY: -20.25, Rotation: rot, FlipH: flips&1 != 0, FlipV: flips&2 != 0, CanvasScale: cs}
					dyadic := zoom == 0.125 || zoom == 1 || zoom == 2 || zoom == 16
					for _, p := range pts {
						q := v.ToImage(v.ToScreen(p))
						// With a power-of-two scale, points on a 1/4 pixel
						// grid come back bit for bit; others within rounding
						// of the pane's coordinates.
						grid := p.X*4 == math.Trunc(p.X*4) && p.Y*4 == math.Trunc(p.Y*4)
						if dyadic && cs != 1.5 && grid && q != p {
							t.Errorf("%+v: %v → %v, not exact", v, p, q)
						}
						if math.Abs(q.X-p.X) > 1e-12*(1e3+math.Abs(p.X)) || math.Abs(q.Y-p.Y) > 1e-12*(1e3+math.Abs(p.Y)) {
							t.Errorf("%+v: %v → %v", v, p, q)
						}
						// Distances scale by Scale in every direction.
						a, b := v.ToScreen(p), v.ToScreen(p.Add(Pt(3, 4)))
						if d := math.Hypot(b.X-a.X, b.Y-a.Y); math.Abs(d-5*v.Scale()) > 1e-6*(1+d) {
							t.Errorf("%+v: a 5 px step is %v screen px, want %v", v, d, 5*v.Scale())
						}
						// Affine agrees with ToScreen.
						m := v.Affine()
						s := v.ToScreen(p)
						if math.Abs(m[0]*p.X+m[1]*p.Y+m[2]-s.X) > 1e-6 || math.Abs(m[3]*p.X+m[4]*p.Y+m[5]-s.Y) > 1e-6 {
							t.Errorf("%+v: Affine %v disagrees at %v", v, m, p)
						}
					}
				}
			}
		}
	}
}

func TestViewHelpers(t *testing.T) {
	var id ViewTransform
	if p := id.ToScreen(Pt(3.5, 7)); p != (ScreenPoint{3.5, 7}) || id.Scale() != 1 {
		t.Errorf("the zero ViewTransform is not the identity: %v", p)
	}
	v := FitView(1024, 512, 400, 400, 0, 2)
	if v.Zoom != 400.0/1024 {
		t.Errorf("fit zoom %v", v.Zoom)
	}
	if p := v.ToScreen(Pt(0, 256)); math.Abs(p.X) > 1e-9 || math.Abs(p.Y-400) > 1e-9 {
		t.Errorf("fit: left middle at %v, want (0, 400) screen px", p)
	}
	if v := FitView(1024, 512, 400, 400, 1, 1); v.Zoom != 400.0/1024 {
		t.Errorf("fit turned: zoom %v", v.Zoom)
	}
	if v := FitView(100, 400, 400, 400, 1, 1); v.Zoom != 1 {
		t.Errorf("fit turned, tall image: zoom %v, want 1", v.Zoom)
	}
	if v.ImageLength(8) != 8/v.Scale() {
		t.Error("ImageLength")
	}
	if w, h := (ViewTransform{ViewWidth: 300.4, ViewHeight: 200, CanvasScale: 2}).ScreenSize(); w != 601 || h != 400 {
		t.Errorf("screen size %d×%d", w, h)
	}
	if p := (ViewTransform{CanvasScale: 2}).FromCanvas(10, 5.5); p != (ScreenPoint{20, 11}) {
		t.Errorf("FromCanvas %v", p)
	}
	n := NativeView(64, 32, 4)
	if p := n.ToScreen(Pt(64, 32)); p != (ScreenPoint{256, 128}) {
		t.Errorf("native ×4: %v", p)
	}
}
