package dcmwrite

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// ExplicitVRLittleEndian is the transfer syntax of the files written.
const ExplicitVRLittleEndian = "1.2.840.10008.1.2.1"

// A DataSet collects the elements of an object being written. The first
// error sticks and is returned by [DataSet.Write] (or [DataSet.Items]),
// so a writer adds its elements without checking each.
type DataSet struct {
	elems []*dicom.Element
	err   error
}

// Err returns the first error met.
func (d *DataSet) Err() error { return d.err }

// Put adds an element whose value is any value dicom.NewElement takes
// ([]string, []int, []byte, [][]*dicom.Element for a sequence).
func (d *DataSet) Put(t tag.Tag, v any) {
	if d.err != nil {
		return
	}
	e, err := dicom.NewElement(t, v)
	if err != nil {
		d.err = fmt.Errorf("dcmwrite: element %s: %w", t, err)
		return
	}
	d.elems = append(d.elems, e)
}

// Str adds a one-valued string element (an empty value is written empty:
// Type 2 attributes are present without a value).
func (d *DataSet) Str(t tag.Tag, v string) { d.Put(t, []string{v}) }

// Int adds an IS element.
func (d *DataSet) Int(t tag.Tag, v int) { d.Put(t, []string{strconv.Itoa(v)}) }

// Code adds a sequence of one coded entry.
func (d *DataSet) Code(t tag.Tag, c Code) {
	var it DataSet
	it.Str(tag.CodeValue, c.Value)
	it.Str(tag.CodingSchemeDesignator, c.Scheme)
	it.Str(tag.CodeMeaning, c.Meaning)
	d.Seq(t, &it)
}

// Seq adds a sequence of the items (an empty sequence when none).
func (d *DataSet) Seq(t tag.Tag, items ...*DataSet) {
	if d.err != nil {
		return
	}
	vals := make([][]*dicom.Element, 0, len(items))
	for _, it := range items {
		if it.err != nil {
			d.err = it.err
			return
		}
		vals = append(vals, it.sorted())
	}
	d.Put(t, vals)
}

// FileMeta adds the file meta information of an object of SOP class and
// instance (PS3.10 7.1), written Explicit VR Little Endian.
func (d *DataSet) FileMeta(class, instance string) {
	d.Put(tag.FileMetaInformationVersion, []byte{0, 1})
	d.Str(tag.MediaStorageSOPClassUID, class)
	d.Str(tag.MediaStorageSOPInstanceUID, instance)
	d.Str(tag.TransferSyntaxUID, ExplicitVRLittleEndian)
	d.Str(tag.ImplementationClassUID, ImplementationClassUID)
	d.Str(tag.ImplementationVersionName, ImplementationVersionName)
}

// SOPCommon adds the SOP Common module: UTF-8 text (ISO_IR 192), the SOP
// class and instance, when it was created (created, already in the
// study's frame: see [Study.Local]) and the study's Timezone Offset From
// UTC when its images carry one. Without one, no offset is written: it
// would apply to the study date and time copied from the images too.
func (d *DataSet) SOPCommon(class, instance string, created time.Time, st Study) {
	d.Str(tag.SpecificCharacterSet, "ISO_IR 192")
	d.Str(tag.SOPClassUID, class)
	d.Str(tag.SOPInstanceUID, instance)
	d.Str(tag.InstanceCreationDate, DA(created))
	d.Str(tag.InstanceCreationTime, TM(created))
	if st.TimezoneOffset != "" {
		d.Str(tag.TimezoneOffsetFromUTC, st.TimezoneOffset)
	}
}

func (d *DataSet) sorted() []*dicom.Element {
	slices.SortFunc(d.elems, func(a, b *dicom.Element) int {
		return cmp.Or(cmp.Compare(a.Tag.Group, b.Tag.Group), cmp.Compare(a.Tag.Element, b.Tag.Element))
	})
	return d.elems
}

// Write writes the elements, sorted by tag, as a Part 10 file; the data
// set must hold its file meta information (see [DataSet.FileMeta]).
func (d *DataSet) Write(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	if err := dicom.Write(w, dicom.Dataset{Elements: d.sorted()}); err != nil {
		return fmt.Errorf("dcmwrite: %w", err)
	}
	return nil
}

// A Code is a coded entry: value, coding scheme designator and meaning.
type Code struct{ Value, Scheme, Meaning string }

// DA formats t's date as a DICOM DA.
func DA(t time.Time) string { return t.Format("20060102") }

// TM formats t's time of day as a DICOM TM (whole seconds).
func TM(t time.Time) string { return t.Format("150405") }

// DT formats t as a DICOM DT without zone (the zone is written in
// Timezone Offset From UTC).
func DT(t time.Time) string { return t.Format("20060102150405") }

// UTCOffset formats an offset in seconds as DICOM's "+HHMM".
func UTCOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}

// Text removes the backslash (the DICOM value separator) and control
// characters from s, trims it and cuts it to n characters (the maximum
// length of its VR: 64 for LO, 16 for SH, 64 per component group for PN).
func Text(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\\' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if rs := []rune(s); len(rs) > n {
		s = strings.TrimSpace(string(rs[:n]))
	}
	return s
}
