//go:build unix

package library

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

const (
	killEnvLib = "HSGVIEW_LIBRARY_TEST_KILL_LIB"
	killEnvSrc = "HSGVIEW_LIBRARY_TEST_KILL_SRC"
	killEnvAt  = "HSGVIEW_LIBRARY_TEST_KILL_AT"
)

// TestKillHelper is the child process of TestKillDuringImport: it
// imports and kills itself with SIGKILL after a number of files are in
// place, in the middle of a batch.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv(killEnvLib)
	if dir == "" {
		t.Skip("child process of TestKillDuringImport")
	}
	at, _ := strconv.Atoi(os.Getenv(killEnvAt))
	testHookPlaced = func(n int) {
		if n == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // wait for the signal
		}
	}
	l, err := Open(dir, &Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	l.Import(context.Background(), []string{os.Getenv(killEnvSrc)}, ImportOptions{Mode: ModeCopy, BatchSize: 10, Workers: 2})
	t.Fatal("the import finished: the kill hook did not fire")
}

// TestKillDuringImport kills an importing process (kill -9) in the middle
// of a batch, then imports again: every file is in the library once, with
// its file in place, and the database passes integrity_check.
func TestKillDuringImport(t *testing.T) {
	if os.Getenv(killEnvLib) != "" {
		t.Skip("in the child")
	}
	const total = 60
	src := t.TempDir()
	makeClones(t, src, total, 10)
	dir := filepath.Join(t.TempDir(), "lib")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnvLib+"="+dir, killEnvSrc+"="+src, killEnvAt+"=25")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the child was not killed: %v\n%s", err, out)
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended otherwise: %v\n%s", err, out)
	}

	l, err := Open(dir, &Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	integrity(t, l)
	partial := count(t, l, `SELECT COUNT(*) FROM instances`)
	// Batches of 10; the kill came while the third batch was being
	// placed: exactly the first two are committed.
	if partial != 20 {
		t.Fatalf("%d instances after the kill, want the 2 committed batches (20)", partial)
	}
	res := mustImport(t, l, ModeCopy, src)
	if res.Added != total-partial || res.Present != partial {
		t.Fatalf("second import added %d, present %d; want %d, %d", res.Added, res.Present, total-partial, partial)
	}
	integrity(t, l)
	if n := count(t, l, `SELECT COUNT(*) FROM instances`); n != total {
		t.Fatalf("%d instances, want %d", n, total)
	}
	if n := count(t, l, `SELECT COUNT(DISTINCT path) FROM instances`); n != total {
		t.Fatalf("%d distinct files, want %d", n, total)
	}
	if n := count(t, l, `SELECT COUNT(*) FROM studies`); n != total/10 {
		t.Fatalf("%d studies, want %d", n, total/10)
	}
	if n := count(t, l, `SELECT SUM(images) FROM studies`); n != total {
		t.Fatalf("study counts sum to %d, want %d", n, total)
	}
	rows, err := l.db.Query(`SELECT path, size, sha256 FROM instances`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, sum string
		var size int64
		rows.Scan(&p, &size, &sum)
		if !fileMatches(p, size, sum) {
			t.Errorf("%s does not hold what was imported", p)
		}
	}
	rows.Close()
	// The files folder holds exactly the imported files (and perhaps the
	// temporary file of the copy that was killed, removed after an hour).
	dcm := 0
	filepath.Walk(filepath.Join(dir, filesDir), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && !strings.HasPrefix(fi.Name(), ".tmp-") {
			dcm++
		}
		return nil
	})
	if dcm != total {
		t.Errorf("%d files in the library, want %d", dcm, total)
	}
}
