package assess

import (
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"math"
	"slices"
	"strconv"
	"strings"
)

func (v *validator) uterus() {
	u := &v.r.Uterus
	const p = "/uterus"
	if u.CavityOpacified == nil {
		v.errorf(p+"/cavityOpacified", "record whether the uterine cavity opacified")
	}
	checkEnum(v, p+"/deviation", u.Deviation)
	checkEnum(v, p+"/size", u.Size)
	checkEnum(v, p+"/contour", u.Contour)
	checkEnum(v, p+"/shape", u.Shape)
	v.number(p+"/internalIndentationDepthMm", u.InternalIndentationDepthMM, 0, huge)
	v.number(p+"/internalIndentationAngleDeg", u.InternalIndentationAngleDeg, 0, 180)
	v.number(p+"/intercornualAngleDeg", u.IntercornualAngleDeg, 0, 180)

	for i, d := range u.FillingDefects {
		dp := p + "/fillingDefects/" + strconv.Itoa(i)
		if d.Kind == "" {
			v.errorf(dp+"/kind", "the kind of filling defect is required")
		}
		checkEnum(v, dp+"/kind", d.Kind)
		v.integer(dp+"/count", d.Count, 1, math.MaxInt)
		checkEnum(v, dp+"/location", d.Location)
		checkEnum(v, dp+"/margin", d.Margin)
		v.number(dp+"/sizeMm", d.SizeMM, 0, huge)
		v.positive(dp+"/sizeMm", d.SizeMM)
		for j, e := range d.Evidence {
			v.imageRef(dp+"/evidence/"+strconv.Itoa(j), e)
		}
		v.annotationIDs(dp+"/annotationIds", d.AnnotationIDs)
	}
	if u.CavityOpacified != nil && !*u.CavityOpacified && len(u.FillingDefects) > 0 {
		v.errorf(p+"/fillingDefects", "filling defects are recorded but the cavity did not opacify")
	}

	a := &u.IntrauterineAdhesions
	checkEnum(v, p+"/intrauterineAdhesions/extent", a.Extent)
	checkEnum(v, p+"/intrauterineAdhesions/classification/system", a.Classification.System)
	if a.Present != nil && !*a.Present && (a.Extent != "" || a.Classification != (report.AdhesionClassification{})) {
		v.warnf(p+"/intrauterineAdhesions", "adhesions are marked absent but an extent or grade is recorded")
	}
	checkEnum(v, p+"/adenomyosisSigns/pattern", u.AdenomyosisSigns.Pattern)
	checkEnum(v, p+"/adenomyosisSigns/location", u.AdenomyosisSigns.Location)
	for i, o := range u.Outpouchings {
		op := p + "/outpouchings/" + strconv.Itoa(i)
		checkEnum(v, op+"/type", o.Type)
		checkEnum(v, op+"/location", o.Location)
		v.number(op+"/sizeMm", o.SizeMM, 0, huge)
		v.positive(op+"/sizeMm", o.SizeMM)
	}
	checkEnums(v, p+"/devices", u.Devices)
	v.anomaly()
}

