package viewer

import (
	"image"
	"sync"
	"unsafe"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"

	"fyne.io/fyne/v2/lang"
)

// renderJob asks for one frame of an instance, windowed and turned.
type renderJob struct {
	in     *dicomio.Instance
	frame  int         // 0-based
	voi    dicomio.VOI // ignored when auto
	auto   bool        // use the frame's default window (a newly loaded image)
	orient imageview.Orientation
	invert bool
}

// renderResult is a rendered frame, or why it could not be rendered.
type renderResult struct {
	job   renderJob
	img   *image.RGBA       // the frame turned by job.orient; nil on error
	frame *dicomio.Frame    // the stored frame (pixel readout)
	pipe  *dicomio.Pipeline // its display pipeline
	voi   dicomio.VOI       // the window applied
	full  dicomio.VOI       // full-range window of the frame
	err   error
}

// frameRenderer renders frames for one pane on its own goroutine. Requests
// coalesce: while a frame is being rendered, newer requests replace older
// ones, so a fast window/level drag or a cine run never queues work, and
// the pane always ends up showing the latest request.
//
// request, recycle and close may be called from any goroutine.
type frameRenderer struct {
	cache   *dicomio.FrameCache
	b       *bridge
	deliver func(renderResult) // called on the worker goroutine

	mu      sync.Mutex
	params  renderJob // the last job asked for: the template of requestFrame
	pending *renderJob
	free    []*image.RGBA // buffers handed back by the pane
	wake    chan struct{}
	quit    chan struct{}
	started bool

	// Worker-goroutine state.
	pipes    map[pipeKey]*dicomio.Pipeline
	full     map[*dicomio.Instance]dicomio.VOI
	oriented struct {
		src *dicomio.Frame
		o   imageview.Orientation
		f   *dicomio.Frame
	}
}

type pipeKey struct {
	in    *dicomio.Instance
	frame int // -1 when all frames share one pipeline
}

func newFrameRenderer(cache *dicomio.FrameCache, b *bridge, deliver func(renderResult)) *frameRenderer {
	return &frameRenderer{cache: cache, b: b, deliver: deliver,
		wake: make(chan struct{}, 1), quit: make(chan struct{}),
		pipes: map[pipeKey]*dicomio.Pipeline{}, full: map[*dicomio.Instance]dicomio.VOI{}}
}

// request asks for job, replacing any request not yet started.
func (r *frameRenderer) request(job renderJob) {
	r.mu.Lock()
	if !r.started {
		r.started = true
		go r.run()
	}
	if r.pending != nil {
		r.b.End() // superseded
	}
	r.pending = &job
	r.params = job
	r.b.Begin()
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// setParams records job as the template for requestFrame without
// rendering anything.
func (r *frameRenderer) setParams(job renderJob) {
	r.mu.Lock()
	r.params = job
	r.mu.Unlock()
}

// requestFrame asks for frame i with the parameters of the last job (the
// cine scheduler calls it from its goroutine).
func (r *frameRenderer) requestFrame(i int) {
	r.mu.Lock()
	job := r.params
	r.mu.Unlock()
	job.frame = i
	r.request(job)
}

// recycle hands back a buffer no longer displayed.
func (r *frameRenderer) recycle(img *image.RGBA) {
	if img == nil {
		return
	}
	r.mu.Lock()
	if len(r.free) < 2 {
		r.free = append(r.free, img)
	}
	r.mu.Unlock()
}

// close stops the worker; pending requests are dropped.
func (r *frameRenderer) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pending != nil {
		r.pending = nil
		r.b.End()
	}
	select {
	case <-r.quit:
	default:
		close(r.quit)
	}
}

func (r *frameRenderer) run() {
	for {
		select {
		case <-r.quit:
			return
		case <-r.wake:
		}
		r.mu.Lock()
		job := r.pending
		r.pending = nil
		r.mu.Unlock()
		if job == nil {
			continue
		}
		r.deliver(r.render(*job))
	}
}

// buffer returns an RGBA image of w×h pixels, reusing a recycled one.
func (r *frameRenderer) buffer(w, h int) *image.RGBA {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, b := range r.free {
		if b.Rect.Dx() == w && b.Rect.Dy() == h {
			r.free = append(r.free[:i], r.free[i+1:]...)
			return b
		}
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// pipeline returns the display pipeline of a frame; instances without
// per-frame functional groups share one for all frames, which keeps the
// pipeline's LUT cache warm during cine playback and window drags.
func (r *frameRenderer) pipeline(in *dicomio.Instance, frame int) *dicomio.Pipeline {
	k := pipeKey{in, -1}
	if in.Header().Has(dicomio.TagPerFrameFunctionalGroups) {
		k.frame = frame
	}
	if p := r.pipes[k]; p != nil {
		return p
	}
	if len(r.pipes) > 64 {
		clear(r.pipes)
	}
	p := in.Pipeline(frame)
	r.pipes[k] = p
	return p
}

// render does the work of one job: decode (through the frame cache),
// window, turn.
func (r *frameRenderer) render(job renderJob) renderResult {
	res := renderResult{job: job}
	f, err := r.cache.Get(job.in, job.frame)
	if err != nil {
		res.err = err
		return res
	}
	pipe := r.pipeline(job.in, job.frame)
	res.frame, res.pipe = f, pipe
	colour := pipe.IsColor(f)
	full, ok := r.full[job.in]
	if !ok {
		if colour {
			full = dicomio.VOI{Window: dicomio.Window{Center: 127.5, Width: 256, Explanation: lang.L("full range")}}
		} else {
			full = pipe.FullRange(f)
		}
		if len(r.full) > 64 {
			clear(r.full)
		}
		r.full[job.in] = full
	}
	res.full = full
	voi := job.voi
	if job.auto {
		voi = dicomio.VOI{}
		if !colour {
			voi = pipe.DefaultVOI(f)
		}
	}
	res.voi = voi
	of := r.orient(f, job.orient)
	img := r.buffer(of.Columns, of.Rows)
	pipe.RGBA(of, voi, img)
	if job.invert {
		invertRGBA(img)
	}
	res.img = img
	return res
}

// orient returns f turned by o, reusing the last result when the same
// frame is asked for again (window drags on a turned image).
func (r *frameRenderer) orient(f *dicomio.Frame, o imageview.Orientation) *dicomio.Frame {
	if o == (imageview.Orientation{}) {
		return f
	}
	c := &r.oriented
	if c.src == f && c.o == o {
		return c.f
	}
	c.src, c.o, c.f = f, o, imageview.OrientFrame(f, o)
	return c.f
}

// invertRGBA inverts the colour channels of an opaque image in place.
func invertRGBA(img *image.RGBA) {
	if len(img.Pix) < 4 {
		return
	}
	px := unsafe.Slice((*uint32)(unsafe.Pointer(&img.Pix[0])), len(img.Pix)/4)
	for i := range px {
		px[i] ^= 0x00FFFFFF
	}
}
