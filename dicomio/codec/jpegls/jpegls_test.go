//go:build cgo

package jpegls

import (
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
	"cine/MR_heart_16f_explicit.dcm",                  // 16 frames, 8-bit
	"suyash/3.dcm",                                    // MR 12 of 16 bits
	"suyash/5.dcm",                                    // CT, 2 frames
}

func TestGenerated(t *testing.T) {
	var cases []dcmtest.Case
	for _, src := range sources {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcjpls", Args: []string{"+el"}, TS: codec.JPEGLSLossless},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--jpegls"}, TS: codec.JPEGLSLossless},
		)
		if !strings.Contains(src, "CTImage") { // dcmcjpls +en refuses signed pixels
			cases = append(cases,
				dcmtest.Case{Src: src, Tool: "dcmcjpls", Args: []string{"+en"}, TS: codec.JPEGLSNearLossless, Tol: 2},
				dcmtest.Case{Src: src, Tool: "dcmcjpls", Args: []string{"+en", "+md", "5"}, TS: codec.JPEGLSNearLossless, Tol: 5},
			)
		}
	}
	for _, src := range []string{"photometric/SC_rgb_8bit.dcm", "photometric/SC_rgb_planar1.dcm"} {
		for _, ilv := range []string{"+il", "+is", "+in"} {
			cases = append(cases, dcmtest.Case{Src: src, Tool: "dcmcjpls", Args: []string{"+el", ilv}, TS: codec.JPEGLSLossless})
		}
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcjpls", Args: []string{"+en", "+in"}, TS: codec.JPEGLSNearLossless, Tol: 2},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--jpegls"}, TS: codec.JPEGLSLossless},
		)
	}
	cases = append(cases,
		dcmtest.Case{Src: "suyash/5.dcm", Tool: "dcmcjpls", Args: []string{"+el", "+fs", "8", "-ot"}, TS: codec.JPEGLSLossless},
		dcmtest.Case{Src: "suyash/4.dcm", Tool: "dcmcjpls", Args: []string{"+el", "+pz"}, TS: codec.JPEGLSLossless},
	)
	dcmtest.RunCases(t, cases)
}

func TestReal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file, native string // native empty: reference by dcmdjpls
		tol          int
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.80.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", 0},
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.81.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", -1},
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.81.dcm", "", 0},
		{"transfer_syntax/CT0012_2f_fragmented_nobot_jpegls80.dcm", "suyash/5.dcm", 0},
		{"transfer_syntax/TestPattern_jpegls80_rgb.dcm", "", 0},
		{"photometric/PT_14bit_jpegls_rescale.dcm", "", 0},
		{"photometric/SC_jpegls_15bit_signed.dcm", "", 0},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			enc, err := dcmtest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			tol := tc.tol
			if tol < 0 { // the NEAR of the codestream
				src, err := enc.Frame(0)
				if err != nil {
					t.Fatal(err)
				}
				h, err := ReadHeader(src)
				if err != nil {
					t.Fatal(err)
				}
				tol = h.Near
				t.Logf("NEAR %d", h.Near)
			}
			var ref *dcmtest.File
			switch {
			case tc.native == "":
				ref = dcmtest.Convert(t, t.TempDir(), "dcmdjpls", path)
			case strings.HasPrefix(tc.native, "suyash/"):
				ref, err = dcmtest.Read(filepath.Join(dcmtest.Suyash(t), strings.TrimPrefix(tc.native, "suyash/")))
			default:
				ref, err = dcmtest.Read(filepath.Join(dir, tc.native))
			}
			if err != nil {
				t.Fatal(err)
			}
			max := dcmtest.Compare(t, enc, ref, tol)
			t.Logf("%d frame(s) %d×%d×%d, %d bits: max diff %d", enc.Frames, enc.Info.Columns, enc.Info.Rows,
				enc.Info.SamplesPerPixel, enc.Info.BitsStored, max)
		})
	}
}

