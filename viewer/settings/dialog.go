package settings

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/cinebar"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/magnifier"
)

// A Section is one titled part of the Settings dialog. Packages add
// their own (the language, the window presets) to the list the dialog
// is made from.
type Section struct {
	Title   string
	Content fyne.CanvasObject
}

// Content returns the sections one under another, each under its title:
// the dialog's body.
func Content(sections []Section) fyne.CanvasObject {
	box := container.NewVBox()
	for i, s := range sections {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(widget.NewLabelWithStyle(s.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		box.Add(s.Content)
	}
	return box
}

// NewDialog returns the Settings dialog of win with sections. Changes
// apply (and are kept) as they are made; the dialog only closes.
func NewDialog(win fyne.Window, sections []Section) dialog.Dialog {
	scroll := container.NewVScroll(container.NewPadded(Content(sections)))
	d := dialog.NewCustom(lang.L("Settings"), lang.L("Close"), scroll, win)
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(640, size.Width*0.95), min(620, size.Height*0.95)))
	return d
}

// hint is a line of explanation under an option.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

// NavSections returns the sections of the navigation preferences n:
// mouse wheel, cine and magnifier. changed is called with the new
// preferences after each change.
func NavSections(n Nav, changed func(Nav)) []Section {
	set := func(edit func(*Nav)) {
		edit(&n)
		changed(n)
	}
	wheelLabels := map[WheelMode]string{
		WheelFrames: lang.L("Scrolls the frames of a run, or the images of the study (Ctrl+wheel zooms)"),
		WheelZoom:   lang.L("Zooms about the pointer (Ctrl+wheel scrolls frames and images)"),
	}
	wheel := widget.NewRadioGroup([]string{wheelLabels[WheelFrames], wheelLabels[WheelZoom]}, func(s string) {
		for m, l := range wheelLabels {
			if l == s {
				set(func(n *Nav) { n.Wheel = m })
			}
		}
	})
	wheel.Required = true
	wheel.Selected = wheelLabels[n.Wheel]

	var speeds []string
	for _, s := range cine.Speeds {
		speeds = append(speeds, cine.SpeedText(s, i18n.Lang()))
	}
	speed := widget.NewRadioGroup(speeds, func(s string) {
		for _, x := range cine.Speeds {
			if cine.SpeedText(x, i18n.Lang()) == s {
				set(func(n *Nav) { n.Cine.Speed = x })
			}
		}
	})
	speed.Horizontal, speed.Required = true, true
	speed.Selected = cine.SpeedText(cine.NearestSpeed(n.Cine.Speed), i18n.Lang())
	var modes []string
	for _, m := range cine.Modes {
		modes = append(modes, cinebar.ModeLabel(m))
	}
	mode := widget.NewRadioGroup(modes, func(s string) {
		for _, m := range cine.Modes {
			if cinebar.ModeLabel(m) == s {
				set(func(n *Nav) { n.Cine.Mode = m })
			}
		}
	})
	mode.Horizontal, mode.Required = true, true
	mode.Selected = cinebar.ModeLabel(n.Cine.Mode)
	cineForm := widget.NewForm(
		widget.NewFormItem(lang.L("Speed"), speed),
		widget.NewFormItem(lang.L("At the end"), mode),
	)

	var factors []string
	for _, f := range magnifier.Factors {
		factors = append(factors, cine.SpeedText(float64(f), i18n.Lang()))
	}
	factor := widget.NewRadioGroup(factors, func(s string) {
		for _, f := range magnifier.Factors {
			if cine.SpeedText(float64(f), i18n.Lang()) == s {
				set(func(n *Nav) { n.Magnifier = f })
			}
		}
	})
	factor.Horizontal, factor.Required = true, true
	factor.Selected = cine.SpeedText(float64(magnifier.NearestFactor(n.Magnifier)), i18n.Lang())

	return []Section{
		{lang.L("Mouse wheel over an image"), wheel},
		{lang.L("Cine runs"), container.NewVBox(cineForm,
			hint(lang.L("Speed is a multiple of the file's frame rate (Frame Time, Cine Rate or Recommended Display Frame Rate). Runs start this way; the speed and end buttons under a run (keys [ and ], Shift+C) change them for that pane.")))},
		{lang.L("Magnifier"), container.NewVBox(factor,
			hint(lang.L("Hold Q over an image to see its pixels magnified over the zoom on screen, from the full-resolution frame; Shift+Q keeps the magnifier on.")))},
	}
}
