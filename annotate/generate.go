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
// The output depends only on r. Findings that are incomplete produce no
// sentence rather than a guess: a tube recorded as patent without a spill
// value, or as occluded without a site, is left out ([Report.Validate]
// says what is missing). The delayed image is mentioned only when it is
// recorded as obtained, and a hydrosalpinx size is printed as approximate
// ("≈18 mm") unless measured with Pixel Spacing or a user calibration, and
// not at all when measured uncalibrated.
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
	one       string // follows the side word: " tube patent with …"
	both      string // the bilateral form: "Bilateral tubal patency with …"
	bothExtra string // added to the bilateral form if both sides have it
	tail      string // clauses common to both forms
	selective bool   // ends with the selective salpingography clause
	normal    bool
}

const selectiveClause = " — selective salpingography could clarify"

func (p tubePhrase) end() string {
	if p.selective {
		return p.tail + selectiveClause + "."
	}
	return p.tail + "."
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
)

// describeTube returns the phrase for t, or false when t's findings are
// missing or incomplete.
func describeTube(t *Tube, delayed bool) (tubePhrase, bool) {
	switch {
	case t.Status == TubeSurgicallyAbsent:
		return tubePhrase{one: " tube surgically absent", both: "Both tubes surgically absent"}, true
	case t.Status == TubeNotAssessed || t.Patency == PatencyNotAssessed:
		if t.Opacification == OpacificationNone {
			return tubePhrase{one: " tube not visualised", both: "Neither tube visualised"}, true
		}
		return tubePhrase{one: " tube not assessed", both: "Neither tube assessed"}, true
	}
	var p tubePhrase
	hydro := t.Hydrosalpinx.IsPresent()
	hydroSaid := false
	switch t.Patency {
	case Patent:
		switch t.Spill {
		case SpillFreePrompt:
			p = tubePhrase{one: " tube patent with free intraperitoneal spill", both: "Bilateral tubal patency with free intraperitoneal spill", normal: true}
		case SpillFreeDelayedOnly:
			if delayed {
				p = tubePhrase{one: " tube patent; spill seen only on the delayed image", both: "Bilateral tubal patency; spill seen only on the delayed image"}
			} else {
				p = tubePhrase{one: " tube patent with delayed intraperitoneal spill", both: "Bilateral tubal patency with delayed intraperitoneal spill"}
			}
		case SpillLoculated:
			p = tubePhrase{one: " tube patent with loculated spill, suggesting peritubal adhesions", both: "Bilateral tubal patency with loculated spill, suggesting peritubal adhesions"}
		case SpillMinimal:
			p = tubePhrase{one: " tube patent with minimal intraperitoneal spill", both: "Bilateral tubal patency with minimal intraperitoneal spill"}
		default:
			return p, false // never "patent" without the spill that proves it
		}
		if isTrue(t.PeritubalAdhesionsSuspected) && t.Spill != SpillLoculated {
			p.tail += "; peritubal adhesions suspected"
		}
	case Occluded:
		site := t.OcclusionSite
		adj, ok := siteAdjective[site]
		if !ok {
			return p, false // never "occluded" without a site
		}
		spasm := t.OcclusionQualifier == OcclusionSpasmNotExcluded ||
			t.OcclusionQualifier == "" && isTrue(t.TubalSpasmSuspected)
		dev, isDevice := deviceNames[t.SterilizationDevice]
		switch {
		case hydro:
			hydroSaid = true
			d := hydrosalpinxDetail(t.Hydrosalpinx)
			occlusion := " with distal occlusion"
			if !site.Distal() {
				occlusion = " with occlusion at the " + adj + " segment"
			}
			p = tubePhrase{one: " hydrosalpinx" + d + occlusion, both: "Bilateral hydrosalpinges" + d + occlusion}
			if delayed && t.Spill == SpillNone {
				p.tail = "; no spill on the delayed image"
			}
		case t.OcclusionQualifier == OcclusionAtDevice && isDevice:
			p = tubePhrase{
				one:  " tube occluded at the site of the sterilisation " + dev[0],
				both: "Bilateral tubal occlusion at the site of the sterilisation " + dev[1],
			}
		case spasm && site == SiteCornual:
			p = spasmPhrase
		case spasm:
			p = tubePhrase{
				one:       " tube occluded at the " + adj + " segment; spasm not excluded",
				both:      "Bilateral " + adj + " occlusion; spasm not excluded",
				selective: true,
			}
		default:
			p = tubePhrase{one: " tube occluded at the " + adj + " segment", both: "Bilateral " + adj + " occlusion"}
			if t.Spill == SpillNone {
				p.bothExtra = "; no intraperitoneal spill"
			}
		}
	case PatencyIndeterminate:
		switch t.Opacification {
		case OpacificationPartial:
			p = tubePhrase{one: " tube partially opacified; patency indeterminate", both: "Bilateral partial tubal opacification; patency indeterminate"}
		case OpacificationComplete:
			p = tubePhrase{one: " tube opacified; patency indeterminate", both: "Bilateral tubal opacification; patency indeterminate"}
		default:
			p = spasmPhrase
		}
	default:
		return p, false
	}
	if hydro && !hydroSaid {
		p.tail += "; hydrosalpinx" + hydrosalpinxDetail(t.Hydrosalpinx)
	}
	if isTrue(t.SalpingitisIsthmicaNodosa) {
		p.tail += "; features of salpingitis isthmica nodosa"
	}
	if p.tail != "" {
		p.normal = false
	}
	return p, true
}

