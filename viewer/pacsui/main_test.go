package pacsui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	_ "github.com/hsgview/hsgview/dicomio/codec/all"
	"github.com/hsgview/hsgview/dicomweb"
	_ "github.com/hsgview/hsgview/internal/cleanlocale"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/internal/orthanctest"
	"github.com/hsgview/hsgview/viewer/internal/fixture"
	"github.com/hsgview/hsgview/viewer/ui"
)

// srv is the package's one real Orthanc (nil when it is not installed).
var srv *orthanctest.Server

// tempDirs are removed when the package's tests end.
var tempDirs []string

func TestMain(m *testing.M) {
	code := orthanctest.Main(m, &srv)
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// testQueue stands in for fyne.Do in tests: background goroutines queue
// their UI updates, and the test goroutine runs them in settle.
type testQueue struct {
	*fixture.Queue
	b *ui.Bridge
}

func newTestBridge() *testQueue {
	q := &testQueue{Queue: fixture.NewQueue()}
	q.b = &ui.Bridge{Do: q.Do}
	q.Busy = q.b.Busy
	return q
}

// settle runs queued UI updates until no background job is left.
func (q *testQueue) settle(t testing.TB) { t.Helper(); q.Settle(t, 60*time.Second) }

// newTestApp starts a test app with hsgview's dark theme.
func newTestApp(t testing.TB) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
}

// writeConfig writes a configuration with the servers, in a test folder.
func writeConfig(t *testing.T, servers ...dicomweb.Server) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hsgview", "pacs.json")
	if err := (&dicomweb.Config{Servers: servers}).Save(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// testServer is the test Orthanc with its password in a 0600 file.
func testServer(t *testing.T) dicomweb.Server {
	t.Helper()
	orthanctest.Need(t, srv)
	pw := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(pw, []byte(orthanctest.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dicomweb.Server{Name: "Test Orthanc", URL: srv.DICOMweb, User: orthanctest.User, PasswordFile: pw}
}

// newTestPanel shows a panel in a test window.
func newTestPanel(t *testing.T, opt Options) (*Panel, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	q := newTestBridge()
	w := test.NewTempWindow(t, nil)
	opt.Window, opt.Bridge = w, q.b
	p := New(opt)
	w.SetContent(p)
	w.Resize(fyne.NewSize(1200, 700))
	q.settle(t)
	return p, q, w
}

var (
	demoOnce  sync.Once
	demoStudy *dicomio.Study
	demoDraft *report.Report
	demoErr   error
)

// storedDemo writes the synthetic HSG study, stores it in Orthanc once
// per package run (STOW-RS) and returns it with its example draft.
func storedDemo(t *testing.T, s dicomweb.Server) (*dicomio.Study, *report.Report) {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hsgview-pacsui-demo-")
		if err != nil {
			demoErr = err
			return
		}
		tempDirs = append(tempDirs, dir)
		if demoDraft, demoErr = demo.WriteDemo(dir); demoErr != nil {
			return
		}
		coll, err := dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
		if err != nil {
			demoErr = err
			return
		}
		demoStudy = coll.Studies[0]
		var objs []dicomweb.Object
		for _, in := range demoStudy.Images {
			b, err := os.ReadFile(in.Path)
			if err != nil {
				demoErr = err
				return
			}
			objs = append(objs, dicomweb.Object{Name: filepath.Base(in.Path), Data: b})
		}
		c, err := dicomweb.New(s)
		if err != nil {
			demoErr = err
			return
		}
		defer c.Close()
		res, err := c.Store(context.Background(), "", objs)
		if err != nil {
			demoErr = err
			return
		}
		if f := res.Failed(); len(f) > 0 {
			demoErr = fmt.Errorf("store failed: %+v", f)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoStudy, demoDraft
}

// signed returns a signed copy of the demo draft.
func signed(r *report.Report) *report.Report {
	c := *r
	c.Status = report.StatusFinal
	c.SignedAt = time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)
	c.Author.Name = "Doe^Jane"
	c.Version = 1
	return &c
}

// encapsulatedPDF makes the report's Encapsulated PDF as the report
// panel does (without key image rendering).
func encapsulatedPDF(r *report.Report, st *dicomio.Study) func() ([]byte, error) {
	return func() ([]byte, error) {
		var pdf, enc bytes.Buffer
		if err := reportpdf.WritePDF(&pdf, r, reportpdf.PDFOptions{}); err != nil {
			return nil, err
		}
		if _, err := reportpdf.WriteEncapsulatedPDF(&enc, r, pdf.Bytes(), reportpdf.EncapsulateOptions{Study: st, AllowDraft: !r.Status.Signed()}); err != nil {
			return nil, err
		}
		return enc.Bytes(), nil
	}
}
