package reportpdf

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"

	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
	"hsgview/dicomio"
)

// SOPClassEncapsulatedPDF is the SOP Class UID of Encapsulated PDF Storage.
const SOPClassEncapsulatedPDF = "1.2.840.10008.5.1.4.1.1.104.1"

// explicitVRLittleEndian is the transfer syntax of the files written.
const explicitVRLittleEndian = "1.2.840.10008.1.2.1"

// DefaultReportSeriesNumber is the Series Number of the first report
// exported as Encapsulated PDF; each amendment adds one.
const DefaultReportSeriesNumber = 9001

// implementationClassUID identifies hsgview's writer in the file meta
// information: a name-based UID (PS3.5 B.2).
var implementationClassUID = nameUID("hsgview/annotate/implementation")

// nameUID returns a 2.25 UID derived from name.
func nameUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b).String()
}

// NewUID returns a new random UID in the 2.25 (UUID) form of PS3.5 B.2.
func NewUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b[:]).String()
}

// EncapsulateOptions control [Report.WriteEncapsulatedPDF].
type EncapsulateOptions struct {
	// Study is the report's study, opened with dicomio. Its Study ID,
	// study date and time are copied exactly as the images have them;
	// without it they come from the report.
	Study *dicomio.Study
	// Sources are the images the PDF shows (its key images), listed in
	// the Source Instance Sequence with the purpose "Source image". An
	// image without a SOP Class UID takes it from Study.
	Sources []mark.ImageRef
	// Time is the content date and time of the document; now if zero.
	Time time.Time
	// SeriesNumber is the Series Number; DefaultReportSeriesNumber plus
	// the number of earlier signed versions if 0.
	SeriesNumber int
	// SOPInstanceUID and SeriesInstanceUID are new UIDs if empty.
	SOPInstanceUID, SeriesInstanceUID string
	// SoftwareVersion is written as Software Versions, e.g. "0.1.0".
	SoftwareVersion string
}

