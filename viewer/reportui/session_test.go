package reportui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"

	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// openReportFixtures opens the fixture study in a test viewer and waits
// for its report draft.
func openReportFixtures(t *testing.T, w, h float32) (*testHost, *testQueue) {
	t.Helper()
	v, q, _ := newTestHost(t, w, h)
	openFixtures(t, v, q, hsgFixtures())
	if v.Report() == nil {
		t.Fatalf("no report session (err %v)", v.rep.err)
	}
	return v, q
}

// savedJSON returns the report as saved in the viewer's drafts store,
// read afresh.
func savedJSON(t *testing.T, v *testHost) string {
	t.Helper()
	return fixturepkg.SavedJSON(t, v.opts.DraftDir, v.Study().UID)
}

func reportJSON(t *testing.T, r *report.Report) string { return fixturepkg.ReportJSON(t, r) }

// checkSaved checks that the report shown is the report saved.
func checkSaved(t *testing.T, v *testHost, q *testQueue) {
	t.Helper()
	q.settle(t)
	if got, want := savedJSON(t, v), reportJSON(t, v.Report().Report()); got != want {
		t.Errorf("saved report differs from the report shown:\nsaved %s\nshown %s", got, want)
	}
}

func TestReportSessionOpensPrefilledDraft(t *testing.T) {
	v, q := openReportFixtures(t, 900, 500)
	r := v.Report().Report()
	if r.Patient.Name != "Müller^Anna" || !r.IsPrefilled("/patient/name") {
		t.Errorf("patient %+v, prefilled %v", r.Patient, r.Prefilled)
	}
	if !r.Technique.DelayedImage.IsObtained() {
		t.Error("the delayed image was not prefilled")
	}
	q.settle(t)
	// Opening the study to look at it writes nothing: no file with the
	// patient's name in the user's configuration folder.
	if ents, err := os.ReadDir(v.opts.DraftDir); err != nil || len(ents) != 0 {
		t.Fatalf("drafts folder after opening a study: %v (err %v), want empty", ents, err)
	}
	v.ShowStudy(v.Study()) // reopening does not write either
	q.settle(t)
	if ents, _ := os.ReadDir(v.opts.DraftDir); len(ents) != 0 {
		t.Fatalf("drafts folder after reopening: %v, want empty", ents)
	}

	// The first edit saves the draft, with what was prefilled, private.
	if err := v.Report().Edit("indication", func(r *report.Report) error {
		r.Clinical.IndicationText = "subfertility"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checkSaved(t, v, q)
	if !strings.Contains(savedJSON(t, v), "Müller^Anna") {
		t.Error("the prefilled patient was not saved with the first edit")
	}
	ents, _ := os.ReadDir(v.opts.DraftDir)
	if len(ents) != 1 {
		t.Fatalf("drafts folder after the first edit: %v, want one file", ents)
	}
	checkMode(t, v.opts.DraftDir, 0o700)
	checkMode(t, filepath.Join(v.opts.DraftDir, ents[0].Name()), 0o600)
}

func checkMode(t *testing.T, path string, perm os.FileMode) {
	t.Helper()
	if err := privatefile.Check(path, perm); err != nil {
		t.Error(err)
	}
}

func TestReportSessionSavesEveryChange(t *testing.T) {
	v, q := openReportFixtures(t, 900, 500)
	s := v.Report()
	s.debounce = 5e6 // 5 ms
	for i, txt := range []string{"S", "Su", "Sub", "Subf"} {
		if err := s.EditText("indication", "indication", func(r *report.Report) error {
			r.Clinical.IndicationText = txt
			return nil
		}); err != nil {
			t.Fatal(i, err)
		}
	}
	if err := s.Edit("right patency", func(r *report.Report) error {
		r.Tubes.Right.Status = report.TubePresent
		r.Tubes.Right.Patency = report.Patent
		r.Tubes.Right.Spill = report.SpillFreePrompt
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checkSaved(t, v, q)
	if got := s.Report().Impression.FinalText; got == "" {
		t.Error("no impression generated")
	}

	// Reopening the study restores the report.
	want := reportJSON(t, s.Report())
	v.ShowStudy(v.Study())
	q.settle(t)
	if got := reportJSON(t, v.Report().Report()); got != want {
		t.Errorf("reopened report differs:\ngot  %s\nwant %s", got, want)
	}
}

func TestReportSessionSignAndAmend(t *testing.T) {
	v, q := openReportFixtures(t, 900, 500)
	s := v.Report()
	s.Edit("findings", func(r *report.Report) error {
		r.Uterus.CavityOpacified = new(true)
		r.Clinical.Indication = []report.Indication{report.IndicationPrimarySubfertility}
		r.Clinical.CycleDay = new(9)
		r.Clinical.PregnancyTest.Result = report.PregnancyNegative
		for _, side := range []report.Side{report.Left, report.Right} {
			tb := r.Tubes.Tube(side)
			tb.Status, tb.Patency, tb.Spill = report.TubePresent, report.Patent, report.SpillFreePrompt
		}
		return nil
	})
	var signErr error = errors.New("not called")
	s.run("signed", func(d *drafts.Draft) error {
		return d.Sign(s.Study(), report.Person{Name: "Dr Test"}, s.Report().CreatedAt)
	}, func(err error) { signErr = err })
	q.settle(t)
	if signErr != nil {
		t.Fatal(signErr)
	}
	if !s.Signed() || s.Report().ContentHash == "" {
		t.Fatalf("status %s, hash %q", s.Report().Status, s.Report().ContentHash)
	}
	if err := s.Edit("x", func(r *report.Report) error { return nil }); !errors.Is(err, drafts.ErrSigned) {
		t.Errorf("edit of a signed report: %v", err)
	}
	checkSaved(t, v, q)
}

// waitFor runs queued UI updates until cond holds.
func waitFor(t *testing.T, q *testQueue, cond func() bool) {
	t.Helper()
	q.Until(t, 20*time.Second, cond)
}

// TestReportSessionSaveFails removes the drafts folder under the session:
// the change stays shown and queued, the panel says it is not saved, and
// "save again" saves it once the folder is back.
func TestReportSessionSaveFails(t *testing.T) {
	v, q := openReportFixtures(t, 1200, 700)
	v.showReportPanel(true)
	q.settle(t)
	s, p := v.Report(), v.ReportPanel()
	dir := s.store.Dir()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := s.Edit("indication", func(r *report.Report) error {
		r.Clinical.IndicationText = "Secondary subfertility"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, q, func() bool { return s.saveErr != nil })
	if !strings.Contains(p.status.Text, "NOT SAVED") || !p.retryBtn.Visible() {
		t.Errorf("status %q, retry shown %v", p.status.Text, p.retryBtn.Visible())
	}
	if s.Report().Clinical.IndicationText != "Secondary subfertility" {
		t.Error("the change is no longer shown")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	test.Tap(p.retryBtn)
	q.settle(t)
	if s.saveErr != nil || p.retryBtn.Visible() {
		t.Errorf("after retry: %v", s.saveErr)
	}
	checkSaved(t, v, q)
}

// TestReportSeedWithinLimits: a report-draft.json beside the study goes
// through the report limits; one over them is not imported (the notes
// say why, naming the file and the limit) and a valid one seeds the
// draft, which is still written only on the first edit.
func TestReportSeedWithinLimits(t *testing.T) {
	v, q, _ := newTestHost(t, 900, 500)
	dir := openFixtures(t, v, q, hsgFixtures())
	uid := v.Study().UID
	seed := report.NewReport(uid)
	seed.Clinical.IndicationText = "from the seed"
	for range 2000 {
		seed.KeyImages = append(seed.KeyImages, report.KeyImage{Role: report.RoleSpill})
	}
	b, err := seed.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "report-draft.json")
	if err := os.WriteFile(name, b, 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open(t, []string{dir})
	q.settle(t)
	notes := strings.Join(v.Report().notes, "\n")
	if !strings.Contains(notes, name) || !strings.Contains(notes, "MaxKeyImages") {
		t.Errorf("notes %q do not say the seed is over MaxKeyImages", notes)
	}
	if v.Report().Report().Clinical.IndicationText != "" {
		t.Error("a seed over the limits was imported")
	}

	seed.KeyImages = seed.KeyImages[:4]
	if err := seed.WriteFile(name); err != nil {
		t.Fatal(err)
	}
	v.Open(t, []string{dir})
	q.settle(t)
	if got := v.Report().Report().Clinical.IndicationText; got != "from the seed" {
		t.Errorf("seeded indication %q", got)
	}
	if ents, _ := os.ReadDir(v.opts.DraftDir); len(ents) != 0 {
		t.Errorf("drafts folder after a seeded open: %v, want empty", ents)
	}
}

// TestReportLanguageChange: the report is switched to Russian whatever
// the interface speaks; the generated impression is written again in
// Russian and the saved draft says so.
func TestReportLanguageChange(t *testing.T) {
	v, q := openReportFixtures(t, 900, 500)
	s := v.Report()
	s.Edit("findings", func(r *report.Report) error {
		for _, side := range []report.Side{report.Left, report.Right} {
			tb := r.Tubes.Tube(side)
			tb.Status, tb.Patency, tb.Spill = report.TubePresent, report.Patent, report.SpillFreePrompt
		}
		assess.RefreshImpression(r)
		return nil
	})
	q.settle(t)
	if s.Report().Lang() != "en" || !strings.Contains(s.Report().Impression.Items[0].Text, "patency") {
		t.Fatalf("before: %s %+v", s.Report().Language, s.Report().Impression.Items)
	}
	var langErr error = errors.New("not called")
	v.rep.setReportLanguage("ru", func(err error) { langErr = err })
	q.settle(t)
	if langErr != nil {
		t.Fatal(langErr)
	}
	r := s.Report()
	if r.Language != "ru" || len(r.Impression.Items) == 0 || !strings.Contains(r.Impression.Items[0].Text, "проходим") {
		t.Fatalf("after: %s %+v", r.Language, r.Impression.Items)
	}
	if saved := savedJSON(t, v); !strings.Contains(saved, `"language": "ru"`) || !strings.Contains(saved, "проходим") {
		t.Errorf("saved draft not in Russian:\n%.400s", saved)
	}
}
