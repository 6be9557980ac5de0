package imageview

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview/cornertext"
	"github.com/hsgview/hsgview/viewer/ui"
)

// ImageView shows one display-ready frame on black, with corner text,
// patient-orientation letters at the edges and an overlay layer for
// annotations, and turns pointer input into window/level, zoom and pan
// through its [Tool].
//
// The view holds the presentation state (window, zoom, pan, orientation,
// inversion) but does no pixel work: when the window, inversion or
// orientation change it calls OnRenderNeeded, and whoever owns it renders
// the frame elsewhere and hands the result to [ImageView.SetImage].
//
// All methods and callbacks run on the Fyne goroutine.
type ImageView struct {
	widget.BaseWidget

	// OnRenderNeeded is called when the window, inversion or orientation
	// changed, so the frame must be rendered again.
	OnRenderNeeded func()
	// OnUserWindow, OnUserZoom and OnUserPan report changes made by the
	// user's pointer (for synchronised panes): the window drag delta, the
	// zoom factor about a point given relative to the view centre, and
	// the pan delta, all in Fyne units.
	OnUserWindow func(d fyne.Delta)
	OnUserZoom   func(factor float64, about fyne.Delta)
	OnUserPan    func(d fyne.Delta)
	// OnActivate is called when the user presses a button over the view.
	OnActivate func()
	// OnTypedKey and OnTypedRune receive the keyboard while the view has
	// the focus.
	OnTypedKey  func(*fyne.KeyEvent)
	OnTypedRune func(rune)
	// OnKeyDown and OnKeyUp report a key pressed and released while
	// the view has the focus (for keys held down, such as the
	// magnifier's); repeats are not reported.
	OnKeyDown, OnKeyUp func(*fyne.KeyEvent)
	// Probe, if set, describes the value of stored pixel (i, j) for the
	// pixel readout.
	Probe func(i, j int) string

	tool       Tool
	zoomAnchor fyne.Position // where the current zoom drag started

	img *image.RGBA // the frame turned by shown; replaced, never modified
	// textBoxes are where the lines of corner text, the orientation
	// letters and the warning are, in view units, as last laid out.
	textBoxes    []cornertext.Rect
	shownCorners [4][]string // the corner lines as laid out
	textMoved    []func()    // see AddTextListener

	imgW, imgH int         // stored frame size
	shown      Orientation // orientation of img
	orient     Orientation // requested orientation
	zoom       float64     // device pixels per image pixel when not fitted
	pan        fyne.Delta
	fitted     bool // zoom follows the view size

	voi    dicomio.VOI
	full   dicomio.VOI // the full-range window: drag sensitivity and start for LUTs
	hasVOI bool
	invert bool

	info      OverlayInfo
	patientO  [2]string
	showEdges bool // an image is loaded: show orientation letters or the warning
	message   []string
	warn      bool // message is a warning
	probe     string

	overlay   *fyne.Container
	top       *fyne.Container // above the corner text: the magnifier
	listeners []func(Transform)

	pointer struct {
		down   bool
		button desktop.MouseButton
		mod    fyne.KeyModifier
		last   fyne.Position
	}
}

var (
	_ fyne.Widget         = (*ImageView)(nil)
	_ fyne.Draggable      = (*ImageView)(nil)
	_ fyne.Scrollable     = (*ImageView)(nil)
	_ fyne.Focusable      = (*ImageView)(nil)
	_ fyne.Tabbable       = (*ImageView)(nil)
	_ desktop.Keyable     = (*ImageView)(nil)
	_ desktop.Mouseable   = (*ImageView)(nil)
	_ desktop.Hoverable   = (*ImageView)(nil)
	_ desktop.Cursorable  = (*ImageView)(nil)
	_ fyne.DoubleTappable = (*ImageView)(nil)
	_ fyne.WidgetRenderer = (*imageViewRenderer)(nil)
)

// NewImageView returns an empty view using the [NavigateTool].
func NewImageView() *ImageView {
	v := &ImageView{tool: &NavigateTool{}, fitted: true, zoom: 1}
	v.overlay = container.NewWithoutLayout()
	v.top = container.NewWithoutLayout()
	v.ExtendBaseWidget(v)
	return v
}

