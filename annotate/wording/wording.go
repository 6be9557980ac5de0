package wording

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hsgview/hsgview/l10n"
)

// formatNumber formats v rounded to prec decimals, without trailing zeros.
func FormatNumber(v float64, prec int) string {
	return strconv.FormatFloat(RoundTo(v, prec), 'f', -1, 64)
}

// Capitalize returns s with its first letter in upper case, in any
// script: "гидросальпинкс" becomes "Гидросальпинкс".
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// roundTo rounds v to prec decimals.
func RoundTo(v float64, prec int) float64 {
	p := math.Pow10(prec)
	return math.Round(v*p) / p
}

// isoDate turns a DICOM date (YYYYMMDD) into an ISO one (YYYY-MM-DD).
func IsoDate(s string) string {
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	return s
}

// Minutes writes a time from the start of contrast in English: "+22 min"
// (see l10n.Minutes, which decides the form in every language).
func Minutes(m float64) string { return l10n.Minutes(m, l10n.EN) }
