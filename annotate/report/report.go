package report

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SchemaVersion is the version of hsg-report.schema.json this package
// reads and writes.
const SchemaVersion = "1.0"

// A Report is a structured HSG report. The zero value is not a valid report;
// use [NewReport] or [Load].
type Report struct {
	SchemaVersion string    `json:"schemaVersion"`
	ReportID      string    `json:"reportId"`
	Status        Status    `json:"status"`
	Language      string    `json:"language,omitempty"`
	CreatedAt     time.Time `json:"createdAt,omitzero"`
	SignedAt      time.Time `json:"signedAt,omitzero"`
	Author        Person    `json:"author,omitzero"`

	// Version counts signed versions: 1 for the first signature, 2 after
	// the first amendment is signed, and so on. 0 until first signed.
	Version int `json:"version,omitempty"`
	// AmendmentReason says why a signed report was reopened (see [Report.Amend]).
	AmendmentReason string `json:"amendmentReason,omitempty"`
	// PreviousVersions records the signed versions this report replaced,
	// oldest first.
	PreviousVersions []PreviousVersion `json:"previousVersions,omitempty"`
	// ContentHash is set by [Report.Sign]: the [Report.Hash] of the report
	// as signed, so later changes can be detected.
	ContentHash string `json:"contentHash,omitempty"`
	// Prefilled lists the JSON pointers (e.g. "/technique/contrast/volumeMl")
	// of values filled from DICOM that the user has not edited yet.
	Prefilled []string `json:"prefilled,omitempty"`
	// Relinks records each time the draft was re-linked to a study's
	// images (see assess.Relink): who did it, when, and the identity the
	// draft held before, oldest first (an addition to the schema).
	Relinks []Relink `json:"relinks,omitempty"`

	Patient       Patient       `json:"patient,omitzero"`
	Clinical      Clinical      `json:"clinical,omitzero"`
	Study         Study         `json:"study"`
	Technique     Technique     `json:"technique"`
	Cervix        Cervix        `json:"cervix,omitzero"`
	Uterus        Uterus        `json:"uterus"`
	Tubes         Tubes         `json:"tubes"`
	Peritoneum    Peritoneum    `json:"peritoneum,omitzero"`
	Complications Complications `json:"complications,omitzero"`
	Grading       Grading       `json:"grading,omitzero"`
	// Layer holds the marks and the manual calibrations (at most one
	// per series), as the members "annotations" and "calibrations".
	mark.Layer
	KeyImages []KeyImage `json:"keyImages,omitempty"`
	// TimingOverrides are the radiologist's corrections of the study's
	// timeline (T0 and image phases); see [Report.Timeline].
	TimingOverrides *dicomio.TimingOverrides `json:"timingOverrides,omitempty"`
	Impression      Impression               `json:"impression"`
	Exports         Exports                  `json:"exports,omitzero"`

	// Extra holds the top-level members this package does not know, as
	// read by Load; they are written back unchanged.
	Extra map[string]json.RawMessage `json:"-"`
}

// Status is the life-cycle state of a report.
type Status string

const (
	StatusDraft       Status = "draft"
	StatusPreliminary Status = "preliminary"
	StatusFinal       Status = "final"
	StatusAmended     Status = "amended"
)

var statuses = enum.Register(StatusDraft, StatusPreliminary, StatusFinal, StatusAmended)

// Valid reports whether s is a defined Status.
func (s Status) Valid() bool { return enum.IsValid(s, statuses) }

// Signed reports whether s is a signed state (final or amended).
func (s Status) Signed() bool { return s == StatusFinal || s == StatusAmended }

// A PreviousVersion records a signed version replaced by an amendment.
type PreviousVersion struct {
	Version     int       `json:"version"`
	Status      Status    `json:"status"`
	SignedAt    time.Time `json:"signedAt,omitzero"`
	Author      Person    `json:"author,omitzero"`
	ContentHash string    `json:"contentHash,omitempty"`
	// FinalText is the impression as it was signed.
	FinalText string `json:"finalText,omitempty"`
	// AmendmentReason is the reason recorded when that version was itself
	// an amendment.
	AmendmentReason string `json:"amendmentReason,omitempty"`
}