func (v *validator) anomaly() {
	u := &v.r.Uterus
	m := &u.MullerianAnomaly
	const p = "/uterus/mullerianAnomaly"
	checkEnum(v, p+"/asrmMac2021", m.ASRM)
	checkEnum(v, p+"/eshreEsgeUterine", m.ESHREUterine)
	checkEnum(v, p+"/eshreEsgeCervical", m.ESHRECervical)
	checkEnum(v, p+"/eshreEsgeVaginal", m.ESHREVaginal)
	checkEnum(v, p+"/afs1988Class", m.AFS)
	checkEnum(v, p+"/certainty", m.Certainty)
	checkEnum(v, p+"/confirmationRecommended", m.ConfirmationRecommended)
	checkEnum(v, p+"/side", m.Side)
	if m.Side == report.Bilateral || m.Side == report.Midline {
		v.errorf(p+"/side", "the side of a unicornuate uterus is left or right")
	}
	k := anomalyKindOf(u)
	if m.Side != "" && k != kindUnicornuate {
		v.warnf(p+"/side", "a side is recorded but the anomaly is not a unicornuate uterus")
	}
	definite := m.Certainty == "" || m.Certainty == report.Definite
	if definite && !report.IsTrue(m.ExternalContourAssessable) {
		switch {
		case m.ASRM == report.ASRMSeptate || m.ASRM == report.ASRMBicornuate:
			v.warnf(p+"/asrmMac2021", "HSG does not show the external fundal contour, so %s cannot be told from %s; "+
				"consider septate_or_bicornuate_indeterminate unless the contour was assessed (3D ultrasound or MRI)",
				asrmText[m.ASRM], asrmText[otherOf(m.ASRM)])
		case strings.HasPrefix(string(m.ESHREUterine), "U2") && m.ESHREUterine != report.U2OrU3,
			strings.HasPrefix(string(m.ESHREUterine), "U3"):
			v.warnf(p+"/eshreEsgeUterine", "HSG does not show the external contour, so U2 cannot be told from U3; "+
				"consider U2_or_U3_indeterminate unless the contour was assessed (3D ultrasound or MRI)")
		}
	}
	if m.ASRM == report.ASRMNone || m.ESHREUterine == report.U0 {
		switch u.Shape {
		case report.ShapeDeepIndentation, report.ShapeTwoHorns, report.ShapeSingleHorn, report.ShapeTShaped:
			v.warnf(p, "no anomaly is recorded but the cavity shape (%s) suggests one", strings.ToLower(report.LabelOf(u.Shape)))
		}
	}
	if k == kindUnicornuate {
		opacified := func(t *report.Tube) bool {
			return t.Opacification == report.OpacificationComplete || t.Opacification == report.OpacificationPartial || t.Patency == report.Patent
		}
		if opacified(&v.r.Tubes.Right) && opacified(&v.r.Tubes.Left) {
			v.warnf(p, "a unicornuate uterus is recorded but both tubes opacified")
		}
	}
}

func otherOf(c report.ASRMClass) report.ASRMClass {
	if c == report.ASRMSeptate {
		return report.ASRMBicornuate
	}
	return report.ASRMSeptate
}

func (v *validator) tube(s report.Side) {
	t := v.r.Tubes.Tube(s)
	p := "/tubes/" + string(s)
	if t.Status == "" {
		v.errorf(p+"/status", "the status of the tube is required (present, surgically absent or not assessed)")
	}
	checkEnum(v, p+"/status", t.Status)
	checkEnum(v, p+"/opacification", t.Opacification)
	checkEnum(v, p+"/patency", t.Patency)
	checkEnum(v, p+"/occlusionSite", t.OcclusionSite)
	checkEnum(v, p+"/occlusionQualifier", t.OcclusionQualifier)
	checkEnum(v, p+"/spill", t.Spill)
	checkEnum(v, p+"/contour", t.Contour)
	checkEnum(v, p+"/sterilizationDevice", t.SterilizationDevice)
	h := &t.Hydrosalpinx
	checkEnum(v, p+"/hydrosalpinx/mucosalFolds", h.MucosalFolds)
	checkEnum(v, p+"/hydrosalpinx/measurementBasis", h.MeasurementBasis)
	v.number(p+"/hydrosalpinx/maxDiameterMm", h.MaxDiameterMM, 0, huge)
	for i, e := range t.Evidence {
		v.imageRef(p+"/evidence/"+strconv.Itoa(i), e)
	}
	v.annotationIDs(p+"/annotationIds", t.AnnotationIDs)

	if t.Patency == "" && (t.Status == "" || t.Status == report.TubePresent) {
		v.warnf(p+"/patency", "patency is not recorded, so the impression says nothing about this tube")
	}
	if t.Patency == report.Patent {
		if t.OcclusionSite != "" {
			v.warnf(p+"/occlusionSite", "an occlusion site is recorded for a patent tube")
		}
		if t.OcclusionQualifier != "" {
			v.warnf(p+"/occlusionQualifier", "an occlusion qualifier is recorded for a patent tube")
		}
		if v.r.Uterus.CavityOpacified != nil && !*v.r.Uterus.CavityOpacified {
			v.warnf(p+"/patency", "the tube is patent but the uterine cavity did not opacify")
		}
	}
	if d := h.MaxDiameterMM; d != nil && *d == 0 {
		v.errorf(p+"/hydrosalpinx/maxDiameterMm", "a diameter of 0 mm is not a measurement; remove it or measure again")
	}
	if h.MaxDiameterMM != nil {
		if h.MeasurementBasis == mark.SpacingUncalibrated {
			v.warnf(p+"/hydrosalpinx/maxDiameterMm", "measured on an uncalibrated image: the size is not in mm and is left out of the impression")
		}
		if !h.IsPresent() {
			v.warnf(p+"/hydrosalpinx/maxDiameterMm", "a diameter is recorded but the hydrosalpinx is not marked present")
		}
	}
}

