package mark

import (
	"cmp"
	"math"
	"slices"
)

// An ImagePoint is a position on an image in pixel coordinates: X is the
// column, Y the row, both sub-pixel, with (0, 0) the top-left corner of
// the first pixel. The centre of pixel (c, r) is (c+0.5, r+0.5).
type ImagePoint struct{ X, Y float64 }

// Pt is shorthand for ImagePoint{x, y}.
func Pt(x, y float64) ImagePoint { return ImagePoint{x, y} }

// Add returns p+q.
func (p ImagePoint) Add(q ImagePoint) ImagePoint { return ImagePoint{p.X + q.X, p.Y + q.Y} }

// Sub returns p-q.
func (p ImagePoint) Sub(q ImagePoint) ImagePoint { return ImagePoint{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p ImagePoint) Mul(k float64) ImagePoint { return ImagePoint{p.X * k, p.Y * k} }

// Dist returns the distance from p to q in pixels.
func (p ImagePoint) Dist(q ImagePoint) float64 { return math.Hypot(q.X-p.X, q.Y-p.Y) }

func (p ImagePoint) finite() bool { return Finite(p.X) && Finite(p.Y) }

func (p ImagePoint) array() [2]float64 { return [2]float64{p.X, p.Y} }

func pointOf(v [2]float64) ImagePoint { return ImagePoint{v[0], v[1]} }

// points returns the points of a as ImagePoints.
func (a Annotation) points() []ImagePoint {
	ps := make([]ImagePoint, len(a.Points))
	for i, v := range a.Points {
		ps[i] = pointOf(v)
	}
	return ps
}

// arrays converts points to the stored form.
func arrays(ps []ImagePoint) [][2]float64 {
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = p.array()
	}
	return out
}

// segmentDist returns the distance from p to the segment a–b.
func segmentDist(p, a, b ImagePoint) float64 {
	d := b.Sub(a)
	l2 := d.X*d.X + d.Y*d.Y
	if !(l2 > 0) {
		return p.Dist(a)
	}
	t := ((p.X-a.X)*d.X + (p.Y-a.Y)*d.Y) / l2
	t = max(0, min(1, t))
	return p.Dist(a.Add(d.Mul(t)))
}

// polylineDist returns the distance from p to the open polyline ps.
func polylineDist(p ImagePoint, ps [][2]float64) float64 {
	switch len(ps) {
	case 0:
		return math.Inf(1)
	case 1:
		return p.Dist(pointOf(ps[0]))
	}
	d := math.Inf(1)
	for i := 1; i < len(ps); i++ {
		d = min(d, segmentDist(p, pointOf(ps[i-1]), pointOf(ps[i])))
	}
	return d
}

