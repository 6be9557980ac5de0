package dose

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ruProse is the Russian of the English prose hsgview itself writes into
// dose figures and stores in drafts: how a total was derived and the
// published sources of the built-in coefficients and reference levels.
// Text a user configured or typed is not here and prints as written.
var ruProse = map[string]string{
	"Dose Area Product Total":                           "Dose Area Product Total (суммарное произведение дозы на площадь из протокола дозы)",
	"sum of the fluoroscopy and acquisition DAP totals": "сумма произведений дозы на площадь при рентгеноскопии и при съёмке",
	"1 irradiation event":                               "1 событие облучения",
	"largest single-image value (lower bound)":          "наибольшее значение одного снимка (нижняя оценка)",
	SourcePhysMed2021:                                   "Phys Med 2021;81:40-46 (Novara; PubMed 33373780): E/KAP для ГСГ по толщине медного фильтра события облучения",
	SourceSingle:                                        "табличное значение Phys Med 2021;81:40-46 для 0,1 мм Cu, применяется, когда толщина фильтра неизвестна; по данным статьи единый коэффициент искажает E (смещение −0,4 мЗв, границы согласия −1,9/+1,2 мЗв)",
	EnteredNote:                                         "пересчитано по произведению дозы на площадь, введённому вручную",
	"image headers":                                     "заголовки изображений",
	"largest Total Time of Fluoroscopy (0040,0300)":     "наибольшее значение Total Time of Fluoroscopy (0040,0300)",
	"distinct Irradiation Event UIDs (0008,3010)":       "число различных Irradiation Event UID (0008,3010)",
	"Irradiation Event X-Ray Data (113706) containers":  "контейнеры Irradiation Event X-Ray Data (113706)",
	SourceUKDRL:                                         "национальный референтный уровень Великобритании для ГСГ по шаблону RCR AuditLive «Assessing the technical quality of the hysterosalpingography service»: 200 сГр·см² (2 Гр·см²) произведения дозы на площадь, 0,7 мин рентгеноскопии; российский референтный уровень для ГСГ не найден",
	// The notes of a summary (Summary.Notes).
	"no study":               "нет исследования",
	"dose report not read: ": "протокол дозы (RDSR) не прочитан: ",
	"no dose report and no Image and Fluoroscopy Area Dose Product (0018,115E) in the image headers": "нет протокола дозы (RDSR) и нет Image and Fluoroscopy Area Dose Product (0018,115E) в заголовках изображений",
	"dose-area product unit ": "единица произведения дозы на площадь ",
	" not understood":         " не распознана",
	"the dose report has no DAP, fluoroscopy time or air kerma total":                                                                           "в протоколе дозы нет итогов произведения дозы на площадь, времени рентгеноскопии и кермы в воздухе",
	"the images do not all name their irradiation event (0008,3010), so the header DAP is the largest single value, a lower bound of the total": "не все снимки указывают своё событие облучения (0008,3010), поэтому произведение дозы на площадь из заголовков — наибольшее отдельное значение, нижняя оценка суммы",
	"some irradiation events have no dose-area product: the effective dose uses the total DAP and the single coefficient":                       "у части событий облучения нет произведения дозы на площадь: эффективная доза рассчитана по итоговому значению и единому коэффициенту",
	"the events' DAP add up to ":           "сумма произведений дозы на площадь по событиям ",
	", the total is ":                      ", итог ",
	"; the effective dose uses the events": "; эффективная доза рассчитана по событиям",
}

var sumOfEvents = regexp.MustCompile(`\bsum of ([0-9]+) irradiation events\b`)

// proseOrder lists ruProse's phrases longest first, so a phrase inside a
// longer one is not translated on its own.
var proseOrder = func() []string {
	ks := make([]string, 0, len(ruProse))
	for k := range ruProse {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return len(ks[i]) > len(ks[j]) || len(ks[i]) == len(ks[j]) && ks[i] < ks[j] })
	return ks
}()

// Prose returns text, a derivation or source hsgview wrote in English, in
// lang: in Russian, each phrase hsgview writes (whole, or as a part of a
// source such as "image headers, <attribute>, <method>") is replaced by
// its Russian; DICOM names stay as the standard writes them, and a user's
// own text prints as entered. In English text is returned unchanged.
func Prose(text, lang string) string {
	if Lang(lang) != "ru" {
		return text
	}
	text = sumOfEvents.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(sumOfEvents.FindStringSubmatch(m)[1])
		if err != nil {
			return m
		}
		return "сумма по " + strconv.Itoa(n) + " " + eventsRU(n)
	})
	for _, k := range proseOrder {
		text = strings.ReplaceAll(text, k, ruProse[k])
	}
	return text
}

// eventsRU is «событию/событиям облучения» after «по» and a number.
func eventsRU(n int) string {
	if n%10 == 1 && n%100 != 11 {
		return "событию облучения"
	}
	return "событиям облучения"
}
