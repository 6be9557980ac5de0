package mark

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
)

// A Spacing is the physical size of the pixels marks on an image are
// measured with, and where it came from.
type Spacing struct {
	// Row and Column are the distances in mm between the centres of
	// adjacent rows and of adjacent columns (the order of DICOM Pixel
	// Spacing). Both are zero when Source is SpacingUncalibrated.
	Row, Column float64
	Source      SpacingSource
	// Reference describes the reference object of a user calibration,
	// for example "catheter 6 Fr".
	Reference string
}

// FileSpacing returns the spacing an image's own attributes give (see
// [dicomio.Calibration]): Pixel Spacing, Imager Pixel Spacing ÷ ERMF or
// Imager Pixel Spacing, else none.
func FileSpacing(c dicomio.Calibration) Spacing {
	src := SpacingSource(c.Source)
	row, col := c.Spacing[0], c.Spacing[1]
	if src == SpacingUncalibrated || src == SpacingUser || !src.Valid() || !Positive(row) || !Positive(col) {
		return Spacing{Source: SpacingUncalibrated}
	}
	return Spacing{Row: row, Column: col, Source: src}
}

// Spacing returns the spacing marks on an image of the series are
// measured with: the series' user calibration if there is one, else the
// image's own spacing from its file.
func (r *Layer) Spacing(seriesUID string, file Spacing) Spacing {
	if seriesUID != "" {
		if c, ok := r.Calibration(seriesUID); ok {
			if s := c.Spacing(); s.HasMM() {
				return s
			}
		}
	}
	if !file.HasMM() {
		return Spacing{Source: SpacingUncalibrated}
	}
	return file
}

// HasMM reports whether s gives sizes in millimetres: it has a source
// other than SpacingUncalibrated and a positive, finite spacing.
func (s Spacing) HasMM() bool {
	return s.Source.Valid() && s.Source != SpacingUncalibrated && s.Source != "" &&
		Positive(s.Row) && Positive(s.Column)
}

// Qualifier returns how a size measured with s is qualified for the
// reader: "calibrated", "at detector", "magnification-corrected",
// "user calibration (catheter 6 Fr)" or "uncalibrated".
func (s Spacing) Qualifier() string { return s.QualifierIn(l10n.EN) }

// QualifierIn is Qualifier in the language lang ("en", "ru"; see
// l10n.Lang).
func (s Spacing) QualifierIn(lang string) string {
	w := wordsIn(lang)
	if !s.HasMM() {
		return w.uncalibrated
	}
	switch s.Source {
	case SpacingPixelSpacing:
		return w.calibrated
	case SpacingImager:
		return w.atDetector
	case SpacingImagerOverERMF:
		return w.magCorrected
	}
	if s.Reference != "" {
		return w.userCalibration + " (" + ReferenceIn(s.Reference, lang) + ")"
	}
	return w.userCalibration
}

// InParens returns the qualifier for use inside parentheses: "user
// calibration, catheter 6 Fr" rather than nested parentheses.
func (s Spacing) InParens() string { return s.InParensIn(l10n.EN) }

// InParensIn is InParens in the language lang.
func (s Spacing) InParensIn(lang string) string {
	if s.HasMM() && s.Source == SpacingUser && s.Reference != "" {
		return wordsIn(lang).userCalibration + ", " + ReferenceIn(s.Reference, lang)
	}
	return s.QualifierIn(lang)
}

// String describes s for an overlay, for example "0.240 mm/px
// (magnification-corrected)" or "uncalibrated: sizes in px".
func (s Spacing) String() string { return s.Text(l10n.EN) }

// Text is String in the language lang: "0,240 мм/пикс. (с поправкой на
// увеличение)".
func (s Spacing) Text(lang string) string {
	if !s.HasMM() {
		return wordsIn(lang).uncalibratedPx
	}
	per := l10n.Unit("mm", lang) + "/" + l10n.Unit("px", lang)
	if s.Row == s.Column {
		return fmt.Sprintf("%s %s (%s)", sigDigitsIn(s.Column, 3, lang), per, s.InParensIn(lang))
	}
	return fmt.Sprintf("%s × %s %s (%s)", sigDigitsIn(s.Column, 3, lang), sigDigitsIn(s.Row, 3, lang), per, s.InParensIn(lang))
}

// Length returns the distance from p to q: dx·Column and dy·Row combined
// in mm when s has millimetres, and always in pixels.
func (s Spacing) Length(p, q ImagePoint) Size {
	dx, dy := q.X-p.X, q.Y-p.Y
	z := Size{Px: math.Hypot(dx, dy), Spacing: s}
	if s.HasMM() {
		z.MM = math.Hypot(dx*s.Column, dy*s.Row)
	}
	return z.clean()
}

// Area returns a size of px square pixels: Row·Column mm² each.
func (s Spacing) Area(px float64) Size {
	z := Size{Px: px, Spacing: s, Area: true}
	if s.HasMM() {
		z.MM = px * s.Row * s.Column
	}
	return z.clean()
}

// A Size is a length or an area measured on an image, in pixels and,
// when the spacing allows, in millimetres.
type Size struct {
	Px      float64 // pixels, or square pixels for an area
	MM      float64 // mm, or mm² for an area; zero unless Spacing.HasMM()
	Area    bool
	Spacing Spacing
}

