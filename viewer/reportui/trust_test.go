package reportui

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// TestPanelIdentityBlocksAndRelinks: a draft naming another patient shows
// the red banner with both values, Sign is disabled with the reason
// listed, PDF and DICOM export are refused; re-linking it to the images
// lifts the block and is recorded in the draft and its history.
func TestPanelIdentityBlocksAndRelinks(t *testing.T) {
	v, q, w, p := openPanel(t)
	fillMinimal(t, w, p)
	q.settle(t)
	if p.signBtn.Disabled() || len(v.Report().Blocking()) > 0 {
		t.Fatalf("a complete draft is blocked: %v", v.Report().Blocking())
	}
	imagesID := v.Report().Study().Patient.ID
	if err := v.Report().Edit("wrong patient", func(r *report.Report) error { r.Patient.ID = "OTHER-42"; return nil }); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	if !p.idBanner.Visible() {
		t.Fatal("no identity banner")
	}
	if txt := p.idText.Text; !strings.Contains(txt, "OTHER-42") || !strings.Contains(txt, imagesID) {
		t.Errorf("banner %q does not name both patient IDs (%s)", txt, imagesID)
	}
	if !p.signBtn.Disabled() {
		t.Error("Sign is enabled for another patient's draft")
	}
	if !p.blocked.Visible() || !strings.Contains(p.blocked.Text, "OTHER-42") {
		t.Errorf("blocking reasons %q", p.blocked.Text)
	}
	if is := v.Report().Issues(); len(is) == 0 || is[0].Rule != assess.RuleIdentityPatientID {
		t.Errorf("the identity problem is not listed first: %v", is)
	}
	for _, dicom := range []bool{false, true} {
		var res exportResult
		out := filepath.Join(t.TempDir(), "r.pdf")
		v.rep.exportPDF(exportJob{path: out, paper: reportpdf.PaperA4, dicom: dicom}, func(r exportResult) { res = r })
		q.settle(t)
		if res.err == nil || !strings.Contains(res.err.Error(), "OTHER-42") {
			t.Errorf("export (DICOM %v) of another patient's draft: %v", dicom, res.err)
		}
	}
	// Signing anyway (the menu) is refused with the reasons.
	var signErr error
	v.rep.signReport(report.Person{Name: "Dr A"}, time.Now(), func(err error) { signErr = err })
	q.settle(t)
	var se *assess.SignError
	if !errors.As(signErr, &se) || v.Report().Signed() {
		t.Fatalf("signing another patient's draft: %v", signErr)
	}
	if msg := signRefusal(signErr).Error(); !strings.Contains(msg, "OTHER-42") || strings.Contains(msg, "identity-") {
		t.Errorf("refusal %q", msg)
	}

	// Clicking the problem opens the clinical section and highlights the
	// patient ID.
	p.jumpToIssue(v.Report().Issues()[0])
	if got := p.highlightedPaths(); !slices.Contains(got, "/patient/name") { // the patient line
		t.Errorf("highlighted %v", got)
	}
	if !p.acc.Items[int(SectionClinical)].Open {
		t.Error("the clinical section is not open")
	}

	var relinkErr error = errors.New("not called")
	v.rep.relink(report.Person{Name: "Dr Re Linker"}, time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC), func(err error) { relinkErr = err })
	q.settle(t)
	if relinkErr != nil {
		t.Fatal(relinkErr)
	}
	r := v.Report().Report()
	if r.Patient.ID != imagesID || len(r.Relinks) != 1 || r.Relinks[0].PreviousPatient.ID != "OTHER-42" {
		t.Fatalf("after re-linking: patient %q, relinks %+v", r.Patient.ID, r.Relinks)
	}
	if p.idBanner.Visible() {
		t.Error("the banner stays after re-linking")
	}
	if p.signBtn.Disabled() {
		t.Errorf("Sign still disabled: %v", v.Report().Blocking())
	}
	if h := relinkHistory(r); !strings.Contains(h, "Dr Re Linker") || !strings.Contains(h, "OTHER-42") {
		t.Errorf("history %q", h)
	}
	checkSaved(t, v, q)
}

