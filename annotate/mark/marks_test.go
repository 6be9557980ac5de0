package mark

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestHitTest(t *testing.T) {
	anns := []Annotation{
		mark(t, ToolLength, Pt(10, 10), Pt(110, 10)),
		mark(t, ToolArrow, Pt(50, 50), Pt(90, 90)),                  // head, tail
		mark(t, ToolEllipse, Pt(200, 100), Pt(300, 150)),            // centre (250, 125), 50×25
		mark(t, ToolPolygon, Pt(0, 200), Pt(100, 200), Pt(50, 300)), // triangle
		mark(t, ToolText, Pt(400, 400)),
		mark(t, ToolAngle, Pt(500, 0), Pt(450, 50), Pt(500, 100)),
		mark(t, ToolFreehand, Pt(600, 600), Pt(700, 600), Pt(650, 700)),
		mark(t, ToolPoint, Pt(300, 300)),
	}
	for i := range anns {
		anns[i].ID = string(rune('a' + i))
	}
	for _, c := range []struct {
		p    ImagePoint
		tol  float64
		id   string
		part Handle
	}{
		{Pt(60, 12), 3, "a", HandleBody},        // on the line
		{Pt(60, 14), 3, "", HandleNone},         // 4 px off with 3 px tolerance
		{Pt(60, 14), 5, "a", HandleBody},        // …within 5 px
		{Pt(111, 11), 3, "a", 1},                // its second end point
		{Pt(9, 10), 3, "a", 0},                  // its first
		{Pt(51, 51), 3, "b", 0},                 // the arrow's head
		{Pt(89, 90), 3, "b", 1},                 // its tail (where the label sits)
		{Pt(70, 71), 3, "b", HandleBody},        // its shaft
		{Pt(201, 101), 3, "c", 0},               // the ellipse's top-left box corner
		{Pt(299, 151), 3, "c", 2},               // bottom-right
		{Pt(300, 125), 2, "c", HandleBody},      // its outline (right end of the major axis)
		{Pt(250, 99), 2, "c", HandleBody},       // top of the outline
		{Pt(250, 125), 2, "c", HandleBody},      // inside
		{Pt(205, 105), 2, "", HandleNone},       // inside the box but outside the ellipse
		{Pt(50, 250), 2, "d", HandleBody},       // inside the triangle
		{Pt(50, 300), 2, "d", 2},                // its apex vertex
		{Pt(75, 250), 2, "d", HandleBody},       // on its right edge
		{Pt(401, 399), 3, "e", 0},               // the text anchor
		{Pt(450, 52), 3, "f", 1},                // the angle's vertex
		{Pt(475, 25), 2, "f", HandleBody},       // its arm
		{Pt(650, 601), 2, "g", HandleBody},      // the freehand outline: no handles
		{Pt(300, 303), 4, "h", 0},               // the point marker
		{Pt(1000, 1000), 50, "", HandleNone},    // nothing
		{Pt(math.NaN(), 10), 3, "", HandleNone}, // bad input
		{Pt(60, 10), math.NaN(), "", HandleNone},
		{Pt(60, 10), -1, "", HandleNone},
	} {
		id, part := HitTest(anns, c.p, c.tol)
		if id != c.id || part != c.part {
			t.Errorf("HitTest(%v, tol %v) = %q %d, want %q %d", c.p, c.tol, id, part, c.id, c.part)
		}
	}
}

