package report_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/internal/testutil"
)

func siemensStudy(t *testing.T) *dicomio.Study {
	t.Helper()
	c, err := dicomio.Open([]string{testutil.File(t, filepath.Join("sr_doc", "RDSR_RF_Siemens_ArtisZee.dcm"))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.Studies[0]
}

// Prefill stores the effective dose, its method and the reference-level
// comparison; the report's dose lines print them in either language.
func TestPrefillEffectiveDoseAndDRL(t *testing.T) {
	s := siemensStudy(t)
	r := report.NewReport(s.UID)
	if _, err := r.Prefill(s, nil); err != nil {
		t.Fatal(err)
	}
	d := r.Technique.Dose
	// By hand: 0.123 Gy·cm² at 0.6 mm Cu (k 0.308) + 0.037 at 0.9 mm (0.35).
	if d.EffectiveDoseMSv == nil || *d.EffectiveDoseMSv != 0.05083 || d.EffectiveDoseMethod != dose.MethodPerEventCu {
		t.Fatalf("effective %v %q", d.EffectiveDoseMSv, d.EffectiveDoseMethod)
	}
	if b := d.EffectiveDoseBasis; b == nil || b.Events != 8 || b.EventsWithoutCu != 0 || b.SingleCoefficient != nil || len(b.CuCoefficients) != 4 {
		t.Errorf("basis %+v", d.EffectiveDoseBasis)
	}
	if d.DRL == nil || *d.DRL.DAPGyCm2 != 2 || *d.DRL.FluoroTimeS != 42 || len(d.DRL.Exceeded) != 0 || !strings.Contains(d.DRL.Source, "RCR") {
		t.Errorf("drl %+v", d.DRL)
	}
	b, _ := json.Marshal(d)
	for _, k := range []string{`"effectiveDoseMSv":0.05083`, `"effectiveDoseMethod":"per_event_cu"`, `"drl":{`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
	ru := d.DoseLines("ru", r.Technique.FluoroscopyTimeS)
	r.Language = "ru"
	if !reflect.DeepEqual(r.DoseLines(), ru) {
		t.Error("Report.DoseLines is not in the report's language")
	}
	text := ""
	for _, l := range ru {
		text += l.Label + ": " + l.Value + " | " + l.Note + "\n"
	}
	for _, w := range []string{"Произведение дозы на площадь: 0,16\u00a0Гр·см² | протокол дозы облучения (RDSR): Dose Area Product Total",
		"Время рентгеноскопии: 28\u00a0с", "Эффективная доза (оценка): 0,0508\u00a0мЗв", "оценка по коэффициентам Phys Med 2021", "Референтные уровни"} {
		if !strings.Contains(text, w) {
			t.Errorf("lines lack %q:\n%s", w, text)
		}
	}
	// A DAP the user corrects is judged as corrected.
	d.DAPTotalGyCm2 = new(2.5)
	for _, l := range d.DoseLines("en", r.Technique.FluoroscopyTimeS) {
		if l.Key == "dap" && (!l.Exceeded || !strings.Contains(l.Value, "above the reference level")) {
			t.Errorf("corrected DAP not flagged: %+v", l)
		}
		if l.Key == "drl" && !strings.Contains(l.Note, "Dose-area product") {
			t.Errorf("drl line %+v", l)
		}
	}
}

// The settings decide the levels; with Refresh a prefilled dose follows
// new settings.
func TestPrefillDoseSettings(t *testing.T) {
	s := siemensStudy(t)
	r := report.NewReport(s.UID)
	set := dose.Defaults()
	set.DRL = dose.DRL{DAPGyCm2: new(0.1), FluoroTimeS: new(20.0), Source: "institution"}
	if _, err := r.Prefill(s, &report.PrefillOptions{Dose: &set}); err != nil {
		t.Fatal(err)
	}
	if got := r.Technique.Dose.DRL.Exceeded; !slices.Equal(got, []string{"dapGyCm2", "fluoroTimeS"}) {
		t.Errorf("exceeded %v", got)
	}
	res, err := r.Prefill(s, &report.PrefillOptions{Refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Technique.Dose.DRL.Exceeded) != 0 || !slices.Contains(res.Filled, "/technique/dose") {
		t.Errorf("refresh: exceeded %v, filled %v", r.Technique.Dose.DRL.Exceeded, res.Filled)
	}
}
