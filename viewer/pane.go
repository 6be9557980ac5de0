package viewer

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/cinebar"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/recent"
	"github.com/hsgview/hsgview/viewer/studytext"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Pane is one image slot of the viewer: a title bar (series, phase, time
// from contrast), an [ImageView], and for multi-frame images the playback
// bar (package cinebar: play, frame bar, speed, end mode, the frame rate
// with its source).
//
// The pane owns the pixel work for its image: a frameRenderer goroutine
// decodes (through the shared FrameCache), windows and turns frames; a
// [cinebar.Player] drives cine playback and decodes the next frames ahead
// in the background. Results come back through the bridge.
//
// All methods must be called on the Fyne goroutine.
type Pane struct {
	widget.BaseWidget

	// OnActivate is called when the user clicks into the pane.
	OnActivate func(p *Pane)
	// OnRendered is called after a rendering was applied, or failed.
	OnRendered func(p *Pane)

	view   *imageview.ImageView
	render *frameRenderer
	marks  *markLayer  // the marks of the image shown
	ed     *markEditor // nil for a pane outside a viewer

	study   *dicomio.Study
	entry   *dicomio.Entry // nil when the image has no timeline entry
	in      *dicomio.Instance
	frame   int  // frame displayed (0-based)
	want    int  // frame last requested
	loading bool // the first frame is not on screen yet

	shown struct { // the frame on screen, for the pixel readout
		frame *dicomio.Frame
		pipe  *dicomio.Pipeline
	}
	cine *cinebar.Player

	title  *widget.Label
	chip   *canvas.Rectangle
	border *canvas.Rectangle
	active bool
	drop   bool
}

var _ fyne.Widget = (*Pane)(nil)

func newPane(b *bridge, cache *dicomio.FrameCache) *Pane {
	p := &Pane{view: imageview.NewImageView(), cine: cinebar.NewPlayer(b.Do, cache, cacheBudget/2)}
	p.render = newFrameRenderer(cache, b, func(res renderResult) { b.rendered(p, res) })
	p.marks = newMarkLayer(b, p.view)
	p.view.OnRenderNeeded = p.requestRender
	p.view.Probe = p.probe
	p.view.OnActivate = func() {
		if p.OnActivate != nil {
			p.OnActivate(p)
		}
	}
	p.title = widget.NewLabel("")
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.title.TextStyle.Bold = true
	p.chip = canvas.NewRectangle(color.Transparent)
	p.chip.SetMinSize(fyne.NewSize(5, 16))
	p.border = canvas.NewRectangle(color.Transparent)
	p.border.StrokeWidth = 2
	p.cine.Controls.OnPlay, p.cine.Controls.OnFrame = p.TogglePlay, p.SetFrame
	p.cine.OnStop = func(f int) { p.want = f }
	p.cine.OnOptions = p.updateRate
	p.ExtendBaseWidget(p)
	return p
}

// View returns the pane's image view.
func (p *Pane) View() *imageview.ImageView { return p.view }

// Instance returns the image shown, or nil.
func (p *Pane) Instance() *dicomio.Instance { return p.in }

// Entry returns the timeline entry of the image shown, or nil.
func (p *Pane) Entry() *dicomio.Entry { return p.entry }

// SetEntry shows another timeline entry of the image shown (the timing
// was corrected): title, phase colour and overlay, nothing else.
func (p *Pane) SetEntry(e *dicomio.Entry) {
	if p.in == nil {
		return
	}
	p.entry = e
	p.title.SetText(studytext.PaneTitle(p.in, e))
	p.chip.FillColor = studytext.PhaseColour(e)
	p.chip.Refresh()
	p.updateInfo()
}

// Frame returns the frame on screen (0-based).
func (p *Pane) Frame() int { return p.frame }

// Title returns the pane's title text.
func (p *Pane) Title() string { return p.title.Text }

// SetActive marks the pane that keys and thumbnail clicks act on.
func (p *Pane) SetActive(on bool) {
	p.active = on
	p.updateBorder()
}

// SetDropTarget highlights the pane while a thumbnail is dragged over it.
func (p *Pane) SetDropTarget(on bool) {
	if p.drop == on {
		return
	}
	p.drop = on
	p.updateBorder()
}

func (p *Pane) updateBorder() {
	switch {
	case p.drop:
		p.border.StrokeColor = ui.WarningColour
	case p.active:
		p.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	default:
		p.border.StrokeColor = color.Transparent
	}
	p.border.Refresh()
}

// Clear empties the pane and shows lines of text instead of an image, the
// first one as a headline.
func (p *Pane) Clear(lines ...string) {
	p.stop()
	p.loading = false
	p.in, p.entry, p.study = nil, nil, nil
	p.shown.frame, p.shown.pipe = nil, nil
	p.render.recycle(p.view.SetImage(nil, 0, 0, imageview.Orientation{}))
	p.view.Reset()
	p.view.SetMessage(lines...)
	p.refreshMarks()
	p.title.SetText("")
	p.chip.FillColor = color.Transparent
	p.chip.Refresh()
	p.cine.Controls.Hide()
	p.Refresh()
}

// ShowMissing empties the pane to say that an expected image is missing
// (e.g. "No delayed image identified" and why), under title.
func (p *Pane) ShowMissing(title string, lines ...string) {
	p.Clear()
	p.title.SetText(title)
	p.chip.FillColor = ui.WarningColour
	p.chip.Refresh()
	p.view.SetWarning(lines...)
}

// Load shows frame (0-based) of instance in, which belongs to study st and
// has timeline entry e (may be nil). The first frame is rendered with the
// file's default window; decoding runs in the background.
func (p *Pane) Load(st *dicomio.Study, e *dicomio.Entry, in *dicomio.Instance, frame int) {
	p.stop()
	p.loading = false
	p.render.recycle(p.view.SetImage(nil, 0, 0, imageview.Orientation{}))
	p.view.Reset()
	p.study, p.entry, p.in = st, e, in
	p.frame = max(0, min(frame, in.Pixel.Frames-1))
	p.want = p.frame
	p.shown.frame, p.shown.pipe = nil, nil
	p.title.SetText(studytext.PaneTitle(in, e))
	p.chip.FillColor = studytext.PhaseColour(e)
	p.chip.Refresh()
	p.view.SetPatientOrientation(in.Orientation)
	p.updateInfo()
	p.refreshMarks()
	p.cine.Load(in, p.frame, p.render.requestFrame)
	p.updateRate()
	p.Refresh()
	if !in.Decodable {
		p.view.SetWarning(lang.L("This image cannot be displayed"), in.Problem)
		return
	}
	p.view.SetMessage(lang.L("Loading…"))
	p.loading = true
	p.requestRender()
	p.cine.Prefetch(p.frame)
}

// stop ends playback and prefetching of the current image.
func (p *Pane) stop() { p.cine.Unload() }

// Close stops the pane's background work.
func (p *Pane) Close() {
	p.stop()
	p.render.close()
	p.marks.close()
}

// requestRender asks the renderer for the wanted frame as the view is now
// set up (window, orientation, inversion).
func (p *Pane) requestRender() {
	if p.in == nil || !p.in.Decodable {
		return
	}
	p.render.request(p.job(p.want))
}

func (p *Pane) job(frame int) renderJob {
	voi, ok := p.view.Window()
	return renderJob{in: p.in, frame: frame, voi: voi, auto: !ok,
		orient: p.view.Orientation(), invert: p.view.Invert()}
}

// applyRender shows a rendered frame (called through the bridge).
func (p *Pane) applyRender(res renderResult) {
	if res.job.in != p.in || p.in == nil {
		p.render.recycle(res.img) // for an image no longer shown
		return
	}
	p.loading = false
	if p.OnRendered != nil {
		defer p.OnRendered(p)
	}
	if res.err != nil {
		p.view.SetWarning(fmt.Sprintf(lang.L("Frame %d cannot be displayed"), res.job.frame+1), ui.OneLine(res.err.Error()))
		return
	}
	p.view.SetMessage()
	p.view.SetFullRange(res.full)
	p.shown.frame, p.shown.pipe = res.frame, res.pipe
	if res.job.auto {
		p.view.SetWindowQuiet(res.voi)
		p.render.setParams(p.job(res.job.frame))
	}
	p.render.recycle(p.view.SetImage(res.img, res.frame.Columns, res.frame.Rows, res.job.orient))
	if p.cine.Playing() {
		p.cine.Applied(res.job.frame, p.frame, p.in.Pixel.Frames)
		p.want = res.job.frame
	}
	if res.job.frame != p.frame {
		p.frame = res.job.frame
		p.updateInfo()
		p.cine.Controls.SetCurrent(p.frame)
		p.updateRate()
	}
	p.refreshMarks() // the marks of this frame
}

// probe returns the pixel readout for stored pixel (i, j).
func (p *Pane) probe(i, j int) string {
	f, pipe := p.shown.frame, p.shown.pipe
	if f == nil || pipe == nil || pipe.IsColor(f) || i >= f.Columns || j >= f.Rows {
		return ""
	}
	return fmt.Sprintf("(%d, %d) = %s", i, j, imageview.FormatValue(pipe.Value(f, j*f.Columns+i)))
}

// SetFrame shows frame (0-based), pausing playback.
func (p *Pane) SetFrame(frame int) {
	if p.in == nil || p.in.Pixel.Frames < 2 {
		return
	}
	p.pause()
	p.want = max(0, min(frame, p.in.Pixel.Frames-1))
	p.requestRender()
	p.cine.Controls.SetCurrent(p.want)
}

// Step moves d frames forwards (or backwards), wrapping around.
func (p *Pane) Step(d int) {
	if p.in == nil || p.in.Pixel.Frames < 2 {
		return
	}
	n := p.in.Pixel.Frames
	p.SetFrame(((p.want+d)%n + n) % n)
}

// Playing reports whether the pane plays its cine run.
func (p *Pane) Playing() bool { return p.cine.Playing() }

// TogglePlay starts or pauses cine playback at the file's frame rate.
func (p *Pane) TogglePlay() {
	if !p.cine.Loaded() || !p.in.Decodable {
		return
	}
	if p.cine.Playing() {
		p.pause()
		return
	}
	p.render.setParams(p.job(p.frame))
	p.cine.Play(p.frame)
}

func (p *Pane) pause() {
	if f, ok := p.cine.Pause(); ok {
		p.want = f
	}
}

// PlaybackStats returns the frames shown during playback and those skipped
// because they were not ready in time.
func (p *Pane) PlaybackStats() (frames, dropped int) { return p.cine.Stats() }

// SetCineOptions changes the playback speed and end mode.
func (p *Pane) SetCineOptions(o cine.Options) {
	p.cine.SetOptions(o)
	p.updateRate()
}

func (p *Pane) updateRate() {
	if p.in != nil && p.in.Pixel.Frames > 1 {
		p.cine.Controls.SetRate(p.cine.RateText(p.frame, p.in.Pixel.Frames, p.in.Cine, studytext.FPSText))
	}
}

// updateInfo sets the corner text for the current image and frame.
func (p *Pane) updateInfo() {
	in := p.in
	if in == nil {
		return
	}
	pat := in.Patient
	line := imageview.Line
	var tl []imageview.OverlayLine
	if n := dicomtext.FormatPersonName(pat.Name); n != "" {
		tl = append(tl, line(imageview.PriorityHigh, n))
	}
	if pat.ID != "" {
		tl = append(tl, line(imageview.PriorityHigh, lang.L("ID")+" "+pat.ID))
	}
	if bs := strings.TrimSpace(l10n.DateISO(pat.BirthDate, i18n.Lang()) + " " + studytext.SexWord(pat.Sex)); bs != "" {
		tl = append(tl, line(imageview.PriorityNormal, "*"+bs))
	}
	if d := recent.FormatDate(in.StudyTime); d != "" {
		tl = append(tl, line(imageview.PriorityLow, lang.L("Study")+" "+d))
	}
	se := fmt.Sprintf(lang.L("Se %d"), in.SeriesNumber)
	im := fmt.Sprintf(lang.L("Im %d"), in.InstanceNumber)
	tr := []imageview.OverlayLine{line(imageview.PriorityHigh, se, se), line(imageview.PriorityNormal, im+" · "+in.Modality, im)}
	if d := strings.TrimSpace(in.SeriesDescription); d != "" {
		tr[0].Text += " · " + d
	}
	if in.Pixel.Frames > 1 {
		tr = append(tr, line(imageview.PriorityHigh, fmt.Sprintf(lang.L("Frame %d/%d"), p.frame+1, in.Pixel.Frames)))
	}
	if t := studytext.Clock(studytext.FrameTime(in, p.frame)); t != "" {
		tr = append(tr, line(imageview.PriorityLow, lang.L("Acq")+" "+t))
	}
	bl := []imageview.OverlayLine{p.spacingLine()}
	var br []imageview.OverlayLine
	if e := p.entry; e != nil {
		br = append(br, line(imageview.PriorityHigh, studytext.PhaseText(e), studytext.PhaseShort(e)...))
	}
	if in.Pixel.Frames > 1 {
		br = append(br, line(imageview.PriorityLow, studytext.FPSText(in.Cine)))
	}
	p.view.SetInfo(imageview.OverlayInfo{TopLeft: tl, TopRight: tr, BottomLeft: bl, BottomRight: br})
}

// CreateRenderer implements fyne.Widget.
func (p *Pane) CreateRenderer() fyne.WidgetRenderer {
	header := container.NewBorder(nil, nil, container.NewCenter(p.chip), nil, p.title)
	body := container.NewBorder(header, p.cine.Controls, nil, nil, p.view)
	return widget.NewSimpleRenderer(container.New(layout.NewStackLayout(), body, p.border))
}
