package annotate

import (
	"math"
	"strings"
	"testing"
)

// TestDrawable: marks from a hand-edited or foreign draft that do not
// make the shape their tool says are refused with the reason, so they
// are left out of exported images instead of drawn as something else or
// labelled with nonsense; every mark NewMark makes is drawable.
func TestDrawable(t *testing.T) {
	for _, tool := range []Tool{ToolArrow, ToolText, ToolLength, ToolAngle, ToolEllipse, ToolPolygon, ToolFreehand, ToolPoint} {
		pts := map[Tool][]ImagePoint{
			ToolArrow: {Pt(1, 1), Pt(9, 9)}, ToolText: {Pt(5, 5)}, ToolLength: {Pt(1, 1), Pt(9, 1)},
			ToolAngle: {Pt(1, 1), Pt(5, 5), Pt(9, 1)}, ToolEllipse: {Pt(1, 1), Pt(9, 5)},
			ToolPolygon: {Pt(1, 1), Pt(9, 1), Pt(5, 9)}, ToolFreehand: {Pt(1, 1), Pt(9, 1), Pt(9, 9), Pt(1, 9)},
			ToolPoint: {Pt(3, 3)},
		}[tool]
		if err := mark(t, tool, pts...).Drawable(); err != nil {
			t.Errorf("%s made by NewMark: %v", tool, err)
		}
	}
	length := mark(t, ToolLength, Pt(1, 1), Pt(9, 1))
	with := func(f func(a *Annotation)) Annotation { a := length.clone(); f(&a); return a }
	cases := []struct {
		name string
		a    Annotation
		want string
	}{
		{"unknown graphic type", with(func(a *Annotation) { a.GraphicType = "SQUARE" }), "unknown graphic type"},
		{"no points", with(func(a *Annotation) { a.Points = nil }), "0 points do not make a POLYLINE"},
		{"one point for a length", with(func(a *Annotation) { a.Points = a.Points[:1] }), "1 points do not make"},
		{"three points for a length", with(func(a *Annotation) { a.Points = append(a.Points, [2]float64{4, 4}) }), "a length mark has 2 points, not 3"},
		{"unknown tool", with(func(a *Annotation) { a.Tool = "laser" }), "unknown tool"},
		{"huge coordinates", with(func(a *Annotation) { a.Points[1] = [2]float64{1e300, 1e300} }), "not within"},
		{"NaN", with(func(a *Annotation) { a.Points[0] = [2]float64{math.NaN(), 1} }), "not within"},
		{"zero length", with(func(a *Annotation) { a.Points[1] = a.Points[0] }), "zero-length"},
		{"negative frame", with(func(a *Annotation) { a.Image.FrameNumber = -1 }), "frame number -1"},
		{"empty text", func() Annotation { a := mark(t, ToolText, Pt(5, 5)); a.Label = "  "; return a }(), "without text"},
		{"open polygon", func() Annotation {
			a := mark(t, ToolPolygon, Pt(1, 1), Pt(9, 1), Pt(5, 9))
			a.Points = a.Points[:len(a.Points)-1]
			return a
		}(), "must be closed"},
		{"bow tie of no area", func() Annotation {
			a := mark(t, ToolPolygon, Pt(1, 1), Pt(9, 1), Pt(5, 9))
			a.Points = [][2]float64{{0, 0}, {0, 0}, {0, 0}, {0, 0}}
			return a
		}(), "encloses no area"},
		{"empty ellipse", func() Annotation {
			a := mark(t, ToolEllipse, Pt(1, 1), Pt(9, 5))
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
	if _, err := NewMark(ToolLength, ImageRef{SOPInstanceUID: "1"}, []ImagePoint{Pt(0, 0), Pt(2e6, 0)}, ""); err == nil {
		t.Error("NewMark took a point 2 million pixels away")
	}
}

// TestValidateCalibrationMatchesLine: a calibration whose stored spacing
// disagrees with its own reference line is an error (a draft said 5 mm
// per pixel for a 6 Fr catheter over 30 pixels and printed 500 mm).
func TestValidateCalibrationMatchesLine(t *testing.T) {
	r := NewReport("1.2.3")
	c, err := NewCalibration("1.2.3.4", nil, CalibrateCatheterFrench, 6, [2]float64{0, 0}, [2]float64{30, 0})
	if err != nil {
		t.Fatal(err)
	}
	r.Calibrations = []Calibration{c}
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
	hydro := func(d float64) Tube {
		return Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNone,
			Hydrosalpinx: Hydrosalpinx{Present: &yes, MaxDiameterMM: mm(d), MeasurementBasis: SpacingPixelSpacing}}
	}
	healthy := Tube{Patency: Patent, Spill: SpillFreePrompt}
	for _, c := range []struct {
		name        string
		right, left Tube
		grade       HullRutherford
		want        string // "" for no grading problem
	}{
		{"bilateral severe, grade II", hydro(22), hydro(18), HRII, "Grade III, not II"},
		{"bilateral severe, grade III", hydro(22), hydro(18), HRIII, ""},
		{"one severe, grade I", hydro(22), healthy, HRI, "Grade II or III, not I"},
		{"one severe, grade II", hydro(22), healthy, HRII, ""},
		{"healthy, grade III", healthy, healthy, HRIII, "does not fit Hull & Rutherford Grade III"},
		{"small hydrosalpinx, grade I", hydro(10), healthy, HRI, ""},
	} {
		r := NewReport("1.2.3")
		r.Tubes.Right, r.Tubes.Left = c.right, c.left
		r.Grading = Grading{HullRutherford: c.grade, HullRutherfordBasis: HRBasisHSG}
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
		r.Grading.HullRutherfordBasis = HRBasisLaparoscopy
		for _, p := range Validate(r) {
			if p.Path == "/grading/hullRutherford" {
				t.Errorf("%s: laparoscopic grade flagged: %v", c.name, p)
			}
		}
	}
}
