package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/synth"
)

// namedStudy is a small synthetic study of a patient with the given
// name, written once per name for the package's tests.
type namedStudy struct {
	dir      string
	manifest *synth.Study
}

var namedStudies sync.Map // name → func() (namedStudy, error)

func studyOfPatient(t *testing.T, name, id string, seed uint64) namedStudy {
	t.Helper()
	f, _ := namedStudies.LoadOrStore(name, sync.OnceValues(func() (namedStudy, error) {
		dir, err := os.MkdirTemp("", "hsgview-cli-named-")
		if err != nil {
			return namedStudy{}, err
		}
		tempDirs = append(tempDirs, dir)
		m, err := synth.Generate(dir, synth.Options{Rows: 256, Cols: 256, CineFrames: 2, Seed: seed, PatientName: name, PatientID: id})
		return namedStudy{dir: filepath.Join(dir, "HSG"), manifest: m}, err
	}))
	s, err := f.(func() (namedStudy, error))()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// unseenCase is a draft nobody wrote the code for: the demo draft
// changed as a radiologist might, with what validate and sign must say.
type unseenCase struct {
	name  string
	edit  func(t *testing.T, r *report.Report) string // returns the study folder, "" for the demo's
	ok    bool
	error string // a line validate prints, when refused
}

func unseenCases() []unseenCase {
	normal := func(r *report.Report) {
		r.Tubes.Left = r.Tubes.Right
		r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
	}
	return []unseenCase{
		// Wrong patient or study.
		{"another patient ID", func(t *testing.T, r *report.Report) string { r.Patient.ID = "HSG-PH-000471"; return "" }, false,
			"error: the patient ID in the draft is HSG-PH-000471, the images say HSG-PH-000417"},
		{"another patient name", func(t *testing.T, r *report.Report) string { r.Patient.Name = "Müller-Łukasiewicz^Zofia"; return "" }, false,
			"error: the patient name in the draft is Müller-Łukasiewicz, Zofia, the images say Müller-Łukasiewicz, Zoë"},
		{"another birth date", func(t *testing.T, r *report.Report) string { r.Patient.BirthDate = "1991-07-19"; return "" }, false,
			"error: the birth date in the draft is 1991-07-19, the images say 1991-07-18"},
		{"another study", func(t *testing.T, r *report.Report) string { r.Study.StudyInstanceUID = "2.25.1234"; return "" }, false,
			"error: the study in the draft is 2.25.1234, the images are of study "},
		{"the draft of another patient's study", func(t *testing.T, r *report.Report) string {
			return studyOfPatient(t, "Иванова^Мария^Петровна", "RU-5521", 7).dir
		}, false, "error: the patient ID in the draft is HSG-PH-000417, the images say RU-5521"},
		// Impossible tubes.
		{"patent tube with a hydrosalpinx", func(t *testing.T, r *report.Report) string {
			r.Tubes.Left.Patency, r.Tubes.Left.Spill, r.Tubes.Left.OcclusionSite, r.Tubes.Left.OcclusionQualifier = report.Patent, report.SpillLoculated, "", ""
			return ""
		}, false, "error: a hydrosalpinx of the left tube is recorded with a patent tube"},
		{"hydrosalpinx behind a cornual block", func(t *testing.T, r *report.Report) string {
			r.Tubes.Left.OcclusionSite = report.SiteCornual
			return ""
		}, false, "error: a hydrosalpinx of the left tube is recorded with a cornual block"},
		{"spill from an occluded tube", func(t *testing.T, r *report.Report) string {
			r.Tubes.Right.Patency, r.Tubes.Right.OcclusionSite = report.Occluded, report.SiteAmpullary
			return ""
		}, false, "error: the right tube is recorded as occluded, yet with spill (free, prompt)"},
		{"findings on a removed tube", func(t *testing.T, r *report.Report) string {
			r.Tubes.Left.Status = report.TubeSurgicallyAbsent
			return ""
		}, false, "error: the left tube is recorded as surgically absent, yet with patency (occluded)"},
		// Incomplete or implausible.
		{"no clinical data", func(t *testing.T, r *report.Report) string { r.Clinical = report.Clinical{}; return "" }, false,
			"error: the indication is not recorded"},
		{"LMP after the study", func(t *testing.T, r *report.Report) string {
			r.Clinical.LMPDate, r.Clinical.CycleDay = "2026-03-20", nil
			return ""
		}, false, "error: the last menstrual period (2026-03-20) is after the study date (2026-03-12)"},
		{"a DAP of 500 Gy·cm²", func(t *testing.T, r *report.Report) string {
			r.Technique.Dose.DAPTotal = &report.Quantity{Value: new(500.0), Unit: mark.UnitGyCm2}
			r.Technique.Dose.DAPTotalGyCm2 = new(500.0)
			return ""
		}, false, "error: a dose-area product of 500 Gy·cm² is not possible for an HSG"},
		{"perforation not communicated", func(t *testing.T, r *report.Report) string {
			r.Complications = report.Complications{Items: []report.Complication{{Type: report.UterinePerforation}}}
			return ""
		}, false, "error: Uterine perforation needs urgent communication: record who was told, when and how"},
		// Sound reports.
		{"the demo: left hydrosalpinx", func(t *testing.T, r *report.Report) string { return "" }, true, ""},
		{"normal", func(t *testing.T, r *report.Report) string { normal(r); return "" }, true, ""},
		{"bilateral proximal occlusion", func(t *testing.T, r *report.Report) string {
			occl := report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone, Patency: report.Occluded,
				OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionDefinite, Spill: report.SpillNone}
			r.Tubes.Right, r.Tubes.Left = occl, occl
			r.Peritoneum = report.Peritoneum{SpillPattern: report.PatternNone, DelayedFindings: []report.DelayedFinding{report.DelayedNoContrast}}
			return ""
		}, true, ""},
		{"distal occlusion without hydrosalpinx", func(t *testing.T, r *report.Report) string {
			r.Tubes.Left.Hydrosalpinx = report.Hydrosalpinx{Present: new(false)}
			r.Tubes.Left.OcclusionSite = report.SiteAmpullary
			r.Annotations = nil
			r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
			return ""
		}, true, ""},
		{"partial distal occlusion with loculated spill", func(t *testing.T, r *report.Report) string {
			l := &r.Tubes.Left
			l.Patency, l.Spill, l.OcclusionSite, l.OcclusionQualifier, l.PartialDistalOcclusion = report.Patent, report.SpillLoculated, "", "", new(true)
			r.Peritoneum.SpillPattern = report.PatternMixed
			return ""
		}, true, ""},
		{"salpingitis isthmica nodosa", func(t *testing.T, r *report.Report) string {
			normal(r)
			r.Tubes.Right.SalpingitisIsthmicaNodosa = new(true)
			return ""
		}, true, ""},
		{"septate or bicornuate uterus", func(t *testing.T, r *report.Report) string {
			normal(r)
			r.Uterus.Shape = report.ShapeTwoHorns
			r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(true), ASRM: report.ASRMSeptateOrBicornuate, ESHREUterine: report.U2OrU3,
				Certainty: report.Probable, ConfirmationRecommended: report.ConfirmMRI}
			return ""
		}, true, ""},
		{"LMP unknown, with the reason", func(t *testing.T, r *report.Report) string {
			r.Clinical.CycleDay, r.Clinical.LMPDate, r.Clinical.LMPUnknownReason = nil, "", "amenorrhoea on the combined pill"
			return ""
		}, true, ""},
		{"perforation communicated", func(t *testing.T, r *report.Report) string {
			r.Complications = report.Complications{Items: []report.Complication{{Type: report.UterinePerforation}},
				UrgentCommunication: &report.UrgentCommunication{Recipient: "Dr N. Gynaecologist, on call", At: "2026-03-12T10:05:00+01:00", Method: "telephone"}}
			return ""
		}, true, ""},
		{"Cyrillic name", func(t *testing.T, r *report.Report) string {
			s := studyOfPatient(t, "Иванова^Мария^Петровна", "RU-5521", 7)
			moveTo(t, r, s, "ИВАНОВА, МАРИЯ ПЕТРОВНА")
			return s.dir
		}, true, ""},
		{"Turkish name", func(t *testing.T, r *report.Report) string {
			s := studyOfPatient(t, "Yılmaz^Ayşe^İpek", "TR-0099", 11)
			moveTo(t, r, s, "YILMAZ^AYŞE^İPEK")
			return s.dir
		}, true, ""},
	}
}

