package reportpdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
)

// FuzzWritePDF lays out a report whose free text is anything: WritePDF
// never panics, fails only with a message in words, and stays within
// the print budget (seeds in testdata/fuzz/FuzzWritePDF).
func FuzzWritePDF(f *testing.F) {
	f.Add("Primary subfertility", "Right tube patent.", 1)
	f.Add(strings.Repeat("Ж\u200b\t\n", 3000), "\x00\x1b[31m", 300)
	f.Fuzz(func(t *testing.T, text, impression string, n int) {
		if len(text) > 1<<20 || len(impression) > 1<<20 {
			return
		}
		n = max(0, min(n, 2000))
		r := assess.ExampleReport(fixture.ExampleInput())
		r.Clinical.IndicationText = text
		r.Uterus.Text = text
		r.Patient.Name = text
		for range n {
			r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Text: impression})
		}
		var buf bytes.Buffer
		if err := WritePDF(&buf, r, PDFOptions{}); err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error on several lines: %q", err)
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Error("not a PDF")
		}
		if pages := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")) + bytes.Count(buf.Bytes(), []byte("/Type /Page ")); pages > 200 {
			t.Errorf("%d pages", pages)
		}
	})
}
