package resize

import (
	"image"
	"image/color"
	"testing"
)

// checkerboard returns a w×h grey image of 1-pixel black and white squares.
func checkerboard(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x+y)%2 == 0 {
				img.Pix[y*img.Stride+x] = 255
			}
		}
	}
	return img
}

func flatNRGBA(w, h int, c color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}

func TestTo(t *testing.T) {
	flat := image.NewRGBA(image.Rect(0, 0, 900, 900))
	for i := range flat.Pix {
		flat.Pix[i] = []uint8{200, 100, 50, 255}[i%4]
	}
	// A step from 50 to 200: a kernel with negative lobes (Catmull-Rom,
	// Lanczos) would undershoot below 50 and overshoot above 200 beside it.
	step := image.NewGray(image.Rect(0, 0, 16, 4))
	for i := range step.Pix {
		step.Pix[i] = 50
		if i%16 >= 8 {
			step.Pix[i] = 200
		}
	}
	// Only the bright top-left quadrant of a 20×20 image, as a sub-image.
	quad := image.NewGray(image.Rect(0, 0, 20, 20))
	for y := range 10 {
		for x := range 10 {
			quad.Pix[y*quad.Stride+x] = 250
		}
	}
	for _, tt := range []struct {
		name   string
		src    image.Image
		w, h   int
		lo, hi uint8 // range of every output sample (R, G, B for colour)
		gray   bool
	}{
		// Reduced, a 1-pixel checkerboard is grey, not a moiré pattern
		// (within a few levels at the edges, where the kernel is cut).
		{"checkerboard ÷2", checkerboard(1000, 600), 500, 300, 125, 130, true},
		{"checkerboard ÷1.43", checkerboard(1000, 600), 700, 420, 112, 143, true},
		{"checkerboard ÷7.3", checkerboard(1000, 600), 137, 82, 120, 135, true},
		{"step ×3, no ringing", step, 48, 12, 50, 200, true},
		{"sub-image", quad.SubImage(image.Rect(0, 0, 10, 10)), 5, 5, 250, 250, true},
		{"flat colour", flat, 512, 300, 50, 200, false},
		{"NRGBA as RGBA", flatNRGBA(40, 30, color.NRGBA{77, 77, 77, 255}), 3, 2, 77, 77, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := To(tt.src, tt.w, tt.h)
			if b := out.Bounds(); b != image.Rect(0, 0, tt.w, tt.h) {
				t.Fatalf("bounds %v, want %dx%d", b, tt.w, tt.h)
			}
			var samples []uint8
			switch img := out.(type) {
			case *image.Gray:
				if !tt.gray {
					t.Fatal("*image.Gray, want *image.RGBA")
				}
				samples = img.Pix
			case *image.RGBA:
				if tt.gray {
					t.Fatal("*image.RGBA, want *image.Gray")
				}
				for i := 0; i < len(img.Pix); i += 4 {
					samples = append(samples, img.Pix[i:i+3]...)
					if img.Pix[i+3] != 255 {
						t.Fatalf("pixel %d not opaque", i/4)
					}
				}
			default:
				t.Fatalf("type %T", out)
			}
			for i, v := range samples {
				if v < tt.lo || v > tt.hi {
					t.Fatalf("sample %d = %d, want %d–%d", i, v, tt.lo, tt.hi)
				}
			}
		})
	}
	// Flat colour stays that colour, exactly.
	if c := To(flat, 511, 300).(*image.RGBA).RGBAAt(510, 299); c != (color.RGBA{200, 100, 50, 255}) {
		t.Errorf("flat colour became %v", c)
	}
	// The step stays a monotonic ramp along each row.
	s := To(step, 48, 4).(*image.Gray)
	for x := 1; x < 48; x++ {
		if s.Pix[x] < s.Pix[x-1] {
			t.Fatalf("step not monotonic at %d: %v", x, s.Pix[:48])
		}
	}
}

func TestToBadSizes(t *testing.T) {
	src := checkerboard(10, 10)
	for _, sz := range [][2]int{{0, 10}, {10, 0}, {-1, -1}, {1 << 20, 1 << 20}} {
		if b := To(src, sz[0], sz[1]).Bounds(); !b.Empty() {
			t.Errorf("To %v: bounds %v, want empty", sz, b)
		}
	}
	if b := To(image.NewRGBA(image.Rectangle{}), 10, 10).Bounds(); !b.Empty() {
		t.Errorf("empty source: bounds %v, want empty", b)
	}
	if b := To(image.NewUniform(color.Gray{77}), 10, 10).Bounds(); !b.Empty() {
		t.Errorf("unbounded source: bounds %v, want empty", b)
	}
	if b := Fit(image.NewUniform(color.Gray{77}), 10, 10).Bounds(); !b.Empty() {
		t.Errorf("Fit of an unbounded source: bounds %v, want empty", b)
	}
}

func TestFit(t *testing.T) {
	for _, tt := range []struct {
		w, h, maxW, maxH int
		dw, dh           int
	}{
		{1000, 600, 500, 500, 500, 300},
		{600, 1000, 128, 96, 58, 96}, // 57.6 rounds to 58
		{1024, 1024, 720, 720, 720, 720},
		{3000, 10, 300, 300, 300, 1}, // at least a pixel
		{100, 50, 100, 50, 100, 50},  // fits: unchanged
		{100, 50, 0, 0, 0, 0},
	} {
		src := image.NewGray(image.Rect(0, 0, tt.w, tt.h))
		out := Fit(src, tt.maxW, tt.maxH)
		if b := out.Bounds(); b.Dx() != tt.dw || b.Dy() != tt.dh {
			t.Errorf("Fit %dx%d into %dx%d: %dx%d, want %dx%d", tt.w, tt.h, tt.maxW, tt.maxH, b.Dx(), b.Dy(), tt.dw, tt.dh)
		}
	}
	small := checkerboard(30, 20)
	if Fit(small, 2000, 2000) != image.Image(small) {
		t.Error("an image within the limit was resampled")
	}
}

func BenchmarkFitGray(b *testing.B) {
	src := checkerboard(1024, 1024)
	for b.Loop() {
		Fit(src, 720, 720)
	}
}

func BenchmarkFitRGBA(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1024, 1024))
	for b.Loop() {
		Fit(src, 720, 720)
	}
}
