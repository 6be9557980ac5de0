package imageview

import (
	"fmt"
	"math"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"

	"fyne.io/fyne/v2/lang"
)

// EdgeLabels are the patient directions shown at the edges of a view.
type EdgeLabels = dicomtext.Edges

// edgeLabels gives the edge letters of a view turned by o: the one rule
// of dicomio.EdgeLetters, which key images and exports use too. ok is
// false when the orientation is missing.
func edgeLabels(po [2]string, o Orientation) (EdgeLabels, bool) {
	return dicomtext.EdgeLetters(po, o.Rotation, o.FlipH, o.FlipV)
}

// NoOrientation is the warning shown when Patient Orientation is missing:
// the sides of the tubes cannot be told apart without it (in English; see
// NoOrientationText).
const NoOrientation = noOrientationCause + " " + noOrientationEffect

// NoOrientationText is NoOrientation in the interface's language.
func NoOrientationText() string {
	return lang.L(noOrientationCause) + " " + lang.L(noOrientationEffect)
}

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
	return fmt.Sprintf(lang.L("W %s L %s"), FormatValue(v.Width), FormatValue(v.Center))
}

// FormatValue writes a window value with as few digits as it needs.
func FormatValue(v float64) string {
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return l10n.Number(v, 0, i18n.Lang())
	}
	return l10n.SignificantN(v, 3, i18n.Lang())
}
