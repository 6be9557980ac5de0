//go:build cgo

package jpeg2000

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

var sources = []string{
	"transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", // 512², signed 16-bit
	"xa_rf/XA1_wg04_uncompressed.dcm",                 // 1024², 10 of 16 bits
	"xa_rf/RF_GE_1024_explicit.dcm",                   // 1024², 8-bit
	"photometric/SC_rgb_8bit.dcm",                     // RGB 8-bit
	"photometric/SC_rgb_planar1.dcm",                  // RGB, planar source
	"cine/MR_heart_16f_explicit.dcm",                  // 16 frames, 8-bit
	"suyash/3.dcm",                                    // MR 12 of 16 bits
	"suyash/5.dcm",                                    // CT, 2 frames
}

// gdcmRaw is the reference for lossy cases: GDCM decodes with its own copy
// of OpenJPEG.
var gdcmRaw = []string{"gdcmconv", "--raw"}

func TestGenerated(t *testing.T) {
	var cases []dcmtest.Case
	for _, src := range sources {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--j2k"}, TS: codec.JPEG2000Lossless},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--j2k", "--lossy", "-q", "40"}, TS: codec.JPEG2000, Tol: 1, Ref: gdcmRaw},
		)
	}
	dcmtest.RunCases(t, cases)
}

// TestSplit decodes a codestream that GDCM split over 4 KiB fragments
// (gdcmconv -S works on single-frame files only).
func TestSplit(t *testing.T) {
	dcmtest.Need(t, "gdcmconv")
	src := filepath.Join(dcmtest.Shared(t), "xa_rf", "XA1_wg04_uncompressed.dcm")
	dir := t.TempDir()
	ref := dcmtest.Native(t, dir, src)
	_, j2k := dcmtest.ConvertPath(t, dir, "gdcmconv", src, "--j2k")
	split := dcmtest.Convert(t, dir, "gdcmconv", j2k, "-S", "4096")
	if len(split.Fragments) < 10 {
		t.Fatalf("%d fragments, want many", len(split.Fragments))
	}
	dcmtest.Compare(t, split, ref, 0)
}

func TestReal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file, native string // native empty: reference by gdcmconv --raw
		tol          int
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.90.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", 0},
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.91.dcm", "", 1},
		{"xa_rf/XA1_wg04_j2ki91.dcm", "", 1},
		{"transfer_syntax/US_jp2k91_ybr_ict.dcm", "", 1},
		{"edge_cases/J2K_pixelrep_mismatch.dcm", "", 0},
		{"edge_cases/GDCMJ2K_TextGBR_jp2header.dcm", "", 0},
		{"edge_cases/explicit_VR_UN.dcm", "", 0},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			enc, err := dcmtest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			var ref *dcmtest.File
			if tc.native == "" {
				ref = dcmtest.Convert(t, t.TempDir(), gdcmRaw[0], path, gdcmRaw[1:]...)
			} else if ref, err = dcmtest.Read(filepath.Join(dir, tc.native)); err != nil {
				t.Fatal(err)
			}
			max := dcmtest.Compare(t, enc, ref, tc.tol)
			t.Logf("%d frame(s) %d×%d×%d %s, %d bits: max diff %d", enc.Frames, enc.Info.Columns, enc.Info.Rows,
				enc.Info.SamplesPerPixel, enc.Info.Photometric, enc.Info.BitsStored, max)
		})
	}
}

// TestLossyAgainstOriginal reports how far the lossy files of the corpus
// are from their uncompressed originals; the bound only guards against a
// grossly wrong decoding (the compression itself sets the error).
func TestLossyAgainstOriginal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file, native string
		tol          int
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.91.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", 64},
		{"xa_rf/XA1_wg04_j2ki91.dcm", "xa_rf/XA1_wg04_uncompressed.dcm", 64},
	} {
		enc, err := dcmtest.Read(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		ref, err := dcmtest.Read(filepath.Join(dir, tc.native))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: max diff %d from the original", filepath.Base(tc.file), dcmtest.Compare(t, enc, ref, tc.tol))
	}
}

