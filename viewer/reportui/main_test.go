package reportui

import (
	"os"
	"testing"
)

// tempDirs are removed when the package tests end: they hold fixtures
// shared by several tests (the demo study), which t.TempDir would remove
// after the first.
var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
