package dose

import (
	"cmp"
	"fmt"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// Tags read for dose. Names follow the DICOM keywords.
const (
	TagIrradiationEventUID    dicomio.Tag = 0x00083010
	TagTotalTimeOfFluoroscopy dicomio.Tag = 0x00400300 // retired, still written by some RF rooms
	TagUID                    dicomio.Tag = 0x0040A124
	TagConceptCodeSequence    dicomio.Tag = 0x0040A168
)

// Concept codes (DCM) of the X-Ray Radiation Dose SR (TID 10001, 10002,
// 10004) that ReadRDSR reads.
const (
	codeDoseReport          = "113701" // X-Ray Radiation Dose Report (root)
	codeAccumulated         = "113702" // Accumulated X-Ray Dose Data
	codeScope               = "113705" // Scope of Accumulation
	codeScopeStudy          = "113014" // Study
	codeScopeSeries         = "113015" // Series
	codeScopePPS            = "113016" // Performed Procedure Step
	codeDAPTotal            = "113722" // Dose Area Product Total
	codeDoseRPTotal         = "113725" // Dose (RP) Total
	codeFluoroDAPTotal      = "113726" // Fluoro Dose Area Product Total
	codeAcquisitionDAPTotal = "113727" // Acquisition Dose Area Product Total
	codeFluoroDoseRPTotal   = "113728" // Fluoro Dose (RP) Total
	codeAcqDoseRPTotal      = "113729" // Acquisition Dose (RP) Total
	codeTotalFluoroTime     = "113730" // Total Fluoro Time
	codeRadiographicFrames  = "113731" // Total Number of Radiographic Frames
	codeTotalAcqTime        = "113855" // Total Acquisition Time
)

// A DoseValue is a numeric value of a dose report with its unit: the code
// value of its Measurement Units Code Sequence as written (normally UCUM,
// e.g. "Gy.m2"; some devices write "Gym2").
type DoseValue struct {
	Value float64
	Unit  string
}

// String formats v as "value unit".
func (v DoseValue) String() string {
	return fmt.Sprintf("%g %s", v.Value, v.Unit)
}

// Quantities of dose values; each has its own units.
type doseKind int

const (
	kindDAP doseKind = iota
	kindDose
	kindTime
	kindCount
)

// unitFactors converts units, as devices write them (lower case), to
// Gy·m², Gy, s or a count.
var unitFactors = map[doseKind]map[string]float64{
	kindDAP: {
		"gy.m2": 1, "gym2": 1, "gy.m^2": 1, "gy*m2": 1,
		"dgy.m2": 0.1, "cgy.m2": 0.01, "mgy.m2": 1e-3, "ugy.m2": 1e-6,
		"gy.cm2": 1e-4, "dgy.cm2": 1e-5, "cgy.cm2": 1e-6, "mgy.cm2": 1e-7, "ugy.cm2": 1e-10,
		"gycm2": 1e-4, "dgycm2": 1e-5, "cgycm2": 1e-6, "mgycm2": 1e-7,
	},
	kindDose:  {"gy": 1, "dgy": 0.1, "cgy": 0.01, "mgy": 1e-3, "ugy": 1e-6},
	kindTime:  {"s": 1, "sec": 1, "ms": 1e-3, "min": 60, "h": 3600},
	kindCount: {"1": 1, "{frames}": 1, "{frame}": 1, "{images}": 1, "": 1},
}

// convert returns v in the canonical unit of kind k.
func convert(v DoseValue, k doseKind) (float64, bool) {
	f, ok := unitFactors[k][strings.ToLower(strings.TrimSpace(v.Unit))]
	return v.Value * f, ok
}

// GyCm2 returns a dose-area product in Gy·cm². ok is false when the unit
// is not one of a dose-area product.
func (v DoseValue) GyCm2() (float64, bool) {
	g, ok := convert(v, kindDAP)
	return g * 1e4, ok
}

// MGy returns a dose (air kerma) in mGy. ok is false when the unit is not
// one of a dose.
func (v DoseValue) MGy() (float64, bool) {
	g, ok := convert(v, kindDose)
	return g * 1e3, ok
}

// Seconds returns a duration in seconds. ok is false when the unit is not
// one of time.
func (v DoseValue) Seconds() (float64, bool) { return convert(v, kindTime) }

// DoseTotals are the accumulated values of an X-Ray Radiation Dose SR
// (TID 10002 Accumulated X-Ray Dose with TID 10004 Accumulated Projection
// X-Ray Dose), or of several combined by [StudyDose]. A nil field was not
// in the report.
type DoseTotals struct {
	// Sources are the SOP Instance UIDs of the dose reports read.
	Sources []string
	// Scope is the scope of accumulation: "study", "series",
	// "procedure step" or "" when not given.
	Scope string
	// ScopeUID is the Study, Series or Performed Procedure Step UID the
	// values accumulate over.
	ScopeUID string
	// Planes is the number of accumulated containers (acquisition
	// planes) added together.
	Planes int
	// Time is the content date and time of the report (zero if absent).
	Time time.Time

	DAPTotal               *DoseValue // 113722, Gy·m²
	FluoroDAPTotal         *DoseValue // 113726, Gy·m²
	AcquisitionDAPTotal    *DoseValue // 113727, Gy·m²
	DoseRPTotal            *DoseValue // 113725, Gy
	FluoroDoseRPTotal      *DoseValue // 113728, Gy
	AcquisitionDoseRPTotal *DoseValue // 113729, Gy
	FluoroTime             *DoseValue // 113730, s
	AcquisitionTime        *DoseValue // 113855, s
	RadiographicFrames     *DoseValue // 113731, count
}

// DAP returns the total dose-area product: Dose Area Product Total when
// reported, else the sum of the fluoroscopy and acquisition totals (some
// devices report only those). how says which.
func (d *DoseTotals) DAP() (v DoseValue, how string, ok bool) {
	if d.DAPTotal != nil {
		return *d.DAPTotal, "Dose Area Product Total", true
	}
	if d.FluoroDAPTotal != nil && d.AcquisitionDAPTotal != nil {
		if s, ok := addValues(d.FluoroDAPTotal, d.AcquisitionDAPTotal, kindDAP); ok {
			return *s, "sum of the fluoroscopy and acquisition DAP totals", true
		}
	}
	return DoseValue{}, "", false
}

// ReadRDSR reads the accumulated dose values of an X-Ray Radiation Dose SR
// from its content tree. It fails when in is not a dose report or holds no
// accumulated values. Values whose numeric value does not parse are
// skipped. With several accumulated containers (one per plane of a biplane
// system) the values are added, in the units of the first plane.
func ReadRDSR(in *dicomio.Instance) (*DoseTotals, error) {
	if !in.IsRDSR() {
		return nil, fmt.Errorf("dicomio: %s: not an X-Ray Radiation Dose SR (SOP class %s)", in.Path, in.SOPClassUID)
	}
	ds := in.Header()
	if conceptCode(ds) != codeDoseReport {
		return nil, fmt.Errorf("dicomio: %s: dose report root is not (113701, DCM) X-Ray Radiation Dose Report", in.Path)
	}
	d := &DoseTotals{Sources: []string{in.SOPInstanceUID}}
	loc := dicomio.ZoneOf(ds)
	if t, ok := dicomtext.Combine(ds.String(dicomio.TagContentDate), ds.String(dicomio.TagContentTime), loc); ok {
		d.Time = t
	}
	for _, item := range ds.Seq(dicomio.TagContentSequence) {
		switch conceptCode(item) {
		case codeScope:
			d.Scope = scopeName(item.First(TagConceptCodeSequence).String(dicomio.TagCodeValue))
			for _, sub := range item.Seq(dicomio.TagContentSequence) {
				if u := dicomio.CleanUID(sub.String(TagUID)); u != "" {
					d.ScopeUID = u
				}
			}
		case codeAccumulated:
			d.Planes++
			d.addContainer(item)
		}
	}
	if d.Planes == 0 {
		return nil, fmt.Errorf("dicomio: %s: dose report has no Accumulated X-Ray Dose Data", in.Path)
	}
	return d, nil
}

func scopeName(code string) string {
	switch code {
	case codeScopeStudy:
		return "study"
	case codeScopeSeries:
		return "series"
	case codeScopePPS:
		return "procedure step"
	}
	return ""
}

// conceptCode returns the code value of a content item's concept name.
func conceptCode(item *dicomio.DataSet) string {
	c := item.First(dicomio.TagConceptNameCodeSequence)
	if c == nil {
		return ""
	}
	switch s := strings.TrimSpace(c.String(dicomio.TagCodingSchemeDesignator)); s {
	case "DCM", "":
	default:
		return ""
	}
	return strings.TrimSpace(c.String(dicomio.TagCodeValue))
}

// numValue returns the value of a NUM content item.
func numValue(item *dicomio.DataSet) (DoseValue, bool) {
	if strings.TrimSpace(item.String(dicomio.TagValueType)) != "NUM" {
		return DoseValue{}, false
	}
	mv := item.First(dicomio.TagMeasuredValueSequence)
	if mv == nil {
		return DoseValue{}, false
	}
	v, ok := mv.Float(dicomio.TagNumericValue)
	if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
		return DoseValue{}, false
	}
	unit := strings.TrimSpace(mv.First(dicomio.TagMeasurementUnitsCodeSeq).String(dicomio.TagCodeValue))
	return DoseValue{Value: v, Unit: unit}, true
}

