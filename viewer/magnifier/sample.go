package magnifier

import (
	"image"
	"math"
)

// Factors are the magnifications offered, over the screen's zoom.
var Factors = []int{2, 3, 4}

// DefaultFactor is the magnification of a new user: on a frame fitted
// to half its size, native pixels one to one.
const DefaultFactor = 2

// NearestFactor returns the factor of [Factors] nearest to f.
func NearestFactor(f int) int {
	best := DefaultFactor
	for _, x := range Factors {
		if abs(x-f) < abs(best-f) {
			best = x
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Sample fills dst with src magnified about point (cx, cy) of src (in
// src's pixel coordinates, continuous: pixel (i, j) covers [i, i+1) ×
// [j, j+1)) by zoom dst pixels per src pixel, (cx, cy) at dst's centre.
// Each dst pixel takes the src pixel under its centre (nearest
// neighbour: every pixel shown is a pixel of src, none is invented by
// interpolation); dst pixels outside src are black. It does nothing when
// zoom is not a positive number.
func Sample(dst, src *image.RGBA, cx, cy, zoom float64) {
	if !(zoom > 0) || math.IsInf(zoom, 0) || math.IsNaN(cx) || math.IsNaN(cy) {
		return
	}
	db, sb := dst.Rect, src.Rect
	w, h := db.Dx(), db.Dy()
	// The src column of each dst column, -1 outside src.
	cols := make([]int, w)
	for x := range w {
		cols[x] = srcIndex(cx+(float64(x)+0.5-float64(w)/2)/zoom, sb.Dx())
	}
	var prev []byte // the row above, and its src row
	prevSy := -2
	for y := range h {
		o := dst.PixOffset(db.Min.X, db.Min.Y+y)
		row := dst.Pix[o : o+4*w]
		sy := srcIndex(cy+(float64(y)+0.5-float64(h)/2)/zoom, sb.Dy())
		if sy == prevSy {
			copy(row, prev) // magnified rows repeat
			continue
		}
		prev, prevSy = row, sy
		if sy < 0 {
			clear(row)
			fillAlpha(row)
			continue
		}
		srow := src.Pix[src.PixOffset(sb.Min.X, sb.Min.Y+sy):]
		for x, sx := range cols {
			d := row[4*x : 4*x+4 : 4*x+4]
			if sx < 0 {
				d[0], d[1], d[2], d[3] = 0, 0, 0, 0xff
				continue
			}
			copy(d, srow[4*sx:4*sx+4])
		}
	}
}

// srcIndex returns the pixel index of coordinate v in [0, n), or -1.
func srcIndex(v float64, n int) int {
	f := math.Floor(v)
	if f < 0 || f >= float64(n) {
		return -1
	}
	return int(f)
}

func fillAlpha(row []byte) {
	for i := 3; i < len(row); i += 4 {
		row[i] = 0xff
	}
}
