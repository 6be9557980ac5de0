package assess

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"strings"
	"time"
	"unicode"

	"github.com/hsgview/hsgview/dicomio/dicomtext"

	"golang.org/x/text/unicode/norm"
)

// The rule IDs of the identity checks ([CheckIdentity]).
const (
	RuleIdentityPatientID = "identity-patient-id"
	RuleIdentityName      = "identity-patient-name"
	RuleIdentityBirthDate = "identity-birth-date"
	RuleIdentityStudy     = "identity-study"
)

// CheckIdentity compares the patient and study a draft names with the
// study's images, which are the source of truth: the patient ID, the
// name (compared as a person name: its components, ignoring letter case
// and spacing), the birth date and the Study Instance UID. A draft of a
// delayed film's study that was linked to this one (the same patient,
// see [dicomio.Study.Linked]) names a study of the examination and is
// not a mismatch.
//
// Each disagreement is an error, which blocks signing and export, whose
// message names both values. A value the draft lacks while the images
// have one is an error too: a signed report names its patient. A value
// only the draft has cannot be checked and gives a warning.
func CheckIdentity(r *report.Report, s *dicomio.Study) []Issue {
	if s == nil {
		is := newIssue("/study/studyInstanceUid", SeverityError, "no images are open to check the patient and study against")
		is.Rule, is.Fields = RuleIdentityStudy, []string{"/study/studyInstanceUid"}
		return []Issue{is}
	}
	img := imagePatient(s)
	var out []Issue
	add := func(rule, path string, sev Severity, format string, a ...any) {
		is := newIssue(path, sev, format, a...)
		is.Rule, is.Fields = rule, []string{path}
		out = append(out, is)
	}
	compare := func(rule, path, what, draft, images string, same func(a, b string) bool) {
		switch {
		case draft == "" && images == "":
		case draft == "":
			add(rule, path, SeverityError, "the draft has no %s; the images say %s", what, images)
		case images == "":
			add(rule, path, SeverityWarning, "the %s in the draft is %s, but the images record none to check it against", what, draft)
		case !same(draft, images):
			add(rule, path, SeverityError, "the %s in the draft is %s, the images say %s", what, draft, images)
		}
	}
	compare(RuleIdentityPatientID, "/patient/id", "patient ID", strings.TrimSpace(r.Patient.ID), strings.TrimSpace(img.ID),
		func(a, b string) bool { return a == b })
	compare(RuleIdentityName, "/patient/name", "patient name", displayName(r.Patient.Name), displayName(img.Name), SamePersonName)
	compare(RuleIdentityBirthDate, "/patient/birthDate", "birth date", strings.TrimSpace(r.Patient.BirthDate), img.BirthDate,
		func(a, b string) bool { return wording.IsoDate(a) == wording.IsoDate(b) })
	if uid := r.Study.StudyInstanceUID; uid != s.UID && !linkedStudy(s, uid) {
		if uid == "" {
			add(RuleIdentityStudy, "/study/studyInstanceUid", SeverityError, "the draft names no study; the images are of study %s", s.UID)
		} else {
			add(RuleIdentityStudy, "/study/studyInstanceUid", SeverityError, "the study in the draft is %s, the images are of study %s", uid, s.UID)
		}
	}
	return out
}

// imagePatient returns the patient of the study's images.
func imagePatient(s *dicomio.Study) dicomio.Patient {
	p := s.Patient
	if p.ID == "" && p.Name == "" && len(s.Images) > 0 {
		p = s.Images[0].Patient
	}
	return p
}

// linkedStudy reports whether uid is the study of an image linked to s:
// the delayed film filed under its own study, or the fluoroscopy a
// delayed film's study follows.
func linkedStudy(s *dicomio.Study, uid string) bool {
	if uid == "" {
		return false
	}
	for _, in := range s.Linked {
		if in.StudyInstanceUID == uid && in.Patient.ID == s.Patient.ID {
			return true
		}
	}
	return false
}

// displayName returns a person name as hsgview prints it, whether given
// in DICOM form (components separated by "^") or already printed.
func displayName(n string) string {
	n = strings.TrimSpace(n)
	if n == "" || !strings.Contains(n, "^") && !strings.Contains(n, "=") {
		return strings.Join(strings.Fields(n), " ")
	}
	return dicomtext.FormatPersonName(n)
}

