package report

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
)

// PrefillOptions tune [Report.Prefill]. A nil *PrefillOptions means the
// defaults.
type PrefillOptions struct {
	// Refresh replaces values that are still marked prefilled (filled
	// from DICOM and not edited since) with the study's current values.
	// By default only empty values are filled.
	Refresh bool
	// Dose are the reference levels and effective-dose coefficients the
	// dose is compared and converted with; nil means [dose.Defaults]. The
	// GUI passes the user's settings ([dose.Load] of [dose.DefaultPath]).
	Dose *dose.Settings
}

// A PrefillResult says what [Report.Prefill] did, by JSON pointer.
type PrefillResult struct {
	// Filled are the values set from DICOM, now marked prefilled.
	Filled []string
	// Kept are the values the user entered that differ from DICOM; they
	// were left alone.
	Kept []string
	// Notes say what could not be prefilled, and why, for the user.
	Notes []string
}

// Prefill fills the report from the study's DICOM headers: the patient
// (id, name, birth date, sex), the study (accession, date and time,
// referring and performing physician), the contrast agent, concentration
// and volume of the Contrast/Bolus module, the dose (from an X-Ray
// Radiation Dose SR of the study when there is one, else estimated from
// the image headers, see [dicomio.StudyHeaderDose]), the fluoroscopy
// time, the numbers of spot images and cine runs, and the delayed image
// found by the study's timeline.
//
// Each value filled is marked prefilled ([Report.MarkPrefilled]) until the
// user edits it ([Report.ClearPrefilled]). Prefill never overwrites a value
// the user entered: it fills empty values, and with opt.Refresh also
// values still marked prefilled. A value the user cleared is empty and is
// filled again.
//
// It fails when the report is signed or belongs to another study.
func (r *Report) Prefill(s *dicomio.Study, opt *PrefillOptions) (PrefillResult, error) {
	if opt == nil {
		opt = &PrefillOptions{}
	}
	var res PrefillResult
	if s == nil {
		return res, errors.New("annotate: prefill: no study")
	}
	if r.Status.Signed() {
		return res, errors.New("annotate: prefill: the report is signed; amend it first")
	}
	switch r.Study.StudyInstanceUID {
	case "":
		r.Study.StudyInstanceUID = s.UID
	case s.UID:
	default:
		return res, fmt.Errorf("annotate: prefill: the report is for study %s, not %s", r.Study.StudyInstanceUID, s.UID)
	}
	p := &prefiller{r: r, res: &res, refresh: opt.Refresh, doseSettings: opt.Dose}

	p.str("/patient/id", &r.Patient.ID, strings.TrimSpace(s.Patient.ID))
	p.str("/patient/name", &r.Patient.Name, strings.TrimSpace(s.Patient.Name))
	p.str("/patient/birthDate", &r.Patient.BirthDate, s.Patient.BirthDate)
	if sex := Sex(s.Patient.Sex); sex != SexUnknown && sex.Valid() {
		fillValue(p, "/patient/sex", &r.Patient.Sex, sex)
	}
	p.str("/study/accessionNumber", &r.Study.AccessionNumber, strings.TrimSpace(s.AccessionNumber))
	p.str("/study/studyDateTime", &r.Study.StudyDateTime, studyDateTime(s))
	p.str("/study/referringPhysician", &r.Study.ReferringPhysician, strings.TrimSpace(s.ReferringPhysician))
	for _, in := range s.Images {
		if v := strings.TrimSpace(in.PerformingPhysician); v != "" {
			p.str("/study/performingPhysician", &r.Study.PerformingPhysician, v)
			break
		}
	}

	p.contrast(s)
	p.dose(s)
	spots, runs := 0, 0
	for _, in := range s.Images {
		if in.Pixel.Frames > 1 {
			runs++
		} else {
			spots++
		}
	}
	if len(s.Images) > 0 {
		fillPtr(p, "/technique/spotImageCount", &r.Technique.SpotImageCount, spots)
		fillPtr(p, "/technique/cineRunCount", &r.Technique.CineRunCount, runs)
	}
	p.delayed(s)
	return res, nil
}

// prefiller applies the fill rule of Prefill to one value at a time.
type prefiller struct {
	r            *Report
	res          *PrefillResult
	refresh      bool
	doseSettings *dose.Settings
}

// may reports whether the value at path, empty or not, may be set, and
// records a kept user value.
func (p *prefiller) may(path string, empty, same bool) bool {
	switch {
	case empty:
		return true
	case same:
		return false
	case p.r.IsPrefilled(path):
		return p.refresh
	}
	p.res.Kept = append(p.res.Kept, path)
	return false
}

