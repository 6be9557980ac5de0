package pacsui

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/library"
)

// cutBody passes n bytes of a response, then fails like a dropped
// connection.
type cutBody struct {
	r io.ReadCloser
	n int64
}

func (c *cutBody) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, errors.New("connection reset by the test proxy")
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

func (c *cutBody) Close() error { return c.r.Close() }

// TestRetrieveAgain retrieves through a proxy that drops the first
// retrieve's answer halfway: the panel says how many instances of how
// many arrived and offers Retrieve again, which fetches only the rest
// and imports the study.
func TestRetrieveAgain(t *testing.T) {
	s := testServer(t)
	st, _ := storedDemo(t, s)
	var total int64 // of the images: the first answer is cut at half of it
	for _, in := range st.Images {
		fi, err := os.Stat(in.Path)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}
	target, _ := url.Parse(srv.URL)
	var cuts atomic.Int32
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "multipart/related") && cuts.Add(1) == 1 {
			resp.Body = &cutBody{r: resp.Body, n: total / 2}
			resp.ContentLength = -1
			resp.Header.Del("Content-Length")
		}
		return nil
	}
	ps := httptest.NewServer(proxy)
	defer ps.Close()
	s.URL = ps.URL + "/dicom-web"

	lib, err := library.Open(filepath.Join(t.TempDir(), "lib"), &library.Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var got []Retrieved
	p, q, _ := newTestPanel(t, Options{ConfigPath: writeConfig(t, s), Library: lib, Retrieved: func(r Retrieved) { got = append(got, r) }})
	test.Type(p.patientID, st.Patient.ID)
	test.Tap(p.searchBtn)
	q.settle(t)
	row := rowOf(p, st.UID)
	if row < 0 {
		t.Fatalf("not found: %s %s", p.status.Text, p.errLine.Text)
	}
	p.Select(row)
	test.Tap(p.retrieveBtn)
	q.settle(t)
	if len(got) != 0 || !p.againBtn.Visible() || !p.errLine.Visible() {
		t.Fatalf("after a dropped retrieve: got %v, again shown %v, error %q", got, p.againBtn.Visible(), p.errLine.Text)
	}
	if !strings.HasPrefix(p.progLabel.Text, "Stopped: ") || !strings.Contains(p.progLabel.Text, " instances are here; Retrieve again resumes.") {
		t.Errorf("progress line %q", p.progLabel.Text)
	}
	if files, _ := lib.Files(context.Background(), st.UID); len(files) != 0 {
		t.Errorf("a partial study was imported: %d files", len(files))
	}
	test.Tap(p.againBtn)
	q.settle(t)
	if p.errLine.Visible() {
		t.Fatalf("retrieve again: %s", p.errLine.Text)
	}
	// Every instance of the study on the server (the report's objects too
	// when TestPanelOrthanc sent them first).
	if n := p.Results()[row].Instances; len(got) != 1 || len(got[0].Files) != n || p.againBtn.Visible() {
		t.Fatalf("after Retrieve again: %+v", got)
	}
	t.Logf("%s", p.progLabel.Text)
}
