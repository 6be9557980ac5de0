package viewer

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/cli"
	"github.com/hsgview/hsgview/viewer/export"
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
	v.marks.exportPane(p, shown, export.Options{Screen: true})
	v.marks.exportPane(p, hidden, export.Options{Screen: true, HideIdentifiers: true})
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

// TestExportKeyImages exports all key images of the report at once: a
// new 0700 folder in the one chosen, one 0600 file per key image named
// by order, role and time, each the image at its own resolution with its
// marks, pixel for pixel what `hsgview render --draft --sides` gives.
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
	parent := t.TempDir()
	v.marks.exportKeyImages(parent)
	q.settle(t)
	dirs, _ := filepath.Glob(filepath.Join(parent, "hsg-key-images-*"))
	if len(dirs) != 1 {
		t.Fatalf("folders %q", dirs)
	}
	if st, err := os.Stat(dirs[0]); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v (%v), want 0700", st.Mode().Perm(), err)
	}
	names, _ := filepath.Glob(filepath.Join(dirs[0], "*.png"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	if strings.Join(names, " ") != "01-spill-+1min.png 02-delayed-+25min.png" {
		t.Fatalf("exported %v", names)
	}
	draft := saveDraft(t, v)
	for i, k := range []*dicomio.Instance{spot, delayed} {
		got := readPNG(t, filepath.Join(dirs[0], names[i]))
		want := renderCLI(t, v, k, draft, "--sides")
		if n := differing(got, want); n != 0 || got.Bounds() != image.Rect(0, 0, k.Pixel.Columns, k.Pixel.Rows) {
			t.Errorf("%s: %v, %d pixels differ from hsgview render --draft --sides", names[i], got.Bounds(), n)
		}
	}
	img := readPNG(t, filepath.Join(dirs[0], names[0]))
	if count(img, img.Bounds(), isMarkYellow) == 0 {
		t.Error("the arrow is not burned into the spill image")
	}
	if got := v.status.Text; !strings.HasPrefix(got, "Exported 2 images") {
		t.Errorf("status %q", got)
	}
}

// TestExportPaneNative exports a pane at the image's resolution: the
// frame as shown (window, turn) with its marks and the patient's sides,
// pixel for pixel what `hsgview render --draft` gives for the same frame,
// window and turn. The export dialog offers it first.
func TestExportPaneNative(t *testing.T) {
	v, q, w, p, _ := lengthFixture(t)
	v.marks.Select("")
	q.settle(t)
	in := p.Instance()
	dir := t.TempDir()

	// As hung: the default window, unturned.
	plain := filepath.Join(dir, "plain.png")
	v.marks.exportPane(p, plain, export.Options{})
	q.settle(t)
	draft := saveDraft(t, v)
	got := readPNG(t, plain)
	if got.Bounds() != image.Rect(0, 0, in.Pixel.Columns, in.Pixel.Rows) {
		t.Errorf("native export %v, the image is %d×%d", got.Bounds(), in.Pixel.Columns, in.Pixel.Rows)
	}
	if n := differing(got, renderCLI(t, v, in, draft, "--sides")); n != 0 {
		t.Errorf("%d pixels differ from hsgview render --draft --sides", n)
	}
	if count(got, got.Bounds(), isMarkYellow) == 0 {
		t.Error("no mark burned in")
	}

	// Another window, turned a quarter clockwise and flipped.
	p.view.SetWindow(dicomio.VOI{Window: dicomio.Window{Center: 1500, Width: 1800}})
	v.rotate(1)
	v.flip(true)
	q.settle(t)
	turned := filepath.Join(dir, "turned.png")
	v.marks.exportPane(p, turned, export.Options{})
	q.settle(t)
	got = readPNG(t, turned)
	if got.Bounds() != image.Rect(0, 0, in.Pixel.Rows, in.Pixel.Columns) {
		t.Errorf("turned export %v, want %d×%d", got.Bounds(), in.Pixel.Rows, in.Pixel.Columns)
	}
	want := renderCLI(t, v, in, draft, "--sides", "--window", "1500,1800", "--rotate", "90", "--flip", "h")
	if n := differing(got, want); n != 0 {
		t.Errorf("turned: %d pixels differ from hsgview render --draft --sides --rotate 90 --flip h", n)
	}
	if n := differing(got, renderCLI(t, v, in, draft, "--sides", "--rotate", "90", "--flip", "h")); n == 0 {
		t.Error("the window made no difference: the test cannot tell windows apart")
	}
	if out := os.Getenv("HSGVIEW_TEST_OUT"); out != "" {
		data, _ := os.ReadFile(turned)
		os.WriteFile(filepath.Join(out, "export-native-turned.png"), data, 0o600)
	}

	// The dialog: the image's resolution first and by default, the
	// screen's as the option; identifiers only matter on screen.
	d := export.NewPaneDialog(w, exportSizes(p), export.Options{}, func(export.Options) {})
	if o := d.Options(); o.Screen {
		t.Error("the dialog defaults to the screen resolution")
	}
	d.Choose(true)
	if o := d.Options(); !o.Screen {
		t.Error("the screen resolution cannot be chosen")
	}
	sz := exportSizes(p)
	if sz.Native != fyne.NewSize(float32(in.Pixel.Rows), float32(in.Pixel.Columns)) {
		t.Errorf("native size %v", sz.Native)
	}
}

// saveDraft writes the report of v as a draft file, as the command line
// reads it.
func saveDraft(t *testing.T, v *Viewer) string {
	t.Helper()
	b, err := v.Report().Report().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "draft.json")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// renderCLI runs `hsgview render` on the study v shows for in with the
// draft and more arguments, and returns the PNG it wrote.
func renderCLI(t *testing.T, v *Viewer, in *dicomio.Instance, draft string, args ...string) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "render.png")
	var stdout, stderr bytes.Buffer
	args = append([]string{"render", v.paths[0], "--sop", in.SOPInstanceUID, "--draft", draft, "--out", out}, args...)
	if code, _ := cli.Run(args, &stdout, &stderr); code != cli.ExitOK {
		t.Fatalf("hsgview %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return readPNG(t, out)
}

// differing returns the number of pixels where a and b differ (all of
// them when their sizes differ).
func differing(a, b image.Image) int {
	if a.Bounds().Size() != b.Bounds().Size() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, a1 := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, a2 := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 || a1>>8 != a2>>8 {
				n++
			}
		}
	}
	return n
}

