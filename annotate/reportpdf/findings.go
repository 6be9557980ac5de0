package reportpdf

import (
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
)

func (d *pdfDoc) findings() {
	r := d.r
	u := r.Uterus
	d.pending = d.t("Findings") // printed with the first group that has a value
	defer func() { d.pending = "" }()

	// What is normal is said in one line ("Normal size and position,
	// smooth triangular cavity, normal cervical canal"); only what is not
	// gets a row of its own.
	var cavity []kv
	if normal := d.normalUterus(); normal != "" {
		cavity = append(cavity, kv{d.t("Uterus"), normal})
	}
	if canal := r.Cervix.Canal; canal != "" && (canal != report.CanalNormal || strings.TrimSpace(r.Cervix.Text) != "") {
		cavity = append(cavity, kv{d.t("Cervical canal"), joinSentences(report.LabelIn(canal, d.lang), r.Cervix.Text)})
	} else if canal == "" {
		cavity = append(cavity, kv{d.t("Cervical canal"), r.Cervix.Text})
	}
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		cavity = append(cavity, kv{d.t("Cavity opacified"), d.t("No — the cavity did not opacify")})
	}
	if u.Deviation != "" && u.Deviation != report.DeviationMidline {
		cavity = append(cavity, kv{d.t("Position"), report.LabelIn(u.Deviation, d.lang)})
	}
	if u.Size != "" && u.Size != report.SizeNormal {
		cavity = append(cavity, kv{d.t("Size"), report.LabelIn(u.Size, d.lang)})
	}
	if u.Contour != "" && u.Contour != report.ContourSmooth {
		cavity = append(cavity, kv{d.t("Contour"), report.LabelIn(u.Contour, d.lang)})
	}
	if u.Shape != "" && u.Shape != report.ShapeNormalTriangular {
		cavity = append(cavity, kv{d.t("Shape"), report.LabelIn(u.Shape, d.lang)})
	}
	var ind []string
	if u.InternalIndentationDepthMM != nil {
		ind = append(ind, d.t("depth")+" "+d.sizeText(*u.InternalIndentationDepthMM, "", "/uterus/internalIndentationDepthMm"))
	}
	if u.InternalIndentationAngleDeg != nil {
		ind = append(ind, d.t("angle")+" "+d.num(*u.InternalIndentationAngleDeg, 0)+"°")
	}
	cavity = append(cavity, kv{d.t("Fundal indentation"), wording.Capitalize(strings.Join(ind, ", "))})
	if u.IntercornualAngleDeg != nil {
		cavity = append(cavity, kv{d.t("Intercornual angle"), d.num(*u.IntercornualAngleDeg, 0) + "°"})
	}
	var defects []string
	for i, f := range u.FillingDefects {
		defects = append(defects, d.defectText(f, "/uterus/fillingDefects/"+strconv.Itoa(i)))
	}
	cavity = append(cavity, kv{d.t("Filling defects"), strings.Join(defects, "\n")})
	cavity = append(cavity, kv{d.t("Intrauterine adhesions"), d.adhesionsText(u.IntrauterineAdhesions)})
	if a := u.AdenomyosisSigns; a.Present != nil {
		s := yesNo(a.Present, d.t("Signs present"), d.t("No signs"))
		if *a.Present {
			var det []string
			if a.Pattern != "" {
				det = append(det, report.LabelIn(a.Pattern, d.lang))
			}
			if a.Location != "" {
				det = append(det, report.LabelIn(a.Location, d.lang))
			}
			if len(det) > 0 {
				s += ": " + strings.Join(det, ", ")
			}
		}
		cavity = append(cavity, kv{d.t("Adenomyosis"), s})
	}
	var outs []string
	for i, o := range u.Outpouchings {
		s := report.LabelIn(o.Type, d.lang)
		if o.Type == "" {
			s = d.t("Outpouching")
		}
		if o.Location != "" {
			s += d.tf(" in the %s", report.LabelIn(o.Location, d.lang))
		}
		if o.SizeMM != nil {
			s += ", " + d.sizeText(*o.SizeMM, "", "/uterus/outpouchings/"+strconv.Itoa(i)+"/sizeMm")
		}
		outs = append(outs, s)
	}
	cavity = append(cavity, kv{d.t("Outpouchings"), strings.Join(outs, "\n")})
	cavity = append(cavity, kv{d.t("Devices"), report.LabelsIn(u.Devices, "; ", d.lang)})
	cavity = append(cavity, kv{d.t("Notes"), u.Text})
	d.block(d.t("Cervix and uterine cavity"), true, cavity)

	d.anomaly()
	d.tubes()

	pe := r.Peritoneum
	pattern := ""
	if pe.SpillPattern != "" {
		pattern = report.LabelIn(pe.SpillPattern, d.lang)
	}
	findings := d.delayedFindings()
	delayed := wording.Capitalize(findings)
	if m := r.Technique.DelayedImage.MinutesAfterContrast; m != nil && findings != "" && r.Technique.DelayedImage.IsObtained() {
		delayed = d.tf("At %s: %s", d.qty(*m, 0, "min"), findings)
	}
	d.block(d.t("Peritoneum and delayed image"), true, []kv{
		{d.t("Intraperitoneal spill"), pattern},
		{d.t("Delayed image"), delayed},
		{d.t("Notes"), pe.Text},
	})

	d.complications()

	g := r.Grading
	var grading []kv
	if g.HullRutherford != "" && d.gradeApplies() {
		s := report.LabelIn(g.HullRutherford, d.lang)
		if g.HullRutherfordBasis != "" {
			s += ", " + report.LabelIn(g.HullRutherfordBasis, d.lang)
		}
		grading = append(grading, kv{"Hull & Rutherford", s})
	}
	for _, o := range g.Other {
		grading = append(grading, kv{cmpOr(o.System, d.t("Grade")), o.Value})
	}
	d.block(d.t("Tubal grading"), true, grading)
}

