package hsgview

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoticesUpToDate regenerates THIRD_PARTY_NOTICES from the modules
// linked into cmd/hsgview: a dependency added, removed or upgraded
// without "go run ./packaging/notices" fails here, so the package and the
// About dialog never ship a stale list.
func TestNoticesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the notices generator")
	}
	out, err := exec.Command("go", "run", "./packaging/notices", "-check").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestComponents(t *testing.T) {
	got := map[string]Component{}
	for _, c := range Components() {
		if c.Name == "" || c.License == "" || c.How == "" {
			t.Errorf("incomplete entry %+v", c)
		}
		got[c.Name] = c
	}
	// The components the About dialog must name, with the licence each
	// upstream states.
	for name, lic := range map[string]string{
		"fyne.io/fyne/v2":              "BSD-3-Clause",
		"codeberg.org/go-pdf/fpdf":     "MIT",
		"github.com/suyashkumar/dicom": "MIT",
		"golang.org/x/image":           "BSD-3-Clause",
		"CharLS":                       "BSD-3-Clause",
		"OpenJPEG":                     "BSD-2-Clause",
		"DejaVu fonts":                 "Bitstream-Vera (DejaVu changes public domain)",
		"Droid Sans Fallback font":     "Apache-2.0",
	} {
		if c, ok := got[name]; !ok || c.License != lic {
			t.Errorf("%s: got %+v, want licence %s", name, c, lic)
		}
	}
	if !strings.Contains(License, "BSD 3-Clause License") {
		t.Errorf("LICENSE is not the BSD 3-Clause text its ID (%s) says", LicenseID)
	}
}
