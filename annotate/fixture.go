package annotate

import (
	"encoding/json"
	"hsgview/dicomio"
	"hsgview/dicomio/synth"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	t0  = time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	img = ImageRef{
		StudyInstanceUID: "1.2.826.0.1.1", SeriesInstanceUID: "1.2.826.0.1.1.2", SOPClassUID: "1.2.840.10008.5.1.4.1.1.12.2",
		SOPInstanceUID: "1.2.826.0.1.1.2.3", FrameNumber: 4, AcquisitionDateTime: "20250304093015",
	}
	extra = map[string]json.RawMessage{"x-vendor": json.RawMessage(`{"a":[1,2]}`)}
)

// fullReport returns a schema-valid report with every field set (checked
// by TestFullReportSetsEveryField), so that round trips cover them all.
func fullReport() *Report {
	return &Report{
		SchemaVersion:   SchemaVersion,
		ReportID:        "0b9f6c1e-3f0a-4b8e-9d1c-2a7e5f4c3b21",
		Status:          StatusAmended,
		Language:        "en",
		CreatedAt:       t0,
		SignedAt:        t0.Add(time.Hour),
		Author:          Person{Name: "Dr Reader", ID: "R1"},
		Version:         2,
		AmendmentReason: "Left tube side corrected",
		PreviousVersions: []PreviousVersion{{
			Version: 1, Status: StatusFinal, SignedAt: t0.Add(30 * time.Minute), Author: Person{Name: "Dr Reader", ID: "R1"},
			ContentHash: "sha256:00", FinalText: "Old text.", AmendmentReason: "none before",
		}},
		ContentHash: "sha256:ff",
		Prefilled:   []string{"/technique/contrast/volumeMl"},
		Patient:     Patient{ID: "P1", Name: "Doe^Jane", BirthDate: "1990-01-02", Sex: SexFemale, Extra: extra},
		Clinical: Clinical{
			Indication:      []Indication{IndicationPrimarySubfertility},
			IndicationText:  "subfertility",
			LMPDate:         "2025-02-24",
			CycleDay:        new(9),
			PregnancyTest:   PregnancyTest{Result: PregnancyNegative, Specimen: SpecimenSerum, Date: "2025-03-03"},
			History:         []History{HistoryCaesarean},
			ConsentObtained: new(false),
			Comparison:      "none",
			Extra:           extra,
		},
		Study: Study{
			StudyInstanceUID: "1.2.826.0.1.1", AccessionNumber: "A1", StudyDateTime: "2025-03-04T09:15:00Z",
			ReferringPhysician: "Dr Ref", PerformingPhysician: "Dr Perf", Extra: extra,
		},
		Technique: Technique{
			Catheter: Catheter{Type: CatheterBalloon, SizeFr: new(0.0), BalloonPosition: BalloonLowerUterineSegment,
				BalloonVolumeML: new(1.0), BalloonFreeImageObtained: new(false)},
			TenaculumUsed: new(true),
			Contrast: Contrast{Class: ContrastOilBased, Agent: &Code{System: SystemSCT, Code: "89595000", Display: "Iodized oil"},
				ProductName: "Lipiodol", ConcentrationMgIPerML: new(480.0), VolumeML: new(0.0), Warmed: new(false), Source: ContrastFromManual},
			Medications:           []string{"hyoscine"},
			AntibioticProphylaxis: "doxycycline",
			FluoroscopyTimeS:      new(0.0),
			SpotImageCount:        new(0),
			CineRunCount:          new(2),
			Dose: Dose{DAPTotal: &Quantity{Value: new(1.5), Unit: UnitGyCm2}, DAPTotalGyCm2: new(1.5),
				AirKermaRefPointMGy: new(3.0), Source: DoseFromRDSR, Method: "Dose Area Product Total"},
			ImagesObtained: []ImageKind{ImageScout, ImageDelayed},
			DelayedImage: DelayedImage{Obtained: new(true), MinutesAfterContrast: new(60.0), CatheterRemovedBefore: new(false),
				Determination: DeterminedManually, Confidence: ConfidenceLow, Image: &img},
			SelectiveSalpingography: SelectiveNotPerformed,
			Adequacy:                Limited,
			Limitations:             []Limitation{LimitAirBubbles},
			TechniqueText:           "text",
			Extra:                   extra,
		},
		Cervix: Cervix{Canal: CanalNormal, Text: "ok", Extra: extra},
		Uterus: Uterus{
			CavityOpacified: new(true), Deviation: DeviationLeft, Size: SizeNormal, Contour: ContourSmooth,
			Shape: ShapeTwoHorns, InternalIndentationDepthMM: new(16.0), InternalIndentationAngleDeg: new(80.0),
			IntercornualAngleDeg: new(70.0),
			FillingDefects: []FillingDefect{{ID: "d1", Kind: DefectPolyp, Count: new(1), Location: LocFundus,
				Margin: MarginSmooth, SizeMM: new(6.0), MobileOrTransient: new(false), Evidence: []ImageRef{img},
				AnnotationIDs: []string{"m1"}}},
			IntrauterineAdhesions: Adhesions{Present: new(false), Extent: ExtentLessThanThird,
				Classification: AdhesionClassification{System: AdhesionAFS1988, Grade: "mild"}},
			AdenomyosisSigns: Adenomyosis{Present: new(false), Pattern: AdenomyosisOther, Location: LocBody},
			Outpouchings:     []Outpouching{{Type: OutpouchingNiche, Location: LocLowerUterineSegment, SizeMM: new(4.0)}},
			MullerianAnomaly: Anomaly{Suspected: new(true), ASRM: ASRMSeptateOrBicornuate, ASRMDetail: "two horns",
				ESHREUterine: U2OrU3, ESHRECervical: C0, ESHREVaginal: V0, AFS: AFSV, Certainty: Probable,
				ExternalContourAssessable: new(false), ConfirmationRecommended: ConfirmMRI, Side: Left},
			Devices: []Device{DeviceIUD},
			Text:    "text",
			Extra:   extra,
		},
		Tubes: Tubes{
			Left: Tube{Status: TubePresent, Opacification: OpacificationComplete, Patency: Occluded,
				OcclusionSite: SiteFimbrial, OcclusionQualifier: OcclusionDefinite, Spill: SpillNone,
				PeritubalAdhesionsSuspected: new(false),
				Hydrosalpinx: Hydrosalpinx{Present: new(true), MaxDiameterMM: new(18.0), MucosalFolds: FoldsAbsent,
					MeasurementBasis: SpacingUser},
				SalpingitisIsthmicaNodosa: new(false), TubalSpasmSuspected: new(false), Contour: TubeConvoluted,
				SterilizationDevice: SterilizationNone, Text: "hydro", Evidence: []ImageRef{img}, AnnotationIDs: []string{"m1"},
				Extra: extra},
			Right: Tube{Status: TubePresent, Opacification: OpacificationComplete, Patency: Patent,
				OcclusionSite: SiteAmpullary, OcclusionQualifier: OcclusionDefinite, Spill: SpillFreePrompt,
				PeritubalAdhesionsSuspected: new(true),
				Hydrosalpinx: Hydrosalpinx{Present: new(false), MaxDiameterMM: new(0.0), MucosalFolds: FoldsPreserved,
					MeasurementBasis: SpacingImager},
				SalpingitisIsthmicaNodosa: new(true), TubalSpasmSuspected: new(true), Contour: TubeSmooth,
				SterilizationDevice: SterilizationClip, Text: "patent", Evidence: []ImageRef{img}, AnnotationIDs: []string{"m1"},
				Extra: extra},
			Extra: extra,
		},
		Peritoneum: Peritoneum{SpillPattern: PatternFree, DelayedFindings: []DelayedFinding{DelayedFreeDispersion},
			Text: "dispersed", Extra: extra},
		Complications: Complications{None: new(false),
			Items: []Complication{{Type: VenousIntravasation, Grade: "Dusak level 1", Side: Right,
				AffectsInterpretation: new(false), Text: "brief"}},
			PainVAS: new(0), Extra: extra},
		Grading: Grading{HullRutherford: HRI, HullRutherfordBasis: HRBasisHSG,
			Other: []Grade{{System: "Hulka", Value: "II"}}, Extra: extra},
		Layer: Layer{Annotations: []Annotation{{ID: "m1", Image: img, GraphicType: GraphicPolyline, Points: [][2]float64{{1.5, 2.5}, {10, 20.25}},
			Label: "≈6 mm <polyp>", FindingRef: "/uterus/fillingDefects/0", Tool: ToolAngle, AngleDeg: new(0.0),
			Measurement: &Measurement{Value: 6, Unit: UnitMM, SpacingSource: SpacingPixelSpacing, PixelSpacingMM: [2]float64{0.2, 0.25},
				Reference: "catheter 6 Fr", LengthPx: 26.5, AreaMM2: 12.5, AreaPx: 250,
				Stats: &Stats{Mean: 1.5, SD: 0.5, Min: -1, Max: 3, Pixels: 250, Clipped: true}}}},
			Calibrations: []Calibration{{SeriesInstanceUID: img.SeriesInstanceUID, Image: &img, Method: CalibrateCatheterFrench,
				ReferenceValue: 6, Points: [][2]float64{{1, 1}, {21, 1}}, MMPerPixel: 0.1, CreatedAt: t0}}},
		KeyImages: []KeyImage{{Image: img, Role: RoleDelayed, MinutesFromContrastStart: new(0.0)}},
		Impression: Impression{
			Items: []ImpressionItem{{Text: "Edited.", Auto: true, Category: CategoryTubes,
				FindingRefs: []string{"/tubes/left"}, GeneratedText: "Generated."}},
			Recommendations: []Recommendation{{Code: RecommendAnomalyImaging, Text: "MRI", Auto: true,
				FindingRefs: []string{"/uterus/mullerianAnomaly"}}},
			FinalText: "Edited.",
			Extra:     extra,
		},
		Exports: Exports{
			PDF:   DICOMExport{SOPClassUID: "1.2.840.10008.5.1.4.1.1.104.1", SOPInstanceUID: "9.1", SeriesInstanceUID: "9", CreatedAt: t0},
			SR:    DICOMExport{SOPClassUID: "1.2.840.10008.5.1.4.1.1.88.33", SOPInstanceUID: "9.2", SeriesInstanceUID: "9", CreatedAt: t0},
			KOS:   DICOMExport{SOPClassUID: "1.2.840.10008.5.1.4.1.1.88.59", SOPInstanceUID: "9.3", SeriesInstanceUID: "9", CreatedAt: t0},
			GSPS:  DICOMExport{SOPClassUID: "1.2.840.10008.5.1.4.1.1.11.5", SOPInstanceUID: "9.4", SeriesInstanceUID: "9", CreatedAt: t0},
			Extra: extra,
		},
		Extra: map[string]json.RawMessage{"x-top": json.RawMessage(`"kept"`), "x-num": json.RawMessage(`12.5`)},
	}
}