// delayedFindings words the findings on the delayed image, naming the
// tube that holds residual contrast when the findings tell which.
func (d *pdfDoc) delayedFindings() string {
	out := make([]string, len(d.r.Peritoneum.DelayedFindings))
	for i, f := range d.r.Peritoneum.DelayedFindings {
		out[i] = report.LabelIn(f, d.lang)
		if f == report.DelayedTubalContrast {
			out[i] = d.t(residualTube(&d.r.Tubes))
		}
	}
	return strings.Join(out, "; ")
}

// residualTube says where residual tubal contrast on the delayed image is:
// in the hydrosalpinx when one side has one, else in the one tube recorded
// as occluded or with loculated spill. The words are English, the key of
// their translation.
func residualTube(t *report.Tubes) string {
	present := func(x *report.Tube) bool {
		return x.Status != report.TubeSurgicallyAbsent && x.Status != report.TubeNotAssessed
	}
	hx := func(x *report.Tube) bool { return present(x) && x.Hydrosalpinx.IsPresent() }
	held := func(x *report.Tube) bool {
		return present(x) && (x.Patency == report.Occluded || x.Spill == report.SpillLoculated || x.Spill == report.SpillMinimal)
	}
	r, l := &t.Right, &t.Left
	switch {
	case hx(r) && hx(l):
		return "residual tubal contrast (side not recorded)"
	case hx(r):
		return "residual contrast in the right hydrosalpinx"
	case hx(l):
		return "residual contrast in the left hydrosalpinx"
	case held(r) && !held(l):
		return "residual contrast in the right tube"
	case held(l) && !held(r):
		return "residual contrast in the left tube"
	}
	return "residual tubal contrast (side not recorded)"
}

