package mark

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// spacings are the spacing sources of hsg-reporting.md §4.4 and a user
// calibration, with the qualifier each must print.
var spacings = []struct {
	name      string
	sp        Spacing
	qualifier string
}{
	{"PixelSpacing", Spacing{Row: 0.2, Column: 0.2, Source: SpacingPixelSpacing}, "calibrated"},
	{"ImagerPixelSpacing", Spacing{Row: 0.3, Column: 0.3, Source: SpacingImager}, "at detector"},
	{"ImagerPixelSpacing÷ERMF", Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}, "magnification-corrected"},
	{"UserCalibration", Spacing{Row: 2.0 / 30, Column: 2.0 / 30, Source: SpacingUser, Reference: "catheter 6 Fr"},
		"user calibration (catheter 6 Fr)"},
	{"none", Spacing{Source: SpacingUncalibrated}, "uncalibrated"},
}

func Near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestMeasureLengthEachSource(t *testing.T) {
	// A 3-4-5 segment: 50 px.
	a := mark(t, ToolLength, Pt(10, 10), Pt(40, 50))
	want := map[string]string{
		"PixelSpacing":            "10.0 mm (calibrated)",
		"ImagerPixelSpacing":      "15.0 mm (at detector)",
		"ImagerPixelSpacing÷ERMF": "12.0 mm (magnification-corrected)",
		"UserCalibration":         "3.3 mm (user calibration, catheter 6 Fr)",
		"none":                    "50 px (uncalibrated)",
	}
	for _, c := range spacings {
		m := Measure(a, c.sp, nil)
		if m.Measurement == nil {
			t.Fatalf("%s: not measured", c.name)
		}
		if c.sp.Qualifier() != c.qualifier {
			t.Errorf("%s: qualifier %q, want %q", c.name, c.sp.Qualifier(), c.qualifier)
		}
		if m.Measurement.LengthPx != 50 {
			t.Errorf("%s: %v px, want 50", c.name, m.Measurement.LengthPx)
		}
		if wantMM := 50 * c.sp.Column; !Near(m.Measurement.Value, wantMM, 1e-6) {
			t.Errorf("%s: %v mm, want %v", c.name, m.Measurement.Value, wantMM)
		}
		if m.Measurement.SpacingSource != c.sp.Source && !(c.name == "none" && m.Measurement.SpacingSource == SpacingUncalibrated) {
			t.Errorf("%s: source %q", c.name, m.Measurement.SpacingSource)
		}
		if got := m.MeasurementText(); len(got) != 1 || got[0] != want[c.name] {
			t.Errorf("%s: text %q, want %q", c.name, got, want[c.name])
		}
		if c.name == "none" {
			if m.Measurement.Value != 0 || m.Measurement.PixelSpacingMM != ([2]float64{}) {
				t.Errorf("an uncalibrated length has millimetres: %+v", m.Measurement)
			}
			data, _ := fullJSON(t, m)
			if strings.Contains(data, `"value"`) {
				t.Errorf("an uncalibrated length writes a value in mm: %s", data)
			}
		}
	}
}

// fullJSON returns the JSON form of a in a layer of marks.
func fullJSON(t *testing.T, a Annotation) (string, *Layer) {
	t.Helper()
	l := &Layer{Annotations: []Annotation{a}}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), l
}

