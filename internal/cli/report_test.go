package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"hsgview/annotate"
	"hsgview/internal/testutil"
)

// reportFixture writes the demo study and its draft (annotate.WriteDemo)
// into a temporary folder for the subtests of one test.
func reportFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := annotate.WriteDemo(dir); err != nil {
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
	t.Run("impression", func(t *testing.T) { testImpressionCommand(t, dir) })
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
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

func testReportWritesPDFAndEncapsulatedPDF(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	out := filepath.Join(t.TempDir(), "report.pdf")
	dcm := filepath.Join(t.TempDir(), "report.dcm")
	code, stdout, stderr := runCLI("report", "--study", studyDir, "--draft", draftPath, "--out", out, "--dicom", dcm, "--settings", writeReportSettings(t))
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
	draft, err := annotate.ReadFile(draftPath)
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
		s.Documents[0].SOPClassUID != annotate.SOPClassEncapsulatedPDF || s.Documents[0].Modality != "DOC" {
		t.Errorf("info lists %+v", s.Documents)
	}
	// The export is recorded in the draft.
	if e := draft.Exports.PDF; e.SOPInstanceUID != s.Documents[0].SOPInstanceUID || e.SOPClassUID != annotate.SOPClassEncapsulatedPDF {
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
	s := annotate.Settings{Institution: "Demo Clinic", Department: "Radiology", AddressLines: []string{"1 Example Street"}}
	if err := s.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func testReportPrefillsAndPicksKeyImages(t *testing.T, dir string) {
	studyDir, draftPath := reportDemo(t, dir)
	r, err := annotate.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	// A draft with the findings only: no header, no key images, and a
	// referring physician the user typed.
	r.Patient = annotate.Patient{}
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
		"Early filling", "Full distension", "Spill", "Delayed +25 min"} {
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
	r := annotate.NewReport("1.2.3.4.5")
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
		{"other study", []string{"--study", studyDir, "--draft", other, "--out", out}, ExitPartial, "no study with the draft's Study Instance UID"},
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
	r, err := annotate.ReadFile(draftPath)
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
	for _, it := range annotate.GenerateImpression(r) {
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
