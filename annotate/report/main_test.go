package report_test

import (
	"testing"

	"github.com/hsgview/hsgview/annotate/internal/fixture"
)

func TestMain(m *testing.M) { fixture.Main(m) }
