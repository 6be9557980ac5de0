package mark

import (
	"testing"
	"time"
)

// TestCloneEqual checks that a clone equals its original and shares
// nothing with it, and that Equal sees a change in every part of a mark
// and of a calibration.
func TestCloneEqual(t *testing.T) {
	base := func() Annotation {
		return Annotation{ID: "m1", Image: img, GraphicType: GraphicPolyline, Tool: ToolLength, Label: "L",
			FindingRef: "/tubes/left", Points: [][2]float64{{1, 2}, {3, 4}}, AngleDeg: new(30.0),
			Measurement: &Measurement{Value: 5, Unit: UnitMM, SpacingSource: SpacingPixelSpacing,
				Stats: &Stats{Mean: 1, Pixels: 9}}}
	}
	a := base()
	c := a.Clone()
	if !a.Equal(c) || !EqualAll([]Annotation{a}, CloneAll([]Annotation{a})) {
		t.Fatal("a clone differs from its original")
	}
	c.Points[0][0], *c.AngleDeg, c.Measurement.Stats.Mean = 99, 99, 99
	if a.Points[0][0] != 1 || *a.AngleDeg != 30 || a.Measurement.Stats.Mean != 1 {
		t.Fatal("the clone shares memory with its original")
	}
	for name, edit := range map[string]func(*Annotation){
		"id":             func(x *Annotation) { x.ID = "m2" },
		"image":          func(x *Annotation) { x.Image.FrameNumber++ },
		"point":          func(x *Annotation) { x.Points[1][1] = 5 },
		"label":          func(x *Annotation) { x.Label = "R" },
		"finding":        func(x *Annotation) { x.FindingRef = "" },
		"tool":           func(x *Annotation) { x.Tool = ToolArrow },
		"angle":          func(x *Annotation) { x.AngleDeg = nil },
		"value":          func(x *Annotation) { x.Measurement.Value = 6 },
		"stats":          func(x *Annotation) { x.Measurement.Stats = nil },
		"mean":           func(x *Annotation) { x.Measurement.Stats.Mean = 2 },
		"no measurement": func(x *Annotation) { x.Measurement = nil },
	} {
		b := base()
		edit(&b)
		if base().Equal(b) || b.Equal(base()) {
			t.Errorf("%s: a changed mark is equal", name)
		}
	}
	if CloneAll(nil) != nil {
		t.Error("CloneAll(nil) is not nil")
	}

	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cal := func() Calibration {
		return Calibration{SeriesInstanceUID: "s", Image: &ImageRef{SOPInstanceUID: "i"}, Method: CalibrateCatheterFrench,
			ReferenceValue: 6, Points: [][2]float64{{0, 0}, {20, 0}}, MMPerPixel: 0.1, CreatedAt: at}
	}
	k := cal()
	kc := k.Clone()
	if !k.Equal(kc) {
		t.Fatal("a calibration clone differs")
	}
	kc.Points[1][0], kc.Image.SOPInstanceUID = 7, "j"
	if k.Points[1][0] != 20 || k.Image.SOPInstanceUID != "i" {
		t.Fatal("the calibration clone shares memory")
	}
	for name, edit := range map[string]func(*Calibration){
		"series": func(x *Calibration) { x.SeriesInstanceUID = "t" },
		"image":  func(x *Calibration) { x.Image = nil },
		"method": func(x *Calibration) { x.Method = CalibrateKnownLength },
		"ref":    func(x *Calibration) { x.ReferenceValue = 7 },
		"points": func(x *Calibration) { x.Points[0][1] = 1 },
		"mm":     func(x *Calibration) { x.MMPerPixel = 0.2 },
		"time":   func(x *Calibration) { x.CreatedAt = at.Add(time.Second) },
	} {
		b := cal()
		edit(&b)
		if cal().Equal(b) {
			t.Errorf("%s: a changed calibration is equal", name)
		}
	}
	if !cal().Equal(Calibration{SeriesInstanceUID: "s", Image: &ImageRef{SOPInstanceUID: "i"}, Method: CalibrateCatheterFrench,
		ReferenceValue: 6, Points: [][2]float64{{0, 0}, {20, 0}}, MMPerPixel: 0.1, CreatedAt: at.In(time.FixedZone("x", 3600))}) {
		t.Error("the same instant in another zone is not equal")
	}
}
