package viewer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/studytext"
)

// calibrationMethods are the references a series can be calibrated
// against, as the dialog names them (catalogue keys).
var calibrationMethods = []struct {
	method mark.CalibrationMethod
	name   string
	unit   string
}{
	{mark.CalibrateCatheterFrench, i18n.K("Catheter (French size)"), "Fr"},
	{mark.CalibrateBalloonMM, i18n.K("Balloon diameter"), "mm"},
	{mark.CalibrateKnownLength, i18n.K("Known length"), "mm"},
}

// calibrationBox is the dialog that asks what a calibration line was
// drawn along. All methods must be called on the Fyne goroutine.
type calibrationBox struct {
	ed     *markEditor
	p      *Pane
	p0, p1 mark.ImagePoint
	method *widget.Select
	value  *widget.Entry
	dlg    *dialog.FormDialog
	done   func()
	ended  bool
}

// askCalibration asks for the size of the reference the line p0–p1 on p
// was drawn along, then calibrates p's series with it (undoably). done
// is called when the dialog closes.
func (ed *markEditor) askCalibration(p *Pane, p0, p1 mark.ImagePoint, done func()) {
	ed.closePopups()
	b := &calibrationBox{ed: ed, p: p, p0: p0, p1: p1, done: done}
	var names []string
	for _, m := range calibrationMethods {
		names = append(names, lang.L(m.name))
	}
	b.method = widget.NewSelect(names, nil)
	b.method.PlaceHolder = lang.L("(choose one)")
	b.value = widget.NewEntry()
	b.value.Validator = func(s string) error {
		if v, err := parseSize(s); err != nil || v <= 0 {
			return errors.New(lang.L("a positive number"))
		}
		return nil
	}
	for _, m := range calibrationMethods {
		if m.method == ed.lastCal.method {
			b.method.SetSelected(lang.L(m.name))
		}
	}
	b.value.SetText(ed.lastCal.value)
	b.value.OnSubmitted = func(string) { b.submit() }
	unit := widget.NewLabel("")
	px := p0.Dist(p1)
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	update := func() {
		unit.SetText(b.unit())
		v, err := parseSize(b.value.Text)
		if err != nil || !(v > 0) {
			result.SetText("")
			return
		}
		result.SetText(calibrationCheck(b.chosen().ReferenceMM(v)/px, mark.FileSpacing(p.in.Calibration)))
	}
	b.method.OnChanged = func(string) { update() }
	b.value.OnChanged = func(string) { update() }
	update()
	series := p.in.SeriesInstanceUID
	note := widget.NewLabel(fmt.Sprintf(lang.L("Reference line %s. Lengths on every image of series %d\nwill be measured with this calibration (Ctrl+Z undoes it)."),
		l10n.Quantity(px, 1, "px", i18n.Lang()), p.in.SeriesNumber))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Reference"), b.method),
		widget.NewFormItem(lang.L("Size"), container.NewBorder(nil, nil, nil, unit, b.value)),
		widget.NewFormItem(lang.L("Result"), result),
		widget.NewFormItem("", note),
	}
	b.dlg = dialog.NewForm(lang.L("Calibrate series"), lang.L("Calibrate"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			b.apply(series)
		}
		b.end()
	}, ed.v.win)
	b.dlg.Resize(fyne.NewSize(520, 300))
	ed.cal = b
	ed.v.showDialog(b.dlg)
	ed.v.win.Canvas().Focus(b.value)
}

// calibrationCheck describes a user calibration of mmPerPx against the
// spacing the file gives: the two should agree within a factor of two
// (the patient lies between detector and tube, so the true spacing is
// somewhat smaller than the detector's), else the line probably does not
// span the reference — a French size is the catheter's width, not a
// length along it.
func calibrationCheck(mmPerPx float64, file mark.Spacing) string {
	ui := i18n.Lang()
	s := fmt.Sprintf(lang.L("%s mm per pixel"), l10n.SignificantN(mmPerPx, 4, ui))
	if !file.HasMM() {
		return s + " " + lang.L("(the images give no spacing to compare with)")
	}
	s += "; " + fmt.Sprintf(lang.L("the images give %s (%s)"), l10n.SignificantN((file.Row+file.Column)/2, 4, ui), file.QualifierIn(ui))
	if r, odd := implausibleCalibration(mmPerPx, file); odd {
		s += ".\n⚠ " + fmt.Sprintf(lang.L("%s× the images' spacing: does the line span the whole reference? A French size is the catheter's width: draw across it."), l10n.Number(r, 1, ui))
	}
	return s
}

