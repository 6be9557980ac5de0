package dose

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestEnteredEstimate(t *testing.T) {
	custom := Defaults()
	custom.SingleCoefficient, custom.SingleSource = 0.25, "department physicist, 2026"
	for _, c := range []struct {
		name string
		dap  float64
		set  *Settings
		ok   bool
		msv  float64
		src  string
	}{
		{"defaults", 2.5, nil, true, 0.45, SourceSingle},
		{"zero", 0, nil, true, 0, SourceSingle},
		{"own coefficient", 1.2, &custom, true, 0.3, "department physicist, 2026"},
		{"negative", -1, nil, false, 0, ""},
		{"NaN", math.NaN(), nil, false, 0, ""},
		{"infinite", math.Inf(1), nil, false, 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, ok := EnteredEstimate(c.dap, c.set)
			if ok != c.ok {
				t.Fatalf("ok %v, want %v", ok, c.ok)
			}
			if !ok {
				return
			}
			if !near(e.MSv, c.msv) || e.Method != MethodSingle {
				t.Errorf("%+v, want %g mSv by the single coefficient", e, c.msv)
			}
			if !strings.HasPrefix(e.Source, EnteredNote+"; ") || !strings.HasSuffix(e.Source, c.src) {
				t.Errorf("source %q", e.Source)
			}
			sum := &Summary{Effective: &e}
			if m := sum.MethodText("en"); !strings.Contains(m, EnteredNote) {
				t.Errorf("method text does not say it was recalculated: %q", m)
			}
		})
	}
}

func TestExceeding(t *testing.T) {
	l := DRL{DAPGyCm2: ptr(2.0), FluoroTimeS: ptr(42.0), Source: "x"}
	for _, c := range []struct {
		name              string
		dap, fluoro, kerm *float64
		want              []string
	}{
		{"below", ptr(1.9), ptr(41.0), nil, nil},
		{"at the level is not above", ptr(2.0), ptr(42.0), nil, nil},
		{"DAP above", ptr(2.01), ptr(10.0), nil, []string{"dapGyCm2"}},
		{"both above", ptr(3.0), ptr(60.0), nil, []string{"dapGyCm2", "fluoroTimeS"}},
		{"no figures", nil, nil, nil, nil},
		{"kerma without a level", nil, nil, ptr(1e6), nil},
	} {
		if got := Exceeding(l, c.dap, c.fluoro, c.kerm); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	l.AirKermaMGy = ptr(10.0)
	if got := Exceeding(l, nil, nil, ptr(11.0)); !slices.Equal(got, []string{"airKermaMGy"}) {
		t.Errorf("kerma: %v", got)
	}
}
