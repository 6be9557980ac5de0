package dicomio

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/limits"
	"github.com/hsgview/hsgview/internal/testutil"
)

// fuzzLimits keeps fuzzing iterations fast: the budget is what is fuzzed.
func fuzzLimits() *limits.Limits {
	l := limits.DefaultLimits()
	l.MaxInflatedBytes = 16 << 20
	l.RatioFloor = 4 << 20
	l.MaxArchiveBytes = 64 << 20
	l.MaxDecodedFrameBytes = 16 << 20
	l.MaxFrameBytes = 16 << 20
	l.Workers = 2
	return &l
}

// checkCollection: errors are one line naming a file; frames decode or
// fail; nothing outside root was read.
func checkCollection(t *testing.T, c *Collection, root string) {
	t.Helper()
	for _, fe := range c.Errors {
		if msg := fe.Error(); strings.ContainsAny(msg, "\n\x1b") || fe.Path == "" {
			t.Fatalf("bad error %q", msg)
		}
	}
	for _, s := range c.Studies {
		for _, in := range s.Images {
			if !strings.HasPrefix(in.Path, root) {
				t.Fatalf("read %s outside %s", in.Path, root)
			}
			if in.SOPInstanceUID == "2.25.666" {
				t.Fatal("read the file outside the folder")
			}
			if in.Decodable {
				in.Frame(0)
			}
		}
	}
}

// FuzzOpenZip opens arbitrary bytes as a zip archive.
func FuzzOpenZip(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "f.zip")
		os.WriteFile(p, b, 0o600)
		c, err := Open([]string{p}, &Options{Limits: fuzzLimits()})
		if err != nil {
			return
		}
		defer c.Close()
		checkCollection(t, c, p)
	})
}

// fuzzFolder lays out a study folder with two images, and a file outside
// it that must never be read.
func fuzzFolder(t *testing.T) (base, root string) {
	base = t.TempDir()
	root = filepath.Join(base, "cd")
	os.MkdirAll(filepath.Join(root, "DIR1"), 0o700)
	os.MkdirAll(filepath.Join(base, "outside"), 0o700)
	os.WriteFile(filepath.Join(base, "outside", "SECRET"), testutil.Build(testutil.Spec{SOPInstance: "2.25.666"}), 0o600)
	os.WriteFile(filepath.Join(root, "DIR1", "IMG1"), testutil.Build(testutil.Spec{SOPInstance: "2.25.1"}), 0o600)
	os.WriteFile(filepath.Join(root, "img2"), testutil.Build(testutil.Spec{SOPInstance: "2.25.2", Rows: 4, Columns: 4}), 0o600)
	os.Symlink(filepath.Join(base, "outside", "SECRET"), filepath.Join(root, "LINK"))
	return base, root
}

// FuzzDICOMDIR opens arbitrary bytes as the DICOMDIR of a folder.
func FuzzDICOMDIR(f *testing.F) {
	f.Add(testutil.BuildDICOMDIR([][]string{{"DIR1", "IMG1"}, {"IMG2"}, {"LINK"}, {"..", "outside", "SECRET"}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, root := fuzzFolder(t)
		p := filepath.Join(root, "DICOMDIR")
		os.WriteFile(p, b, 0o600)
		c, err := Open([]string{p}, &Options{Limits: fuzzLimits()})
		if err != nil {
			return
		}
		defer c.Close()
		checkCollection(t, c, root)
	})
}

// folderNames are the names FuzzOpenFolder gives the parts of its input.
var folderNames = []string{"DICOMDIR", "a.dcm", "DIR1/b", "c.zip", "DIR2/IMG", ".hidden", "x.txt"}

// FuzzOpenFolder opens a folder whose files are the parts of the input
// (split at "\xff\x00\xff\x00"), beside two valid images.
func FuzzOpenFolder(f *testing.F) {
	f.Add(bytes.Join([][]byte{testutil.BuildDICOMDIR([][]string{{"DIR1", "IMG1"}}), testutil.Build(testutil.Spec{})}, []byte("\xff\x00\xff\x00")))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, root := fuzzFolder(t)
		for i, part := range bytes.SplitN(b, []byte("\xff\x00\xff\x00"), len(folderNames)) {
			p := filepath.Join(root, filepath.FromSlash(folderNames[i]))
			os.MkdirAll(filepath.Dir(p), 0o700)
			os.WriteFile(p, part, 0o600)
		}
		for _, paths := range [][]string{{root}, {filepath.Join(root, "DICOMDIR")}} {
			c, err := Open(paths, &Options{Limits: fuzzLimits()})
			if err != nil {
				continue
			}
			checkCollection(t, c, root)
			c.Close()
		}
	})
}
