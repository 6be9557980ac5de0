package assess

import (
	"fmt"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
	"math"
	"slices"
	"strconv"
	"strings"
)

func (g *generator) peritoneum() {
	if !g.delayed {
		return // nothing may be said about an image that was not obtained
	}
	p := &g.r.Peritoneum
	has := func(f report.DelayedFinding) bool { return slices.Contains(p.DelayedFindings, f) }
	free := p.SpillPattern == report.PatternFree || p.SpillPattern == report.PatternMixed || has(report.DelayedFreeDispersion)
	loculated := p.SpillPattern == report.PatternLoculated || p.SpillPattern == report.PatternMixed || has(report.DelayedLoculation)
	var clauses []string
	normal := true
	if free {
		clauses = append(clauses, "free dispersion of contrast in the pelvis")
	}
	if loculated {
		clauses = append(clauses, "persistent loculated contrast adjacent to the "+g.loculatedAdnexa())
		normal = false
	}
	if !free && !loculated && (p.SpillPattern == report.PatternNone || has(report.DelayedNoContrast)) {
		clauses = append(clauses, "no intraperitoneal contrast")
		normal = false
	}
	if has(report.DelayedTubalContrast) {
		clauses = append(clauses, g.residualTubal())
		normal = false
	}
	if has(report.DelayedUterineContrast) {
		clauses = append(clauses, "residual intrauterine contrast")
	}
	if has(report.DelayedRenalExcretion) {
		clauses = append(clauses, "renal excretion of intravasated contrast")
		normal = false
	}
	if len(clauses) == 0 {
		return
	}
	text := "Delayed image"
	if m := g.r.Technique.DelayedImage.MinutesAfterContrast; m != nil && *m >= 0 && !math.IsInf(*m, 0) {
		text += " at " + wording.FormatNumber(*m, 0) + " min"
	}
	g.add(report.CategoryOther, text+" shows "+joinAnd(clauses)+".", "/peritoneum", "/technique/delayedImage")
	if !normal {
		g.abnormal = true
	}
}

// residualTubal names residual tubal contrast, placing it in the
// hydrosalpinx when exactly one is recorded.
func (g *generator) residualTubal() string {
	r := g.r.Tubes.Right.Hydrosalpinx.IsPresent() && g.r.Tubes.Right.Status != report.TubeSurgicallyAbsent
	l := g.r.Tubes.Left.Hydrosalpinx.IsPresent() && g.r.Tubes.Left.Status != report.TubeSurgicallyAbsent
	switch {
	case r && !l:
		return "residual contrast in the right hydrosalpinx"
	case l && !r:
		return "residual contrast in the left hydrosalpinx"
	}
	return "residual tubal contrast"
}

// loculatedAdnexa names the adnexa next to tubes with loculated spill.
func (g *generator) loculatedAdnexa() string {
	r := g.r.Tubes.Right.Spill == report.SpillLoculated
	l := g.r.Tubes.Left.Spill == report.SpillLoculated
	switch {
	case r && l:
		return "adnexa bilaterally"
	case r:
		return "right adnexa"
	case l:
		return "left adnexa"
	}
	return "adnexa (side not recorded)"
}

// Complications.

var complicationText = map[report.ComplicationType]string{
	report.VenousIntravasation:     "Venous intravasation",
	report.LymphaticIntravasation:  "Lymphatic intravasation",
	report.MyometrialExtravasation: "Myometrial extravasation of contrast",
	report.UterinePerforation:      "Uterine perforation",
	report.VasovagalReaction:       "Vasovagal reaction",
	report.SeverePain:              "Severe pain during the procedure",
	report.ContrastReaction:        "Contrast reaction",
	report.Bleeding:                "Bleeding after the procedure",
	report.InfectionReported:       "Infection reported after the procedure",
	report.OilEmbolismSuspected:    "Suspected oil embolism",
	report.ProcedureAbandoned:      "Procedure abandoned",
}

var sideText = map[report.Side]string{
	report.Left: " on the left", report.Right: " on the right", report.Bilateral: " bilaterally", report.Midline: " in the midline",
}

// clinicalEvent reports whether t is a clinical event rather than an
// imaging finding.
func clinicalEvent(t report.ComplicationType) bool {
	switch t {
	case report.VasovagalReaction, report.SeverePain, report.ContrastReaction, report.Bleeding, report.InfectionReported, report.OilEmbolismSuspected:
		return true
	}
	return false
}