func TestMeasureAnisotropic(t *testing.T) {
	sp := Spacing{Row: 0.5, Column: 0.25, Source: SpacingPixelSpacing}
	// dx = 40 columns × 0.25 = 10 mm, dy = 30 rows × 0.5 = 15 mm.
	l := Measure(mark(t, ToolLength, Pt(0, 0), Pt(40, 30)), sp, nil)
	if !Near(l.Measurement.Value, math.Sqrt(325), 1e-6) || l.Measurement.LengthPx != 50 {
		t.Errorf("length %+v, want %v mm over 50 px", l.Measurement, math.Sqrt(325))
	}
	if l.Measurement.PixelSpacingMM != [2]float64{0.5, 0.25} {
		t.Errorf("spacing recorded as %v, want (row, column) = (0.5, 0.25)", l.Measurement.PixelSpacingMM)
	}
	// 45° in pixels is atan(12.5/6.25) = 63.43° in mm.
	an := Measure(mark(t, ToolAngle, Pt(10, 0), Pt(0, 0), Pt(10, 10)), sp, nil)
	if an.AngleDeg == nil || !Near(*an.AngleDeg, math.Atan2(2, 1)*180/math.Pi, 1e-6) {
		t.Errorf("angle %v, want 63.43°", an.AngleDeg)
	}
	iso := Measure(mark(t, ToolAngle, Pt(10, 0), Pt(0, 0), Pt(10, 10)), Spacing{}, nil)
	if iso.AngleDeg == nil || !Near(*iso.AngleDeg, 45, 1e-9) || iso.MeasurementText()[0] != "45.0°" {
		t.Errorf("uncalibrated angle %v, want 45°", iso.AngleDeg)
	}
	// Areas scale by row × column spacing.
	e := Measure(mark(t, ToolEllipse, Pt(0, 0), Pt(20, 10)), sp, nil)
	if !Near(e.Measurement.AreaPx, 50*math.Pi, 1e-6) || !Near(e.Measurement.AreaMM2, 50*math.Pi*0.125, 1e-6) {
		t.Errorf("ellipse %+v, want %v px² and %v mm²", e.Measurement, 50*math.Pi, 50*math.Pi*0.125)
	}
}

func TestMeasureAreaEachSource(t *testing.T) {
	sq := mark(t, ToolPolygon, Pt(0, 0), Pt(20, 0), Pt(20, 10), Pt(0, 10))
	el := mark(t, ToolEllipse, Pt(0, 0), Pt(20, 10))
	for _, c := range spacings {
		k := c.sp.Row * c.sp.Column
		p := Measure(sq, c.sp, nil).Measurement
		if p.AreaPx != 200 || !Near(p.AreaMM2, 200*k, 1e-6) {
			t.Errorf("%s: polygon %v px² %v mm², want 200 and %v", c.name, p.AreaPx, p.AreaMM2, 200*k)
		}
		e := Measure(el, c.sp, nil).Measurement
		if !Near(e.AreaPx, 50*math.Pi, 1e-6) || !Near(e.AreaMM2, 50*math.Pi*k, 1e-6) {
			t.Errorf("%s: ellipse %v px² %v mm²", c.name, e.AreaPx, e.AreaMM2)
		}
		text := Measure(sq, c.sp, nil).MeasurementText()[0]
		if c.name == "none" {
			if text != "area 200 px² (uncalibrated)" {
				t.Errorf("none: %q", text)
			}
		} else if !strings.Contains(text, "mm² (") || strings.Contains(text, "px") {
			t.Errorf("%s: %q", c.name, text)
		}
	}
	want := "area 8.0 mm² (calibrated)" // 200 px² × 0.04
	if got := Measure(sq, spacings[0].sp, nil).MeasurementText()[0]; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestSizeNeverMMWithoutSource(t *testing.T) {
	for _, sp := range []Spacing{
		{Row: 0.2, Column: 0.2},                                // no source
		{Row: 0.2, Column: 0.2, Source: SpacingUncalibrated},   // says uncalibrated
		{Row: 0, Column: 0.2, Source: SpacingPixelSpacing},     // no row spacing
		{Row: math.NaN(), Column: 0.2, Source: SpacingImager},  // NaN
		{Row: math.Inf(1), Column: 0.2, Source: SpacingImager}, // Inf
		{Row: 0.2, Column: 0.2, Source: "Guess"},               // unknown
	} {
		for _, s := range []string{sp.Length(Pt(0, 0), Pt(3, 4)).String(), sp.Area(12).String(), sp.String()} {
			if strings.Contains(s, "mm") {
				t.Errorf("%+v prints %q", sp, s)
			}
		}
	}
	if got := (Size{Px: 7.25}).String(); got != "7.3 px (uncalibrated)" {
		t.Errorf("%q", got)
	}
	if got := (Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}).String(); got != "0.240 mm/px (magnification-corrected)" {
		t.Errorf("%q", got)
	}
}

