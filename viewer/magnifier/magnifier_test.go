package magnifier

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/internal/fixture"
	"github.com/hsgview/hsgview/viewer/ui"
)

func TestSample(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		copy(src.Pix[4*i:], []byte{byte(10 * (i + 1)), 0, 0, 255})
	}
	// 3× about the centre (1.5, 1): dst 9×6 holds each pixel as a 3×3
	// block.
	dst := image.NewRGBA(image.Rect(0, 0, 9, 6))
	Sample(dst, src, 1.5, 1, 3)
	for y := range 6 {
		for x := range 9 {
			want := byte(10 * (1 + x/3 + 3*(y/3)))
			if got := dst.Pix[dst.PixOffset(x, y)]; got != want {
				t.Fatalf("dst(%d,%d) = %d, want %d", x, y, got, want)
			}
		}
	}
	// Off the edge: black, opaque.
	Sample(dst, src, 0, 0, 3)
	if p := dst.Pix[:4]; p[0] != 0 || p[3] != 255 {
		t.Errorf("outside pixel %v", p)
	}
	if p := dst.Pix[dst.PixOffset(5, 4):]; p[0] != 10 {
		t.Errorf("pixel (0,0) shown as %d", p[0])
	}
	// Nonsense zoom changes nothing.
	before := append([]byte(nil), dst.Pix...)
	Sample(dst, src, 1, 1, 0)
	if string(before) != string(dst.Pix) {
		t.Error("zoom 0 drew")
	}
	if NearestFactor(9) != 4 || NearestFactor(0) != 2 || NearestFactor(3) != 3 {
		t.Error("NearestFactor")
	}
}

// renderFixture renders a 400×300 image of 1-pixel detail (a
// checkerboard over a ramp) at native size, as the pane's picture is.
func renderFixture(t *testing.T) *image.RGBA {
	t.Helper()
	fx := fixture.Fixture{Cols: 400, Rows: 300, WindowCenter: "2048", WindowWidth: "4096",
		Pixel: func(_, x, y int) uint16 {
			v := 8 * x
			if (x+y)%2 == 0 {
				v += 600
			}
			return uint16(v)
		}}
	in := fixture.WriteStudy(t, []fixture.Fixture{fx}).Studies[0].Timeline.Entries[0].Instance
	r, err := in.Render(0, dicomio.RenderOptions{RGBA: true})
	if err != nil {
		t.Fatal(err)
	}
	return r.Image.(*image.RGBA)
}

// newLensView shows pic fitted in a 200×150 view (zoom ½) in a test
// window with a lens attached.
func newLensView(t *testing.T, pic *image.RGBA) (*imageview.ImageView, *Lens, fyne.Window) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
	v := imageview.NewImageView()
	w := test.NewTempWindow(t, container.NewStack(v))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(200, 150))
	v.SetImage(pic, pic.Rect.Dx(), pic.Rect.Dy(), imageview.Orientation{})
	v.SetPatientOrientation([2]string{"L", "F"})
	l := NewLens()
	l.Attach(v)
	return v, l, w
}

// TestLoupeShowsFullResolution: over a 400×300 frame fitted into a 200×150
// view (half size: the screen cannot show its 1-pixel checkerboard), a
// 4× loupe of 80 units at the view's centre shows the frame at 2 device
// pixels per pixel — each 2×2 block of the loupe is exactly the pixel of
// Instance.Render at native size, the crop starting at (200−20, 150−20).
func TestLoupeShowsFullResolution(t *testing.T) {
	pic := renderFixture(t)
	v, l, _ := newLensView(t, pic)
	if z := v.Zoom(); z != 0.5 {
		t.Fatalf("view zoom %v, want 0.5", z)
	}
	l.Factor, l.Size = 4, 80
	l.Move(v, fyne.NewPos(100, 75))
	lp := l.Loupe(v)
	if lp.Visible() {
		t.Fatal("loupe shown before its key")
	}
	l.Hold(true)
	if !lp.Visible() || lp.Size() != fyne.NewSize(80, 80) || lp.Position() != fyne.NewPos(60, 35) {
		t.Fatalf("loupe visible %v at %v size %v", lp.Visible(), lp.Position(), lp.Size())
	}
	got := lp.Image()
	if got.Rect.Dx() != 80 || got.Rect.Dy() != 80 {
		t.Fatalf("loupe image %v", got.Rect)
	}
	for y := range 80 {
		for x := range 80 {
			o := got.PixOffset(x, y)
			s := pic.PixOffset(180+x/2, 130+y/2)
			if string(got.Pix[o:o+4]) != string(pic.Pix[s:s+4]) {
				t.Fatalf("loupe (%d,%d) = %v, render (%d,%d) = %v", x, y, got.Pix[o:o+4], 180+x/2, 130+y/2, pic.Pix[s:s+4])
			}
		}
	}
	// The checkerboard is there: neighbouring blocks differ.
	if got.Pix[got.PixOffset(0, 0)] == got.Pix[got.PixOffset(2, 0)] {
		t.Error("no 1-pixel detail in the loupe")
	}
	// Released: hidden. Toggled on: shown without the key.
	l.Hold(false)
	if lp.Visible() {
		t.Error("loupe still shown after the key was released")
	}
	l.Toggle()
	if !lp.Visible() {
		t.Error("loupe not shown when switched on")
	}
	// Near the edge it stays inside the view, still centred on the
	// pointer's pixel.
	l.Move(v, fyne.NewPos(195, 5))
	if p := lp.Position(); p != fyne.NewPos(120, 0) {
		t.Errorf("loupe at %v near the corner", p)
	}
	c := got.PixOffset(40, 40)
	s := pic.PixOffset(390, 10)
	if string(got.Pix[c:c+4]) != string(pic.Pix[s:s+4]) {
		t.Error("loupe centre is not the pixel under the pointer")
	}
}

// TestLensFollowsView: moving to another view hides the first loupe.
func TestLensFollowsView(t *testing.T) {
	pic := renderFixture(t)
	v, l, _ := newLensView(t, pic)
	v2 := imageview.NewImageView()
	v2.Resize(fyne.NewSize(200, 150))
	v2.SetImage(pic, 400, 300, imageview.Orientation{})
	l.Attach(v2)
	l.Toggle()
	l.Move(v, fyne.NewPos(50, 50))
	l.Move(v2, fyne.NewPos(50, 50))
	if l.Loupe(v).Visible() || !l.Loupe(v2).Visible() {
		t.Errorf("visible: first %v, second %v", l.Loupe(v).Visible(), l.Loupe(v2).Visible())
	}
}

func TestLoupeGolden(t *testing.T) {
	pic := renderFixture(t)
	v, l, w := newLensView(t, pic)
	l.Factor = 3
	l.Move(v, fyne.NewPos(120, 70))
	l.Hold(true)
	test.AssertImageMatches(t, "loupe.png", w.Canvas().Capture())
}

// BenchmarkSample: one loupe picture, 220 units at canvas scale 2 (440²
// device pixels) from a 1024² frame, as each pointer move makes.
func BenchmarkSample(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1024, 1024))
	for i := range src.Pix {
		src.Pix[i] = byte(i)
	}
	dst := image.NewRGBA(image.Rect(0, 0, 440, 440))
	for b.Loop() {
		Sample(dst, src, 500.3, 480.7, 1.7)
	}
}
