package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/internal/testutil"
)

// reportFixture writes the demo study and its draft (annotate.WriteDemo)
// into a temporary folder for the subtests of one test.
func reportFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := demo.WriteDemo(dir); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return dir
}

// reportDemo returns the demo study folder under dir and a copy of its
// draft that the test may change.
func reportDemo(t *testing.T, dir string) (study, draft string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "report-draft.json"))
	if err != nil {
		t.Fatal(err)
	}
	draft = filepath.Join(t.TempDir(), "draft.json")
	if err := os.WriteFile(draft, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "HSG"), draft
}

// TestReportAndImpression runs the report and impression commands on the
// demo study, written once for all the subtests.
func TestReportAndImpression(t *testing.T) {
	dir := reportFixture(t)
	t.Run("PDF and Encapsulated PDF", func(t *testing.T) { testReportWritesPDFAndEncapsulatedPDF(t, dir) })
	t.Run("prefill and key images", func(t *testing.T) { testReportPrefillsAndPicksKeyImages(t, dir) })
	t.Run("errors", func(t *testing.T) { testReportErrors(t, dir) })
	t.Run("DICOM only of signed reports", func(t *testing.T) { testReportDICOMSignedOnly(t, dir) })
	t.Run("output over input", func(t *testing.T) { testReportOutputOverInput(t, dir) })
	t.Run("impression", func(t *testing.T) { testImpressionCommand(t, dir) })
	t.Run("stale impression regenerated", func(t *testing.T) { testReportRegeneratesStaleImpression(t, dir) })
	t.Run("edited impression kept", func(t *testing.T) { testReportKeepsEditedImpression(t, dir) })
	t.Run("empty impression generated", func(t *testing.T) { testReportFillsEmptyImpression(t, dir) })
	t.Run("validation warnings", func(t *testing.T) { testReportWarnsOnContradictions(t, dir) })
	t.Run("signed report printed as signed", func(t *testing.T) { testReportSignedAsSigned(t, dir) })
	t.Run("delayed film in another study", func(t *testing.T) { testReportLinkedDelayedFilm(t, dir) })
	t.Run("language", func(t *testing.T) { testReportLanguage(t, dir) })
}

// testReportSignedAsSigned checks that a signed report whose findings no
// longer give its impression is printed as signed, with warnings.
func testReportSignedAsSigned(t *testing.T, dir string) {
	var signed string
	study, draft := editDraft(t, dir, func(r *report.Report) {
		if err := assess.Sign(r, report.Person{Name: "Dr B. Radiologist"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		signed = r.Impression.Items[1].Text
		leftTubeNowPatent(r) // changed after signing: the validator says so
	})
	text, stderr := reportText(t, study, draft)
	if !strings.Contains(text, strings.Join(strings.Fields(signed), " ")) {
		t.Errorf("the signed impression was not printed as signed:\n%s", text)
	}
	if !strings.Contains(stderr, "warning: /contentHash: ") || !strings.Contains(stderr, "warning: signed report: impression sentence 2 ") {
		t.Errorf("stderr lacks the warnings for a signed report changed since: %q", stderr)
	}
}

// editDraft applies edit to the demo draft, writes it and returns the
// study folder and the draft's path.
func editDraft(t *testing.T, dir string, edit func(r *report.Report)) (study, draft string) {
	t.Helper()
	study, draft = reportDemo(t, dir)
	r, err := report.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}
	edit(r)
	if err := r.WriteFile(draft); err != nil {
		t.Fatal(err)
	}
	return study, draft
}

// reportText runs the report command on a draft and returns the PDF's
// text (whitespace folded) and stderr; the PDF must pass qpdf --check.
func reportText(t *testing.T, study, draft string) (text, stderr string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.pdf")
	code, _, stderr := runCLI("report", "--study", study, "--draft", draft, "--out", out, "--settings", writeReportSettings(t))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tool(t, "qpdf", "--check", out)
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if l != "" && !strings.HasPrefix(l, "warning: ") {
			t.Errorf("stderr line is not a warning: %q", l)
		}
	}
	return strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", out, "-")), " "), stderr
}

// leftTubeNowPatent changes the demo's left tube, occluded with a
// hydrosalpinx when the impression was written, to patent with free
// spill, leaving the site of occlusion the form kept.
func leftTubeNowPatent(r *report.Report) {
	l := &r.Tubes.Left
	l.Patency, l.Spill = report.Patent, report.SpillFreePrompt
	l.Hydrosalpinx = report.Hydrosalpinx{}
	r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
	r.Annotations = nil
	l.AnnotationIDs = nil
}

