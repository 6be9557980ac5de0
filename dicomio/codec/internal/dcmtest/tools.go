package dcmtest

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/internal/testutil"
)

// Shared returns the shared test corpus, or skips the test when it is
// absent (see testutil.SharedDir).
func Shared(t testing.TB) string { return testutil.SharedDir(t) }

var (
	modOnce sync.Once
	modDir  string
)

// Suyash returns the testdata directory of github.com/suyashkumar/dicom
// v1.1.0 in the module cache, or skips the test when it is absent.
func Suyash(t testing.TB) string {
	t.Helper()
	modOnce.Do(func() {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return
		}
		modDir = filepath.Join(strings.TrimSpace(string(out)), "github.com", "suyashkumar", "dicom@v1.1.0", "testdata")
	})
	if st, err := os.Stat(modDir); modDir == "" || err != nil || !st.IsDir() {
		t.Skip("github.com/suyashkumar/dicom@v1.1.0 testdata not in the module cache (go mod download github.com/suyashkumar/dicom@v1.1.0)")
	}
	return modDir
}

// Need skips the test unless every named tool is on PATH.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, name := range tools {
		if _, err := exec.LookPath(name); err != nil {
			t.Skipf("%s not found on PATH (install dcmtk and libgdcm-tools); skipping", name)
		}
	}
}

// Run runs a reference tool and fails the test with its output on error.
func Run(t testing.TB, name string, args ...string) {
	t.Helper()
	Need(t, name)
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// Convert runs tool with args, then in, then a new file in dir, and returns
// the parsed output.
func Convert(t testing.TB, dir, tool, in string, args ...string) *File {
	t.Helper()
	f, _ := ConvertPath(t, dir, tool, in, args...)
	return f
}

// ConvertPath is Convert that also returns the path of the new file.
func ConvertPath(t testing.TB, dir, tool, in string, args ...string) (*File, string) {
	t.Helper()
	name := filepath.Base(in) + "." + tool + strings.Join(args, "") + ".dcm"
	out := filepath.Join(dir, strings.NewReplacer(" ", "", "/", "_").Replace(name))
	Run(t, tool, append(append([]string{}, args...), in, out)...)
	f, err := Read(out)
	if err != nil {
		t.Fatal(err)
	}
	return f, out
}

// Reference decodes in with gdcmconv --raw and returns the native file.
func Reference(t testing.TB, dir, in string) *File {
	t.Helper()
	return Convert(t, dir, "gdcmconv", in, "--raw")
}

// Diff compares two frames in the output convention of package codec,
// sample by sample, looking only at the low bits bits of each sample,
// read as unsigned or, when signed is set, as two's complement numbers of
// that width. It returns the largest absolute difference and the number of
// samples that differ.
func Diff(got, want []byte, bitsAllocated, bits int, signed bool) (max, n int) {
	if len(got) != len(want) {
		return -1, -1
	}
	mask := uint32(1)<<bits - 1
	sign := uint32(1) << (bits - 1)
	value := func(v uint32) int {
		v &= mask
		if signed && v&sign != 0 {
			return int(v) - int(mask) - 1
		}
		return int(v)
	}
	step := bitsAllocated / 8
	for i := 0; i+step <= len(got); i += step {
		var a, b uint32
		if step == 2 {
			a, b = uint32(binary.LittleEndian.Uint16(got[i:])), uint32(binary.LittleEndian.Uint16(want[i:]))
		} else {
			a, b = uint32(got[i]), uint32(want[i])
		}
		d := value(a) - value(b)
		if d < 0 {
			d = -d
		}
		if d > 0 {
			n++
			if d > max {
				max = d
			}
		}
	}
	return max, n
}

// Decode decodes frame i of f with the registered decoder and returns the
// pixels and the result.
func Decode(t testing.TB, f *File, i int) ([]byte, codec.Result, error) {
	t.Helper()
	src, err := f.Frame(i)
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.Info.FrameBytes()
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]byte, n)
	res, err := codec.Decode(dst, src, f.Info)
	return dst, res, err
}

// Equal reports whether two byte slices hold the same bytes; a thin
// wrapper that keeps test code short.
func Equal(a, b []byte) bool { return bytes.Equal(a, b) }

// SharedDir is Shared without a test: it returns "" when the directory is
// absent. Fuzz targets use it to add seeds.
func SharedDir() string { return testutil.SharedPath() }
