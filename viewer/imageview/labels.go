package imageview

import (
	"fmt"
	"math"
	"strings"

	"hsgview/dicomio"
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

// NoOrientation is the warning shown when Patient Orientation is missing:
// the sides of the tubes cannot be told apart without it.
const NoOrientation = noOrientationCause + " " + noOrientationEffect

// The two halves of NoOrientation, the lines of the warning on a pane.
const (
	noOrientationCause  = "No orientation (PatientOrientation missing):"
	noOrientationEffect = "side cannot be verified"
)

// windowText writes a VOI for the overlay: "W 4096 L 2048" or the LUT's
// name.
func windowText(v dicomio.VOI) string {
	if v.LUT != nil {
		return v.Label()
	}
	return fmt.Sprintf("W %s L %s", FormatValue(v.Width), FormatValue(v.Center))
}

// FormatValue writes a window value with as few digits as it needs.
func FormatValue(v float64) string {
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
