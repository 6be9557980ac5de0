package mark

import (
	"image"
	"image/color"
	"math"
	"testing"

	"golang.org/x/image/font"
)

func newRGBA(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 255
	}
	return m
}

func fillRGBA(m *image.RGBA, v uint8) {
	for i := range m.Pix {
		if i%4 != 3 {
			m.Pix[i] = v
		}
	}
}

// changed returns the pixels where a and b differ.
func changed(a, b *image.RGBA) []image.Point {
	var out []image.Point
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				out = append(out, image.Pt(x, y))
			}
		}
	}
	return out
}

func pixelDist(p image.Point, a, b ImagePoint) float64 {
	return segmentDist(Pt(float64(p.X)+0.5, float64(p.Y)+0.5), a, b)
}

func TestBurnLengthOnBlack(t *testing.T) {
	a := mark(t, ToolLength, Pt(10.5, 20.25), Pt(50.75, 40))
	a.Points = a.Points[:2] // unmeasured: no text, geometry only
	for _, bg := range []uint8{0, 255, 128} {
		dst := newRGBA(64, 64)
		fillRGBA(dst, bg)
		before := newRGBA(64, 64)
		copy(before.Pix, dst.Pix)
		Burn(dst, []Annotation{a}, BurnOptions{LineWidth: 2})
		diff := changed(before, dst)
		if len(diff) < 100 {
			t.Fatalf("background %d: only %d pixels changed", bg, len(diff))
		}
		// Ticks reach 8 px from the ends, their outline 2 px more, and
		// anti-aliasing touches one more pixel: nothing further than
		// 11 px from the segment.
		for _, p := range diff {
			if d := pixelDist(p, Pt(10.5, 20.25), Pt(50.75, 40)); d > 11 {
				t.Errorf("background %d: pixel %v changed %.1f px from the segment", bg, p, d)
			}
		}
		// Every pixel the segment crosses changed, and its centre line is
		// the mark's bright yellow.
		for k := 0; k <= 40; k++ {
			q := Pt(10.5, 20.25).Add(Pt(40.25, 19.75).Mul(float64(k) / 40))
			x, y := int(q.X), int(q.Y)
			if dst.RGBAAt(x, y) == before.RGBAAt(x, y) {
				t.Errorf("background %d: (%d, %d) on the segment did not change", bg, x, y)
			}
		}
		mid := dst.RGBAAt(30, 30)
		if mid.R < 200 || mid.G < 150 || mid.B > 80 {
			t.Errorf("background %d: the line's middle is %v, not the mark colour", bg, mid)
		}
		// Beside the line (1.4 to 1.8 px from its centre line, away from
		// the ticks) lies the dark outline: it shows on white.
		if bg == 255 {
			n := 0
			for y := 0; y < 64; y++ {
				for x := 0; x < 64; x++ {
					p := Pt(float64(x)+0.5, float64(y)+0.5)
					d := segmentDist(p, Pt(10.5, 20.25), Pt(50.75, 40))
					if d < 1.4 || d > 1.8 || p.Dist(Pt(10.5, 20.25)) < 12 || p.Dist(Pt(50.75, 40)) < 12 {
						continue
					}
					n++
					if c := dst.RGBAAt(x, y); c.R > 160 {
						t.Errorf("no dark outline at (%d, %d) beside the line on white: %v", x, y, c)
					}
				}
			}
			if n < 10 {
				t.Errorf("only %d pixels beside the line checked", n)
			}
		}
	}
}

func TestBurnLineIsAntiAliased(t *testing.T) {
	dst := newRGBA(64, 64)
	a := Annotation{GraphicType: GraphicPolyline, Points: [][2]float64{{5, 5}, {60, 37}}}
	Burn(dst, []Annotation{a}, BurnOptions{LineWidth: 2})
	levels := map[uint8]bool{}
	for i := 0; i < len(dst.Pix); i += 4 {
		levels[dst.Pix[i]] = true
	}
	if len(levels) < 10 {
		t.Errorf("only %d levels of red: the line is not anti-aliased", len(levels))
	}
}