func (g *generator) complications() {
	c := &g.r.Complications
	events := slices.ContainsFunc(c.Items, func(it report.Complication) bool { return clinicalEvent(it.Type) })
	for i, it := range c.Items {
		name, ok := complicationText[it.Type]
		if !ok {
			continue
		}
		text := name
		if it.Grade != "" {
			text += " (" + it.Grade + ")"
		}
		if it.Type == report.SeverePain && c.PainVAS != nil && *c.PainVAS >= 0 && *c.PainVAS <= 10 {
			text += " (VAS " + strconv.Itoa(*c.PainVAS) + "/10)"
		}
		text += sideText[it.Side]
		if (it.Type == report.VenousIntravasation || it.Type == report.LymphaticIntravasation) && !events {
			text += " without clinical sequelae"
		}
		if report.IsTrue(it.AffectsInterpretation) {
			text += ", limiting interpretation"
		}
		g.add(report.CategoryComplication, text+".", fmt.Sprintf("/complications/items/%d", i))
		g.abnormal = true
	}
}

// Limitations.

var limitationText = map[report.Limitation]string{
	report.LimitIncompleteDistension: "incomplete distension of the cavity",
	report.LimitCervicalReflux:       "reflux of contrast through the cervix",
	report.LimitCatheterDislodged:    "dislodgement of the catheter",
	report.LimitBalloonObscures:      "the catheter balloon obscuring the lower uterine segment",
	report.LimitAirBubbles:           "air bubbles",
	report.LimitDiscomfortTerminated: "early termination for patient discomfort",
	report.LimitTubalSpasm:           "suspected tubal spasm",
	report.LimitIntravasation:        "intravasation obscuring the tubes",
	report.LimitNoDelayedImage:       "the absence of a delayed image",
	report.LimitNoOrientationMarker:  "the absence of an orientation marker",
	report.LimitOther:                "other technical factors",
}

func (g *generator) limitations() {
	t := &g.r.Technique
	if t.Adequacy == report.Adequate {
		return
	}
	var list []string
	for _, l := range t.Limitations {
		if s, ok := limitationText[l]; ok && !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	var refs []string
	if t.Adequacy != "" {
		refs = append(refs, "/technique/adequacy")
	}
	if len(list) > 0 {
		refs = append(refs, "/technique/limitations")
	}
	var text string
	switch {
	case t.Adequacy == report.NonDiagnostic && len(list) > 0:
		text = "Non-diagnostic study owing to " + joinAnd(list) + "."
	case t.Adequacy == report.NonDiagnostic:
		text = "Non-diagnostic study."
	case len(list) > 0:
		text = "Study limited by " + joinAnd(list) + "."
	case t.Adequacy == report.Limited:
		text = "Study of limited diagnostic quality."
	default:
		return
	}
	g.add(report.CategoryLimitation, text, refs...)
	if t.Adequacy == report.NonDiagnostic {
		g.recommend(report.RecommendRepeatHSG, false, "/technique/adequacy")
	}
	g.abnormal = true
}

// Recommendations not stated inside another sentence.
func (g *generator) recommendations() {
	for _, rec := range g.recs {
		if g.stated[rec.Code] {
			continue
		}
		g.add(report.CategoryOther, recommendationSentence[rec.Code], rec.FindingRefs...)
		g.abnormal = true
	}
}

const normalText = "Normal hysterosalpingogram: normal uterine cavity and bilateral tubal patency with free intraperitoneal spill."

// normalMacro replaces normal tube and cavity sentences by one sentence
// when nothing else is abnormal.
func (g *generator) normalMacro() {
	if !g.tubesNormal || !g.cavityNormal || g.abnormal {
		return
	}
	// The tube sentence is first and the cavity sentence second.
	macro := report.ImpressionItem{
		Text: normalText, Auto: true, Category: report.CategoryTubes,
		FindingRefs: []string{"/tubes/right", "/tubes/left", "/uterus"}, GeneratedText: normalText,
	}
	g.items = append([]report.ImpressionItem{macro}, g.items[2:]...)
}

// caveat prefixes the findings of a limited or non-diagnostic study
// ("Limited study: right tube patent …"), so that no sentence read alone
// states them as definite.
func (g *generator) caveat() {
	var prefix string
	switch g.r.Technique.Adequacy {
	case report.Limited:
		prefix = limitedPrefix
	case report.NonDiagnostic:
		prefix = nonDiagnosticPrefix
	default:
		return
	}
	for i := range g.items {
		it := &g.items[i]
		switch it.Category {
		case report.CategoryTubes, report.CategoryCavity, report.CategoryAnomaly:
			it.Text = prefix + lowerFirst(it.Text)
			it.GeneratedText = it.Text
		}
	}
}

const (
	limitedPrefix       = "Limited study: "
	nonDiagnosticPrefix = "Non-diagnostic study: "
)

// Text helpers.

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// lowerFirst lower-cases the first letter of s unless s starts with a
// proper name (Müllerian, DES).
func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "Müllerian") || strings.HasPrefix(s, "DES") {
		return s
	}
	if len(s) > 1 && (s[1] == '-' || 'A' <= s[1] && s[1] <= 'Z') {
		return s // T-shaped, an abbreviation
	}
	return strings.ToLower(s[:1]) + s[1:]
}