// TestEdgeCases decodes malformed files: each frame must decode or fail
// with an error, never panic.
func TestEdgeCases(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, name := range []string{
		"edge_cases/emri_10f_j2k_too_short.dcm",
		"edge_cases/JPEG2000_embedded_seq_delimiter.dcm",
	} {
		f, err := dcmtest.Read(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < f.Frames; i++ {
			if _, err := f.Frame(i); err != nil {
				t.Logf("%s: frame %d: %v", name, i, err)
				continue
			}
			_, res, err := dcmtest.Decode(t, f, i)
			if err != nil && strings.Contains(err.Error(), "panicked") {
				t.Errorf("%s: frame %d: %v", name, i, err)
			}
			t.Logf("%s: frame %d: %v %v", name, i, res, err)
		}
	}
}

func TestCorrupt(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "transfer_syntax", "CTImage_1.2.840.10008.1.2.4.90.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	info := f.Info
	big := info
	big.Rows, big.Columns = 1024, 1024
	rgb := info
	rgb.SamplesPerPixel = 3
	small := info
	small.BitsAllocated = 8
	patch := func(off int, b ...byte) []byte {
		c := append([]byte(nil), good...)
		copy(c[off:], b)
		return c
	}
	flip := append([]byte(nil), good...)
	for i := 300; i < len(flip); i += 101 {
		flip[i] ^= 0xA5
	}
	dcmtest.CheckCorrupt(t, "jpeg2000: ", []dcmtest.Corruption{
		{"empty", nil, info, "not a J2K codestream", true},
		{"not J2K", []byte("hello, world"), info, "not a J2K codestream", true},
		{"wrong size", good, big, "SIZ declares 512×512, DICOM Columns×Rows 1024×1024", false},
		{"huge SIZ", patch(8, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF), info, "Invalid number of tiles", true},
		{"huge single tile", patch(8, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
			0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF), info, "SIZ declares 2147483647×2147483647", false},
		{"wrong components", good, rgb, "SIZ declares 1 components, DICOM Samples per Pixel 3", false},
		{"precision over allocated", good, small, "precision 16 does not fit DICOM Bits Allocated 8", false},
		{"header only", good[:60], info, "OpenJPEG", true},
		{"bad SIZ length", patch(4, 0, 3), info, "OpenJPEG header failed", true},
	})
	// Damaged entropy data: OpenJPEG may decode garbage or fail, but must
	// not take the process down.
	n, _ := info.FrameBytes()
	if _, err := codec.Decode(make([]byte, n), flip, info); err != nil && strings.Contains(err.Error(), "panicked") {
		t.Error(err)
	}
}

func TestWiden(t *testing.T) {
	src := filepath.Join(dcmtest.Shared(t), "xa_rf", "RF_GE_1024_explicit.dcm")
	dcmtest.CheckWiden(t, dcmtest.Convert(t, t.TempDir(), "gdcmconv", src, "--j2k"))
}

// TestTruncated checks that a codestream cut short is an error (OpenJPEG's
// strict mode), never a partial image presented as the frame.
func TestTruncated(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "xa_rf", "XA1_wg04_j2ki91.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := f.Info.FrameBytes()
	for _, frac := range []float64{0.01, 0.5, 0.999} {
		cut := src[:int(float64(len(src))*frac)]
		if _, err := Decode(make([]byte, n), cut, f.Info); !errors.Is(err, codec.ErrCorrupt) {
			t.Errorf("cut at %.1f%%: error %v, want ErrCorrupt", 100*frac, err)
		}
	}
}

// TestLossyOvershootClamped: GDCM encodes this 10-bit chest film in a
// 16-bit lossy codestream, whose decoded samples overshoot 1023 at
// bright edges. They are clamped to the stored range, not wrapped: a
// bright pixel must not turn black (white, as MONOCHROME1) once the pixel
// pipeline masks to Bits Stored.
func TestLossyOvershootClamped(t *testing.T) {
	dir := dcmtest.Shared(t)
	dcmtest.Need(t, "gdcmconv")
	in := filepath.Join(dir, "photometric", "CR_MONO1_10bit_chest.dcm")
	ref := dcmtest.Native(t, t.TempDir(), in)
	f := dcmtest.Convert(t, t.TempDir(), "gdcmconv", in, "--j2k", "--lossy", "-q", "60")
	if f.Info.BitsStored != 10 {
		t.Fatalf("converted file stores %d bits", f.Info.BitsStored)
	}
	src, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ref.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, len(want))
	if _, err := Decode(out, src, f.Info); err != nil {
		t.Fatal(err)
	}
	var atMax, wrapped int
	for p := 0; p+1 < len(out); p += 2 {
		v := int(binary.LittleEndian.Uint16(out[p:]))
		if v > 1023 {
			t.Fatalf("sample %d decoded as %d, over 10 bits", p/2, v)
		}
		if v == 1023 {
			atMax++
		}
		if binary.LittleEndian.Uint16(want[p:]) > 900 && v < 300 {
			wrapped++
		}
	}
	if wrapped > 0 {
		t.Errorf("%d bright pixels decoded dark", wrapped)
	}
	if atMax == 0 {
		t.Error("no sample reached 1023: the codestream does not overshoot, so the test checks nothing")
	}
	t.Logf("%d samples clamped at 1023", atMax)
}
