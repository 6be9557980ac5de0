package synth

import "math"

// The clinical picture of the phantom: a normal triangular cavity; the right
// tube (image left) fills and spills freely into the peritoneum; the left tube
// (image right) ends in a distal hydrosalpinx about 14 mm wide without spill.
// On the delayed film the right-sided spill has dispersed between the bowel
// loops and the hydrosalpinx still holds its contrast.

// iodineMu is the attenuation per mm of undiluted iopamidol 300 mgI/ml.
const iodineMu = 0.25

// injection is the cumulative volume of contrast injected (ml) against
// minutes after T0; the operator injects in steps, fast during the cine run.
var injection = [...]struct{ min, ml float64 }{
	{0, 0}, {0.5, 1.5}, {1.15, 3.2}, {1.25, 3.3}, {cineStartMin, 3.5},
	{cineStartMin + 0.035, 4.6}, {2.5, 5.6}, {4.0, 8.0}, {4.5, totalVolumeML},
}

const totalVolumeML = 10.0

// volumeAt interpolates the injection table at m minutes after T0.
func volumeAt(m float64) float64 {
	if m <= 0 {
		return 0
	}
	for k := 1; k < len(injection); k++ {
		a, b := injection[k-1], injection[k]
		if m <= b.min {
			return a.ml + (b.ml-a.ml)*(m-a.min)/(b.min-a.min)
		}
	}
	return totalVolumeML
}

// fill is the state of the contrast at one instant.
type fill struct {
	cavity   float64 // extent of cavity filling from the internal os, 0…1
	density  float64 // opacity of the cavity contrast, 0…1
	right    float64 // fraction of the right tube reached by the contrast column
	left     float64 // same for the left tube
	hydro    float64 // opacification of the left hydrosalpinx, 0…1
	spill    float64 // amount of free spill from the right tube, 0…1
	spillAge float64 // minutes since the spill began
	catheter bool    // balloon catheter in place
	lumen    float64 // contrast in the catheter lumen, 0…1
	delayed  bool    // the dispersed state of the delayed film
}

// fillAt returns the contrast state m minutes after T0 (negative: scout).
func fillAt(m float64, delayed bool) fill {
	if delayed {
		return fill{cavity: 1, density: 0.1, hydro: 0.6, spill: 1, delayed: true}
	}
	v := volumeAt(m)
	f := fill{
		cavity:   1.06 * smoothstep(0, 2.4, v),
		density:  0.45 + 0.55*smoothstep(0.5, 3.2, v),
		right:    clamp01((v - 3.0) / 1.5),
		left:     clamp01((v - 3.05) / 1.55),
		hydro:    smoothstep(4.2, 7.5, v),
		spill:    smoothstep(4.6, 8.2, v),
		catheter: true,
	}
	if m > 0 {
		f.lumen = 1
	}
	if f.spill > 0 {
		f.spillAge = m - spillOnsetMin
	}
	return f
}

// spillOnsetMin is when the injected volume reaches 4.6 ml (end of the cine).
const spillOnsetMin = cineStartMin + 0.035

// Fixed landmarks (mm).
var (
	internalOs  = vec{0, 17}
	balloonC    = vec{0, 21.5}
	cavityShape = []vec{
		{-19.5, -17.5}, {-14, -15.2}, {-7, -14.4}, {0, -14.2}, {7, -14.4}, {14, -15.2}, {19.5, -17.5},
		{18, -11}, {13.5, -3}, {9.5, 4}, {6, 10}, {3.6, 14.5}, {1.6, 17.6},
		{-1.6, 17.6}, {-3.6, 14.5}, {-6, 10}, {-9.5, 4}, {-13.5, -3}, {-18, -11},
	}
)