// TestPanelUrgentCommunication: the urgent communication rows appear when
// a complication needs one, and what is typed there is recorded.
func TestPanelUrgentCommunication(t *testing.T) {
	v, q, w, p := openPanel(t)
	rec := fieldAt(t, p, "/complications/urgentCommunication/recipient")
	if rec.row.Visible() {
		t.Error("urgent communication shown without a complication that needs it")
	}
	if err := v.Report().Edit("perforation", func(r *report.Report) error {
		r.Complications.Items = append(r.Complications.Items, report.Complication{Type: report.UterinePerforation})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	if !rec.row.Visible() {
		t.Fatal("urgent communication hidden for a uterine perforation")
	}
	e := rec.focus.(*forminput.TextEntry)
	w.Canvas().Focus(e)
	test.Type(e, "Dr N. Gynaecologist")
	how := fieldAt(t, p, "/complications/urgentCommunication/method").focus.(*forminput.TextEntry)
	w.Canvas().Focus(how)
	test.Type(how, "by telephone")
	q.settle(t)
	u := v.Report().Report().Complications.UrgentCommunication
	if u == nil || u.Recipient != "Dr N. Gynaecologist" || u.Method != "by telephone" {
		t.Errorf("urgent communication %+v", u)
	}
	checkSaved(t, v, q)
}

// TestPanelRecommendationsEditable: a recommendation written from the
// findings is edited in the panel and the edit is kept when another
// finding changes.
func TestPanelRecommendationsEditable(t *testing.T) {
	v, q, _ := openDemo(t, 1400, 900)
	v.showReportPanel(true)
	q.settle(t)
	p := v.ReportPanel()
	recs := v.Report().Report().Impression.Recommendations
	if len(recs) == 0 || len(p.imp.recs.rows) != len(recs) {
		t.Fatalf("%d recommendations, %d rows", len(recs), len(p.imp.recs.rows))
	}
	e := p.imp.recs.rows[0].entry
	mine := "Laparoscopy with chromopertubation, to be discussed at the fertility clinic."
	e.SetText(mine)
	q.settle(t)
	if got := v.Report().Report().Impression.Recommendations[0].Text; got != mine {
		t.Fatalf("recommendation %q after editing", got)
	}
	if err := v.Report().Edit("pain", func(r *report.Report) error { r.Complications.PainVAS = new(3); return nil }); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	if got := v.Report().Report().Impression.Recommendations[0].Text; got != mine {
		t.Errorf("the edited recommendation became %q after another change", got)
	}
	if e.Text != mine {
		t.Errorf("the entry shows %q", e.Text)
	}
	checkSaved(t, v, q)
}

// TestPanelProblemHighlightsFields: clicking a rule's problem opens its
// section, puts the keyboard on its field and highlights every field the
// rule reads (a hydrosalpinx with spill: the spill and the hydrosalpinx).
func TestPanelProblemHighlightsFields(t *testing.T) {
	v, q, w, p := openPanel(t)
	if err := v.Report().Edit("patent hydrosalpinx", func(r *report.Report) error {
		tb := r.Tubes.Tube(report.Left)
		tb.Status, tb.Patency, tb.Spill = report.TubePresent, report.Patent, report.SpillFreePrompt
		tb.Hydrosalpinx.Present = new(true)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	var is *assess.Issue
	for _, x := range v.Report().Issues() {
		if x.Rule == "tube-hydrosalpinx-patent" {
			is = &x
		}
	}
	if is == nil {
		t.Fatalf("no hydrosalpinx-with-spill problem: %v", v.Report().Issues())
	}
	if len(is.Fields) < 2 {
		t.Fatalf("the rule reads %v", is.Fields)
	}
	p.jumpToIssue(*is)
	if !p.acc.Items[int(SectionLeft)].Open {
		t.Error("the left tube's section is not open")
	}
	if f := w.Canvas().Focused(); f == nil || f != fieldAt(t, p, is.Path).focus {
		t.Errorf("the keyboard is on %T, not the field at %s", f, is.Path)
	}
	got := p.highlightedPaths()
	for _, path := range is.Fields {
		if !slices.Contains(got, path) {
			t.Errorf("%s not highlighted (%v)", path, got)
		}
	}
	// The next problem clicked clears the marks of this one.
	p.jumpToIssue(assess.Issue{Path: "/clinical/indication"})
	if got := p.highlightedPaths(); len(got) != 1 || got[0] != "/clinical/indication" {
		t.Errorf("highlighted after the next problem: %v", got)
	}
}