func (p *prefiller) filled(path string) {
	p.r.MarkPrefilled(path)
	p.res.Filled = append(p.res.Filled, path)
}

func (p *prefiller) note(format string, a ...any) {
	p.res.Notes = append(p.res.Notes, fmt.Sprintf(format, a...))
}

// str fills a text value; an empty DICOM value fills nothing.
func (p *prefiller) str(path string, cur *string, v string) { fillValue(p, path, cur, v) }

// fillValue fills a comparable value whose zero value means "not recorded".
func fillValue[T comparable](p *prefiller, path string, cur *T, v T) {
	var zero T
	if v == zero || !p.may(path, *cur == zero, *cur == v) {
		return
	}
	*cur = v
	p.filled(path)
}

// fillPtr fills an optional value.
func fillPtr[T comparable](p *prefiller, path string, cur **T, v T) {
	if !p.may(path, *cur == nil, *cur != nil && **cur == v) {
		return
	}
	*cur = &v
	p.filled(path)
}

// studyDateTime formats the study date and time in RFC 3339. DICOM times
// without Timezone Offset From UTC are the wall-clock time of the site, so
// they are given the local time zone of this computer.
func studyDateTime(s *dicomio.Study) string {
	t := s.Time
	if t.IsZero() {
		return ""
	}
	for _, in := range append(slices.Clone(s.Images), s.Documents...) {
		if in.StudyInstanceUID == s.UID && strings.TrimSpace(in.Header().String(dicomio.TagTimezoneOffsetFromUTC)) != "" {
			return t.Format(time.RFC3339)
		}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.Local).Format(time.RFC3339)
}

// waterSoluble matches the names of water-soluble iodinated contrast
// media (generic and common brand names).
var waterSoluble = regexp.MustCompile(`(?i)(iohexol|omnipaque|iopamidol|isovue|iopamiro|niopam|scanlux|iodixanol|visipaque|iopromide|ultravist|ioversol|optiray|iomeprol|iomeron|iobitridol|xenetix|diatrizoat|amidotrizoat|urografin|gastrografin|hypaque|ioxaglat|hexabrix|ioxilan|oxilan|iopentol|imagopaque)`)

// oilBased matches oil-based contrast media.
var oilBased = regexp.MustCompile(`(?i)(lipiodol|ethiodi[sz]ed|ethiodol|poppy.?seed)`)

// contrast fills the contrast agent from the Contrast/Bolus module of the
// images: the agent and concentration of the first image that has them
// and the largest volume, since each image records the volume given so far.
func (p *prefiller) contrast(s *dicomio.Study) {
	c := &p.r.Technique.Contrast
	var agent, code, meaning, ingredient string
	var volume, conc float64
	var hasVolume, hasConc, present bool
	for _, in := range s.Images {
		k := in.Contrast
		if !k.Present() {
			continue
		}
		present = true
		if agent == "" {
			agent = strings.TrimSpace(k.Agent)
		}
		if code == "" && k.AgentCode != "" {
			code, meaning = k.AgentCode, strings.TrimSpace(k.AgentMeaning)
		}
		if ingredient == "" {
			ingredient = strings.TrimSpace(k.Ingredient)
		}
		if k.HasVolume && k.VolumeMl > 0 && k.VolumeMl < 1000 && k.VolumeMl > volume {
			volume, hasVolume = k.VolumeMl, true
		}
		if !hasConc && k.Concentration > 0 && k.Concentration < 1000 {
			conc, hasConc = k.Concentration, true
		}
	}
	if !present {
		p.note("no image has a Contrast/Bolus module: the contrast agent and volume are not prefilled")
		return
	}
	before := len(p.res.Filled)
	if scheme, value, ok := strings.Cut(code, ":"); ok && value != "" {
		sys := CodeSystem(strings.ToUpper(strings.TrimSpace(scheme)))
		if sys.Valid() {
			fillCode(p, "/technique/contrast/agent", &c.Agent, Code{System: sys, Code: strings.TrimSpace(value), Display: meaning})
		}
	}
	p.str("/technique/contrast/productName", &c.ProductName, agent)
	names := agent + " " + meaning
	switch {
	case oilBased.MatchString(names):
		fillValue(p, "/technique/contrast/class", &c.Class, ContrastOilBased)
	case waterSoluble.MatchString(names):
		fillValue(p, "/technique/contrast/class", &c.Class, ContrastWaterSoluble)
	}
	if hasConc && (strings.EqualFold(ingredient, "IODINE") || ingredient == "") {
		fillPtr(p, "/technique/contrast/concentrationMgIPerMl", &c.ConcentrationMgIPerML, conc)
	}
	if hasVolume {
		fillPtr(p, "/technique/contrast/volumeMl", &c.VolumeML, wording.RoundTo(volume, 1))
	}
	if len(p.res.Filled) > before {
		fillValue(p, "/technique/contrast/source", &c.Source, ContrastFromDICOM)
	}
}