// addContainer adds the NUM items of one Accumulated X-Ray Dose Data
// container.
func (d *DoseTotals) addContainer(c *dicomio.DataSet) {
	fields := map[string]struct {
		p *(*DoseValue)
		k doseKind
	}{
		codeDAPTotal:            {&d.DAPTotal, kindDAP},
		codeFluoroDAPTotal:      {&d.FluoroDAPTotal, kindDAP},
		codeAcquisitionDAPTotal: {&d.AcquisitionDAPTotal, kindDAP},
		codeDoseRPTotal:         {&d.DoseRPTotal, kindDose},
		codeFluoroDoseRPTotal:   {&d.FluoroDoseRPTotal, kindDose},
		codeAcqDoseRPTotal:      {&d.AcquisitionDoseRPTotal, kindDose},
		codeTotalFluoroTime:     {&d.FluoroTime, kindTime},
		codeTotalAcqTime:        {&d.AcquisitionTime, kindTime},
		codeRadiographicFrames:  {&d.RadiographicFrames, kindCount},
	}
	for _, item := range c.Seq(dicomio.TagContentSequence) {
		f, ok := fields[conceptCode(item)]
		if !ok {
			continue
		}
		v, ok := numValue(item)
		if !ok {
			continue
		}
		if *f.p == nil {
			*f.p = &v
			continue
		}
		if s, ok := addValues(*f.p, &v, f.k); ok {
			*f.p = s
		}
	}
}