func TestFileSpacing(t *testing.T) {
	for _, c := range []struct {
		in   dicomio.Calibration
		want Spacing
	}{
		{dicomio.Calibration{Spacing: [2]float64{0.2, 0.25}, Source: dicomio.SpacingPixelSpacing},
			Spacing{Row: 0.2, Column: 0.25, Source: SpacingPixelSpacing}},
		{dicomio.Calibration{Spacing: [2]float64{0.24, 0.24}, Source: dicomio.SpacingImagerOverERMF},
			Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}},
		{dicomio.Calibration{Spacing: [2]float64{0.3, 0.3}, Source: dicomio.SpacingImager},
			Spacing{Row: 0.3, Column: 0.3, Source: SpacingImager}},
		{dicomio.Calibration{Source: dicomio.SpacingUncalibrated}, Spacing{Source: SpacingUncalibrated}},
		// A file never carries a user calibration, and a zero spacing is none.
		{dicomio.Calibration{Spacing: [2]float64{0.1, 0.1}, Source: dicomio.SpacingUserCalibration}, Spacing{Source: SpacingUncalibrated}},
		{dicomio.Calibration{Source: dicomio.SpacingPixelSpacing}, Spacing{Source: SpacingUncalibrated}},
	} {
		if got := FileSpacing(c.in); got != c.want {
			t.Errorf("%+v: %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestReportSpacingOrder(t *testing.T) {
	r := &Layer{}
	file := Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}
	if got := r.Spacing("s1", file); got != file {
		t.Errorf("no calibration: %+v", got)
	}
	cal, err := NewCalibration("s1", nil, CalibrateCatheterFrench, 6, Pt(0, 0).array(), Pt(30, 0).array())
	if err != nil {
		t.Fatal(err)
	}
	r.SetCalibration(cal)
	got := r.Spacing("s1", file)
	if got.Source != SpacingUser || !Near(got.Row, 0.0667, 5e-5) || got.Reference != "catheter 6 Fr" {
		t.Errorf("user calibration does not win: %+v", got)
	}
	if got := r.Spacing("s2", file); got != file {
		t.Errorf("another series takes the calibration: %+v", got)
	}
	if got := r.Spacing("s2", Spacing{}); got.HasMM() || got.Source != SpacingUncalibrated {
		t.Errorf("no spacing at all: %+v", got)
	}
}

func TestCalibrationMaths(t *testing.T) {
	for _, c := range []struct {
		m        CalibrationMethod
		ref, px  float64
		mmPerPx  float64
		refText  string
		describe string
	}{
		{CalibrateCatheterFrench, 6, 30, 2.0 / 30, "catheter 6 Fr",
			"user calibration: catheter 6 Fr (2 mm) over 30.0 px = 0.0667 mm/px"},
		{CalibrateCatheterFrench, 5, 25, 5.0 / 75, "catheter 5 Fr",
			"user calibration: catheter 5 Fr (1.667 mm) over 25.0 px = 0.0667 mm/px"},
		{CalibrateBalloonMM, 12, 48, 0.25, "balloon 12 mm", "user calibration: balloon 12 mm over 48.0 px = 0.250 mm/px"},
		{CalibrateKnownLength, 25, 100, 0.25, "known length 25 mm",
			"user calibration: known length 25 mm over 100.0 px = 0.250 mm/px"},
	} {
		// A diagonal line of c.px pixels.
		d := c.px / math.Sqrt2
		cal, err := NewCalibration("s", nil, c.m, c.ref, [2]float64{5, 5}, [2]float64{5 + d, 5 + d})
		if err != nil {
			t.Fatal(err)
		}
		if !Near(cal.MMPerPixel, c.mmPerPx, 1e-12) {
			t.Errorf("%s %v over %v px: %v mm/px, want %v", c.m, c.ref, c.px, cal.MMPerPixel, c.mmPerPx)
		}
		if cal.ReferenceText() != c.refText || cal.String() != c.describe {
			t.Errorf("%q / %q", cal.ReferenceText(), cal.String())
		}
		sp := cal.Spacing()
		if sp.Source != SpacingUser || sp.Row != sp.Column || sp.Qualifier() != "user calibration ("+c.refText+")" {
			t.Errorf("spacing %+v %q", sp, sp.Qualifier())
		}
	}
	// 6 Fr over 30 px, then a 60 px line measures 4 mm.
	cal, _ := NewCalibration("s", nil, CalibrateCatheterFrench, 6, [2]float64{0, 0}, [2]float64{30, 0})
	if got := cal.Spacing().Length(Pt(0, 0), Pt(0, 60)).String(); got != "4.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("%q", got)
	}
}

