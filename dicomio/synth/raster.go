package synth

import (
	"math"
	"slices"
)

// vec is a 2-D point or direction, in millimetres (object plane) or pixels
// depending on context.
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) scale(k float64) vec { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y }
func (a vec) norm() float64       { return math.Hypot(a.x, a.y) }

// mirror maps a point of the patient's right half to its counterpart on the
// left: the mirror image, shifted and stretched a little, because no pelvis
// is symmetric and no patient lies perfectly straight.
func (a vec) mirror() vec { return vec{-1.045*a.x + 1.8, a.y + 2.4} }

// grid is a float32 raster in pixel coordinates: pixel (i, j) has its centre
// at x = i, y = j, and is stored at v[j*w+i].
type grid struct {
	w, h int
	v    []float32
}

func newGrid(w, h int) *grid { return &grid{w: w, h: h, v: make([]float32, w*h)} }

// box returns the pixel index range [i0, i1) × [j0, j1) covering the
// rectangle (x0, y0)–(x1, y1) clipped to the grid; ok is false when empty.
func (g *grid) box(x0, y0, x1, y1 float64) (i0, j0, i1, j1 int, ok bool) {
	i0 = max(0, int(math.Floor(x0)))
	j0 = max(0, int(math.Floor(y0)))
	i1 = min(g.w, int(math.Ceil(x1))+1)
	j1 = min(g.h, int(math.Ceil(y1))+1)
	return i0, j0, i1, j1, i0 < i1 && j0 < j1
}

// node is one vertex of a centre line in pixel coordinates: t is a caller
// defined parameter along the line (e.g. the fraction of its length) and r a
// radius in pixels; both are interpolated linearly between vertices.
type node struct {
	p    vec
	t, r float64
}

// stroke visits every pixel within pad of the polyline through ns, or within
// pad plus the radius for nodes with one, and calls fn with the pixel index,
// the distance to the nearest point of the line and that point's
// interpolated t and r. Where the line passes a pixel twice the nearer pass
// wins, so self-crossings are not counted double.
func (g *grid) stroke(ns []node, pad float64, fn func(i int, d, t, r float64)) {
	if len(ns) == 0 {
		return
	}
	reach := func(n node) float64 { return n.r + pad }
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, n := range ns {
		x0, y0 = min(x0, n.p.x-reach(n)), min(y0, n.p.y-reach(n))
		x1, y1 = max(x1, n.p.x+reach(n)), max(y1, n.p.y+reach(n))
	}
	i0, j0, i1, j1, ok := g.box(x0, y0, x1, y1)
	if !ok {
		return
	}
	bw, bh := i1-i0, j1-j0
	dist := make([]float32, bw*bh)
	ts := make([]float32, bw*bh)
	rs := make([]float32, bw*bh)
	inf := float32(math.Inf(1))
	for k := range dist {
		dist[k] = inf
	}
	seg := func(a, b node) {
		ab := b.p.sub(a.p)
		l2 := ab.dot(ab)
		rch := max(reach(a), reach(b))
		si0, sj0, si1, sj1, ok := g.box(min(a.p.x, b.p.x)-rch, min(a.p.y, b.p.y)-rch,
			max(a.p.x, b.p.x)+rch, max(a.p.y, b.p.y)+rch)
		if !ok {
			return
		}
		for j := sj0; j < sj1; j++ {
			for i := si0; i < si1; i++ {
				apx, apy := float64(i)-a.p.x, float64(j)-a.p.y
				u := 0.0
				if l2 > 0 {
					u = min(1, max(0, (apx*ab.x+apy*ab.y)/l2))
				}
				dx, dy := apx-ab.x*u, apy-ab.y*u
				d := math.Sqrt(dx*dx + dy*dy)
				k := (j-j0)*bw + (i - i0)
				if r := a.r + (b.r-a.r)*u; d < r+pad && float32(d) < dist[k] {
					dist[k] = float32(d)
					ts[k] = float32(a.t + (b.t-a.t)*u)
					rs[k] = float32(r)
				}
			}
		}
	}
	if len(ns) == 1 {
		seg(ns[0], ns[0])
	}
	for k := 1; k < len(ns); k++ {
		seg(ns[k-1], ns[k])
	}
	for j := j0; j < j1; j++ {
		for i := i0; i < i1; i++ {
			k := (j-j0)*bw + (i - i0)
			if d := dist[k]; d < inf {
				fn(j*g.w+i, float64(d), float64(ts[k]), float64(rs[k]))
			}
		}
	}
}

// region visits the pixels of the bounding box of a shape bounded by closed
// rings (even-odd rule, so inner rings are holes), widened by reach, and calls
// fn with the signed distance to the nearest ring, positive inside and
// clamped to ±reach.
func (g *grid) region(rings [][]vec, reach float64, fn func(i int, depth float64)) {
	var x0, y0, x1, y1 float64
	first := true
	for _, ring := range rings {
		for _, p := range ring {
			if first {
				x0, y0, x1, y1, first = p.x, p.y, p.x, p.y, false
			}
			x0, y0 = min(x0, p.x), min(y0, p.y)
			x1, y1 = max(x1, p.x), max(y1, p.y)
		}
	}
	i0, j0, i1, j1, ok := g.box(x0-reach, y0-reach, x1+reach, y1+reach)
	if first || !ok {
		return
	}
	bw := i1 - i0
	// Unsigned distance in the band near the rings, then the sign from an
	// even-odd scan-line fill.
	depth := make([]float32, bw*(j1-j0))
	for k := range depth {
		depth[k] = float32(-reach)
	}
	for _, ring := range rings {
		ns := make([]node, 0, len(ring)+1)
		for _, p := range ring {
			ns = append(ns, node{p: p})
		}
		ns = append(ns, ns[0])
		g.stroke(ns, reach, func(i int, d, _, _ float64) {
			p := &depth[(i/g.w-j0)*bw+i%g.w-i0]
			*p = max(*p, float32(-d))
		})
	}
	xs := make([]float64, 0, 16)
	for j := j0; j < j1; j++ {
		y := float64(j)
		xs = xs[:0]
		for _, ring := range rings {
			for k := range ring {
				a, b := ring[k], ring[(k+1)%len(ring)]
				if (a.y <= y) != (b.y <= y) {
					xs = append(xs, a.x+(y-a.y)*(b.x-a.x)/(b.y-a.y))
				}
			}
		}
		slices.Sort(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			lo := max(i0, int(math.Ceil(xs[k])))
			hi := min(i1-1, int(math.Floor(xs[k+1])))
			for i := lo; i <= hi; i++ {
				p := &depth[(j-j0)*bw+i-i0]
				*p = -*p
			}
		}
		for i := i0; i < i1; i++ {
			fn(j*g.w+i, float64(depth[(j-j0)*bw+i-i0]))
		}
	}
}

