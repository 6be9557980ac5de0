package mark

import (
	"fmt"
	"image"
	"slices"
	"testing"
)

// crowd returns marks drawn close together on a 512×512 image, as users
// reported them colliding: an arrow with its text, a text mark, two
// lengths and an ellipse ROI with statistics, all within 120 pixels.
func crowd(t *testing.T) []Annotation {
	t.Helper()
	sp := Spacing{Row: 0.3, Column: 0.3, Source: SpacingImager}
	arrow := mark(t, ToolArrow, Pt(250, 250), Pt(292, 212))
	arrow.Label, arrow.ID = "L cornu occluded", "arrow"
	text := mark(t, ToolText, Pt(150, 232))
	text.Label, text.ID = "Filling defect", "text"
	l1 := Measure(mark(t, ToolLength, Pt(236, 262), Pt(300, 262)), sp, nil)
	l1.ID = "l1"
	l2 := Measure(mark(t, ToolLength, Pt(240, 284), Pt(306, 276)), sp, nil)
	l2.ID = "l2"
	roi := Measure(mark(t, ToolEllipse, Pt(246, 220), Pt(296, 258)), sp, nil)
	roi.ID = "roi"
	roi.Measurement.Stats = &Stats{Mean: 812.4, SD: 35.2, Min: 700, Max: 900, Pixels: 1234}
	return []Annotation{roi, l1, arrow, l2, text}
}

// checkLabels fails when two labels overlap, a label covers an area to
// avoid or a label leaves the destination.
func checkLabels(t *testing.T, name string, placed []Placed, bounds image.Rectangle, avoid []image.Rectangle) {
	t.Helper()
	for i, p := range placed {
		if p.Label.Empty() {
			t.Errorf("%s: %s has no label", name, p.ID)
			continue
		}
		if !p.Label.In(bounds) {
			t.Errorf("%s: label of %s %v leaves %v", name, p.ID, p.Label, bounds)
		}
		for _, q := range placed[i+1:] {
			if p.Label.Overlaps(q.Label) {
				t.Errorf("%s: labels of %s %v and %s %v overlap", name, p.ID, p.Label, q.ID, q.Label)
			}
		}
		for _, a := range avoid {
			if p.Label.Overlaps(a) {
				t.Errorf("%s: label of %s %v covers %v", name, p.ID, p.Label, a)
			}
		}
	}
}

// TestCrowdedLabels: at every zoom from 25 % to 400 % and in panes from
// 400 to 1600 pixels wide, the labels of marks drawn close together
// cover neither each other nor the corner text, and stay in the pane.
func TestCrowdedLabels(t *testing.T) {
	anns := crowd(t)
	for _, w := range []float64{400, 800, 1600} {
		for _, zoom := range []float64{0.25, 0.45, 1, 4} {
			h := w * 0.7
			v := ViewTransform{ImageWidth: 512, ImageHeight: 512, ViewWidth: w, ViewHeight: h, Zoom: zoom}
			// At 400 % the marks' middle is in view.
			v.PanX, v.PanY = (256-270)*zoom, (256-250)*zoom
			bounds := image.Rect(0, 0, int(w), int(h))
			corner := []image.Rectangle{image.Rect(0, 0, 150, 70), image.Rect(int(w)-140, 0, int(w), 70),
				image.Rect(0, int(h)-50, 260, int(h)), image.Rect(int(w)-120, int(h)-34, int(w), int(h))}
			name := fmt.Sprintf("%.0f px, zoom %.0f %%", w, zoom*100)
			// As a viewer does, leave out the marks out of view.
			var shown []Annotation
			for _, a := range anns {
				if s := v.ToScreen(pointOf(a.Points[0])); image.Pt(int(s.X), int(s.Y)).In(bounds) {
					shown = append(shown, a)
				}
			}
			placed := Burn(image.NewRGBA(bounds), shown, BurnOptions{View: v, Avoid: corner, LineWidth: 2, FontSize: 13})
			checkLabels(t, name, placed, bounds, corner)
			// Where there is room, no label crosses a mark's lines.
			if zoom == 1 || (zoom == 4 && w == 1600) {
				b := newBurner(image.NewRGBA(bounds), BurnOptions{View: v, LineWidth: 2, FontSize: 13})
				for i := range shown {
					b.space.addFigure(b.figure(&shown[i]), b.lw/2+b.ow)
				}
				for i, p := range placed {
					if shapeOf(&shown[i]) == shapeText {
						continue // where the user put it
					}
					if n := b.space.crossing(p.Label); n > 0 {
						t.Errorf("%s: label of %s %v crosses marks", name, p.ID, p.Label)
					}
				}
			}
			// The same marks in the same view are labelled the same way.
			again := Burn(image.NewRGBA(bounds), shown, BurnOptions{View: v, Avoid: corner, LineWidth: 2, FontSize: 13})
			if !slices.Equal(placed, again) {
				t.Errorf("%s: placed %v, then %v", name, placed, again)
			}
		}
	}
}

