package library

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// Fold returns the search form of s: compatibility-decomposed (NFKD),
// combining marks removed, case-folded, DICOM name separators (^ =) as
// spaces and runs of space collapsed. "Müller^Anna" and "MULLER ANNA"
// fold alike; so do "ИВАНОВА^Ёлка" and "иванова елка" (ё→е, й→и). Both the
// stored keys and the query go through it.
func Fold(s string) string {
	t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = folder.String(out)
	out = strings.Map(func(r rune) rune {
		switch r {
		case '^', '=', '\\':
			return ' '
		}
		return r
	}, out)
	return strings.Join(strings.Fields(out), " ")
}
