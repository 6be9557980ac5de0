package viewer

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hsgview/annotate/mark"
	"hsgview/annotate/report"
)

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600", filepath.Base(path), fi.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// count returns how many pixels of img in r satisfy ok.
func count(img image.Image, r image.Rectangle, ok func(r, g, b uint32) bool) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if ok(cr>>8, cg>>8, cb>>8) {
				n++
			}
		}
	}
	return n
}

func isMarkYellow(r, g, b uint32) bool { return r > 230 && g > 180 && b < 60 }
func isText(r, g, b uint32) bool       { return r > 200 && g > 200 && b > 200 }

// TestExportPane exports a pane with a length on it, as shown and with
// the patient identifiers hidden: both have the mark burned in where the
// pane shows it and the caption; only the first has the patient's name
// in the top-left corner.
func TestExportPane(t *testing.T) {
	v, q, _, p, _ := lengthFixture(t)
	v.marks.Select("")
	p.view.ZoomBy(1.2, viewAt(p, 32, 24))
	q.settle(t)

	dir := t.TempDir()
	shown, hidden := filepath.Join(dir, "shown.png"), filepath.Join(dir, "hidden.png")
	v.marks.exportPane(p, shown, false)
	v.marks.exportPane(p, hidden, true)
	q.settle(t)
	a, b := readPNG(t, shown), readPNG(t, hidden)
	vt := p.view.Transform().ViewTransform()
	if w, h := vt.ScreenSize(); a.Bounds().Dx() != w || a.Bounds().Dy() != h {
		t.Errorf("exported %v, the pane is %d×%d", a.Bounds(), w, h)
	}
	// The length, midway, where the pane draws it.
	mid := vt.ToScreen(mark.Pt(25, 40))
	around := image.Rect(int(mid.X)-3, int(mid.Y)-3, int(mid.X)+4, int(mid.Y)+4)
	for name, img := range map[string]image.Image{"shown": a, "hidden": b} {
		if count(img, around, isMarkYellow) == 0 {
			t.Errorf("%s: no mark at %v", name, mid)
		}
	}
	// The patient's name is the first line of the top-left corner, over
	// the black beside the image.
	corner := image.Rect(0, 0, 90, 22)
	if n := count(a, corner, isText); n < 30 {
		t.Errorf("shown: %d text pixels in the top-left corner, want the patient's name", n)
	}
	if n := count(b, corner, isText); n != 0 {
		t.Errorf("hidden: %d text pixels in the top-left corner, want none", n)
	}
	// The orientation letters: R on the left, L on the right.
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	isEdge := func(r, g, b uint32) bool { return r > 240 && g > 200 && g < 240 && b > 80 && b < 120 }
	if count(a, image.Rect(0, h/2-15, 25, h/2+15), isEdge) == 0 || count(a, image.Rect(w-25, h/2-15, w, h/2+15), isEdge) == 0 {
		t.Error("no orientation letters at the left and right edges")
	}
	// The caption, bottom centre, in both.
	caption := image.Rect(w/2-60, h-40, w/2+60, h)
	if count(a, caption, isText) == 0 || count(b, caption, isText) == 0 {
		t.Error("no caption at the bottom")
	}
	if got := v.status.Text; !strings.HasPrefix(got, "Exported ") {
		t.Errorf("status %q", got)
	}
	if got := v.marks.caption(p); got != "Immediate · +1 min" {
		t.Errorf("caption %q", got)
	}
}

// TestExportKeyImages exports all key images of the report at once.
func TestExportKeyImages(t *testing.T) {
	v, q, _, p := markFixture(t)
	pt := pointer{p.view}
	v.marks.setMode(modeArrow)
	pt.drag(viewAt(p, 46, 20), viewAt(p, 30, 34))
	typeLabel(t, q, v, "L hydrosalpinx")
	q.settle(t)
	spot := p.Instance()
	delayed := v.Study().Timeline.Delayed.Instance
	err := v.Report().Edit("key images", func(r *report.Report) error {
		r.KeyImages = []report.KeyImage{
			{Image: mark.ImageRefOf(spot, 0), Role: report.RoleSpill, MinutesFromContrastStart: new(1.0)},
			{Image: mark.ImageRefOf(delayed, 0), Role: report.RoleDelayed, MinutesFromContrastStart: new(25.0)},
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	v.marks.exportKeyImages(dir, true)
	q.settle(t)
	names, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	if strings.Join(names, " ") != "01-spill.png 02-delayed.png" {
		t.Fatalf("exported %v", names)
	}
	img := readPNG(t, filepath.Join(dir, "01-spill.png"))
	if img.Bounds().Dx() != 512 || img.Bounds().Dy() != 384 {
		t.Errorf("key image %v, want the 64×48 frame enlarged to 512 wide", img.Bounds())
	}
	if count(img, img.Bounds(), isMarkYellow) == 0 {
		t.Error("the arrow is not burned into the spill image")
	}
	if got := v.status.Text; !strings.HasPrefix(got, "Exported 2 images") {
		t.Errorf("status %q", got)
	}
}
