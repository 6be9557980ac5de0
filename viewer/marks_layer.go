package viewer

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// A markScene is what a mark layer shows: the marks of one image and
// frame, the calibration lines drawn on it, and the selected mark.
type markScene struct {
	marks    []mark.Annotation
	calib    []mark.Annotation
	selected string
	stats    mark.StatsLayout // how ROI statistics are set
}

func (s markScene) empty() bool { return len(s.marks) == 0 && len(s.calib) == 0 }

func (s markScene) equal(t markScene) bool {
	return s.selected == t.selected && s.stats == t.stats && mark.EqualAll(s.marks, t.marks) && mark.EqualAll(s.calib, t.calib)
}

// Screen sizes of marks, in Fyne units (multiplied by the canvas scale).
const (
	markLineWidth = 2
	markFontSize  = 13
)

// calibColor is the colour of calibration reference lines, set apart from
// the yellow of the marks.
var calibColor = color.RGBA{90, 230, 120, 255}

// burnScene draws s on dst as seen through vt, its labels clear of each
// other and of the areas avoid where they can, and returns where the
// marks' labels went. Lines and text have the same size on screen at any
// zoom and canvas scale; ROI statistics go on one line as s.stats says.
//
// Marks outside dst are left out: Burn would pull their labels into the
// picture, away from anything they describe. Calibration lines are
// placed with the marks, so that no label covers another, in their own
// colour.
func burnScene(dst *image.RGBA, s markScene, vt mark.ViewTransform, avoid []image.Rectangle) []mark.Placed {
	k := vt.CanvasScale
	if k <= 0 {
		k = 1
	}
	opt := mark.BurnOptions{View: vt, LineWidth: markLineWidth * k, FontSize: markFontSize * k, Selected: s.selected,
		Avoid: avoid, Stats: s.stats, Lang: i18n.Lang()}
	calib := visible(s.calib, vt, dst.Bounds())
	if len(calib) > 0 {
		opt.Colors = map[string]color.RGBA{}
		for _, a := range calib {
			opt.Colors[a.ID] = calibColor
		}
	}
	placed := mark.Burn(dst, append(calib, visible(s.marks, vt, dst.Bounds())...), opt)
	return placed[len(calib):]
}

// visible returns the marks of anns that reach into r through vt.
func visible(anns []mark.Annotation, vt mark.ViewTransform, r image.Rectangle) []mark.Annotation {
	out := anns[:0:0]
	for _, a := range anns {
		lo := mark.ScreenPoint{X: math.Inf(1), Y: math.Inf(1)}
		hi := mark.ScreenPoint{X: math.Inf(-1), Y: math.Inf(-1)}
		add := func(p mark.ImagePoint) {
			q := vt.ToScreen(p)
			lo.X, lo.Y = min(lo.X, q.X), min(lo.Y, q.Y)
			hi.X, hi.Y = max(hi.X, q.X), max(hi.Y, q.Y)
		}
		for _, p := range a.Points {
			add(mark.Pt(p[0], p[1]))
		}
		for _, p := range a.Handles() { // an ellipse's box
			add(p)
		}
		if hi.X >= float64(r.Min.X) && lo.X <= float64(r.Max.X) && hi.Y >= float64(r.Min.Y) && lo.Y <= float64(r.Max.Y) {
			out = append(out, a)
		}
	}
	return out
}

// markLayer shows the marks of the image an [ImageView] displays, in the
// view's overlay, following its zoom, pan, rotation, flips and size.
//
// Marks are burned (with [mark.Burn], as exports are) into a raster
// of the view's size in device pixels, so that they are as sharp as the
// screen allows and look on screen as they do in an exported image.
// Burning takes a few milliseconds, so it runs on the layer's own
// goroutine (markPainter); requests coalesce, and the result comes back
// through the bridge. Until it does, the previous raster is moved and
// scaled to where its marks now are, so marks never lag behind a pan or
// a zoom.
//
// All methods must be called on the Fyne goroutine.
type markLayer struct {
	view    *imageview.ImageView
	raster  *canvas.Image
	painter *markPainter

	scene markScene
	seq   uint64 // requests made
	drawn struct {
		seq    uint64
		vt     mark.ViewTransform
		placed []mark.Placed
	}
}

func newMarkLayer(b *bridge, view *imageview.ImageView) *markLayer {
	l := &markLayer{view: view,
		raster: &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScalePixels}}
	l.raster.Hide()
	l.painter = newMarkPainter(b, func(res markResult) { b.marksDrawn(l, res) })
	view.Overlay().Add(l.raster)
	view.AddTransformListener(func(imageview.Transform) { l.redraw() })
	view.AddTextListener(l.redraw)
	return l
}

// Set shows s; nothing is redrawn when it shows what is shown already.
func (l *markLayer) Set(s markScene) {
	if s.equal(l.scene) {
		return
	}
	l.scene = s
	l.redraw()
}

// Scene returns what the layer shows.
func (l *markLayer) Scene() markScene { return l.scene }

// Placed returns where the labels of the marks shown are, in device
// pixels of the current view, when the raster on screen was drawn for
// it.
func (l *markLayer) Placed() []mark.Placed {
	if l.drawn.vt != l.viewTransform() {
		return nil
	}
	return l.drawn.placed
}

func (l *markLayer) viewTransform() mark.ViewTransform { return l.view.Transform().ViewTransform() }

