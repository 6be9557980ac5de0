package assess

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
)

// draftFor returns the example report made for the synthetic study and
// prefilled from it, as the viewer makes a draft.
func draftFor(t *testing.T, s *dicomio.Study) *report.Report {
	t.Helper()
	r := exampleReport()
	r.Study = report.Study{StudyInstanceUID: s.UID}
	r.Patient = report.Patient{}
	r.Technique.DelayedImage.Image = nil
	if _, err := r.Prefill(s, nil); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSamePersonName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
		why  string
	}{
		{"Müller-Łukasiewicz^Zoë", "Müller-Łukasiewicz, Zoë", true, "DICOM form and printed form"},
		{"MÜLLER-ŁUKASIEWICZ^ZOË", "müller-łukasiewicz^zoë", true, "letter case"},
		{"Müller^Anna  Maria", "Müller^Anna^Maria", true, "given and middle names as one sequence"},
		{"Mu\u0308ller^Anna", "Müller^Anna", true, "decomposed accents"},
		{"YILMAZ^AYŞE", "Yılmaz^Ayşe", true, "Turkish dotless i upper-cased"},
		{"ÇELİK^İPEK", "Çelik^İpek", true, "Turkish dotted I"},
		{"ИВАНОВА^МАРИЯ^ПЕТРОВНА", "Иванова, Мария Петровна", true, "Cyrillic, with patronymic"},
		{"Müller^Anna^^Dr", "Müller^Anna", true, "a title is not compared"},
		{"Müller^Anna", "Muller^Anna", false, "an accent is a different letter"},
		{"Müller^Anna", "Müller^Hanna", false, "another given name"},
		{"Иванова^Мария", "Иванов^Мария", false, "another family name"},
		{"Smith^John^^^Jr", "Smith^John^^^III", false, "another suffix"},
		{"Doe^Jane", "Jane^Doe", false, "family and given names swapped"},
	} {
		if got := SamePersonName(c.a, c.b); got != c.same {
			t.Errorf("%s: SamePersonName(%q, %q) = %v", c.why, c.a, c.b, got)
		}
	}
}

