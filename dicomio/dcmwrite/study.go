package dcmwrite

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/hsgview/hsgview/dicomio"
)

// Study holds the Patient and General Study attributes of an object
// written for a study, as DICOM values.
type Study struct {
	PatientName, PatientID, PatientBirthDate, PatientSex      string
	StudyInstanceUID, StudyDate, StudyTime, StudyID           string
	AccessionNumber, ReferringPhysicianName, StudyDescription string
	// TimezoneOffset is the images' Timezone Offset From UTC ("+0100"),
	// "" when they carry none; it applies to every date and time of an
	// object, so an object copying the study's date and time writes its
	// own times in the same offset (see [Study.Local]).
	TimezoneOffset string
}

// Local returns t as the wall-clock time to write beside the study's
// dates and times: in the images' offset when they carry one, else in
// t's own zone (the images' times are then local times too).
func (st Study) Local(t time.Time) time.Time {
	if off, ok := parseOffset(st.TimezoneOffset); ok {
		return t.In(time.FixedZone("", off))
	}
	return t
}

// parseOffset parses "+HHMM" or "-HHMM" into seconds.
func parseOffset(s string) (int, bool) {
	if len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return 0, false
	}
	sec := h*3600 + m*60
	if s[0] == '-' {
		sec = -sec
	}
	return sec, true
}

// StudyOf returns the Patient and General Study attributes of s as its
// images carry them: name, ID, birth date and sex of the patient; the
// study's UID, date, time, ID, accession number, referring physician and
// description. They are copied from the images, never from a report, so
// an object written for the study is filed with the images whatever a
// draft says. It fails when s has no image, or when its images name
// different patients.
func StudyOf(s *dicomio.Study) (Study, error) {
	if s == nil || s.UID == "" {
		return Study{}, errors.New("dcmwrite: no study (the images are needed for the patient and study attributes)")
	}
	var first *dicomio.Instance
	for _, in := range slices.Concat(s.Images, s.Documents) {
		if in.StudyInstanceUID != s.UID {
			continue
		}
		if first == nil {
			first = in
			continue
		}
		if strings.TrimSpace(in.Patient.ID) != strings.TrimSpace(first.Patient.ID) {
			return Study{}, fmt.Errorf("dcmwrite: the images of study %s name two patients (IDs %q and %q)", s.UID, first.Patient.ID, in.Patient.ID)
		}
	}
	if first == nil {
		return Study{}, fmt.Errorf("dcmwrite: study %s has no image to copy the patient from", s.UID)
	}
	h := first.Header()
	st := Study{
		PatientName:            Text(first.Patient.Name, 64*3+2),
		PatientID:              Text(first.Patient.ID, 64),
		PatientBirthDate:       strings.ReplaceAll(first.Patient.BirthDate, "-", ""),
		StudyInstanceUID:       s.UID,
		StudyID:                Text(first.StudyID, 16),
		AccessionNumber:        Text(first.AccessionNumber, 16),
		ReferringPhysicianName: Text(first.ReferringPhysician, 64*3+2),
		StudyDescription:       Text(first.StudyDescription, 64),
	}
	switch sex := first.Patient.Sex; sex {
	case "F", "M", "O":
		st.PatientSex = sex
	}
	if h != nil {
		st.StudyDate = strings.TrimSpace(h.String(dicomio.TagStudyDate))
		st.StudyTime = strings.TrimSpace(h.String(dicomio.TagStudyTime))
		if off := strings.TrimSpace(h.String(dicomio.TagTimezoneOffsetFromUTC)); off != "" {
			if _, ok := parseOffset(off); ok {
				st.TimezoneOffset = off
			}
		}
	}
	return st, nil
}

// Put adds the Patient and General Study modules.
func (st Study) Put(d *DataSet) {
	d.Str(tag.PatientName, st.PatientName)
	d.Str(tag.PatientID, st.PatientID)
	d.Str(tag.PatientBirthDate, st.PatientBirthDate)
	d.Str(tag.PatientSex, st.PatientSex)
	d.Str(tag.StudyInstanceUID, st.StudyInstanceUID)
	d.Str(tag.StudyDate, st.StudyDate)
	d.Str(tag.StudyTime, st.StudyTime)
	d.Str(tag.ReferringPhysicianName, st.ReferringPhysicianName)
	d.Str(tag.StudyID, st.StudyID)
	d.Str(tag.AccessionNumber, st.AccessionNumber)
	if st.StudyDescription != "" {
		d.Str(tag.StudyDescription, st.StudyDescription)
	}
}

// A Ref is an image an object refers to.
type Ref struct {
	SOPClassUID, SOPInstanceUID string
}

// Resolve fills the SOP Class UIDs missing from refs from the study's
// images and drops repeated instances; it fails for an instance the study
// does not have and whose class is not given.
func Resolve(s *dicomio.Study, refs []Ref) ([]Ref, error) {
	var out []Ref
	seen := map[string]bool{}
	for _, r := range refs {
		if r.SOPInstanceUID == "" || seen[r.SOPInstanceUID] {
			continue
		}
		seen[r.SOPInstanceUID] = true
		if r.SOPClassUID == "" && s != nil {
			if in := s.Image(r.SOPInstanceUID); in != nil {
				r.SOPClassUID = in.SOPClassUID
			}
		}
		if r.SOPClassUID == "" {
			return nil, fmt.Errorf("dcmwrite: no SOP Class UID for the referenced image %s", r.SOPInstanceUID)
		}
		out = append(out, r)
	}
	return out, nil
}
