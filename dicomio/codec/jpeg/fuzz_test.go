package jpeg

import (
	"testing"

	"hsgview/dicomio/codec"
	"hsgview/dicomio/codec/internal/dcmtest"
)

// FuzzDecode exercises the package's own 12-bit decoder (and, through it,
// the header checks in front of image/jpeg): Decode must not panic, and a
// successful decode must write every byte of dst, deterministically.
func FuzzDecode(f *testing.F) {
	for _, c := range []struct {
		info codec.Info
		args []string
	}{
		{codec.Info{Rows: 20, Columns: 27, BitsAllocated: 16, BitsStored: 12}, []string{"+ee"}},
		{codec.Info{Rows: 16, Columns: 16, BitsAllocated: 16, BitsStored: 12}, []string{"+ee", "+q", "40"}},
		{codec.Info{Rows: 17, Columns: 9, BitsAllocated: 8, BitsStored: 8}, []string{"+eb"}},
	} {
		c.info.SamplesPerPixel, c.info.Photometric = 1, "MONOCHROME2"
		if src := dcmtest.Seed(f, c.info, "dcmcjpeg", c.args...); src != nil {
			f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.BitsAllocated))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, bits uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: 1, BitsAllocated: int(bits),
			BitsStored: int(bits), Photometric: "MONOCHROME2", TransferSyntax: codec.JPEGExtended12Bit}
		dcmtest.CheckDecode(t, Decode, src, info, "jpeg: ")
	})
}