// fillCode fills a coded value.
func fillCode(p *prefiller, path string, cur **Code, v Code) {
	same := *cur != nil && (*cur).System == v.System && (*cur).Code == v.Code
	if !p.may(path, *cur == nil, same) {
		return
	}
	*cur = &v
	p.filled(path)
}

// doseUnits maps dose-area product units as DICOM writes them to the
// report's units.
var doseUnits = map[string]mark.Unit{
	"gy.m2": mark.UnitGyM2, "gym2": mark.UnitGyM2, "gy.cm2": mark.UnitGyCm2, "gycm2": mark.UnitGyCm2,
	"dgy.cm2": mark.UnitDGyCm2, "dgycm2": mark.UnitDGyCm2, "cgy.cm2": mark.UnitCGyCm2, "cgycm2": mark.UnitCGyCm2,
	"mgy.cm2": mark.UnitMGyCm2, "mgycm2": mark.UnitMGyCm2, "ugy.m2": mark.UnitMicroGyM2,
}

// dose fills the dose and fluoroscopy time: from the study's dose report,
// else estimated from the image headers.
func (p *prefiller) dose(s *dicomio.Study) {
	t := &p.r.Technique
	var d Dose
	var fluoro *float64
	totals, errs := dose.StudyDose(s)
	for _, err := range errs {
		p.note("dose report not read: %v", err)
	}
	if totals != nil {
		if v, how, ok := totals.DAP(); ok {
			if g, ok := v.GyCm2(); ok {
				q := Quantity{Value: new(v.Value), Unit: doseUnits[strings.ToLower(v.Unit)]}
				if q.Unit == "" { // a unit the report has no name for: keep the converted value
					q = Quantity{Value: new(Sig(g, 6)), Unit: mark.UnitGyCm2}
				}
				d.DAPTotal, d.DAPTotalGyCm2, d.Method = &q, new(Sig(g, 6)), how
			}
		}
		if totals.DoseRPTotal != nil {
			if mgy, ok := totals.DoseRPTotal.MGy(); ok {
				d.AirKermaRefPointMGy = new(Sig(mgy, 6))
			}
		}
		if totals.FluoroTime != nil {
			if sec, ok := totals.FluoroTime.Seconds(); ok {
				fluoro = new(Sig(sec, 6))
			}
		}
		if d.DAPTotal != nil || d.AirKermaRefPointMGy != nil {
			d.Source = DoseFromRDSR
		}
	}
	if d.Source == "" {
		if h, ok := dose.StudyHeaderDose(s.Images); ok {
			d = Dose{
				DAPTotal:      &Quantity{Value: new(Sig(h.DAP, 6)), Unit: mark.UnitDGyCm2},
				DAPTotalGyCm2: new(Sig(h.DAP/10, 6)),
				Source:        DoseFromImageHeader,
				Method:        h.Method(),
			}
			if fluoro == nil && h.HasFluoroTime {
				fluoro = new(h.FluoroTimeS)
			}
		} else {
			p.note("no dose report and no dose-area product in the image headers: the dose is not prefilled")
		}
	}
	if d.Source != "" {
		addEstimate(&d, dose.FromStudy(s, p.doseSettings))
	}
	if d.Source != "" {
		empty := t.Dose.DAPTotal == nil && t.Dose.DAPTotalGyCm2 == nil && t.Dose.AirKermaRefPointMGy == nil && t.Dose.Source == ""
		if p.may("/technique/dose", empty, sameDose(t.Dose, d)) {
			t.Dose = d
			p.filled("/technique/dose")
		}
	}
	if fluoro != nil {
		fillPtr(p, "/technique/fluoroscopyTimeS", &t.FluoroscopyTimeS, *fluoro)
	}
}