// hydrosalpinxDetail returns " (≈18 mm, mucosal folds absent)", or "" when
// there is nothing to say.
func hydrosalpinxDetail(h Hydrosalpinx) string {
	var parts []string
	if d := h.MaxDiameterMM; d != nil && *d > 0 && !math.IsInf(*d, 0) && h.MeasurementBasis != SpacingUncalibrated {
		if h.MeasurementBasis.Calibrated() {
			parts = append(parts, formatNumber(*d, 1)+" mm")
		} else {
			parts = append(parts, "≈"+formatNumber(*d, 0)+" mm")
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

func (g *generator) tubes() {
	right, rok := describeTube(&g.r.Tubes.Right, g.delayed)
	left, lok := describeTube(&g.r.Tubes.Left, g.delayed)
	if rok && lok && right.one == left.one && right.end() == left.end() {
		text := right.both
		if right.bothExtra != "" && right.bothExtra == left.bothExtra {
			text += right.bothExtra
		}
		g.add(CategoryTubes, text+right.end(), "/tubes/right", "/tubes/left")
		if right.selective {
			g.recommend(RecommendSelectiveSalpingography, true, "/tubes/right", "/tubes/left")
		}
		g.tubesNormal = right.normal
		return
	}
	for _, s := range []struct {
		p    tubePhrase
		ok   bool
		word string
		ref  string
	}{{right, rok, "Right", "/tubes/right"}, {left, lok, "Left", "/tubes/left"}} {
		if !s.ok {
			continue
		}
		g.add(CategoryTubes, s.word+s.p.one+s.p.end(), s.ref)
		if s.p.selective {
			g.recommend(RecommendSelectiveSalpingography, true, s.ref)
		}
	}
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
	if s := d.SizeMM; s != nil && *s > 0 && !math.IsInf(*s, 0) {
		if n > 1 {
			b.WriteString(" (largest ≈" + formatNumber(*s, 0) + " mm)")
		} else {
			b.WriteString(" (≈" + formatNumber(*s, 0) + " mm)")
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
		return
	}
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
	if len(refs) > 0 {
		var detail []string
		if s, ok := extentText[u.IntrauterineAdhesions.Extent]; ok {
			detail = append(detail, s)
		}
		c := u.IntrauterineAdhesions.Classification
		if s, ok := adhesionSystemText[c.System]; ok && c.Grade != "" {
			detail = append(detail, s+": "+c.Grade)
		}
		text := "Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions"
		if len(detail) > 0 {
			text += " (" + strings.Join(detail, "; ") + ")"
		}
		g.add(CategoryCavity, text+".", refs...)
		g.recommend(RecommendHysteroscopy, false, refs...)
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
		if s := o.SizeMM; s != nil && *s > 0 && !math.IsInf(*s, 0) {
			text += " (≈" + formatNumber(*s, 0) + " mm)"
		}
		g.add(CategoryCavity, text+".", fmt.Sprintf("/uterus/outpouchings/%d", i))
	}

	irregular := u.Contour == ContourIrregular && len(refs) == 0
	switch u.Size {
	case SizeSmall, SizeEnlarged:
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

	if len(g.items) > start {
		return
	}
	k := anomalyKindOf(u)
	normalShape := u.Shape == "" || u.Shape == ShapeNormalTriangular || u.Shape == ShapeShallowIndentation
	described := u.Shape == ShapeNormalTriangular || u.Contour == ContourSmooth
	if normalShape && described && (u.Contour == "" || u.Contour == ContourSmooth) &&
		(u.Size == "" || u.Size == SizeNormal) && (k == noAnomaly || k == kindArcuate) {
		g.add(CategoryCavity, "Normal uterine cavity.", "/uterus")
		g.cavityNormal = true
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
	U3a: kindBicornuate, U3b: kindBicornuate, U3c: kindBicornuate,
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
	default:
		text = certaintyPrefix(a.Certainty, anomalyName[k])
		var classes []string
		if s, ok := asrmText[a.ASRM]; ok {
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
		if k == kindUnicornuate && (a.Side == Left || a.Side == Right) {
			text += " with a single " + string(a.Side) + " tube"
		}
	}
	contour := (k == kindSeptate || k == kindBicornuate) && !isTrue(a.ExternalContourAssessable)
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
	return "adnexa"
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

// Text helpers.

func isTrue(b *bool) bool { return b != nil && *b }

// formatNumber formats v rounded to prec decimals, without trailing zeros.
func formatNumber(v float64, prec int) string {
	return strconv.FormatFloat(roundTo(v, prec), 'f', -1, 64)
}

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerFirst lower-cases the first letter of s unless s starts with a
// proper name (Müllerian, DES).
func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "Müllerian") || strings.HasPrefix(s, "DES") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// roundTo rounds v to prec decimals.
func roundTo(v float64, prec int) float64 {
	p := math.Pow10(prec)
	return math.Round(v*p) / p
}
