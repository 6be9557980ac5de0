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

// SharedPath returns the shared test corpus: $HSGVIEW_TESTDATA, else the
// first shared/testdata/dicom found walking up from the working directory
// (the repository's sibling ../shared in a checkout), else "".
func SharedPath() string {
	if d := os.Getenv("HSGVIEW_TESTDATA"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "testdata", "dicom")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// SharedDir returns the shared test corpus (see [SharedPath]), skipping t
// with a message saying what is missing when it is absent.
func SharedDir(t testing.TB) string {
	t.Helper()
	d := SharedPath()
	if d == "" {
		t.Skip("shared test corpus not found: expected ../shared/testdata/dicom next to the repository (or set HSGVIEW_TESTDATA)")
	}
	return d
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
