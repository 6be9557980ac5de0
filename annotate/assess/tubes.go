package assess

import (
	"fmt"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"math"
	"slices"
	"strings"
)

// A tubePhrase is what the impression says about one tube.
type tubePhrase struct {
	one       string   // the side as a placeholder (see phrasebook): "<side> tube patent with …"
	both      string   // the bilateral form: "Bilateral tubal patency with …"
	bothExtra string   // added to the bilateral form if both sides have it
	tail      []string // clauses common to both forms, each after "; "
	selective bool     // spasm or proximal block: selective salpingography is relevant
	outcome   string   // the selective salpingography clause, when relevant
	normal    bool
	flagged   bool // it says the findings conflict or are incomplete
}

// sentences returns the sentences for the phrase, the first starting
// with head (the one-side form with its side, or the bilateral form) and
// the others with side (e.g. "Right tube: "), or hydroHead for a
// hydrosalpinx ("Right hydrosalpinx"). A sentence has at most one
// semicolon; further clauses go into sentences of their own.
func (p tubePhrase) sentences(w *phrasebook, head, side, hydroHead string) []string {
	first := head
	rest := p.tail
	if !strings.Contains(head, ";") && len(rest) > 0 {
		first += "; " + rest[0]
		rest = rest[1:]
	}
	out := []string{first + p.outcome + "."}
	for len(rest) > 0 {
		n := min(2, len(rest))
		s := strings.Join(rest[:n], "; ")
		if h, ok := strings.CutPrefix(s, w.t("hydro")); ok {
			s = hydroHead + h
		} else {
			s = side + s
		}
		out = append(out, s+".")
		rest = rest[n:]
	}
	return out
}

// key is what must be equal on both sides for one bilateral sentence.
func (p tubePhrase) key() string {
	return p.one + "|" + strings.Join(p.tail, ";") + "|" + p.outcome
}

// phrase returns the tube phrase named key, its forms filled in with the
// arguments for one tube and for both.
func (w *phrasebook) phrase(key string, one, both []any) tubePhrase {
	f := w.p(key)
	p := tubePhrase{one: f.one, both: f.both}
	if one != nil {
		p.one = fmt.Sprintf(f.one, one...)
	}
	if both != nil {
		p.both = fmt.Sprintf(f.both, both...)
	}
	return p
}

// phraseArg returns the tube phrase named key with the same argument in
// both forms.
func (w *phrasebook) phraseArg(key string, a ...any) tubePhrase { return w.phrase(key, a, a) }

// siteAdjective names an occlusion site in the validation messages.
var siteAdjective = map[report.OcclusionSite]string{
	report.SiteCornual: "cornual", report.SiteIsthmic: "isthmic", report.SiteAmpullary: "ampullary", report.SiteFimbrial: "fimbrial",
}

// tubeContext is what describeTube needs from the rest of the report.
type tubeContext struct {
	w               *phrasebook
	delayed         bool // the delayed image was obtained
	spasmLimitation bool // tubal spasm is listed among the limitations
	selective       report.SelectiveSalpingography
}

// blankTube reports whether nothing at all is recorded for t.
func blankTube(t *report.Tube) bool {
	return t.Status == "" && t.Opacification == "" && t.Patency == "" && t.OcclusionSite == "" &&
		t.OcclusionQualifier == "" && t.Spill == "" && t.Hydrosalpinx.Present == nil &&
		t.SalpingitisIsthmicaNodosa == nil && t.TubalSpasmSuspected == nil &&
		t.PeritubalAdhesionsSuspected == nil && (t.SterilizationDevice == "" || t.SterilizationDevice == report.SterilizationNone)
}

