//go:build unix

package dicomio

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/limits"
	"github.com/hsgview/hsgview/internal/testutil"
)

// allocDuring returns the bytes allocated while fn ran.
func allocDuring(fn func()) uint64 {
	before := totalAlloc()
	fn()
	return totalAlloc() - before
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// oneLineNaming checks a FileError names the file, the reason and is one line.
func oneLineNaming(t *testing.T, errs []FileError, file, reason string) {
	t.Helper()
	for _, fe := range errs {
		msg := fe.Error()
		if strings.Contains(fe.Path, file) && strings.Contains(msg, reason) {
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			return
		}
	}
	t.Errorf("no error for %s saying %q; errors: %v", file, reason, errs)
}

// rawZip writes a zip whose entries carry the given data with the
// declared uncompressed size (which may lie).
func rawZip(t *testing.T, path string, entries []struct {
	name     string
	method   uint16
	data     []byte
	declared uint64
}) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: e.method, CRC32: crcOf(e.data, e.method),
			CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func deflateBytes(b []byte) []byte {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// TestZipLyingSizes: a small zip whose entries declare 2 GiB each (or a
// ratio no DICOM reaches) is refused from its directory, entry by entry,
// without inflating or allocating what they declare; a good entry beside
// them loads.
func TestZipLyingSizes(t *testing.T) {
	dir := t.TempDir()
	good := testutil.Build(testutil.Spec{SOPInstance: "2.25.501"})
	zeros := deflateBytes(make([]byte, 64<<20)) // 64 MiB of zeros in ~64 KiB
	type ent = struct {
		name     string
		method   uint16
		data     []byte
		declared uint64
	}
	var ents []ent
	for i := range 8 {
		ents = append(ents, ent{fmt.Sprintf("BIG%d", i), zip.Deflate, deflateBytes(good), 2 << 30})
	}
	ents = append(ents, ent{"RATIO", zip.Deflate, zeros, 64 << 20}, ent{"GOOD", zip.Deflate, deflateBytes(good), uint64(len(good))})
	zp := filepath.Join(dir, "lying.zip")
	rawZip(t, zp, ents)
	var c *Collection
	alloc := allocDuring(func() {
		var err error
		c, err = Open([]string{zp}, nil)
		if err != nil {
			t.Fatal(err)
		}
	})
	defer c.Close()
	if alloc > 32<<20 {
		t.Errorf("listing allocated %d MiB", alloc>>20)
	}
	for i := range 8 {
		oneLineNaming(t, c.Errors, fmt.Sprintf("lying.zip!BIG%d", i), "MaxInflatedBytes")
	}
	oneLineNaming(t, c.Errors, "lying.zip!RATIO", "MaxRatio 200")
	if len(c.Studies) != 1 || len(c.Studies[0].Images) != 1 {
		t.Fatalf("the good entry did not load: %v", c.Errors)
	}
	in := c.Studies[0].Images[0]
	// Pixels come from the inflated copy: the entry is inflated once for
	// its header and resumed once for its pixels, not once per frame.
	for range 3 {
		if _, err := in.Frame(0); err != nil {
			t.Fatal(err)
		}
	}
	if st := in.src.(*zipSource).store; st.n != int64(len(good)) || st.opens > 2 {
		t.Errorf("store holds %d bytes after %d inflations, want %d after at most 2", st.n, st.opens, len(good))
	}
}

// TestZipBomb: entries that pass each check alone but add up beyond the
// archive budget, and a bomb of honest but extreme ratio, stop at the
// budget with the limit named; memory stays small.
func TestZipBomb(t *testing.T) {
	dir := t.TempDir()
	zeros := deflateBytes(make([]byte, 16<<20))
	type ent = struct {
		name     string
		method   uint16
		data     []byte
		declared uint64
	}
	var ents []ent
	for i := range 40 { // 40 × 16 MiB = 640 MiB from 640 KiB
		ents = append(ents, ent{fmt.Sprintf("E%02d", i), zip.Deflate, zeros, 16 << 20})
	}
	zp := filepath.Join(dir, "bomb.zip")
	rawZip(t, zp, ents)
	st, _ := os.Stat(zp)
	lim := limits.DefaultLimits()
	lim.RatioFloor = 64 << 20 // let every entry pass alone: the archive total stops them
	var c *Collection
	alloc := allocDuring(func() { c, _ = Open([]string{zp}, &Options{Limits: &lim}) })
	defer c.Close()
	if alloc > 32<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
	oneLineNaming(t, c.Errors, "bomb.zip!E39", "MaxArchiveBytes")
	// The budget: at most max(RatioFloor, 200 × archive size) declared in all.
	admitted := 0
	for _, fe := range c.Errors {
		if !strings.Contains(fe.Error(), "MaxArchiveBytes") {
			admitted++
		}
	}
	if budget := max(lim.RatioFloor, 200*st.Size()); int64(admitted)*(16<<20) > budget {
		t.Errorf("%d entries admitted beyond the budget %d", admitted, budget)
	}
	// A bomb of 20 entries sharing one 4 MiB kernel, under a budget that
	// lets every entry and their sum pass: all refused as overlapping.
	op := filepath.Join(dir, "overlap.zip")
	writeFile(t, op, testutil.OverlapZip(20, 4<<20))
	wide := limits.DefaultLimits()
	wide.RatioFloor = 1 << 30
	c2, err := Open([]string{op}, &Options{Limits: &wide})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if len(c2.Errors) != 20 {
		t.Errorf("%d errors, want 20: %v", len(c2.Errors), c2.Errors)
	}
	oneLineNaming(t, c2.Errors, "overlap.zip!IMG0019", "overlaps another entry")
}

// TestDeflatedBomb: a valid-looking deflated file whose one 16384² frame
// of zeros inflates to 512 MiB stops at the budget, streaming (no buffer
// of that size), with the file and the limit named.
func TestDeflatedBomb(t *testing.T) {
	var b bytes.Buffer
	if err := testutil.WriteDICOM(&b, testutil.Spec{TS: testutil.Deflated, Rows: 16384, Columns: 16384, PixelLen: 16384 * 16384 * 2}); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 2<<20 {
		t.Fatalf("test file of %d bytes", b.Len())
	}
	p := filepath.Join(t.TempDir(), "deflated16384.dcm")
	writeFile(t, p, b.Bytes())
	var err error
	alloc := allocDuring(func() { _, err = OpenFile(p) })
	var le *limits.LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "deflated16384.dcm") || !strings.Contains(err.Error(), "MaxRatio") {
		t.Fatalf("error %v, want a LimitError naming the file and MaxRatio", err)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
	// A small deflated file within the budget still loads and decodes.
	small := filepath.Join(t.TempDir(), "small.dcm")
	var sb bytes.Buffer
	testutil.WriteDICOM(&sb, testutil.Spec{TS: testutil.Deflated, Rows: 64, Columns: 64})
	writeFile(t, small, sb.Bytes())
	in, err := OpenFile(small)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := in.Frame(0); err != nil || len(f.Data) != 64*64*2 {
		t.Fatalf("frame: %v", err)
	}
}

// TestDeclaredFrameTooLarge: JPEG-LS and JPEG Lossless files declaring
// frames their codestream cannot back are refused before the frame is
// allocated.
func TestDeclaredFrameTooLarge(t *testing.T) {
	dir := t.TempDir()
	soi := []byte{0xFF, 0xD8, 0xFF, 0xF7, 0, 11, 16, 0x40, 0, 0x40, 0, 1, 1, 0x11, 0, 0xFF, 0xD9}
	jls := filepath.Join(dir, "jls16384.dcm")
	writeFile(t, jls, testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.80", Rows: 16384, Columns: 16384, Fragments: [][]byte{soi}}))
	var err error
	alloc := allocDuring(func() { _, err = OpenFile(jls) })
	if err == nil || !strings.Contains(err.Error(), "MaxDecodedFrameBytes") || !strings.Contains(err.Error(), "jls16384.dcm") {
		t.Errorf("JPEG-LS 16384²: %v", err)
	}
	if alloc > 8<<20 {
		t.Errorf("allocated %d MiB", alloc>>20)
	}
	// 4096² 16-bit (32 MiB, within the budget) from 17 bytes of JPEG Lossless.
	jll := filepath.Join(dir, "jll4096.dcm")
	writeFile(t, jll, testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.70", Rows: 4096, Columns: 4096, Fragments: [][]byte{soi}}))
	in, err := OpenFile(jll)
	if err != nil {
		t.Fatal(err)
	}
	alloc = allocDuring(func() { _, err = in.Frame(0) })
	if err == nil || !strings.Contains(err.Error(), "cannot hold") {
		t.Errorf("JPEG Lossless 4096² in 18 bytes: %v", err)
	}
	if alloc > 4<<20 {
		t.Errorf("frame allocated %d MiB before refusing", alloc>>20)
	}
	// 4,000 frames of 512² 16-bit (2 GiB decoded) in 4,000 tiny fragments:
	// ReadFrames refuses the run before allocating it.
	var frags [][]byte
	for range 4000 {
		frags = append(frags, soi)
	}
	run := filepath.Join(dir, "run.dcm")
	writeFile(t, run, testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.80", Rows: 512, Columns: 512, Frames: 4000, Fragments: frags}))
	in, err = OpenFile(run)
	if err != nil {
		t.Fatal(err)
	}
	alloc = allocDuring(func() { _, err = in.ReadFrames() })
	if err == nil || !strings.Contains(err.Error(), "MaxRunBytes") {
		t.Errorf("ReadFrames of 2 GiB: %v", err)
	}
	if alloc > 8<<20 {
		t.Errorf("ReadFrames allocated %d MiB before refusing", alloc>>20)
	}
}

// TestFortyThousandFragments: cutting 20,000 fragments holding two
// codestreams each into 40,000 frames visits each fragment a bounded
// number of times (it was quadratic: 8×10⁸ visits).
func TestFortyThousandFragments(t *testing.T) {
	cs := []byte{0xFF, 0xD8, 0xFF, 0xC3, 1, 2, 0xFF, 0xD9}
	var frags [][]byte
	for range 20000 {
		frags = append(frags, append(append([]byte{}, cs...), cs...))
	}
	data := itemStream(nil, frags)
	h := &header{pixel: pixelInfo{offset: 0, length: -1}, ds: &DataSet{}}
	before := spanSteps.Load()
	frames, err := assembleFrames(bytes.NewReader(data), int64(len(data)), h, 40000, "1.2.840.10008.1.2.4.70")
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 40000 {
		t.Fatalf("%d frames", len(frames))
	}
	if steps := spanSteps.Load() - before; steps > 4*40000 {
		t.Errorf("%d fragment visits for 40,000 frames: not linear", steps)
	}
	// A frame made of more fragments than the budget is refused.
	lim := limits.DefaultLimits()
	lim.MaxFragmentsPerFrame = 1000
	h.lim = &lim
	if _, err := assembleFrames(bytes.NewReader(data), int64(len(data)), h, 1, "1.2.840.10008.1.2.4.70"); err == nil || !strings.Contains(err.Error(), "MaxFragmentsPerFrame") {
		t.Errorf("20,000 fragments in one frame: %v", err)
	}
}

// TestDICOMDIRManyRecords: a DICOMDIR of 20,000 records, most missing,
// lists each folder once; the lower-case copy of its files is found.
func TestDICOMDIRManyRecords(t *testing.T) {
	dir := t.TempDir()
	var ids [][]string
	for i := range 20000 {
		ids = append(ids, []string{"DIR1", fmt.Sprintf("IMG%05d", i)})
	}
	writeFile(t, filepath.Join(dir, "DICOMDIR"), testutil.BuildDICOMDIR(ids))
	for i := range 3 { // lower-case copies of three of them
		writeFile(t, filepath.Join(dir, "dir1", fmt.Sprintf("img%05d", i)), testutil.Build(testutil.Spec{SOPInstance: fmt.Sprintf("2.25.7%d", i)}))
	}
	before := dirListings.Load()
	c, err := Open([]string{filepath.Join(dir, "DICOMDIR")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n := dirListings.Load() - before; n > 2 {
		t.Errorf("%d folder listings for 2 folders", n)
	}
	if len(c.Studies) != 1 || len(c.Studies[0].Images) != 3 {
		t.Errorf("want the 3 lower-case files, got %d studies", len(c.Studies))
	}
	if len(c.Errors) != 19997 {
		t.Errorf("%d errors, want 19,997 missing files", len(c.Errors))
	}
	lim := limits.DefaultLimits()
	lim.MaxDICOMDIRRecords = 10000
	c2, _ := Open([]string{filepath.Join(dir, "DICOMDIR")}, &Options{Limits: &lim})
	oneLineNaming(t, c2.Errors, "DICOMDIR", "MaxDICOMDIRRecords 10000")
}

// TestDICOMDIRLinksOut: a DICOMDIR's records cannot reach files outside
// its folder, by ".." or by a symbolic link; links inside it work.
func TestDICOMDIRLinksOut(t *testing.T) {
	base := t.TempDir()
	cd := filepath.Join(base, "cd")
	writeFile(t, filepath.Join(base, "outside", "SECRET"), testutil.Build(testutil.Spec{SOPInstance: "2.25.666"}))
	writeFile(t, filepath.Join(cd, "REAL", "IMG1"), testutil.Build(testutil.Spec{SOPInstance: "2.25.1"}))
	if err := os.Symlink(filepath.Join(base, "outside", "SECRET"), filepath.Join(cd, "LINKOUT")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	os.Symlink(filepath.Join(base, "outside"), filepath.Join(cd, "DIROUT"))
	os.Symlink("REAL", filepath.Join(cd, "INSIDE"))
	writeFile(t, filepath.Join(cd, "DICOMDIR"), testutil.BuildDICOMDIR([][]string{
		{"INSIDE", "IMG1"}, {"LINKOUT"}, {"DIROUT", "SECRET"}, {"..", "outside", "SECRET"}, {"..", "..", "etc", "passwd"},
	}))
	c, err := Open([]string{filepath.Join(cd, "DICOMDIR")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Find("2.25.666") != nil {
		t.Fatal("read a file outside the DICOMDIR's folder")
	}
	if c.Find("2.25.1") == nil {
		t.Errorf("a link inside the folder was not followed: %v", c.Errors)
	}
	oneLineNaming(t, c.Errors, "LINKOUT", "leads out of the folder")
	oneLineNaming(t, c.Errors, "SECRET", "leads out of the folder")
	oneLineNaming(t, c.Errors, "passwd", "leads out of the DICOMDIR's folder")
}

// TestFIFOAndSymlinkedRoot: a FIFO named like a DICOM file is skipped
// with a reason, in a folder and named alone, without blocking; a root
// folder that is a symbolic link is followed.
func TestFIFOAndSymlinkedRoot(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "study")
	writeFile(t, filepath.Join(real, "IMG1.dcm"), testutil.Build(testutil.Spec{SOPInstance: "2.25.11"}))
	fifo := filepath.Join(real, "x.dcm")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	// A link inside the folder to a file outside it is not followed.
	writeFile(t, filepath.Join(base, "secret.dcm"), testutil.Build(testutil.Spec{SOPInstance: "2.25.666"}))
	os.Symlink(filepath.Join(base, "secret.dcm"), filepath.Join(real, "out.dcm"))
	for _, root := range []string{real, link} {
		c, err := Open([]string{root}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Find("2.25.11") == nil {
			t.Errorf("%s: the image did not load", root)
		}
		oneLineNaming(t, c.Errors, "x.dcm", "named pipe")
		oneLineNaming(t, c.Errors, "out.dcm", "leads out of the folder")
		if c.Find("2.25.666") != nil {
			t.Errorf("%s: followed a link out of the folder", root)
		}
		c.Close()
	}
	c, err := Open([]string{fifo}, nil)
	if err != nil && !strings.Contains(err.Error(), "named pipe") {
		t.Fatal(err)
	}
	oneLineNaming(t, c.Errors, "x.dcm", "named pipe")
}

// TestEscapes: control characters from files reach no terminal.
func TestEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"Doe^Jane":                  "Doe^Jane",
		"Łukasz^山田":                 "Łukasz^山田",
		"a\x1b]0;pwned\x07b":        `a\x1b]0;pwned\x07b`,
		"\x1b[2J\u009b31m\x7f":      `\x1b[2J\u009b31m\x7f`,
		"x\u202egnp.exe":            `x\u202egnp.exe`,
		"bad\xffutf8\r\nnext\tline": `bad\xffutf8\r\nnext\tline`,
	} {
		if got := dicomtext.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b]0;x\x07.dcm")
	writeFile(t, name, []byte("not dicom at all, just text"))
	c, _ := Open([]string{name}, nil)
	if len(c.Errors) != 1 || strings.ContainsAny(c.Errors[0].Error(), "\x1b\x07") {
		t.Errorf("errors %q", c.Errors)
	}
	p := filepath.Join(dir, "name.dcm")
	writeFile(t, p, testutil.Build(testutil.Spec{PatientName: "Doe\x1b]2;owned\x07^Jane\u009b"}))
	in, err := OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	in.Header().Dump(&b)
	if strings.ContainsAny(b.String(), "\x1b\x07\u009b") || !strings.Contains(b.String(), `Doe\x1b]2;owned\x07^Jane\u009b`) {
		t.Errorf("dump: %q", b.String())
	}
}

// crcOf is the CRC-32 of the uncompressed data of an entry.
func crcOf(data []byte, method uint16) uint32 {
	if method != zip.Deflate {
		return crc32.ChecksumIEEE(data)
	}
	h := crc32.NewIEEE()
	io.Copy(h, flate.NewReader(bytes.NewReader(data)))
	return h.Sum32()
}
