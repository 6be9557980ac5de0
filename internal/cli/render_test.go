package cli

import (
	"bytes"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
)

// Without --frame, render shows the image's default frame (for the
// demo's injection run, its representative frame), as the viewer and key
// images do, not the first.
func TestRenderDefaultFrame(t *testing.T) {
	d := demoStudy(t)
	cine := cineRun(t, d)
	want := cine.DefaultFrame() + 1
	if want == 1 || want != cine.RepresentativeFrame {
		t.Fatalf("the demo run's default frame is %d (representative %d): the test needs another", want, cine.RepresentativeFrame)
	}
	root := filepath.Join(d.dir, "HSG")
	dir := t.TempDir()
	render := func(name string, args ...string) []uint8 {
		return runRenderPNG(t, append([]string{root, "--sop", cine.SOPInstanceUID, "--out", filepath.Join(dir, name)}, args...)...).Pix
	}
	def, named, first := render("default.png"), render("named.png", "--frame", fmt.Sprint(want)), render("first.png", "--frame", "1")
	if !bytes.Equal(def, named) {
		t.Errorf("render without --frame differs from frame %d", want)
	}
	if bytes.Equal(def, first) {
		t.Error("render without --frame gives the first frame (or the run's frames are all alike)")
	}
}

// TestRenderTurned turns and mirrors a frame as the viewer's Rotate and
// Flip do: a quarter turn clockwise moves pixel (x, y) of the w×h frame
// to (h-1-y, x), and a flip of the turned picture mirrors that; the
// patient's sides follow the turn (--sides); bad turns are usage errors.
func TestRenderTurned(t *testing.T) {
	d := demoStudy(t)
	spill := keyImage(t, d, report.RoleSpill)
	root := filepath.Join(d.dir, "HSG")
	dir := t.TempDir()
	render := func(name string, args ...string) *image.RGBA {
		return runRenderPNG(t, append([]string{root, "--sop", spill.SOPInstanceUID, "--out", filepath.Join(dir, name)}, args...)...)
	}
	plain := render("plain.png")
	w, h := plain.Bounds().Dx(), plain.Bounds().Dy()
	for _, c := range []struct {
		name string
		args []string
		to   func(x, y int) (int, int)
	}{
		{"cw", []string{"--rotate", "90"}, func(x, y int) (int, int) { return h - 1 - y, x }},
		{"ccw", []string{"--rotate", "-90"}, func(x, y int) (int, int) { return y, w - 1 - x }},
		{"half", []string{"--rotate", "180"}, func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }},
		{"cw-h", []string{"--rotate", "90", "--flip", "h"}, func(x, y int) (int, int) { return y, x }},
		{"v", []string{"--flip", "v"}, func(x, y int) (int, int) { return x, h - 1 - y }},
	} {
		got := render(c.name+".png", c.args...)
		for y := 0; y < h; y += 7 {
			for x := 0; x < w; x += 5 {
				tx, ty := c.to(x, y)
				if got.RGBAAt(tx, ty) != plain.RGBAAt(x, y) {
					t.Fatalf("%s: pixel (%d, %d) is not at (%d, %d)", c.name, x, y, tx, ty)
				}
			}
		}
	}
	// The demo's Patient Orientation is L\F: R on the left, L on the
	// right; turned half round, L on the left.
	white := func(img *image.RGBA, r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if c := img.RGBAAt(x, y); c.R == 255 && c.G == 255 && c.B == 255 {
					n++
				}
			}
		}
		return n
	}
	sides := render("sides.png", "--sides")
	left := image.Rect(0, h/2-h/12, w/10, h/2+h/12)
	if white(sides, left) <= white(plain, left)+20 {
		t.Error("--sides drew no letter at the left edge")
	}
	turned := render("sides-half.png", "--sides", "--rotate", "180")
	if white(turned, left) <= white(render("half-plain.png", "--rotate", "180"), left)+20 {
		t.Error("--sides --rotate 180 drew no letter at the left edge")
	}
	for _, bad := range [][]string{{"--rotate", "45"}, {"--flip", "x"}} {
		var out, errb bytes.Buffer
		code, _ := Run(append([]string{"render", root, "--sop", spill.SOPInstanceUID, "--out", filepath.Join(dir, "bad.png")}, bad...), &out, &errb)
		if code != ExitUsage || !strings.Contains(errb.String(), "--rotate wants") {
			t.Errorf("%q: exit %d, %q", bad, code, errb.String())
		}
	}
}