// ellipse visits the pixels around an ellipse centred on c with semi-axes a
// and b (pixels) rotated by th radians, out to qmax times its size, and calls
// fn with the normalised radius q (0 at the centre, 1 on the outline).
func (g *grid) ellipse(c vec, a, b, th, qmax float64, fn func(i int, q float64)) {
	s, co := math.Sincos(th)
	ex := qmax * math.Hypot(a*co, b*s)
	ey := qmax * math.Hypot(a*s, b*co)
	i0, j0, i1, j1, ok := g.box(c.x-ex, c.y-ey, c.x+ex, c.y+ey)
	if !ok {
		return
	}
	for j := j0; j < j1; j++ {
		dy := float64(j) - c.y
		for i := i0; i < i1; i++ {
			dx := float64(i) - c.x
			u := (dx*co + dy*s) / a
			v := (-dx*s + dy*co) / b
			if q := math.Sqrt(u*u + v*v); q < qmax {
				fn(j*g.w+i, q)
			}
		}
	}
}

// blur smooths g in place with n passes of the separable binomial kernel
// (1 2 1)/4; each pass adds a variance of 0.5 pixel².
func (g *grid) blur(n int) {
	tmp := make([]float32, len(g.v))
	for range n {
		for j := range g.h {
			row, out := g.v[j*g.w:(j+1)*g.w], tmp[j*g.w:(j+1)*g.w]
			for i := range g.w {
				l, r := row[max(0, i-1)], row[min(g.w-1, i+1)]
				out[i] = 0.25*l + 0.5*row[i] + 0.25*r
			}
		}
		for j := range g.h {
			up, dn := tmp[max(0, j-1)*g.w:], tmp[min(g.h-1, j+1)*g.w:]
			mid, out := tmp[j*g.w:], g.v[j*g.w:]
			for i := range g.w {
				out[i] = 0.25*up[i] + 0.5*mid[i] + 0.25*dn[i]
			}
		}
	}
}

// half returns g reduced by 2×2 averaging (detector binning).
func (g *grid) half() *grid {
	out := newGrid(g.w/2, g.h/2)
	for j := range out.h {
		a, b := g.v[2*j*g.w:], g.v[(2*j+1)*g.w:]
		for i := range out.w {
			out.v[j*out.w+i] = 0.25 * (a[2*i] + a[2*i+1] + b[2*i] + b[2*i+1])
		}
	}
	return out
}

// spline samples a Catmull-Rom curve through ctrl with about step units
// between samples; closed curves join the last control point to the first.
func spline(ctrl []vec, closed bool, step float64) []vec {
	n := len(ctrl)
	if n < 2 {
		return slices.Clone(ctrl)
	}
	at := func(k int) vec {
		if closed {
			return ctrl[((k%n)+n)%n]
		}
		return ctrl[min(n-1, max(0, k))]
	}
	segs := n - 1
	if closed {
		segs = n
	}
	var out []vec
	for k := range segs {
		p0, p1, p2, p3 := at(k-1), at(k), at(k+1), at(k+2)
		m := max(1, int(math.Ceil(p2.sub(p1).norm()/step)))
		for s := range m {
			t := float64(s) / float64(m)
			t2, t3 := t*t, t*t*t
			out = append(out, vec{
				0.5 * (2*p1.x + (-p0.x+p2.x)*t + (2*p0.x-5*p1.x+4*p2.x-p3.x)*t2 + (-p0.x+3*p1.x-3*p2.x+p3.x)*t3),
				0.5 * (2*p1.y + (-p0.y+p2.y)*t + (2*p0.y-5*p1.y+4*p2.y-p3.y)*t2 + (-p0.y+3*p1.y-3*p2.y+p3.y)*t3),
			})
		}
	}
	if !closed {
		out = append(out, ctrl[n-1])
	}
	return out
}

// arcFractions returns, for each point of a polyline, its distance along the
// line divided by the total length, and the total length.
func arcFractions(pts []vec) ([]float64, float64) {
	f := make([]float64, len(pts))
	total := 0.0
	for k := 1; k < len(pts); k++ {
		total += pts[k].sub(pts[k-1]).norm()
		f[k] = total
	}
	if total > 0 {
		for k := range f {
			f[k] /= total
		}
	}
	return f, total
}

// smoothstep is the cubic Hermite step from 0 at e0 to 1 at e1.
func smoothstep(e0, e1, x float64) float64 {
	t := min(1, max(0, (x-e0)/(e1-e0)))
	return t * t * (3 - 2*t)
}

// clamp01 limits x to [0, 1].
func clamp01(x float64) float64 { return min(1, max(0, x)) }