// SamePersonName reports whether a and b name the same person. Each may
// be a DICOM person name ("Family^Given^Middle^Prefix^Suffix") or the
// printed form ("Family, Given Middle (Prefix, Suffix)"). The family
// names must agree, and the given and middle names as one sequence of
// words; a suffix ("Jr", "III") must agree when both have one; a prefix
// (a title) is not compared. Letter case, accents' composition and spacing
// are ignored, and the Turkish dotted and dotless i (İ i I ı) are taken
// as one letter, since systems upper-case Turkish names differently.
func SamePersonName(a, b string) bool {
	pa, pb := parseName(a), parseName(b)
	if foldName(pa.Family) != foldName(pb.Family) {
		return false
	}
	if foldName(pa.Given+" "+pa.Middle) != foldName(pb.Given+" "+pb.Middle) {
		return false
	}
	if pa.Suffix != "" && pb.Suffix != "" && foldName(pa.Suffix) != foldName(pb.Suffix) {
		return false
	}
	return true
}

// parseName reads a name in DICOM form or in the printed form of
// [dicomio.PersonName.String].
func parseName(s string) dicomtext.PersonName {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "^") || strings.Contains(s, "=") || !strings.Contains(s, ",") && !strings.Contains(s, "(") {
		return dicomtext.ParsePersonName(s)
	}
	var n dicomtext.PersonName
	if i := strings.LastIndex(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		extra := strings.Split(s[i+1:len(s)-1], ",")
		n.Prefix = strings.TrimSpace(extra[0])
		if len(extra) > 1 {
			n.Suffix = strings.TrimSpace(extra[1])
		}
		s = strings.TrimSpace(s[:i])
	}
	family, given, _ := strings.Cut(s, ",")
	n.Family = strings.TrimSpace(family)
	n.Given = strings.TrimSpace(given)
	return n
}

// foldName folds a name component for comparison: NFC, runs of white
// space as one space, letter case folded with the four Turkish i made one.
func foldName(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, r := range w {
			switch r {
			case 'İ', 'I', 'ı':
				r = 'i'
			default:
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Relink re-links the draft r to the study's images, an explicit action
// of the radiologist by at time at: the patient (ID, name, birth date,
// sex) and the study (Study Instance UID, accession, date and time,
// referring physician) are taken from the images, and the values the
// draft held before are recorded in r.Relinks with who re-linked and
// when. A signed report is not re-linked: amend it first.
func Relink(r *report.Report, s *dicomio.Study, by report.Person, at time.Time) error {
	switch {
	case s == nil:
		return errors.New("annotate: relink: no study")
	case r.Status.Signed():
		return errors.New("annotate: relink: the report is signed; amend it first")
	case strings.TrimSpace(by.Name) == "":
		return errors.New("annotate: relink: say who re-links the draft")
	}
	prev := report.Relink{At: at.UTC().Round(0).Truncate(time.Second), By: by, PreviousPatient: r.Patient, PreviousStudy: r.Study}
	prev.PreviousPatient.Extra, prev.PreviousStudy.Extra = nil, nil
	img := imagePatient(s)
	r.Patient.ID = strings.TrimSpace(img.ID)
	r.Patient.Name = strings.TrimSpace(img.Name)
	r.Patient.BirthDate = img.BirthDate
	r.Patient.Sex = ""
	if sex := report.Sex(img.Sex); sex.Valid() {
		r.Patient.Sex = sex
	}
	r.Study.StudyInstanceUID = s.UID
	r.Study.AccessionNumber = strings.TrimSpace(s.AccessionNumber)
	r.Study.ReferringPhysician = strings.TrimSpace(s.ReferringPhysician)
	r.Study.StudyDateTime = ""
	for _, p := range []string{"/patient", "/study"} {
		r.ClearPrefilled(p)
	}
	// The study date and time, and the values filled from the images
	// the draft was linked to before (not edited since), from these.
	if _, err := r.Prefill(s, &report.PrefillOptions{Refresh: true}); err != nil {
		return fmt.Errorf("annotate: relink: %w", err)
	}
	r.Relinks = append(r.Relinks, prev)
	return nil
}
