package synth

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/tag"
)

const explicitVRLittleEndian = "1.2.840.10008.1.2.1"

// dataset collects the elements of one file; the first error sticks.
type dataset struct {
	elems []*dicom.Element
	err   error
}

func (d *dataset) put(t tag.Tag, v any) {
	if d.err != nil {
		return
	}
	e, err := dicom.NewElement(t, v)
	if err != nil {
		d.err = fmt.Errorf("synth: element %s: %w", t, err)
		return
	}
	d.elems = append(d.elems, e)
}

func (d *dataset) str(t tag.Tag, vs ...string) { d.put(t, vs) }
func (d *dataset) num(t tag.Tag, vs ...int)    { d.put(t, vs) }

// ds writes a Decimal String value with at most four decimals.
func (d *dataset) ds(t tag.Tag, vs ...float64) {
	s := make([]string, len(vs))
	for k, v := range vs {
		s[k] = trimFloat(v, 4)
	}
	d.put(t, s)
}

// is writes an Integer String value.
func (d *dataset) is(t tag.Tag, vs ...int) {
	s := make([]string, len(vs))
	for k, v := range vs {
		s[k] = strconv.Itoa(v)
	}
	d.put(t, s)
}

// code writes a sequence holding one coded entry.
func (d *dataset) code(t tag.Tag, value, scheme, meaning string) {
	var item dataset
	item.str(tag.CodeValue, value)
	item.str(tag.CodingSchemeDesignator, scheme)
	item.str(tag.CodeMeaning, meaning)
	if item.err != nil {
		d.err = cmp.Or(d.err, item.err)
		return
	}
	d.put(t, [][]*dicom.Element{item.elems})
}

// pixels writes the Pixel Data (OW) from 16-bit samples. The bytes are
// handed over ready-made: dicom.Write's native-frame path encodes every
// sample through binary.Write, which is several times slower for the same
// output.
func (d *dataset) pixels(px []uint16) {
	b := make([]byte, 2*len(px))
	for k, v := range px {
		binary.LittleEndian.PutUint16(b[2*k:], v)
	}
	d.put(tag.PixelData, dicom.PixelDataInfo{IntentionallyUnprocessed: true, UnprocessedValueData: b})
}

// encode sorts the elements by tag and writes a Part 10 file.
func (d *dataset) encode() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	slices.SortFunc(d.elems, func(a, b *dicom.Element) int {
		return cmp.Or(cmp.Compare(a.Tag.Group, b.Tag.Group), cmp.Compare(a.Tag.Element, b.Tag.Element))
	})
	var buf bytes.Buffer
	if err := dicom.Write(&buf, dicom.Dataset{Elements: d.elems}); err != nil {
		return nil, fmt.Errorf("synth: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// encode returns the file of shot k, whose frames have been rendered into px.
func (p *plan) encode(sc *scene, k int, px []uint16) ([]byte, error) {
	sh := p.shots[k]
	var d dataset
	p.header(&d, k, sc.viewOf(sh))
	d.pixels(px)
	b, err := d.encode()
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, relPath(sh.series, sh.instance))
	}
	return b, nil
}

