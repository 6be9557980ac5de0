//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code, _ := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestRenderRefusesOverInput: render never writes over its input, named
// the same way, another way, or through a link; the file is unchanged.
func TestRenderRefusesOverInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.dcm")
	orig := testutil.Build(testutil.Spec{SOPInstance: "2.25.31"})
	os.WriteFile(in, orig, 0o600)
	os.Symlink(in, filepath.Join(dir, "link.dcm"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	for _, out := range []string{in, filepath.Join(dir, "sub", "..", "a.dcm"), filepath.Join(dir, "link.dcm")} {
		code, _, stderr := run("render", in, "--out", out)
		if code == ExitOK || !strings.Contains(stderr, "is the input") {
			t.Errorf("render --out %s: exit %d, %q", out, code, stderr)
		}
	}
	// The folder holding it as input, the file as output.
	if code, _, stderr := run("render", dir, "--out", in); code == ExitOK || !strings.Contains(stderr, "is the input") {
		t.Errorf("render DIR --out its file: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(in); !bytes.Equal(b, orig) {
		t.Fatal("the input was changed")
	}
	if code, _, stderr := run("render", in, "--out", filepath.Join(dir, "a.png")); code != ExitOK {
		t.Errorf("a fresh output: exit %d %s", code, stderr)
	}
}

// TestTerminalEscapes: control sequences in DICOM values and file names
// are escaped in info (text and JSON), dump and error messages.
func TestTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "evil.dcm")
	os.WriteFile(p, testutil.Build(testutil.Spec{PatientName: "Doe\x1b]0;pwned\x07^Jane\u009b2J"}), 0o600)
	bad := filepath.Join(dir, "x\x1b[31m.dcm")
	os.WriteFile(bad, []byte("garbage, not DICOM"), 0o600)
	for _, args := range [][]string{{"info", p, bad}, {"info", "--json", p, bad}, {"dump", p}, {"dump", bad}} {
		_, out, errs := run(args...)
		all := out + errs
		if strings.ContainsAny(all, "\x1b\x07\u009b") {
			t.Errorf("%v printed raw control characters: %q", args, all)
		}
		if !strings.Contains(all, "Doe") && !strings.Contains(all, "x\\x1b[31m.dcm") && !strings.Contains(all, `x\u001b[31m.dcm`) {
			t.Errorf("%v: %q", args, all)
		}
	}
}
