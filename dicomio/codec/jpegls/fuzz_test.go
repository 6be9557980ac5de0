//go:build cgo

package jpegls

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// FuzzDecode feeds mutated streams to CharLS through Decode. Go's fuzzer
// sees no coverage inside C, so this is a smoke test of the header checks
// and of CharLS's own robustness: a crash in C would kill the worker.
func FuzzDecode(f *testing.F) {
	for _, c := range []struct {
		info codec.Info
		args []string
	}{
		{codec.Info{Rows: 14, Columns: 19, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}, []string{"+el"}},
		{codec.Info{Rows: 14, Columns: 19, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}, []string{"+en"}},
		{codec.Info{Rows: 8, Columns: 9, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8, Photometric: "RGB"}, []string{"+el", "+in"}},
	} {
		if src := dcmtest.Seed(f, c.info, "dcmcjpls", c.args...); src != nil {
			f.Add(src, uint16(c.info.Rows), uint16(c.info.Columns), uint8(c.info.SamplesPerPixel), uint8(c.info.BitsAllocated))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, spp, bits uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: int(spp),
			BitsAllocated: int(bits), BitsStored: int(bits), TransferSyntax: codec.JPEGLSLossless}
		dcmtest.CheckDecode(t, Decode, src, info, "jpegls: ")
	})
}
