package report

import (
	"strings"

	"github.com/hsgview/hsgview/dicomio/dose"
)

// DoseLines returns the report's dose block in lang ("en" or "ru") as
// lines for the PDF and the viewer: the dose-area product, the
// fluoroscopy time (fluoroS, the report's Technique.FluoroscopyTimeS),
// the reference-point air kerma, the effective-dose estimate with its
// method and coefficients, and the reference levels. Each figure's Note
// names its source. The figures above a reference level are found again
// from the current values, so a value the user corrected is judged as
// corrected.
func (d Dose) DoseLines(lang string, fluoroS *float64) []dose.Line {
	sum := &dose.Summary{Source: dose.FromNone}
	src := ""
	switch d.Source {
	case DoseFromRDSR:
		sum.Source, src = dose.FromRDSR, map[string]string{"en": "X-Ray Radiation Dose SR", "ru": "протокол дозы облучения (RDSR)"}[dose.Lang(lang)]
	case DoseFromImageHeader:
		sum.Source, src = dose.FromHeaders, map[string]string{"en": "image headers (0018,115E)", "ru": "заголовки изображений (0018,115E)"}[dose.Lang(lang)]
	case DoseFromMPPS:
		src = "MPPS"
	case DoseFromManual:
		src = map[string]string{"en": "entered by hand", "ru": "введено вручную"}[dose.Lang(lang)]
	}
	note := func(extra string) string {
		return strings.Join(nonEmpty(src, extra), ": ")
	}
	if g, ok := d.dapGyCm2(); ok {
		sum.DAPGyCm2 = &dose.Figure{Value: g, Source: note(dose.Prose(d.Method, lang))}
	}
	if fluoroS != nil {
		sum.FluoroTimeS = &dose.Figure{Value: *fluoroS, Source: note("")}
	}
	if d.AirKermaRefPointMGy != nil {
		sum.AirKermaMGy = &dose.Figure{Value: *d.AirKermaRefPointMGy, Source: note("")}
	}
	if d.EffectiveDoseMSv != nil {
		e := &dose.Effective{MSv: *d.EffectiveDoseMSv, Method: d.EffectiveDoseMethod}
		if b := d.EffectiveDoseBasis; b != nil {
			e.UnknownCu, e.LowerBound, e.Source, e.Events, e.Table = b.EventsWithoutCu, b.LowerBound, b.Source, b.Events, b.CuCoefficients
			if b.SingleCoefficient != nil {
				e.Coefficient = *b.SingleCoefficient
			}
		}
		sum.Effective = e
	}
	if l := d.DRL; l != nil {
		sum.DRL.Levels = dose.DRL{DAPGyCm2: l.DAPGyCm2, FluoroTimeS: l.FluoroTimeS, AirKermaMGy: l.AirKermaMGy, Source: l.Source}
		above := func(name string, f *dose.Figure, level *float64) {
			if f != nil && level != nil && f.Value > *level {
				sum.DRL.Exceeded = append(sum.DRL.Exceeded, name)
			}
		}
		above("dapGyCm2", sum.DAPGyCm2, l.DAPGyCm2)
		above("fluoroTimeS", sum.FluoroTimeS, l.FluoroTimeS)
		above("airKermaMGy", sum.AirKermaMGy, l.AirKermaMGy)
	}
	return sum.Lines(lang)
}

// DoseLines returns the report's dose block in the report's language
// (see [Report.Lang]): Dose.DoseLines with the report's fluoroscopy time.
func (r *Report) DoseLines() []dose.Line {
	return r.Technique.Dose.DoseLines(r.Lang(), r.Technique.FluoroscopyTimeS)
}

// dapGyCm2 returns the dose-area product in Gy·cm².
func (d Dose) dapGyCm2() (float64, bool) {
	if d.DAPTotalGyCm2 != nil {
		return *d.DAPTotalGyCm2, true
	}
	if d.DAPTotal != nil {
		return d.DAPTotal.GyCm2()
	}
	return 0, false
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
