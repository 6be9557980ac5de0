package reportui

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hsgview/annotate/report"
	"hsgview/dicomio"
	"hsgview/dicomio/dose"
	"hsgview/l10n"
	"hsgview/viewer/forminput"
	"hsgview/viewer/i18n"
)

// The dose settings dialog: the diagnostic reference levels (DAP and
// fluoroscopy time) with their source, and the single effective-dose
// coefficient with its source. The file is read and written on
// background goroutines ([dose.Load], [dose.Settings.WriteFile], mode
// 0600); a value that does not validate is said in the dialog, which
// stays open. Once saved, the study's dose is worked out again with the
// new settings and the report's estimate and flags follow.

// doseSettingsForm is the open dialog's inputs.
type doseSettingsForm struct {
	dlg          dialog.Dialog
	dapLevel     *widget.Entry
	fluoroLevel  *widget.Entry
	drlSource    *widget.Entry
	single       *widget.Entry
	singleSource *widget.Entry
	errLabel     *widget.Label
	save         *widget.Button
}

// doseSettingsPath is the dose settings file the controller uses.
func (c *Controller) doseSettingsPath() (string, error) {
	if c.cfg.DoseSettingsPath != "" {
		return c.cfg.DoseSettingsPath, nil
	}
	return dose.DefaultPath()
}

// doseSettingsDialog reads the dose settings in the background and shows
// them in a dialog.
func (c *Controller) doseSettingsDialog() {
	c.b.Begin()
	go func() {
		path, err := c.doseSettingsPath()
		set := dose.Defaults()
		if err == nil {
			set, err = dose.Load(path)
		}
		c.b.doseSettingsLoaded(c, path, set, err)
	}()
}

// doseSettingsShown shows the dialog (through the bridge). A file that
// could not be read is said in the dialog, over the defaults.
func (c *Controller) doseSettingsShown(path string, set dose.Settings, err error) {
	f := &doseSettingsForm{
		dapLevel: widget.NewEntry(), fluoroLevel: widget.NewEntry(),
		drlSource: widget.NewMultiLineEntry(), single: widget.NewEntry(), singleSource: widget.NewMultiLineEntry(),
		errLabel: widget.NewLabel(""),
	}
	for _, e := range []*widget.Entry{f.drlSource, f.singleSource} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	f.dapLevel.SetText(formatNumber(set.DRL.DAPGyCm2))
	f.fluoroLevel.SetText(formatNumber(set.DRL.FluoroTimeS))
	f.drlSource.SetText(set.DRL.Source)
	f.single.SetText(formatNumber(&set.SingleCoefficient))
	f.singleSource.SetText(set.SingleSource)
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Hide()
	if err != nil {
		f.showErr(errors.New(err.Error() + " — " + lang.L("the defaults are shown")))
	}
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("DAP level"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(l10n.Unit("Gy·cm²", i18n.Lang())), f.dapLevel), HintText: lang.L("empty: not compared")},
		&widget.FormItem{Text: lang.L("Fluoroscopy level"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(l10n.Unit("s", i18n.Lang())), f.fluoroLevel), HintText: lang.L("empty: not compared")},
		&widget.FormItem{Text: lang.L("Source of the levels"), Widget: f.drlSource, HintText: lang.L("required: who published or set them")},
		&widget.FormItem{Text: lang.L("Single coefficient"), Widget: container.NewBorder(nil, nil, nil, widget.NewLabel(l10n.Unit("mSv", i18n.Lang())+" / "+l10n.Unit("Gy·cm²", i18n.Lang())), f.single),
			HintText: lang.L("converts a DAP whose events' copper filtration is not known, or a DAP entered by hand")},
		&widget.FormItem{Text: lang.L("Source of the coefficient"), Widget: f.singleSource, HintText: lang.L("required")},
	)
	intro := widget.NewLabel(lang.L("The effective dose per irradiation event uses the Phys Med 2021;81:40-46 coefficients by copper filtration; the values below are the department's."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	cancel := widget.NewButton(lang.L("Cancel"), nil)
	f.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), nil)
	f.save.Importance = widget.HighImportance
	content := container.NewVBox(intro, form, f.errLabel)
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("Dose settings"), content, c.win())
	f.dlg.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{cancel, f.save})
	cancel.OnTapped = f.dlg.Hide
	f.save.OnTapped = func() { c.saveDoseSettings(f, path, set) }
	f.dlg.SetOnClosed(func() {
		if c.doseForm == f {
			c.doseForm = nil
		}
	})
	c.doseForm = f
	f.dlg.Resize(fyne.NewSize(620, content.MinSize().Height+140))
	c.showDialog(f.dlg)
}

