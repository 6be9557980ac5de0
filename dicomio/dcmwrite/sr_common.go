// Package dcmwrite writes hsgview's report as DICOM objects for a PACS.
//
// This file holds the helpers the SR, KOS and GSPS writers share: UIDs
// derived from the report version, the patient and study modules copied
// from the images, and a data set builder over
// github.com/suyashkumar/dicom. The Encapsulated PDF writer has similar
// helpers; when both land, fold the duplicates (nameUID, the data set
// builder, the patient/study module).
package dcmwrite

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
)

// SOP classes written.
const (
	SOPClassComprehensiveSR = "1.2.840.10008.5.1.4.1.1.88.33"
	SOPClassKOS             = "1.2.840.10008.5.1.4.1.1.88.59"
	SOPClassGSPS            = "1.2.840.10008.5.1.4.1.1.11.1"
)

const explicitVRLittleEndian = "1.2.840.10008.1.2.1"

// Series numbers: a kind's base plus the report version.
const (
	seriesNumberSR   = 9100
	seriesNumberKOS  = 9200
	seriesNumberGSPS = 9300
)

var implementationClassUID = nameUID("hsgview/annotate/implementation")

// nameUID returns a 2.25 UID derived from name (PS3.5 B.2, a name-based
// UUID): the same name always gives the same UID.
func nameUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return "2.25." + new(big.Int).SetBytes(b).String()
}

// ObjectUID returns the UID of one object of a report version: kind is
// "sr", "kos" or "gsps", and image the SOP Instance UID of the image a
// GSPS presents ("" otherwise). Sending a version again gives the same
// UIDs, so the PACS does not duplicate it; a new version gives new ones.
func ObjectUID(reportID string, version int, kind, image string) string {
	return nameUID(fmt.Sprintf("hsgview/report/%s/v%d/%s/%s", reportID, version, kind, image))
}

// SeriesUID returns the Series Instance UID of a kind of object of a
// report version: each version (an amendment) is a new series.
func SeriesUID(reportID string, version int, kind string) string {
	return nameUID(fmt.Sprintf("hsgview/report/%s/v%d/%s/series", reportID, version, kind))
}

// version returns the report's version number, 1 for the first.
func version(r *report.Report) int { return max(r.Version, 1) }

// check refuses an unsigned report unless opt allows drafts, and a
// report of another study.
func check(r *report.Report, opt *Options) error {
	if r == nil {
		return errors.New("dcmwrite: no report")
	}
	if !r.Status.Signed() && !opt.AllowDraft {
		return fmt.Errorf("dcmwrite: the report is %s, not signed; sign it first (or allow a draft, sent as unverified)", cmp.Or(string(r.Status), "a draft"))
	}
	if opt.Study == nil {
		return errors.New("dcmwrite: the report's study is needed: patient and study attributes come from its images")
	}
	if r.ReportID == "" {
		return errors.New("dcmwrite: the report has no ID")
	}
	if r.Study.StudyInstanceUID != opt.Study.UID {
		return fmt.Errorf("dcmwrite: the report is for study %s, not %s", r.Study.StudyInstanceUID, opt.Study.UID)
	}
	return nil
}

// contentTime is the time the objects carry: the signature, else the
// option, else now.
func contentTime(r *report.Report, opt *Options) time.Time {
	switch {
	case !opt.Time.IsZero():
		return opt.Time
	case r.Status.Signed() && !r.SignedAt.IsZero():
		return r.SignedAt
	}
	return time.Now()
}

// header starts an object: file meta, SOP common, patient, general
// study, the series and general equipment, all with UTF-8 text.
func header(d *DataSet, st *dicomio.Study, class, sop, series, modality string, seriesNumber int, desc string, now time.Time, software string) {
	d.Put(tag.FileMetaInformationVersion, []byte{0, 1})
	d.Str(tag.MediaStorageSOPClassUID, class)
	d.Str(tag.MediaStorageSOPInstanceUID, sop)
	d.Str(tag.TransferSyntaxUID, explicitVRLittleEndian)
	d.Str(tag.ImplementationClassUID, implementationClassUID)
	d.Str(tag.ImplementationVersionName, "HSGVIEW_REPORT1")

	d.Str(tag.SpecificCharacterSet, "ISO_IR 192")
	d.Str(tag.SOPClassUID, class)
	d.Str(tag.SOPInstanceUID, sop)
	d.Str(tag.InstanceCreationDate, now.Format("20060102"))
	d.Str(tag.InstanceCreationTime, now.Format("150405"))
	_, off := now.Zone()
	d.Str(tag.TimezoneOffsetFromUTC, utcOffset(off))

	patientStudy(d, st)

	d.Str(tag.Modality, modality)
	d.Str(tag.SeriesInstanceUID, series)
	d.Int(tag.SeriesNumber, seriesNumber)
	d.Str(tag.SeriesDescription, desc)
	d.Str(tag.SeriesDate, now.Format("20060102"))
	d.Str(tag.SeriesTime, now.Format("150405"))
	d.Str(tag.Manufacturer, "hsgview")
	if software != "" {
		d.Str(tag.SoftwareVersions, clean(software, 64))
	}
}

