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

func TestRenderKeyImagesBurnsMarks(t *testing.T) {
	s, _ := demoStudy(t)
	keys := SuggestKeyImages(s)
	if len(keys) != 5 || keys[4].Role != RoleDelayed || keys[0].Role != RoleEarlyFilling || keys[3].Role != RoleSpill {
		t.Fatalf("suggested %+v", keys)
	}
	r := NewReport(s.UID)
	spill := keys[3].Image
	mark, err := NewMark(ToolArrow, spill, []ImagePoint{{180, 60}, {128, 128}}, "L tube")
	if err != nil {
		t.Fatal(err)
	}
	mark.ID = "m1"
	r.Annotations = []Annotation{mark}
	imgs, err := RenderKeyImages(r, s, keys, 0)
	if err != nil || len(imgs) != 5 {
		t.Fatalf("%d images, %v", len(imgs), err)
	}
	yellow := func(img image.Image) int {
		n := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if r > 0xc000 && g > 0xa000 && bl < 0x6000 {
					n++
				}
			}
		}
		return n
	}
	if n := yellow(imgs[3].Image); n < 50 {
		t.Errorf("the spill image has %d yellow pixels: marks not burned in", n)
	}
	for i, im := range imgs {
		if i != 3 && yellow(im.Image) > 0 {
			t.Errorf("key image %d has marks of another image", i)
		}
		if _, gray := im.Image.(*image.Gray); i != 3 && !gray {
			t.Errorf("key image %d without marks is not kept grey", i)
		}
	}
	if imgs[4].Key.MinutesFromContrastStart == nil || *imgs[4].Key.MinutesFromContrastStart != 25 || imgs[4].SeriesNumber == 0 {
		t.Errorf("delayed key image %+v", imgs[4])
	}

	// A key image that is not in the study is reported, the others kept.
	keys = append(keys, KeyImage{Image: ImageRef{SOPInstanceUID: "1.2.3"}})
	imgs, err = RenderKeyImages(r, s, keys, 0)
	if err == nil || len(imgs) != 5 {
		t.Errorf("missing image: %d images, %v", len(imgs), err)
	}
}

// TestKeyImagesMeasureAgain: the length burned into a key image is
// measured with the spacing of the image, whatever the draft stored, so
// a stale or missing stored measurement burns the same picture as a fresh
// one (the PDF once printed the stored "99.0 mm (calibrated)").
func TestKeyImagesMeasureAgain(t *testing.T) {
	s, _ := demoStudy(t)
	keys := SuggestKeyImages(s)
	spill := keys[3].Image
	mark, err := NewMark(ToolLength, spill, []ImagePoint{{100, 200}, {300, 200}}, "")
	if err != nil {
		t.Fatal(err)
	}
	mark.ID = "len1"
	render := func(m Annotation) []byte {
		r := NewReport(s.UID)
		r.Annotations = []Annotation{m}
		imgs, err := RenderKeyImages(r, s, keys[3:4], 0)
		if err != nil || len(imgs) != 1 {
			t.Fatalf("%d images, %v", len(imgs), err)
		}
		rgba, ok := imgs[0].Image.(*image.RGBA)
		if !ok {
			t.Fatalf("no marks burned (%T)", imgs[0].Image)
		}
		return rgba.Pix
	}
	in := s.Image(spill.SOPInstanceUID)
	fresh := Measure(mark, FileSpacing(in.Calibration), nil)
	stale := mark.clone()
	stale.Measurement = &Measurement{Value: 99, Unit: UnitMM, SpacingSource: SpacingPixelSpacing, PixelSpacingMM: [2]float64{0.99, 0.99}}
	none := mark.clone()
	none.Measurement = nil
	want := render(fresh)
	if string(render(stale)) != string(want) {
		t.Error("a stale stored measurement changed the burned key image")
	}
	if string(render(none)) != string(want) {
		t.Error("a mark without a stored measurement burned differently")
	}
}
