package assess

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
)

// soundReport is the example report, which breaks no rule.
func soundReport(t *testing.T) *report.Report {
	t.Helper()
	r := exampleReport()
	for _, is := range Validate(r) {
		if is.Rule != "" {
			t.Fatalf("the sound report breaks rule %s: %s", is.Rule, is.Message)
		}
	}
	return r
}

// ruleCases gives, for each rule, a minimal change of the sound report
// that breaks it, and why the rule exists.
var ruleCases = map[string]struct {
	why    string
	break_ func(r *report.Report)
}{
	"tube-patent-needs-spill": {"spill proves patency",
		func(r *report.Report) { r.Tubes.Right.Spill = report.SpillNone }},
	"tube-patent-not-opacified": {"a tube not seen cannot be seen patent",
		func(r *report.Report) { r.Tubes.Right.Opacification = report.OpacificationNone }},
	"tube-occluded-needs-site": {"the site decides treatment",
		func(r *report.Report) { r.Tubes.Left.OcclusionSite = "" }},
	"tube-spill-on-occluded": {"spill proves patency",
		func(r *report.Report) { r.Tubes.Left.Spill = report.SpillMinimal }},
	"tube-spill-not-opacified": {"spill passed through the tube",
		func(r *report.Report) {
			r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone, Patency: report.PatencyIndeterminate, Spill: report.SpillMinimal}
		}},
	"tube-device-occlusion-needs-device": {"the device is named",
		func(r *report.Report) { r.Tubes.Left.OcclusionQualifier = report.OcclusionAtDevice }},
	"tube-delayed-spill-without-delayed-image": {"needs a delayed image",
		func(r *report.Report) {
			r.Tubes.Right.Spill = report.SpillFreeDelayedOnly
			r.Technique.DelayedImage = report.DelayedImage{Obtained: new(false)}
			r.Peritoneum.DelayedFindings = nil
			r.Technique.ImagesObtained = slices.DeleteFunc(r.Technique.ImagesObtained, func(k report.ImageKind) bool { return k == report.ImageDelayed })
		}},
	"tube-findings-on-absent-tube": {"an absent tube has no findings",
		func(r *report.Report) { r.Tubes.Left.Status = report.TubeSurgicallyAbsent }},
	"tube-hydrosalpinx-patent": {"a hydrosalpinx does not spill freely",
		func(r *report.Report) {
			r.Tubes.Left.Patency, r.Tubes.Left.Spill, r.Tubes.Left.OcclusionSite = report.Patent, report.SpillFreePrompt, ""
		}},
	"tube-hydrosalpinx-proximal-occlusion": {"a proximal block stops a hydrosalpinx filling",
		func(r *report.Report) { r.Tubes.Left.OcclusionSite = report.SiteCornual }},
	"tube-partial-distal-occlusion": {"fimbrial phimosis spills loculated",
		func(r *report.Report) { r.Tubes.Right.PartialDistalOcclusion = new(true) }},
	"delayed-findings-without-delayed-image": {"needs a delayed image",
		func(r *report.Report) { r.Technique.DelayedImage = report.DelayedImage{Obtained: new(false)} }},
	"peritoneal-contrast-without-patent-tube": {"contrast reaches the peritoneum through a tube",
		func(r *report.Report) {
			r.Tubes.Right = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationPartial, Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillNone}
		}},
	"tube-spill-without-peritoneal-contrast": {"spill is peritoneal contrast",
		func(r *report.Report) {
			r.Peritoneum.SpillPattern = report.PatternNone
			r.Peritoneum.DelayedFindings = nil
		}},
	"delayed-no-contrast-with-free-spill": {"free spill stays in the peritoneum",
		func(r *report.Report) {
			r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedNoContrast}
			r.Peritoneum.SpillPattern = ""
		}},
	"measurement-needs-spacing-source": {"a size needs its spacing",
		func(r *report.Report) { r.Annotations[1].Measurement.SpacingSource = "" }},
	"complication-needs-urgent-communication": {"a perforation is told to the clinician",
		func(r *report.Report) {
			r.Complications = report.Complications{Items: []report.Complication{{Type: report.UterinePerforation}}}
		}},
	"clinical-indication-required": {"the question asked",
		func(r *report.Report) { r.Clinical.Indication, r.Clinical.IndicationText = nil, "" }},
	"clinical-cycle-timing-required": {"pregnancy unlikely",
		func(r *report.Report) { r.Clinical.CycleDay, r.Clinical.LMPDate = nil, "" }},
	"clinical-pregnancy-test-required": {"HSG is contraindicated in pregnancy",
		func(r *report.Report) { r.Clinical.PregnancyTest = report.PregnancyTest{} }},
	"clinical-lmp-after-study": {"the LMP precedes the study",
		func(r *report.Report) { r.Clinical.LMPDate, r.Clinical.CycleDay = "2025-03-20", nil }},
	"clinical-cycle-day-impossible": {"no cycle lasts over 40 days",
		func(r *report.Report) { r.Clinical.CycleDay = new(45) }},
	"clinical-cycle-day-unusual": {"HSG is done on days 7–10",
		func(r *report.Report) { r.Clinical.CycleDay = new(18) }},
	"clinical-lmp-cycle-day-disagree": {"the cycle day counts from the LMP",
		func(r *report.Report) { r.Clinical.LMPDate = "2025-02-20" }},
	"patient-age-impossible": {"a wrong birth date or patient",
		func(r *report.Report) { r.Patient.BirthDate = "2020-01-01" }},
	"patient-age-unusual": {"HSG is a fertility examination",
		func(r *report.Report) { r.Patient.BirthDate = "1977-01-01" }},
	"dose-dap-impossible": {"500 Gy·cm² is not an HSG",
		func(r *report.Report) {
			r.Technique.Dose.DAPTotal = &report.Quantity{Value: new(500.0), Unit: mark.UnitGyCm2}
			r.Technique.Dose.DAPTotalGyCm2 = new(500.0)
		}},
	"dose-dap-unusual": {"five times the reference level",
		func(r *report.Report) {
			r.Technique.Dose.DAPTotal = &report.Quantity{Value: new(25.0), Unit: mark.UnitGyCm2}
			r.Technique.Dose.DAPTotalGyCm2 = new(25.0)
		}},
	"fluoroscopy-time-impossible": {"minutes typed as seconds",
		func(r *report.Report) { r.Technique.FluoroscopyTimeS = new(7200.0) }},
	"fluoroscopy-time-unusual": {"a long fluoroscopy",
		func(r *report.Report) { r.Technique.FluoroscopyTimeS = new(420.0) }},
}