func testReportRegeneratesStaleImpression(t *testing.T, dir string) {
	study, draft := editDraft(t, dir, leftTubeNowPatent)
	r, _ := report.ReadFile(draft)
	if !strings.Contains(r.Impression.Items[1].Text, "Left hydrosalpinx") || r.Impression.Items[1].Edited() {
		t.Fatalf("the fixture's stored impression is not the stale automatic one: %+v", r.Impression.Items)
	}
	text, stderr := reportText(t, study, draft)
	if !strings.Contains(strings.ToLower(text), "bilateral tubal patency with free intraperitoneal spill") {
		t.Errorf("the impression was not generated again:\n%s", text)
	}
	for _, stale := range []string{"hydrosalpinx", "Fimbrial", "Site of occlusion", "Hull & Rutherford", "Grade II"} {
		if strings.Contains(text, stale) {
			t.Errorf("the PDF prints %q, which the findings no longer support", stale)
		}
	}
	if !strings.Contains(stderr, "warning: /tubes/left/occlusionSite: ") {
		t.Errorf("no warning for the site of occlusion of a patent tube: %q", stderr)
	}
	if strings.Contains(stderr, "impression sentence") {
		t.Errorf("an automatic sentence was reported as edited: %q", stderr)
	}
}

func testReportKeepsEditedImpression(t *testing.T, dir string) {
	const mine = "Left hydrosalpinx of about 14 mm, worded by the radiologist."
	study, draft := editDraft(t, dir, func(r *report.Report) {
		r.Impression.Items[1].Text = mine // edited; generatedText stays
		r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(21.0)
	})
	text, stderr := reportText(t, study, draft)
	if !strings.Contains(text, mine) {
		t.Errorf("the edited sentence is not printed:\n%s", text)
	}
	if strings.Contains(text, "≈14 mm, mucosal folds reduced") || strings.Contains(text, "≈21 mm, mucosal folds reduced) with") {
		t.Error("the edited sentence was replaced by a generated one")
	}
	if !strings.Contains(text, "Right tube patent with free intraperitoneal spill.") || !strings.Contains(text, "Normal uterine cavity.") {
		t.Error("the automatic sentences are missing")
	}
	var warn []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "impression sentence 2 was edited") {
			warn = append(warn, l)
		}
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "≈21 mm") {
		t.Errorf("want one warning naming the edited sentence and what the findings now give, stderr:\n%s", stderr)
	}
}

func testReportFillsEmptyImpression(t *testing.T, dir string) {
	study, draft := editDraft(t, dir, func(r *report.Report) {
		r.Impression.Items = []report.ImpressionItem{}
		r.Impression.FinalText = ""
	})
	r, err := report.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}
	want := assess.GenerateImpression(r)
	if len(want) < 3 {
		t.Fatalf("the demo's findings give %d sentences", len(want))
	}
	text, _ := reportText(t, study, draft)
	i := strings.Index(text, "IMPRESSION")
	if i < 0 {
		t.Fatalf("no IMPRESSION section:\n%s", text)
	}
	for _, it := range want {
		if !strings.Contains(text[i:], strings.Join(strings.Fields(it.Text), " ")) {
			t.Errorf("the impression lacks %q", it.Text)
		}
	}
}

