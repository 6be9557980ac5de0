package assess

import (
	"bytes"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"slices"
	"strings"
	"testing"
	"time"
)

// clone returns a deep copy of r.
func clone(t testing.TB, r *report.Report) *report.Report {
	t.Helper()
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	c, err := report.Load(bytes.NewReader(b))
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
	noDelayed := func(r *report.Report) {
		r.Technique.DelayedImage = report.DelayedImage{Obtained: new(false)}
		r.Technique.ImagesObtained = nil
		r.Peritoneum.DelayedFindings = nil
		r.KeyImages = nil
	}
	for _, c := range []struct {
		name      string
		path      string
		sev       Severity
		bad, good func(r *report.Report)
	}{
		// Required members.
		{"cavityOpacified required", "/uterus/cavityOpacified", SeverityError,
			func(r *report.Report) { r.Uterus.CavityOpacified = nil },
			func(r *report.Report) { r.Uterus.CavityOpacified = new(true) }},
		{"tube status required", "/tubes/left/status", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Status = "" },
			func(r *report.Report) { r.Tubes.Left.Status = report.TubePresent }},
		{"study UID required", "/study/studyInstanceUid", SeverityError,
			func(r *report.Report) { r.Study.StudyInstanceUID = "" },
			func(r *report.Report) {}},
		{"enum value", "/tubes/right/contour", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Contour = "wavy" },
			func(r *report.Report) { r.Tubes.Right.Contour = report.TubeBeaded }},
		{"report id is a UUID", "/reportId", SeverityWarning,
			func(r *report.Report) { r.ReportID = "report-1" },
			func(r *report.Report) {}},

		// Tubes.
		{"patent needs spill (none)", "/tubes/right/spill", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillNone },
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillMinimal }},
		{"patent needs spill (not assessed)", "/tubes/right/spill", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillNotAssessed },
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillLoculated }},
		{"patent needs spill (unset)", "/tubes/right/spill", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Spill = "" },
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillFreePrompt }},
		{"patency not recorded", "/tubes/left/patency", SeverityWarning,
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone}
			},
			func(r *report.Report) { r.Tubes.Left = report.Tube{Status: report.TubeSurgicallyAbsent} }},
		{"occluded needs site", "/tubes/left/occlusionSite", SeverityError,
			func(r *report.Report) { r.Tubes.Left.OcclusionSite = "" },
			func(r *report.Report) { r.Tubes.Left.OcclusionSite = report.SiteAmpullary }},
		{"delayed-only spill needs a delayed image", "/tubes/right/spill", SeverityError,
			func(r *report.Report) { noDelayed(r); r.Tubes.Right.Spill = report.SpillFreeDelayedOnly },
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillFreeDelayedOnly }},
		{"hydrosalpinx diameter needs a basis", "/tubes/left/hydrosalpinx/measurementBasis", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = "" },
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = mark.SpacingPixelSpacing }},
		{"hydrosalpinx with a patent tube", "/tubes/right/hydrosalpinx/present", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Hydrosalpinx.Present = new(true) },
			func(r *report.Report) {
				r.Tubes.Right.Hydrosalpinx.Present = new(true)
				r.Tubes.Right.Spill = report.SpillLoculated
				r.Tubes.Right.PartialDistalOcclusion = new(true)
			}},
		{"occluded with free spill", "/tubes/left/spill", SeverityError,
			func(r *report.Report) {
				r.Tubes.Left.Hydrosalpinx = report.Hydrosalpinx{}
				r.Tubes.Left.Spill = report.SpillFreeDelayedOnly
			},
			func(r *report.Report) {
				r.Tubes.Left.Hydrosalpinx = report.Hydrosalpinx{}
				r.Tubes.Left.Spill = report.SpillNotAssessed
			}},
		{"occluded with loculated spill", "/tubes/left/spill", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Spill = report.SpillLoculated },
			func(r *report.Report) { r.Tubes.Left.Spill = report.SpillNone }},
		{"surgically absent but patent", "/tubes/right/status", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Status = report.TubeSurgicallyAbsent },
			func(r *report.Report) { r.Tubes.Right = report.Tube{Status: report.TubeSurgicallyAbsent} }},
		{"surgically absent with hydrosalpinx", "/tubes/left/status", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Status = report.TubeSurgicallyAbsent },
			func(r *report.Report) { r.Tubes.Left.Status = report.TubePresent }},
		{"patent but not opacified", "/tubes/right/opacification", SeverityError,
			func(r *report.Report) { r.Tubes.Right.Opacification = report.OpacificationNone },
			func(r *report.Report) { r.Tubes.Right.Opacification = report.OpacificationPartial }},
		{"occlusion at a device needs the device", "/tubes/left/sterilizationDevice", SeverityError,
			func(r *report.Report) { r.Tubes.Left.OcclusionQualifier = report.OcclusionAtDevice },
			func(r *report.Report) {
				r.Tubes.Left.OcclusionQualifier = report.OcclusionAtDevice
				r.Tubes.Left.SterilizationDevice = report.SterilizationClip
			}},
		{"occlusion site on a patent tube", "/tubes/right/occlusionSite", SeverityWarning,
			func(r *report.Report) { r.Tubes.Right.OcclusionSite = report.SiteIsthmic },
			func(r *report.Report) {}},
		{"hydrosalpinx with a proximal block", "/tubes/left/occlusionSite", SeverityError,
			func(r *report.Report) { r.Tubes.Left.OcclusionSite = report.SiteCornual },
			func(r *report.Report) { r.Tubes.Left.OcclusionSite = report.SiteAmpullary }},
		{"uncalibrated hydrosalpinx size", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityWarning,
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = mark.SpacingUncalibrated },
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MeasurementBasis = mark.SpacingUser }},
		{"diameter without hydrosalpinx", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityWarning,
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.Present = new(false) },
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.Present = new(true) }},
		{"patent tube, cavity not opacified", "/tubes/right/patency", SeverityWarning,
			func(r *report.Report) { r.Uterus.CavityOpacified = new(false) },
			func(r *report.Report) {}},
		{"tube cites an unknown mark", "/tubes/left/annotationIds/0", SeverityWarning,
			func(r *report.Report) { r.Tubes.Left.AnnotationIDs = []string{"zz"} },
			func(r *report.Report) {}},
		{"both tubes blocked yet contrast in the peritoneum", "/peritoneum/spillPattern", SeverityError,
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteCornual, Spill: report.SpillNone}
			},
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteCornual, Spill: report.SpillNone}
				r.Peritoneum = report.Peritoneum{SpillPattern: report.PatternNone, DelayedFindings: []report.DelayedFinding{report.DelayedNoContrast}}
			}},
		{"a tube spilled yet no peritoneal contrast", "/peritoneum/spillPattern", SeverityError,
			func(r *report.Report) { r.Peritoneum.SpillPattern = report.PatternNone },
			func(r *report.Report) { r.Peritoneum.SpillPattern = report.PatternMixed }},

		// Cavity and anomaly.
		{"filling defects in an unopacified cavity", "/uterus/fillingDefects", SeverityError,
			func(r *report.Report) {
				r.Uterus.CavityOpacified = new(false)
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp}}
			},
			func(r *report.Report) { r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp}} }},
		{"filling defect kind required", "/uterus/fillingDefects/0/kind", SeverityError,
			func(r *report.Report) { r.Uterus.FillingDefects = []report.FillingDefect{{Location: report.LocFundus}} },
			func(r *report.Report) {
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectAirBubble, Location: report.LocFundus}}
			}},
		{"definite septate without the external contour", "/uterus/mullerianAnomaly/asrmMac2021", SeverityWarning,
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMSeptate, Certainty: report.Definite}
				r.Uterus.Shape = report.ShapeTwoHorns
			},
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMSeptate, Certainty: report.Definite, ExternalContourAssessable: new(true)}
				r.Uterus.Shape = report.ShapeTwoHorns
			}},
		{"definite bicornuate without the external contour", "/uterus/mullerianAnomaly/asrmMac2021", SeverityWarning,
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMBicornuate, ExternalContourAssessable: new(false)}
			},
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMBicornuate, Certainty: report.Probable}
			}},
		{"definite U2 without the external contour", "/uterus/mullerianAnomaly/eshreEsgeUterine", SeverityWarning,
			func(r *report.Report) { r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U2b} },
			func(r *report.Report) { r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U2OrU3} }},
		{"shape suggests an anomaly but none recorded", "/uterus/mullerianAnomaly", SeverityWarning,
			func(r *report.Report) { r.Uterus.Shape = report.ShapeTwoHorns },
			func(r *report.Report) { r.Uterus.Shape = report.ShapeShallowIndentation }},
		{"unicornuate with both tubes opacified", "/uterus/mullerianAnomaly", SeverityWarning,
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, Side: report.Right}
			},
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, Side: report.Right}
				r.Tubes.Left = report.Tube{Status: report.TubeNotAssessed, Opacification: report.OpacificationNone}
			}},
		{"unicornuate side is left or right", "/uterus/mullerianAnomaly/side", SeverityError,
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, Side: report.Bilateral}
			},
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, Side: report.Left}
			}},

		// Delayed image and technique.
		{"delayed findings without a delayed image", "/peritoneum/delayedFindings", SeverityError,
			func(r *report.Report) { r.Technique.DelayedImage.Obtained = new(false) },
			func(r *report.Report) {}},
		{"no-spill-on-delayed without a delayed image", "/peritoneum/delayedFindings", SeverityError,
			func(r *report.Report) {
				noDelayed(r)
				r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedNoContrast}
			},
			func(r *report.Report) {
				r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
			}},
		{"no contrast yet dispersed contrast", "/peritoneum/delayedFindings", SeverityError,
			func(r *report.Report) {
				r.Peritoneum.DelayedFindings = append(r.Peritoneum.DelayedFindings, report.DelayedNoContrast)
			},
			func(r *report.Report) {}},
		{"'no delayed image' with a delayed image", "/technique/limitations", SeverityError,
			func(r *report.Report) { r.Technique.Limitations = []report.Limitation{report.LimitNoDelayedImage} },
			func(r *report.Report) { r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles} }},
		{"delayed details without a delayed image", "/technique/delayedImage/obtained", SeverityWarning,
			func(r *report.Report) { r.Technique.DelayedImage.Obtained = nil },
			func(r *report.Report) {}},
		{"delayed image too early", "/technique/delayedImage/minutesAfterContrast", SeverityWarning,
			func(r *report.Report) { r.Technique.DelayedImage.MinutesAfterContrast = new(5.0) },
			func(r *report.Report) { r.Technique.DelayedImage.MinutesAfterContrast = new(10.0) }},
		{"early delayed image with oil contrast", "/technique/delayedImage/minutesAfterContrast", SeverityWarning,
			func(r *report.Report) { r.Technique.Contrast.Class = report.ContrastOilBased },
			func(r *report.Report) {
				r.Technique.Contrast.Class = report.ContrastOilBased
				r.Technique.DelayedImage.MinutesAfterContrast = new(60.0)
			}},
		{"adequate yet limited", "/technique/adequacy", SeverityWarning,
			func(r *report.Report) { r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles} },
			func(r *report.Report) {
				r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles}
				r.Technique.Adequacy = report.Limited
			}},
		{"DAP in a unit that is not a DAP", "/technique/dose/dapTotal/unit", SeverityError,
			func(r *report.Report) { r.Technique.Dose.DAPTotal.Unit = mark.UnitMGy },
			func(r *report.Report) {
				r.Technique.Dose.DAPTotal = &report.Quantity{Value: new(2.54), Unit: mark.UnitGyCm2}
			}},
		{"DAP value required", "/technique/dose/dapTotal/value", SeverityError,
			func(r *report.Report) { r.Technique.Dose.DAPTotal.Value = nil },
			func(r *report.Report) {}},
		{"DAP in Gy·cm² disagrees", "/technique/dose/dapTotalGyCm2", SeverityWarning,
			func(r *report.Report) { r.Technique.Dose.DAPTotalGyCm2 = new(25.4) },
			func(r *report.Report) {
				r.Technique.Dose.DAPTotal = &report.Quantity{Value: new(2.54e-4), Unit: mark.UnitGyM2}
				r.Technique.Dose.DAPTotalGyCm2 = new(2.54)
			}},

		// Clinical.
		{"positive pregnancy test", "/clinical/pregnancyTest/result", SeverityWarning,
			func(r *report.Report) { r.Clinical.PregnancyTest.Result = report.PregnancyPositive },
			func(r *report.Report) { r.Clinical.PregnancyTest.Result = report.PregnancyNotDone }},
		{"no history and history", "/clinical/history", SeverityError,
			func(r *report.Report) { r.Clinical.History = []report.History{report.HistoryNone, report.HistoryPID} },
			func(r *report.Report) { r.Clinical.History = []report.History{report.HistoryNone} }},
		{"cycle day range", "/clinical/cycleDay", SeverityError,
			func(r *report.Report) { r.Clinical.CycleDay = new(0) },
			func(r *report.Report) { r.Clinical.CycleDay = new(1) }},
		{"date format", "/patient/birthDate", SeverityWarning,
			func(r *report.Report) { r.Patient.BirthDate = "19900101" },
			func(r *report.Report) { r.Patient.BirthDate = "1990-01-01" }},

		// Complications and grading.
		{"no complications and complications", "/complications/none", SeverityError,
			func(r *report.Report) {
				r.Complications.Items = []report.Complication{{Type: report.VasovagalReaction}}
			},
			func(r *report.Report) {
				r.Complications.Items = []report.Complication{{Type: report.VasovagalReaction}}
				r.Complications.None = new(false)
			}},
		{"pain VAS range", "/complications/painVas", SeverityError,
			func(r *report.Report) { r.Complications.PainVAS = new(11) },
			func(r *report.Report) { r.Complications.PainVAS = new(10) }},
		{"Hull & Rutherford basis", "/grading/hullRutherfordBasis", SeverityWarning,
			func(r *report.Report) { r.Grading.HullRutherfordBasis = "" },
			func(r *report.Report) {
				r.Grading.HullRutherfordBasis = ""
				r.Grading.HullRutherford = report.HRNotApplicable
			}},

		// Marks, calibrations, key images.
		{"duplicate annotation id", "/annotations/1/id", SeverityError,
			func(r *report.Report) { r.Annotations[1].ID = r.Annotations[0].ID },
			func(r *report.Report) { r.Annotations[1].ID = "a3" }},
		{"points of a graphic type", "/annotations/0/points", SeverityError,
			func(r *report.Report) { r.Annotations[0].Points = r.Annotations[0].Points[:1] },
			func(r *report.Report) { r.Annotations[0].Points = append(r.Annotations[0].Points, [2]float64{1, 1}) }},
		{"tool and graphic type", "/annotations/0/graphicType", SeverityWarning,
			func(r *report.Report) { r.Annotations[0].Tool = mark.ToolEllipse },
			func(r *report.Report) { r.Annotations[0].Tool = mark.ToolFreehand }},
		{"finding reference resolves", "/annotations/0/findingRef", SeverityWarning,
			func(r *report.Report) { r.Annotations[0].FindingRef = "/tubes/middle" },
			func(r *report.Report) { r.Annotations[0].FindingRef = "/tubes/left/hydrosalpinx/maxDiameterMm" }},
		{"measurement unit", "/annotations/1/measurement/unit", SeverityError,
			func(r *report.Report) { r.Annotations[1].Measurement.Unit = "px" },
			func(r *report.Report) {}},
		{"calibration spacing", "/calibrations/0/mmPerPixel", SeverityError,
			func(r *report.Report) {
				r.Calibrations = []mark.Calibration{{SeriesInstanceUID: "1", Method: mark.CalibrateBalloonMM, ReferenceValue: 10}}
			},
			func(r *report.Report) {
				r.Calibrations = []mark.Calibration{{SeriesInstanceUID: "1", Method: mark.CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}}
			}},
		{"one calibration per series", "/calibrations/1/seriesInstanceUid", SeverityError,
			func(r *report.Report) {
				c := mark.Calibration{SeriesInstanceUID: "1", Method: mark.CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}
				r.Calibrations = []mark.Calibration{c, c}
			},
			func(r *report.Report) {
				c := mark.Calibration{SeriesInstanceUID: "1", Method: mark.CalibrateBalloonMM, ReferenceValue: 10, MMPerPixel: 0.2}
				d := c
				d.SeriesInstanceUID = "2"
				r.Calibrations = []mark.Calibration{c, d}
			}},
		{"delayed key image without a delayed image", "/keyImages/3/role", SeverityWarning,
			func(r *report.Report) { r.Technique.DelayedImage.Obtained = new(false) },
			func(r *report.Report) {}},
		{"image reference needs its SOP Instance UID", "/keyImages/0/image/sopInstanceUid", SeverityError,
			func(r *report.Report) { r.KeyImages[0].Image.SOPInstanceUID = "" },
			func(r *report.Report) {}},
		{"prefilled path resolves", "/prefilled/0", SeverityWarning,
			func(r *report.Report) { r.Prefilled = []string{"/technique/nothing"} },
			func(r *report.Report) { r.Prefilled = []string{"/technique/fluoroscopyTimeS"} }},

		// Rules added after the review of unseen drafts.
		{"surgically absent with patency occluded", "/tubes/right/status", SeverityError,
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubeSurgicallyAbsent, Patency: report.Occluded, OcclusionSite: report.SiteIsthmic}
			},
			func(r *report.Report) { r.Tubes.Right = report.Tube{Status: report.TubeSurgicallyAbsent} }},
		{"zero hydrosalpinx diameter", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(0.0) },
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(0.4) }},
		{"negative hydrosalpinx diameter", "/tubes/left/hydrosalpinx/maxDiameterMm", SeverityError,
			func(r *report.Report) { r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(-3.0) },
			func(r *report.Report) {}},
		{"zero filling defect size", "/uterus/fillingDefects/0/sizeMm", SeverityError,
			func(r *report.Report) {
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp, SizeMM: new(0.0)}}
			},
			func(r *report.Report) {
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp, SizeMM: new(2.0)}}
			}},
		{"negative filling defect size", "/uterus/fillingDefects/0/sizeMm", SeverityError,
			func(r *report.Report) {
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp, SizeMM: new(-1.0)}}
			},
			func(r *report.Report) {}},
		{"zero outpouching size", "/uterus/outpouchings/0/sizeMm", SeverityError,
			func(r *report.Report) {
				r.Uterus.Outpouchings = []report.Outpouching{{Type: report.OutpouchingNiche, SizeMM: new(0.0)}}
			},
			func(r *report.Report) {
				r.Uterus.Outpouchings = []report.Outpouching{{Type: report.OutpouchingNiche, SizeMM: new(5.0)}}
			}},
		{"peritoneum loculated only while a tube spills freely", "/peritoneum/spillPattern", SeverityWarning,
			func(r *report.Report) { r.Peritoneum.SpillPattern = report.PatternLoculated },
			func(r *report.Report) { r.Peritoneum.SpillPattern = report.PatternMixed }},
		{"no contrast on the delayed image while a tube spills freely", "/peritoneum/delayedFindings", SeverityError,
			func(r *report.Report) {
				r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedNoContrast}
			},
			func(r *report.Report) {
				r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
			}},
		{"loculation with no side to name", "/peritoneum", SeverityWarning,
			func(r *report.Report) { r.Peritoneum.SpillPattern = report.PatternMixed },
			func(r *report.Report) {
				r.Peritoneum.SpillPattern = report.PatternMixed
				r.Tubes.Right.Spill = report.SpillLoculated
			}},
		{"non-diagnostic study with definite findings", "/technique/adequacy", SeverityWarning,
			func(r *report.Report) { r.Technique.Adequacy = report.NonDiagnostic },
			func(r *report.Report) {
				r.Technique.Adequacy = report.NonDiagnostic
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.PatencyIndeterminate}
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.PatencyNotAssessed}
				r.Uterus.MullerianAnomaly.Certainty = report.Possible
			}},

		// Impression and signing.
		{"stale edited impression", "/impression/items/0", SeverityWarning,
			func(r *report.Report) {
				r.Impression.Items[0].Text = "Right tube patent."
				r.Tubes.Right.Spill = report.SpillLoculated
			},
			func(r *report.Report) { r.Impression.Items[0].Text = "Right tube patent." }},
		{"signed without a time", "/signedAt", SeverityError,
			func(r *report.Report) { r.Status = report.StatusFinal; r.Author.Name = "Dr X" },
			func(r *report.Report) { Sign(r, report.Person{Name: "Dr X"}, time.Now()) }},
		{"changed after signing", "/contentHash", SeverityError,
			func(r *report.Report) {
				Sign(r, report.Person{Name: "Dr X"}, time.Now())
				r.Tubes.Left.Contour = report.TubeRigid
			},
			func(r *report.Report) { Sign(r, report.Person{Name: "Dr X"}, time.Now()) }},
		{"amended without the replaced version", "/previousVersions", SeverityWarning,
			func(r *report.Report) {
				Sign(r, report.Person{Name: "Dr X"}, time.Now())
				r.Status = report.StatusAmended
			},
			func(r *report.Report) {
				Sign(r, report.Person{Name: "Dr X"}, time.Now())
				Amend(r, "typo")
				Sign(r, report.Person{Name: "Dr X"}, time.Now())
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
		`error /tubes/right/spill: unknown value "lots"; choose one of: Free, prompt / Free, seen only on the delayed image / Loculated / Minimal / None / Not assessed`,
		"error /tubes/right/spill: the right tube is recorded as patent: record the spill that proves it",
		"error /tubes/left/occlusionSite: the left tube is recorded as occluded: record the site of the occlusion",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("messages lack %q:\n%s", want, got)
		}
	}
	if !HasErrors(Validate(r)) || HasErrors([]Issue{{Severity: SeverityWarning}}) {
		t.Error("HasErrors is wrong")
	}
}