// SetTool makes t interpret pointer input; nil restores the NavigateTool.
func (v *ImageView) SetTool(t Tool) {
	if t == nil {
		t = &NavigateTool{}
	}
	v.tool = t
}

// Tool returns the current tool.
func (v *ImageView) Tool() Tool { return v.tool }

// Overlay returns the layer drawn above the image and below the corner
// text, sized to the view, for annotation drawings. Its objects are placed
// in view coordinates; keep them in place with [ImageView.AddTransformListener].
func (v *ImageView) Overlay() *fyne.Container { return v.overlay }

// TopLayer returns the layer drawn above everything else, corner text
// included, sized to the view (the magnifier's loupe). Its objects are
// placed in view coordinates and must take no pointer input.
func (v *ImageView) TopLayer() *fyne.Container { return v.top }

// AddTransformListener registers fn to be called with the new transform
// whenever the mapping between image and view changes (zoom, pan,
// orientation, size, a new image).
func (v *ImageView) AddTransformListener(fn func(Transform)) {
	v.listeners = append(v.listeners, fn)
}

// Transform returns the current mapping between the displayed image and
// the view.
func (v *ImageView) Transform() Transform {
	t := Transform{ImageWidth: v.imgW, ImageHeight: v.imgH, View: v.Size(), Scale: v.canvasScale(),
		Zoom: v.zoom, Pan: v.pan, Orientation: v.shown}
	if v.fitted {
		t.Zoom, t.Pan = t.FitZoom(), fyne.Delta{}
	}
	return t
}

func (v *ImageView) canvasScale() float32 {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(v); c != nil {
			return c.Scale()
		}
	}
	return 1
}

// transformChanged redraws and tells the listeners.
func (v *ImageView) transformChanged() {
	v.Refresh()
	t := v.Transform()
	for _, fn := range v.listeners {
		fn(t)
	}
}

// HasImage reports whether a frame is displayed.
func (v *ImageView) HasImage() bool { return v.img != nil }

// SetImage displays img, a frame of width×height stored pixels turned by
// o. img must not be modified afterwards. It returns the image it
// replaces, which the caller may reuse.
func (v *ImageView) SetImage(img *image.RGBA, width, height int, o Orientation) *image.RGBA {
	old := v.img
	changed := width != v.imgW || height != v.imgH || o != v.shown || old == nil
	v.img, v.imgW, v.imgH, v.shown = img, width, height, o
	v.showEdges = true
	if changed {
		v.transformChanged()
	} else {
		v.Refresh()
	}
	return old
}

// Reset clears the image and returns the presentation to its defaults
// (fitted, not turned, not inverted, window unset), ready for another
// image.
func (v *ImageView) Reset() {
	v.img, v.imgW, v.imgH = nil, 0, 0
	v.shown, v.orient = Orientation{}, Orientation{}
	v.zoom, v.pan, v.fitted = 1, fyne.Delta{}, true
	v.voi, v.full, v.hasVOI, v.invert = dicomio.VOI{}, dicomio.VOI{}, false, false
	v.info, v.patientO, v.showEdges, v.message, v.probe = OverlayInfo{}, [2]string{}, false, nil, ""
	v.transformChanged()
}

// SetMessage shows lines of text in the middle of the view, the first one
// in bold (e.g. why the image cannot be shown); none clears it.
func (v *ImageView) SetMessage(lines ...string) {
	v.message, v.warn = lines, false
	v.Refresh()
}

// SetWarning is SetMessage with the first line in the warning colour.
func (v *ImageView) SetWarning(lines ...string) {
	v.message, v.warn = lines, true
	v.Refresh()
}

// SetInfo sets the corner text.
func (v *ImageView) SetInfo(info OverlayInfo) {
	v.info = info
	v.Refresh()
}

// SetPatientOrientation sets Patient Orientation (row and column
// directions) for the edge letters; empty values show the warning that the
// side cannot be verified.
func (v *ImageView) SetPatientOrientation(po [2]string) {
	v.patientO = po
	v.Refresh()
}

// EdgeLabels returns the orientation letters currently shown and whether
// the orientation is known.
func (v *ImageView) EdgeLabels() (EdgeLabels, bool) { return edgeLabels(v.patientO, v.shown) }

// Window returns the current window and whether one is set.
func (v *ImageView) Window() (dicomio.VOI, bool) { return v.voi, v.hasVOI }

