package dicomweb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	_ "github.com/hsgview/hsgview/dicomio/codec/all"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/internal/orthanctest"
	"github.com/hsgview/hsgview/internal/testutil"
)

// sharedFiles are the shared XA/RF test files sent to Orthanc.
var sharedFiles = []string{
	"xa_rf/RF_GE_1024_explicit.dcm",
	"xa_rf/RF_siemens_8bit_modlut.dcm",
	"xa_rf/XA_catheter_12f_jpegll70.dcm",
	"xa_rf/XA1_wg04_rle.dcm",
}

var (
	demoOnce  sync.Once
	demoStudy *dicomio.Study
	demoDraft *report.Report
	demoErr   error
	demoColl  *dicomio.Collection
)

// storedDemo writes the synthetic HSG study, stores it in Orthanc once
// per package run and returns it.
func storedDemo(t *testing.T, c *Client) *dicomio.Study {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hsgview-demo-")
		if err != nil {
			demoErr = err
			return
		}
		if demoDraft, demoErr = demo.WriteDemo(dir); demoErr != nil {
			return
		}
		demoColl, demoErr = dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
		if demoErr != nil {
			return
		}
		demoStudy = demoColl.Studies[0]
		var objs []Object
		for _, in := range demoStudy.Images {
			b, err := os.ReadFile(in.Path)
			if err != nil {
				demoErr = err
				return
			}
			objs = append(objs, Object{Name: filepath.Base(in.Path), Data: b})
		}
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
	return demoStudy
}

// sameFrames fails t unless every frame of a and b decodes to the same bytes.
func sameFrames(t *testing.T, a, b *dicomio.Instance) {
	t.Helper()
	if a.Pixel.Frames != b.Pixel.Frames || a.Pixel.Rows != b.Pixel.Rows || a.Pixel.Columns != b.Pixel.Columns {
		t.Fatalf("%s: geometry %+v, retrieved %+v", a.SOPInstanceUID, a.Pixel, b.Pixel)
	}
	n := max(a.Pixel.Frames, 1)
	for i := range n {
		fa, err := a.Frame(i)
		if err != nil {
			t.Fatalf("%s frame %d: %v", a.Path, i, err)
		}
		fb, err := b.Frame(i)
		if err != nil {
			t.Fatalf("%s frame %d: %v", b.Path, i, err)
		}
		if !bytes.Equal(fa.Data, fb.Data) {
			t.Fatalf("%s frame %d: retrieved pixels differ", a.SOPInstanceUID, i+1)
		}
	}
}

