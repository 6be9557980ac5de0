package dicomio

import (
	"crypto/sha256"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// TimeSource names the attributes an instance's acquisition time came from,
// in the order they are tried (hsg-reporting.md §4.3, §4.7).
type TimeSource string

const (
	TimeAcquisitionDateTime TimeSource = "AcquisitionDateTime"
	TimeAcquisitionDate     TimeSource = "AcquisitionDate+Time"
	TimeContentDate         TimeSource = "ContentDate+Time"
	TimeSeriesDate          TimeSource = "SeriesDate+Time"
	TimeInstanceCreation    TimeSource = "InstanceCreation"
	TimeNone                TimeSource = "none"
)

// SpacingSource names where an image's pixel spacing came from.
type SpacingSource string

const (
	SpacingPixelSpacing    SpacingSource = "PixelSpacing"
	SpacingImager          SpacingSource = "ImagerPixelSpacing"
	SpacingImagerOverERMF  SpacingSource = "ImagerPixelSpacingOverERMF"
	SpacingUncalibrated    SpacingSource = "Uncalibrated"
	SpacingUserCalibration SpacingSource = "UserCalibration" // set by annotate, never by a file
)

// Describe returns how a measurement made with this source should be
// qualified for the reader.
func (s SpacingSource) Describe() string {
	switch s {
	case SpacingPixelSpacing:
		return "calibrated (Pixel Spacing)"
	case SpacingImager:
		return "at detector (Imager Pixel Spacing, not corrected for magnification)"
	case SpacingImagerOverERMF:
		return "magnification-corrected (Imager Pixel Spacing ÷ ERMF)"
	case SpacingUserCalibration:
		return "user calibration"
	}
	return "uncalibrated (pixels)"
}

// Patient identifies the patient of an instance.
type Patient struct {
	ID        string `json:"id"`
	Name      string `json:"name"`      // DICOM PN, components separated by ^, decoded to UTF-8
	BirthDate string `json:"birthDate"` // YYYY-MM-DD, or ""
	Sex       string `json:"sex"`
}

// PixelFormat describes the Image Pixel module.
type PixelFormat struct {
	Rows, Columns       int
	Frames              int
	SamplesPerPixel     int
	BitsAllocated       int
	BitsStored          int
	HighBit             int
	Signed              bool
	PlanarConfiguration int
	Photometric         string
}

// Calibration is the physical pixel size of an image.
type Calibration struct {
	Spacing            [2]float64 // mm between rows, between columns; zero when uncalibrated
	Source             SpacingSource
	PixelSpacing       [2]float64 // (0028,0030) as stored
	ImagerPixelSpacing [2]float64 // (0018,1164) as stored
	ERMF               float64    // (0018,1114)
	SID, SOD           float64    // (0018,1110), (0018,1111) in mm
	CalibrationType    string     // (0028,0A02)
}

// Cine describes multi-frame timing.
type Cine struct {
	FPS        float64         // frames per second for playback; 0 for a single frame
	FPSSource  string          // FrameTime, FrameTimeVector, RecommendedDisplayFrameRate, CineRate, default, none
	FrameTimes []time.Duration // start of each frame relative to the first; nil when unknown
	Duration   time.Duration   // from the first frame's start to the last frame's end
}

// Contrast is the Contrast/Bolus module.
type Contrast struct {
	Agent         string
	AgentCode     string // first code of the Contrast/Bolus Agent Sequence, "SCHEME:VALUE"
	AgentMeaning  string
	Route         string
	VolumeMl      float64
	HasVolume     bool
	StartTime     string // TM as stored
	TotalDoseMl   float64
	Ingredient    string
	Concentration float64 // mg/mL
}

// Present reports whether any contrast attribute was found.
func (c Contrast) Present() bool {
	return c.Agent != "" || c.AgentCode != "" || c.HasVolume || c.StartTime != "" || c.Ingredient != ""
}

// Exposure holds per-image X-ray technique and dose attributes.
type Exposure struct {
	DAP              float64 // (0018,115E) Image and Fluoroscopy Area Dose Product, dGy·cm²
	HasDAP           bool
	KVP              float64
	ExposureTimeMs   float64
	TubeCurrentMA    float64
	RadiationSetting string // SC (fluoro) or GR (acquisition)
}

// An Instance is one DICOM file of a study: identity, timing, pixel
// description and calibration, read from the header only.
type Instance struct {
	Path string // file path, or "archive.zip!entry"

	SOPClassUID       string
	SOPInstanceUID    string
	StudyInstanceUID  string
	SeriesInstanceUID string
	TransferSyntax    string
	Modality          string
	SeriesNumber      int
	InstanceNumber    int
	ImageType         []string

	StudyDescription  string
	SeriesDescription string
	ProtocolName      string
	ImageComments     string
	BodyPartExamined  string

	Patient             Patient
	AccessionNumber     string
	StudyID             string
	ReferringPhysician  string
	PerformingPhysician string
	Institution         string
	StationName         string
	DeviceSerialNumber  string
	Manufacturer        string
	Model               string
	StudyTime           time.Time // StudyDate+StudyTime; zero when absent

	Acquired   time.Time  // start of acquisition; zero when TimeSource is TimeNone
	TimeSource TimeSource // which attributes Acquired came from
	// DateBorrowed is set when the time's own date was missing and
	// another date of the object (content, series, study) was used: the
	// day may be wrong when the examination crossed midnight.
	DateBorrowed bool
	Cine         Cine

	Pixel               PixelFormat
	HasPixels           bool
	RepresentativeFrame int // 1-based; 0 when not given
	Calibration         Calibration
	Orientation         [2]string // Patient Orientation: row and column directions; empty when absent
	Contrast            Contrast
	Exposure            Exposure

	// Decodable reports whether this build can decode the pixel data;
	// when false, Problem says why.
	Decodable bool
	Problem   string
	// Warnings are defects that still let the image load (e.g. frames
	// missing at the end of a truncated cine run).
	Warnings []string

	src    source
	header *header
	px     *pixelState
}

// Header returns the parsed data set (without Pixel Data).
func (in *Instance) Header() *DataSet { return in.header.ds }

// IsImage reports whether the instance carries pixel data.
func (in *Instance) IsImage() bool { return in.HasPixels }

// String returns a short description for logs: never the patient's name.
func (in *Instance) String() string {
	return fmt.Sprintf("%s series %d #%d %s", in.Modality, in.SeriesNumber, in.InstanceNumber, in.SOPInstanceUID)
}

// newInstance extracts what hsgview uses from a parsed header.
func newInstance(path string, src source, h *header) (*Instance, error) {
	ds := h.ds
	in := &Instance{Path: path, src: src, header: h, TransferSyntax: h.ts, px: &pixelState{}}
	in.SOPClassUID = CleanUID(ds.String(TagSOPClassUID))
	in.SOPInstanceUID = CleanUID(ds.String(TagSOPInstanceUID))
	if h.meta != nil {
		if in.SOPClassUID == "" {
			in.SOPClassUID = CleanUID(h.meta.String(tagMediaStorageSOPClassUID))
		}
		if in.SOPInstanceUID == "" {
			in.SOPInstanceUID = CleanUID(h.meta.String(tagMediaStorageSOPInstUID))
		}
	}
	in.StudyInstanceUID = CleanUID(ds.String(TagStudyInstanceUID))
	in.SeriesInstanceUID = CleanUID(ds.String(TagSeriesInstanceUID))
	in.Modality = strings.TrimSpace(ds.String(TagModality))
	in.SeriesNumber, _ = ds.Int(TagSeriesNumber)
	in.InstanceNumber, _ = ds.Int(TagInstanceNumber)
	in.ImageType = ds.Strings(TagImageType)
	in.StudyDescription = ds.String(TagStudyDescription)
	in.SeriesDescription = ds.String(TagSeriesDescription)
	in.ProtocolName = ds.String(TagProtocolName)
	in.ImageComments = ds.String(TagImageComments)
	in.BodyPartExamined = ds.String(TagBodyPartExamined)
	in.Patient = Patient{
		ID:        ds.String(TagPatientID),
		Name:      ds.String(TagPatientName),
		BirthDate: dicomtext.FormatDA(ds.String(TagPatientBirthDate)),
		Sex:       strings.ToUpper(strings.TrimSpace(ds.String(TagPatientSex))),
	}
	in.AccessionNumber = ds.String(TagAccessionNumber)
	in.StudyID = ds.String(TagStudyID)
	in.ReferringPhysician = ds.String(TagReferringPhysicianName)
	in.PerformingPhysician = ds.String(TagPerformingPhysicianName)
	in.Institution = ds.String(TagInstitutionName)
	in.StationName = ds.String(TagStationName)
	in.DeviceSerialNumber = ds.String(TagDeviceSerialNumber)
	in.Manufacturer = ds.String(TagManufacturer)
	in.Model = ds.String(TagManufacturerModelName)
	loc := ZoneOf(ds)
	if t, ok := dicomtext.Combine(ds.String(TagStudyDate), ds.String(TagStudyTime), loc); ok {
		in.StudyTime = t
	}
	if in.SOPInstanceUID == "" {
		if !h.pixel.present {
			return nil, FormatError("no SOP Instance UID (not a stored DICOM instance)")
		}
		// An image without identity still deserves to be seen: give it a
		// local UID derived from its path, and say so.
		in.SOPInstanceUID = localUID(path)
		in.Warnings = append(in.Warnings, "no SOP Instance UID; using the local identifier "+in.SOPInstanceUID)
	}
	in.Acquired, in.TimeSource, in.DateBorrowed = acquisitionTime(ds, loc)
	in.readContrast(ds)
	in.readExposure(ds)
	if o := ds.Strings(TagPatientOrientation); len(o) == 2 {
		in.Orientation = [2]string{strings.ToUpper(o[0]), strings.ToUpper(o[1])}
	}
	if !h.pixel.present {
		if isImageClass(in.SOPClassUID) {
			return nil, FormatError("image object without Pixel Data")
		}
		return in, nil
	}
	if err := in.readPixelFormat(ds); err != nil {
		return nil, err
	}
	in.HasPixels = true
	// Number of Frames is checked against what the pixel data can hold
	// before anything is sized from it.
	if limit := in.maxFrames(); in.Pixel.Frames > limit {
		if h.pixel.length >= 0 && limit < 1 {
			// Native data shorter than one frame: a truncated file, or
			// dimensions that do not match the data.
			have := min(h.available(), h.pixel.length)
			return nil, formatErr("pixel data too short: %d bytes present, one %d×%d frame of %d-bit samples needs %d",
				have, in.Pixel.Columns, in.Pixel.Rows, in.Pixel.BitsAllocated, (in.nativeFrameBits()+7)/8)
		}
		if h.pixel.length < 0 || limit < 1 {
			return nil, formatErr("Number of Frames %d exceeds what the pixel data can hold (%d)", in.Pixel.Frames, limit)
		}
		in.Warnings = append(in.Warnings, fmt.Sprintf("pixel data truncated: only %d of %d frames present", limit, in.Pixel.Frames))
		in.Pixel.Frames = limit
	}
	in.readCine(ds)
	in.readCalibration(ds)
	in.RepresentativeFrame, _ = ds.Int(TagRepresentativeFrameNumber)
	if in.RepresentativeFrame < 1 || in.RepresentativeFrame > in.Pixel.Frames {
		in.RepresentativeFrame = 0
	}
	var defect bool
	in.Decodable, in.Problem, defect = in.checkDecodable()
	if defect {
		// A damaged or hostile file, not merely an unsupported one.
		return nil, FormatError(in.Problem)
	}
	return in, nil
}

// localUID derives a stable UID (2.25 form, PS3.5 B.2) from a path.
func localUID(path string) string {
	sum := sha256.Sum256([]byte("hsgview-local:" + path))
	return "2.25." + new(big.Int).SetBytes(sum[:15]).String()
}

// isImageClass reports whether a SOP class is an image storage class whose
// instances must carry Pixel Data (used to flag stripped files).
func isImageClass(uid string) bool {
	for _, p := range []string{
		"1.2.840.10008.5.1.4.1.1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4",
		"1.2.840.10008.5.1.4.1.1.6", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.12",
		"1.2.840.10008.5.1.4.1.1.20", "1.2.840.10008.5.1.4.1.1.128", "1.2.840.10008.5.1.4.1.1.3",
	} {
		if uid == p || strings.HasPrefix(uid, p+".") {
			return true
		}
	}
	return false
}

// acquisitionTime applies the rule order of hsg-reporting.md §4.3/§4.7:
// a date is always combined with its time so that midnight crossings sort.
func acquisitionTime(ds *DataSet, loc *time.Location) (time.Time, TimeSource, bool) {
	if t, ok := dicomtext.ParseDT(ds.String(TagAcquisitionDateTime), loc); ok {
		return t, TimeAcquisitionDateTime, false
	}
	// Enhanced objects carry the time per frame only.
	if fc := ds.First(TagPerFrameFunctionalGroups).First(TagFrameContentSequence); fc != nil {
		if t, ok := dicomtext.ParseDT(fc.String(TagFrameAcquisitionDateTime), loc); ok {
			return t, TimeAcquisitionDateTime, false
		}
	}
	pairs := []struct {
		date, time Tag
		src        TimeSource
		fallback   []Tag // dates of the same object to borrow when its own is missing
	}{
		{TagAcquisitionDate, TagAcquisitionTime, TimeAcquisitionDate, []Tag{TagContentDate, TagSeriesDate, TagStudyDate}},
		{TagContentDate, TagContentTime, TimeContentDate, []Tag{TagAcquisitionDate, TagSeriesDate, TagStudyDate}},
		{TagSeriesDate, TagSeriesTime, TimeSeriesDate, []Tag{TagStudyDate}},
	}
	for _, p := range pairs {
		if t, ok := dicomtext.Combine(ds.String(p.date), ds.String(p.time), loc); ok {
			return t, p.src, false
		}
	}
	// A time whose own date is missing takes another date of the same
	// object rather than being dropped.
	for _, p := range pairs {
		for _, d := range p.fallback {
			if t, ok := dicomtext.Combine(ds.String(d), ds.String(p.time), loc); ok {
				return t, p.src, true
			}
		}
	}
	if t, ok := dicomtext.Combine(ds.String(TagInstanceCreationDate), ds.String(TagInstanceCreationTime), loc); ok {
		return t, TimeInstanceCreation, false
	}
	return time.Time{}, TimeNone, false
}

func (in *Instance) readPixelFormat(ds *DataSet) error {
	p := &in.Pixel
	var ok bool
	if p.Rows, ok = ds.Int(TagRows); !ok || p.Rows <= 0 || p.Rows > 65535 {
		return FormatError("missing or invalid Rows")
	}
	if p.Columns, ok = ds.Int(TagColumns); !ok || p.Columns <= 0 || p.Columns > 65535 {
		return FormatError("missing or invalid Columns")
	}
	p.Frames = 1
	if s := strings.TrimSpace(ds.String(TagNumberOfFrames)); s != "" {
		n, ok := ds.Int(TagNumberOfFrames)
		if !ok || n < 1 {
			return formatErr("invalid Number of Frames %q", s)
		}
		p.Frames = n
	}
	p.SamplesPerPixel, ok = ds.Int(TagSamplesPerPixel)
	if !ok {
		p.SamplesPerPixel = 1
	}
	if p.SamplesPerPixel != 1 && p.SamplesPerPixel != 3 {
		return formatErr("unsupported Samples per Pixel %d", p.SamplesPerPixel)
	}
	if p.BitsAllocated, ok = ds.Int(TagBitsAllocated); !ok {
		return FormatError("missing Bits Allocated")
	}
	switch p.BitsAllocated {
	case 1, 8, 16, 32:
	default:
		return formatErr("unsupported Bits Allocated %d", p.BitsAllocated)
	}
	if p.BitsStored, ok = ds.Int(TagBitsStored); !ok || p.BitsStored < 1 || p.BitsStored > p.BitsAllocated {
		p.BitsStored = p.BitsAllocated
	}
	if p.HighBit, ok = ds.Int(TagHighBit); !ok || p.HighBit < p.BitsStored-1 || p.HighBit >= p.BitsAllocated {
		p.HighBit = p.BitsStored - 1
	}
	pr, _ := ds.Int(TagPixelRepresentation)
	p.Signed = pr == 1
	p.PlanarConfiguration, _ = ds.Int(TagPlanarConfiguration)
	p.Photometric = strings.ToUpper(strings.TrimSpace(ds.String(TagPhotometricInterpretation)))
	if p.Photometric == "" {
		if p.SamplesPerPixel == 3 {
			p.Photometric = "RGB"
		} else {
			p.Photometric = "MONOCHROME2"
		}
	}
	if p.SamplesPerPixel == 3 && p.BitsAllocated != 8 && p.BitsAllocated != 16 {
		return formatErr("colour image with %d bits allocated", p.BitsAllocated)
	}
	return nil
}

// readCine derives per-frame times and the playback rate.
func (in *Instance) readCine(ds *DataSet) {
	c := &in.Cine
	n := in.Pixel.Frames
	if n <= 1 {
		c.FPSSource = "none"
		return
	}
	fip := ds.Tags(TagFrameIncrementPointer)
	points := func(t Tag) bool {
		for _, x := range fip {
			if x == t {
				return true
			}
		}
		return len(fip) == 0
	}
	frameTime, hasFT := ds.Float(TagFrameTime)
	vector := ds.Floats(TagFrameTimeVector)
	useFrameTime := func() bool {
		if !hasFT || frameTime <= 0 {
			return false
		}
		c.FrameTimes = make([]time.Duration, n)
		for i := range c.FrameTimes {
			c.FrameTimes[i] = msDuration(frameTime * float64(i))
		}
		c.Duration = msDuration(frameTime * float64(n))
		c.FPS, c.FPSSource = 1000/frameTime, "FrameTime"
		return true
	}
	useVector := func() bool {
		if len(vector) != n {
			return false
		}
		times := make([]time.Duration, n)
		var sum float64
		for i := 1; i < n; i++ {
			sum += max(vector[i], 0)
			times[i] = msDuration(sum)
		}
		if sum <= 0 {
			return false
		}
		mean := sum / float64(n-1)
		c.FrameTimes, c.Duration = times, msDuration(sum+mean)
		c.FPS, c.FPSSource = 1000/mean, "FrameTimeVector"
		return true
	}
	// The attribute the Frame Increment Pointer names first; when it is
	// missing or unusable, the other one if the file has it.
	_ = points(TagFrameTime) && useFrameTime() ||
		points(TagFrameTimeVector) && useVector() ||
		useFrameTime() || useVector()
	if c.FPS > 0 {
		return
	}
	if r, ok := ds.Float(TagRecommendedDisplayFrameRt); ok && r > 0 {
		c.FPS, c.FPSSource = r, "RecommendedDisplayFrameRate"
	} else if r, ok := ds.Float(TagCineRate); ok && r > 0 {
		c.FPS, c.FPSSource = r, "CineRate"
	} else {
		c.FPS, c.FPSSource = DefaultFPS, "default"
	}
	if c.FrameTimes == nil {
		c.FrameTimes = make([]time.Duration, n)
		for i := range c.FrameTimes {
			c.FrameTimes[i] = time.Duration(float64(i) / c.FPS * float64(time.Second))
		}
		c.Duration = time.Duration(float64(n) / c.FPS * float64(time.Second))
	}
}

// DefaultFPS is the playback rate of a multi-frame image that states none:
// a common pulsed-fluoroscopy rate.
const DefaultFPS = 15

func msDuration(ms float64) time.Duration {
	return time.Duration(math.Round(ms * float64(time.Millisecond)))
}

// readCalibration follows hsg-reporting.md §4.4: Pixel Spacing (in the
// patient) first, then Imager Pixel Spacing corrected by the Estimated
// Radiographic Magnification Factor, then Imager Pixel Spacing at the
// detector. Enhanced objects give Pixel Spacing in the Pixel Measures
// functional group.
func (in *Instance) readCalibration(ds *DataSet) {
	c := &in.Calibration
	pair := func(d *DataSet, t Tag) ([2]float64, bool) {
		v := d.Floats(t)
		if len(v) >= 2 && v[0] > 0 && v[1] > 0 && v[0] < 1e4 && v[1] < 1e4 {
			return [2]float64{v[0], v[1]}, true
		}
		if len(v) == 1 && v[0] > 0 && v[0] < 1e4 { // malformed single value: isotropic
			return [2]float64{v[0], v[0]}, true
		}
		return [2]float64{}, false
	}
	ps, hasPS := pair(ds, TagPixelSpacing)
	if !hasPS {
		for _, g := range []*DataSet{ds.First(TagSharedFunctionalGroups), ds.First(TagPerFrameFunctionalGroups)} {
			if m := g.First(TagPixelMeasuresSequence); m != nil {
				if ps, hasPS = pair(m, TagPixelSpacing); hasPS {
					break
				}
			}
		}
	}
	ips, hasIPS := pair(ds, TagImagerPixelSpacing)
	c.PixelSpacing, c.ImagerPixelSpacing = ps, ips
	c.ERMF, _ = ds.Float(TagEstimatedRadiographicMagn)
	c.SID, _ = ds.Float(TagDistanceSourceToDetector)
	c.SOD, _ = ds.Float(TagDistanceSourceToPatient)
	c.CalibrationType = strings.TrimSpace(ds.String(TagPixelSpacingCalibType))
	switch {
	case hasPS:
		c.Spacing, c.Source = ps, SpacingPixelSpacing
	case hasIPS && c.ERMF >= 1 && c.ERMF < 10:
		c.Spacing, c.Source = [2]float64{ips[0] / c.ERMF, ips[1] / c.ERMF}, SpacingImagerOverERMF
	case hasIPS:
		c.Spacing, c.Source = ips, SpacingImager
	default:
		c.Source = SpacingUncalibrated
	}
}

func (in *Instance) readContrast(ds *DataSet) {
	c := &in.Contrast
	c.Agent = ds.String(TagContrastBolusAgent)
	if code := ds.First(TagContrastBolusAgentSequence); code != nil {
		if v := code.String(TagCodeValue); v != "" {
			c.AgentCode = code.String(TagCodingSchemeDesignator) + ":" + v
		}
		c.AgentMeaning = code.String(TagCodeMeaning)
	}
	c.Route = ds.String(TagContrastBolusRoute)
	c.VolumeMl, c.HasVolume = ds.Float(TagContrastBolusVolume)
	c.StartTime = strings.TrimSpace(ds.String(TagContrastBolusStartTime))
	c.TotalDoseMl, _ = ds.Float(TagContrastBolusTotalDose)
	c.Ingredient = ds.String(TagContrastBolusIngredient)
	c.Concentration, _ = ds.Float(TagContrastBolusIngredientCon)
}

func (in *Instance) readExposure(ds *DataSet) {
	e := &in.Exposure
	e.DAP, e.HasDAP = ds.Float(TagAreaDoseProduct)
	e.KVP, _ = ds.Float(TagKVP)
	e.ExposureTimeMs, _ = ds.Float(TagExposureTime)
	e.TubeCurrentMA, _ = ds.Float(TagXRayTubeCurrent)
	e.RadiationSetting = strings.TrimSpace(ds.String(TagRadiationSetting))
}

// checkDecodable decides, from the header alone, whether pixels can be
// shown. defect is true when the file is damaged or hostile rather than
// valid in a form this build does not decode.
func (in *Instance) checkDecodable() (ok bool, problem string, defect bool) {
	p := in.Pixel
	px := in.header.pixel
	if px.tag != TagPixelData {
		return false, "float pixel data (parametric maps) is not supported", false
	}
	info := in.codecInfo()
	if _, err := info.FrameBytes(); err != nil {
		return false, err.Error(), true
	}
	if err := in.checkFrameBudget(); err != nil {
		return false, err.Error(), true
	}
	if px.length >= 0 {
		if !codec.IsNative(in.TransferSyntax) {
			return false, fmt.Sprintf("transfer syntax %s requires encapsulated pixel data", codec.Describe(in.TransferSyntax)), true
		}
		if in.AvailableFrames() == 0 {
			avail := px.length
			if px.truncated {
				avail = in.header.available()
			}
			return false, fmt.Sprintf("pixel data truncated: %d bytes present, %d needed for one frame", avail, (in.nativeFrameBits()+7)/8), true
		}
		switch p.Photometric {
		case "MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR":
		default:
			return false, fmt.Sprintf("photometric interpretation %q is not supported", p.Photometric), false
		}
		return true, "", false
	}
	if _, err := codec.Lookup(in.TransferSyntax); err != nil {
		return false, err.Error(), false
	}
	return true, "", false
}

// codecInfo describes a frame for the decoders.
func (in *Instance) codecInfo() codec.Info {
	p := in.Pixel
	pr := 0
	if p.Signed {
		pr = 1
	}
	bits := p.BitsAllocated
	if bits == 1 {
		bits = 8
	}
	return codec.Info{
		Rows: p.Rows, Columns: p.Columns, SamplesPerPixel: p.SamplesPerPixel,
		BitsAllocated: bits, BitsStored: p.BitsStored, PixelRepresentation: pr,
		Photometric: p.Photometric, PlanarConfiguration: p.PlanarConfiguration,
		TransferSyntax: in.TransferSyntax,
	}
}

// maxFrames is the largest frame count the pixel data can hold: whole
// native frames present in the file, or one 8-byte item per encapsulated
// frame.
func (in *Instance) maxFrames() int {
	px := in.header.pixel
	avail := in.header.available()
	if px.length >= 0 {
		if !px.truncated {
			avail = min(avail, px.length)
		}
		fb := in.nativeFrameBits()
		if fb <= 0 {
			return 0
		}
		return int(min(avail*8/fb, math.MaxInt32))
	}
	return int(min(avail/8, math.MaxInt32))
}

// nativeFrameBits is the size of one native frame in bits.
func (in *Instance) nativeFrameBits() int64 {
	p := in.Pixel
	n := int64(p.Rows) * int64(p.Columns) * int64(p.SamplesPerPixel) * int64(p.BitsAllocated)
	if p.Photometric == "YBR_FULL_422" && p.SamplesPerPixel == 3 {
		n = n * 2 / 3
	}
	return n
}

// IsRDSR reports whether in is an X-Ray Radiation Dose SR.
func (in *Instance) IsRDSR() bool { return in.SOPClassUID == SOPClassRDSR }

// utcOffset returns the zone given by Timezone Offset From UTC, or UTC.
// Naive DICOM times are reported as if UTC: the offset is unknown, and what
// matters for HSG is the interval between images, which is unaffected.
func ZoneOf(ds *DataSet) *time.Location {
	if l, ok := dicomtext.ParseOffset(strings.TrimSpace(ds.String(TagTimezoneOffsetFromUTC))); ok {
		return l
	}
	return time.UTC
}

// SOPClassRDSR is the SOP Class UID of the X-Ray Radiation Dose SR.
const SOPClassRDSR = "1.2.840.10008.5.1.4.1.1.88.67"
