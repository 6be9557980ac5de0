package dose

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/dicomio"
)

// Source says where a study's dose figures came from.
type Source string

const (
	FromRDSR    Source = "RDSR"    // an X-Ray Radiation Dose SR of the study
	FromHeaders Source = "headers" // the image headers (0018,115E …)
	FromNone    Source = "none"    // neither has dose figures
)

// A Figure is a dose figure with its source: which object and which
// DICOM item or attribute it was read from, and how it was derived.
type Figure struct {
	Value  float64
	Source string
}

// Effective-dose methods.
const (
	MethodPerEventCu = "per_event_cu"       // Σ DAP_i × k(Cu_i), Phys Med 2021
	MethodSingle     = "single_coefficient" // total DAP × one coefficient
)

// Effective is an effective-dose estimate.
type Effective struct {
	MSv float64
	// Method is MethodPerEventCu or MethodSingle.
	Method string
	// Coefficient is the single coefficient used (MethodSingle), mSv per
	// Gy·cm².
	Coefficient float64
	// UnknownCu counts events of a per-event estimate whose filtration is
	// not recorded; they use the single coefficient.
	UnknownCu int
	// Events counts the events summed (MethodPerEventCu).
	Events int
	// LowerBound is true when the DAP it converts is itself a lower bound.
	LowerBound bool
	// Source names the coefficients' origin.
	Source string
	// Table is the copper-filtration table applied (MethodPerEventCu).
	Table []CuCoefficient
}

// Event is one irradiation event with its effective-dose contribution.
type Event struct {
	IrradiationEvent
	DAPGyCm2    *float64 // nil when the event has no usable DAP
	DoseRPMGy   *float64
	CopperMM    *float64 // nil when the filtration is not recorded
	Coefficient float64  // mSv per Gy·cm² applied
	Rule        string   // how Coefficient was chosen, in English
	RuleRU      string   // the same in Russian
	MSv         *float64 // DAPGyCm2 × Coefficient
}

// DRLCheck is the comparison with the reference levels.
type DRLCheck struct {
	Levels DRL
	// Exceeded lists the figures above their level, by JSON name:
	// "dapGyCm2", "fluoroTimeS", "airKermaMGy".
	Exceeded []string
}

// Summary is a study's dose block.
type Summary struct {
	Source Source
	// Object names the dose report(s) or the images the figures were
	// read from.
	Object string

	DAPGyCm2    *Figure
	FluoroTimeS *Figure
	AirKermaMGy *Figure // reference-point air kerma (Dose (RP) Total)
	// NumEvents is the number of irradiation events; NumEventsSource
	// says what counted them.
	NumEvents       *Figure
	Events          []Event
	Effective       *Effective
	DRL             DRLCheck
	Notes           []string // what could not be read or estimated, in words
	ReportsRead     int
	SettingsSources []string
}

// FromStudy summarises the dose of a study with the settings set (nil:
// [Defaults]). The dose report(s) that [dicomio.StudyDose] chooses give
// the totals and events; without one, the image headers do
// ([dicomio.StudyHeaderDose], [dicomio.HeaderEvents]).
func FromStudy(s *dicomio.Study, set *Settings) *Summary {
	if set == nil {
		d := Defaults()
		set = &d
	}
	sum := &Summary{Source: FromNone}
	if s == nil {
		sum.Notes = append(sum.Notes, "no study")
		sum.compare(set)
		return sum
	}
	totals, errs := StudyDose(s)
	for _, err := range errs {
		sum.Notes = append(sum.Notes, fmt.Sprintf("dose report not read: %v", err))
	}
	if totals != nil && sum.fromRDSR(s, totals) {
		sum.estimate(set)
		sum.compare(set)
		return sum
	}
	if h, ok := StudyHeaderDose(s.Images); ok {
		sum.fromHeaders(s, h)
		sum.estimate(set)
	} else {
		sum.Notes = append(sum.Notes, "no dose report and no Image and Fluoroscopy Area Dose Product (0018,115E) in the image headers")
	}
	sum.compare(set)
	return sum
}

