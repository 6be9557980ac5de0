package dcmwrite

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/synth"
)

// study generates the synthetic HSG study and opens it.
func study(t *testing.T) *dicomio.Study {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(dir, synth.Options{Rows: 256, Cols: 256, CineFrames: 2}); err != nil {
		t.Fatal(err)
	}
	c, err := dicomio.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if len(c.Studies) != 1 {
		t.Fatalf("%d studies", len(c.Studies))
	}
	return c.Studies[0]
}

// tinyPDF is a valid one-page PDF of odd length.
const tinyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n "

func write(t *testing.T, s *dicomio.Study, opt EncapsulatedPDF) (string, *dicomio.Instance) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteEncapsulatedPDF(&b, s, []byte(tinyPDF), opt); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "doc.dcm")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := dicomio.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, in
}

func options(s *dicomio.Study, verified bool) EncapsulatedPDF {
	series, inst := ReportUIDs("r-1", 1, "pdf", "")
	return EncapsulatedPDF{
		Title: "Hysterosalpingography report", Concept: Code{"18748-4", "LN", "Diagnostic imaging study"},
		ContentTime:  time.Date(2026, 3, 12, 11, 0, 0, 0, time.FixedZone("CET", 3600)),
		SeriesNumber: 9001, SeriesDescription: "HSG report", SOPInstanceUID: inst, SeriesInstanceUID: series,
		Sources:  []Ref{{SOPInstanceUID: s.Images[0].SOPInstanceUID}, {SOPInstanceUID: s.Images[0].SOPInstanceUID}},
		Verified: verified, SoftwareVersion: "test",
	}
}

func TestEncapsulatedPDFFromImages(t *testing.T) {
	s := study(t)
	for _, verified := range []bool{true, false} {
		opt := options(s, verified)
		p, in := write(t, s, opt)
		if errs := dciodvfyErrors(t, p, "EncapsulatedPDF"); len(errs) > 0 {
			t.Errorf("verified %v: dciodvfy: %s", verified, strings.Join(errs, "\n"))
		}
		img := s.Images[0]
		if in.Patient != img.Patient || in.StudyInstanceUID != s.UID || in.AccessionNumber != img.AccessionNumber ||
			in.ReferringPhysician != img.ReferringPhysician || in.StudyID != img.StudyID || !in.StudyTime.Equal(img.StudyTime) {
			t.Errorf("patient/study %+v %q, images %+v %q", in.Patient, in.AccessionNumber, img.Patient, img.AccessionNumber)
		}
		if in.SOPClassUID != SOPClassEncapsulatedPDF || in.SOPInstanceUID != opt.SOPInstanceUID || in.Modality != "DOC" || in.SeriesNumber != 9001 {
			t.Errorf("identity %+v", in)
		}
		h := in.Header()
		title := h.String(dicomio.NewTag(0x0042, 0x0010))
		if verified != !strings.HasSuffix(title, UnverifiedTitleSuffix) {
			t.Errorf("verified %v: title %q", verified, title)
		}
		if n, _ := h.Int(dicomio.NewTag(0x0042, 0x0015)); n != len(tinyPDF) {
			t.Errorf("length %d", n)
		}
		if doc := h.Bytes(dicomio.NewTag(0x0042, 0x0011)); len(doc)%2 != 0 || string(doc[:len(tinyPDF)]) != tinyPDF {
			t.Errorf("document %d bytes", len(doc))
		}
		if src := h.Seq(dicomio.NewTag(0x0042, 0x0013)); len(src) != 1 || src[0].String(dicomio.TagReferencedSOPClassUID) != img.SOPClassUID {
			t.Errorf("sources %d", len(src))
		}
		if got, want := h.String(dicomio.TagTimezoneOffsetFromUTC), img.Header().String(dicomio.TagTimezoneOffsetFromUTC); got != want {
			t.Errorf("offset %q, images %q", got, want)
		}
	}
}

func TestEncapsulatedPDFRefuses(t *testing.T) {
	s := study(t)
	for name, f := range map[string]func(*EncapsulatedPDF, *[]byte, **dicomio.Study){
		"not a pdf":     func(_ *EncapsulatedPDF, b *[]byte, _ **dicomio.Study) { *b = []byte("hello") },
		"no study":      func(_ *EncapsulatedPDF, _ *[]byte, s **dicomio.Study) { *s = nil },
		"no time":       func(o *EncapsulatedPDF, _ *[]byte, _ **dicomio.Study) { o.ContentTime = time.Time{} },
		"no uid":        func(o *EncapsulatedPDF, _ *[]byte, _ **dicomio.Study) { o.SOPInstanceUID = "" },
		"no series":     func(o *EncapsulatedPDF, _ *[]byte, _ **dicomio.Study) { o.SeriesNumber = 0 },
		"unknown image": func(o *EncapsulatedPDF, _ *[]byte, _ **dicomio.Study) { o.Sources = []Ref{{SOPInstanceUID: "1.2.3"}} },
	} {
		opt, pdf, st := options(s, true), []byte(tinyPDF), s
		f(&opt, &pdf, &st)
		err := WriteEncapsulatedPDF(&bytes.Buffer{}, st, pdf, opt)
		if err == nil {
			t.Errorf("%s: written", name)
		} else if strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("%s: %q is not one line", name, err)
		}
	}
}

func TestReportUIDs(t *testing.T) {
	s1, i1 := ReportUIDs("r", 1, "pdf", "")
	s2, i2 := ReportUIDs("r", 1, "pdf", "")
	if s1 != s2 || i1 != i2 {
		t.Error("the same version gives other UIDs")
	}
	seen := map[string]bool{s1: true, i1: true}
	for _, k := range [][2]string{{"2", ""}, {"1", "hash"}, {"1", "hash2"}} {
		v := 1
		if k[0] == "2" {
			v = 2
		}
		s, i := ReportUIDs("r", v, "pdf", k[1])
		if seen[s] || seen[i] {
			t.Errorf("%v: UID repeated", k)
		}
		seen[s], seen[i] = true, true
	}
	sr, _ := ReportUIDs("r", 1, "sr", "")
	if seen[sr] {
		t.Error("sr and pdf share a series")
	}
	for u := range seen {
		if len(u) > 64 || !strings.HasPrefix(u, "2.25.") {
			t.Errorf("UID %q", u)
		}
	}
}
