package assess

import (
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A phrasebook holds the words of the impression and recommendations in
// one language: [english] and [russian]. The generator decides what to
// say once, for every language, and takes the words from the book of the
// report's language ([bookOf]); so the guard-rails of the rule table hold
// in each language alike.
//
// A tube phrase names its side with a placeholder that [phrasebook.side]
// fills in: sideSubj is the side as the subject ("Right" tube, «Правая»
// маточная труба), sideAttr the side as the attribute of a noun in the
// genitive or instrumental («правой» маточной трубы), sideAdv the side as
// an adverb (гидросальпинкс «справа»). English needs only the first.
type phrasebook struct {
	lang  string
	sides map[report.Side][3]string // subject, attribute, adverb

	tube map[string]pair   // tube phrases, one side and both
	text map[string]string // other words and sentences, by name

	site        map[report.OcclusionSite]sitePhrase
	device      map[report.SterilizationDevice][2]string // one, both
	spill       map[report.Spill]string                  // a spill as a noun phrase
	outcome     map[report.SelectiveSalpingography]string
	where       map[report.Location]string // " in the fundus"
	extent      map[report.AdhesionExtent]string
	nature      map[report.DefectKind][2]string // the nature of a filling defect: one, several
	margin      map[report.DefectMargin]string
	outpouching map[report.OutpouchingType]string
	shape       map[report.CavityShape]string
	canal       map[report.CervicalCanal]string
	anomaly     map[anomalyKind]string
	asrm        map[report.ASRMClass]string
	cervical    map[report.ESHRECervical]string
	vaginal     map[report.ESHREVaginal]string
	certainty   map[report.Certainty]string // the prefix of a probable or possible anomaly
	compl       map[report.ComplicationType]string
	complSide   map[report.Side]string
	limitation  map[report.Limitation]string
	recText     map[report.RecommendationCode]string
	recSentence map[report.RecommendationCode]string
}

// A pair is a tube phrase for one tube and for both.
type pair struct{ one, both string }

// A sitePhrase places an occlusion: for one tube (" at the cornual
// segment"), for both, and as a bare adjective ("cornual").
type sitePhrase struct{ one, both, adj string }

const (
	sideSubj = "\x01S" // the side as the subject: "Right", «Правая»
	sideAttr = "\x01G" // the side as a noun's attribute: «правой»
	sideAdv  = "\x01s" // the side as an adverb: «справа»
)

// bookOf returns the phrasebook of a report's language (l10n.Lang of
// lang): Russian, else English.
func bookOf(lang string) *phrasebook {
	if l10n.Lang(lang) == l10n.RU {
		return russian
	}
	return english
}

// side fills the side placeholders of s in.
func (w *phrasebook) side(s string, sd report.Side) string {
	f := w.sides[sd]
	return strings.NewReplacer(sideSubj, f[0], sideAttr, f[1], sideAdv, f[2]).Replace(s)
}

// t returns the words named key, from English when the book has none (a
// test checks that none is missing).
func (w *phrasebook) t(key string) string {
	if s, ok := w.text[key]; ok {
		return s
	}
	return english.text[key]
}

// p returns the tube phrase named key.
func (w *phrasebook) p(key string) pair {
	if s, ok := w.tube[key]; ok {
		return s
	}
	return english.tube[key]
}

// joinAnd joins "a", "b", "c" as "a, b and c" («a, b и c»).
func (w *phrasebook) joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + w.t("and") + s[len(s)-1]
}

// unrecognised returns ` (unrecognised value "x")` for a value that is not
// defined, or "" when it is empty; long or odd values are not quoted.
func (w *phrasebook) unrecognised(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > 40 || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == '"' || r == '«' || r == '»' }) {
		return w.t("unrecognised")
	}
	return strings.Replace(w.t("unrecognisedValue"), "%s", s, 1)
}

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(s []string) string { return english.joinAnd(s) }

// qty writes a size or a time with its unit: "18.4 mm", «18,4 мм» (the
// number and unit joined by a no-break space in Russian).
func (w *phrasebook) qty(v float64, prec int, unit string) string {
	sep := " "
	if w.lang == l10n.RU {
		sep = l10n.NBSP
	}
	return l10n.Number(v, prec, w.lang) + sep + l10n.Unit(unit, w.lang)
}

