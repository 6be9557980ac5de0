package dicomio

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hsgview/hsgview/internal/testutil"
)

// buildCD writes a synthetic patient CD of n images in the usual layout
// (DICOM/S00001/IM0001…, 100 images per folder) with its DICOMDIR, from
// one small file with distinct SOP Instance UIDs. lower writes the file
// and folder names in lower case, as copies of CDs often have them, while
// the DICOMDIR keeps upper-case IDs.
func buildCD(b testing.TB, n int, lower bool) string {
	root := b.TempDir()
	var ids [][]string
	for i := range n {
		id := []string{"DICOM", fmt.Sprintf("S%05d", i/100), fmt.Sprintf("IM%04d", i%100)}
		ids = append(ids, id)
		name := filepath.Join(id...)
		if lower {
			name = strings.ToLower(name)
		}
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, testutil.Build(testutil.Spec{SOPInstance: fmt.Sprintf("2.25.%d", 100000+i), Rows: 64, Columns: 64}), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "DICOMDIR"), testutil.BuildDICOMDIR(ids), 0o600)
	return root
}

// catFloor reads every file under root once, as `find | xargs cat` would.
func catFloor(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			os.ReadFile(p)
		}
		return nil
	})
}

// BenchmarkOpenCD2000 opens a 2,000-image CD by its DICOMDIR, with upper-
// and lower-case file names, and reports the time against the floor of
// reading every file once (x-floor: open time / cat time, same run).
func BenchmarkOpenCD2000(b *testing.B) {
	for _, lower := range []bool{false, true} {
		name := "upper"
		if lower {
			name = "lower"
		}
		b.Run(name, func(b *testing.B) {
			root := buildCD(b, 2000, lower)
			dd := filepath.Join(root, "DICOMDIR")
			var open, floor time.Duration
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				c, err := Open([]string{dd}, nil)
				open += time.Since(t0)
				if err != nil || len(c.Studies) != 1 || len(c.Studies[0].Images) != 2000 {
					b.Fatalf("%v %v", err, c.Errors)
				}
				c.Close()
				t0 = time.Now()
				catFloor(root)
				floor += time.Since(t0)
			}
			b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "ms/open")
			b.ReportMetric(float64(open)/float64(floor), "x-floor")
		})
	}
}

// BenchmarkListLargeZip lists a zip of deflated images (mb MiB inflated)
// and reports the peak heap while listing and its ratio to the archive.
func BenchmarkListLargeZip(b *testing.B) {
	mb := 256
	if s := os.Getenv("HSGVIEW_BENCH_ZIP_MB"); s != "" {
		fmt.Sscan(s, &mb)
	}
	zp := filepath.Join(b.TempDir(), "big.zip")
	f, _ := os.Create(zp)
	zw := zip.NewWriter(f)
	img := testutil.Build(testutil.Spec{Rows: 1024, Columns: 1024, Pixels: noise(1024 * 1024 * 2)})
	n := mb << 20 / len(img)
	for i := range n {
		w, _ := zw.Create(fmt.Sprintf("DICOM/IM%05d", i))
		w.Write(img)
	}
	zw.Close()
	f.Close()
	st, _ := os.Stat(zp)
	b.ResetTimer()
	var peak uint64
	for range b.N {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		var stop atomic.Bool
		done := make(chan uint64)
		go func() {
			var m runtime.MemStats
			var p uint64
			for !stop.Load() {
				runtime.ReadMemStats(&m)
				p = max(p, m.HeapInuse)
				time.Sleep(2 * time.Millisecond)
			}
			done <- p
		}()
		c, err := Open([]string{zp}, nil)
		stop.Store(true)
		p := <-done
		if err != nil || len(c.Errors) > 0 {
			b.Fatal(err, c.Errors)
		}
		c.Close()
		peak = max(peak, p-min(p, base.HeapInuse))
	}
	b.ReportMetric(float64(n), "entries")
	b.ReportMetric(float64(st.Size()>>20), "MiB-zip")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x>>24) & 0x0F
	}
	return b
}
