package reportpdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
)

func (d *pdfDoc) clinical() {
	c := d.r.Clinical
	ind := report.LabelsIn(c.Indication, "; ", d.lang)
	if t := strings.TrimSpace(c.IndicationText); t != "" {
		if ind != "" {
			ind += "\n"
		}
		ind += t
	}
	var cycle []string
	if c.CycleDay != nil {
		cycle = append(cycle, d.tf("Day %d of the cycle", *c.CycleDay))
	}
	if c.LMPDate != "" {
		cycle = append(cycle, d.t("last menstrual period")+" "+d.date(c.LMPDate))
	}
	preg := ""
	if pt := c.PregnancyTest; pt.Result != "" {
		preg = report.LabelIn(pt.Result, d.lang)
		var det []string
		if pt.Specimen != "" {
			det = append(det, report.LabelIn(pt.Specimen, d.lang))
		}
		if pt.Date != "" {
			det = append(det, d.date(pt.Date))
		}
		if len(det) > 0 {
			preg += " (" + strings.Join(det, ", ") + ")"
		}
	}
	d.block(d.t("Clinical information"), false, []kv{
		{d.t("Indication"), ind},
		{d.t("Cycle"), strings.Join(cycle, "; ")},
		{d.t("Pregnancy test"), preg},
		{d.t("Relevant history"), report.LabelsIn(c.History, "; ", d.lang)},
		{d.t("Consent"), yesNo(c.ConsentObtained, d.tc("consent", "Obtained"), d.tc("consent", "Not obtained"))},
		{d.t("Comparison"), c.Comparison},
	})
}