// insideRing reports whether p is inside the ring ps (vertices, not
// repeating the first) by the even-odd rule.
func insideRing(p ImagePoint, ps [][2]float64) bool {
	in := false
	for i, j := 0, len(ps)-1; i < len(ps); j, i = i, i+1 {
		a, b := pointOf(ps[i]), pointOf(ps[j])
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// arrayBounds returns the smallest and largest coordinates of ps.
func arrayBounds(ps [][2]float64) (lo, hi ImagePoint) {
	lo = ImagePoint{math.Inf(1), math.Inf(1)}
	hi = ImagePoint{math.Inf(-1), math.Inf(-1)}
	for _, p := range ps {
		lo.X, lo.Y = min(lo.X, p[0]), min(lo.Y, p[1])
		hi.X, hi.Y = max(hi.X, p[0]), max(hi.Y, p[1])
	}
	return lo, hi
}

// closedRing returns the vertices of a closed polyline without the
// repeated last point.
func closedRing(ps []ImagePoint) []ImagePoint {
	if n := len(ps); n > 1 && ps[0] == ps[n-1] {
		return ps[:n-1]
	}
	return ps
}

// shoelace returns the area enclosed by the ring ps (vertices, not
// repeating the first), in square pixels. A self-intersecting ring gives
// the signed sum of its lobes, as the shoelace formula does.
func shoelace(ps []ImagePoint) float64 {
	if len(ps) < 3 {
		return 0
	}
	var s float64
	// Sum relative to the first vertex so that large coordinates do not
	// cost precision.
	o := ps[0]
	for i := 1; i+1 < len(ps); i++ {
		a, b := ps[i].Sub(o), ps[i+1].Sub(o)
		s += a.X*b.Y - b.X*a.Y
	}
	return math.Abs(s) / 2
}

// maxExactRing is the number of vertices up to which ringArea resolves
// self-intersections; longer outlines (far more than a hand-drawn
// freehand ROI) fall back to the shoelace formula.
const maxExactRing = 4000

// ringArea returns the area enclosed by the ring ps (vertices, not
// repeating the first) by the even-odd rule, the rule scanRing and so the
// ROI statistics use: a figure-eight counts both loops, where the
// shoelace formula would subtract one from the other. A simple ring takes
// the shoelace formula; a self-intersecting one is cut into horizontal
// slabs at its vertices and crossings, inside which no edges cross, and
// the inside of each slab is a set of exact trapezoids.
func ringArea(ps []ImagePoint) float64 {
	n := len(ps)
	if n < 3 || n > maxExactRing {
		return shoelace(ps)
	}
	o := ps[0] // work relative to the first vertex, as shoelace does
	q := make([]ImagePoint, n)
	ys := make([]float64, 0, n)
	for i, p := range ps {
		q[i] = p.Sub(o)
		ys = append(ys, q[i].Y)
	}
	crossed := false
	for i := range n {
		a, b := q[i], q[(i+1)%n]
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue // the closing edge is adjacent to the first
			}
			if y, ok := crossingY(a, b, q[j], q[(j+1)%n]); ok {
				ys = append(ys, y)
				crossed = true
			}
		}
	}
	if !crossed {
		return shoelace(ps)
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	type cut struct{ mid, top, bottom float64 }
	var cuts []cut
	var area float64
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		ym := (y0 + y1) / 2
		cuts = cuts[:0]
		for i := range n {
			a, b := q[i], q[(i+1)%n]
			if (a.Y <= ym) == (b.Y <= ym) {
				continue
			}
			x := func(y float64) float64 { return a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y) }
			cuts = append(cuts, cut{x(ym), x(y0), x(y1)})
		}
		slices.SortFunc(cuts, func(u, v cut) int { return cmp.Compare(u.mid, v.mid) })
		for p := 0; p+1 < len(cuts); p += 2 {
			l, r := cuts[p], cuts[p+1]
			area += ((r.top - l.top) + (r.bottom - l.bottom)) / 2 * (y1 - y0)
		}
	}
	return math.Abs(area)
}

// crossingY returns the y of the point where segments ab and cd cross,
// when they do (touching at an end counts; overlapping collinear
// segments do not, as they bound no area).
func crossingY(a, b, c, d ImagePoint) (float64, bool) {
	r, s := b.Sub(a), d.Sub(c)
	den := r.X*s.Y - r.Y*s.X
	if den == 0 {
		return 0, false
	}
	ca := c.Sub(a)
	t := (ca.X*s.Y - ca.Y*s.X) / den
	u := (ca.X*r.Y - ca.Y*r.X) / den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return 0, false
	}
	return a.Y + t*r.Y, true
}

// An ellipse is centred on C with semi-axes A along the unit vector U and
// B along U turned a quarter turn.
type ellipse struct {
	C    ImagePoint
	A, B float64
	U    ImagePoint
}

// ellipseOf reads a DICOM ELLIPSE (major axis end points, then minor axis
// end points) or CIRCLE (centre, then a point on the circle).
func ellipseOf(g GraphicType, ps []ImagePoint) (ellipse, bool) {
	switch {
	case g == GraphicEllipse && len(ps) == 4:
		c := ps[0].Add(ps[1]).Mul(0.5)
		a := ps[0].Dist(ps[1]) / 2
		b := ps[2].Dist(ps[3]) / 2
		u := ImagePoint{1, 0}
		if a > 0 {
			u = ps[1].Sub(ps[0]).Mul(1 / (2 * a))
		} else if b > 0 {
			v := ps[3].Sub(ps[2]).Mul(1 / (2 * b))
			u = ImagePoint{v.Y, -v.X}
		}
		e := ellipse{C: c, A: a, B: b, U: u}
		return e, e.valid()
	case g == GraphicCircle && len(ps) == 2:
		e := ellipse{C: ps[0], A: ps[0].Dist(ps[1]), U: ImagePoint{1, 0}}
		e.B = e.A
		return e, e.valid()
	}
	return ellipse{}, false
}