// TestCopyView copies the active pane to the clipboard (Ctrl+Shift+C):
// the PNG handed to the clipboard is the pane's screen export; without a
// clipboard tool the status bar says what to install, in one line. With
// an X server and xclip, the image is read back from the X11 clipboard.
func TestCopyView(t *testing.T) {
	v, q, _, p, _ := lengthFixture(t)
	v.marks.Select("")
	q.settle(t)
	var copied []byte
	copyPNG = func(b []byte) error { copied = b; return nil }
	t.Cleanup(func() { copyPNG = export.CopyPNG })
	v.marks.copyView()
	q.settle(t)
	if got := v.status.Text; got != "View copied to the clipboard" {
		t.Errorf("status %q", got)
	}
	img, err := png.Decode(bytes.NewReader(copied))
	if err != nil {
		t.Fatal(err)
	}
	shown := filepath.Join(t.TempDir(), "shown.png")
	v.marks.exportPane(p, shown, export.Options{Screen: true})
	q.settle(t)
	if n := differing(img, readPNG(t, shown)); n != 0 {
		t.Errorf("the copy differs from the screen export in %d pixels", n)
	}

	copyPNG = func([]byte) error {
		return fmt.Errorf("%w: %s", export.ErrNoClipboardTool, "Copying an image needs xclip (X11) or wl-clipboard (Wayland): install one, or export the image as a PNG")
	}
	v.marks.copyView()
	q.settle(t)
	if got := v.status.Text; !strings.HasPrefix(got, "Copying an image needs xclip") {
		t.Errorf("status without a clipboard tool %q", got)
	}

	fixturepkg.X11Clipboard(t)
	copyPNG = export.CopyPNG
	v.marks.copyView()
	q.settle(t)
	back, err := exec.Command("xclip", "-selection", "clipboard", "-o", "-t", "image/png").Output()
	if err != nil {
		t.Fatalf("xclip -o -t image/png: %v (status %q)", err, v.status.Text)
	}
	if !bytes.Equal(back, copied) {
		t.Errorf("the X11 clipboard holds %d bytes, the copy was %d", len(back), len(copied))
	}
}
