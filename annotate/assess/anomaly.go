package assess

import (
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"strings"
)

type anomalyKind int

const (
	noAnomaly anomalyKind = iota
	kindIndeterminate
	kindUnicornuate
	kindDidelphys
	kindBicornuate
	kindSeptate
	kindArcuate
	kindTShaped
	kindInfantile
	kindDysmorphic
	kindAgenesis
	kindCervicalAgenesis
	kindLongitudinalSeptum
	kindTransverseSeptum
	kindComplex
	kindAplastic
	kindUnclassified
	kindHypoplasia
	kindDES
	kindSingleHorn   // from the cavity shape only
	kindSmallTubular // from the cavity shape only
	kindBicorporealSeptate
	kindCervicoVaginal // ESHRE/ESGE cervical or vaginal class only
	kindSuspected
)

// cervicalText and vaginalText name the ESHRE/ESGE 2013 co-existent classes.
var cervicalText = map[report.ESHRECervical]string{
	report.C1: "septate cervix", report.C2: "double (normal) cervix", report.C3: "unilateral cervical aplasia", report.C4: "cervical aplasia",
}

var vaginalText = map[report.ESHREVaginal]string{
	report.V1: "longitudinal non-obstructing vaginal septum", report.V2: "longitudinal obstructing vaginal septum",
	report.V3: "transverse vaginal septum and/or imperforate hymen", report.V4: "vaginal aplasia",
}

var asrmKind = map[report.ASRMClass]anomalyKind{
	report.ASRMAgenesis:                  kindAgenesis,
	report.ASRMCervicalAgenesis:          kindCervicalAgenesis,
	report.ASRMUnicornuate:               kindUnicornuate,
	report.ASRMDidelphys:                 kindDidelphys,
	report.ASRMBicornuate:                kindBicornuate,
	report.ASRMSeptate:                   kindSeptate,
	report.ASRMLongitudinalVaginalSeptum: kindLongitudinalSeptum,
	report.ASRMTransverseVaginalSeptum:   kindTransverseSeptum,
	report.ASRMComplex:                   kindComplex,
	report.ASRMSeptateOrBicornuate:       kindIndeterminate,
}

var asrmText = map[report.ASRMClass]string{
	report.ASRMAgenesis:                  "Müllerian agenesis",
	report.ASRMCervicalAgenesis:          "cervical agenesis",
	report.ASRMUnicornuate:               "unicornuate",
	report.ASRMDidelphys:                 "uterus didelphys",
	report.ASRMBicornuate:                "bicornuate",
	report.ASRMSeptate:                   "septate",
	report.ASRMLongitudinalVaginalSeptum: "longitudinal vaginal septum",
	report.ASRMTransverseVaginalSeptum:   "transverse vaginal septum",
	report.ASRMComplex:                   "complex anomaly",
}

var eshreKind = map[report.ESHREUterine]anomalyKind{
	report.U1a: kindTShaped, report.U1b: kindInfantile, report.U1c: kindDysmorphic,
	report.U2a: kindSeptate, report.U2b: kindSeptate,
	report.U3a: kindBicornuate, report.U3b: kindBicornuate, report.U3c: kindBicorporealSeptate,
	report.U4a: kindUnicornuate, report.U4b: kindUnicornuate,
	report.U5a: kindAplastic, report.U5b: kindAplastic, report.U6: kindUnclassified,
	report.U2OrU3: kindIndeterminate,
}

var afsKind = map[report.AFSClass]anomalyKind{
	report.AFSI: kindHypoplasia, report.AFSII: kindUnicornuate, report.AFSIII: kindDidelphys, report.AFSIV: kindBicornuate,
	report.AFSV: kindSeptate, report.AFSVI: kindArcuate, report.AFSVII: kindDES,
}

var shapeKind = map[report.CavityShape]anomalyKind{
	report.ShapeShallowIndentation: kindArcuate,
	report.ShapeDeepIndentation:    kindIndeterminate,
	report.ShapeTwoHorns:           kindIndeterminate,
	report.ShapeSingleHorn:         kindSingleHorn,
	report.ShapeTShaped:            kindTShaped,
	report.ShapeSmallTubular:       kindSmallTubular,
}

// anomalyKindOf classifies the anomaly from ASRM, then ESHRE/ESGE, then
// AFS; from the cavity shape only when no class is recorded.
func anomalyKindOf(u *report.Uterus) anomalyKind {
	a := u.MullerianAnomaly
	if k, ok := asrmKind[a.ASRM]; ok {
		return k
	}
	if k, ok := eshreKind[a.ESHREUterine]; ok {
		return k
	}
	if k, ok := afsKind[a.AFS]; ok {
		return k
	}
	if a.ASRM == "" && a.ESHREUterine == "" && a.AFS == "" {
		if k, ok := shapeKind[u.Shape]; ok {
			return k
		}
	}
	if _, ok := cervicalText[a.ESHRECervical]; ok {
		return kindCervicoVaginal
	}
	if _, ok := vaginalText[a.ESHREVaginal]; ok {
		return kindCervicoVaginal
	}
	if report.IsTrue(a.Suspected) && a.ASRM != report.ASRMNone && a.ESHREUterine != report.U0 {
		return kindSuspected
	}
	return noAnomaly
}

