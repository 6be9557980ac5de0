package report

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
)

// Peritoneum holds the findings of spilled contrast and the delayed image.
type Peritoneum struct {
	SpillPattern    SpillPattern     `json:"spillPattern,omitempty"`
	DelayedFindings []DelayedFinding `json:"delayedFindings,omitempty"`
	Text            string           `json:"text,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// SpillPattern is how spilled contrast behaves in the peritoneal cavity.
type SpillPattern string

const (
	PatternFree        SpillPattern = "free_dispersion"
	PatternLoculated   SpillPattern = "loculated"
	PatternMixed       SpillPattern = "mixed"
	PatternNone        SpillPattern = "none"
	PatternNotAssessed SpillPattern = "not_assessed"
)

var spillPatterns = enum.Register(PatternFree, PatternLoculated, PatternMixed, PatternNone, PatternNotAssessed)

// Valid reports whether p is a defined SpillPattern.
func (p SpillPattern) Valid() bool { return enum.IsValid(p, spillPatterns) }

// DelayedFinding is a finding on the delayed image.
type DelayedFinding string

const (
	DelayedFreeDispersion  DelayedFinding = "free_dispersion_outlining_bowel"
	DelayedLoculation      DelayedFinding = "persistent_loculation"
	DelayedTubalContrast   DelayedFinding = "residual_tubal_contrast"
	DelayedUterineContrast DelayedFinding = "residual_intrauterine_contrast"
	DelayedNoContrast      DelayedFinding = "no_intraperitoneal_contrast"
	DelayedRenalExcretion  DelayedFinding = "renal_excretion_after_intravasation"
)

var delayedFindings = enum.Register(DelayedFreeDispersion, DelayedLoculation, DelayedTubalContrast,
	DelayedUterineContrast, DelayedNoContrast, DelayedRenalExcretion)

// Valid reports whether f is a defined DelayedFinding.
func (f DelayedFinding) Valid() bool { return enum.IsValid(f, delayedFindings) }

// Complications records complications of the procedure.
type Complications struct {
	// None is true when the user recorded that there were none.
	None    *bool          `json:"none,omitempty"`
	Items   []Complication `json:"items,omitempty"`
	PainVAS *int           `json:"painVas,omitempty"`
	// UrgentCommunication records the non-routine communication of a
	// complication that needs one (an addition to the schema).
	UrgentCommunication *UrgentCommunication `json:"urgentCommunication,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// UrgentCommunication records who was told of an urgent finding or
// complication, when and how (the ACR's "non-routine communication").
type UrgentCommunication struct {
	// Recipient is who was told: a name and role, e.g. "Dr N. Gynaecologist, on call".
	Recipient string `json:"recipient,omitempty"`
	// At is when, as an RFC 3339 date-time.
	At string `json:"at,omitempty"`
	// Method is how: in person, by telephone …
	Method string `json:"method,omitempty"`
}

// NeedsUrgentCommunication reports whether a complication of type t must
// be communicated to the referring or treating clinician without delay:
// a uterine perforation, a suspected oil embolism or a contrast reaction.
func (t ComplicationType) NeedsUrgentCommunication() bool {
	switch t {
	case UterinePerforation, OilEmbolismSuspected, ContrastReaction:
		return true
	}
	return false
}

// A Complication is one complication of the procedure.
type Complication struct {
	Type                  ComplicationType `json:"type"`
	Grade                 string           `json:"grade,omitempty"` // e.g. "Dusak level 1"
	Side                  Side             `json:"side,omitempty"`
	AffectsInterpretation *bool            `json:"affectsInterpretation,omitempty"`
	Text                  string           `json:"text,omitempty"`
}

// ComplicationType is a kind of complication.
type ComplicationType string

const (
	VenousIntravasation     ComplicationType = "venous_intravasation"
	LymphaticIntravasation  ComplicationType = "lymphatic_intravasation"
	MyometrialExtravasation ComplicationType = "myometrial_extravasation"
	UterinePerforation      ComplicationType = "uterine_perforation"
	VasovagalReaction       ComplicationType = "vasovagal_reaction"
	SeverePain              ComplicationType = "severe_pain"
	ContrastReaction        ComplicationType = "contrast_reaction"
	Bleeding                ComplicationType = "bleeding"
	InfectionReported       ComplicationType = "infection_reported"
	OilEmbolismSuspected    ComplicationType = "oil_embolism_suspected"
	ProcedureAbandoned      ComplicationType = "procedure_abandoned"
)

var complicationTypes = enum.Register(VenousIntravasation, LymphaticIntravasation, MyometrialExtravasation,
	UterinePerforation, VasovagalReaction, SeverePain, ContrastReaction, Bleeding,
	InfectionReported, OilEmbolismSuspected, ProcedureAbandoned)

// Valid reports whether t is a defined ComplicationType.
func (t ComplicationType) Valid() bool { return enum.IsValid(t, complicationTypes) }

// Grading holds tubal grading scores.
type Grading struct {
	HullRutherford      HullRutherford      `json:"hullRutherford,omitempty"`
	HullRutherfordBasis HullRutherfordBasis `json:"hullRutherfordBasis,omitempty"`
	Other               []Grade             `json:"other,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// A Grade is a value in a named grading system.
type Grade struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
}

// HullRutherford is a Hull & Rutherford tubal damage grade.
type HullRutherford string

const (
	HRI             HullRutherford = "I"
	HRII            HullRutherford = "II"
	HRIII           HullRutherford = "III"
	HRNotApplicable HullRutherford = "not_applicable"
)

var hullRutherfords = enum.Register(HRI, HRII, HRIII, HRNotApplicable)

// Valid reports whether g is a defined HullRutherford.
func (g HullRutherford) Valid() bool { return enum.IsValid(g, hullRutherfords) }

// HullRutherfordBasis is what a Hull & Rutherford grade was based on.
type HullRutherfordBasis string

const (
	HRBasisHSG         HullRutherfordBasis = "hsg_provisional"
	HRBasisLaparoscopy HullRutherfordBasis = "laparoscopy"
)

var hullRutherfordBases = enum.Register(HRBasisHSG, HRBasisLaparoscopy)

// Valid reports whether b is a defined HullRutherfordBasis.
func (b HullRutherfordBasis) Valid() bool { return enum.IsValid(b, hullRutherfordBases) }
