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
// and, from the patient without contrast, the working point of the image
// processing and the display window.
type exposure struct {
	det           detector
	w, h          int
	open          []float32 // collimator transmission per pixel
	offset        []float32 // processed value = offset + enhance·log signal
	centre, width int       // window
}

// prepare sets up the detector for a view whose static attenuation (patient
// without contrast) is body.
//
// The processing imitates the vendors' image chains: large-scale variation
// of the log signal is compressed (so the flanks are not burnt out next to
// the dense midline) and detail enhanced (an unsharp mask of about a
// centimetre). Both work about the local level of the patient without
// contrast, so opacified structures get no halo; with the intensifier's
// vignetting that makes a fixed offset per pixel.
func (d detector) prepare(body *grid) *exposure {
	e := &exposure{det: d, w: body.w, h: body.h,
		open: make([]float32, len(body.v)), offset: make([]float32, len(body.v))}
	for j := range e.h {
		for i := range e.w {
			e.open[j*e.w+i] = float32(d.open(i, j, e.w, e.h))
		}
	}
	sig := e.logSignal(body)
	// Normalised convolution keeps the dark collimator out of the mean.
	local := lowpass(sig, 16, 8)
	weight := lowpass(&grid{w: e.w, h: e.h, v: e.open}, 16, 8)
	for k, v := range weight.g.v {
		local.g.v[k] /= max(v, 1e-3)
	}
	cx, cy := float64(e.w)/2-0.5, float64(e.h)/2-0.5
	rad := d.field * float64(min(e.w, e.h))
	level := local.expand(e.w, e.h)
	for j := range e.h {
		for i := range e.w {
			x, y := float64(i), float64(j)
			rr := ((x-cx)*(x-cx) + (y-cy)*(y-cy)) / (rad * rad)
			if !d.round {
				rr = ((x-cx)*(x-cx)/(cx*cx) + (y-cy)*(y-cy)/(cy*cy)) / 2
			}
			l := float64(level[j*e.w+i])
			e.offset[j*e.w+i] = float32(d.mid*(1-d.compress) + (d.compress-d.enhance)*l +
				d.gain*math.Log(1-d.vignette*rr))
		}
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
		sig.v[k] = float32(expNeg(float64(m))) * e.open[k]
	}
	scatter := lowpass(sig, 16, 12).expand(e.w, e.h)
	for k, p := range sig.v {
		x := float64(p) + d.scatter*float64(scatter[k])
		sig.v[k] = float32(d.v0+d.gain*logPos(math.Max(x, 1e-6))) * e.open[k]
	}
	return sig
}

// process applies the image processing to the log signal and stores it,
// adding noise (σ = noise·√value) from r unless r is nil.
func (e *exposure) process(sig *grid, r *rng, out []uint16) {
	d := e.det
	for k, s := range sig.v {
		v := d.dark + (float64(e.offset[k])+d.enhance*float64(s)-d.dark)*float64(e.open[k])
		if r != nil {
			v += d.noise * math.Sqrt(math.Max(v, 1)) * float64(r.gauss())
		}
		out[k] = uint16(min(maxStored, max(0, v+0.5)))
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

// expand samples c bilinearly at every pixel of a w×h grid.
func (c coarse) expand(w, h int) []float32 {
	out := make([]float32, w*h)
	x0s, txs := make([]int, w), make([]float32, w)
	for i := range w {
		fx := math.Max(0, math.Min(float64(c.g.w-1), (float64(i)+0.5)/c.scale-0.5))
		x0s[i] = min(int(fx), c.g.w-2)
		txs[i] = float32(fx - float64(x0s[i]))
	}
	row := make([]float32, c.g.w)
	for j := range h {
		fy := math.Max(0, math.Min(float64(c.g.h-1), (float64(j)+0.5)/c.scale-0.5))
		y0 := min(int(fy), max(0, c.g.h-2))
		y1 := min(y0+1, c.g.h-1)
		ty := float32(fy - float64(y0))
		a, b := c.g.v[y0*c.g.w:(y0+1)*c.g.w], c.g.v[y1*c.g.w:(y1+1)*c.g.w]
		for k := range row {
			row[k] = a[k] + (b[k]-a[k])*ty
		}
		o := out[j*w : (j+1)*w]
		for i := range o {
			x0 := x0s[i]
			o[i] = row[x0] + (row[x0+1]-row[x0])*txs[i]
		}
	}
	return out
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
