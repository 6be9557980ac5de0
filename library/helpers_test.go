package library

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

func openTemp(t testing.TB) *Library {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "lib"), &Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func count(t testing.TB, l *Library, q string, args ...any) int {
	t.Helper()
	var n int
	if err := l.db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func integrity(t testing.TB, l *Library) {
	t.Helper()
	var s string
	if err := l.db.QueryRow(`PRAGMA integrity_check`).Scan(&s); err != nil || s != "ok" {
		t.Fatalf("integrity_check: %q %v", s, err)
	}
	rows, err := l.db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check reports violations")
	}
}

func mustImport(t testing.TB, l *Library, mode Mode, paths ...string) *ImportResult {
	t.Helper()
	res, err := l.Import(context.Background(), paths, ImportOptions{Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// zipFiles writes the files under dir into a new zip archive.
func zipFiles(t testing.TB, dir, out string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// fixture writes one small RF image of a study with dump2dcm.
type fixture struct {
	study, series, name, id, issuer, birth, date string
	inst                                         int
}

func (f fixture) write(t testing.TB, dir string) string {
	t.Helper()
	p := filepath.Join(dir, f.study, f.series+"-"+itoa(f.inst)+".dcm")
	attrs := testutil.Attrs{
		"(0008,0005)": "CS [ISO_IR 192]",
		"(0010,0010)": "PN [" + f.name + "]",
		"(0010,0020)": "LO [" + f.id + "]",
		"(0020,000d)": "UI [" + f.study + "]",
		"(0020,000e)": "UI [" + f.study + "." + f.series + "]",
		"(0020,0013)": "IS [" + itoa(f.inst) + "]",
		"(0008,0020)": "DA [" + f.date + "]",
		"(0008,0030)": "TM [090000]",
	}
	if f.issuer != "" {
		attrs["(0010,0021)"] = "LO [" + f.issuer + "]"
	}
	if f.birth != "" {
		attrs["(0010,0030)"] = "DA [" + f.birth + "]"
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	testutil.DICOM(t, p, attrs)
	return p
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
}
