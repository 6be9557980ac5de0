package assess

import (
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Rule is one consistency, completeness or plausibility rule of an HSG
// report, from the clinical model of the HSG reporting note
// (hsg-reporting.md §1 and §6). [Validate] runs every rule; an error
// blocks [Sign]; the impression generator says nothing a tube rule of
// severity error forbids.
type Rule struct {
	// ID names the rule for good, e.g. "tube-hydrosalpinx-patent".
	ID       string
	Severity Severity
	// Reason says in words what the rule requires and why.
	Reason string
	// Fields are the JSON pointers of the values the rule reads; "*"
	// stands for either side ("right" or "left") of a tube.
	Fields []string
	// Forbids says the impression may not state the tube's findings
	// while the rule is broken: the generator would otherwise write a
	// sentence that cannot be true (a patent hydrosalpinx).
	Forbids bool

	check func(r *report.Report) []finding
}

// A finding is one breach of a rule: the value concerned and the message.
type finding struct {
	path   string
	format string
	args   []any
}

func found(path, format string, a ...any) []finding {
	return []finding{{path, format, a}}
}

// Rules returns the rule table, in the order [Validate] applies it.
func Rules() []Rule { return slices.Clone(rules) }

// RuleByID returns the rule with the given ID.
func RuleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// apply runs the rule on r and returns its issues, each naming the rule
// and the concrete fields it read.
func (rl Rule) apply(r *report.Report) []Issue {
	var out []Issue
	for _, f := range rl.check(r) {
		is := newIssue(f.path, rl.Severity, f.format, f.args...)
		is.Rule, is.Fields = rl.ID, rl.fieldsFor(f.path)
		out = append(out, is)
	}
	return out
}

// fieldsFor returns the rule's fields with "*" replaced by the side of
// path, when path is a tube's.
func (rl Rule) fieldsFor(path string) []string {
	side := ""
	if rest, ok := strings.CutPrefix(path, "/tubes/"); ok {
		side, _, _ = strings.Cut(rest, "/")
	}
	out := make([]string, 0, len(rl.Fields))
	for _, f := range rl.Fields {
		if strings.Contains(f, "*") {
			if side == "" {
				out = append(out, strings.Replace(f, "*", "right", 1), strings.Replace(f, "*", "left", 1))
				continue
			}
			f = strings.Replace(f, "*", side, 1)
		}
		out = append(out, f)
	}
	return out
}

// applyRules runs the whole table.
func applyRules(r *report.Report) []Issue {
	var out []Issue
	for _, rl := range rules {
		out = append(out, rl.apply(r)...)
	}
	return out
}

// forbidden returns the ID of a broken rule that forbids stating the
// findings of the tube at /tubes/<side>, or "". The impression says
// instead what the rule finds in conflict (the phrasebook's
// "conflict.<ID>").
func forbidden(r *report.Report, s report.Side) string {
	prefix := "/tubes/" + string(s) + "/"
	for _, rl := range rules {
		if !rl.Forbids {
			continue
		}
		for _, f := range rl.check(r) {
			if strings.HasPrefix(f.path+"/", prefix) {
				return rl.ID
			}
		}
	}
	return ""
}

// eachTube runs check on the right tube, then the left, with the side's
// JSON pointer and word.
func eachTube(r *report.Report, check func(t *report.Tube, p, side string) []finding) []finding {
	var out []finding
	for _, s := range []report.Side{report.Right, report.Left} {
		out = append(out, check(r.Tubes.Tube(s), "/tubes/"+string(s), string(s))...)
	}
	return out
}

// perTube is the check of a rule that judges each tube alone: check runs
// on the right tube, then the left (see eachTube).
func perTube(check func(t *report.Tube, p, side string) []finding) func(r *report.Report) []finding {
	return func(r *report.Report) []finding { return eachTube(r, check) }
}

// proximal reports whether s is a proximal (cornual-interstitial) or
// isthmic site: a block there stops contrast before the ampulla.
func proximal(s report.OcclusionSite) bool {
	return s == report.SiteCornual || s == report.SiteIsthmic
}

// lower returns the label of v in lower case, for use inside a sentence.
func lower[E ~string](v E) string { return strings.ToLower(report.LabelOf(v)) }

// tubeFindingsRecorded lists the findings recorded on t that only a tube
// that is there can have.
func tubeFindingsRecorded(t *report.Tube) []string {
	var f []string
	switch t.Patency {
	case report.Patent, report.Occluded, report.PatencyIndeterminate:
		f = append(f, "patency ("+lower(t.Patency)+")")
	}
	if t.Opacification == report.OpacificationComplete || t.Opacification == report.OpacificationPartial {
		f = append(f, "opacification")
	}
	if t.Spill.Demonstrated() {
		f = append(f, "spill")
	}
	if t.Hydrosalpinx.IsPresent() {
		f = append(f, "a hydrosalpinx")
	}
	if report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		f = append(f, "salpingitis isthmica nodosa")
	}
	if report.IsTrue(t.TubalSpasmSuspected) {
		f = append(f, "tubal spasm")
	}
	if report.IsTrue(t.PeritubalAdhesionsSuspected) {
		f = append(f, "peritubal adhesions")
	}
	if report.IsTrue(t.PartialDistalOcclusion) {
		f = append(f, "a partial distal occlusion")
	}
	return f
}

