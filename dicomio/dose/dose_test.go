package dose

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/internal/testutil"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func openStudy(t *testing.T, paths ...string) *dicomio.Study {
	t.Helper()
	coll, err := dicomio.Open(paths, nil)
	if err != nil && coll == nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coll.Close() })
	if len(coll.Errors) > 0 {
		t.Fatalf("not read: %v", coll.Errors)
	}
	if len(coll.Studies) != 1 {
		t.Fatalf("%d studies", len(coll.Studies))
	}
	return coll.Studies[0]
}

func TestCoefficient(t *testing.T) {
	s := Defaults()
	for _, c := range []struct {
		cu   float64
		k    float64
		rule string
	}{
		{0, 0.13, "table value at 0 mm Cu"},
		{0.1, 0.18, "table value at 0.1 mm Cu"},
		{0.4, 0.28, "table value at 0.4 mm Cu"},
		{0.9, 0.35, "table value at 0.9 mm Cu"},
		{0.05, 0.155, "interpolated between 0 and 0.1 mm Cu"},
		{0.2, 0.18 + 0.1/0.3*0.10, "interpolated between 0.1 and 0.4 mm Cu"},
		{0.6, 0.308, "interpolated between 0.4 and 0.9 mm Cu"},
		{1.2, 0.35, "above the table: value at 0.9 mm Cu kept, not extrapolated"},
	} {
		k, rule := s.Coefficient(c.cu)
		if !near(k, c.k) || rule != c.rule {
			t.Errorf("Coefficient(%g) = %g %q, want %g %q", c.cu, k, rule, c.k, c.rule)
		}
	}
}

// A synthetic RDSR with events at 0 (aluminium only), 0.1 and 0.9 mm Cu
// and one without any filter record.
func TestSyntheticRDSR(t *testing.T) {
	p := synthPath(t)
	writeRDSR(t, p, 2.2e-4, 50, 0.0123, []synthEvent{
		{dapGyM2: 0.6e-4, cu: 0, al: true}, // 0.6 Gy·cm² at 0 mm Cu: ×0.13 = 0.078
		{dapGyM2: 0.8e-4, cu: 0.1},         // 0.8 at 0.1: ×0.18 = 0.144
		{dapGyM2: 0.5e-4, cu: 0.9},         // 0.5 at 0.9: ×0.35 = 0.175
		{dapGyM2: 0.3e-4, cu: -1},          // 0.3, filtration not recorded: ×0.18 = 0.054
	})
	sum := FromStudy(openStudy(t, p), nil)
	if sum.Source != FromRDSR {
		t.Fatalf("source %s, notes %v", sum.Source, sum.Notes)
	}
	if !near(sum.DAPGyCm2.Value, 2.2) || !near(sum.FluoroTimeS.Value, 50) || !near(sum.AirKermaMGy.Value, 12.3) || sum.NumEvents.Value != 4 {
		t.Errorf("totals %+v %+v %+v %+v", *sum.DAPGyCm2, *sum.FluoroTimeS, *sum.AirKermaMGy, *sum.NumEvents)
	}
	for _, f := range []*Figure{sum.DAPGyCm2, sum.FluoroTimeS, sum.AirKermaMGy, sum.NumEvents} {
		if !strings.HasPrefix(f.Source, "RDSR 1.2.826.0.1.3680043.10.1078.77.2.4") {
			t.Errorf("source not named: %q", f.Source)
		}
	}
	wantCu := []*float64{ptr(0.0), ptr(0.1), ptr(0.9), nil}
	wantK := []float64{0.13, 0.18, 0.35, 0.18}
	for i, e := range sum.Events {
		if (e.CopperMM == nil) != (wantCu[i] == nil) || e.CopperMM != nil && !near(*e.CopperMM, *wantCu[i]) {
			t.Errorf("event %d copper %v, want %v", i, e.CopperMM, wantCu[i])
		}
		if !near(e.Coefficient, wantK[i]) {
			t.Errorf("event %d coefficient %g (%s), want %g", i, e.Coefficient, e.Rule, wantK[i])
		}
		if e.KVP == nil || e.KVP.Value != 70+float64(i) || e.TubeCurrent == nil || e.TubeCurrent.Value != 10 {
			t.Errorf("event %d kVp %v mA %v", i, e.KVP, e.TubeCurrent)
		}
	}
	if e := sum.Effective; e == nil || e.Method != MethodPerEventCu || !near(e.MSv, 0.078+0.144+0.175+0.054) || e.UnknownCu != 1 {
		t.Fatalf("effective %+v", sum.Effective)
	}
	// 2.2 Gy·cm² is above the 2 Gy·cm² level, 50 s above 42 s.
	if !slices.Equal(sum.DRL.Exceeded, []string{"dapGyCm2", "fluoroTimeS"}) {
		t.Errorf("exceeded %v", sum.DRL.Exceeded)
	}
	ru := sum.Text("ru")
	for _, w := range []string{"Произведение дозы на площадь: 2,2\u00a0Гр·см² — выше референтного уровня",
		"Время рентгеноскопии: 50\u00a0с", "Эффективная доза (оценка): 0,451\u00a0мЗв", "0,13 / 0,18 / 0,28 / 0,35 мЗв/(Гр·см²)",
		"Воздушная керма в опорной точке: 12,3\u00a0мГр", "событий без сведений о фильтре: 1"} {
		if !strings.Contains(ru, w) {
			t.Errorf("Russian text lacks %q:\n%s", w, ru)
		}
	}
	en := sum.Text("en")
	for _, w := range []string{"Dose-area product: 2.2\u00a0Gy·cm² — above the reference level", "Effective dose (estimate): 0.451\u00a0mSv",
		"Phys Med 2021;81:40-46", "1 event(s) without recorded filtration at 0.18 mSv per Gy·cm²", "UK national DRL"} {
		if !strings.Contains(en, w) {
			t.Errorf("English text lacks %q:\n%s", w, en)
		}
	}
	j := sum.JSON()
	if *j.EffectiveDoseMSv != 0.451 || *j.EffectiveDoseMethod != MethodPerEventCu || *j.Events != 4 || len(j.EventList) != 4 {
		t.Errorf("json %+v", j)
	}
}

