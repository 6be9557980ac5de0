package synth

import "math"

// detector turns an attenuation map into stored pixel values. Both rooms
// store log-amplified exposure (Pixel Intensity Relationship LOG, sign +1):
// more X-rays, higher value. On MONOCHROME2 RF images contrast and bone are
// therefore dark; the DX film is MONOCHROME1, so after the display inversion
// they are white as on a conventional radiograph.
type detector struct {
	v0, gain float64 // log signal = v0 + gain·ln(primary + scatter)
	scatter  float64 // scatter-to-primary ratio behind the grid
	mid      float64 // processing: reference level,
	compress float64 // gain of the large-scale signal about mid,
	enhance  float64 // and gain of the detail
	noise    float64 // σ = noise·√value (quantum noise)
	dark     float64 // value behind the collimator blades
	vignette float64 // fall-off of the signal towards the edge of the field
	round    bool    // circular (RF) or rectangular (DX) collimation
	field    float64 // RF: radius / min(cols, rows); DX: blade margin / size
	penumbra float64 // half-width of the collimator edge, pixels
	winLevel float64 // display window: see exposure.window
	winSpan  float64
}

// maxStored is the largest 12-bit value.
const maxStored = 4095

var (
	rfSpotDetector = detector{v0: 4050, gain: 450, scatter: 0.35, mid: 2300, compress: 0.6, enhance: 1.5,
		noise: 0.5, dark: 42, vignette: 0.3, round: true, field: 0.472, penumbra: 3, winLevel: 0, winSpan: 5.5}
	rfCineDetector = detector{v0: 4050, gain: 450, scatter: 0.35, mid: 2300, compress: 0.6, enhance: 1.3,
		noise: 0.85, dark: 42, vignette: 0.3, round: true, field: 0.472, penumbra: 1.5, winLevel: 0, winSpan: 5.5}
	dxDetector = detector{v0: 4000, gain: 500, scatter: 0.25, mid: 2000, compress: 0.55, enhance: 1.3,
		noise: 0.5, dark: 30, vignette: 0.1, field: 0.022, penumbra: 4, winLevel: 0.45, winSpan: 4.2}
)

// exposure is a detector set up for one view of the patient: its collimation
// and, from the patient without contrast, the local signal level that the
// image processing works around and the display window.
type exposure struct {
	det           detector
	w, h          int
	open          []float32 // collimator transmission per pixel
	local         coarse    // local mean of the log signal without contrast
	centre, width int       // window
}

// prepare sets up the detector for a view whose static attenuation (patient
// without contrast) is body.
func (d detector) prepare(body *grid) *exposure {
	e := &exposure{det: d, w: body.w, h: body.h, open: make([]float32, len(body.v))}
	for j := range e.h {
		for i := range e.w {
			e.open[j*e.w+i] = float32(d.open(i, j, e.w, e.h))
		}
	}
	sig := e.logSignal(body)
	// Normalised convolution keeps the dark collimator out of the mean.
	weight := &grid{w: e.w, h: e.h, v: e.open}
	e.local = lowpass(sig, 16, 8)
	wl := lowpass(weight, 16, 8)
	for k, v := range wl.g.v {
		e.local.g.v[k] /= max(v, 1e-3)
	}
	px := make([]uint16, len(body.v))
	e.process(sig, nil, px)
	e.centre, e.width = e.window(px)
	return e
}

// expose writes the stored values for attenuation mu into out, with noise
// drawn from r.
func (e *exposure) expose(mu *grid, r *rng, out []uint16) {
	e.process(e.logSignal(mu), r, out)
}

// logSignal returns the log-amplified exposure for attenuation mu, primary
// plus scatter, zero behind the collimator.
func (e *exposure) logSignal(mu *grid) *grid {
	d := e.det
	sig := newGrid(e.w, e.h)
	for k, m := range mu.v {
		sig.v[k] = float32(math.Exp(-float64(m))) * e.open[k]
	}
	scatter := lowpass(sig, 16, 12)
	for j := range e.h {
		for i := range e.w {
			k := j*e.w + i
			x := float64(sig.v[k]) + d.scatter*scatter.sample(float64(i), float64(j))
			sig.v[k] = float32(d.v0+d.gain*math.Log(math.Max(x, 1e-6))) * e.open[k]
		}
	}
	return sig
}

