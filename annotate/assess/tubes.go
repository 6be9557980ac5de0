package assess

import (
	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
	"math"
	"slices"
	"strings"
)

// A tubePhrase is what the impression says about one tube.
type tubePhrase struct {
	one       string   // follows the side word: " tube patent with …"
	both      string   // the bilateral form: "Bilateral tubal patency with …"
	bothExtra string   // added to the bilateral form if both sides have it
	tail      []string // clauses common to both forms, each after "; "
	selective bool     // spasm or proximal block: selective salpingography is relevant
	outcome   string   // the selective salpingography clause, when relevant
	normal    bool
}

const selectiveClause = " — selective salpingography could clarify"

// sentences returns the sentences for the phrase, the first starting
// with head (the side word and p.one, or the bilateral form) and the
// others with side (e.g. "Right tube: "). A sentence has at most one
// semicolon; further clauses go into sentences of their own.
func (p tubePhrase) sentences(head, side string, hydroHead string) []string {
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
		if h, ok := strings.CutPrefix(s, "hydrosalpinx"); ok {
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

var (
	spasmPhrase = tubePhrase{
		one:       " tube not opacified beyond the cornu; spasm versus proximal occlusion",
		both:      "Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion",
		selective: true,
	}
	siteAdjective = map[report.OcclusionSite]string{
		report.SiteCornual: "cornual", report.SiteIsthmic: "isthmic", report.SiteAmpullary: "ampullary", report.SiteFimbrial: "fimbrial",
	}
	deviceNames = map[report.SterilizationDevice][2]string{
		report.SterilizationClip:        {"clip", "clips"},
		report.SterilizationRing:        {"ring", "rings"},
		report.SterilizationMicroinsert: {"microinsert", "microinserts"},
		report.SterilizationOther:       {"device", "devices"},
	}
	spillWords = map[report.Spill]string{
		report.SpillFreePrompt:      "free intraperitoneal spill",
		report.SpillFreeDelayedOnly: "delayed intraperitoneal spill",
		report.SpillLoculated:       "loculated spill",
		report.SpillMinimal:         "minimal spill",
	}
)

// tubeContext is what describeTube needs from the rest of the report.
type tubeContext struct {
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

// unrecognised returns ` (unrecognised value "x")` for a value that is not
// defined, or "" when it is empty; long or odd values are not quoted.
func unrecognised(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > 40 || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == '"' }) {
		return " (unrecognised value)"
	}
	return ` (unrecognised value "` + s + `")`
}

// describeTube returns the phrase for t. Whatever is recorded is said:
// incomplete or contradictory findings are stated as such rather than left
// out ([Report.Validate] says what to fix).
func describeTube(t *report.Tube, c tubeContext) tubePhrase {
	hydro := t.Hydrosalpinx.IsPresent()
	hydroSaid := false
	switch {
	case t.Status == report.TubeSurgicallyAbsent:
		return tubePhrase{one: " tube surgically absent", both: "Both tubes surgically absent"}
	case t.Status == report.TubeNotAssessed || t.Patency == report.PatencyNotAssessed:
		if hydro {
			d := hydrosalpinxDetail(t.Hydrosalpinx)
			return tubePhrase{one: " hydrosalpinx" + d + "; tubal status not assessed",
				both: "Bilateral hydrosalpinges" + d + "; tubal status not assessed"}
		}
		if t.Opacification == report.OpacificationNone {
			return tubePhrase{one: " tube not visualised", both: "Neither tube visualised"}
		}
		return tubePhrase{one: " tube not assessed", both: "Neither tube assessed"}
	}
	var p tubePhrase
	switch t.Patency {
	case report.Patent:
		switch t.Spill {
		case report.SpillFreePrompt:
			p = tubePhrase{one: " tube patent with free intraperitoneal spill", both: "Bilateral tubal patency with free intraperitoneal spill", normal: true}
		case report.SpillFreeDelayedOnly:
			if c.delayed {
				p = tubePhrase{one: " tube patent; spill seen only on the delayed image", both: "Bilateral tubal patency; spill seen only on the delayed image"}
			} else {
				p = tubePhrase{one: " tube patent with delayed intraperitoneal spill", both: "Bilateral tubal patency with delayed intraperitoneal spill"}
			}
		case report.SpillLoculated:
			p = tubePhrase{one: " tube patent with loculated spill, suggesting peritubal adhesions", both: "Bilateral tubal patency with loculated spill, suggesting peritubal adhesions"}
		case report.SpillMinimal:
			p = tubePhrase{one: " tube patent with minimal intraperitoneal spill", both: "Bilateral tubal patency with minimal intraperitoneal spill"}
		case report.SpillNone:
			// Spill is the proof of patency: say both, and that they disagree.
			p = tubePhrase{one: " tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status",
				both: "Both tubes: no intraperitoneal spill recorded, which conflicts with the recorded tubal status"}
		case report.SpillNotAssessed:
			p = tubePhrase{one: " tube opacified; spill not assessed", both: "Bilateral tubal opacification; spill not assessed"}
		default:
			u := unrecognised(string(t.Spill))
			p = tubePhrase{one: " tube findings incomplete: spill not recorded" + u, both: "Both tubes: findings incomplete, spill not recorded" + u}
		}
		if report.IsTrue(t.PartialDistalOcclusion) {
			p.tail = append(p.tail, "fimbrial phimosis (partial distal obstruction)")
		}
		if report.IsTrue(t.PeritubalAdhesionsSuspected) && t.Spill != report.SpillLoculated {
			p.tail = append(p.tail, "peritubal adhesions suspected")
		}
		if t.Opacification == report.OpacificationNone {
			p.tail = append(p.tail, "opacification recorded as none, in conflict with the spill")
		}
	case report.Occluded:
		site := t.OcclusionSite
		adj, known := siteAdjective[site]
		at := " at the " + adj + " segment"
		if !known {
			at = ""
		}
		spasm := t.OcclusionQualifier == report.OcclusionSpasmNotExcluded ||
			t.OcclusionQualifier == "" && report.IsTrue(t.TubalSpasmSuspected)
		dev, isDevice := deviceNames[t.SterilizationDevice]
		notRecorded := ""
		if !known {
			notRecorded = "; site of obstruction not recorded" + unrecognised(string(site))
		}
		switch {
		case t.Spill.Demonstrated():
			conflict := ", but " + spillWords[t.Spill] + " is also recorded; findings conflict"
			p = tubePhrase{one: " tube recorded as occluded" + at + conflict, both: "Both tubes recorded as occluded" + at + conflict}
			if !known { // no site: say nothing that reads as an occlusion
				p = tubePhrase{one: " tube findings conflict: " + spillWords[t.Spill] + " is recorded with an obstruction of unrecorded site",
					both: "Both tubes: findings conflict, " + spillWords[t.Spill] + " is recorded with an obstruction of unrecorded site"}
			}
		case hydro:
			hydroSaid = true
			d := hydrosalpinxDetail(t.Hydrosalpinx)
			occlusion := " with distal occlusion"
			switch {
			case !known:
				occlusion = "" // notRecorded says the site is missing
			case !site.Distal():
				occlusion = " with occlusion at the " + adj + " segment"
			}
			p = tubePhrase{one: " hydrosalpinx" + d + occlusion + notRecorded, both: "Bilateral hydrosalpinges" + d + occlusion + notRecorded}
			if c.delayed && t.Spill == report.SpillNone && !strings.Contains(notRecorded, ";") {
				p.tail = append(p.tail, "no spill on the delayed image")
			}
		case t.OcclusionQualifier == report.OcclusionAtDevice && isDevice:
			p = tubePhrase{
				one:  " tube occluded at the site of the sterilisation " + dev[0],
				both: "Bilateral tubal occlusion at the site of the sterilisation " + dev[1],
			}
		case !known:
			p = tubePhrase{one: " tube findings incomplete: site of obstruction not recorded" + unrecognised(string(site)),
				both: "Both tubes: findings incomplete, site of obstruction not recorded" + unrecognised(string(site)), selective: spasm}
			if spasm {
				p.tail = append(p.tail, "spasm not excluded")
			}
		case spasm && site == report.SiteCornual && (t.Opacification == "" || t.Opacification == report.OpacificationNone):
			p = spasmPhrase
		case spasm:
			p = tubePhrase{
				one:       " tube occluded" + at + "; spasm not excluded",
				both:      "Bilateral " + adj + " occlusion; spasm not excluded",
				selective: true,
			}
		default:
			p = tubePhrase{one: " tube occluded" + at, both: "Bilateral " + adj + " occlusion"}
			if t.Spill == report.SpillNone {
				p.bothExtra = "; no intraperitoneal spill"
			}
		}
		if known && !site.Distal() && t.OcclusionQualifier != report.OcclusionAtDevice {
			p.selective = p.selective || c.selective == report.SelectiveRecanalized || c.selective == report.SelectiveNotRecanalized
		}
	case report.PatencyIndeterminate:
		spasm := t.OcclusionQualifier == report.OcclusionSpasmNotExcluded || report.IsTrue(t.TubalSpasmSuspected) || c.spasmLimitation
		switch t.Opacification {
		case report.OpacificationPartial:
			p = tubePhrase{one: " tube partially opacified; patency indeterminate", both: "Bilateral partial tubal opacification; patency indeterminate"}
		case report.OpacificationComplete:
			p = tubePhrase{one: " tube opacified; patency indeterminate", both: "Bilateral tubal opacification; patency indeterminate"}
		default:
			p = spasmPhrase
			spasm = false // already said
		}
		if spasm {
			p.one += ", possible tubal spasm"
			p.both += ", possible tubal spasm"
			p.selective = true
		}
	case "":
		switch t.Opacification {
		case report.OpacificationNone:
			p = tubePhrase{one: " tube not opacified; tubal status not recorded", both: "Neither tube opacified; tubal status not recorded"}
		case report.OpacificationPartial:
			p = tubePhrase{one: " tube partially opacified; tubal status not recorded", both: "Bilateral partial tubal opacification; tubal status not recorded"}
		default:
			p = tubePhrase{one: " tube status not recorded", both: "Both tubes: status not recorded"}
		}
	default:
		u := unrecognised(string(t.Patency))
		p = tubePhrase{one: " tube status not recorded" + u, both: "Both tubes: status not recorded" + u}
	}
	if hydro && !hydroSaid {
		p.tail = append(p.tail, "hydrosalpinx"+hydrosalpinxDetail(t.Hydrosalpinx))
	}
	if report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		p.tail = append(p.tail, "features of salpingitis isthmica nodosa")
	}
	if len(p.tail) > 0 {
		p.normal = false
	}
	if p.selective {
		switch c.selective {
		case report.SelectiveRecanalized:
			p.outcome = " — recanalised at selective salpingography"
		case report.SelectiveNotRecanalized:
			p.outcome = " — not recanalised at selective salpingography"
		default:
			p.outcome = selectiveClause
		}
	}
	return p
}

