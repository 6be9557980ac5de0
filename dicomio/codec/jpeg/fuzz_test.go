package jpeg

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// FuzzDecode exercises the package's own sequential decoder, grey and
// colour (and, through it, the header checks in front of image/jpeg):
// Decode must not panic, and a successful decode must write every byte of
// dst, deterministically.
func FuzzDecode(f *testing.F) {
	for _, c := range []struct {
		info codec.Info
		args []string
	}{
		{codec.Info{Rows: 20, Columns: 27, BitsAllocated: 16, BitsStored: 12, SamplesPerPixel: 1}, []string{"+ee"}},
		{codec.Info{Rows: 16, Columns: 16, BitsAllocated: 16, BitsStored: 12, SamplesPerPixel: 1}, []string{"+ee", "+q", "40"}},
		{codec.Info{Rows: 17, Columns: 9, BitsAllocated: 8, BitsStored: 8, SamplesPerPixel: 1}, []string{"+eb"}},
		{codec.Info{Rows: 17, Columns: 21, BitsAllocated: 8, BitsStored: 8, SamplesPerPixel: 3}, []string{"+eb"}},       // 4:2:2
		{codec.Info{Rows: 9, Columns: 13, BitsAllocated: 8, BitsStored: 8, SamplesPerPixel: 3}, []string{"+eb", "+s4"}}, // 4:4:4
		{codec.Info{Rows: 18, Columns: 35, BitsAllocated: 8, BitsStored: 8, SamplesPerPixel: 3}, []string{"+eb", "+n1"}},
		{codec.Info{Rows: 16, Columns: 16, BitsAllocated: 8, BitsStored: 8, SamplesPerPixel: 3}, []string{"+eb", "+cr"}}, // RGB
	} {
		c.info.Photometric = "MONOCHROME2"
		if c.info.SamplesPerPixel == 3 {
			c.info.Photometric = "RGB"
		}
		if src := dcmtest.Seed(f, c.info, "dcmcjpeg", c.args...); src != nil {
			f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.BitsAllocated), uint8(c.info.SamplesPerPixel))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, bits, spp uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: 1, BitsAllocated: int(bits),
			BitsStored: int(bits), Photometric: "MONOCHROME2", TransferSyntax: codec.JPEGExtended12Bit}
		if spp == 3 {
			info.SamplesPerPixel, info.Photometric = 3, "YBR_FULL_422"
		}
		dcmtest.CheckDecode(t, Decode, src, info, "jpeg: ")
	})
}
