package presetui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/ui"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

// Modalities are offered in the editor's modality field (any other can
// be typed).
var Modalities = []string{"XA", "RF", "DX", "CR", "MG", "CT", "MR", "US", "OT"}

// Current is the image on screen, for "Add the window on screen".
type Current struct {
	Modality string
	VOI      dicomio.VOI // its window; a VOI LUT cannot be kept
	OK       bool        // there is an image with a window
}

// Editor edits a copy of the presets: a list on the left, the fields of
// the selected preset on the right, and buttons to add, delete and move
// presets. Nothing changes outside it until its owner takes
// [Editor.Presets].
//
// All methods must be called on the Fyne goroutine.
type Editor struct {
	presets []wlpreset.Preset
	sel     int // selected preset, -1 for none
	current Current

	list                         *widget.List
	name, center, width          *widget.Entry
	modality                     *widget.SelectEntry
	unit                         *widget.RadioGroup
	problem                      *widget.Label
	fields                       *fyne.Container
	del, up, down, addCurrentBtn *widget.Button
	filling                      bool // the fields are being set from the preset
	content                      fyne.CanvasObject
}

// NewEditor returns an editor of a copy of ps.
func NewEditor(ps []wlpreset.Preset, cur Current) *Editor {
	e := &Editor{presets: append([]wlpreset.Preset(nil), ps...), sel: -1, current: cur}
	e.build()
	if len(e.presets) > 0 {
		e.Select(0)
	} else {
		e.fill()
	}
	return e
}

// unit choices.
func unitLabels() (abs, rel string) {
	return lang.L("Modality values"), lang.L("% of the image's value range")
}

// Describe writes a preset's modality and window for the list.
func Describe(p wlpreset.Preset) string {
	m := p.Modality
	if m == "" {
		m = lang.L("every modality")
	}
	pct := ""
	if p.Relative {
		pct = " %"
	}
	return fmt.Sprintf(lang.L("%s · W %s%s / L %s%s"), m, imageview.FormatValue(p.Width), pct, imageview.FormatValue(p.Center), pct)
}

func (e *Editor) build() {
	e.list = widget.NewList(
		func() int { return len(e.presets) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			desc := widget.NewLabel("")
			desc.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, desc)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			p := e.presets[i]
			box.Objects[0].(*widget.Label).SetText(p.Name)
			d := Describe(p)
			if k := e.key(i); k > 0 && k <= 9 {
				d = lang.L("key {{.N}}", map[string]any{"N": k}) + " · " + d
			}
			box.Objects[1].(*widget.Label).SetText(d)
		})
	e.list.OnSelected = func(i widget.ListItemID) {
		if i != e.sel {
			e.sel = i
			e.fill()
		}
	}
	e.name = widget.NewEntry()
	e.modality = widget.NewSelectEntry(Modalities)
	e.modality.PlaceHolder = lang.L("every modality")
	abs, rel := unitLabels()
	e.unit = widget.NewRadioGroup([]string{abs, rel}, nil)
	e.unit.Required = true
	e.center, e.width = widget.NewEntry(), widget.NewEntry()
	e.problem = widget.NewLabel("")
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Importance = widget.DangerImportance
	for _, en := range []*widget.Entry{e.name, e.center, e.width, &e.modality.Entry} {
		en.OnChanged = func(string) { e.edited() }
	}
	e.unit.OnChanged = func(string) { e.edited() }
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), e.name),
		widget.NewFormItem(lang.L("Modality"), e.modality),
		widget.NewFormItem(lang.L("Values in"), e.unit),
		widget.NewFormItem(lang.L("Level (centre)"), e.center),
		widget.NewFormItem(lang.L("Width"), e.width),
	)
	help := widget.NewLabel(lang.L("Keys 1–9 apply the presets for the image's modality in this order, then those for every modality. A % preset follows each image's own range: 0 % is its lowest value, 100 % its highest."))
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	e.fields = container.NewVBox(form, e.problem, help)

	add := widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), e.Add)
	e.addCurrentBtn = widget.NewButton(lang.L("Add the window on screen"), e.AddCurrent)
	if !e.current.OK || e.current.VOI.LUT != nil {
		e.addCurrentBtn.Disable()
	}
	e.del = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), e.Delete)
	e.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.Move(-1) })
	e.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.Move(1) })
	reset := widget.NewButton(lang.L("Defaults"), e.Reset)
	buttons := container.NewHBox(add, e.addCurrentBtn, e.del, e.up, e.down, reset)
	split := container.NewHSplit(e.list, container.NewVScroll(e.fields))
	split.Offset = 0.42
	e.content = container.NewBorder(nil, buttons, nil, nil, split)
}

