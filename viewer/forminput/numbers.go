package forminput

import (
	"math"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// ParseNumber reads a number typed by the user; "" is nil. A decimal
// comma is accepted.
func ParseNumber(s string) (*float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, false
	}
	return &v, true
}

// ParseInt reads a whole number typed by the user; "" is nil.
func ParseInt(s string) (*int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, false
	}
	return &n, true
}

// FormatNumber prints a value for an entry: as short as it is exact,
// with the decimal comma in Russian (ParseNumber reads both).
func FormatNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return l10n.Decimal(strconv.FormatFloat(*v, 'f', -1, 64), i18n.Lang())
}

// FormatInt prints a whole number for an entry.
func FormatInt(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}