func (d *pdfDoc) technique() {
	t := d.r.Technique
	var cath []string
	if ct := t.Catheter; ct.Type != "" || ct.SizeFr != nil {
		s := report.LabelIn(ct.Type, d.lang)
		if ct.Type == "" {
			s = d.t("Catheter")
		}
		if ct.SizeFr != nil {
			s += ", " + d.num(*ct.SizeFr, 1) + " Fr"
		}
		cath = append(cath, s)
		if ct.BalloonPosition != "" && ct.BalloonPosition != report.BalloonNotApplicable {
			b := d.t("balloon") + " " + report.LabelIn(ct.BalloonPosition, d.lang)
			if ct.BalloonVolumeML != nil {
				b += " (" + d.qty(*ct.BalloonVolumeML, 1, "mL") + ")"
			}
			cath = append(cath, b)
		}
		if ct.BalloonFreeImageObtained != nil {
			cath = append(cath, yesNo(ct.BalloonFreeImageObtained, d.t("image without the balloon obtained"), d.t("no image without the balloon")))
		}
	}
	if t.TenaculumUsed != nil {
		cath = append(cath, yesNo(t.TenaculumUsed, d.t("tenaculum used"), d.t("no tenaculum")))
	}

	c := t.Contrast
	var contrast []string
	if c.Class != "" {
		contrast = append(contrast, report.LabelIn(c.Class, d.lang))
	}
	agent := ""
	if c.Agent != nil && c.Agent.Display != "" {
		agent = c.Agent.Display
	}
	switch {
	case agent != "" && c.ProductName != "" && !strings.Contains(strings.ToLower(c.ProductName), strings.ToLower(agent)):
		agent += " (" + c.ProductName + ")"
	case agent == "" || c.ProductName != "":
		agent = cmpOr(c.ProductName, agent)
	}
	if agent != "" {
		contrast = append(contrast, agent)
	}
	if c.ConcentrationMgIPerML != nil {
		contrast = append(contrast, d.num(*c.ConcentrationMgIPerML, 0)+d.unitSep()+d.t("mg I/mL"))
	}
	if c.Warmed != nil {
		contrast = append(contrast, yesNo(c.Warmed, d.t("warmed"), d.t("not warmed")))
	}
	volume := ""
	if c.VolumeML != nil {
		volume = d.qty(*c.VolumeML, 1, "mL")
	}

	fluoro := ""
	if t.FluoroscopyTimeS != nil {
		fluoro = d.durationText(*t.FluoroscopyTimeS)
	}
	var images []string
	if t.SpotImageCount != nil {
		images = append(images, d.count(*t.SpotImageCount, "spot image", "spot images"))
	}
	if t.CineRunCount != nil {
		images = append(images, d.count(*t.CineRunCount, "cine run", "cine runs"))
	}
	imgText := strings.Join(images, ", ")
	if len(t.ImagesObtained) > 0 {
		k := report.LabelsIn(t.ImagesObtained, ", ", d.lang)
		if imgText != "" {
			imgText += ": " + k
		} else {
			imgText = wording.Capitalize(k)
		}
	}

	dap, kerma := d.doseText(t.Dose)
	delayed := ""
	if di := t.DelayedImage; di.Obtained != nil {
		if !*di.Obtained {
			delayed = d.t("Not obtained")
		} else {
			delayed = d.t("Obtained")
			if di.MinutesAfterContrast != nil {
				delayed += " " + d.tf("%s after the start of contrast", d.qty(*di.MinutesAfterContrast, 0, "min"))
			}
			var det []string
			if di.CatheterRemovedBefore != nil {
				det = append(det, yesNo(di.CatheterRemovedBefore, d.t("catheter removed before"), d.t("catheter in place")))
			}
			if di.Determination != "" {
				s := report.LabelIn(di.Determination, d.lang)
				if di.Confidence != "" && di.Determination != report.DeterminedManually {
					s += " (" + report.LabelIn(di.Confidence, d.lang) + ")"
				}
				det = append(det, s)
			}
			if len(det) > 0 {
				delayed += "; " + strings.Join(det, "; ")
			}
		}
	}
	adequacy := ""
	timing := timingText(d.r, d.lang)
	if t.Adequacy != "" {
		adequacy = report.LabelIn(t.Adequacy, d.lang)
	}
	sel := ""
	if t.SelectiveSalpingography != "" {
		sel = report.LabelIn(t.SelectiveSalpingography, d.lang)
	}
	rows := []kv{
		{d.t("Catheter"), wording.Capitalize(strings.Join(cath, "; "))},
		{d.t("Contrast medium"), strings.Join(contrast, ", ")},
		{d.t("Contrast volume"), volume},
		{d.t("Medication"), strings.Join(t.Medications, "; ")},
		{d.t("Antibiotic prophylaxis"), t.AntibioticProphylaxis},
		{d.t("Fluoroscopy time"), fluoro},
		{d.t("Images"), imgText},
		{d.t("Dose-area product"), dap},
		{d.t("Air kerma at the reference point"), kerma},
	}
	rows = append(rows, d.doseEstimateRows()...)
	rows = append(rows, []kv{
		{d.t("Delayed image"), delayed},
		{d.t("Timing"), timing},
		{d.t("Selective salpingography"), sel},
		{d.t("Adequacy"), adequacy},
		{d.t("Limitations"), report.LabelsIn(t.Limitations, "; ", d.lang)},
		{d.t("Notes"), t.TechniqueText},
	}...)
	d.block(d.t("Technique"), false, rows)
}

// doseText returns the dose-area product and reference air kerma as
// printed, each with its unit and source.
func (d *pdfDoc) doseText(ds report.Dose) (dap, kerma string) {
	src := ""
	if ds.Source != "" {
		src = report.LabelIn(ds.Source, d.lang)
	}
	if q := ds.DAPTotal; q != nil && q.Value != nil {
		gy, ok := q.GyCm2()
		if ds.DAPTotalGyCm2 != nil {
			gy, ok = *ds.DAPTotalGyCm2, true
		}
		var notes []string
		if ok && q.Unit != mark.UnitGyCm2 {
			notes = append(notes, d.quantityText(*q.Value, q.Unit))
		}
		if src != "" {
			if ds.Method != "" {
				notes = append(notes, src+": "+ds.Method)
			} else {
				notes = append(notes, src)
			}
		}
		if ok {
			dap = d.sig(gy) + d.unitSep() + d.unit("Gy·cm²")
		} else {
			dap = d.quantityText(*q.Value, q.Unit)
		}
		if len(notes) > 0 {
			dap += " (" + strings.Join(notes, ", ") + ")"
		}
	} else if ds.DAPTotalGyCm2 != nil {
		dap = d.sig(*ds.DAPTotalGyCm2) + d.unitSep() + d.unit("Gy·cm²")
		if src != "" {
			dap += " (" + src + ")"
		}
	}
	if ds.AirKermaRefPointMGy != nil {
		kerma = d.sig(*ds.AirKermaRefPointMGy) + d.unitSep() + d.unit("mGy")
		if src != "" {
			kerma += " (" + src + ")"
		}
	}
	return dap, kerma
}

