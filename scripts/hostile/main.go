// Command hostile writes the hostile inputs of issue 11 into a folder, for
// end-to-end checks of the CLI under a memory cap (docs/benchmarks.md),
// and, with -seeds, the seed corpora of dicomio's open-path fuzz targets.
//
//	go run ./scripts/hostile -out /tmp/hostile
//	go run ./scripts/hostile -seeds dicomio/testdata/fuzz
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"os"
	"path/filepath"
	"syscall"

	"github.com/hsgview/hsgview/internal/testutil"
)

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(p string, b []byte) {
	must(os.MkdirAll(filepath.Dir(p), 0o755))
	must(os.WriteFile(p, b, 0o644))
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

type ent struct {
	name     string
	data     []byte
	declared uint64
	method   uint16
}

func rawZip(ents []ent) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range ents {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: e.method, CRC32: crcOf(e.data, e.method),
			CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.declared})
		must(err)
		w.Write(e.data)
	}
	must(zw.Close())
	return b.Bytes()
}

func main() {
	out := flag.String("out", "", "folder to write the hostile inputs to")
	seeds := flag.String("seeds", "", "fuzz corpus folder (dicomio/testdata/fuzz) to write seeds to")
	flag.Parse()
	if *seeds != "" {
		writeSeeds(*seeds)
	}
	if *out == "" {
		return
	}
	o := *out
	good := testutil.Build(testutil.Spec{SOPInstance: "2.25.500"})
	// 1. A 13 KB zip whose entries declare 2 GiB each.
	var lying []ent
	for i := range 24 {
		lying = append(lying, ent{fmt.Sprintf("IMG%02d", i), deflate(good), 2 << 30, zip.Deflate})
	}
	write(filepath.Join(o, "lying.zip"), rawZip(lying))
	// 2. Zip bombs: overlapping entries (0.5 MB → 50 GB declared) and
	// honest entries of extreme ratio.
	write(filepath.Join(o, "bomb-overlap.zip"), testutil.OverlapZip(100, 500<<20))
	var honest []ent
	zeros := deflate(make([]byte, 256<<20))
	for i := range 2 {
		honest = append(honest, ent{fmt.Sprintf("Z%d", i), zeros, 256 << 20, zip.Deflate})
	}
	write(filepath.Join(o, "bomb-ratio.zip"), rawZip(honest))
	// 3. Deflated data sets: a 16384² frame of zeros, and a valid one
	// within every limit.
	var d bytes.Buffer
	must(testutil.WriteDICOM(&d, testutil.Spec{TS: testutil.Deflated, Rows: 16384, Columns: 16384, PixelLen: 16384 * 16384 * 2}))
	write(filepath.Join(o, "deflated16384.dcm"), d.Bytes())
	d.Reset()
	px := make([]byte, 512*512*200)
	for i := range px {
		px[i] = byte(i/512%7) * 17
	}
	must(testutil.WriteDICOM(&d, testutil.Spec{TS: testutil.Deflated, Rows: 512, Columns: 512, Frames: 200, Bits: 8, Pixels: px}))
	write(filepath.Join(o, "deflated-valid.dcm"), d.Bytes())
	// 4. A 73 KB JPEG-LS file declaring 16384², and JPEG Lossless
	// declaring 4096² in a few bytes.
	jls := append([]byte{0xFF, 0xD8, 0xFF, 0xF7, 0, 11, 16, 0x40, 0, 0x40, 0, 1, 1, 0x11, 0}, make([]byte, 73<<10)...)
	write(filepath.Join(o, "jls16384.dcm"), testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.80", Rows: 16384, Columns: 16384, Fragments: [][]byte{jls}}))
	write(filepath.Join(o, "jll4096.dcm"), testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.70", Rows: 4096, Columns: 4096, Fragments: [][]byte{jls[:64]}}))
	// 5. 40,000 frames in 20,000 fragments.
	cs := []byte{0xFF, 0xD8, 0xFF, 0xC3, 1, 2, 0xFF, 0xD9}
	var frags [][]byte
	for range 20000 {
		frags = append(frags, append(append([]byte{}, cs...), cs...))
	}
	write(filepath.Join(o, "frags40000.dcm"), testutil.Build(testutil.Spec{TS: "1.2.840.10008.1.2.4.70", Rows: 8, Columns: 8, Frames: 40000, Fragments: frags}))
	// 6. A 20,000-record DICOMDIR whose records miss.
	var ids [][]string
	for i := range 20000 {
		ids = append(ids, []string{"DIR1", fmt.Sprintf("IMG%05d", i)})
	}
	write(filepath.Join(o, "dicomdir20000", "DICOMDIR"), testutil.BuildDICOMDIR(ids))
	write(filepath.Join(o, "dicomdir20000", "dir1", "img00000"), good)
	// 7. A FIFO named x.dcm beside an image; a symlinked root.
	write(filepath.Join(o, "study", "IMG1.dcm"), good)
	syscall.Mkfifo(filepath.Join(o, "study", "x.dcm"), 0o644)
	os.Symlink("study", filepath.Join(o, "study-link"))
	// 8. A DICOMDIR reaching out of its folder.
	write(filepath.Join(o, "escape", "DICOMDIR"), testutil.BuildDICOMDIR([][]string{{"PASSWD"}, {"..", "..", "etc", "passwd"}, {"IMG1"}}))
	write(filepath.Join(o, "escape", "IMG1"), good)
	os.Symlink("/etc/passwd", filepath.Join(o, "escape", "PASSWD"))
	// 9. Escapes in names.
	write(filepath.Join(o, "escapes.dcm"), testutil.Build(testutil.Spec{SOPInstance: "2.25.501", PatientName: "Doe\x1b]0;pwned\x07^Jane\x1b[2J\u009b31m"}))
	write(filepath.Join(o, "a.dcm"), good)
}

func seed(dir, target, name string, b []byte) {
	p := filepath.Join(dir, target, name)
	write(p, []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)))
}