// Thresholds of the plausibility rules. Errors mark values that cannot be
// true of an HSG (a wrong unit or a typing slip); warnings mark values
// that are possible but unusual enough to check.
const (
	// The cycle day of an HSG is normally 7–10, in the proliferative
	// phase, so as not to irradiate an early pregnancy (hsg-reporting.md
	// §1.2 [S11][S12]); after day 12 ovulation may have occurred. Before
	// day 5 the patient is usually still bleeding, with a higher risk of
	// intravasation (ru-reporting-and-dose.md R68). A cycle day over 40
	// is no cycle day: amenorrhoea or a slip, and then the LMP is stated
	// as unknown with its reason instead.
	cycleDayEarly = 5
	cycleDayLate  = 12
	cycleDayMax   = 40
	// The patient's age: an HSG is a fertility examination; outside
	// 12–60 years the birth date or the patient is wrong, outside 18–45
	// the examination is unusual.
	ageMin, ageMax           = 12, 60
	ageUsualMin, ageUsualMax = 18, 45
	// Dose-area product in Gy·cm². The UK national DRL for HSG is 2
	// Gy·cm² (RCR, ru-reporting-and-dose.md §4.5 [R54]); published medians
	// are 2.2–2.6 Gy·cm² (§4.4 [R52][R53]). Over 10 Gy·cm² (five times
	// the DRL) is unusual; over 100 Gy·cm² (fifty times, more than an
	// hour of pelvic fluoroscopy at high dose rate) is not an HSG: most
	// often a value in cGy·cm² or mGy·cm² entered as Gy·cm².
	dapUnusualGyCm2 = 10.0
	dapMaxGyCm2     = 100.0
	// Fluoroscopy time in seconds: 18 s mean in one series, 63 ± 54 s
	// (normal) and 100 ± 61 s (abnormal HSG) in another (hsg-reporting.md
	// §1.2 [S45][S46]); the UK audit limit is 0.7 min (ru §4.5 [R54]).
	// Over 5 min is unusual; over an hour is not an HSG (minutes typed as
	// seconds, or a whole session's total).
	fluoroUnusualS = 300.0
	fluoroMaxS     = 3600.0
)