// A Relink records that a draft's patient and study identity was
// replaced by the identity of the images it was re-linked to.
type Relink struct {
	At time.Time `json:"at"`
	By Person    `json:"by"`
	// Previous are the patient and study values the draft held before.
	PreviousPatient Patient `json:"previousPatient,omitzero"`
	PreviousStudy   Study   `json:"previousStudy,omitzero"`
}

// A Person is an author, physician or operator.
type Person struct {
	Name string `json:"name,omitempty"`
	ID   string `json:"id,omitempty"`
}

// Patient identifies the patient, as copied from the images.
type Patient struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// BirthDate is an ISO 8601 date, YYYY-MM-DD.
	BirthDate string `json:"birthDate,omitempty"`
	Sex       Sex    `json:"sex,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// Sex is the patient's sex as coded in DICOM (0010,0040).
type Sex string

const (
	SexFemale  Sex = "F"
	SexMale    Sex = "M"
	SexOther   Sex = "O"
	SexUnknown Sex = ""
)

var sexes = enum.Register(SexFemale, SexMale, SexOther, SexUnknown)

// Valid reports whether s is a defined Sex; the empty value is.
func (s Sex) Valid() bool { return enum.IsValid(s, sexes) }

// Study identifies the imaging study the report belongs to.
type Study struct {
	StudyInstanceUID string `json:"studyInstanceUid"`
	AccessionNumber  string `json:"accessionNumber,omitempty"`
	// StudyDateTime is an RFC 3339 date-time. It is kept as text because
	// DICOM dates carry no time zone unless the header gives one.
	StudyDateTime       string `json:"studyDateTime,omitempty"`
	ReferringPhysician  string `json:"referringPhysician,omitempty"`
	PerformingPhysician string `json:"performingPhysician,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// A Code is a coded concept such as a contrast agent.
type Code struct {
	System  CodeSystem `json:"system"`
	Code    string     `json:"code"`
	Display string     `json:"display,omitempty"`
}

// CodeSystem names a coding scheme.
type CodeSystem string

const (
	SystemSCT    CodeSystem = "SCT"
	SystemRadLex CodeSystem = "RADLEX"
	SystemLOINC  CodeSystem = "LN"
	SystemDCM    CodeSystem = "DCM"
	SystemUCUM   CodeSystem = "UCUM"
	SystemHSG    CodeSystem = "99HSG" // private codes of this tool
)

var codeSystems = enum.Register(SystemSCT, SystemRadLex, SystemLOINC, SystemDCM, SystemUCUM, SystemHSG)

// Valid reports whether s is a defined CodeSystem.
func (s CodeSystem) Valid() bool { return enum.IsValid(s, codeSystems) }

// A KeyImage is an image selected for the report, with its role.
type KeyImage struct {
	Image mark.ImageRef `json:"image"`
	Role  KeyImageRole  `json:"role,omitempty"`
	// MinutesFromContrastStart is the image time relative to the start
	// of contrast injection, when known.
	MinutesFromContrastStart *float64 `json:"minutesFromContrastStart,omitempty"`
}

// KeyImageRole is what a key image shows.
type KeyImageRole string

const (
	RoleScout             KeyImageRole = "scout"
	RoleEarlyFilling      KeyImageRole = "early_filling"
	RoleFullDistension    KeyImageRole = "full_distension"
	RoleTubalFillingLeft  KeyImageRole = "tubal_filling_left"
	RoleTubalFillingRight KeyImageRole = "tubal_filling_right"
	RoleSpill             KeyImageRole = "spill"
	RoleOblique           KeyImageRole = "oblique"
	RoleDelayed           KeyImageRole = "delayed"
	RoleComplication      KeyImageRole = "complication"
	RoleFinding           KeyImageRole = "finding"
)

var keyImageRoles = enum.Register(RoleScout, RoleEarlyFilling, RoleFullDistension,
	RoleTubalFillingLeft, RoleTubalFillingRight, RoleSpill, RoleOblique,
	RoleDelayed, RoleComplication, RoleFinding)

// Valid reports whether r is a defined KeyImageRole.
func (r KeyImageRole) Valid() bool { return enum.IsValid(r, keyImageRoles) }