func TestMeasureOddInput(t *testing.T) {
	sp := spacings[0].sp
	nan, inf := math.NaN(), math.Inf(1)
	for _, a := range []Annotation{
		{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{1, 1}, {1, 1}}},
		{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{nan, 1}, {1, 1}}},
		{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{inf, 1}, {1, 1}}},
		{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{1e308, 1}, {-1e308, 1}}},
		{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{1e303, 1}, {-1e303, 1}}},
		{Tool: ToolPolygon, GraphicType: GraphicPolyline, Points: [][2]float64{{0, 0}, {1e200, 0}, {0, 1e200}, {0, 0}}},
		{Tool: ToolLength, GraphicType: GraphicPolyline},
		{Tool: ToolAngle, GraphicType: GraphicPolyline, Points: [][2]float64{{1, 1}, {1, 1}, {2, 2}}},
		{Tool: ToolPolygon, GraphicType: GraphicPolyline, Points: [][2]float64{{1, 1}, {2, 2}, {3, 3}, {1, 1}}},
		{Tool: ToolPolygon, GraphicType: GraphicPolyline, Points: [][2]float64{{1, 1}, {1, 1}, {1, 1}, {1, 1}}},
		{Tool: ToolEllipse, GraphicType: GraphicEllipse, Points: [][2]float64{{1, 1}, {1, 1}, {1, 1}, {1, 1}}},
		{Tool: ToolEllipse, GraphicType: GraphicEllipse, Points: [][2]float64{{1, 1}, {5, 1}}},
		{GraphicType: GraphicCircle, Points: [][2]float64{{1, 1}, {nan, 1}}},
		{GraphicType: "SPLINE", Points: [][2]float64{{1, 1}, {2, 1}}},
		{},
	} {
		m := Measure(a, sp, nil)
		_ = m.MeasurementText()
		if mm := m.Measurement; mm != nil && (!Finite(mm.Value) || !Finite(mm.AreaMM2) || !Finite(mm.LengthPx)) {
			t.Errorf("%+v: not finite: %+v", a, mm)
		}
		if m.AngleDeg != nil && !Finite(*m.AngleDeg) {
			t.Errorf("%+v: angle %v", a, *m.AngleDeg)
		}
		// Whatever the input, the report still writes.
		if m.GraphicType.Valid() && m.GraphicType.ValidPoints(len(m.Points)) && (m.Measurement != nil || m.AngleDeg != nil) {
			ok := true
			for _, p := range m.Points {
				ok = ok && Finite(p[0]) && Finite(p[1])
			}
			if ok {
				fullJSON(t, m) // fails the test if it cannot be written
			}
		}
	}
	if m := Measure(Annotation{Tool: ToolLength, GraphicType: GraphicPolyline, Points: [][2]float64{{1, 1}, {1, 1}}}, sp, nil); m.Measurement == nil || m.Measurement.Value != 0 {
		t.Errorf("a zero-length line: %+v", m.Measurement)
	}
}

