package mark

import (
	"image"
	"math"
	"slices"
)

// Label placement. Every label is tried, in a fixed order, at candidate
// positions around its mark: the eight sides and corners of the mark's
// box, then the same box edges slid along, first next to the mark and
// then on rings further out (a leader line joins a label to its mark
// once it is away from it). The first candidate that lies inside the
// destination, covers no label placed before it nor an area to avoid
// (a viewer's corner text) and crosses no mark's lines wins. Failing
// that, the first that only crosses lines; failing that, the one that
// covers least. The same marks in the same view are therefore always
// labelled the same way, and a label moves only when the view (zoom, pan,
// size) or the marks change.

// labelRings is how many rings of candidates lie beyond the one next to
// the mark; ringStep is their spacing in font sizes.
const (
	labelRings = 8
	ringStep   = 1.5
)

// A labelSpace is the room labels are placed in.
type labelSpace struct {
	bounds image.Rectangle
	// taken are boxes labels must not cover: labels placed, areas to
	// avoid.
	taken []image.Rectangle
	// lines and areas are the marks' geometry, which labels keep clear
	// of where they can: stroked segments (with their half width) and
	// the boxes of outlines and solids.
	lines []segment
	areas []image.Rectangle
}

// A segment is a stroked line from a to b, pad pixels wide on each side.
type segment struct {
	a, b ScreenPoint
	pad  float64
}

// How a label box lies, from best to worst.
const (
	fitFree          = iota // inside the destination, covering nothing
	fitCrossesMarks         // over some of the marks' lines or outlines
	fitLeaderCrosses        // its leader line would cross a label
	fitCovers               // over a label or an area to avoid, or out of the destination
)

// fit says how box r lies, its leader line (if it needs one) lead, and
// a cost that orders boxes of the same level: for fitCrossesMarks how
// much of the marks it covers, for fitCovers the area out of the
// destination first, then the area of labels covered, then marks.
func (s *labelSpace) fit(r image.Rectangle, lead *segment) (level int, cost float64) {
	out := area(r) - area(r.Intersect(s.bounds))
	cover := overlapArea(r, s.taken)
	cross := s.crossing(r)
	switch {
	case out > 0 || cover > 0:
		return fitCovers, 1e6*float64(out) + 1e3*float64(cover) + float64(cross)
	case lead != nil && s.leaderCrosses(*lead):
		return fitLeaderCrosses, float64(cross)
	case cross > 0:
		return fitCrossesMarks, float64(cross)
	}
	return fitFree, 0
}

// leaderCrosses reports whether a leader line would cross a label or an
// area to avoid.
func (s *labelSpace) leaderCrosses(l segment) bool {
	for _, r := range s.taken {
		if segmentHitsBox(l.a, l.b, r.Inset(1), l.pad) {
			return true
		}
	}
	return false
}

// crossing measures how much of the marks' geometry r covers: the area
// of the outline and solid boxes inside it, plus the box's height per
// line crossing it.
func (s *labelSpace) crossing(r image.Rectangle) int {
	n := overlapArea(r, s.areas)
	for _, l := range s.lines {
		if segmentHitsBox(l.a, l.b, r, l.pad) {
			n += max(1, r.Dy())
		}
	}
	return n
}

// A try is a text block at a candidate box, with the leader line it
// needs there (led is false when it is next to its mark).
type try struct {
	t    *textBlock
	r    image.Rectangle
	lead segment
	led  bool
}

// choose returns the try to use: the first free one; else, of those that
// only cross marks, the one that covers least of them, each step down
// the list of tries counting as a quarter of a line crossed; else the
// first whose leader crosses a label; else the one that covers least,
// moved inside the destination. ok is false when there is nothing to
// try.
func (s *labelSpace) choose(tries []try) (best try, ok bool) {
	cross, leader, cheapest := -1, -1, -1
	crossCost, coverCost := math.Inf(1), math.Inf(1)
	for i := range tries {
		c := &tries[i]
		var lead *segment
		if c.led {
			lead = &c.lead
		}
		level, cost := s.fit(c.r, lead)
		switch level {
		case fitFree:
			return *c, true
		case fitCrossesMarks:
			if cost += float64(i) * float64(c.r.Dy()) / 4; cost < crossCost {
				cross, crossCost = i, cost
			}
		case fitLeaderCrosses:
			if leader < 0 {
				leader = i
			}
		default:
			if cost < coverCost {
				cheapest, coverCost = i, cost
			}
		}
	}
	switch {
	case cross >= 0:
		return tries[cross], true
	case leader >= 0:
		return tries[leader], true
	case cheapest >= 0:
		c := tries[cheapest]
		c.r = clampInto(c.r, s.bounds)
		return c, true
	}
	return try{}, false
}

