package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
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
