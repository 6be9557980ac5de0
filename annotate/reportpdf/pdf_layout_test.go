package reportpdf

import (
	"encoding/xml"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bboxWord is a word as pdftotext -bbox gives it, in points from the top
// left of its page.
type bboxWord struct {
	Text string  `xml:",chardata"`
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
}

type bboxPage struct {
	Height float64    `xml:"height,attr"`
	Words  []bboxWord `xml:"word"`
}

// pdfWords returns the words of each page of a PDF with their boxes.
func pdfWords(t *testing.T, path string) []bboxPage {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", path, "-")
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("pdftotext -bbox: no pages")
	}
	return doc.Pages
}

const mmPt = 72 / 25.4

// longNameReport is the rich report of a patient whose name is too long
// for one line of the patient panel and for the running header.
func longNameReport(t *testing.T) (*report.Report, []keyimage.ReportImage) {
	r, imgs := richReport(t)
	r.Patient.Name = "Papadopoulou-Vandenberghe-Østergaard^Anastasia^Konstantina Maria"
	return r, imgs
}

// TestPDFRunningHeaderDoesNotOverlap checks, from the positions of the
// words, that the running header of pages 2+ keeps the patient clear of
// the title on the right, and that the name in the patient panel is
// broken between words or after a hyphen, never inside a word.
func TestPDFRunningHeaderDoesNotOverlap(t *testing.T) {
	r, imgs := longNameReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "long-name.pdf")
	run(t, "qpdf", "--check", p)
	pages := pdfWords(t, p)
	if len(pages) < 2 {
		t.Fatalf("%d pages; the test needs a running header", len(pages))
	}
	for i, pg := range pages[1:] {
		var head []bboxWord
		for _, w := range pg.Words {
			if w.YMax < pdfMarginTop*mmPt {
				head = append(head, w)
			}
		}
		title := -1
		for j, w := range head {
			if w.Text == "Hysterosalpingography" {
				title = j
			}
		}
		if title < 0 || len(head) < 4 {
			t.Fatalf("page %d: no running header: %+v", i+2, head)
		}
		var texts []string
		for j, w := range head {
			texts = append(texts, w.Text)
			if j == title || w.Text == "report" && w.XMin > head[title].XMax {
				continue
			}
			if w.XMax > head[title].XMin-1 && w.YMin < head[title].YMax && w.YMax > head[title].YMin {
				t.Errorf("page %d: header word %q (x %.1f–%.1f) runs into the title (x from %.1f)",
					i+2, w.Text, w.XMin, w.XMax, head[title].XMin)
			}
		}
		line := strings.Join(texts, " ")
		if !strings.Contains(line, "Papadopoulou") || !strings.Contains(line, "…") || !strings.Contains(line, "HSG-PH-000417") ||
			!strings.Contains(line, "1991") {
			t.Errorf("page %d: header %q should shorten the name with an ellipsis and keep the ID and birth date", i+2, line)
		}
	}

	// Page 1: every part of the name is whole in some word ("Papadopoulou-"
	// at the end of a line is whole; "Vandenbergh" + "e-Østergaard" is not).
	var words []string
	for _, w := range pages[0].Words {
		words = append(words, w.Text)
	}
	all := strings.Join(words, " ")
	for _, part := range []string{"Papadopoulou-", "Vandenberghe-", "Østergaard,", "Anastasia", "Konstantina", "Maria"} {
		found := false
		for _, w := range words {
			found = found || strings.Contains(w, part)
		}
		if !found {
			t.Errorf("page 1: the name is broken inside %q: %s", part, all[:min(len(all), 600)])
		}
	}
}