// WriteEncapsulatedPDF writes pdf (a PDF of r, see [Report.WritePDF]) to
// w as a DICOM Encapsulated PDF (SOP Class 1.2.840.10008.5.1.4.1.1.104.1)
// of r's study, in a new series (Modality DOC), so that a PACS files the
// report with the images: the patient and study attributes of r, Conversion
// Type WSD, Burned In Annotation YES (the PDF shows the patient's name),
// the report's document title and concept (LOINC 18748-4, Diagnostic
// imaging study), the key images as source instances, and the document
// padded to even length with its real length in Encapsulated Document
// Length. Text is UTF-8 (Specific Character Set ISO_IR 192).
//
// It returns the export record, for r.Exports.PDF; it does not change r.
func WriteEncapsulatedPDF(w io.Writer, r *report.Report, pdf []byte, opt EncapsulateOptions) (report.DICOMExport, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return report.DICOMExport{}, errors.New("annotate: encapsulated pdf: the document is not a PDF")
	}
	if len(pdf) >= 1<<32-2 {
		return report.DICOMExport{}, errors.New("annotate: encapsulated pdf: the document is larger than 4 GiB")
	}
	studyUID := r.Study.StudyInstanceUID
	if studyUID == "" {
		return report.DICOMExport{}, errors.New("annotate: encapsulated pdf: the report has no Study Instance UID")
	}
	if opt.Study != nil && opt.Study.UID != studyUID {
		return report.DICOMExport{}, fmt.Errorf("annotate: encapsulated pdf: the report is for study %s, not %s", studyUID, opt.Study.UID)
	}
	now := opt.Time
	if now.IsZero() {
		now = time.Now()
	}
	exp := report.DICOMExport{
		SOPClassUID:       SOPClassEncapsulatedPDF,
		SOPInstanceUID:    cmp.Or(opt.SOPInstanceUID, NewUID()),
		SeriesInstanceUID: cmp.Or(opt.SeriesInstanceUID, NewUID()),
		CreatedAt:         now.UTC().Round(0).Truncate(time.Second),
	}
	series := opt.SeriesNumber
	if series <= 0 {
		series = DefaultReportSeriesNumber + len(r.PreviousVersions)
	}

	var d dcmSet
	// File meta information.
	d.put(tag.FileMetaInformationVersion, []byte{0, 1})
	d.str(tag.MediaStorageSOPClassUID, SOPClassEncapsulatedPDF)
	d.str(tag.MediaStorageSOPInstanceUID, exp.SOPInstanceUID)
	d.str(tag.TransferSyntaxUID, explicitVRLittleEndian)
	d.str(tag.ImplementationClassUID, implementationClassUID)
	d.str(tag.ImplementationVersionName, "HSGVIEW_REPORT1")

	// SOP Common.
	d.str(tag.SpecificCharacterSet, "ISO_IR 192")
	d.str(tag.SOPClassUID, SOPClassEncapsulatedPDF)
	d.str(tag.SOPInstanceUID, exp.SOPInstanceUID)
	d.str(tag.InstanceCreationDate, now.Format("20060102"))
	d.str(tag.InstanceCreationTime, now.Format("150405"))
	_, off := now.Zone()
	d.str(tag.TimezoneOffsetFromUTC, utcOffsetText(off))

	// Patient.
	p := r.Patient
	d.str(tag.PatientName, dicomText(p.Name, 64*5))
	d.str(tag.PatientID, dicomText(p.ID, 64))
	d.str(tag.PatientBirthDate, dicomDate(p.BirthDate))
	sex := string(p.Sex)
	if sex != "F" && sex != "M" && sex != "O" {
		sex = ""
	}
	d.str(tag.PatientSex, sex)

	// General Study.
	studyDate, studyTime, studyID := reportStudyDateTime(r)
	if s := opt.Study; s != nil {
		if h := studyHeader(s); h != nil {
			studyDate = strings.TrimSpace(h.String(dicomio.TagStudyDate))
			studyTime = strings.TrimSpace(h.String(dicomio.TagStudyTime))
		}
		studyID = s.StudyID
	}
	d.str(tag.StudyInstanceUID, studyUID)
	d.str(tag.StudyDate, studyDate)
	d.str(tag.StudyTime, studyTime)
	d.str(tag.ReferringPhysicianName, dicomText(r.Study.ReferringPhysician, 64*5))
	d.str(tag.StudyID, dicomText(studyID, 16))
	d.str(tag.AccessionNumber, dicomText(r.Study.AccessionNumber, 16))
	d.str(tag.StudyDescription, "Hysterosalpingography")

	// Encapsulated Document Series, General Equipment, SC Equipment.
	d.str(tag.Modality, "DOC")
	d.str(tag.SeriesInstanceUID, exp.SeriesInstanceUID)
	d.is(tag.SeriesNumber, series)
	d.str(tag.SeriesDescription, "HSG report")
	d.str(tag.Manufacturer, "hsgview")
	if opt.SoftwareVersion != "" {
		d.str(tag.SoftwareVersions, dicomText(opt.SoftwareVersion, 64))
	}
	d.str(tag.ConversionType, "WSD")

	// Encapsulated Document.
	d.is(tag.InstanceNumber, 1)
	d.str(tag.ContentDate, now.Format("20060102"))
	d.str(tag.ContentTime, now.Format("150405"))
	d.str(tag.AcquisitionDateTime, now.Format("20060102150405"))
	d.str(tag.BurnedInAnnotation, "YES")
	title := "Hysterosalpingography report"
	switch {
	case r.Status == report.StatusAmended:
		title += fmt.Sprintf(" (amended, version %d)", r.Version)
	case !r.Status.Signed():
		title += " (draft, not signed)"
	}
	d.str(tag.DocumentTitle, title)
	d.code(tag.ConceptNameCodeSequence, "18748-4", "LN", "Diagnostic imaging study")
	d.str(tag.MIMETypeOfEncapsulatedDocument, "application/pdf")
	if items, err := sourceItems(opt); err != nil {
		return report.DICOMExport{}, err
	} else if len(items) > 0 {
		d.put(tag.SourceInstanceSequence, items)
	}
	doc := pdf
	if len(doc)%2 == 1 {
		doc = append(slices.Clip(doc), 0) // PS3.3 C.24.2.1: pad to even length
	}
	d.put(tag.EncapsulatedDocument, doc)
	d.put(tag.EncapsulatedDocumentLength, []int{len(pdf)})

	if err := d.write(w); err != nil {
		return report.DICOMExport{}, err
	}
	return exp, nil
}

