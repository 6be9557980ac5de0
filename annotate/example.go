package annotate

import (
	"math"
	"time"
)

// ExampleInput identifies the demo study an example report is made for.
type ExampleInput struct {
	StudyUID      string
	Accession     string
	StudyDateTime string // RFC 3339, optional
	PatientID     string
	PatientName   string
	BirthDate     string // YYYYMMDD (DICOM) or YYYY-MM-DD
	Sex           Sex

	// KeyImages are the images of the study with their roles; the one
	// with RoleDelayed, if any, is the delayed image.
	KeyImages []KeyImage
	// DelayedMinutes is the time of the delayed image after the start of
	// contrast; 20 if zero.
	DelayedMinutes float64

	// MarkImage is the image the example marks are drawn on; if empty,
	// the key image showing left tubal filling, spill or full distension.
	MarkImage ImageRef
	// Hydrosalpinx gives the end points (column, row) of the widest
	// diameter of the left hydrosalpinx on MarkImage. If zero, points for
	// a 512×512 image are used.
	Hydrosalpinx [2][2]float64
	// PixelSpacingMM is the (square) pixel spacing of MarkImage and
	// SpacingSource where it came from; 0.3 mm Imager Pixel Spacing if zero.
	PixelSpacingMM float64
	SpacingSource  SpacingSource

	// CreatedAt is the creation time of the report; now if zero.
	CreatedAt time.Time
}