// header adds every attribute but the pixel data of shot k.
func (p *plan) header(d *dataset, k int, vs *viewSet) {
	sh := p.shots[k]
	s := sh.series
	acq := p.at(k)
	dx := s.modality == "DX"
	end := acq.Add(time.Duration(float64(sh.frames) * cineFrameTime * float64(time.Millisecond)))

	// File meta information.
	d.put(tag.FileMetaInformationVersion, []byte{0, 1})
	d.str(tag.MediaStorageSOPClassUID, s.sopClass)
	d.str(tag.MediaStorageSOPInstanceUID, sh.uid)
	d.str(tag.TransferSyntaxUID, explicitVRLittleEndian)
	d.str(tag.ImplementationClassUID, implementationUID)
	d.str(tag.ImplementationVersionName, "HSGVIEW_SYNTH1")

	// SOP Common, Patient, General Study, Patient Study.
	d.str(tag.SpecificCharacterSet, "ISO_IR 192")
	d.str(tag.SOPClassUID, s.sopClass)
	d.str(tag.SOPInstanceUID, sh.uid)
	d.str(tag.InstanceCreationDate, da(end.Add(2*time.Second)))
	d.str(tag.InstanceCreationTime, tm(end.Add(2*time.Second)))
	d.str(tag.PatientName, p.patientName())
	d.str(tag.PatientID, p.patientID())
	d.str(tag.PatientBirthDate, patientBirthDate)
	d.str(tag.PatientSex, patientSex)
	d.str(tag.PatientAge, age(patientBirthDate, p.opt.Start))
	d.str(tag.StudyInstanceUID, p.study)
	d.str(tag.StudyDate, da(p.opt.Start))
	d.str(tag.StudyTime, tm(p.opt.Start))
	d.str(tag.ReferringPhysicianName, referringName)
	d.str(tag.StudyID, studyID)
	d.str(tag.AccessionNumber, accessionNumber)
	d.str(tag.StudyDescription, "Hysterosalpingography")

	// General Series, General Equipment.
	d.str(tag.Modality, s.modality)
	d.str(tag.SeriesInstanceUID, s.uid)
	d.is(tag.SeriesNumber, s.number)
	d.str(tag.SeriesDescription, s.desc)
	d.str(tag.SeriesDate, da(p.seriesStart(s)))
	d.str(tag.SeriesTime, tm(p.seriesStart(s)))
	d.str(tag.BodyPartExamined, "PELVIS")
	d.str(tag.ProtocolName, "Hysterosalpingography")
	d.str(tag.Manufacturer, "hsgview phantom")
	d.str(tag.InstitutionName, "hsgview demo hospital")
	d.str(tag.InstitutionalDepartmentName, "Radiology")
	if dx {
		d.str(tag.StationName, "DX-ROOM-1")
		d.str(tag.ManufacturerModelName, "hsgview phantom DX")
		d.str(tag.DeviceSerialNumber, "PHDX-0042")
	} else {
		d.str(tag.StationName, "RF-ROOM-2")
		d.str(tag.ManufacturerModelName, "hsgview phantom RF")
		d.str(tag.DeviceSerialNumber, "PHRF-0007")
	}
	d.str(tag.SoftwareVersions, "hsgview synth 1")

	// General Acquisition, General Image.
	d.is(tag.AcquisitionNumber, k+1)
	d.str(tag.AcquisitionDate, da(acq))
	d.str(tag.AcquisitionTime, tm(acq))
	if s.number == 2 || dx {
		d.str(tag.AcquisitionDateTime, dt(acq))
	}
	d.str(tag.ContentDate, da(acq))
	d.str(tag.ContentTime, tm(acq))
	d.is(tag.InstanceNumber, sh.instance)
	d.str(tag.PatientOrientation, "L", "F")
	d.str(tag.ImageComments, "Synthetic phantom image generated by hsgview; not patient data")
	d.str(tag.IrradiationEventUID, sh.event)
	d.code(tag.AnatomicRegionSequence, "816092008", "SCT", "Pelvis")

	// Image Pixel and presentation.
	photometric := "MONOCHROME2"
	if dx {
		photometric = "MONOCHROME1"
	}
	d.num(tag.SamplesPerPixel, 1)
	d.str(tag.PhotometricInterpretation, photometric)
	d.num(tag.Rows, vs.v.rows)
	d.num(tag.Columns, vs.v.cols)
	d.num(tag.BitsAllocated, 16)
	d.num(tag.BitsStored, 12)
	d.num(tag.HighBit, 11)
	d.num(tag.PixelRepresentation, 0)
	d.is(tag.WindowCenter, vs.exp.centre)
	d.is(tag.WindowWidth, vs.exp.width)
	d.str(tag.WindowCenterWidthExplanation, "PHANTOM")
	d.str(tag.LossyImageCompression, "00")

	if sh.role != RoleScout {
		p.contrast(d, sh)
	}
	if dx {
		p.dxAttributes(d, sh)
	} else {
		p.rfAttributes(d, sh, vs)
	}
}

// contrast adds the Contrast/Bolus module.
func (p *plan) contrast(d *dataset, sh shot) {
	vol := totalVolumeML
	if sh.role != RoleDelayed {
		vol = volumeAt(sh.minutes + float64(sh.frames)*cineFrameTime/60000)
	}
	d.str(tag.ContrastBolusAgent, "Iopamidol 300")
	d.code(tag.ContrastBolusAgentSequence, "109219007", "SCT", "Iopamidol")
	d.str(tag.ContrastBolusRoute, "Intrauterine")
	d.ds(tag.ContrastBolusVolume, math.Round(vol*10)/10)
	d.str(tag.ContrastBolusStartTime, tm(p.t0))
	d.str(tag.ContrastBolusIngredient, "IODINE")
	d.ds(tag.ContrastBolusIngredientConcentration, 300)
}

