package jpeg

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// The reference is dcmdjpeg +cg: IJG's decoding, converting YCbCr to RGB
// whenever libjpeg's conventions say the stream is YCbCr, as Decode does.
var ref = []string{"dcmdjpeg", "+cg"}

// tolGrey and tolColour are the largest differences allowed against
// DCMTK: none, since the sequential decoder uses IJG's integer IDCT and
// libjpeg's upsampling and colour conversion.
const (
	tolGrey   = 0
	tolColour = 0
)

func TestGenerated(t *testing.T) {
	var cases []dcmtest.Case
	grey := []string{"xa_rf/RF_GE_1024_explicit.dcm", "cine/MR_heart_16f_explicit.dcm", "suyash/6.dcm"}
	for _, src := range grey {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+eb"}, TS: codec.JPEGBaseline8Bit, Tol: tolGrey, Ref: ref},
			dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+ee"}, TS: codec.JPEGExtended12Bit, Tol: tolGrey, Ref: ref},
			dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--jpeg", "--lossy", "-q", "90"}, TS: codec.JPEGBaseline8Bit, Tol: tolGrey, Ref: ref},
		)
	}
	// dcmcjpeg +ee writes 12-bit SOF1 for sources of more than 8 bits.
	for _, src := range []string{"transfer_syntax/CTImage_1.2.840.10008.1.2.1.dcm", "xa_rf/XA1_wg04_uncompressed.dcm", "suyash/3.dcm", "suyash/5.dcm"} {
		cases = append(cases,
			dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+ee"}, TS: codec.JPEGExtended12Bit, Tol: tol12, Ref: ref},
			dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: []string{"+ee", "+q", "50", "-ot", "+fs", "4"}, TS: codec.JPEGExtended12Bit, Tol: tol12, Ref: ref},
		)
	}
	cases = append(cases,
		// 16-bit sources are rescaled to 8 bits by dcmcjpeg +eb.
		dcmtest.Case{Src: "suyash/5.dcm", Tool: "dcmcjpeg", Args: []string{"+eb", "+fs", "8", "-ot"}, TS: codec.JPEGBaseline8Bit, Tol: tolGrey, Ref: ref},
		dcmtest.Case{Src: "xa_rf/XA1_wg04_uncompressed.dcm", Tool: "dcmcjpeg", Args: []string{"+eb", "+q", "75"}, TS: codec.JPEGBaseline8Bit, Tol: tolGrey, Ref: ref},
	)
	for _, src := range []string{"photometric/SC_rgb_8bit.dcm", "photometric/SC_rgb_planar1.dcm", "photometric/SC_ybr_full.dcm"} {
		for _, args := range [][]string{
			{"+eb"},             // YBR_FULL_422, 4:2:2, JFIF
			{"+eb", "+s4"},      // YBR_FULL, 4:4:4
			{"+eb", "+n2"},      // YBR_FULL labelled, 4:2:2
			{"+eb", "+n1"},      // 4:1:1
			{"+eb", "+cr"},      // RGB, Adobe transform 0
			{"+ee", "+q", "60"}, // SOF1 8-bit colour
			{"+eb", "+fs", "1"}, // fragmented
		} {
			ts := codec.JPEGBaseline8Bit
			if args[0] == "+ee" {
				ts = codec.JPEGExtended12Bit
			}
			cases = append(cases, dcmtest.Case{Src: src, Tool: "dcmcjpeg", Args: args, TS: ts, Tol: tolColour, Ref: ref})
		}
		if strings.Contains(src, "rgb") {
			// GDCM: 4:2:0 YCbCr data labelled RGB, without JFIF or Adobe
			// marker. (It refuses YBR_FULL sources.)
			cases = append(cases, dcmtest.Case{Src: src, Tool: "gdcmconv", Args: []string{"--jpeg", "--lossy", "-q", "90"}, TS: codec.JPEGBaseline8Bit, Tol: tolColour, Ref: ref})
		}
	}
	dcmtest.RunCases(t, cases)
}

func TestReal(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, tc := range []struct {
		file string
		tol  int
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.50.dcm", tolGrey},
		{"transfer_syntax/TestPattern_jpeg50_ybr422.dcm", tolColour},
		{"transfer_syntax/TestPattern_jpeg50_ybrfull.dcm", tolColour},
		{"photometric/OT_jpeg50_voilut_modlut_overlay.dcm", tolGrey},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			enc, err := dcmtest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			r := dcmtest.Convert(t, t.TempDir(), ref[0], path, ref[1:]...)
			max := dcmtest.Compare(t, enc, r, tc.tol)
			t.Logf("%d frame(s) %d×%d×%d %s: max diff %d", enc.Frames, enc.Info.Columns, enc.Info.Rows,
				enc.Info.SamplesPerPixel, enc.Info.Photometric, max)
		})
	}
}

