package report

import (
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
	"reflect"
	"strings"
)

// enumLabels holds the wording the PDF report prints for each value of
// the enumerations it shows, so a referring clinician reads "Free, prompt"
// rather than "free_prompt". It is filled during package initialisation
// and read only afterwards; a test checks that every value has a label.
var EnumLabels = map[reflect.Type]map[string]string{}

// labels registers the wording of the values of an enumeration.
func labels[E ~string](m map[E]string) struct{} {
	s := make(map[string]string, len(m))
	for k, v := range m {
		s[string(k)] = v
	}
	EnumLabels[reflect.TypeFor[E]()] = s
	return struct{}{}
}

// labelOf returns the printed wording of v: its label, or for a value
// without one (a value written by a newer version) the value with
// underscores turned into spaces.
func LabelOf[E ~string](v E) string {
	if l, ok := EnumLabels[reflect.TypeFor[E]()][string(v)]; ok {
		return l
	}
	return wording.Capitalize(strings.ReplaceAll(string(v), "_", " "))
}

// Label returns the words the PDF report prints for the enumerated value
// v, for example "Free, prompt" for [SpillFreePrompt], so that a form can
// offer the same words. A value without a label (one written by a newer
// version) reads as its code with underscores turned into spaces; the
// empty value reads as "".
func Label[E ~string](v E) string { return LabelOf(v) }

// EnumLabelsRU holds the Russian wording of the same values (see
// ruLabels); a value without one reads as its English label.
var EnumLabelsRU = map[reflect.Type]map[string]string{}

// ruLabels registers the Russian wording of the values of an enumeration.
func ruLabels[E ~string](m map[E]string) struct{} {
	s := make(map[string]string, len(m))
	for k, v := range m {
		s[string(k)] = v
	}
	EnumLabelsRU[reflect.TypeFor[E]()] = s
	return struct{}{}
}

// LabelIn returns the words of the enumerated value v in the report
// language lang ("en", "ru"; see l10n.Lang): the Russian label when lang
// is Russian and there is one, else the English one (LabelOf).
func LabelIn[E ~string](v E, lang string) string {
	if l10n.Lang(lang) == l10n.RU {
		if l, ok := EnumLabelsRU[reflect.TypeFor[E]()][string(v)]; ok {
			return l
		}
	}
	return LabelOf(v)
}

// LabelsIn returns the labels of vs in lang joined by sep.
func LabelsIn[E ~string](vs []E, sep, lang string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = LabelIn(v, lang)
	}
	return strings.Join(out, sep)
}

// labelsOf returns the labels of vs joined by sep.
func LabelsOf[E ~string](vs []E, sep string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = LabelOf(v)
	}
	return strings.Join(out, sep)
}

