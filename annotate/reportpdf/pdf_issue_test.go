package reportpdf

import (
	"bytes"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
)

// pageText returns the text of page n.
func pageText(t *testing.T, p string, n int) string {
	t.Helper()
	return squash(run(t, "pdftotext", "-raw", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), p, "-"))
}

// The impression and the recommendations are on page 1, before the
// clinical details and the findings.
func TestPDFImpressionOnPageOne(t *testing.T) {
	r, imgs := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "page1.pdf")
	first := pageText(t, p, 1)
	if len(r.Impression.Items) == 0 {
		t.Fatal("the test report has no impression")
	}
	for _, it := range r.Impression.Items {
		if !strings.Contains(first, squash(it.Text)) {
			t.Errorf("page 1 lacks the impression sentence %q", it.Text)
		}
	}
	if !strings.Contains(first, "Discuss at the fertility team meeting.") {
		t.Error("page 1 lacks the recommendation")
	}
	if i, j := strings.Index(first, "IMPRESSION"), strings.Index(first, "CLINICAL INFORMATION"); i < 0 || j >= 0 && j < i {
		t.Errorf("the impression (at %d) does not come before the clinical information (at %d)", i, j)
	}
	if i, j := strings.Index(first, "PATIENT"), strings.Index(first, "IMPRESSION"); i < 0 || i > j {
		t.Error("the impression does not follow the identity block")
	}
}

// The DRAFT watermark is an image: pdftotext gives "DRAFT" only from the
// banner sentence, and every page carries the watermark image.
func TestPDFWatermarkNotText(t *testing.T) {
	r, imgs := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "watermark.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	if n, banner := strings.Count(text, "DRAFT"), strings.Count(text, "DRAFT — not signed"); n != 1 || banner != 1 {
		t.Errorf("\"DRAFT\" %d times in the text, %d in the banner: the watermark is text", n, banner)
	}
	pages := map[string]bool{}
	for _, l := range strings.Split(run(t, "pdfimages", "-list", p), "\n") {
		if f := strings.Fields(l); len(f) > 8 && f[2] == "smask" {
			pages[f[0]] = true
		}
	}
	n := len(regexp.MustCompile(`Page \d+ / \d+`).FindAllString(text, -1))
	if len(pages) != n {
		t.Errorf("the watermark is on %d of %d pages", len(pages), n)
	}
	// A signed report has none.
	if err := assess.Sign(r, report.Person{Name: "Dr A"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "signed-nowm.pdf")
	if strings.Contains(run(t, "pdfimages", "-list", p), "smask") {
		t.Error("a signed report has the watermark")
	}
}

// CreationDate is the export time, not the report's.
func TestPDFCreationDateIsExport(t *testing.T) {
	r, _ := richReport(t)
	before := time.Now().Truncate(time.Second)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings}, "created.pdf")
	after := time.Now()
	m := regexp.MustCompile(`CreationDate:\s+(\S+)`).FindStringSubmatch(run(t, "pdfinfo", "-isodates", p))
	if m == nil {
		t.Fatal("no CreationDate")
	}
	got, err := time.Parse(time.RFC3339, m[1])
	if err != nil {
		t.Fatal(err)
	}
	if got.Before(before) || got.After(after) {
		t.Errorf("CreationDate %v, exported between %v and %v (report created %v)", got, before, after, r.CreatedAt)
	}
	at := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Created: at}, "created2.pdf")
	if !strings.Contains(run(t, "pdfinfo", "-isodates", p), "2027-01-02T03:04:05") {
		t.Error("opt.Created is not the CreationDate")
	}
}