// lowerFirst lower-cases the first letter of s unless s starts with a
// proper name (Müllerian, DES) or an abbreviation (T-shaped, ESHRE,
// Т-образная).
func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "Müllerian") || strings.HasPrefix(s, "DES") {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[n:]); next == '-' || unicode.IsUpper(next) {
		return s // T-shaped, an abbreviation
	}
	return string(unicode.ToLower(r)) + s[n:]
}

var english = &phrasebook{
	lang:  l10n.EN,
	sides: map[report.Side][3]string{report.Right: {"Right", "right", "right"}, report.Left: {"Left", "left", "left"}},
	tube: map[string]pair{
		"absent":           {sideSubj + " tube surgically absent", "Both tubes surgically absent"},
		"notAssessedHydro": {sideSubj + " hydrosalpinx%s; tubal status not assessed", "Bilateral hydrosalpinges%s; tubal status not assessed"},
		"notVisualised":    {sideSubj + " tube not visualised", "Neither tube visualised"},
		"notAssessed":      {sideSubj + " tube not assessed", "Neither tube assessed"},
		"patentFree":       {sideSubj + " tube patent with free intraperitoneal spill", "Bilateral tubal patency with free intraperitoneal spill"},
		"patentDelayedSeen": {sideSubj + " tube patent; spill seen only on the delayed image",
			"Bilateral tubal patency; spill seen only on the delayed image"},
		"patentDelayed": {sideSubj + " tube patent with delayed intraperitoneal spill", "Bilateral tubal patency with delayed intraperitoneal spill"},
		"patentLoculated": {sideSubj + " tube patent with loculated spill, suggesting peritubal adhesions",
			"Bilateral tubal patency with loculated spill, suggesting peritubal adhesions"},
		"patentMinimal": {sideSubj + " tube patent with minimal intraperitoneal spill", "Bilateral tubal patency with minimal intraperitoneal spill"},
		"patentNoSpill": {sideSubj + " tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status",
			"Both tubes: no intraperitoneal spill recorded, which conflicts with the recorded tubal status"},
		"patentSpillNotAssessed": {sideSubj + " tube opacified; spill not assessed", "Bilateral tubal opacification; spill not assessed"},
		"patentSpillMissing":     {sideSubj + " tube findings incomplete: spill not recorded%s", "Both tubes: findings incomplete, spill not recorded%s"},
		// %[1]s: the site (sitePhrase.one or .both), %[2]s: the spill.
		"occludedConflict": {sideSubj + " tube recorded as occluded%[1]s, but %[2]s is also recorded; findings conflict",
			"Both tubes recorded as occluded%[1]s, but %[2]s is also recorded; findings conflict"},
		"occludedConflictNoSite": {sideSubj + " tube findings conflict: %s is recorded with an obstruction of unrecorded site",
			"Both tubes: findings conflict, %s is recorded with an obstruction of unrecorded site"},
		// %[1]s: the size and folds, %[2]s: the occlusion, %[3]s: site not recorded.
		"hydroOccluded":  {sideSubj + " hydrosalpinx%[1]s%[2]s%[3]s", "Bilateral hydrosalpinges%[1]s%[2]s%[3]s"},
		"hydroDistal":    {" with distal occlusion", " with distal occlusion"},
		"hydroProximal":  {" with occlusion%s", " with occlusion%s"},
		"occludedDevice": {sideSubj + " tube occluded at the site of the sterilisation %s", "Bilateral tubal occlusion at the site of the sterilisation %s"},
		"occludedNoSite": {sideSubj + " tube findings incomplete: site of obstruction not recorded%s", "Both tubes: findings incomplete, site of obstruction not recorded%s"},
		"spasm":          {sideSubj + " tube not opacified beyond the cornu; spasm versus proximal occlusion", "Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion"},
		// %[1]s: the site (sitePhrase.one or .both), %[2]s: its adjective.
		"occludedSpasm":    {sideSubj + " tube occluded%[1]s; spasm not excluded", "Bilateral %[2]s occlusion; spasm not excluded"},
		"occluded":         {sideSubj + " tube occluded%[1]s", "Bilateral %[2]s occlusion"},
		"indetPartial":     {sideSubj + " tube partially opacified; patency indeterminate", "Bilateral partial tubal opacification; patency indeterminate"},
		"indetComplete":    {sideSubj + " tube opacified; patency indeterminate", "Bilateral tubal opacification; patency indeterminate"},
		"possibleSpasm":    {", possible tubal spasm", ", possible tubal spasm"},
		"noPatencyNone":    {sideSubj + " tube not opacified; tubal status not recorded", "Neither tube opacified; tubal status not recorded"},
		"noPatencyPartial": {sideSubj + " tube partially opacified; tubal status not recorded", "Bilateral partial tubal opacification; tubal status not recorded"},
		"noPatency":        {sideSubj + " tube status not recorded%s", "Both tubes: status not recorded%s"},
		"conflict":         {sideSubj + " tube findings conflict: %s", "Both tubes: findings conflict, %s"},
		"blank":            {sideSubj + " tube findings not recorded", "Both tubes: findings not recorded"},
		"continued":        {sideSubj + " tube: ", "Both tubes: "},
		"hydroHead":        {sideSubj + " hydrosalpinx", "Bilateral hydrosalpinges"},
	},
	site: map[report.OcclusionSite]sitePhrase{
		report.SiteCornual:   {" at the cornual segment", " at the cornual segment", "cornual"},
		report.SiteIsthmic:   {" at the isthmic segment", " at the isthmic segment", "isthmic"},
		report.SiteAmpullary: {" at the ampullary segment", " at the ampullary segment", "ampullary"},
		report.SiteFimbrial:  {" at the fimbrial segment", " at the fimbrial segment", "fimbrial"},
	},
	device: map[report.SterilizationDevice][2]string{
		report.SterilizationClip:        {"clip", "clips"},
		report.SterilizationRing:        {"ring", "rings"},
		report.SterilizationMicroinsert: {"microinsert", "microinserts"},
		report.SterilizationOther:       {"device", "devices"},
	},
	spill: map[report.Spill]string{
		report.SpillFreePrompt:      "free intraperitoneal spill",
		report.SpillFreeDelayedOnly: "delayed intraperitoneal spill",
		report.SpillLoculated:       "loculated spill",
		report.SpillMinimal:         "minimal spill",
	},
	outcome: map[report.SelectiveSalpingography]string{
		"":                             " — selective salpingography could clarify",
		report.SelectiveRecanalized:    " — recanalised at selective salpingography",
		report.SelectiveNotRecanalized: " — not recanalised at selective salpingography",
	},
	text: map[string]string{
		"and":                " and ",
		"unrecognised":       " (unrecognised value)",
		"unrecognisedValue":  ` (unrecognised value "%s")`,
		"hydro":              "hydrosalpinx",
		"phimosis":           "fimbrial phimosis (partial distal obstruction)",
		"adhesionsSuspected": "peritubal adhesions suspected",
		"opacificationNone":  "opacification recorded as none, in conflict with the spill",
		"siteNotRecorded":    "; site of obstruction not recorded",
		"noSpillDelayed":     "no spill on the delayed image",
		"noSpillBoth":        "; no intraperitoneal spill",
		"spasmNotExcluded":   "spasm not excluded",
		"sin":                "features of salpingitis isthmica nodosa",
		"selectiveDone":      "Selective salpingography performed, with recanalisation.",
		"selectiveFailed":    "Selective salpingography performed, without recanalisation.",

		// What the impression says of a tube whose findings break a rule
		// that forbids stating them ([Rule.Forbids]), by rule ID.
		"conflict.tube-hydrosalpinx-patent":             "hydrosalpinx recorded together with spill from the same tube",
		"conflict.tube-hydrosalpinx-proximal-occlusion": "hydrosalpinx recorded behind a proximal block, which would stop it filling",
		"conflict.tube-partial-distal-occlusion":        "fimbrial phimosis recorded without the loculated or minimal spill it gives",

		"sizeUncalibrated": "size not calibrated",
		"largest":          "largest ",

		"cavityNotOpacified": "Uterine cavity not opacified.",
		"cavityNormal":       "Normal uterine cavity.",
		"cavitySmall":        "Small uterine cavity",
		"cavityEnlarged":     "Enlarged uterine cavity",
		"withIrregular":      " with irregular contour",
		"contourIrregular":   "Irregular uterine cavity contour.",
		"noAnomalyClass":     " (no Müllerian anomaly classified)",
		"outpouching":        "Outpouching of the cavity",
		"adenomyosis":        "Findings%s suggestive of adenomyosis.",
		"diverticula":        "Myometrial diverticula%s, suggestive of adenomyosis.",
		"adhesionsTotal":     "Obliteration of the uterine cavity, consistent with severe intrauterine adhesions",
		"adhesionsReduced":   "Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions",
		"adhesionsIrregular": "Irregular filling defects, consistent with intrauterine adhesions",
		"adhesionSingle":     "Filling defect%s, consistent with an intrauterine adhesion (synechia)",
		"adhesions":          "Filling defects, consistent with intrauterine adhesions",

		"imaging":            " — correlation with 3D ultrasound or MRI recommended",
		"indeterminate":      "Uterine configuration with two horns; septate versus bicornuate cannot be distinguished on HSG (ESHRE/ESGE U2/U3 indeterminate)",
		"tShaped":            "T-shaped cavity",
		"arcuate":            "Arcuate configuration of the fundus",
		"arcuateAFS":         " (AFS 1988 class VI)",
		"normalVariant":      ", considered a normal variant",
		"singleHorn":         "Single-horned (banana-shaped) cavity, suggesting a unicornuate uterus",
		"smallTubular":       "Small tubular uterine cavity",
		"suspected":          "Suspected Müllerian anomaly",
		"withTShaped":        " with a T-shaped cavity",
		"afsClass":           "AFS 1988 class ",
		"singleTube":         " with a single %s tube",
		"contour":            " — external contour not assessable on HSG; correlation with 3D ultrasound or MRI recommended",
		"hysteroLaparoscopy": " — hysteroscopy and laparoscopy could confirm",

		"delayed":         "Delayed image",
		"delayedAt":       " at %s",
		"delayedShows":    " shows ",
		"freeDispersion":  "free dispersion of contrast in the pelvis",
		"loculated":       "persistent loculated contrast adjacent to the %s",
		"adnexaBoth":      "adnexa bilaterally",
		"adnexaRight":     "right adnexa",
		"adnexaLeft":      "left adnexa",
		"adnexa":          "adnexa (side not recorded)",
		"noContrast":      "no intraperitoneal contrast",
		"residualRight":   "residual contrast in the right hydrosalpinx",
		"residualLeft":    "residual contrast in the left hydrosalpinx",
		"residualTubal":   "residual tubal contrast",
		"residualUterine": "residual intrauterine contrast",
		"renal":           "renal excretion of intravasated contrast",

		"vas":             " (VAS %s/10)",
		"noSequelae":      " without clinical sequelae",
		"limiting":        ", limiting interpretation",
		"nonDiagnosticBy": "Non-diagnostic study owing to %s.",
		"nonDiagnostic":   "Non-diagnostic study.",
		"limitedBy":       "Study limited by %s.",
		"limited":         "Study of limited diagnostic quality.",
		"limitedPrefix":   limitedPrefix,
		"nonDiagPrefix":   nonDiagnosticPrefix,
		"normal":          normalText,
	},
	where: map[report.Location]string{
		report.LocFundus:              " in the fundus",
		report.LocBody:                " in the uterine body",
		report.LocLowerUterineSegment: " in the lower uterine segment",
		report.LocLeftCornu:           " in the left cornu",
		report.LocRightCornu:          " in the right cornu",
		report.LocLeftWall:            " in the left lateral wall",
		report.LocRightWall:           " in the right lateral wall",
		report.LocCervicalCanal:       " in the cervical canal",
		report.LocDiffuse:             " throughout the cavity",
	},
	extent: map[report.AdhesionExtent]string{
		report.ExtentLessThanThird:     "less than one third of the cavity",
		report.ExtentOneToTwoThirds:    "one to two thirds of the cavity",
		report.ExtentMoreThanTwoThirds: "more than two thirds of the cavity",
		report.ExtentTotal:             "total obliteration of the cavity",
	},
	nature: map[report.DefectKind][2]string{
		report.DefectPolyp:            {", likely endometrial polyp", ", likely endometrial polyps"},
		report.DefectLeiomyoma:        {", likely submucosal leiomyoma", ", likely submucosal leiomyomas"},
		report.DefectPolypOrLeiomyoma: {", likely polyp or submucosal leiomyoma", ", likely polyps or submucosal leiomyomas"},
		report.DefectClotOrDebris:     {", likely clot or debris", ", likely clot or debris"},
		report.DefectRetainedProducts: {", suggestive of retained products of conception", ", suggestive of retained products of conception"},
		report.DefectIUDOrForeignBody: {", consistent with an intrauterine device or foreign body", ", consistent with intrauterine devices or foreign bodies"},
		report.DefectIndeterminate:    {" of indeterminate nature", " of indeterminate nature"},
	},
	margin: map[report.DefectMargin]string{
		report.MarginSmooth: "smooth", report.MarginIrregular: "irregular", report.MarginLinear: "linear",
	},
	outpouching: map[report.OutpouchingType]string{
		report.OutpouchingNiche:         "Caesarean scar niche",
		report.OutpouchingAdenomyotic:   "Adenomyotic diverticulum",
		report.OutpouchingCongenital:    "Congenital outpouching of the cavity",
		report.OutpouchingIndeterminate: "Outpouching of the cavity",
	},
	shape: map[report.CavityShape]string{
		report.ShapeDeepIndentation: "Deep fundal indentation of the uterine cavity",
		report.ShapeTwoHorns:        "Uterine cavity with two horns or cavities",
		report.ShapeSingleHorn:      "Single-horned (banana-shaped) uterine cavity",
		report.ShapeTShaped:         "T-shaped uterine cavity",
		report.ShapeSmallTubular:    "Small tubular uterine cavity",
		report.ShapeOther:           "Abnormal shape of the uterine cavity",
	},
	canal: map[report.CervicalCanal]string{
		report.CanalStenotic:   "Stenosis of the cervical canal.",
		report.CanalIrregular:  "Irregular cervical canal.",
		report.CanalDilated:    "Dilated cervical canal.",
		report.CanalDuplicated: "Duplicated cervical canal.",
	},
	anomaly: map[anomalyKind]string{
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
	},
	asrm:     asrmText,
	cervical: cervicalText,
	vaginal:  vaginalText,
	certainty: map[report.Certainty]string{
		report.Probable: "Probable ", report.Possible: "Possible ",
	},
	compl: map[report.ComplicationType]string{
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
	},
	complSide: map[report.Side]string{
		report.Left: " on the left", report.Right: " on the right", report.Bilateral: " bilaterally", report.Midline: " in the midline",
	},
	limitation: map[report.Limitation]string{
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
	},
	recText: map[report.RecommendationCode]string{
		report.RecommendAnomalyImaging:          "3D transvaginal ultrasound or MRI to characterise the uterine anomaly",
		report.RecommendSelectiveSalpingography: "Selective salpingography or tubal catheterisation to distinguish spasm from proximal occlusion",
		report.RecommendHysteroscopy:            "Hysteroscopy or sonohysterography to characterise the cavity findings",
		report.RecommendRepeatHSG:               "Repeat HSG",
		report.RecommendLaparoscopy:             "Laparoscopy with chromopertubation to confirm and assess the tubal disease",
		report.RecommendOther:                   "Hysteroscopy and laparoscopy to confirm the uterine anomaly",
	},
	// The sentence for a recommendation no other sentence states; the
	// others are always stated inside a sentence.
	recSentence: map[report.RecommendationCode]string{
		report.RecommendHysteroscopy: "Hysteroscopy or sonohysterography is recommended to characterise the cavity findings.",
		report.RecommendRepeatHSG:    "Repeat HSG may be considered.",
		report.RecommendLaparoscopy:  "Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease.",
	},
}