func (g *generator) anomaly() {
	w := g.w
	u := &g.r.Uterus
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		return
	}
	a := u.MullerianAnomaly
	k := anomalyKindOf(u)
	ref := "/uterus/mullerianAnomaly"
	if a == (report.Anomaly{}) {
		ref = "/uterus/shape"
	}
	imaging := a.ConfirmationRecommended == report.Confirm3DUS || a.ConfirmationRecommended == report.ConfirmMRI
	var text string
	switch k {
	case noAnomaly:
		return
	case kindIndeterminate:
		g.add(report.CategoryAnomaly, w.t("indeterminate")+w.t("imaging")+".", ref)
		g.recommend(report.RecommendAnomalyImaging, true, ref)
		g.abnormal = true
		return
	case kindTShaped:
		text = certaintyPrefix(w, a.Certainty, w.t("tShaped")) + " (ESHRE/ESGE U1a)"
	case kindArcuate:
		text = w.t("arcuate")
		if a.AFS == report.AFSVI {
			text += w.t("arcuateAFS")
		}
		text += w.t("normalVariant")
	case kindSingleHorn:
		text = w.t("singleHorn")
		imaging = true
	case kindSmallTubular:
		text = w.t("smallTubular")
	case kindSuspected:
		text = w.t("suspected")
		imaging = true
	case kindCervicoVaginal:
		var names []string
		if n, ok := w.cervical[a.ESHRECervical]; ok {
			names = append(names, n)
		}
		if n, ok := w.vaginal[a.ESHREVaginal]; ok {
			names = append(names, n)
		}
		text = certaintyPrefix(w, a.Certainty, w.joinAnd(names)) + " (" + eshreText(a, "") + ")"
	default:
		text = certaintyPrefix(w, a.Certainty, w.anomaly[k])
		tShaped := (u.Shape == report.ShapeTShaped || a.ESHREUterine == report.U1a) && k != kindTShaped
		if detail := strings.ToLower(a.ASRMDetail); tShaped && !strings.Contains(detail, "t-shaped") && !strings.Contains(detail, "т-образн") {
			text += w.t("withTShaped")
		}
		var classes []string
		if s, ok := w.asrm[a.ASRM]; ok {
			if d := detailText(a.ASRMDetail); d != "" {
				s += " — " + d
			}
			classes = append(classes, "ASRM MAC2021: "+s)
		}
		implied := ""
		if k == kindUnicornuate {
			implied = "U4"
		}
		if s := eshreText(a, implied); s != "" {
			classes = append(classes, s)
		}
		if a.AFS.Valid() {
			classes = append(classes, w.t("afsClass")+string(a.AFS))
		}
		if len(classes) > 0 {
			text += " (" + strings.Join(classes, "; ") + ")"
		}
		if k == kindUnicornuate {
			if side := unicornuateSide(g.r); side != "" {
				text += fmt.Sprintf(w.t("singleTube"), w.sides[side][1])
			}
		}
	}
	contour := (k == kindSeptate || k == kindBicornuate || k == kindBicorporealSeptate) && !report.IsTrue(a.ExternalContourAssessable)
	switch {
	case contour:
		text += w.t("contour")
		g.recommend(report.RecommendAnomalyImaging, true, ref)
	case imaging:
		text += w.t("imaging")
		g.recommend(report.RecommendAnomalyImaging, true, ref)
	case a.ConfirmationRecommended == report.ConfirmHysteroLaparoscopy:
		text += w.t("hysteroLaparoscopy")
		g.recommend(report.RecommendOther, true, ref)
	}
	g.add(report.CategoryAnomaly, text+".", ref)
	g.abnormal = true
}

// unicornuateSide returns the side of the single horn: as recorded, else
// the side of the only tube that opacified while the other is absent, not
// assessed or not opacified; "" when it cannot be told.
func unicornuateSide(r *report.Report) report.Side {
	if s := r.Uterus.MullerianAnomaly.Side; s == report.Left || s == report.Right {
		return s
	}
	seen := func(t *report.Tube) bool {
		return t.Status != report.TubeSurgicallyAbsent && t.Status != report.TubeNotAssessed && t.Opacification != report.OpacificationNone &&
			(t.Patency == report.Patent || t.Patency == report.Occluded || t.Opacification == report.OpacificationComplete || t.Opacification == report.OpacificationPartial)
	}
	missing := func(t *report.Tube) bool {
		return t.Status == report.TubeSurgicallyAbsent || t.Status == report.TubeNotAssessed || t.Opacification == report.OpacificationNone || blankTube(t)
	}
	rt, lt := &r.Tubes.Right, &r.Tubes.Left
	switch {
	case seen(rt) && missing(lt):
		return report.Right
	case seen(lt) && missing(rt):
		return report.Left
	}
	return ""
}

// detailText returns free-text anomaly detail fit for a sentence: one
// line, trimmed, without a final full stop; "" if empty.
func detailText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, ".;, ")
}

// certaintyPrefix returns name with a capital, preceded by "Probable" or
// "Possible" («Вероятно,», «Возможно,») when the anomaly is not definite.
func certaintyPrefix(w *phrasebook, c report.Certainty, name string) string {
	if p, ok := w.certainty[c]; ok {
		return p + lowerFirst(name)
	}
	return wording.Capitalize(name)
}

// eshreText returns e.g. "ESHRE/ESGE U2b/C1/V0", using implied as the
// uterine class when none is recorded.
func eshreText(a report.Anomaly, implied string) string {
	var parts []string
	switch {
	case a.ESHREUterine.Valid() && a.ESHREUterine != report.U2OrU3:
		parts = append(parts, string(a.ESHREUterine))
	case a.ESHREUterine == "" && implied != "":
		parts = append(parts, implied)
	}
	if c := a.ESHRECervical; c.Valid() && c != report.CervixNotAssessed {
		parts = append(parts, string(c))
	}
	if v := a.ESHREVaginal; v.Valid() && v != report.VaginaNotAssessed {
		parts = append(parts, string(v))
	}
	if len(parts) == 0 {
		return ""
	}
	return "ESHRE/ESGE " + strings.Join(parts, "/")
}

// Peritoneum and delayed image.
