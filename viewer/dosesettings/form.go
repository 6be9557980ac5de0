// Package dosesettings is the dose settings form: the diagnostic reference
// levels (DAP and fluoroscopy time) with their source, and the single
// effective-dose coefficient with its source, read back into
// [dose.Settings] with the values checked. Where the settings are kept
// and what follows a save is the caller's (viewer/reportui).
package dosesettings

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// A Form is the inputs of the dose settings dialog.
type Form struct {
	DAPLevel, FluoroLevel, DRLSource *widget.Entry
	Single, SingleSource             *widget.Entry
	ErrLabel                         *widget.Label
	Save, Cancel                     *widget.Button
	// Content is the form with its introduction and error line, to put
	// in a dialog with Cancel and Save as its buttons.
	Content fyne.CanvasObject
}

// New returns the form showing set; loadErr, when the file could not be
// read, is said in it over the values shown (the defaults).
func New(set dose.Settings, loadErr error) *Form {
	f := &Form{
		DAPLevel: widget.NewEntry(), FluoroLevel: widget.NewEntry(),
		DRLSource: widget.NewMultiLineEntry(), Single: widget.NewEntry(), SingleSource: widget.NewMultiLineEntry(),
		ErrLabel: widget.NewLabel(""),
	}
	for _, e := range []*widget.Entry{f.DRLSource, f.SingleSource} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	f.DAPLevel.SetText(forminput.FormatNumber(set.DRL.DAPGyCm2))
	f.FluoroLevel.SetText(forminput.FormatNumber(set.DRL.FluoroTimeS))
	f.DRLSource.SetText(set.DRL.Source)
	f.Single.SetText(forminput.FormatNumber(&set.SingleCoefficient))
	f.SingleSource.SetText(set.SingleSource)
	f.ErrLabel.Wrapping = fyne.TextWrapWord
	f.ErrLabel.Importance = widget.DangerImportance
	f.ErrLabel.Hide()
	if loadErr != nil {
		f.ShowErr(errors.New(loadErr.Error() + " — " + lang.L("the defaults are shown")))
	}
	unit := func(u string) string { return l10n.Unit(u, i18n.Lang()) }
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("DAP level"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(unit("Gy·cm²")), f.DAPLevel), HintText: lang.L("empty: not compared")},
		&widget.FormItem{Text: lang.L("Fluoroscopy level"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(unit("s")), f.FluoroLevel), HintText: lang.L("empty: not compared")},
		&widget.FormItem{Text: lang.L("Source of the levels"), Widget: f.DRLSource, HintText: lang.L("required: who published or set them")},
		&widget.FormItem{Text: lang.L("Single coefficient"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(unit("mSv")+" / "+unit("Gy·cm²")), f.Single),
			HintText: lang.L("converts a DAP whose events' copper filtration is not known, or a DAP entered by hand")},
		&widget.FormItem{Text: lang.L("Source of the coefficient"), Widget: f.SingleSource, HintText: lang.L("required")},
	)
	intro := widget.NewLabel(lang.L("The effective dose per irradiation event uses the Phys Med 2021;81:40-46 coefficients by copper filtration; the values below are the department's."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	f.Cancel = widget.NewButton(lang.L("Cancel"), nil)
	f.Save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), nil)
	f.Save.Importance = widget.HighImportance
	f.Content = container.NewVBox(intro, form, f.ErrLabel)
	return f
}

// ShowErr says err under the form.
func (f *Form) ShowErr(err error) {
	f.ErrLabel.SetText(strings.TrimSpace(err.Error()))
	f.ErrLabel.Show()
}

// Settings reads the form over old (the copper table is kept) and checks
// the result ([dose.Settings.Validate]).
func (f *Form) Settings(old dose.Settings) (dose.Settings, error) {
	s := old
	num := func(e *widget.Entry, bad string) (*float64, error) {
		v, ok := forminput.ParseNumber(e.Text)
		if !ok {
			return nil, fmt.Errorf(bad, strings.TrimSpace(e.Text))
		}
		return v, nil
	}
	var err error
	if s.DRL.DAPGyCm2, err = num(f.DAPLevel, lang.L("the DAP level “%s” is not a number")); err != nil {
		return s, err
	}
	if s.DRL.FluoroTimeS, err = num(f.FluoroLevel, lang.L("the fluoroscopy level “%s” is not a number")); err != nil {
		return s, err
	}
	s.DRL.Source = strings.TrimSpace(f.DRLSource.Text)
	k, err := num(f.Single, lang.L("the single coefficient “%s” is not a number"))
	if err != nil {
		return s, err
	}
	if k == nil {
		return s, errors.New(lang.L("the single coefficient is required"))
	}
	s.SingleCoefficient = *k
	s.SingleSource = strings.TrimSpace(f.SingleSource.Text)
	return s, s.Validate()
}
