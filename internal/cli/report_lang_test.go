package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
)

// testReportLanguage: --lang prints the PDF in English or Russian
// whatever the draft's language, leaves the draft file alone, refuses a
// language it does not have, and prints a signed report as signed.
func testReportLanguage(t *testing.T, dir string) {
	study, draft := reportDemo(t, dir)
	before, err := os.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}
	pdfText := func(args ...string) (string, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "report.pdf")
		code, _, stderr := runCLI(append([]string{"report", "--study", study, "--draft", draft, "--out", out, "--settings", writeReportSettings(t)}, args...)...)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		tool(t, "qpdf", "--check", out)
		return strings.Join(strings.Fields(tool(t, "pdftotext", "-raw", out, "-")), " "), stderr
	}

	ru, _ := pdfText("--lang", "ru")
	for _, want := range []string{"ЗАКЛЮЧЕНИЕ", "МЕТОДИКА", "ОПИСАНИЕ", "Ф.И.О. Müller-Łukasiewicz, Zoë", "Дата рождения 18.07.1991",
		"Объем контрастного вещества 10 мл", "Время рентгеноскопии 42 с", "1,67 Гр·см² (16,7 дГр·см²", "Стр. 1 из "} {
		if !strings.Contains(ru, want) {
			t.Errorf("--lang ru: the PDF lacks %q:\n%s", want, ru)
		}
	}
	for _, english := range []string{"IMPRESSION", "TECHNIQUE", "Date of birth", "Page 1 / "} {
		if strings.Contains(ru, english) {
			t.Errorf("--lang ru: the PDF prints %q", english)
		}
	}
	if after, _ := os.ReadFile(draft); string(after) != string(before) {
		t.Error("--lang changed the draft file")
	}
	if en, _ := pdfText(); !strings.Contains(en, "IMPRESSION") || !strings.Contains(en, "18 Jul 1991") {
		t.Error("without --lang the English draft is not printed in English")
	}

	// A Russian draft, printed in English on request.
	r, err := report.ReadFile(draft)
	if err != nil {
		t.Fatal(err)
	}
	r.Language = "ru"
	if err := r.WriteFile(draft); err != nil {
		t.Fatal(err)
	}
	if ru, _ := pdfText(); !strings.Contains(ru, "ЗАКЛЮЧЕНИЕ") {
		t.Error("a Russian draft is not printed in Russian by default")
	}
	if en, _ := pdfText("--lang", "en"); !strings.Contains(en, "IMPRESSION") || strings.Contains(en, "ЗАКЛЮЧЕНИЕ") {
		t.Error("--lang en: not English")
	}

	// A signed English report: the headings change, the signature holds.
	r.Language = "en"
	if err := assess.Sign(r, report.Person{Name: "Dr B. Radiologist"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteFile(draft); err != nil {
		t.Fatal(err)
	}
	text, stderr := pdfText("--lang", "ru")
	if !strings.Contains(text, "ЗАКЛЮЧЕНИЕ") || !strings.Contains(text, "Контрольная сумма "+r.ContentHash) {
		t.Errorf("signed report in Russian:\n%s", text)
	}
	if !strings.Contains(stderr, "warning: the report was signed in English") || strings.Contains(stderr, "/contentHash") {
		t.Errorf("stderr: %q", stderr)
	}

	code, _, stderr := runCLI("report", "--study", study, "--draft", draft, "--out", filepath.Join(t.TempDir(), "x.pdf"), "--lang", "de")
	if code != ExitUsage || !strings.Contains(stderr, `--lang wants en or ru, got "de"`) {
		t.Errorf("--lang de: exit %d, %q", code, stderr)
	}
}
