package reportpdf

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dcmwrite"
)

// SOPClassEncapsulatedPDF is the SOP Class UID of Encapsulated PDF Storage.
const SOPClassEncapsulatedPDF = dcmwrite.SOPClassEncapsulatedPDF

// DefaultReportSeriesNumber is the Series Number of the first report
// exported as Encapsulated PDF; each amendment adds one.
const DefaultReportSeriesNumber = 9001

// NewUID returns a new random UID (see [dcmwrite.NewUID]).
func NewUID() string { return dcmwrite.NewUID() }

// ErrNotSigned is returned when a report that is not signed is to be
// written as DICOM without EncapsulateOptions.AllowDraft.
var ErrNotSigned = errors.New("the report is not signed: only a signed report is exported as DICOM (a draft needs the explicit draft option and is marked not verified)")

// EncapsulateOptions control [WriteEncapsulatedPDF].
type EncapsulateOptions struct {
	// Study is the report's study, opened with dicomio: the patient and
	// study attributes are copied from its images. Required.
	Study *dicomio.Study
	// Sources are the images the PDF shows (its key images), listed in
	// the Source Instance Sequence with the purpose "Source image".
	Sources []mark.ImageRef
	// Time is the content date and time of the document (the export);
	// now if zero.
	Time time.Time
	// SeriesNumber is the Series Number; DefaultReportSeriesNumber plus
	// the number of earlier signed versions if 0.
	SeriesNumber int
	// SOPInstanceUID and SeriesInstanceUID are derived from the report
	// ID and version if empty ([dcmwrite.ReportUIDs]): sending a version
	// again replaces the object instead of duplicating it.
	SOPInstanceUID, SeriesInstanceUID string
	// SoftwareVersion is written as Software Versions, e.g. "0.1.0".
	SoftwareVersion string
	// AllowDraft lets a report that is not signed be written; the object
	// is then marked not verified (see [dcmwrite.EncapsulatedPDF]).
	AllowDraft bool
}

// WriteEncapsulatedPDF writes pdf (a PDF of r, see [WritePDF]) to w as a
// DICOM Encapsulated PDF of r's study ([dcmwrite.WriteEncapsulatedPDF]):
// the patient and study attributes come from the study's images, the
// title, concept (LOINC 18748-4, Diagnostic imaging study), series and
// UIDs from the report. Only a signed report is written, unless
// opt.AllowDraft; a draft is marked not verified.
//
// It returns the export record, for r.Exports.PDF; it does not change r.
func WriteEncapsulatedPDF(w io.Writer, r *report.Report, pdf []byte, opt EncapsulateOptions) (report.DICOMExport, error) {
	signed := r.Status.Signed()
	if !signed && !opt.AllowDraft {
		return report.DICOMExport{}, ErrNotSigned
	}
	if r.Study.StudyInstanceUID == "" {
		return report.DICOMExport{}, errors.New("annotate: encapsulated pdf: the report has no Study Instance UID")
	}
	if opt.Study == nil {
		return report.DICOMExport{}, errors.New("annotate: encapsulated pdf: the study's images are needed (the patient and study are copied from them)")
	}
	if opt.Study.UID != r.Study.StudyInstanceUID {
		return report.DICOMExport{}, fmt.Errorf("annotate: encapsulated pdf: the report is for study %s, not %s", r.Study.StudyInstanceUID, opt.Study.UID)
	}
	now := opt.Time
	if now.IsZero() {
		now = time.Now()
	}
	draftHash := ""
	if !signed {
		h, err := r.Hash()
		if err != nil {
			return report.DICOMExport{}, err
		}
		draftHash = h
	}
	series, inst := dcmwrite.ReportUIDs(r.ReportID, r.Version, "pdf", draftHash)
	exp := report.DICOMExport{
		SOPClassUID:       SOPClassEncapsulatedPDF,
		SOPInstanceUID:    cmp.Or(opt.SOPInstanceUID, inst),
		SeriesInstanceUID: cmp.Or(opt.SeriesInstanceUID, series),
		CreatedAt:         now.UTC().Round(0).Truncate(time.Second),
	}
	seriesNo := opt.SeriesNumber
	if seriesNo <= 0 {
		seriesNo = DefaultReportSeriesNumber + len(r.PreviousVersions)
	}
	title := "Hysterosalpingography report"
	if r.Status == report.StatusAmended {
		title += fmt.Sprintf(" (amended, version %d)", r.Version)
	}
	refs := make([]dcmwrite.Ref, len(opt.Sources))
	for i, s := range opt.Sources {
		refs[i] = dcmwrite.Ref{SOPClassUID: s.SOPClassUID, SOPInstanceUID: s.SOPInstanceUID}
	}
	err := dcmwrite.WriteEncapsulatedPDF(w, opt.Study, pdf, dcmwrite.EncapsulatedPDF{
		Title:             title,
		Concept:           dcmwrite.Code{Value: "18748-4", Scheme: "LN", Meaning: "Diagnostic imaging study"},
		ContentTime:       now,
		SeriesNumber:      seriesNo,
		SeriesDescription: "HSG report",
		SOPInstanceUID:    exp.SOPInstanceUID,
		SeriesInstanceUID: exp.SeriesInstanceUID,
		Sources:           refs,
		Verified:          signed,
		SoftwareVersion:   opt.SoftwareVersion,
	})
	if err != nil {
		return report.DICOMExport{}, err
	}
	return exp, nil
}
