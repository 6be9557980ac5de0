package rle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// Native sources for the generated cases, and what they cover.
var sources = []string{
	"transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", // 512², signed 16-bit
	"xa_rf/XA1_wg04_uncompressed.dcm",                 // 1024², 10 of 16 bits
	"xa_rf/RF_GE_1024_explicit.dcm",                   // 1024², 8-bit
	"photometric/SC_rgb_8bit.dcm",                     // RGB 8-bit
	"photometric/SC_rgb_planar1.dcm",                  // RGB, planar source
	"cine/MR_heart_16f_explicit.dcm",                  // 16 frames, 8-bit
	"suyash/3.dcm",                                    // MR 12 of 16 bits
	"suyash/4.dcm",                                    // CR 2140×1760, implicit VR
	"suyash/5.dcm",                                    // CT, 2 frames
	"suyash/6.dcm",                                    // deflated source, 8-bit
}

func TestGenerated(t *testing.T) {
	var cases []dcmtest.Case
	for _, src := range sources {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcrle", TS: codec.RLELossless},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--rle"}, TS: codec.RLELossless},
		)
	}
	cases = append(cases,
		dcmtest.Case{Src: "suyash/5.dcm", Tool: "dcmcrle", Args: []string{"-ot"}, TS: codec.RLELossless},
		// RT Dose, 32 bits allocated: four segments per sample.
		dcmtest.Case{Src: "edge_cases/badVR.dcm", Tool: "dcmcrle", TS: codec.RLELossless},
		dcmtest.Case{Src: "edge_cases/badVR.dcm", Tool: "gdcmconv", Args: []string{"--rle"}, TS: codec.RLELossless},
	)
	dcmtest.RunCases(t, cases)
}

// TestReal decodes the RLE files of the shared corpus and compares them
// with their uncompressed originals or with GDCM's decoding.
func TestReal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file, native string // native empty: reference by gdcmconv --raw
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.5.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm"},
		{"xa_rf/XA1_wg04_rle.dcm", "xa_rf/XA1_wg04_uncompressed.dcm"},
		{"transfer_syntax/CT0012_2f_notfragmented_bot_rle.dcm", "suyash/5.dcm"},
		{"photometric/US_ybr_full_rle.dcm", ""},
		{"cine/US_palette_10f_rle.dcm", ""},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			enc, err := dcmtest.Read(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var ref *dcmtest.File
			switch {
			case tc.native == "":
				ref = dcmtest.Convert(t, t.TempDir(), "dcmdrle", filepath.Join(dir, tc.file))
			case strings.HasPrefix(tc.native, "suyash/"):
				ref, err = dcmtest.Read(filepath.Join(dcmtest.Suyash(t), strings.TrimPrefix(tc.native, "suyash/")))
			default:
				ref, err = dcmtest.Read(filepath.Join(dir, tc.native))
			}
			if err != nil {
				t.Fatal(err)
			}
			max := dcmtest.Compare(t, enc, ref, 0)
			t.Logf("%d frame(s): max diff %d", enc.Frames, max)
		})
	}
}

// frame builds an RLE frame from byte planes, each PackBits-encoded as
// literal runs.
func frame(planes ...[]byte) []byte {
	var segs [][]byte
	for _, p := range planes {
		var s []byte
		for len(p) > 0 {
			n := min(len(p), 128)
			s = append(s, byte(n-1))
			s = append(s, p[:n]...)
			p = p[n:]
		}
		segs = append(segs, s)
	}
	out := make([]byte, 64)
	binary.LittleEndian.PutUint32(out, uint32(len(segs)))
	for i, s := range segs {
		binary.LittleEndian.PutUint32(out[4+4*i:], uint32(len(out)))
		out = append(out, s...)
	}
	return out
}

