// Package resize scales rendered frames for thumbnails, key images,
// reports and exports. It is hsgview's one resampler.
//
// It uses golang.org/x/image/draw, the Go team's resampler, with its
// bilinear kernel: when reducing, x/image/draw widens the kernel to
// cover every source pixel, so fine patterns (a grid, noise, a 1-pixel
// checkerboard) average to grey instead of aliasing into moiré; when
// enlarging it interpolates smoothly, as the GPU does on screen. Unlike
// Catmull-Rom or Lanczos, the bilinear kernel has no negative lobes, so
// it never rings: no dark or bright halo appears along a contrast-filled
// tube, a catheter or burned-in text, and no output value lies outside
// the range of the input values around it. disintegration/imaging was
// the alternative: it converts every image to NRGBA (four times the
// memory of a grey frame) and has not been released since 2019.
package resize

import (
	"image"

	"golang.org/x/image/draw"
)

// maxPixels bounds the size of an output image (1 GiB of RGBA).
const maxPixels = 1 << 28

// To returns src resampled to w×h pixels, its bounds starting at (0, 0):
// an *image.Gray when src is one, else an *image.RGBA. The result is
// empty when src is empty, when w or h is not positive, or when w×h is
// beyond 2²⁸ pixels.
func To(src image.Image, w, h int) image.Image {
	_, gray := src.(*image.Gray)
	sb := src.Bounds()
	if sb.Empty() || int64(sb.Dx())*int64(sb.Dy()) > maxPixels || w <= 0 || h <= 0 || int64(w)*int64(h) > maxPixels {
		w, h = 0, 0
	}
	r := image.Rect(0, 0, w, h)
	var dst draw.Image
	if gray {
		dst = image.NewGray(r)
	} else {
		dst = image.NewRGBA(r)
	}
	if !r.Empty() {
		draw.BiLinear.Scale(dst, r, src, sb, draw.Src, nil)
	}
	return dst
}

// Fit returns src scaled down, keeping its aspect ratio, to the largest
// size within maxW×maxH, as [To] does. An image that already fits is
// returned as it is, not enlarged.
func Fit(src image.Image, maxW, maxH int) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= maxW && h <= maxH {
		return src
	}
	if maxW <= 0 || maxH <= 0 {
		return To(src, 0, 0)
	}
	dw, dh := fitSize(w, h, maxW, maxH)
	return To(src, dw, dh)
}

// fitSize returns the size Fit scales a w×h image to, which does not fit
// within maxW×maxH (both positive): the largest within it with the same
// aspect ratio, at least one pixel each way.
func fitSize(w, h, maxW, maxH int) (int, int) {
	k := min(float64(maxW)/float64(w), float64(maxH)/float64(h))
	dw := min(maxW, max(1, int(float64(w)*k+0.5)))
	dh := min(maxH, max(1, int(float64(h)*k+0.5)))
	return dw, dh
}
