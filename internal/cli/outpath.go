package cli

import (
	"fmt"
	"os"
	"strings"
)

// refuseOverInput returns an error when writing out would replace one of
// the inputs: the same path, another spelling of it, a symbolic or hard
// link to it. A zip entry ("a.zip!IMG1") counts as its archive. Outputs
// that do not exist yet cannot be an input.
func refuseOverInput(out string, inputs ...string) error {
	ost, err := os.Stat(out)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if i := strings.Index(in, "!"); i > 0 {
			if _, err := os.Stat(in); err != nil {
				in = in[:i]
			}
		}
		ist, err := os.Stat(in)
		if err != nil {
			continue
		}
		if os.SameFile(ost, ist) {
			return fmt.Errorf("refusing to write %s: it is the input %s", out, in)
		}
	}
	return nil
}
