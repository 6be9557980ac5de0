//go:build cgo

package jpeg2000

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// FuzzDecode feeds mutated streams to OpenJPEG through Decode. Go's fuzzer
// sees no coverage inside C, so this is a smoke test of the header checks
// and of OpenJPEG's own robustness: a crash in C would kill the worker.
func FuzzDecode(f *testing.F) {
	for _, c := range []struct {
		info codec.Info
		args []string
	}{
		{codec.Info{Rows: 14, Columns: 19, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}, []string{"--j2k"}},
		{codec.Info{Rows: 14, Columns: 19, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}, []string{"--j2k", "--lossy", "-q", "40"}},
		{codec.Info{Rows: 8, Columns: 9, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8, Photometric: "RGB"}, []string{"--j2k"}},
	} {
		if src := dcmtest.Seed(f, c.info, "gdcmconv", c.args...); src != nil {
			f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.SamplesPerPixel), uint8(c.info.BitsAllocated))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, spp, bits uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: int(spp),
			BitsAllocated: int(bits), BitsStored: int(bits), TransferSyntax: codec.JPEG2000Lossless}
		dcmtest.CheckDecode(t, Decode, src, info, "jpeg2000: ")
	})
}
