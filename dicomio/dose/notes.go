package dose

import (
	"regexp"
	"strconv"
	"strings"

	"hsgview/l10n"
)

// noteForms are the Russian forms of the English words a figure's source
// (Figure.Source) and the summary's notes (Summary.Notes) are written
// with; DICOM names stay as the standard spells them. Each English form
// is a pattern whose groups are copied (figures reformatted) into the
// Russian one.
var noteForms = []struct {
	en *regexp.Regexp
	ru string
}{
	{regexp.MustCompile(`^image headers, (.*)$`), "по заголовкам изображений: $1"},
	{regexp.MustCompile(`largest Total Time of Fluoroscopy \(0040,0300\)`), "наибольшее Total Time of Fluoroscopy (0040,0300)"},
	{regexp.MustCompile(`distinct Irradiation Event UIDs \(0008,3010\)`), "число различных Irradiation Event UID (0008,3010)"},
	{regexp.MustCompile(`Irradiation Event X-Ray Data \(113706\) containers`), "контейнеры Irradiation Event X-Ray Data (113706)"},
	{regexp.MustCompile(`sum of the fluoroscopy and acquisition DAP totals`), "сумма итогов произведения дозы на площадь при рентгеноскопии и при съемке"},
	{regexp.MustCompile(`sum of (\d+) irradiation events`), "сумма по событиям облучения ($1)"},
	{regexp.MustCompile(`\b1 irradiation event\b`), "1 событие облучения"},
	{regexp.MustCompile(`largest single-image value \(lower bound\)`), "наибольшее значение одного снимка (нижняя оценка)"},
	{regexp.MustCompile(`^no study$`), "нет исследования"},
	{regexp.MustCompile(`^dose report not read: (.*)$`), "протокол дозы (RDSR) не прочитан: $1"},
	{regexp.MustCompile(`^no dose report and no Image and Fluoroscopy Area Dose Product \(0018,115E\) in the image headers$`),
		"нет протокола дозы (RDSR) и нет Image and Fluoroscopy Area Dose Product (0018,115E) в заголовках изображений"},
	{regexp.MustCompile(`^dose-area product unit (.*) not understood$`), "единица произведения дозы на площадь $1 не распознана"},
	{regexp.MustCompile(`^the dose report's (.*) total (.*) is not a dose: left out$`), "итог «$1» в протоколе дозы ($2) не является дозой: не учтен"},
	{regexp.MustCompile(`^the dose report has no DAP, fluoroscopy time or air kerma total$`),
		"в протоколе дозы нет итогов произведения дозы на площадь, времени рентгеноскопии и кермы в воздухе"},
	{regexp.MustCompile(`^the images do not all name their irradiation event \(0008,3010\), so the header DAP is the largest single value, a lower bound of the total$`),
		"не все снимки указывают свое событие облучения (0008,3010), поэтому произведение дозы на площадь из заголовков — наибольшее отдельное значение, нижняя оценка суммы"},
	{regexp.MustCompile(`^the events' DAP add up to (.*) Gy·cm², the total is (.*) Gy·cm²; the effective dose uses the events$`),
		"сумма произведений дозы на площадь по событиям $1 Гр·см², итог $2 Гр·см²; эффективная доза рассчитана по событиям"},
	{regexp.MustCompile(`^some irradiation events have no dose-area product: the effective dose uses the total DAP and the single coefficient$`),
		"у части событий облучения нет произведения дозы на площадь: эффективная доза рассчитана по итоговому значению и единому коэффициенту"},
}

// figureRE is a number and a dose unit inside a note: "16.73 dGy·cm²".
var figureRE = regexp.MustCompile(`(\d+(?:\.\d+)?) (dGy·cm²|cGy·cm²|mGy·cm²|Gy·cm²|µGy·m²|Gy·m²|mGy)`)

// NoteIn says a figure's source or a summary's note in lang ("en",
// "ru"): in Russian, the words of noteForms and the figures with a
// decimal comma and Russian units; a note of another form keeps its
// English words.
func NoteIn(s, lang string) string {
	if Lang(lang) != "ru" {
		return s
	}
	for _, f := range noteForms {
		s = f.en.ReplaceAllString(s, f.ru)
	}
	return figureRE.ReplaceAllStringFunc(s, func(m string) string {
		num, unit, _ := strings.Cut(m, " ")
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return m
		}
		prec := 0
		if i := strings.IndexByte(num, '.'); i >= 0 {
			prec = len(num) - i - 1
		}
		return l10n.Number(v, prec, l10n.RU) + l10n.NBSP + l10n.Unit(unit, l10n.RU)
	})
}
