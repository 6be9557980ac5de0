package reportpdf

import (
	"bytes"
	"image"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/resize"
	"github.com/hsgview/hsgview/dicomio/synth"
)

// fullSize is the demo study at its real size (1024² spot images, a
// 30-frame run), written once for the benchmarks.
var fullSize struct {
	once sync.Once
	dir  string
	err  error
}

func fullSizeStudy(b *testing.B) *dicomio.Study {
	fullSize.once.Do(func() {
		if fullSize.dir, fullSize.err = fixture.TempDirOutsideTest(); fullSize.err == nil {
			_, fullSize.err = synth.Generate(fullSize.dir, synth.Options{})
		}
	})
	if fullSize.err != nil {
		b.Fatal(fullSize.err)
	}
	c, err := dicomio.Open([]string{fullSize.dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return c.Studies[0]
}

// benchReport returns the example report of the full-size study with its
// four checklist key images (the delayed image left out).
func benchReport(b *testing.B) (*report.Report, *dicomio.Study) {
	s := fullSizeStudy(b)
	keys := keyimage.SuggestKeyImages(s)[:4]
	r := assess.ExampleReport(report.ExampleInput{StudyUID: s.UID, PatientID: "P1", PatientName: "Иванова^Мария", BirthDate: "19910718",
		Sex: report.SexFemale, KeyImages: keys, CreatedAt: time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)})
	return r, s
}

// BenchmarkWritePDF4KeyImages measures the PDF alone: layout, fonts, and
// four 720² key images encoded and embedded.
func BenchmarkWritePDF4KeyImages(b *testing.B) {
	for _, c := range []struct{ name, lang, patient string }{
		{"en", "en", ""}, {"ru", "ru", ""}, {"cjk-name", "en", "山田^花子"},
	} {
		b.Run(c.name, func(b *testing.B) { benchWritePDF(b, c.lang, c.patient) })
	}
}

// benchWritePDF writes the bench report's PDF in lang, with the patient
// renamed when patient is set (a CJK name adds the CJK font).
func benchWritePDF(b *testing.B, lang, patient string) {
	r, s := benchReport(b)
	if _, err := assess.SetLanguage(r, lang); err != nil {
		b.Fatal(err)
	}
	if patient != "" {
		r.Patient.Name = patient
	}
	imgs, err := keyimage.RenderKeyImages(r, s, r.KeyImages, 0)
	if err != nil || len(imgs) != 4 {
		b.Fatal(len(imgs), err)
	}
	opt := PDFOptions{Settings: testSettings, Images: imgs}
	for b.Loop() {
		if err := WritePDF(io.Discard, r, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportPDFFromDICOM measures what the export button costs:
// four 1024² frames read, windowed and scaled, then the PDF written.
func BenchmarkReportPDFFromDICOM(b *testing.B) {
	r, s := benchReport(b)
	var buf bytes.Buffer
	for b.Loop() {
		// A fresh collection each time, so no frame comes from a cache.
		c, err := dicomio.Open([]string{fullSize.dir}, nil)
		if err != nil {
			b.Fatal(err)
		}
		imgs, err := keyimage.RenderKeyImages(r, c.Studies[0], r.KeyImages, 0)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := WritePDF(&buf, r, PDFOptions{Settings: testSettings, Images: imgs}); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
	_ = s
	b.ReportMetric(float64(buf.Len())/1024, "KiB/pdf")
}

func BenchmarkResizeKeyImage(b *testing.B) {
	src := image.NewGray(image.Rect(0, 0, 1024, 1024))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
	}
	for b.Loop() {
		resize.Fit(src, keyimage.DefaultKeyImageSize, keyimage.DefaultKeyImageSize)
	}
}