func testReportWarnsOnContradictions(t *testing.T, dir string) {
	study, draft := editDraft(t, dir, func(r *report.Report) {
		r.Tubes.Left.Patency = report.Patent // with spill "none" and a hydrosalpinx
	})
	_, stderr := reportText(t, study, draft)
	if !strings.Contains(stderr, "warning: /tubes/left/spill: the left tube is recorded as patent but with no spill") {
		t.Errorf("report: no warning for a patent tube without spill: %q", stderr)
	}
	code, stdout, stderr := runCLI("impression", draft)
	if code != ExitOK || stdout == "" {
		t.Fatalf("impression: exit %d, stdout %q", code, stdout)
	}
	if !strings.Contains(stderr, "warning: /tubes/left/spill: ") {
		t.Errorf("impression: no warning for a patent tube without spill: %q", stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, "warning: ") {
			t.Errorf("impression: stderr line %q", l)
		}
	}
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code, _ = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pdfImageCount returns the number of images pdfimages lists.
func pdfImageCount(t *testing.T, pdf string) int {
	n := 0
	for _, l := range strings.Split(tool(t, "pdfimages", "-list", pdf), "\n") {
		// Key images are JPEG; the DRAFT watermark is a PNG with a mask.
		if f := strings.Fields(l); len(f) > 8 && f[2] == "image" && f[8] == "jpeg" {
			n++
		}
	}
	return n
}

func testReportWritesPDFAndEncapsulatedPDF(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	out := filepath.Join(t.TempDir(), "report.pdf")
	dcm := filepath.Join(t.TempDir(), "report.dcm")
	code, stdout, stderr := runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--dicom", dcm, "--allow-draft", "--settings", writeReportSettings(t))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote "+out) || !strings.Contains(stdout, "5 key images") || !strings.Contains(stdout, "wrote "+dcm) {
		t.Errorf("stdout: %s", stdout)
	}
	for _, p := range []string{out, dcm} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", p, st.Mode().Perm())
		}
	}
	draft, err := report.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	tool(t, "qpdf", "--check", out)
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-raw", out, "-")), " ")
	for _, want := range []string{"Müller-Łukasiewicz, Zoë", "HSG-PH-000417", "Demo Clinic", "Left tube", "Fimbrial, distal"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for _, it := range draft.Impression.Items {
		if !strings.Contains(text, strings.Join(strings.Fields(it.Text), " ")) {
			t.Errorf("PDF lacks the impression sentence %q", it.Text)
		}
	}
	if n := pdfImageCount(t, out); n != len(draft.KeyImages) {
		t.Errorf("%d images in the PDF, %d key images", n, len(draft.KeyImages))
	}

	// The Encapsulated PDF is valid and a document of the same study.
	for _, l := range strings.Split(tool(t, "dciodvfy", dcm), "\n") {
		if strings.HasPrefix(l, "Error") {
			t.Errorf("dciodvfy: %s", l)
		}
	}
	doc, code := runInfoJSON(t, studyDir, dcm)
	if code != ExitOK || len(doc.Studies) != 1 {
		t.Fatalf("info: exit %d, %d studies", code, len(doc.Studies))
	}
	s := doc.Studies[0]
	if s.StudyInstanceUID != draft.Study.StudyInstanceUID || len(s.Documents) != 1 ||
		s.Documents[0].SOPClassUID != reportpdf.SOPClassEncapsulatedPDF || s.Documents[0].Modality != "DOC" {
		t.Errorf("info lists %+v", s.Documents)
	}
	// The export is recorded in the draft.
	if e := draft.Exports.PDF; e.SOPInstanceUID != s.Documents[0].SOPInstanceUID || e.SOPClassUID != reportpdf.SOPClassEncapsulatedPDF {
		t.Errorf("export record %+v", e)
	}
	var info bytes.Buffer
	Run([]string{"info", studyDir, dcm}, &info, &bytes.Buffer{})
	if !strings.Contains(info.String(), "document DOC "+dcm) {
		t.Errorf("info tree does not list the document:\n%s", info.String())
	}
}

func writeReportSettings(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "settings.json")
	s := reportpdf.Settings{Institution: "Demo Clinic", Department: "Radiology", AddressLines: []string{"1 Example Street"}}
	if err := s.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func testReportPrefillsAndPicksKeyImages(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	r, err := report.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	// A draft with the findings only: no header, no key images, and a
	// referring physician the user typed.
	r.Patient = report.Patient{}
	r.Study.AccessionNumber = ""
	r.Study.ReferringPhysician = "Dr Typed By Hand"
	r.Prefilled = nil
	r.KeyImages = nil
	if err := r.WriteFile(draftPath); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(draftPath)
	out := filepath.Join(t.TempDir(), "letter.pdf")
	code, _, stderr := runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--paper", "letter", "--settings", writeReportSettings(t))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-raw", out, "-")), " ")
	for _, want := range []string{"HSG-PH-000417", "A26031247", "Müller-Łukasiewicz, Zoë", "Dr Typed By Hand",
		"Early uterine filling", "Late uterine / early tubal filling", "Free spill", "Delayed image +25 min"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "Agnieszka") {
		t.Error("the draft's referring physician was overwritten")
	}
	// The four checklist images and the delayed one.
	if n := pdfImageCount(t, out); n != 5 {
		t.Errorf("%d key images", n)
	}
	if info := tool(t, "pdfinfo", out); !strings.Contains(info, "(letter)") {
		t.Errorf("not Letter:\n%s", info)
	}
	// Without --dicom the draft is not touched.
	if after, _ := os.ReadFile(draftPath); !bytes.Equal(before, after) {
		t.Error("the draft was rewritten")
	}
}

