package synth

import "math"

// A painter adds attenuation (natural-log units of X-ray transmission) of
// shapes given in object millimetres to a grid seen through a view. In max
// mode it keeps the larger value instead, so that the overlapping parts of
// one bone do not add up.
type painter struct {
	g   *grid
	v   view
	max bool
}

func (p painter) set(i int, a float64) {
	if p.max {
		p.g.v[i] = max(p.g.v[i], float32(a))
		return
	}
	p.g.v[i] += float32(a)
}

// bone draws the parts of one bone into scratch, combined by maximum, and
// adds the result; scratch is left cleared.
func (p painter) bone(scratch *grid, parts func(q painter)) {
	parts(painter{g: scratch, v: p.v, max: true})
	for k, a := range scratch.v {
		if a != 0 {
			p.g.v[k] += a
			scratch.v[k] = 0
		}
	}
}

// plate is bone seen face on (innominate bone, sacrum, trochanters): its
// attenuation rises to mu over edge mm inside the outline, with a cortical
// rim of strength rim and width rimW mm seen tangentially at the edge.
type plate struct {
	outline   []vec   // control points of a closed Catmull-Rom curve
	holes     [][]vec // same, for openings (obturator foramen)
	mu, edge  float64
	rim, rimW float64
	mirror    bool
}

func (p painter) plate(b plate) {
	rings := make([][]vec, 0, 1+len(b.holes))
	for _, r := range append([][]vec{b.outline}, b.holes...) {
		if b.mirror {
			r = mirrored(r)
		}
		rings = append(rings, p.v.pxs(spline(r, true, 3.5)))
	}
	reach := p.v.len(max(b.edge, 3*b.rimW))
	p.g.region(rings, reach, func(i int, d float64) {
		d *= p.v.mm
		a := 0.0
		if d > 0 {
			a = b.mu * math.Sqrt(min(1, d/b.edge))
		}
		x := (d - b.rimW) / b.rimW
		if a += b.rim * expNeg(x*x); a > 1e-4 {
			p.set(i, a)
		}
	})
}

// rod is a tubular bone (femoral shaft) or a cortical ridge seen side on: a
// hollow cylinder of radius r0…r1 mm with a cortex of the given thickness.
// muC and muT are attenuation per mm of path through cortical and
// trabecular bone. Its ends are open: it fades in and out over fade (a
// fraction of its length) instead of showing a cap.
type rod struct {
	ctrl           []vec
	r0, r1, cortex float64
	muC, muT       float64
	fade           float64
	mirror         bool
}

func (p painter) rod(b rod) {
	pts := b.ctrl
	if b.mirror {
		pts = mirrored(pts)
	}
	// Samples a third of a radius apart follow the gentle curves closely
	// enough; each pixel is still reached from several segments.
	path := spline(pts, false, min(4, max(0.5, min(b.r0, b.r1)/3)))
	fr, _ := arcFractions(path)
	ns := make([]node, len(path))
	for k, q := range path {
		ns[k] = node{p: p.v.px(q), t: fr[k], r: p.v.len(b.r0 + (b.r1-b.r0)*fr[k])}
	}
	p.g.stroke(ns, 0, func(i int, d, t, r float64) {
		w := 1.0
		if b.fade > 0 {
			w = smoothstep(0, b.fade, t) * smoothstep(0, b.fade, 1-t)
		}
		d, r = d*p.v.mm, r*p.v.mm
		outer, inner := chord(r, d), chord(r-b.cortex, d)
		if a := w * (b.muC*(outer-inner) + b.muT*inner); a != 0 {
			p.set(i, a)
		}
	})
}

// ball is a spherical bone (femoral head) with a cortex.
type ball struct {
	c         vec
	r, cortex float64
	muC, muT  float64
	mirror    bool
}

func (p painter) ball(b ball) {
	c := b.c
	if b.mirror {
		c = c.mirror()
	}
	r := p.v.len(b.r)
	p.g.ellipse(p.v.px(c), r, r, 0, 1, func(i int, q float64) {
		d := q * b.r
		outer, inner := chord(b.r, d), chord(b.r-b.cortex, d)
		p.set(i, b.muC*(outer-inner)+b.muT*inner)
	})
}

// blob adds an ellipsoid of projected peak attenuation mu (negative for gas)
// with semi-axes a, b mm rotated by th radians.
func (p painter) blob(c vec, a, b, th, mu float64) {
	p.g.ellipse(p.v.px(c), p.v.len(a), p.v.len(b), p.v.angle(th), 1, func(i int, q float64) {
		p.set(i, mu*math.Sqrt(1-q*q))
	})
}

// haze adds a smooth gaussian bump of peak mu (negative to thin) with
// standard deviations a, b mm rotated by th.
func (p painter) haze(c vec, a, b, th, mu float64) {
	p.g.ellipse(p.v.px(c), p.v.len(a), p.v.len(b), p.v.angle(th), 3, func(i int, q float64) {
		p.set(i, mu*expNeg(0.5*q*q))
	})
}

// gasTube adds the lucency of a gas-filled bowel segment along ctrl: a
// cylinder of radius r mm, a fraction fill of which is gas, with haustral
// indentations every period mm.
func (p painter) gasTube(ctrl []vec, r, fill, period float64) {
	path := spline(ctrl, false, 4)
	fr, length := arcFractions(path)
	ns := make([]node, len(path))
	for k, q := range path {
		ns[k] = node{p: p.v.px(q), t: fr[k] * length, r: p.v.len(r)}
	}
	p.g.stroke(ns, 0, func(i int, d, s, _ float64) {
		// Haustral folds pinch the gas column periodically, and the ends
		// taper where the gas gives way to fluid or stool.
		pinch := 1 - 0.25*math.Pow(math.Abs(math.Cos(math.Pi*s/period)), 10)
		taper := smoothstep(0, 1.5*r, s) * smoothstep(0, 1.5*r, length-s)
		rr := r * pinch * (0.3 + 0.7*taper)
		if a := fill * waterMu * chord(rr, d*p.v.mm); a > 0 {
			p.set(i, -a)
		}
	})
}

// waterMu is the attenuation of soft tissue per mm (effective energy of a
// 75–80 kV beam behind a pelvis).
const waterMu = 0.02

// chord returns the length of a chord at distance d from the centre of a
// circle (or sphere) of radius r, 0 outside.
func chord(r, d float64) float64 {
	if d >= r || r <= 0 {
		return 0
	}
	return 2 * math.Sqrt(r*r-d*d)
}

func mirrored(ps []vec) []vec {
	out := make([]vec, len(ps))
	for k, p := range ps {
		out[k] = p.mirror()
	}
	return out
}
