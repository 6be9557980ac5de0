package reportpdf

import (
	"fmt"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/l10n"
)

// The PDF speaks the report's language (Report.Language, or
// PDFOptions.Language): English or Russian. Its own words (headings,
// labels, banners, the footer) are written in English in the code, and
// the English text is the key of the translation in ruWords, as with the
// viewer's lang.L. The words of coded values come from report.LabelIn,
// numbers, dates and units from l10n; what the report holds (impression,
// free text, names) is printed as it is.

// A lexicon is a language of the PDF: l10n.EN or l10n.RU.
type lexicon string

// t returns en in the lexicon's language: en itself in English, its
// entry in ruWords in Russian (en when there is none, which a test
// forbids for the texts the package prints).
func (w lexicon) t(en string) string {
	if w == l10n.RU {
		if s, ok := ruWords[en]; ok {
			return s
		}
	}
	return en
}

// tf is t of a format, then fmt.Sprintf.
func (w lexicon) tf(format string, a ...any) string { return fmt.Sprintf(w.t(format), a...) }

// tc is t of a word that Russian words differently in different places
// (the plural «предполагаются» of adhesions, the singular of a spasm):
// the entry "ctx|en" is looked up first.
func (w lexicon) tc(ctx, en string) string {
	if w == l10n.RU {
		if s, ok := ruWords[ctx+"|"+en]; ok {
			return s
		}
	}
	return w.t(en)
}

func (d *pdfDoc) t(en string) string                { return lexicon(d.lang).t(en) }
func (d *pdfDoc) tf(format string, a ...any) string { return lexicon(d.lang).tf(format, a...) }
func (d *pdfDoc) tc(ctx, en string) string          { return lexicon(d.lang).tc(ctx, en) }

// num writes a number as the report's language does (12.4, 12,4).
func (d *pdfDoc) num(v float64, prec int) string { return l10n.Number(v, prec, d.lang) }

// unit writes a unit symbol given in English ("mm", "mL", "Gy·cm²") in
// the report's language (l10n.Unit: «мм», «мл», «Гр·см²»).
func (d *pdfDoc) unit(u string) string {
	if d.lang == l10n.EN {
		return u
	}
	if u == "mL" { // the report's millilitre; l10n's is "ml"
		u = "ml"
	}
	return l10n.Unit(u, d.lang)
}

// unitSep is the space between a number and its unit: a plain space in
// English, as the English report has always printed, and a no-break
// space in Russian («12,4 мм» never broken apart).
func (d *pdfDoc) unitSep() string {
	if d.lang == l10n.EN {
		return " "
	}
	return l10n.NBSP
}

// qty writes v rounded to prec decimals with its unit ("8 mL", «8 мл»).
func (d *pdfDoc) qty(v float64, prec int, unit string) string {
	return d.num(v, prec) + d.unitSep() + d.unit(unit)
}

// sig writes a dose figure with three significant digits (sigText), with
// a decimal comma in Russian.
func (d *pdfDoc) sig(v float64) string {
	return l10n.Decimal(sigText(v, 3), d.lang)
}

// count writes n and the noun counted ("1 spot image", "5 spot images";
// «1 прицельный снимок», «3 прицельных снимка», «5 прицельных снимков»).
func (d *pdfDoc) count(n int, one, many string) string {
	if d.lang == l10n.RU {
		if f, ok := ruPlurals[one]; ok {
			return strconv.Itoa(n) + " " + f[ruPlural(n)]
		}
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// ruPlural returns the Russian plural form of n: 0 for 1, 21, 31 …
// (снимок), 1 for 2–4, 22–24 … (снимка), 2 for the rest (снимков).
func ruPlural(n int) int {
	n = int(math.Abs(float64(n)))
	switch {
	case n%10 == 1 && n%100 != 11:
		return 0
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return 1
	}
	return 2
}

// ruPlurals are the Russian forms of the nouns count counts, by their
// English singular.
var ruPlurals = map[string][3]string{
	"year":       {"год", "года", "лет"},
	"spot image": {"прицельный снимок", "прицельных снимка", "прицельных снимков"},
	"cine run":   {"серия кадров", "серии кадров", "серий кадров"},
}

// spacingText is the qualifier of a size measured with s, as in
// parentheses ("at detector", "user calibration, catheter 6 Fr"), in
// the report's language: mark.Spacing.InParensIn decides it.
func (d *pdfDoc) spacingText(s mark.Spacing) string { return s.InParensIn(d.lang) }

// lowerFirst lower-cases the first letter of s unless the second is a
// capital too (an abbreviation: «ГСГ», "MRI").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