// key returns the key (1, 2, …) preset i has on images of its modality,
// or 0 for a preset for every modality (whose key depends on how many
// the image's modality has).
func (e *Editor) key(i int) int {
	m := wlpreset.NormModality(e.presets[i].Modality)
	if m == "" {
		return 0
	}
	n := 0
	for _, p := range e.presets[:i+1] {
		if wlpreset.NormModality(p.Modality) == m {
			n++
		}
	}
	return n
}

// Content returns the editor's widgets.
func (e *Editor) Content() fyne.CanvasObject { return e.content }

// Presets returns the presets as edited.
func (e *Editor) Presets() []wlpreset.Preset { return append([]wlpreset.Preset(nil), e.presets...) }

// Selected returns the selected preset's index, or -1.
func (e *Editor) Selected() int { return e.sel }

// Select selects preset i.
func (e *Editor) Select(i int) {
	if i < 0 || i >= len(e.presets) {
		e.sel = -1
		e.list.UnselectAll()
		e.fill()
		return
	}
	e.sel = i
	e.list.Select(i)
	e.fill()
}

// fill shows the selected preset in the fields.
func (e *Editor) fill() {
	e.filling = true
	defer func() { e.filling = false }()
	has := e.sel >= 0 && e.sel < len(e.presets)
	for _, b := range []*widget.Button{e.del, e.up, e.down} {
		if has {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if !has {
		e.fields.Hide()
		return
	}
	e.fields.Show()
	p := e.presets[e.sel]
	e.name.SetText(p.Name)
	e.modality.SetText(p.Modality)
	abs, rel := unitLabels()
	if p.Relative {
		e.unit.SetSelected(rel)
	} else {
		e.unit.SetSelected(abs)
	}
	e.center.SetText(strconv.FormatFloat(p.Center, 'f', -1, 64))
	e.width.SetText(strconv.FormatFloat(p.Width, 'f', -1, 64))
	e.problem.SetText("")
	e.problem.Hide()
	if e.sel == 0 {
		e.up.Disable()
	}
	if e.sel == len(e.presets)-1 {
		e.down.Disable()
	}
}

// edited takes the fields into the selected preset; what cannot be kept
// is said under them and stops Save.
func (e *Editor) edited() {
	if e.filling || e.sel < 0 || e.sel >= len(e.presets) {
		return
	}
	p, err := e.fromFields()
	if err != nil {
		e.problem.SetText(err.Error())
		e.problem.Show()
	} else {
		e.problem.SetText("")
		e.problem.Hide()
	}
	e.presets[e.sel] = p
	e.list.RefreshItem(e.sel)
}

// fromFields returns the preset the fields describe and why it cannot be
// kept, if so.
func (e *Editor) fromFields() (wlpreset.Preset, error) {
	_, rel := unitLabels()
	p := wlpreset.Preset{Name: strings.TrimSpace(e.name.Text), Modality: wlpreset.NormModality(e.modality.Text),
		Relative: e.unit.Selected == rel}
	var errs []string
	num := func(s, problem string) float64 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
		if err != nil {
			errs = append(errs, problem)
		}
		return v
	}
	p.Center = num(e.center.Text, lang.L("The level (centre) is not a number."))
	p.Width = num(e.width.Text, lang.L("The width is not a number."))
	if len(errs) > 0 {
		return p, fmt.Errorf("%s", strings.Join(errs, " "))
	}
	if err := p.Check(); err != nil {
		return p, fmt.Errorf("%s", checkText(err))
	}
	return p, nil
}

// checkText words a wlpreset.Preset.Check error for the user.
func checkText(err error) string {
	switch err {
	case wlpreset.ErrNoName:
		return lang.L("A preset needs a name.")
	case wlpreset.ErrLongName:
		return lang.L("The name is longer than {{.N}} characters.", map[string]any{"N": wlpreset.MaxName})
	case wlpreset.ErrLongModality:
		return lang.L("The modality is longer than {{.N}} characters.", map[string]any{"N": wlpreset.MaxModality})
	case wlpreset.ErrModalityChars:
		return lang.L("The modality is letters and digits only (XA, RF, DX, CR …), or empty for every modality.")
	case wlpreset.ErrCenter:
		return lang.L("The level (centre) is not a number.")
	case wlpreset.ErrWidth:
		return lang.L("The width must be a number above zero.")
	}
	return err.Error()
}

// Add adds a preset for the modality on screen (or every modality) and
// selects it.
func (e *Editor) Add() {
	p := wlpreset.Preset{Name: lang.L("New preset"), Modality: wlpreset.NormModality(e.current.Modality),
		Center: 50, Width: 100, Relative: true}
	e.insert(p)
}

// AddCurrent adds the window on screen, in modality values.
func (e *Editor) AddCurrent() {
	if !e.current.OK || e.current.VOI.LUT != nil {
		return
	}
	w := e.current.VOI.Window
	e.insert(wlpreset.Preset{Name: fmt.Sprintf(lang.L("W %s / L %s"), imageview.FormatValue(w.Width), imageview.FormatValue(w.Center)),
		Modality: wlpreset.NormModality(e.current.Modality), Center: w.Center, Width: w.Width})
}

func (e *Editor) insert(p wlpreset.Preset) {
	if len(e.presets) >= wlpreset.MaxPresets {
		return
	}
	i := len(e.presets)
	if e.sel >= 0 {
		i = e.sel + 1
	}
	e.presets = append(e.presets[:i], append([]wlpreset.Preset{p}, e.presets[i:]...)...)
	e.list.Refresh()
	e.Select(i)
}

// Delete deletes the selected preset.
func (e *Editor) Delete() {
	if e.sel < 0 || e.sel >= len(e.presets) {
		return
	}
	e.presets = append(e.presets[:e.sel], e.presets[e.sel+1:]...)
	e.list.UnselectAll()
	e.list.Refresh()
	e.Select(min(e.sel, len(e.presets)-1))
}

// Move moves the selected preset d places (−1: up).
func (e *Editor) Move(d int) {
	j := e.sel + d
	if e.sel < 0 || j < 0 || j >= len(e.presets) {
		return
	}
	e.presets = wlpreset.Move(e.presets, e.sel, j)
	e.list.Refresh()
	e.Select(j)
}

// Reset replaces the presets by the defaults.
func (e *Editor) Reset() {
	e.presets = wlpreset.Defaults(tr)
	e.list.UnselectAll()
	e.list.Refresh()
	e.Select(0)
}

// Problem returns the first preset that cannot be kept and why, or -1.
func (e *Editor) Problem() (int, error) {
	for i, p := range e.presets {
		if err := p.Check(); err != nil {
			return i, fmt.Errorf("%s", checkText(err))
		}
	}
	if e.sel >= 0 && e.sel < len(e.presets) {
		if _, err := e.fromFields(); err != nil {
			return e.sel, err
		}
	}
	return -1, nil
}

// NewDialog returns the presets editor as a dialog of win: Save hands
// the presets to save (which keeps them, or says why not: the dialog
// then stays open); Cancel drops the changes.
func NewDialog(win fyne.Window, ps []wlpreset.Preset, cur Current, save func([]wlpreset.Preset) error) (dialog.Dialog, *Editor) {
	e := NewEditor(ps, cur)
	d := dialog.NewCustomWithoutButtons(lang.L("Window presets"), e.Content(), win)
	saveBtn := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		if i, err := e.Problem(); i >= 0 {
			e.Select(i)
			dialog.ShowError(err, win)
			return
		}
		if err := save(e.Presets()); err != nil {
			dialog.ShowError(err, win)
			return
		}
		d.Hide()
	})
	saveBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), d.Hide), saveBtn})
	d.Resize(ui.DialogSize(win))
	return d, e
}

// tr translates a text without data (the default presets' names).
func tr(s string) string { return lang.L(s) }

// The names wlpreset.Defaults gives its presets
// (catalogue keys: tr says them).
var _ = []string{i18n.K("Full range"), i18n.K("High contrast"), i18n.K("Dense contrast"), i18n.K("Faint contrast"), i18n.K("Low contrast")}
