package assess

import (
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"math"
	"strings"
	"testing"
)

// TestDrawable: marks from a hand-edited or foreign draft that do not
// make the shape their tool says are refused with the reason, so they
// are left out of exported images instead of drawn as something else or
// labelled with nonsense; every mark NewMark makes is drawable.
func TestDrawable(t *testing.T) {
	for _, tool := range []mark.Tool{mark.ToolArrow, mark.ToolText, mark.ToolLength, mark.ToolAngle, mark.ToolEllipse, mark.ToolPolygon, mark.ToolFreehand, mark.ToolPoint} {
		pts := map[mark.Tool][]mark.ImagePoint{
			mark.ToolArrow: {mark.Pt(1, 1), mark.Pt(9, 9)}, mark.ToolText: {mark.Pt(5, 5)}, mark.ToolLength: {mark.Pt(1, 1), mark.Pt(9, 1)},
			mark.ToolAngle: {mark.Pt(1, 1), mark.Pt(5, 5), mark.Pt(9, 1)}, mark.ToolEllipse: {mark.Pt(1, 1), mark.Pt(9, 5)},
			mark.ToolPolygon: {mark.Pt(1, 1), mark.Pt(9, 1), mark.Pt(5, 9)}, mark.ToolFreehand: {mark.Pt(1, 1), mark.Pt(9, 1), mark.Pt(9, 9), mark.Pt(1, 9)},
			mark.ToolPoint: {mark.Pt(3, 3)},
		}[tool]
		if err := fixture.Mark(t, tool, pts...).Drawable(); err != nil {
			t.Errorf("%s made by NewMark: %v", tool, err)
		}
	}
	length := fixture.Mark(t, mark.ToolLength, mark.Pt(1, 1), mark.Pt(9, 1))
	with := func(f func(a *mark.Annotation)) mark.Annotation { a := length.Clone(); f(&a); return a }
	cases := []struct {
		name string
		a    mark.Annotation
		want string
	}{
		{"unknown graphic type", with(func(a *mark.Annotation) { a.GraphicType = "SQUARE" }), "unknown graphic type"},
		{"no points", with(func(a *mark.Annotation) { a.Points = nil }), "0 points do not make a POLYLINE"},
		{"one point for a length", with(func(a *mark.Annotation) { a.Points = a.Points[:1] }), "1 points do not make"},
		{"three points for a length", with(func(a *mark.Annotation) { a.Points = append(a.Points, [2]float64{4, 4}) }), "a length mark has 2 points, not 3"},
		{"unknown tool", with(func(a *mark.Annotation) { a.Tool = "laser" }), "unknown tool"},
		{"huge coordinates", with(func(a *mark.Annotation) { a.Points[1] = [2]float64{1e300, 1e300} }), "not within"},
		{"NaN", with(func(a *mark.Annotation) { a.Points[0] = [2]float64{math.NaN(), 1} }), "not within"},
		{"zero length", with(func(a *mark.Annotation) { a.Points[1] = a.Points[0] }), "zero-length"},
		{"negative frame", with(func(a *mark.Annotation) { a.Image.FrameNumber = -1 }), "frame number -1"},
		{"empty text", func() mark.Annotation { a := fixture.Mark(t, mark.ToolText, mark.Pt(5, 5)); a.Label = "  "; return a }(), "without text"},
		{"open polygon", func() mark.Annotation {
			a := fixture.Mark(t, mark.ToolPolygon, mark.Pt(1, 1), mark.Pt(9, 1), mark.Pt(5, 9))
			a.Points = a.Points[:len(a.Points)-1]
			return a
		}(), "must be closed"},
		{"bow tie of no area", func() mark.Annotation {
			a := fixture.Mark(t, mark.ToolPolygon, mark.Pt(1, 1), mark.Pt(9, 1), mark.Pt(5, 9))
			a.Points = [][2]float64{{0, 0}, {0, 0}, {0, 0}, {0, 0}}
			return a
		}(), "encloses no area"},
		{"empty ellipse", func() mark.Annotation {
			a := fixture.Mark(t, mark.ToolEllipse, mark.Pt(1, 1), mark.Pt(9, 5))
			for i := range a.Points {
				a.Points[i] = [2]float64{3, 3}
			}
			return a
		}(), "empty ellipse"},
	}
	for _, c := range cases {
		err := c.a.Drawable()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := mark.NewMark(mark.ToolLength, mark.ImageRef{SOPInstanceUID: "1"}, []mark.ImagePoint{mark.Pt(0, 0), mark.Pt(2e6, 0)}, ""); err == nil {
		t.Error("NewMark took a point 2 million pixels away")
	}
}

// TestValidateCalibrationMatchesLine: a calibration whose stored spacing
// disagrees with its own reference line is an error (a draft said 5 mm
// per pixel for a 6 Fr catheter over 30 pixels and printed 500 mm).
func TestValidateCalibrationMatchesLine(t *testing.T) {
	r := report.NewReport("1.2.3")
	c, err := mark.NewCalibration("1.2.3.4", nil, mark.CalibrateCatheterFrench, 6, [2]float64{0, 0}, [2]float64{30, 0})
	if err != nil {
		t.Fatal(err)
	}
	r.Calibrations = []mark.Calibration{c}
	for _, p := range Validate(r) {
		if strings.HasPrefix(p.Path, "/calibrations") {
			t.Errorf("a consistent calibration: %v", p)
		}
	}
	r.Calibrations[0].MMPerPixel = 5
	found := false
	for _, p := range Validate(r) {
		found = found || p.Path == "/calibrations/0/mmPerPixel" && strings.Contains(p.Message, "does not match the reference line")
	}
	if !found {
		t.Errorf("no problem for 5 mm per pixel over a 30-pixel 6 Fr line: %v", Validate(r))
	}
}

// TestValidateGradeMatchesTubes: a provisional Hull & Rutherford grade
// that contradicts the tubes as recorded is flagged.
func TestValidateGradeMatchesTubes(t *testing.T) {
	yes := true
	mm := func(v float64) *float64 { return &v }
	hydro := func(d float64) report.Tube {
		return report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNone,
			Hydrosalpinx: report.Hydrosalpinx{Present: &yes, MaxDiameterMM: mm(d), MeasurementBasis: mark.SpacingPixelSpacing}}
	}
	healthy := report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
	for _, c := range []struct {
		name        string
		right, left report.Tube
		grade       report.HullRutherford
		want        string // "" for no grading problem
	}{
		{"bilateral severe, grade II", hydro(22), hydro(18), report.HRII, "Grade III, not II"},
		{"bilateral severe, grade III", hydro(22), hydro(18), report.HRIII, ""},
		{"one severe, grade I", hydro(22), healthy, report.HRI, "Grade II or III, not I"},
		{"one severe, grade II", hydro(22), healthy, report.HRII, ""},
		{"healthy, grade III", healthy, healthy, report.HRIII, "does not fit Hull & Rutherford Grade III"},
		{"small hydrosalpinx, grade I", hydro(10), healthy, report.HRI, ""},
	} {
		r := report.NewReport("1.2.3")
		r.Tubes.Right, r.Tubes.Left = c.right, c.left
		r.Grading = report.Grading{HullRutherford: c.grade, HullRutherfordBasis: report.HRBasisHSG}
		var got string
		for _, p := range Validate(r) {
			if p.Path == "/grading/hullRutherford" {
				got = p.Message
			}
		}
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		// A grade from laparoscopy is not second-guessed.
		r.Grading.HullRutherfordBasis = report.HRBasisLaparoscopy
		for _, p := range Validate(r) {
			if p.Path == "/grading/hullRutherford" {
				t.Errorf("%s: laparoscopic grade flagged: %v", c.name, p)
			}
		}
	}
}
