package synth

import (
	"hash/fnv"
	"math"
)

// rng is a SplitMix64 generator. It is written out here rather than taken
// from math/rand so that the phantom's pixels are fixed by this file alone and
// never change with a Go release.
type rng struct{ s uint64 }

// newRNG returns a generator for one named stream of the study seed, so that
// adding a stream never shifts the numbers of another.
func newRNG(seed uint64, stream string) *rng {
	h := fnv.New64a()
	h.Write([]byte(stream))
	r := &rng{s: seed ^ h.Sum64()}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a uniform number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// between returns a uniform number in [lo, hi).
func (r *rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// gauss returns an approximately standard normal number: the sum of four
// 16-bit uniforms (Irwin–Hall), rescaled. It is cheap enough for one call per
// pixel, and its tails end at ±3.46 σ, which suits detector noise.
func (r *rng) gauss() float32 {
	z := r.next()
	s := float32(z&0xffff) + float32(z>>16&0xffff) + float32(z>>32&0xffff) + float32(z>>48)
	const mean, scale = 2 * 65535, 1.7320508 / 65535 // sqrt(3)
	return (s - mean) * scale
}

// valueNoise returns a w×h field of smooth noise in about [-1, 1] built from
// octaves of a random lattice with the given cell size (pixels), each octave
// half the size and half the amplitude of the previous one. Fields whose
// finest octave spans many pixels are computed at reduced resolution and
// interpolated.
func valueNoise(w, h int, cell float64, octaves int, r *rng) []float32 {
	finest := cell / float64(int(1)<<(octaves-1))
	if red := min(8, int(finest/3)); red > 1 {
		lw, lh := (w+red-1)/red+1, (h+red-1)/red+1
		small := valueNoise(lw, lh, cell/float64(red), octaves, r)
		return coarse{g: &grid{w: lw, h: lh, v: small}, scale: float64(red)}.expand(w, h)
	}
	out := make([]float32, w*h)
	amp, norm := float32(1), float32(0)
	x0s, txs := make([]int, w), make([]float32, w)
	for range octaves {
		lw, lh := int(float64(w)/cell)+3, int(float64(h)/cell)+3
		lat := make([]float32, lw*lh)
		for k := range lat {
			lat[k] = float32(2*r.float() - 1)
		}
		for i := range w {
			fx := float64(i) / cell
			x0s[i] = int(fx)
			txs[i] = float32(smoothstep(0, 1, fx-float64(x0s[i])))
		}
		for j := range h {
			fy := float64(j) / cell
			y0 := int(fy)
			ty := float32(smoothstep(0, 1, fy-float64(y0)))
			a, b := lat[y0*lw:(y0+1)*lw], lat[(y0+1)*lw:(y0+2)*lw]
			o := out[j*w : (j+1)*w]
			for i := range o {
				x0, tx := x0s[i], txs[i]
				top := a[x0] + (a[x0+1]-a[x0])*tx
				bot := b[x0] + (b[x0+1]-b[x0])*tx
				o[i] += amp * (top + (bot-top)*ty)
			}
		}
		norm += amp
		amp *= 0.5
		cell = math.Max(1, cell/2)
	}
	for k := range out {
		out[k] /= norm
	}
	return out
}
