package dose

import (
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

var rdsrFiles = []string{
	"RDSR_RF_Eurocolumbus.dcm",
	"RDSR_RF_GE_OEC_Elite.dcm",
	"RDSR_RF_Philips_implicit_missing_kVp.dcm",
	"RDSR_RF_Siemens_ArtisZee.dcm",
}

// dsrdumpNum matches a NUM content item as dsrdump +Pc prints it, e.g.
// <contains NUM:(113722,DCM,"Dose Area Product Total")="1.6e-005" (Gym2,UCUM,"Gym2")>
var dsrdumpNum = regexp.MustCompile(`^(\s*)<contains NUM:\((\d+),DCM,"[^"]*"\)="([^"]*)" \(([^,]*),`)

// dsrdumpTotals runs dsrdump on an RDSR and returns the NUM values that
// are direct children of the Accumulated X-Ray Dose Data container, keyed
// by concept code: "value unit".
func dsrdumpTotals(t *testing.T, path string) map[string]string {
	t.Helper()
	tool := testutil.Tool(t, "dsrdump")
	// -Ec/-Ee/-Ei: two of the corpus files have defects in irradiation
	// events that would stop dsrdump before the totals.
	out, _ := exec.Command(tool, "+Pc", "-Ph", "+Pl", "-Ec", "-Ee", "-Ei", path).CombinedOutput()
	got := map[string]string{}
	depth := -1
	for _, line := range strings.Split(string(out), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
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
		if m := dsrdumpNum.FindStringSubmatch(line); m != nil && len(m[1]) == depth+2 {
			got[m[2]] = m[3] + " " + m[4]
		}
	}
	if len(got) == 0 {
		t.Fatalf("dsrdump printed no accumulated values for %s:\n%s", path, out)
	}
	return got
}

func TestReadRDSRMatchesDsrdump(t *testing.T) {
	for _, name := range rdsrFiles {
		t.Run(name, func(t *testing.T) {
			path := testutil.File(t, filepath.Join("sr_doc", name))
			want := dsrdumpTotals(t, path)
			in, err := dicomio.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ReadRDSR(in)
			if err != nil {
				t.Fatal(err)
			}
			fields := map[string]*DoseValue{
				codeDAPTotal: d.DAPTotal, codeFluoroDAPTotal: d.FluoroDAPTotal,
				codeAcquisitionDAPTotal: d.AcquisitionDAPTotal, codeDoseRPTotal: d.DoseRPTotal,
				codeFluoroDoseRPTotal: d.FluoroDoseRPTotal, codeAcqDoseRPTotal: d.AcquisitionDoseRPTotal,
				codeTotalFluoroTime: d.FluoroTime, codeTotalAcqTime: d.AcquisitionTime,
				codeRadiographicFrames: d.RadiographicFrames,
			}
			for code, v := range fields {
				w, ok := want[code]
				if !ok {
					if v != nil {
						t.Errorf("%s: read %v, dsrdump has none", code, *v)
					}
					continue
				}
				if v == nil {
					t.Errorf("%s: dsrdump has %s, not read", code, w)
					continue
				}
				val, unit, _ := strings.Cut(w, " ")
				f, err := strconv.ParseFloat(val, 64)
				if err != nil {
					t.Fatalf("dsrdump value %q: %v", val, err)
				}
				if v.Value != f || v.Unit != unit {
					t.Errorf("%s: read %v, dsrdump %s", code, *v, w)
				}
			}
			if d.Planes != 1 || d.Scope == "" || d.ScopeUID == "" {
				t.Errorf("planes %d scope %q %q", d.Planes, d.Scope, d.ScopeUID)
			}
			if dap, how, ok := d.DAP(); !ok || how == "" {
				t.Errorf("no DAP total: %v %q", dap, how)
			} else if g, ok := dap.GyCm2(); !ok || g < 0 || g > 1 {
				t.Errorf("DAP %v = %g Gy·cm², %v", dap, g, ok)
			}
		})
	}
}

func TestRDSRSpecificValues(t *testing.T) {
	open := func(name string) *DoseTotals {
		in, err := dicomio.OpenFile(testutil.File(t, filepath.Join("sr_doc", name)))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ReadRDSR(in)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Siemens writes the unit as "Gym2", not UCUM "Gy.m2".
	s := open("RDSR_RF_Siemens_ArtisZee.dcm")
	if g, ok := s.DAPTotal.GyCm2(); !ok || math.Abs(g-0.16) > 1e-12 {
		t.Errorf("Siemens DAP %v = %g Gy·cm²", *s.DAPTotal, g)
	}
	if sec, ok := s.FluoroTime.Seconds(); !ok || sec != 28 {
		t.Errorf("Siemens fluoro time %v", *s.FluoroTime)
	}
	if mgy, ok := s.DoseRPTotal.MGy(); !ok || math.Abs(mgy-2.52) > 1e-9 {
		t.Errorf("Siemens Dose (RP) %v = %g mGy", *s.DoseRPTotal, mgy)
	}
	// Without a DAP total, the fluoroscopy and acquisition totals are added.
	ge := open("RDSR_RF_GE_OEC_Elite.dcm")
	ge.DAPTotal = nil
	ge.AcquisitionDAPTotal = &DoseValue{20, "dGy.cm2"}
	v, how, ok := ge.DAP()
	if !ok || !strings.Contains(how, "fluoroscopy and acquisition") || math.Abs(v.Value-(1.3316568e-6+2e-4)) > 1e-15 || v.Unit != "Gy.m2" {
		t.Errorf("GE DAP %v %q %v", v, how, ok)
	}
	if p := open("RDSR_RF_Philips_implicit_missing_kVp.dcm"); p.RadiographicFrames == nil || p.RadiographicFrames.Value != 0 {
		t.Errorf("Philips frames %v", p.RadiographicFrames)
	}
}

func TestReadRDSRRejects(t *testing.T) {
	in, err := dicomio.OpenFile(testutil.File(t, "sr_doc/SR_comprehensive_nested.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRDSR(in); err == nil || !strings.HasPrefix(err.Error(), "dicomio: ") {
		t.Errorf("comprehensive SR read as a dose report: %v", err)
	}
}

func TestDoseUnits(t *testing.T) {
	for _, c := range []struct {
		v    DoseValue
		want float64
		ok   bool
	}{
		{DoseValue{1, "Gy.m2"}, 1e4, true},
		{DoseValue{1, "Gym2"}, 1e4, true},
		{DoseValue{25.4, "dGy.cm2"}, 2.54, true},
		{DoseValue{100, "uGy.m2"}, 1, true},
		{DoseValue{1000, "mGy.cm2"}, 1, true},
		{DoseValue{1, "Gy"}, 0, false},
	} {
		g, ok := c.v.GyCm2()
		if ok != c.ok || ok && math.Abs(g-c.want) > 1e-9*c.want {
			t.Errorf("%v → %g Gy·cm² %v, want %g %v", c.v, g, ok, c.want, c.ok)
		}
	}
	a, ok := addValues(&DoseValue{1, "Gy.m2"}, &DoseValue{5000, "Gy.cm2"}, kindDAP)
	if !ok || a.Value != 1.5 || a.Unit != "Gy.m2" {
		t.Errorf("1 Gy.m2 + 5000 Gy.cm2 = %v %v", a, ok)
	}
	if _, ok := addValues(&DoseValue{1, "Gy.m2"}, &DoseValue{1, "furlong"}, kindDAP); ok {
		t.Error("added an unknown unit")
	}
}

func TestStudyDose(t *testing.T) {
	dir := testutil.SharedDir(t)
	c, err := dicomio.Open([]string{filepath.Join(dir, "sr_doc", "RDSR_RF_Siemens_ArtisZee.dcm")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Studies) != 1 {
		t.Fatalf("%d studies", len(c.Studies))
	}
	d, errs := StudyDose(c.Studies[0])
	if d == nil || len(errs) > 0 || d.DAPTotal == nil || d.DAPTotal.Value != 1.6e-5 {
		t.Fatalf("study dose %+v %v", d, errs)
	}

	// Two reports of distinct procedure steps are added; the same report
	// twice is counted once.
	a := &DoseTotals{Sources: []string{"1"}, Scope: "procedure step", ScopeUID: "p1", Planes: 1,
		DAPTotal: &DoseValue{1e-4, "Gy.m2"}, FluoroTime: &DoseValue{10, "s"}}
	b := &DoseTotals{Sources: []string{"2"}, Scope: "procedure step", ScopeUID: "p2", Planes: 1,
		DAPTotal: &DoseValue{2, "Gy.cm2"}, FluoroTime: &DoseValue{0.5, "min"}}
	sum := *a
	sum.add(b)
	if g, _ := sum.DAPTotal.GyCm2(); math.Abs(g-3) > 1e-12 || sum.FluoroTime.Value != 40 || sum.Planes != 2 {
		t.Errorf("sum %v %v", *sum.DAPTotal, *sum.FluoroTime)
	}
	if a.DAPTotal.Value != 1e-4 || len(a.Sources) != 1 {
		t.Error("add changed its operand")
	}
}

func TestStudyHeaderDose(t *testing.T) {
	dir := t.TempDir()
	event := func(name, uid, dap string) *dicomio.Instance {
		p := filepath.Join(dir, name)
		attrs := testutil.Attrs{"(0018,115E)": "DS [" + dap + "]"}
		if uid != "" {
			attrs["(0008,3010)"] = "UI [" + uid + "]"
		}
		testutil.DICOM(t, p, attrs)
		in, err := dicomio.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	// Two images of event 1 repeat its total; event 2 adds to it.
	withEvents := []*dicomio.Instance{event("a", "1.2.3.1", "4.5"), event("b", "1.2.3.1", "4.5"), event("c", "1.2.3.2", "1.5")}
	h, ok := StudyHeaderDose(withEvents)
	if !ok || !h.Summed || h.DAP != 6 || h.Events != 2 || h.Images != 3 || h.Method() != "sum of 2 irradiation events" {
		t.Errorf("with events: %+v %q", h, h.Method())
	}
	// Without event UIDs the values cannot be told apart from a running
	// total: the largest is reported.
	h, ok = StudyHeaderDose([]*dicomio.Instance{event("d", "", "2"), event("e", "", "7"), withEvents[0]})
	if !ok || h.Summed || h.DAP != 7 || !strings.Contains(h.Method(), "largest") {
		t.Errorf("without events: %+v", h)
	}
	if _, ok := StudyHeaderDose(nil); ok {
		t.Error("a dose from no images")
	}
}
