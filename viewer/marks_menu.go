package viewer

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// A findingChoice is a finding of the report a mark can illustrate: its
// JSON pointer and how the menu names it.
type findingChoice struct{ ref, label string }

// findingChoices lists the findings a mark can be linked to: each tube
// and its occlusion, hydrosalpinx (and its diameter) and spill, the
// cavity and its contour, each filling defect and outpouching the report
// holds, adhesions, anomaly, cervix, peritoneum and complications.
func findingChoices(r *report.Report) []findingChoice {
	var cs []findingChoice
	for _, side := range []struct{ key, name string }{{"right", lang.L("Right tube")}, {"left", lang.L("Left tube")}} {
		base := "/tubes/" + side.key
		cs = append(cs,
			findingChoice{base, side.name},
			findingChoice{base + "/occlusionSite", side.name + ": " + lang.L("occlusion")},
			findingChoice{base + "/hydrosalpinx", side.name + ": " + lang.L("hydrosalpinx")},
			findingChoice{base + "/hydrosalpinx/maxDiameterMm", side.name + ": " + lang.L("hydrosalpinx diameter")},
			findingChoice{base + "/spill", side.name + ": " + lang.L("spill")},
		)
	}
	cs = append(cs,
		findingChoice{"/uterus", lang.L("Uterine cavity")},
		findingChoice{"/uterus/contour", lang.L("Uterine cavity") + ": " + lang.L("contour")},
	)
	words := func(s string) string { return strings.ToLower(s) }
	ui := i18n.Lang()
	for i, d := range r.Uterus.FillingDefects {
		label := fmt.Sprintf(lang.L("Filling defect %d"), i+1)
		if d.Kind != "" || d.Location != "" {
			label += " (" + strings.TrimSpace(words(report.LabelIn(d.Kind, ui))+" "+words(report.LabelIn(d.Location, ui))) + ")"
		}
		cs = append(cs, findingChoice{fmt.Sprintf("/uterus/fillingDefects/%d", i), label})
	}
	for i, o := range r.Uterus.Outpouchings {
		label := fmt.Sprintf(lang.L("Outpouching %d"), i+1)
		if o.Type != "" {
			label += " (" + words(report.LabelIn(o.Type, ui)) + ")"
		}
		cs = append(cs, findingChoice{fmt.Sprintf("/uterus/outpouchings/%d", i), label})
	}
	cs = append(cs,
		findingChoice{"/uterus/intrauterineAdhesions", lang.L("Intrauterine adhesions")},
		findingChoice{"/uterus/mullerianAnomaly", lang.L("Müllerian anomaly")},
		findingChoice{"/cervix", lang.L("Cervix")},
		findingChoice{"/peritoneum", lang.L("Peritoneal spill")},
		findingChoice{"/complications", lang.L("Complication")},
	)
	return cs
}

// findingMenu returns the menu that links mark a to a finding.
func (ed *markEditor) findingMenu(a mark.Annotation) *fyne.Menu {
	r := ed.report()
	none := fyne.NewMenuItem(lang.L("Not linked"), func() { ed.do(mark.LinkFinding(a.ID, "")) })
	none.Checked = a.FindingRef == ""
	items := []*fyne.MenuItem{none, fyne.NewMenuItemSeparator()}
	found := false
	for _, c := range findingChoices(r) {
		ref := c.ref
		it := fyne.NewMenuItem(c.label, func() { ed.do(mark.LinkFinding(a.ID, ref)) })
		it.Checked = a.FindingRef == ref
		found = found || it.Checked
		items = append(items, it)
	}
	if a.FindingRef != "" && !found {
		it := fyne.NewMenuItem(a.FindingRef, nil)
		it.Checked = true
		items = append(items, it)
	}
	return fyne.NewMenu(lang.L("Link to finding"), items...)
}

