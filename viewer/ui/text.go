package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OneLine puts s on one line, its runs of white space (newlines of
// wrapped errors) made single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Capitalized returns s with its first letter in upper case, whatever
// the script ("отсроченный" → "Отсроченный").
func Capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
