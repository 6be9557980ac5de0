package reportpdf

import (
	"testing"

	"hsgview/annotate/internal/fixture"
)

func TestMain(m *testing.M) { fixture.Main(m) }
