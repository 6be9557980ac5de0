package reportui

import (
	"image"
	"time"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/viewer/ui"
)

// bridge is the report's end of the window's one goroutine → UI bridge
// ([ui.Bridge]): every hop of this package from a background goroutine
// to the UI is one of its methods, in this file. The closures only
// assign results and refresh.
type bridge struct{ *ui.Bridge }

// reportSaved delivers the result of saving queued report changes.
func (b *bridge) reportSaved(s *Session, run []queued, after *report.Report, at time.Time, err error) {
	b.Post(func() { s.saved(run, after, at, err) })
}

// reportOpened delivers a study's report draft, opened in the background.
func (b *bridge) reportOpened(c *Controller, st *dicomio.Study, o openedReport) {
	b.Post(func() { c.reportOpened(st, o) })
}

// keyThumb delivers a rendered key image thumbnail (nil if it failed).
func (b *bridge) keyThumb(k *keyImagesUI, key string, img image.Image) {
	b.Post(func() { k.thumbReady(key, img) })
}

// pdfExported delivers the result of a PDF export.
func (b *bridge) pdfExported(c *Controller, s *Session, res exportResult, done func(exportResult)) {
	b.Post(func() { c.pdfDone(s, res, done) })
}

// versionsLoaded delivers the signed versions of a report.
func (b *bridge) versionsLoaded(c *Controller, s *Session, vs []versionInfo, err error) {
	b.Post(func() { c.versionsShown(s, vs, err) })
}

// settingsLoaded delivers the report settings, read for the dialog.
func (b *bridge) settingsLoaded(c *Controller, path string, s reportpdf.Settings, err error) {
	b.Post(func() { c.settingsShown(path, s, err) })
}

// settingsSaved delivers the result of saving the report settings.
func (b *bridge) settingsSaved(c *Controller, s reportpdf.Settings, err error, done func(error)) {
	b.Post(func() { c.settingsStored(s, err, done) })
}

// doseSettingsLoaded delivers the dose settings, read for the dialog.
func (b *bridge) doseSettingsLoaded(c *Controller, path string, s dose.Settings, err error) {
	b.Post(func() { c.doseSettingsShown(path, s, err) })
}

// doseSettingsSaved delivers the result of saving the dose settings and
// the study's dose worked out again with them.
func (b *bridge) doseSettingsSaved(c *Controller, f *doseSettingsForm, sd *studyDose, err error) {
	b.Post(func() { c.doseSettingsStored(f, sd, err) })
}