func (v *validator) bothTubes() {
	r, l := &v.r.Tubes.Right, &v.r.Tubes.Left
	pe := &v.r.Peritoneum
	free := r.Spill.Free() || l.Spill.Free()
	if free && pe.SpillPattern == report.PatternLoculated {
		v.warnf("/peritoneum/spillPattern", "the peritoneal spill is recorded as loculated only, but a tube has free spill (mixed?)")
	}
	if (pe.SpillPattern == report.PatternLoculated || pe.SpillPattern == report.PatternMixed || slices.Contains(pe.DelayedFindings, report.DelayedLoculation)) &&
		r.Spill != report.SpillLoculated && l.Spill != report.SpillLoculated && !report.IsTrue(r.PeritubalAdhesionsSuspected) && !report.IsTrue(l.PeritubalAdhesionsSuspected) {
		v.warnf("/peritoneum", "loculated contrast is recorded but neither tube has loculated spill or suspected peritubal adhesions: the side cannot be named")
	}
	if v.r.Technique.Adequacy == report.NonDiagnostic {
		var definite []string
		for _, s := range []report.Side{report.Right, report.Left} {
			t := v.r.Tubes.Tube(s)
			if t.Patency == report.Patent || t.Patency == report.Occluded && t.OcclusionQualifier != report.OcclusionSpasmNotExcluded {
				definite = append(definite, string(s)+" tube "+string(t.Patency))
			}
		}
		if m := v.r.Uterus.MullerianAnomaly; anomalyKindOf(&v.r.Uterus) != noAnomaly && (m.Certainty == "" || m.Certainty == report.Definite) {
			definite = append(definite, "a definite Müllerian anomaly")
		}
		if len(definite) > 0 {
			v.warnf("/technique/adequacy", "the study is non-diagnostic, yet definite findings are recorded (%s); the impression marks them as from a non-diagnostic study", strings.Join(definite, ", "))
		}
	}
}

func (v *validator) peritoneum() {
	pe := &v.r.Peritoneum
	checkEnum(v, "/peritoneum/spillPattern", pe.SpillPattern)
	checkEnums(v, "/peritoneum/delayedFindings", pe.DelayedFindings)
	if slices.Contains(pe.DelayedFindings, report.DelayedNoContrast) &&
		(slices.Contains(pe.DelayedFindings, report.DelayedFreeDispersion) || slices.Contains(pe.DelayedFindings, report.DelayedLoculation)) {
		v.errorf("/peritoneum/delayedFindings", "\"no intraperitoneal contrast\" contradicts dispersed or loculated contrast")
	}
}

func (v *validator) complications() {
	c := &v.r.Complications
	if report.IsTrue(c.None) && len(c.Items) > 0 {
		v.errorf("/complications/none", "\"no complications\" is recorded together with complications")
	}
	for i, it := range c.Items {
		ip := "/complications/items/" + strconv.Itoa(i)
		if it.Type == "" {
			v.errorf(ip+"/type", "the type of complication is required")
		}
		checkEnum(v, ip+"/type", it.Type)
		checkEnum(v, ip+"/side", it.Side)
	}
	v.integer("/complications/painVas", c.PainVAS, 0, 10)
}

