package dcmwrite

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/internal/testutil"
)

type fixture struct {
	dir   string
	draft *report.Report
	study *dicomio.Study
}

var fixtureOnce = sync.OnceValues(func() (fixture, error) {
	dir, err := os.MkdirTemp("", "hsgview-dcmwrite-")
	if err != nil {
		return fixture{}, err
	}
	r, err := demo.WriteDemo(dir)
	if err != nil {
		return fixture{}, err
	}
	coll, err := dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
	if err != nil {
		return fixture{}, err
	}
	return fixture{dir: dir, draft: r, study: coll.Studies[0]}, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if f, err := fixtureOnce(); err == nil {
		os.RemoveAll(f.dir)
	}
	os.Exit(code)
}

// demoReport returns the demo draft, signed unless draft is set.
func demoReport(t *testing.T, draft bool) (*report.Report, *dicomio.Study, string) {
	t.Helper()
	f, err := fixtureOnce()
	if err != nil {
		t.Fatal(err)
	}
	r := *f.draft
	if !draft {
		r.Status = report.StatusFinal
		r.SignedAt = time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)
		r.Version = 1
		if r.Author.Name == "" {
			r.Author.Name = "Doe^Jane"
		}
	}
	return &r, f.study, f.dir
}

// writeObjects writes the objects into a new folder and returns their paths.
func writeObjects(t *testing.T, objs []Object) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, o := range objs {
		p := filepath.Join(dir, o.Name)
		if err := os.WriteFile(p, o.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// dciodvfyErrors runs dciodvfy and returns its error lines; with iod, it
// fails the test unless dciodvfy recognised the object as that IOD.
func dciodvfyErrors(t *testing.T, path string, iod ...string) []string {
	t.Helper()
	out, _ := exec.Command(testutil.Tool(t, "dciodvfy"), "-new", path).CombinedOutput()
	for _, name := range iod {
		if !strings.Contains(string(out), name) {
			t.Fatalf("dciodvfy did not recognise %s as %s:\n%s", path, name, out)
		}
	}
	var errs []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Error") {
			errs = append(errs, l)
		}
	}
	return errs
}

func TestObjectsValidate(t *testing.T) {
	for _, draft := range []bool{false, true} {
		r, st, _ := demoReport(t, draft)
		objs, err := ReportObjects(r, Options{Study: st, AllowDraft: draft})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for i, p := range writeObjects(t, objs) {
			kinds[objs[i].Kind]++
			if errs := dciodvfyErrors(t, p); len(errs) > 0 {
				out, _ := exec.Command("dciodvfy", "-new", p).CombinedOutput()
				t.Errorf("%s (draft %v): dciodvfy:\n%s", objs[i].Name, draft, out)
			}
			if objs[i].Kind != "GSPS" {
				out, err := exec.Command(testutil.Tool(t, "dsrdump"), "-Ee", p).CombinedOutput()
				if err != nil || strings.Contains(string(out), "E: ") {
					t.Errorf("%s: dsrdump: %v\n%s", objs[i].Name, err, out)
				}
			}
		}
		if kinds["SR"] != 1 || kinds["KOS"] != 1 || kinds["GSPS"] == 0 {
			t.Errorf("kinds %v", kinds)
		}
	}
}

// TestCineFrames: key frames of a cine run are one KOS item with their
// frame numbers, and a mark on one frame is limited to that frame in the
// GSPS; both still validate.
func TestCineFrames(t *testing.T) {
	r, st, _ := demoReport(t, false)
	var cine *dicomio.Instance
	for _, in := range st.Images {
		if in.Pixel.Frames > 1 {
			cine = in
		}
	}
	if cine == nil {
		t.Fatal("the demo has no cine run")
	}
	rr := *r
	rr.KeyImages = nil
	for _, f := range []int{12, 5} {
		rr.KeyImages = append(rr.KeyImages, report.KeyImage{Image: mark.ImageRefOf(cine, f), Role: report.RoleFinding})
	}
	a, err := mark.NewMark(mark.ToolArrow, mark.ImageRefOf(cine, 12), []mark.ImagePoint{{X: 200, Y: 200}, {X: 260, Y: 240}}, "spill")
	if err != nil {
		t.Fatal(err)
	}
	a.ID = "cine1"
	rr.Layer = mark.Layer{Annotations: []mark.Annotation{a}}
	objs, err := ReportObjects(&rr, Options{Study: st, KOSTitle: KOSOfInterest})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range writeObjects(t, objs) {
		if errs := dciodvfyErrors(t, p); len(errs) > 0 {
			t.Errorf("%s: %v", objs[i].Name, errs)
		}
		in, err := dicomio.OpenBytes(objs[i].Name, objs[i].Data)
		if err != nil {
			t.Fatal(err)
		}
		h := in.Header()
		switch objs[i].Kind {
		case "KOS":
			items := h.Seq(dicomio.NewTag(0x0040, 0xA730))
			var frames [][]string
			for _, it := range items {
				if ref := it.First(dicomio.NewTag(0x0008, 0x1199)); ref != nil {
					frames = append(frames, ref.Strings(dicomio.NewTag(0x0008, 0x1160)))
				}
			}
			if len(frames) != 1 || strings.Join(frames[0], ",") != "5,12" {
				t.Errorf("KOS frames %v, want one item with 5,12", frames)
			}
			if c := h.First(dicomio.NewTag(0x0040, 0xA043)); c == nil || c.String(dicomio.NewTag(0x0008, 0x0100)) != "113000" {
				t.Error("KOS title is not Of Interest")
			}
		case "GSPS":
			ga := h.First(dicomio.NewTag(0x0070, 0x0001))
			ref := ga.First(dicomio.NewTag(0x0008, 0x1140))
			if got := ref.String(dicomio.NewTag(0x0008, 0x1160)); got != "12" {
				t.Errorf("GSPS annotation frame %q, want 12", got)
			}
		}
	}
}
