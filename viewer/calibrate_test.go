package viewer

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/mark"
)

// TestCalibration draws a 30 px line along a 6 Fr catheter: the series
// gets 2 mm / 30 px = 0.0667 mm/px, its lengths say so with their source,
// the overlay names the calibration, and undo brings back the spacing of
// the file.
func TestCalibration(t *testing.T) {
	v, q, w, p, pt := lengthFixture(t)
	length := func() string { return strings.Join(marks(v)[0].MeasurementText(), " | ") }
	spacingLine := func() string { return p.view.Info().BottomLeft[0].Text }
	if got := length(); got != "9.0 mm (at detector)" {
		t.Fatalf("before calibration: %q", got)
	}

	v.TypedRune('k')
	pt.drag(viewAt(p, 10, 10), viewAt(p, 40, 10))
	q.settle(t) // the dialog opens once the click is over
	box := v.marks.cal
	if box == nil {
		t.Fatal("no calibration dialog")
	}
	if box.chosen() != mark.CalibrateCatheterFrench {
		t.Errorf("default reference %q", box.method.Selected)
	}
	box.value.SetText("6")
	box.submit()
	q.settle(t)
	r := v.Report().Report()
	c, ok := r.Calibration(p.Instance().SeriesInstanceUID)
	if !ok || math.Abs(c.MMPerPixel-2.0/30) > 1e-6 || c.ReferenceText() != "catheter 6 Fr" {
		t.Fatalf("calibration %+v", c)
	}
	if got := c.Spacing().String(); got != "0.0667 mm/px (user calibration, catheter 6 Fr)" {
		t.Errorf("spacing %q", got)
	}
	if got := length(); got != "2.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("calibrated length %q", got)
	}
	if got := spacingLine(); got != "Spacing: 0.0667 mm/px (user calibration, catheter 6 Fr)" {
		t.Errorf("overlay %q", got)
	}
	checkSaved(t, v, q)
	v.marks.Select("")
	q.settle(t)
	test.AssertImageMatches(t, "marks/calibration.png", paneCapture(w, p))

	// A new length on another image of the series would use it too; on
	// this one it does.
	v.marks.setMode(modeLength)
	pt.drag(viewAt(p, 10, 20), viewAt(p, 25, 20))
	q.settle(t)
	if got := strings.Join(marks(v)[1].MeasurementText(), ""); got != "1.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("new length %q", got)
	}
	v.marks.Undo()
	q.settle(t)

	// Undo: the file's spacing again.
	v.marks.Undo()
	q.settle(t)
	if _, ok := v.Report().Report().Calibration(p.Instance().SeriesInstanceUID); ok {
		t.Error("undo left the calibration")
	}
	if got := length(); got != "9.0 mm (at detector)" {
		t.Errorf("after undo %q", got)
	}
	if got := spacingLine(); !strings.HasPrefix(got, "Spacing: at detector") {
		t.Errorf("overlay after undo %q", got)
	}
	checkSaved(t, v, q)

	// Redo, then clear it from the Edit menu; undo brings it back.
	v.marks.Redo()
	q.settle(t)
	menuItem(t, v, "Edit", "Clear calibration").Action()
	q.settle(t)
	if got := length(); got != "9.0 mm (at detector)" {
		t.Errorf("after clearing %q", got)
	}
	v.marks.Undo()
	q.settle(t)
	if got := length(); got != "2.0 mm (user calibration, catheter 6 Fr)" {
		t.Errorf("after undoing the clearing %q", got)
	}
	checkSaved(t, v, q)
}

// TestCalibrationCheck: a calibration far from the images' own spacing
// is flagged before it is applied (a 6 Fr catheter measured along 127
// pixels gave 0.016 mm per pixel on 0.24 mm images).
func TestCalibrationCheck(t *testing.T) {
	file := mark.Spacing{Row: 0.24, Column: 0.24, Source: mark.SpacingImagerOverERMF}
	if s := calibrationCheck(2.0/127, file); !strings.Contains(s, "0.1× the images' spacing") || !strings.Contains(s, "draw across it") {
		t.Errorf("implausible calibration: %q", s)
	}
	if s := calibrationCheck(0.21, file); strings.Contains(s, "⚠") || !strings.Contains(s, "0.21 mm per pixel; the images give 0.24 (magnification-corrected)") {
		t.Errorf("plausible calibration: %q", s)
	}
	if s := calibrationCheck(0.5, mark.Spacing{}); !strings.Contains(s, "no spacing to compare") {
		t.Errorf("no file spacing: %q", s)
	}
}
