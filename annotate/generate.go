package annotate

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// GenerateImpression returns the impression sentences for the findings of
// r, all with Auto set, following §6.1 of the HSG reporting note: tubes
// (right, then left, merged into one "Bilateral …" sentence when both read
// the same), uterine cavity, anomaly, peritoneum and delayed image,
// complications, limitations, then recommendations not already stated in
// a sentence. When the tubes and cavity are normal and nothing else is
// abnormal, the tube and cavity sentences become the single "Normal
// hysterosalpingogram: …" sentence.
//
// The output depends only on r. Every tube gets a sentence once either
// has findings; incomplete or contradictory findings are stated as such
// ("Right tube findings incomplete: spill not recorded.") rather than
// guessed or left
// out ([Report.Validate] says what to fix). The delayed image is mentioned
// only when it is recorded as obtained; a size is printed as approximate
// ("≈18 mm", "<1 mm") unless measured with Pixel Spacing or a user
// calibration, and as "size not calibrated" when measured uncalibrated.
// The findings of a limited or non-diagnostic study carry that caveat.
func GenerateImpression(r *Report) []ImpressionItem {
	items, _ := generate(r)
	return items
}

// GenerateRecommendations returns the recommendations the findings of r
// call for, each code once, all with Auto set. Some are stated inside an
// impression sentence ("— selective salpingography could clarify"), the
// others as sentences of their own at the end of the impression.
func GenerateRecommendations(r *Report) []Recommendation {
	_, recs := generate(r)
	return recs
}

// generator accumulates the impression of one report.
type generator struct {
	r       *Report
	delayed bool // the delayed image was obtained
	items   []ImpressionItem
	recs    []Recommendation
	stated  map[RecommendationCode]bool // said inside a sentence

	tubesNormal  bool // one sentence: bilateral patency with free spill
	cavityNormal bool // one sentence: normal uterine cavity
	abnormal     bool // something other than tubes and cavity is worth saying
}

func generate(r *Report) ([]ImpressionItem, []Recommendation) {
	g := &generator{r: r, delayed: r.Technique.DelayedImage.IsObtained(), stated: map[RecommendationCode]bool{}}
	g.tubes()
	g.cavity()
	g.anomaly()
	g.peritoneum()
	g.complications()
	g.limitations()
	g.recommendations()
	g.normalMacro()
	g.caveat()
	if g.items == nil {
		g.items = []ImpressionItem{}
	}
	return g.items, g.recs
}

func (g *generator) add(c Category, text string, refs ...string) {
	g.items = append(g.items, ImpressionItem{
		Text: text, Auto: true, Category: c, FindingRefs: refs, GeneratedText: text,
	})
}

// recommend records a recommendation; inline says a sentence already
// states it.
func (g *generator) recommend(code RecommendationCode, inline bool, refs ...string) {
	if inline {
		g.stated[code] = true
	}
	for i := range g.recs {
		if g.recs[i].Code == code {
			for _, ref := range refs {
				if !slices.Contains(g.recs[i].FindingRefs, ref) {
					g.recs[i].FindingRefs = append(g.recs[i].FindingRefs, ref)
				}
			}
			return
		}
	}
	g.recs = append(g.recs, Recommendation{
		Code: code, Text: recommendationText[code], Auto: true, FindingRefs: slices.Clone(refs),
	})
}

var recommendationText = map[RecommendationCode]string{
	RecommendAnomalyImaging:          "3D transvaginal ultrasound or MRI to characterise the uterine anomaly",
	RecommendSelectiveSalpingography: "Selective salpingography or tubal catheterisation to distinguish spasm from proximal occlusion",
	RecommendHysteroscopy:            "Hysteroscopy or sonohysterography to characterise the cavity findings",
	RecommendRepeatHSG:               "Repeat HSG",
	RecommendOther:                   "Hysteroscopy and laparoscopy to confirm the uterine anomaly",
}

// recommendationSentence is the sentence for a recommendation no other
// sentence states; the others are always stated inside a sentence.
var recommendationSentence = map[RecommendationCode]string{
	RecommendHysteroscopy: "Hysteroscopy or sonohysterography is recommended to characterise the cavity findings.",
	RecommendRepeatHSG:    "Repeat HSG may be considered.",
}

// Tubes.

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
	siteAdjective = map[OcclusionSite]string{
		SiteCornual: "cornual", SiteIsthmic: "isthmic", SiteAmpullary: "ampullary", SiteFimbrial: "fimbrial",
	}
	deviceNames = map[SterilizationDevice][2]string{
		SterilizationClip:        {"clip", "clips"},
		SterilizationRing:        {"ring", "rings"},
		SterilizationMicroinsert: {"microinsert", "microinserts"},
		SterilizationOther:       {"device", "devices"},
	}
	spillWords = map[Spill]string{
		SpillFreePrompt:      "free intraperitoneal spill",
		SpillFreeDelayedOnly: "delayed intraperitoneal spill",
		SpillLoculated:       "loculated spill",
		SpillMinimal:         "minimal spill",
	}
)

