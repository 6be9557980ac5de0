package reportpdf

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// richReport returns the example report for the synthetic study with
// more sections filled: a Cyrillic patient name, an anomaly, filling
// defects, adhesions, complications, limitations and a recommendation.
func richReport(t testing.TB) (*report.Report, []keyimage.ReportImage) {
	t.Helper()
	s, m := fixture.DemoStudy(t)
	keys := keyimage.SuggestKeyImages(s)
	r := assess.ExampleReport(report.ExampleInput{
		StudyUID: s.UID, Accession: m.AccessionNumber, StudyDateTime: "2026-03-12T09:38:12+01:00",
		PatientID: m.PatientID, PatientName: "Иванова^Мария^Сергеевна", BirthDate: m.PatientBirthDate, Sex: report.SexFemale,
		KeyImages: keys, DelayedMinutes: 25, CreatedAt: time.Date(2026, 3, 12, 10, 5, 0, 0, time.UTC),
	})
	r.Study.ReferringPhysician = "Nowak^Agnieszka^^Dr."
	r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles}
	r.Technique.Adequacy = report.Limited
	r.Uterus.Shape = report.ShapeShallowIndentation
	r.Uterus.InternalIndentationDepthMM = new(7.0)
	r.Uterus.InternalIndentationAngleDeg = new(115.0)
	r.Uterus.FillingDefects = []report.FillingDefect{
		{ID: "fd1", Kind: report.DefectPolypOrLeiomyoma, Location: report.LocFundus, Margin: report.MarginSmooth, SizeMM: new(6.0), MobileOrTransient: new(false)},
		{ID: "fd2", Kind: report.DefectAirBubble, Location: report.LocLowerUterineSegment, MobileOrTransient: new(true)},
	}
	r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(true), ASRM: report.ASRMSeptateOrBicornuate, ESHREUterine: report.U2OrU3,
		ESHRECervical: report.C0, Certainty: report.Probable, ExternalContourAssessable: new(false), ConfirmationRecommended: report.Confirm3DUS}
	r.Tubes.Right.SalpingitisIsthmicaNodosa = new(false)
	r.Complications = report.Complications{Items: []report.Complication{{Type: report.VenousIntravasation, Grade: "Dusak level 1",
		AffectsInterpretation: new(false), Text: "Washed out on the delayed image"}}, PainVAS: new(4)}
	r.Clinical.LMPDate = "2026-03-05"
	assess.RefreshImpression(r)
	r.Impression.Recommendations = append(r.Impression.Recommendations,
		report.Recommendation{Code: report.RecommendClinicalCorrelation, Text: "Discuss at the fertility team meeting"})
	imgs, err := keyimage.RenderKeyImages(r, s, keys, 0)
	if err != nil {
		t.Fatal(err)
	}
	return r, imgs
}

