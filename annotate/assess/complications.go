package assess

import (
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"math"
	"slices"
	"strconv"
)

func (g *generator) peritoneum() {
	w := g.w
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
		clauses = append(clauses, w.t("freeDispersion"))
	}
	if loculated {
		clauses = append(clauses, fmt.Sprintf(w.t("loculated"), g.loculatedAdnexa()))
		normal = false
	}
	if !free && !loculated && (p.SpillPattern == report.PatternNone || has(report.DelayedNoContrast)) {
		clauses = append(clauses, w.t("noContrast"))
		normal = false
	}
	if has(report.DelayedTubalContrast) {
		clauses = append(clauses, g.residualTubal())
		normal = false
	}
	if has(report.DelayedUterineContrast) {
		clauses = append(clauses, w.t("residualUterine"))
	}
	if has(report.DelayedRenalExcretion) {
		clauses = append(clauses, w.t("renal"))
		normal = false
	}
	if len(clauses) == 0 {
		return
	}
	text := w.t("delayed")
	if m := g.r.Technique.DelayedImage.MinutesAfterContrast; m != nil && *m >= 0 && !math.IsInf(*m, 0) {
		text += fmt.Sprintf(w.t("delayedAt"), w.qty(*m, 0, "min"))
	}
	g.add(report.CategoryOther, text+w.t("delayedShows")+w.joinAnd(clauses)+".", "/peritoneum", "/technique/delayedImage")
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
		return g.w.t("residualRight")
	case l && !r:
		return g.w.t("residualLeft")
	}
	return g.w.t("residualTubal")
}

// loculatedAdnexa names the adnexa next to tubes with loculated spill.
func (g *generator) loculatedAdnexa() string {
	r := g.r.Tubes.Right.Spill == report.SpillLoculated
	l := g.r.Tubes.Left.Spill == report.SpillLoculated
	switch {
	case r && l:
		return g.w.t("adnexaBoth")
	case r:
		return g.w.t("adnexaRight")
	case l:
		return g.w.t("adnexaLeft")
	}
	return g.w.t("adnexa")
}

// Complications.

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
	w := g.w
	c := &g.r.Complications
	events := slices.ContainsFunc(c.Items, func(it report.Complication) bool { return clinicalEvent(it.Type) })
	for i, it := range c.Items {
		name, ok := w.compl[it.Type]
		if !ok {
			continue
		}
		text := name
		if it.Grade != "" {
			text += " (" + it.Grade + ")"
		}
		if it.Type == report.SeverePain && c.PainVAS != nil && *c.PainVAS >= 0 && *c.PainVAS <= 10 {
			text += fmt.Sprintf(w.t("vas"), strconv.Itoa(*c.PainVAS))
		}
		text += w.complSide[it.Side]
		if (it.Type == report.VenousIntravasation || it.Type == report.LymphaticIntravasation) && !events {
			text += w.t("noSequelae")
		}
		if report.IsTrue(it.AffectsInterpretation) {
			text += w.t("limiting")
		}
		g.add(report.CategoryComplication, text+".", fmt.Sprintf("/complications/items/%d", i))
		g.abnormal = true
	}
}

// Limitations.

func (g *generator) limitations() {
	w := g.w
	t := &g.r.Technique
	if t.Adequacy == report.Adequate {
		return
	}
	var list []string
	for _, l := range t.Limitations {
		if s, ok := w.limitation[l]; ok && !slices.Contains(list, s) {
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
		text = fmt.Sprintf(w.t("nonDiagnosticBy"), w.joinAnd(list))
	case t.Adequacy == report.NonDiagnostic:
		text = w.t("nonDiagnostic")
	case len(list) > 0:
		text = fmt.Sprintf(w.t("limitedBy"), w.joinAnd(list))
	case t.Adequacy == report.Limited:
		text = w.t("limited")
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
		g.add(report.CategoryOther, g.w.recSentence[rec.Code], rec.FindingRefs...)
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
	text := g.w.t("normal")
	macro := report.ImpressionItem{
		Text: text, Auto: true, Category: report.CategoryTubes,
		FindingRefs: []string{"/tubes/right", "/tubes/left", "/uterus"}, GeneratedText: text,
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
		prefix = g.w.t("limitedPrefix")
	case report.NonDiagnostic:
		prefix = g.w.t("nonDiagPrefix")
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
