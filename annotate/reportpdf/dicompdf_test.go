package reportpdf

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// encapsulatedDemo writes the rich report's PDF as an Encapsulated PDF and
// returns its path, the PDF and the export record.
func encapsulatedDemo(t *testing.T) (string, []byte, report.DICOMExport, *report.Report) {
	t.Helper()
	r, imgs := richReport(t)
	var pdf bytes.Buffer
	if err := WritePDF(&pdf, r, PDFOptions{Settings: testSettings, Images: imgs}); err != nil {
		t.Fatal(err)
	}
	s, _ := fixture.DemoStudy(t)
	var sources []mark.ImageRef
	for _, k := range r.KeyImages {
		sources = append(sources, k.Image)
	}
	var dcm bytes.Buffer
	at := time.Date(2026, 3, 12, 10, 30, 0, 0, time.FixedZone("CET", 3600))
	exp, err := WriteEncapsulatedPDF(&dcm, r, pdf.Bytes(), EncapsulateOptions{Study: s, Sources: sources, Time: at, SoftwareVersion: "test", AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "report.dcm")
	if err := os.WriteFile(p, dcm.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p, pdf.Bytes(), exp, r
}

func TestEncapsulatedPDFValid(t *testing.T) {
	p, _, _, _ := encapsulatedDemo(t)
	out, _ := exec.Command(testutil.Tool(t, "dciodvfy"), p).CombinedOutput()
	text := string(out)
	if !strings.Contains(text, "EncapsulatedPDF") {
		t.Fatalf("dciodvfy did not recognise an Encapsulated PDF:\n%s", text)
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "Error") {
			t.Errorf("dciodvfy: %s", l)
		}
	}
	t.Logf("dciodvfy:\n%s", text)
}

func TestEncapsulatedPDFContent(t *testing.T) {
	p, pdf, exp, r := encapsulatedDemo(t)
	in, err := dicomio.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	h := in.Header()
	if in.SOPClassUID != SOPClassEncapsulatedPDF || in.SOPInstanceUID != exp.SOPInstanceUID ||
		in.SeriesInstanceUID != exp.SeriesInstanceUID || in.StudyInstanceUID != r.Study.StudyInstanceUID ||
		in.Modality != "DOC" || in.SeriesNumber != DefaultReportSeriesNumber || in.InstanceNumber != 1 {
		t.Errorf("identity: %+v", in)
	}
	// The patient and study are the images', though the draft names
	// another patient and another referring physician.
	s, _ := fixture.DemoStudy(t)
	img := s.Images[0]
	if r.Patient.Name == img.Patient.Name {
		t.Fatal("the test draft should differ from the images")
	}
	if in.Patient != img.Patient || in.AccessionNumber != img.AccessionNumber || in.ReferringPhysician != img.ReferringPhysician {
		t.Errorf("patient/study: %+v, accession %q; images %+v %q", in.Patient, in.AccessionNumber, img.Patient, img.AccessionNumber)
	}
	for tag, want := range map[dicomio.Tag]string{
		dicomio.TagConversionType:        "WSD",
		dicomio.NewTag(0x0028, 0x0301):   "YES",
		dicomio.NewTag(0x0042, 0x0012):   "application/pdf",
		dicomio.NewTag(0x0042, 0x0010):   "Hysterosalpingography report (DRAFT, NOT VERIFIED)",
		dicomio.TagSpecificCharacterSet:  "ISO_IR 192",
		dicomio.TagStudyDate:             img.Header().String(dicomio.TagStudyDate),
		dicomio.TagTimezoneOffsetFromUTC: img.Header().String(dicomio.TagTimezoneOffsetFromUTC),
	} {
		if got := h.String(tag); got != want {
			t.Errorf("%v = %q, want %q", tag, got, want)
		}
	}
	if n, _ := h.Int(dicomio.NewTag(0x0042, 0x0015)); n != len(pdf) {
		t.Errorf("Encapsulated Document Length %d, PDF %d bytes", n, len(pdf))
	}
	doc := h.Bytes(dicomio.NewTag(0x0042, 0x0011))
	if len(doc)%2 != 0 || !bytes.Equal(doc[:len(pdf)], pdf) {
		t.Errorf("encapsulated document: %d bytes, PDF %d", len(doc), len(pdf))
	}
	src := h.Seq(dicomio.NewTag(0x0042, 0x0013))
	if len(src) != len(r.KeyImages) {
		t.Fatalf("%d source instances, %d key images", len(src), len(r.KeyImages))
	}
	for i, it := range src {
		purpose := it.First(dicomio.NewTag(0x0040, 0xA170))
		if it.String(dicomio.TagReferencedSOPInstanceUID) != r.KeyImages[i].Image.SOPInstanceUID ||
			it.String(dicomio.TagReferencedSOPClassUID) == "" || purpose.String(dicomio.TagCodeValue) != "121324" ||
			purpose.String(dicomio.TagCodingSchemeDesignator) != "DCM" {
			t.Errorf("source %d", i)
		}
	}
	if exp.SOPClassUID != SOPClassEncapsulatedPDF || !strings.HasPrefix(exp.SOPInstanceUID, "2.25.") || exp.CreatedAt.IsZero() {
		t.Errorf("export %+v", exp)
	}

	// Opened with the study, it is a document of the same study.
	c, err := dicomio.Open([]string{filepath.Dir(s.Images[0].Path), p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if len(c.Studies) != 1 || len(c.Studies[0].Documents) != 1 || c.Studies[0].Documents[0].SOPInstanceUID != exp.SOPInstanceUID {
		t.Errorf("%d studies; documents of the first: %v", len(c.Studies), c.Studies[0].Documents)
	}
}

func TestEncapsulatedPDFRejects(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	r, _ := richReport(t)
	pdf := []byte("%PDF-1.4\n")
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s}); !errors.Is(err, ErrNotSigned) {
		t.Errorf("a draft without AllowDraft: %v", err)
	}
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, []byte("not a pdf"), EncapsulateOptions{Study: s, AllowDraft: true}); err == nil {
		t.Error("wrapped something that is not a PDF")
	}
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{AllowDraft: true}); err == nil {
		t.Error("wrapped without the study's images")
	}
	r.Study.StudyInstanceUID = ""
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s, AllowDraft: true}); err == nil {
		t.Error("wrapped a report without a study")
	}
	r, _ = richReport(t)
	ref := mark.ImageRef{SOPInstanceUID: "1.2.3.4"}
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s, AllowDraft: true, Sources: []mark.ImageRef{ref}}); err == nil {
		t.Error("a source without SOP class that the study does not have")
	}
}

// A signed version written twice gets the same UIDs; its amendment and a
// draft get others.
func TestEncapsulatedPDFStableUIDs(t *testing.T) {
	s, _ := fixture.DemoStudy(t)
	r, _ := richReport(t)
	pdf := []byte("%PDF-1.4\n")
	draft, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s, AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := assess.Sign(r, report.Person{Name: "Dr A"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	a, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := WriteEncapsulatedPDF(&bytes.Buffer{}, r, pdf, EncapsulateOptions{Study: s, Time: time.Now().Add(time.Hour)})
	if a.SOPInstanceUID != b.SOPInstanceUID || a.SeriesInstanceUID != b.SeriesInstanceUID {
		t.Error("the same signed version written twice has other UIDs")
	}
	if a.SOPInstanceUID == draft.SOPInstanceUID || a.SeriesInstanceUID == draft.SeriesInstanceUID {
		t.Error("the draft object shares the signed version's UIDs")
	}
}
