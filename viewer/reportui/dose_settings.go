package reportui

import (
	"errors"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/viewer/dosesettings"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// The dose settings dialog: the diagnostic reference levels (DAP and
// fluoroscopy time) with their source, and the single effective-dose
// coefficient with its source. The file is read and written on
// background goroutines ([dose.Load], [dose.Settings.WriteFile], mode
// 0600); a value that does not validate is said in the dialog, which
// stays open. Once saved, the study's dose is worked out again with the
// new settings and the report's estimate and flags follow.

// doseSettingsForm is the open dialog: its inputs and the dialog.
type doseSettingsForm struct {
	*dosesettings.Form
	dlg dialog.Dialog
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
	f := &doseSettingsForm{Form: dosesettings.New(set, err)}
	content := f.Content
	f.dlg = dialog.NewCustomWithoutButtons(lang.L("Dose settings"), content, c.win())
	f.dlg.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{f.Cancel, f.Save})
	f.Cancel.OnTapped = f.dlg.Hide
	f.Save.OnTapped = func() { c.saveDoseSettings(f, path, set) }
	f.dlg.SetOnClosed(func() {
		if c.doseForm == f {
			c.doseForm = nil
		}
	})
	c.doseForm = f
	f.dlg.Resize(fyne.NewSize(620, content.MinSize().Height+140))
	c.showDialog(f.dlg)
}

// saveDoseSettings validates the dialog and saves the settings in the
// background; the dialog closes once they are saved.
func (c *Controller) saveDoseSettings(f *doseSettingsForm, path string, old dose.Settings) {
	ns, err := f.Settings(old)
	if err != nil {
		f.ShowErr(err)
		return
	}
	if path == "" {
		f.ShowErr(errors.New(lang.L("no place to keep the dose settings (no user configuration folder)")))
		return
	}
	f.ErrLabel.Hide()
	forminput.EnableWidget(f.Save, false)
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
	forminput.EnableWidget(f.Save, true)
	if err != nil {
		f.ShowErr(err)
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