// gradeApplies reports whether a Hull & Rutherford grade belongs in the
// report: always when it comes from laparoscopy or says "not applicable",
// and from HSG only while a tube is recorded with disease the grade
// describes (occlusion, indeterminate patency, hydrosalpinx, salpingitis
// isthmica nodosa, peritubal adhesions or loculated or minimal spill). A
// grade left from findings that have since changed to normal is not
// printed.
func (d *pdfDoc) gradeApplies() bool {
	g := d.r.Grading
	if g.HullRutherfordBasis == report.HRBasisLaparoscopy || g.HullRutherford == report.HRNotApplicable {
		return true
	}
	diseased := func(t *report.Tube) bool {
		if t.Status == report.TubeSurgicallyAbsent || t.Status == report.TubeNotAssessed {
			return false
		}
		return t.Patency == report.Occluded || t.Patency == report.PatencyIndeterminate || t.Hydrosalpinx.IsPresent() ||
			report.IsTrue(t.SalpingitisIsthmicaNodosa) || report.IsTrue(t.PeritubalAdhesionsSuspected) ||
			t.Spill == report.SpillLoculated || t.Spill == report.SpillMinimal || t.Opacification == report.OpacificationNone
	}
	return diseased(&d.r.Tubes.Right) || diseased(&d.r.Tubes.Left)
}

// joinSentences joins a label and a free text.
func joinSentences(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ". " + b
}

// sizeText formats a size recorded at path (a JSON pointer) with the
// source of the pixel spacing it was measured with, as every printed
// measurement must say (§1.6): "25.3 mm (calibrated)", "≈14.4 mm
// (magnification-corrected)", "≈18 mm (at detector)", "3.3 mm (user
// calibration, catheter 6 Fr)", or in pixels when uncalibrated ("62 px
// (uncalibrated)"). basis is the source the finding records; when empty,
// the source of the length mark linked to the finding is used, and a
// size with neither says that its source is not recorded.
func (d *pdfDoc) sizeText(v float64, basis mark.SpacingSource, path string) string {
	m := d.markFor(path, basis)
	ref := ""
	if m != nil {
		if basis == "" {
			basis = m.SpacingSource
		}
		ref = m.Reference
	}
	mm := d.qty(v, 1, "mm")
	switch {
	case basis == "":
		return mm + " (" + d.t("spacing source not recorded") + ")"
	case basis == mark.SpacingUncalibrated:
		if m != nil && m.LengthPx > 0 && mark.Finite(m.LengthPx) {
			px := mark.FormatFixed(m.LengthPx, mark.PxDecimals(m.LengthPx))
			if d.lang == l10n.RU {
				px = l10n.Fixed(m.LengthPx, mark.PxDecimals(m.LengthPx), d.lang)
			}
			return px + d.unitSep() + d.unit("px") + " (" + d.t("uncalibrated") + ")"
		}
		return d.num(v, 1) + " (" + d.t("uncalibrated: not a size in mm") + ")"
	case !basis.Valid():
		return mm + " (" + report.LabelIn(basis, d.lang) + ")"
	}
	if !basis.Calibrated() {
		mm = "≈" + mm
	}
	return mm + " (" + d.spacingText(mark.Spacing{Row: 1, Column: 1, Source: basis, Reference: ref}) + ")"
}

// markFor returns the measurement of the length mark linked to the finding
// at path (its findingRef is path or the finding holding it), preferring
// one measured with basis; nil if there is none.
func (d *pdfDoc) markFor(path string, basis mark.SpacingSource) *mark.Measurement {
	parent := path[:max(strings.LastIndexByte(path, '/'), 0)]
	var found *mark.Measurement
	for i := range d.r.Annotations {
		a := &d.r.Annotations[i]
		if a.Measurement == nil || a.Tool != mark.ToolLength || (a.FindingRef != path && a.FindingRef != parent) {
			continue
		}
		if found == nil || basis != "" && a.Measurement.SpacingSource == basis && found.SpacingSource != basis {
			found = a.Measurement
		}
	}
	return found
}

