package synth

// Checks of the written files with the reference tools (DCMTK dcmdump and
// dcmj2pnm, dicom3tools dciodvfy). Each test skips when its tool is absent.

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// tool returns the path of a reference tool or skips the test.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found (install %s); skipping", name, pkg)
	}
	return p
}

// demoDir is the default study written once to a directory shared by the
// tool tests (TestGenerate checks that Generate writes the same bytes).
var demoDir = sync.OnceValues(func() (string, error) {
	e, err := demoStudy()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "hsgsynth")
	if err != nil {
		return "", err
	}
	for k, im := range e.study.Images {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(im.Path)), e.files[k]); err != nil {
			return dir, err
		}
	}
	return dir, nil
})

func demoFiles(t *testing.T) (string, *Study) {
	t.Helper()
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir, demo(t).study
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := demoDir(); err == nil && dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func TestDcmdump(t *testing.T) {
	dcmdump := tool(t, "dcmdump", "dcmtk")
	dir, st := demoFiles(t)
	for _, im := range st.Images {
		// -dc: no silent data correction, so every oddity is reported.
		out, err := exec.Command(dcmdump, "-dc", filepath.Join(dir, im.Path)).CombinedOutput()
		if err != nil {
			t.Errorf("dcmdump %s: %v\n%s", im.Path, err, out)
			continue
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "W:") || strings.HasPrefix(line, "E:") {
				t.Errorf("dcmdump %s: %s", im.Path, line)
			}
		}
	}
}

func TestDciodvfy(t *testing.T) {
	dciodvfy := tool(t, "dciodvfy", "dicom3tools")
	dir, st := demoFiles(t)
	for _, im := range st.Images {
		// dciodvfy's exit status is not meaningful; read its messages.
		out, _ := exec.Command(dciodvfy, filepath.Join(dir, im.Path)).CombinedOutput()
		for _, line := range strings.Split(string(out), "\n") {
			switch {
			case strings.HasPrefix(line, "Error"):
				t.Errorf("dciodvfy %s: %s", im.Path, line)
			case strings.HasPrefix(line, "Warning"):
				t.Logf("dciodvfy %s: %s", im.Path, line)
			}
		}
	}
}

// render runs dcmj2pnm with the file's first window and returns the 8-bit
// frames.
func render(t *testing.T, dcmj2pnm, file string, frames int) []*image.Gray {
	t.Helper()
	out := filepath.Join(t.TempDir(), "frame")
	args := []string{"+on", "+Wi", "1", file, out}
	if frames > 1 {
		args = append([]string{"+Fa"}, args...)
	}
	if msg, err := exec.Command(dcmj2pnm, args...).CombinedOutput(); err != nil {
		t.Fatalf("dcmj2pnm %s: %v\n%s", file, err, msg)
	}
	var names []string
	if frames == 1 {
		names = []string{out}
	} else {
		for k := range frames {
			names = append(names, fmt.Sprintf("%s.%d.png", out, k))
		}
	}
	var imgs []*image.Gray
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatalf("dcmj2pnm %s: %v", file, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("dcmj2pnm %s: %v", file, err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("dcmj2pnm %s: %T, want 8-bit grey", file, img)
		}
		imgs = append(imgs, g)
	}
	return imgs
}

// picture is a rendered frame with the geometry of its view, read in
// object-plane millimetres.
type picture struct {
	g *image.Gray
	v view
}

// mean returns the mean grey level in a square of side 2r mm around p.
func (pc picture) mean(p vec, r float64) float64 {
	c := pc.v.px(p)
	h := pc.v.len(r)
	sum, n := 0.0, 0
	for y := int(c.y - h); y <= int(c.y+h); y++ {
		for x := int(c.x - h); x <= int(c.x+h); x++ {
			if image.Pt(x, y).In(pc.g.Rect) {
				sum += float64(pc.g.GrayAt(x, y).Y)
				n++
			}
		}
	}
	return sum / float64(max(n, 1))
}

