package cli

import (
	"encoding/json"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// dsrdumpLine matches a NUM content item as dsrdump +Pc prints it:
// <contains NUM:(113722,DCM,"Dose Area Product Total")="1.6e-005" (Gym2,UCUM,"Gym2")>
var dsrdumpLine = regexp.MustCompile(`^(\s*)<contains NUM:\((\d+),DCM,"[^"]*"\)="([^"]*)" \(([^,]*),`)

// dsrdumpDose is what dsrdump prints of an RDSR: the NUM values directly
// in Accumulated X-Ray Dose Data (value and unit by concept code) and the
// number of Irradiation Event X-Ray Data containers.
type dsrdumpDose struct {
	totals map[string][2]string
	events int
}

func runDsrdump(t *testing.T, path string) dsrdumpDose {
	t.Helper()
	tool := testutil.Tool(t, "dsrdump")
	// -Ec -Ee -Ei: some devices' reports break content constraints or
	// have invalid items inside events; dsrdump would stop before the
	// totals otherwise.
	out, _ := exec.Command(tool, "+Pc", "-Ph", "+Pl", "-Ec", "-Ee", "-Ei", path).CombinedOutput()
	d := dsrdumpDose{totals: map[string][2]string{}}
	depth := -1
	for _, line := range strings.Split(string(out), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if indent == 2 && strings.Contains(line, "CONTAINER:(113706,DCM,") {
			d.events++
		}
		if strings.Contains(line, "CONTAINER:(113702,DCM,") {
			depth = indent
			continue
		}
		if depth < 0 {
			continue
		}
		if strings.TrimSpace(line) != "" && indent <= depth {
			depth = -1
			continue
		}
		if m := dsrdumpLine.FindStringSubmatch(line); m != nil && len(m[1]) == depth+2 {
			d.totals[m[2]] = [2]string{m[3], m[4]}
		}
	}
	if len(d.totals) == 0 {
		t.Fatalf("dsrdump printed no accumulated values for %s:\n%s", path, out)
	}
	return d
}

// toUnit converts a dsrdump value to Gy·cm², s or mGy by its unit.
func toUnit(t *testing.T, v [2]string) float64 {
	f, err := strconv.ParseFloat(v[0], 64)
	if err != nil {
		t.Fatalf("dsrdump value %q: %v", v[0], err)
	}
	factor := map[string]float64{"Gy.m2": 1e4, "Gym2": 1e4, "dGy.cm2": 0.1, "cGy.cm2": 0.01, "mGy.cm2": 1e-3, "Gy.cm2": 1,
		"s": 1, "min": 60, "ms": 1e-3, "Gy": 1e3, "mGy": 1, "dGy": 100}[v[1]]
	if factor == 0 {
		t.Fatalf("dsrdump unit %q not in the test's table", v[1])
	}
	return f * factor
}

// rdsrFiles lists every X-Ray Radiation Dose SR of the shared corpus.
func rdsrFiles(t *testing.T) []string {
	var files []string
	filepath.WalkDir(testutil.SharedDir(t), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if in, err := dicomio.OpenFile(p); err == nil && in.IsRDSR() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("the shared corpus has no X-Ray Radiation Dose SR")
	}
	return files
}

type doseJSON struct {
	Source              string   `json:"source"`
	DAP                 *float64 `json:"dapGyCm2"`
	DAPSource           string   `json:"dapSource"`
	FluoroTimeS         *float64 `json:"fluoroTimeS"`
	AirKermaMGy         *float64 `json:"airKermaMGy"`
	Events              *int     `json:"events"`
	EffectiveDoseMSv    *float64 `json:"effectiveDoseMSv"`
	EffectiveDoseMethod *string  `json:"effectiveDoseMethod"`
	DRL                 struct {
		DAP      *float64 `json:"dapGyCm2"`
		Fluoro   *float64 `json:"fluoroTimeS"`
		Exceeded []string `json:"exceeded"`
	} `json:"drl"`
}

func doseCLI(t *testing.T, args ...string) (doseJSON, map[string]any) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // the built-in settings, not the user's
	t.Setenv("HOME", t.TempDir())
	code, out, errOut := runCLI(append([]string{"dose", "--json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var d doseJSON
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	json.Unmarshal([]byte(out), &raw)
	return d, raw
}

func same(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }

// The totals of `hsgview dose` equal dcmtk's dsrdump of the same RDSR.
func TestDoseMatchesDsrdump(t *testing.T) {
	for _, path := range rdsrFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want := runDsrdump(t, path)
			got, raw := doseCLI(t, path)
			if got.Source != "RDSR" {
				t.Fatalf("source %q", got.Source)
			}
			dap, ok := want.totals["113722"]
			if !ok {
				t.Fatalf("dsrdump shows no Dose Area Product Total: %v", want.totals)
			}
			if got.DAP == nil || !same(*got.DAP, toUnit(t, dap)) {
				t.Errorf("DAP %v Gy·cm², dsrdump %v", got.DAP, dap)
			}
			if ft, ok := want.totals["113730"]; ok != (got.FluoroTimeS != nil) || ok && !same(*got.FluoroTimeS, toUnit(t, ft)) {
				t.Errorf("fluoro time %v s, dsrdump %v", got.FluoroTimeS, ft)
			}
			if ak, ok := want.totals["113725"]; ok != (got.AirKermaMGy != nil) || ok && !same(*got.AirKermaMGy, toUnit(t, ak)) {
				t.Errorf("air kerma %v mGy, dsrdump %v", got.AirKermaMGy, ak)
			}
			if got.Events == nil || *got.Events != want.events {
				t.Errorf("events %v, dsrdump %d", got.Events, want.events)
			}
			if got.EffectiveDoseMSv == nil || *got.EffectiveDoseMSv <= 0 || got.EffectiveDoseMethod == nil {
				t.Errorf("no effective dose: %v %v", got.EffectiveDoseMSv, got.EffectiveDoseMethod)
			}
			// Every member of the contract is present, numbers as numbers.
			for _, k := range []string{"source", "dapGyCm2", "fluoroTimeS", "airKermaMGy", "events", "effectiveDoseMSv", "effectiveDoseMethod", "drl"} {
				if _, ok := raw[k]; !ok {
					t.Errorf("member %s missing", k)
				}
			}
			if _, ok := raw["dapGyCm2"].(float64); !ok {
				t.Errorf("dapGyCm2 is %T", raw["dapGyCm2"])
			}
			if got.DRL.DAP == nil || *got.DRL.DAP != 2 || got.DRL.Fluoro == nil || *got.DRL.Fluoro != 42 || got.DRL.Exceeded == nil {
				t.Errorf("drl %+v", got.DRL)
			}
		})
	}
}