// TestRuleTable checks that every rule of the table fires on a minimal
// draft that breaks it, with its severity, rule ID and fields, and not on
// the sound report.
func TestRuleTable(t *testing.T) {
	soundReport(t)
	ids := map[string]bool{}
	for _, rl := range Rules() {
		if ids[rl.ID] {
			t.Errorf("rule %s is in the table twice", rl.ID)
		}
		ids[rl.ID] = true
		if rl.Reason == "" || len(rl.Fields) == 0 || rl.Severity != SeverityError && rl.Severity != SeverityWarning {
			t.Errorf("rule %s lacks its reason, fields or severity", rl.ID)
		}
		c, ok := ruleCases[rl.ID]
		if !ok {
			t.Errorf("rule %s has no test case", rl.ID)
			continue
		}
		t.Run(rl.ID, func(t *testing.T) {
			r := soundReport(t)
			c.break_(r)
			issues := Validate(r)
			i := slices.IndexFunc(issues, func(is Issue) bool { return is.Rule == rl.ID })
			if i < 0 {
				t.Fatalf("%s (%s): does not fire; issues %v", rl.ID, c.why, issues)
			}
			is := issues[i]
			if is.Severity != rl.Severity || len(is.Fields) == 0 || !slices.Contains(is.Fields, is.Path) && !strings.HasPrefix(is.Path, "/annotations/") &&
				!slices.ContainsFunc(is.Fields, func(f string) bool { return strings.HasPrefix(is.Path, f) }) {
				t.Errorf("%s: issue %+v does not match the rule (%s, fields %v)", rl.ID, is, rl.Severity, rl.Fields)
			}
			if rl.Severity == SeverityError {
				if err := Sign(r, report.Person{Name: "Dr X"}, exampleReport().CreatedAt); err == nil {
					t.Errorf("%s: signed despite the error", rl.ID)
				}
			}
		})
	}
	for id := range ruleCases {
		if !ids[id] {
			t.Errorf("test case for unknown rule %s", id)
		}
	}
}

