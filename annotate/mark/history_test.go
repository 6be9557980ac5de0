package mark_test

import (
	"bytes"
	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeImages knows two series: "s1" with the file spacing of its images
// (ImagerPixelSpacing ÷ ERMF, 0.24 mm) and "s2" without spacing.
type fakeImages struct{ pixels *mark.Pixels }

func (f fakeImages) Spacing(ref mark.ImageRef) (string, mark.Spacing, bool) {
	switch ref.SOPInstanceUID {
	case "s1.1", "s1.2":
		return "s1", mark.Spacing{Row: 0.24, Column: 0.24, Source: mark.SpacingImagerOverERMF}, true
	case "s2.1":
		return "s2", mark.Spacing{Source: mark.SpacingUncalibrated}, true
	}
	return "", mark.Spacing{}, false
}

func (f fakeImages) Pixels(mark.ImageRef) *mark.Pixels { return f.pixels }

func newMark(t *testing.T, tool mark.Tool, sop string, label string, pts ...mark.ImagePoint) mark.Annotation {
	t.Helper()
	a, err := mark.NewMark(tool, mark.ImageRef{SOPInstanceUID: sop}, pts, label)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func marshal(t *testing.T, r *report.Report) string {
	t.Helper()
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func do(t *testing.T, h *mark.MarkHistory[*report.Report], c mark.Command) {
	t.Helper()
	if err := h.Do(c); err != nil {
		t.Fatalf("%s: %v", c.Name(), err)
	}
}

func TestUndoRedoEverything(t *testing.T) {
	r := exampleReport()
	h := mark.NewMarkHistory(r, fakeImages{})
	changes := 0
	h.OnChange = func() { changes++ }
	var states []string
	states = append(states, marshal(t, r))
	step := func(c mark.Command) {
		t.Helper()
		do(t, h, c)
		states = append(states, marshal(t, r))
	}
	step(mark.AddMark(newMark(t, mark.ToolLength, "s1.1", "", mark.Pt(10, 10), mark.Pt(40, 50))))                // m1
	step(mark.AddMark(newMark(t, mark.ToolEllipse, "s1.2", "cyst", mark.Pt(0, 0), mark.Pt(20, 10))))             // m2
	step(mark.AddMark(newMark(t, mark.ToolArrow, "s2.1", "L cornu", mark.Pt(5, 5), mark.Pt(50, 50))))            // m3
	step(mark.AddMark(newMark(t, mark.ToolAngle, "s1.1", "", mark.Pt(10, 0), mark.Pt(0, 0), mark.Pt(0, 10))))    // m4
	step(mark.AddMark(newMark(t, mark.ToolPolygon, "s1.1", "", mark.Pt(0, 0), mark.Pt(10, 0), mark.Pt(10, 10)))) // m5
	step(mark.MoveMark("m1", 5, -2.5))
	step(mark.EditHandle("m2", 2, mark.Pt(30, 30)))
	step(mark.EditLabel("m3", "L cornual occlusion"))
	step(mark.LinkFinding("m1", "/tubes/left/hydrosalpinx/maxDiameterMm"))
	cal, err := mark.NewCalibration("s1", &mark.ImageRef{SOPInstanceUID: "s1.1"}, mark.CalibrateCatheterFrench, 6, [2]float64{0, 0}, [2]float64{30, 0})
	if err != nil {
		t.Fatal(err)
	}
	step(mark.Calibrate(cal))
	step(mark.DeleteMark("m4"))
	step(mark.DeleteMark("a2")) // an example mark the left tube cites
	step(mark.ClearCalibration("s1"))
	step(mark.UpdateMark(func() mark.Annotation {
		a := newMark(t, mark.ToolFreehand, "s1.2", "redrawn", mark.Pt(0, 0), mark.Pt(8, 1), mark.Pt(9, 9), mark.Pt(1, 8))
		a.ID = "m5"
		return a
	}()))
	n := len(states) - 1
	if changes != n {
		t.Errorf("OnChange called %d times for %d changes", changes, n)
	}
	// Undo everything, checking every state on the way back…
	for i := n - 1; i >= 0; i-- {
		if !h.Undo() {
			t.Fatalf("cannot undo step %d", i+1)
		}
		if got := marshal(t, r); got != states[i] {
			t.Fatalf("after undoing to state %d:\n%s\nwant:\n%s", i, got, states[i])
		}
	}
	if h.CanUndo() || h.Undo() {
		t.Error("undo past the start")
	}
	// …and redo it all.
	for i := 1; i <= n; i++ {
		if !h.Redo() {
			t.Fatalf("cannot redo step %d", i)
		}
		if got := marshal(t, r); got != states[i] {
			t.Fatalf("after redoing to state %d:\n%s\nwant:\n%s", i, got, states[i])
		}
	}
	if h.CanRedo() || h.Redo() {
		t.Error("redo past the end")
	}
	if changes != 3*n {
		t.Errorf("OnChange called %d times, want %d", changes, 3*n)
	}
	// A new change drops what could be redone.
	h.Undo()
	do(t, h, mark.EditLabel("m3", "other"))
	if h.CanRedo() {
		t.Error("redo kept after a new change")
	}
}

func TestMarkHistoryEdits(t *testing.T) {
	r := exampleReport()
	h := mark.NewMarkHistory(r, fakeImages{})
	do(t, h, mark.AddMark(newMark(t, mark.ToolLength, "s1.1", "", mark.Pt(10, 10), mark.Pt(40, 50))))
	m := r.Annotations[len(r.Annotations)-1]
	if m.ID != "m1" || m.Measurement == nil || !mark.Near(m.Measurement.Value, 12, 1e-9) ||
		m.Measurement.SpacingSource != mark.SpacingImagerOverERMF {
		t.Fatalf("added %+v %+v", m, m.Measurement)
	}
	if h.UndoName() != "add length" {
		t.Errorf("undo name %q", h.UndoName())
	}
	// IDs are deterministic: after undoing the add, the next mark is m1 again.
	h.Undo()
	do(t, h, mark.AddMark(newMark(t, mark.ToolPoint, "s1.1", "", mark.Pt(1, 1))))
	if id := r.Annotations[len(r.Annotations)-1].ID; id != "m1" {
		t.Errorf("id %q", id)
	}
	do(t, h, mark.AddMark(newMark(t, mark.ToolLength, "s1.1", "", mark.Pt(10, 10), mark.Pt(40, 50))))
	do(t, h, mark.MoveMark("m2", 10, 0))
	if got := r.Annotations[len(r.Annotations)-1].Points; got[0] != [2]float64{20, 10} {
		t.Errorf("moved to %v", got)
	}
	do(t, h, mark.EditHandle("m2", 1, mark.Pt(20, 110)))
	if m := r.Annotations[len(r.Annotations)-1].Measurement; !mark.Near(m.Value, 24, 1e-9) || m.LengthPx != 100 {
		t.Errorf("edited measurement %+v, want 100 px = 24 mm", m)
	}
	// Commands that fail leave the report and the history alone.
	before, steps := marshal(t, r), h.UndoSteps()
	for _, c := range []mark.Command{
		mark.AddMark(mark.Annotation{ID: "m2", GraphicType: mark.GraphicPoint, Points: [][2]float64{{1, 1}}}),
		mark.AddMark(mark.Annotation{GraphicType: mark.GraphicPolyline, Points: [][2]float64{{1, 1}}}),
		mark.DeleteMark("nope"),
		mark.MoveMark("nope", 1, 1),
		mark.MoveMark("m2", math.Inf(1), 0),
		mark.EditHandle("m2", 7, mark.Pt(1, 1)),
		mark.EditLabel("nope", "x"),
		mark.ClearCalibration("s1"),
		mark.Calibrate(mark.Calibration{SeriesInstanceUID: "s1", Method: mark.CalibrateBalloonMM, ReferenceValue: 1}),
		mark.Calibrate(mark.Calibration{Method: mark.CalibrateBalloonMM, ReferenceValue: 1, MMPerPixel: 0.1}),
		{},
	} {
		if err := h.Do(c); err == nil {
			t.Errorf("%q: no error", c.Name())
		}
	}
	if marshal(t, r) != before || h.UndoSteps() != steps {
		t.Error("a failed command changed the report or the history")
	}
	// A change that changes nothing is not recorded.
	do(t, h, mark.EditLabel("m2", ""))
	do(t, h, mark.MoveMark("m2", 0, 0))
	if h.UndoSteps() != steps {
		t.Error("a no-op was recorded")
	}
}

func TestDeleteUnlinksFindings(t *testing.T) {
	r := exampleReport()
	h := mark.NewMarkHistory(r, nil)
	before := marshal(t, r)
	do(t, h, mark.DeleteMark("a1"))
	do(t, h, mark.DeleteMark("a2"))
	if r.Tubes.Left.AnnotationIDs != nil || r.Annotations != nil {
		t.Errorf("left tube still cites %q; marks %v", r.Tubes.Left.AnnotationIDs, r.Annotations)
	}
	for _, is := range assess.Validate(r) {
		if strings.Contains(is.Message, "no annotation has id") {
			t.Errorf("dangling id after delete: %v", is)
		}
	}
	h.Undo()
	h.Undo()
	if marshal(t, r) != before {
		t.Error("undo did not restore the marks and the tube's ids")
	}
}

func TestCalibrationRemeasures(t *testing.T) {
	r := report.NewReport("1")
	h := mark.NewMarkHistory(r, fakeImages{})
	do(t, h, mark.AddMark(newMark(t, mark.ToolLength, "s1.1", "", mark.Pt(0, 0), mark.Pt(0, 60))))
	do(t, h, mark.AddMark(newMark(t, mark.ToolEllipse, "s1.2", "", mark.Pt(0, 0), mark.Pt(20, 10))))
	do(t, h, mark.AddMark(newMark(t, mark.ToolLength, "s2.1", "", mark.Pt(0, 0), mark.Pt(0, 60))))
	// An ROI keeps its statistics when only the spacing changes.
	r.Annotations[1].Measurement.Stats = &mark.Stats{Mean: 5, Pixels: 3}
	text := func(i int) string { return strings.Join(r.Annotations[i].MeasurementText(), "; ") }
	if text(0) != "14.4 mm (magnification-corrected)" || text(2) != "60 px (uncalibrated)" {
		t.Fatalf("before: %q, %q", text(0), text(2))
	}
	// 6 Fr (2 mm) over 30 px: 0.0667 mm/px for series s1 only.
	cal, _ := mark.NewCalibration("s1", nil, mark.CalibrateCatheterFrench, 6, [2]float64{0, 0}, [2]float64{30, 0})
	do(t, h, mark.Calibrate(cal))
	if text(0) != "4.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("calibrated length %q", text(0))
	}
	// 50π px² × (1/15 mm)² = 0.698 mm².
	if !strings.HasPrefix(text(1), "area 0.7 mm² (user calibration, catheter 6 Fr)") || r.Annotations[1].Measurement.Stats == nil {
		t.Errorf("calibrated ellipse %q %+v", text(1), r.Annotations[1].Measurement)
	}
	if text(2) != "60 px (uncalibrated)" {
		t.Errorf("another series was re-measured: %q", text(2))
	}
	// A second calibration replaces the first.
	cal2, _ := mark.NewCalibration("s1", nil, mark.CalibrateBalloonMM, 12, [2]float64{0, 0}, [2]float64{0, 48})
	do(t, h, mark.Calibrate(cal2))
	if len(r.Calibrations) != 1 || text(0) != "15.0 mm (user calibration, balloon 12 mm)" {
		t.Errorf("recalibrated: %d calibrations, %q", len(r.Calibrations), text(0))
	}
	// Clearing falls back to the file's spacing.
	do(t, h, mark.ClearCalibration("s1"))
	if text(0) != "14.4 mm (magnification-corrected)" || r.Calibrations != nil {
		t.Errorf("cleared: %q %v", text(0), r.Calibrations)
	}
	h.Undo()
	if text(0) != "15.0 mm (user calibration, balloon 12 mm)" {
		t.Errorf("undo clear: %q", text(0))
	}
	// Without Images, the series comes from the image reference.
	r2 := report.NewReport("1")
	h2 := mark.NewMarkHistory(r2, nil)
	a := newMark(t, mark.ToolLength, "x", "", mark.Pt(0, 0), mark.Pt(0, 60))
	a.Image.SeriesInstanceUID = "s9"
	do(t, h2, mark.AddMark(a))
	cal.SeriesInstanceUID = "s9"
	do(t, h2, mark.Calibrate(cal))
	if got := r2.Annotations[0].MeasurementText(); got[0] != "4.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("no images: %q", got)
	}
	do(t, h2, mark.ClearCalibration("s9"))
	if got := r2.Annotations[0].MeasurementText(); got[0] != "60 px (uncalibrated)" {
		t.Errorf("no images, cleared: %q", got)
	}
}

func TestMarksSurviveSaveAndReload(t *testing.T) {
	r := exampleReport()
	h := mark.NewMarkHistory(r, fakeImages{pixels: nil})
	do(t, h, mark.AddMark(newMark(t, mark.ToolEllipse, "s1.2", "cyst", mark.Pt(0.25, 0.75), mark.Pt(20.125, 10.5))))
	do(t, h, mark.AddMark(newMark(t, mark.ToolFreehand, "s1.1", "", mark.Pt(0, 0), mark.Pt(10.1, 0.2), mark.Pt(10, 10), mark.Pt(0.3, 9.7))))
	do(t, h, mark.AddMark(newMark(t, mark.ToolAngle, "s1.1", "", mark.Pt(10, 0), mark.Pt(0, 0), mark.Pt(3, 10))))
	do(t, h, mark.AddMark(newMark(t, mark.ToolLength, "s2.1", "", mark.Pt(1.5, 2.5), mark.Pt(33.3, 44.4))))
	r.Annotations[len(r.Annotations)-4].Measurement.Stats = &mark.Stats{Mean: -37.25, SD: 12.5, Min: -62, Max: -12, Pixels: 12}
	cal, _ := mark.NewCalibration("s1", &mark.ImageRef{SOPInstanceUID: "s1.1", FrameNumber: 3}, mark.CalibrateCatheterFrench, 6, [2]float64{1, 1}, [2]float64{31, 1})
	do(t, h, mark.Calibrate(cal))
	p := filepath.Join(t.TempDir(), "draft.json")
	if err := r.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	back, err := report.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Annotations, r.Annotations) || !reflect.DeepEqual(back.Calibrations, r.Calibrations) {
		t.Errorf("marks changed on reload:\n%+v\nwant\n%+v", back.Annotations, r.Annotations)
	}
	b1, b2 := marshal(t, r), marshal(t, back)
	if b1 != b2 {
		t.Error("the reloaded draft writes differently")
	}
	// The reloaded draft keeps working with a new history.
	h2 := mark.NewMarkHistory(back, fakeImages{})
	do(t, h2, mark.ClearCalibration("s1"))
	h2.Undo()
	if marshal(t, back) != b1 {
		t.Error("undo on the reloaded draft")
	}
	if bytes.Contains([]byte(b1), []byte(`"value": 0`)) {
		t.Error("a zero mm value is written")
	}
}

func TestCommandErrorsAreOneLine(t *testing.T) {
	h := mark.NewMarkHistory(report.NewReport("1"), nil)
	err := h.Do(mark.DeleteMark("m1"))
	if err == nil || !strings.HasPrefix(err.Error(), "annotate: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("%v", err)
	}
}

func exampleReport() *report.Report { return assess.ExampleReport(fixture.ExampleInput()) }