func TestStoreSearchRetrieveShared(t *testing.T) {
	c := testClient(t)
	ctx := context.Background()
	var objs []Object
	originals := map[string]*dicomio.Instance{}
	for _, rel := range sharedFiles {
		p := testutil.File(t, rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in, err := dicomio.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		originals[in.SOPInstanceUID] = in
		objs = append(objs, Object{Name: rel, Data: b})
	}
	res, err := c.Store(ctx, "", objs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != http.StatusOK || len(res.Failed()) > 0 {
		t.Fatalf("store: HTTP %d, outcomes %+v", res.Status, res.Outcomes)
	}
	for _, o := range res.Outcomes {
		if !o.Stored || o.SOPInstanceUID == "" {
			t.Errorf("%s: %+v", o.Name, o)
		}
	}
	// Each file's study must be found by its patient ID and retrieved
	// with identical pixels.
	studies := map[string]bool{}
	for _, in := range originals {
		studies[in.StudyInstanceUID] = true
	}
	for uid := range studies {
		var first *dicomio.Instance
		for _, in := range originals {
			if in.StudyInstanceUID == uid {
				first = in
			}
		}
		found, err := c.SearchStudies(ctx, Query{PatientID: first.Patient.ID})
		if err != nil {
			t.Fatal(err)
		}
		var hit *StudyResult
		for i := range found {
			if found[i].StudyInstanceUID == uid {
				hit = &found[i]
			}
		}
		if hit == nil {
			t.Fatalf("QIDO PatientID=%q did not find study %s (got %+v)", first.Patient.ID, uid, found)
		}
		if hit.Instances < 1 || len(hit.Modalities) == 0 || hit.HasReport {
			t.Errorf("study %s: %+v", uid, hit)
		}
		dir := t.TempDir()
		got, err := c.RetrieveStudy(ctx, uid, dir, RetrieveOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got.Retrieved != hit.Instances || len(got.Files) != hit.Instances {
			t.Fatalf("retrieved %d files, study has %d instances", got.Retrieved, hit.Instances)
		}
		for _, f := range got.Files {
			rin, err := dicomio.OpenFile(f)
			if err != nil {
				t.Fatal(err)
			}
			orig := originals[rin.SOPInstanceUID]
			if orig == nil {
				continue // another file of the same study, sent by another test
			}
			if rin.TransferSyntax != orig.TransferSyntax {
				t.Errorf("%s: transfer syntax %s, stored %s (transfer-syntax=* keeps the original)", f, rin.TransferSyntax, orig.TransferSyntax)
			}
			sameFrames(t, orig, rin)
		}
		st, err := os.Stat(got.Files[0])
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("retrieved file mode %v, want 0600", st.Mode().Perm())
		}
	}
}

func TestDemoStudySearchAndRetrieve(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	ctx := context.Background()
	name := strings.SplitN(st.Patient.Name, "^", 2)[0]
	day := st.Time.Format("20060102")
	found, err := c.SearchStudies(ctx, Query{PatientName: name, DateFrom: day, DateTo: day, Modalities: []string{"RF", "XA"}})
	if err != nil {
		t.Fatal(err)
	}
	// TestSendReport adds the report objects to the same study.
	if len(found) != 1 || found[0].StudyInstanceUID != st.UID || found[0].Instances < len(st.Images) {
		t.Fatalf("search by name %q and date %s: %+v (want study %s with %d instances)", name, day, found, st.UID, len(st.Images))
	}
	// A date range that excludes the study finds nothing.
	none, err := c.SearchStudies(ctx, Query{PatientID: st.Patient.ID, DateFrom: "19000101", DateTo: "19000102"})
	if err != nil || len(none) != 0 {
		t.Fatalf("out-of-range search: %v, %+v", err, none)
	}
	dir := t.TempDir()
	var last Progress
	res, err := c.RetrieveStudy(ctx, st.UID, dir, RetrieveOptions{Progress: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if last.Done != last.Total || last.Total != found[0].Instances || res.Retrieved != last.Total {
		t.Fatalf("progress %+v, result %+v, want %d", last, res, len(st.Images))
	}
	for _, orig := range st.Images {
		rin, err := dicomio.OpenFile(filepath.Join(dir, InstanceFileName(orig.SOPInstanceUID)))
		if err != nil {
			t.Fatal(err)
		}
		sameFrames(t, orig, rin)
	}
	// A second retrieve skips everything.
	res, err = c.RetrieveStudy(ctx, st.UID, dir, RetrieveOptions{})
	if err != nil || res.Skipped != last.Total || res.Retrieved != 0 {
		t.Fatalf("second retrieve: %v %+v", err, res)
	}
}

func TestUnauthorized(t *testing.T) {
	orthanctest.Need(t, srv)
	c, err := New(Server{URL: srv.DICOMweb})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchStudies(context.Background(), Query{})
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusUnauthorized {
		t.Fatalf("err = %v, want HTTP 401", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "HTTP 401 Unauthorized") || strings.Contains(msg, "\n") {
		t.Errorf("message %q", msg)
	}
	// A wrong password is a 401 too, and the message never shows it.
	s := testServer(t)
	os.WriteFile(s.PasswordFile, []byte("wrong-secret-xyz"), 0o600)
	c, err = New(s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchStudies(context.Background(), Query{})
	if !errors.As(err, &he) || he.Status != 401 || strings.Contains(err.Error(), "wrong-secret-xyz") {
		t.Fatalf("err = %v", err)
	}
}

// faultProxy is a reverse proxy in front of the real Orthanc that
// injects one fault into WADO-RS retrieves.
type faultProxy struct {
	mode string // "500", "truncate", "drop", "bearer"
	// after is how many bytes of the answer pass before the fault.
	after int64
}

func (f *faultProxy) start(t *testing.T) string {
	target, _ := url.Parse(srv.URL)
	rp := httputil.NewSingleHostReverseProxy(target)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		retrieve := r.Method == "GET" && strings.Contains(r.Header.Get("Accept"), "multipart/related")
		switch {
		case f.mode == "bearer":
			if r.Header.Get("Authorization") != "Bearer tok-123" {
				http.Error(w, "bad token", http.StatusUnauthorized)
				return
			}
			r.SetBasicAuth(orthanctest.User, orthanctest.Password)
		case f.mode == "406" && retrieve && strings.Contains(r.Header.Get("Accept"), "transfer-syntax=*"):
			http.Error(w, "transfer-syntax=* not supported", http.StatusNotAcceptable)
			return
		case f.mode == "500" && retrieve:
			http.Error(w, "storage area unavailable", http.StatusInternalServerError)
			return
		case (f.mode == "truncate" || f.mode == "drop") && retrieve:
			rec := &cutWriter{ResponseWriter: w, left: f.after, drop: f.mode == "drop"}
			rp.ServeHTTP(rec, r)
			return
		}
		rp.ServeHTTP(w, r)
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })
	return "http://" + l.Addr().String() + "/dicom-web"
}

// cutWriter passes the first left bytes of an answer, then ends it:
// cleanly (a multipart stream without its closing boundary) or by
// closing the connection.
type cutWriter struct {
	http.ResponseWriter
	left int64
	drop bool
	gone bool // hijacked and closed
}

func (c *cutWriter) Write(p []byte) (int, error) {
	if c.left <= 0 || c.gone {
		return 0, io.ErrClosedPipe
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, _ := c.ResponseWriter.Write(p)
	c.left -= int64(n)
	if c.left <= 0 {
		if fl, ok := c.ResponseWriter.(http.Flusher); ok {
			fl.Flush()
		}
		if c.drop {
			if hj, ok := c.ResponseWriter.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					c.gone = true
				}
			}
		}
		return n, io.ErrClosedPipe
	}
	return n, nil
}

func (c *cutWriter) Flush() {
	if c.gone {
		return
	}
	if fl, ok := c.ResponseWriter.(http.Flusher); ok {
		fl.Flush()
	}
}

func TestServerErrorIsReadable(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	s := testServer(t)
	s.URL = (&faultProxy{mode: "500"}).start(t)
	pc, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = pc.RetrieveStudy(context.Background(), st.UID, t.TempDir(), RetrieveOptions{})
	var he *HTTPError
	var re *RetrieveError
	if !errors.As(err, &he) || he.Status != 500 || !errors.As(err, &re) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "HTTP 500 Internal Server Error: storage area unavailable") || !strings.Contains(msg, "resume") {
		t.Errorf("message %q", msg)
	}
}

// TestBrokenStreamResumes cuts the multipart answer in the middle of an
// instance (cleanly, then by dropping the connection) and checks the
// error, that the complete instances stay, and that a second retrieve
// through the intact server completes the study.
func TestBrokenStreamResumes(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	var size int64
	for _, in := range st.Images {
		fi, _ := os.Stat(in.Path)
		size += fi.Size()
	}
	for _, mode := range []string{"truncate", "drop"} {
		t.Run(mode, func(t *testing.T) {
			s := testServer(t)
			s.URL = (&faultProxy{mode: mode, after: size / 2}).start(t)
			pc, err := New(s)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			_, err = pc.RetrieveStudy(context.Background(), st.UID, dir, RetrieveOptions{})
			var re *RetrieveError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a RetrieveError", err)
			}
			if re.Done == 0 || re.Done >= re.Total || re.Total < len(st.Images) {
				t.Fatalf("done %d of %d after cutting at %d of %d bytes", re.Done, re.Total, size/2, size)
			}
			if !strings.Contains(err.Error(), "broke off") || !strings.Contains(err.Error(), "resume") {
				t.Errorf("message %q", err)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".retrieve-*"))
			if len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
			res, err := c.RetrieveStudy(context.Background(), st.UID, dir, RetrieveOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Skipped != re.Done || res.Retrieved != re.Total-re.Done {
				t.Fatalf("resume: skipped %d retrieved %d, first run had %d", res.Skipped, res.Retrieved, re.Done)
			}
			for _, orig := range st.Images {
				rin, err := dicomio.OpenFile(filepath.Join(dir, InstanceFileName(orig.SOPInstanceUID)))
				if err != nil {
					t.Fatal(err)
				}
				sameFrames(t, orig, rin)
			}
		})
	}
}

func TestCancelledRetrieve(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	_, err := c.RetrieveStudy(ctx, st.UID, dir, RetrieveOptions{Progress: func(p Progress) {
		if p.Done == 2 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.dcm"))
	if len(files) != 2 {
		t.Errorf("%d files after cancel at 2", len(files))
	}
}

func TestBearerToken(t *testing.T) {
	orthanctest.Need(t, srv)
	tok := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tok, []byte("tok-123\n"), 0o600)
	u := (&faultProxy{mode: "bearer"}).start(t)
	c, err := New(Server{URL: u, TokenFile: tok})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SearchStudies(context.Background(), Query{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(tok, []byte("other"), 0o600)
	c, _ = New(Server{URL: u, TokenFile: tok})
	_, err = c.SearchStudies(context.Background(), Query{})
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 401 || !strings.Contains(err.Error(), "bad token") {
		t.Fatalf("err = %v", err)
	}
}

// TestSizeBudget: an instance larger than the budget stops the retrieve
// with a clear error and leaves no partial file.
func TestSizeBudget(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	dir := t.TempDir()
	_, err := c.RetrieveStudy(context.Background(), st.UID, dir, RetrieveOptions{MaxInstanceBytes: 1 << 20})
	var re *RetrieveError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "larger than the 1 MiB budget") {
		t.Fatalf("err = %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".retrieve-*"))
	if len(left) != 0 {
		t.Errorf("partial files left: %v", left)
	}
}

// TestStoreRefusalPerObject: Orthanc refuses, per object, an instance
// sent to another study's URL and a part that is not DICOM-parsable by
// it; the other objects are stored and the answer names each.
func TestStoreRefusalPerObject(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	b, err := os.ReadFile(testutil.File(t, "xa_rf/RF_siemens_8bit_modlut.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	own, _ := os.ReadFile(st.Images[0].Path)
	res, err := c.Store(context.Background(), st.UID, []Object{{Name: "other-study", Data: b}, {Name: "own", Data: own}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status == http.StatusOK {
		t.Errorf("HTTP %d, but one object was refused", res.Status)
	}
	if len(res.Outcomes) != 2 || res.Outcomes[0].Stored || !res.Outcomes[1].Stored {
		t.Fatalf("outcomes %+v", res.Outcomes)
	}
	if o := res.Outcomes[0]; o.FailureReason == 0 || !strings.Contains(o.Message, "refused by the server") {
		t.Errorf("refusal %+v", o)
	}
	t.Logf("Orthanc's answer (HTTP %d): %s: %s", res.Status, res.Outcomes[0].Name, res.Outcomes[0].Message)
}

// TestTransferSyntaxFallback: a server that refuses transfer-syntax=*
// (406) is asked again for its default, and the retrieve completes.
func TestTransferSyntaxFallback(t *testing.T) {
	c := testClient(t)
	st := storedDemo(t, c)
	s := testServer(t)
	s.URL = (&faultProxy{mode: "406"}).start(t)
	pc, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pc.RetrieveStudy(context.Background(), st.UID, t.TempDir(), RetrieveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Retrieved < len(st.Images) || len(res.TransferSyntaxes) == 0 {
		t.Fatalf("%+v", res)
	}
}