// ExampleReport returns a realistic draft for a demo study: primary
// subfertility, a balloon catheter, water-soluble contrast and dose from
// the image headers (marked prefilled), a normal cavity, a patent right
// tube with free spill, a left distal hydrosalpinx (about 14 mm) with no
// spill on the delayed image, two marks on the hydrosalpinx (a labelled
// arrow and a length), the key images, and the generated impression.
func ExampleReport(in ExampleInput) *Report {
	r := NewReport(in.StudyUID)
	if !in.CreatedAt.IsZero() {
		r.CreatedAt = in.CreatedAt.UTC().Round(0)
	}
	r.Study.AccessionNumber = in.Accession
	r.Study.StudyDateTime = in.StudyDateTime
	r.Study.ReferringPhysician = "Dr A. Referrer"
	r.Study.PerformingPhysician = "Dr B. Radiologist"
	r.Patient = Patient{ID: in.PatientID, Name: in.PatientName, BirthDate: isoDate(in.BirthDate), Sex: in.Sex}

	r.Clinical = Clinical{
		Indication:      []Indication{IndicationPrimarySubfertility},
		IndicationText:  "Primary subfertility for 2 years.",
		CycleDay:        new(8),
		PregnancyTest:   PregnancyTest{Result: PregnancyNegative, Specimen: SpecimenUrine},
		History:         []History{HistoryPID},
		ConsentObtained: new(true),
	}

	delayedMin := in.DelayedMinutes
	if delayedMin <= 0 {
		delayedMin = 20
	}
	var delayedImage *ImageRef
	for _, k := range in.KeyImages {
		if k.Role == RoleDelayed {
			delayedImage = &k.Image
			break
		}
	}
	r.Technique = Technique{
		Catheter: Catheter{
			Type: CatheterBalloon, SizeFr: new(5.0), BalloonPosition: BalloonCervicalCanal,
			BalloonVolumeML: new(1.5), BalloonFreeImageObtained: new(true),
		},
		TenaculumUsed: new(false),
		Contrast: Contrast{
			Class:                 ContrastWaterSoluble,
			Agent:                 &Code{System: SystemSCT, Code: "109218004", Display: "Iohexol"},
			ProductName:           "Omnipaque 300",
			ConcentrationMgIPerML: new(300.0),
			VolumeML:              new(8.0),
			Warmed:                new(true),
			Source:                ContrastFromDICOM,
		},
		FluoroscopyTimeS: new(42.0),
		SpotImageCount:   new(5),
		CineRunCount:     new(1),
		Dose: Dose{
			DAPTotal:      &Quantity{Value: new(25.4), Unit: UnitDGyCm2},
			DAPTotalGyCm2: new(2.54),
			Source:        DoseFromImageHeader,
		},
		ImagesObtained: []ImageKind{ImageScout, ImageEarlyFilling, ImageFullDistension,
			ImageTubalFilling, ImageSpill, ImageDelayed},
		DelayedImage: DelayedImage{
			Obtained:              new(true),
			MinutesAfterContrast:  new(delayedMin),
			CatheterRemovedBefore: new(true),
			Determination:         DeterminedByTimeOffset,
			Confidence:            ConfidenceHigh,
			Image:                 delayedImage,
		},
		SelectiveSalpingography: SelectiveNotPerformed,
		Adequacy:                Adequate,
	}
	for _, p := range []string{"/technique/contrast/agent", "/technique/contrast/productName",
		"/technique/contrast/volumeMl", "/technique/dose"} {
		r.MarkPrefilled(p)
	}
	r.Cervix = Cervix{Canal: CanalNormal}
	r.Uterus = Uterus{
		CavityOpacified: new(true),
		Deviation:       DeviationMidline,
		Size:            SizeNormal,
		Contour:         ContourSmooth,
		Shape:           ShapeNormalTriangular,
		MullerianAnomaly: Anomaly{
			Suspected: new(false), ASRM: ASRMNone, ESHREUterine: U0,
		},
	}

	// The marks: an arrow pointing at the hydrosalpinx and its diameter.
	img := in.MarkImage
	if img.SOPInstanceUID == "" {
		img = pickMarkImage(in.KeyImages)
	}
	spacing, source := in.PixelSpacingMM, in.SpacingSource
	if !(spacing > 0) {
		spacing, source = 0.3, SpacingImager
	}
	if source == "" {
		source = SpacingImager
	}
	ends := in.Hydrosalpinx
	if ends == ([2][2]float64{}) {
		// Patient's left is on the image right in a frontal view.
		ends = [2][2]float64{{340, 250}, {roundTo(340+14/spacing, 2), 250}}
	}
	diameter := roundTo(math.Hypot(ends[1][0]-ends[0][0], ends[1][1]-ends[0][1])*spacing, 1)
	mid := [2]float64{(ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2}
	r.Annotations = []Annotation{
		{
			ID: "a1", Image: img, GraphicType: GraphicPolyline, Tool: ToolArrow,
			// Head on the hydrosalpinx, tail (and label) up and out.
			Points: [][2]float64{
				{roundTo(mid[0]+8, 2), roundTo(mid[1]-8, 2)},
				{roundTo(mid[0]+60, 2), roundTo(mid[1]-60, 2)},
			},
			Label:      "L hydrosalpinx",
			FindingRef: "/tubes/left/hydrosalpinx",
		},
		{
			ID: "a2", Image: img, GraphicType: GraphicPolyline, Tool: ToolLength,
			Points:     [][2]float64{ends[0], ends[1]},
			FindingRef: "/tubes/left/hydrosalpinx/maxDiameterMm",
			// The measurement, with its source, is printed with the mark.
			Measurement: &Measurement{
				Value: diameter, Unit: UnitMM, SpacingSource: source,
				PixelSpacingMM: [2]float64{spacing, spacing},
				LengthPx:       roundTo(math.Hypot(ends[1][0]-ends[0][0], ends[1][1]-ends[0][1]), 2),
			},
		},
	}

	r.Tubes = Tubes{
		Right: Tube{
			Status: TubePresent, Opacification: OpacificationComplete, Patency: Patent,
			Spill: SpillFreePrompt, Contour: TubeSmooth, SterilizationDevice: SterilizationNone,
		},
		Left: Tube{
			Status: TubePresent, Opacification: OpacificationComplete, Patency: Occluded,
			OcclusionSite: SiteFimbrial, OcclusionQualifier: OcclusionDefinite, Spill: SpillNone,
			PeritubalAdhesionsSuspected: new(false),
			Hydrosalpinx: Hydrosalpinx{
				Present: new(true), MaxDiameterMM: new(diameter),
				MucosalFolds: FoldsReduced, MeasurementBasis: source,
			},
			Contour: TubeConvoluted, SterilizationDevice: SterilizationNone,
			AnnotationIDs: []string{"a1", "a2"},
		},
	}
	if img.SOPInstanceUID != "" {
		r.Tubes.Left.Evidence = []ImageRef{img}
	}
	r.Peritoneum = Peritoneum{
		SpillPattern:    PatternFree,
		DelayedFindings: []DelayedFinding{DelayedFreeDispersion, DelayedTubalContrast},
	}
	r.Complications = Complications{None: new(true), PainVAS: new(3)}
	r.Grading = Grading{HullRutherford: HRII, HullRutherfordBasis: HRBasisHSG}
	r.KeyImages = in.KeyImages
	RefreshImpression(r)
	return r
}

// pickMarkImage returns the key image best showing the left tube.
func pickMarkImage(keys []KeyImage) ImageRef {
	for _, role := range []KeyImageRole{RoleTubalFillingLeft, RoleSpill, RoleFullDistension} {
		for _, k := range keys {
			if k.Role == role {
				return k.Image
			}
		}
	}
	if len(keys) > 0 {
		return keys[0].Image
	}
	return ImageRef{}
}
