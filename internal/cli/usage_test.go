package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// Mistyped commands and missing choices are usage errors (exit 2) with a
// message, not a window that cannot open or a failure status.
func TestUsageErrors(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "spot"), acq("20240312", "100000"))},
		{"b.dcm", merge(series(1, "spot"), acq("20240312", "100100"))},
	})
	var out, errb bytes.Buffer
	code, handled := Run([]string{"render", dir, "--out", filepath.Join(t.TempDir(), "x.png")}, &out, &errb)
	if !handled || code != ExitUsage || !strings.Contains(errb.String(), "2 images found: choose one with --sop") {
		t.Errorf("render of a folder without --sop: exit %d, %q", code, errb.String())
	}
	errb.Reset()
	code, handled = Run([]string{"bogus"}, &out, &errb)
	if !handled || code != ExitUsage || !strings.Contains(errb.String(), "bogus: no such command, file or folder") {
		t.Errorf("hsgview bogus: handled %v exit %d, %q", handled, code, errb.String())
	}
	// An existing path (even next to a missing one) goes to the viewer,
	// which lists what failed.
	if _, handled = Run([]string{dir, filepath.Join(dir, "missing.dcm")}, &out, &errb); handled {
		t.Error("a folder was not left to the viewer")
	}
}