// Exports records the DICOM objects written from the report.
type Exports struct {
	PDF  DICOMExport `json:"pdf,omitzero"`
	SR   DICOMExport `json:"sr,omitzero"`
	KOS  DICOMExport `json:"kos,omitzero"`
	GSPS DICOMExport `json:"gsps,omitzero"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// A DICOMExport identifies one written DICOM object.
type DICOMExport struct {
	SOPClassUID       string    `json:"sopClassUid,omitempty"`
	SOPInstanceUID    string    `json:"sopInstanceUid,omitempty"`
	SeriesInstanceUID string    `json:"seriesInstanceUid,omitempty"`
	CreatedAt         time.Time `json:"createdAt,omitzero"`
}

// NewReport returns an empty draft for the study with a new random report
// id, created now.
func NewReport(studyUID string) *Report {
	return &Report{
		SchemaVersion: SchemaVersion,
		ReportID:      newUUID(),
		Status:        StatusDraft,
		Language:      "en",
		CreatedAt:     time.Now().UTC().Truncate(time.Second),
		Study:         Study{StudyInstanceUID: studyUID},
		Impression:    Impression{Items: []ImpressionItem{}},
	}
}

// NewReportIn returns an empty draft as [NewReport] does, written in the
// language lang (see l10n.Lang: "ru" for a Russian tag, else "en"): the
// language of its generated impression and recommendations and of the
// words of its coded values. A new draft takes the language of the user
// interface it is created from.
func NewReportIn(studyUID, lang string) *Report {
	r := NewReport(studyUID)
	r.Language = l10n.Lang(lang)
	return r
}

// Lang returns the language the report is written in, "en" or "ru"
// (l10n.Lang of its Language; a report without one is in English).
func (r *Report) Lang() string { return l10n.Lang(r.Language) }

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// MarkPrefilled records that the value at the JSON pointer path was filled
// from DICOM and not yet reviewed.
func (r *Report) MarkPrefilled(path string) {
	if !slices.Contains(r.Prefilled, path) {
		r.Prefilled = append(r.Prefilled, path)
		slices.Sort(r.Prefilled)
	}
}

// IsPrefilled reports whether the value at path, or an object containing
// it, was filled from DICOM and not yet edited.
func (r *Report) IsPrefilled(path string) bool {
	for _, p := range r.Prefilled {
		if p == path || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// ClearPrefilled records that the user edited the value at path: path and
// every prefilled path below it are no longer marked.
func (r *Report) ClearPrefilled(path string) {
	r.Prefilled = slices.DeleteFunc(r.Prefilled, func(p string) bool {
		return p == path || strings.HasPrefix(p, path+"/")
	})
	if len(r.Prefilled) == 0 {
		r.Prefilled = nil
	}
}

func IsTrue(b *bool) bool { return b != nil && *b }

// MarkLayer returns the marks and calibrations of r, for a [MarkHistory].
func (r *Report) MarkLayer() *mark.Layer { return &r.Layer }

// MarkRefs returns the lists of mark IDs the findings of r hold.
func (r *Report) MarkRefs() []mark.MarkRefs {
	ls := []mark.MarkRefs{
		{Path: "/tubes/right/annotationIds", IDs: &r.Tubes.Right.AnnotationIDs},
		{Path: "/tubes/left/annotationIds", IDs: &r.Tubes.Left.AnnotationIDs},
	}
	for i := range r.Uterus.FillingDefects {
		ls = append(ls, mark.MarkRefs{Path: "/uterus/fillingDefects/" + strconv.Itoa(i) + "/annotationIds",
			IDs: &r.Uterus.FillingDefects[i].AnnotationIDs})
	}
	return ls
}

// Hash returns "sha256:" and the hex SHA-256 of the JSON form of r without
// its ContentHash and Exports. [Report.Sign] stores it in ContentHash, so a
// signed report that changed afterwards can be recognised. Exports are left
// out because recording where a signed report was exported (as
// Encapsulated PDF, SR …) does not change what was signed.
func (r *Report) Hash() (string, error) {
	c := *r
	c.ContentHash = ""
	c.Exports = Exports{}
	b, err := c.Marshal()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}
