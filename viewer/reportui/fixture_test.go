package reportui

import (
	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"
)

// The tests' DICOM fixtures are package viewer/internal/fixture's, shared
// with the study window's (viewer) tests.

type fixture = fixturepkg.Fixture

func hsgFixtures() []fixture { return fixturepkg.HSG() }