// tube describes one fallopian tube: its centre line from the cornu, a radius
// profile, its tortuosity, and where (as a fraction of its length) a
// hydrosalpinx begins.
type tube struct {
	name   string // names the random stream of its tortuosity
	ctrl   []vec
	radius func(t float64) float64 // mm
	kink   func(t float64) float64 // amplitude of the tortuosity, mm
	hydro  float64                 // start of the dilated segment, or 1 for none
	folds  bool                    // ampullary mucosal folds visible
}

var rightTube = tube{
	name: "right tube",
	ctrl: []vec{
		{-18.6, -16.6}, {-25, -19.8}, {-33, -22.5}, {-41, -23.5}, {-49, -22.2}, {-56, -19},
		{-62, -13.5}, {-68, -6}, {-72, 3}, {-72.5, 11}, {-68.5, 18}, {-62, 22.5}, {-56, 24},
	},
	radius: func(t float64) float64 {
		r := 0.45 + 0.25*smoothstep(0.06, 0.4, t) + 1.3*smoothstep(0.42, 0.62, t) + 0.9*smoothstep(0.62, 1, t)
		return r + 0.6*smoothstep(0.93, 1, t) // fimbrial flare
	},
	kink: func(t float64) float64 {
		return 1.6*smoothstep(0.05, 0.15, t)*(1-smoothstep(0.9, 1, t)) + 1.2*smoothstep(0.45, 0.65, t)
	},
	hydro: 1, folds: true,
}

var leftTube = tube{
	name: "left tube",
	ctrl: []vec{
		{18.6, -16.6}, {25, -20.5}, {33, -24.5}, {42, -26.5}, {50, -25.5}, {57, -22},
		{63, -16}, {67.5, -8}, {70, 1}, {70.5, 10}, {68.5, 18}, {65, 24},
	},
	radius: func(t float64) float64 {
		r := 0.45 + 0.25*smoothstep(0.06, 0.4, t) + 1.2*smoothstep(0.42, 0.55, t)
		return r + 5.3*smoothstep(0.5, 0.84, t) // hydrosalpinx, 14 mm wide
	},
	kink: func(t float64) float64 {
		return 1.4 * smoothstep(0.05, 0.15, t) * (1 - smoothstep(0.45, 0.6, t))
	},
	hydro: 0.5,
}

// centreLine returns the tube's sampled centre line (mm) with its
// tortuosity, each sample's fraction of the length and its radius (mm),
// which varies a little along the isthmus as real tubes do.
func (tb tube) centreLine() (pts []vec, fr, radius []float64) {
	base := spline(tb.ctrl, false, 0.7)
	fr, length := arcFractions(base)
	r := newRNG(0x7b, tb.name)
	bend := []noise1{newNoise1(r, length, 6), newNoise1(r, length, 15)}
	calibre := newNoise1(r, length, 3.5)
	pts, radius = make([]vec, len(base)), make([]float64, len(base))
	for k, p := range base {
		dir := base[min(k+1, len(base)-1)].sub(base[max(k-1, 0)])
		n := vec{-dir.y, dir.x}.scale(1 / math.Max(1e-9, dir.norm()))
		s := fr[k] * length
		off := tb.kink(fr[k]) * (0.55*bend[0].at(s) + bend[1].at(s))
		pts[k] = p.add(n.scale(off))
		vary := 0.2 * calibre.at(s) * (1 - smoothstep(0.45, 0.65, fr[k]))
		radius[k] = tb.radius(fr[k]) * (1 + vary)
	}
	return pts, fr, radius
}

// noise1 is smooth one-dimensional value noise: random values every cell
// mm, eased in between.
type noise1 struct {
	lat  []float64
	cell float64
}

func newNoise1(r *rng, length, cell float64) noise1 {
	n := noise1{lat: make([]float64, int(length/cell)+3), cell: cell}
	for k := range n.lat {
		n.lat[k] = r.between(-1, 1)
	}
	return n
}

// at returns the noise at s (0 ≤ s ≤ length), in [-1, 1].
func (n noise1) at(s float64) float64 {
	f := math.Max(0, s/n.cell)
	k := min(int(f), len(n.lat)-2)
	return n.lat[k] + (n.lat[k+1]-n.lat[k])*smoothstep(0, 1, f-float64(k))
}