// addValues returns a+b in the unit of a; ok is false when a unit is
// unknown.
func addValues(a, b *DoseValue, k doseKind) (*DoseValue, bool) {
	if strings.EqualFold(a.Unit, b.Unit) {
		return &DoseValue{Value: a.Value + b.Value, Unit: a.Unit}, true
	}
	fa, ok1 := unitFactors[k][strings.ToLower(strings.TrimSpace(a.Unit))]
	fb, ok2 := unitFactors[k][strings.ToLower(strings.TrimSpace(b.Unit))]
	if !ok1 || !ok2 {
		return nil, false
	}
	return &DoseValue{Value: a.Value + b.Value*fb/fa, Unit: a.Unit}, true
}

// StudyDose returns the dose totals of the study from its X-Ray Radiation
// Dose SRs, or nil when it has none that can be read. When one report
// accumulates over the whole study, the latest such report is used alone;
// otherwise the reports of distinct procedure steps (or series) are added,
// the latest report of each, so a report sent twice is counted once.
// errs lists the dose reports that could not be read.
func StudyDose(s *dicomio.Study) (totals *DoseTotals, errs []error) {
	var reports []*DoseTotals
	for _, in := range s.Documents {
		if !in.IsRDSR() {
			continue
		}
		d, err := ReadRDSR(in)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reports = append(reports, d)
	}
	if len(reports) == 0 {
		return nil, errs
	}
	latestFirst := func(a, b *DoseTotals) int {
		return cmp.Or(b.Time.Compare(a.Time), cmp.Compare(a.Sources[0], b.Sources[0]))
	}
	slices.SortStableFunc(reports, latestFirst)
	for _, d := range reports {
		if d.Scope == "study" {
			return d, errs
		}
	}
	seen := map[string]bool{}
	var sum *DoseTotals
	for _, d := range reports {
		key := d.Scope + "|" + d.ScopeUID
		if d.ScopeUID == "" {
			key = "sop|" + d.Sources[0]
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if sum == nil {
			c := *d
			sum = &c
			continue
		}
		sum.add(d)
	}
	return sum, errs
}

// add adds the values of o to d.
func (d *DoseTotals) add(o *DoseTotals) {
	d.Sources = append(slices.Clone(d.Sources), o.Sources...)
	d.Planes += o.Planes
	if d.Scope != o.Scope {
		d.Scope = ""
	}
	d.ScopeUID = ""
	pairs := []struct {
		a *(*DoseValue)
		b *DoseValue
		k doseKind
	}{
		{&d.DAPTotal, o.DAPTotal, kindDAP},
		{&d.FluoroDAPTotal, o.FluoroDAPTotal, kindDAP},
		{&d.AcquisitionDAPTotal, o.AcquisitionDAPTotal, kindDAP},
		{&d.DoseRPTotal, o.DoseRPTotal, kindDose},
		{&d.FluoroDoseRPTotal, o.FluoroDoseRPTotal, kindDose},
		{&d.AcquisitionDoseRPTotal, o.AcquisitionDoseRPTotal, kindDose},
		{&d.FluoroTime, o.FluoroTime, kindTime},
		{&d.AcquisitionTime, o.AcquisitionTime, kindTime},
		{&d.RadiographicFrames, o.RadiographicFrames, kindCount},
	}
	for _, p := range pairs {
		switch {
		case p.b == nil:
		case *p.a == nil:
			v := *p.b
			*p.a = &v
		default:
			if s, ok := addValues(*p.a, p.b, p.k); ok {
				*p.a = s
			}
		}
	}
}

// HeaderDose is a dose estimate from the per-image Image and Fluoroscopy
// Area Dose Product (0018,115E), for studies without a dose report.
type HeaderDose struct {
	// DAP is the estimate in dGy·cm² (the unit of the attribute).
	DAP float64
	// Summed is true when DAP adds distinct irradiation events; false
	// when it is the largest single value (a lower bound of the total).
	Summed bool
	// Events is the number of irradiation events added (when Summed),
	// Images the number of images that carry a dose-area product.
	Events, Images int
	// FluoroTimeS is the largest Total Time of Fluoroscopy (0040,0300)
	// found, in seconds; HasFluoroTime says whether one was.
	FluoroTimeS   float64
	HasFluoroTime bool
}

// Method describes how DAP was derived, for the reader of a report.
func (h HeaderDose) Method() string {
	if h.Summed {
		if h.Events == 1 {
			return "1 irradiation event"
		}
		return fmt.Sprintf("sum of %d irradiation events", h.Events)
	}
	return "largest single-image value (lower bound)"
}

// StudyHeaderDose estimates the study's dose-area product from the image
// headers. The attribute must not simply be summed: the standard now
// defines it as the total of the irradiation event that produced the
// image, repeated in every image of that event, and older devices wrote
// "this image plus the fluoroscopy before it", some even a running
// total. So:
//
//   - when every image with a value names its Irradiation Event UID
//     (0008,3010), which only devices following the current definition
//     write, each event is counted once (its largest value) and the events
//     are added;
//   - otherwise the largest single value is reported, a lower bound of the
//     total that is right for a running total and never counts twice.
//
// ok is false when no image carries a dose-area product.
func StudyHeaderDose(images []*dicomio.Instance) (h HeaderDose, ok bool) {
	events := map[string]float64{}
	allEvents := true
	for _, in := range images {
		if t, ok := in.Header().Float(TagTotalTimeOfFluoroscopy); ok && t >= 0 && t > h.FluoroTimeS {
			h.FluoroTimeS, h.HasFluoroTime = t, true
		} else if ok && t == 0 {
			h.HasFluoroTime = true
		}
		e := in.Exposure
		if !e.HasDAP || e.DAP < 0 || math.IsNaN(e.DAP) || math.IsInf(e.DAP, 0) {
			continue
		}
		h.Images++
		h.DAP = max(h.DAP, e.DAP)
		uid := dicomio.CleanUID(in.Header().String(TagIrradiationEventUID))
		if uid == "" {
			allEvents = false
			continue
		}
		events[uid] = max(events[uid], e.DAP)
	}
	if h.Images == 0 {
		return h, false
	}
	if allEvents {
		sum := 0.0
		for _, k := range slices.Sorted(maps.Keys(events)) { // sorted: the float sum does not depend on map order
			sum += events[k]
		}
		h.DAP, h.Summed, h.Events = sum, true, len(events)
	}
	return h, true
}
