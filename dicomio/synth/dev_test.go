package synth

import (
	"os"
	"testing"
)

// TestWriteDemo writes the default study to $HSG_SYNTH_OUT, for looking at.
func TestWriteDemo(t *testing.T) {
	dir := os.Getenv("HSG_SYNTH_OUT")
	if dir == "" {
		t.Skip("set HSG_SYNTH_OUT to a directory to write the demo study there")
	}
	if _, err := Generate(dir, Options{}); err != nil {
		t.Fatal(err)
	}
}