// showMenu opens the context menu of the mark id at view position pos
// of p (see markMenu).
func (ed *markEditor) showMenu(p *Pane, pos fyne.Position, id string) {
	menu := ed.markMenu(p, id)
	if menu == nil {
		return
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.view).Add(pos)
	widget.ShowPopUpMenuAtPosition(menu, ed.v.win.Canvas(), abs)
}

// markMenu returns the context menu of the mark id shown in p, which it
// selects: edit its text, link it to a finding, delete it; for a
// calibration line, clear the calibration. It returns nil for a mark the
// report does not hold.
func (ed *markEditor) markMenu(p *Pane, id string) *fyne.Menu {
	if series, ok := strings.CutPrefix(id, "calibration:"); ok {
		return fyne.NewMenu("", fyne.NewMenuItem(lang.L("Clear calibration of this series"), func() {
			ed.clearCalibration(series)
		}))
	}
	r := ed.report()
	if r == nil {
		return nil
	}
	i := markIndex(r.Annotations, id)
	if i < 0 {
		return nil
	}
	a := r.Annotations[i]
	ed.Select(id)
	text := fyne.NewMenuItem(lang.L("Edit text…"), func() { ed.v.b.Later(func() { ed.editLabel(p, id) }) })
	link := fyne.NewMenuItem(lang.L("Link to finding"), nil)
	link.ChildMenu = ed.findingMenu(a)
	del := fyne.NewMenuItem(lang.L("Delete"), func() { ed.do(mark.DeleteMark(id)) })
	del.Icon = theme.DeleteIcon()
	return fyne.NewMenu("", text, link, fyne.NewMenuItemSeparator(), del)
}

// withSelected calls fn with the selected mark and the pane that shows
// it (the active pane if it does), if there is one.
func (ed *markEditor) withSelected(fn func(p *Pane, a mark.Annotation)) {
	r := ed.report()
	if r == nil || ed.selected == "" {
		return
	}
	i := markIndex(r.Annotations, ed.selected)
	if i < 0 {
		return
	}
	a := r.Annotations[i]
	panes := append([]*Pane{ed.v.ActivePane()}, ed.v.panes[:]...)
	for _, p := range panes {
		if markIndex(p.marks.Scene().marks, a.ID) >= 0 {
			fn(p, a)
			return
		}
	}
}

// EditSelectedLabel asks for the text of the selected mark and reports
// whether a mark is selected.
func (ed *markEditor) EditSelectedLabel() bool {
	done := false
	ed.withSelected(func(p *Pane, a mark.Annotation) {
		done = true
		ed.editLabel(p, a.ID)
	})
	return done
}

// editMenu returns the Edit menu: undo and redo of marks and
// calibrations, and the selected mark's commands.
func (ed *markEditor) editMenu(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) *fyne.Menu {
	ed.undoItem = item(lang.L("Undo"), &fyne.ShortcutUndo{}, func() { ed.v.shortcutOr(&fyne.ShortcutUndo{}, ed.Undo) })
	redo := &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	ed.redoItem = item(lang.L("Redo"), redo, func() { ed.v.shortcutOr(&fyne.ShortcutRedo{}, ed.Redo) })
	ed.updateUndo()
	text := item(lang.L("Edit text of mark…"), &desktop.CustomShortcut{KeyName: fyne.KeyReturn}, func() { ed.EditSelectedLabel() })
	del := item(lang.L("Delete mark"), &desktop.CustomShortcut{KeyName: fyne.KeyDelete}, func() { ed.DeleteSelected() })
	clearCal := item(lang.L("Clear calibration of this series"), nil, func() {
		if p := ed.v.ActivePane(); p.in != nil {
			ed.clearCalibration(p.in.SeriesInstanceUID)
		}
	})
	return fyne.NewMenu(lang.L("Edit"), ed.undoItem, ed.redoItem, fyne.NewMenuItemSeparator(), text, del,
		fyne.NewMenuItemSeparator(), clearCal)
}