// TestMultiframeUS decodes the 65-frame YBR_FULL_422 ultrasound cine, whose
// header is malformed enough that DCMTK and GDCM refuse it: every frame
// must decode to RGB.
func TestMultiframeUS(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "cine", "US_65f_jpeg50_frametimevector.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Frames != 65 {
		t.Fatalf("%d frames", f.Frames)
	}
	for i := 0; i < f.Frames; i++ {
		_, res, err := dcmtest.Decode(t, f, i)
		if err != nil || res.Photometric != "RGB" {
			t.Fatalf("frame %d: %v, %q", i, err, res.Photometric)
		}
	}
}

// Test12Bit compares 12-bit JPEG Extended, which image/jpeg cannot decode,
// with DCMTK's IJG 12-bit decoding.
func Test12Bit(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, name := range []string{
		"transfer_syntax/CTImage_1.2.840.10008.1.2.4.51.dcm",
		"xa_rf/XA1_wg04_jply51.dcm",
		"transfer_syntax/CT0012_2f_fragmented_nobot_jpeg51.dcm",
	} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			path := filepath.Join(dir, name)
			enc, err := dcmtest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			r := dcmtest.Convert(t, t.TempDir(), "dcmdjpeg", path)
			t.Logf("%d frame(s): max diff %d", enc.Frames, dcmtest.Compare(t, enc, r, tol12))
		})
	}
	for _, ts := range []string{"1.2.840.10008.1.2.4.53", "1.2.840.10008.1.2.4.55"} {
		if _, err := codec.Lookup(ts); err == nil || !strings.Contains(err.Error(), "retired") {
			t.Errorf("Lookup(%s) = %v, want unavailable", ts, err)
		}
	}
}

// tol12 is 0: the 12-bit path uses IJG's own integer IDCT.
const tol12 = 0

func TestCorrupt(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "transfer_syntax", "CTImage_1.2.840.10008.1.2.4.50.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	sof := strings.Index(string(good), "\xff\xc0")
	patch := func(off int, b ...byte) []byte {
		c := append([]byte(nil), good...)
		copy(c[off:], b)
		return c
	}
	info := f.Info
	rgb := info
	rgb.SamplesPerPixel = 3
	big := info
	big.Rows, big.Columns = 4096, 4096
	dcmtest.CheckCorrupt(t, "jpeg: ", []dcmtest.Corruption{
		{"empty", nil, info, "missing SOI", true},
		{"no SOF", good[:sof], info, "no frame header", true},
		{"segment too long", patch(sof+2, 0xFF, 0xF0), info, "exceeds the", true},
		{"wrong size", good, big, "SOF0 declares 512×512, DICOM Columns×Rows 4096×4096", false},
		{"huge SOF", patch(sof+5, 0xFF, 0xFF, 0xFF, 0xFF), info, "SOF0 declares 65535×65535", false},
		{"wrong components", good, rgb, "SOF0 declares 1 components, DICOM Samples per Pixel 3", false},
		{"precision 9", patch(sof+4, 9), info, "precision 9", true},
		{"lossless", patch(sof+1, 0xC3), info, "lossless (SOF3)", true},
		{"arithmetic", patch(sof+1, 0xC9), info, "SOF9", false},
		{"truncated", good[:len(good)/2], info, "jpeg: corrupt codestream", true},
		{"12-bit into 8 bits", patch(sof+4, 12), info, "12-bit samples do not fit DICOM Bits Allocated 8", false},
	})
}

func TestCorrupt12(t *testing.T) {
	f, err := dcmtest.Read(filepath.Join(dcmtest.Shared(t), "transfer_syntax", "CTImage_1.2.840.10008.1.2.4.51.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := f.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	at := func(m byte) int { return strings.Index(string(good), string([]byte{0xFF, m})) }
	patch := func(off int, b ...byte) []byte {
		c := append([]byte(nil), good...)
		copy(c[off:], b)
		return c
	}
	sos, dqt, dht := at(0xDA), at(0xDB), at(0xC4)
	flip := append([]byte(nil), good...)
	for i := sos + 40; i < len(flip); i += 53 {
		flip[i] ^= 0x24
	}
	for _, tc := range []struct {
		name string
		src  []byte
		want string
	}{
		{"truncated", good[:len(good)*2/3], "ends early"},
		{"no scan", good[:sos], "no scan"},
		{"DQT table 5", patch(dqt+4, 0x05), "DQT table 5"},
		{"DHT table 7", patch(dht+4, 0x07), "DHT table class 0 id 7"},
		{"DHT counts", patch(dht+5, 2), "DHT table"},
		{"SOS undefined table", patch(sos+6, 0x33), "undefined Huffman tables 3/3"},
		{"bit flips", flip, "corrupt codestream"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, _ := f.Info.FrameBytes()
			_, err := codec.Decode(make([]byte, n), tc.src, f.Info)
			if err == nil || !errors.Is(err, codec.ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrCorrupt with %q", err, tc.want)
			}
		})
	}
}

func TestWiden(t *testing.T) {
	dir := dcmtest.Shared(t)
	for _, name := range []string{"transfer_syntax/TestPattern_jpeg50_ybr422.dcm", "transfer_syntax/CTImage_1.2.840.10008.1.2.4.50.dcm"} {
		f, err := dcmtest.Read(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		dcmtest.CheckWiden(t, f)
	}
}
