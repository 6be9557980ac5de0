package viewer

import (
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"
)

// The tests' DICOM fixtures are package viewer/internal/fixture's, shared
// with the report panel's (viewer/reportui) tests.

type fixture = fixturepkg.Fixture

func hsgFixtures() []fixture { return fixturepkg.HSG() }

func writeStudy(t testing.TB, fxs []fixture) *dicomio.Collection {
	return fixturepkg.WriteStudy(t, fxs)
}
