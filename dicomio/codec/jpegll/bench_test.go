package jpegll

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

func BenchmarkDecodePhantom1024SV1(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "dcmcjpeg", "+e1")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDecodePhantom1024SV6(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "dcmcjpeg", "+el", "+sv", "6")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDecodeXA1024SV1(b *testing.B) {
	src, info, want := dcmtest.XA1(b, "dcmcjpeg", "+e1")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDCMTKSV1(b *testing.B) { dcmtest.BenchTool(b, "dcmcjpeg", []string{"+e1"}, "dcmdjpeg") }

func BenchmarkGDCMSV1(b *testing.B) {
	dcmtest.BenchTool(b, "dcmcjpeg", []string{"+e1"}, "gdcmconv", "--raw")
}
