package mark

import (
	"github.com/hsgview/hsgview/annotate/enum"
	"math"
	"testing"
)

func TestNewCalibration(t *testing.T) {
	for _, c := range []struct {
		m    CalibrationMethod
		ref  float64
		p1   [2]float64
		want float64
	}{
		{CalibrateCatheterFrench, 6, [2]float64{20, 0}, 0.1}, // 6 Fr = 2 mm over 20 px
		{CalibrateBalloonMM, 10, [2]float64{30, 40}, 0.2},    // 10 mm over 50 px
		{CalibrateKnownLength, 25, [2]float64{0, 100}, 0.25}, // 25 mm over 100 px
	} {
		cal, err := NewCalibration("1.2", &img, c.m, c.ref, [2]float64{0, 0}, c.p1)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(cal.MMPerPixel-c.want) > 1e-12 || cal.Method != c.m || cal.ReferenceValue != c.ref || len(cal.Points) != 2 {
			t.Errorf("%s: %+v, want %v mm/px", c.m, cal, c.want)
		}
	}
	for _, c := range []struct {
		m   CalibrationMethod
		ref float64
		p1  [2]float64
	}{
		{"ruler", 10, [2]float64{10, 0}},
		{CalibrateBalloonMM, 10, [2]float64{0.5, 0}},
		{CalibrateBalloonMM, 0, [2]float64{10, 0}},
		{CalibrateBalloonMM, math.NaN(), [2]float64{10, 0}},
		{CalibrateBalloonMM, 10, [2]float64{math.Inf(1), 0}},
	} {
		if _, err := NewCalibration("1.2", nil, c.m, c.ref, [2]float64{0, 0}, c.p1); err == nil {
			t.Errorf("%s %v %v: no error", c.m, c.ref, c.p1)
		}
	}
}

func TestSetCalibration(t *testing.T) {
	r := &Layer{}
	r.SetCalibration(Calibration{SeriesInstanceUID: "a", MMPerPixel: 0.1})
	r.SetCalibration(Calibration{SeriesInstanceUID: "b", MMPerPixel: 0.2})
	r.SetCalibration(Calibration{SeriesInstanceUID: "a", MMPerPixel: 0.3})
	if len(r.Calibrations) != 2 {
		t.Fatalf("%d calibrations", len(r.Calibrations))
	}
	if c, ok := r.Calibration("a"); !ok || c.MMPerPixel != 0.3 {
		t.Errorf("series a: %+v %v", c, ok)
	}
	if _, ok := r.Calibration("c"); ok {
		t.Error("found a calibration for an uncalibrated series")
	}
}

func TestGraphicTypes(t *testing.T) {
	for _, c := range []struct {
		g    GraphicType
		good []int
		bad  []int
	}{
		{GraphicPoint, []int{1}, []int{0, 2}},
		{GraphicMultipoint, []int{1, 5}, []int{0}},
		{GraphicPolyline, []int{2, 3}, []int{0, 1}},
		{GraphicCircle, []int{2}, []int{1, 3}},
		{GraphicEllipse, []int{4}, []int{2, 5}},
		{"SPLINE", nil, []int{2}},
	} {
		for _, n := range c.good {
			if !c.g.ValidPoints(n) {
				t.Errorf("%s with %d points rejected", c.g, n)
			}
		}
		for _, n := range c.bad {
			if c.g.ValidPoints(n) {
				t.Errorf("%s with %d points accepted", c.g, n)
			}
		}
	}
	for _, tool := range enum.Values[Tool]() {
		if !tool.GraphicType().Valid() {
			t.Errorf("tool %s has no graphic type", tool)
		}
	}
}
