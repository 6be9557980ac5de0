package dicomio

import (
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Compressed copies of the benchmark file, made once with DCMTK:
// JPEG Lossless SV1 (dcmcjpeg +e1) and RLE (dcmcrle), as performance.md.
var (
	compressedOnce sync.Map // name → *sync.Once
	compressedPath sync.Map // name → path
)

func compressedBench(b *testing.B, tool string, args ...string) string {
	name := tool + strings.Join(args, "")
	once, _ := compressedOnce.LoadOrStore(name, &sync.Once{})
	once.(*sync.Once).Do(func() {
		src := benchFile(b)
		out := strings.TrimSuffix(src, ".dcm") + "-" + name + ".dcm"
		if _, err := os.Stat(out); err != nil {
			path, err := exec.LookPath(tool)
			if err != nil {
				b.Skipf("%s not installed", tool)
			}
			if o, err := exec.Command(path, append(args, src, out+".tmp")...).CombinedOutput(); err != nil {
				b.Fatalf("%s: %v %s", tool, err, o)
			}
			os.Rename(out+".tmp", out)
		}
		compressedPath.Store(name, out)
	})
	p, ok := compressedPath.Load(name)
	if !ok {
		b.Skipf("%s not available", tool)
	}
	return p.(string)
}

// BenchmarkJPEGLosslessFirstFrame opens the JPEG Lossless file and windows
// its first frame (target ≤ 40 ms).
func BenchmarkJPEGLosslessFirstFrame(b *testing.B) {
	benchFirstFrame(b, compressedBench(b, "dcmcjpeg", "+e1"))
}

// pairedRatio runs a and b alternately and returns the median of b/a.
func pairedRatio(bm *testing.B, a, b func()) float64 {
	var ratios []float64
	for bm.Loop() {
		t0 := time.Now()
		a()
		t1 := time.Now()
		b()
		ratios = append(ratios, float64(time.Since(t1))/float64(t1.Sub(t0)))
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/2]
}

// BenchmarkJPEGLosslessAllFramesVsDCMTK decodes and windows all 120
// frames of the JPEG Lossless file, alternating with DCMTK's dcmj2pnm
// doing the same (+Fa +Wi 1, output discarded); reports hsgview ÷ DCMTK
// (target ≤ 1).
func BenchmarkJPEGLosslessAllFramesVsDCMTK(b *testing.B) {
	p := compressedBench(b, "dcmcjpeg", "+e1")
	dcmj2pnm, err := exec.LookPath("dcmj2pnm")
	if err != nil {
		b.Skip("dcmj2pnm not installed")
	}
	dst := make([]uint8, benchRows*benchCols)
	dcmtk := func() {
		cmd := exec.Command(dcmj2pnm, "+Fa", "+Wi", "1", p)
		cmd.Stdout = nil
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(pairedRatio(b, dcmtk, func() { allFramesWindowed(b, p, dst) }), "ratio-to-dcmtk")
}

// BenchmarkRLEAllFramesVsFloor decodes and windows all frames of the RLE
// file, alternating with the native floor (os.ReadFile + LUT over the
// uncompressed file); reports the ratio (target ≤ 1.5).
func BenchmarkRLEAllFramesVsFloor(b *testing.B) {
	p := compressedBench(b, "dcmcrle")
	native := benchFile(b)
	off, lut := floorSetup(b, native)
	dst := make([]uint8, benchRows*benchCols)
	b.ReportMetric(pairedRatio(b, func() { floorPass(b, native, off, lut, dst) }, func() { allFramesWindowed(b, p, dst) }), "ratio-to-floor")
}
