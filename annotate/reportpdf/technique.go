package reportpdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
)

func (d *pdfDoc) clinical() {
	c := d.r.Clinical
	ind := report.LabelsOf(c.Indication, "; ")
	if t := strings.TrimSpace(c.IndicationText); t != "" {
		if ind != "" {
			ind += "\n"
		}
		ind += t
	}
	var cycle []string
	if c.CycleDay != nil {
		cycle = append(cycle, "Day "+strconv.Itoa(*c.CycleDay)+" of the cycle")
	}
	if c.LMPDate != "" {
		cycle = append(cycle, "last menstrual period "+formatDate(c.LMPDate))
	}
	preg := ""
	if pt := c.PregnancyTest; pt.Result != "" {
		preg = report.LabelOf(pt.Result)
		var det []string
		if pt.Specimen != "" {
			det = append(det, report.LabelOf(pt.Specimen))
		}
		if pt.Date != "" {
			det = append(det, formatDate(pt.Date))
		}
		if len(det) > 0 {
			preg += " (" + strings.Join(det, ", ") + ")"
		}
	}
	d.block("Clinical information", false, []kv{
		{"Indication", ind},
		{"Cycle", strings.Join(cycle, "; ")},
		{"Pregnancy test", preg},
		{"Relevant history", report.LabelsOf(c.History, "; ")},
		{"Consent", yesNo(c.ConsentObtained, "Obtained", "Not obtained")},
		{"Comparison", c.Comparison},
	})
}

func (d *pdfDoc) technique() {
	t := d.r.Technique
	var cath []string
	if ct := t.Catheter; ct.Type != "" || ct.SizeFr != nil {
		s := report.LabelOf(ct.Type)
		if ct.Type == "" {
			s = "Catheter"
		}
		if ct.SizeFr != nil {
			s += ", " + wording.FormatNumber(*ct.SizeFr, 1) + " Fr"
		}
		cath = append(cath, s)
		if ct.BalloonPosition != "" && ct.BalloonPosition != report.BalloonNotApplicable {
			b := "balloon " + report.LabelOf(ct.BalloonPosition)
			if ct.BalloonVolumeML != nil {
				b += " (" + wording.FormatNumber(*ct.BalloonVolumeML, 1) + " mL)"
			}
			cath = append(cath, b)
		}
		if ct.BalloonFreeImageObtained != nil {
			cath = append(cath, yesNo(ct.BalloonFreeImageObtained, "image without the balloon obtained", "no image without the balloon"))
		}
	}
	if t.TenaculumUsed != nil {
		cath = append(cath, yesNo(t.TenaculumUsed, "tenaculum used", "no tenaculum"))
	}

	c := t.Contrast
	var contrast []string
	if c.Class != "" {
		contrast = append(contrast, report.LabelOf(c.Class))
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
		contrast = append(contrast, wording.FormatNumber(*c.ConcentrationMgIPerML, 0)+" mg I/mL")
	}
	if c.Warmed != nil {
		contrast = append(contrast, yesNo(c.Warmed, "warmed", "not warmed"))
	}
	volume := ""
	if c.VolumeML != nil {
		volume = wording.FormatNumber(*c.VolumeML, 1) + " mL"
	}

	fluoro := ""
	if t.FluoroscopyTimeS != nil {
		fluoro = durationText(*t.FluoroscopyTimeS)
	}
	var images []string
	if t.SpotImageCount != nil {
		images = append(images, plural(*t.SpotImageCount, "spot image", "spot images"))
	}
	if t.CineRunCount != nil {
		images = append(images, plural(*t.CineRunCount, "cine run", "cine runs"))
	}
	imgText := strings.Join(images, ", ")
	if len(t.ImagesObtained) > 0 {
		k := report.LabelsOf(t.ImagesObtained, ", ")
		if imgText != "" {
			imgText += ": " + k
		} else {
			imgText = wording.Capitalize(k)
		}
	}

	dap, kerma := doseText(t.Dose)
	delayed := ""
	if di := t.DelayedImage; di.Obtained != nil {
		if !*di.Obtained {
			delayed = "Not obtained"
		} else {
			delayed = "Obtained"
			if di.MinutesAfterContrast != nil {
				delayed += " " + wording.FormatNumber(*di.MinutesAfterContrast, 0) + " min after the start of contrast"
			}
			var det []string
			if di.CatheterRemovedBefore != nil {
				det = append(det, yesNo(di.CatheterRemovedBefore, "catheter removed before", "catheter in place"))
			}
			if di.Determination != "" {
				s := report.LabelOf(di.Determination)
				if di.Confidence != "" && di.Determination != report.DeterminedManually {
					s += " (" + report.LabelOf(di.Confidence) + ")"
				}
				det = append(det, s)
			}
			if len(det) > 0 {
				delayed += "; " + strings.Join(det, "; ")
			}
		}
	}
	adequacy := ""
	timing := timingText(d.r)
	if t.Adequacy != "" {
		adequacy = report.LabelOf(t.Adequacy)
	}
	sel := ""
	if t.SelectiveSalpingography != "" {
		sel = report.LabelOf(t.SelectiveSalpingography)
	}
	d.block("Technique", false, []kv{
		{"Catheter", wording.Capitalize(strings.Join(cath, "; "))},
		{"Contrast medium", strings.Join(contrast, ", ")},
		{"Contrast volume", volume},
		{"Medication", strings.Join(t.Medications, "; ")},
		{"Antibiotic prophylaxis", t.AntibioticProphylaxis},
		{"Fluoroscopy time", fluoro},
		{"Images", imgText},
		{"Dose-area product", dap},
		{"Air kerma at the reference point", kerma},
		{"Delayed image", delayed},
		{"Timing", timing},
		{"Selective salpingography", sel},
		{"Adequacy", adequacy},
		{"Limitations", report.LabelsOf(t.Limitations, "; ")},
		{"Notes", t.TechniqueText},
	})
}