// When an event has no DAP the per-event sum would be incomplete: the
// total DAP and the single coefficient are used.
func TestEventWithoutDAPFallsBack(t *testing.T) {
	p := synthPath(t)
	writeRDSR(t, p, 1e-4, 10, 0.001, []synthEvent{{dapGyM2: 0.5e-4, cu: 0.1}, {dapGyM2: math.NaN(), cu: 0.1}})
	sum := FromStudy(openStudy(t, p), nil)
	if e := sum.Effective; e == nil || e.Method != MethodSingle || !near(e.MSv, 1*0.18) {
		t.Fatalf("effective %+v, notes %v", sum.Effective, sum.Notes)
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "have no dose-area product") {
		t.Errorf("notes %v", sum.Notes)
	}
	if len(sum.DRL.Exceeded) != 0 {
		t.Errorf("exceeded %v", sum.DRL.Exceeded)
	}
}

// Effective dose of the Siemens Artis zee RDSR by hand, from its events
// as dsrdump prints them: 6 events at 0.6 mm Cu (0.01, 0.01, 0.038, 0.023,
// 0.038, 0.004 Gy·cm²) and 2 at 0.9 mm Cu (0.012, 0.025 Gy·cm²). 0.6 mm
// lies between 0.4 and 0.9 mm: k = 0.28 + (0.2/0.5)·(0.35−0.28) = 0.308.
// E = 0.123·0.308 + 0.037·0.35 = 0.037884 + 0.01295 = 0.050834 mSv.
func TestEffectiveDoseSiemensByHand(t *testing.T) {
	p := testutil.File(t, "sr_doc/RDSR_RF_Siemens_ArtisZee.dcm")
	sum := FromStudy(openStudy(t, p), nil)
	if sum.Effective == nil || sum.Effective.Method != MethodPerEventCu {
		t.Fatalf("effective %+v notes %v", sum.Effective, sum.Notes)
	}
	if math.Abs(sum.Effective.MSv-0.050834) > 1e-9 {
		t.Errorf("E = %.9f mSv, want 0.050834", sum.Effective.MSv)
	}
	if sum.Effective.UnknownCu != 0 || len(sum.Events) != 8 {
		t.Errorf("%d events, %d without copper", len(sum.Events), sum.Effective.UnknownCu)
	}
}