// contrastPixels counts the points of a grid (step mm) over the rectangle
// from a to b where picture pc is darker than the reference by more than
// thr grey levels (means over 1 mm), and returns them as a fraction.
func contrastFraction(pc, ref picture, a, b vec, step, thr float64) float64 {
	n, hit := 0, 0
	for y := a.y; y <= b.y; y += step {
		for x := a.x; x <= b.x; x += step {
			n++
			if ref.mean(vec{x, y}, 0.5)-pc.mean(vec{x, y}, 0.5) > thr {
				hit++
			}
		}
	}
	return float64(hit) / float64(n)
}

// runWidth returns the width (mm) of the contrast-filled part of the row at
// height y between x0 and x1: points where pc is darker than the reference.
func runWidth(pc, ref picture, y, x0, x1 float64) float64 {
	w := 0.0
	for x := x0; x <= x1; x += pc.v.mm {
		if ref.mean(vec{x, y}, 0.3)-pc.mean(vec{x, y}, 0.3) > 40 {
			w += pc.v.mm
		}
	}
	return w
}

func TestRenderedImages(t *testing.T) {
	dcmj2pnm := tool(t, "dcmj2pnm", "dcmtk")
	dir, st := demoFiles(t)
	pics := map[string][]picture{}
	rf, cine, dx := rfView(1024, 1024), rfView(cineMatrix, cineMatrix), dxView()
	for _, im := range st.Images {
		imgs := render(t, dcmj2pnm, filepath.Join(dir, im.Path), im.Frames)
		v := rf
		switch im.Role {
		case RoleCine:
			v = cine
		case RoleDelayed:
			v = dx
		}
		for _, g := range imgs {
			if g.Rect.Dx() != v.cols || g.Rect.Dy() != v.rows {
				t.Fatalf("%s: rendered %v, want %dx%d", im.Path, g.Rect, v.cols, v.rows)
			}
			pics[im.Role] = append(pics[im.Role], picture{g, v})
		}
	}
	if n := len(pics[RoleCine]); n != 30 {
		t.Fatalf("dcmj2pnm rendered %d frames of the run, want 30", n)
	}
	scout, early, full := pics[RoleScout][0], pics[RoleEarlyFilling][0], pics[RoleFullDistension][0]
	tubal, spill, delayed := pics[RoleTubalFilling][0], pics[RoleSpill][0], pics[RoleDelayed][0]

	t.Run("collimator", func(t *testing.T) {
		for _, p := range []picture{scout, spill, pics[RoleCine][0]} {
			b := p.g.Rect
			for _, c := range []image.Point{b.Min, {b.Max.X - 20, b.Min.Y}, {b.Min.X, b.Max.Y - 20}, b.Max.Sub(image.Pt(20, 20))} {
				sum := 0
				for y := c.Y; y < c.Y+20; y++ {
					for x := c.X; x < c.X+20; x++ {
						sum += int(p.g.GrayAt(x, y).Y)
					}
				}
				if m := sum / 400; m > 12 {
					t.Errorf("corner at %v has mean grey %d, want dark (behind the round collimator)", c, m)
				}
			}
			if m := p.mean(vec{0, 45}, 5); m < 60 {
				t.Errorf("centre of the field has mean grey %.0f, want exposed", m)
			}
		}
	})

	t.Run("cavity", func(t *testing.T) {
		cav, beside := vec{0, -6}, vec{-32, 6}
		bg := spill.mean(beside, 3)
		if c := spill.mean(cav, 3); bg-c < 80 {
			t.Errorf("filled cavity grey %.0f vs soft tissue %.0f: want at least 80 darker", c, bg)
		}
		if d := scout.mean(cav, 3) - scout.mean(beside, 3); d < -25 || d > 25 {
			t.Errorf("scout: cavity region differs from its surroundings by %.0f, want no contrast", d)
		}
		if e, f := early.mean(cav, 3), full.mean(cav, 3); e-f < 20 {
			t.Errorf("cavity grey %.0f at early filling and %.0f at full distension: want it to darken", e, f)
		}
	})

	t.Run("tubes", func(t *testing.T) {
		// At the same heights the left hydrosalpinx (image right) is much
		// wider than the right ampulla (image left).
		for _, y := range []float64{4, 8, 12} {
			left := runWidth(spill, scout, y, 52, 92)
			right := runWidth(spill, scout, y, -95, -58)
			t.Logf("y=%gmm: contrast %.1f mm wide on the left tube, %.1f mm on the right", y, left, right)
			if left < 10 || right > 8 || left < right+4 {
				t.Errorf("y=%gmm: contrast %.1f mm wide on the left tube, %.1f mm on the right", y, left, right)
			}
		}
		// Tubes fill between the early-tubal and late-tubal spot images.
		a := vec{-95, -32}
		b := vec{-40, 20}
		if f2, f3 := contrastFraction(full, scout, a, b, 1, 40), contrastFraction(tubal, scout, a, b, 1, 40); f3 < f2+0.01 {
			t.Errorf("right tube region: %.3f opacified at full distension, %.3f at tubal filling", f2, f3)
		}
	})

	t.Run("spill side", func(t *testing.T) {
		// Free spill comes from the right tube: the image's left.
		imageLeft := contrastFraction(spill, scout, vec{-100, 34}, vec{-20, 70}, 1, 30)
		imageRight := contrastFraction(spill, scout, vec{20, 34}, vec{100, 70}, 1, 30)
		if imageLeft < 0.1 || imageRight > 0.02 {
			t.Errorf("spill fraction %.3f on the image's left, %.3f on its right", imageLeft, imageRight)
		}
	})

	t.Run("delayed dispersion", func(t *testing.T) {
		// Against the mirror image of the same point on the patient's left,
		// contrast covers much more of the right hemipelvis on the delayed
		// film than on the immediate spill image. The DX is MONOCHROME1,
		// rendered inverted: contrast is bright there, dark on the RF image.
		imm := asymmetry(spill, -1)
		del := asymmetry(delayed, +1)
		t.Logf("right-sided contrast: %.3f immediate, %.3f delayed", imm, del)
		if del < imm+0.15 || del < 1.5*imm {
			t.Errorf("right-sided contrast: %.3f on the delayed film, %.3f immediately after spill", del, imm)
		}
		// The hydrosalpinx still holds contrast.
		if d := delayed.mean(vec{71, 6}, 2.5) - delayed.mean(vec{71, 6}.mirror(), 2.5); d < 15 {
			t.Errorf("delayed film: hydrosalpinx only %.0f grey levels brighter than its mirror point", d)
		}
	})

	t.Run("run progresses", func(t *testing.T) {
		run := pics[RoleCine]
		a, b := vec{-95, -32}, vec{95, 25}
		var fr []float64
		for _, k := range []int{0, 10, 20, 29} {
			fr = append(fr, contrastFraction(run[k], run[0], a, b, 1, 30))
		}
		if !slices.IsSorted(fr) || fr[3] < fr[1]+0.01 || fr[3] < 0.015 {
			t.Errorf("opacified fraction of the tube region over the run: %.3f", fr)
		}
	})
}

// asymmetry returns the fraction of the patient's lower right hemipelvis
// where a picture shows more contrast than at the mirror point on the left;
// sign is +1 if contrast is bright in the rendering, -1 if dark.
func asymmetry(pc picture, sign float64) float64 {
	n, hit := 0, 0
	for y := 34.0; y <= 86; y += 2 {
		for x := -110.0; x <= -22; x += 2 {
			p := vec{x, y}
			n++
			if sign*(pc.mean(p, 1)-pc.mean(p.mirror(), 1)) > 14 {
				hit++
			}
		}
	}
	return float64(hit) / float64(n)
}