func (d *pdfDoc) defectText(f report.FillingDefect, path string) string {
	s := report.LabelIn(f.Kind, d.lang)
	if f.Count != nil && *f.Count > 1 {
		s += " (" + strconv.Itoa(*f.Count) + ")"
	}
	var det []string
	if f.Location != "" {
		det = append(det, d.tf("in the %s", report.LabelIn(f.Location, d.lang)))
	}
	if f.Margin != "" {
		det = append(det, report.LabelIn(f.Margin, d.lang))
	}
	if f.SizeMM != nil {
		det = append(det, d.sizeText(*f.SizeMM, "", path+"/sizeMm"))
	}
	if f.MobileOrTransient != nil {
		det = append(det, yesNo(f.MobileOrTransient, d.t("mobile or transient"), d.t("fixed")))
	}
	if len(det) > 0 {
		s += ", " + strings.Join(det, ", ")
	}
	return s
}

func (d *pdfDoc) adhesionsText(a report.Adhesions) string {
	if a.Present == nil {
		return ""
	}
	if !*a.Present {
		return d.t("None")
	}
	s := d.t("Present")
	if a.Extent != "" {
		s += ", " + report.LabelIn(a.Extent, d.lang)
	}
	if c := a.Classification; c.System != "" || c.Grade != "" {
		s += "; " + strings.TrimSpace(report.LabelIn(c.System, d.lang)+" "+d.t("grade")+" "+c.Grade)
	}
	return s
}

func (d *pdfDoc) anomaly() {
	a := d.r.Uterus.MullerianAnomaly
	var eshre []string
	if a.ESHREUterine != "" {
		eshre = append(eshre, report.LabelIn(a.ESHREUterine, d.lang))
	}
	if a.ESHRECervical != "" {
		eshre = append(eshre, report.LabelIn(a.ESHRECervical, d.lang))
	}
	if a.ESHREVaginal != "" {
		eshre = append(eshre, report.LabelIn(a.ESHREVaginal, d.lang))
	}
	asrm := ""
	if a.ASRM != "" {
		asrm = report.LabelIn(a.ASRM, d.lang)
		if a.Side != "" && a.ASRM == report.ASRMUnicornuate {
			asrm += ", " + d.tf("%s horn", report.LabelIn(a.Side, d.lang))
		}
	}
	asrm = joinSentences(asrm, a.ASRMDetail)
	afs, certainty, confirm := "", "", ""
	if a.AFS != "" {
		afs = report.LabelIn(a.AFS, d.lang)
	}
	if a.Certainty != "" {
		certainty = report.LabelIn(a.Certainty, d.lang)
	}
	if a.ConfirmationRecommended != "" {
		confirm = report.LabelIn(a.ConfirmationRecommended, d.lang)
	}
	outer := ""
	if a.ExternalContourAssessable != nil && !*a.ExternalContourAssessable && (a.ASRM != "" && a.ASRM != report.ASRMNone) {
		outer = d.t("Not assessable on HSG")
	}
	if a.Suspected != nil && !*a.Suspected && a.ASRMDetail == "" && (a.ASRM == "" || a.ASRM == report.ASRMNone) {
		// Nothing suspected: one line, not a table of "none".
		d.block(d.t("Müllerian anomaly"), true, []kv{{d.t("Suspected"), d.t("No anomaly suspected")}})
		return
	}
	d.block(d.t("Müllerian anomaly"), true, []kv{
		{d.t("Suspected"), yesNo(a.Suspected, d.t("Yes"), d.t("No"))},
		{"ASRM MAC2021", asrm},
		{"ESHRE/ESGE 2013", strings.Join(eshre, "; ")},
		{"AFS 1988", afs},
		{d.t("Certainty"), certainty},
		{d.t("External fundal contour"), outer},
		{d.t("Confirmation"), confirm},
	})
}

