package viewer

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"hsgview/annotate"
	"hsgview/dicomio"
	"hsgview/viewer/ui"
)

// bridge is the window's end of the one goroutine → UI bridge
// ([ui.Bridge]): the typed deliveries of the window, its panes, thumbnails
// and marks are its methods, in this file; the report panel posts through
// the same ui.Bridge (viewer/reportui/bridge.go).
type bridge struct{ ui.Bridge }

func newBridge() *bridge { return &bridge{ui.Bridge{Do: fyne.Do}} }

// rendered delivers a rendered frame to its pane.
func (b *bridge) rendered(p *Pane, res renderResult) {
	b.Post(func() { p.applyRender(res) })
}

// thumbnail delivers a thumbnail image (nil with a reason when the image
// cannot be decoded).
func (b *bridge) thumbnail(th *Thumbnail, img *image.RGBA, problem string) {
	b.Post(func() { th.SetImage(img, problem) })
}

// loaded delivers the result of opening paths.
func (b *bridge) loaded(v *Viewer, paths []string, c *dicomio.Collection, err error) {
	b.Post(func() { v.applyCollection(paths, c, err) })
}

// demoReady delivers the paths of the generated demo study.
func (b *bridge) demoReady(v *Viewer, paths []string, err error) {
	b.Post(func() {
		if err != nil {
			v.showError(err)
			return
		}
		v.Open(paths)
	})
}

// progress throttles progress reports from worker goroutines to at most
// one UI update per interval (and always the last one).
type progress struct {
	b        *bridge
	interval time.Duration
	update   func(done, total int) // runs on the Fyne goroutine

	mu   sync.Mutex
	last time.Time
}

// report may be called from any goroutine.
func (p *progress) report(done, total int) {
	p.mu.Lock()
	now := time.Now()
	if done < total && now.Sub(p.last) < p.interval {
		p.mu.Unlock()
		return
	}
	p.last = now
	p.mu.Unlock()
	p.b.Do(func() { p.update(done, total) })
}

// reportSaved delivers the result of saving queued report changes.
func (b *bridge) reportSaved(s *reportSession, run []queued, after *annotate.Report, at time.Time, err error) {
	b.Post(func() { s.saved(run, after, at, err) })
}

// reportOpened delivers a study's report draft, opened in the background.
func (b *bridge) reportOpened(v *Viewer, st *dicomio.Study, o openedReport) {
	b.Post(func() { v.reportOpened(st, o) })
}

// marksDrawn delivers the raster a mark layer's painter drew.
func (b *bridge) marksDrawn(l *markLayer, res markResult) {
	b.Post(func() { l.apply(res) })
}

// exported delivers the outcome of an image export.
func (b *bridge) exported(v *Viewer, paths []string, err error) {
	b.Post(func() { v.exported(paths, err) })
}

// keyThumb delivers a rendered key image thumbnail (nil if it failed).
func (b *bridge) keyThumb(k *keyImagesUI, key string, img image.Image) {
	b.Post(func() { k.thumbReady(key, img) })
}

// pdfExported delivers the result of a PDF export.
func (b *bridge) pdfExported(v *Viewer, s *reportSession, res exportResult, done func(exportResult)) {
	b.Post(func() { v.pdfDone(s, res, done) })
}

// versionsLoaded delivers the signed versions of a report.
func (b *bridge) versionsLoaded(v *Viewer, s *reportSession, vs []versionInfo, err error) {
	b.Post(func() { v.versionsShown(s, vs, err) })
}

// settingsLoaded delivers the report settings, read for the dialog.
func (b *bridge) settingsLoaded(v *Viewer, path string, s annotate.Settings, err error) {
	b.Post(func() { v.settingsShown(path, s, err) })
}

// settingsSaved delivers the result of saving the report settings.
func (b *bridge) settingsSaved(v *Viewer, s annotate.Settings, err error, done func(error)) {
	b.Post(func() { v.settingsStored(s, err, done) })
}
