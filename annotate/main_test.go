package annotate

import (
	"os"
	"testing"
)

// tempDirs are removed when the package tests end: they hold fixtures
// shared by several tests, which t.TempDir would remove after the first.
var tempDirs []string

func tempDirOutsideTest() (string, error) {
	d, err := os.MkdirTemp("", "hsgview-annotate-")
	if err == nil {
		tempDirs = append(tempDirs, d)
	}
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