func (z Size) clean() Size {
	if !Finite(z.Px) {
		z.Px = 0
	}
	if !Finite(z.MM) || !z.Spacing.HasMM() {
		z.MM = 0
	}
	return z
}

// String formats z with its source, for example "14.2 mm
// (magnification-corrected)", "132 mm² (at detector)", "3.3 mm (user
// calibration, catheter 6 Fr)" or "57 px (uncalibrated)". It never prints mm without saying where the spacing
// came from.
func (z Size) String() string { return z.Text(l10n.EN) }

// Text is String in the language lang: "14,2 мм (с поправкой на
// увеличение)".
func (z Size) Text(lang string) string {
	if !z.Spacing.HasMM() {
		q := " (" + wordsIn(lang).uncalibrated + ")"
		if z.Area {
			return l10n.Fixed(z.Px, areaDecimals(z.Px), lang) + " " + l10n.Unit("px", lang) + "²" + q
		}
		return l10n.Fixed(z.Px, PxDecimals(z.Px), lang) + " " + l10n.Unit("px", lang) + q
	}
	if z.Area {
		return l10n.Fixed(z.MM, areaDecimals(z.MM), lang) + " " + l10n.Unit("mm²", lang) + " (" + z.Spacing.InParensIn(lang) + ")"
	}
	return l10n.Fixed(z.MM, 1, lang) + " " + l10n.Unit("mm", lang) + " (" + z.Spacing.InParensIn(lang) + ")"
}

// pxDecimals: tenths below 10 px, whole pixels above.
func PxDecimals(v float64) int {
	if math.Abs(v) < 10 {
		return 1
	}
	return 0
}

// areaDecimals: tenths below 100, whole units above.
func areaDecimals(v float64) int {
	if math.Abs(v) < 100 {
		return 1
	}
	return 0
}

// formatFixed formats v with prec decimals, "-0" printed as "0".
func FormatFixed(v float64, prec int) string {
	v = wording.RoundTo(v, prec)
	if v == 0 {
		v = 0 // drop the sign of -0
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// sigDigits formats v with n significant digits, keeping trailing zeros
// ("0.240").
func sigDigits(v float64, n int) string { return sigDigitsIn(v, n, l10n.EN) }

// sigDigitsIn is sigDigits in the language lang ("0,240").
func sigDigitsIn(v float64, n int, lang string) string {
	if v == 0 || !Finite(v) {
		return l10n.Number(v, 6, lang)
	}
	d := n - 1 - int(math.Floor(math.Log10(math.Abs(v))))
	return l10n.Fixed(v, max(0, d), lang)
}

func Positive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

// Spacing returns the isotropic spacing of the calibration, with
// [SpacingUser] as its source and the reference described.
func (c Calibration) Spacing() Spacing {
	if !Positive(c.MMPerPixel) {
		return Spacing{Source: SpacingUncalibrated}
	}
	return Spacing{Row: c.MMPerPixel, Column: c.MMPerPixel, Source: SpacingUser, Reference: c.ReferenceText()}
}

// ReferenceText describes the reference object: "catheter 6 Fr",
// "balloon 12 mm" or "known length 25 mm". It is kept in English with a
// measurement (Measurement.Reference); ReferenceIn says it in another
// language.
func (c Calibration) ReferenceText() string {
	v := wording.FormatNumber(c.ReferenceValue, 2)
	switch c.Method {
	case CalibrateCatheterFrench:
		return "catheter " + v + " Fr"
	case CalibrateBalloonMM:
		return "balloon " + v + " mm"
	case CalibrateKnownLength:
		return "known length " + v + " mm"
	}
	return v
}

// ReferenceIn says a reference as ReferenceText wrote it ("catheter 6
// Fr") in the language lang ("катетер 6 Fr"); a text of another form is
// returned as it is.
func ReferenceIn(ref, lang string) string {
	w := wordsIn(lang)
	for _, f := range []struct{ prefix, unit, say string }{
		{"catheter ", " Fr", w.catheter},
		{"balloon ", " mm", w.balloon},
		{"known length ", " mm", w.knownLength},
	} {
		num, ok := strings.CutPrefix(ref, f.prefix)
		if !ok {
			continue
		}
		num, ok = strings.CutSuffix(num, f.unit)
		v, err := strconv.ParseFloat(num, 64)
		if !ok || err != nil {
			continue
		}
		return f.say + " " + l10n.Number(v, 2, lang) + " " + l10n.Unit(strings.TrimSpace(f.unit), lang)
	}
	return ref
}

// String describes the calibration for the report, for example "user
// calibration: catheter 6 Fr (2 mm) over 30.0 px = 0.0667 mm/px".
func (c Calibration) String() string {
	var px string
	if len(c.Points) == 2 {
		px = " over " + FormatFixed(pointOf(c.Points[0]).Dist(pointOf(c.Points[1])), 1) + " px"
	}
	ref := c.ReferenceText()
	if c.Method == CalibrateCatheterFrench {
		ref += " (" + wording.FormatNumber(c.Method.ReferenceMM(c.ReferenceValue), 3) + " mm)"
	}
	return "user calibration: " + ref + px + " = " + sigDigits(c.MMPerPixel, 3) + " mm/px"
}
