package synth

import "testing"

// BenchmarkEncode measures building the default demo study in memory.
func BenchmarkEncode(b *testing.B) {
	for b.Loop() {
		if _, _, err := Encode(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate measures building and writing the default demo study.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Generate(dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
