package annotate

import (
	"image"
	"image/color"
	"testing"
)

func TestScaleDownAveragesAreas(t *testing.T) {
	// A 1-pixel checkerboard reduced by any factor is mid-grey, not a
	// moiré pattern.
	src := image.NewGray(image.Rect(0, 0, 1000, 600))
	for y := range 600 {
		for x := range 1000 {
			if (x+y)%2 == 0 {
				src.Pix[y*src.Stride+x] = 255
			}
		}
	}
	for _, c := range []struct {
		side, h int
		lo, hi  uint8
	}{
		{500, 300, 127, 128}, // exactly 2×2 pixels each
		{700, 420, 100, 156}, // 1.43 pixels: near grey, never black or white
	} {
		dst := scaleDown(src, c.side).(*image.Gray)
		if b := dst.Bounds(); b.Dx() != c.side || b.Dy() != c.h {
			t.Fatalf("size %v", b)
		}
		for i, v := range dst.Pix {
			if v < c.lo || v > c.hi {
				t.Fatalf("to %d: pixel %d = %d, want %d–%d", c.side, i, v, c.lo, c.hi)
			}
		}
	}
	// A flat image stays flat, in colour too.
	rgba := image.NewRGBA(image.Rect(0, 0, 900, 900))
	for i := range rgba.Pix {
		rgba.Pix[i] = []uint8{200, 100, 50, 255}[i%4]
	}
	out := scaleDown(rgba, 512).(*image.RGBA)
	if c := out.RGBAAt(511, 511); c != (color.RGBA{200, 100, 50, 255}) || out.Bounds().Dx() != 512 {
		t.Errorf("flat colour became %v", c)
	}
	// Small images are left alone.
	if scaleDown(src, 2000) != image.Image(src) {
		t.Error("an image within the limit was resampled")
	}
}