func TestInterleave(t *testing.T) {
	// 2×1 pixels, 3 samples of 16 bits: six segments, MSB plane first.
	info := codec.Info{Rows: 1, Columns: 2, SamplesPerPixel: 3, BitsAllocated: 16, BitsStored: 16,
		Photometric: "RGB", TransferSyntax: codec.RLELossless}
	src := frame(
		[]byte{0x01, 0x02}, []byte{0x11, 0x12}, // R hi, lo
		[]byte{0x03, 0x04}, []byte{0x13, 0x14}, // G
		[]byte{0x05, 0x06}, []byte{0x15, 0x16}, // B
	)
	dst := make([]byte, 12)
	if _, err := codec.Decode(dst, src, info); err != nil {
		t.Fatal(err)
	}
	want := []byte{0x11, 0x01, 0x13, 0x03, 0x15, 0x05, 0x12, 0x02, 0x14, 0x04, 0x16, 0x06}
	if !bytes.Equal(dst, want) {
		t.Errorf("got % x, want % x", dst, want)
	}
}

func TestPackBits(t *testing.T) {
	info := codec.Info{Rows: 1, Columns: 8, SamplesPerPixel: 1, BitsAllocated: 8, BitsStored: 8,
		Photometric: "MONOCHROME2", TransferSyntax: codec.RLELossless}
	// replicate 3×7, no-op (-128), literal 2, replicate 3×9 (one byte too
	// many: must be clipped), then a padding byte.
	seg := []byte{0xFE, 7, 0x80, 0x01, 1, 2, 0xFE, 9, 0x00}
	src := append(frame([]byte{}), seg...)
	binary.LittleEndian.PutUint32(src, 1)
	binary.LittleEndian.PutUint32(src[4:], 64)
	dst := make([]byte, 8)
	if _, err := codec.Decode(dst, src, info); err != nil {
		t.Fatal(err)
	}
	if want := []byte{7, 7, 7, 1, 2, 9, 9, 9}; !bytes.Equal(dst, want) {
		t.Errorf("got %v, want %v", dst, want)
	}
}

func TestCorrupt(t *testing.T) {
	info := codec.Info{Rows: 2, Columns: 2, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12,
		Photometric: "MONOCHROME2", TransferSyntax: codec.RLELossless}
	good := frame([]byte{1, 2, 3, 4}, []byte{5, 6, 7, 8})
	set := func(b []byte, i int, v uint32) []byte {
		c := bytes.Clone(b)
		binary.LittleEndian.PutUint32(c[4*i:], v)
		return c
	}
	for _, tc := range []struct {
		name, want string
		src        []byte
	}{
		{"empty", "shorter than the 64-byte header", nil},
		{"header only", "shorter than the 64-byte header", good[:63]},
		{"one segment", "declares 1 segments", set(good, 0, 1)},
		{"fifteen segments", "declares 15 segments", set(good, 0, 15)},
		{"huge count", "declares 4294967295 segments", set(good, 0, 0xFFFFFFFF)},
		{"offset inside header", "offset 8 is outside", set(good, 1, 8)},
		{"offset past end", "offset 4096 is outside", set(good, 2, 4096)},
		{"offsets out of order", "out of order", set(set(good, 1, 70), 2, 65)},
		{"truncated", "decodes to 2 bytes, image needs 4", good[:len(good)-2]},
		{"run without byte", "replicate run without its byte", append(set(good, 2, uint32(len(good))), 0xFD)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := make([]byte, 8)
			_, err := codec.Decode(dst, tc.src, info)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, codec.ErrCorrupt) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "rle: ") {
				t.Errorf("error %q, want one wrapping ErrCorrupt with %q", err, tc.want)
			}
		})
	}
	// Four 32-bit samples would need 16 segments.
	big := info
	big.BitsAllocated, big.SamplesPerPixel = 32, 4
	if _, err := Decode(make([]byte, 64), good, big); err == nil || !strings.Contains(err.Error(), "more than the 15 segments") {
		t.Errorf("4×32-bit: %v", err)
	}
	if _, err := Decode(make([]byte, 7), good, info); err == nil {
		t.Error("short dst accepted")
	}
}

func TestWiden(t *testing.T) {
	// RLE segments are per byte: an 8-bit frame has one segment per
	// sample, a 16-bit one two, so a mismatch must be an error.
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "cine", "US_palette_10f_rle.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	wide := *f
	wide.Info.BitsAllocated = 16
	if _, _, err := dcmtest.Decode(t, &wide, 0); err == nil || !strings.Contains(err.Error(), "declares 1 segments") {
		t.Errorf("8-bit RLE decoded as 16-bit: %v", err)
	}
}
