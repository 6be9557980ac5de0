package report

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
)

// Tubes holds the findings of both fallopian tubes.
type Tubes struct {
	Left  Tube `json:"left"`
	Right Tube `json:"right"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Side is a side of the patient.
type Side string

const (
	Left      Side = "left"
	Right     Side = "right"
	Bilateral Side = "bilateral"
	Midline   Side = "midline"
)

var sides = enum.Register(Left, Right, Bilateral, Midline)

// Valid reports whether s is a defined Side.
func (s Side) Valid() bool { return enum.IsValid(s, sides) }

// A Tube holds the findings of one fallopian tube.
type Tube struct {
	Status                      TubeStatus         `json:"status,omitempty"`
	Opacification               Opacification      `json:"opacification,omitempty"`
	Patency                     Patency            `json:"patency,omitempty"`
	OcclusionSite               OcclusionSite      `json:"occlusionSite,omitempty"`
	OcclusionQualifier          OcclusionQualifier `json:"occlusionQualifier,omitempty"`
	Spill                       Spill              `json:"spill,omitempty"`
	PeritubalAdhesionsSuspected *bool              `json:"peritubalAdhesionsSuspected,omitempty"`
	// PartialDistalOcclusion records a partial distal occlusion (fimbrial
	// phimosis): a dilated ampulla that still lets contrast out, as
	// loculated spill. It is the one way a hydrosalpinx-like dilatation
	// and a patent tube are recorded together (an addition to the schema).
	PartialDistalOcclusion    *bool               `json:"partialDistalOcclusion,omitempty"`
	Hydrosalpinx              Hydrosalpinx        `json:"hydrosalpinx,omitzero"`
	SalpingitisIsthmicaNodosa *bool               `json:"salpingitisIsthmicaNodosa,omitempty"`
	TubalSpasmSuspected       *bool               `json:"tubalSpasmSuspected,omitempty"`
	Contour                   TubeContour         `json:"contour,omitempty"`
	SterilizationDevice       SterilizationDevice `json:"sterilizationDevice,omitempty"`
	Text                      string              `json:"text,omitempty"`
	Evidence                  []mark.ImageRef     `json:"evidence,omitempty"`
	AnnotationIDs             []string            `json:"annotationIds,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Tube returns the findings of the tube on side s (Left or Right), or nil.
func (t *Tubes) Tube(s Side) *Tube {
	switch s {
	case Left:
		return &t.Left
	case Right:
		return &t.Right
	}
	return nil
}

// TubeStatus is whether a tube is there to be assessed.
type TubeStatus string

const (
	TubePresent          TubeStatus = "present"
	TubeSurgicallyAbsent TubeStatus = "surgically_absent"
	TubeNotAssessed      TubeStatus = "not_assessed"
)

var tubeStatuses = enum.Register(TubePresent, TubeSurgicallyAbsent, TubeNotAssessed)

// Valid reports whether s is a defined TubeStatus.
func (s TubeStatus) Valid() bool { return enum.IsValid(s, tubeStatuses) }

// Opacification is how much of a tube filled with contrast.
type Opacification string

const (
	OpacificationComplete Opacification = "complete"
	OpacificationPartial  Opacification = "partial"
	OpacificationNone     Opacification = "none"
)

var opacifications = enum.Register(OpacificationComplete, OpacificationPartial, OpacificationNone)

// Valid reports whether o is a defined Opacification.
func (o Opacification) Valid() bool { return enum.IsValid(o, opacifications) }

// Patency is whether a tube lets contrast through to the peritoneum.
type Patency string

const (
	Patent               Patency = "patent"
	Occluded             Patency = "occluded"
	PatencyIndeterminate Patency = "indeterminate"
	PatencyNotAssessed   Patency = "not_assessed"
)

var patencies = enum.Register(Patent, Occluded, PatencyIndeterminate, PatencyNotAssessed)

// Valid reports whether p is a defined Patency.
func (p Patency) Valid() bool { return enum.IsValid(p, patencies) }

// OcclusionSite is the tubal segment where an occlusion lies.
type OcclusionSite string

const (
	SiteCornual   OcclusionSite = "cornual_interstitial"
	SiteIsthmic   OcclusionSite = "isthmic"
	SiteAmpullary OcclusionSite = "ampullary"
	SiteFimbrial  OcclusionSite = "fimbrial"
)

var occlusionSites = enum.Register(SiteCornual, SiteIsthmic, SiteAmpullary, SiteFimbrial)

// Valid reports whether s is a defined OcclusionSite.
func (s OcclusionSite) Valid() bool { return enum.IsValid(s, occlusionSites) }

// Distal reports whether s is a distal (ampullary or fimbrial) site.
func (s OcclusionSite) Distal() bool { return s == SiteAmpullary || s == SiteFimbrial }

// OcclusionQualifier qualifies an occlusion.
type OcclusionQualifier string

const (
	OcclusionDefinite         OcclusionQualifier = "definite"
	OcclusionSpasmNotExcluded OcclusionQualifier = "spasm_not_excluded"
	OcclusionAtDevice         OcclusionQualifier = "at_sterilization_device"
)

var occlusionQualifiers = enum.Register(OcclusionDefinite, OcclusionSpasmNotExcluded, OcclusionAtDevice)

// Valid reports whether q is a defined OcclusionQualifier.
func (q OcclusionQualifier) Valid() bool { return enum.IsValid(q, occlusionQualifiers) }

// Spill is how contrast left a tube into the peritoneal cavity.
type Spill string

const (
	SpillFreePrompt      Spill = "free_prompt"
	SpillFreeDelayedOnly Spill = "free_delayed_only"
	SpillLoculated       Spill = "loculated"
	SpillMinimal         Spill = "minimal"
	SpillNone            Spill = "none"
	SpillNotAssessed     Spill = "not_assessed"
)

var spills = enum.Register(SpillFreePrompt, SpillFreeDelayedOnly, SpillLoculated, SpillMinimal,
	SpillNone, SpillNotAssessed)

// Valid reports whether s is a defined Spill.
func (s Spill) Valid() bool { return enum.IsValid(s, spills) }

// Demonstrated reports whether s records spill that was seen, the proof of
// patency: free prompt, free delayed only, loculated or minimal.
func (s Spill) Demonstrated() bool {
	switch s {
	case SpillFreePrompt, SpillFreeDelayedOnly, SpillLoculated, SpillMinimal:
		return true
	}
	return false
}

// Free reports whether s is free (prompt or delayed-only) spill.
func (s Spill) Free() bool { return s == SpillFreePrompt || s == SpillFreeDelayedOnly }

// Hydrosalpinx describes a dilated, fluid-filled tube.
type Hydrosalpinx struct {
	Present       *bool        `json:"present,omitempty"`
	MaxDiameterMM *float64     `json:"maxDiameterMm,omitempty"`
	MucosalFolds  MucosalFolds `json:"mucosalFolds,omitempty"`
	// MeasurementBasis is the pixel spacing MaxDiameterMM was measured with.
	MeasurementBasis mark.SpacingSource `json:"measurementBasis,omitempty"`
}

// IsPresent reports whether a hydrosalpinx is recorded as present.
func (h Hydrosalpinx) IsPresent() bool { return h.Present != nil && *h.Present }

// MucosalFolds is the mucosal (rugal) fold pattern of a hydrosalpinx.
type MucosalFolds string

const (
	FoldsPreserved     MucosalFolds = "preserved"
	FoldsReduced       MucosalFolds = "reduced"
	FoldsAbsent        MucosalFolds = "absent"
	FoldsNotAssessable MucosalFolds = "not_assessable"
)

var mucosalFolds = enum.Register(FoldsPreserved, FoldsReduced, FoldsAbsent, FoldsNotAssessable)

// Valid reports whether f is a defined MucosalFolds.
func (f MucosalFolds) Valid() bool { return enum.IsValid(f, mucosalFolds) }

// TubeContour is the outline and calibre of a tube.
type TubeContour string

const (
	TubeSmooth        TubeContour = "smooth"
	TubeIrregular     TubeContour = "irregular"
	TubeBeaded        TubeContour = "beaded"
	TubeRigid         TubeContour = "rigid"
	TubeConvoluted    TubeContour = "convoluted"
	TubeNotAssessable TubeContour = "not_assessable"
)

var tubeContours = enum.Register(TubeSmooth, TubeIrregular, TubeBeaded, TubeRigid, TubeConvoluted,
	TubeNotAssessable)

// Valid reports whether c is a defined TubeContour.
func (c TubeContour) Valid() bool { return enum.IsValid(c, tubeContours) }

// SterilizationDevice is a tubal sterilisation device.
type SterilizationDevice string

const (
	SterilizationNone        SterilizationDevice = "none"
	SterilizationClip        SterilizationDevice = "clip"
	SterilizationRing        SterilizationDevice = "ring"
	SterilizationMicroinsert SterilizationDevice = "microinsert"
	SterilizationOther       SterilizationDevice = "other"
)

var sterilizationDevices = enum.Register(SterilizationNone, SterilizationClip, SterilizationRing, SterilizationMicroinsert,
	SterilizationOther)

// Valid reports whether d is a defined SterilizationDevice.
func (d SterilizationDevice) Valid() bool { return enum.IsValid(d, sterilizationDevices) }