// end returns the fimbrial (or blind) end of the tube.
func (tb tube) end() vec { return tb.ctrl[len(tb.ctrl)-1] }

// contrastMaps holds, for one view, the pixels near the structures that fill
// with contrast (the cavity and both tubes) with their geometry, which is the
// same in every frame.
type contrastMaps struct {
	cavity      []cavityPixel
	right, left []tubePixel
}

// cavityPixel is a pixel near the uterine cavity.
type cavityPixel struct {
	i       int32
	depth   float32 // mm inside the wall (negative outside)
	reach   float32 // distance from the internal os, in units of 40 mm
	balloon float32 // normalised radius within the catheter balloon
}

// tubePixel is a pixel near a tube's centre line.
type tubePixel struct {
	i       int32
	d, t, r float32 // distance from the centre line (mm), fraction of the length, radius (mm)
	mottle  float32 // texture of contrast mixing with hydrosalpinx fluid, about ±1
}

func newContrastMaps(v view) *contrastMaps {
	g := &grid{w: v.cols, h: v.rows} // geometry only: no pixels
	m := &contrastMaps{right: tubeMap(g, v, rightTube), left: tubeMap(g, v, leftTube)}
	out := v.pxs(spline(cavityShape, true, 0.5))
	os, bal := v.px(internalOs), v.px(balloonC)
	ba, bb := v.len(balloonA), v.len(balloonB)
	g.region([][]vec{out}, v.len(7), func(i int, d float64) {
		d *= v.mm
		if d <= -0.6 {
			return
		}
		x, y := float64(i%g.w), float64(i/g.w)
		u, w := (x-bal.x)/ba, (y-bal.y)/bb
		m.cavity = append(m.cavity, cavityPixel{
			i:       int32(i),
			depth:   float32(d),
			reach:   float32(vec{x, y}.sub(os).norm() * v.mm / 40),
			balloon: float32(math.Sqrt(u*u + w*w)),
		})
	})
	return m
}

// tubeMap lists the pixels within half a millimetre of tube tb's lumen.
func tubeMap(g *grid, v view, tb tube) []tubePixel {
	pts, fr, radius := tb.centreLine()
	ns := make([]node, len(pts))
	for k, q := range pts {
		ns[k] = node{p: v.px(q), t: fr[k], r: v.len(radius[k])}
	}
	var out []tubePixel
	g.stroke(ns, v.len(0.5), func(i int, d, t, r float64) {
		out = append(out, tubePixel{i: int32(i), d: float32(d * v.mm), t: float32(t), r: float32(r * v.mm)})
	})
	// Mixing texture: smooth noise in object coordinates, so that it looks
	// the same in every view.
	mix := newRNG(0x3c, tb.name+" mixing")
	lat := [2]noise1{newNoise1(mix, 400, 2.5), newNoise1(mix, 400, 2.5)}
	for k := range out {
		o := v.obj(vec{float64(out[k].i % int32(g.w)), float64(out[k].i / int32(g.w))})
		out[k].mottle = float32(lat[0].at(o.x+200) * lat[1].at(o.y+200) * 2)
	}
	return out
}

// drawContrast adds the iodinated contrast (and the catheter) of state f.
func drawContrast(p painter, f fill, m *contrastMaps, seed uint64) {
	if f.catheter {
		drawCatheter(p, f)
	}
	drawCavity(p, f, m.cavity)
	if f.delayed {
		// The tubes have drained; the blocked left tube keeps its contrast.
		drawTube(p, leftTube, m.left, leftTube.hydro+0.06, 1, f.hydro)
		drawSpill(p, f, seed)
		return
	}
	drawTube(p, rightTube, m.right, 0, f.right, 0)
	drawTube(p, leftTube, m.left, 0, f.left, f.hydro)
	if f.spill > 0 {
		drawSpill(p, f, seed)
	}
}

