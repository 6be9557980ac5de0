package reportpdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hsgview/annotate/assess"
	"hsgview/annotate/internal/fixture"
	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/dicomio"
	"hsgview/internal/testutil"
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
	exp, err := WriteEncapsulatedPDF(&dcm, r, pdf.Bytes(), EncapsulateOptions{Study: s, Sources: sources, Time: at, SoftwareVersion: "test"})
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
	if in.Patient.Name != "Иванова^Мария^Сергеевна" || in.Patient.ID != r.Patient.ID || in.Patient.BirthDate != r.Patient.BirthDate ||
		in.Patient.Sex != "F" || in.AccessionNumber != r.Study.AccessionNumber || in.ReferringPhysician != r.Study.ReferringPhysician {
		t.Errorf("patient/study: %+v, accession %q", in.Patient, in.AccessionNumber)
	}
	for tag, want := range map[dicomio.Tag]string{
		dicomio.TagConversionType:        "WSD",
		dicomio.NewTag(0x0028, 0x0301):   "YES",
		dicomio.NewTag(0x0042, 0x0012):   "application/pdf",
		dicomio.NewTag(0x0042, 0x0010):   "Hysterosalpingography report (draft, not signed)",
		dicomio.TagSpecificCharacterSet:  "ISO_IR 192",
		dicomio.TagContentDate:           "20260312",
		dicomio.TagContentTime:           "103000",
		dicomio.TagAcquisitionDateTime:   "20260312103000",
		dicomio.TagStudyDate:             "20260312",
		dicomio.TagTimezoneOffsetFromUTC: "+0100",
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
	s, _ := fixture.DemoStudy(t)
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
	r := exampleReport()
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, []byte("not a pdf"), EncapsulateOptions{}); err == nil {
		t.Error("wrapped something that is not a PDF")
	}
	r.Study.StudyInstanceUID = ""
	if _, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, []byte("%PDF-1.4\n"), EncapsulateOptions{}); err == nil {
		t.Error("wrapped a report without a study")
	}
	r = exampleReport()
	r.KeyImages[0].Image.SOPClassUID = ""
	_, err := WriteEncapsulatedPDF(&bytes.Buffer{}, r, []byte("%PDF-1.4\n"), EncapsulateOptions{Sources: []mark.ImageRef{r.KeyImages[0].Image}})
	if err == nil {
		t.Error("a source without SOP class")
	}
}

func exampleReport() *report.Report { return assess.ExampleReport(fixture.ExampleInput()) }
