package report

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio/dose"
)

// Clinical is the clinical background of the examination.
type Clinical struct {
	Indication     []Indication `json:"indication,omitempty"`
	IndicationText string       `json:"indicationText,omitempty"`
	LMPDate        string       `json:"lmpDate,omitempty"` // YYYY-MM-DD
	CycleDay       *int         `json:"cycleDay,omitempty"`
	// LMPUnknownReason says why neither the LMP nor the cycle day is
	// recorded (amenorrhoea, hormonal contraception, not known to the
	// patient …); an addition to the schema.
	LMPUnknownReason string        `json:"lmpUnknownReason,omitempty"`
	PregnancyTest    PregnancyTest `json:"pregnancyTest,omitzero"`
	History          []History     `json:"history,omitempty"`
	// ConsentObtained is nil when not recorded.
	ConsentObtained *bool  `json:"consentObtained,omitempty"`
	Comparison      string `json:"comparison,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Indication is a reason for the examination.
type Indication string

const (
	IndicationPrimarySubfertility         Indication = "primary_subfertility"
	IndicationSecondarySubfertility       Indication = "secondary_subfertility"
	IndicationRecurrentPregnancyLoss      Indication = "recurrent_pregnancy_loss"
	IndicationPreART                      Indication = "pre_art_ivf"
	IndicationPostTubalSurgery            Indication = "post_tubal_surgery_or_reversal"
	IndicationSterilizationConfirmation   Indication = "sterilization_confirmation"
	IndicationSuspectedUterineAnomaly     Indication = "suspected_uterine_anomaly"
	IndicationSuspectedIntrauterineLesion Indication = "suspected_intrauterine_pathology"
	IndicationOther                       Indication = "other"
)

var indications = enum.Register(IndicationPrimarySubfertility, IndicationSecondarySubfertility,
	IndicationRecurrentPregnancyLoss, IndicationPreART, IndicationPostTubalSurgery,
	IndicationSterilizationConfirmation, IndicationSuspectedUterineAnomaly,
	IndicationSuspectedIntrauterineLesion, IndicationOther)

// Valid reports whether i is a defined Indication.
func (i Indication) Valid() bool { return enum.IsValid(i, indications) }

// A PregnancyTest is the pre-procedure pregnancy test.
type PregnancyTest struct {
	Result   PregnancyResult `json:"result,omitempty"`
	Specimen Specimen        `json:"specimen,omitempty"`
	Date     string          `json:"date,omitempty"` // YYYY-MM-DD
}

// PregnancyResult is the result of a pregnancy test.
type PregnancyResult string

const (
	PregnancyNegative PregnancyResult = "negative"
	PregnancyPositive PregnancyResult = "positive"
	PregnancyNotDone  PregnancyResult = "not_done"
)

var pregnancyResults = enum.Register(PregnancyNegative, PregnancyPositive, PregnancyNotDone)

// Valid reports whether p is a defined PregnancyResult.
func (p PregnancyResult) Valid() bool { return enum.IsValid(p, pregnancyResults) }

// Specimen is what a pregnancy test was done on.
type Specimen string

const (
	SpecimenUrine Specimen = "urine"
	SpecimenSerum Specimen = "serum"
)

var specimens = enum.Register(SpecimenUrine, SpecimenSerum)

// Valid reports whether s is a defined Specimen.
func (s Specimen) Valid() bool { return enum.IsValid(s, specimens) }

// History is an item of relevant history.
type History string

const (
	HistoryPID           History = "pid"
	HistoryEctopic       History = "ectopic_pregnancy"
	HistoryCaesarean     History = "caesarean_section"
	HistoryDAndC         History = "d_and_c_or_evacuation"
	HistoryMyomectomy    History = "myomectomy"
	HistoryTubalSurgery  History = "tubal_surgery"
	HistoryTubalLigation History = "tubal_ligation"
	HistoryEndometriosis History = "endometriosis"
	HistoryTuberculosis  History = "tuberculosis"
	HistoryNone          History = "none"
	HistoryOther         History = "other"
)

var histories = enum.Register(HistoryPID, HistoryEctopic, HistoryCaesarean, HistoryDAndC,
	HistoryMyomectomy, HistoryTubalSurgery, HistoryTubalLigation, HistoryEndometriosis,
	HistoryTuberculosis, HistoryNone, HistoryOther)

// Valid reports whether h is a defined History.
func (h History) Valid() bool { return enum.IsValid(h, histories) }

// Technique records how the examination was done.
type Technique struct {
	Catheter              Catheter     `json:"catheter,omitzero"`
	TenaculumUsed         *bool        `json:"tenaculumUsed,omitempty"`
	Contrast              Contrast     `json:"contrast,omitzero"`
	Medications           []string     `json:"medications,omitempty"`
	AntibioticProphylaxis string       `json:"antibioticProphylaxis,omitempty"`
	FluoroscopyTimeS      *float64     `json:"fluoroscopyTimeS,omitempty"`
	SpotImageCount        *int         `json:"spotImageCount,omitempty"`
	CineRunCount          *int         `json:"cineRunCount,omitempty"`
	Dose                  Dose         `json:"dose,omitzero"`
	ImagesObtained        []ImageKind  `json:"imagesObtained,omitempty"`
	DelayedImage          DelayedImage `json:"delayedImage,omitzero"`
	// SelectiveSalpingography says whether selective tubal catheterisation
	// was done and whether it recanalised the tube.
	SelectiveSalpingography SelectiveSalpingography `json:"selectiveSalpingography,omitempty"`
	Adequacy                Adequacy                `json:"adequacy,omitempty"`
	Limitations             []Limitation            `json:"limitations,omitempty"`
	TechniqueText           string                  `json:"techniqueText,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Catheter describes the cannula or catheter used.
type Catheter struct {
	Type                     CatheterType    `json:"type,omitempty"`
	SizeFr                   *float64        `json:"sizeFr,omitempty"`
	BalloonPosition          BalloonPosition `json:"balloonPosition,omitempty"`
	BalloonVolumeML          *float64        `json:"balloonVolumeMl,omitempty"`
	BalloonFreeImageObtained *bool           `json:"balloonFreeImageObtained,omitempty"`
}

// CatheterType is the kind of cannula or catheter.
type CatheterType string

const (
	CatheterBalloon   CatheterType = "balloon_catheter"
	CatheterRigid     CatheterType = "rigid_cannula"
	CatheterVacuumCup CatheterType = "vacuum_cup_cannula"
	CatheterOther     CatheterType = "other"
)

var catheterTypes = enum.Register(CatheterBalloon, CatheterRigid, CatheterVacuumCup, CatheterOther)

// Valid reports whether c is a defined CatheterType.
func (c CatheterType) Valid() bool { return enum.IsValid(c, catheterTypes) }

// BalloonPosition is where the catheter balloon was inflated.
type BalloonPosition string

const (
	BalloonCervicalCanal       BalloonPosition = "cervical_canal"
	BalloonLowerUterineSegment BalloonPosition = "lower_uterine_segment"
	BalloonNotApplicable       BalloonPosition = "not_applicable"
)

var balloonPositions = enum.Register(BalloonCervicalCanal, BalloonLowerUterineSegment, BalloonNotApplicable)

// Valid reports whether b is a defined BalloonPosition.
func (b BalloonPosition) Valid() bool { return enum.IsValid(b, balloonPositions) }

// Contrast describes the contrast medium.
type Contrast struct {
	Class                 ContrastClass  `json:"class,omitempty"`
	Agent                 *Code          `json:"agent,omitempty"`
	ProductName           string         `json:"productName,omitempty"`
	ConcentrationMgIPerML *float64       `json:"concentrationMgIPerMl,omitempty"`
	VolumeML              *float64       `json:"volumeMl,omitempty"`
	Warmed                *bool          `json:"warmed,omitempty"`
	Source                ContrastSource `json:"source,omitempty"`
}

// ContrastClass is the class of contrast medium.
type ContrastClass string

const (
	ContrastWaterSoluble ContrastClass = "water_soluble_iodinated"
	ContrastOilBased     ContrastClass = "oil_based_iodinated"
)

var contrastClasses = enum.Register(ContrastWaterSoluble, ContrastOilBased)

// Valid reports whether c is a defined ContrastClass.
func (c ContrastClass) Valid() bool { return enum.IsValid(c, contrastClasses) }

// ContrastSource is where the contrast details came from.
type ContrastSource string

const (
	ContrastFromManual ContrastSource = "manual"
	ContrastFromDICOM  ContrastSource = "dicom_contrast_bolus_module"
)

var contrastSources = enum.Register(ContrastFromManual, ContrastFromDICOM)

// Valid reports whether s is a defined ContrastSource.
func (s ContrastSource) Valid() bool { return enum.IsValid(s, contrastSources) }

// Dose holds the radiation dose indicators.
type Dose struct {
	// DAPTotal is the dose-area product with the unit it was read in.
	DAPTotal *Quantity `json:"dapTotal,omitempty"`
	// DAPTotalGyCm2 is DAPTotal converted to Gy·cm².
	DAPTotalGyCm2       *float64   `json:"dapTotalGyCm2,omitempty"`
	AirKermaRefPointMGy *float64   `json:"airKermaRefPointMGy,omitempty"`
	Source              DoseSource `json:"source,omitempty"`
	// Method says how DAPTotal was derived from its source, e.g. "Dose
	// Area Product Total" or "sum of 7 irradiation events" (an addition
	// to the schema).
	Method string `json:"method,omitempty"`

	// The members below are additions to the schema (issue 14): the
	// effective-dose estimate and the reference-level comparison made by
	// package dicomio/dose when the dose was prefilled.

	// EffectiveDoseMSv is the effective-dose estimate in mSv.
	EffectiveDoseMSv *float64 `json:"effectiveDoseMSv,omitempty"`
	// EffectiveDoseMethod is how it was estimated: "per_event_cu" (Σ
	// DAP × E/KAP by each event's copper filtration) or
	// "single_coefficient" (total DAP × one coefficient).
	EffectiveDoseMethod string `json:"effectiveDoseMethod,omitempty"`
	// EffectiveDoseBasis holds what the method text needs.
	EffectiveDoseBasis *EffectiveDoseBasis `json:"effectiveDoseBasis,omitempty"`
	// DRL are the reference levels compared and the figures above them.
	DRL *DoseDRL `json:"drl,omitempty"`
}

// EffectiveDoseBasis records the coefficients of an effective-dose
// estimate.
type EffectiveDoseBasis struct {
	// SingleCoefficient (mSv per Gy·cm²) was applied to the total DAP, or
	// to EventsWithoutCu events whose filtration was not recorded.
	SingleCoefficient *float64 `json:"singleCoefficientMSvPerGyCm2,omitempty"`
	EventsWithoutCu   int      `json:"eventsWithoutCu,omitempty"`
	// Events is the number of irradiation events summed (per_event_cu).
	Events int `json:"events,omitempty"`
	// LowerBound is true when the DAP converted is a lower bound.
	LowerBound bool `json:"lowerBound,omitempty"`
	// Source names the coefficients' origin.
	Source string `json:"source,omitempty"`
	// CuCoefficients is the copper-filtration table applied.
	CuCoefficients []dose.CuCoefficient `json:"cuCoefficients,omitempty"`
}

// DoseDRL are the diagnostic reference levels a dose was compared with.
type DoseDRL struct {
	DAPGyCm2    *float64 `json:"dapGyCm2,omitempty"`
	FluoroTimeS *float64 `json:"fluoroTimeS,omitempty"`
	AirKermaMGy *float64 `json:"airKermaMGy,omitempty"`
	Source      string   `json:"source,omitempty"`
	// Exceeded lists the figures above their level: "dapGyCm2",
	// "fluoroTimeS", "airKermaMGy".
	Exceeded []string `json:"exceeded,omitempty"`
}

// DoseSource is where dose values came from.
type DoseSource string

const (
	DoseFromRDSR        DoseSource = "rdsr"
	DoseFromImageHeader DoseSource = "image_header"
	DoseFromMPPS        DoseSource = "mpps"
	DoseFromManual      DoseSource = "manual"
)

var doseSources = enum.Register(DoseFromRDSR, DoseFromImageHeader, DoseFromMPPS, DoseFromManual)

// Valid reports whether s is a defined DoseSource.
func (s DoseSource) Valid() bool { return enum.IsValid(s, doseSources) }

// A Quantity is a value with its unit.
type Quantity struct {
	// Value is required; it is a pointer so a missing value is not read as 0.
	Value *float64  `json:"value"`
	Unit  mark.Unit `json:"unit"`
}

// gyCm2 gives the factor converting a dose-area product in each unit to Gy·cm²
// (1 Gy·m² = 10⁴ Gy·cm²; 1 µGy·m² = 0.01 Gy·cm²).
var GyCm2 = map[mark.Unit]float64{
	mark.UnitGyM2:      1e4,
	mark.UnitGyCm2:     1,
	mark.UnitDGyCm2:    0.1,
	mark.UnitCGyCm2:    0.01,
	mark.UnitMGyCm2:    0.001,
	mark.UnitMicroGyM2: 0.01,
}

// GyCm2 returns q converted to Gy·cm². ok is false if q has no value or
// is not a dose-area product.
func (q Quantity) GyCm2() (v float64, ok bool) {
	f, ok := GyCm2[q.Unit]
	if !ok || q.Value == nil {
		return 0, false
	}
	return *q.Value * f, true
}

// ImageKind is a kind of image obtained during the examination.
type ImageKind string

const (
	ImageScout          ImageKind = "scout"
	ImageEarlyFilling   ImageKind = "early_filling"
	ImageFullDistension ImageKind = "full_distension"
	ImageTubalFilling   ImageKind = "tubal_filling"
	ImageSpill          ImageKind = "spill"
	ImageOblique        ImageKind = "oblique"
	ImageDelayed        ImageKind = "delayed"
)

var imageKinds = enum.Register(ImageScout, ImageEarlyFilling, ImageFullDistension,
	ImageTubalFilling, ImageSpill, ImageOblique, ImageDelayed)

// Valid reports whether k is a defined ImageKind.
func (k ImageKind) Valid() bool { return enum.IsValid(k, imageKinds) }

// DelayedImage describes the delayed (post-drainage) image.
type DelayedImage struct {
	// Obtained is nil when not recorded. Only a delayed image that was
	// obtained may be cited in the impression.
	Obtained              *bool          `json:"obtained,omitempty"`
	MinutesAfterContrast  *float64       `json:"minutesAfterContrast,omitempty"`
	CatheterRemovedBefore *bool          `json:"catheterRemovedBefore,omitempty"`
	Determination         Determination  `json:"determination,omitempty"`
	Confidence            Confidence     `json:"confidence,omitempty"`
	Image                 *mark.ImageRef `json:"image,omitempty"`
}

// IsObtained reports whether a delayed image is recorded as obtained.
func (d DelayedImage) IsObtained() bool { return d.Obtained != nil && *d.Obtained }

// Determination is how the delayed image was identified.
type Determination string

const (
	DeterminedByTimeOffset Determination = "auto_time_offset"
	DeterminedBySeriesHint Determination = "series_hint"
	DeterminedManually     Determination = "manual"
)

var determinations = enum.Register(DeterminedByTimeOffset, DeterminedBySeriesHint, DeterminedManually)

// Valid reports whether d is a defined Determination.
func (d Determination) Valid() bool { return enum.IsValid(d, determinations) }

// Confidence is how sure an automatic determination is.
type Confidence string

const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

var confidences = enum.Register(ConfidenceHigh, ConfidenceMedium, ConfidenceLow)

// Valid reports whether c is a defined Confidence.
func (c Confidence) Valid() bool { return enum.IsValid(c, confidences) }

// SelectiveSalpingography records selective tubal catheterisation.
type SelectiveSalpingography string

const (
	SelectiveNotPerformed   SelectiveSalpingography = "not_performed"
	SelectiveRecanalized    SelectiveSalpingography = "performed_recanalized"
	SelectiveNotRecanalized SelectiveSalpingography = "performed_not_recanalized"
)

var selectiveSalpingographies = enum.Register(SelectiveNotPerformed, SelectiveRecanalized, SelectiveNotRecanalized)

// Valid reports whether s is a defined SelectiveSalpingography.
func (s SelectiveSalpingography) Valid() bool { return enum.IsValid(s, selectiveSalpingographies) }

// Adequacy is the overall diagnostic quality of the study.
type Adequacy string

const (
	Adequate      Adequacy = "adequate"
	Limited       Adequacy = "limited"
	NonDiagnostic Adequacy = "non_diagnostic"
)

var adequacies = enum.Register(Adequate, Limited, NonDiagnostic)

// Valid reports whether a is a defined Adequacy.
func (a Adequacy) Valid() bool { return enum.IsValid(a, adequacies) }

// Limitation is a technical limitation of the study.
type Limitation string

const (
	LimitIncompleteDistension Limitation = "incomplete_cavity_distension"
	LimitCervicalReflux       Limitation = "cervical_reflux"
	LimitCatheterDislodged    Limitation = "catheter_dislodged"
	LimitBalloonObscures      Limitation = "balloon_obscures_lower_segment"
	LimitAirBubbles           Limitation = "air_bubbles"
	LimitDiscomfortTerminated Limitation = "patient_discomfort_terminated"
	LimitTubalSpasm           Limitation = "tubal_spasm_suspected"
	LimitIntravasation        Limitation = "intravasation_obscures"
	LimitNoDelayedImage       Limitation = "no_delayed_image"
	LimitNoOrientationMarker  Limitation = "no_orientation_marker"
	LimitOther                Limitation = "other"
)

var limitations = enum.Register(LimitIncompleteDistension, LimitCervicalReflux, LimitCatheterDislodged,
	LimitBalloonObscures, LimitAirBubbles, LimitDiscomfortTerminated, LimitTubalSpasm,
	LimitIntravasation, LimitNoDelayedImage, LimitNoOrientationMarker, LimitOther)

// Valid reports whether l is a defined Limitation.
func (l Limitation) Valid() bool { return enum.IsValid(l, limitations) }