// TestImpressionNeverStatesForbiddenTube checks the guard-rails: when a
// rule forbids it, the impression does not call the tube patent, nor
// place a hydrosalpinx behind a proximal block.
func TestImpressionNeverStatesForbiddenTube(t *testing.T) {
	for _, id := range []string{"tube-hydrosalpinx-patent", "tube-hydrosalpinx-proximal-occlusion"} {
		r := soundReport(t)
		ruleCases[id].break_(r)
		text := report.ImpressionText(GenerateImpression(r))
		if strings.Contains(text, "Left tube patent") || strings.Contains(text, "cornual") || !strings.Contains(text, "Left tube findings conflict") {
			t.Errorf("%s: the impression states the forbidden tube:\n%s", id, text)
		}
		ru, _ := inLang(r, "ru")
		text = report.ImpressionText(ru)
		if strings.Contains(text, "Левая маточная труба проходима") || strings.Contains(text, "интерстициальн") ||
			!strings.Contains(text, "Левая маточная труба: данные противоречивы — гидросальпинкс указан") {
			t.Errorf("%s: the Russian impression states the forbidden tube:\n%s", id, text)
		}
	}
}

var snakeCase = regexp.MustCompile(`\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b`)

// TestMessagesInWords validates a set of bad drafts and checks that no
// message, rule reason or label carries an enumeration code
// ("free_prompt", "spasm_not_excluded") instead of words.
func TestMessagesInWords(t *testing.T) {
	var texts []string
	add := func(what string, issues []Issue) {
		for _, is := range issues {
			texts = append(texts, what+": "+is.Message)
		}
	}
	for id, c := range ruleCases {
		r := soundReport(t)
		c.break_(r)
		add(id, Validate(r))
		texts = append(texts, id+" impression: "+report.ImpressionText(GenerateImpression(r)))
		ru, _ := inLang(r, "ru")
		texts = append(texts, id+" Russian impression: "+report.ImpressionText(ru))
	}
	// Values the schema does not define, and contradictions of the schema.
	r := soundReport(t)
	r.Tubes.Right.Spill = "lots"
	r.Tubes.Left.OcclusionQualifier = "maybe"
	r.Uterus.Shape = "odd"
	r.Technique.Limitations = []report.Limitation{report.LimitNoDelayedImage}
	r.Technique.Adequacy = report.NonDiagnostic
	r.Clinical.History = []report.History{report.HistoryNone, report.HistoryPID}
	r.Complications.None = new(true)
	r.Complications.Items = []report.Complication{{Type: report.OilEmbolismSuspected}}
	r.Grading.HullRutherford = report.HRIII
	add("schema", Validate(r))
	for _, rl := range Rules() {
		texts = append(texts, rl.ID+" reason: "+rl.Reason)
	}
	for _, all := range []map[reflect.Type]map[string]string{report.EnumLabels, report.EnumLabelsRU} {
		for typ, labels := range all {
			for v, l := range labels {
				texts = append(texts, typ.Name()+" "+v+" label: "+l)
			}
		}
	}
	for _, s := range texts {
		_, msg, _ := strings.Cut(s, ": ")
		if m := snakeCase.FindString(msg); m != "" {
			t.Errorf("%s: %q is a code, not words", s, m)
		}
	}
}
