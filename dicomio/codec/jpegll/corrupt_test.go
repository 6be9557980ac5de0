package jpegll

import (
	"bytes"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// find returns the offset of the first marker m in a test stream (the
// streams of the test encoder have no 0xFF m pairs before their segments).
func find(src []byte, m byte) int {
	return bytes.Index(src, []byte{0xFF, m})
}

func patch(src []byte, off int, b ...byte) []byte {
	c := bytes.Clone(src)
	copy(c[off:], b)
	return c
}

func TestCorrupt(t *testing.T) {
	info := codec.Info{Rows: 9, Columns: 16, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12,
		Photometric: "MONOCHROME2", TransferSyntax: codec.JPEGLossless}
	frame := testFrame(info, 12, 1)
	good := encode(frame, info, encOpts{prec: 12, pred: 1})
	rst := encode(frame, info, encOpts{prec: 12, pred: 1, ri: 16})
	rgb := info
	rgb.SamplesPerPixel = 3
	planar := encode(testFrame(rgb, 12, 2), rgb, encOpts{prec: 12, pred: 1, planar: true})
	sof, dhtAt, sos := find(good, sof3), find(good, dht), find(good, 0xDA)
	lastScan := bytes.LastIndex(planar, []byte{0xFF, 0xDA})

	dcmtest.CheckCorrupt(t, "jpegll: ", []dcmtest.Corruption{
		{"empty", nil, info, "missing SOI", true},
		{"no SOI", good[2:], info, "missing SOI", true},
		{"only SOI", good[:2], info, "no SOF3", true},
		{"garbage after SOI", patch(good, 2, 0x12), info, "expected a marker at offset 2", true},
		{"segment too long", patch(good, sof+2, 0x7F, 0xFF), info, "exceeds the", true},
		{"segment length 1", patch(good, sof+2, 0, 1), info, "segment 0xC3 of length 1", true},
		{"wrong size", good, codec.Info{Rows: 1024, Columns: 1024, SamplesPerPixel: 1, BitsAllocated: 16,
			TransferSyntax: codec.JPEGLossless}, "SOF3 declares 16×9, DICOM Columns×Rows 1024×1024", false},
		{"huge SOF", patch(good, sof+5, 0xFF, 0xFF, 0xFF, 0xFF), info, "SOF3 declares 65535×65535", false},
		{"wrong components", good, rgb, "SOF3 declares 1 components, DICOM Samples per Pixel 3", false},
		{"precision over allocated", good, codec.Info{Rows: 9, Columns: 16, SamplesPerPixel: 1, BitsAllocated: 8,
			TransferSyntax: codec.JPEGLossless}, "precision 12 does not fit DICOM Bits Allocated 8", false},
		{"precision 1", patch(good, sof+4, 1), info, "precision 1 is outside", true},
		{"precision 17", patch(good, sof+4, 17), info, "precision 17 is outside", true},
		{"zero lines", patch(good, sof+5, 0, 0), info, "DNL", false},
		{"subsampled", patch(good, sof+11, 0x21), info, "sampling factors 2×1", false},
		{"DHT id 4", patch(good, dhtAt+4, 0x04), info, "DHT table class 0 id 4", true},
		{"DHT value 17", patch(good, dhtAt+4+17, 17), info, "DHT value 17", true},
		{"DHT over-subscribed", patch(good, dhtAt+5, 3), info, "over-subscribed at length 1", true},
		{"DHT truncated", patch(good, dhtAt+2, 0, 10), info, "DHT segment is truncated", true},
		{"SOS undefined table", patch(good, sos+6, 0x20), info, "undefined Huffman table 2", true},
		{"SOS unknown component", patch(good, sos+5, 9), info, "SOS names component 9", true},
		{"SOS before SOF", patch(good, sof+1, 0xE1), info, "SOS before SOF3", true},
		{"predictor 0", patch(good, sos+7, 0), info, "predictor 0 is outside", true},
		{"predictor 8", patch(good, sos+7, 8), info, "predictor 8 is outside", true},
		{"point transform", patch(good, sos+9, 12), info, "point transform 12 with precision 12", true},
		{"truncated", good[:len(good)-40], info, "entropy-coded data ends early", true},
		{"truncated restart", rst[:len(rst)-20], info, "", true},
		{"restart not whole lines", patch(rst, find(rst, dri)+4, 0, 17), info, "restart interval of 17 MCUs", false},
		{"RST without DRI", patch(rst, find(rst, dri)+4, 0, 0), info, "RST markers in a scan without a restart interval", true},
		{"missing scan", append(bytes.Clone(planar[:lastScan]), 0xFF, eoi), rgb, "no scan decodes component 1 of 3", true},
		{"DCT frame", patch(good, sof+1, sof0), info, "DCT-based (SOF0)", true},
		{"arithmetic", patch(good, sof+1, 0xCB), info, "SOF11", false},
		{"two SOI", patch(good, sof, 0xFF, soi), info, "unexpected marker 0xD8", true},
	})
}

// TestTolerated lists stream quirks that real files have and that must
// decode: fill bytes before markers, a missing EOI, padding after EOI, and
// RST markers in the entropy data.
func TestTolerated(t *testing.T) {
	info := codec.Info{Rows: 9, Columns: 16, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12,
		Photometric: "MONOCHROME2", TransferSyntax: codec.JPEGLossless}
	frame := testFrame(info, 12, 1)
	want := expected(frame, info, 12, 0)
	good := encode(frame, info, encOpts{prec: 12, pred: 3, app0: true, ri: 32})
	sof := find(good, sof3)
	fill := append(append(bytes.Clone(good[:sof]), 0xFF, 0xFF, 0xFF), good[sof:]...)
	for name, src := range map[string][]byte{
		"fill bytes":  fill,
		"no EOI":      good[:len(good)-2],
		"padding":     append(bytes.Clone(good), 0, 0, 0, 0),
		"tem marker":  append(append(bytes.Clone(good[:sof]), 0xFF, tem), good[sof:]...),
		"second EOI+": append(bytes.Clone(good), 0xFF, eoi, 0xFF),
	} {
		got := make([]byte, len(want))
		if _, err := Decode(got, src, info); err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s: wrong samples", name)
		}
	}
}
