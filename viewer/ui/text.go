package ui

import (
	"strings"

	"github.com/hsgview/hsgview/annotate/wording"
)

// OneLine puts s on one line, its runs of white space (newlines of
// wrapped errors) made single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Capitalized returns s with its first letter in upper case, whatever
// the script ("отсроченный" → "Отсроченный"): wording.Capitalize.
func Capitalized(s string) string { return wording.Capitalize(s) }
