package dcmtest

import (
	"path/filepath"
	"testing"

	"hsgview/dicomio/codec"
)

// PhantomInfo is the geometry of the benchmark frame: 1024×1024, 12 bits
// stored in 16, as in the project's performance notes.
var PhantomInfo = codec.Info{Rows: 1024, Columns: 1024, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12,
	Photometric: "MONOCHROME2", TransferSyntax: codec.ExplicitVRLittleEndian}

// PhantomFile writes the deterministic phantom (frames frames) as a native
// file in dir and returns its path.
func PhantomFile(tb testing.TB, dir string, info codec.Info, frames int) string {
	tb.Helper()
	var fs [][]byte
	for i := 0; i < frames; i++ {
		fs = append(fs, Phantom(info, uint64(i)))
	}
	path := filepath.Join(dir, "phantom.dcm")
	if err := WriteNative(path, info, fs); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Encoded returns frame 0 of the 1024² 12-bit phantom encoded by tool with
// args, with its Info and the native pixels for checking.
func Encoded(tb testing.TB, tool string, args ...string) (src []byte, info codec.Info, native []byte) {
	tb.Helper()
	Need(tb, tool)
	dir := tb.TempDir()
	in := PhantomFile(tb, dir, PhantomInfo, 1)
	f := Convert(tb, dir, tool, in, args...)
	src, err := f.Frame(0)
	if err != nil {
		tb.Fatal(err)
	}
	return src, f.Info, Phantom(PhantomInfo, 0)
}

// Bench benchmarks the registered decoder on one frame, after checking once
// that it decodes to want (if want is not nil) within tol.
func Bench(b *testing.B, src []byte, info codec.Info, want []byte, tol int) {
	n, err := info.FrameBytes()
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]byte, n)
	if _, err := codec.Decode(dst, src, info); err != nil {
		b.Fatal(err)
	}
	if want != nil {
		if max, _ := Diff(dst, want, info.BitsAllocated, info.BitsAllocated, false); max > tol {
			b.Fatalf("decoded frame differs from the source by %d", max)
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := codec.Decode(dst, src, info); err != nil {
			b.Fatal(err)
		}
	}
}

// XA1 returns frame 0 of XA1_wg04_uncompressed.dcm (1024², 10-bit) encoded
// by tool, or skips when the corpus is absent.
func XA1(tb testing.TB, tool string, args ...string) (src []byte, info codec.Info, native []byte) {
	tb.Helper()
	Need(tb, tool)
	in := filepath.Join(Shared(tb), "xa_rf", "XA1_wg04_uncompressed.dcm")
	ref, err := Read(in)
	if err != nil {
		tb.Fatal(err)
	}
	f := Convert(tb, tb.TempDir(), tool, in, args...)
	src, err = f.Frame(0)
	if err != nil {
		tb.Fatal(err)
	}
	return src, f.Info, ref.Native
}
