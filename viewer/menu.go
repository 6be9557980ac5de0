package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/viewer/about"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/recent"
	"github.com/hsgview/hsgview/viewer/ui"
)

func (v *Viewer) studyMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if v.coll != nil {
		for _, s := range viewable(v.coll) {
			label := recent.StudyLabel(s)
			if n := dicomtext.FormatPersonName(s.Patient.Name); n != "" {
				label = n + " · " + label
			}
			item := fyne.NewMenuItem(label, func() { v.ShowStudy(s) })
			item.Checked = s == v.study
			items = append(items, item)
		}
	}
	return fyne.NewMenu(lang.L("Studies"), items...)
}

// menu builds the main menu. Plain-key shortcuts are shown for reference;
// the key map handles them.
func (v *Viewer) menu() *fyne.MainMenu {
	key := func(k fyne.KeyName, m fyne.KeyModifier) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: m}
	}
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { fn(); v.focusActive() })
		it.Shortcut = sc
		return it
	}
	v.recentMenu = fyne.NewMenuItem(lang.L("Recent studies"), nil)
	v.updateRecentMenu(recent.LoadRecent(fyne.CurrentApp().Preferences()))
	file := fyne.NewMenu(lang.L("File"))
	if v.opts.Studies != nil {
		// Not item(): the pane must not take the focus back from the list.
		studies := fyne.NewMenuItem(lang.L("Studies (worklist)"), v.opts.Studies)
		studies.Shortcut = key(fyne.KeyL, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
		file.Items = append(file.Items, studies, fyne.NewMenuItemSeparator())
	}
	file.Items = append(file.Items,
		item(lang.L("Open file…"), key(fyne.KeyO, fyne.KeyModifierShortcutDefault), v.openFileDialog),
		item(lang.L("Open folder…"), key(fyne.KeyO, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift), v.openFolderDialog),
		v.recentMenu,
	)
	if v.opts.Demo != nil {
		file.Items = append(file.Items, fyne.NewMenuItemSeparator(), item(lang.L("Open demo study"), nil, v.OpenDemo))
	}
	file.Items = append(file.Items, v.rep.FileItems()...)
	layoutItems := make([]*fyne.MenuItem, len(layouts))
	for i, l := range layouts {
		layoutItems[i] = item(lang.L("Layout")+" "+l.String(), nil, func() { v.SetLayout(l) })
	}
	view := fyne.NewMenu(lang.L("View"), append(layoutItems,
		item(lang.L("Next layout"), key(fyne.KeyL, 0), v.cycleLayout),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Synchronise panes"), key(fyne.KeyS, 0), func() { v.SetSync(!v.sync) }),
		item(lang.L("Full screen"), key(fyne.KeyF11, 0), v.toggleFullScreen),
		item(lang.L("Files that could not be read"), key(fyne.KeyE, 0), v.toggleErrors),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Dark theme"), nil, func() { v.setLightTheme(false) }),
		item(lang.L("Light theme"), nil, func() { v.setLightTheme(true) }),
		item(lang.L("Language…"), nil, func() {
			v.showDialog(i18n.NewChooser(v.win, fyne.CurrentApp().Preferences(), v.showDialog))
		}),
	)...)
	img := fyne.NewMenu(lang.L("Image"),
		item(lang.L("Full range window"), key(fyne.Key0, 0), v.fullRange),
		item(lang.L("Edit window presets…"), nil, v.editPresets),
		item(lang.L("Fit"), key(fyne.KeyF, 0), v.fit),
		item(lang.L("Actual size (1:1)"), key(fyne.KeyF, fyne.KeyModifierShift), v.actualSize),
		item(lang.L("Rotate clockwise"), key(fyne.KeyR, 0), func() { v.rotate(1) }),
		item(lang.L("Rotate anticlockwise"), key(fyne.KeyR, fyne.KeyModifierShift), func() { v.rotate(-1) }),
		item(lang.L("Flip horizontally"), key(fyne.KeyH, 0), func() { v.flip(true) }),
		item(lang.L("Flip vertically"), key(fyne.KeyV, 0), func() { v.flip(false) }),
		item(lang.L("Invert"), key(fyne.KeyI, 0), v.invert),
		item(lang.L("Reset"), key(fyne.KeyX, 0), v.reset),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Play / pause"), key(fyne.KeySpace, 0), v.togglePlay),
		fyne.NewMenuItemSeparator(),
		item(lang.L("DICOM header…"), key(fyne.KeyD, fyne.KeyModifierShortcutDefault), v.showHeader),
	)
	help := fyne.NewMenu(lang.L("Help"), item(lang.L("Keyboard and mouse"), key(fyne.KeyF1, 0), v.showHelp))
	help.Items = append(help.Items, item(lang.L("About hsgview"), nil, func() { v.showDialog(about.NewAbout(v.win, about.About)) }))
	file.Items = append(file.Items, fyne.NewMenuItemSeparator())
	file.Items = append(file.Items, v.marks.exportItems(item)...)
	// Fyne adds a Quit item without a shortcut unless the File menu ends
	// with one; this one has Ctrl+Q, as the Help lists. Quitting stops
	// the app, whose OnStopped hook saves the report draft.
	quit := item(lang.L("Quit"), key(fyne.KeyQ, fyne.KeyModifierShortcutDefault), func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	edit := v.marks.editMenu(item)
	edit.Items = append(edit.Items, fyne.NewMenuItemSeparator(), v.marks.copyItem(item),
		fyne.NewMenuItemSeparator(), item(lang.L("Settings…"), key(fyne.KeyComma, fyne.KeyModifierShortcutDefault), v.showSettings))
	return fyne.NewMainMenu(file, edit, view, img, v.marks.marksMenu(item), v.rep.Menu(), help)
}

func (v *Viewer) updateRecentMenu(list []recent.RecentStudy) {
	if v.recentMenu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, r := range list {
		paths := r.Paths
		items = append(items, fyne.NewMenuItem(r.Label+" – "+describePaths(paths), func() { v.Open(paths) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.L("(none yet)"), nil)
		none.Disabled = true
		items = append(items, none)
	} else {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(lang.L("Clear recent studies"), v.ClearRecent))
	}
	v.recentMenu.ChildMenu = fyne.NewMenu("", items...)
	if v.mainMenu != nil {
		v.mainMenu.Refresh()
	}
}

// ClearRecent forgets the recent studies (File → Recent studies → Clear):
// their folder names may carry a patient's name.
func (v *Viewer) ClearRecent() {
	recent.ClearRecent(fyne.CurrentApp().Preferences())
	v.updateRecentMenu(nil)
	v.status.SetText(lang.L("Recent studies cleared"))
}

// themeKey is the preference remembering the light theme.
const themeKey = "theme.light"

func (v *Viewer) setLightTheme(light bool) {
	v.lightTheme = light
	fyne.CurrentApp().Preferences().SetBool(themeKey, light)
	fyne.CurrentApp().Settings().SetTheme(ui.NewTheme(light))
}
