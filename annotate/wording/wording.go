package wording

import (
	"math"
	"strconv"
	"strings"
)

// formatNumber formats v rounded to prec decimals, without trailing zeros.
func FormatNumber(v float64, prec int) string {
	return strconv.FormatFloat(RoundTo(v, prec), 'f', -1, 64)
}

func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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

// personName formats a DICOM person name (family^given^middle^prefix^suffix)
// for reading: "Family, Given Middle" for a patient (familyFirst),
// "Prefix Given Family" for a physician. Text without "^" is returned as
// it is; of several component groups (alphabetic=ideographic=phonetic) the
// first non-empty one is used.
func PersonName(pn string, familyFirst bool) string {
	pn = strings.TrimSpace(pn)
	if i := strings.IndexByte(pn, '='); i >= 0 {
		for _, g := range strings.Split(pn, "=") {
			if strings.Trim(g, "^ ") != "" {
				pn = g
				break
			}
		}
	}
	if !strings.Contains(pn, "^") {
		return pn
	}
	c := strings.Split(pn, "^")
	for len(c) < 5 {
		c = append(c, "")
	}
	for i := range c {
		c[i] = strings.TrimSpace(c[i])
	}
	family, given, middle, prefix, suffix := c[0], c[1], c[2], c[3], c[4]
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " ")
	}
	var s string
	if familyFirst {
		s = family
		if g := join(given, middle); g != "" {
			if s != "" {
				s += ", "
			}
			s += g
		}
		s = join(prefix, s)
	} else {
		s = join(prefix, given, middle, family)
	}
	if suffix != "" {
		s += ", " + suffix
	}
	return s
}