func TestHitTestPriority(t *testing.T) {
	big := mark(t, ToolEllipse, Pt(0, 0), Pt(200, 200))
	big.ID = "big"
	small := mark(t, ToolLength, Pt(90, 100), Pt(110, 100))
	small.ID = "small"
	over := mark(t, ToolLength, Pt(90, 100), Pt(110, 100))
	over.ID = "over"
	// Inside a large ROI, a line drawn within it is still reachable.
	if id, h := HitTest([]Annotation{small, big}, Pt(100, 101), 3); id != "small" || h != HandleBody {
		t.Errorf("got %q %d, want the line inside the ROI", id, h)
	}
	// A handle beats a nearer body.
	other := mark(t, ToolLength, Pt(80, 103), Pt(120, 103))
	other.ID = "other"
	if id, h := HitTest([]Annotation{small, other}, Pt(90, 102), 3); id != "small" || h != 0 {
		t.Errorf("got %q %d, want the end point of small", id, h)
	}
	// Of two identical marks, the one drawn last is on top.
	if id, _ := HitTest([]Annotation{small, over}, Pt(100, 100), 3); id != "over" {
		t.Errorf("got %q, want the mark on top", id)
	}
}

func TestHitTestThroughView(t *testing.T) {
	a := mark(t, ToolLength, Pt(100, 100), Pt(200, 100))
	a.ID = "l"
	for _, v := range []ViewTransform{
		{ImageWidth: 512, ImageHeight: 512, ViewWidth: 800, ViewHeight: 600, Zoom: 4, Rotation: 1, CanvasScale: 2},
		{ImageWidth: 512, ImageHeight: 512, ViewWidth: 800, ViewHeight: 600, Zoom: 0.25, FlipH: true},
	} {
		// 6 screen pixels off the line, with an 8 px screen tolerance:
		// a hit at any zoom; 10 px off: a miss.
		on := v.ToScreen(Pt(150, 100))
		for _, c := range []struct {
			off float64
			hit bool
		}{{6, true}, {10, false}} {
			// Perpendicular to the line on screen: it shows vertical when
			// the view is turned a quarter.
			q := ScreenPoint{on.X, on.Y + c.off}
			if v.quarter()%2 == 1 {
				q = ScreenPoint{on.X + c.off, on.Y}
			}
			id, _ := HitTest([]Annotation{a}, v.ToImage(q), v.ImageLength(8))
			if (id == "l") != c.hit {
				t.Errorf("zoom %v rotation %d: %v screen px off, hit %q", v.Zoom, v.Rotation, c.off, id)
			}
		}
	}
}

func TestMoveAndHandles(t *testing.T) {
	l := mark(t, ToolLength, Pt(0, 0), Pt(10, 0))
	m := l.Move(2.5, -1)
	if m.Points[0] != [2]float64{2.5, -1} || m.Points[1] != [2]float64{12.5, -1} || l.Points[0] != [2]float64{0, 0} {
		t.Errorf("Move: %v (original %v)", m.Points, l.Points)
	}
	if h := l.MoveHandle(1, Pt(20, 5)); h.Points[1] != [2]float64{20, 5} || h.Points[0] != [2]float64{0, 0} {
		t.Errorf("MoveHandle: %v", h.Points)
	}
	// Polygon: moving vertex 0 moves the closing point too.
	p := mark(t, ToolPolygon, Pt(0, 0), Pt(10, 0), Pt(0, 10))
	if len(p.Handles()) != 3 {
		t.Errorf("polygon handles %v", p.Handles())
	}
	q := p.MoveHandle(0, Pt(-1, -1))
	if q.Points[0] != [2]float64{-1, -1} || q.Points[3] != [2]float64{-1, -1} {
		t.Errorf("polygon vertex 0: %v", q.Points)
	}
	// Ellipse: dragging the bottom-right corner keeps the top-left.
	e := mark(t, ToolEllipse, Pt(10, 10), Pt(30, 20))
	hs := e.Handles()
	if hs[0] != Pt(10, 10) || hs[2] != Pt(30, 20) {
		t.Fatalf("ellipse corners %v", hs)
	}
	f := e.MoveHandle(2, Pt(50, 60))
	if fh := f.Handles(); !nearPt(fh[0], Pt(10, 10)) && !nearPt(fh[1], Pt(10, 10)) && !nearPt(fh[3], Pt(10, 10)) {
		t.Errorf("the opposite corner moved: %v", fh)
	}
	if el, _ := ellipseOf(f.GraphicType, f.points()); !Near(el.A, 25, 1e-9) || !Near(el.B, 20, 1e-9) || !nearPt(el.C, Pt(30, 35)) {
		t.Errorf("resized ellipse %+v", el)
	}
	// Not a handle, or not finite: unchanged.
	for _, g := range []Annotation{l.MoveHandle(2, Pt(1, 1)), l.MoveHandle(HandleBody, Pt(1, 1)), l.MoveHandle(0, Pt(math.Inf(1), 0)), l.Move(math.NaN(), 0)} {
		if g.Points[0] != l.Points[0] || g.Points[1] != l.Points[1] {
			t.Errorf("changed: %v", g.Points)
		}
	}
	if hs := mark(t, ToolFreehand, Pt(0, 0), Pt(5, 0), Pt(0, 5)).Handles(); hs != nil {
		t.Errorf("freehand handles %v", hs)
	}
}