// doseEstimateRows are the effective-dose estimate and the reference
// levels, when the report records them, in the words of the dose block
// (report.Dose.DoseLines, dicomio/dose): the figure, then its method and
// coefficients, or the levels and which figures are above them.
func (d *pdfDoc) doseEstimateRows() []kv {
	t := d.r.Technique
	if t.Dose.EffectiveDoseMSv == nil && t.Dose.DRL == nil {
		return nil
	}
	var rows []kv
	for _, l := range t.Dose.DoseLines(d.lang, t.FluoroscopyTimeS) {
		if l.Key != "effectiveDose" && !(l.Key == "drl" && t.Dose.DRL != nil) {
			continue
		}
		v := wording.Capitalize(l.Value)
		if l.Note != "" {
			v += "\n" + wording.Capitalize(l.Note)
		}
		rows = append(rows, kv{l.Label, v})
	}
	return rows
}

// quantityText formats a value with its unit, in scientific notation
// when very small or large ("1.6 × 10⁻⁵ Gy·m²").
func (d *pdfDoc) quantityText(v float64, u mark.Unit) string {
	return d.sig(v) + d.unitSep() + d.unit(report.LabelOf(u))
}

// sigText formats v with at most n significant digits, switching to
// "a × 10ⁿ" outside 0.001–100000.
func sigText(v float64, n int) string {
	a := math.Abs(v)
	if v == 0 || a >= 1e-3 && a < 1e5 {
		return strconv.FormatFloat(report.Sig(v, n), 'f', -1, 64)
	}
	exp := int(math.Floor(math.Log10(a)))
	mant := report.Sig(v/math.Pow10(exp), n)
	if math.Abs(mant) >= 10 { // rounding carried into the next power
		mant /= 10
		exp++
	}
	return strconv.FormatFloat(mant, 'f', -1, 64) + " × 10" + superscript(exp)
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	var b strings.Builder
	if n < 0 {
		b.WriteRune('⁻')
		n = -n
	}
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(sup[c-'0'])
	}
	return b.String()
}

// durationText formats seconds as "42 s" or "1 min 25 s (85 s)"
// ("42 с", "1 мин 25 с (85 с)").
func (d *pdfDoc) durationText(s float64) string {
	if s < 60 {
		return d.qty(s, 1, "s")
	}
	m := math.Floor(s / 60)
	rest := s - 60*m
	out := d.qty(m, 0, "min")
	if r := math.Round(rest); r > 0 {
		out += " " + d.qty(r, 0, "s")
	}
	return out + " (" + d.qty(s, 0, "s") + ")"
}

// yesNo words an optional yes/no value; nil gives "".
func yesNo(b *bool, yes, no string) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return yes
	}
	return no
}

// timingText says which image times the radiologist corrected (phases,
// the start of contrast), so that the minutes printed are known to rest
// on the radiologist's reading, not on the files' times alone; "" when
// nothing was corrected.
func timingText(r *report.Report, lang string) string {
	o := r.TimingOverrides
	if o == nil || o.IsZero() {
		return ""
	}
	w := lexicon(lang)
	var parts []string
	if o.T0 != nil {
		parts = append(parts, w.t("start of contrast (T0) set by the radiologist"))
	}
	switch n := len(o.Phases); n {
	case 0:
	case 1:
		parts = append(parts, w.t("phase of 1 image set by the radiologist"))
	default:
		parts = append(parts, w.tf("phase of %d images set by the radiologist", n))
	}
	s := wording.Capitalize(strings.Join(parts, "; "))
	if o.SetBy != "" {
		s += " (" + o.SetBy + ")"
	}
	return s
}
