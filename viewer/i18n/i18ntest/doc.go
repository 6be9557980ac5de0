// Package i18ntest checks, in the tests of the viewer's packages, that a
// screen built in a language reads in it: it walks a widget tree (the
// window's content and overlays, menus) and reports text left in English
// in the Russian interface and labels whose text is cut.
//
// It is a test helper: only _test files import it.
package i18ntest