func (e ellipse) valid() bool {
	return e.C.finite() && e.U.finite() && Finite(e.A) && Finite(e.B) && e.A >= 0 && e.B >= 0
}

// v is the unit vector of the second axis.
func (e ellipse) v() ImagePoint { return ImagePoint{-e.U.Y, e.U.X} }

// at returns the point of the ellipse at parameter t (radians).
func (e ellipse) at(t float64) ImagePoint {
	s, c := math.Sincos(t)
	return e.C.Add(e.U.Mul(e.A * c)).Add(e.v().Mul(e.B * s))
}

// local returns p in the ellipse's axes.
func (e ellipse) local(p ImagePoint) (x, y float64) {
	d := p.Sub(e.C)
	v := e.v()
	return d.X*e.U.X + d.Y*e.U.Y, d.X*v.X + d.Y*v.Y
}

// contains reports whether p is inside or on the ellipse.
func (e ellipse) contains(p ImagePoint) bool {
	if !(e.A > 0 && e.B > 0) {
		return false
	}
	x, y := e.local(p)
	return (x/e.A)*(x/e.A)+(y/e.B)*(y/e.B) <= 1
}

// outlineDist returns the distance from p to the outline of e: the
// nearest of 16 points on the quarter of the outline facing p, refined by
// Newton's method on the outline's parameter.
func (e ellipse) outlineDist(p ImagePoint) float64 {
	a, b := e.A, e.B
	if a == 0 || b == 0 {
		return segmentDist(p, e.at(0), e.at(math.Pi))
	}
	x, y := e.local(p)
	x, y = math.Abs(x), math.Abs(y) // the outline is symmetric
	dist := func(t float64) float64 {
		s, c := math.Sincos(t)
		return math.Hypot(a*c-x, b*s-y)
	}
	const quarter = math.Pi / 2
	best, bt := math.Inf(1), 0.0
	for i := 0; i <= 16; i++ {
		t := quarter * float64(i) / 16
		if d := dist(t); d < best {
			best, bt = d, t
		}
	}
	t := bt
	for range 8 {
		// The derivative of half the squared distance, and its own.
		s, c := math.Sincos(t)
		f := (a*a-b*b)*s*c - x*a*s + y*b*c
		fp := (a*a-b*b)*(c*c-s*s) - x*a*c - y*b*s
		if fp == 0 || !Finite(f/fp) {
			break
		}
		t = max(0, min(quarter, t-f/fp))
	}
	return min(best, dist(t))
}

// corners returns the corners of the box around the ellipse, along its
// axes: -u-v, +u-v, +u+v, -u+v (for an upright ellipse on screen:
// top-left, top-right, bottom-right, bottom-left).
func (e ellipse) corners() [4]ImagePoint {
	u, v := e.U.Mul(e.A), e.v().Mul(e.B)
	return [4]ImagePoint{
		e.C.Sub(u).Sub(v), e.C.Add(u).Sub(v), e.C.Add(u).Add(v), e.C.Sub(u).Add(v),
	}
}

// points returns the ellipse as DICOM ELLIPSE points: the major axis end
// points first, then the minor axis end points.
func (e ellipse) points() []ImagePoint {
	u, v := e.U.Mul(e.A), e.v().Mul(e.B)
	if e.B > e.A {
		return []ImagePoint{e.C.Sub(v), e.C.Add(v), e.C.Sub(u), e.C.Add(u)}
	}
	return []ImagePoint{e.C.Sub(u), e.C.Add(u), e.C.Sub(v), e.C.Add(v)}
}

// boxEllipse returns the ellipse inscribed in the box with opposite
// corners p and q along the axes u and v = u turned a quarter turn.
func boxEllipse(p, q, u ImagePoint) ellipse {
	v := ImagePoint{-u.Y, u.X}
	d := q.Sub(p)
	du, dv := d.X*u.X+d.Y*u.Y, d.X*v.X+d.Y*v.Y
	return ellipse{C: p.Add(q).Mul(0.5), A: math.Abs(du) / 2, B: math.Abs(dv) / 2, U: u}
}

