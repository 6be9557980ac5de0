package library

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// UIDs of the clone template; each clone rewrites the counters in place
// (same length, so the data set's element lengths stay right).
const (
	tplStudy  = "1.2.826.0.1.3680043.10.1078.98.000001"
	tplSeries = "1.2.826.0.1.3680043.10.1078.97.000001"
	tplSOP    = "1.2.826.0.1.3680043.10.1078.99.000000000001"
	tplID     = "CLONE000001"
)

// makeClones writes n copies of one small RF image (written by DCMTK's
// dump2dcm) under dir, perStudy per study, each with its own SOP
// Instance UID and, per study, its own Study and Series Instance UID and
// Patient ID. It returns the paths.
func makeClones(t testing.TB, dir string, n, perStudy int) []string {
	t.Helper()
	tpl := filepath.Join(t.TempDir(), "tpl.dcm")
	testutil.DICOM(t, tpl, testutil.Attrs{
		"(0008,0018)": "UI [" + tplSOP + "]",
		"(0020,000d)": "UI [" + tplStudy + "]",
		"(0020,000e)": "UI [" + tplSeries + "]",
		"(0010,0020)": "LO [" + tplID + "]",
		"(0008,0020)": "DA [20260101]",
		"(0008,0032)": "TM [100000]",
	})
	base, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i := 0; i < n; i++ {
		st := i/perStudy + 1
		b := bytes.ReplaceAll(base, []byte(tplSOP), fmt.Appendf(nil, "1.2.826.0.1.3680043.10.1078.99.%012d", i+1))
		b = bytes.ReplaceAll(b, []byte(tplStudy), fmt.Appendf(nil, "1.2.826.0.1.3680043.10.1078.98.%06d", st))
		b = bytes.ReplaceAll(b, []byte(tplSeries), fmt.Appendf(nil, "1.2.826.0.1.3680043.10.1078.97.%06d", st))
		b = bytes.ReplaceAll(b, []byte(tplID), fmt.Appendf(nil, "CLONE%06d", st))
		p := filepath.Join(dir, fmt.Sprintf("S%04d", st), fmt.Sprintf("IM%05d.dcm", i+1))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
