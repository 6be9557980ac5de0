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

// Minutes writes a time from the start of contrast: "+22 min", "+1.5 min"
// (one decimal below ten minutes when there is one), "−3 min" with a
// typographic minus for images before contrast, never "−0".
func Minutes(m float64) string {
	prec := 0
	if math.Abs(m) < 10 && m != math.Trunc(m) {
		prec = 1
	}
	s := FormatNumber(m, prec)
	switch {
	case s == "0" || s == "-0":
		s = "+0"
	case strings.HasPrefix(s, "-"):
		s = "−" + s[1:]
	default:
		s = "+" + s
	}
	return s + " min"
}