// implausibleCalibration returns how many times the images' own spacing
// mmPerPx is, and whether that is outside a factor of two.
func implausibleCalibration(mmPerPx float64, file mark.Spacing) (float64, bool) {
	if !file.HasMM() {
		return 0, false
	}
	r := mmPerPx / ((file.Row + file.Column) / 2)
	return r, r > 2 || r < 0.5
}

// unit is the unit of the size for the chosen method.
func (b *calibrationBox) unit() string {
	for _, m := range calibrationMethods {
		if lang.L(m.name) == b.method.Selected {
			return l10n.Unit(m.unit, i18n.Lang())
		}
	}
	return ""
}

func (b *calibrationBox) chosen() mark.CalibrationMethod {
	for _, m := range calibrationMethods {
		if lang.L(m.name) == b.method.Selected {
			return m.method
		}
	}
	return mark.CalibrateCatheterFrench
}

// apply calibrates series with what the dialog holds.
func (b *calibrationBox) apply(series string) {
	v, err := parseSize(b.value.Text)
	if err != nil {
		b.ed.refuse(err)
		return
	}
	b.ed.calibrate(b.p, series, b.p0, b.p1, b.chosen(), v)
	b.ed.lastCal.method, b.ed.lastCal.value = b.chosen(), b.value.Text
}

// submit confirms the dialog as the Calibrate button does.
func (b *calibrationBox) submit() {
	if b.value.Validate() != nil {
		return
	}
	b.apply(b.p.in.SeriesInstanceUID)
	b.dlg.Hide()
	b.end()
}

func (b *calibrationBox) dismiss() {
	b.dlg.Hide()
	b.end()
}

func (b *calibrationBox) end() {
	if b.ended {
		return
	}
	b.ended = true
	if b.ed.cal == b {
		b.ed.cal = nil
	}
	b.ed.v.focusActive()
	if b.done != nil {
		b.done()
	}
}

// parseSize reads a size typed with a decimal point or comma.
func parseSize(s string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
}

// calibrate sets the user calibration of series from the line p0–p1 on
// p drawn along a reference of size value measured by method.
func (ed *markEditor) calibrate(p *Pane, series string, p0, p1 mark.ImagePoint, method mark.CalibrationMethod, value float64) bool {
	ref := ed.imageRef(p)
	c, err := mark.NewCalibration(series, &ref, method, value, [2]float64{p0.X, p0.Y}, [2]float64{p1.X, p1.Y})
	if err != nil {
		ed.refuse(err)
		return false
	}
	if !ed.do(mark.Calibrate(c)) {
		return false
	}
	msg := fmt.Sprintf(lang.L("Series %d calibrated: %s"), p.in.SeriesNumber, c.Spacing().Text(i18n.Lang()))
	if r, odd := implausibleCalibration(c.MMPerPixel, mark.FileSpacing(p.in.Calibration)); odd {
		msg += " — " + fmt.Sprintf(lang.L("%s× the images' own spacing: check the reference line"), l10n.Number(r, 1, i18n.Lang()))
	}
	ed.v.notify(msg)
	return true
}

// clearCalibration removes the user calibration of series, if any.
func (ed *markEditor) clearCalibration(series string) {
	r := ed.report()
	if r == nil {
		return
	}
	if _, ok := r.Calibration(series); !ok {
		ed.v.notify(lang.L("This series has no calibration of yours"))
		return
	}
	if ed.do(mark.ClearCalibration(series)) {
		ed.v.notify(lang.L("Calibration cleared: lengths use the images' own spacing again (Ctrl+Z restores it)"))
	}
}

// spacingLine is the spacing line of the pane's overlay: the user
// calibration of its series when there is one, else what the file says.
func (p *Pane) spacingLine() imageview.OverlayLine {
	if p.ed != nil {
		if r := p.ed.report(); r != nil {
			if c, ok := r.Calibration(p.in.SeriesInstanceUID); ok {
				s := c.Spacing()
				full := lang.L("Spacing:") + " " + s.Text(i18n.Lang())
				s.Reference = ""
				return imageview.Line(imageview.PriorityKeep, full, lang.L("Spacing:")+" "+s.Text(i18n.Lang()), s.Text(i18n.Lang()))
			}
		}
	}
	describe := studytext.SpacingSource(p.in.Calibration.Source)
	q := mark.FileSpacing(p.in.Calibration).QualifierIn(i18n.Lang())
	return imageview.Line(imageview.PriorityKeep, lang.L("Spacing:")+" "+describe, lang.L("Spacing:")+" "+q, q)
}