// SetWindow sets the window (VOI) and requests a new rendering.
func (v *ImageView) SetWindow(voi dicomio.VOI) {
	v.voi, v.hasVOI = voi, true
	v.Refresh()
	v.renderNeeded()
}

// SetWindowQuiet records the window a rendering used, without asking for
// another one.
func (v *ImageView) SetWindowQuiet(voi dicomio.VOI) {
	v.voi, v.hasVOI = voi, true
	v.Refresh()
}

// SetFullRange sets the full-range window of the image, which scales the
// window drag and is where dragging starts from a VOI LUT.
func (v *ImageView) SetFullRange(full dicomio.VOI) { v.full = full }

// Picture is the frame as drawn (turned by the orientation), nil
// without an image. The caller must not change it.
func (v *ImageView) Picture() *image.RGBA { return v.img }

// Message is the message shown instead of an image (SetMessage).
func (v *ImageView) Message() []string { return v.message }

// Info is the overlay text set by SetInfo.
func (v *ImageView) Info() OverlayInfo { return v.info }

// FullRange is the full-range window set by SetFullRange.
func (v *ImageView) FullRange() dicomio.VOI { return v.full }

// windowSpan is the value range a full-width drag sweeps.
func (v *ImageView) windowSpan() float64 {
	if v.full.Width > 0 {
		return v.full.Width
	}
	if v.voi.Width > 0 {
		return 2 * v.voi.Width
	}
	return 256
}

// WindowDragUnits is how far (in Fyne units) a drag sweeps the full range.
const WindowDragUnits = 500

// AdjustWindow changes the window as a drag by d does: right widens,
// left narrows; down raises the level, up lowers it. The sensitivity is
// proportional to the image's value range, so the same gesture does the
// same on an 8-bit spot image and a 14-bit radiograph.
func (v *ImageView) AdjustWindow(d fyne.Delta) {
	v.AdjustWindowQuiet(d)
	if v.OnUserWindow != nil {
		v.OnUserWindow(d)
	}
}

// AdjustWindowQuiet is AdjustWindow without the user callback (used to
// follow a synchronised pane).
func (v *ImageView) AdjustWindowQuiet(d fyne.Delta) {
	w := v.voi
	if !v.hasVOI || w.LUT != nil || w.Width <= 0 {
		w = v.full
		if w.Width <= 0 {
			w = dicomio.VOI{Window: dicomio.Window{Center: 127.5, Width: 256}}
		}
	}
	k := v.windowSpan() / WindowDragUnits
	w.LUT = nil
	w.Explanation = ""
	w.Width = math.Max(1, w.Width+float64(d.DX)*k)
	w.Center += float64(d.DY) * k
	v.SetWindow(w)
}

// Invert reports whether the user inverted the grey scale (on top of any
// inversion MONOCHROME1 asks for).
func (v *ImageView) Invert() bool { return v.invert }

// SetInvert sets the user inversion.
func (v *ImageView) SetInvert(on bool) {
	if v.invert == on {
		return
	}
	v.invert = on
	v.renderNeeded()
}

// Orientation returns the requested orientation (the displayed image
// follows once rendered).
func (v *ImageView) Orientation() Orientation { return v.orient }

// SetOrientation turns the image; the view keeps fitting when it was
// fitted.
func (v *ImageView) SetOrientation(o Orientation) {
	if v.orient == o {
		return
	}
	v.orient = o
	v.renderNeeded()
}

func (v *ImageView) renderNeeded() {
	if v.OnRenderNeeded != nil {
		v.OnRenderNeeded()
	}
}

// Zoom returns the zoom in device pixels per image pixel (1 = 1:1).
func (v *ImageView) Zoom() float64 { return v.Transform().Zoom }

// Fitted reports whether the zoom follows the view size.
func (v *ImageView) Fitted() bool { return v.fitted }

// Fit shows the whole image, centred, and keeps doing so as the view
// resizes.
func (v *ImageView) Fit() {
	v.fitted, v.pan = true, fyne.Delta{}
	v.transformChanged()
}

// SetZoom sets the zoom (1 = one image pixel per screen pixel) about the
// view centre.
func (v *ImageView) SetZoom(z float64) {
	t := v.Transform()
	v.zoomTo(t.Zoomed(z/t.Zoom, fyne.NewPos(t.View.Width/2, t.View.Height/2)))
}