// studyDate returns the date of the study, from the report's study
// date-time, or false.
func studyDate(r *report.Report) (time.Time, bool) {
	s := r.Study.StudyDateTime
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// ageAt returns the age in whole years at date of someone born on birth.
func ageAt(birth, date time.Time) int {
	age := date.Year() - birth.Year()
	if date.Month() < birth.Month() || date.Month() == birth.Month() && date.Day() < birth.Day() {
		age--
	}
	return age
}

// dapGyCm2 returns the dose-area product of r in Gy·cm², from the value
// with its unit, else the normalised number.
func dapGyCm2(r *report.Report) (float64, string, bool) {
	d := &r.Technique.Dose
	if q := d.DAPTotal; q != nil && q.Value != nil {
		if g, ok := q.GyCm2(); ok {
			return g, "/technique/dose/dapTotal/value", true
		}
	}
	if d.DAPTotalGyCm2 != nil {
		return *d.DAPTotalGyCm2, "/technique/dose/dapTotalGyCm2", true
	}
	return 0, "", false
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

var rules = []Rule{
	// Tubes (hsg-reporting.md §1.5, §6.1 guard-rails).
	{
		ID: "tube-patent-needs-spill", Severity: SeverityError,
		Reason: "Spill into the peritoneal cavity is the proof of patency: a patent tube needs the spill that was seen.",
		Fields: []string{"/tubes/*/patency", "/tubes/*/spill"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			switch {
			case t.Patency != report.Patent:
			case t.Spill == report.SpillNone:
				return found(p+"/spill", "the %s tube is recorded as patent but with no spill; spill is the proof of patency (occluded or indeterminate?)", side)
			case !t.Spill.Demonstrated():
				return found(p+"/spill", "the %s tube is recorded as patent: record the spill that proves it (free and prompt, free on the delayed image only, loculated or minimal)", side)
			}
			return nil
		}),
	},
	{
		ID: "tube-patent-not-opacified", Severity: SeverityError,
		Reason: "A tube that did not opacify cannot be seen to be patent.",
		Fields: []string{"/tubes/*/patency", "/tubes/*/opacification"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Patency == report.Patent && t.Opacification == report.OpacificationNone {
				return found(p+"/opacification", "the %s tube is recorded as patent but as not opacified", side)
			}
			return nil
		}),
	},
	{
		ID: "tube-occluded-needs-site", Severity: SeverityError,
		Reason: "An occlusion is reported with its site (cornual, isthmic, ampullary or fimbrial): the site decides the treatment.",
		Fields: []string{"/tubes/*/patency", "/tubes/*/occlusionSite"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Patency == report.Occluded && t.OcclusionSite == "" && t.Status != report.TubeSurgicallyAbsent {
				return found(p+"/occlusionSite", "the %s tube is recorded as occluded: record the site of the occlusion", side)
			}
			return nil
		}),
	},
	{
		ID: "tube-spill-on-occluded", Severity: SeverityError,
		Reason: "Spill from a tube proves it patent, so a tube with spill cannot be occluded.",
		Fields: []string{"/tubes/*/patency", "/tubes/*/spill"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Patency == report.Occluded && t.Spill.Demonstrated() {
				return found(p+"/spill", "the %s tube is recorded as occluded, yet with spill (%s), which proves it patent", side, lower(t.Spill))
			}
			return nil
		}),
	},
	{
		ID: "tube-spill-not-opacified", Severity: SeverityError,
		Reason: "Contrast that spilled from a tube went through it, so the tube opacified.",
		Fields: []string{"/tubes/*/opacification", "/tubes/*/spill"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Opacification == report.OpacificationNone && t.Spill.Demonstrated() {
				return found(p+"/spill", "spill is recorded from the %s tube, but the tube is recorded as not opacified", side)
			}
			return nil
		}),
	},
	{
		ID: "tube-device-occlusion-needs-device", Severity: SeverityError,
		Reason: "An occlusion at a sterilisation device names the device.",
		Fields: []string{"/tubes/*/occlusionQualifier", "/tubes/*/sterilizationDevice"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.OcclusionQualifier == report.OcclusionAtDevice && (t.SterilizationDevice == "" || t.SterilizationDevice == report.SterilizationNone) {
				return found(p+"/sterilizationDevice", "the %s tube is occluded at a sterilisation device, but no device is recorded", side)
			}
			return nil
		}),
	},
	{
		ID: "tube-delayed-spill-without-delayed-image", Severity: SeverityError,
		Reason: "Spill seen only on the delayed image needs a delayed image.",
		Fields: []string{"/tubes/*/spill", "/technique/delayedImage/obtained"},
		check: func(r *report.Report) []finding {
			return eachTube(r, func(t *report.Tube, p, side string) []finding {
				if t.Spill == report.SpillFreeDelayedOnly && !r.Technique.DelayedImage.IsObtained() {
					return found(p+"/spill", "spill from the %s tube is recorded as seen only on the delayed image, but no delayed image was obtained", side)
				}
				return nil
			})
		},
	},
	{
		ID: "tube-findings-on-absent-tube", Severity: SeverityError,
		Reason: "A surgically absent tube has no patency, spill, hydrosalpinx or other tubal finding.",
		Fields: []string{"/tubes/*/status", "/tubes/*/patency", "/tubes/*/opacification", "/tubes/*/spill",
			"/tubes/*/hydrosalpinx/present", "/tubes/*/salpingitisIsthmicaNodosa", "/tubes/*/tubalSpasmSuspected",
			"/tubes/*/peritubalAdhesionsSuspected", "/tubes/*/partialDistalOcclusion"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Status != report.TubeSurgicallyAbsent {
				return nil
			}
			if f := tubeFindingsRecorded(t); len(f) > 0 {
				return found(p+"/status", "the %s tube is recorded as surgically absent, yet with %s", side, joinAnd(f))
			}
			return nil
		}),
	},
	{
		ID: "tube-hydrosalpinx-patent", Severity: SeverityError, Forbids: true,
		Reason: "A hydrosalpinx is a distally blocked, dilated tube: it does not spill, unless the block is partial (fimbrial phimosis) with loculated spill, which is then recorded as a partial distal occlusion.",
		Fields: []string{"/tubes/*/hydrosalpinx/present", "/tubes/*/patency", "/tubes/*/spill", "/tubes/*/partialDistalOcclusion"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if !t.Hydrosalpinx.IsPresent() || t.Status == report.TubeSurgicallyAbsent {
				return nil
			}
			partial := report.IsTrue(t.PartialDistalOcclusion)
			switch {
			case t.Patency == report.Patent && partial && t.Spill == report.SpillLoculated:
				return nil
			case t.Patency == report.Patent && partial:
				return found(p+"/spill", "a partial distal occlusion of the %s tube with a hydrosalpinx spills as loculated spill, not %s", side, lower(t.Spill))
			case t.Patency == report.Patent:
				return found(p+"/hydrosalpinx/present", "a hydrosalpinx of the %s tube is recorded with a patent tube; record a partial distal occlusion (fimbrial phimosis) with loculated spill if that is what was seen", side)
			case t.Spill.Free():
				return found(p+"/spill", "a hydrosalpinx of the %s tube is recorded with free spill (%s)", side, lower(t.Spill))
			}
			return nil
		}),
	},
	{
		ID: "tube-hydrosalpinx-proximal-occlusion", Severity: SeverityError, Forbids: true,
		Reason: "A hydrosalpinx is distal tubal disease and fills from the uterus: a cornual, interstitial or isthmic block would stop it filling on HSG.",
		Fields: []string{"/tubes/*/hydrosalpinx/present", "/tubes/*/occlusionSite"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if t.Hydrosalpinx.IsPresent() && proximal(t.OcclusionSite) && t.Status != report.TubeSurgicallyAbsent {
				return found(p+"/occlusionSite", "a hydrosalpinx of the %s tube is recorded with a %s block, which would stop it filling", side, siteAdjective[t.OcclusionSite])
			}
			return nil
		}),
	},
	{
		ID: "tube-partial-distal-occlusion", Severity: SeverityError, Forbids: true,
		Reason: "A partial distal occlusion (fimbrial phimosis) is a patent tube whose narrowed end lets contrast out as loculated or minimal spill.",
		Fields: []string{"/tubes/*/partialDistalOcclusion", "/tubes/*/patency", "/tubes/*/spill"},
		check: perTube(func(t *report.Tube, p, side string) []finding {
			if !report.IsTrue(t.PartialDistalOcclusion) || t.Status == report.TubeSurgicallyAbsent {
				return nil
			}
			if t.Patency != report.Patent || (t.Spill != report.SpillLoculated && t.Spill != report.SpillMinimal) {
				return found(p+"/partialDistalOcclusion", "a partial distal occlusion of the %s tube needs a patent tube with loculated or minimal spill", side)
			}
			return nil
		}),
	},

	// Peritoneum and the delayed image (§1.6).
	{
		ID: "delayed-findings-without-delayed-image", Severity: SeverityError,
		Reason: "Findings on the delayed image need a delayed image.",
		Fields: []string{"/peritoneum/delayedFindings", "/technique/delayedImage/obtained"},
		check: func(r *report.Report) []finding {
			if len(r.Peritoneum.DelayedFindings) > 0 && !r.Technique.DelayedImage.IsObtained() {
				return found("/peritoneum/delayedFindings", "findings on the delayed image are recorded, but no delayed image was obtained")
			}
			return nil
		},
	},
	{
		ID: "peritoneal-contrast-without-patent-tube", Severity: SeverityError,
		Reason: "Contrast reaches the peritoneal cavity through a patent tube; with both tubes occluded or absent it suggests a perforation, which is recorded as such.",
		Fields: []string{"/peritoneum/spillPattern", "/peritoneum/delayedFindings", "/tubes/*/patency", "/tubes/*/status"},
		check: func(r *report.Report) []finding {
			closed := func(t *report.Tube) bool {
				return t.Patency == report.Occluded || t.Status == report.TubeSurgicallyAbsent
			}
			pe := &r.Peritoneum
			if closed(&r.Tubes.Right) && closed(&r.Tubes.Left) &&
				(pe.SpillPattern == report.PatternFree || pe.SpillPattern == report.PatternLoculated || pe.SpillPattern == report.PatternMixed ||
					slices.Contains(pe.DelayedFindings, report.DelayedFreeDispersion)) {
				return found("/peritoneum/spillPattern", "intraperitoneal contrast is recorded but neither tube is patent (perforation?)")
			}
			return nil
		},
	},
	{
		ID: "tube-spill-without-peritoneal-contrast", Severity: SeverityError,
		Reason: "Spill from a tube is contrast in the peritoneal cavity.",
		Fields: []string{"/peritoneum/spillPattern", "/tubes/*/spill"},
		check: func(r *report.Report) []finding {
			if (r.Tubes.Right.Spill.Demonstrated() || r.Tubes.Left.Spill.Demonstrated()) && r.Peritoneum.SpillPattern == report.PatternNone {
				return found("/peritoneum/spillPattern", "no intraperitoneal contrast is recorded, but a tube spilled")
			}
			return nil
		},
	},
	{
		ID: "delayed-no-contrast-with-free-spill", Severity: SeverityError,
		Reason: "Free spill leaves contrast in the peritoneal cavity that the delayed image shows.",
		Fields: []string{"/peritoneum/delayedFindings", "/tubes/*/spill"},
		check: func(r *report.Report) []finding {
			if (r.Tubes.Right.Spill.Free() || r.Tubes.Left.Spill.Free()) && slices.Contains(r.Peritoneum.DelayedFindings, report.DelayedNoContrast) {
				return found("/peritoneum/delayedFindings", "the delayed image is recorded with no intraperitoneal contrast, but a tube has free spill")
			}
			return nil
		},
	},

	// Measurements (§4.4: a size is labelled with its spacing source).
	{
		ID: "measurement-needs-spacing-source", Severity: SeverityError,
		Reason: "A size in millimetres means nothing without the pixel spacing it was measured with (calibrated, at the detector, corrected for magnification, user calibration or uncalibrated).",
		Fields: []string{"/tubes/*/hydrosalpinx/maxDiameterMm", "/tubes/*/hydrosalpinx/measurementBasis", "/annotations"},
		check: func(r *report.Report) []finding {
			out := eachTube(r, func(t *report.Tube, p, side string) []finding {
				if t.Hydrosalpinx.MaxDiameterMM != nil && t.Hydrosalpinx.MeasurementBasis == "" {
					return found(p+"/hydrosalpinx/measurementBasis", "say how the diameter of the %s hydrosalpinx was measured (its pixel spacing source)", side)
				}
				return nil
			})
			for i, a := range r.Annotations {
				if a.Measurement != nil && a.Measurement.SpacingSource == "" {
					out = append(out, found("/annotations/"+strconv.Itoa(i)+"/measurement/spacingSource",
						"mark %d has a measurement without the pixel spacing it was measured with", i+1)...)
				}
			}
			return out
		},
	},

	// Complications (§1.7; ACR non-routine communication, §1.1).
	{
		ID: "complication-needs-urgent-communication", Severity: SeverityError,
		Reason: "A uterine perforation, a suspected oil embolism or a contrast reaction is communicated to the clinician without delay, and the report says who was told, when and how.",
		Fields: []string{"/complications/items", "/complications/urgentCommunication"},
		check: func(r *report.Report) []finding {
			c := &r.Complications
			var need []string
			for _, it := range c.Items {
				if it.Type.NeedsUrgentCommunication() {
					need = append(need, lower(it.Type))
				}
			}
			if len(need) == 0 {
				return nil
			}
			u := c.UrgentCommunication
			switch {
			case u == nil || strings.TrimSpace(u.Recipient) == "" && strings.TrimSpace(u.At) == "":
				return found("/complications/urgentCommunication", "%s needs urgent communication: record who was told, when and how", wording.Capitalize(joinAnd(need)))
			case strings.TrimSpace(u.Recipient) == "":
				return found("/complications/urgentCommunication/recipient", "record who was told of the %s", joinAnd(need))
			case strings.TrimSpace(u.At) == "":
				return found("/complications/urgentCommunication/at", "record when %s was told of the %s", strings.TrimSpace(u.Recipient), joinAnd(need))
			}
			if _, err := time.Parse(time.RFC3339, u.At); err != nil {
				return found("/complications/urgentCommunication/at", "the time of the urgent communication, %q, is not a date and time", u.At)
			}
			return nil
		},
	},

	// Completeness before signing (§1.1 Clinical, §1.2 timing and safety).
	{
		ID: "clinical-indication-required", Severity: SeverityError,
		Reason: "The indication says what question the HSG answers.",
		Fields: []string{"/clinical/indication", "/clinical/indicationText"},
		check: func(r *report.Report) []finding {
			if len(r.Clinical.Indication) == 0 && strings.TrimSpace(r.Clinical.IndicationText) == "" {
				return found("/clinical/indication", "the indication is not recorded")
			}
			return nil
		},
	},
	{
		ID: "clinical-cycle-timing-required", Severity: SeverityError,
		Reason: "The LMP or the cycle day shows the HSG was done when an early pregnancy is unlikely; when neither is known, the report says why.",
		Fields: []string{"/clinical/lmpDate", "/clinical/cycleDay", "/clinical/lmpUnknownReason"},
		check: func(r *report.Report) []finding {
			c := &r.Clinical
			if c.LMPDate == "" && c.CycleDay == nil && strings.TrimSpace(c.LMPUnknownReason) == "" {
				return found("/clinical/lmpDate", "record the first day of the last menstrual period or the cycle day, or why neither is known")
			}
			return nil
		},
	},
	{
		ID: "clinical-pregnancy-test-required", Severity: SeverityError,
		Reason: "HSG is contraindicated in pregnancy: the pregnancy test is recorded, as negative, positive or not done.",
		Fields: []string{"/clinical/pregnancyTest/result"},
		check: func(r *report.Report) []finding {
			if r.Clinical.PregnancyTest.Result == "" {
				return found("/clinical/pregnancyTest/result", "the pregnancy test is not recorded (negative, positive or not done)")
			}
			return nil
		},
	},

	// Plausibility.
	{
		ID: "clinical-lmp-after-study", Severity: SeverityError,
		Reason: "The last menstrual period began on or before the day of the study.",
		Fields: []string{"/clinical/lmpDate", "/study/studyDateTime"},
		check: func(r *report.Report) []finding {
			lmp, ok1 := parseDate(r.Clinical.LMPDate)
			day, ok2 := studyDate(r)
			if ok1 && ok2 && lmp.After(day) {
				return found("/clinical/lmpDate", "the last menstrual period (%s) is after the study date (%s)", r.Clinical.LMPDate, day.Format(time.DateOnly))
			}
			return nil
		},
	},
	{
		ID: "clinical-cycle-day-impossible", Severity: SeverityError,
		Reason: "A cycle day over 40 is not a menstrual cycle: amenorrhoea or a slip; then record why the LMP is not known instead.",
		Fields: []string{"/clinical/cycleDay"},
		check: func(r *report.Report) []finding {
			if d := r.Clinical.CycleDay; d != nil && (*d > cycleDayMax || *d < 1) {
				return found("/clinical/cycleDay", "cycle day %d is not possible (1 to %d)", *d, cycleDayMax)
			}
			return nil
		},
	},
	{
		ID: "clinical-cycle-day-unusual", Severity: SeverityWarning,
		Reason: "HSG is done in the proliferative phase, usually days 7–10: after day 12 an early pregnancy is possible, before day 5 bleeding raises the risk of intravasation.",
		Fields: []string{"/clinical/cycleDay", "/clinical/lmpDate", "/study/studyDateTime"},
		check: func(r *report.Report) []finding {
			d, path, ok := cycleDay(r)
			switch {
			case !ok || d < 1 || d > cycleDayMax && path == "/clinical/cycleDay":
			case d > cycleDayMax:
				return found(path, "the study was on day %d after the last menstrual period: make sure pregnancy was excluded", d)
			case d > cycleDayLate:
				return found(path, "cycle day %d is after the usual days 7 to 10: make sure pregnancy was excluded", d)
			case d < cycleDayEarly:
				return found(path, "cycle day %d is early: bleeding raises the risk of intravasation", d)
			}
			return nil
		},
	},
	{
		ID: "clinical-lmp-cycle-day-disagree", Severity: SeverityWarning,
		Reason: "The cycle day is counted from the first day of the LMP (day 1).",
		Fields: []string{"/clinical/lmpDate", "/clinical/cycleDay", "/study/studyDateTime"},
		check: func(r *report.Report) []finding {
			lmp, ok1 := parseDate(r.Clinical.LMPDate)
			day, ok2 := studyDate(r)
			if d := r.Clinical.CycleDay; ok1 && ok2 && d != nil && !lmp.After(day) {
				if want := int(day.Sub(lmp).Hours()/24) + 1; want != *d {
					return found("/clinical/cycleDay", "cycle day %d does not match the last menstrual period of %s (day %d on the study date)", *d, r.Clinical.LMPDate, want)
				}
			}
			return nil
		},
	},
	{
		ID: "patient-age-impossible", Severity: SeverityError,
		Reason: "A patient outside 12–60 years at the study means a wrong birth date or a wrong patient.",
		Fields: []string{"/patient/birthDate", "/study/studyDateTime"},
		check: func(r *report.Report) []finding {
			birth, ok1 := parseDate(r.Patient.BirthDate)
			day, ok2 := studyDate(r)
			if !ok1 || !ok2 {
				return nil
			}
			if a := ageAt(birth, day); a < ageMin || a > ageMax {
				return found("/patient/birthDate", "the patient would be %d years old at the study (birth date %s); check the birth date and the patient", a, r.Patient.BirthDate)
			}
			return nil
		},
	},
	{
		ID: "patient-age-unusual", Severity: SeverityWarning,
		Reason: "HSG is a fertility examination: a patient under 18 or over 45 is unusual.",
		Fields: []string{"/patient/birthDate", "/study/studyDateTime"},
		check: func(r *report.Report) []finding {
			birth, ok1 := parseDate(r.Patient.BirthDate)
			day, ok2 := studyDate(r)
			if !ok1 || !ok2 {
				return nil
			}
			if a := ageAt(birth, day); a >= ageMin && a <= ageMax && (a < ageUsualMin || a > ageUsualMax) {
				return found("/patient/birthDate", "the patient is %d years old, unusual for an HSG", a)
			}
			return nil
		},
	},
	{
		ID: "dose-dap-impossible", Severity: SeverityError,
		Reason: "An HSG gives a dose-area product of a few Gy·cm² (UK reference level 2 Gy·cm²); over 100 Gy·cm² is not an HSG, usually a wrong unit.",
		Fields: []string{"/technique/dose/dapTotal", "/technique/dose/dapTotalGyCm2"},
		check: func(r *report.Report) []finding {
			if g, path, ok := dapGyCm2(r); ok && finite(g) && g > dapMaxGyCm2 {
				return found(path, "a dose-area product of %s Gy·cm² is not possible for an HSG (over %s Gy·cm²); check the value and its unit", wording.FormatNumber(g, 3), wording.FormatNumber(dapMaxGyCm2, 0))
			}
			return nil
		},
	},
	{
		ID: "dose-dap-unusual", Severity: SeverityWarning,
		Reason: "A dose-area product over 10 Gy·cm², five times the UK reference level for HSG, is unusual.",
		Fields: []string{"/technique/dose/dapTotal", "/technique/dose/dapTotalGyCm2"},
		check: func(r *report.Report) []finding {
			if g, path, ok := dapGyCm2(r); ok && finite(g) && g > dapUnusualGyCm2 && g <= dapMaxGyCm2 {
				return found(path, "a dose-area product of %s Gy·cm² is high for an HSG (reference level 2 Gy·cm²); check it", wording.FormatNumber(g, 3))
			}
			return nil
		},
	},
	{
		ID: "fluoroscopy-time-impossible", Severity: SeverityError,
		Reason: "HSG fluoroscopy lasts seconds to a few minutes; over an hour is not an HSG, usually minutes entered as seconds.",
		Fields: []string{"/technique/fluoroscopyTimeS"},
		check: func(r *report.Report) []finding {
			if s := r.Technique.FluoroscopyTimeS; s != nil && finite(*s) && *s > fluoroMaxS {
				return found("/technique/fluoroscopyTimeS", "a fluoroscopy time of %s s (%s min) is not possible for an HSG; check the value and its unit", wording.FormatNumber(*s, 0), wording.FormatNumber(*s/60, 0))
			}
			return nil
		},
	},
	{
		ID: "fluoroscopy-time-unusual", Severity: SeverityWarning,
		Reason: "HSG fluoroscopy usually lasts about 1–2 minutes; over 5 minutes is unusual.",
		Fields: []string{"/technique/fluoroscopyTimeS"},
		check: func(r *report.Report) []finding {
			if s := r.Technique.FluoroscopyTimeS; s != nil && finite(*s) && *s > fluoroUnusualS && *s <= fluoroMaxS {
				return found("/technique/fluoroscopyTimeS", "a fluoroscopy time of %s min is long for an HSG; check it", wording.FormatNumber(*s/60, 1))
			}
			return nil
		},
	},
}

// cycleDay returns the cycle day on the study date: as recorded, else
// counted from the LMP, with the path it came from.
func cycleDay(r *report.Report) (int, string, bool) {
	if d := r.Clinical.CycleDay; d != nil {
		return *d, "/clinical/cycleDay", true
	}
	lmp, ok1 := parseDate(r.Clinical.LMPDate)
	day, ok2 := studyDate(r)
	if !ok1 || !ok2 || lmp.After(day) {
		return 0, "", false
	}
	return int(day.Sub(lmp).Hours()/24) + 1, "/clinical/lmpDate", true
}