// TestStatsOneLine: an ROI's statistics go on one line in a small pane,
// in full in a large one, and as the option says.
func TestStatsOneLine(t *testing.T) {
	sp := Spacing{Row: 0.3, Column: 0.3, Source: SpacingImager}
	roi := Measure(mark(t, ToolEllipse, Pt(40, 40), Pt(80, 70)), sp, nil)
	roi.ID = "roi"
	roi.Measurement.Stats = &Stats{Mean: 812.4, SD: 35.2, Min: 700, Max: 900, Pixels: 1234}
	if got, want := roi.MeasurementLine(), "84.8 mm² (at detector) · mean 812.4 ± 35.2"; got != want {
		t.Errorf("one line %q, want %q", got, want)
	}
	l := Measure(mark(t, ToolLength, Pt(0, 0), Pt(30, 40)), sp, nil)
	if got := l.MeasurementLine(); got != "15.0 mm (at detector)" {
		t.Errorf("a length's line %q", got)
	}
	for _, tc := range []struct {
		name    string
		size    int
		stats   StatsLayout
		avoid   []image.Rectangle
		oneLine bool
	}{
		{"large pane", 600, StatsAuto, nil, false},
		{"small pane", 360, StatsAuto, nil, true},
		{"always full", 360, StatsFull, nil, false},
		{"always one line", 600, StatsOneLine, nil, true},
		// Corner text all round the ROI: the full box has no room next to it.
		{"crowded", 600, StatsAuto, []image.Rectangle{image.Rect(0, 0, 600, 38), image.Rect(0, 72, 600, 600), image.Rect(0, 0, 38, 600)}, true},
	} {
		bounds := image.Rect(0, 0, tc.size, tc.size)
		p := Burn(image.NewRGBA(bounds), []Annotation{roi}, BurnOptions{FontSize: 13, LineWidth: 2, Stats: tc.stats, Avoid: tc.avoid})
		if p[0].OneLine != tc.oneLine {
			t.Errorf("%s: one line %v, want %v (label %v)", tc.name, p[0].OneLine, tc.oneLine, p[0].Label)
		}
		one := NewTextBlock([]string{roi.MeasurementLine()}, NewFace(13, false))
		if tc.oneLine && p[0].Label.Dy() != one.H {
			t.Errorf("%s: label %d px high, one line is %d", tc.name, p[0].Label.Dy(), one.H)
		}
		checkLabels(t, tc.name, p, bounds, tc.avoid)
	}
}

