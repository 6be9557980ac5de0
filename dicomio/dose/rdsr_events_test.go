package dose

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// dsrdumpEvents runs dsrdump and returns, per Irradiation Event X-Ray Data
// container in order, its Dose Area Product ("value unit", "" if none) and
// the X-Ray Filter Material codes it lists.
func dsrdumpEvents(t *testing.T, path string) (daps []string, cu []bool) {
	t.Helper()
	tool := testutil.Tool(t, "dsrdump")
	out, _ := exec.Command(tool, "+Pc", "-Ph", "+Pl", "-Ec", "-Ee", "-Ei", path).CombinedOutput()
	in := false // inside an event container
	for _, line := range strings.Split(string(out), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case indent == 2 && strings.Contains(line, "CONTAINER:(113706,DCM,"):
			daps, cu, in = append(daps, ""), append(cu, false), true
		case indent <= 2 && strings.TrimSpace(line) != "":
			in = false
		case in && indent == 4:
			if m := dsrdumpNum.FindStringSubmatch(line); m != nil && m[2] == "122130" {
				daps[len(daps)-1] = m[3] + " " + m[4]
			}
		case in && indent == 6 && strings.Contains(line, "(113757,DCM,") && strings.Contains(line, "C-127F9"):
			cu[len(cu)-1] = true
		}
	}
	return daps, cu
}

// The events read equal dsrdump's: same number, same Dose Area Product
// and unit in the same order, copper wherever dsrdump lists a copper
// filter.
func TestReadIrradiationEventsMatchesDsrdump(t *testing.T) {
	for _, name := range rdsrFiles {
		t.Run(name, func(t *testing.T) {
			path := testutil.File(t, filepath.Join("sr_doc", name))
			daps, cu := dsrdumpEvents(t, path)
			in, err := dicomio.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := ReadIrradiationEvents(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != len(daps) || len(evs) == 0 {
				t.Fatalf("%d events, dsrdump %d", len(evs), len(daps))
			}
			for i, e := range evs {
				if daps[i] == "" {
					if e.DAP != nil {
						t.Errorf("event %d: DAP %v, dsrdump none", i, *e.DAP)
					}
					continue
				}
				val, unit, _ := strings.Cut(daps[i], " ")
				f, err := strconv.ParseFloat(val, 64)
				if err != nil {
					t.Fatal(err)
				}
				if e.DAP == nil || e.DAP.Value != f || e.DAP.Unit != unit {
					t.Errorf("event %d: DAP %v, dsrdump %s", i, e.DAP, daps[i])
				}
				if e.UID == "" {
					t.Errorf("event %d has no UID", i)
				}
				if mm, ok := e.CopperMM(); cu[i] && (!ok || mm <= 0) {
					t.Errorf("event %d: dsrdump lists copper, read %g %v (%+v)", i, mm, ok, e.Filters)
				}
			}
		})
	}
}

func TestCopperFiltration(t *testing.T) {
	cu := func(mat, code string, lo, hi float64) XRayFilter {
		return XRayFilter{Material: mat, MaterialCode: code, ThicknessMinMM: lo, ThicknessMaxMM: hi, HasThicknessMin: true, HasThicknessMax: true}
	}
	for _, c := range []struct {
		e    IrradiationEvent
		mm   float64
		ok   bool
		name string
	}{
		{IrradiationEvent{}, 0, false, "no filter record"},
		{IrradiationEvent{FiltersRecorded: true}, 0, true, "filters container without filters"},
		{IrradiationEvent{FiltersRecorded: true, Filters: []XRayFilter{cu("Aluminum or Aluminum compound", "C-120F9", 1, 1)}}, 0, true, "aluminium only"},
		{IrradiationEvent{FiltersRecorded: true, Filters: []XRayFilter{cu("Aluminum", "C-120F9", 1, 1), cu("Copper or Copper compound", "C-127F9", 0.1, 0.1)}}, 0.1, true, "Al + Cu"},
		{IrradiationEvent{FiltersRecorded: true, Filters: []XRayFilter{cu("CU", "", 0.2, 0.4)}}, 0.3, true, "wedge: mean of min and max"},
		{IrradiationEvent{FiltersRecorded: true, Filters: []XRayFilter{{Material: "copper"}}}, 0, false, "copper without thickness"},
	} {
		mm, ok := c.e.CopperMM()
		if ok != c.ok || mm < c.mm-1e-12 || mm > c.mm+1e-12 {
			t.Errorf("%s: %g %v, want %g %v", c.name, mm, ok, c.mm, c.ok)
		}
	}
}
