//go:build cgo

package jpeg2000

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

func BenchmarkDecodePhantom1024(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "gdcmconv", "--j2k")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDecodePhantom1024Lossy(b *testing.B) {
	src, info, _ := dcmtest.Encoded(b, "gdcmconv", "--j2k", "--lossy", "-q", "40")
	dcmtest.Bench(b, src, info, nil, 0)
}

func BenchmarkDecodeXA1024(b *testing.B) {
	src, info, want := dcmtest.XA1(b, "gdcmconv", "--j2k")
	dcmtest.Bench(b, src, info, want, 0)
}

// DCMTK 3.6.7 has no free JPEG 2000 codec; GDCM is the C reference.
func BenchmarkGDCM(b *testing.B) {
	dcmtest.BenchTool(b, "gdcmconv", []string{"--j2k"}, "gdcmconv", "--raw")
}