// TestTextMarkStays: a text mark's box starts where the user put it; it
// moves only off another mark's lines, a label or an area to avoid, and
// then gets a leader line back to that point when it is not next to it.
func TestTextMarkStays(t *testing.T) {
	a := mark(t, ToolText, Pt(100, 100))
	a.Label, a.ID = "Filling defect", "t"
	l := mark(t, ToolLength, Pt(90, 160), Pt(190, 160))
	l.ID = "l"
	bounds := image.Rect(0, 0, 400, 300)
	p := Burn(image.NewRGBA(bounds), []Annotation{l, a}, BurnOptions{FontSize: 13, LineWidth: 2})
	if got := p[1].Label.Min; got.X != 100 || got.Y > 100 || p[1].Label.Max.Y < 100 {
		t.Errorf("text mark box %v, want it at its point (100, 100)", p[1].Label)
	}
	l = mark(t, ToolLength, Pt(90, 100), Pt(190, 100)) // through the text
	p = Burn(image.NewRGBA(bounds), []Annotation{l, a}, BurnOptions{FontSize: 13, LineWidth: 2})
	if r := p[1].Label; segmentHitsBox(ScreenPoint{90, 100}, ScreenPoint{190, 100}, r, 2) {
		t.Errorf("text mark box %v covers the length", r)
	}
	avoid := image.Rect(80, 80, 260, 120)
	dst := newRGBA(400, 300)
	p = Burn(dst, []Annotation{a}, BurnOptions{FontSize: 13, LineWidth: 2, Avoid: []image.Rectangle{avoid}})
	if r := p[0].Label; r.Overlaps(avoid) || !r.In(bounds) {
		t.Errorf("text mark at %v despite %v", r, avoid)
	}
	// The leader: some pixel between the box and the point is drawn.
	r := p[0].Label
	mid := image.Pt((max(r.Min.X, min(100, r.Max.X))+100)/2, (max(r.Min.Y, min(100, r.Max.Y))+100)/2)
	var ink uint8
	for dx := -2; dx <= 2; dx++ {
		for dy := -2; dy <= 2; dy++ {
			ink = max(ink, dst.RGBAAt(mid.X+dx, mid.Y+dy).G)
		}
	}
	if ink < 80 { // a line one pixel wide, across two
		t.Errorf("no leader line near %v, between %v and the text's point", mid, r)
	}
}

// TestSegmentHitsBox checks the test that keeps labels off lines.
func TestSegmentHitsBox(t *testing.T) {
	box := image.Rect(10, 10, 20, 20)
	for _, tc := range []struct {
		a, b ScreenPoint
		pad  float64
		want bool
	}{
		{ScreenPoint{0, 0}, ScreenPoint{30, 30}, 0, true},   // diagonal through
		{ScreenPoint{0, 25}, ScreenPoint{30, 25}, 0, false}, // below
		{ScreenPoint{0, 25}, ScreenPoint{30, 25}, 6, true},  // below, but wide
		{ScreenPoint{15, 15}, ScreenPoint{16, 16}, 0, true}, // inside
		{ScreenPoint{0, 0}, ScreenPoint{9, 30}, 0, false},   // passes by the left
		{ScreenPoint{0, 18}, ScreenPoint{18, 0}, 0, false},  // misses the corner (10, 10)
		{ScreenPoint{0, 18}, ScreenPoint{18, 0}, 3, true},   // not with a wide stroke
		{ScreenPoint{0, 39}, ScreenPoint{39, 0}, 0, true},   // cuts the corner (20, 20)
	} {
		if got := segmentHitsBox(tc.a, tc.b, box, tc.pad); got != tc.want {
			t.Errorf("%v–%v pad %v: %v, want %v", tc.a, tc.b, tc.pad, got, tc.want)
		}
	}
}

// TestLabelWraps: in a destination narrower than a label, its lines wrap
// at spaces and the label stays inside.
func TestLabelWraps(t *testing.T) {
	sp := Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}
	roi := Measure(mark(t, ToolEllipse, Pt(60, 100), Pt(100, 130)), sp, nil)
	roi.ID = "roi"
	roi.Measurement.Stats = &Stats{Mean: 2127.3, SD: 136.6, Min: 1680, Max: 2313, Pixels: 13297}
	l := Measure(mark(t, ToolLength, Pt(40, 160), Pt(120, 170)), sp, nil)
	l.ID = "l"
	bounds := image.Rect(0, 0, 170, 300)
	for _, stats := range []StatsLayout{StatsAuto, StatsFull, StatsOneLine} {
		p := Burn(image.NewRGBA(bounds), []Annotation{roi, l}, BurnOptions{FontSize: 13, LineWidth: 2, Stats: stats})
		checkLabels(t, fmt.Sprint("stats ", stats), p, bounds, nil)
		if h := NewTextBlock([]string{"x"}, NewFace(13, false)).H; p[1].Label.Dy() <= h {
			t.Errorf("stats %v: the length's label %v is one line high, %d px wide", stats, p[1].Label, p[1].Label.Dx())
		}
	}
}
