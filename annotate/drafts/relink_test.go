package drafts

import (
	"errors"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
)

// TestDraftRelinkAndSign: a draft of another patient and study is
// refused for signing against the images, with the reason; re-linking it
// is saved, moves it to the images' study and records what it replaced.
func TestDraftRelinkAndSign(t *testing.T) {
	st, m := fixture.DemoStudy(t)
	s := newStore(t)
	ex := exampleReport()
	ex.Patient.ID = "OTHER-7"
	oldUID := ex.Study.StudyInstanceUID
	if oldUID == st.UID {
		t.Fatal("the example report names the demo study")
	}
	d, err := s.Open(oldUID)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { *r = *cloneReport(ex); return nil }); err != nil {
		t.Fatal(err)
	}
	err = d.Sign(st, report.Person{Name: "Dr Reader"}, fixture.T0)
	var se *assess.SignError
	if !errors.As(err, &se) || len(se.Issues) == 0 {
		t.Fatalf("signing another patient's draft: %v", err)
	}
	if d.Report().Status.Signed() {
		t.Fatal("the refused draft is signed")
	}
	if err := d.Update(func(r *report.Report) error { r.Study.StudyInstanceUID = st.UID; return nil }); err == nil {
		t.Error("an ordinary edit moved the draft to another study")
	}
	by := report.Person{Name: "Dr Re Linker"}
	if err := d.Relink(st, by, fixture.T0); err != nil {
		t.Fatal(err)
	}
	r := d.Report()
	if errs := assess.Errors(assess.CheckIdentity(r, st)); len(errs) > 0 {
		t.Errorf("after re-linking: %v", errs)
	}
	if len(r.Relinks) != 1 || r.Relinks[0].PreviousPatient.ID != "OTHER-7" || r.Relinks[0].PreviousStudy.StudyInstanceUID != oldUID || r.Relinks[0].By.Name != by.Name {
		t.Errorf("relinks %+v", r.Relinks)
	}
	saved, err := s.Load(st.UID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Patient.ID != m.PatientID || len(saved.Relinks) != 1 {
		t.Errorf("saved after re-linking: patient %q, %d relinks", saved.Patient.ID, len(saved.Relinks))
	}
	if err := d.Relink(st, report.Person{}, fixture.T0); err == nil {
		t.Error("re-linked without saying who")
	}
}
