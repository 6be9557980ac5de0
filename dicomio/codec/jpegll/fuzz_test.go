package jpegll

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// FuzzDecode checks that Decode never panics and that a successful decode
// writes every byte of dst and is deterministic: dst pre-filled with 0x00
// and with 0xFF must come out equal.
func FuzzDecode(f *testing.F) {
	for i, c := range encCases() {
		if c.info.Rows*c.info.Columns > 1000 {
			continue
		}
		src := encode(testFrame(c.info, c.o.prec, uint64(i)), c.info, c.o)
		f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.SamplesPerPixel), uint8(c.info.BitsAllocated))
	}
	// Small DCMTK frames (with JFIF APP0), when dcmcjpeg is there.
	for _, c := range []struct {
		info codec.Info
		args []string
	}{
		{codec.Info{Rows: 12, Columns: 21, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}, []string{"+el", "+sv", "6"}},
		{codec.Info{Rows: 9, Columns: 8, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8, Photometric: "RGB"}, []string{"+e1"}},
	} {
		if src := dcmtest.Seed(f, c.info, "dcmcjpeg", c.args...); src != nil {
			f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.SamplesPerPixel), uint8(c.info.BitsAllocated))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, spp, bits uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: int(spp),
			BitsAllocated: int(bits), BitsStored: int(bits), TransferSyntax: codec.JPEGLossless}
		dcmtest.CheckDecode(t, Decode, src, info, "jpegll: ")
	})
}
