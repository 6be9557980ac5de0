package dose

import (
	"fmt"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"strings"
	"time"
)

// Tags of the content items and image headers read for irradiation events.
const (
	TagDateTime             dicomio.Tag = 0x0040A120 // DATETIME content item value
	TagFilterType           dicomio.Tag = 0x00181160
	TagFilterMaterial       dicomio.Tag = 0x00187050
	TagFilterThicknessMin   dicomio.Tag = 0x00187052
	TagFilterThicknessMax   dicomio.Tag = 0x00187054
	TagExposureInMAs        dicomio.Tag = 0x00189332
	TagExposureTimeInMs     dicomio.Tag = 0x00189328
	TagXRayTubeCurrentInMA  dicomio.Tag = 0x00189330
	TagEntranceDoseInMGy    dicomio.Tag = 0x00408302
	TagTotalNumberExposures dicomio.Tag = 0x00400301
)

// Concept codes (DCM) of TID 10003 Irradiation Event X-Ray Data and its
// included templates (10003A detector, 10003B source) that
// ReadIrradiationEvents reads.
const (
	codeEvent           = "113706" // Irradiation Event X-Ray Data
	codeEventUID        = "113769" // Irradiation Event UID
	codeDateTimeStarted = "111526" // DateTime Started
	codeEventType       = "113721" // Irradiation Event Type
	codeProtocol        = "125203" // Acquisition Protocol
	codePlane           = "113764" // Acquisition Plane
	codeEventDAP        = "122130" // Dose Area Product
	codeEventDoseRP     = "113738" // Dose (RP)
	codeKVP             = "113733" // KVP
	codeTubeCurrent     = "113734" // X-Ray Tube Current
	codeAvgTubeCurrent  = "113767" // Average X-Ray Tube Current
	codeExposureTime    = "113735" // Exposure Time
	codeExposureTime2   = "113824" // Exposure Time (written by some devices instead of 113735)
	codeExposure        = "113736" // Exposure (µAs)
	codeIrradDuration   = "113742" // Irradiation Duration
	codePulseRate       = "113791" // Pulse Rate
	codeNumberOfPulses  = "113768" // Number of Pulses
	codeFilters         = "113771" // X-Ray Filters
	codeFilterType      = "113772" // X-Ray Filter Type
	codeFilterMaterial  = "113757" // X-Ray Filter Material
	codeFilterThickMin  = "113758" // X-Ray Filter Thickness Minimum
	codeFilterThickMax  = "113773" // X-Ray Filter Thickness Maximum
)

// An XRayFilter is one added filter of an irradiation event (TID 10003B
// X-Ray Filters, or the image header's Filter Material and thickness).
type XRayFilter struct {
	// Type is the filter type as written (e.g. "Strip Filter", "STRIP").
	Type string
	// Material is the material's code meaning or header value as written
	// (e.g. "Copper or Copper compound", "CU").
	Material string
	// MaterialCode is its code value, e.g. "C-127F9" (SNOMED copper);
	// empty for image headers.
	MaterialCode string
	// ThicknessMinMM and ThicknessMaxMM are in mm; Has… say which were
	// given.
	ThicknessMinMM, ThicknessMaxMM   float64
	HasThicknessMin, HasThicknessMax bool
}

// IsCopper reports whether the filter is copper: the SNOMED RT code
// C-127F9 ("Copper or Copper compound", CID 10006), or a material whose
// meaning or header value is "Cu" or names copper (devices that write
// SNOMED CT codes still give the meaning).
func (f XRayFilter) IsCopper() bool {
	switch strings.ToUpper(strings.TrimSpace(f.MaterialCode)) {
	case "C-127F9":
		return true
	}
	m := strings.ToLower(strings.TrimSpace(f.Material))
	return m == "cu" || strings.Contains(m, "copper")
}

// ThicknessMM returns the filter's thickness in mm: the mean of the
// minimum and maximum when both are given (they differ for a wedge), else
// the one given. ok is false when neither is.
func (f XRayFilter) ThicknessMM() (mm float64, ok bool) {
	switch {
	case f.HasThicknessMin && f.HasThicknessMax:
		return (f.ThicknessMinMM + f.ThicknessMaxMM) / 2, true
	case f.HasThicknessMin:
		return f.ThicknessMinMM, true
	case f.HasThicknessMax:
		return f.ThicknessMaxMM, true
	}
	return 0, false
}

// An IrradiationEvent is one irradiation event of an X-Ray Radiation Dose
// SR (TID 10003) or, for studies without one, of the image headers. A nil
// value was not recorded.
type IrradiationEvent struct {
	UID      string    // Irradiation Event UID
	Type     string    // e.g. "Fluoroscopy", "Stationary Acquisition"
	Protocol string    // Acquisition Protocol
	Plane    string    // Acquisition Plane, e.g. "Single Plane"
	Started  time.Time // DateTime Started (zero if absent)

	DAP    *DoseValue // 122130 Dose Area Product (image header: dGy·cm²)
	DoseRP *DoseValue // 113738 Dose (RP)

	KVP            *DoseValue // kV (several pulses: the mean)
	TubeCurrent    *DoseValue // mA (several pulses: the mean)
	ExposureTime   *DoseValue // ms
	Exposure       *DoseValue // µAs (image header: mAs)
	PulseRate      *DoseValue // pulse/s
	NumberOfPulses *DoseValue
	Duration       *DoseValue // Irradiation Duration, s

	// Filters are the added filters. FiltersRecorded says whether the
	// event records its filtration at all: an event that lists filters
	// without copper has no copper; one that records none is unknown.
	Filters         []XRayFilter
	FiltersRecorded bool
}

