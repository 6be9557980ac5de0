package viewer

import (
	"image"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"hsgview/annotate/report"
	"hsgview/annotate/reportpdf"
	"hsgview/dicomio"
)

// bridge carries results from background goroutines to the Fyne goroutine.
// Every goroutine → UI hop of the package is a method of bridge, in this
// file; everything else either runs on the Fyne goroutine (callbacks,
// widget methods) or never touches widgets (decoding, windowing,
// thumbnails, the cine scheduler).
//
// The closures passed to do only assign results and refresh; they never
// decode, window or scale, because the same loop paints the window.
type bridge struct {
	// do runs fn on the Fyne goroutine without waiting: fyne.Do in the
	// application, a queue drained by the test goroutine in tests.
	do func(fn func())
	// busy counts background jobs whose result has not been handed to
	// do yet (tests wait for it to reach zero).
	busy atomic.Int64
}

func newBridge() *bridge { return &bridge{do: fyne.Do} }

// begin records a background job that will end with a post (or end).
// It may be called from any goroutine.
func (b *bridge) begin() { b.busy.Add(1) }

// end records a job that finished without posting.
func (b *bridge) end() { b.busy.Add(-1) }

// post hands fn to the Fyne goroutine and ends one job.
func (b *bridge) post(fn func()) {
	b.do(fn)
	b.end()
}

// rendered delivers a rendered frame to its pane.
func (b *bridge) rendered(p *Pane, res renderResult) {
	b.post(func() { p.applyRender(res) })
}

// thumbnail delivers a thumbnail image (nil with a reason when the image
// cannot be decoded).
func (b *bridge) thumbnail(th *Thumbnail, img *image.RGBA, problem string) {
	b.post(func() { th.SetImage(img, problem) })
}

// loaded delivers the result of opening paths.
func (b *bridge) loaded(v *Viewer, paths []string, c *dicomio.Collection, err error) {
	b.post(func() { v.applyCollection(paths, c, err) })
}

// demoReady delivers the paths of the generated demo study.
func (b *bridge) demoReady(v *Viewer, paths []string, err error) {
	b.post(func() {
		if err != nil {
			v.showError(err)
			return
		}
		v.Open(paths)
	})
}

// after runs fn on the Fyne goroutine once d has passed. (Not counted as
// a job: tests need not wait for timers.)
func (b *bridge) after(d time.Duration, fn func()) {
	time.AfterFunc(d, func() { b.do(fn) })
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
	p.b.do(func() { p.update(done, total) })
}

// reportSaved delivers the result of saving queued report changes.
func (b *bridge) reportSaved(s *reportSession, run []queued, after *report.Report, at time.Time, err error) {
	b.post(func() { s.saved(run, after, at, err) })
}

// reportOpened delivers a study's report draft, opened in the background.
func (b *bridge) reportOpened(v *Viewer, st *dicomio.Study, o openedReport) {
	b.post(func() { v.reportOpened(st, o) })
}

// marksDrawn delivers the raster a mark layer's painter drew.
func (b *bridge) marksDrawn(l *markLayer, res markResult) {
	b.post(func() { l.apply(res) })
}

// exported delivers the outcome of an image export.
func (b *bridge) exported(v *Viewer, paths []string, err error) {
	b.post(func() { v.exported(paths, err) })
}

// keyThumb delivers a rendered key image thumbnail (nil if it failed).
func (b *bridge) keyThumb(k *keyImagesUI, key string, img image.Image) {
	b.post(func() { k.thumbReady(key, img) })
}

// pdfExported delivers the result of a PDF export.
func (b *bridge) pdfExported(v *Viewer, s *reportSession, res exportResult, done func(exportResult)) {
	b.post(func() { v.pdfDone(s, res, done) })
}

// versionsLoaded delivers the signed versions of a report.
func (b *bridge) versionsLoaded(v *Viewer, s *reportSession, vs []versionInfo, err error) {
	b.post(func() { v.versionsShown(s, vs, err) })
}

// settingsLoaded delivers the report settings, read for the dialog.
func (b *bridge) settingsLoaded(v *Viewer, path string, s reportpdf.Settings, err error) {
	b.post(func() { v.settingsShown(path, s, err) })
}

// settingsSaved delivers the result of saving the report settings.
func (b *bridge) settingsSaved(v *Viewer, s reportpdf.Settings, err error, done func(error)) {
	b.post(func() { v.settingsStored(s, err, done) })
}

// later runs fn on the Fyne goroutine once the event being handled is
// over. A text field opened while the driver still handles a click
// would lose the focus the driver takes away when the click ends.
func (b *bridge) later(fn func()) { b.do(fn) }
