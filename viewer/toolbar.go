package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hsgview/viewer/imageview"
)

func (v *Viewer) buildToolbar() *fyne.Container {
	btn := func(label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, func() {
			fn()
			v.focusActive()
		})
		b.Importance = widget.LowImportance
		return b
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
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	left := container.NewHBox()
	if v.opts.Studies != nil {
		// Not btn(): the pane must not take the focus back from the list.
		studies := widget.NewButtonWithIcon(lang.X("toolbar.studies", "Studies"), theme.ListIcon(), v.opts.Studies)
		left.Add(studies)
		left.Add(sep())
	}
	left.Objects = append(left.Objects,
		btn(lang.L("Open"), theme.FileIcon(), v.openFileDialog),
		btn(lang.L("Folder"), theme.FolderOpenIcon(), v.openFolderDialog),
		sep(),
		v.layoutBtns[Layout1x1], v.layoutBtns[Layout1x2], v.layoutBtns[Layout2x2],
		sep(),
		v.modeBtns[imageview.DragWindow], v.modeBtns[imageview.DragPan], v.modeBtns[imageview.DragZoom],
		sep(),
		presetBtn, btn(lang.L("Full range"), nil, v.fullRange),
		sep(),
		btn(lang.L("Fit"), theme.ZoomFitIcon(), v.fit), btn("1:1", nil, v.actualSize),
		sep(),
		btn("", theme.MediaReplayIcon(), func() { v.rotate(-1) }),
		btn(lang.L("Rotate"), theme.ViewRefreshIcon(), func() { v.rotate(1) }),
		btn(lang.L("Flip H"), nil, func() { v.flip(true) }),
		btn(lang.L("Flip V"), nil, func() { v.flip(false) }),
		btn(lang.L("Invert"), theme.ColorPaletteIcon(), v.invert),
		btn(lang.L("Reset"), theme.ContentUndoIcon(), v.reset),
		sep(),
		v.syncBtn,
	)
	right := container.NewHBox(v.studyBtn)
	if v.opts.Priors != nil {
		right.Add(btn(lang.X("toolbar.priors", "Priors"), theme.HistoryIcon(), func() {
			if v.study != nil {
				v.opts.Priors(v.study)
			}
		}))
	}
	right.Add(btn("", theme.HelpIcon(), v.showHelp))
	v.updateToolbar()
	return container.NewBorder(nil, nil, left, right)
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
