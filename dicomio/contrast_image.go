package dicomio

import (
	"fmt"
	"image"
	"sort"
)

// ImageContrast is what [DetectContrast] found in an image.
type ImageContrast string

const (
	ContrastSeen      ImageContrast = "contrast"    // a contrast-filled structure is seen
	ContrastNotSeen   ImageContrast = "no contrast" // nothing denser than bone in the centre
	ContrastUndecided ImageContrast = "undecided"   // between the thresholds, or not measurable
)

// ContrastScore is the measure of [DetectContrast], with its thresholds.
//
// The frame is shown as hsgview first shows it ([Instance.Render] at its
// default frame and VOI, MONOCHROME1 inverted) and averaged into blocks of
// a 64×64 grid. Opacified contrast is the densest thing in an HSG image —
// denser than bone, and a filled cavity and tubes cover a compact area of
// the central field. Since RF rooms show dense structures black and
// radiographs show them white, both polarities are measured and the larger
// score is kept. For one polarity, with d the block's density in 0..255:
//
//	score = fraction of the central half (middle 50% of width and height)
//	        whose d exceeds P90 of the surrounding ring of the exposed field
//	        (blocks of the outer part that are not collimator: 3 ≤ d ≤ 252)
//	        by more than 24 grey levels
//
// Calibration (dicomio/timeline_evidence_test.go, TestDetectContrast*):
// on the synth phantom (seed 20260312) the scout scores 0.000 at every
// matrix; the contrast images score, at 256² / 512² / 1024² / 2048²,
// early filling at +0:30 (the least contrast) 0.0098 / 0.0166 / 0.0215 /
// 0.0234, the other spots and the run 0.033 to 0.055, the DX delayed film
// (MONOCHROME1) 0.031. On the shared real XA/RF files (coronary
// angiograms and RF spots, none of them HSG) every score is 0.000: thin
// opacified vessels vanish in the blocks, so the test sees a filled
// cavity or tube segment, not a thread of contrast. That is why "no
// contrast" from this test is supporting evidence only (at most medium
// confidence for a scout), while "contrast" is strong evidence against
// one. Below [ContrastNoneBelow] the image is taken to hold no contrast,
// from [ContrastSeenAbove] to hold it; between, the test does not decide.
const (
	ContrastNoneBelow = 0.004
	ContrastSeenAbove = 0.008
)

const contrastGrid = 64

// DetectContrast tells whether frame of in shows opacified contrast in its
// central field (see [ContrastScore] for the measure and thresholds). It
// returns the verdict, the score and an error for an image that cannot be
// rendered; it never panics.
func DetectContrast(in *Instance, frame int) (ImageContrast, float64, error) {
	if in == nil || !in.HasPixels {
		return ContrastUndecided, 0, fmt.Errorf("dicomio: contrast test: no pixel data")
	}
	r, err := in.Render(frame, RenderOptions{})
	if err != nil {
		return ContrastUndecided, 0, err
	}
	g, ok := r.Image.(*image.Gray)
	if !ok {
		return ContrastUndecided, 0, fmt.Errorf("dicomio: contrast test: a colour image")
	}
	s, ok := contrastScore(g)
	switch {
	case !ok:
		return ContrastUndecided, 0, fmt.Errorf("dicomio: contrast test: an image smaller than %d×%d or without an exposed field around its centre", contrastGrid, contrastGrid)
	case s >= ContrastSeenAbove:
		return ContrastSeen, s, nil
	case s < ContrastNoneBelow:
		return ContrastNotSeen, s, nil
	}
	return ContrastUndecided, s, nil
}

// contrastScore computes the score of [ContrastScore] on a rendered
// frame; ok is false for a frame too small to measure or without an
// exposed surround in either polarity.
func contrastScore(g *image.Gray) (score float64, ok bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < contrastGrid || h < contrastGrid {
		return 0, false
	}
	var blocks [contrastGrid][contrastGrid]float64
	for by := range contrastGrid {
		y0, y1 := by*h/contrastGrid, (by+1)*h/contrastGrid
		for bx := range contrastGrid {
			x0, x1 := bx*w/contrastGrid, (bx+1)*w/contrastGrid
			sum := 0
			for y := y0; y < y1; y++ {
				row := g.Pix[y*g.Stride+x0 : y*g.Stride+x1]
				for _, v := range row {
					sum += int(v)
				}
			}
			blocks[by][bx] = float64(sum) / float64((y1-y0)*(x1-x0))
		}
	}
	best := 0.0
	for _, whiteDense := range []bool{true, false} {
		var centre, ring []float64
		for by := range contrastGrid {
			for bx := range contrastGrid {
				d := blocks[by][bx]
				if !whiteDense {
					d = 255 - d
				}
				c := bx >= contrastGrid/4 && bx < 3*contrastGrid/4 && by >= contrastGrid/4 && by < 3*contrastGrid/4
				switch {
				case c:
					centre = append(centre, d)
				case d >= 3 && d <= 252:
					ring = append(ring, d)
				}
			}
		}
		if len(ring) < contrastGrid {
			continue // no exposed surround to compare with
		}
		ok = true
		sort.Float64s(ring)
		ref := ring[len(ring)*9/10] + 24
		n := 0
		for _, d := range centre {
			if d > ref {
				n++
			}
		}
		if s := float64(n) / float64(len(centre)); s > best {
			best = s
		}
	}
	return best, ok
}