// CopperMM returns the event's added copper filtration in mm, the sum of
// its copper filters. ok is false when the event does not record its
// filtration, or a copper filter has no thickness.
func (e IrradiationEvent) CopperMM() (mm float64, ok bool) {
	if !e.FiltersRecorded {
		return 0, false
	}
	for _, f := range e.Filters {
		if !f.IsCopper() {
			continue
		}
		t, ok := f.ThicknessMM()
		if !ok || t < 0 {
			return 0, false
		}
		mm += t
	}
	return mm, true
}

// ReadIrradiationEvents reads the irradiation events (TID 10003) of an
// X-Ray Radiation Dose SR, in the order of the report. Values that do not
// parse are left nil; an event is kept even when it has no dose-area
// product, so the caller can tell a complete list from a partial one.
func ReadIrradiationEvents(in *dicomio.Instance) ([]IrradiationEvent, error) {
	if !in.IsRDSR() {
		return nil, fmt.Errorf("dicomio: %s: not an X-Ray Radiation Dose SR (SOP class %s)", in.Path, in.SOPClassUID)
	}
	ds := in.Header()
	loc := dicomio.ZoneOf(ds)
	var events []IrradiationEvent
	for _, item := range ds.Seq(dicomio.TagContentSequence) {
		if conceptCode(item) == codeEvent {
			events = append(events, readEvent(item, loc))
		}
	}
	return events, nil
}

// readEvent reads one Irradiation Event X-Ray Data container.
func readEvent(c *dicomio.DataSet, loc *time.Location) IrradiationEvent {
	var e IrradiationEvent
	sums := map[string]*struct {
		sum  float64
		n    int
		unit string
	}{}
	mean := func(code string, v DoseValue) {
		s := sums[code]
		if s == nil {
			s = &struct {
				sum  float64
				n    int
				unit string
			}{unit: v.Unit}
			sums[code] = s
		}
		if strings.EqualFold(s.unit, v.Unit) {
			s.sum += v.Value
			s.n++
		}
	}
	for _, item := range c.Seq(dicomio.TagContentSequence) {
		code := conceptCode(item)
		switch code {
		case codeEventUID:
			e.UID = dicomio.CleanUID(item.String(TagUID))
		case codeDateTimeStarted:
			if t, ok := dicomtext.ParseDT(item.String(TagDateTime), loc); ok {
				e.Started = t
			}
		case codeEventType:
			e.Type = codeMeaning(item)
		case codeProtocol:
			e.Protocol = strings.TrimSpace(item.String(dicomio.TagTextValue))
		case codePlane:
			e.Plane = codeMeaning(item)
		case codeFilters:
			e.FiltersRecorded = true
			if f, ok := readFilter(item); ok {
				e.Filters = append(e.Filters, f)
			}
		case codeEventDAP, codeEventDoseRP, codeKVP, codeTubeCurrent, codeAvgTubeCurrent, codeExposureTime,
			codeExposureTime2, codeExposure, codeIrradDuration, codePulseRate, codeNumberOfPulses:
			if v, ok := numValue(item); ok {
				mean(code, v)
			}
		}
	}
	get := func(codes ...string) *DoseValue {
		for _, c := range codes {
			if s := sums[c]; s != nil && s.n > 0 {
				return &DoseValue{Value: s.sum / float64(s.n), Unit: s.unit}
			}
		}
		return nil
	}
	// Dose values are not averaged: a container has one of each; when a
	// device repeats one, the mean is still the value.
	e.DAP = get(codeEventDAP)
	e.DoseRP = get(codeEventDoseRP)
	e.KVP = get(codeKVP)
	e.TubeCurrent = get(codeTubeCurrent, codeAvgTubeCurrent)
	e.ExposureTime = get(codeExposureTime, codeExposureTime2)
	e.Exposure = get(codeExposure)
	e.Duration = get(codeIrradDuration)
	e.PulseRate = get(codePulseRate)
	e.NumberOfPulses = get(codeNumberOfPulses)
	return e
}

// readFilter reads an X-Ray Filters container. ok is false when it names
// neither a material nor a thickness.
func readFilter(c *dicomio.DataSet) (XRayFilter, bool) {
	var f XRayFilter
	for _, item := range c.Seq(dicomio.TagContentSequence) {
		switch conceptCode(item) {
		case codeFilterType:
			f.Type = codeMeaning(item)
		case codeFilterMaterial:
			f.Material = codeMeaning(item)
			if cc := item.First(TagConceptCodeSequence); cc != nil {
				f.MaterialCode = strings.TrimSpace(cc.String(dicomio.TagCodeValue))
			}
		case codeFilterThickMin, codeFilterThickMax:
			v, ok := numValue(item)
			if !ok {
				continue
			}
			mm, ok := lengthMM(v)
			if !ok {
				continue
			}
			if conceptCode(item) == codeFilterThickMin {
				f.ThicknessMinMM, f.HasThicknessMin = mm, true
			} else {
				f.ThicknessMaxMM, f.HasThicknessMax = mm, true
			}
		}
	}
	return f, f.Material != "" || f.MaterialCode != "" || f.HasThicknessMin || f.HasThicknessMax
}

