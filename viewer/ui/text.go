package ui

import (
	"strings"
)

// OneLine puts s on one line, its runs of white space (newlines of
// wrapped errors) made single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
