package viewer

import (
	"fmt"
	"math"
	"strings"
	"time"

	"hsgview/dicomio"
	"hsgview/viewer/ui"
)

// EdgeLabels are the patient directions shown at the edges of a view.
type EdgeLabels struct {
	Left, Right, Top, Bottom string
}

// edgeLabels derives the edge letters from Patient Orientation (the
// directions of the image rows and columns, PS3.3 C.7.6.1.1.1) for a view
// turned by o. ok is false when the orientation is missing.
func edgeLabels(po [2]string, o Orientation) (l EdgeLabels, ok bool) {
	if po[0] == "" || po[1] == "" {
		return EdgeLabels{"?", "?", "?", "?"}, false
	}
	l = EdgeLabels{Left: opposite(po[0]), Right: po[0], Top: opposite(po[1]), Bottom: po[1]}
	for range o.Rotation {
		l = EdgeLabels{Right: l.Top, Bottom: l.Right, Left: l.Bottom, Top: l.Left}
	}
	if o.FlipH {
		l.Left, l.Right = l.Right, l.Left
	}
	if o.FlipV {
		l.Top, l.Bottom = l.Bottom, l.Top
	}
	return l, true
}

// opposite returns the opposite direction of a Patient Orientation value
// such as "L", "A" or "LF" (each letter reversed).
func opposite(dir string) string {
	var b strings.Builder
	for _, r := range dir {
		switch r {
		case 'L':
			r = 'R'
		case 'R':
			r = 'L'
		case 'A':
			r = 'P'
		case 'P':
			r = 'A'
		case 'H':
			r = 'F'
		case 'F':
			r = 'H'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// noOrientation is the warning shown when Patient Orientation is missing:
// the sides of the tubes cannot be told apart without it.
const noOrientation = noOrientationCause + " " + noOrientationEffect

// The two halves of noOrientation, the lines of the warning on a pane.
const (
	noOrientationCause  = "No orientation (PatientOrientation missing):"
	noOrientationEffect = "side cannot be verified"
)

// phaseText names an entry's phase and time for labels: "delayed · +25
// min", with the confidence when it is not high.
func phaseText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	s := string(e.Phase)
	if e.HasMinutes {
		s += " · " + ui.FormatMinutes(e.Minutes)
	}
	if e.Confidence != "" && e.Confidence != dicomio.ConfidenceHigh {
		s += " (" + string(e.Confidence) + " confidence)"
	}
	return s
}

// seriesText names an instance by series and image number: "S2 #3 RF
// Spot tubal filling".
func seriesText(in *dicomio.Instance) string {
	s := fmt.Sprintf("S%d #%d %s", in.SeriesNumber, in.InstanceNumber, in.Modality)
	if d := strings.TrimSpace(in.SeriesDescription); d != "" {
		s += " " + d
	}
	return s
}

// paneTitle is the label above a pane: series, phase and time from T0.
func paneTitle(in *dicomio.Instance, e *dicomio.Entry) string {
	s := seriesText(in)
	if p := phaseText(e); p != "" {
		s += " · " + p
	}
	return s
}

// formatDate writes a time's date as 2026-03-12, or "" for the zero time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// formatClock writes an acquisition time as 09:41:05.
func formatClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("15:04:05")
}

// fpsText describes a cine rate and its source: "15 fps (FrameTime)".
func fpsText(c dicomio.Cine) string {
	if c.FPS <= 0 {
		return ""
	}
	v := fmt.Sprintf("%.3g", c.FPS)
	if c.FPS >= 10 {
		v = fmt.Sprintf("%.0f", c.FPS)
		if math.Abs(c.FPS-math.Round(c.FPS)) >= 0.05 {
			v = fmt.Sprintf("%.1f", c.FPS)
		}
	}
	if c.FPSSource == "" {
		return v + " fps"
	}
	return v + " fps (" + c.FPSSource + ")"
}

// windowText writes a VOI for the overlay: "W 4096 L 2048" or the LUT's
// name.
func windowText(v dicomio.VOI) string {
	if v.LUT != nil {
		return v.Label()
	}
	return fmt.Sprintf("W %s L %s", num(v.Width), num(v.Center))
}

// num writes a window value with as few digits as it needs.
func num(v float64) string {
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