func TestPDFWrap(t *testing.T) {
	d, err := newPDFDoc(report.NewReport("1.2.3"), PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d.font("B", 10)
	w := d.pdf.GetStringWidth("Vandenberghe-Østergaard,") + 1
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Papadopoulou-Vandenberghe-Østergaard, Anastasia", []string{"Papadopoulou-", "Vandenberghe-Østergaard,", "Anastasia"}},
		{"a b c", []string{"a b c"}},
		{"", nil},
	} {
		if got := d.wrap(c.in, w); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A word with no break in it is cut, with a hyphen, never wider than
	// the line.
	long := strings.Repeat("x", 200)
	got := d.wrap(long, 30)
	if strings.Join(got, "") != strings.Repeat("x", 200)+strings.Repeat("-", len(got)-1) && strings.ReplaceAll(strings.Join(got, ""), "-", "") != long {
		t.Errorf("cut word lost characters: %q", got)
	}
	for i, l := range got {
		if d.pdf.GetStringWidth(l) > 30 || i < len(got)-1 && !strings.HasSuffix(l, "-") {
			t.Errorf("line %d %q: too wide or cut without a hyphen", i, l)
		}
	}
	if s := d.fitText("Papadopoulou-Vandenberghe-Østergaard", 30); !strings.HasSuffix(s, "…") || d.pdf.GetStringWidth(s) > 30 {
		t.Errorf("fitText = %q", s)
	}
}

// pdfHeadings are the section and group headings the PDF prints.
var pdfHeadings = []string{
	"CLINICAL INFORMATION", "TECHNIQUE", "FINDINGS", "IMPRESSION", "RECOMMENDATIONS", "KEY IMAGES", "SIGNATURE",
	"Cervix and uterine cavity", "Müllerian anomaly", "Fallopian tubes", "Peritoneum and delayed image",
	"Complications", "Tubal grading",
}

// TestPDFNoOrphanHeadings moves the findings down the page a line at a
// time (a longer indication) and checks that no heading ends a page: a
// heading whose group goes on to the next page has at least two lines
// of it below it.
func TestPDFNoOrphanHeadings(t *testing.T) {
	r, _ := longNameReport(t)
	base := r.Clinical.IndicationText
	for extra := range 24 {
		r.Clinical.IndicationText = base + strings.Repeat("\nFurther history line.", extra)
		p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Location: time.UTC}, "orphan-"+strconv.Itoa(extra)+".pdf")
		pages := pdfWords(t, p)
		for n, pg := range pages {
			lines := textLines(pg)
			// Whether the last group of the page goes on to the next.
			goesOn := false
			if n+1 < len(pages) {
				next := textLines(pages[n+1])
				goesOn = len(next) > 0 && !isHeading(next[0])
			}
			for i, l := range lines {
				if !isHeading(l) {
					continue
				}
				below := 0
				ended := false
				for _, m := range lines[i+1:] {
					if isHeading(m) {
						ended = true
						break
					}
					below++
				}
				if !ended && goesOn && below < 2 {
					t.Errorf("extra %d, page %d: heading %q ends the page with %d line(s) of its group: %q",
						extra, n+1, l, below, lines[i:])
				}
			}
		}
	}
}

// textLines returns the lines of body text of a page, top to bottom,
// without the running header, the footer and the DRAFT watermark.
func textLines(pg bboxPage) []string {
	var lines []string
	var ys []float64
	for _, w := range pg.Words {
		if w.YMax < pdfMarginTop*mmPt || w.YMin > pg.Height-pdfMarginBottom*mmPt || strings.Contains("DRAFT", w.Text) && w.Text != "" && w.Text != "—" {
			continue
		}
		if n := len(ys); n > 0 && w.YMin-ys[n-1] < 2 && w.YMin-ys[n-1] > -2 {
			lines[n-1] += " " + w.Text
			continue
		}
		ys = append(ys, w.YMin)
		lines = append(lines, w.Text)
	}
	return lines
}

func isHeading(l string) bool {
	for _, h := range pdfHeadings {
		if l == h {
			return true
		}
	}
	return false
}

// TestPDFSignatureClosesReportText: the signature follows the impression
// (on its page when there is room) and the key images come after it, so a
// report never ends on a page that holds the signature alone.
func TestPDFSignatureClosesReportText(t *testing.T) {
	r, imgs := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "order.pdf")
	pages := pdfWords(t, p)
	find := func(word string) int {
		for i, pg := range pages {
			for _, w := range pg.Words {
				if w.Text == word {
					return i
				}
			}
		}
		t.Fatalf("%q not in the PDF", word)
		return -1
	}
	imp, sig, keys := find("IMPRESSION"), find("SIGNATURE"), find("KEY")
	if sig < imp || keys < sig {
		t.Errorf("impression on page %d, signature %d, key images %d: want that order", imp+1, sig+1, keys+1)
	}
	if last := pages[len(pages)-1]; sig == len(pages)-1 && len(last.Words) < 40 {
		t.Errorf("the last page holds the signature alone (%d words)", len(last.Words))
	}
}