func sameDose(a, b Dose) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	qa, qb := a.DAPTotal, b.DAPTotal
	sameQ := qa == nil && qb == nil || qa != nil && qb != nil && qa.Unit == qb.Unit && eq(qa.Value, qb.Value)
	return sameQ && eq(a.DAPTotalGyCm2, b.DAPTotalGyCm2) && eq(a.AirKermaRefPointMGy, b.AirKermaRefPointMGy) &&
		a.Source == b.Source && a.Method == b.Method && eq(a.EffectiveDoseMSv, b.EffectiveDoseMSv) &&
		a.EffectiveDoseMethod == b.EffectiveDoseMethod && reflect.DeepEqual(a.EffectiveDoseBasis, b.EffectiveDoseBasis) &&
		reflect.DeepEqual(a.DRL, b.DRL)
}

// addEstimate adds the effective-dose estimate and the reference-level
// comparison of sum to d, when sum read its figures from the same source
// as d (both from the dose report, or both from the image headers).
func addEstimate(d *Dose, sum *dose.Summary) {
	switch {
	case d.Source == DoseFromRDSR && sum.Source == dose.FromRDSR:
	case d.Source == DoseFromImageHeader && sum.Source == dose.FromHeaders:
	default:
		return
	}
	if e := sum.Effective; e != nil {
		d.EffectiveDoseMSv = new(Sig(e.MSv, 4))
		d.EffectiveDoseMethod = e.Method
		b := &EffectiveDoseBasis{EventsWithoutCu: e.UnknownCu, LowerBound: e.LowerBound, Source: e.Source}
		if e.Method == dose.MethodPerEventCu {
			b.Events, b.CuCoefficients = e.Events, slices.Clone(e.Table)
		}
		if e.Method == dose.MethodSingle || e.UnknownCu > 0 {
			b.SingleCoefficient = new(e.Coefficient)
		}
		d.EffectiveDoseBasis = b
	}
	l := sum.DRL.Levels
	if l.DAPGyCm2 != nil || l.FluoroTimeS != nil || l.AirKermaMGy != nil {
		d.DRL = &DoseDRL{DAPGyCm2: l.DAPGyCm2, FluoroTimeS: l.FluoroTimeS, AirKermaMGy: l.AirKermaMGy,
			Source: l.Source, Exceeded: slices.Clone(sum.DRL.Exceeded)}
	}
}

// delayed fills the delayed image found by the study's timeline, as
// corrected by the report's timing overrides.
func (p *prefiller) delayed(s *dicomio.Study) {
	tl, err := p.r.Timeline(s)
	if err != nil {
		p.note("%v", err)
	}
	if tl == nil || tl.Delayed == nil {
		if tl != nil && tl.Note != "" {
			p.note("%s", tl.Note)
		}
		return
	}
	e := tl.Delayed
	d := &p.r.Technique.DelayedImage
	fillPtr(p, "/technique/delayedImage/obtained", &d.Obtained, true)
	if e.HasMinutes {
		fillPtr(p, "/technique/delayedImage/minutesAfterContrast", &d.MinutesAfterContrast, wording.RoundTo(e.Minutes, 1))
	}
	if det := Determination(tl.Determination); det.Valid() {
		fillValue(p, "/technique/delayedImage/determination", &d.Determination, det)
	}
	if c := Confidence(e.Confidence); c.Valid() {
		fillValue(p, "/technique/delayedImage/confidence", &d.Confidence, c)
	}
	ref := mark.ImageRefOf(e.Instance, 0)
	same := d.Image != nil && d.Image.SOPInstanceUID == ref.SOPInstanceUID
	if p.may("/technique/delayedImage/image", d.Image == nil, same) {
		d.Image = &ref
		p.filled("/technique/delayedImage/image")
	}
}

// sig rounds x to n significant digits, so that unit conversions do not
// leave binary noise such as 0.16000000000000003 in the report.
func Sig(x float64, n int) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', n, 64), 64)
	if err != nil {
		return x
	}
	return v
}

// Timeline returns s's timeline corrected by r's TimingOverrides (see
// [dicomio.CorrectTimeline]): the timeline the report's minutes, the
// hanging protocol and the overlays use. Without overrides it is
// s.Timeline itself. An override that does not fit the study is skipped
// and named in the error; the timeline is still returned.
func (r *Report) Timeline(s *dicomio.Study) (*dicomio.Timeline, error) {
	if s == nil {
		return nil, errors.New("no study")
	}
	if r.TimingOverrides.IsZero() || s.Timeline == nil {
		return s.Timeline, nil
	}
	return s.CorrectedTimeline(r.TimingOverrides)
}