// ZoomBy zooms by factor about view position about, which stays over the
// same image point.
func (v *ImageView) ZoomBy(factor float64, about fyne.Position) {
	v.ZoomByQuiet(factor, about)
	if v.OnUserZoom != nil {
		s := v.Size()
		v.OnUserZoom(factor, fyne.NewDelta(about.X-s.Width/2, about.Y-s.Height/2))
	}
}

// ZoomByQuiet is ZoomBy without the user callback (used to follow a
// synchronised pane).
func (v *ImageView) ZoomByQuiet(factor float64, about fyne.Position) {
	v.zoomTo(v.Transform().Zoomed(factor, about))
}

func (v *ImageView) zoomTo(t Transform) {
	v.zoom, v.pan, v.fitted = t.Zoom, t.Pan, false
	v.transformChanged()
}

// Pan returns the offset of the image centre from the view centre.
func (v *ImageView) Pan() fyne.Delta { return v.Transform().Pan }

// PanBy moves the image by d.
func (v *ImageView) PanBy(d fyne.Delta) {
	v.PanByQuiet(d)
	if v.OnUserPan != nil {
		v.OnUserPan(d)
	}
}

// PanByQuiet is PanBy without the user callback (used to follow a
// synchronised pane).
func (v *ImageView) PanByQuiet(d fyne.Delta) {
	t := v.Transform()
	v.zoom, v.fitted = t.Zoom, false
	v.pan = fyne.NewDelta(t.Pan.DX+d.DX, t.Pan.DY+d.DY)
	v.transformChanged()
}

// Resize keeps the listeners informed of the new size.
func (v *ImageView) Resize(s fyne.Size) {
	if s == v.Size() {
		return
	}
	v.BaseWidget.Resize(s)
	v.probe = "" // the pointer is over another pixel now
	v.Refresh()  // the zoom readout follows a fitted view
	t := v.Transform()
	for _, fn := range v.listeners {
		fn(t)
	}
}

// Pointer input.

// MouseDown implements desktop.Mouseable.
func (v *ImageView) MouseDown(ev *desktop.MouseEvent) {
	v.activate()
	v.pointer.down, v.pointer.button, v.pointer.mod, v.pointer.last = true, ev.Button, ev.Modifier, ev.Position
	v.tool.Press(v, PointerEvent{Position: ev.Position, Button: ev.Button, Modifier: ev.Modifier})
}

// MouseUp implements desktop.Mouseable.
func (v *ImageView) MouseUp(ev *desktop.MouseEvent) {
	if !v.pointer.down {
		return
	}
	v.pointer.down = false
	v.tool.Release(v, PointerEvent{Position: ev.Position, Button: v.pointer.button, Modifier: v.pointer.mod})
}

// Dragged implements fyne.Draggable (primary and middle buttons; Fyne
// does not report drags of the secondary button, see MouseMoved).
func (v *ImageView) Dragged(ev *fyne.DragEvent) {
	if !v.pointer.down {
		// A drag without a press (as test.Drag sends): primary button.
		v.pointer.down, v.pointer.button, v.pointer.mod = true, desktop.MouseButtonPrimary, 0
		v.tool.Press(v, PointerEvent{Position: ev.Position, Button: desktop.MouseButtonPrimary})
	}
	v.pointer.last = ev.Position
	v.tool.Drag(v, PointerEvent{Position: ev.Position, Delta: ev.Dragged, Button: v.pointer.button, Modifier: v.pointer.mod})
}

// DragEnd implements fyne.Draggable.
func (v *ImageView) DragEnd() {
	if !v.pointer.down {
		return
	}
	v.pointer.down = false
	v.tool.Release(v, PointerEvent{Position: v.pointer.last, Button: v.pointer.button, Modifier: v.pointer.mod})
}