// newTestReport returns a draft with nothing recorded but what edit sets.
func newTestReport(edit func(r *Report)) *Report {
	r := NewReport("1.2.3")
	if edit != nil {
		edit(r)
	}
	return r
}

func withDelayed(r *Report) { r.Technique.DelayedImage.Obtained = new(true) }

func normalCavity(r *Report) {
	r.Uterus = Uterus{CavityOpacified: new(true), Shape: ShapeNormalTriangular, Contour: ContourSmooth, Size: SizeNormal}
}

func texts(items []ImpressionItem) string {
	var s []string
	for _, it := range items {
		s = append(s, it.Text)
	}
	return strings.Join(s, " ")
}

func hydro(d float64, folds MucosalFolds, basis SpacingSource) Hydrosalpinx {
	return Hydrosalpinx{Present: new(true), MaxDiameterMM: new(d), MucosalFolds: folds, MeasurementBasis: basis}
}

func mark(t *testing.T, tool Tool, pts ...ImagePoint) Annotation {
	t.Helper()
	label := ""
	if tool == ToolText {
		label = "text"
	}
	a, err := NewMark(tool, ImageRef{SOPInstanceUID: "1.2.3"}, pts, label)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// demo is a small synthetic HSG study written once for the package tests.
var demoCache struct {
	once     sync.Once
	dir      string
	manifest *synth.Study
	err      error
}

// demoStudy returns the synthetic study (256×256 spots, a 4-frame run)
// and its manifest, opened afresh for each caller.
func demoStudy(t testing.TB) (*dicomio.Study, *synth.Study) {
	t.Helper()
	demoCache.once.Do(func() {
		dir, err := tempDirOutsideTest()
		if err != nil {
			demoCache.err = err
			return
		}
		demoCache.dir = dir
		demoCache.manifest, demoCache.err = synth.Generate(dir, synth.Options{Rows: 256, Cols: 256, CineFrames: 4})
	})
	if demoCache.err != nil {
		t.Fatal(demoCache.err)
	}
	c, err := dicomio.Open([]string{demoCache.dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if len(c.Studies) != 1 || len(c.Errors) > 0 {
		t.Fatalf("synthetic study: %d studies, errors %v", len(c.Studies), c.Errors)
	}
	return c.Studies[0], demoCache.manifest
}

// tempDirs are removed when the package tests end: they hold fixtures
// shared by several tests, which t.TempDir would remove after the first.
var tempDirs []string

func tempDirOutsideTest() (string, error) {
	d, err := os.MkdirTemp("", "hsgview-annotate-")
	if err == nil {
		tempDirs = append(tempDirs, d)
	}
	return d, err
}

// removeTempDirs removes the folders made by tempDirOutsideTest; call it
// from TestMain when the package tests end.
func removeTempDirs() {
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
}

// checkPrivate fails unless path has mode perm (on systems with modes).
func checkPrivate(t *testing.T, path string, perm os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != perm {
		t.Errorf("%s: mode %v, want %v", path, st.Mode().Perm(), perm)
	}
}

// lookup resolves a JSON pointer without escapes in decoded JSON.
func lookup(doc any, p string) (any, bool) {
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}