// describeTube returns the phrase for t. Whatever is recorded is said:
// incomplete or contradictory findings are stated as such rather than left
// out ([Report.Validate] says what to fix).
func describeTube(t *report.Tube, c tubeContext) tubePhrase {
	w := c.w
	hydro := t.Hydrosalpinx.IsPresent()
	hydroSaid := false
	switch {
	case t.Status == report.TubeSurgicallyAbsent:
		return w.phrase("absent", nil, nil)
	case t.Status == report.TubeNotAssessed || t.Patency == report.PatencyNotAssessed:
		if hydro {
			return w.phraseArg("notAssessedHydro", hydrosalpinxDetail(w, t.Hydrosalpinx))
		}
		if t.Opacification == report.OpacificationNone {
			return w.phrase("notVisualised", nil, nil)
		}
		return w.phrase("notAssessed", nil, nil)
	}
	var p tubePhrase
	switch t.Patency {
	case report.Patent:
		switch t.Spill {
		case report.SpillFreePrompt:
			p = w.phrase("patentFree", nil, nil)
			p.normal = true
		case report.SpillFreeDelayedOnly:
			if c.delayed {
				p = w.phrase("patentDelayedSeen", nil, nil)
			} else {
				p = w.phrase("patentDelayed", nil, nil)
			}
		case report.SpillLoculated:
			p = w.phrase("patentLoculated", nil, nil)
		case report.SpillMinimal:
			p = w.phrase("patentMinimal", nil, nil)
		case report.SpillNone:
			// Spill is the proof of patency: say both, and that they disagree.
			p = w.phrase("patentNoSpill", nil, nil)
			p.flagged = true
		case report.SpillNotAssessed:
			p = w.phrase("patentSpillNotAssessed", nil, nil)
		default:
			p = w.phraseArg("patentSpillMissing", w.unrecognised(string(t.Spill)))
			p.flagged = true
		}
		if report.IsTrue(t.PartialDistalOcclusion) {
			p.tail = append(p.tail, w.t("phimosis"))
		}
		if report.IsTrue(t.PeritubalAdhesionsSuspected) && t.Spill != report.SpillLoculated {
			p.tail = append(p.tail, w.t("adhesionsSuspected"))
		}
		if t.Opacification == report.OpacificationNone {
			p.tail = append(p.tail, w.t("opacificationNone"))
		}
	case report.Occluded:
		site := t.OcclusionSite
		at, known := w.site[site]
		spasm := t.OcclusionQualifier == report.OcclusionSpasmNotExcluded ||
			t.OcclusionQualifier == "" && report.IsTrue(t.TubalSpasmSuspected)
		dev, isDevice := w.device[t.SterilizationDevice]
		notRecorded := ""
		if !known {
			notRecorded = w.t("siteNotRecorded") + w.unrecognised(string(site))
		}
		switch {
		case t.Spill.Demonstrated():
			if known {
				p = w.phrase("occludedConflict", []any{at.one, w.spill[t.Spill]}, []any{at.both, w.spill[t.Spill]})
			} else { // no site: say nothing that reads as an occlusion
				p = w.phraseArg("occludedConflictNoSite", w.spill[t.Spill])
			}
			p.flagged = true
		case hydro:
			hydroSaid = true
			d := hydrosalpinxDetail(w, t.Hydrosalpinx)
			occlusion := w.p("hydroDistal")
			switch {
			case !known:
				occlusion = pair{} // notRecorded says the site is missing
			case !site.Distal():
				f := w.p("hydroProximal")
				occlusion = pair{fmt.Sprintf(f.one, at.one), fmt.Sprintf(f.both, at.both)}
			}
			p = w.phrase("hydroOccluded", []any{d, occlusion.one, notRecorded}, []any{d, occlusion.both, notRecorded})
			if c.delayed && t.Spill == report.SpillNone && known {
				p.tail = append(p.tail, w.t("noSpillDelayed"))
			}
		case t.OcclusionQualifier == report.OcclusionAtDevice && isDevice:
			p = w.phrase("occludedDevice", []any{dev[0]}, []any{dev[1]})
		case !known:
			p = w.phraseArg("occludedNoSite", w.unrecognised(string(site)))
			p.selective, p.flagged = spasm, true
			if spasm {
				p.tail = append(p.tail, w.t("spasmNotExcluded"))
			}
		case spasm && site == report.SiteCornual && (t.Opacification == "" || t.Opacification == report.OpacificationNone):
			p = w.phrase("spasm", nil, nil)
			p.selective = true
		case spasm:
			p = w.phrase("occludedSpasm", []any{at.one, at.adj}, []any{at.both, at.adj})
			p.selective = true
		default:
			p = w.phrase("occluded", []any{at.one, at.adj}, []any{at.both, at.adj})
			if t.Spill == report.SpillNone {
				p.bothExtra = w.t("noSpillBoth")
			}
		}
		if known && !site.Distal() && t.OcclusionQualifier != report.OcclusionAtDevice {
			p.selective = p.selective || c.selective == report.SelectiveRecanalized || c.selective == report.SelectiveNotRecanalized
		}
	case report.PatencyIndeterminate:
		spasm := t.OcclusionQualifier == report.OcclusionSpasmNotExcluded || report.IsTrue(t.TubalSpasmSuspected) || c.spasmLimitation
		switch t.Opacification {
		case report.OpacificationPartial:
			p = w.phrase("indetPartial", nil, nil)
		case report.OpacificationComplete:
			p = w.phrase("indetComplete", nil, nil)
		default:
			p = w.phrase("spasm", nil, nil)
			p.selective = true
			spasm = false // already said
		}
		if spasm {
			s := w.p("possibleSpasm")
			p.one += s.one
			p.both += s.both
			p.selective = true
		}
	case "":
		switch t.Opacification {
		case report.OpacificationNone:
			p = w.phrase("noPatencyNone", nil, nil)
		case report.OpacificationPartial:
			p = w.phrase("noPatencyPartial", nil, nil)
		default:
			p = w.phraseArg("noPatency", "")
		}
	default:
		p = w.phraseArg("noPatency", w.unrecognised(string(t.Patency)))
	}
	if hydro && !hydroSaid {
		p.tail = append(p.tail, w.t("hydro")+hydrosalpinxDetail(w, t.Hydrosalpinx))
	}
	if report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		p.tail = append(p.tail, w.t("sin"))
	}
	if len(p.tail) > 0 {
		p.normal = false
	}
	if p.selective {
		switch c.selective {
		case report.SelectiveRecanalized, report.SelectiveNotRecanalized:
			p.outcome = w.outcome[c.selective]
		default:
			p.outcome = w.outcome[""]
		}
	}
	return p
}

