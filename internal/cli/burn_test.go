package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
)

// moreMarks adds to the demo draft a mark of every other tool on the
// spill image (an ellipse ROI on the cavity, a point on the right cornu,
// an angle, a polygon and a text label), a mark on frame 12 of the cine
// run, one on the whole run (every frame) and one on the delayed image,
// and writes the draft to dir.
func moreMarks(t *testing.T, d demoFixture, dir string) (string, *report.Report) {
	t.Helper()
	r, err := report.ReadFile(filepath.Join(d.dir, "report-draft.json"))
	if err != nil {
		t.Fatal(err)
	}
	h := mark.NewMarkHistory(r, mark.CollectionImages(d.coll))
	spill := mark.ImageRefOf(keyImage(t, d, report.RoleSpill), 0)
	cine := cineRun(t, d)
	delayed := mark.ImageRefOf(keyImage(t, d, report.RoleDelayed), 0)
	add := func(tool mark.Tool, img mark.ImageRef, label string, pts ...mark.ImagePoint) {
		t.Helper()
		a, err := mark.NewMark(tool, img, pts, label)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Do(mark.AddMark(a)); err != nil {
			t.Fatal(err)
		}
	}
	add(mark.ToolEllipse, spill, "cavity", mark.Pt(482, 440), mark.Pt(542, 486))
	add(mark.ToolPoint, spill, "R cornu", mark.Pt(436, 430))
	add(mark.ToolAngle, spill, "", mark.Pt(300, 700), mark.Pt(250, 760), mark.Pt(330, 780))
	add(mark.ToolPolygon, spill, "", mark.Pt(150, 820), mark.Pt(230, 800), mark.Pt(220, 880), mark.Pt(160, 870))
	add(mark.ToolText, spill, "no spill on the left", mark.Pt(600, 880))
	add(mark.ToolArrow, mark.ImageRefOf(cine, 12), "frame 12", mark.Pt(300, 200), mark.Pt(360, 150))
	add(mark.ToolLength, mark.ImageRefOf(cine, 0), "", mark.Pt(100, 400), mark.Pt(160, 400))
	add(mark.ToolArrow, delayed, "delayed", mark.Pt(800, 600), mark.Pt(900, 500))
	p := filepath.Join(dir, "draft.json")
	if err := r.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	return p, r
}

