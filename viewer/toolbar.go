package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/overflow"
)

// buildToolbar makes the tool bar: what does not fit the window goes
// into its "more" menu, from the end; the study switcher, Priors and
// Help always stay in view.
func (v *Viewer) buildToolbar() *overflow.Bar {
	btn := func(label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, func() {
			fn()
			v.focusActive()
		})
		b.Importance = widget.LowImportance
		return b
	}
	item := func(label string, icon fyne.Resource, fn func()) overflow.Item {
		return overflow.Button(btn(label, icon, fn), "")
	}
	v.layoutBtns = map[Layout]*widget.Button{}
	for _, l := range layouts {
		v.layoutBtns[l] = btn(l.String(), nil, func() { v.SetLayout(l) })
	}
	v.modeBtns = map[imageview.DragMode]*widget.Button{}
	for _, m := range []imageview.DragMode{imageview.DragWindow, imageview.DragPan, imageview.DragZoom} {
		v.modeBtns[m] = btn(lang.L(m.String()), nil, func() { v.SetDragMode(m) })
	}
	v.marks.buildPalette(btn)
	var presetBtn *widget.Button
	presetBtn = btn(lang.L("Presets"), theme.MenuDropDownIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(presetBtn).Add(fyne.NewPos(0, presetBtn.Size().Height))
		widget.ShowPopUpMenuAtPosition(v.presetMenu(), v.win.Canvas(), pos)
	})
	v.syncBtn = btn(lang.L("Sync"), theme.ViewRefreshIcon(), func() { v.SetSync(!v.sync) })
	v.studyBtn = btn(lang.L("Study"), theme.MenuDropDownIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.studyBtn).Add(fyne.NewPos(0, v.studyBtn.Size().Height))
		widget.ShowPopUpMenuAtPosition(v.studyMenu(), v.win.Canvas(), pos)
	})
	v.studyBtn.Hide()
	var items []overflow.Item
	if v.opts.Studies != nil {
		// Not btn(): the pane must not take the focus back from the list.
		items = append(items, overflow.Button(widget.NewButtonWithIcon(lang.X("toolbar.studies", "Studies"), theme.ListIcon(), v.opts.Studies), ""), overflow.Separator())
	}
	ib := func(b *widget.Button) overflow.Item { return overflow.Button(b, "") }
	items = append(items,
		item(lang.L("Open"), theme.FileIcon(), v.openFileDialog),
		item(lang.L("Folder"), theme.FolderOpenIcon(), v.openFolderDialog),
		overflow.Separator(),
		ib(v.layoutBtns[Layout1x1]), ib(v.layoutBtns[Layout1x2]), ib(v.layoutBtns[Layout2x2]),
		overflow.Separator(),
		ib(v.modeBtns[imageview.DragWindow]), ib(v.modeBtns[imageview.DragPan]), ib(v.modeBtns[imageview.DragZoom]),
		overflow.Separator(),
		overflow.Submenu(presetBtn, lang.L("Presets"), v.presetMenu), item(lang.L("Full range"), nil, v.fullRange),
		overflow.Separator(),
		item(lang.L("Fit"), theme.ZoomFitIcon(), v.fit), item(lang.L("1:1"), nil, v.actualSize),
		overflow.Separator(),
		overflow.Button(btn("", theme.MediaReplayIcon(), func() { v.rotate(-1) }), lang.L("Rotate anticlockwise")),
		item(lang.L("Rotate"), theme.ViewRefreshIcon(), func() { v.rotate(1) }),
		item(lang.L("Flip H"), nil, func() { v.flip(true) }),
		item(lang.L("Flip V"), nil, func() { v.flip(false) }),
		item(lang.L("Invert"), theme.ColorPaletteIcon(), v.invert),
		item(lang.L("Reset"), theme.ContentUndoIcon(), v.reset),
		overflow.Separator(),
		ib(v.syncBtn),
	)
	trailing := []fyne.CanvasObject{v.studyBtn}
	if v.opts.Priors != nil {
		trailing = append(trailing, btn(lang.X("toolbar.priors", "Priors"), theme.HistoryIcon(), func() {
			if v.study != nil {
				v.opts.Priors(v.study)
			}
		}))
	}
	trailing = append(trailing, btn("", theme.HelpIcon(), v.showHelp))
	v.updateToolbar()
	return overflow.New(items, trailing...)
}

// updateToolbar highlights the current layout, tool and sync state.
func (v *Viewer) updateToolbar() {
	set := func(b *widget.Button, on bool) {
		imp := widget.LowImportance
		if on {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	for l, b := range v.layoutBtns {
		set(b, l == v.layout)
	}
	for m, b := range v.modeBtns {
		set(b, v.marks.mode == modeNavigate && m == v.tool.Primary)
	}
	v.marks.updateButtons(set)
	set(v.syncBtn, v.sync)
}
