package dcmwrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/dicomio"
)

// SOPClassEncapsulatedPDF is the SOP Class UID of Encapsulated PDF Storage.
const SOPClassEncapsulatedPDF = "1.2.840.10008.5.1.4.1.1.104.1"

// UnverifiedTitleSuffix ends the Document Title of an Encapsulated PDF
// written with Verified false.
const UnverifiedTitleSuffix = " (DRAFT, NOT VERIFIED)"

// EncapsulatedPDF holds the document-specific attributes of an
// Encapsulated PDF; the patient and study come from the images.
type EncapsulatedPDF struct {
	// Title is the Document Title, e.g. "Hysterosalpingography report".
	Title string
	// Concept is the Concept Name Code Sequence (the kind of document,
	// e.g. LOINC 18748-4); left empty when its Value is "".
	Concept Code
	// ContentTime is when the document was made (Content Date and Time,
	// Acquisition DateTime, Instance Creation); required.
	ContentTime time.Time
	// SeriesNumber is required (> 0); SeriesDescription is optional.
	SeriesNumber      int
	SeriesDescription string
	// SOPInstanceUID and SeriesInstanceUID are required: derive them
	// with [ReportUIDs] so a resent version replaces its object.
	SOPInstanceUID, SeriesInstanceUID string
	// Sources are the images the document shows (Source Instance
	// Sequence, purpose "Source image"); classes missing are taken from
	// the study.
	Sources []Ref
	// Verified is true for a document verified (signed) by its author.
	// An Encapsulated PDF has no Verification Flag (PS3.3 A.45, C.24.2),
	// so an unverified one says so where every PACS shows it: its
	// Document Title ends with UnverifiedTitleSuffix and its Series
	// Description says "not verified".
	Verified bool
	// SoftwareVersion is written as Software Versions, e.g. "0.1.0".
	SoftwareVersion string
}

// WriteEncapsulatedPDF writes pdf to w as a DICOM Encapsulated PDF (PS3.3
// A.45) of study s, in its own series (Modality DOC): the Patient and
// General Study modules copied from the images ([StudyOf]), Conversion
// Type WSD, Burned In Annotation YES (a report shows the patient's name),
// the document padded to even length with its real length in Encapsulated
// Document Length, and text in UTF-8.
func WriteEncapsulatedPDF(w io.Writer, s *dicomio.Study, pdf []byte, opt EncapsulatedPDF) error {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return errors.New("dcmwrite: encapsulated pdf: the document is not a PDF")
	}
	if len(pdf) >= 1<<32-2 {
		return errors.New("dcmwrite: encapsulated pdf: the document is larger than 4 GiB")
	}
	switch {
	case opt.ContentTime.IsZero():
		return errors.New("dcmwrite: encapsulated pdf: no content time")
	case opt.SeriesNumber <= 0:
		return errors.New("dcmwrite: encapsulated pdf: no series number")
	case opt.SOPInstanceUID == "" || opt.SeriesInstanceUID == "":
		return errors.New("dcmwrite: encapsulated pdf: no SOP instance or series UID")
	case opt.Title == "":
		return errors.New("dcmwrite: encapsulated pdf: no document title")
	}
	st, err := StudyOf(s)
	if err != nil {
		return err
	}
	sources, err := Resolve(s, opt.Sources)
	if err != nil {
		return err
	}
	now := st.Local(opt.ContentTime).Truncate(time.Second)

	var d DataSet
	d.FileMeta(SOPClassEncapsulatedPDF, opt.SOPInstanceUID)
	d.SOPCommon(SOPClassEncapsulatedPDF, opt.SOPInstanceUID, now, st)
	st.Put(&d)

	// Encapsulated Document Series, General Equipment, SC Equipment.
	d.Str(tag.Modality, "DOC")
	d.Str(tag.SeriesInstanceUID, opt.SeriesInstanceUID)
	d.Int(tag.SeriesNumber, opt.SeriesNumber)
	desc := opt.SeriesDescription
	title := opt.Title
	if !opt.Verified {
		desc = Text(desc+" (draft, not verified)", 64)
		title += UnverifiedTitleSuffix
	}
	if desc != "" {
		d.Str(tag.SeriesDescription, Text(desc, 64))
	}
	d.Str(tag.Manufacturer, "hsgview")
	if opt.SoftwareVersion != "" {
		d.Str(tag.SoftwareVersions, Text(opt.SoftwareVersion, 64))
	}
	d.Str(tag.ConversionType, "WSD")

	// Encapsulated Document.
	d.Int(tag.InstanceNumber, 1)
	d.Str(tag.ContentDate, DA(now))
	d.Str(tag.ContentTime, TM(now))
	d.Str(tag.AcquisitionDateTime, DT(now))
	d.Str(tag.BurnedInAnnotation, "YES")
	d.Str(tag.DocumentTitle, Text(title, 1024))
	if opt.Concept.Value != "" {
		d.Code(tag.ConceptNameCodeSequence, opt.Concept)
	} else {
		d.Seq(tag.ConceptNameCodeSequence)
	}
	d.Str(tag.MIMETypeOfEncapsulatedDocument, "application/pdf")
	if len(sources) > 0 {
		items := make([]*DataSet, len(sources))
		for i, r := range sources {
			it := &DataSet{}
			it.Str(tag.ReferencedSOPClassUID, r.SOPClassUID)
			it.Str(tag.ReferencedSOPInstanceUID, r.SOPInstanceUID)
			it.Code(tag.PurposeOfReferenceCodeSequence, Code{"121324", "DCM", "Source image"})
			items[i] = it
		}
		d.Seq(tag.SourceInstanceSequence, items...)
	}
	doc := pdf
	if len(doc)%2 == 1 {
		doc = append(slices.Clip(doc), 0) // PS3.3 C.24.2.1: pad to even length
	}
	d.Put(tag.EncapsulatedDocument, doc)
	d.Put(tag.EncapsulatedDocumentLength, []int{len(pdf)})
	if err := d.Write(w); err != nil {
		return fmt.Errorf("dcmwrite: encapsulated pdf: %w", err)
	}
	return nil
}