func testReportErrors(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	out := filepath.Join(t.TempDir(), "r.pdf")
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"schemaVersion":"1.0",`), 0o600)
	other := filepath.Join(t.TempDir(), "other.json")
	r := report.NewReport("1.2.3.4.5")
	r.WriteFile(other)
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no out", []string{"--study", studyDir, "--draft", draftPath}, ExitUsage, "need --study, --draft and --out"},
		{"no study", []string{"--draft", draftPath, "--out", out}, ExitUsage, "need --study"},
		{"extra argument", []string{"--study", studyDir, "--draft", draftPath, "--out", out, "x"}, ExitUsage, "need --study"},
		{"bad paper", []string{"--study", studyDir, "--draft", draftPath, "--out", out, "--paper", "A5"}, ExitUsage, "A4 or Letter"},
		{"bad flag", []string{"--bogus"}, ExitUsage, "flag provided but not defined"},
		{"unreadable draft", []string{"--study", studyDir, "--draft", bad, "--out", out}, ExitPartial, "read report"},
		{"missing draft", []string{"--study", studyDir, "--draft", bad + ".none", "--out", out}, ExitPartial, "read report"},
		{"other study", []string{"--study", studyDir, "--draft", other, "--out", out}, ExitPartial, "the study in the draft is 1.2.3.4.5, the images are of study"},
		{"missing settings", []string{"--study", studyDir, "--draft", draftPath, "--out", out, "--settings", bad + ".none"}, ExitPartial, "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(append([]string{"report"}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, stderr, c.code, c.msg)
			}
			if c.code == ExitPartial && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("error is not one line: %q", stderr)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed report wrote a PDF")
	}
}

func testImpressionCommand(t *testing.T, dir string) {
	_, draftPath := reportDemo(t, dir)
	r, err := report.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	// An edited sentence is not printed: the command shows what the
	// findings generate.
	r.Impression.Items[0].Text = "Edited by hand."
	r.WriteFile(draftPath)
	code, stdout, stderr := runCLI("impression", draftPath)
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var want []string
	for _, it := range assess.GenerateImpression(r) {
		want = append(want, it.Text)
	}
	if stdout != strings.Join(want, "\n")+"\n" || len(want) < 3 {
		t.Errorf("impression:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
	}
	if strings.Contains(stdout, "Edited by hand") {
		t.Error("printed the edited text")
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o600)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{bad}, ExitPartial},
		{[]string{bad + ".missing"}, ExitPartial},
		{nil, ExitUsage},
		{[]string{draftPath, draftPath}, ExitUsage},
		{[]string{"--x", draftPath}, ExitUsage},
	} {
		code, stdout, stderr := runCLI(append([]string{"impression"}, c.args...)...)
		if code != c.code || stdout != "" {
			t.Errorf("impression %v: exit %d, stdout %q", c.args, code, stdout)
		}
		if code == ExitPartial && (strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "hsgview: impression: ")) {
			t.Errorf("impression %v: stderr %q is not one line", c.args, stderr)
		}
	}
}

// testReportLinkedDelayedFilm files the demo's delayed film under its own
// study and accession (a copy, with dcmodify): the report still finds it
// as the delayed image and prints it among the key images.
func testReportLinkedDelayedFilm(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	linked := filepath.Join(t.TempDir(), "HSG")
	if err := os.CopyFS(linked, os.DirFS(studyDir)); err != nil {
		t.Fatal(err)
	}
	films, _ := filepath.Glob(filepath.Join(linked, "S04_delayed", "*.dcm"))
	if len(films) == 0 {
		t.Fatal("the demo has no S04_delayed film")
	}
	args := append([]string{"-nb", "-m", "(0020,000d)=1.2.826.0.1.3680043.10.1078.4242", "-m", "(0008,0050)=ACC-FILM"}, films...)
	tool(t, "dcmodify", args...)
	out := filepath.Join(t.TempDir(), "report.pdf")
	code, stdout, stderr := runCLI("report", "--study", linked, "--draft", draftPath, "--out", out, "--settings", writeReportSettings(t))
	if code != ExitOK || !strings.Contains(stdout, "5 key images") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if n := pdfImageCount(t, out); n != 5 {
		t.Errorf("%d images in the PDF, want 5 with the delayed film", n)
	}
}

// A draft is written as DICOM only with --allow-draft, marked not
// verified; a signed report is, into --dicom-out, under UIDs that do not
// change when it is sent again; the patient is the images' even when the
// draft names another.
func testReportDICOMSignedOnly(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	draft, err := report.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	// The name as the viewer would print it, not as the images spell
	// it: the identity guard accepts it, and the DICOM object must still
	// carry the images' own value.
	draft.Patient.Name = dicomtext.FormatPersonName(draft.Patient.Name)
	if err := draft.WriteFile(draftPath); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.pdf")
	dcmDir := filepath.Join(t.TempDir(), "dicom")
	code, _, stderr := runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--dicom-out", dcmDir)
	if code != ExitPartial || !strings.Contains(stderr, "not signed") || !strings.Contains(stderr, "--allow-draft") {
		t.Errorf("draft without --allow-draft: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the refused command wrote the PDF")
	}
	if _, err := os.Stat(dcmDir); err == nil {
		t.Error("the refused command made the DICOM folder")
	}

	code, _, stderr = runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--dicom-out", dcmDir, "--allow-draft")
	if code != ExitOK {
		t.Fatalf("--allow-draft: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dcmDir, "*.dcm"))
	in := reportObjectsIn(t, files)
	if title := in.Header().String(dicomio.NewTag(0x0042, 0x0010)); !strings.HasSuffix(title, "(DRAFT, NOT VERIFIED)") {
		t.Errorf("draft title %q", title)
	}
	coll, err := dicomio.Open([]string{studyDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer coll.Close()
	if want := coll.Studies[0].Images[0].Patient; in.Patient != want {
		t.Errorf("DICOM patient %+v, images %+v", in.Patient, want)
	}
	os.RemoveAll(dcmDir)

	// Signed: no flag needed; sent twice, the same object.
	draft, _ = report.ReadFile(draftPath)
	draft.Exports = report.Exports{}
	signReportForTest(t, draft)
	if err := draft.WriteFile(draftPath); err != nil {
		t.Fatal(err)
	}
	var names []string
	for range 2 {
		code, _, stderr = runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--dicom-out", dcmDir)
		if code != ExitOK {
			t.Fatalf("signed: exit %d: %s", code, stderr)
		}
		files, _ = filepath.Glob(filepath.Join(dcmDir, "*.dcm"))
		names = append(names, strings.Join(files, ","))
	}
	if names[0] != names[1] {
		t.Errorf("signed report sent twice: %v", names)
	}
	for _, f := range files {
		for _, l := range strings.Split(tool(t, "dciodvfy", f), "\n") {
			if strings.HasPrefix(l, "Error") {
				t.Errorf("dciodvfy %s: %s", filepath.Base(f), l)
			}
		}
	}
	in = reportObjectsIn(t, files)
	if title := in.Header().String(dicomio.NewTag(0x0042, 0x0010)); strings.Contains(title, "DRAFT") {
		t.Errorf("signed title %q", title)
	}
}

// An output path that is an input is refused before anything is written.
func testReportOutputOverInput(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	before, _ := os.ReadFile(draftPath)
	for _, args := range [][]string{
		{"--out", draftPath},
		{"--out", filepath.Join(filepath.Dir(draftPath), ".", filepath.Base(draftPath))},
		{"--out", filepath.Join(t.TempDir(), "r.pdf"), "--dicom", draftPath, "--allow-draft"},
		{"--out", filepath.Join(t.TempDir(), "r.pdf"), "--dicom-out", studyDir, "--dicom", "x.dcm"},
	} {
		code, _, stderr := runCLI(append([]string{"report", "--study", studyDir, "--draft", draftPath}, args...)...)
		if code != ExitUsage || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	if after, _ := os.ReadFile(draftPath); !bytes.Equal(before, after) {
		t.Error("the draft was changed")
	}
}

func signReportForTest(t *testing.T, r *report.Report) {
	t.Helper()
	if err := assess.Sign(r, report.Person{Name: "Dr B. Radiologist"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
}

// reportObjectsIn checks that files hold the report's DICOM objects — one
// Encapsulated PDF, one Comprehensive SR, one Key Object Selection and at
// least one presentation state — and returns the Encapsulated PDF.
func reportObjectsIn(t *testing.T, files []string) *dicomio.Instance {
	t.Helper()
	classes := map[string][]*dicomio.Instance{}
	for _, f := range files {
		in, err := dicomio.OpenFile(f)
		if err != nil {
			t.Fatal(err)
		}
		classes[in.SOPClassUID] = append(classes[in.SOPClassUID], in)
	}
	const pdf, sr, kos, gsps = "1.2.840.10008.5.1.4.1.1.104.1", "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.5.1.4.1.1.11.1"
	if len(classes[pdf]) != 1 || len(classes[sr]) != 1 || len(classes[kos]) != 1 || len(classes[gsps]) == 0 || len(classes) != 4 {
		t.Fatalf("--dicom-out holds %d files of classes %v; want one PDF, SR and KOS and the presentation states", len(files), classes)
	}
	return classes[pdf][0]
}