// guard keeps the impression from stating what a rule of the table
// forbids ([Rule.Forbids]): when the tube breaks such a rule, and the
// phrase does not already say its findings conflict or are incomplete,
// the phrase says the findings conflict and why, and states none of them.
func guard(p tubePhrase, conflict string) tubePhrase {
	if conflict == "" || strings.Contains(p.one, "conflict") || strings.Contains(p.one, "incomplete") {
		return p
	}
	return tubePhrase{one: " tube findings conflict: " + conflict, both: "Both tubes: findings conflict, " + conflict}
}

// hydrosalpinxDetail returns " (≈18 mm, mucosal folds absent)", or "" when
// there is nothing to say.
func hydrosalpinxDetail(h report.Hydrosalpinx) string {
	var parts []string
	if d := h.MaxDiameterMM; d != nil {
		if s := sizeText(*d, h.MeasurementBasis); s != "" {
			parts = append(parts, s)
		}
	}
	switch h.MucosalFolds {
	case report.FoldsPreserved, report.FoldsReduced, report.FoldsAbsent:
		parts = append(parts, "mucosal folds "+string(h.MucosalFolds))
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
func sizeText(d float64, basis mark.SpacingSource) string {
	if !(d > 0) || math.IsInf(d, 0) {
		return ""
	}
	switch {
	case basis == mark.SpacingUncalibrated:
		return "size not calibrated"
	case basis.Calibrated() && d < 0.05:
		return "<0.1 mm"
	case basis.Calibrated():
		return wording.FormatNumber(d, 1) + " mm"
	case d < 0.5:
		return "<1 mm"
	}
	return "≈" + wording.FormatNumber(d, 0) + " mm"
}

func (g *generator) tubes() {
	r, l := &g.r.Tubes.Right, &g.r.Tubes.Left
	if blankTube(r) && blankTube(l) {
		return
	}
	c := tubeContext{
		delayed:         g.delayed,
		spasmLimitation: slices.Contains(g.r.Technique.Limitations, report.LimitTubalSpasm),
		selective:       g.r.Technique.SelectiveSalpingography,
	}
	describe := func(s report.Side, t *report.Tube) tubePhrase {
		if blankTube(t) {
			return tubePhrase{one: " tube findings not recorded", both: "Both tubes: findings not recorded"}
		}
		return guard(describeTube(t, c), forbidden(g.r, s))
	}
	right, left := describe(report.Right, r), describe(report.Left, l)
	outcomeSaid := false
	if right.key() == left.key() {
		text := right.both
		if right.bothExtra != "" && right.bothExtra == left.bothExtra {
			text += right.bothExtra
		}
		for _, s := range right.sentences(text, "Both tubes: ", "Bilateral hydrosalpinges") {
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
			word string
			ref  string
		}{{right, "Right", "/tubes/right"}, {left, "Left", "/tubes/left"}} {
			for _, text := range s.p.sentences(s.word+s.p.one, s.word+" tube: ", s.word+" hydrosalpinx") {
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
			g.add(report.CategoryTubes, "Selective salpingography performed, with recanalisation.", "/technique/selectiveSalpingography")
		case report.SelectiveNotRecanalized:
			g.add(report.CategoryTubes, "Selective salpingography performed, without recanalisation.", "/technique/selectiveSalpingography")
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
