package assess

import (
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
	"strings"
)

// adhesionSystemText names the adhesion classifications, in every language.
var adhesionSystemText = map[report.AdhesionSystem]string{
	report.AdhesionAFS1988:       "AFS 1988",
	report.AdhesionESH1989:       "ESH 1989",
	report.AdhesionMarch1978:     "March 1978",
	report.AdhesionToaffBallas:   "Toaff–Ballas",
	report.AdhesionValleSciarra:  "Valle–Sciarra 1988",
	report.AdhesionDonnezNisolle: "Donnez–Nisolle 1994",
}

// whereIn returns " in the fundus", " throughout the cavity" or "".
func (w *phrasebook) whereIn(l report.Location) string { return w.where[l] }

var countWords = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// countWordsRU are the Russian numbers of filling defects with the form
// of the noun they take: «два дефекта», «пять дефектов».
var countWordsRU = []string{"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"}

// defectSentence returns the sentence for one filling defect, e.g. "Smooth
// filling defect in the fundus (≈8 mm), likely polyp or submucosal
// leiomyoma."
func defectSentence(w *phrasebook, d report.FillingDefect) string {
	n := 1
	if d.Count != nil && *d.Count > 1 {
		n = *d.Count
	}
	size := ""
	if d.SizeMM != nil {
		if s := sizeText(w, *d.SizeMM, ""); s != "" && n > 1 {
			size = " (" + w.t("largest") + s + ")"
		} else if s != "" {
			size = " (" + s + ")"
		}
	}
	nature := ""
	if s, ok := w.nature[d.Kind]; ok {
		nature = s[min(n, 2)-1]
	}
	var b strings.Builder
	if w.lang == l10n.RU {
		// «Два дефекта наполнения с ровными контурами в теле матки …»:
		// the margin follows the noun, which agrees with the number.
		switch {
		case n == 1:
			b.WriteString(w.t("defect"))
		case n < len(countWordsRU):
			b.WriteString(countWordsRU[n] + " ")
			if n < 5 {
				b.WriteString("дефекта наполнения")
			} else {
				b.WriteString("дефектов наполнения")
			}
		default:
			b.WriteString(w.t("multiple") + w.t("defects"))
		}
		b.WriteString(w.margin[d.Margin] + w.whereIn(d.Location) + size + nature)
		return wording.Capitalize(b.String()) + "."
	}
	switch {
	case n == 1:
	case n < len(countWords):
		b.WriteString(countWords[n] + " ")
	default:
		b.WriteString("multiple ")
	}
	if m, ok := w.margin[d.Margin]; ok {
		b.WriteString(m + " ")
	}
	b.WriteString("filling defect")
	if n > 1 {
		b.WriteString("s")
	}
	b.WriteString(w.whereIn(d.Location) + size + nature)
	return wording.Capitalize(b.String()) + "."
}

func (g *generator) cavity() {
	w := g.w
	u := &g.r.Uterus
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		g.add(report.CategoryCavity, w.t("cavityNotOpacified"), "/uterus/cavityOpacified")
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
		if s, ok := w.extent[ext]; ok {
			detail = append(detail, s)
		}
		c := u.IntrauterineAdhesions.Classification
		if s, ok := adhesionSystemText[c.System]; ok && c.Grade != "" {
			detail = append(detail, s+": "+c.Grade)
		}
		g.add(report.CategoryCavity, adhesionText(w, u, ext)+parenthesis(detail)+".", refs...)
		g.recommend(report.RecommendHysteroscopy, false, refs...)
		total = ext == report.ExtentTotal
	}

	for i, d := range u.FillingDefects {
		if d.Kind == report.DefectSynechia || d.Kind.Artefact() {
			continue
		}
		ref := fmt.Sprintf("/uterus/fillingDefects/%d", i)
		g.add(report.CategoryCavity, defectSentence(w, d), ref)
		switch d.Kind {
		case report.DefectClotOrDebris, report.DefectIUDOrForeignBody:
		default:
			g.recommend(report.RecommendHysteroscopy, false, ref)
		}
	}

	if a := u.AdenomyosisSigns; report.IsTrue(a.Present) {
		text := fmt.Sprintf(w.t("adenomyosis"), w.whereIn(a.Location))
		if a.Pattern == report.AdenomyosisDiverticula {
			text = fmt.Sprintf(w.t("diverticula"), w.whereIn(a.Location))
		}
		g.add(report.CategoryCavity, text, "/uterus/adenomyosisSigns")
	}

	for i, o := range u.Outpouchings {
		name, ok := w.outpouching[o.Type]
		if !ok {
			name = w.t("outpouching")
		}
		loc := o.Location
		if loc == "" && o.Type == report.OutpouchingNiche {
			loc = report.LocLowerUterineSegment
		}
		text := name + w.whereIn(loc)
		if o.SizeMM != nil {
			if s := sizeText(w, *o.SizeMM, ""); s != "" {
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
		text := w.t("cavitySmall")
		if u.Size == report.SizeEnlarged {
			text = w.t("cavityEnlarged")
		}
		if irregular {
			text += w.t("withIrregular")
		}
		g.add(report.CategoryCavity, text+".", "/uterus")
	default:
		if irregular {
			g.add(report.CategoryCavity, w.t("contourIrregular"), "/uterus")
		}
	}

	k := anomalyKindOf(u)
	if text, ok := w.shape[u.Shape]; ok && (k == noAnomaly || k == kindSuspected) {
		// An abnormal shape no anomaly sentence describes.
		if a := u.MullerianAnomaly; a.ASRM == report.ASRMNone || a.ESHREUterine == report.U0 {
			text += w.t("noAnomalyClass")
		}
		if u.Shape != report.ShapeSmallTubular && u.Shape != report.ShapeOther {
			text += w.t("imaging")
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
		g.add(report.CategoryCavity, w.t("cavityNormal"), "/uterus")
		g.cavityNormal = true
	}
}

// adhesionText is the sentence for intrauterine adhesions, claiming a
// reduced cavity only for adhesions involving a third of it or more.
func adhesionText(w *phrasebook, u *report.Uterus, ext report.AdhesionExtent) string {
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
		return w.t("adhesionsTotal")
	case report.ExtentOneToTwoThirds, report.ExtentMoreThanTwoThirds:
		return w.t("adhesionsReduced")
	case report.ExtentLessThanThird:
		return w.t("adhesionsIrregular")
	}
	if n == 1 && !report.IsTrue(u.IntrauterineAdhesions.Present) {
		return fmt.Sprintf(w.t("adhesionSingle"), w.whereIn(single))
	}
	return w.t("adhesions")
}

// parenthesis returns " (a; b)", or "" for no parts.
func parenthesis(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// cervix states an abnormal cervical canal; it rules out the normal macro.
func (g *generator) cervix() {
	if text, ok := g.w.canal[g.r.Cervix.Canal]; ok {
		g.add(report.CategoryCavity, text, "/cervix/canal")
		g.abnormal = true
	}
}

// Anomaly.