func (v *validator) grading() {
	g := &v.r.Grading
	checkEnum(v, "/grading/hullRutherford", g.HullRutherford)
	checkEnum(v, "/grading/hullRutherfordBasis", g.HullRutherfordBasis)
	if g.HullRutherford != "" && g.HullRutherford != report.HRNotApplicable && g.HullRutherfordBasis == "" {
		v.warnf("/grading/hullRutherfordBasis", "say whether the Hull & Rutherford grade is provisional (HSG) or from laparoscopy")
	}
	if g.HullRutherfordBasis != report.HRBasisLaparoscopy {
		v.gradeMatchesTubes(g.HullRutherford)
	}
}

// gradeMatchesTubes warns when a Hull & Rutherford grade given from the
// HSG disagrees with the tubes as recorded: severe damage (a hydrosalpinx
// wider than 15 mm or with absent mucosal folds) on both sides is Grade
// III, on one side at least Grade II; tubes that are patent with spill
// and show no disease are not graded II or III.
func (v *validator) gradeMatchesTubes(grade report.HullRutherford) {
	if grade != report.HRI && grade != report.HRII && grade != report.HRIII {
		return
	}
	t := &v.r.Tubes
	severe := func(tb *report.Tube) bool {
		h := tb.Hydrosalpinx
		return h.IsPresent() && (h.MucosalFolds == report.FoldsAbsent || h.MaxDiameterMM != nil && *h.MaxDiameterMM > 15)
	}
	healthy := func(tb *report.Tube) bool {
		return tb.Patency == report.Patent && tb.Spill == report.SpillFreePrompt && !tb.Hydrosalpinx.IsPresent() &&
			!report.IsTrue(tb.SalpingitisIsthmicaNodosa) && !report.IsTrue(tb.PeritubalAdhesionsSuspected)
	}
	const p = "/grading/hullRutherford"
	switch n := btoi(severe(&t.Right)) + btoi(severe(&t.Left)); {
	case n == 2 && grade != report.HRIII:
		v.warnf(p, "both tubes show severe damage (hydrosalpinx over 15 mm or without mucosal folds): Hull & Rutherford Grade III, not %s", grade)
	case n == 1 && grade == report.HRI:
		v.warnf(p, "one tube shows severe damage (hydrosalpinx over 15 mm or without mucosal folds): Hull & Rutherford Grade II or III, not I")
	case n == 0 && grade != report.HRI && healthy(&t.Right) && healthy(&t.Left):
		v.warnf(p, "both tubes are patent with free spill and show no disease, which does not fit Hull & Rutherford Grade %s", grade)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (v *validator) annotations() {
	seen := map[string]bool{}
	for i, a := range v.r.Annotations {
		p := "/annotations/" + strconv.Itoa(i)
		switch {
		case a.ID == "":
			v.errorf(p+"/id", "the annotation id is required")
		case seen[a.ID]:
			v.errorf(p+"/id", "another annotation has id %q", a.ID)
		}
		seen[a.ID] = true
		v.imageRef(p+"/image", a.Image)
		if a.GraphicType == "" {
			v.errorf(p+"/graphicType", "the graphic type is required")
		}
		checkEnum(v, p+"/graphicType", a.GraphicType)
		if a.GraphicType.Valid() && !a.GraphicType.ValidPoints(len(a.Points)) {
			v.errorf(p+"/points", "%d points do not make a %s", len(a.Points), a.GraphicType)
		}
		for j, pt := range a.Points {
			if !mark.Finite(pt[0]) || !mark.Finite(pt[1]) {
				v.errorf(p+"/points/"+strconv.Itoa(j), "coordinates must be finite numbers")
			}
		}
		if a.GraphicType.Valid() && a.GraphicType.ValidPoints(len(a.Points)) {
			if err := a.Drawable(); err != nil {
				v.errorf(p, "the mark cannot be drawn: %v", err)
			}
		}
		checkEnum(v, p+"/tool", a.Tool)
		if g := a.Tool.GraphicType(); g != "" && a.GraphicType.Valid() && g != a.GraphicType {
			v.warnf(p+"/graphicType", "a %s mark is normally a %s, not a %s", a.Tool, g, a.GraphicType)
		}
		if a.FindingRef != "" && !v.resolves(a.FindingRef) {
			v.warnf(p+"/findingRef", "%q does not name a finding of the report", a.FindingRef)
		}
		if m := a.Measurement; m != nil {
			if m.Unit != mark.UnitMM {
				v.errorf(p+"/measurement/unit", "a measurement is in mm, not %q", m.Unit)
			}
			checkEnum(v, p+"/measurement/spacingSource", m.SpacingSource)
			v.number(p+"/measurement/value", &m.Value, 0, huge)
		}
	}
}

func (v *validator) calibrations() {
	seen := map[string]bool{}
	for i, c := range v.r.Calibrations {
		p := "/calibrations/" + strconv.Itoa(i)
		switch {
		case c.SeriesInstanceUID == "":
			v.errorf(p+"/seriesInstanceUid", "the calibrated series is required")
		case seen[c.SeriesInstanceUID]:
			v.errorf(p+"/seriesInstanceUid", "the series has another calibration")
		}
		seen[c.SeriesInstanceUID] = true
		if c.Method == "" {
			v.errorf(p+"/method", "the calibration method is required")
		}
		checkEnum(v, p+"/method", c.Method)
		if !(c.ReferenceValue > 0) || !mark.Finite(c.ReferenceValue) {
			v.errorf(p+"/referenceValue", "the reference size must be positive")
		}
		if !(c.MMPerPixel > 0) || !mark.Finite(c.MMPerPixel) {
			v.errorf(p+"/mmPerPixel", "the spacing must be positive")
		}
		if len(c.Points) != 0 && len(c.Points) != 2 {
			v.errorf(p+"/points", "a reference line has 2 points, not %d", len(c.Points))
		}
		if len(c.Points) == 2 && c.Method.Valid() && c.ReferenceValue > 0 && c.MMPerPixel > 0 {
			px := math.Hypot(c.Points[1][0]-c.Points[0][0], c.Points[1][1]-c.Points[0][1])
			if want := c.Method.ReferenceMM(c.ReferenceValue) / px; px > 0 && math.Abs(c.MMPerPixel/want-1) > 0.01 {
				v.errorf(p+"/mmPerPixel", "%g mm per pixel does not match the reference line (%.4g mm over %.1f pixels gives %.4g)",
					c.MMPerPixel, c.Method.ReferenceMM(c.ReferenceValue), px, want)
			}
		}
		if c.Image != nil {
			v.imageRef(p+"/image", *c.Image)
		}
	}
}

func (v *validator) keyImages() {
	for i, k := range v.r.KeyImages {
		p := "/keyImages/" + strconv.Itoa(i)
		v.imageRef(p+"/image", k.Image)
		checkEnum(v, p+"/role", k.Role)
		if k.Role == report.RoleDelayed && !v.r.Technique.DelayedImage.IsObtained() {
			v.warnf(p+"/role", "a key image is marked delayed but the delayed image is not marked as obtained")
		}
	}
}

func (v *validator) impression() {
	im := &v.r.Impression
	for i, it := range im.Items {
		p := "/impression/items/" + strconv.Itoa(i)
		if strings.TrimSpace(it.Text) == "" {
			v.warnf(p+"/text", "empty impression sentence")
		}
		checkEnum(v, p+"/category", it.Category)
		for j, ref := range it.FindingRefs {
			if !v.resolves(ref) {
				v.warnf(p+"/findingRefs/"+strconv.Itoa(j), "%q does not name a finding of the report", ref)
			}
		}
	}
	for _, s := range ImpressionStale(v.r) {
		if s.Generated == "" {
			v.warnf("/impression/items/"+strconv.Itoa(s.Index), "edited sentence: the findings it was written from have changed and no longer produce it")
		} else {
			v.warnf("/impression/items/"+strconv.Itoa(s.Index), "edited sentence: the findings changed since the edit; the generator now says %q", s.Generated)
		}
	}
	for i, rec := range im.Recommendations {
		p := "/impression/recommendations/" + strconv.Itoa(i)
		if rec.Code == "" {
			v.errorf(p+"/code", "the recommendation code is required")
		}
		checkEnum(v, p+"/code", rec.Code)
	}
	for _, i := range RecommendationsStale(v.r) {
		v.warnf("/impression/recommendations/"+strconv.Itoa(i)+"/text", "edited recommendation %d: the findings no longer call for it; keep or remove it", i+1)
	}
}