// tubeContext is what describeTube needs from the rest of the report.
type tubeContext struct {
	delayed         bool // the delayed image was obtained
	spasmLimitation bool // tubal spasm is listed among the limitations
	selective       SelectiveSalpingography
}

// blankTube reports whether nothing at all is recorded for t.
func blankTube(t *Tube) bool {
	return t.Status == "" && t.Opacification == "" && t.Patency == "" && t.OcclusionSite == "" &&
		t.OcclusionQualifier == "" && t.Spill == "" && t.Hydrosalpinx.Present == nil &&
		t.SalpingitisIsthmicaNodosa == nil && t.TubalSpasmSuspected == nil &&
		t.PeritubalAdhesionsSuspected == nil && (t.SterilizationDevice == "" || t.SterilizationDevice == SterilizationNone)
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
func describeTube(t *Tube, c tubeContext) tubePhrase {
	hydro := t.Hydrosalpinx.IsPresent()
	hydroSaid := false
	switch {
	case t.Status == TubeSurgicallyAbsent:
		return tubePhrase{one: " tube surgically absent", both: "Both tubes surgically absent"}
	case t.Status == TubeNotAssessed || t.Patency == PatencyNotAssessed:
		if hydro {
			d := hydrosalpinxDetail(t.Hydrosalpinx)
			return tubePhrase{one: " hydrosalpinx" + d + "; tubal status not assessed",
				both: "Bilateral hydrosalpinges" + d + "; tubal status not assessed"}
		}
		if t.Opacification == OpacificationNone {
			return tubePhrase{one: " tube not visualised", both: "Neither tube visualised"}
		}
		return tubePhrase{one: " tube not assessed", both: "Neither tube assessed"}
	}
	var p tubePhrase
	switch t.Patency {
	case Patent:
		switch t.Spill {
		case SpillFreePrompt:
			p = tubePhrase{one: " tube patent with free intraperitoneal spill", both: "Bilateral tubal patency with free intraperitoneal spill", normal: true}
		case SpillFreeDelayedOnly:
			if c.delayed {
				p = tubePhrase{one: " tube patent; spill seen only on the delayed image", both: "Bilateral tubal patency; spill seen only on the delayed image"}
			} else {
				p = tubePhrase{one: " tube patent with delayed intraperitoneal spill", both: "Bilateral tubal patency with delayed intraperitoneal spill"}
			}
		case SpillLoculated:
			p = tubePhrase{one: " tube patent with loculated spill, suggesting peritubal adhesions", both: "Bilateral tubal patency with loculated spill, suggesting peritubal adhesions"}
		case SpillMinimal:
			p = tubePhrase{one: " tube patent with minimal intraperitoneal spill", both: "Bilateral tubal patency with minimal intraperitoneal spill"}
		case SpillNone:
			// Spill is the proof of patency: say both, and that they disagree.
			p = tubePhrase{one: " tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status",
				both: "Both tubes: no intraperitoneal spill recorded, which conflicts with the recorded tubal status"}
		case SpillNotAssessed:
			p = tubePhrase{one: " tube opacified; spill not assessed", both: "Bilateral tubal opacification; spill not assessed"}
		default:
			u := unrecognised(string(t.Spill))
			p = tubePhrase{one: " tube findings incomplete: spill not recorded" + u, both: "Both tubes: findings incomplete, spill not recorded" + u}
		}
		if isTrue(t.PeritubalAdhesionsSuspected) && t.Spill != SpillLoculated {
			p.tail = append(p.tail, "peritubal adhesions suspected")
		}
		if t.Opacification == OpacificationNone {
			p.tail = append(p.tail, "opacification recorded as none, in conflict with the spill")
		}
	case Occluded:
		site := t.OcclusionSite
		adj, known := siteAdjective[site]
		at := " at the " + adj + " segment"
		if !known {
			at = ""
		}
		spasm := t.OcclusionQualifier == OcclusionSpasmNotExcluded ||
			t.OcclusionQualifier == "" && isTrue(t.TubalSpasmSuspected)
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
			if c.delayed && t.Spill == SpillNone && !strings.Contains(notRecorded, ";") {
				p.tail = append(p.tail, "no spill on the delayed image")
			}
		case t.OcclusionQualifier == OcclusionAtDevice && isDevice:
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
		case spasm && site == SiteCornual && (t.Opacification == "" || t.Opacification == OpacificationNone):
			p = spasmPhrase
		case spasm:
			p = tubePhrase{
				one:       " tube occluded" + at + "; spasm not excluded",
				both:      "Bilateral " + adj + " occlusion; spasm not excluded",
				selective: true,
			}
		default:
			p = tubePhrase{one: " tube occluded" + at, both: "Bilateral " + adj + " occlusion"}
			if t.Spill == SpillNone {
				p.bothExtra = "; no intraperitoneal spill"
			}
		}
		if known && !site.Distal() && t.OcclusionQualifier != OcclusionAtDevice {
			p.selective = p.selective || c.selective == SelectiveRecanalized || c.selective == SelectiveNotRecanalized
		}
	case PatencyIndeterminate:
		spasm := t.OcclusionQualifier == OcclusionSpasmNotExcluded || isTrue(t.TubalSpasmSuspected) || c.spasmLimitation
		switch t.Opacification {
		case OpacificationPartial:
			p = tubePhrase{one: " tube partially opacified; patency indeterminate", both: "Bilateral partial tubal opacification; patency indeterminate"}
		case OpacificationComplete:
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
		case OpacificationNone:
			p = tubePhrase{one: " tube not opacified; tubal status not recorded", both: "Neither tube opacified; tubal status not recorded"}
		case OpacificationPartial:
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
	if isTrue(t.SalpingitisIsthmicaNodosa) {
		p.tail = append(p.tail, "features of salpingitis isthmica nodosa")
	}
	if len(p.tail) > 0 {
		p.normal = false
	}
	if p.selective {
		switch c.selective {
		case SelectiveRecanalized:
			p.outcome = " — recanalised at selective salpingography"
		case SelectiveNotRecanalized:
			p.outcome = " — not recanalised at selective salpingography"
		default:
			p.outcome = selectiveClause
		}
	}
	return p
}

// hydrosalpinxDetail returns " (≈18 mm, mucosal folds absent)", or "" when
// there is nothing to say.
func hydrosalpinxDetail(h Hydrosalpinx) string {
	var parts []string
	if d := h.MaxDiameterMM; d != nil {
		if s := sizeText(*d, h.MeasurementBasis); s != "" {
			parts = append(parts, s)
		}
	}
	switch h.MucosalFolds {
	case FoldsPreserved, FoldsReduced, FoldsAbsent:
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
func sizeText(d float64, basis SpacingSource) string {
	if !(d > 0) || math.IsInf(d, 0) {
		return ""
	}
	switch {
	case basis == SpacingUncalibrated:
		return "size not calibrated"
	case basis.Calibrated() && d < 0.05:
		return "<0.1 mm"
	case basis.Calibrated():
		return formatNumber(d, 1) + " mm"
	case d < 0.5:
		return "<1 mm"
	}
	return "≈" + formatNumber(d, 0) + " mm"
}

func (g *generator) tubes() {
	r, l := &g.r.Tubes.Right, &g.r.Tubes.Left
	if blankTube(r) && blankTube(l) {
		return
	}
	c := tubeContext{
		delayed:         g.delayed,
		spasmLimitation: slices.Contains(g.r.Technique.Limitations, LimitTubalSpasm),
		selective:       g.r.Technique.SelectiveSalpingography,
	}
	describe := func(t *Tube) tubePhrase {
		if blankTube(t) {
			return tubePhrase{one: " tube findings not recorded", both: "Both tubes: findings not recorded"}
		}
		return describeTube(t, c)
	}
	right, left := describe(r), describe(l)
	outcomeSaid := false
	if right.key() == left.key() {
		text := right.both
		if right.bothExtra != "" && right.bothExtra == left.bothExtra {
			text += right.bothExtra
		}
		for _, s := range right.sentences(text, "Both tubes: ", "Bilateral hydrosalpinges") {
			g.add(CategoryTubes, s, "/tubes/right", "/tubes/left")
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
				g.add(CategoryTubes, text, s.ref)
			}
			if s.p.selective {
				g.selective(true, s.ref)
				outcomeSaid = true
			}
		}
	}
	if !outcomeSaid {
		g.abnormal = g.abnormal || c.selective == SelectiveRecanalized || c.selective == SelectiveNotRecanalized
		switch c.selective {
		case SelectiveRecanalized:
			g.add(CategoryTubes, "Selective salpingography performed, with recanalisation.", "/technique/selectiveSalpingography")
		case SelectiveNotRecanalized:
			g.add(CategoryTubes, "Selective salpingography performed, without recanalisation.", "/technique/selectiveSalpingography")
		}
	}
}

// selective records the selective salpingography recommendation for a
// sentence that states it, unless it was already performed.
func (g *generator) selective(inline bool, refs ...string) {
	switch g.r.Technique.SelectiveSalpingography {
	case SelectiveRecanalized, SelectiveNotRecanalized:
		return
	}
	g.recommend(RecommendSelectiveSalpingography, inline, refs...)
}

// Cavity.

var locationText = map[Location]string{
	LocFundus:              "fundus",
	LocBody:                "uterine body",
	LocLowerUterineSegment: "lower uterine segment",
	LocLeftCornu:           "left cornu",
	LocRightCornu:          "right cornu",
	LocLeftWall:            "left lateral wall",
	LocRightWall:           "right lateral wall",
	LocCervicalCanal:       "cervical canal",
}

// where returns " in the fundus", " throughout the cavity" or "".
func where(l Location) string {
	if l == LocDiffuse {
		return " throughout the cavity"
	}
	if s, ok := locationText[l]; ok {
		return " in the " + s
	}
	return ""
}

var extentText = map[AdhesionExtent]string{
	ExtentLessThanThird:     "less than one third of the cavity",
	ExtentOneToTwoThirds:    "one to two thirds of the cavity",
	ExtentMoreThanTwoThirds: "more than two thirds of the cavity",
	ExtentTotal:             "total obliteration of the cavity",
}

var adhesionSystemText = map[AdhesionSystem]string{
	AdhesionAFS1988:       "AFS 1988",
	AdhesionESH1989:       "ESH 1989",
	AdhesionMarch1978:     "March 1978",
	AdhesionToaffBallas:   "Toaff–Ballas",
	AdhesionValleSciarra:  "Valle–Sciarra 1988",
	AdhesionDonnezNisolle: "Donnez–Nisolle 1994",
}

// defectNature gives the nature clause of a filling defect, singular and
// plural.
var defectNature = map[DefectKind][2]string{
	DefectPolyp:            {", likely endometrial polyp", ", likely endometrial polyps"},
	DefectLeiomyoma:        {", likely submucosal leiomyoma", ", likely submucosal leiomyomas"},
	DefectPolypOrLeiomyoma: {", likely polyp or submucosal leiomyoma", ", likely polyps or submucosal leiomyomas"},
	DefectClotOrDebris:     {", likely clot or debris", ", likely clot or debris"},
	DefectRetainedProducts: {", suggestive of retained products of conception", ", suggestive of retained products of conception"},
	DefectIUDOrForeignBody: {", consistent with an intrauterine device or foreign body", ", consistent with intrauterine devices or foreign bodies"},
	DefectIndeterminate:    {" of indeterminate nature", " of indeterminate nature"},
}

var marginText = map[DefectMargin]string{
	MarginSmooth: "smooth", MarginIrregular: "irregular", MarginLinear: "linear",
}

var countWords = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// defectSentence returns the sentence for one filling defect, e.g. "Smooth
// filling defect in the fundus (≈8 mm), likely polyp or submucosal
// leiomyoma."
func defectSentence(d FillingDefect) string {
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
	return capitalize(b.String()) + "."
}

var outpouchingText = map[OutpouchingType]string{
	OutpouchingNiche:         "Caesarean scar niche",
	OutpouchingAdenomyotic:   "Adenomyotic diverticulum",
	OutpouchingCongenital:    "Congenital outpouching of the cavity",
	OutpouchingIndeterminate: "Outpouching of the cavity",
}

func (g *generator) cavity() {
	u := &g.r.Uterus
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		g.add(CategoryCavity, "Uterine cavity not opacified.", "/uterus/cavityOpacified")
		g.cervix()
		return
	}
	defer g.cervix()
	start := len(g.items)

	// Adhesions: the adhesion record and synechia defects make one sentence.
	var refs []string
	if isTrue(u.IntrauterineAdhesions.Present) {
		refs = append(refs, "/uterus/intrauterineAdhesions")
	}
	for i, d := range u.FillingDefects {
		if d.Kind == DefectSynechia {
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
		g.add(CategoryCavity, adhesionText(u, ext)+parenthesis(detail)+".", refs...)
		g.recommend(RecommendHysteroscopy, false, refs...)
		total = ext == ExtentTotal
	}

	for i, d := range u.FillingDefects {
		if d.Kind == DefectSynechia || d.Kind.Artefact() {
			continue
		}
		ref := fmt.Sprintf("/uterus/fillingDefects/%d", i)
		g.add(CategoryCavity, defectSentence(d), ref)
		switch d.Kind {
		case DefectClotOrDebris, DefectIUDOrForeignBody:
		default:
			g.recommend(RecommendHysteroscopy, false, ref)
		}
	}

	if a := u.AdenomyosisSigns; isTrue(a.Present) {
		text := "Findings" + where(a.Location) + " suggestive of adenomyosis."
		if a.Pattern == AdenomyosisDiverticula {
			text = "Myometrial diverticula" + where(a.Location) + ", suggestive of adenomyosis."
		}
		g.add(CategoryCavity, text, "/uterus/adenomyosisSigns")
	}

	for i, o := range u.Outpouchings {
		name, ok := outpouchingText[o.Type]
		if !ok {
			name = "Outpouching of the cavity"
		}
		loc := o.Location
		if loc == "" && o.Type == OutpouchingNiche {
			loc = LocLowerUterineSegment
		}
		text := name + where(loc)
		if o.SizeMM != nil {
			if s := sizeText(*o.SizeMM, ""); s != "" {
				text += " (" + s + ")"
			}
		}
		g.add(CategoryCavity, text+".", fmt.Sprintf("/uterus/outpouchings/%d", i))
	}

	irregular := u.Contour == ContourIrregular && len(refs) == 0
	switch u.Size {
	case SizeSmall, SizeEnlarged:
		if total {
			break // an obliterated cavity has no size to speak of
		}
		text := "Small uterine cavity"
		if u.Size == SizeEnlarged {
			text = "Enlarged uterine cavity"
		}
		if irregular {
			text += " with irregular contour"
		}
		g.add(CategoryCavity, text+".", "/uterus")
	default:
		if irregular {
			g.add(CategoryCavity, "Irregular uterine cavity contour.", "/uterus")
		}
	}

	k := anomalyKindOf(u)
	if text, ok := cavityShapeText[u.Shape]; ok && (k == noAnomaly || k == kindSuspected) {
		// An abnormal shape no anomaly sentence describes.
		if a := u.MullerianAnomaly; a.ASRM == ASRMNone || a.ESHREUterine == U0 {
			text += " (no Müllerian anomaly classified)"
		}
		if u.Shape != ShapeSmallTubular && u.Shape != ShapeOther {
			text += anomalyImagingClause
			g.recommend(RecommendAnomalyImaging, true, "/uterus/shape")
		}
		g.add(CategoryCavity, text+".", "/uterus/shape")
	}
	if len(g.items) > start {
		return
	}
	normalShape := u.Shape == "" || u.Shape == ShapeNormalTriangular || u.Shape == ShapeShallowIndentation
	described := u.Shape == ShapeNormalTriangular || u.Contour == ContourSmooth
	if normalShape && described && (u.Contour == "" || u.Contour == ContourSmooth) &&
		(u.Size == "" || u.Size == SizeNormal) && (k == noAnomaly || k == kindArcuate) {
		g.add(CategoryCavity, "Normal uterine cavity.", "/uterus")
		g.cavityNormal = true
	}
}

// cavityShapeText describes an abnormal cavity shape, for when no anomaly
// sentence does.
var cavityShapeText = map[CavityShape]string{
	ShapeDeepIndentation: "Deep fundal indentation of the uterine cavity",
	ShapeTwoHorns:        "Uterine cavity with two horns or cavities",
	ShapeSingleHorn:      "Single-horned (banana-shaped) uterine cavity",
	ShapeTShaped:         "T-shaped uterine cavity",
	ShapeSmallTubular:    "Small tubular uterine cavity",
	ShapeOther:           "Abnormal shape of the uterine cavity",
}

// adhesionText is the sentence for intrauterine adhesions, claiming a
// reduced cavity only for adhesions involving a third of it or more.
func adhesionText(u *Uterus, ext AdhesionExtent) string {
	n := 0
	single := Location("")
	for _, d := range u.FillingDefects {
		if d.Kind == DefectSynechia {
			c := 1
			if d.Count != nil && *d.Count > 1 {
				c = *d.Count
			}
			n += c
			single = d.Location
		}
	}
	switch ext {
	case ExtentTotal:
		return "Obliteration of the uterine cavity, consistent with severe intrauterine adhesions"
	case ExtentOneToTwoThirds, ExtentMoreThanTwoThirds:
		return "Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions"
	case ExtentLessThanThird:
		return "Irregular filling defects, consistent with intrauterine adhesions"
	}
	if n == 1 && !isTrue(u.IntrauterineAdhesions.Present) {
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

var canalText = map[CervicalCanal]string{
	CanalStenotic:   "Stenosis of the cervical canal.",
	CanalIrregular:  "Irregular cervical canal.",
	CanalDilated:    "Dilated cervical canal.",
	CanalDuplicated: "Duplicated cervical canal.",
}

// cervix states an abnormal cervical canal; it rules out the normal macro.
func (g *generator) cervix() {
	if text, ok := canalText[g.r.Cervix.Canal]; ok {
		g.add(CategoryCavity, text, "/cervix/canal")
		g.abnormal = true
	}
}

// Anomaly.

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

// anomalyName is the subject of the anomaly sentence, without capital.
var anomalyName = map[anomalyKind]string{
	kindUnicornuate:        "unicornuate uterus",
	kindDidelphys:          "uterus didelphys",
	kindBicornuate:         "bicornuate uterus",
	kindSeptate:            "septate uterus",
	kindInfantile:          "hypoplastic (infantile) uterus",
	kindDysmorphic:         "dysmorphic uterus",
	kindAgenesis:           "Müllerian agenesis",
	kindCervicalAgenesis:   "cervical agenesis",
	kindLongitudinalSeptum: "longitudinal vaginal septum",
	kindTransverseSeptum:   "transverse vaginal septum",
	kindComplex:            "complex Müllerian anomaly",
	kindAplastic:           "aplastic uterus",
	kindUnclassified:       "unclassified uterine malformation",
	kindHypoplasia:         "segmental uterine hypoplasia or agenesis",
	kindDES:                "DES-related uterine configuration",
	kindBicorporealSeptate: "bicorporeal septate uterus",
}

// cervicalText and vaginalText name the ESHRE/ESGE 2013 co-existent classes.
var cervicalText = map[ESHRECervical]string{
	C1: "septate cervix", C2: "double (normal) cervix", C3: "unilateral cervical aplasia", C4: "cervical aplasia",
}

var vaginalText = map[ESHREVaginal]string{
	V1: "longitudinal non-obstructing vaginal septum", V2: "longitudinal obstructing vaginal septum",
	V3: "transverse vaginal septum and/or imperforate hymen", V4: "vaginal aplasia",
}

var asrmKind = map[ASRMClass]anomalyKind{
	ASRMAgenesis:                  kindAgenesis,
	ASRMCervicalAgenesis:          kindCervicalAgenesis,
	ASRMUnicornuate:               kindUnicornuate,
	ASRMDidelphys:                 kindDidelphys,
	ASRMBicornuate:                kindBicornuate,
	ASRMSeptate:                   kindSeptate,
	ASRMLongitudinalVaginalSeptum: kindLongitudinalSeptum,
	ASRMTransverseVaginalSeptum:   kindTransverseSeptum,
	ASRMComplex:                   kindComplex,
	ASRMSeptateOrBicornuate:       kindIndeterminate,
}

var asrmText = map[ASRMClass]string{
	ASRMAgenesis:                  "Müllerian agenesis",
	ASRMCervicalAgenesis:          "cervical agenesis",
	ASRMUnicornuate:               "unicornuate",
	ASRMDidelphys:                 "uterus didelphys",
	ASRMBicornuate:                "bicornuate",
	ASRMSeptate:                   "septate",
	ASRMLongitudinalVaginalSeptum: "longitudinal vaginal septum",
	ASRMTransverseVaginalSeptum:   "transverse vaginal septum",
	ASRMComplex:                   "complex anomaly",
}

var eshreKind = map[ESHREUterine]anomalyKind{
	U1a: kindTShaped, U1b: kindInfantile, U1c: kindDysmorphic,
	U2a: kindSeptate, U2b: kindSeptate,
	U3a: kindBicornuate, U3b: kindBicornuate, U3c: kindBicorporealSeptate,
	U4a: kindUnicornuate, U4b: kindUnicornuate,
	U5a: kindAplastic, U5b: kindAplastic, U6: kindUnclassified,
	U2OrU3: kindIndeterminate,
}

var afsKind = map[AFSClass]anomalyKind{
	AFSI: kindHypoplasia, AFSII: kindUnicornuate, AFSIII: kindDidelphys, AFSIV: kindBicornuate,
	AFSV: kindSeptate, AFSVI: kindArcuate, AFSVII: kindDES,
}

var shapeKind = map[CavityShape]anomalyKind{
	ShapeShallowIndentation: kindArcuate,
	ShapeDeepIndentation:    kindIndeterminate,
	ShapeTwoHorns:           kindIndeterminate,
	ShapeSingleHorn:         kindSingleHorn,
	ShapeTShaped:            kindTShaped,
	ShapeSmallTubular:       kindSmallTubular,
}

// anomalyKindOf classifies the anomaly from ASRM, then ESHRE/ESGE, then
// AFS; from the cavity shape only when no class is recorded.
func anomalyKindOf(u *Uterus) anomalyKind {
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
	if isTrue(a.Suspected) && a.ASRM != ASRMNone && a.ESHREUterine != U0 {
		return kindSuspected
	}
	return noAnomaly
}

const anomalyImagingClause = " — correlation with 3D ultrasound or MRI recommended"

func (g *generator) anomaly() {
	u := &g.r.Uterus
	if u.CavityOpacified != nil && !*u.CavityOpacified {
		return
	}
	a := u.MullerianAnomaly
	k := anomalyKindOf(u)
	ref := "/uterus/mullerianAnomaly"
	if a == (Anomaly{}) {
		ref = "/uterus/shape"
	}
	imaging := a.ConfirmationRecommended == Confirm3DUS || a.ConfirmationRecommended == ConfirmMRI
	var text string
	switch k {
	case noAnomaly:
		return
	case kindIndeterminate:
		g.add(CategoryAnomaly, "Uterine configuration with two horns; septate versus bicornuate cannot be "+
			"distinguished on HSG (ESHRE/ESGE U2/U3 indeterminate)"+anomalyImagingClause+".", ref)
		g.recommend(RecommendAnomalyImaging, true, ref)
		g.abnormal = true
		return
	case kindTShaped:
		text = certaintyPrefix(a.Certainty, "T-shaped cavity") + " (ESHRE/ESGE U1a)"
	case kindArcuate:
		text = "Arcuate configuration of the fundus"
		if a.AFS == AFSVI {
			text += " (AFS 1988 class VI)"
		}
		text += ", considered a normal variant"
	case kindSingleHorn:
		text = "Single-horned (banana-shaped) cavity, suggesting a unicornuate uterus"
		imaging = true
	case kindSmallTubular:
		text = "Small tubular uterine cavity"
	case kindSuspected:
		text = "Suspected Müllerian anomaly"
		imaging = true
	case kindCervicoVaginal:
		var names []string
		if n, ok := cervicalText[a.ESHRECervical]; ok {
			names = append(names, n)
		}
		if n, ok := vaginalText[a.ESHREVaginal]; ok {
			names = append(names, n)
		}
		text = certaintyPrefix(a.Certainty, joinAnd(names)) + " (" + eshreText(a, "") + ")"
	default:
		text = certaintyPrefix(a.Certainty, anomalyName[k])
		tShaped := (u.Shape == ShapeTShaped || a.ESHREUterine == U1a) && k != kindTShaped
		if tShaped && !strings.Contains(strings.ToLower(a.ASRMDetail), "t-shaped") {
			text += " with a T-shaped cavity"
		}
		var classes []string
		if s, ok := asrmText[a.ASRM]; ok {
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
			classes = append(classes, "AFS 1988 class "+string(a.AFS))
		}
		if len(classes) > 0 {
			text += " (" + strings.Join(classes, "; ") + ")"
		}
		if k == kindUnicornuate {
			if side := unicornuateSide(g.r); side != "" {
				text += " with a single " + string(side) + " tube"
			}
		}
	}
	contour := (k == kindSeptate || k == kindBicornuate || k == kindBicorporealSeptate) && !isTrue(a.ExternalContourAssessable)
	switch {
	case contour:
		text += " — external contour not assessable on HSG; correlation with 3D ultrasound or MRI recommended"
		g.recommend(RecommendAnomalyImaging, true, ref)
	case imaging:
		text += anomalyImagingClause
		g.recommend(RecommendAnomalyImaging, true, ref)
	case a.ConfirmationRecommended == ConfirmHysteroLaparoscopy:
		text += " — hysteroscopy and laparoscopy could confirm"
		g.recommend(RecommendOther, true, ref)
	}
	g.add(CategoryAnomaly, text+".", ref)
	g.abnormal = true
}

// unicornuateSide returns the side of the single horn: as recorded, else
// the side of the only tube that opacified while the other is absent, not
// assessed or not opacified; "" when it cannot be told.
func unicornuateSide(r *Report) Side {
	if s := r.Uterus.MullerianAnomaly.Side; s == Left || s == Right {
		return s
	}
	seen := func(t *Tube) bool {
		return t.Status != TubeSurgicallyAbsent && t.Status != TubeNotAssessed && t.Opacification != OpacificationNone &&
			(t.Patency == Patent || t.Patency == Occluded || t.Opacification == OpacificationComplete || t.Opacification == OpacificationPartial)
	}
	missing := func(t *Tube) bool {
		return t.Status == TubeSurgicallyAbsent || t.Status == TubeNotAssessed || t.Opacification == OpacificationNone || blankTube(t)
	}
	rt, lt := &r.Tubes.Right, &r.Tubes.Left
	switch {
	case seen(rt) && missing(lt):
		return Right
	case seen(lt) && missing(rt):
		return Left
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
// "Possible" when the anomaly is not definite.
func certaintyPrefix(c Certainty, name string) string {
	switch c {
	case Probable, Possible:
		return capitalize(string(c)) + " " + lowerFirst(name)
	}
	return capitalize(name)
}

// eshreText returns e.g. "ESHRE/ESGE U2b/C1/V0", using implied as the
// uterine class when none is recorded.
func eshreText(a Anomaly, implied string) string {
	var parts []string
	switch {
	case a.ESHREUterine.Valid() && a.ESHREUterine != U2OrU3:
		parts = append(parts, string(a.ESHREUterine))
	case a.ESHREUterine == "" && implied != "":
		parts = append(parts, implied)
	}
	if c := a.ESHRECervical; c.Valid() && c != CervixNotAssessed {
		parts = append(parts, string(c))
	}
	if v := a.ESHREVaginal; v.Valid() && v != VaginaNotAssessed {
		parts = append(parts, string(v))
	}
	if len(parts) == 0 {
		return ""
	}
	return "ESHRE/ESGE " + strings.Join(parts, "/")
}

// Peritoneum and delayed image.

func (g *generator) peritoneum() {
	if !g.delayed {
		return // nothing may be said about an image that was not obtained
	}
	p := &g.r.Peritoneum
	has := func(f DelayedFinding) bool { return slices.Contains(p.DelayedFindings, f) }
	free := p.SpillPattern == PatternFree || p.SpillPattern == PatternMixed || has(DelayedFreeDispersion)
	loculated := p.SpillPattern == PatternLoculated || p.SpillPattern == PatternMixed || has(DelayedLoculation)
	var clauses []string
	normal := true
	if free {
		clauses = append(clauses, "free dispersion of contrast in the pelvis")
	}
	if loculated {
		clauses = append(clauses, "persistent loculated contrast adjacent to the "+g.loculatedAdnexa())
		normal = false
	}
	if !free && !loculated && (p.SpillPattern == PatternNone || has(DelayedNoContrast)) {
		clauses = append(clauses, "no intraperitoneal contrast")
		normal = false
	}
	if has(DelayedTubalContrast) {
		clauses = append(clauses, g.residualTubal())
		normal = false
	}
	if has(DelayedUterineContrast) {
		clauses = append(clauses, "residual intrauterine contrast")
	}
	if has(DelayedRenalExcretion) {
		clauses = append(clauses, "renal excretion of intravasated contrast")
		normal = false
	}
	if len(clauses) == 0 {
		return
	}
	text := "Delayed image"
	if m := g.r.Technique.DelayedImage.MinutesAfterContrast; m != nil && *m >= 0 && !math.IsInf(*m, 0) {
		text += " at " + formatNumber(*m, 0) + " min"
	}
	g.add(CategoryOther, text+" shows "+joinAnd(clauses)+".", "/peritoneum", "/technique/delayedImage")
	if !normal {
		g.abnormal = true
	}
}

// residualTubal names residual tubal contrast, placing it in the
// hydrosalpinx when exactly one is recorded.
func (g *generator) residualTubal() string {
	r := g.r.Tubes.Right.Hydrosalpinx.IsPresent() && g.r.Tubes.Right.Status != TubeSurgicallyAbsent
	l := g.r.Tubes.Left.Hydrosalpinx.IsPresent() && g.r.Tubes.Left.Status != TubeSurgicallyAbsent
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
	r := g.r.Tubes.Right.Spill == SpillLoculated
	l := g.r.Tubes.Left.Spill == SpillLoculated
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

var complicationText = map[ComplicationType]string{
	VenousIntravasation:     "Venous intravasation",
	LymphaticIntravasation:  "Lymphatic intravasation",
	MyometrialExtravasation: "Myometrial extravasation of contrast",
	UterinePerforation:      "Uterine perforation",
	VasovagalReaction:       "Vasovagal reaction",
	SeverePain:              "Severe pain during the procedure",
	ContrastReaction:        "Contrast reaction",
	Bleeding:                "Bleeding after the procedure",
	InfectionReported:       "Infection reported after the procedure",
	OilEmbolismSuspected:    "Suspected oil embolism",
	ProcedureAbandoned:      "Procedure abandoned",
}

var sideText = map[Side]string{
	Left: " on the left", Right: " on the right", Bilateral: " bilaterally", Midline: " in the midline",
}

// clinicalEvent reports whether t is a clinical event rather than an
// imaging finding.
func clinicalEvent(t ComplicationType) bool {
	switch t {
	case VasovagalReaction, SeverePain, ContrastReaction, Bleeding, InfectionReported, OilEmbolismSuspected:
		return true
	}
	return false
}

func (g *generator) complications() {
	c := &g.r.Complications
	events := slices.ContainsFunc(c.Items, func(it Complication) bool { return clinicalEvent(it.Type) })
	for i, it := range c.Items {
		name, ok := complicationText[it.Type]
		if !ok {
			continue
		}
		text := name
		if it.Grade != "" {
			text += " (" + it.Grade + ")"
		}
		if it.Type == SeverePain && c.PainVAS != nil && *c.PainVAS >= 0 && *c.PainVAS <= 10 {
			text += " (VAS " + strconv.Itoa(*c.PainVAS) + "/10)"
		}
		text += sideText[it.Side]
		if (it.Type == VenousIntravasation || it.Type == LymphaticIntravasation) && !events {
			text += " without clinical sequelae"
		}
		if isTrue(it.AffectsInterpretation) {
			text += ", limiting interpretation"
		}
		g.add(CategoryComplication, text+".", fmt.Sprintf("/complications/items/%d", i))
		g.abnormal = true
	}
}

// Limitations.

var limitationText = map[Limitation]string{
	LimitIncompleteDistension: "incomplete distension of the cavity",
	LimitCervicalReflux:       "reflux of contrast through the cervix",
	LimitCatheterDislodged:    "dislodgement of the catheter",
	LimitBalloonObscures:      "the catheter balloon obscuring the lower uterine segment",
	LimitAirBubbles:           "air bubbles",
	LimitDiscomfortTerminated: "early termination for patient discomfort",
	LimitTubalSpasm:           "suspected tubal spasm",
	LimitIntravasation:        "intravasation obscuring the tubes",
	LimitNoDelayedImage:       "the absence of a delayed image",
	LimitNoOrientationMarker:  "the absence of an orientation marker",
	LimitOther:                "other technical factors",
}

func (g *generator) limitations() {
	t := &g.r.Technique
	if t.Adequacy == Adequate {
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
	case t.Adequacy == NonDiagnostic && len(list) > 0:
		text = "Non-diagnostic study owing to " + joinAnd(list) + "."
	case t.Adequacy == NonDiagnostic:
		text = "Non-diagnostic study."
	case len(list) > 0:
		text = "Study limited by " + joinAnd(list) + "."
	case t.Adequacy == Limited:
		text = "Study of limited diagnostic quality."
	default:
		return
	}
	g.add(CategoryLimitation, text, refs...)
	if t.Adequacy == NonDiagnostic {
		g.recommend(RecommendRepeatHSG, false, "/technique/adequacy")
	}
	g.abnormal = true
}

// Recommendations not stated inside another sentence.
func (g *generator) recommendations() {
	for _, rec := range g.recs {
		if g.stated[rec.Code] {
			continue
		}
		g.add(CategoryOther, recommendationSentence[rec.Code], rec.FindingRefs...)
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
	macro := ImpressionItem{
		Text: normalText, Auto: true, Category: CategoryTubes,
		FindingRefs: []string{"/tubes/right", "/tubes/left", "/uterus"}, GeneratedText: normalText,
	}
	g.items = append([]ImpressionItem{macro}, g.items[2:]...)
}

// caveat prefixes the findings of a limited or non-diagnostic study
// ("Limited study: right tube patent …"), so that no sentence read alone
// states them as definite.
func (g *generator) caveat() {
	var prefix string
	switch g.r.Technique.Adequacy {
	case Limited:
		prefix = limitedPrefix
	case NonDiagnostic:
		prefix = nonDiagnosticPrefix
	default:
		return
	}
	for i := range g.items {
		it := &g.items[i]
		switch it.Category {
		case CategoryTubes, CategoryCavity, CategoryAnomaly:
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
