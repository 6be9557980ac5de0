package report_test

import (
	"testing"

	"hsgview/annotate/internal/fixture"
)

func TestMain(m *testing.M) { fixture.Main(m) }
