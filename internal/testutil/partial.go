package testutil

import (
	"os"
	"os/exec"
	"slices"
	"testing"

	"github.com/hsgview/hsgview/dicomio/synth"
)

// contrastTags are the Contrast/Bolus module attributes the phantom
// writes and a CD export may drop: agent, agent sequence, route, volume,
// start time, ingredient and its concentration.
var contrastTags = []string{"(0018,0010)", "(0018,0012)", "(0018,1040)", "(0018,1041)", "(0018,1042)",
	"(0018,1048)", "(0018,1049)"}

// PartialHSGExport writes the synth phantom (256×256 spots, a 4-frame
// run) under dir keeping only the images of the given roles (synth.Role…),
// as a partial export to CD does; with strip, DCMTK's dcmodify (an
// independent writer) removes their Contrast/Bolus module. It returns the
// manifest of the whole study and the images kept, in acquisition order.
// It skips t when dcmodify is needed and not installed.
func PartialHSGExport(t testing.TB, dir string, strip bool, roles ...string) (*synth.Study, []synth.Image) {
	t.Helper()
	var dcmodify string
	if strip {
		dcmodify = Tool(t, "dcmodify")
	}
	st, err := synth.Generate(dir, synth.Options{Rows: 256, Cols: 256, CineFrames: 4})
	if err != nil {
		t.Fatal(err)
	}
	var kept []synth.Image
	for _, im := range st.Images {
		if !slices.Contains(roles, im.Role) {
			if err := os.Remove(im.Path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		kept = append(kept, im)
		if strip {
			args := []string{"-nb", "-q"}
			for _, tg := range contrastTags {
				args = append(args, "-ea", tg)
			}
			if out, err := exec.Command(dcmodify, append(args, im.Path)...).CombinedOutput(); err != nil {
				t.Fatalf("dcmodify %s: %v\n%s", im.Path, err, out)
			}
		}
	}
	return st, kept
}
