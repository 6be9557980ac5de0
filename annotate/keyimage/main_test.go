package keyimage

import (
	"testing"

	"github.com/hsgview/hsgview/annotate/internal/fixture"
)

func TestMain(m *testing.M) { fixture.Main(m) }
