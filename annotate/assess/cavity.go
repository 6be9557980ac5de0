package assess

import (
	"fmt"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
	"strings"
)

var locationText = map[report.Location]string{
	report.LocFundus:              "fundus",
	report.LocBody:                "uterine body",
	report.LocLowerUterineSegment: "lower uterine segment",
	report.LocLeftCornu:           "left cornu",
	report.LocRightCornu:          "right cornu",
	report.LocLeftWall:            "left lateral wall",
	report.LocRightWall:           "right lateral wall",
	report.LocCervicalCanal:       "cervical canal",
}

// where returns " in the fundus", " throughout the cavity" or "".
func where(l report.Location) string {
	if l == report.LocDiffuse {
		return " throughout the cavity"
	}
	if s, ok := locationText[l]; ok {
		return " in the " + s
	}
	return ""
}

var extentText = map[report.AdhesionExtent]string{
	report.ExtentLessThanThird:     "less than one third of the cavity",
	report.ExtentOneToTwoThirds:    "one to two thirds of the cavity",
	report.ExtentMoreThanTwoThirds: "more than two thirds of the cavity",
	report.ExtentTotal:             "total obliteration of the cavity",
}

var adhesionSystemText = map[report.AdhesionSystem]string{
	report.AdhesionAFS1988:       "AFS 1988",
	report.AdhesionESH1989:       "ESH 1989",
	report.AdhesionMarch1978:     "March 1978",
	report.AdhesionToaffBallas:   "Toaff–Ballas",
	report.AdhesionValleSciarra:  "Valle–Sciarra 1988",
	report.AdhesionDonnezNisolle: "Donnez–Nisolle 1994",
}

// defectNature gives the nature clause of a filling defect, singular and
// plural.
var defectNature = map[report.DefectKind][2]string{
	report.DefectPolyp:            {", likely endometrial polyp", ", likely endometrial polyps"},
	report.DefectLeiomyoma:        {", likely submucosal leiomyoma", ", likely submucosal leiomyomas"},
	report.DefectPolypOrLeiomyoma: {", likely polyp or submucosal leiomyoma", ", likely polyps or submucosal leiomyomas"},
	report.DefectClotOrDebris:     {", likely clot or debris", ", likely clot or debris"},
	report.DefectRetainedProducts: {", suggestive of retained products of conception", ", suggestive of retained products of conception"},
	report.DefectIUDOrForeignBody: {", consistent with an intrauterine device or foreign body", ", consistent with intrauterine devices or foreign bodies"},
	report.DefectIndeterminate:    {" of indeterminate nature", " of indeterminate nature"},
}

var marginText = map[report.DefectMargin]string{
	report.MarginSmooth: "smooth", report.MarginIrregular: "irregular", report.MarginLinear: "linear",
}

var countWords = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// defectSentence returns the sentence for one filling defect, e.g. "Smooth
// filling defect in the fundus (≈8 mm), likely polyp or submucosal
// leiomyoma."
func defectSentence(d report.FillingDefect) string {
	n := 1
	if d.Count != nil && *d.Count > 1 {
		n = *d.Count
	}
	var b strings.Builder
	switch {
	case n == 1:
	case n < len(countWords):
		b.WriteString(countWords[n] + " ")
	default:
		b.WriteString("multiple ")
	}
	if m, ok := marginText[d.Margin]; ok {
		b.WriteString(m + " ")
	}
	b.WriteString("filling defect")
	if n > 1 {
		b.WriteString("s")
	}
	b.WriteString(where(d.Location))
	if d.SizeMM != nil {
		if s := sizeText(*d.SizeMM, ""); s != "" && n > 1 {
			b.WriteString(" (largest " + s + ")")
		} else if s != "" {
			b.WriteString(" (" + s + ")")
		}
	}
	if nature, ok := defectNature[d.Kind]; ok {
		b.WriteString(nature[min(n, 2)-1])
	}
	return wording.Capitalize(b.String()) + "."
}

var outpouchingText = map[report.OutpouchingType]string{
	report.OutpouchingNiche:         "Caesarean scar niche",
	report.OutpouchingAdenomyotic:   "Adenomyotic diverticulum",
	report.OutpouchingCongenital:    "Congenital outpouching of the cavity",
	report.OutpouchingIndeterminate: "Outpouching of the cavity",
}

