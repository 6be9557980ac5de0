package annotate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func exampleInput() ExampleInput {
	series := "1.2.826.0.1.3680043.8.498.1.2"
	ref := func(n string) ImageRef {
		return ImageRef{StudyInstanceUID: "1.2.826.0.1.3680043.8.498.1", SeriesInstanceUID: series,
			SOPClassUID: "1.2.840.10008.5.1.4.1.1.12.2", SOPInstanceUID: series + "." + n}
	}
	return ExampleInput{
		StudyUID: "1.2.826.0.1.3680043.8.498.1", Accession: "DEMO0001", StudyDateTime: "2025-03-04T09:15:00+01:00",
		PatientID: "DEMO-HSG-1", PatientName: "Demo^Patient", BirthDate: "19920317", Sex: SexFemale,
		KeyImages: []KeyImage{
			{Image: ref("1"), Role: RoleScout, MinutesFromContrastStart: new(-1.0)},
			{Image: ref("3"), Role: RoleTubalFillingLeft, MinutesFromContrastStart: new(1.5)},
			{Image: ref("4"), Role: RoleSpill, MinutesFromContrastStart: new(2.0)},
			{Image: ref("6"), Role: RoleDelayed, MinutesFromContrastStart: new(22.0)},
		},
		DelayedMinutes: 22,
		CreatedAt:      time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC),
	}
}

func exampleReport() *Report { return ExampleReport(exampleInput()) }

func TestExampleReport(t *testing.T) {
	r := exampleReport()
	if issues := Validate(r); len(issues) > 0 {
		t.Errorf("the example report has issues: %v", issues)
	}
	want := "Right tube patent with free intraperitoneal spill.\n" +
		"Left hydrosalpinx (≈14 mm, mucosal folds reduced) with distal occlusion; no spill on the delayed image.\n" +
		"Normal uterine cavity.\n" +
		"Delayed image at 22 min shows free dispersion of contrast in the pelvis and residual contrast in the left hydrosalpinx."
	if r.Impression.FinalText != want || ImpressionText(r.Impression.Items) != want {
		t.Errorf("impression:\n%s\nwant:\n%s", r.Impression.FinalText, want)
	}
	if r.Patient.BirthDate != "1992-03-17" || r.Study.AccessionNumber != "DEMO0001" || r.Status != StatusDraft {
		t.Errorf("identifiers not copied: %+v %+v", r.Patient, r.Study)
	}
	if d := r.Technique.DelayedImage; d.Image == nil || d.Image.SOPInstanceUID != exampleInput().KeyImages[3].Image.SOPInstanceUID {
		t.Errorf("delayed image not taken from the key images: %+v", d.Image)
	}
	// The marks sit on the left tubal filling image and illustrate the hydrosalpinx.
	if len(r.Annotations) != 2 {
		t.Fatalf("%d annotations", len(r.Annotations))
	}
	arrow, length := r.Annotations[0], r.Annotations[1]
	if arrow.Tool != ToolArrow || arrow.Label == "" || arrow.FindingRef != "/tubes/left/hydrosalpinx" ||
		arrow.Image.SOPInstanceUID != exampleInput().KeyImages[1].Image.SOPInstanceUID {
		t.Errorf("arrow %+v", arrow)
	}
	if m := length.Measurement; length.Tool != ToolLength || m == nil || m.Value != 14 || m.SpacingSource != SpacingImager {
		t.Errorf("length %+v", length)
	}
	if !slices.Equal(r.Tubes.Left.AnnotationIDs, []string{"a1", "a2"}) {
		t.Errorf("left tube annotation ids %q", r.Tubes.Left.AnnotationIDs)
	}
	if !r.IsPrefilled("/technique/contrast/volumeMl") || !r.IsPrefilled("/technique/dose/dapTotal") {
		t.Errorf("DICOM values not marked prefilled: %q", r.Prefilled)
	}
}

func TestExampleReportGeometry(t *testing.T) {
	in := exampleInput()
	in.MarkImage = ImageRef{SOPInstanceUID: "9.9"}
	in.Hydrosalpinx = [2][2]float64{{100, 100}, {100, 190}}
	in.PixelSpacingMM = 0.2
	in.SpacingSource = SpacingPixelSpacing
	r := ExampleReport(in)
	if got := *r.Tubes.Left.Hydrosalpinx.MaxDiameterMM; got != 18 {
		t.Errorf("diameter %v, want 18 mm (90 px × 0.2 mm)", got)
	}
	if !strings.Contains(r.Impression.FinalText, "Left hydrosalpinx (18 mm, mucosal folds reduced)") {
		t.Errorf("a calibrated size is printed exactly: %s", r.Impression.FinalText)
	}
	if r.Annotations[1].Image.SOPInstanceUID != "9.9" {
		t.Error("MarkImage not used")
	}
	// With no images at all the example is still complete apart from image references.
	r = ExampleReport(ExampleInput{StudyUID: "1.2"})
	for _, i := range Validate(r) {
		if i.Severity == SeverityError && !strings.HasSuffix(i.Path, "/sopInstanceUid") {
			t.Errorf("unexpected issue %v", i)
		}
	}
	if r.Technique.DelayedImage.MinutesAfterContrast == nil || *r.Technique.DelayedImage.MinutesAfterContrast != 20 {
		t.Error("the delayed image defaults to 20 min")
	}
}

func ExampleGenerateImpression() {
	r := NewReport("1.2.3")
	r.Technique.DelayedImage.Obtained = new(true)
	r.Uterus = Uterus{CavityOpacified: new(true), Shape: ShapeNormalTriangular, Contour: ContourSmooth}
	r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNone,
		Hydrosalpinx: Hydrosalpinx{Present: new(true), MaxDiameterMM: new(18.0), MucosalFolds: FoldsAbsent,
			MeasurementBasis: SpacingImager}}
	r.Tubes.Left = Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreePrompt}
	for _, it := range GenerateImpression(r) {
		fmt.Println(it.Category, it.FindingRefs, it.Text)
	}
	// Output:
	// tubes [/tubes/right] Right hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image.
	// tubes [/tubes/left] Left tube patent with free intraperitoneal spill.
	// cavity [/uterus] Normal uterine cavity.
}