func TestCheckIdentity(t *testing.T) {
	s, m := fixture.DemoStudy(t)
	if issues := CheckIdentity(draftFor(t, s), s); len(issues) > 0 {
		t.Fatalf("a draft prefilled from the images: %v", issues)
	}
	for _, c := range []struct {
		name, path, rule string
		edit             func(r *report.Report)
		want             string
	}{
		{"patient ID", "/patient/id", RuleIdentityPatientID, func(r *report.Report) { r.Patient.ID = "HSG-PH-000418" },
			"the patient ID in the draft is HSG-PH-000418, the images say " + m.PatientID},
		{"name", "/patient/name", RuleIdentityName, func(r *report.Report) { r.Patient.Name = "Müller-Łukasiewicz^Zofia" },
			"the patient name in the draft is Müller-Łukasiewicz, Zofia, the images say Müller-Łukasiewicz, Zoë"},
		{"birth date", "/patient/birthDate", RuleIdentityBirthDate, func(r *report.Report) { r.Patient.BirthDate = "1991-08-18" },
			"the birth date in the draft is 1991-08-18, the images say 1991-07-18"},
		{"study", "/study/studyInstanceUid", RuleIdentityStudy, func(r *report.Report) { r.Study.StudyInstanceUID = "1.2.3.4" },
			"the study in the draft is 1.2.3.4, the images are of study " + s.UID},
		{"missing ID", "/patient/id", RuleIdentityPatientID, func(r *report.Report) { r.Patient.ID = "" },
			"the draft has no patient ID; the images say " + m.PatientID},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := draftFor(t, s)
			c.edit(r)
			issues := CheckIdentity(r, s)
			if len(issues) != 1 || issues[0].Path != c.path || issues[0].Rule != c.rule || issues[0].Severity != SeverityError || issues[0].Message != c.want {
				t.Fatalf("got %+v\nwant one error at %s: %q", issues, c.path, c.want)
			}
			err := SignAgainst(r, s, report.Person{Name: "Dr X"}, fixture.T0)
			var se *SignError
			if !errors.As(err, &se) || r.Status.Signed() || !strings.Contains(err.Error(), c.want) {
				t.Errorf("SignAgainst: %v", err)
			}
			if !slices.ContainsFunc(Blocking(r, s), func(i Issue) bool { return i.Rule == c.rule }) {
				t.Error("Blocking does not list the mismatch")
			}
		})
	}
	t.Run("formatting only", func(t *testing.T) {
		r := draftFor(t, s)
		r.Patient.Name = "  MÜLLER-ŁUKASIEWICZ,   ZOË "
		r.Patient.BirthDate = "19910718"
		if issues := CheckIdentity(r, s); len(issues) > 0 {
			t.Errorf("the same name and date written differently: %v", issues)
		}
	})
	t.Run("signs when the identity agrees", func(t *testing.T) {
		r := draftFor(t, s)
		if err := SignAgainst(r, s, report.Person{Name: "Dr X"}, fixture.T0); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCheckIdentityLinkedStudy checks that a draft of a delayed film's
// own study, opened with the fluoroscopy it is linked to, is accepted.
func TestCheckIdentityLinkedStudy(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	r := draftFor(t, s)
	film := *s.Images[len(s.Images)-1]
	film.StudyInstanceUID = "1.2.826.0.1.3680043.9.7"
	linked := *s
	linked.Linked = []*dicomio.Instance{&film}
	r.Study.StudyInstanceUID = film.StudyInstanceUID
	if issues := CheckIdentity(r, &linked); len(issues) > 0 {
		t.Errorf("a draft of the linked delayed film's study: %v", issues)
	}
	other := film
	other.Patient.ID = "SOMEONE-ELSE"
	linked.Linked = []*dicomio.Instance{&other}
	if issues := CheckIdentity(r, &linked); len(issues) != 1 || issues[0].Rule != RuleIdentityStudy {
		t.Errorf("a linked image of another patient vouches for the draft's study: %v", issues)
	}
}

func TestRelink(t *testing.T) {
	s, m := fixture.DemoStudy(t)
	r := draftFor(t, s)
	r.Patient = report.Patient{ID: "OTHER-1", Name: "Other^Patient", BirthDate: "1980-01-01", Sex: report.SexFemale}
	r.Study.StudyInstanceUID = "1.2.3.4"
	r.Study.AccessionNumber = "X1"
	by := report.Person{Name: "Dr Re Linker", ID: "RL1"}
	at := time.Date(2026, 3, 12, 12, 30, 0, 0, time.UTC)
	if err := Relink(r, s, by, at); err != nil {
		t.Fatal(err)
	}
	if issues := CheckIdentity(r, s); len(issues) > 0 {
		t.Errorf("after re-linking: %v", issues)
	}
	if r.Patient.ID != m.PatientID || r.Study.StudyInstanceUID != s.UID || r.Study.AccessionNumber != m.AccessionNumber {
		t.Errorf("identity after re-linking: %+v %+v", r.Patient, r.Study)
	}
	if len(r.Relinks) != 1 {
		t.Fatalf("relinks %+v", r.Relinks)
	}
	rl := r.Relinks[0]
	if rl.By != by || !rl.At.Equal(at) || rl.PreviousPatient.ID != "OTHER-1" || rl.PreviousPatient.Name != "Other^Patient" ||
		rl.PreviousStudy.StudyInstanceUID != "1.2.3.4" || rl.PreviousStudy.AccessionNumber != "X1" {
		t.Errorf("relink record %+v", rl)
	}
	// The record survives the JSON round trip, and old drafts without it load.
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := report.Load(strings.NewReader(string(b)))
	if err != nil || len(back.Relinks) != 1 || back.Relinks[0].PreviousPatient.ID != "OTHER-1" {
		t.Errorf("round trip: %v %+v", err, back)
	}
	if _, err := report.Load(strings.NewReader(`{"schemaVersion":"1.0","reportId":"x","status":"draft","study":{"studyInstanceUid":"1"},"technique":{},"uterus":{},"tubes":{"left":{},"right":{}},"impression":{"items":[]}}`)); err != nil {
		t.Errorf("an old draft without relinks: %v", err)
	}

	if err := Relink(r, s, report.Person{}, at); err == nil {
		t.Error("re-linked without saying who")
	}
	if err := SignAgainst(r, s, report.Person{Name: "Dr X"}, at); err != nil {
		t.Fatal(err)
	}
	if err := Relink(r, s, by, at); err == nil {
		t.Error("re-linked a signed report")
	}
}