// fromRDSR fills the totals and events of the chosen dose report(s).
func (sum *Summary) fromRDSR(s *dicomio.Study, t *DoseTotals) bool {
	obj := "RDSR " + strings.Join(t.Sources, ", ")
	if v, how, ok := t.DAP(); ok {
		if g, ok := v.GyCm2(); ok {
			sum.DAPGyCm2 = &Figure{sig(g), fmt.Sprintf("%s, %s (%s %s)", obj, how, fmtRaw(v.Value), v.Unit)}
		} else {
			sum.Notes = append(sum.Notes, fmt.Sprintf("dose-area product unit %q not understood", v.Unit))
		}
	}
	if t.FluoroTime != nil {
		if sec, ok := t.FluoroTime.Seconds(); ok {
			sum.FluoroTimeS = &Figure{sig(sec), fmt.Sprintf("%s, Total Fluoro Time (113730)", obj)}
		}
	}
	if t.DoseRPTotal != nil {
		if mgy, ok := t.DoseRPTotal.MGy(); ok {
			sum.AirKermaMGy = &Figure{sig(mgy), fmt.Sprintf("%s, Dose (RP) Total (113725)", obj)}
		}
	}
	for _, c := range []struct {
		name string
		f    **Figure
	}{{"dose-area product", &sum.DAPGyCm2}, {"fluoroscopy time", &sum.FluoroTimeS}, {"air kerma", &sum.AirKermaMGy}} {
		name, f := c.name, c.f
		if *f != nil && !((*f).Value >= 0 && !math.IsInf((*f).Value, 0)) {
			sum.Notes = append(sum.Notes, fmt.Sprintf("the dose report's %s total %g is not a dose: left out", name, (*f).Value))
			*f = nil
		}
	}
	if sum.DAPGyCm2 == nil && sum.FluoroTimeS == nil && sum.AirKermaMGy == nil {
		sum.Notes = append(sum.Notes, "the dose report has no DAP, fluoroscopy time or air kerma total")
		return false
	}
	sum.Source, sum.Object, sum.ReportsRead = FromRDSR, obj, len(t.Sources)
	seen := map[string]bool{}
	for _, uid := range t.Sources {
		in := document(s, uid)
		if in == nil {
			continue
		}
		evs, err := ReadIrradiationEvents(in)
		if err != nil {
			sum.Notes = append(sum.Notes, err.Error())
			continue
		}
		for _, e := range evs {
			if e.UID != "" && seen[e.UID] {
				continue // an event reported twice (e.g. by two reports) counts once
			}
			seen[e.UID] = e.UID != ""
			sum.Events = append(sum.Events, newEvent(e))
		}
	}
	sum.NumEvents = &Figure{float64(len(sum.Events)), obj + ", Irradiation Event X-Ray Data (113706) containers"}
	return true
}

func document(s *dicomio.Study, uid string) *dicomio.Instance {
	for _, in := range s.Documents {
		if in.SOPInstanceUID == uid {
			return in
		}
	}
	return nil
}

// fromHeaders fills the figures of the image headers.
func (sum *Summary) fromHeaders(s *dicomio.Study, h HeaderDose) {
	sum.Source = FromHeaders
	sum.Object = fmt.Sprintf("image headers (%d images with a dose-area product)", h.Images)
	sum.DAPGyCm2 = &Figure{sig(h.DAP / 10), fmt.Sprintf("image headers, Image and Fluoroscopy Area Dose Product (0018,115E), %s (%s dGy·cm²)", h.Method(), fmtRaw(h.DAP))}
	if h.HasFluoroTime {
		sum.FluoroTimeS = &Figure{sig(h.FluoroTimeS), "image headers, largest Total Time of Fluoroscopy (0040,0300)"}
	}
	evs := HeaderEvents(s.Images)
	if h.Summed {
		sum.NumEvents = &Figure{float64(h.Events), "image headers, distinct Irradiation Event UIDs (0008,3010)"}
		for _, e := range evs {
			sum.Events = append(sum.Events, newEvent(e))
		}
	} else {
		// Without event UIDs the values may overlap: the events are
		// listed for their parameters but not summed.
		for _, e := range evs {
			sum.Events = append(sum.Events, newEvent(e))
		}
		sum.Notes = append(sum.Notes, "the images do not all name their irradiation event (0008,3010), so the header DAP is the largest single value, a lower bound of the total")
	}
}

