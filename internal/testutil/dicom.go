package testutil

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Attrs are DICOM attributes for a fixture, keyed by "(gggg,eeee)", each
// value a dump2dcm line tail: "VR [value]" (e.g. "CS [RF]").
type Attrs map[string]string

// DICOM writes a small Explicit VR Little Endian image with DCMTK's
// dump2dcm (an independent writer, so fixtures do not share code with the
// reader under test). Defaults make a valid 8×8 16-bit MONOCHROME2 X-Ray
// RF image; attrs override or add attributes, and an empty value removes
// one. It skips t when dump2dcm is not installed.
func DICOM(t testing.TB, path string, attrs Attrs) {
	t.Helper()
	dump2dcm := Tool(t, "dump2dcm")
	base := Attrs{
		"(0002,0010)": "UI =LittleEndianExplicit",
		"(0008,0016)": "UI =XRayRadiofluoroscopicImageStorage",
		"(0008,0018)": "UI [" + uid(path, 1) + "]",
		"(0008,0060)": "CS [RF]",
		"(0010,0010)": "PN [Test^Patient]",
		"(0010,0020)": "LO [TEST01]",
		"(0020,000d)": "UI [1.2.826.0.1.3680043.10.1078.1]",
		"(0020,000e)": "UI [1.2.826.0.1.3680043.10.1078.1.1]",
		"(0020,0011)": "IS [1]",
		"(0020,0013)": "IS [1]",
		"(0028,0002)": "US 1",
		"(0028,0004)": "CS [MONOCHROME2]",
		"(0028,0010)": "US 8",
		"(0028,0011)": "US 8",
		"(0028,0100)": "US 16",
		"(0028,0101)": "US 12",
		"(0028,0102)": "US 11",
		"(0028,0103)": "US 0",
	}
	for k, v := range attrs {
		base[strings.ToLower(k)] = v
	}
	if _, ok := base["(7fe0,0010)"]; !ok {
		rows, cols, frames := 8, 8, 1
		fmt.Sscanf(strings.TrimPrefix(base["(0028,0010)"], "US "), "%d", &rows)
		fmt.Sscanf(strings.TrimPrefix(base["(0028,0011)"], "US "), "%d", &cols)
		if f, ok := base["(0028,0008)"]; ok {
			fmt.Sscanf(strings.Trim(strings.TrimPrefix(f, "IS "), "[]"), "%d", &frames)
		}
		vals := make([]string, rows*cols*frames)
		for i := range vals {
			vals[i] = fmt.Sprint((i * 37) % 4096)
		}
		base["(7fe0,0010)"] = "OW " + strings.Join(vals, `\`)
	}
	keys := make([]string, 0, len(base))
	for k, v := range base {
		if v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k, base[k])
	}
	dump := path + ".dump"
	if err := os.WriteFile(dump, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(dump)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(dump2dcm, "-q", "+l", "10000000", "+te", dump, path).CombinedOutput(); err != nil {
		t.Fatalf("dump2dcm %s: %v\n%s\n%s", path, err, out, b.String())
	}
}

// uid returns a deterministic UID for a fixture path.
func uid(path string, n int) string {
	h := uint64(14695981039346656037)
	for _, c := range path {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return fmt.Sprintf("1.2.826.0.1.3680043.10.1078.%d.%d", h%1e15, n)
}