// A header-only study gives its header figures and names the source;
// values above the levels are listed; the text form is Russian on request.
func TestDoseHeaderOnly(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"1.dcm", testutil.Attrs{"(0018,115e)": "DS [12.5]", "(0008,3010)": "UI [1.2.3.9.1]", "(0040,0300)": "US 50"}},
		{"2.dcm", testutil.Attrs{"(0018,115e)": "DS [10.0]", "(0008,3010)": "UI [1.2.3.9.2]", "(0040,0300)": "US 50"}},
	})
	got, raw := doseCLI(t, dir)
	if got.Source != "headers" || got.DAP == nil || *got.DAP != 2.25 || !strings.Contains(got.DAPSource, "(0018,115E)") {
		t.Fatalf("%+v", got)
	}
	if got.AirKermaMGy != nil || raw["airKermaMGy"] != nil {
		t.Errorf("air kerma %v", raw["airKermaMGy"])
	}
	if got.FluoroTimeS == nil || *got.FluoroTimeS != 50 || strings.Join(got.DRL.Exceeded, ",") != "dapGyCm2,fluoroTimeS" {
		t.Errorf("fluoro %v exceeded %v", got.FluoroTimeS, got.DRL.Exceeded)
	}
	// No filtration in the headers: 2.25 × 0.18.
	if got.EffectiveDoseMSv == nil || *got.EffectiveDoseMSv != 0.405 {
		t.Errorf("E %v", got.EffectiveDoseMSv)
	}
	code, out, _ := runCLI("dose", "--lang", "ru", dir)
	if code != ExitOK || !strings.Contains(out, "Произведение дозы на площадь: 2,25\u00a0Гр·см² — выше референтного уровня") ||
		!strings.Contains(out, "заголовки изображений, Image and Fluoroscopy Area Dose Product (0018,115E), сумма по 2 событиям облучения") ||
		strings.Contains(out, "image headers") || strings.Contains(out, "UK national") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestDoseUsage(t *testing.T) {
	if code, _, _ := runCLI("dose"); code != ExitUsage {
		t.Errorf("no path: exit %d", code)
	}
	if code, _, _ := runCLI("dose", "--lang", "de", "."); code != ExitUsage {
		t.Errorf("--lang de: exit %d", code)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "dose.json")
	os.WriteFile(bad, []byte(`{"singleCoefficientMSvPerGyCm2": -1}`), 0o600)
	if code, _, errOut := runCLI("dose", "--settings", bad, dir); code != ExitUsage || !strings.Contains(errOut, "single coefficient") {
		t.Errorf("bad settings: exit %d %s", code, errOut)
	}
	code, out, _ := runCLI("dose", "--json", "--settings", filepath.Join(dir, "none.json"), dir)
	var d doseJSON
	if json.Unmarshal([]byte(out), &d); code != ExitPartial || d.Source != "none" || d.DAP != nil {
		t.Errorf("empty folder: exit %d %s", code, out)
	}
}
