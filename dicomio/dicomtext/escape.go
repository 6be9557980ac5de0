package dicomtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes untrusted text safe to print on a terminal: control
// characters (C0 including ESC, DEL, C1 such as CSI U+009B), Unicode
// bidirectional overrides and bytes that are not UTF-8 are written as Go
// escapes (\x1b, \u009b, \u202e, \xff), so that a DICOM value or a file
// name cannot move the cursor, retitle the window (OSC), hide text or
// reorder it. Printable text, including non-Latin scripts, is unchanged.
// It is the one escaping function of hsgview's terminal output: info,
// dump and every error message go through it.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				// Multi-byte: decide on the rune.
				r, n := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && n == 1 || unsafeRune(r) {
					return true
				}
				i += n - 1
				continue
			}
			return true
		}
	}
	return false
}

// unsafeRune reports C1 controls and the invisible formatting characters
// that reorder or hide text.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}