func writeTestPDF(t *testing.T, r *report.Report, opt PDFOptions, name string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if d := os.Getenv("HSGVIEW_PDF_OUT"); d != "" { // keep the PDFs to look at
		dir = d
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

var testSettings = Settings{
	Institution: "Klinikum Süd — Institut für Radiologie", Department: "Gynaecological imaging",
	AddressLines: []string{"Hauptstraße 12, 80331 München", "Tel. +49 89 1234 5678"},
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, tool), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// squash folds whitespace so wrapped lines compare as one text.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDFContent(t *testing.T) {
	r, imgs := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "draft.pdf")
	run(t, "qpdf", "--check", p)
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{
		"Иванова, Мария Сергеевна", "HSG-PH-000417", "18 Jul 1991", "Nowak, Agnieszka (Dr.)", "A26031247",
		"Klinikum Süd", "Primary subfertility",
		"DRAFT — not signed",
		"Balloon catheter", "Water-soluble iodinated", "Iohexol (Omnipaque 300)", "8 mL", "42 s",
		"2.54 Gy·cm²", "from image headers",
		"smooth, well defined", "Shallow fundal indentation", "Polyp or submucosal leiomyoma",
		"Septate or bicornuate uterus (not distinguishable on HSG)", "U2 or U3 (not distinguishable on HSG)",
		"Right tube", "Left tube", "Fimbrial, distal", "Free, prompt",
		"Present, ≈14 mm (at detector), mucosal folds reduced",
		"Free dispersion", "Venous intravasation", "Dusak level 1", "4 / 10", "Grade II (intermediate)",
		"Air bubbles",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	for _, it := range r.Impression.Items {
		if !strings.Contains(text, squash(it.Text)) {
			t.Errorf("impression sentence missing: %q", it.Text)
		}
	}
	// The generated recommendations are stated in the impression; the
	// user's own is listed.
	if !strings.Contains(text, "RECOMMENDATIONS") || !strings.Contains(text, "Discuss at the fertility team meeting.") {
		t.Error("the user's recommendation is missing")
	}
	if strings.Count(text, "Hysteroscopy or sonohysterography") != 1 {
		t.Error("a generated recommendation is printed twice")
	}
	// Raw enumeration values never reach the reader.
	for _, raw := range []string{"free_prompt", "water_soluble", "fundal_indentation", "septate_or_bicornuate", "venous_intravasation", "image_header"} {
		if strings.Contains(text, raw) {
			t.Errorf("raw value %q printed", raw)
		}
	}
	pages := regexp.MustCompile(`Page (\d+) / (\d+)`).FindAllStringSubmatch(text, -1)
	if len(pages) < 2 {
		t.Fatalf("page numbers: %v", pages)
	}
	for i, m := range pages {
		if m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(len(pages)) {
			t.Errorf("page footer %q on page %d of %d", m[0], i+1, len(pages))
		}
	}
	h, _ := r.Hash()
	if !strings.Contains(text, h) || !strings.Contains(text, r.ReportID) {
		t.Error("footer lacks the report ID or the content hash")
	}

	// The key images are embedded, one image each.
	list := run(t, "pdfimages", "-list", p)
	n := 0
	for _, l := range strings.Split(list, "\n") {
		// The key images are JPEG; the DRAFT watermark is a PNG.
		if f := strings.Fields(l); len(f) > 8 && f[2] == "image" && f[8] == "jpeg" {
			n++
		}
	}
	if n != len(imgs) || n != 5 {
		t.Errorf("pdfimages lists %d images, want %d:\n%s", n, len(imgs), list)
	}
}

func TestPDFSignedAndAmended(t *testing.T) {
	r, imgs := richReport(t)
	if err := assess.Sign(r, report.Person{Name: "Dr Ана Петровић", ID: "RAD-7"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "signed.pdf")
	run(t, "qpdf", "--check", p)
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{"Dr Ана Петровић (RAD-7)", "12 Mar 2026, 11:00 (UTC+00:00)", "Final, version 1", r.ContentHash} {
		if !strings.Contains(text, want) {
			t.Errorf("signed report lacks %q", want)
		}
	}
	if strings.Contains(text, "DRAFT") {
		t.Error("a signed report is marked draft")
	}

	if err := assess.Amend(r, "Hydrosalpinx diameter corrected after calibration"); err != nil {
		t.Fatal(err)
	}
	r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(16.0)
	assess.RefreshImpression(r)
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "amending.pdf")
	text = squash(run(t, "pdftotext", "-raw", p, "-"))
	if !strings.Contains(text, "DRAFT — not signed") || !strings.Contains(text, "Amendment in progress of version 1") {
		t.Error("an amendment in progress is not marked as a draft of the amendment")
	}
	if err := assess.Sign(r, report.Person{Name: "Dr Ана Петровић"}, time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "amended.pdf")
	text = squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{"AMENDED — version 2 replaces version 1", "Hydrosalpinx diameter corrected after calibration",
		"Version 1 (final), signed by Dr Ана Петровић on 12 Mar 2026, 11:00 (UTC+00:00)", "≈16 mm"} {
		if !strings.Contains(text, want) {
			t.Errorf("amended report lacks %q", want)
		}
	}
}

func TestPDFPaperSizes(t *testing.T) {
	r, imgs := richReport(t)
	for _, c := range []struct {
		paper Paper
		size  string // pdfinfo "Page size" in points
	}{{PaperA4, "595.28 x 841.89 pts (A4)"}, {PaperLetter, "612 x 792 pts (letter)"}} {
		p := writeTestPDF(t, r, PDFOptions{Paper: c.paper, Images: imgs}, "paper-"+string(c.paper)+".pdf")
		info := run(t, "pdfinfo", p)
		if !strings.Contains(info, c.size) {
			t.Errorf("%s: pdfinfo:\n%s", c.paper, info)
		}
	}
	// Settings give the paper when the options do not.
	p := writeTestPDF(t, r, PDFOptions{Settings: Settings{Paper: PaperLetter}}, "settings-letter.pdf")
	if info := run(t, "pdfinfo", p); !strings.Contains(info, "(letter)") {
		t.Errorf("settings paper ignored:\n%s", info)
	}
	if err := WritePDF(&bytes.Buffer{}, r, PDFOptions{Paper: "A5"}); err == nil {
		t.Error("paper A5 accepted")
	}
}

func TestPDFDeterministic(t *testing.T) {
	r, imgs := richReport(t)
	var a, b bytes.Buffer
	opt := PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC, Created: time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC)}
	if err := WritePDF(&a, r, opt); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(a.Bytes()) != sha256.Sum256(b.Bytes()) {
		t.Error("the same report gave different PDFs")
	}
}