// MouseIn implements desktop.Hoverable.
func (v *ImageView) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved implements desktop.Hoverable: the pixel readout, and drags
// with the secondary button.
func (v *ImageView) MouseMoved(ev *desktop.MouseEvent) {
	if v.pointer.down && v.pointer.button == desktop.MouseButtonSecondary && ev.Button&desktop.MouseButtonSecondary != 0 {
		d := fyne.NewDelta(ev.Position.X-v.pointer.last.X, ev.Position.Y-v.pointer.last.Y)
		v.pointer.last = ev.Position
		v.tool.Drag(v, PointerEvent{Position: ev.Position, Delta: d, Button: desktop.MouseButtonSecondary, Modifier: v.pointer.mod})
	} else if v.pointer.down && v.pointer.button == desktop.MouseButtonSecondary {
		v.MouseUp(ev) // released outside the view
	}
	if h, ok := v.tool.(HoverTool); ok && !v.pointer.down {
		h.Hover(v, PointerEvent{Position: ev.Position, Modifier: ev.Modifier})
	}
	v.updateProbe(ev.Position)
}

// DoubleTapped implements fyne.DoubleTappable: the tool may take double
// clicks (to close a polygon, or edit a mark's text).
func (v *ImageView) DoubleTapped(ev *fyne.PointEvent) {
	if d, ok := v.tool.(DoubleTapTool); ok {
		d.DoubleTap(v, PointerEvent{Position: ev.Position, Button: desktop.MouseButtonPrimary})
	}
}

// MouseOut implements desktop.Hoverable.
func (v *ImageView) MouseOut() {
	if v.probe != "" {
		v.probe = ""
		v.Refresh()
	}
}

func (v *ImageView) updateProbe(p fyne.Position) {
	s := ""
	if v.Probe != nil && v.img != nil {
		if i, j, ok := v.Transform().PixelAt(p); ok {
			s = v.Probe(i, j)
		}
	}
	if s != v.probe {
		v.probe = s
		v.Refresh()
	}
}

// Scrolled implements fyne.Scrollable.
func (v *ImageView) Scrolled(ev *fyne.ScrollEvent) { v.tool.Scroll(v, ev) }

// Cursor implements desktop.Cursorable.
func (v *ImageView) Cursor() desktop.Cursor { return desktop.CrosshairCursor }

func (v *ImageView) activate() {
	if v.OnActivate != nil {
		v.OnActivate()
	}
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(v); c != nil && c.Focused() != v {
			c.Focus(v)
		}
	}
}

// Keyboard input: the view takes the focus when pressed, and passes keys
// on to the window's key map.

// FocusGained implements fyne.Focusable.
func (v *ImageView) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (v *ImageView) FocusLost() {}

// TypedRune implements fyne.Focusable.
func (v *ImageView) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// TypedKey implements fyne.Focusable.
func (v *ImageView) TypedKey(ev *fyne.KeyEvent) {
	if v.OnTypedKey != nil {
		v.OnTypedKey(ev)
	}
}

// KeyDown implements desktop.Keyable.
func (v *ImageView) KeyDown(ev *fyne.KeyEvent) {
	if v.OnKeyDown != nil {
		v.OnKeyDown(ev)
	}
}

// KeyUp implements desktop.Keyable.
func (v *ImageView) KeyUp(ev *fyne.KeyEvent) {
	if v.OnKeyUp != nil {
		v.OnKeyUp(ev)
	}
}

// AcceptsTab implements fyne.Tabbable: Tab moves between panes.
func (v *ImageView) AcceptsTab() bool { return true }

// CreateRenderer implements fyne.Widget.
func (v *ImageView) CreateRenderer() fyne.WidgetRenderer {
	r := &imageViewRenderer{v: v,
		bg:     canvas.NewRectangle(color.Black),
		raster: &canvas.Image{ScaleMode: canvas.ImageScaleFastest, FillMode: canvas.ImageFillStretch},
	}
	white := color.NRGBA{0xf0, 0xf0, 0xf0, 0xff}
	r.corners[0] = NewOutlineText(fyne.TextAlignLeading, overlayTextSize, white, fyne.TextStyle{})
	r.corners[1] = NewOutlineText(fyne.TextAlignTrailing, overlayTextSize, white, fyne.TextStyle{})
	r.corners[2] = NewOutlineText(fyne.TextAlignLeading, overlayTextSize, white, fyne.TextStyle{})
	r.corners[3] = NewOutlineText(fyne.TextAlignTrailing, overlayTextSize, white, fyne.TextStyle{})
	edge := color.NRGBA{0xff, 0xe0, 0x66, 0xff}
	for i := range r.edges {
		r.edges[i] = NewOutlineText(fyne.TextAlignCenter, EdgeTextSize, edge, fyne.TextStyle{Bold: true})
	}
	r.warning = NewOutlineText(fyne.TextAlignCenter, overlayTextSize, ui.WarningColour, fyne.TextStyle{Bold: true})
	r.messageTitle = NewOutlineText(fyne.TextAlignCenter, messageTextSize+1, white, fyne.TextStyle{Bold: true})
	r.message = NewOutlineText(fyne.TextAlignCenter, messageTextSize-2, color.NRGBA{0xc8, 0xcc, 0xd0, 0xff}, fyne.TextStyle{})
	r.objects = []fyne.CanvasObject{r.bg, r.raster, v.overlay}
	for _, c := range r.corners {
		r.objects = append(r.objects, c)
	}
	for _, e := range r.edges {
		r.objects = append(r.objects, e)
	}
	r.objects = append(r.objects, r.warning, r.messageTitle, r.message, v.top)
	r.update()
	return r
}