// rfAttributes adds the X-Ray Image, X-Ray Acquisition, XRF Positioner and
// (for the run) Cine and Multi-frame modules.
func (p *plan) rfAttributes(d *dataset, sh shot, vs *viewSet) {
	d.str(tag.ImageType, "ORIGINAL", "PRIMARY", "SINGLE PLANE")
	// The stored values went through the room's display processing (log,
	// dynamic range compression, unsharp mask): DISP. (LOG would oblige a
	// Modality LUT.)
	d.str(tag.PixelIntensityRelationship, "DISP")
	ips := rfDetectorMM / float64(vs.v.cols)
	d.ds(tag.ImagerPixelSpacing, ips, ips)
	d.ds(tag.DistanceSourceToDetector, rfSID)
	d.ds(tag.DistanceSourceToPatient, rfSOD)
	d.ds(tag.EstimatedRadiographicMagnificationFactor, rfSID/rfSOD)
	d.str(tag.FieldOfViewShape, "ROUND")
	d.is(tag.FieldOfViewDimensions, int(math.Round(2*vs.exp.det.field*float64(min(vs.v.cols, vs.v.rows))*ips)))
	d.ds(tag.FocalSpots, 0.6)
	if sh.role == RoleCine {
		d.ds(tag.KVP, 78)
		d.str(tag.RadiationSetting, "SC")
		d.str(tag.RadiationMode, "PULSED")
		d.is(tag.XRayTubeCurrent, 18)
		d.is(tag.ExposureTime, int(math.Round(float64(sh.frames)*cineFrameTime)))
		d.ds(tag.AveragePulseWidth, 8)
		d.ds(tag.ImageAndFluoroscopyAreaDoseProduct, 0.021*float64(sh.frames))
		d.str(tag.NumberOfFrames, strconv.Itoa(sh.frames))
		d.put(tag.FrameIncrementPointer, []int{int(tag.FrameTime.Group), int(tag.FrameTime.Element)})
		d.ds(tag.FrameTime, cineFrameTime)
		d.ds(tag.FrameDelay, 0)
		d.is(tag.CineRate, 15)
		d.is(tag.RecommendedDisplayFrameRate, 15)
		d.num(tag.PreferredPlaybackSequencing, 0)
		d.is(tag.StartTrim, 1)
		d.is(tag.StopTrim, sh.frames)
		d.num(tag.RepresentativeFrameNumber, representativeFrame(sh))
		return
	}
	d.ds(tag.KVP, 77)
	d.str(tag.RadiationSetting, "GR")
	d.is(tag.XRayTubeCurrent, 250)
	d.is(tag.ExposureTime, 40)
	d.is(tag.Exposure, 10)
	dap := 1.4
	if sh.role == RoleScout {
		dap = 1.9 // wider collimation on the plain film
	}
	d.ds(tag.ImageAndFluoroscopyAreaDoseProduct, dap)
}

// dxAttributes adds the DX Series, DX Anatomy Imaged, DX Image, DX Detector,
// DX Positioning, X-Ray Acquisition Dose, X-Ray Generation, VOI LUT and
// Acquisition Context modules of the delayed film.
func (p *plan) dxAttributes(d *dataset, sh shot) {
	d.str(tag.ImageType, "ORIGINAL", "PRIMARY")
	d.str(tag.PresentationIntentType, "FOR PRESENTATION")
	d.str(tag.ImageLaterality, "U")
	d.str(tag.PixelIntensityRelationship, "LOG")
	d.num(tag.PixelIntensityRelationshipSign, 1)
	d.str(tag.PositionerType, "COLUMN")
	d.str(tag.ViewPosition, "AP")
	d.code(tag.ViewCodeSequence, "399348003", "SCT", "antero-posterior")
	d.str(tag.RescaleIntercept, "0")
	d.str(tag.RescaleSlope, "1")
	d.str(tag.RescaleType, "US")
	d.str(tag.PresentationLUTShape, "INVERSE")
	d.str(tag.BurnedInAnnotation, "NO")
	d.str(tag.DetectorType, "SCINTILLATOR")
	d.str(tag.DetectorConfiguration, "AREA")
	d.str(tag.DetectorID, "PHDX-DET-1")
	d.ds(tag.ImagerPixelSpacing, dxPixelMM, dxPixelMM)
	ps := dxPixelMM * dxSOD / dxSID
	d.ds(tag.PixelSpacing, ps, ps)
	d.str(tag.PixelSpacingCalibrationType, "GEOMETRY")
	d.str(tag.PixelSpacingCalibrationDescription, "Imager pixel spacing divided by SID/SOD at the table top")
	d.ds(tag.DistanceSourceToDetector, dxSID)
	d.ds(tag.DistanceSourceToPatient, dxSOD)
	d.ds(tag.EstimatedRadiographicMagnificationFactor, dxSID/dxSOD)
	d.ds(tag.KVP, 80)
	d.is(tag.XRayTubeCurrent, 320)
	d.is(tag.ExposureTime, 80)
	d.is(tag.Exposure, 26)
	d.ds(tag.FocalSpots, 1.2)
	d.ds(tag.ImageAndFluoroscopyAreaDoseProduct, 8.6)
	d.put(tag.AcquisitionContextSequence, [][]*dicom.Element{})
}

// Date and time formats of DICOM DA, TM and DT (no UTC offset: local time).
func da(t time.Time) string { return t.Format("20060102") }
func tm(t time.Time) string { return t.Format("150405.00") }
func dt(t time.Time) string { return t.Format("20060102150405.00") }

// age returns the Patient's Age (AS) on the given day.
func age(birth string, on time.Time) string {
	b, err := time.Parse("20060102", birth)
	if err != nil {
		return ""
	}
	y := on.Year() - b.Year()
	if on.Month() < b.Month() || (on.Month() == b.Month() && on.Day() < b.Day()) {
		y--
	}
	return fmt.Sprintf("%03dY", max(0, y))
}

// trimFloat formats v with at most prec decimals and no trailing zeros.
func trimFloat(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
