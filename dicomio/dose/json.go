package dose

import "math"

// JSON is the dose block as `hsgview dose --json` prints it. Field names
// are a contract: fields may be added, never renamed. A null number is
// not known.
type JSON struct {
	Source              Source      `json:"source"`
	Object              string      `json:"object,omitempty"`
	DAPGyCm2            *float64    `json:"dapGyCm2"`
	DAPSource           string      `json:"dapSource,omitempty"`
	FluoroTimeS         *float64    `json:"fluoroTimeS"`
	FluoroTimeSource    string      `json:"fluoroTimeSource,omitempty"`
	AirKermaMGy         *float64    `json:"airKermaMGy"`
	AirKermaSource      string      `json:"airKermaSource,omitempty"`
	Events              *int        `json:"events"`
	EffectiveDoseMSv    *float64    `json:"effectiveDoseMSv"`
	EffectiveDoseMethod *string     `json:"effectiveDoseMethod"`
	EffectiveDoseText   string      `json:"effectiveDoseText,omitempty"`
	DRL                 DRLJSON     `json:"drl"`
	EventList           []EventJSON `json:"eventList,omitempty"`
	Notes               []string    `json:"notes,omitempty"`
}

// DRLJSON are the reference levels compared and the figures above them.
type DRLJSON struct {
	DAPGyCm2    *float64 `json:"dapGyCm2"`
	FluoroTimeS *float64 `json:"fluoroTimeS"`
	AirKermaMGy *float64 `json:"airKermaMGy,omitempty"`
	Source      string   `json:"source,omitempty"`
	Exceeded    []string `json:"exceeded"`
}

// EventJSON is one irradiation event.
type EventJSON struct {
	UID             string       `json:"uid,omitempty"`
	Type            string       `json:"type,omitempty"`
	Protocol        string       `json:"protocol,omitempty"`
	Started         string       `json:"started,omitempty"`
	DAPGyCm2        *float64     `json:"dapGyCm2"`
	DoseRPMGy       *float64     `json:"doseRpMGy"`
	KVP             *float64     `json:"kvp"`
	TubeCurrentMA   *float64     `json:"tubeCurrentMA"`
	ExposureTimeMS  *float64     `json:"exposureTimeMs"`
	Filters         []FilterJSON `json:"filters,omitempty"`
	CopperMM        *float64     `json:"copperMm"`
	Coefficient     *float64     `json:"coefficientMSvPerGyCm2"`
	CoefficientRule string       `json:"coefficientRule,omitempty"`
	EffectiveMSv    *float64     `json:"effectiveDoseMSv"`
}

// FilterJSON is one added filter.
type FilterJSON struct {
	Type        string   `json:"type,omitempty"`
	Material    string   `json:"material,omitempty"`
	ThicknessMM *float64 `json:"thicknessMm"`
}

// JSON returns the summary in its JSON shape.
func (sum *Summary) JSON() JSON {
	j := JSON{Source: sum.Source, Object: sum.Object, Notes: sum.Notes}
	val := func(f *Figure) (*float64, string) {
		if f == nil {
			return nil, ""
		}
		return ptr(f.Value), f.Source
	}
	j.DAPGyCm2, j.DAPSource = val(sum.DAPGyCm2)
	j.FluoroTimeS, j.FluoroTimeSource = val(sum.FluoroTimeS)
	j.AirKermaMGy, j.AirKermaSource = val(sum.AirKermaMGy)
	if sum.NumEvents != nil {
		j.Events = ptr(int(sum.NumEvents.Value))
	}
	if e := sum.Effective; e != nil {
		j.EffectiveDoseMSv = ptr(round(e.MSv, 4))
		j.EffectiveDoseMethod = ptr(e.Method)
		j.EffectiveDoseText = sum.MethodText("en")
	}
	l := sum.DRL.Levels
	j.DRL = DRLJSON{DAPGyCm2: l.DAPGyCm2, FluoroTimeS: l.FluoroTimeS, AirKermaMGy: l.AirKermaMGy, Source: l.Source, Exceeded: sum.DRL.Exceeded}
	if j.DRL.Exceeded == nil {
		j.DRL.Exceeded = []string{}
	}
	for _, e := range sum.Events {
		ej := EventJSON{UID: e.UID, Type: e.Type, Protocol: e.Protocol, DAPGyCm2: sigPtr(e.DAPGyCm2), DoseRPMGy: sigPtr(e.DoseRPMGy),
			CopperMM: sigPtr(e.CopperMM), CoefficientRule: e.Rule}
		if !e.Started.IsZero() {
			ej.Started = e.Started.Format("2006-01-02T15:04:05.000Z07:00")
		}
		if e.KVP != nil {
			ej.KVP = ptr(sig(e.KVP.Value))
		}
		if e.TubeCurrent != nil {
			ej.TubeCurrentMA = ptr(sig(e.TubeCurrent.Value))
		}
		if e.ExposureTime != nil {
			if ms, ok := e.ExposureTime.Seconds(); ok {
				ej.ExposureTimeMS = ptr(sig(ms * 1000))
			}
		}
		for _, f := range e.Filters {
			fj := FilterJSON{Type: f.Type, Material: f.Material}
			if t, ok := f.ThicknessMM(); ok {
				fj.ThicknessMM = ptr(sig(t))
			}
			ej.Filters = append(ej.Filters, fj)
		}
		if e.MSv != nil {
			ej.Coefficient = ptr(round(e.Coefficient, 6))
			ej.EffectiveMSv = ptr(round(*e.MSv, 6))
		}
		j.EventList = append(j.EventList, ej)
	}
	return j
}

func sigPtr(v *float64) *float64 {
	if v == nil {
		return nil
	}
	return ptr(sig(*v))
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