// tubeRows returns the rows of the tube table for one tube. Values that
// do not apply to the tube as now recorded are left out, so that an
// earlier answer the form kept cannot contradict it: a tube that is
// absent or not assessed shows only its status, device and notes, and a
// site of occlusion shows only for a tube recorded as occluded (or of
// indeterminate patency).
func (d *pdfDoc) tubeRows(side report.Side) map[string]string {
	t := *d.r.Tubes.Tube(side)
	base := "/tubes/" + string(side)
	m := map[string]string{}
	if t.Status != "" && t.Status != report.TubePresent {
		m["Status"] = report.LabelIn(t.Status, d.lang)
		if t.SterilizationDevice != "" {
			m["Sterilisation device"] = report.LabelIn(t.SterilizationDevice, d.lang)
		}
		m["Notes"] = strings.TrimSpace(t.Text)
		return m
	}
	if t.Opacification != "" {
		m["Opacification"] = report.LabelIn(t.Opacification, d.lang)
	}
	if t.Patency != "" {
		m["Patency"] = report.LabelIn(t.Patency, d.lang)
	}
	if t.OcclusionSite != "" && (t.Patency == report.Occluded || t.Patency == report.PatencyIndeterminate || t.Patency == "") {
		m["Site of occlusion"] = report.LabelIn(t.OcclusionSite, d.lang)
		if t.OcclusionQualifier != "" && t.OcclusionQualifier != report.OcclusionDefinite {
			m["Site of occlusion"] += "; " + report.LabelIn(t.OcclusionQualifier, d.lang)
		}
	}
	if t.Spill != "" {
		m["Spill"] = report.LabelIn(t.Spill, d.lang)
	}
	m["Peritubal adhesions"] = yesNo(t.PeritubalAdhesionsSuspected, d.tc("adhesions", "Suspected"), d.tc("adhesions", "Not suspected"))
	if h := t.Hydrosalpinx; h.Present != nil {
		if !*h.Present {
			m["Hydrosalpinx"] = d.t("No")
		} else {
			s := d.t("Present")
			if det := d.hydrosalpinxDetail(h, base); det != "" {
				s += ", " + det
			}
			m["Hydrosalpinx"] = s
		}
	}
	m["Salpingitis isthmica nodosa"] = yesNo(t.SalpingitisIsthmicaNodosa, d.t("Features present"), d.t("No"))
	m["Tubal spasm"] = yesNo(t.TubalSpasmSuspected, d.tc("spasm", "Suspected"), d.tc("spasm", "Not suspected"))
	if t.Contour != "" {
		m["Contour"] = report.LabelIn(t.Contour, d.lang)
	}
	if t.SterilizationDevice != "" {
		m["Sterilisation device"] = report.LabelIn(t.SterilizationDevice, d.lang)
	}
	m["Notes"] = strings.TrimSpace(t.Text)
	return m
}

// hydrosalpinxDetail words a hydrosalpinx's diameter and mucosal folds
// ("≈14 mm (at detector), mucosal folds reduced"); base is the tube's
// JSON pointer.
func (d *pdfDoc) hydrosalpinxDetail(h report.Hydrosalpinx, base string) string {
	var det []string
	if h.MaxDiameterMM != nil {
		det = append(det, d.sizeText(*h.MaxDiameterMM, h.MeasurementBasis, base+"/hydrosalpinx/maxDiameterMm"))
	}
	if h.MucosalFolds != "" {
		det = append(det, report.LabelIn(h.MucosalFolds, d.lang))
	}
	return strings.Join(det, ", ")
}

// tubeRowOrder are the rows of the tube table, in order; each is also
// the key of its label's translation.
var tubeRowOrder = []string{"Status", "Opacification", "Patency", "Site of occlusion", "Spill", "Peritubal adhesions",
	"Hydrosalpinx", "Salpingitis isthmica nodosa", "Tubal spasm", "Contour", "Sterilisation device", "Notes"}

