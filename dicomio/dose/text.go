package dose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/l10n"
)

// A Line is one line of the dose block: a label, the value with its unit,
// and a note (source, method) to print beside or below it. Exceeded marks
// a value above its reference level (print it in bold or red).
type Line struct {
	Key      string // stable key: "dap", "fluoroTime", "airKerma", "events", "effectiveDose", "drl", "note"
	Label    string
	Value    string
	Note     string
	Exceeded bool
}

// nbsp separates a number from its unit so they are not broken apart.
const nbsp = "\u00a0"

// Units and words by language ("en" or "ru"; any other is English).
var words = map[string]map[string]string{
	"en": {
		"title": "Patient dose", "dap": "Dose-area product", "fluoroTime": "Fluoroscopy time",
		"airKerma": "Air kerma at the reference point", "events": "Irradiation events",
		"effectiveDose": "Effective dose (estimate)", "drl": "Reference levels",
		"Gy·cm²": "Gy·cm²", "mGy": "mGy", "mSv": "mSv", "s": "s", "min": "min", "mm Cu": "mm Cu", "kV": "kV", "mA": "mA",
		"above": "above the reference level", "none": "No dose figures in the study",
		"perEvent":   "Σ DAP × E/KAP per irradiation event by its Cu filtration (%s); %s; coefficients %s mSv per Gy·cm² at %s mm Cu, linear interpolation between them",
		"unknownCu":  "; %d event(s) without recorded filtration at %s mSv per Gy·cm²",
		"single":     "total DAP × %s mSv per Gy·cm² (%s)",
		"lowerBound": "; a lower bound, as the DAP is",
		"drlLevels":  "DAP %s, fluoroscopy time %s (%s)",
		"drlNone":    "not configured",
		"exceededBy": "above: %s",
		"physmed":    "estimate by the Phys Med 2021 coefficients, not the МУ 2.6.1.2944-11 method",
	},
	"ru": {
		"title": "Доза облучения пациента", "dap": "Произведение дозы на площадь", "fluoroTime": "Время рентгеноскопии",
		"airKerma": "Воздушная керма в опорной точке", "events": "Число событий облучения",
		"effectiveDose": "Эффективная доза (оценка)", "drl": "Референтные уровни",
		"Gy·cm²": "Гр·см²", "mGy": "мГр", "mSv": "мЗв", "s": "с", "min": "мин", "mm Cu": "мм Cu", "kV": "кВ", "mA": "мА",
		"above": "выше референтного уровня", "none": "Сведений о дозе в исследовании нет",
		"perEvent":   "сумма по событиям облучения: произведение дозы на площадь × E/KAP по толщине медного фильтра события (%s); %s; коэффициенты %s мЗв/(Гр·см²) при %s мм Cu, между ними линейная интерполяция",
		"unknownCu":  "; событий без сведений о фильтре: %d, для них %s мЗв/(Гр·см²)",
		"single":     "суммарное произведение дозы на площадь × %s мЗв/(Гр·см²) (%s)",
		"lowerBound": "; нижняя оценка, как и произведение дозы на площадь",
		"drlLevels":  "произведение дозы на площадь %s, время рентгеноскопии %s (%s)",
		"drlNone":    "не заданы",
		"exceededBy": "превышены: %s",
		"physmed":    "оценка по коэффициентам Phys Med 2021, не по МУ 2.6.1.2944-11",
	},
}

func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	return words["en"][key]
}

// Lang returns "ru" for a Russian language tag, else "en" (l10n.Lang).
func Lang(tag string) string { return l10n.Lang(tag) }

// num formats v with three significant digits, decimal comma in Russian
// (l10n.Significant).
func num(v float64, lang string) string { return l10n.Significant(v, lang) }

// Num formats a dose number as the dose block does: three significant
// digits, decimal comma in Russian.
func Num(v float64, lang string) string { return num(v, lang) }

// Quantity formats a value with its unit ("Gy·cm²", "mGy", "mSv", "s",
// "min", "mm Cu", "kV", "mA") in lang, joined by a no-break space.
func Quantity(v float64, unit, lang string) string {
	return num(v, lang) + nbsp + word(Lang(lang), unit)
}

// Duration formats seconds as "36 s (0.6 min)" (from one minute up the
// minutes are added, as Russian dose sheets record minutes).
func Duration(sec float64, lang string) string {
	s := Quantity(sec, "s", lang)
	if sec >= 60 {
		s += " (" + Quantity(sec/60, "min", lang) + ")"
	}
	return s
}

// Lines returns the dose block in lang ("en" or "ru"): the DAP, the
// fluoroscopy time, the reference-point air kerma, the number of events,
// the effective dose with its method and coefficients, and the reference
// levels; each figure's Note names its source. Figures the study does not
// have are left out; with none, one line says so.
func (sum *Summary) Lines(lang string) []Line {
	lang = Lang(lang)
	exceeded := func(k string) bool {
		for _, e := range sum.DRL.Exceeded {
			if e == k {
				return true
			}
		}
		return false
	}
	var ls []Line
	add := func(key, jsonKey string, f *Figure, value string) {
		if f == nil {
			return
		}
		l := Line{Key: key, Label: word(lang, key), Value: value, Note: Prose(f.Source, lang), Exceeded: exceeded(jsonKey)}
		if l.Exceeded {
			l.Value += " — " + word(lang, "above")
		}
		ls = append(ls, l)
	}
	if sum.DAPGyCm2 != nil {
		add("dap", "dapGyCm2", sum.DAPGyCm2, Quantity(sum.DAPGyCm2.Value, "Gy·cm²", lang))
	}
	if sum.FluoroTimeS != nil {
		add("fluoroTime", "fluoroTimeS", sum.FluoroTimeS, Duration(sum.FluoroTimeS.Value, lang))
	}
	if sum.AirKermaMGy != nil {
		add("airKerma", "airKermaMGy", sum.AirKermaMGy, Quantity(sum.AirKermaMGy.Value, "mGy", lang))
	}
	if sum.NumEvents != nil {
		add("events", "", sum.NumEvents, strconv.Itoa(int(sum.NumEvents.Value)))
	}
	if e := sum.Effective; e != nil {
		ls = append(ls, Line{Key: "effectiveDose", Label: word(lang, "effectiveDose"),
			Value: Quantity(e.MSv, "mSv", lang), Note: sum.MethodText(lang)})
	}
	if len(ls) == 0 {
		ls = append(ls, Line{Key: "note", Label: word(lang, "none")})
	}
	ls = append(ls, sum.drlLine(lang))
	return ls
}

