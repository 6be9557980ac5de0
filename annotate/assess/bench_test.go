package assess

import (
	"bytes"
	"github.com/hsgview/hsgview/annotate/report"
	"testing"
)

func BenchmarkGenerateImpression(b *testing.B) {
	r := exampleReport()
	for b.Loop() {
		GenerateImpression(r)
	}
}

func BenchmarkValidate(b *testing.B) {
	r := exampleReport()
	for b.Loop() {
		Validate(r)
	}
}

func BenchmarkMarshal(b *testing.B) {
	r := exampleReport()
	for b.Loop() {
		if _, err := r.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	data, err := exampleReport().Marshal()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := report.Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
