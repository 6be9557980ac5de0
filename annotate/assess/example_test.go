package assess

import (
	"fmt"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"slices"
	"strings"
	"testing"
)

func exampleReport() *report.Report { return ExampleReport(fixture.ExampleInput()) }

func TestExampleReport(t *testing.T) {
	r := exampleReport()
	if issues := Validate(r); len(issues) > 0 {
		t.Errorf("the example report has issues: %v", issues)
	}
	want := "Right tube patent with free intraperitoneal spill.\n" +
		"Left hydrosalpinx (≈14 mm, mucosal folds reduced) with distal occlusion; no spill on the delayed image.\n" +
		"Normal uterine cavity.\n" +
		"Delayed image at 22 min shows free dispersion of contrast in the pelvis and residual contrast in the left hydrosalpinx.\n" +
		"Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."
	if r.Impression.FinalText != want || report.ImpressionText(r.Impression.Items) != want {
		t.Errorf("impression:\n%s\nwant:\n%s", r.Impression.FinalText, want)
	}
	if r.Patient.BirthDate != "1992-03-17" || r.Study.AccessionNumber != "DEMO0001" || r.Status != report.StatusDraft {
		t.Errorf("identifiers not copied: %+v %+v", r.Patient, r.Study)
	}
	if d := r.Technique.DelayedImage; d.Image == nil || d.Image.SOPInstanceUID != fixture.ExampleInput().KeyImages[3].Image.SOPInstanceUID {
		t.Errorf("delayed image not taken from the key images: %+v", d.Image)
	}
	// The marks sit on the left tubal filling image and illustrate the hydrosalpinx.
	if len(r.Annotations) != 2 {
		t.Fatalf("%d annotations", len(r.Annotations))
	}
	arrow, length := r.Annotations[0], r.Annotations[1]
	if arrow.Tool != mark.ToolArrow || arrow.Label == "" || arrow.FindingRef != "/tubes/left/hydrosalpinx" ||
		arrow.Image.SOPInstanceUID != fixture.ExampleInput().KeyImages[1].Image.SOPInstanceUID {
		t.Errorf("arrow %+v", arrow)
	}
	if m := length.Measurement; length.Tool != mark.ToolLength || m == nil || m.Value != 14 || m.SpacingSource != mark.SpacingImager {
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
	in := fixture.ExampleInput()
	in.MarkImage = mark.ImageRef{SOPInstanceUID: "9.9"}
	in.Hydrosalpinx = [2][2]float64{{100, 100}, {100, 190}}
	in.PixelSpacingMM = 0.2
	in.SpacingSource = mark.SpacingPixelSpacing
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
	r = ExampleReport(report.ExampleInput{StudyUID: "1.2"})
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
	r := report.NewReport("1.2.3")
	r.Technique.DelayedImage.Obtained = new(true)
	r.Uterus = report.Uterus{CavityOpacified: new(true), Shape: report.ShapeNormalTriangular, Contour: report.ContourSmooth}
	r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNone,
		Hydrosalpinx: report.Hydrosalpinx{Present: new(true), MaxDiameterMM: new(18.0), MucosalFolds: report.FoldsAbsent,
			MeasurementBasis: mark.SpacingImager}}
	r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
	for _, it := range GenerateImpression(r) {
		fmt.Println(it.Category, it.FindingRefs, it.Text)
	}
	// Output:
	// tubes [/tubes/right] Right hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image.
	// tubes [/tubes/left] Left tube patent with free intraperitoneal spill.
	// cavity [/uterus] Normal uterine cavity.
	// other [/tubes/right/hydrosalpinx] Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease.
}
