package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestShortCommit(t *testing.T) {
	for in, want := range map[string]string{
		"0a329889c7dfa30a2889a7b0698b3f9ff9d1b41c":       "0a329889c7df",
		"0a329889c7dfa30a2889a7b0698b3f9ff9d1b41c+dirty": "0a329889c7df+dirty",
		"0a32988":       "0a32988",
		"unknown":       "unknown",
		"abc1234-dirty": "abc1234-dirty",
	} {
		if got := shortCommit(in); got != want {
			t.Errorf("shortCommit(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersionRequest(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		if !isVersionRequest(args) {
			t.Errorf("%q is a version request", args)
		}
	}
	for _, args := range [][]string{nil, {"version", "x"}, {"render"}, {"study.dcm"}} {
		if isVersionRequest(args) {
			t.Errorf("%q is not a version request", args)
		}
	}
	var b bytes.Buffer
	printVersion(&b, buildInfo{Version: "1.2.3", Commit: "abc", GoVersion: "go1.26.8", Platform: "linux/amd64"})
	if want := "hsgview 1.2.3\ncommit abc\nbuilt with go1.26.8 for linux/amd64\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestVersionLdflags builds the binary the way the packaging scripts do
// and checks that --version reports what -X set, and the Go version.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hsgview")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=9.8.7 -X main.commit=0123456789abcdef0123456789abcdef01234567", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "hsgview 9.8.7\ncommit 0123456789abcdef0123456789abcdef01234567\nbuilt with " + runtime.Version() + " for " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	if string(out) != want {
		t.Errorf("--version printed %q, want %q", out, want)
	}
	// The report commands name the same version.
	if out, _ := exec.Command(bin, "help").Output(); !strings.Contains(string(out), "usage: hsgview") {
		t.Errorf("help: %q", out)
	}
}