// MethodText describes the effective-dose method and its coefficients in
// lang, to print beside the figure.
func (sum *Summary) MethodText(lang string) string {
	e := sum.Effective
	if e == nil {
		return ""
	}
	set := Defaults()
	if len(e.Table) > 0 {
		set.CuCoefficients = e.Table
	}
	if e.Method == MethodSingle && e.Source != "" {
		set.SingleSource = e.Source
	}
	return MethodText(e.Method, e.Coefficient, e.UnknownCu, e.LowerBound, lang, &set)
}

// MethodText describes an effective-dose method (MethodPerEventCu or
// MethodSingle) in lang: the formula, the coefficients (the copper table
// and single-coefficient source of set, nil: [Defaults]) and their source. single is the single coefficient
// applied, unknownCu the events that used it, lowerBound whether the DAP
// is a lower bound.
func MethodText(method string, single float64, unknownCu int, lowerBound bool, lang string, set *Settings) string {
	if set == nil {
		d := Defaults()
		set = &d
	}
	lang = Lang(lang)
	switch method {
	case MethodPerEventCu:
		var ks, cus []string
		for _, c := range set.CuCoefficients {
			ks = append(ks, num(c.MSvPerGyCm2, lang))
			cus = append(cus, num(c.CuMM, lang))
		}
		sep := " / "
		s := fmt.Sprintf(word(lang, "perEvent"), "Phys Med 2021;81:40-46", word(lang, "physmed"), strings.Join(ks, sep), strings.Join(cus, sep))
		if unknownCu > 0 {
			s += fmt.Sprintf(word(lang, "unknownCu"), unknownCu, num(single, lang))
		}
		return s
	case MethodSingle:
		s := fmt.Sprintf(word(lang, "single"), num(single, lang), Prose(set.SingleSource, lang))
		if lowerBound {
			s += word(lang, "lowerBound")
		}
		return s
	}
	return method
}

// drlLine states the reference levels, their source and which figures are
// above them.
func (sum *Summary) drlLine(lang string) Line {
	return DRLLine(sum.DRL.Levels, sum.DRL.Exceeded, lang)
}

// DRLLine states reference levels, their source and the figures above
// them (by JSON name) in lang.
func DRLLine(l DRL, exceeded []string, lang string) Line {
	lang = Lang(lang)
	line := Line{Key: "drl", Label: word(lang, "drl")}
	if l.DAPGyCm2 == nil && l.FluoroTimeS == nil && l.AirKermaMGy == nil {
		line.Value = word(lang, "drlNone")
		return line
	}
	dash := "—"
	dap, ft := dash, dash
	if l.DAPGyCm2 != nil {
		dap = Quantity(*l.DAPGyCm2, "Gy·cm²", lang)
	}
	if l.FluoroTimeS != nil {
		ft = Duration(*l.FluoroTimeS, lang)
	}
	line.Value = fmt.Sprintf(word(lang, "drlLevels"), dap, ft, Prose(l.Source, lang))
	if l.AirKermaMGy != nil {
		line.Value += "; " + word(lang, "airKerma") + " " + Quantity(*l.AirKermaMGy, "mGy", lang)
	}
	if len(exceeded) > 0 {
		var names []string
		for _, e := range exceeded {
			switch e {
			case "dapGyCm2":
				names = append(names, word(lang, "dap"))
			case "fluoroTimeS":
				names = append(names, word(lang, "fluoroTime"))
			case "airKermaMGy":
				names = append(names, word(lang, "airKerma"))
			default:
				names = append(names, e)
			}
		}
		line.Note = fmt.Sprintf(word(lang, "exceededBy"), strings.Join(names, ", "))
		line.Exceeded = true
	}
	return line
}

// Title returns the heading of the dose block in lang.
func Title(lang string) string { return word(Lang(lang), "title") }

// Text returns the dose block as plain text in lang: the title, then one
// line per figure with its source or method indented below it.
func (sum *Summary) Text(lang string) string {
	var b strings.Builder
	b.WriteString(Title(lang) + "\n")
	for _, l := range sum.Lines(lang) {
		if l.Value != "" {
			fmt.Fprintf(&b, "  %s: %s\n", l.Label, l.Value)
		} else {
			fmt.Fprintf(&b, "  %s\n", l.Label)
		}
		if l.Note != "" {
			fmt.Fprintf(&b, "      %s\n", l.Note)
		}
	}
	for _, n := range sum.Notes {
		fmt.Fprintf(&b, "  * %s\n", n)
	}
	return b.String()
}