func writeSeeds(dir string) {
	good := testutil.Build(testutil.Spec{SOPInstance: "2.25.1", Rows: 4, Columns: 4})
	var ok bytes.Buffer
	zw := zip.NewWriter(&ok)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "CD/IMG1", Method: zip.Store})
	w.Write(good)
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "CD/IMG2", Method: zip.Deflate})
	w.Write(testutil.Build(testutil.Spec{SOPInstance: "2.25.2", TS: testutil.Deflated, Rows: 4, Columns: 4}))
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "CD/DICOMDIR", Method: zip.Deflate})
	w.Write(testutil.BuildDICOMDIR([][]string{{"CD", "IMG1"}}))
	zw.Close()
	seed(dir, "FuzzOpenZip", "valid", ok.Bytes())
	seed(dir, "FuzzOpenZip", "lying", rawZip([]ent{{"IMG", deflate(good), 2 << 30, zip.Deflate}, {"OK", good, uint64(len(good)), zip.Store}}))
	seed(dir, "FuzzOpenZip", "ratio", rawZip([]ent{{"Z", deflate(make([]byte, 8<<20)), 8 << 20, zip.Deflate}}))
	seed(dir, "FuzzOpenZip", "overlap", testutil.OverlapZip(4, 1<<20))
	seed(dir, "FuzzDICOMDIR", "valid", testutil.BuildDICOMDIR([][]string{{"DIR1", "IMG1"}, {"IMG2"}}))
	seed(dir, "FuzzDICOMDIR", "escape", testutil.BuildDICOMDIR([][]string{{"LINK"}, {"..", "outside", "SECRET"}, {"dir1", "img1"}}))
	sep := []byte("\xff\x00\xff\x00")
	seed(dir, "FuzzOpenFolder", "dicomdir-and-files", bytes.Join([][]byte{testutil.BuildDICOMDIR([][]string{{"DIR1", "B"}, {"A.DCM"}}), good, good}, sep))
	seed(dir, "FuzzOpenFolder", "zip-inside", bytes.Join([][]byte{nil, nil, nil, ok.Bytes()}, sep))
	seed(dir, "FuzzOpenFolder", "deflated", bytes.Join([][]byte{nil, testutil.Build(testutil.Spec{TS: testutil.Deflated, Rows: 4, Columns: 4})}, sep))
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
