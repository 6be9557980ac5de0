package rle

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

func BenchmarkDecodePhantom1024(b *testing.B) {
	src, info, want := dcmtest.Encoded(b, "dcmcrle")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDecodeXA1024(b *testing.B) {
	src, info, want := dcmtest.XA1(b, "dcmcrle")
	dcmtest.Bench(b, src, info, want, 0)
}

func BenchmarkDCMTK(b *testing.B) { dcmtest.BenchTool(b, "dcmcrle", nil, "dcmdrle") }