var _ = []struct{}{
	labels(map[Status]string{
		StatusDraft: "Draft", StatusPreliminary: "Preliminary", StatusFinal: "Final", StatusAmended: "Amended",
	}),
	labels(map[Sex]string{SexFemale: "Female", SexMale: "Male", SexOther: "Other", SexUnknown: "Not recorded"}),
	labels(map[Indication]string{
		IndicationPrimarySubfertility:         "Primary subfertility",
		IndicationSecondarySubfertility:       "Secondary subfertility",
		IndicationRecurrentPregnancyLoss:      "Recurrent pregnancy loss",
		IndicationPreART:                      "Before assisted reproduction (IVF)",
		IndicationPostTubalSurgery:            "After tubal surgery or reversal of sterilisation",
		IndicationSterilizationConfirmation:   "Confirmation of tubal sterilisation",
		IndicationSuspectedUterineAnomaly:     "Suspected uterine anomaly",
		IndicationSuspectedIntrauterineLesion: "Suspected intrauterine pathology",
		IndicationOther:                       "Other",
	}),
	labels(map[PregnancyResult]string{PregnancyNegative: "Negative", PregnancyPositive: "Positive", PregnancyNotDone: "Not done"}),
	labels(map[Specimen]string{SpecimenUrine: "urine", SpecimenSerum: "serum"}),
	labels(map[History]string{
		HistoryPID:           "Pelvic inflammatory disease",
		HistoryEctopic:       "Ectopic pregnancy",
		HistoryCaesarean:     "Caesarean section",
		HistoryDAndC:         "Dilatation and curettage or evacuation",
		HistoryMyomectomy:    "Myomectomy",
		HistoryTubalSurgery:  "Tubal surgery",
		HistoryTubalLigation: "Tubal ligation",
		HistoryEndometriosis: "Endometriosis",
		HistoryTuberculosis:  "Tuberculosis",
		HistoryNone:          "None relevant",
		HistoryOther:         "Other",
	}),
	labels(map[CatheterType]string{
		CatheterBalloon: "Balloon catheter", CatheterRigid: "Rigid cannula",
		CatheterVacuumCup: "Vacuum cup cannula", CatheterOther: "Other catheter",
	}),
	labels(map[BalloonPosition]string{
		BalloonCervicalCanal: "in the cervical canal", BalloonLowerUterineSegment: "in the lower uterine segment",
		BalloonNotApplicable: "not applicable",
	}),
	labels(map[ContrastClass]string{ContrastWaterSoluble: "Water-soluble iodinated", ContrastOilBased: "Oil-based iodinated"}),
	labels(map[ContrastSource]string{ContrastFromManual: "entered manually", ContrastFromDICOM: "from the DICOM Contrast/Bolus module"}),
	labels(map[DoseSource]string{
		DoseFromRDSR: "from RDSR", DoseFromImageHeader: "from image headers",
		DoseFromMPPS: "from MPPS", DoseFromManual: "entered manually",
	}),
	labels(map[ImageKind]string{
		// The same words as the key-image roles (below), in lower case.
		ImageScout: "scout", ImageEarlyFilling: "early uterine filling", ImageFullDistension: "late uterine / early tubal filling",
		ImageTubalFilling: "late tubal filling", ImageSpill: "free spill", ImageOblique: "oblique", ImageDelayed: "delayed image",
	}),
	labels(map[Determination]string{
		DeterminedByTimeOffset: "identified by its time after contrast",
		DeterminedBySeriesHint: "identified from the series description",
		DeterminedManually:     "identified by the radiologist",
	}),
	labels(map[Confidence]string{ConfidenceHigh: "high confidence", ConfidenceMedium: "medium confidence", ConfidenceLow: "low confidence"}),
	labels(map[SelectiveSalpingography]string{
		SelectiveNotPerformed:   "Not performed",
		SelectiveRecanalized:    "Performed; the tube was recanalised",
		SelectiveNotRecanalized: "Performed; the tube was not recanalised",
	}),
	labels(map[Adequacy]string{Adequate: "Adequate", Limited: "Limited", NonDiagnostic: "Non-diagnostic"}),
	labels(map[Limitation]string{
		LimitIncompleteDistension: "Incomplete distension of the cavity",
		LimitCervicalReflux:       "Reflux of contrast through the cervix",
		LimitCatheterDislodged:    "Catheter dislodged",
		LimitBalloonObscures:      "Balloon obscures the lower uterine segment",
		LimitAirBubbles:           "Air bubbles",
		LimitDiscomfortTerminated: "Stopped early because of discomfort",
		LimitTubalSpasm:           "Tubal spasm suspected",
		LimitIntravasation:        "Intravasation obscures the tubes",
		LimitNoDelayedImage:       "No delayed image",
		LimitNoOrientationMarker:  "No orientation marker",
		LimitOther:                "Other",
	}),
	labels(map[CervicalCanal]string{
		CanalNormal: "Normal", CanalStenotic: "Stenotic", CanalIrregular: "Irregular", CanalDilated: "Dilated",
		CanalDuplicated: "Duplicated", CanalNotAssessed: "Not assessed",
	}),
	labels(map[Deviation]string{
		DeviationMidline: "Midline", DeviationLeft: "Deviated to the left", DeviationRight: "Deviated to the right",
		DeviationNotAssessed: "Not assessed",
	}),
	labels(map[UterineSize]string{SizeNormal: "Normal", SizeSmall: "Small", SizeEnlarged: "Enlarged", SizeNotAssessable: "Not assessable"}),
	labels(map[CavityContour]string{ContourSmooth: "Smooth", ContourIrregular: "Irregular", ContourNotAssessable: "Not assessable"}),
	labels(map[CavityShape]string{
		ShapeNormalTriangular:   "Normal (triangular)",
		ShapeShallowIndentation: "Shallow fundal indentation",
		ShapeDeepIndentation:    "Deep fundal indentation",
		ShapeTwoHorns:           "Two horns or cavities",
		ShapeSingleHorn:         "Single horn (banana-shaped)",
		ShapeTShaped:            "T-shaped",
		ShapeSmallTubular:       "Small and tubular",
		ShapeOther:              "Other",
	}),
	labels(map[Location]string{
		LocFundus: "fundus", LocBody: "body", LocLowerUterineSegment: "lower uterine segment",
		LocLeftCornu: "left cornu", LocRightCornu: "right cornu", LocLeftWall: "left wall", LocRightWall: "right wall",
		LocCervicalCanal: "cervical canal", LocDiffuse: "diffuse",
	}),
	labels(map[DefectKind]string{
		DefectPolyp:            "Polyp",
		DefectLeiomyoma:        "Submucosal leiomyoma",
		DefectPolypOrLeiomyoma: "Polyp or submucosal leiomyoma",
		DefectSynechia:         "Synechia (adhesion)",
		DefectAirBubble:        "Air bubble (artefact)",
		DefectClotOrDebris:     "Clot or debris",
		DefectRetainedProducts: "Retained products of conception",
		DefectIUDOrForeignBody: "IUD or foreign body",
		DefectCatheterBalloon:  "Catheter balloon (artefact)",
		DefectIndeterminate:    "Filling defect of indeterminate nature",
	}),
	labels(map[DefectMargin]string{MarginSmooth: "smooth, well defined", MarginIrregular: "irregular, angular", MarginLinear: "linear band"}),
	labels(map[AdhesionExtent]string{
		ExtentLessThanThird: "less than a third of the cavity", ExtentOneToTwoThirds: "one to two thirds of the cavity",
		ExtentMoreThanTwoThirds: "more than two thirds of the cavity", ExtentTotal: "total obliteration of the cavity",
	}),
	labels(map[AdhesionSystem]string{
		AdhesionAFS1988: "AFS 1988", AdhesionESH1989: "ESH 1989", AdhesionMarch1978: "March 1978",
		AdhesionToaffBallas: "Toaff & Ballas", AdhesionValleSciarra: "Valle & Sciarra 1988", AdhesionDonnezNisolle: "Donnez & Nisolle 1994",
	}),
	labels(map[AdenomyosisPattern]string{AdenomyosisDiverticula: "myometrial diverticula and spiculation", AdenomyosisOther: "other pattern"}),
	labels(map[OutpouchingType]string{
		OutpouchingNiche: "Caesarean scar niche", OutpouchingAdenomyotic: "Adenomyotic diverticulum",
		OutpouchingCongenital: "Congenital outpouching", OutpouchingIndeterminate: "Outpouching of indeterminate nature",
	}),
	labels(map[Device]string{DeviceIUD: "Intrauterine device", DeviceSurgicalClips: "Surgical clips", DeviceOther: "Other device"}),
	labels(map[ASRMClass]string{
		ASRMNone:                      "No anomaly",
		ASRMAgenesis:                  "Müllerian agenesis",
		ASRMCervicalAgenesis:          "Cervical agenesis",
		ASRMUnicornuate:               "Unicornuate uterus",
		ASRMDidelphys:                 "Uterus didelphys",
		ASRMBicornuate:                "Bicornuate uterus",
		ASRMSeptate:                   "Septate uterus",
		ASRMLongitudinalVaginalSeptum: "Longitudinal vaginal septum",
		ASRMTransverseVaginalSeptum:   "Transverse vaginal septum",
		ASRMComplex:                   "Complex anomaly",
		ASRMSeptateOrBicornuate:       "Septate or bicornuate uterus (not distinguishable on HSG)",
	}),
	labels(map[ESHREUterine]string{
		U0: "U0, normal uterus", U1a: "U1a, T-shaped", U1b: "U1b, infantile", U1c: "U1c, other dysmorphic uterus",
		U2a: "U2a, partial septate", U2b: "U2b, complete septate",
		U3a: "U3a, partial bicorporeal", U3b: "U3b, complete bicorporeal", U3c: "U3c, bicorporeal septate",
		U4a: "U4a, hemi-uterus with rudimentary cavity", U4b: "U4b, hemi-uterus without rudimentary cavity",
		U5a: "U5a, aplastic uterus with rudimentary cavity", U5b: "U5b, aplastic uterus without rudimentary cavity",
		U6: "U6, unclassified malformation", U2OrU3: "U2 or U3 (not distinguishable on HSG)",
	}),
	labels(map[ESHRECervical]string{
		C0: "C0, normal cervix", C1: "C1, septate cervix", C2: "C2, double normal cervix",
		C3: "C3, unilateral cervical aplasia", C4: "C4, cervical aplasia", CervixNotAssessed: "cervix not assessed",
	}),
	labels(map[ESHREVaginal]string{
		V0: "V0, normal vagina", V1: "V1, longitudinal non-obstructing vaginal septum",
		V2: "V2, longitudinal obstructing vaginal septum", V3: "V3, transverse vaginal septum or imperforate hymen",
		V4: "V4, vaginal aplasia", VaginaNotAssessed: "vagina not assessed",
	}),
	labels(map[AFSClass]string{
		AFSI: "Class I, segmental hypoplasia or agenesis", AFSII: "Class II, unicornuate", AFSIII: "Class III, didelphys",
		AFSIV: "Class IV, bicornuate", AFSV: "Class V, septate", AFSVI: "Class VI, arcuate", AFSVII: "Class VII, DES-related",
	}),
	labels(map[Certainty]string{Definite: "Definite", Probable: "Probable", Possible: "Possible"}),
	labels(map[Confirmation]string{
		Confirm3DUS: "3D transvaginal ultrasound", ConfirmMRI: "MRI",
		ConfirmHysteroLaparoscopy: "Hysteroscopy and laparoscopy", ConfirmNone: "None needed",
	}),
	labels(map[Side]string{Left: "left", Right: "right", Bilateral: "bilateral", Midline: "midline"}),
	labels(map[TubeStatus]string{TubePresent: "Present", TubeSurgicallyAbsent: "Surgically absent", TubeNotAssessed: "Not assessed"}),
	labels(map[Opacification]string{OpacificationComplete: "Complete", OpacificationPartial: "Partial", OpacificationNone: "Not opacified"}),
	labels(map[Patency]string{Patent: "Patent", Occluded: "Occluded", PatencyIndeterminate: "Indeterminate", PatencyNotAssessed: "Not assessed"}),
	labels(map[OcclusionSite]string{
		SiteCornual: "Cornual (interstitial), proximal", SiteIsthmic: "Isthmic, mid-tubal",
		SiteAmpullary: "Ampullary, distal", SiteFimbrial: "Fimbrial, distal",
	}),
	labels(map[OcclusionQualifier]string{
		OcclusionDefinite: "definite", OcclusionSpasmNotExcluded: "spasm not excluded",
		OcclusionAtDevice: "at the sterilisation device",
	}),
	labels(map[Spill]string{
		SpillFreePrompt: "Free, prompt", SpillFreeDelayedOnly: "Free, seen only on the delayed image",
		SpillLoculated: "Loculated", SpillMinimal: "Minimal", SpillNone: "None", SpillNotAssessed: "Not assessed",
	}),
	labels(map[MucosalFolds]string{
		FoldsPreserved: "mucosal folds preserved", FoldsReduced: "mucosal folds reduced",
		FoldsAbsent: "mucosal folds absent", FoldsNotAssessable: "mucosal folds not assessable",
	}),
	labels(map[TubeContour]string{
		TubeSmooth: "Smooth", TubeIrregular: "Irregular", TubeBeaded: "Beaded", TubeRigid: "Rigid",
		TubeConvoluted: "Convoluted", TubeNotAssessable: "Not assessable",
	}),
	labels(map[SterilizationDevice]string{
		SterilizationNone: "None", SterilizationClip: "Clip", SterilizationRing: "Ring",
		SterilizationMicroinsert: "Microinsert", SterilizationOther: "Other device",
	}),
	labels(map[SpillPattern]string{
		PatternFree: "Free dispersion", PatternLoculated: "Loculated", PatternMixed: "Mixed, free and loculated",
		PatternNone: "No intraperitoneal spill", PatternNotAssessed: "Not assessed",
	}),
	labels(map[DelayedFinding]string{
		DelayedFreeDispersion:  "free dispersion outlining bowel loops",
		DelayedLoculation:      "persistent loculation",
		DelayedTubalContrast:   "residual contrast in a tube",
		DelayedUterineContrast: "residual contrast in the cavity",
		DelayedNoContrast:      "no intraperitoneal contrast",
		DelayedRenalExcretion:  "renal excretion after intravasation",
	}),
	labels(map[ComplicationType]string{
		VenousIntravasation:     "Venous intravasation",
		LymphaticIntravasation:  "Lymphatic intravasation",
		MyometrialExtravasation: "Myometrial extravasation",
		UterinePerforation:      "Uterine perforation",
		VasovagalReaction:       "Vasovagal reaction",
		SeverePain:              "Severe pain",
		ContrastReaction:        "Contrast reaction",
		Bleeding:                "Bleeding",
		InfectionReported:       "Infection reported",
		OilEmbolismSuspected:    "Oil embolism suspected",
		ProcedureAbandoned:      "Procedure abandoned",
	}),
	labels(map[HullRutherford]string{
		HRI: "Grade I (minor)", HRII: "Grade II (intermediate)", HRIII: "Grade III (severe)", HRNotApplicable: "Not applicable",
	}),
	labels(map[HullRutherfordBasis]string{HRBasisHSG: "provisional, from HSG", HRBasisLaparoscopy: "from laparoscopy"}),
	labels(map[mark.SpacingSource]string{
		mark.SpacingPixelSpacing:   "calibrated",
		mark.SpacingImager:         "at the detector, not corrected for magnification",
		mark.SpacingImagerOverERMF: "corrected for magnification",
		mark.SpacingUser:           "user calibration",
		mark.SpacingUncalibrated:   "uncalibrated",
	}),
	labels(map[KeyImageRole]string{
		// The one name of each role, in the words of the RCR HSG audit's
		// image checklist: the viewer's checklist, the PDF captions and
		// exported images all print these.
		RoleScout: "Scout", RoleEarlyFilling: "Early uterine filling", RoleFullDistension: "Late uterine / early tubal filling",
		RoleTubalFillingLeft: "Late tubal filling, left", RoleTubalFillingRight: "Late tubal filling, right",
		RoleSpill: "Free spill", RoleOblique: "Oblique", RoleDelayed: "Delayed image", RoleComplication: "Complication",
		RoleFinding: "Finding",
	}),
	labels(map[RecommendationCode]string{
		RecommendAnomalyImaging:          "3D transvaginal ultrasound or MRI to characterise the uterine anomaly",
		RecommendHysteroscopy:            "Hysteroscopy or sonohysterography",
		RecommendLaparoscopy:             "Laparoscopy with chromopertubation",
		RecommendSelectiveSalpingography: "Selective salpingography or tubal catheterisation",
		RecommendRepeatHSG:               "Repeat HSG",
		RecommendClinicalCorrelation:     "Clinical correlation",
		RecommendOther:                   "Other",
	}),
	labels(map[mark.Unit]string{
		mark.UnitGyM2: "Gy·m²", mark.UnitGyCm2: "Gy·cm²", mark.UnitDGyCm2: "dGy·cm²", mark.UnitCGyCm2: "cGy·cm²", mark.UnitMGyCm2: "mGy·cm²",
		mark.UnitMicroGyM2: "µGy·m²", mark.UnitMGy: "mGy", mark.UnitGy: "Gy", mark.UnitSecond: "s", mark.UnitMinute: "min", mark.UnitMM: "mm", mark.UnitML: "mL",
	}),
}