// The GE OEC RDSR records no filters: every event uses the single
// coefficient, and the text says so. The Eurocolumbus one lists only
// aluminium filters: no copper, 0.13 mSv per Gy·cm²; its events add up to
// less than its total, which a note says.
func TestRDSRFiltration(t *testing.T) {
	sum := FromStudy(openStudy(t, testutil.File(t, "sr_doc/RDSR_RF_GE_OEC_Elite.dcm")), nil)
	e := sum.Effective
	if e == nil || e.UnknownCu != len(sum.Events) || len(sum.Events) != 22 {
		t.Fatalf("effective %+v, %d events", e, len(sum.Events))
	}
	evSum := 0.0
	for _, ev := range sum.Events {
		evSum += *ev.DAPGyCm2
	}
	if !near(e.MSv, evSum*0.18) || math.Abs(evSum-sum.DAPGyCm2.Value) > 1e-6 {
		t.Errorf("E %g for events %g, total %g", e.MSv, evSum, sum.DAPGyCm2.Value)
	}
	if !strings.Contains(sum.MethodText("en"), "22 event(s) without recorded filtration") {
		t.Errorf("method %q", sum.MethodText("en"))
	}

	sum = FromStudy(openStudy(t, testutil.File(t, "sr_doc/RDSR_RF_Eurocolumbus.dcm")), nil)
	for i, ev := range sum.Events {
		if ev.CopperMM == nil || *ev.CopperMM != 0 || ev.Coefficient != 0.13 || len(ev.Filters) == 0 || ev.Filters[0].IsCopper() {
			t.Errorf("event %d: copper %v k %g filters %+v", i, ev.CopperMM, ev.Coefficient, ev.Filters)
		}
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "the events' DAP add up to 0.08 Gy·cm², the total is 0.09 Gy·cm²") {
		t.Errorf("notes %v", sum.Notes)
	}
}

// Header-only studies: with Irradiation Event UIDs the events are added and
// converted by their Cu filter; without, the largest value is a lower
// bound converted by the single coefficient.
func TestHeaderOnly(t *testing.T) {
	dir := t.TempDir()
	base := testutil.Attrs{"(0008,0070)": "LO [Test]"}
	mk := func(name string, n int, extra testutil.Attrs) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		a := testutil.Attrs{"(0020,0013)": "IS [" + string(rune('0'+n)) + "]"}
		for k, v := range base {
			a[k] = v
		}
		for k, v := range extra {
			a[k] = v
		}
		testutil.DICOM(t, filepath.Join(dir, name), a)
	}
	mk("a/1.dcm", 1, testutil.Attrs{"(0018,115e)": "DS [4.0]", "(0008,3010)": "UI [1.2.3.4.1]", "(0018,7050)": "CS [AL\\CU]",
		"(0018,7052)": "DS [1.0\\0.1]", "(0018,7054)": "DS [1.0\\0.1]", "(0040,0300)": "US 30"})
	mk("a/2.dcm", 2, testutil.Attrs{"(0018,115e)": "DS [6.0]", "(0008,3010)": "UI [1.2.3.4.2]", "(0018,7050)": "CS [NONE]",
		"(0040,0300)": "US 35"})
	sum := FromStudy(openStudy(t, filepath.Join(dir, "a")), nil)
	if sum.Source != FromHeaders || !near(sum.DAPGyCm2.Value, 1.0) || !strings.Contains(sum.DAPGyCm2.Source, "(0018,115E)") ||
		!strings.Contains(sum.DAPGyCm2.Source, "sum of 2 irradiation events") {
		t.Fatalf("header DAP %+v source %s notes %v", sum.DAPGyCm2, sum.Source, sum.Notes)
	}
	if sum.FluoroTimeS == nil || sum.FluoroTimeS.Value != 35 || !strings.Contains(sum.FluoroTimeS.Source, "(0040,0300)") {
		t.Errorf("fluoro %+v", sum.FluoroTimeS)
	}
	// 0.4 Gy·cm² at 0.1 mm Cu (×0.18) + 0.6 at no copper (×0.13).
	if e := sum.Effective; e == nil || e.Method != MethodPerEventCu || !near(e.MSv, 0.4*0.18+0.6*0.13) {
		t.Errorf("effective %+v", sum.Effective)
	}
	if sum.AirKermaMGy != nil {
		t.Errorf("air kerma from headers: %+v", sum.AirKermaMGy)
	}

	mk("b/1.dcm", 1, testutil.Attrs{"(0018,115e)": "DS [4.0]"})
	mk("b/2.dcm", 2, testutil.Attrs{"(0018,115e)": "DS [6.0]"})
	sum = FromStudy(openStudy(t, filepath.Join(dir, "b")), nil)
	if sum.Source != FromHeaders || !near(sum.DAPGyCm2.Value, 0.6) || !strings.Contains(sum.DAPGyCm2.Source, "lower bound") {
		t.Fatalf("header DAP %+v", sum.DAPGyCm2)
	}
	if e := sum.Effective; e == nil || e.Method != MethodSingle || !e.LowerBound || !near(e.MSv, 0.6*0.18) {
		t.Errorf("effective %+v", sum.Effective)
	}
	if !strings.Contains(sum.Text("en"), "a lower bound") {
		t.Errorf("text:\n%s", sum.Text("en"))
	}
}

