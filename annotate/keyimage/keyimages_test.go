package keyimage

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
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

// A key image of a file with Patient Orientation carries the side
// letters: the demo images are "L\F", so R on the left edge and L on the
// right, and nothing else changes.
func TestKeyImageSideLetters(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	keys := SuggestKeyImages(s)[:1]
	in := s.Image(keys[0].Image.SOPInstanceUID)
	if in.Orientation != [2]string{"L", "F"} {
		t.Fatalf("demo orientation %q", in.Orientation)
	}
	r := report.NewReport(s.UID)
	render := func() *image.Gray {
		imgs, err := RenderKeyImages(r, s, keys, 0)
		if err != nil || len(imgs) != 1 {
			t.Fatalf("%d images, %v", len(imgs), err)
		}
		g, ok := imgs[0].Image.(*image.Gray)
		if !ok {
			t.Fatalf("key image without marks is %T, not grey", imgs[0].Image)
		}
		return g
	}
	with := render()
	in.Orientation = [2]string{}
	without := render()
	in.Orientation = [2]string{"L", "F"}

	b := with.Bounds()
	w, h := b.Dx(), b.Dy()
	// Where the two differ: only in a box at the middle of the left edge
	// and one at the middle of the right edge, both with white letter
	// pixels.
	var left, right, elsewhere, whiteL, whiteR int
	for y := range h {
		for x := range w {
			i := with.PixOffset(x, y)
			if with.Pix[i] == without.Pix[i] {
				continue
			}
			mid := y > h/3 && y < 2*h/3
			switch {
			case mid && x < w/8:
				left++
				if with.Pix[i] > 200 {
					whiteL++
				}
			case mid && x >= w-w/8:
				right++
				if with.Pix[i] > 200 {
					whiteR++
				}
			default:
				elsewhere++
			}
		}
	}
	if left < 100 || right < 100 || whiteL < 10 || whiteR < 10 || elsewhere > 0 {
		t.Errorf("letters: %d pixels changed on the left (%d white), %d on the right (%d white), %d elsewhere", left, whiteL, right, whiteR, elsewhere)
	}
	// The letters are R on the left and L on the right: the same as
	// drawing them on the image without letters.
	rgba := image.NewRGBA(b)
	draw.Draw(rgba, b, without, image.Point{}, draw.Src)
	BurnSideLetters(rgba, dicomtext.Edges{Left: "R", Right: "L", Top: "H", Bottom: "F"})
	want := image.NewGray(b)
	draw.Draw(want, b, rgba, image.Point{}, draw.Src)
	if string(want.Pix) != string(with.Pix) {
		t.Error("the letters are not R on the left and L on the right")
	}
	rgba2 := image.NewRGBA(b)
	draw.Draw(rgba2, b, without, image.Point{}, draw.Src)
	BurnSideLetters(rgba2, dicomtext.Edges{Left: "L", Right: "R"})
	if string(rgba2.Pix) == string(rgba.Pix) {
		t.Error("R and L draw the same")
	}
	if dir := os.Getenv("HSGVIEW_KEYIMAGE_PNG"); dir != "" {
		if f, err := os.Create(filepath.Join(dir, "side-letters.png")); err == nil {
			png.Encode(f, with)
			f.Close()
		}
	}
}

// A draft listing 2,000 key images (issue 11: one goroutine each ran out
// of memory) renders MaxKeyImages of them, with memory bounded.
func TestRenderKeyImagesBudget(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	base := SuggestKeyImages(s)
	keys := make([]report.KeyImage, 2000)
	for i := range keys {
		keys[i] = base[i%len(base)]
	}
	r := report.NewReport(s.UID)
	r.KeyImages = keys
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	imgs, err := RenderKeyImages(r, s, keys, 0)
	runtime.ReadMemStats(&after)
	if err != nil || len(imgs) != MaxKeyImages {
		t.Fatalf("%d images, %v", len(imgs), err)
	}
	if Omitted(len(keys)) != 2000-MaxKeyImages || Omitted(3) != 0 {
		t.Errorf("Omitted(2000) = %d", Omitted(len(keys)))
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	grown := int64(after.Sys) - int64(before.Sys)
	t.Logf("allocated %d MiB in all, process grew %d MiB", alloc>>20, grown>>20)
	if alloc > 1<<30 || grown > 512<<20 {
		t.Errorf("2,000 key images: allocated %d MiB, process grew %d MiB", alloc>>20, grown>>20)
	}
}

func TestParallel(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		var hits = make([]int32, n)
		var live, peak atomic.Int32
		Parallel(n, func(i int) {
			c := live.Add(1)
			for {
				p := peak.Load()
				if c <= p || peak.CompareAndSwap(p, c) {
					break
				}
			}
			atomic.AddInt32(&hits[i], 1)
			live.Add(-1)
		})
		for i, h := range hits {
			if h != 1 {
				t.Errorf("n %d: item %d called %d times", n, i, h)
			}
		}
		if p := int(peak.Load()); p > runtime.GOMAXPROCS(0) {
			t.Errorf("n %d: %d calls at once, more than %d CPUs", n, p, runtime.GOMAXPROCS(0))
		}
	}
}

// TestKeyImagesMeasureInReportLanguage: a length burned into a Russian
// report's key image reads in Russian («мм», decimal comma) as the
// report's text does; the English one is unchanged by it.
func TestKeyImagesMeasureInReportLanguage(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	keys := SuggestKeyImages(s)[3:4]
	length, err := mark.NewMark(mark.ToolLength, keys[0].Image, []mark.ImagePoint{mark.Pt(60, 60), mark.Pt(160, 110)}, "")
	if err != nil {
		t.Fatal(err)
	}
	length.ID = "m1"
	render := func(lang string) []byte {
		r := report.NewReportIn(s.UID, lang)
		r.Annotations = []mark.Annotation{length}
		imgs, err := RenderKeyImages(r, s, keys, 0)
		if err != nil || len(imgs) != 1 {
			t.Fatalf("%s: %d images, %v", lang, len(imgs), err)
		}
		rgba, ok := imgs[0].Image.(*image.RGBA)
		if !ok {
			t.Fatalf("%s: no marks burned (%T)", lang, imgs[0].Image)
		}
		return rgba.Pix
	}
	en, ru, en2 := render("en"), render("ru"), render("en")
	if string(en) == string(ru) {
		t.Error("the Russian key image reads like the English one")
	}
	if string(en) != string(en2) {
		t.Error("rendering is not repeatable")
	}
}
