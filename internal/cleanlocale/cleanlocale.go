// Package cleanlocale keeps Fyne from logging "Error parsing user locale C"
// on every start under the C.UTF-8 locale, the default of Debian
// containers and minimal installations.
//
// Fyne's lang package reads the locale in its package initialiser, before
// main runs. Go initialises packages in import-path order once their
// dependencies are initialised (Go spec, "Package initialization"); this
// package depends on syscall only and "hsgview/…" sorts before "os", which
// Fyne's locale lookup needs, so importing it for its side effect from the
// main package runs this init first.
package cleanlocale

import (
	"strings"
	"syscall"
)

func init() { fix(syscall.Getenv, syscall.Setenv) }

// fix sets LANGUAGE=en when the effective locale is C.<charset> or
// POSIX.<charset> and LANGUAGE is unset: go-locale then reports "en"
// instead of the unparsable "C". LANGUAGE only orders message catalogues,
// so nothing else changes.
func fix(getenv func(string) (string, bool), setenv func(string, string) error) {
	if v, ok := getenv("LANGUAGE"); ok && v != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, _ := getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			_ = setenv("LANGUAGE", "en")
		}
		return
	}
}