// drawCavity adds the contrast in the uterine cavity, filling from the
// internal os upwards, with the balloon as a rounded filling defect.
func drawCavity(p painter, f fill, px []cavityPixel) {
	if f.cavity <= 0 || f.density <= 0 {
		return
	}
	for _, c := range px {
		front := 1 - smoothstep(f.cavity-0.12, f.cavity, float64(c.reach))
		if front <= 0 {
			continue
		}
		// A flattened slit: its depth grows like a half-ellipse from the
		// wall; the balloon displaces the contrast in the lower segment.
		t := 7.5 * math.Sqrt(clamp01((float64(c.depth)+0.6)/8))
		if f.catheter {
			t *= smoothstep(0.9, 1.08, float64(c.balloon))
		}
		p.g.v[c.i] += float32(iodineMu * f.density * front * t)
	}
}

// drawTube adds the contrast column of a tube between fractions from and to
// of its length. Beyond tb.hydro the contrast mixes with the hydrosalpinx
// fluid: its opacity rises with hydro.
func drawTube(p painter, tb tube, px []tubePixel, from, to, hydro float64) {
	if to <= from {
		return
	}
	for _, q := range px {
		t := float64(q.t)
		m := 1.0
		if to < 1 {
			m = 1 - smoothstep(to-0.02, to, t)
		}
		if from > 0 {
			m *= smoothstep(from, from+0.04, t)
		}
		if m <= 0 {
			continue
		}
		dm, rm := float64(q.d), float64(q.r)
		th := chord(rm, dm)
		if tb.folds && t > 0.62 {
			// Longitudinal mucosal folds of the normal ampulla.
			th *= 1 - 0.14*smoothstep(0.62, 0.75, t)*(0.5+0.5*math.Cos(2*math.Pi*dm/1.3))
		}
		c := 1.0
		if t > tb.hydro {
			k := smoothstep(tb.hydro, tb.hydro+0.1, t)
			c = 1 - k + k*(0.08+0.24*hydro)*(0.8+0.2*float64(q.mottle))
		}
		p.g.v[q.i] += float32(iodineMu * c * m * th)
	}
}

// Balloon of the catheter (mm), filled with saline in the lower uterine
// segment.
const balloonA, balloonB = 4.6, 6

// drawCatheter adds the balloon catheter: a radiopaque shaft with a tip
// marker, its lumen full of contrast while injecting, and the balloon.
func drawCatheter(p painter, f fill) {
	shaft := []vec{{0, 13}, {0, 26}, {0.6, 40}, {2, 60}, {4.5, 88}, {6.5, 125}, {7.5, 175}}
	p.rod(rod{ctrl: shaft, r0: 0.9, r1: 0.9, cortex: 0.3, muC: 0.08, muT: iodineMu * 0.9 * f.lumen})
	p.rod(rod{ctrl: []vec{{0, 13}, {0, 15}}, r0: 1, r1: 1, cortex: 1, muC: 0.25})
	// The latex wall, and once the cavity is full a film of contrast
	// tracking round the balloon in the canal.
	film := 0.35 * iodineMu * f.lumen * smoothstep(0.5, 1, f.cavity)
	c := p.v.px(balloonC)
	a, b := p.v.len(balloonA), p.v.len(balloonB)
	p.g.ellipse(c, a, b, 0, 1.3, func(i int, q float64) {
		x, y := (q-1)/0.05, (q-1.07)/0.07
		p.g.v[i] += float32(0.05*expNeg(x*x) + film*expNeg(y*y))
	})
}

// loop is a bowel loop (mm), seen only when spilled contrast outlines it.
type loop struct {
	c           vec
	a, b, angle float64
	lobes       [2]float64 // phases of its irregular outline
	sin, cos    float64    // of -angle
}

func newLoop(c vec, a, b, angle float64, lobes [2]float64) loop {
	s, co := math.Sincos(-angle)
	return loop{c: c, a: a, b: b, angle: angle, lobes: lobes, sin: s, cos: co}
}