// studyDateTime returns the study date, time and ID as DICOM DA and TM
// from the report.
func reportStudyDateTime(r *report.Report) (da, tm, id string) {
	if t, ok := parseReportTime(r.Study.StudyDateTime); ok {
		return t.Format("20060102"), t.Format("150405"), ""
	}
	return dicomDate(r.Study.StudyDateTime), "", ""
}

// studyHeader returns the header of an instance of the study.
func studyHeader(s *dicomio.Study) *dicomio.DataSet {
	for _, in := range slices.Concat(s.Images, s.Documents) {
		if in.StudyInstanceUID == s.UID {
			return in.Header()
		}
	}
	return nil
}

// sourceItems returns the Source Instance Sequence items of the sources.
func sourceItems(opt EncapsulateOptions) ([][]*dicom.Element, error) {
	var items [][]*dicom.Element
	seen := map[string]bool{}
	for _, ref := range opt.Sources {
		if ref.SOPInstanceUID == "" || seen[ref.SOPInstanceUID] {
			continue
		}
		seen[ref.SOPInstanceUID] = true
		class := ref.SOPClassUID
		if class == "" && opt.Study != nil {
			for _, in := range opt.Study.Images {
				if in.SOPInstanceUID == ref.SOPInstanceUID {
					class = in.SOPClassUID
				}
			}
		}
		if class == "" {
			return nil, fmt.Errorf("annotate: encapsulated pdf: no SOP Class UID for source image %s", ref.SOPInstanceUID)
		}
		var it dcmSet
		it.str(tag.ReferencedSOPClassUID, class)
		it.str(tag.ReferencedSOPInstanceUID, ref.SOPInstanceUID)
		it.code(tag.PurposeOfReferenceCodeSequence, "121324", "DCM", "Source image")
		if it.err != nil {
			return nil, it.err
		}
		items = append(items, it.elems)
	}
	return items, nil
}

// dcmSet collects the elements of a data set; the first error sticks.
type dcmSet struct {
	elems []*dicom.Element
	err   error
}

func (d *dcmSet) put(t tag.Tag, v any) {
	if d.err != nil {
		return
	}
	e, err := dicom.NewElement(t, v)
	if err != nil {
		d.err = fmt.Errorf("annotate: encapsulated pdf: element %s: %w", t, err)
		return
	}
	d.elems = append(d.elems, e)
}

func (d *dcmSet) str(t tag.Tag, v string) { d.put(t, []string{v}) }
func (d *dcmSet) is(t tag.Tag, v int)     { d.put(t, []string{fmt.Sprint(v)}) }

// code adds a sequence of one coded entry.
func (d *dcmSet) code(t tag.Tag, value, scheme, meaning string) {
	var it dcmSet
	it.str(tag.CodeValue, value)
	it.str(tag.CodingSchemeDesignator, scheme)
	it.str(tag.CodeMeaning, meaning)
	if it.err != nil {
		d.err = cmp.Or(d.err, it.err)
		return
	}
	d.put(t, [][]*dicom.Element{it.elems})
}

// write writes the elements, sorted by tag, as a Part 10 file.
func (d *dcmSet) write(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	slices.SortFunc(d.elems, func(a, b *dicom.Element) int {
		return cmp.Or(cmp.Compare(a.Tag.Group, b.Tag.Group), cmp.Compare(a.Tag.Element, b.Tag.Element))
	})
	if err := dicom.Write(w, dicom.Dataset{Elements: d.elems}); err != nil {
		return fmt.Errorf("annotate: encapsulated pdf: %w", err)
	}
	return nil
}

// dicomDate turns an ISO date (YYYY-MM-DD) into a DICOM DA (YYYYMMDD);
// anything else gives "".
func dicomDate(s string) string {
	t, err := time.Parse(time.DateOnly, wording.IsoDate(strings.TrimSpace(s)))
	if err != nil {
		return ""
	}
	return t.Format("20060102")
}

// dicomText removes the backslash (the DICOM value separator) and control
// characters from s and cuts it to n characters.
func dicomText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\\' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if rs := []rune(s); len(rs) > n {
		s = string(rs[:n])
	}
	return s
}

// utcOffsetText formats an offset in seconds as DICOM's "+HHMM".
func utcOffsetText(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}
