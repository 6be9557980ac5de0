package assess

import (
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"math"
)

// ExampleReport returns a realistic draft for a demo study: primary
// subfertility, a balloon catheter, water-soluble contrast and dose from
// the image headers (marked prefilled), a normal cavity, a patent right
// tube with free spill, a left distal hydrosalpinx (about 14 mm) with no
// spill on the delayed image, two marks on the hydrosalpinx (a labelled
// arrow and a length), the key images, and the generated impression.
func ExampleReport(in report.ExampleInput) *report.Report {
	r := report.NewReport(in.StudyUID)
	if !in.CreatedAt.IsZero() {
		r.CreatedAt = in.CreatedAt.UTC().Round(0)
	}
	r.Study.AccessionNumber = in.Accession
	r.Study.StudyDateTime = in.StudyDateTime
	r.Study.ReferringPhysician = "Dr A. Referrer"
	r.Study.PerformingPhysician = "Dr B. Radiologist"
	r.Patient = report.Patient{ID: in.PatientID, Name: in.PatientName, BirthDate: wording.IsoDate(in.BirthDate), Sex: in.Sex}

	r.Clinical = report.Clinical{
		Indication:      []report.Indication{report.IndicationPrimarySubfertility},
		IndicationText:  "Primary subfertility for 2 years.",
		CycleDay:        new(8),
		PregnancyTest:   report.PregnancyTest{Result: report.PregnancyNegative, Specimen: report.SpecimenUrine},
		History:         []report.History{report.HistoryPID},
		ConsentObtained: new(true),
	}

	delayedMin := in.DelayedMinutes
	if delayedMin <= 0 {
		delayedMin = 20
	}
	var delayedImage *mark.ImageRef
	for _, k := range in.KeyImages {
		if k.Role == report.RoleDelayed {
			delayedImage = &k.Image
			break
		}
	}
	r.Technique = report.Technique{
		Catheter: report.Catheter{
			Type: report.CatheterBalloon, SizeFr: new(5.0), BalloonPosition: report.BalloonCervicalCanal,
			BalloonVolumeML: new(1.5), BalloonFreeImageObtained: new(true),
		},
		TenaculumUsed: new(false),
		Contrast: report.Contrast{
			Class:                 report.ContrastWaterSoluble,
			Agent:                 &report.Code{System: report.SystemSCT, Code: "109218004", Display: "Iohexol"},
			ProductName:           "Omnipaque 300",
			ConcentrationMgIPerML: new(300.0),
			VolumeML:              new(8.0),
			Warmed:                new(true),
			Source:                report.ContrastFromDICOM,
		},
		FluoroscopyTimeS: new(42.0),
		SpotImageCount:   new(5),
		CineRunCount:     new(1),
		Dose: report.Dose{
			DAPTotal:      &report.Quantity{Value: new(25.4), Unit: mark.UnitDGyCm2},
			DAPTotalGyCm2: new(2.54),
			Source:        report.DoseFromImageHeader,
		},
		ImagesObtained: []report.ImageKind{report.ImageScout, report.ImageEarlyFilling, report.ImageFullDistension,
			report.ImageTubalFilling, report.ImageSpill, report.ImageDelayed},
		DelayedImage: report.DelayedImage{
			Obtained:              new(true),
			MinutesAfterContrast:  new(delayedMin),
			CatheterRemovedBefore: new(true),
			Determination:         report.DeterminedByTimeOffset,
			Confidence:            report.ConfidenceHigh,
			Image:                 delayedImage,
		},
		SelectiveSalpingography: report.SelectiveNotPerformed,
		Adequacy:                report.Adequate,
	}
	for _, p := range []string{"/technique/contrast/agent", "/technique/contrast/productName",
		"/technique/contrast/volumeMl", "/technique/dose"} {
		r.MarkPrefilled(p)
	}
	r.Cervix = report.Cervix{Canal: report.CanalNormal}
	r.Uterus = report.Uterus{
		CavityOpacified: new(true),
		Deviation:       report.DeviationMidline,
		Size:            report.SizeNormal,
		Contour:         report.ContourSmooth,
		Shape:           report.ShapeNormalTriangular,
		MullerianAnomaly: report.Anomaly{
			Suspected: new(false), ASRM: report.ASRMNone, ESHREUterine: report.U0,
		},
	}

	// The marks: an arrow pointing at the hydrosalpinx and its diameter.
	img := in.MarkImage
	if img.SOPInstanceUID == "" {
		img = pickMarkImage(in.KeyImages)
	}
	spacing, source := in.PixelSpacingMM, in.SpacingSource
	if !(spacing > 0) {
		spacing, source = 0.3, mark.SpacingImager
	}
	if source == "" {
		source = mark.SpacingImager
	}
	ends := in.Hydrosalpinx
	if ends == ([2][2]float64{}) {
		// Patient's left is on the image right in a frontal view.
		ends = [2][2]float64{{340, 250}, {wording.RoundTo(340+14/spacing, 2), 250}}
	}
	diameter := wording.RoundTo(math.Hypot(ends[1][0]-ends[0][0], ends[1][1]-ends[0][1])*spacing, 1)
	mid := [2]float64{(ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2}
	r.Annotations = []mark.Annotation{
		{
			ID: "a1", Image: img, GraphicType: mark.GraphicPolyline, Tool: mark.ToolArrow,
			// Head on the hydrosalpinx, tail (and label) up and out.
			Points: [][2]float64{
				{wording.RoundTo(mid[0]+8, 2), wording.RoundTo(mid[1]-8, 2)},
				{wording.RoundTo(mid[0]+60, 2), wording.RoundTo(mid[1]-60, 2)},
			},
			Label:      "L hydrosalpinx",
			FindingRef: "/tubes/left/hydrosalpinx",
		},
		{
			ID: "a2", Image: img, GraphicType: mark.GraphicPolyline, Tool: mark.ToolLength,
			Points:     [][2]float64{ends[0], ends[1]},
			FindingRef: "/tubes/left/hydrosalpinx/maxDiameterMm",
			// The measurement, with its source, is printed with the mark.
			Measurement: &mark.Measurement{
				Value: diameter, Unit: mark.UnitMM, SpacingSource: source,
				PixelSpacingMM: [2]float64{spacing, spacing},
				LengthPx:       wording.RoundTo(math.Hypot(ends[1][0]-ends[0][0], ends[1][1]-ends[0][1]), 2),
			},
		},
	}

	r.Tubes = report.Tubes{
		Right: report.Tube{
			Status: report.TubePresent, Opacification: report.OpacificationComplete, Patency: report.Patent,
			Spill: report.SpillFreePrompt, Contour: report.TubeSmooth, SterilizationDevice: report.SterilizationNone,
		},
		Left: report.Tube{
			Status: report.TubePresent, Opacification: report.OpacificationComplete, Patency: report.Occluded,
			OcclusionSite: report.SiteFimbrial, OcclusionQualifier: report.OcclusionDefinite, Spill: report.SpillNone,
			PeritubalAdhesionsSuspected: new(false),
			Hydrosalpinx: report.Hydrosalpinx{
				Present: new(true), MaxDiameterMM: new(diameter),
				MucosalFolds: report.FoldsReduced, MeasurementBasis: source,
			},
			Contour: report.TubeConvoluted, SterilizationDevice: report.SterilizationNone,
			AnnotationIDs: []string{"a1", "a2"},
		},
	}
	if img.SOPInstanceUID != "" {
		r.Tubes.Left.Evidence = []mark.ImageRef{img}
	}
	r.Peritoneum = report.Peritoneum{
		SpillPattern:    report.PatternFree,
		DelayedFindings: []report.DelayedFinding{report.DelayedFreeDispersion, report.DelayedTubalContrast},
	}
	r.Complications = report.Complications{None: new(true), PainVAS: new(3)}
	r.Grading = report.Grading{HullRutherford: report.HRII, HullRutherfordBasis: report.HRBasisHSG}
	r.KeyImages = in.KeyImages
	RefreshImpression(r)
	return r
}

// pickMarkImage returns the key image best showing the left tube.
func pickMarkImage(keys []report.KeyImage) mark.ImageRef {
	for _, role := range []report.KeyImageRole{report.RoleTubalFillingLeft, report.RoleSpill, report.RoleFullDistension} {
		for _, k := range keys {
			if k.Role == role {
				return k.Image
			}
		}
	}
	if len(keys) > 0 {
		return keys[0].Image
	}
	return mark.ImageRef{}
}