// bounds returns the smallest and largest coordinates of ps.
func bounds(ps []ImagePoint) (lo, hi ImagePoint) {
	lo = ImagePoint{math.Inf(1), math.Inf(1)}
	hi = ImagePoint{math.Inf(-1), math.Inf(-1)}
	for _, p := range ps {
		lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
		hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
	}
	return lo, hi
}

// scanRing calls fn for each run of pixels of row r (0 ≤ r < rows) whose
// centres lie inside the ring ps, as [c0, c1) clipped to [0, cols). A
// centre exactly on an edge counts when the edge is a left or top edge
// (the usual half-open rule), so shapes that share an edge never both
// count a pixel.
func scanRing(ps []ImagePoint, cols, rows int, fn func(r, c0, c1 int)) {
	if len(ps) < 3 || cols <= 0 || rows <= 0 {
		return
	}
	for _, p := range ps {
		if !p.finite() {
			return
		}
	}
	lo, hi := bounds(ps)
	r0 := max(0, int(math.Ceil(lo.Y-0.5)))
	r1 := min(rows-1, int(math.Floor(hi.Y-0.5)))
	var xs []float64
	for r := r0; r <= r1; r++ {
		y := float64(r) + 0.5
		xs = xs[:0]
		for i, j := 0, len(ps)-1; i < len(ps); j, i = i, i+1 {
			a, b := ps[j], ps[i]
			// Half-open in y: an edge covers [min y, max y).
			if (a.Y <= y) != (b.Y <= y) {
				xs = append(xs, a.X+(y-a.Y)*(b.X-a.X)/(b.Y-a.Y))
			}
		}
		slices.Sort(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			// Centres c+0.5 in [xs[k], xs[k+1]).
			c0 := max(0, int(math.Ceil(xs[k]-0.5)))
			c1 := min(cols, int(math.Ceil(xs[k+1]-0.5)))
			if c1 > c0 {
				fn(r, c0, c1)
			}
		}
	}
}

// scanEllipse calls fn for each row of pixels whose centres lie inside or
// on e, as [c0, c1) clipped to [0, cols).
func scanEllipse(e ellipse, cols, rows int, fn func(r, c0, c1 int)) {
	if !e.valid() || !(e.A > 0 && e.B > 0) || cols <= 0 || rows <= 0 {
		return
	}
	// (x·u)²/a² + (x·v)²/b² ≤ 1 with x = p - c is the quadratic form
	// qxx·dx² + 2·qxy·dx·dy + qyy·dy² ≤ 1.
	v := e.v()
	ia, ib := 1/(e.A*e.A), 1/(e.B*e.B)
	qxx := e.U.X*e.U.X*ia + v.X*v.X*ib
	qxy := e.U.X*e.U.Y*ia + v.X*v.Y*ib
	qyy := e.U.Y*e.U.Y*ia + v.Y*v.Y*ib
	// Half height of the box: dy where the discriminant vanishes.
	hy := math.Sqrt(qxx / (qxx*qyy - qxy*qxy))
	if !Finite(hy) {
		return
	}
	r0 := max(0, int(math.Ceil(e.C.Y-hy-0.5)))
	r1 := min(rows-1, int(math.Floor(e.C.Y+hy-0.5)))
	for r := r0; r <= r1; r++ {
		dy := float64(r) + 0.5 - e.C.Y
		// qxx·dx² + 2·qxy·dy·dx + (qyy·dy² - 1) ≤ 0
		b := qxy * dy
		disc := b*b - qxx*(qyy*dy*dy-1)
		if disc < 0 {
			continue
		}
		s := math.Sqrt(disc)
		x0, x1 := e.C.X+(-b-s)/qxx, e.C.X+(-b+s)/qxx
		c0 := max(0, int(math.Ceil(x0-0.5)))
		c1 := min(cols, int(math.Floor(x1-0.5))+1)
		if c1 > c0 {
			fn(r, c0, c1)
		}
	}
}

func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
