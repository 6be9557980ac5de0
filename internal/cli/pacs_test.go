package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/internal/orthanctest"
	"github.com/hsgview/hsgview/library"
)

// orthancOnce starts the package's one Orthanc on first use; TestMain's
// closers stop it.
var orthancOnce = sync.OnceValues(func() (*orthanctest.Server, error) {
	dir, err := os.MkdirTemp("", "hsgview-cli-orthanc-")
	if err != nil {
		return nil, err
	}
	tempDirs = append(tempDirs, dir)
	s, err := orthanctest.Start(dir)
	if err != nil {
		return nil, err
	}
	closers = append(closers, func() error { s.Stop(); return nil })
	return s, nil
})

// pacsCLI starts (once) the test Orthanc and the demo study, and returns
// them with a runner of `hsgview pacs …` logged in to the server.
func pacsCLI(t *testing.T) (*orthanctest.Server, demoFixture, func(args ...string) (string, string, int)) {
	t.Helper()
	srv, err := orthancOnce()
	if err == orthanctest.ErrMissing {
		t.Skip("skipped: " + err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	d, err := demoOnce()
	if err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte(orthanctest.Password), 0o600)
	base := []string{"pacs", "--server", srv.DICOMweb, "--user", orthanctest.User, "--password-file", pw}
	return srv, d, func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code, _ := Run(append(append([]string{}, base...), args...), &out, &errb)
		return out.String(), errb.String(), code
	}
}

func TestPacsSendFindGet(t *testing.T) {
	srv, d, run := pacsCLI(t)
	out, errs, code := run("send", filepath.Join(d.dir, "HSG", "S02_spot"))
	if code != ExitOK || strings.Count(out, "\tstored") != 4 {
		t.Fatalf("send: %d\n%s\n%s", code, out, errs)
	}
	st := d.coll.Studies[0]
	out, errs, code = run("find", "--patient-id", st.Patient.ID, "--json")
	var res []dicomweb.StudyResult
	if code != ExitOK || json.Unmarshal([]byte(out), &res) != nil || len(res) != 1 || res[0].StudyInstanceUID != st.UID || res[0].Instances != 4 {
		t.Fatalf("find: %d\n%s\n%s", code, out, errs)
	}
	dir := t.TempDir()
	out, errs, code = run("get", st.UID, "--out", dir, "--quiet")
	if code != ExitOK || !strings.Contains(out, "4 instances in "+dir) {
		t.Fatalf("get: %d\n%s\n%s", code, out, errs)
	}
	// Without the password the server's 401 is one readable line.
	var o, e bytes.Buffer
	code, _ = Run([]string{"pacs", "--server", srv.DICOMweb, "find"}, &o, &e)
	if code != ExitPartial || !strings.Contains(e.String(), "HTTP 401 Unauthorized") || strings.Count(strings.TrimSpace(e.String()), "\n") != 0 {
		t.Fatalf("unauthorised find: %d %q", code, e.String())
	}
}

// TestPacsGetLibrary retrieves a study into a library: the instances
// are copied into it, the retrieve folder is removed, and a second get
// finds everything already there.
func TestPacsGetLibrary(t *testing.T) {
	_, d, run := pacsCLI(t)
	st := d.coll.Studies[0]
	// The whole study (pacs send reads a folder's files, not its
	// subfolders), after TestPacsSendFindGet sent one series of it.
	series, _ := filepath.Glob(filepath.Join(d.dir, "HSG", "*"))
	if out, errs, code := run(append([]string{"send"}, series...)...); code != ExitOK {
		t.Fatalf("send: %d\n%s\n%s", code, out, errs)
	}
	n := len(st.Images)
	libDir := filepath.Join(t.TempDir(), "lib")
	out, errs, code := run("get", st.UID, "--library", libDir, "--quiet")
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("%d instances added, 0 already there", n)) {
		t.Fatalf("get --library: %d\n%s\n%s", code, out, errs)
	}
	if _, err := os.Stat(pacsIncomingDir(libDir, st.UID)); !os.IsNotExist(err) {
		t.Errorf("the retrieve folder is left after the import: %v", err)
	}
	lib, err := library.Open(libDir, &library.Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	files, err := lib.Files(context.Background(), st.UID)
	lib.Close()
	if err != nil || len(files) != n {
		t.Fatalf("library holds %d files of the study (%v), want %d", len(files), err, n)
	}
	for _, f := range files {
		if !strings.HasPrefix(f, libDir) {
			t.Errorf("%s is not copied into the library", f)
		}
	}
	out, errs, code = run("get", st.UID, "--library", libDir, "--quiet")
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("0 instances added, %d already there", n)) {
		t.Fatalf("second get --library: %d\n%s\n%s", code, out, errs)
	}
}