// moveTo makes r the draft of another study as a radiologist would type
// it: the study's UIDs and the patient's name in another spelling.
func moveTo(t *testing.T, r *report.Report, s namedStudy, typed string) {
	t.Helper()
	c, err := dicomio.Open([]string{s.dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st := c.Studies[0]
	r.Study = report.Study{StudyInstanceUID: st.UID}
	r.Patient = report.Patient{}
	r.KeyImages, r.Annotations = nil, nil
	r.Tubes.Left.Hydrosalpinx.MaxDiameterMM, r.Tubes.Left.Hydrosalpinx.MeasurementBasis = nil, ""
	r.Tubes.Left.AnnotationIDs = nil
	r.Technique.DelayedImage.Image = nil
	r.Prefilled = nil
	if _, err := r.Prefill(st, nil); err != nil {
		t.Fatal(err)
	}
	r.Patient.Name = typed
}

// TestUnseenDrafts runs validate and sign on drafts nobody wrote the code
// for: wrong patients, impossible tubes and incomplete drafts are refused
// with their reason in words; sound reports validate and sign.
func TestUnseenDrafts(t *testing.T) {
	d := demoStudy(t)
	for _, c := range unseenCases() {
		t.Run(c.name, func(t *testing.T) {
			var studyDir string
			study, draft := editDraft(t, d.dir, func(r *report.Report) {
				studyDir = c.edit(t, r)
				assess.RefreshImpression(r)
			})
			if studyDir != "" {
				study = studyDir
			}
			code, stdout, stderr := runCLI("validate", "--study", study, draft)
			for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
				if l != "" && !strings.HasPrefix(l, "error: ") && !strings.HasPrefix(l, "warning: ") {
					t.Errorf("validate: line %q is not a problem", l)
				}
				if m := snakeCase(l); m != "" {
					t.Errorf("validate: %q holds the code %q", l, m)
				}
			}
			before, _ := os.ReadFile(draft)
			sc, sout, serr := runCLI("sign", "--study", study, "--draft", draft, "--by", "Dr B. Radiologist")
			after, _ := os.ReadFile(draft)
			signed, err := report.ReadFile(draft)
			if err != nil {
				t.Fatal(err)
			}
			if c.ok {
				if code != ExitOK || strings.Contains(stdout, "error: ") {
					t.Fatalf("validate refused a sound report: exit %d\n%s%s", code, stdout, stderr)
				}
				if sc != ExitOK || !signed.Status.Signed() || signed.Author.Name != "Dr B. Radiologist" || !strings.HasPrefix(sout, "signed ") {
					t.Fatalf("sign: exit %d, status %s\n%s%s", sc, signed.Status, sout, serr)
				}
				if issues := assess.Validate(signed); assess.HasErrors(issues) {
					t.Errorf("the signed file has errors: %v", issues)
				}
				return
			}
			if code != ExitPartial || !strings.Contains(stdout, c.error) {
				t.Errorf("validate: exit %d, want 1 with %q:\n%s%s", code, c.error, stdout, stderr)
			}
			if sc != ExitPartial || !strings.Contains(serr, c.error) || !bytes.Equal(before, after) || signed.Status.Signed() {
				t.Errorf("sign: exit %d, want 1 with %q and the draft unchanged:\n%s", sc, c.error, serr)
			}
		})
	}
}

func snakeCase(s string) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '(' || r == ')' || r == ':' || r == '.'
	}) {
		if strings.Contains(w, "_") {
			return w
		}
	}
	return ""
}

