package report

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
)

// Cervix describes the cervical canal.
type Cervix struct {
	Canal CervicalCanal `json:"canal,omitempty"`
	Text  string        `json:"text,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// CervicalCanal is the appearance of the cervical canal.
type CervicalCanal string

const (
	CanalNormal      CervicalCanal = "normal"
	CanalStenotic    CervicalCanal = "stenotic"
	CanalIrregular   CervicalCanal = "irregular"
	CanalDilated     CervicalCanal = "dilated"
	CanalDuplicated  CervicalCanal = "duplicated"
	CanalNotAssessed CervicalCanal = "not_assessed"
)

var cervicalCanals = enum.Register(CanalNormal, CanalStenotic, CanalIrregular, CanalDilated,
	CanalDuplicated, CanalNotAssessed)

// Valid reports whether c is a defined CervicalCanal.
func (c CervicalCanal) Valid() bool { return enum.IsValid(c, cervicalCanals) }

// Uterus holds the findings of the uterine cavity.
type Uterus struct {
	// CavityOpacified is required by the schema; nil means not yet recorded.
	CavityOpacified             *bool           `json:"cavityOpacified,omitempty"`
	Deviation                   Deviation       `json:"deviation,omitempty"`
	Size                        UterineSize     `json:"size,omitempty"`
	Contour                     CavityContour   `json:"contour,omitempty"`
	Shape                       CavityShape     `json:"shape,omitempty"`
	InternalIndentationDepthMM  *float64        `json:"internalIndentationDepthMm,omitempty"`
	InternalIndentationAngleDeg *float64        `json:"internalIndentationAngleDeg,omitempty"`
	IntercornualAngleDeg        *float64        `json:"intercornualAngleDeg,omitempty"`
	FillingDefects              []FillingDefect `json:"fillingDefects,omitempty"`
	IntrauterineAdhesions       Adhesions       `json:"intrauterineAdhesions,omitzero"`
	AdenomyosisSigns            Adenomyosis     `json:"adenomyosisSigns,omitzero"`
	Outpouchings                []Outpouching   `json:"outpouchings,omitempty"`
	MullerianAnomaly            Anomaly         `json:"mullerianAnomaly,omitzero"`
	Devices                     []Device        `json:"devices,omitempty"`
	Text                        string          `json:"text,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Deviation is the position of the uterus.
type Deviation string

const (
	DeviationMidline     Deviation = "midline"
	DeviationLeft        Deviation = "deviated_left"
	DeviationRight       Deviation = "deviated_right"
	DeviationNotAssessed Deviation = "not_assessed"
)

var deviations = enum.Register(DeviationMidline, DeviationLeft, DeviationRight, DeviationNotAssessed)

// Valid reports whether d is a defined Deviation.
func (d Deviation) Valid() bool { return enum.IsValid(d, deviations) }

// UterineSize is the size of the cavity.
type UterineSize string

const (
	SizeNormal        UterineSize = "normal"
	SizeSmall         UterineSize = "small"
	SizeEnlarged      UterineSize = "enlarged"
	SizeNotAssessable UterineSize = "not_assessable"
)

var uterineSizes = enum.Register(SizeNormal, SizeSmall, SizeEnlarged, SizeNotAssessable)

// Valid reports whether s is a defined UterineSize.
func (s UterineSize) Valid() bool { return enum.IsValid(s, uterineSizes) }

// CavityContour is the outline of the cavity.
type CavityContour string

const (
	ContourSmooth        CavityContour = "smooth"
	ContourIrregular     CavityContour = "irregular"
	ContourNotAssessable CavityContour = "not_assessable"
)

var cavityContours = enum.Register(ContourSmooth, ContourIrregular, ContourNotAssessable)

// Valid reports whether c is a defined CavityContour.
func (c CavityContour) Valid() bool { return enum.IsValid(c, cavityContours) }

// CavityShape is the shape of the opacified cavity.
type CavityShape string

const (
	ShapeNormalTriangular   CavityShape = "normal_triangular"
	ShapeShallowIndentation CavityShape = "fundal_indentation_shallow"
	ShapeDeepIndentation    CavityShape = "fundal_indentation_deep"
	ShapeTwoHorns           CavityShape = "two_horns_or_cavities"
	ShapeSingleHorn         CavityShape = "single_horn_banana"
	ShapeTShaped            CavityShape = "t_shaped"
	ShapeSmallTubular       CavityShape = "small_tubular"
	ShapeOther              CavityShape = "other"
)

var cavityShapes = enum.Register(ShapeNormalTriangular, ShapeShallowIndentation, ShapeDeepIndentation,
	ShapeTwoHorns, ShapeSingleHorn, ShapeTShaped, ShapeSmallTubular, ShapeOther)

// Valid reports whether s is a defined CavityShape.
func (s CavityShape) Valid() bool { return enum.IsValid(s, cavityShapes) }

// Location is a location in the uterus.
type Location string

const (
	LocFundus              Location = "fundus"
	LocBody                Location = "body"
	LocLowerUterineSegment Location = "lower_uterine_segment"
	LocLeftCornu           Location = "left_cornu"
	LocRightCornu          Location = "right_cornu"
	LocLeftWall            Location = "left_wall"
	LocRightWall           Location = "right_wall"
	LocCervicalCanal       Location = "cervical_canal"
	LocDiffuse             Location = "diffuse"
)

var locations = enum.Register(LocFundus, LocBody, LocLowerUterineSegment, LocLeftCornu,
	LocRightCornu, LocLeftWall, LocRightWall, LocCervicalCanal, LocDiffuse)

// Valid reports whether l is a defined Location.
func (l Location) Valid() bool { return enum.IsValid(l, locations) }

// A FillingDefect is a defect in the opacified cavity.
type FillingDefect struct {
	ID                string          `json:"id,omitempty"`
	Kind              DefectKind      `json:"kind"`
	Count             *int            `json:"count,omitempty"`
	Location          Location        `json:"location,omitempty"`
	Margin            DefectMargin    `json:"margin,omitempty"`
	SizeMM            *float64        `json:"sizeMm,omitempty"`
	MobileOrTransient *bool           `json:"mobileOrTransient,omitempty"`
	Evidence          []mark.ImageRef `json:"evidence,omitempty"`
	AnnotationIDs     []string        `json:"annotationIds,omitempty"`
}

// DefectKind is the likely nature of a filling defect.
type DefectKind string

const (
	DefectPolyp            DefectKind = "polyp"
	DefectLeiomyoma        DefectKind = "submucosal_leiomyoma"
	DefectPolypOrLeiomyoma DefectKind = "polyp_or_leiomyoma"
	DefectSynechia         DefectKind = "synechia"
	DefectAirBubble        DefectKind = "air_bubble"
	DefectClotOrDebris     DefectKind = "clot_or_debris"
	DefectRetainedProducts DefectKind = "retained_products"
	DefectIUDOrForeignBody DefectKind = "iud_or_foreign_body"
	DefectCatheterBalloon  DefectKind = "catheter_balloon"
	DefectIndeterminate    DefectKind = "indeterminate"
)

var defectKinds = enum.Register(DefectPolyp, DefectLeiomyoma, DefectPolypOrLeiomyoma, DefectSynechia,
	DefectAirBubble, DefectClotOrDebris, DefectRetainedProducts, DefectIUDOrForeignBody,
	DefectCatheterBalloon, DefectIndeterminate)

// Valid reports whether k is a defined DefectKind.
func (k DefectKind) Valid() bool { return enum.IsValid(k, defectKinds) }

// Artefact reports whether k is a technical artefact (air bubble, catheter
// balloon) rather than a finding.
func (k DefectKind) Artefact() bool { return k == DefectAirBubble || k == DefectCatheterBalloon }

// DefectMargin is the outline of a filling defect.
type DefectMargin string

const (
	MarginSmooth    DefectMargin = "smooth_well_defined"
	MarginIrregular DefectMargin = "irregular_angular"
	MarginLinear    DefectMargin = "linear_band"
)

var defectMargins = enum.Register(MarginSmooth, MarginIrregular, MarginLinear)

// Valid reports whether m is a defined DefectMargin.
func (m DefectMargin) Valid() bool { return enum.IsValid(m, defectMargins) }

// Adhesions describes intrauterine adhesions.
type Adhesions struct {
	Present        *bool                  `json:"present,omitempty"`
	Extent         AdhesionExtent         `json:"extent,omitempty"`
	Classification AdhesionClassification `json:"classification,omitzero"`
}

// AdhesionExtent is how much of the cavity adhesions involve.
type AdhesionExtent string

const (
	ExtentLessThanThird     AdhesionExtent = "lt_one_third"
	ExtentOneToTwoThirds    AdhesionExtent = "one_to_two_thirds"
	ExtentMoreThanTwoThirds AdhesionExtent = "gt_two_thirds"
	ExtentTotal             AdhesionExtent = "total_obliteration"
)

var adhesionExtents = enum.Register(ExtentLessThanThird, ExtentOneToTwoThirds, ExtentMoreThanTwoThirds, ExtentTotal)

// Valid reports whether e is a defined AdhesionExtent.
func (e AdhesionExtent) Valid() bool { return enum.IsValid(e, adhesionExtents) }

// AdhesionClassification is a graded intrauterine adhesion classification.
type AdhesionClassification struct {
	System AdhesionSystem `json:"system,omitempty"`
	Grade  string         `json:"grade,omitempty"`
}

// AdhesionSystem is an intrauterine adhesion classification system.
type AdhesionSystem string

const (
	AdhesionAFS1988       AdhesionSystem = "AFS1988"
	AdhesionESH1989       AdhesionSystem = "ESH1989"
	AdhesionMarch1978     AdhesionSystem = "March1978"
	AdhesionToaffBallas   AdhesionSystem = "ToaffBallas"
	AdhesionValleSciarra  AdhesionSystem = "ValleSciarra1988"
	AdhesionDonnezNisolle AdhesionSystem = "DonnezNisolle1994"
)

var adhesionSystems = enum.Register(AdhesionAFS1988, AdhesionESH1989, AdhesionMarch1978,
	AdhesionToaffBallas, AdhesionValleSciarra, AdhesionDonnezNisolle)

// Valid reports whether s is a defined AdhesionSystem.
func (s AdhesionSystem) Valid() bool { return enum.IsValid(s, adhesionSystems) }

// Adenomyosis records HSG signs of adenomyosis.
type Adenomyosis struct {
	Present  *bool              `json:"present,omitempty"`
	Pattern  AdenomyosisPattern `json:"pattern,omitempty"`
	Location Location           `json:"location,omitempty"`
}

// AdenomyosisPattern is the HSG pattern of adenomyosis.
type AdenomyosisPattern string

const (
	AdenomyosisDiverticula AdenomyosisPattern = "myometrial_diverticula_spiculation"
	AdenomyosisOther       AdenomyosisPattern = "other"
)

var adenomyosisPatterns = enum.Register(AdenomyosisDiverticula, AdenomyosisOther)

// Valid reports whether p is a defined AdenomyosisPattern.
func (p AdenomyosisPattern) Valid() bool { return enum.IsValid(p, adenomyosisPatterns) }

// An Outpouching is a diverticulum or niche of the cavity.
type Outpouching struct {
	Type     OutpouchingType `json:"type,omitempty"`
	Location Location        `json:"location,omitempty"`
	SizeMM   *float64        `json:"sizeMm,omitempty"`
}

// OutpouchingType is the nature of an outpouching.
type OutpouchingType string

const (
	OutpouchingNiche         OutpouchingType = "caesarean_scar_niche"
	OutpouchingAdenomyotic   OutpouchingType = "adenomyotic_diverticulum"
	OutpouchingCongenital    OutpouchingType = "congenital"
	OutpouchingIndeterminate OutpouchingType = "indeterminate"
)

var outpouchingTypes = enum.Register(OutpouchingNiche, OutpouchingAdenomyotic, OutpouchingCongenital,
	OutpouchingIndeterminate)

// Valid reports whether t is a defined OutpouchingType.
func (t OutpouchingType) Valid() bool { return enum.IsValid(t, outpouchingTypes) }

// Device is a device seen in the uterus.
type Device string

const (
	DeviceIUD           Device = "iud"
	DeviceSurgicalClips Device = "surgical_clips"
	DeviceOther         Device = "other"
)

var devices = enum.Register(DeviceIUD, DeviceSurgicalClips, DeviceOther)

// Valid reports whether d is a defined Device.
func (d Device) Valid() bool { return enum.IsValid(d, devices) }

// Anomaly classifies a Müllerian anomaly (schema: mullerianAnomaly).
type Anomaly struct {
	Suspected     *bool         `json:"suspected,omitempty"`
	ASRM          ASRMClass     `json:"asrmMac2021,omitempty"`
	ASRMDetail    string        `json:"asrmDetail,omitempty"`
	ESHREUterine  ESHREUterine  `json:"eshreEsgeUterine,omitempty"`
	ESHRECervical ESHRECervical `json:"eshreEsgeCervical,omitempty"`
	ESHREVaginal  ESHREVaginal  `json:"eshreEsgeVaginal,omitempty"`
	AFS           AFSClass      `json:"afs1988Class,omitempty"`
	Certainty     Certainty     `json:"certainty,omitempty"`
	// ExternalContourAssessable defaults to false (the schema default):
	// HSG does not show the outer fundal contour.
	ExternalContourAssessable *bool        `json:"externalContourAssessable,omitempty"`
	ConfirmationRecommended   Confirmation `json:"confirmationRecommended,omitempty"`
	// Side is the side of the single horn of a unicornuate uterus (an
	// addition to the schema).
	Side Side `json:"side,omitempty"`
}

// ASRMClass is an ASRM Müllerian Anomalies Classification 2021 category,
// plus the HSG-specific septate-or-bicornuate-indeterminate.
type ASRMClass string

const (
	ASRMNone                      ASRMClass = "none"
	ASRMAgenesis                  ASRMClass = "mullerian_agenesis"
	ASRMCervicalAgenesis          ASRMClass = "cervical_agenesis"
	ASRMUnicornuate               ASRMClass = "unicornuate_uterus"
	ASRMDidelphys                 ASRMClass = "uterus_didelphys"
	ASRMBicornuate                ASRMClass = "bicornuate_uterus"
	ASRMSeptate                   ASRMClass = "septate_uterus"
	ASRMLongitudinalVaginalSeptum ASRMClass = "longitudinal_vaginal_septum"
	ASRMTransverseVaginalSeptum   ASRMClass = "transverse_vaginal_septum"
	ASRMComplex                   ASRMClass = "complex_anomaly"
	ASRMSeptateOrBicornuate       ASRMClass = "septate_or_bicornuate_indeterminate"
)

var asrmClasses = enum.Register(ASRMNone, ASRMAgenesis, ASRMCervicalAgenesis, ASRMUnicornuate,
	ASRMDidelphys, ASRMBicornuate, ASRMSeptate, ASRMLongitudinalVaginalSeptum,
	ASRMTransverseVaginalSeptum, ASRMComplex, ASRMSeptateOrBicornuate)

// Valid reports whether c is a defined ASRMClass.
func (c ASRMClass) Valid() bool { return enum.IsValid(c, asrmClasses) }

// ESHREUterine is an ESHRE/ESGE 2013 uterine class.
type ESHREUterine string

const (
	U0     ESHREUterine = "U0"
	U1a    ESHREUterine = "U1a"
	U1b    ESHREUterine = "U1b"
	U1c    ESHREUterine = "U1c"
	U2a    ESHREUterine = "U2a"
	U2b    ESHREUterine = "U2b"
	U3a    ESHREUterine = "U3a"
	U3b    ESHREUterine = "U3b"
	U3c    ESHREUterine = "U3c"
	U4a    ESHREUterine = "U4a"
	U4b    ESHREUterine = "U4b"
	U5a    ESHREUterine = "U5a"
	U5b    ESHREUterine = "U5b"
	U6     ESHREUterine = "U6"
	U2OrU3 ESHREUterine = "U2_or_U3_indeterminate"
)

var eshreUterines = enum.Register(U0, U1a, U1b, U1c, U2a, U2b, U3a, U3b, U3c, U4a, U4b, U5a, U5b, U6, U2OrU3)

// Valid reports whether c is a defined ESHREUterine.
func (c ESHREUterine) Valid() bool { return enum.IsValid(c, eshreUterines) }

// ESHRECervical is an ESHRE/ESGE 2013 cervical class.
type ESHRECervical string

const (
	C0                ESHRECervical = "C0"
	C1                ESHRECervical = "C1"
	C2                ESHRECervical = "C2"
	C3                ESHRECervical = "C3"
	C4                ESHRECervical = "C4"
	CervixNotAssessed ESHRECervical = "not_assessed"
)

var eshreCervicals = enum.Register(C0, C1, C2, C3, C4, CervixNotAssessed)

// Valid reports whether c is a defined ESHRECervical.
func (c ESHRECervical) Valid() bool { return enum.IsValid(c, eshreCervicals) }

// ESHREVaginal is an ESHRE/ESGE 2013 vaginal class.
type ESHREVaginal string

const (
	V0                ESHREVaginal = "V0"
	V1                ESHREVaginal = "V1"
	V2                ESHREVaginal = "V2"
	V3                ESHREVaginal = "V3"
	V4                ESHREVaginal = "V4"
	VaginaNotAssessed ESHREVaginal = "not_assessed"
)

var eshreVaginals = enum.Register(V0, V1, V2, V3, V4, VaginaNotAssessed)

// Valid reports whether c is a defined ESHREVaginal.
func (c ESHREVaginal) Valid() bool { return enum.IsValid(c, eshreVaginals) }

// AFSClass is a legacy AFS 1988 Müllerian anomaly class (I–VII).
type AFSClass string

const (
	AFSI   AFSClass = "I"   // segmental hypoplasia or agenesis
	AFSII  AFSClass = "II"  // unicornuate
	AFSIII AFSClass = "III" // didelphys
	AFSIV  AFSClass = "IV"  // bicornuate
	AFSV   AFSClass = "V"   // septate
	AFSVI  AFSClass = "VI"  // arcuate
	AFSVII AFSClass = "VII" // DES-related
)

var afsClasses = enum.Register(AFSI, AFSII, AFSIII, AFSIV, AFSV, AFSVI, AFSVII)

// Valid reports whether c is a defined AFSClass.
func (c AFSClass) Valid() bool { return enum.IsValid(c, afsClasses) }

// Certainty is how certain a finding is.
type Certainty string

const (
	Definite Certainty = "definite"
	Probable Certainty = "probable"
	Possible Certainty = "possible"
)

var certainties = enum.Register(Definite, Probable, Possible)

// Valid reports whether c is a defined Certainty.
func (c Certainty) Valid() bool { return enum.IsValid(c, certainties) }

// Confirmation is the examination recommended to confirm an anomaly.
type Confirmation string

const (
	Confirm3DUS               Confirmation = "3d_transvaginal_us"
	ConfirmMRI                Confirmation = "mri"
	ConfirmHysteroLaparoscopy Confirmation = "hysteroscopy_laparoscopy"
	ConfirmNone               Confirmation = "none"
)

var confirmations = enum.Register(Confirm3DUS, ConfirmMRI, ConfirmHysteroLaparoscopy, ConfirmNone)

// Valid reports whether c is a defined Confirmation.
func (c Confirmation) Valid() bool { return enum.IsValid(c, confirmations) }