// patientStudy copies the Patient and General Study modules from the
// study's first image, as the images have them.
func patientStudy(d *DataSet, st *dicomio.Study) {
	var in *dicomio.Instance
	for _, i := range st.Images {
		if i.StudyInstanceUID == st.UID {
			in = i
			break
		}
	}
	studyDate, studyTime := "", ""
	p, acc, ref, sid := st.Patient, st.AccessionNumber, st.ReferringPhysician, st.StudyID
	desc := st.Description
	if in != nil {
		if h := in.Header(); h != nil {
			studyDate = strings.TrimSpace(h.String(dicomio.TagStudyDate))
			studyTime = strings.TrimSpace(h.String(dicomio.TagStudyTime))
		}
		p, acc, ref, sid = in.Patient, in.AccessionNumber, in.ReferringPhysician, in.StudyID
		desc = in.StudyDescription
	}
	if studyDate == "" && !st.Time.IsZero() {
		studyDate, studyTime = st.Time.Format("20060102"), st.Time.Format("150405")
	}
	d.Str(tag.PatientName, clean(p.Name, 64*5))
	d.Str(tag.PatientID, clean(p.ID, 64))
	d.Str(tag.PatientBirthDate, strings.ReplaceAll(p.BirthDate, "-", ""))
	d.Str(tag.PatientSex, p.Sex)
	d.Str(tag.StudyInstanceUID, st.UID)
	d.Str(tag.StudyDate, studyDate)
	d.Str(tag.StudyTime, studyTime)
	d.Str(tag.ReferringPhysicianName, clean(ref, 64*5))
	d.Str(tag.StudyID, clean(sid, 16))
	d.Str(tag.AccessionNumber, clean(acc, 16))
	if desc != "" {
		d.Str(tag.StudyDescription, clean(desc, 64))
	}
}

// clean removes the backslash and control characters and cuts s to n
// characters.
func clean(s string, n int) string {
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

// cleanText keeps line breaks (for UT/ST values).
func cleanText(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\\' || (r < 0x20 && r != '\n' && r != '\r') || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if rs := []rune(s); len(rs) > n {
		s = string(rs[:n])
	}
	return s
}

func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}

// evidence returns the Current Requested Procedure Evidence Sequence
// item(s) of the referenced images: study → series → SOP.
func evidence(studyUID string, refs []imageRef) *DataSet {
	bySeries := map[string][]imageRef{}
	var order []string
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.sop] {
			continue
		}
		seen[r.sop] = true
		if _, ok := bySeries[r.series]; !ok {
			order = append(order, r.series)
		}
		bySeries[r.series] = append(bySeries[r.series], r)
	}
	var series []*DataSet
	for _, s := range order {
		var sops []*DataSet
		for _, r := range bySeries[s] {
			var it DataSet
			it.Str(tag.ReferencedSOPClassUID, r.class)
			it.Str(tag.ReferencedSOPInstanceUID, r.sop)
			sops = append(sops, &it)
		}
		var se DataSet
		se.Str(tag.SeriesInstanceUID, s)
		se.Seq(tag.ReferencedSOPSequence, sops...)
		series = append(series, &se)
	}
	var st DataSet
	st.Str(tag.StudyInstanceUID, studyUID)
	st.Seq(tag.ReferencedSeriesSequence, series...)
	return &st
}

// imageRef is a resolved image reference.
type imageRef struct {
	class, sop, series string
	frame              int // 1-based; 0 = the whole image
	in                 *dicomio.Instance
}

// resolve finds the image a report reference names in the study.
func resolve(st *dicomio.Study, sop string, frame int) (imageRef, error) {
	in := st.Image(sop)
	if in == nil {
		return imageRef{}, fmt.Errorf("dcmwrite: image %s is not in the study", sop)
	}
	if in.Pixel.Frames <= 1 {
		frame = 0
	}
	return imageRef{class: in.SOPClassUID, sop: sop, series: in.SeriesInstanceUID, frame: frame, in: in}, nil
}