// TestSignUsage checks the usage errors of validate and sign, and that
// a signed report is not signed again.
func TestSignUsage(t *testing.T) {
	d := demoStudy(t)
	study, draft := reportDemo(t, d.dir)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"validate", draft}, "need --study and one draft"},
		{[]string{"validate", "--study", study}, "need --study and one draft"},
		{[]string{"validate", "--study", study, draft, draft}, "need --study and one draft"},
		{[]string{"sign", "--study", study, "--draft", draft}, "need --study, --draft and --by"},
		{[]string{"sign", "--study", study, "--by", "Dr X"}, "need --study, --draft and --by"},
		{[]string{"sign", "--bogus"}, "flag provided but not defined"},
	} {
		if code, _, stderr := runCLI(c.args...); code != ExitUsage || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want 2 with %q", c.args, code, stderr, c.msg)
		}
	}
	if code, _, stderr := runCLI("validate", "--study", study, draft+".none"); code != ExitPartial || stderr == "" {
		t.Errorf("validate of a missing draft: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("sign", "--study", study, "--draft", draft, "--by", "Dr X"); code != ExitOK {
		t.Fatalf("sign: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCLI("sign", "--study", study, "--draft", draft, "--by", "Dr Y"); code != ExitPartial || !strings.Contains(stderr, "already signed (version 1)") {
		t.Errorf("signed twice: exit %d, %q", code, stderr)
	}
}

// TestSignInDraftsStore checks that a draft in the viewer's drafts folder
// is signed through the store: the working copy and the version file.
func TestSignInDraftsStore(t *testing.T) {
	d := demoStudy(t)
	store, err := drafts.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Save(d.draft); err != nil {
		t.Fatal(err)
	}
	uid := d.draft.Study.StudyInstanceUID
	path := filepath.Join(store.Dir(), drafts.FileName(uid))
	if code, _, stderr := runCLI("sign", "--study", filepath.Join(d.dir, "HSG"), "--draft", path, "--by", "Dr X"); code != ExitOK {
		t.Fatalf("sign: exit %d, %s", code, stderr)
	}
	if vs, err := store.Versions(uid); err != nil || !slices.Equal(vs, []int{1}) {
		t.Errorf("versions %v, %v", vs, err)
	}
	if r, err := store.Load(uid); err != nil || r.Status != report.StatusFinal {
		t.Errorf("working copy: %v, %v", r, err)
	}
}

// TestReportRefusesOtherPatient checks that report exports nothing for a
// draft whose patient differs from the images.
func TestReportRefusesOtherPatient(t *testing.T) {
	d := demoStudy(t)
	study, draft := editDraft(t, d.dir, func(r *report.Report) { r.Patient.ID = "HSG-PH-000471" })
	out := filepath.Join(t.TempDir(), "r.pdf")
	code, _, stderr := runCLI("report", "--study", study, "--draft", draft, "--out", out)
	if code != ExitPartial || !strings.Contains(stderr, "the patient ID in the draft is HSG-PH-000471, the images say HSG-PH-000417") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written")
	}
}