// Overlay text sizes, in Fyne units.
const (
	overlayTextSize = 12
	EdgeTextSize    = 18
	messageTextSize = 15
)

type imageViewRenderer struct {
	v            *ImageView
	bg           *canvas.Rectangle
	raster       *canvas.Image
	corners      [4]*OutlineText // top-left, top-right, bottom-left, bottom-right
	lines        [4][]OverlayLine
	edges        [4]*OutlineText // left, right, top, bottom
	warning      *OutlineText
	messageTitle *OutlineText
	message      *OutlineText
	objects      []fyne.CanvasObject
}

// update copies the widget state into the canvas objects.
func (r *imageViewRenderer) update() {
	v := r.v
	if r.raster.Image != v.img {
		if v.img == nil {
			r.raster.Image = nil
			r.raster.Hide()
		} else {
			r.raster.Image = v.img
			r.raster.Show()
			r.raster.Refresh()
		}
	}
	r.lines = v.cornerLines()
	labels, ok := edgeLabels(v.patientO, v.shown)
	if !v.showEdges {
		labels = EdgeLabels{}
	}
	r.edges[0].SetLines(labels.Left)
	r.edges[1].SetLines(labels.Right)
	r.edges[2].SetLines(labels.Top)
	r.edges[3].SetLines(labels.Bottom)
	if v.showEdges && !ok {
		r.warning.SetLines(lang.L(noOrientationCause), lang.L(noOrientationEffect))
	} else {
		r.warning.SetLines()
	}
	if len(v.message) > 0 {
		r.messageTitle.SetLines(v.message[0])
		r.message.SetLines(v.message[1:]...)
	} else {
		r.messageTitle.SetLines()
		r.message.SetLines()
	}
	c := color.Color(color.NRGBA{0xf0, 0xf0, 0xf0, 0xff})
	if v.warn {
		c = ui.WarningColour
	}
	if r.messageTitle.color != c {
		r.messageTitle.SetColor(c)
	}
}

func invertedNote(on bool) string {
	if on {
		return " · " + lang.L("inverted")
	}
	return ""
}

func (r *imageViewRenderer) Layout(size fyne.Size) {
	v := r.v
	r.bg.Resize(size)
	v.overlay.Resize(size)
	v.top.Resize(size)
	if v.img != nil {
		pos, sz := v.Transform().ImageRect()
		r.raster.Move(pos)
		r.raster.Resize(sz)
	}
	place := func(o fyne.CanvasObject, x, y float32) {
		o.Resize(o.MinSize())
		o.Move(fyne.NewPos(x, y))
	}
	r.layoutText(size, place)
	th, mh := r.messageTitle.MinSize().Height, r.message.MinSize().Height
	y := (size.Height - th - mh) / 2
	place(r.messageTitle, (size.Width-r.messageTitle.MinSize().Width)/2, y)
	place(r.message, (size.Width-r.message.MinSize().Width)/2, y+th)
}

func (r *imageViewRenderer) MinSize() fyne.Size { return fyne.NewSize(80, 80) }

func (r *imageViewRenderer) Refresh() {
	r.update()
	r.Layout(r.v.Size())
	canvas.Refresh(r.bg)
}

func (r *imageViewRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *imageViewRenderer) Destroy() {}