func TestBurnTextUsesEmbeddedFont(t *testing.T) {
	const label = "L hydrosalpinx"
	dst := newRGBA(300, 100)
	placed := Burn(dst, []Annotation{mark(t, ToolText, Pt(20, 50))}, BurnOptions{FontSize: 16})
	// The box is as wide as DejaVu Sans sets "text" at 16 px.
	face := NewFace(16, false)
	if face == nil {
		t.Fatal("the embedded font does not load")
	}
	w := font.MeasureString(face, "text").Ceil()
	if len(placed) != 1 || placed[0].Label.Dx() < w || placed[0].Label.Dx() > w+12 {
		t.Errorf("label box %v for text %d px wide", placed, w)
	}
	// Drawing the label with the embedded face by hand gives the same
	// glyph pixels.
	a := mark(t, ToolText, Pt(20, 50))
	a.Label = label
	got := newRGBA(300, 100)
	p := Burn(got, []Annotation{a}, BurnOptions{FontSize: 16})[0].Label
	want := newRGBA(300, 100)
	tb := NewTextBlock([]string{label}, NewFace(16, false))
	tb.Draw(want, p.Min, markColor, BackingColor)
	if d := changed(got, want); len(d) != 0 {
		t.Errorf("%d pixels differ from text set in DejaVu Sans", len(d))
	}
	// On grey, the backing box darkens all of the label's box.
	grey, plain := newRGBA(300, 100), newRGBA(300, 100)
	fillRGBA(grey, 128)
	fillRGBA(plain, 128)
	Burn(grey, []Annotation{a}, BurnOptions{FontSize: 16})
	if ink := changed(plain, grey); len(ink) != p.Dx()*p.Dy() {
		t.Errorf("%d pixels changed, the label box has %d", len(ink), p.Dx()*p.Dy())
	}
}

func TestBurnMeasurementText(t *testing.T) {
	sp := Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}
	a := Measure(mark(t, ToolLength, Pt(100, 100), Pt(160, 100)), sp, nil)
	dst := newRGBA(512, 512)
	p := Burn(dst, []Annotation{a}, BurnOptions{})
	tb := NewTextBlock(a.MeasurementText(), NewFace(13, false))
	if a.MeasurementText()[0] != "14.4 mm (magnification-corrected)" || p[0].Label.Dx() != tb.W || p[0].Label.Dy() != tb.H {
		t.Errorf("label %v %q", p[0].Label, a.MeasurementText())
	}
	// Next to the right end of the line.
	if d := math.Hypot(float64(p[0].Label.Min.X)-160, float64(p[0].Label.Min.Y+p[0].Label.Max.Y)/2-100); d > 40 {
		t.Errorf("label %v is %v px from the line's end", p[0].Label, d)
	}
	// Labels keep clear of each other.
	b := a.Move(0, 4)
	b.ID = "b"
	ps := Burn(newRGBA(512, 512), []Annotation{a, b}, BurnOptions{})
	if ps[0].Label.Overlaps(ps[1].Label) {
		t.Errorf("labels overlap: %v %v", ps[0].Label, ps[1].Label)
	}
}

func TestBurnThroughView(t *testing.T) {
	// A point marker at image (10, 20) on a 64×32 image shown turned a
	// quarter, zoomed 2, canvas scale 2: a 128×256 screen.
	v := ViewTransform{ImageWidth: 64, ImageHeight: 32, ViewWidth: 64, ViewHeight: 128, Zoom: 1, Rotation: 1, CanvasScale: 2}
	a := mark(t, ToolPoint, Pt(10, 20))
	dst := newRGBA(128, 256)
	Burn(dst, []Annotation{a}, BurnOptions{View: v, LineWidth: 2})
	s := v.ToScreen(Pt(10, 20))
	// (10, 20) is 22 columns left of and 4 rows below the centre (32, 16);
	// turned clockwise: 4 left of and 22 above the pane's centre, ×2.
	if s != (ScreenPoint{(32 - 4) * 2, (64 - 22) * 2}) {
		t.Fatalf("screen point %v", s)
	}
	var sx, sy, n float64
	for _, p := range changed(newRGBA(128, 256), dst) {
		sx, sy, n = sx+float64(p.X)+0.5, sy+float64(p.Y)+0.5, n+1
	}
	if n == 0 || math.Hypot(sx/n-s.X, sy/n-s.Y) > 0.5 {
		t.Errorf("the marker is centred at (%.1f, %.1f), want %v", sx/n, sy/n, s)
	}
}