// doseText returns the dose-area product and reference air kerma as
// printed, each with its unit and source.
func doseText(d report.Dose) (dap, kerma string) {
	src := ""
	if d.Source != "" {
		src = report.LabelOf(d.Source)
	}
	if q := d.DAPTotal; q != nil && q.Value != nil {
		gy, ok := q.GyCm2()
		if d.DAPTotalGyCm2 != nil {
			gy, ok = *d.DAPTotalGyCm2, true
		}
		var notes []string
		if ok && q.Unit != mark.UnitGyCm2 {
			notes = append(notes, quantityText(*q.Value, q.Unit))
		}
		if src != "" {
			if d.Method != "" {
				notes = append(notes, src+": "+d.Method)
			} else {
				notes = append(notes, src)
			}
		}
		if ok {
			dap = sigText(gy, 3) + " Gy·cm²"
		} else {
			dap = quantityText(*q.Value, q.Unit)
		}
		if len(notes) > 0 {
			dap += " (" + strings.Join(notes, ", ") + ")"
		}
	} else if d.DAPTotalGyCm2 != nil {
		dap = sigText(*d.DAPTotalGyCm2, 3) + " Gy·cm²"
		if src != "" {
			dap += " (" + src + ")"
		}
	}
	if d.AirKermaRefPointMGy != nil {
		kerma = sigText(*d.AirKermaRefPointMGy, 3) + " mGy"
		if src != "" {
			kerma += " (" + src + ")"
		}
	}
	return dap, kerma
}

// quantityText formats a value with its unit, in scientific notation
// when very small or large ("1.6 × 10⁻⁵ Gy·m²").
func quantityText(v float64, u mark.Unit) string {
	return sigText(v, 3) + " " + report.LabelOf(u)
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

// durationText formats seconds as "42 s" or "1 min 25 s".
func durationText(s float64) string {
	if s < 60 {
		return wording.FormatNumber(s, 1) + " s"
	}
	m := math.Floor(s / 60)
	rest := s - 60*m
	out := wording.FormatNumber(m, 0) + " min"
	if r := wording.RoundTo(rest, 0); r > 0 {
		out += " " + wording.FormatNumber(r, 0) + " s"
	}
	return out + " (" + wording.FormatNumber(s, 0) + " s)"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
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
func timingText(r *report.Report) string {
	o := r.TimingOverrides
	if o == nil || o.IsZero() {
		return ""
	}
	var parts []string
	if o.T0 != nil {
		parts = append(parts, "start of contrast (T0) set by the radiologist")
	}
	switch n := len(o.Phases); n {
	case 0:
	case 1:
		parts = append(parts, "phase of 1 image set by the radiologist")
	default:
		parts = append(parts, fmt.Sprintf("phase of %d images set by the radiologist", n))
	}
	s := wording.Capitalize(strings.Join(parts, "; "))
	if o.SetBy != "" {
		s += " (" + o.SetBy + ")"
	}
	return s
}