func runRenderPNG(t *testing.T, args ...string) *image.RGBA {
	t.Helper()
	var out, errb bytes.Buffer
	code, _ := Run(append([]string{"render"}, args...), &out, &errb)
	if code != ExitOK {
		t.Fatalf("render %q: exit %d: %s", args, code, errb.String())
	}
	var file string
	for i, a := range args {
		if a == "--out" {
			file = args[i+1]
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// region reports whether pixel (x, y) lies within tol pixels of the
// geometry of a, computed here independently of the renderer: its
// segments, the outline of an ellipse, the disc of a point marker.
func region(a mark.Annotation, x, y int, tol float64) bool {
	p := [2]float64{float64(x) + 0.5, float64(y) + 0.5}
	ps := a.Points
	switch a.Tool {
	case mark.ToolText:
		return false // only its label box
	case mark.ToolPoint:
		return dist(p, ps[0]) <= tol
	case mark.ToolAngle:
		// The arc at the vertex lies within a third of the shorter arm.
		if dist(p, ps[1]) <= min(dist(ps[0], ps[1]), dist(ps[2], ps[1]))/3+tol {
			return true
		}
	case mark.ToolEllipse:
		c := [2]float64{(ps[0][0] + ps[1][0]) / 2, (ps[0][1] + ps[1][1]) / 2}
		ra, rb := dist(ps[0], ps[1])/2, dist(ps[2], ps[3])/2
		ux, uy := (ps[1][0]-ps[0][0])/(2*ra), (ps[1][1]-ps[0][1])/(2*ra)
		for i := range 720 {
			s, co := math.Sincos(2 * math.Pi * float64(i) / 720)
			q := [2]float64{c[0] + ux*ra*co - uy*rb*s, c[1] + uy*ra*co + ux*rb*s}
			if dist(p, q) <= tol {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(ps); i++ {
		if segDist(p, ps[i-1], ps[i]) <= tol {
			return true
		}
	}
	return false
}

func dist(p, q [2]float64) float64 { return math.Hypot(p[0]-q[0], p[1]-q[1]) }

func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = max(0, min(1, t))
	return dist(p, [2]float64{a[0] + t*dx, a[1] + t*dy})
}

// labelBoxes returns where the marks' labels go on a w×h image, as Burn
// reports them for the marks the CLI draws.
func labelBoxes(marks []mark.Annotation, w, h int) map[string]image.Rectangle {
	scratch := image.NewRGBA(image.Rect(0, 0, w, h))
	boxes := map[string]image.Rectangle{}
	for _, p := range mark.Burn(scratch, marks, mark.BurnOptions{}) {
		boxes[p.ID] = p.Label
	}
	return boxes
}

// checkBurn checks that burned differs from plain exactly where marks
// are: every differing pixel is within tol of the geometry of one of
// marks or inside its label box, every mark changed pixels of its own
// geometry (or label, for text), and nothing is drawn for other marks.
func checkBurn(t *testing.T, plain, burned *image.RGBA, marks []mark.Annotation, tol float64) {
	t.Helper()
	if plain.Bounds() != burned.Bounds() {
		t.Fatalf("sizes differ: %v and %v", plain.Bounds(), burned.Bounds())
	}
	b := plain.Bounds()
	boxes := labelBoxes(marks, b.Dx(), b.Dy())
	changed := map[string]int{}
	stray := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			i := plain.PixOffset(x, y)
			if bytes.Equal(plain.Pix[i:i+4], burned.Pix[i:i+4]) {
				continue
			}
			hit := false
			for _, a := range marks {
				if region(a, x, y, tol) || image.Pt(x, y).In(boxes[a.ID]) {
					changed[a.ID]++
					hit = true
				}
			}
			if !hit {
				if stray < 5 {
					t.Errorf("pixel (%d, %d) changed away from every mark", x, y)
				}
				stray++
			}
		}
	}
	if stray > 0 {
		t.Errorf("%d pixels changed away from the marks", stray)
	}
	for _, a := range marks {
		if changed[a.ID] < 20 {
			t.Errorf("mark %s (%s) changed only %d pixels", a.ID, a.Tool, changed[a.ID])
		}
		if a.Tool == mark.ToolText {
			continue
		}
		// A label sits next to its mark.
		if box := boxes[a.ID]; !box.Empty() {
			near := false
			for y := box.Min.Y - 40; y < box.Max.Y+40 && !near; y += 2 {
				for x := box.Min.X - 40; x < box.Max.X+40 && !near; x += 2 {
					near = region(a, x, y, 1)
				}
			}
			if !near {
				t.Errorf("the label of %s at %v is more than 40 px from the mark", a.ID, box)
			}
		}
	}
}

// TestRenderDraftBurnsMarks renders the demo's spill image with and
// without the demo's example draft: the two differ exactly where the
// draft's marks and their labels are.
func TestRenderDraftBurnsMarks(t *testing.T) {
	d := demoStudy(t)
	dir := t.TempDir()
	spill := keyImage(t, d, report.RoleSpill)
	marks := mark.OnFrame(d.draft.Annotations, spill.SOPInstanceUID, 1)
	if len(marks) < 2 {
		t.Fatalf("%d marks on the spill image", len(marks))
	}
	root := filepath.Join(d.dir, "HSG")
	draft := filepath.Join(d.dir, "report-draft.json")
	plain := runRenderPNG(t, root, "--sop", spill.SOPInstanceUID, "--out", filepath.Join(dir, "plain.png"))
	burnedPath := filepath.Join(dir, "burned.png")
	burned := runRenderPNG(t, root, "--sop", spill.SOPInstanceUID, "--draft", draft, "--out", burnedPath)
	checkBurn(t, plain, burned, marks, 12)
	if st, err := os.Stat(burnedPath); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("output mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
	if out := os.Getenv("HSGVIEW_TEST_OUT"); out != "" {
		copyFile(t, burnedPath, filepath.Join(out, "render-draft-demo.png"))
	}
}

// TestRenderDraftAllTools burns a mark of every tool, and checks which
// marks show on which frame of the cine run.
func TestRenderDraftAllTools(t *testing.T) {
	d := demoStudy(t)
	dir := t.TempDir()
	draft, r := moreMarks(t, d, dir)
	root := filepath.Join(d.dir, "HSG")
	spill := keyImage(t, d, report.RoleSpill)
	marks := mark.OnFrame(r.Annotations, spill.SOPInstanceUID, 1)
	plain := runRenderPNG(t, root, "--sop", spill.SOPInstanceUID, "--out", filepath.Join(dir, "plain.png"))
	burnedPath := filepath.Join(dir, "burned.png")
	burned := runRenderPNG(t, root, "--sop", spill.SOPInstanceUID, "--draft", draft, "--out", burnedPath)
	checkBurn(t, plain, burned, marks, 12)
	if out := os.Getenv("HSGVIEW_TEST_OUT"); out != "" {
		copyFile(t, burnedPath, filepath.Join(out, "render-draft-all-tools.png"))
	}
	cine := cineRun(t, d)
	for _, c := range []struct {
		frame int
		want  []string // labels, or tools for unlabelled marks
	}{
		{12, []string{"frame 12", "length"}},
		{3, []string{"length"}},
	} {
		f := strconv.Itoa(c.frame)
		plain := runRenderPNG(t, root, "--sop", cine.SOPInstanceUID, "--frame", f, "--out", filepath.Join(dir, "p"+f+".png"))
		burned := runRenderPNG(t, root, "--sop", cine.SOPInstanceUID, "--frame", f, "--draft", draft,
			"--out", filepath.Join(dir, "b"+f+".png"))
		marks := mark.OnFrame(r.Annotations, cine.SOPInstanceUID, c.frame)
		var got []string
		for _, a := range marks {
			if a.Label != "" {
				got = append(got, a.Label)
			} else {
				got = append(got, string(a.Tool))
			}
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("frame %d shows %q, want %q", c.frame, got, c.want)
		}
		checkBurn(t, plain, burned, marks, 12)
	}
}

func TestRenderDraftErrors(t *testing.T) {
	d := demoStudy(t)
	dir := t.TempDir()
	root := filepath.Join(d.dir, "HSG")
	// The delayed film has no marks in the demo draft.
	delayed := keyImage(t, d, report.RoleDelayed)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code, _ := Run([]string{"render", root, "--sop", delayed.SOPInstanceUID, "--draft", bad, "--out", filepath.Join(dir, "x.png")}, &out, &errb)
	if code != ExitPartial || !strings.Contains(errb.String(), "bad.json") || strings.Count(errb.String(), "\n") > 1 {
		t.Errorf("bad draft: exit %d, stderr %q", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); err == nil {
		t.Error("an output was written for a bad draft")
	}
	// A draft with no marks on the image renders the plain image and says so.
	errb.Reset()
	code, _ = Run([]string{"render", root, "--sop", delayed.SOPInstanceUID, "--draft", filepath.Join(d.dir, "report-draft.json"),
		"--out", filepath.Join(dir, "y.png")}, &out, &errb)
	if code != ExitOK || !strings.Contains(errb.String(), "no marks") {
		t.Errorf("no marks: exit %d, stderr %q", code, errb.String())
	}
	// A mark that cannot be drawn is left out with a warning naming it;
	// the image renders as if it were not there.
	r, err := report.ReadFile(filepath.Join(d.dir, "report-draft.json"))
	if err != nil {
		t.Fatal(err)
	}
	r.Annotations = append(r.Annotations, mark.Annotation{ID: "broken", Tool: mark.ToolLength,
		GraphicType: mark.GraphicPolyline, Image: mark.ImageRef{SOPInstanceUID: delayed.SOPInstanceUID}, Points: [][2]float64{{1e300, 1e300}, {-1e300, 5}}})
	broken := filepath.Join(dir, "broken.json")
	b, _ := json.Marshal(r)
	if err := os.WriteFile(broken, b, 0o600); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	code, _ = Run([]string{"render", root, "--sop", delayed.SOPInstanceUID, "--draft", broken, "--out", filepath.Join(dir, "z.png")}, &out, &errb)
	if code != ExitOK || !strings.Contains(errb.String(), `warning: mark left out: mark "broken": coordinates`) || !strings.Contains(errb.String(), "no marks") {
		t.Errorf("broken mark: exit %d, stderr %q", code, errb.String())
	}
	if a, b := readFile(t, filepath.Join(dir, "y.png")), readFile(t, filepath.Join(dir, "z.png")); a != b {
		t.Error("a mark that cannot be drawn changed the image")
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
