// Package testutil finds the shared test corpus and reference tools for
// tests. Tests skip, with a message saying what is missing, when either is
// absent, so `go test ./...` works on a bare checkout.
package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// SharedDir returns the absolute path of ../shared/testdata/dicom relative
// to the repository root (or $HSGVIEW_TESTDATA), skipping t when absent.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("HSGVIEW_TESTDATA"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "..", "shared", "testdata", "dicom")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			abs, _ := filepath.Abs(cand)
			return abs
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skip("shared test corpus not found: expected ../shared/testdata/dicom next to the repository (or set HSGVIEW_TESTDATA)")
	return ""
}

// File returns the path of a file of the shared corpus, skipping when the
// corpus is absent and failing when the file is missing from it.
func File(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(SharedDir(t), rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared corpus file missing: %v", err)
	}
	return p
}

// Tool returns the path of an external reference tool, skipping t when it
// is not installed (.ci/run installs them all).
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (Debian: dcmtk, libgdcm-tools, dicom3tools, poppler-utils, qpdf): %v", name, err)
	}
	return p
}