func TestPDFMinimalReport(t *testing.T) {
	// A new draft with nothing filled still gives a valid PDF.
	r := report.NewReport("1.2.3")
	r.CreatedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := writeTestPDF(t, r, PDFOptions{}, "empty.pdf")
	run(t, "qpdf", "--check", p)
	text := run(t, "pdftotext", p, "-")
	if !strings.Contains(text, "Page 1 / 1") || strings.Contains(text, "FINDINGS") && strings.Contains(text, "Right tube") {
		t.Errorf("empty report:\n%s", text)
	}
}

func TestLabelsCoverEveryValue(t *testing.T) {
	check := func(name string, values []string, label func(string) (string, bool)) {
		for _, v := range values {
			if l, ok := label(v); !ok || l == "" {
				t.Errorf("%s %q has no label", name, v)
			}
		}
	}
	for _, typ := range enum.Types() {
		vs := enum.StringsOf(typ)
		m, ok := report.EnumLabels[typ]
		if !ok {
			continue
		}
		check(typ.Name(), vs, func(v string) (string, bool) { l, ok := m[v]; return l, ok })
	}
	// Every enumeration the PDF prints has labels.
	for _, name := range []string{"Indication", "History", "CatheterType", "ContrastClass", "DoseSource", "Limitation",
		"CavityShape", "DefectKind", "ASRMClass", "ESHREUterine", "ESHRECervical", "ESHREVaginal", "AFSClass", "Patency",
		"OcclusionSite", "Spill", "MucosalFolds", "TubeContour", "SpillPattern", "DelayedFinding", "ComplicationType",
		"HullRutherford", "KeyImageRole", "Unit", "Status", "Sex", "Determination", "Confidence", "SpacingSource"} {
		found := false
		for typ := range report.EnumLabels {
			found = found || typ.Name() == name
		}
		if !found {
			t.Errorf("no labels for %s", name)
		}
	}
}

func TestSigText(t *testing.T) {
	for v, want := range map[float64]string{
		2.54: "2.54", 0.16: "0.16", 1.6e-5: "1.6 × 10⁻⁵", 25.4: "25.4", 123456: "1.23 × 10⁵", 0.0123: "0.0123", 1234: "1230",
	} {
		if got := sigText(v, 3); got != want {
			t.Errorf("sigText(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestPDFPrintsEditedImpression(t *testing.T) {
	r, _ := richReport(t)
	gen := r.Impression.Items[1].Text
	r.Impression.Items[1].Text = "Left hydrosalpinx, about 14 mm, with distal occlusion; no spill even on the delayed image."
	r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Text: "Findings discussed with the referring gynaecologist."})
	p := writeTestPDF(t, r, PDFOptions{}, "edited.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{"2. Left hydrosalpinx, about 14 mm, with distal occlusion; no spill even on the delayed image.",
		"Findings discussed with the referring gynaecologist."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if strings.Contains(text, squash(gen)) {
		t.Error("the generated text replaced by the edit is printed")
	}
}

// TestPDFTimingCorrections: a report whose times rest on the
// radiologist's corrections says so in the technique section.
func TestPDFTimingCorrections(t *testing.T) {
	r, imgs := richReport(t)
	at := time.Date(2026, 3, 12, 10, 30, 0, 0, time.UTC)
	o := &dicomio.TimingOverrides{}
	o.SetFirstContrastImage("1.2.3.4", 0, "Dr Ана Петровић", at)
	if err := o.SetPhase("1.2.3.5", dicomio.PhaseDelayed, "Dr Ана Петровић", at); err != nil {
		t.Fatal(err)
	}
	r.TimingOverrides = o
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "timing.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{"Start of contrast (T0) set by the radiologist", "phase of 1 image set by the radiologist", "(Dr Ана Петровић)"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	r.TimingOverrides = nil
	if timingText(r, "en") != "" {
		t.Error("timing text without corrections")
	}
}

// TestPDFTubesSameOnBothSides: two tubes that read the same are one
// line, not a table of identical columns; differing tubes keep the table.
func TestPDFTubesSameOnBothSides(t *testing.T) {
	r := fixture.FullReport()
	r.Tubes.Left = r.Tubes.Right
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Location: time.UTC}, "same.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	if !strings.Contains(text, "Both tubes") || strings.Contains(text, "Right tube Left tube") {
		t.Errorf("identical tubes not said in one line:\n%s", text)
	}
	r2, imgs := richReport(t)
	p = writeTestPDF(t, r2, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "differ.pdf")
	if text := squash(run(t, "pdftotext", "-raw", p, "-")); strings.Contains(text, "Both tubes") {
		t.Error("different tubes were merged into one line")
	}
}
