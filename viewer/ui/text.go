package ui

import (
	"fmt"
	"math"
	"strings"
)

// FormatMinutes writes a time from T0 as "+25 min" (a minus sign for
// images before contrast).
func FormatMinutes(m float64) string {
	r := math.Round(m)
	if r == 0 {
		r = 0 // no "-0"
	}
	if r < 0 {
		return fmt.Sprintf("−%.0f min", -r)
	}
	return fmt.Sprintf("+%.0f min", r)
}

// PersonName turns a DICOM PN value into display form: "MÜLLER, Anna"
// style is avoided; components are joined with spaces after the family
// name and a comma ("Müller, Anna"). Ideographic and phonetic groups
// after "=" are dropped when an alphabetic group exists.
func PersonName(pn string) string {
	if i := strings.IndexByte(pn, '='); i > 0 {
		pn = pn[:i]
	}
	parts := strings.Split(pn, "^")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	family := parts[0]
	var rest []string
	// given, middle, prefix, suffix
	order := []int{3, 1, 2, 4}
	for _, k := range order {
		if k < len(parts) && parts[k] != "" {
			rest = append(rest, parts[k])
		}
	}
	switch {
	case family == "":
		return strings.Join(rest, " ")
	case len(rest) == 0:
		return family
	}
	return family + ", " + strings.Join(rest, " ")
}

// OneLine puts s on one line, its runs of white space (newlines of
// wrapped errors) made single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