func (f *doseSettingsForm) showErr(err error) {
	f.errLabel.SetText(strings.TrimSpace(err.Error()))
	f.errLabel.Show()
}

// settings reads the dialog over old; the copper table is kept.
func (f *doseSettingsForm) settings(old dose.Settings) (dose.Settings, error) {
	s := old
	num := func(e *widget.Entry, bad string) (*float64, error) {
		v, ok := parseNumber(e.Text)
		if !ok {
			return nil, fmt.Errorf(bad, strings.TrimSpace(e.Text))
		}
		return v, nil
	}
	var err error
	if s.DRL.DAPGyCm2, err = num(f.dapLevel, lang.L("the DAP level “%s” is not a number")); err != nil {
		return s, err
	}
	if s.DRL.FluoroTimeS, err = num(f.fluoroLevel, lang.L("the fluoroscopy level “%s” is not a number")); err != nil {
		return s, err
	}
	s.DRL.Source = strings.TrimSpace(f.drlSource.Text)
	k, err := num(f.single, lang.L("the single coefficient “%s” is not a number"))
	if err != nil {
		return s, err
	}
	if k == nil {
		return s, errors.New(lang.L("the single coefficient is required"))
	}
	s.SingleCoefficient = *k
	s.SingleSource = strings.TrimSpace(f.singleSource.Text)
	return s, s.Validate()
}

// saveDoseSettings validates the dialog and saves the settings in the
// background; the dialog closes once they are saved.
func (c *Controller) saveDoseSettings(f *doseSettingsForm, path string, old dose.Settings) {
	ns, err := f.settings(old)
	if err != nil {
		f.showErr(err)
		return
	}
	if path == "" {
		f.showErr(errors.New(lang.L("no place to keep the dose settings (no user configuration folder)")))
		return
	}
	f.errLabel.Hide()
	forminput.EnableWidget(f.save, false)
	var st *dicomio.Study
	if c.session != nil {
		st = c.session.Study()
	}
	c.b.Begin()
	go func() {
		err := ns.WriteFile(path)
		var sd *studyDose
		if err == nil && st != nil {
			sd = &studyDose{path: path, settings: ns, study: st, summary: dose.FromStudy(st, &ns)}
		}
		c.b.doseSettingsSaved(c, f, sd, err)
	}()
}

// doseSettingsStored takes the result of saving (through the bridge):
// an error stays in the dialog; else the dialog closes, and the study's
// dose, worked out again, replaces the one shown.
func (c *Controller) doseSettingsStored(f *doseSettingsForm, sd *studyDose, err error) {
	forminput.EnableWidget(f.save, true)
	if err != nil {
		f.showErr(err)
		return
	}
	f.dlg.Hide()
	c.notify(lang.L("Dose settings saved"))
	if sd == nil || c.session == nil || c.session.Study() != sd.study {
		return // no study, or another one by now: its dose was read with the file saved
	}
	c.dose = sd
	c.syncReportDose()
	if c.panel != nil {
		c.panel.refresh("reload")
	}
}

// syncReportDose brings the estimate and reference levels saved in the
// report up to date with its figures and the settings ([syncDose]),
// unless the report is signed.
func (c *Controller) syncReportDose() {
	s := c.session
	if s == nil || s.Signed() || s.opBusy != "" {
		return
	}
	sd := c.doseState()
	r := s.Report()
	d := r.Technique.Dose
	syncDose(&d, r.Technique.FluoroscopyTimeS, sd)
	if reflect.DeepEqual(d, r.Technique.Dose) {
		return
	}
	if err := s.Edit("update the dose estimate", func(r *report.Report) error {
		syncDose(&r.Technique.Dose, r.Technique.FluoroscopyTimeS, sd)
		return nil
	}); err != nil {
		c.notify(lang.L("Dose estimate not updated:") + " " + err.Error())
	}
}
