package synth

import (
	"os"
	"testing"
)

// TestWriteDemoForViewing writes the default study to $HSG_SYNTH_OUT, to
// look at it with a viewer or dcmj2pnm while working on the phantom.
func TestWriteDemoForViewing(t *testing.T) {
	dir := os.Getenv("HSG_SYNTH_OUT")
	if dir == "" {
		t.Skip("set HSG_SYNTH_OUT to a directory to write the demo study there")
	}
	if _, err := Generate(dir, Options{}); err != nil {
		t.Fatal(err)
	}
}
