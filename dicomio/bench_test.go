package dicomio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"image"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// The benchmark file of issue 2: 1024×1024, 120 frames, 16 bits allocated
// / 12 stored, Explicit VR Little Endian, ≈ 240 MiB. It is generated once
// into the temporary folder and reused.
const benchRows, benchCols, benchFrames = 1024, 1024, 120

var benchOnce sync.Once
var benchPath string

func benchFile(b testing.TB) string {
	benchOnce.Do(func() {
		benchPath = filepath.Join(os.TempDir(), fmt.Sprintf("hsgview-bench-%dx%dx%d.dcm", benchCols, benchRows, benchFrames))
		want := int64(benchRows * benchCols * 2 * benchFrames)
		if st, err := os.Stat(benchPath); err == nil && st.Size() > want {
			return
		}
		if err := writeTestImage(benchPath, benchRows, benchCols, benchFrames); err != nil {
			b.Fatal(err)
		}
	})
	return benchPath
}

// writeTestImage writes a multi-frame XA-like image: a smooth field with
// noise, 12 bits stored, FrameTime 66.67 ms.
func writeTestImage(path string, rows, cols, frames int) error {
	f, err := os.OpenFile(path+".tmp", os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(make([]byte, 128))
	w.WriteString("DICM")
	el := func(g, e uint16, vr string, v []byte) {
		binary.Write(w, binary.LittleEndian, [2]uint16{g, e})
		w.WriteString(vr)
		switch vr {
		case "OB", "OW", "SQ", "UN", "UT":
			w.Write([]byte{0, 0})
			binary.Write(w, binary.LittleEndian, uint32(len(v)))
		default:
			binary.Write(w, binary.LittleEndian, uint16(len(v)))
		}
		w.Write(v)
	}
	str := func(s string) []byte {
		if len(s)%2 == 1 {
			s += " "
		}
		return []byte(s)
	}
	uid := func(s string) []byte {
		if len(s)%2 == 1 {
			s += "\x00"
		}
		return []byte(s)
	}
	us := func(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
	meta := []struct {
		e uint16
		v []byte
	}{{0x0002, uid("1.2.840.10008.5.1.4.1.1.12.1")}, {0x0003, uid("2.25.4242")}, {0x0010, uid("1.2.840.10008.1.2.1")}}
	var metaLen int
	for _, m := range meta {
		metaLen += 8 + len(m.v)
	}
	el(0x0002, 0x0000, "UL", binary.LittleEndian.AppendUint32(nil, uint32(metaLen)))
	for _, m := range meta {
		el(0x0002, m.e, "UI", m.v)
	}
	el(0x0008, 0x0016, "UI", uid("1.2.840.10008.5.1.4.1.1.12.1"))
	el(0x0008, 0x0018, "UI", uid("2.25.4242"))
	el(0x0008, 0x0060, "CS", str("XA"))
	el(0x0018, 0x1063, "DS", str("66.67"))
	el(0x0020, 0x000D, "UI", uid("2.25.4243"))
	el(0x0020, 0x000E, "UI", uid("2.25.4244"))
	el(0x0028, 0x0002, "US", us(1))
	el(0x0028, 0x0004, "CS", str("MONOCHROME2"))
	el(0x0028, 0x0008, "IS", str(strconv.Itoa(frames)))
	el(0x0028, 0x0009, "AT", []byte{0x18, 0x00, 0x63, 0x10})
	el(0x0028, 0x0010, "US", us(uint16(rows)))
	el(0x0028, 0x0011, "US", us(uint16(cols)))
	el(0x0028, 0x0100, "US", us(16))
	el(0x0028, 0x0101, "US", us(12))
	el(0x0028, 0x0102, "US", us(11))
	el(0x0028, 0x0103, "US", us(0))
	el(0x0028, 0x1050, "DS", str("1900"))
	el(0x0028, 0x1051, "DS", str("2600"))
	binary.Write(w, binary.LittleEndian, [2]uint16{0x7FE0, 0x0010})
	w.WriteString("OW\x00\x00")
	binary.Write(w, binary.LittleEndian, uint32(rows*cols*frames*2))
	rng := rand.New(rand.NewPCG(20240611, 1))
	row := make([]byte, cols*2)
	for fr := 0; fr < frames; fr++ {
		for y := 0; y < rows; y++ {
			for x := 0; x < cols; x++ {
				v := 800 + (x*1500)/cols + (y*1000)/rows + fr*3 + int(rng.NormFloat64()*20)
				binary.LittleEndian.PutUint16(row[2*x:], uint16(max(0, min(4095, v))))
			}
			w.Write(row)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

// BenchmarkHeaderScan reads the header of the 240 MiB file: its cost must
// not depend on the pixel size (target ≤ 5 ms).
func BenchmarkHeaderScan(b *testing.B) {
	p := benchFile(b)
	for b.Loop() {
		if _, err := OpenFile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstFrameWindowed opens the file and windows its first frame
// to 8 bits (target ≤ 20 ms).
func BenchmarkFirstFrameWindowed(b *testing.B) { benchFirstFrame(b, benchFile(b)) }

// benchFirstFrame opens p and windows its first frame, b.N times.
func benchFirstFrame(b *testing.B, p string) {
	dst := make([]uint8, benchRows*benchCols)
	for b.Loop() {
		in, err := OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		f, err := in.Frame(0)
		if err != nil {
			b.Fatal(err)
		}
		pl := in.Pipeline(0)
		pl.Gray(f, pl.DefaultVOI(f), dst)
	}
}

// allFramesWindowed is hsgview's path: open, read all frames (held in
// memory, as the viewer's cine cache does), window each one.
func allFramesWindowed(b *testing.B, p string, dst []uint8) {
	in, err := OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	frames, err := in.ReadFrames()
	if err != nil {
		b.Fatal(err)
	}
	pl := in.Pipeline(0)
	voi := pl.DefaultVOI(frames[0])
	for _, f := range frames {
		pl.Gray(f, voi, dst)
	}
}

// floorPass is the yardstick of performance.md: os.ReadFile of the whole
// file, then every 16-bit sample through a 4096-entry LUT into a reused
// frame buffer. off is the pixel data offset.
func floorPass(b *testing.B, p string, off int64, lut *[4096]uint8, dst []uint8) {
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	px := data[off:]
	for fr := 0; fr < benchFrames; fr++ {
		src := px[fr*benchRows*benchCols*2:]
		for i := range dst {
			dst[i] = lut[(uint16(src[2*i])|uint16(src[2*i+1])<<8)&4095]
		}
	}
}

// floorSetup returns the pixel offset of the benchmark file and a LUT.
func floorSetup(b *testing.B, p string) (int64, *[4096]uint8) {
	in, err := OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	var lut [4096]uint8
	for i := range lut {
		lut[i] = uint8(max(0, min(255, (i-600)*255/2600)))
	}
	return in.header.pixel.offset, &lut
}

// BenchmarkAllFramesWindowed measures hsgview's all-frames path alone.
func BenchmarkAllFramesWindowed(b *testing.B) {
	p := benchFile(b)
	dst := make([]uint8, benchRows*benchCols)
	b.SetBytes(benchRows * benchCols * 2 * benchFrames)
	for b.Loop() {
		allFramesWindowed(b, p, dst)
	}
}

// BenchmarkFloor measures the floor alone.
func BenchmarkFloor(b *testing.B) {
	p := benchFile(b)
	off, lut := floorSetup(b, p)
	dst := make([]uint8, benchRows*benchCols)
	b.SetBytes(benchRows * benchCols * 2 * benchFrames)
	for b.Loop() {
		floorPass(b, p, off, lut, dst)
	}
}

// BenchmarkAllFramesVsFloor runs the floor and hsgview's all-frames path
// alternately and reports the median of the pairwise time ratios, which
// cancels most of the drift of a shared, noisy machine (the method of
// performance.md). Target ≤ 1.5.
func BenchmarkAllFramesVsFloor(b *testing.B) {
	p := benchFile(b)
	off, lut := floorSetup(b, p)
	dst := make([]uint8, benchRows*benchCols)
	floor := func() { floorPass(b, p, off, lut, dst) }
	ours := func() { allFramesWindowed(b, p, dst) }
	b.ReportMetric(pairedRatio(b, floor, ours), "ratio-to-floor")
}

// BenchmarkWindowStep is one W/L drag step: rebuild the LUT for a new
// window and window a 1024² 16-bit frame into RGBA (target ≤ 2 ms CPU).
func BenchmarkWindowStep(b *testing.B) {
	in, err := OpenFile(benchFile(b))
	if err != nil {
		b.Fatal(err)
	}
	f, _ := in.Frame(0)
	pl := in.Pipeline(0)
	dst := newRGBA(f.Columns, f.Rows)
	c := 1900.0
	cpu0 := cpuTime()
	for b.Loop() {
		c++
		pl.RGBA(f, VOI{Window: Window{Center: c, Width: 2600}}, dst)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime returns the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkPeakMemory loads all frames in a fresh process and reports its
// peak resident set divided by the pixel bytes (target ≤ 1.1).
func BenchmarkPeakMemory(b *testing.B) {
	p := benchFile(b)
	pixelBytes := float64(benchRows * benchCols * 2 * benchFrames)
	var ratio float64
	for b.Loop() {
		base := peakRSS(b, "")
		loaded := peakRSS(b, p)
		ratio = float64(loaded-base) / pixelBytes
	}
	b.ReportMetric(ratio, "peakRSS/pixelbytes")
}

// peakRSS runs TestPeakMemoryHelper in a child process and returns its
// VmHWM in bytes. With path "", the child loads nothing (the baseline).
func peakRSS(b *testing.B, path string) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakMemoryHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HSGVIEW_PEAK_FILE="+path, "HSGVIEW_PEAK_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	b.Fatalf("no VmHWM in child output:\n%s", out)
	return 0
}

// TestPeakMemoryHelper is the child of BenchmarkPeakMemory.
func TestPeakMemoryHelper(t *testing.T) {
	if os.Getenv("HSGVIEW_PEAK_CHILD") == "" {
		t.Skip("helper process for BenchmarkPeakMemory")
	}
	var frames []*Frame
	if p := os.Getenv("HSGVIEW_PEAK_FILE"); p != "" {
		in, err := OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if frames, err = in.ReadFrames(); err != nil {
			t.Fatal(err)
		}
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			fmt.Println(l)
		}
	}
	_ = len(frames)
}

func newRGBA(w, h int) *image.RGBA { return image.NewRGBA(image.Rect(0, 0, w, h)) }