func TestCorrupt(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "transfer_syntax", "CTImage_1.2.840.10008.1.2.4.80.dcm"))
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
	flip := append([]byte(nil), good...)
	for i := 200; i < len(flip); i += 97 {
		flip[i] ^= 0x5A
	}
	dcmtest.CheckCorrupt(t, "jpegls: ", []dcmtest.Corruption{
		{"empty", nil, info, "empty frame", true},
		{"not JPEG-LS", []byte("hello, world"), info, "CharLS", true},
		{"wrong size", good, big, "declares 512×512, DICOM Columns×Rows 1024×1024", false},
		{"wrong components", good, rgb, "declares 1 components, DICOM Samples per Pixel 3", false},
		{"bits over allocated", good, small, "16 bits per sample do not fit DICOM Bits Allocated 8", false},
		{"truncated", good[:len(good)/2], info, "CharLS", true},
		{"bit flips", flip, info, "CharLS", true},
	})
}

func TestWiden(t *testing.T) {
	src := filepath.Join(dcmtest.Shared(t), "photometric", "SC_rgb_8bit.dcm")
	dcmtest.CheckWiden(t, dcmtest.Convert(t, t.TempDir(), "dcmcjpls", src, "+el", "+in"))
}

// TestStreamEnd covers how a frame may end: without EOI (complete data:
// decodes; truncated data: fails with ErrCorrupt, and at once, because
// Decode appends the EOI that CharLS otherwise spins for seconds without),
// and with zero padding before EOI, which CharLS 2.4 rejects by itself.
func TestStreamEnd(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "transfer_syntax", "CTImage_1.2.840.10008.1.2.4.80.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	e := eoi(good)
	if e < 0 {
		t.Fatal("test frame has no EOI")
	}
	body := good[:e]
	n, _ := f.Info.FrameBytes()
	want := make([]byte, n)
	if _, err := Decode(want, good, f.Info); err != nil {
		t.Fatal(err)
	}
	join := func(parts ...[]byte) []byte {
		var out []byte
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	eoiMarker := []byte{0xFF, 0xD9}
	for _, tc := range []struct {
		name string
		src  []byte
		ok   bool
	}{
		{"no EOI", body, true},
		{"padding after EOI", join(body, eoiMarker, []byte{0}), true},
		{"one zero before EOI", join(body, []byte{0}, eoiMarker), true},
		{"two zeros before EOI", join(body, []byte{0, 0}, eoiMarker), true},
		{"fill byte before EOI", join(body, []byte{0xFF}, eoiMarker), true},
		{"truncated at 100", good[:100], false},
		{"truncated at a third", good[:len(good)/3], false},
		{"truncated 10 bytes short", good[:e-10], false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := make([]byte, n)
			_, err := Decode(got, tc.src, f.Info)
			switch {
			case tc.ok && err != nil:
				t.Fatal(err)
			case tc.ok && !dcmtest.Equal(got, want):
				t.Error("samples differ")
			case !tc.ok && !errors.Is(err, codec.ErrCorrupt):
				t.Errorf("error %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestWithEOI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\xff\xd8ab\xff\xd9", "\xff\xd8ab\xff\xd9"},
		{"\xff\xd8ab\xff\xd9\x00", "\xff\xd8ab\xff\xd9\x00"},
		{"\xff\xd8ab", "\xff\xd8ab\xff\xd9"},
		{"\xff\xd8ab\x00", "\xff\xd8ab\x00\xff\xd9"},
	} {
		if got := string(withEOI([]byte(tc.in))); got != tc.want {
			t.Errorf("withEOI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, ok := withoutPadding([]byte("\xff\xd8ab\x00\x00\xff\xd9\x00")); !ok || string(got) != "\xff\xd8ab\xff\xd9" {
		t.Errorf("withoutPadding = %q, %v", got, ok)
	}
	if _, ok := withoutPadding([]byte("\xff\xd8ab\xff\xd9")); ok {
		t.Error("withoutPadding found padding where there is none")
	}
}