func nearPt(p, q ImagePoint) bool { return p.Dist(q) < 1e-9 }

func TestOnFrame(t *testing.T) {
	anns := []Annotation{
		{ID: "whole", Image: ImageRef{SOPInstanceUID: "cine"}},
		{ID: "f3", Image: ImageRef{SOPInstanceUID: "cine", FrameNumber: 3}},
		{ID: "f4", Image: ImageRef{SOPInstanceUID: "cine", FrameNumber: 4}},
		{ID: "spot", Image: ImageRef{SOPInstanceUID: "spot"}},
		{ID: "spot1", Image: ImageRef{SOPInstanceUID: "spot", FrameNumber: 1}},
	}
	ids := func(as []Annotation) (s []string) {
		for _, a := range as {
			s = append(s, a.ID)
		}
		return s
	}
	for _, c := range []struct {
		sop   string
		frame int
		want  string
	}{
		{"cine", 3, "[whole f3]"},
		{"cine", 4, "[whole f4]"},
		{"cine", 1, "[whole]"},
		{"spot", 1, "[spot spot1]"},
		{"other", 1, "[]"},
	} {
		if got := ids(OnFrame(anns, c.sop, c.frame)); fmtSlice(got) != c.want {
			t.Errorf("%s frame %d: %v, want %s", c.sop, c.frame, got, c.want)
		}
	}
}

func fmtSlice(s []string) string {
	out := "["
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out + "]"
}

func TestNextMarkID(t *testing.T) {
	r := &Layer{}
	if id := r.NextMarkID(); id != "m1" {
		t.Errorf("%q", id)
	}
	r.Annotations = []Annotation{{ID: "a1"}, {ID: "m7"}, {ID: "m2"}, {ID: "m99999999999999999999"}, {ID: "mx"}}
	if id := r.NextMarkID(); id != "m8" {
		t.Errorf("%q, want m8", id)
	}
}

func TestEllipseOutlineDist(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		th := rng.Float64() * math.Pi
		e := ellipse{C: Pt(rng.Float64()*100, rng.Float64()*100), A: 1 + rng.Float64()*200, B: 1 + rng.Float64()*60,
			U: Pt(math.Cos(th), math.Sin(th))}
		// A point near the outline, inside or out.
		q := e.at(rng.Float64() * 2 * math.Pi)
		p := q.Add(Pt(rng.Float64()*30-15, rng.Float64()*30-15))
		dense := ellipse{C: e.C, A: e.A, B: e.B, U: e.U}
		n := 20000
		want := math.Inf(1)
		for i := range n {
			want = min(want, p.Dist(dense.at(2*math.Pi*float64(i)/float64(n))))
		}
		if got := e.outlineDist(p); math.Abs(got-want) > 0.02+1e-3*want {
			t.Errorf("%+v from %v: %v, want %v", e, p, got, want)
		}
	}
}