// process applies the image processing of the vendors' chains to the log
// signal and stores it: large-scale variation is compressed (so the flanks
// are not burnt out next to the dense midline) and detail enhanced, both
// about the local level of the patient without contrast, so that opacified
// structures get no halo. Noise (σ = noise·√value) is drawn from r unless
// it is nil.
func (e *exposure) process(sig *grid, r *rng, out []uint16) {
	d := e.det
	cx, cy := float64(e.w)/2-0.5, float64(e.h)/2-0.5
	rad := d.field * float64(min(e.w, e.h))
	for j := range e.h {
		for i := range e.w {
			k := j*e.w + i
			x, y := float64(i), float64(j)
			l := e.local.sample(x, y)
			v := d.mid + d.compress*(l-d.mid) + d.enhance*(float64(sig.v[k])-l)
			rr := math.Hypot(x-cx, y-cy) / rad
			if !d.round {
				rr = math.Hypot((x-cx)/cx, (y-cy)/cy) / math.Sqrt2
			}
			v += d.gain * math.Log(1-d.vignette*rr*rr) // intensifier fall-off
			v = d.dark + (v-d.dark)*float64(e.open[k])
			if r != nil {
				v += d.noise * math.Sqrt(math.Max(v, 1)) * float64(r.gauss())
			}
			out[k] = uint16(math.Round(min(maxStored, max(0, v))))
		}
	}
}

// open returns how much of the beam reaches pixel (i, j): 1 in the field,
// 0 behind the collimator, with a soft edge.
func (d detector) open(i, j, w, h int) float64 {
	x, y := float64(i), float64(j)
	if d.round {
		rad := d.field * float64(min(w, h))
		dist := math.Hypot(x-(float64(w)/2-0.5), y-(float64(h)/2-0.5))
		return 1 - smoothstep(rad-d.penumbra, rad+d.penumbra, dist)
	}
	mx, my := d.field*float64(w), d.field*float64(h)
	return smoothstep(mx-d.penumbra, mx+d.penumbra, math.Min(x, float64(w)-1-x)) *
		smoothstep(my-d.penumbra, my+d.penumbra, math.Min(y, float64(h)-1-y))
}

// coarse is a low-resolution field sampled bilinearly at full resolution.
type coarse struct {
	g     *grid
	scale float64 // full-resolution pixels per coarse pixel
}

func (c coarse) sample(x, y float64) float64 {
	fx := math.Max(0, math.Min(float64(c.g.w-1), (x+0.5)/c.scale-0.5))
	fy := math.Max(0, math.Min(float64(c.g.h-1), (y+0.5)/c.scale-0.5))
	x0, y0 := int(fx), int(fy)
	x1, y1 := min(x0+1, c.g.w-1), min(y0+1, c.g.h-1)
	tx, ty := float32(fx-float64(x0)), float32(fy-float64(y0))
	v := c.g.v
	a := v[y0*c.g.w+x0] + (v[y0*c.g.w+x1]-v[y0*c.g.w+x0])*tx
	b := v[y1*c.g.w+x0] + (v[y1*c.g.w+x1]-v[y1*c.g.w+x0])*tx
	return float64(a + (b-a)*ty)
}

// lowpass returns g averaged over blocks of the given size and smoothed by
// passes of the binomial blur on that coarse grid.
func lowpass(g *grid, block, passes int) coarse {
	cw, ch := (g.w+block-1)/block, (g.h+block-1)/block
	c := newGrid(cw, ch)
	n := make([]float32, cw*ch)
	for j := range g.h {
		for i := range g.w {
			k := (j/block)*cw + i/block
			c.v[k] += g.v[j*g.w+i]
			n[k]++
		}
	}
	for k := range c.v {
		c.v[k] /= n[k]
	}
	c.blur(passes)
	return coarse{g: c, scale: float64(block)}
}

// window returns a window centre and width from the stored values of the
// patient without contrast, in terms of their 10th (mostly bone) and 90th
// (soft tissue) percentiles inside the field: the centre lies winLevel of the
// way from the first to the second, and the width is winSpan times their
// distance, so that dense contrast still keeps some gradation.
func (e *exposure) window(px []uint16) (centre, width int) {
	var hist [maxStored + 1]int
	n := 0
	for j := 0; j < e.h; j += 2 {
		for i := 0; i < e.w; i += 2 {
			if e.open[j*e.w+i] < 1 {
				continue
			}
			hist[px[j*e.w+i]]++
			n++
		}
	}
	pct := func(p float64) float64 {
		target, acc := int(p*float64(n)), 0
		for v, c := range hist {
			if acc += c; acc > target {
				return float64(v)
			}
		}
		return maxStored
	}
	lo, hi := pct(0.1), pct(0.9)
	return int(math.Round(lo + e.det.winLevel*(hi-lo))), max(16, int(math.Round(e.det.winSpan*(hi-lo))))
}
