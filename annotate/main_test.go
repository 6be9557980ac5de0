package annotate

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	removeTempDirs()
	os.Exit(code)
}
