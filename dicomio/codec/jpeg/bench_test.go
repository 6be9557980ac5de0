package jpeg

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// Baseline JPEG holds 8-bit samples only: dcmcjpeg +eb rescales the 12-bit
// phantom and the 10-bit XA frame to 8 bits, so there is no source to
// check against, only that decoding works.

func BenchmarkDecodePhantom1024(b *testing.B) {
	src, info, _ := dcmtest.Encoded(b, "dcmcjpeg", "+eb")
	dcmtest.Bench(b, src, info, nil, 0)
}

func BenchmarkDecodeXA1024(b *testing.B) {
	src, info, _ := dcmtest.XA1(b, "dcmcjpeg", "+eb")
	dcmtest.Bench(b, src, info, nil, 0)
}

func BenchmarkDCMTK(b *testing.B) { dcmtest.BenchTool(b, "dcmcjpeg", []string{"+eb"}, "dcmdjpeg") }

// The 12-bit path: dcmcjpeg +ee keeps the phantom's 12 bits.
func BenchmarkDecodePhantom1024Ext12(b *testing.B) {
	src, info, _ := dcmtest.Encoded(b, "dcmcjpeg", "+ee")
	dcmtest.Bench(b, src, info, nil, 0)
}

func BenchmarkDCMTKExt12(b *testing.B) { dcmtest.BenchTool(b, "dcmcjpeg", []string{"+ee"}, "dcmdjpeg") }
