package dicomtext

import (
	"strings"
	"unicode"
)

// A PersonName is a DICOM person name (VR PN, PS3.5 §6.2) split into its
// five components, taken from one component group.
type PersonName struct {
	Family, Given, Middle, Prefix, Suffix string
}

// ParsePersonName splits a PN value, decoded to UTF-8, into its
// components. Of the component groups (alphabetic=ideographic=phonetic)
// the first with any text is used, so "=山田^太郎" gives the ideographic
// name. Each component is trimmed, its runs of white space are made one
// space and control characters (such as a stray ESC of an ISO 2022
// escape sequence, or a line break) are removed. A value without "^" is
// all family name, so free text such as "Dr A. Referrer" keeps its form.
func ParsePersonName(pn string) PersonName {
	pn = strings.ToValidUTF8(pn, "\uFFFD")
	group := ""
	for g := range strings.SplitSeq(pn, "=") {
		if cleanComponent(strings.ReplaceAll(g, "^", " ")) != "" {
			group = g
			break
		}
	}
	var c [5]string
	for i, s := range strings.SplitN(group, "^", 5) {
		// Extra "^" (more than five components) stay in the suffix.
		c[i] = cleanComponent(strings.ReplaceAll(s, "^", " "))
	}
	return PersonName{Family: c[0], Given: c[1], Middle: c[2], Prefix: c[3], Suffix: c[4]}
}

// cleanComponent trims a component, removes control characters and
// makes each run of white space one space.
func cleanComponent(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// String returns the name in the one form hsgview prints names in
// (overlays, study lists, the report form, the PDF, the DICOM it writes):
// "Family, Given Middle (Prefix, Suffix)", leaving out what is empty, so
// "Müller^Anna^^Dr" is "Müller, Anna (Dr)".
//
// The family name comes first, as Weasis and OHIF show it and as clinical
// lists are sorted and read: the part that identifies the patient is
// never pushed aside by a title, and a title is never taken for a given
// name (OHIF's "Müller, Anna Dr"). Prefix and suffix are kept, in
// brackets, because they may tell two patients apart ("Jr", "III").
// Letter case is kept as stored: upper-casing the family name depends on
// the language (Turkish dotted and dotless i) and loses information.
func (n PersonName) String() string {
	var given []string
	for _, s := range []string{n.Given, n.Middle} {
		if s != "" {
			given = append(given, s)
		}
	}
	var extra []string
	for _, s := range []string{n.Prefix, n.Suffix} {
		if s != "" {
			extra = append(extra, s)
		}
	}
	name := n.Family
	if g := strings.Join(given, " "); g != "" {
		if name != "" {
			name += ", "
		}
		name += g
	}
	if e := strings.Join(extra, ", "); e != "" {
		if name == "" {
			return e
		}
		name += " (" + e + ")"
	}
	return name
}

// FormatPersonName returns a PN value as hsgview shows it:
// ParsePersonName(pn).String().
func FormatPersonName(pn string) string { return ParsePersonName(pn).String() }