func TestNewMarkRejects(t *testing.T) {
	img := ImageRef{SOPInstanceUID: "1"}
	for _, c := range []struct {
		tool  Tool
		pts   []ImagePoint
		label string
	}{
		{ToolLength, []ImagePoint{{1, 1}, {1, 1}}, ""},
		{ToolLength, []ImagePoint{{1, 1}}, ""},
		{ToolArrow, []ImagePoint{{math.NaN(), 1}, {2, 2}}, ""},
		{ToolAngle, []ImagePoint{{1, 1}, {1, 1}, {5, 5}}, ""},
		{ToolEllipse, []ImagePoint{{1, 1}, {1, 9}}, ""},
		{ToolPolygon, []ImagePoint{{1, 1}, {2, 2}, {3, 3}}, ""},
		{ToolPolygon, []ImagePoint{{1, 1}, {2, 2}}, ""},
		{ToolText, []ImagePoint{{1, 1}}, "  "},
		{"laser", []ImagePoint{{1, 1}}, ""},
	} {
		if _, err := NewMark(c.tool, img, c.pts, c.label); err == nil {
			t.Errorf("%s %v %q: no error", c.tool, c.pts, c.label)
		}
	}
	p, err := NewMark(ToolFreehand, img, []ImagePoint{{0, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 0}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(p.Points) != "[[0 0] [10 0] [10 10] [0 0]]" || p.GraphicType != GraphicPolyline {
		t.Errorf("freehand stored as %v %s, want a closed ring without repeats", p.Points, p.GraphicType)
	}
	e, _ := NewMark(ToolEllipse, img, []ImagePoint{{10, 40}, {0, 0}}, "")
	if fmt.Sprint(e.Points) != "[[5 0] [5 40] [0 20] [10 20]]" {
		t.Errorf("a tall ellipse is stored as %v: the major axis comes first", e.Points)
	}
}

// roiInstance writes an 8×8 CT image whose stored value at (c, r) is
// c + 8r, with rescale slope 2 and intercept -100: modality value
// 2(c+8r) - 100.
func roiInstance(t testing.TB) *dicomio.Instance {
	t.Helper()
	vals := make([]string, 64)
	for i := range vals {
		vals[i] = fmt.Sprintf("%x", i) // dump2dcm reads OW values in hex
	}
	p := filepath.Join(t.TempDir(), "ct.dcm")
	testutil.DICOM(t, p, testutil.Attrs{
		"(0008,0016)": "UI =CTImageStorage",
		"(0008,0060)": "CS [CT]",
		"(0028,1052)": "DS [-100]",
		"(0028,1053)": "DS [2]",
		"(0028,0030)": "DS [0.5\\0.5]",
		"(7fe0,0010)": "OW " + strings.Join(vals, `\`),
	})
	in, err := dicomio.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func framePixels(t testing.TB, in *dicomio.Instance) *Pixels {
	t.Helper()
	f, err := in.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	return &Pixels{Frame: f, Pipeline: in.Pipeline(0)}
}

// handStats computes the statistics of the modality values 2(c+8r)-100
// of the listed pixels.
func handStats(px [][2]int) Stats {
	var sum, sq float64
	s := Stats{Min: math.Inf(1), Max: math.Inf(-1), Pixels: len(px)}
	for _, p := range px {
		v := 2*float64(p[0]+8*p[1]) - 100
		sum += v
		s.Min, s.Max = min(s.Min, v), max(s.Max, v)
	}
	s.Mean = sum / float64(len(px))
	for _, p := range px {
		v := 2*float64(p[0]+8*p[1]) - 100
		sq += (v - s.Mean) * (v - s.Mean)
	}
	s.SD = math.Sqrt(sq / float64(len(px)))
	return s
}

func TestROIStats(t *testing.T) {
	in := roiInstance(t)
	px := framePixels(t, in)
	sp := FileSpacing(in.Calibration)
	if sp.Source != SpacingPixelSpacing || sp.Row != 0.5 {
		t.Fatalf("fixture spacing %+v", sp)
	}
	for _, c := range []struct {
		name string
		a    Annotation
		want [][2]int // (column, row) of the pixels inside
	}{
		// A circle of radius 2 about (4, 4): centres at offsets (±0.5,
		// ±0.5), (±1.5, ±0.5) and (±0.5, ±1.5); not (±1.5, ±1.5).
		{"ellipse", mark(t, ToolEllipse, Pt(2, 2), Pt(6, 6)), [][2]int{
			{3, 2}, {4, 2}, {2, 3}, {3, 3}, {4, 3}, {5, 3}, {2, 4}, {3, 4}, {4, 4}, {5, 4}, {3, 5}, {4, 5}}},
		// Centres 1.5…3.5 across, 1.5 and 2.5 down.
		{"polygon", mark(t, ToolPolygon, Pt(1, 1), Pt(4, 1), Pt(4, 3), Pt(1, 3)), [][2]int{
			{1, 1}, {2, 1}, {3, 1}, {1, 2}, {2, 2}, {3, 2}}},
		// Edges through pixel centres: the left and top ones count.
		{"edges on centres", mark(t, ToolPolygon, Pt(0.5, 0.5), Pt(2.5, 0.5), Pt(2.5, 2.5), Pt(0.5, 2.5)), [][2]int{
			{0, 0}, {1, 0}, {0, 1}, {1, 1}}},
		// A triangle below the diagonal: centres with c < r. Those on the
		// diagonal lie on its right edge and do not count.
		{"triangle", mark(t, ToolFreehand, Pt(0, 0), Pt(4, 4), Pt(0, 4)), [][2]int{
			{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}}},
		// Clipped to the image.
		{"clipped", mark(t, ToolPolygon, Pt(-5, -5), Pt(1, -5), Pt(1, 1), Pt(-5, 1)), [][2]int{{0, 0}}},
	} {
		got, ok := ROIStats(c.a, *px)
		want := handStats(c.want)
		if !ok || got.Pixels != want.Pixels || !Near(got.Mean, want.Mean, 1e-9) || !Near(got.SD, want.SD, 1e-9) ||
			got.Min != want.Min || got.Max != want.Max {
			t.Errorf("%s: %+v %v, want %+v", c.name, got, ok, want)
		}
		m := Measure(c.a, sp, px)
		if m.Measurement == nil || m.Measurement.Stats == nil || *m.Measurement.Stats != got {
			t.Errorf("%s: Measure did not record the statistics: %+v", c.name, m.Measurement)
		}
	}
	// The circle's mean is the value at its centre (symmetry): 2·31.5 - 100.
	if s, _ := ROIStats(mark(t, ToolEllipse, Pt(2, 2), Pt(6, 6)), *px); s.Mean != -37 || s.Min != -62 || s.Max != -12 {
		t.Errorf("circle %+v", s)
	}
	// Two squares sharing an edge never count a pixel twice.
	a, _ := ROIStats(mark(t, ToolPolygon, Pt(0.5, 0), Pt(2.5, 0), Pt(2.5, 2), Pt(0.5, 2)), *px)
	b, _ := ROIStats(mark(t, ToolPolygon, Pt(2.5, 0), Pt(4.5, 0), Pt(4.5, 2), Pt(2.5, 2)), *px)
	u, _ := ROIStats(mark(t, ToolPolygon, Pt(0.5, 0), Pt(4.5, 0), Pt(4.5, 2), Pt(0.5, 2)), *px)
	if a.Pixels+b.Pixels != u.Pixels || a.Pixels != 4 {
		t.Errorf("shared edge: %d + %d pixels, union %d", a.Pixels, b.Pixels, u.Pixels)
	}
	// No pixel centre inside, other marks, missing pixels: no statistics.
	for _, c := range []struct {
		a  Annotation
		px Pixels
	}{
		{mark(t, ToolEllipse, Pt(2.6, 2.6), Pt(2.9, 2.9)), *px},
		{mark(t, ToolPolygon, Pt(20, 20), Pt(30, 20), Pt(30, 30)), *px},
		{mark(t, ToolLength, Pt(1, 1), Pt(5, 5)), *px},
		{mark(t, ToolEllipse, Pt(2, 2), Pt(6, 6)), Pixels{}},
		{mark(t, ToolEllipse, Pt(2, 2), Pt(6, 6)), Pixels{Frame: &dicomio.Frame{Rows: 8, Columns: 8, Samples: 1, Bits: 16}, Pipeline: px.Pipeline}},
	} {
		if s, ok := ROIStats(c.a, c.px); ok {
			t.Errorf("%+v: statistics %+v", c.a.Points, s)
		}
	}
}

func TestROIStatsLargeCircle(t *testing.T) {
	// The pixel count of a large circle approaches its area.
	n := 0
	scanEllipse(ellipse{C: Pt(128, 128), A: 100, B: 100, U: Pt(1, 0)}, 256, 256, func(_, c0, c1 int) { n += c1 - c0 })
	if math.Abs(float64(n)-math.Pi*1e4) > 0.005*math.Pi*1e4 {
		t.Errorf("%d pixels in a circle of radius 100, want about %.0f", n, math.Pi*1e4)
	}
	// A rotated ellipse holds the same pixels as its polygon outline, to
	// within the outline's pixels.
	e := ellipse{C: Pt(128.3, 120.7), A: 90, B: 40, U: Pt(math.Cos(0.6), math.Sin(0.6))}
	ne, np := 0, 0
	scanEllipse(e, 256, 256, func(_, c0, c1 int) { ne += c1 - c0 })
	scanRing(outline(e, 720), 256, 256, func(_, c0, c1 int) { np += c1 - c0 })
	if math.Abs(float64(ne-np)) > 30 || math.Abs(float64(ne)-math.Pi*90*40) > 0.01*math.Pi*3600 {
		t.Errorf("rotated ellipse: %d pixels, outline polygon %d, area %.0f", ne, np, math.Pi*3600)
	}
}

// outline returns n points of the outline of e.
func outline(e ellipse, n int) []ImagePoint {
	ps := make([]ImagePoint, n)
	for i := range ps {
		ps[i] = e.at(2 * math.Pi * float64(i) / float64(n))
	}
	return ps
}

// TestROIPartlyOutside: an ROI reaching outside the image says that its
// statistics are of the pixels inside (its area is the whole shape's).
func TestROIPartlyOutside(t *testing.T) {
	px := framePixels(t, roiInstance(t)) // 8×8
	sp := Spacing{}
	inside := Measure(mark(t, ToolEllipse, Pt(1, 1), Pt(7, 6)), sp, px)
	edge := Measure(mark(t, ToolEllipse, Pt(-3, 1), Pt(3, 6)), sp, px)
	if inside.Measurement.Stats.Clipped || !edge.Measurement.Stats.Clipped {
		t.Fatalf("clipped: inside %v, at the edge %v", inside.Measurement.Stats.Clipped, edge.Measurement.Stats.Clipped)
	}
	text := strings.Join(edge.MeasurementText(), " | ")
	if !strings.Contains(text, "px inside the image)") {
		t.Errorf("edge ROI text %q", text)
	}
	if strings.Contains(strings.Join(inside.MeasurementText(), " | "), "inside the image") {
		t.Error("an ROI inside the image is said to be clipped")
	}
}