// lengthMM converts a length to mm.
func lengthMM(v DoseValue) (float64, bool) {
	switch strings.ToLower(strings.TrimSpace(v.Unit)) {
	case "mm":
		return v.Value, true
	case "um":
		return v.Value / 1000, true
	case "cm":
		return v.Value * 10, true
	}
	return 0, false
}

// codeMeaning returns the meaning (else the value) of a CODE content
// item's concept code.
func codeMeaning(item *dicomio.DataSet) string {
	cc := item.First(TagConceptCodeSequence)
	if cc == nil {
		return strings.TrimSpace(item.String(dicomio.TagTextValue))
	}
	if m := strings.TrimSpace(cc.String(dicomio.TagCodeMeaning)); m != "" {
		return m
	}
	return strings.TrimSpace(cc.String(dicomio.TagCodeValue))
}

// HeaderEvents returns the irradiation events described by the image
// headers: one per Irradiation Event UID (0008,3010), or one per image
// when an image has none. Each carries the image's Image and Fluoroscopy
// Area Dose Product (0018,115E, dGy·cm²; the largest of the event's
// images), kVp, tube current, exposure time, exposure and the filters of
// the X-Ray Filtration module (Filter Type, Filter Material, thickness).
// Images without a dose-area product are left out. Whether the values may
// be added is for [StudyHeaderDose] to say.
func HeaderEvents(images []*dicomio.Instance) []IrradiationEvent {
	var events []IrradiationEvent
	index := map[string]int{}
	for _, in := range images {
		x := in.Exposure
		if !x.HasDAP || x.DAP < 0 || x.DAP != x.DAP || x.DAP > 1e12 {
			continue
		}
		h := in.Header()
		uid := dicomio.CleanUID(h.String(TagIrradiationEventUID))
		if i, ok := index[uid]; ok && uid != "" {
			if x.DAP > events[i].DAP.Value {
				events[i].DAP.Value = x.DAP
			}
			continue
		}
		e := IrradiationEvent{UID: uid, DAP: &DoseValue{Value: x.DAP, Unit: "dGy.cm2"}, Started: in.Acquired}
		switch strings.ToUpper(strings.TrimSpace(x.RadiationSetting)) {
		case "SC":
			e.Type = "Fluoroscopy"
		case "GR":
			e.Type = "Acquisition"
		}
		if x.KVP > 0 {
			e.KVP = &DoseValue{Value: x.KVP, Unit: "kV"}
		}
		if v, ok := h.Float(TagXRayTubeCurrentInMA); ok && v >= 0 {
			e.TubeCurrent = &DoseValue{Value: v, Unit: "mA"}
		} else if x.TubeCurrentMA > 0 {
			e.TubeCurrent = &DoseValue{Value: x.TubeCurrentMA, Unit: "mA"}
		}
		if v, ok := h.Float(TagExposureTimeInMs); ok && v >= 0 {
			e.ExposureTime = &DoseValue{Value: v, Unit: "ms"}
		} else if x.ExposureTimeMs > 0 {
			e.ExposureTime = &DoseValue{Value: x.ExposureTimeMs, Unit: "ms"}
		}
		if v, ok := h.Float(TagExposureInMAs); ok && v >= 0 {
			e.Exposure = &DoseValue{Value: v, Unit: "mAs"}
		} else if v, ok := h.Float(dicomio.TagExposure); ok && v >= 0 {
			e.Exposure = &DoseValue{Value: v, Unit: "mAs"}
		}
		e.Filters, e.FiltersRecorded = headerFilters(h)
		if uid != "" {
			index[uid] = len(events)
		}
		events = append(events, e)
	}
	return events
}

// headerFilters reads the X-Ray Filtration module: Filter Material is
// multi-valued, one value per filter, with the thicknesses in the same
// order. recorded is false when the header names no material.
func headerFilters(h *dicomio.DataSet) (fs []XRayFilter, recorded bool) {
	mats := h.Strings(TagFilterMaterial)
	if len(mats) == 0 {
		return nil, false
	}
	mins, maxs := h.Floats(TagFilterThicknessMin), h.Floats(TagFilterThicknessMax)
	typ := strings.TrimSpace(h.String(TagFilterType))
	for i, m := range mats {
		f := XRayFilter{Type: typ, Material: strings.TrimSpace(m)}
		if i < len(mins) {
			f.ThicknessMinMM, f.HasThicknessMin = mins[i], true
		}
		if i < len(maxs) {
			f.ThicknessMaxMM, f.HasThicknessMax = maxs[i], true
		}
		fs = append(fs, f)
	}
	return fs, true
}