// guard keeps the impression from stating what a rule of the table
// forbids ([Rule.Forbids]): when the tube breaks such a rule (ruleID),
// and the phrase does not already say its findings conflict or are
// incomplete, the phrase says the findings conflict and why, and states
// none of them.
func guard(w *phrasebook, p tubePhrase, ruleID string) tubePhrase {
	if ruleID == "" || p.flagged {
		return p
	}
	q := w.phraseArg("conflict", w.t("conflict."+ruleID))
	q.flagged = true
	return q
}

// hydrosalpinxDetail returns " (≈18 mm, mucosal folds absent)", or "" when
// there is nothing to say.
func hydrosalpinxDetail(w *phrasebook, h report.Hydrosalpinx) string {
	var parts []string
	if d := h.MaxDiameterMM; d != nil {
		if s := sizeText(w, *d, h.MeasurementBasis); s != "" {
			parts = append(parts, s)
		}
	}
	switch h.MucosalFolds {
	case report.FoldsPreserved, report.FoldsReduced, report.FoldsAbsent:
		parts = append(parts, report.LabelIn(h.MucosalFolds, w.lang))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// sizeText formats a size in mm measured with basis: to 0.1 mm when
// calibrated (Pixel Spacing or a user calibration), else approximate to
// the mm ("≈18 mm"), never "≈0 mm" ("<1 mm"); "size not calibrated" for
// an uncalibrated measurement, whose value is not in mm. It is "" for a
// size that is not positive and finite ([Report.Validate] reports it).
func sizeText(w *phrasebook, d float64, basis mark.SpacingSource) string {
	if !(d > 0) || math.IsInf(d, 0) {
		return ""
	}
	switch {
	case basis == mark.SpacingUncalibrated:
		return w.t("sizeUncalibrated")
	case basis.Calibrated() && d < 0.05:
		return "<" + w.qty(0.1, 1, "mm")
	case basis.Calibrated():
		return w.qty(d, 1, "mm")
	case d < 0.5:
		return "<" + w.qty(1, 0, "mm")
	}
	return "≈" + w.qty(d, 0, "mm")
}

func (g *generator) tubes() {
	w := g.w
	r, l := &g.r.Tubes.Right, &g.r.Tubes.Left
	if blankTube(r) && blankTube(l) {
		return
	}
	c := tubeContext{
		w:               w,
		delayed:         g.delayed,
		spasmLimitation: slices.Contains(g.r.Technique.Limitations, report.LimitTubalSpasm),
		selective:       g.r.Technique.SelectiveSalpingography,
	}
	describe := func(s report.Side, t *report.Tube) tubePhrase {
		if blankTube(t) {
			return w.phrase("blank", nil, nil)
		}
		return guard(w, describeTube(t, c), forbidden(g.r, s))
	}
	right, left := describe(report.Right, r), describe(report.Left, l)
	outcomeSaid := false
	cont, hydroHead := w.p("continued"), w.p("hydroHead")
	if right.key() == left.key() {
		text := right.both
		if right.bothExtra != "" && right.bothExtra == left.bothExtra {
			text += right.bothExtra
		}
		for _, s := range right.sentences(w, text, cont.both, hydroHead.both) {
			g.add(report.CategoryTubes, s, "/tubes/right", "/tubes/left")
		}
		if right.selective {
			g.selective(true, "/tubes/right", "/tubes/left")
			outcomeSaid = true
		}
		g.tubesNormal = right.normal
	} else {
		for _, s := range []struct {
			p    tubePhrase
			side report.Side
			ref  string
		}{{right, report.Right, "/tubes/right"}, {left, report.Left, "/tubes/left"}} {
			for _, text := range s.p.sentences(w, w.side(s.p.one, s.side), w.side(cont.one, s.side), w.side(hydroHead.one, s.side)) {
				g.add(report.CategoryTubes, text, s.ref)
			}
			if s.p.selective {
				g.selective(true, s.ref)
				outcomeSaid = true
			}
		}
	}
	g.laparoscopy()
	if !outcomeSaid {
		g.abnormal = g.abnormal || c.selective == report.SelectiveRecanalized || c.selective == report.SelectiveNotRecanalized
		switch c.selective {
		case report.SelectiveRecanalized:
			g.add(report.CategoryTubes, w.t("selectiveDone"), "/technique/selectiveSalpingography")
		case report.SelectiveNotRecanalized:
			g.add(report.CategoryTubes, w.t("selectiveFailed"), "/technique/selectiveSalpingography")
		}
	}
}

// laparoscopy recommends laparoscopy with chromopertubation for a
// hydrosalpinx or for disease of both tubes (each occluded, with a
// hydrosalpinx, or spilling loculated), the surgical confirmation and
// treatment planning of tubal factor subfertility (hsg-reporting.md
// §1.8, Hull & Rutherford). Tubes whose findings conflict ([Rule.Forbids])
// or whose block may be spasm are left to be cleared up first.
func (g *generator) laparoscopy() {
	diseased := func(s report.Side) (bool, bool) {
		t := g.r.Tubes.Tube(s)
		if t.Status == report.TubeSurgicallyAbsent || forbidden(g.r, s) != "" {
			return false, false
		}
		hydro := t.Hydrosalpinx.IsPresent()
		spasm := t.OcclusionQualifier == report.OcclusionSpasmNotExcluded || report.IsTrue(t.TubalSpasmSuspected)
		occluded := t.Patency == report.Occluded && t.OcclusionSite.Valid() && !spasm && t.OcclusionQualifier != report.OcclusionAtDevice
		return hydro, hydro || occluded || t.Patency == report.Patent && t.Spill == report.SpillLoculated
	}
	rh, rd := diseased(report.Right)
	lh, ld := diseased(report.Left)
	var refs []string
	switch {
	case rh || lh:
		if rh {
			refs = append(refs, "/tubes/right/hydrosalpinx")
		}
		if lh {
			refs = append(refs, "/tubes/left/hydrosalpinx")
		}
	case rd && ld:
		refs = []string{"/tubes/right", "/tubes/left"}
	default:
		return
	}
	if g.r.Clinical.History != nil && slices.Contains(g.r.Clinical.History, report.HistoryTubalLigation) && !rh && !lh {
		return // both tubes blocked after a ligation is the expected result
	}
	g.recommend(report.RecommendLaparoscopy, false, refs...)
}

// selective records the selective salpingography recommendation for a
// sentence that states it, unless it was already performed.
func (g *generator) selective(inline bool, refs ...string) {
	switch g.r.Technique.SelectiveSalpingography {
	case report.SelectiveRecanalized, report.SelectiveNotRecanalized:
		return
	}
	g.recommend(report.RecommendSelectiveSalpingography, inline, refs...)
}

// Cavity.
