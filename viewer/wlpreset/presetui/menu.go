package presetui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/settings"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

// Image is what the Presets menu offers windows for: the active pane's
// image.
type Image struct {
	Modality string
	File     []dicomio.VOI // the windows and VOI LUTs the file gives
	Full     dicomio.VOI   // its full-range window
}

// Actions are what the Presets menu's items do.
type Actions struct {
	Key   func(n int)           // the window of key n (1–9), as the key does
	Apply func(voi dicomio.VOI) // a window without a key
	Full  func()                // the full range (key 0)
	Edit  func()                // open the presets editor
}

// Menu returns the Presets menu for img: the user's presets for its
// modality, then the file's windows, the full range and "Edit window
// presets…". The items that keys 1–9 apply ([wlpreset.Key]) show their
// key: the user's presets when the modality has any, else the file's
// windows.
func Menu(user []wlpreset.Preset, img Image, do Actions) *fyne.Menu {
	own := wlpreset.For(user, img.Modality)
	var items []*fyne.MenuItem
	keyed := func(it *fyne.MenuItem, n int) {
		if n <= 9 {
			it.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(n))}
		}
	}
	head := func(s string) {
		it := fyne.NewMenuItem(s, nil)
		it.Disabled = true
		items = append(items, it)
	}
	if len(own) > 0 {
		m := img.Modality
		if m == "" {
			m = "?"
		}
		head(lang.L("Your presets for {{.Modality}}", map[string]any{"Modality": m}))
		for i, p := range own {
			n := i + 1
			it := fyne.NewMenuItem(p.Name+"  ("+Describe(p)+")", func() {
				if n <= 9 {
					do.Key(n)
				} else if v, ok := p.VOI(img.Full); ok {
					do.Apply(v)
				}
			})
			if _, ok := p.VOI(img.Full); !ok {
				it.Disabled = true
			}
			keyed(it, n)
			items = append(items, it)
		}
		items = append(items, fyne.NewMenuItemSeparator())
	}
	if len(img.File) > 0 {
		head(lang.L("From the file"))
	} else {
		head(lang.L("(no windows in this file)"))
	}
	for i, v := range img.File {
		n := i + 1
		it := fyne.NewMenuItem(v.Label(), func() {
			if len(own) == 0 && n <= 9 {
				do.Key(n)
			} else {
				do.Apply(v)
			}
		})
		if len(own) == 0 {
			keyed(it, n)
		}
		items = append(items, it)
	}
	full := fyne.NewMenuItem(lang.L("Full range"), do.Full)
	full.Shortcut = &desktop.CustomShortcut{KeyName: fyne.Key0}
	items = append(items, fyne.NewMenuItemSeparator(), full, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Edit window presets…"), do.Edit))
	return fyne.NewMenu(lang.L("Presets"), items...)
}

// Section returns the window presets' part of the Settings dialog: a
// button that opens the editor.
func Section(edit func()) settings.Section {
	help := widget.NewLabel(lang.L("Keys 1–9 apply your presets for the image's modality (XA, RF, DX, CR …), or the file's windows when it has none; 0 shows the full range."))
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	return settings.Section{Title: lang.L("Window presets"),
		Content: container.NewVBox(widget.NewButton(lang.L("Edit window presets…"), edit), help)}
}

// RegionNote says what the window from a region ([wlpreset.FromRegion])
// did, or why there is none.
func RegionNote(st mark.Stats, err error) string {
	switch err {
	case nil:
		return lang.L("Window from the region: its values {{.Min}} to {{.Max}} now span the grey scale ({{.N}} pixels)",
			map[string]any{"Min": imageview.FormatValue(st.Min), "Max": imageview.FormatValue(st.Max), "N": st.Pixels})
	case wlpreset.ErrUniform:
		return lang.L("No window from this region: every pixel in it has the value {{.V}}", map[string]any{"V": imageview.FormatValue(st.Min)})
	case wlpreset.ErrColour:
		return lang.L("No window from this region: a colour image has no window")
	}
	return lang.L("No window from this region: it holds no pixel of the image")
}