// tubes prints the right and left tubes side by side.
func (d *pdfDoc) tubes() {
	p := d.pdf
	rt, lt := d.tubeRows(report.Right), d.tubeRows(report.Left)
	var order []string
	for _, k := range tubeRowOrder {
		if rt[k] != "" || lt[k] != "" {
			order = append(order, k)
		}
	}
	if len(order) == 0 {
		return
	}
	// Both tubes read the same (a normal study, or the same disease on
	// both sides): one line says it, not a two-column table of twins.
	same := true
	for _, k := range order {
		same = same && rt[k] == lt[k]
	}
	if same {
		if d.lang == l10n.RU {
			d.block(d.t("Fallopian tubes"), true, []kv{d.bothTubesRU(&d.r.Tubes.Right, rt, order)})
			return
		}
		parts := make([]string, len(order))
		for i, k := range order {
			parts[i] = k + ": " + rt[k]
		}
		d.block(d.t("Fallopian tubes"), true, []kv{{"Both tubes", strings.Join(parts, "; ")}})
		return
	}
	colW := (d.contentW - pdfLabelW - 4) / 2
	height := func(k string) (float64, [2][]string) {
		d.font("", 9.5)
		a, b := d.split(rt[k], colW), d.split(lt[k], colW)
		if len(a) == 0 {
			a = []string{"—"}
		}
		if len(b) == 0 {
			b = []string{"—"}
		}
		d.font("", 8.5)
		n := max(len(a), len(b), len(d.split(d.tc("tube", k), pdfLabelW-3)))
		return float64(n)*pdfLine + 1, [2][]string{a, b}
	}
	h0 := 0.0
	for _, k := range order[:min(len(order), keepRows+1)] {
		h, _ := height(k)
		h0 += h
	}
	d.subheading(d.t("Fallopian tubes"), 6.4+h0)
	head := func() {
		y := p.GetY()
		d.font("B", 8.5)
		d.color(colMuted)
		for i, t := range []string{d.t("Right tube"), d.t("Left tube")} {
			p.SetXY(pdfMarginX+pdfLabelW+float64(i)*(colW+4), y)
			d.cell(colW, 5, t, 0, "L")
		}
		d.draw(colRule)
		p.SetLineWidth(0.2)
		p.Line(pdfMarginX+pdfLabelW, y+5.2, pdfMarginX+d.contentW, y+5.2)
		p.SetXY(pdfMarginX, y+6.4)
	}
	head()
	for _, k := range order {
		h, cells := height(k)
		if p.GetY()+h > d.pageH-pdfMarginBottom {
			p.AddPage()
			head()
		}
		y := p.GetY()
		d.font("", 8.5)
		d.color(colMuted)
		for i, l := range d.split(d.tc("tube", k), pdfLabelW-3) {
			p.SetXY(pdfMarginX, y+float64(i)*pdfLine)
			d.cell(pdfLabelW-3, pdfLine, l, 0, "L")
		}
		d.font("", 9.5)
		for c, ls := range cells {
			d.color(colText)
			if len(ls) == 1 && ls[0] == "—" {
				d.color(colRule)
			}
			for i, l := range ls {
				p.SetXY(pdfMarginX+pdfLabelW+float64(c)*(colW+4), y+float64(i)*pdfLine)
				d.cell(colW, pdfLine, l, 0, "L")
			}
		}
		p.SetXY(pdfMarginX, y+h)
	}
}

func (d *pdfDoc) complications() {
	c := d.r.Complications
	var rows []kv
	if len(c.Items) == 0 && c.None != nil && *c.None {
		rows = append(rows, kv{d.t("Complications"), d.t("None")})
	}
	for _, it := range c.Items {
		var det []string
		if it.Grade != "" {
			det = append(det, it.Grade)
		}
		if it.Side != "" {
			det = append(det, report.LabelIn(it.Side, d.lang))
		}
		if it.AffectsInterpretation != nil {
			det = append(det, yesNo(it.AffectsInterpretation, d.t("affects the interpretation"), d.t("does not affect the interpretation")))
		}
		if it.Text != "" {
			det = append(det, it.Text)
		}
		v := d.t("Yes")
		if len(det) > 0 {
			v = wording.Capitalize(strings.Join(det, "; "))
		}
		rows = append(rows, kv{report.LabelIn(it.Type, d.lang), v})
	}
	if c.PainVAS != nil {
		rows = append(rows, kv{d.t("Pain (VAS)"), strconv.Itoa(*c.PainVAS) + " / 10"})
	}
	d.block(d.t("Complications"), true, rows)
}
