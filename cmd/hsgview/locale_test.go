package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNoLocaleNoise runs the real binary under the C.UTF-8 locale of a
// minimal Debian machine: a command prints nothing on stderr (Fyne logged
// "Error parsing user locale C" on every start before cleanlocale).
func TestNoLocaleNoise(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found: cannot build the binary")
	}
	bin := filepath.Join(t.TempDir(), "hsgview")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "codecs")
	var env []string
	for _, kv := range os.Environ() {
		switch {
		case len(kv) > 5 && kv[:5] == "LANG=", len(kv) > 9 && kv[:9] == "LANGUAGE=", len(kv) > 7 && kv[:7] == "LC_ALL=", len(kv) > 12 && kv[:12] == "LC_MESSAGES=":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("hsgview codecs: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr under LANG=C.UTF-8:\n%s", stderr.String())
	}
}