// around appends to out the boxes where a w×h label may go next to the
// box lo–hi: on the rings from to to, ring k gap+k·step pixels away from
// the box, each ring's eight sides and corners and then its sides with
// the label flush with an end of the box, in order of their direction
// from dir.
func around(out []image.Rectangle, lo, hi, dir ScreenPoint, w, h int, gap, step float64, from, to int) []image.Rectangle {
	base := math.Atan2(dir.Y, dir.X)
	cx, cy := (lo.X+hi.X)/2, (lo.Y+hi.Y)/2
	fw, fh := float64(w), float64(h)
	type pos struct {
		x, y float64 // top-left corner
		turn float64 // angle between dir and the way to the box's centre
		k    int
	}
	ring := make([]pos, 0, 16)
	for k := from; k <= to; k++ {
		g := gap + float64(k)*step
		ring = ring[:0]
		add := func(x, y float64) {
			a := math.Atan2(y+fh/2-cy, x+fw/2-cx)
			ring = append(ring, pos{x, y, math.Abs(math.Remainder(a-base, 2*math.Pi)), len(ring)})
		}
		// The eight sides and corners.
		for _, sx := range []float64{-1, 0, 1} {
			for _, sy := range []float64{-1, 0, 1} {
				if sx == 0 && sy == 0 {
					continue
				}
				gg := g
				if sx != 0 && sy != 0 {
					gg = g * 0.7
				}
				mx := cx + sx*((hi.X-lo.X)/2+gg+fw/2)
				my := cy + sy*((hi.Y-lo.Y)/2+gg+fh/2)
				add(mx-fw/2, my-fh/2)
			}
		}
		n := len(ring)
		// The sides again, the label flush with one end of the box.
		add(lo.X, lo.Y-g-fh)
		add(hi.X-fw, lo.Y-g-fh)
		add(lo.X, hi.Y+g)
		add(hi.X-fw, hi.Y+g)
		add(hi.X+g, lo.Y)
		add(hi.X+g, hi.Y-fh)
		add(lo.X-g-fw, lo.Y)
		add(lo.X-g-fw, hi.Y-fh)
		byTurn := func(a, b pos) int {
			switch {
			case a.turn < b.turn-1e-9:
				return -1
			case a.turn > b.turn+1e-9:
				return 1
			}
			return a.k - b.k
		}
		slices.SortStableFunc(ring[:n], byTurn)
		slices.SortStableFunc(ring[n:], byTurn)
		for _, p := range ring {
			at := image.Pt(int(math.Round(p.x)), int(math.Round(p.y)))
			out = append(out, image.Rectangle{Min: at, Max: at.Add(image.Pt(w, h))})
		}
	}
	return out
}

// segmentHitsBox reports whether the segment a–b, pad pixels wide on each
// side, touches box r (Liang–Barsky clipping against r grown by pad).
func segmentHitsBox(a, b ScreenPoint, r image.Rectangle, pad float64) bool {
	x0, y0 := float64(r.Min.X)-pad, float64(r.Min.Y)-pad
	x1, y1 := float64(r.Max.X)+pad, float64(r.Max.Y)+pad
	if !(x0 < x1 && y0 < y1) || !a.finite() || !b.finite() {
		return false
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	t0, t1 := 0.0, 1.0
	for _, e := range [4][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

func (p ScreenPoint) finite() bool { return Finite(p.X) && Finite(p.Y) }

// addFigure adds a mark's geometry to what labels keep clear of: its open
// lines as segments pad pixels wide each side, its outlines and solids
// as boxes.
func (s *labelSpace) addFigure(f figure, pad float64) {
	if !f.ok {
		return
	}
	for _, p := range f.paths {
		if p.closed {
			s.areas = append(s.areas, boxOfPoints(p.pts, pad))
			continue
		}
		for i := 1; i < len(p.pts); i++ {
			s.lines = append(s.lines, segment{p.pts[i-1], p.pts[i], pad})
		}
	}
	for _, sol := range f.solids {
		s.areas = append(s.areas, boxOfPoints(sol, pad))
	}
}

// boxOfPoints returns the box around ps grown by pad, empty when ps
// holds no finite point.
func boxOfPoints(ps []ScreenPoint, pad float64) image.Rectangle {
	lo := ScreenPoint{math.Inf(1), math.Inf(1)}
	hi := ScreenPoint{math.Inf(-1), math.Inf(-1)}
	for _, p := range ps {
		if p.finite() {
			lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
			hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
		}
	}
	if !(lo.X <= hi.X) {
		return image.Rectangle{}
	}
	const far = 1 << 24
	return image.Rect(int(math.Floor(max(lo.X-pad, -far))), int(math.Floor(max(lo.Y-pad, -far))),
		int(math.Ceil(min(hi.X+pad, far))), int(math.Ceil(min(hi.Y+pad, far))))
}