// marksMenu returns the Marks menu: one item per tool, with its key.
func (ed *markEditor) marksMenu(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, t := range tools {
		var sc fyne.Shortcut
		if len(t.runes) > 0 {
			k := fyne.KeyName(strings.ToUpper(string(t.runes[0])))
			var mod fyne.KeyModifier
			if t.runes[0] >= 'A' && t.runes[0] <= 'Z' {
				mod = fyne.KeyModifierShift
			}
			sc = &desktop.CustomShortcut{KeyName: k, Modifier: mod}
		}
		mode := t.mode
		it := item(lang.L(t.name), sc, func() { ed.setMode(mode) })
		it.Icon = t.icon
		items = append(items, it)
	}
	return fyne.NewMenu(lang.L("Marks"), append(items, fyne.NewMenuItemSeparator(), ed.statsItem())...)
}

// statsKey is the preference that says how ROI statistics are set.
const statsKey = "marks.roiStats"

func loadStatsLayout() mark.StatsLayout {
	s := mark.StatsLayout(fyne.CurrentApp().Preferences().IntWithFallback(statsKey, int(mark.StatsAuto)))
	return min(max(s, mark.StatsAuto), mark.StatsOneLine)
}

// statsItem is the Marks menu's choice of how ROI statistics are set.
func (ed *markEditor) statsItem() *fyne.MenuItem {
	parent := fyne.NewMenuItem(lang.L("ROI statistics"), nil)
	parent.ChildMenu = fyne.NewMenu("")
	for _, c := range []struct {
		s    mark.StatsLayout
		name string
	}{{mark.StatsAuto, lang.L("Full, one line when crowded")}, {mark.StatsFull, lang.L("Always full")}, {mark.StatsOneLine, lang.L("Always one line")}} {
		it := fyne.NewMenuItem(c.name, nil)
		it.Checked = ed.stats == c.s
		it.Action = func() {
			ed.stats = c.s
			fyne.CurrentApp().Preferences().SetInt(statsKey, int(c.s))
			for _, o := range parent.ChildMenu.Items {
				o.Checked = o == it
			}
			if ed.v.mainMenu != nil {
				ed.v.mainMenu.Refresh()
			}
			ed.changed()
		}
		parent.ChildMenu.Items = append(parent.ChildMenu.Items, it)
	}
	return parent
}

// buildPalette makes the tool palette, a column of buttons left of the
// panes: navigate, the drawing tools, then undo and redo.
func (ed *markEditor) buildPalette(btn func(string, fyne.Resource, func()) *widget.Button) {
	ed.buttons = map[toolMode]*widget.Button{}
	box := container.NewVBox()
	for _, t := range tools {
		mode := t.mode
		b := btn("", t.icon, func() {
			if ed.mode == mode && mode != modeNavigate {
				ed.setMode(modeNavigate)
			} else {
				ed.setMode(mode)
			}
		})
		ed.buttons[mode] = b
		box.Add(b)
		if mode == modeWindowRegion {
			box.Add(widget.NewSeparator())
		}
	}
	ed.undoBtn = btn("", theme.ContentUndoIcon(), ed.Undo)
	ed.redoBtn = btn("", theme.ContentRedoIcon(), ed.Redo)
	box.Add(widget.NewSeparator())
	box.Add(ed.undoBtn)
	box.Add(ed.redoBtn)
	ed.updateUndo()
	ed.paletteBox = box
}

// updateButtons highlights the chosen tool.
func (ed *markEditor) updateButtons(set func(*widget.Button, bool)) {
	for m, b := range ed.buttons {
		set(b, m == ed.mode)
	}
}

// shortcutOr hands sc to the focused widget when it takes shortcuts (a
// text field: Ctrl+Z undoes typing there), else runs fn. Menu shortcuts
// reach the menu before the focused widget, hence this.
func (v *Viewer) shortcutOr(sc fyne.Shortcut, fn func()) {
	if c := v.win.Canvas(); c != nil {
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
			return
		}
	}
	fn()
}
