package mark

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"
)

// A painter fills anti-aliased polygons on an RGBA image.
type painter struct {
	dst *image.RGBA
	z   vector.Rasterizer
}

// poly is a closed polygon in screen pixels.
type poly []ScreenPoint

// fill paints the union of ps with col (premultiplied). Polygons are
// turned to the same orientation first, because the rasterizer adds
// signed coverage: overlapping parts then saturate instead of cancelling.
func (pt *painter) fill(ps []poly, col color.RGBA) image.Rectangle {
	lo := ScreenPoint{math.Inf(1), math.Inf(1)}
	hi := ScreenPoint{math.Inf(-1), math.Inf(-1)}
	for _, p := range ps {
		for _, q := range p {
			if !Finite(q.X) || !Finite(q.Y) {
				return image.Rectangle{}
			}
			lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
			hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
		}
	}
	if !(lo.X <= hi.X) {
		return image.Rectangle{}
	}
	// Clamp before converting: a mark far off screen must not overflow.
	const far = 1 << 24
	r := image.Rect(int(math.Floor(max(lo.X, -far))), int(math.Floor(max(lo.Y, -far))),
		int(math.Ceil(min(hi.X, far))), int(math.Ceil(min(hi.Y, far)))).Intersect(pt.dst.Bounds())
	if r.Empty() {
		return image.Rectangle{}
	}
	pt.z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	// The rasterizer works in fixed point: clip polygons to just outside
	// its area so that far-away vertices cannot overflow it.
	clip := [4]float64{-2, -2, float64(r.Dx()) + 2, float64(r.Dy()) + 2}
	for _, p := range ps {
		if len(p) < 3 {
			continue
		}
		dx, dy := ox, oy
		for _, q := range p {
			if q.X-ox < clip[0] || q.Y-oy < clip[1] || q.X-ox > clip[2] || q.Y-oy > clip[3] {
				local := make(poly, len(p))
				for i, q := range p {
					local[i] = ScreenPoint{q.X - ox, q.Y - oy}
				}
				p, dx, dy = clipPoly(local, clip), 0, 0
				break
			}
		}
		if len(p) < 3 {
			continue
		}
		reverse := signedArea(p) < 0
		at := func(i int) (float32, float32) {
			if reverse {
				i = len(p) - 1 - i
			}
			return float32(p[i].X - dx), float32(p[i].Y - dy)
		}
		pt.z.MoveTo(at(0))
		for i := 1; i < len(p); i++ {
			pt.z.LineTo(at(i))
		}
		pt.z.ClosePath()
	}
	pt.z.Draw(pt.dst, r, image.NewUniform(col), image.Point{})
	return r
}

// clipPoly clips p to the rectangle c = {x0, y0, x1, y1}
// (Sutherland–Hodgman).
func clipPoly(p poly, c [4]float64) poly {
	for edge := range 4 {
		if len(p) == 0 {
			return nil
		}
		inside := func(q ScreenPoint) bool {
			switch edge {
			case 0:
				return q.X >= c[0]
			case 1:
				return q.Y >= c[1]
			case 2:
				return q.X <= c[2]
			}
			return q.Y <= c[3]
		}
		cross := func(a, b ScreenPoint) ScreenPoint {
			var t float64
			switch edge {
			case 0:
				t = (c[0] - a.X) / (b.X - a.X)
			case 1:
				t = (c[1] - a.Y) / (b.Y - a.Y)
			case 2:
				t = (c[2] - a.X) / (b.X - a.X)
			default:
				t = (c[3] - a.Y) / (b.Y - a.Y)
			}
			q := ScreenPoint{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}
			// Snap to the edge exactly: rounding must not leave the point
			// outside.
			switch edge {
			case 0, 2:
				q.X = c[edge]
			default:
				q.Y = c[edge]
			}
			return q
		}
		out := make(poly, 0, len(p)+4)
		for i, cur := range p {
			prev := p[(i+len(p)-1)%len(p)]
			switch ci, pi := inside(cur), inside(prev); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, cross(prev, cur), cur)
			case pi:
				out = append(out, cross(prev, cur))
			}
		}
		p = out
	}
	return p
}

func signedArea(p poly) float64 {
	var s float64
	for i := range p {
		j := (i + 1) % len(p)
		s += p[i].X*p[j].Y - p[j].X*p[i].Y
	}
	return s / 2
}

// disc returns a circle of radius r about c as a polygon.
func disc(c ScreenPoint, r float64) poly {
	n := max(8, min(64, int(math.Ceil(math.Pi*r))))
	p := make(poly, n)
	for i := range p {
		s, co := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		p[i] = ScreenPoint{c.X + r*co, c.Y + r*s}
	}
	return p
}

// stroke returns the polygons of a line of width w along ps, with round
// joins and caps; closed joins the last point to the first.
func stroke(ps []ScreenPoint, w float64, closed bool) []poly {
	if len(ps) == 0 || !(w > 0) {
		return nil
	}
	h := w / 2
	out := make([]poly, 0, 2*len(ps))
	seg := func(a, b ScreenPoint) {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if !(l > 1e-9) {
			return
		}
		nx, ny := -dy/l*h, dx/l*h
		out = append(out, poly{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}})
	}
	for i := 1; i < len(ps); i++ {
		seg(ps[i-1], ps[i])
	}
	if closed && len(ps) > 2 {
		seg(ps[len(ps)-1], ps[0])
	}
	// Round joins and caps; skip points closer than a fraction of the
	// width to the last one (freehand outlines have many).
	last := ScreenPoint{math.Inf(1), 0}
	for _, p := range ps {
		if math.Hypot(p.X-last.X, p.Y-last.Y) < w/4 {
			continue
		}
		out = append(out, disc(p, h))
		last = p
	}
	return out
}
