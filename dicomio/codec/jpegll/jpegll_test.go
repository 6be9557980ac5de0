package jpegll

import (
	"fmt"
	"path/filepath"
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
	"cine/MR_heart_16f_explicit.dcm",                  // 16 frames, 8-bit
	"suyash/3.dcm",                                    // MR 12 of 16 bits
	"suyash/5.dcm",                                    // CT, 2 frames, 16-bit
}

func TestGenerated(t *testing.T) {
	var cases []dcmtest.Case
	for _, src := range sources {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+e1"}, TS: codec.JPEGLosslessSV1},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--jpeg"}, TS: codec.JPEGLosslessSV1},
		)
		for sv := 1; sv <= 7; sv++ {
			cases = append(cases, dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+el", "+sv", fmt.Sprint(sv)}, TS: codec.JPEGLossless})
		}
	}
	cases = append(cases,
		// 4.dcm is large (2140×1760): one predictor is enough.
		dcmtest.Case{Src: "suyash/4.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", "6"}, TS: codec.JPEGLossless},
		// Frames split into 8 KiB fragments, with and without an offset table.
		dcmtest.Case{Src: "suyash/5.dcm", Tool: "dcmcjpeg", Args: []string{"+e1", "+fs", "8"}, TS: codec.JPEGLosslessSV1},
		dcmtest.Case{Src: "suyash/5.dcm", Tool: "dcmcjpeg", Args: []string{"+e1", "+fs", "8", "-ot"}, TS: codec.JPEGLosslessSV1},
		dcmtest.Case{Src: "cine/MR_heart_16f_explicit.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", "4", "-ot"}, TS: codec.JPEGLossless},
		// DCMTK's old "pseudo-lossless" codec forced to 16-bit precision for
		// 8- and 12-bit data; it rescales, so IJG's decoding is the reference.
		dcmtest.Case{Src: "suyash/3.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", "7", "+pl", "+bs"}, TS: codec.JPEGLossless, Ref: []string{"dcmdjpeg"}},
		dcmtest.Case{Src: "xa_rf/RF_GE_1024_explicit.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", "1", "+pl", "+bs"}, TS: codec.JPEGLossless, Ref: []string{"dcmdjpeg"}},
	)
	// Point transform: lossy by design, so the reference is IJG's decoding.
	for _, pt := range []string{"1", "3"} {
		for _, sv := range []string{"1", "5"} {
			cases = append(cases,
				dcmtest.Case{Src: "suyash/3.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", sv, "+pt", pt}, TS: codec.JPEGLossless, Ref: []string{"dcmdjpeg"}},
				dcmtest.Case{Src: "photometric/SC_rgb_8bit.dcm", Tool: "dcmcjpeg", Args: []string{"+el", "+sv", sv, "+pt", pt}, TS: codec.JPEGLossless, Ref: []string{"dcmdjpeg"}},
			)
		}
	}
	dcmtest.RunCases(t, cases)
}

// TestReal decodes the JPEG Lossless files of the shared corpus and
// compares them with their uncompressed originals or with DCMTK's decoding.
func TestReal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file, native string // native empty: reference by dcmdjpeg
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.57.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm"},
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.70.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm"},
		{"xa_rf/XA1_wg04_jpll70.dcm", "xa_rf/XA1_wg04_uncompressed.dcm"},
		{"xa_rf/XA_catheter_12f_jpegll70.dcm", ""},
		{"transfer_syntax/TestPattern_jpeg70_rgb.dcm", ""},
		{"photometric/CR_MONO1_jpeg70_modalitylut.dcm", ""},
		{"photometric/CT_jpeg70_overlay_2WC.dcm", ""},
		{"photometric/MG_jpeg70_3windows_voilut.dcm", ""},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			enc, err := dcmtest.Read(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var ref *dcmtest.File
			if tc.native == "" {
				ref = dcmtest.Convert(t, t.TempDir(), "dcmdjpeg", filepath.Join(dir, tc.file))
			} else if ref, err = dcmtest.Read(filepath.Join(dir, tc.native)); err != nil {
				t.Fatal(err)
			}
			max := dcmtest.Compare(t, enc, ref, 0)
			t.Logf("%d frame(s) %d×%d×%d: max diff %d", enc.Frames, enc.Info.Columns, enc.Info.Rows, enc.Info.SamplesPerPixel, max)
		})
	}
}

func TestWiden(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "xa_rf", "XA_catheter_12f_jpegll70.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	dcmtest.CheckWiden(t, f)
}