// q returns the normalised radius of object point o (1 on the outline) and
// how much contrast gathers against the wall there (0–1): a meniscus covers
// part of the circumference only.
func (l loop) q(o vec) (q, wall float64) {
	d := o.sub(l.c)
	u, v := (d.x*l.cos-d.y*l.sin)/l.a, (d.x*l.sin+d.y*l.cos)/l.b
	th := math.Atan2(v, u)
	r := 1 + 0.1*math.Sin(2*th+l.lobes[0]) + 0.06*math.Sin(3*th+l.lobes[1])
	return math.Sqrt(u*u+v*v) / r, smoothstep(-0.7, 0.3, math.Sin(th+l.lobes[1]))
}

// cloud is one gaussian cloud of spilled contrast: offset from its anchor,
// standard deviations (mm), angle, thickness of contrast at its centre (mm)
// and the spill amount at which it appears.
type cloud struct {
	off          vec
	sx, sy, th   float64
	amp, appears float64
}

// Immediate spill: clouds gathering round the right fimbria and running
// medially and down towards the pouch of Douglas.
var (
	spillClouds = []cloud{
		{vec{-1, 2}, 3, 2.6, 0.3, 6, 0},
		{vec{-6, 8}, 4.5, 3.2, 0.7, 4.5, 0.08},
		{vec{5, 11}, 5.5, 3.5, -0.5, 4, 0.2},
		{vec{-11, -5}, 4.2, 3, 1.2, 3.4, 0.3},
		{vec{13, 19}, 7, 4.2, 0.35, 3.2, 0.4},
		{vec{-3, 21}, 5.5, 4.2, 0.6, 3, 0.5},
		{vec{22, 27}, 8, 4.6, 0.15, 2.5, 0.6},
		{vec{-14, 13}, 3.8, 5.5, 0.2, 2.8, 0.55},
		{vec{8, -2}, 3.5, 5, -0.9, 2.4, 0.45},
	}
	spillLoops = []loop{
		newLoop(vec{-71, 35}, 12, 9, 0.4, [2]float64{0.3, 1.9}), newLoop(vec{-47, 40}, 11, 8.5, -0.3, [2]float64{2.2, 0.4}),
		newLoop(vec{-59, 54}, 10, 10, 0, [2]float64{4.1, 2.7}), newLoop(vec{-33, 27}, 9, 7.5, 0.8, [2]float64{1.1, 5.5}),
		newLoop(vec{-84, 12}, 10, 12, 0.2, [2]float64{5.0, 3.3}), newLoop(vec{-40, 60}, 11, 8, 0.5, [2]float64{0.8, 1.7}),
		newLoop(vec{-81, 54}, 11, 9, -0.6, [2]float64{3.6, 0.2}),
	}
	// Delayed: the spill has spread through the right pelvis, the paracolic
	// gutter and the pouch of Douglas, thinner but outlining many loops.
	delayedClouds = []cloud{
		{vec{-70, 30}, 30, 22, 0.3, 1.0, 0}, {vec{-40, 52}, 28, 17, -0.2, 1.0, 0},
		{vec{-98, -12}, 20, 36, 0.1, 0.8, 0}, {vec{-16, 44}, 22, 13, 0.1, 0.9, 0},
		{vec{-60, -30}, 24, 18, 0.4, 0.6, 0}, {vec{0, 64}, 30, 12, 0, 0.75, 0},
		{vec{-106, 50}, 16, 26, -0.2, 0.8, 0}, {vec{22, 46}, 18, 12, 0.2, 0.35, 0},
	}
)

