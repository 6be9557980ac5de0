package export

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Options are the choices of a pane's export.
type Options struct {
	// Screen exports the pane as it is on screen (its size, zoom, corner
	// text and caption) instead of the image at its own resolution.
	Screen bool
	// HideIdentifiers leaves the patient's name, ID, birth date and the
	// accession number out of the corner text of a Screen export.
	HideIdentifiers bool
}

// Preference keys remembering the last choices.
const (
	screenKey  = "export.screenResolution"
	hideIDsKey = "export.hideIdentifiers"
)

// LoadOptions returns the choices remembered in prefs; by default the
// image's own resolution, with identifiers.
func LoadOptions(prefs fyne.Preferences) Options {
	return Options{Screen: prefs.BoolWithFallback(screenKey, false), HideIdentifiers: prefs.BoolWithFallback(hideIDsKey, false)}
}

// Save remembers o in prefs.
func (o Options) Save(prefs fyne.Preferences) {
	prefs.SetBool(screenKey, o.Screen)
	prefs.SetBool(hideIDsKey, o.HideIdentifiers)
}

// Sizes are the pixel sizes of the two exports of a pane.
type Sizes struct{ Native, Screen fyne.Size }

// A PaneDialog asks how to export a pane: at the image's own resolution
// (the default: the frame as shown, window and turn, with its marks and
// the patient's sides) or as on screen, and whether to hide the patient's
// identifiers from the screen export's corner text.
type PaneDialog struct {
	dialog.Dialog
	res  *widget.RadioGroup
	hide *widget.Check
}

// The choices of the resolution, as shown.
func nativeChoice(s Sizes) string {
	return fmt.Sprintf(lang.L("Image resolution (%d × %d): the frame with its marks and R/L letters"), int(s.Native.Width), int(s.Native.Height))
}

func screenChoice(s Sizes) string {
	return fmt.Sprintf(lang.L("Screen resolution (%d × %d): the pane as shown, with corner text and caption"), int(s.Screen.Width), int(s.Screen.Height))
}

// NewPaneDialog returns the dialog, set to o; ok is called with the
// choices when the user confirms.
func NewPaneDialog(win fyne.Window, sizes Sizes, o Options, ok func(Options)) *PaneDialog {
	d := &PaneDialog{}
	native, screen := nativeChoice(sizes), screenChoice(sizes)
	d.hide = widget.NewCheck(lang.L("Hide patient identifiers (name, ID, birth date, accession)"), nil)
	d.hide.SetChecked(o.HideIdentifiers)
	d.res = widget.NewRadioGroup([]string{native, screen}, func(s string) {
		if s == screen {
			d.hide.Enable()
		} else {
			d.hide.Disable()
		}
	})
	d.res.Required = true
	if o.Screen {
		d.res.SetSelected(screen)
	} else {
		d.res.SetSelected(native)
	}
	body := container.NewVBox(widget.NewLabel(lang.L("Resolution")), d.res, d.hide)
	d.Dialog = dialog.NewCustomConfirm(lang.L("Export pane as PNG"), lang.L("Choose file…"), lang.L("Cancel"), body, func(yes bool) {
		if yes {
			ok(d.Options())
		}
	}, win)
	return d
}

// Options returns the choices as the dialog shows them.
func (d *PaneDialog) Options() Options {
	return Options{Screen: d.res.Selected != d.res.Options[0], HideIdentifiers: d.hide.Checked}
}

// Choose selects the screen resolution (or the image's) as a click would.
func (d *PaneDialog) Choose(screen bool) {
	d.res.SetSelected(d.res.Options[map[bool]int{false: 0, true: 1}[screen]])
}
