package cli

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/demo"
)

// tempDirs are removed, and closers closed, when the package tests end:
// they hold fixtures shared by several tests, which t.TempDir would
// remove after the first.
var (
	tempDirs []string
	closers  []func() error
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range closers {
		c()
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// A demoFixture is the bundled demo study with its example draft, as
// `hsgview demo` writes them.
type demoFixture struct {
	dir   string // the study is under dir/HSG, the draft is dir/report-draft.json
	draft *report.Report
	coll  *dicomio.Collection
}

// demo writes the demo once for the package's tests.
var demoOnce = sync.OnceValues(func() (demoFixture, error) {
	dir, err := os.MkdirTemp("", "hsgview-cli-demo-")
	if err != nil {
		return demoFixture{}, err
	}
	tempDirs = append(tempDirs, dir)
	r, err := demo.WriteDemo(dir)
	if err != nil {
		return demoFixture{}, err
	}
	coll, err := dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
	if err != nil {
		return demoFixture{}, err
	}
	closers = append(closers, coll.Close)
	return demoFixture{dir: dir, draft: r, coll: coll}, nil
})

// keyImage returns the demo's instance the draft gives the role.
func keyImage(t *testing.T, d demoFixture, role report.KeyImageRole) *dicomio.Instance {
	t.Helper()
	for _, k := range d.draft.KeyImages {
		if k.Role == role {
			if in := d.coll.Find(k.Image.SOPInstanceUID); in != nil {
				return in
			}
		}
	}
	t.Fatalf("the demo draft has no %s key image", role)
	return nil
}

// cineRun returns the demo's multi-frame fluoroscopy run.
func cineRun(t *testing.T, d demoFixture) *dicomio.Instance {
	t.Helper()
	for _, s := range d.coll.Studies {
		for _, in := range s.Images {
			if in.Pixel.Frames > 1 {
				return in
			}
		}
	}
	t.Fatal("the demo study has no cine run")
	return nil
}

func demoStudy(t *testing.T) demoFixture {
	t.Helper()
	d, err := demoOnce()
	if err != nil {
		t.Fatalf("demo study: %v", err)
	}
	return d
}
