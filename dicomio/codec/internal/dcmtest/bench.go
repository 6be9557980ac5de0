package dcmtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hsgview/hsgview/dicomio/codec"
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
// that it decodes to want (if want is not nil) within tol. Besides ns/op it
// reports cpu-ns/op, the process CPU time per frame.
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
	c0, k := cpuTime(), 0
	for b.Loop() {
		if _, err := codec.Decode(dst, src, info); err != nil {
			b.Fatal(err)
		}
		k++
	}
	// CPU time per frame is steadier than wall time on a shared machine,
	// and compares with the tools' user-ns/frame.
	if c := cpuTime() - c0; c > 0 && k > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(k), "cpu-ns/op")
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

// BenchTool times a reference decoder on the phantom, for comparison with
// the Go decoders: the phantom is encoded as a 1-frame and a 9-frame file
// with enc and encArgs, and each iteration runs dec (with decArgs, then the
// input and an output path) on both. It reports the per-frame cost,
// (t9 − t1) / 8, which removes process start-up and file handling, as
// wall-ns/frame and user-ns/frame (the tool's user CPU time, steadier on a
// loaded machine).
func BenchTool(b *testing.B, enc string, encArgs []string, dec string, decArgs ...string) {
	Need(b, enc, dec)
	dir := b.TempDir()
	var ins [2]string
	for i, n := range []int{1, 9} {
		sub := filepath.Join(dir, fmt.Sprint(n))
		if err := os.Mkdir(sub, 0o700); err != nil {
			b.Fatal(err)
		}
		_, ins[i] = ConvertPath(b, sub, enc, PhantomFile(b, sub, PhantomInfo, n), encArgs...)
	}
	run := func(in string) (wall, user time.Duration) {
		cmd := exec.Command(dec, append(append([]string{}, decArgs...), in, filepath.Join(dir, "out.dcm"))...)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", dec, err, out)
		}
		return time.Since(start), cmd.ProcessState.UserTime()
	}
	var wall, user time.Duration
	n := 0
	for b.Loop() {
		w1, u1 := run(ins[0])
		w9, u9 := run(ins[1])
		wall += w9 - w1
		user += u9 - u1
		n++
	}
	b.ReportMetric(float64(wall.Nanoseconds())/float64(8*n), "wall-ns/frame")
	b.ReportMetric(float64(user.Nanoseconds())/float64(8*n), "user-ns/frame")
}

// Seed returns frame 0 of a small phantom with geometry info encoded by
// tool with args, for fuzz seeds, or nil when the tool is missing or
// fails. Small seeds keep the fuzzer fast: it minimizes every new
// interesting input, and large ones take minutes.
func Seed(tb testing.TB, info codec.Info, tool string, args ...string) []byte {
	tb.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		return nil
	}
	dir := tb.TempDir()
	in := PhantomFile(tb, dir, info, 1)
	out := filepath.Join(dir, "seed.dcm")
	if err := exec.Command(tool, append(append([]string{}, args...), in, out)...).Run(); err != nil {
		return nil
	}
	f, err := Read(out)
	if err != nil {
		return nil
	}
	src, err := f.Frame(0)
	if err != nil {
		return nil
	}
	return src
}
