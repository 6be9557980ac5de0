package l10n

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The languages hsgview writes.
const (
	EN = "en"
	RU = "ru"
)

// NBSP joins a number to its unit so a line break never separates them.
const NBSP = "\u00a0"

// Supported lists the languages in the order they are offered.
func Supported() []string { return []string{EN, RU} }

// Lang returns "ru" for a Russian language tag ("ru", "ru-RU", "ru_RU.UTF-8",
// "RU"), and "en" for anything else, the empty tag included.
func Lang(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "ru" || strings.HasPrefix(t, "ru-") || strings.HasPrefix(t, "ru_") || strings.HasPrefix(t, "ru.") {
		return RU
	}
	return EN
}

// Name is a language's own name, as offered in a language choice.
func Name(lang string) string {
	if Lang(lang) == RU {
		return "Русский"
	}
	return "English"
}

// Decimal puts the language's decimal separator into a number written
// with a point (as strconv writes it): "12.4" → "12,4" in Russian.
func Decimal(s, lang string) string {
	if Lang(lang) == RU {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Number writes v rounded to prec decimals with trailing zeros removed
// (12.40 → "12.4"; "12,4" in Russian). Ties round half away from zero.
// NaN and infinities are written "?", never as a number.
func Number(v float64, prec int, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	s := strconv.FormatFloat(round(v, prec), 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return Decimal(s, lang)
}

// Fixed writes v with exactly prec decimals (12.4 at 2 → "12.40"), for
// columns that align.
func Fixed(v float64, prec int, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	s := strconv.FormatFloat(round(v, prec), 'f', max(prec, 0), 64)
	if strings.TrimLeft(s, "-0.") == "" && strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	return Decimal(s, lang)
}

// Significant writes v with three significant digits (at least one
// decimal below 10, nothing dropped from the integer part: 1234 stays
// "1234"), trailing zeros removed: the dose figures' form.
func Significant(v float64, lang string) string { return SignificantN(v, 3, lang) }

// SignificantN is Significant with n significant digits (n ≥ 1).
func SignificantN(v float64, n int, lang string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	n = max(n, 1)
	dec := 0
	if a := math.Abs(v); a > 0 && a < math.Pow10(n-1) {
		dec = min(6, n-1-int(math.Floor(math.Log10(a))))
	}
	return Number(v, dec, lang)
}

func round(v float64, prec int) float64 {
	p := math.Pow10(prec)
	return math.Round(v*p) / p
}

// units maps a unit's English symbol to its Russian one. A unit not listed
// is written as given in both languages (e.g. "%", "mm Cu" keeps "Cu").
var units = map[string]string{
	"mm": "мм", "cm": "см", "m": "м", "mm²": "мм²", "cm²": "см²", "px": "пикс.",
	"s": "с", "ms": "мс", "min": "мин", "h": "ч", "fps": "кадр/с",
	"Gy·cm²": "Гр·см²", "mGy·cm²": "мГр·см²", "µGy·m²": "мкГр·м²", "mGy": "мГр", "Gy": "Гр",
	"mSv": "мЗв", "µSv": "мкЗв", "kV": "кВ", "mA": "мА", "mAs": "мА·с", "mm Cu": "мм Cu", "mm Al": "мм Al",
	"HU": "ед. HU", "ml": "мл", "mL": "мл", "mgI/mL": "мг йода/мл", "%": "%", "×": "×",
	// The units a dose-area product is recorded in (DICOM, MPPS).
	"dGy·cm²": "дГр·см²", "cGy·cm²": "сГр·см²", "Gy·m²": "Гр·м²",
}

// Unit writes a unit symbol in lang ("mm" → "мм" in Russian).
func Unit(unit, lang string) string {
	if Lang(lang) == RU {
		if u, ok := units[unit]; ok {
			return u
		}
	}
	return unit
}

// Quantity writes v rounded to prec decimals and its unit, joined by a
// no-break space: "12.4 mm", "12,4 мм".
func Quantity(v float64, prec int, unit, lang string) string {
	return Number(v, prec, lang) + NBSP + Unit(unit, lang)
}

// Date writes a calendar date: "2024-03-05" in English, "05.03.2024" in
// Russian. The zero time is written as "".
func Date(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if Lang(lang) == RU {
		return t.Format("02.01.2006")
	}
	return t.Format("2006-01-02")
}

// DateDA writes a DICOM date (YYYYMMDD, or the old YYYY.MM.DD) as Date
// does; anything else is returned unchanged, so a broken value is shown
// as it is rather than as a wrong date.
func DateDA(da, lang string) string {
	s := strings.TrimSpace(da)
	if len(s) == 10 && s[4] == '.' && s[7] == '.' {
		s = s[:4] + s[5:7] + s[8:]
	}
	t, err := time.Parse("20060102", s)
	if err != nil || len(s) != 8 {
		return da
	}
	return Date(t, lang)
}

// DateISO writes an ISO date (YYYY-MM-DD, as the report JSON stores it) as
// Date does; anything else is returned unchanged.
func DateISO(iso, lang string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	return Date(t, lang)
}

// Time writes a clock time, 24-hour, to the minute: "14:05" in both
// languages.
func Time(t time.Time, lang string) string { return t.Format("15:04") }

// TimeSeconds writes a clock time to the second: "14:05:09".
func TimeSeconds(t time.Time, lang string) string { return t.Format("15:04:05") }

// DateTime writes a date and a time to the minute: "2024-03-05 14:05",
// "05.03.2024 14:05".
func DateTime(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	return Date(t, lang) + " " + Time(t, lang)
}

// Minutes writes a time from the start of contrast: "+22 min" ("+22 мин"),
// "+1.5 min" (one decimal below ten minutes when there is one), "−3 min"
// with a typographic minus for images before contrast, never "−0".
func Minutes(m float64, lang string) string {
	prec := 0
	if math.Abs(m) < 10 && m != math.Trunc(m) {
		prec = 1
	}
	s := Number(m, prec, lang)
	switch {
	case s == "0":
		s = "+0"
	case strings.HasPrefix(s, "-"):
		s = "−" + s[1:]
	default:
		s = "+" + s
	}
	return s + " " + Unit("min", lang)
}
