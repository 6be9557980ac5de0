//go:build cgo

package jpegls

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

func BenchmarkDecodePhantom1024(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "dcmcjpls", "+el")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDecodePhantom1024Near2(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "dcmcjpls", "+en")
	dcmtest.Bench(b, src, info, want, 2)
}

func BenchmarkDecodeXA1024(b *testing.B) {
	src, info, want := dcmtest.XA1(b, "dcmcjpls", "+el")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDCMTK(b *testing.B) { dcmtest.BenchTool(b, "dcmcjpls", []string{"+el"}, "dcmdjpls") }
