package mark

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRingAreaSelfCrossing: a self-crossing outline encloses both of its
// loops (even-odd rule, as the ROI statistics count pixels), not their
// signed difference.
func TestRingAreaSelfCrossing(t *testing.T) {
	pts := func(v ...float64) []ImagePoint {
		var ps []ImagePoint
		for i := 0; i+1 < len(v); i += 2 {
			ps = append(ps, Pt(v[i], v[i+1]))
		}
		return ps
	}
	for _, c := range []struct {
		name string
		ring []ImagePoint
		want float64
	}{
		{"square", pts(0, 0, 100, 0, 100, 100, 0, 100), 10000},
		{"bow tie", pts(0, 0, 100, 100, 100, 0, 0, 100), 5000}, // two triangles of 2500
		{"far from the origin", pts(1e6, 1e6, 1e6+100, 1e6+100, 1e6+100, 1e6, 1e6, 1e6+100), 5000},
		{"L-shape", pts(0, 0, 20, 0, 20, 10, 10, 10, 10, 30, 0, 30), 20*10 + 10*20},
	} {
		if got := ringArea(c.ring); math.Abs(got-c.want) > 1e-6*c.want {
			t.Errorf("%s: area %v, want %v", c.name, got, c.want)
		}
	}
	// The reviewer's freehand loop: its area agrees with the pixels the
	// statistics count to within the outline's partial pixels.
	loop := pts(100, 100, 300, 300, 340, 260, 300, 220, 100, 400)
	if got, px := ringArea(loop), countPixels(loop, 1); math.Abs(got-px) > 0.02*px {
		t.Errorf("crossing loop: area %.0f px², pixel count %.0f", got, px)
	}
}

// TestRingAreaMatchesPixelCount: on random outlines, mostly crossing
// themselves, the area equals the even-odd pixel count on a fine grid.
func TestRingAreaMatchesPixelCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		n := 3 + rng.IntN(12)
		ring := make([]ImagePoint, n)
		for k := range ring {
			ring[k] = Pt(rng.Float64()*60, rng.Float64()*60)
		}
		got := ringArea(ring)
		want := countPixels(ring, 16) // 1/16-pixel grid
		if math.Abs(got-want) > 0.01*want+2 {
			t.Fatalf("ring %d %v: area %.2f, grid count %.2f", i, ring, got, want)
		}
	}
}

// countPixels counts, in square pixels, the cells of a grid of 1/k pixel
// whose centres scanRing puts inside the ring.
func countPixels(ring []ImagePoint, k float64) float64 {
	scaled := make([]ImagePoint, len(ring))
	for i, p := range ring {
		scaled[i] = p.Mul(k)
	}
	var cells int
	scanRing(scaled, 1<<20, 1<<20, func(_, c0, c1 int) { cells += c1 - c0 })
	return float64(cells) / (k * k)
}