// Times carry their offset from UTC.
func TestPDFTimesWithOffset(t *testing.T) {
	r, _ := richReport(t)
	if err := assess.Sign(r, report.Person{Name: "Dr A"}, time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	cet := time.FixedZone("CET", 3600)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Location: cet}, "zone.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, want := range []string{"12 Mar 2026, 11:00 (UTC+01:00)", "12 Mar 2026, 09:38 (UTC+01:00)"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

// An amended report shows on page 1 the impression it replaces and why.
func TestPDFAmendedShowsSuperseded(t *testing.T) {
	r, imgs := richReport(t)
	if err := assess.Sign(r, report.Person{Name: "Dr A"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	old := r.Impression.Items[0].Text
	if err := assess.Amend(r, "Right tube re-read as occluded"); err != nil {
		t.Fatal(err)
	}
	r.Impression.Items[0].Text = "Right tube occluded at the cornu."
	r.Impression.Items[0].Auto = false
	if err := assess.Sign(r, report.Person{Name: "Dr B"}, time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "superseded.pdf")
	first := pageText(t, p, 1)
	for _, want := range []string{"SUPERSEDED IMPRESSION", "Version 1, signed by Dr A on 12 Mar 2026, 11:00 (UTC+00:00). Replaced because: Right tube re-read as occluded.",
		squash(old), "Right tube occluded at the cornu."} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, first)
		}
	}
}

// One name per key-image role: the PDF caption is report.Label, the
// checklist's words.
func TestPDFKeyImageRoleNames(t *testing.T) {
	r, imgs := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "roles.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, im := range imgs {
		if im.Key.Role == "" {
			continue
		}
		if name := report.Label(im.Key.Role); !strings.Contains(text, name) || name != keyimage.KeyImageCaption(report.KeyImage{Role: im.Key.Role}) {
			t.Errorf("role %s: PDF or caption lacks %q", im.Key.Role, name)
		}
	}
	if strings.Contains(text, "Full distension") {
		t.Error("the PDF uses the old name of the role")
	}
}

// A draft with 5 MB of text and 2,000 key images prints within the
// budget: a few dozen pages, a note that text was cut and how many key
// images were left out, memory bounded.
func TestPDFBudget(t *testing.T) {
	r, imgs := richReport(t)
	big := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 5<<20/57)
	r.Clinical.IndicationText = big
	r.Uterus.Text = big
	r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Text: big})
	for range 5000 {
		r.Uterus.FillingDefects = append(r.Uterus.FillingDefects, report.FillingDefect{Kind: report.DefectAirBubble, Location: report.LocFundus})
	}
	keys := make([]report.KeyImage, 2000)
	many := make([]keyimage.ReportImage, 2000)
	for i := range keys {
		keys[i] = imgs[i%len(imgs)].Key
		many[i] = imgs[i%len(imgs)]
	}
	r.KeyImages = keys
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	var buf bytes.Buffer
	if err := WritePDF(&buf, r, PDFOptions{Settings: testSettings, Images: many, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&m1)
	if len(r.Clinical.IndicationText) != len(big) {
		t.Error("WritePDF changed the report")
	}
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: many, Location: time.UTC}, "budget.pdf")
	run(t, "qpdf", "--check", p)
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	pages := len(regexp.MustCompile(`Page \d+ / \d+`).FindAllString(text, -1))
	first := pageText(t, p, 1)
	if !strings.Contains(first, "Text cut for printing") || !strings.Contains(text, "[…]") {
		t.Error("no note that text was cut")
	}
	if !strings.Contains(text, "1940 further key images of this report are not printed: a report prints at most 60.") {
		t.Error("no note of the key images left out")
	}
	alloc := m1.TotalAlloc - m0.TotalAlloc
	t.Logf("%d pages, %d KiB, allocated %d MiB, process grew %d MiB", pages, buf.Len()>>10, alloc>>20, (int64(m1.Sys)-int64(m0.Sys))>>20)
	if pages > 80 || alloc > 1<<30 {
		t.Errorf("%d pages, %d MiB allocated", pages, alloc>>20)
	}
	if os.Getenv("HSGVIEW_PDF_OUT") == "" {
		return
	}
}
