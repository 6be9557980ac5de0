package keyimage

import (
	"hsgview/annotate/internal/fixture"
	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"image"
	"testing"
)

func TestRenderKeyImagesBurnsMarks(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	keys := SuggestKeyImages(s)
	if len(keys) != 5 || keys[4].Role != report.RoleDelayed || keys[0].Role != report.RoleEarlyFilling || keys[3].Role != report.RoleSpill {
		t.Fatalf("suggested %+v", keys)
	}
	r := report.NewReport(s.UID)
	spill := keys[3].Image
	arrow, err := mark.NewMark(mark.ToolArrow, spill, []mark.ImagePoint{mark.Pt(180, 60), mark.Pt(128, 128)}, "L tube")
	if err != nil {
		t.Fatal(err)
	}
	arrow.ID = "m1"
	r.Annotations = []mark.Annotation{arrow}
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
	keys = append(keys, report.KeyImage{Image: mark.ImageRef{SOPInstanceUID: "1.2.3"}})
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
	s, _ := fixture.DemoStudy(t)
	keys := SuggestKeyImages(s)
	spill := keys[3].Image
	length, err := mark.NewMark(mark.ToolLength, spill, []mark.ImagePoint{mark.Pt(100, 200), mark.Pt(300, 200)}, "")
	if err != nil {
		t.Fatal(err)
	}
	length.ID = "len1"
	render := func(m mark.Annotation) []byte {
		r := report.NewReport(s.UID)
		r.Annotations = []mark.Annotation{m}
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
	fresh := mark.Measure(length, mark.FileSpacing(in.Calibration), nil)
	stale := length.Clone()
	stale.Measurement = &mark.Measurement{Value: 99, Unit: mark.UnitMM, SpacingSource: mark.SpacingPixelSpacing, PixelSpacingMM: [2]float64{0.99, 0.99}}
	none := length.Clone()
	none.Measurement = nil
	want := render(fresh)
	if string(render(stale)) != string(want) {
		t.Error("a stale stored measurement changed the burned key image")
	}
	if string(render(none)) != string(want) {
		t.Error("a length without a stored measurement burned differently")
	}
}