// redraw asks for the scene to be drawn as the view is now, and meanwhile
// keeps the raster on screen over its marks.
func (l *markLayer) redraw() {
	vt := l.viewTransform()
	w, h := vt.ScreenSize()
	if l.scene.empty() || !l.view.HasImage() || w <= 0 || h <= 0 {
		l.painter.cancel()
		l.seq++
		l.drawn.seq, l.drawn.placed = l.seq, nil
		l.raster.Hide()
		l.recycleShown()
		return
	}
	l.seq++
	l.painter.request(markJob{seq: l.seq, vt: vt, scene: l.scene, w: w, h: h, avoid: l.view.TextRects()})
	l.place(vt)
}

// recycleShown hands the raster's image back to the painter.
func (l *markLayer) recycleShown() {
	if img, ok := l.raster.Image.(*image.RGBA); ok {
		l.raster.Image = nil
		l.painter.recycle(img)
	}
}

// place puts the raster drawn for l.drawn.vt where its marks are in vt:
// exactly over the view when it was drawn for vt, else moved and scaled
// by the difference (a pan or a zoom). After a turn or a flip it is
// hidden until the new one comes.
func (l *markLayer) place(vt mark.ViewTransform) {
	if l.raster.Image == nil {
		return
	}
	d := l.drawn.vt
	if d.Rotation != vt.Rotation || d.FlipH != vt.FlipH || d.FlipV != vt.FlipV || d.CanvasScale != vt.CanvasScale ||
		d.ImageWidth != vt.ImageWidth || d.ImageHeight != vt.ImageHeight {
		l.raster.Hide()
		return
	}
	w, h := d.ScreenSize()
	p0 := vt.ToScreen(d.ToImage(mark.ScreenPoint{}))
	p1 := vt.ToScreen(d.ToImage(mark.ScreenPoint{X: float64(w), Y: float64(h)}))
	s := vt.CanvasScale
	if s <= 0 {
		s = 1
	}
	l.raster.Move(fyne.NewPos(float32(min(p0.X, p1.X)/s), float32(min(p0.Y, p1.Y)/s)))
	l.raster.Resize(fyne.NewSize(float32(abs(p1.X-p0.X)/s), float32(abs(p1.Y-p0.Y)/s)))
	l.raster.Show()
	l.raster.Refresh()
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// apply shows a drawn raster (called through the bridge).
func (l *markLayer) apply(res markResult) {
	if res.seq != l.seq {
		l.painter.recycle(res.img) // superseded
		return
	}
	l.recycleShown()
	l.raster.Image = res.img
	l.drawn.seq, l.drawn.vt, l.drawn.placed = res.seq, res.vt, res.placed
	l.place(l.viewTransform())
}

// close stops the painter.
func (l *markLayer) close() { l.painter.close() }

// A markJob asks for a scene drawn through vt into a w×h raster.
type markJob struct {
	seq   uint64
	vt    mark.ViewTransform
	scene markScene // not changed after the request: scenes are rebuilt, not edited
	w, h  int
	avoid []image.Rectangle // the view's corner text, in device pixels
}

// A markResult is a drawn scene.
type markResult struct {
	seq    uint64
	vt     mark.ViewTransform
	img    *image.RGBA
	placed []mark.Placed
}

// markPainter burns scenes on its own goroutine. request, cancel,
// recycle and close may be called from any goroutine; deliver is called
// on the painter's and must hand the result on with bridge.post (each
// request is a bridge job until then).
type markPainter struct {
	b       *bridge
	deliver func(markResult)

	mu      sync.Mutex
	pending *markJob
	free    []*image.RGBA
	wake    chan struct{}
	quit    chan struct{}
	started bool
	closed  bool
}

func newMarkPainter(b *bridge, deliver func(markResult)) *markPainter {
	return &markPainter{b: b, deliver: deliver, wake: make(chan struct{}, 1), quit: make(chan struct{})}
}

// request asks for job, replacing any request not yet started.
func (p *markPainter) request(job markJob) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	if !p.started {
		p.started = true
		go p.run()
	}
	if p.pending != nil {
		p.b.End() // superseded
	}
	p.pending = &job
	p.b.Begin()
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// cancel drops the request not yet started.
func (p *markPainter) cancel() {
	p.mu.Lock()
	if p.pending != nil {
		p.pending = nil
		p.b.End()
	}
	p.mu.Unlock()
}

// recycle hands back a raster no longer shown.
func (p *markPainter) recycle(img *image.RGBA) {
	if img == nil {
		return
	}
	p.mu.Lock()
	if len(p.free) < 2 {
		p.free = append(p.free, img)
	}
	p.mu.Unlock()
}

func (p *markPainter) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		if p.pending != nil {
			p.pending = nil
			p.b.End()
		}
		p.closed = true
		close(p.quit)
	}
}

// buffer returns a cleared w×h raster, reusing a recycled one.
func (p *markPainter) buffer(w, h int) *image.RGBA {
	p.mu.Lock()
	for i, b := range p.free {
		if b.Rect.Dx() == w && b.Rect.Dy() == h {
			p.free = append(p.free[:i], p.free[i+1:]...)
			p.mu.Unlock()
			clear(b.Pix)
			return b
		}
	}
	p.mu.Unlock()
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

func (p *markPainter) run() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.wake:
		}
		p.mu.Lock()
		job := p.pending
		p.pending = nil
		p.mu.Unlock()
		if job == nil {
			continue
		}
		img := p.buffer(job.w, job.h)
		placed := burnScene(img, job.scene, job.vt, job.avoid)
		p.deliver(markResult{seq: job.seq, vt: job.vt, img: img, placed: placed})
	}
}
