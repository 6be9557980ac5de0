package viewer

import (
	"image"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/thumbs"
	"github.com/hsgview/hsgview/viewer/ui"
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
func (b *bridge) thumbnail(th *thumbs.Thumbnail, img *image.RGBA, problem string) {
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

// marksDrawn delivers the raster a mark layer's painter drew.
func (b *bridge) marksDrawn(l *markLayer, res markResult) {
	b.Post(func() { l.apply(res) })
}

// exported delivers the outcome of an image export.
func (b *bridge) exported(v *Viewer, paths []string, err error) {
	b.Post(func() { v.exported(paths, err) })
}

// copied delivers the outcome of a copy to the clipboard.
func (b *bridge) copied(v *Viewer, err error) {
	b.Post(func() { v.copied(err) })
}