func TestBurnSelectedHandles(t *testing.T) {
	a := mark(t, ToolEllipse, Pt(20, 20), Pt(80, 60))
	a.ID = "e"
	plain, sel := newRGBA(128, 128), newRGBA(128, 128)
	Burn(plain, []Annotation{a}, BurnOptions{})
	Burn(sel, []Annotation{a}, BurnOptions{Selected: "e"})
	for _, h := range a.Handles() {
		c := sel.RGBAAt(int(h.X), int(h.Y))
		if c != selectedColor {
			t.Errorf("handle %v is %v, want %v", h, c, selectedColor)
		}
		if plain.RGBAAt(int(h.X), int(h.Y)) == c {
			t.Errorf("handle %v drawn when not selected", h)
		}
	}
	custom := newRGBA(128, 128)
	Burn(custom, []Annotation{a}, BurnOptions{Color: color.RGBA{0, 255, 0, 255}})
	if c := custom.RGBAAt(80, 40); c.G < 200 || c.R > 50 {
		t.Errorf("custom colour: %v", c)
	}
}

func TestBurnOffscreenAndEmpty(t *testing.T) {
	far := mark(t, ToolLength, Pt(-1e6, -1e6), Pt(-1e6+5, -1e6))
	dst := newRGBA(32, 32)
	Burn(dst, []Annotation{far}, BurnOptions{})
	if len(changed(newRGBA(32, 32), dst)) != 0 {
		t.Error("a mark far off screen drew pixels")
	}
	Burn(image.NewRGBA(image.Rectangle{}), []Annotation{far, mark(t, ToolText, Pt(0, 0))}, BurnOptions{})
	// A destination that does not start at (0, 0).
	sub := newRGBA(64, 64).SubImage(image.Rect(32, 32, 64, 64)).(*image.RGBA)
	Burn(sub, []Annotation{mark(t, ToolPoint, Pt(5, 5))}, BurnOptions{})
	if c := sub.RGBAAt(32+5, 32+5+5); c.R < 100 { // on the marker's ring, radius 5
		t.Errorf("sub-image: %v", c)
	}
}

func TestLabelAt(t *testing.T) {
	a := mark(t, ToolText, Pt(20, 50))
	a.ID = "t"
	b := Measure(mark(t, ToolLength, Pt(100, 100), Pt(160, 100)), Spacing{}, nil)
	b.ID = "l"
	placed := Burn(newRGBA(400, 200), []Annotation{a, b}, BurnOptions{})
	for _, p := range placed {
		c := p.Label.Min.Add(p.Label.Max).Div(2)
		if got := LabelAt(placed, ScreenPoint{float64(c.X), float64(c.Y)}); got != p.ID {
			t.Errorf("label of %s at %v: got %q", p.ID, c, got)
		}
	}
	if got := LabelAt(placed, ScreenPoint{399, 0}); got != "" {
		t.Errorf("empty corner: %q", got)
	}
}

// TestLeaderLine: a label placed away from its mark gets a line to it; a
// label next to its mark does not.
func TestLeaderLine(t *testing.T) {
	dst := newRGBA(200, 120)
	b := newBurner(dst, BurnOptions{})
	f := figure{lo: ScreenPoint{150, 90}, hi: ScreenPoint{160, 92}, gap: 6, ok: true}
	far := image.Rect(10, 10, 60, 24)
	l, ok := b.leaderLine(far, f)
	if !ok {
		t.Fatal("no leader line for a label far from its mark")
	}
	b.leader(l, color.RGBA{255, 220, 0, 255})
	// The midpoint of the segment from the label's corner (60, 24) to
	// the mark's corner (150, 90) is drawn.
	if c := dst.RGBAAt(105, 57); c.R < 200 || c.G < 150 {
		t.Errorf("no leader line at its midpoint: %v", c)
	}
	if _, ok := newBurner(newRGBA(200, 120), BurnOptions{}).leaderLine(image.Rect(100, 80, 144, 94), f); ok {
		t.Error("a label next to its mark got a leader line")
	}
}

// TestBurnAvoid: labels keep clear of the areas a viewer asks them to
// (its corner text) when there is room elsewhere.
func TestBurnAvoid(t *testing.T) {
	a := Measure(mark(t, ToolLength, Pt(80, 60), Pt(120, 60)), Spacing{Row: 0.3, Column: 0.3, Source: SpacingPixelSpacing}, nil)
	a.ID = "l"
	free := Burn(newRGBA(240, 160), []Annotation{a}, BurnOptions{})
	if len(free) != 1 || free[0].Label.Empty() {
		t.Fatalf("placed %+v", free)
	}
	taken := free[0].Label
	moved := Burn(newRGBA(240, 160), []Annotation{a}, BurnOptions{Avoid: []image.Rectangle{taken}})
	if r := moved[0].Label; r.Empty() || r.Overlaps(taken) {
		t.Errorf("label at %v despite the area to avoid %v", r, taken)
	}
}