func TestNoDose(t *testing.T) {
	dir := t.TempDir()
	testutil.DICOM(t, filepath.Join(dir, "1.dcm"), nil)
	sum := FromStudy(openStudy(t, dir), nil)
	if sum.Source != FromNone || sum.Effective != nil || sum.DAPGyCm2 != nil || len(sum.Notes) == 0 {
		t.Fatalf("%+v", sum)
	}
	j := sum.JSON()
	if j.DAPGyCm2 != nil || j.EffectiveDoseMSv != nil || j.Events != nil || j.DRL.Exceeded == nil {
		t.Errorf("json %+v", j)
	}
	if !strings.Contains(sum.Text("ru"), "Сведений о дозе в исследовании нет") {
		t.Errorf("%s", sum.Text("ru"))
	}
}

func TestSettingsFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cfg", "dose.json")
	s, err := Load(p)
	if err != nil || s.DRL.Source != SourceUKDRL || s.SingleCoefficient != 0.18 {
		t.Fatalf("missing file: %+v %v", s, err)
	}
	s.DRL.DAPGyCm2 = ptr(1.5)
	s.DRL.Source = "контрольный уровень учреждения, приказ № 12"
	if err := s.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	if err := privatefile.Check(p, 0o600); err != nil {
		t.Error(err)
	}
	got, err := Load(p)
	if err != nil || *got.DRL.DAPGyCm2 != 1.5 || got.DRL.Source != s.DRL.Source || len(got.CuCoefficients) != 4 {
		t.Fatalf("reloaded %+v %v", got, err)
	}
	// A partial file keeps the other defaults.
	if err := os.WriteFile(p, []byte(`{"singleCoefficientMSvPerGyCm2": 0.2, "singleSource": "local physicist 2025"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err = Load(p); err != nil || got.SingleCoefficient != 0.2 || *got.DRL.FluoroTimeS != 42 {
		t.Fatalf("partial %+v %v", got, err)
	}
	for _, bad := range []string{`{"cuCoefficients": [{"cuMm": 0.4, "mSvPerGyCm2": 0.28}, {"cuMm": 0.1, "mSvPerGyCm2": 0.18}]}`,
		`{"drl": {"dapGyCm2": -1, "source": "x"}}`, `{"singleSource": ""}`, `{`} {
		os.WriteFile(p, []byte(bad), 0o600)
		if _, err := Load(p); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	bad := Defaults()
	bad.SingleCoefficient = math.NaN()
	if err := bad.WriteFile(p); err == nil {
		t.Error("wrote invalid settings")
	}
}

func TestNumberFormat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		lang string
		want string
	}{
		{0.16, "ru", "0,16"}, {1.24, "ru", "1,24"}, {0.0508, "en", "0.0508"}, {42, "en", "42"}, {123.4, "ru", "123"},
		{0.225, "ru", "0,225"}, {2.345, "en", "2.35"}, {0, "ru", "0"},
	} {
		if got := num(c.v, c.lang); got != c.want {
			t.Errorf("num(%g, %s) = %q, want %q", c.v, c.lang, got, c.want)
		}
	}
	if got := Duration(36, "ru"); got != "36\u00a0с" {
		t.Errorf("%q", got)
	}
	if got := Duration(90, "ru"); got != "90\u00a0с (1,5\u00a0мин)" {
		t.Errorf("%q", got)
	}
}

// Every file of the shared corpus, hostile ones included, gives a summary
// without panicking, and its figures are finite and not negative.
func TestCorpusNeverPanics(t *testing.T) {
	root := testutil.SharedDir(t)
	var paths []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	for _, p := range paths {
		coll, err := dicomio.Open([]string{p}, nil)
		if err != nil && coll == nil {
			continue
		}
		for _, s := range coll.Studies {
			sum := FromStudy(s, nil)
			for _, f := range []*Figure{sum.DAPGyCm2, sum.FluoroTimeS, sum.AirKermaMGy, sum.NumEvents} {
				if f != nil && (f.Value < 0 || math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Source == "") {
					t.Errorf("%s: figure %+v", p, *f)
				}
			}
			_ = sum.Text("ru")
			_ = sum.JSON()
		}
		coll.Close()
	}
}

// A negative total is not a dose: it is left out with a note, and an event
// with a negative DAP makes the per-event sum fall back to the total.
func TestNegativeValues(t *testing.T) {
	p := synthPath(t)
	writeRDSR(t, p, -1e-4, 20, 0.001, []synthEvent{{dapGyM2: -0.5e-4, cu: 0.1}})
	sum := FromStudy(openStudy(t, p), nil)
	if sum.DAPGyCm2 != nil || sum.Effective != nil || sum.FluoroTimeS == nil {
		t.Errorf("DAP %+v effective %+v", sum.DAPGyCm2, sum.Effective)
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "dose-area product total -1 is not a dose") {
		t.Errorf("notes %v", sum.Notes)
	}
}

// TestProseRussian checks that the English hsgview writes into dose
// sources and methods reads in Russian, and a user's text stays as typed.
func TestProseRussian(t *testing.T) {
	for in, want := range map[string]string{
		"sum of 7 irradiation events":  "сумма по 7 событиям облучения",
		"sum of 21 irradiation events": "сумма по 21 событию облучения",
		"1 irradiation event":          "1 событие облучения",
		SourceUKDRL:                    "национальный референтный уровень Великобритании для ГСГ",
		"image headers, largest Total Time of Fluoroscopy (0040,0300)":                                                              "заголовки изображений, наибольшее значение Total Time of Fluoroscopy (0040,0300)",
		"image headers, Image and Fluoroscopy Area Dose Product (0018,115E), largest single-image value (lower bound) (35 dGy·cm²)": "заголовки изображений, Image and Fluoroscopy Area Dose Product (0018,115E), наибольшее значение одного снимка (нижняя оценка) (35 dGy·cm²)",
		EnteredNote + "; " + SourceSingle: "пересчитано по произведению дозы на площадь, введённому вручную; табличное значение",
		"our department's audit 2024":     "our department's audit 2024",
	} {
		if got := Prose(in, "ru"); !strings.HasPrefix(got, want) {
			t.Errorf("Prose(%q) = %q, want %q…", in, got, want)
		}
		if got := Prose(in, "en"); got != in {
			t.Errorf("English changed: %q", got)
		}
	}
}