// RuleText says in lang how the event's coefficient was chosen.
func (e Event) RuleText(lang string) string {
	if Lang(lang) == "ru" && e.RuleRU != "" {
		return e.RuleRU
	}
	return e.Rule
}

func newEvent(e IrradiationEvent) Event {
	ev := Event{IrradiationEvent: e}
	if e.DAP != nil {
		if g, ok := e.DAP.GyCm2(); ok && g >= 0 && !math.IsInf(g, 0) {
			ev.DAPGyCm2 = ptr(g)
		}
	}
	if e.DoseRP != nil {
		if m, ok := e.DoseRP.MGy(); ok {
			ev.DoseRPMGy = ptr(m)
		}
	}
	if cu, ok := e.CopperMM(); ok {
		ev.CopperMM = ptr(cu)
	}
	return ev
}

// estimate computes the effective dose: per event by copper filtration
// when every event has a DAP and the events are known to add up to the
// total; else the total DAP × the single coefficient.
func (sum *Summary) estimate(set *Settings) {
	perEvent := len(sum.Events) > 0 && (sum.Source == FromRDSR || sum.NumEvents != nil)
	for _, e := range sum.Events {
		if e.DAPGyCm2 == nil {
			perEvent = false
		}
	}
	if perEvent {
		eff := &Effective{Method: MethodPerEventCu, Source: set.CuSource, Events: len(sum.Events), Table: slices.Clone(set.CuCoefficients)}
		total := 0.0
		for i := range sum.Events {
			e := &sum.Events[i]
			if e.CopperMM != nil {
				e.Coefficient, e.Rule = set.Coefficient(*e.CopperMM)
				_, e.RuleRU = set.CoefficientIn(*e.CopperMM, "ru")
			} else {
				e.Coefficient, e.Rule = set.SingleCoefficient, "filtration not recorded: single coefficient"
				e.RuleRU = "фильтр не записан: единый коэффициент"
				eff.UnknownCu++
			}
			e.MSv = ptr(*e.DAPGyCm2 * e.Coefficient)
			total += *e.MSv
		}
		if eff.UnknownCu > 0 {
			eff.Source += "; " + set.SingleSource
			eff.Coefficient = set.SingleCoefficient
		}
		eff.MSv = total
		sum.Effective = eff
		if sum.DAPGyCm2 != nil {
			evSum := 0.0
			for _, e := range sum.Events {
				evSum += *e.DAPGyCm2
			}
			if d := math.Abs(evSum - sum.DAPGyCm2.Value); d > 0.01*sum.DAPGyCm2.Value && d > 1e-6 {
				sum.Notes = append(sum.Notes, fmt.Sprintf("the events' DAP add up to %s Gy·cm², the total is %s Gy·cm²; the effective dose uses the events",
					num(evSum, "en"), num(sum.DAPGyCm2.Value, "en")))
			}
		}
		return
	}
	if sum.DAPGyCm2 == nil {
		return
	}
	if len(sum.Events) > 0 && sum.Source == FromRDSR {
		sum.Notes = append(sum.Notes, "some irradiation events have no dose-area product: the effective dose uses the total DAP and the single coefficient")
	}
	sum.Effective = &Effective{
		MSv:         sum.DAPGyCm2.Value * set.SingleCoefficient,
		Method:      MethodSingle,
		Coefficient: set.SingleCoefficient,
		Source:      set.SingleSource,
		LowerBound:  sum.Source == FromHeaders && sum.NumEvents == nil,
	}
}

// compare compares the totals with the reference levels.
func (sum *Summary) compare(set *Settings) {
	sum.DRL.Levels = set.DRL
	check := func(name string, f *Figure, level *float64) {
		if f != nil && level != nil && f.Value > *level {
			sum.DRL.Exceeded = append(sum.DRL.Exceeded, name)
		}
	}
	check("dapGyCm2", sum.DAPGyCm2, set.DRL.DAPGyCm2)
	check("fluoroTimeS", sum.FluoroTimeS, set.DRL.FluoroTimeS)
	check("airKermaMGy", sum.AirKermaMGy, set.DRL.AirKermaMGy)
}

// sig rounds x to 12 significant digits, so unit conversions leave no
// binary noise (0.16000000000000003) but keep every digit a device wrote.
func sig(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return v
}

func fmtRaw(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
