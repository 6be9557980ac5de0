package annotate

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

// clone returns a deep copy of r.
func clone(t testing.TB, r *Report) *Report {
	t.Helper()
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hasIssue reports whether issues has one of severity sev at path.
func hasIssue(issues []Issue, path string, sev Severity) bool {
	return slices.ContainsFunc(issues, func(i Issue) bool { return i.Path == path && i.Severity == sev })
}

func TestValidateRules(t *testing.T) {
	base := exampleReport()
	if issues := Validate(base); len(issues) > 0 {
		t.Fatalf("the base report must be clean: %v", issues)
	}
	noDelayed := func(r *Report) {
		r.Technique.DelayedImage = DelayedImage{Obtained: new(false)}
		r.Technique.ImagesObtained = nil
		r.Peritoneum.DelayedFindings = nil
		r.KeyImages = nil
	}
	for _, c := range []struct {
		name      string
		path      string
		sev       Severity
		bad, good func(r *Report)
	}{
		// Required members.
		{"cavityOpacified required", "/uterus/cavityOpacified", SeverityError,
			func(r *Report) { r.Uterus.CavityOpacified = nil },
			func(r *Report) { r.Uterus.CavityOpacified = new(true) }},
		{"tube status required", "/tubes/left/status", SeverityError,
			func(r *Report) { r.Tubes.Left.Status = "" },
			func(r *Report) { r.Tubes.Left.Status = TubePresent }},
		{"study UID required", "/study/studyInstanceUid", SeverityError,
			func(r *Report) { r.Study.StudyInstanceUID = "" },
			func(r *Report) {}},
		{"enum value", "/tubes/right/contour", SeverityError,
			func(r *Report) { r.Tubes.Right.Contour = "wavy" },
			func(r *Report) { r.Tubes.Right.Contour = TubeBeaded }},
		{"report id is a UUID", "/reportId", SeverityWarning,
			func(r *Report) { r.ReportID = "report-1" },
			func(r *Report) {}},

		// Tubes.
		{"patent needs spill (none)", "/tubes/right/spill", SeverityError,
			func(r *Report) { r.Tubes.Right.Spill = SpillNone },
			func(r *Report) { r.Tubes.Right.Spill = SpillMinimal }},
		{"patent needs spill (not assessed)", "/tubes/right/spill", SeverityError,
			func(r *Report) { r.Tubes.Right.Spill = SpillNotAssessed },
			func(r *Report) { r.Tubes.Right.Spill = SpillLoculated }},
		{"patent needs spill (unset)", "/tubes/right/spill", SeverityError,
			func(r *Report) { r.Tubes.Right.Spill = "" },
			func(r *Report) { r.Tubes.Right.Spill = SpillFreePrompt }},
		{"patency not recorded", "/tubes/left/patency", SeverityWarning,
			func(r *Report) { r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationNone} },
			func(r *Report) { r.Tubes.Left = Tube{Status: TubeSurgicallyAbsent} }},
		{"occluded needs site", "/tubes/left/occlusionSite", SeverityError,
			func(r *Report) { r.Tubes.Left.OcclusionSite = "" },
			func(r *Report) { r.Tubes.Left.OcclusionSite = SiteAmpullary }},
		{"delayed-only spill needs a delayed image", "/tubes/right/spill", SeverityError,
			func(r *Report) { noDelayed(r); r.Tubes.Right.Spill = SpillFreeDelayedOnly },
			func(r *Report) { r.Tubes.Right.Spill = SpillFreeDelayedOnly }},
		{"hydrosalpinx diameter needs a basis", "/tubes/left/hydrosalpinx/measurementBasis", SeverityError,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = "" },
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = SpacingPixelSpacing }},
		{"hydrosalpinx with free prompt spill", "/tubes/right/spill", SeverityError,
			func(r *Report) { r.Tubes.Right.Hydrosalpinx.Present = new(true) },
			func(r *Report) { r.Tubes.Right.Hydrosalpinx.Present = new(true); r.Tubes.Right.Spill = SpillLoculated }},
		{"occluded with free spill", "/tubes/left/spill", SeverityError,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx = Hydrosalpinx{}; r.Tubes.Left.Spill = SpillFreeDelayedOnly },
			func(r *Report) { r.Tubes.Left.Hydrosalpinx = Hydrosalpinx{}; r.Tubes.Left.Spill = SpillNotAssessed }},
		{"occluded with loculated spill", "/tubes/left/spill", SeverityError,
			func(r *Report) { r.Tubes.Left.Spill = SpillLoculated },
			func(r *Report) { r.Tubes.Left.Spill = SpillNone }},
		{"surgically absent but patent", "/tubes/right/patency", SeverityError,
			func(r *Report) { r.Tubes.Right.Status = TubeSurgicallyAbsent },
			func(r *Report) { r.Tubes.Right = Tube{Status: TubeSurgicallyAbsent} }},
		{"surgically absent with hydrosalpinx", "/tubes/left/hydrosalpinx/present", SeverityError,
			func(r *Report) { r.Tubes.Left.Status = TubeSurgicallyAbsent },
			func(r *Report) { r.Tubes.Left.Status = TubePresent }},
		{"patent but not opacified", "/tubes/right/opacification", SeverityError,
			func(r *Report) { r.Tubes.Right.Opacification = OpacificationNone },
			func(r *Report) { r.Tubes.Right.Opacification = OpacificationPartial }},
		{"occlusion at a device needs the device", "/tubes/left/sterilizationDevice", SeverityError,
			func(r *Report) { r.Tubes.Left.OcclusionQualifier = OcclusionAtDevice },
			func(r *Report) {
				r.Tubes.Left.OcclusionQualifier = OcclusionAtDevice
				r.Tubes.Left.SterilizationDevice = SterilizationClip
			}},
		{"occlusion site on a patent tube", "/tubes/right/occlusionSite", SeverityWarning,
			func(r *Report) { r.Tubes.Right.OcclusionSite = SiteIsthmic },
			func(r *Report) {}},
		{"hydrosalpinx with a proximal block", "/tubes/left/occlusionSite", SeverityWarning,
			func(r *Report) { r.Tubes.Left.OcclusionSite = SiteCornual },
			func(r *Report) { r.Tubes.Left.OcclusionSite = SiteAmpullary }},
		{"uncalibrated hydrosalpinx size", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityWarning,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = SpacingUncalibrated },
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = SpacingUser }},
		{"diameter without hydrosalpinx", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityWarning,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.Present = new(false) },
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.Present = new(true) }},
		{"patent tube, cavity not opacified", "/tubes/right/patency", SeverityWarning,
			func(r *Report) { r.Uterus.CavityOpacified = new(false) },
			func(r *Report) {}},
		{"tube cites an unknown mark", "/tubes/left/annotationIds/0", SeverityWarning,
			func(r *Report) { r.Tubes.Left.AnnotationIDs = []string{"zz"} },
			func(r *Report) {}},
		{"both tubes blocked yet contrast in the peritoneum", "/peritoneum/spillPattern", SeverityError,
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteCornual, Spill: SpillNone}
			},
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteCornual, Spill: SpillNone}
				r.Peritoneum = Peritoneum{SpillPattern: PatternNone, DelayedFindings: []DelayedFinding{DelayedNoContrast}}
			}},
		{"a tube spilled yet no peritoneal contrast", "/peritoneum/spillPattern", SeverityError,
			func(r *Report) { r.Peritoneum.SpillPattern = PatternNone },
			func(r *Report) { r.Peritoneum.SpillPattern = PatternMixed }},

		// Cavity and anomaly.
		{"filling defects in an unopacified cavity", "/uterus/fillingDefects", SeverityError,
			func(r *Report) {
				r.Uterus.CavityOpacified = new(false)
				r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp}}
			},
			func(r *Report) { r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp}} }},
		{"filling defect kind required", "/uterus/fillingDefects/0/kind", SeverityError,
			func(r *Report) { r.Uterus.FillingDefects = []FillingDefect{{Location: LocFundus}} },
			func(r *Report) {
				r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectAirBubble, Location: LocFundus}}
			}},
		{"definite septate without the external contour", "/uterus/mullerianAnomaly/asrmMac2021", SeverityWarning,
			func(r *Report) {
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMSeptate, Certainty: Definite}
				r.Uterus.Shape = ShapeTwoHorns
			},
			func(r *Report) {
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMSeptate, Certainty: Definite, ExternalContourAssessable: new(true)}
				r.Uterus.Shape = ShapeTwoHorns
			}},
		{"definite bicornuate without the external contour", "/uterus/mullerianAnomaly/asrmMac2021", SeverityWarning,
			func(r *Report) {
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMBicornuate, ExternalContourAssessable: new(false)}
			},
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMBicornuate, Certainty: Probable} }},
		{"definite U2 without the external contour", "/uterus/mullerianAnomaly/eshreEsgeUterine", SeverityWarning,
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ESHREUterine: U2b} },
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ESHREUterine: U2OrU3} }},
		{"shape suggests an anomaly but none recorded", "/uterus/mullerianAnomaly", SeverityWarning,
			func(r *Report) { r.Uterus.Shape = ShapeTwoHorns },
			func(r *Report) { r.Uterus.Shape = ShapeShallowIndentation }},
		{"unicornuate with both tubes opacified", "/uterus/mullerianAnomaly", SeverityWarning,
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMUnicornuate, Side: Right} },
			func(r *Report) {
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMUnicornuate, Side: Right}
				r.Tubes.Left = Tube{Status: TubeNotAssessed, Opacification: OpacificationNone}
			}},
		{"unicornuate side is left or right", "/uterus/mullerianAnomaly/side", SeverityError,
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMUnicornuate, Side: Bilateral} },
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMUnicornuate, Side: Left} }},

		// Delayed image and technique.
		{"delayed findings without a delayed image", "/peritoneum/delayedFindings", SeverityError,
			func(r *Report) { r.Technique.DelayedImage.Obtained = new(false) },
			func(r *Report) {}},
		{"no-spill-on-delayed without a delayed image", "/peritoneum/delayedFindings", SeverityError,
			func(r *Report) {
				noDelayed(r)
				r.Peritoneum.DelayedFindings = []DelayedFinding{DelayedNoContrast}
			},
			func(r *Report) { r.Peritoneum.DelayedFindings = []DelayedFinding{DelayedFreeDispersion} }},
		{"no contrast yet dispersed contrast", "/peritoneum/delayedFindings", SeverityError,
			func(r *Report) {
				r.Peritoneum.DelayedFindings = append(r.Peritoneum.DelayedFindings, DelayedNoContrast)
			},
			func(r *Report) {}},
		{"'no delayed image' with a delayed image", "/technique/limitations", SeverityError,
			func(r *Report) { r.Technique.Limitations = []Limitation{LimitNoDelayedImage} },
			func(r *Report) { r.Technique.Limitations = []Limitation{LimitAirBubbles} }},
		{"delayed details without a delayed image", "/technique/delayedImage/obtained", SeverityWarning,
			func(r *Report) { r.Technique.DelayedImage.Obtained = nil },
			func(r *Report) {}},
		{"delayed image too early", "/technique/delayedImage/minutesAfterContrast", SeverityWarning,
			func(r *Report) { r.Technique.DelayedImage.MinutesAfterContrast = new(5.0) },
			func(r *Report) { r.Technique.DelayedImage.MinutesAfterContrast = new(10.0) }},
		{"early delayed image with oil contrast", "/technique/delayedImage/minutesAfterContrast", SeverityWarning,
			func(r *Report) { r.Technique.Contrast.Class = ContrastOilBased },
			func(r *Report) {
				r.Technique.Contrast.Class = ContrastOilBased
				r.Technique.DelayedImage.MinutesAfterContrast = new(60.0)
			}},
		{"adequate yet limited", "/technique/adequacy", SeverityWarning,
			func(r *Report) { r.Technique.Limitations = []Limitation{LimitAirBubbles} },
			func(r *Report) {
				r.Technique.Limitations = []Limitation{LimitAirBubbles}
				r.Technique.Adequacy = Limited
			}},
		{"DAP in a unit that is not a DAP", "/technique/dose/dapTotal/unit", SeverityError,
			func(r *Report) { r.Technique.Dose.DAPTotal.Unit = UnitMGy },
			func(r *Report) {
				r.Technique.Dose.DAPTotal = &Quantity{Value: new(2.54), Unit: UnitGyCm2}
			}},
		{"DAP value required", "/technique/dose/dapTotal/value", SeverityError,
			func(r *Report) { r.Technique.Dose.DAPTotal.Value = nil },
			func(r *Report) {}},
		{"DAP in Gy·cm² disagrees", "/technique/dose/dapTotalGyCm2", SeverityWarning,
			func(r *Report) { r.Technique.Dose.DAPTotalGyCm2 = new(25.4) },
			func(r *Report) {
				r.Technique.Dose.DAPTotal = &Quantity{Value: new(2.54e-4), Unit: UnitGyM2}
				r.Technique.Dose.DAPTotalGyCm2 = new(2.54)
			}},

		// Clinical.
		{"positive pregnancy test", "/clinical/pregnancyTest/result", SeverityWarning,
			func(r *Report) { r.Clinical.PregnancyTest.Result = PregnancyPositive },
			func(r *Report) { r.Clinical.PregnancyTest.Result = PregnancyNotDone }},
		{"no history and history", "/clinical/history", SeverityError,
			func(r *Report) { r.Clinical.History = []History{HistoryNone, HistoryPID} },
			func(r *Report) { r.Clinical.History = []History{HistoryNone} }},
		{"cycle day range", "/clinical/cycleDay", SeverityError,
			func(r *Report) { r.Clinical.CycleDay = new(0) },
			func(r *Report) { r.Clinical.CycleDay = new(1) }},
		{"date format", "/patient/birthDate", SeverityWarning,
			func(r *Report) { r.Patient.BirthDate = "19900101" },
			func(r *Report) { r.Patient.BirthDate = "1990-01-01" }},

		// Complications and grading.
		{"no complications and complications", "/complications/none", SeverityError,
			func(r *Report) { r.Complications.Items = []Complication{{Type: VasovagalReaction}} },
			func(r *Report) {
				r.Complications.Items = []Complication{{Type: VasovagalReaction}}
				r.Complications.None = new(false)
			}},
		{"pain VAS range", "/complications/painVas", SeverityError,
			func(r *Report) { r.Complications.PainVAS = new(11) },
			func(r *Report) { r.Complications.PainVAS = new(10) }},
		{"Hull & Rutherford basis", "/grading/hullRutherfordBasis", SeverityWarning,
			func(r *Report) { r.Grading.HullRutherfordBasis = "" },
			func(r *Report) { r.Grading.HullRutherfordBasis = ""; r.Grading.HullRutherford = HRNotApplicable }},

		// Marks, calibrations, key images.
		{"duplicate annotation id", "/annotations/1/id", SeverityError,
			func(r *Report) { r.Annotations[1].ID = r.Annotations[0].ID },
			func(r *Report) { r.Annotations[1].ID = "a3" }},
		{"points of a graphic type", "/annotations/0/points", SeverityError,
			func(r *Report) { r.Annotations[0].Points = r.Annotations[0].Points[:1] },
			func(r *Report) { r.Annotations[0].Points = append(r.Annotations[0].Points, [2]float64{1, 1}) }},
		{"tool and graphic type", "/annotations/0/graphicType", SeverityWarning,
			func(r *Report) { r.Annotations[0].Tool = ToolEllipse },
			func(r *Report) { r.Annotations[0].Tool = ToolFreehand }},
		{"finding reference resolves", "/annotations/0/findingRef", SeverityWarning,
			func(r *Report) { r.Annotations[0].FindingRef = "/tubes/middle" },
			func(r *Report) { r.Annotations[0].FindingRef = "/tubes/left/hydrosalpinx/maxDiameterMm" }},
		{"measurement unit", "/annotations/1/measurement/unit", SeverityError,
			func(r *Report) { r.Annotations[1].Measurement.Unit = "px" },
			func(r *Report) {}},
		{"calibration spacing", "/calibrations/0/mmPerPixel", SeverityError,
			func(r *Report) {
				r.Calibrations = []Calibration{{SeriesInstanceUID: "1", Method: CalibrateBalloonMM, ReferenceValue: 10}}
			},
			func(r *Report) {
				r.Calibrations = []Calibration{{SeriesInstanceUID: "1", Method: CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}}
			}},
		{"one calibration per series", "/calibrations/1/seriesInstanceUid", SeverityError,
			func(r *Report) {
				c := Calibration{SeriesInstanceUID: "1", Method: CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}
				r.Calibrations = []Calibration{c, c}
			},
			func(r *Report) {
				c := Calibration{SeriesInstanceUID: "1", Method: CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}
				d := c
				d.SeriesInstanceUID = "2"
				r.Calibrations = []Calibration{c, d}
			}},
		{"delayed key image without a delayed image", "/keyImages/3/role", SeverityWarning,
			func(r *Report) { r.Technique.DelayedImage.Obtained = new(false) },
			func(r *Report) {}},
		{"image reference needs its SOP Instance UID", "/keyImages/0/image/sopInstanceUid", SeverityError,
			func(r *Report) { r.KeyImages[0].Image.SOPInstanceUID = "" },
			func(r *Report) {}},
		{"prefilled path resolves", "/prefilled/0", SeverityWarning,
			func(r *Report) { r.Prefilled = []string{"/technique/nothing"} },
			func(r *Report) { r.Prefilled = []string{"/technique/fluoroscopyTimeS"} }},

		// Rules added after the review of unseen drafts.
		{"surgically absent with patency occluded", "/tubes/right/patency", SeverityWarning,
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubeSurgicallyAbsent, Patency: Occluded, OcclusionSite: SiteIsthmic}
			},
			func(r *Report) { r.Tubes.Right = Tube{Status: TubeSurgicallyAbsent} }},
		{"zero hydrosalpinx diameter", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityError,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(0.0) },
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(0.4) }},
		{"negative hydrosalpinx diameter", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityError,
			func(r *Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(-3.0) },
			func(r *Report) {}},
		{"zero filling defect size", "/uterus/fillingDefects/0/sizeMm", SeverityError,
			func(r *Report) { r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp, SizeMM: new(0.0)}} },
			func(r *Report) { r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp, SizeMM: new(2.0)}} }},
		{"negative filling defect size", "/uterus/fillingDefects/0/sizeMm", SeverityError,
			func(r *Report) { r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp, SizeMM: new(-1.0)}} },
			func(r *Report) {}},
		{"zero outpouching size", "/uterus/outpouchings/0/sizeMm", SeverityError,
			func(r *Report) { r.Uterus.Outpouchings = []Outpouching{{Type: OutpouchingNiche, SizeMM: new(0.0)}} },
			func(r *Report) { r.Uterus.Outpouchings = []Outpouching{{Type: OutpouchingNiche, SizeMM: new(5.0)}} }},
		{"peritoneum loculated only while a tube spills freely", "/peritoneum/spillPattern", SeverityWarning,
			func(r *Report) { r.Peritoneum.SpillPattern = PatternLoculated },
			func(r *Report) { r.Peritoneum.SpillPattern = PatternMixed }},
		{"no contrast on the delayed image while a tube spills freely", "/peritoneum/delayedFindings", SeverityError,
			func(r *Report) { r.Peritoneum.DelayedFindings = []DelayedFinding{DelayedNoContrast} },
			func(r *Report) { r.Peritoneum.DelayedFindings = []DelayedFinding{DelayedFreeDispersion} }},
		{"loculation with no side to name", "/peritoneum", SeverityWarning,
			func(r *Report) { r.Peritoneum.SpillPattern = PatternMixed },
			func(r *Report) { r.Peritoneum.SpillPattern = PatternMixed; r.Tubes.Right.Spill = SpillLoculated }},
		{"non-diagnostic study with definite findings", "/technique/adequacy", SeverityWarning,
			func(r *Report) { r.Technique.Adequacy = NonDiagnostic },
			func(r *Report) {
				r.Technique.Adequacy = NonDiagnostic
				r.Tubes.Right = Tube{Status: TubePresent, Patency: PatencyIndeterminate}
				r.Tubes.Left = Tube{Status: TubePresent, Patency: PatencyNotAssessed}
				r.Uterus.MullerianAnomaly.Certainty = Possible
			}},

		// Impression and signing.
		{"stale edited impression", "/impression/items/0", SeverityWarning,
			func(r *Report) {
				r.Impression.Items[0].Text = "Right tube patent."
				r.Tubes.Right.Spill = SpillLoculated
			},
			func(r *Report) { r.Impression.Items[0].Text = "Right tube patent." }},
		{"signed without a time", "/signedAt", SeverityError,
			func(r *Report) { r.Status = StatusFinal; r.Author.Name = "Dr X" },
			func(r *Report) { Sign(r, Person{Name: "Dr X"}, time.Now()) }},
		{"changed after signing", "/contentHash", SeverityError,
			func(r *Report) { Sign(r, Person{Name: "Dr X"}, time.Now()); r.Tubes.Left.Contour = TubeRigid },
			func(r *Report) { Sign(r, Person{Name: "Dr X"}, time.Now()) }},
		{"amended without the replaced version", "/previousVersions", SeverityWarning,
			func(r *Report) { Sign(r, Person{Name: "Dr X"}, time.Now()); r.Status = StatusAmended },
			func(r *Report) {
				Sign(r, Person{Name: "Dr X"}, time.Now())
				Amend(r, "typo")
				Sign(r, Person{Name: "Dr X"}, time.Now())
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := clone(t, base)
			c.bad(bad)
			if issues := Validate(bad); !hasIssue(issues, c.path, c.sev) {
				t.Errorf("no %s at %s; got %v", c.sev, c.path, issues)
			}
			good := clone(t, base)
			c.good(good)
			if issues := Validate(good); hasIssue(issues, c.path, c.sev) {
				t.Errorf("unexpected %s at %s: %v", c.sev, c.path, issues)
			}
		})
	}
}

func TestIssueMessages(t *testing.T) {
	r := exampleReport()
	r.Tubes.Right.Spill = "lots"
	r.Tubes.Left.OcclusionSite = ""
	var msgs []string
	for _, i := range Validate(r) {
		msgs = append(msgs, i.String())
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		`error /tubes/right/spill: unknown value "lots"; expected one of: free_prompt, free_delayed_only, loculated, minimal, none, not_assessed`,
		"error /tubes/right/spill: a patent tube needs the spill that proves it",
		"error /tubes/left/occlusionSite: an occluded tube needs the site of occlusion",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("messages lack %q:\n%s", want, got)
		}
	}
	if !HasErrors(Validate(r)) || HasErrors([]Issue{{Severity: SeverityWarning}}) {
		t.Error("HasErrors is wrong")
	}
}
