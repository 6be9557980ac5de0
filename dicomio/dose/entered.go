package dose

// This file holds the rule for figures the user typed in place of the
// study's: the effective dose of a dose-area product entered by hand, and
// the comparison of any set of figures with the reference levels. The
// report form applies it whenever the DAP or the fluoroscopy time is
// edited, so the estimate and the flags never describe a value that is no
// longer in the report.

// EnteredNote is the note an estimate made from a hand-entered DAP
// carries in its source, before the single coefficient's own source.
const EnteredNote = "recalculated from the dose-area product entered by hand"

// EnteredEstimate returns the effective-dose estimate for a total
// dose-area product entered by hand (Gy·cm²): the entered total × the
// single coefficient of set (nil: [Defaults]). The per-event copper
// method cannot be used, because the events no longer add up to the
// entered total. ok is false for a DAP that is not a finite number ≥ 0.
func EnteredEstimate(dapGyCm2 float64, set *Settings) (e Effective, ok bool) {
	if set == nil {
		d := Defaults()
		set = &d
	}
	if !(dapGyCm2 >= 0) || dapGyCm2 > 1e12 {
		return Effective{}, false
	}
	return Effective{
		MSv:         dapGyCm2 * set.SingleCoefficient,
		Method:      MethodSingle,
		Coefficient: set.SingleCoefficient,
		Source:      EnteredNote + "; " + set.SingleSource,
	}, true
}

// Exceeding compares figures with the reference levels l and returns the
// JSON names of those above their level, in the order dapGyCm2,
// fluoroTimeS, airKermaMGy. A nil figure or level is not compared.
func Exceeding(l DRL, dapGyCm2, fluoroTimeS, airKermaMGy *float64) []string {
	var out []string
	check := func(name string, v, level *float64) {
		if v != nil && level != nil && *v > *level {
			out = append(out, name)
		}
	}
	check("dapGyCm2", dapGyCm2, l.DAPGyCm2)
	check("fluoroTimeS", fluoroTimeS, l.FluoroTimeS)
	check("airKermaMGy", airKermaMGy, l.AirKermaMGy)
	return out
}