func (g *generator) cavity() {
	u := &g.r.Uterus
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		g.add(report.CategoryCavity, "Uterine cavity not opacified.", "/uterus/cavityOpacified")
		g.cervix()
		return
	}
	defer g.cervix()
	start := len(g.items)

	// Adhesions: the adhesion record and synechia defects make one sentence.
	var refs []string
	if report.IsTrue(u.IntrauterineAdhesions.Present) {
		refs = append(refs, "/uterus/intrauterineAdhesions")
	}
	for i, d := range u.FillingDefects {
		if d.Kind == report.DefectSynechia {
			refs = append(refs, fmt.Sprintf("/uterus/fillingDefects/%d", i))
		}
	}
	total := false
	if len(refs) > 0 {
		ext := u.IntrauterineAdhesions.Extent
		var detail []string
		if s, ok := extentText[ext]; ok {
			detail = append(detail, s)
		}
		c := u.IntrauterineAdhesions.Classification
		if s, ok := adhesionSystemText[c.System]; ok && c.Grade != "" {
			detail = append(detail, s+": "+c.Grade)
		}
		g.add(report.CategoryCavity, adhesionText(u, ext)+parenthesis(detail)+".", refs...)
		g.recommend(report.RecommendHysteroscopy, false, refs...)
		total = ext == report.ExtentTotal
	}

	for i, d := range u.FillingDefects {
		if d.Kind == report.DefectSynechia || d.Kind.Artefact() {
			continue
		}
		ref := fmt.Sprintf("/uterus/fillingDefects/%d", i)
		g.add(report.CategoryCavity, defectSentence(d), ref)
		switch d.Kind {
		case report.DefectClotOrDebris, report.DefectIUDOrForeignBody:
		default:
			g.recommend(report.RecommendHysteroscopy, false, ref)
		}
	}

	if a := u.AdenomyosisSigns; report.IsTrue(a.Present) {
		text := "Findings" + where(a.Location) + " suggestive of adenomyosis."
		if a.Pattern == report.AdenomyosisDiverticula {
			text = "Myometrial diverticula" + where(a.Location) + ", suggestive of adenomyosis."
		}
		g.add(report.CategoryCavity, text, "/uterus/adenomyosisSigns")
	}

	for i, o := range u.Outpouchings {
		name, ok := outpouchingText[o.Type]
		if !ok {
			name = "Outpouching of the cavity"
		}
		loc := o.Location
		if loc == "" && o.Type == report.OutpouchingNiche {
			loc = report.LocLowerUterineSegment
		}
		text := name + where(loc)
		if o.SizeMM != nil {
			if s := sizeText(*o.SizeMM, ""); s != "" {
				text += " (" + s + ")"
			}
		}
		g.add(report.CategoryCavity, text+".", fmt.Sprintf("/uterus/outpouchings/%d", i))
	}

	irregular := u.Contour == report.ContourIrregular && len(refs) == 0
	switch u.Size {
	case report.SizeSmall, report.SizeEnlarged:
		if total {
			break // an obliterated cavity has no size to speak of
		}
		text := "Small uterine cavity"
		if u.Size == report.SizeEnlarged {
			text = "Enlarged uterine cavity"
		}
		if irregular {
			text += " with irregular contour"
		}
		g.add(report.CategoryCavity, text+".", "/uterus")
	default:
		if irregular {
			g.add(report.CategoryCavity, "Irregular uterine cavity contour.", "/uterus")
		}
	}

	k := anomalyKindOf(u)
	if text, ok := cavityShapeText[u.Shape]; ok && (k == noAnomaly || k == kindSuspected) {
		// An abnormal shape no anomaly sentence describes.
		if a := u.MullerianAnomaly; a.ASRM == report.ASRMNone || a.ESHREUterine == report.U0 {
			text += " (no Müllerian anomaly classified)"
		}
		if u.Shape != report.ShapeSmallTubular && u.Shape != report.ShapeOther {
			text += anomalyImagingClause
			g.recommend(report.RecommendAnomalyImaging, true, "/uterus/shape")
		}
		g.add(report.CategoryCavity, text+".", "/uterus/shape")
	}
	if len(g.items) > start {
		return
	}
	normalShape := u.Shape == "" || u.Shape == report.ShapeNormalTriangular || u.Shape == report.ShapeShallowIndentation
	described := u.Shape == report.ShapeNormalTriangular || u.Contour == report.ContourSmooth
	if normalShape && described && (u.Contour == "" || u.Contour == report.ContourSmooth) &&
		(u.Size == "" || u.Size == report.SizeNormal) && (k == noAnomaly || k == kindArcuate) {
		g.add(report.CategoryCavity, "Normal uterine cavity.", "/uterus")
		g.cavityNormal = true
	}
}

// cavityShapeText describes an abnormal cavity shape, for when no anomaly
// sentence does.
var cavityShapeText = map[report.CavityShape]string{
	report.ShapeDeepIndentation: "Deep fundal indentation of the uterine cavity",
	report.ShapeTwoHorns:        "Uterine cavity with two horns or cavities",
	report.ShapeSingleHorn:      "Single-horned (banana-shaped) uterine cavity",
	report.ShapeTShaped:         "T-shaped uterine cavity",
	report.ShapeSmallTubular:    "Small tubular uterine cavity",
	report.ShapeOther:           "Abnormal shape of the uterine cavity",
}

// adhesionText is the sentence for intrauterine adhesions, claiming a
// reduced cavity only for adhesions involving a third of it or more.
func adhesionText(u *report.Uterus, ext report.AdhesionExtent) string {
	n := 0
	single := report.Location("")
	for _, d := range u.FillingDefects {
		if d.Kind == report.DefectSynechia {
			c := 1
			if d.Count != nil && *d.Count > 1 {
				c = *d.Count
			}
			n += c
			single = d.Location
		}
	}
	switch ext {
	case report.ExtentTotal:
		return "Obliteration of the uterine cavity, consistent with severe intrauterine adhesions"
	case report.ExtentOneToTwoThirds, report.ExtentMoreThanTwoThirds:
		return "Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions"
	case report.ExtentLessThanThird:
		return "Irregular filling defects, consistent with intrauterine adhesions"
	}
	if n == 1 && !report.IsTrue(u.IntrauterineAdhesions.Present) {
		return "Filling defect" + where(single) + ", consistent with an intrauterine adhesion (synechia)"
	}
	return "Filling defects, consistent with intrauterine adhesions"
}

// parenthesis returns " (a; b)", or "" for no parts.
func parenthesis(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

var canalText = map[report.CervicalCanal]string{
	report.CanalStenotic:   "Stenosis of the cervical canal.",
	report.CanalIrregular:  "Irregular cervical canal.",
	report.CanalDilated:    "Dilated cervical canal.",
	report.CanalDuplicated: "Duplicated cervical canal.",
}

// cervix states an abnormal cervical canal; it rules out the normal macro.
func (g *generator) cervix() {
	if text, ok := canalText[g.r.Cervix.Canal]; ok {
		g.add(report.CategoryCavity, text, "/cervix/canal")
		g.abnormal = true
	}
}

// Anomaly.