// delayedLoops packs small-bowel loops into the lower abdomen and pelvis with
// a fixed layout.
func delayedLoops() []loop {
	r := newRNG(0x1005, "loops")
	var ls []loop
	for tries := 0; tries < 6000 && len(ls) < 48; tries++ {
		c, a := vec{r.between(-140, 45), r.between(-85, 95)}, r.between(8, 14)
		b, angle := a*r.between(0.65, 1), r.between(0, math.Pi)
		l := newLoop(c, a, b, angle, [2]float64{r.between(0, 2*math.Pi), r.between(0, 2*math.Pi)})
		ok := true
		for _, o := range ls {
			if l.c.sub(o.c).norm() < 0.78*(l.a+o.a) {
				ok = false
				break
			}
		}
		if ok {
			ls = append(ls, l)
		}
	}
	return ls
}

// drawSpill adds free intraperitoneal contrast: clouds modulated by the
// bowel loops, which the contrast outlines as thin curved lines.
func drawSpill(p painter, f fill, seed uint64) {
	clouds, loops := spillClouds, spillLoops
	anchor := rightTube.end()
	spread := 1 + 0.15*math.Max(0, f.spillAge)
	// Fresh spill lies in front of and behind the loops as much as between
	// them; dispersed spill has gathered in the spaces between the loops.
	inside, rim := 0.8, 0.25
	if f.delayed {
		clouds, loops, anchor, spread = delayedClouds, delayedLoops(), vec{}, 1
		inside, rim = 0.6, 1.7
	}
	// Accumulate the cloud thickness (mm of contrast) in its own grid.
	acc := newGrid(p.g.w, p.g.h)
	for _, c := range clouds {
		k := smoothstep(c.appears, c.appears+0.25, f.spill)
		if k <= 0 {
			continue
		}
		ctr := anchor.add(c.off.scale(math.Sqrt(spread)))
		sx, sy := c.sx*spread, c.sy*spread
		amp := c.amp * k / math.Sqrt(spread)
		acc.ellipse(p.v.px(ctr), p.v.len(sx), p.v.len(sy), p.v.angle(c.th), 3, func(i int, q float64) {
			acc.v[i] += float32(amp * expNeg(0.5*q*q))
		})
	}
	// Bowel loops: contrast is thin over a loop and gathers in a meniscus
	// along part of its wall.
	qmin := make([]float32, len(acc.v))
	wall := make([]float32, len(acc.v))
	for k := range qmin {
		qmin[k] = 9
	}
	for _, l := range loops {
		ext := 1.3 * max(l.a, l.b)
		c0, c1 := p.v.px(l.c.sub(vec{ext, ext})), p.v.px(l.c.add(vec{ext, ext}))
		i0, j0, i1, j1, ok := acc.box(min(c0.x, c1.x)-2, min(c0.y, c1.y)-2, max(c0.x, c1.x)+2, max(c0.y, c1.y)+2)
		if !ok {
			continue
		}
		for j := j0; j < j1; j++ {
			for i := i0; i < i1; i++ {
				k := j*acc.w + i
				if acc.v[k] < 2e-3 {
					continue
				}
				if q, w := l.q(p.v.obj(vec{float64(i), float64(j)})); float32(q) < qmin[k] {
					qmin[k], wall[k] = float32(q), float32(w)
				}
			}
		}
	}
	cell, grain := 4.0, 0.5
	if f.delayed {
		cell, grain = 9, 0.3 // dispersed: smoother
	}
	tex := valueNoise(p.g.w, p.g.h, p.v.len(cell), 3, newRNG(seed, "spill"))
	for i, a := range acc.v {
		if a < 2e-3 {
			continue
		}
		q := float64(qmin[i])
		// The meniscus is beaded and broken, not a drawn line.
		x := (q - 1 - 0.02*float64(tex[i])) / 0.08
		bead := clamp01(0.55 + 1.2*float64(tex[i]))
		w := inside + (1-inside)*smoothstep(0.92, 1.1, q) + rim*bead*float64(wall[i])*expNeg(x*x)
		t := float64(a) * w * (1 - 0.7*grain + grain*float64(tex[i]))
		p.g.v[i] += float32(iodineMu * math.Max(0, t))
	}
}
