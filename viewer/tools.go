package viewer

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

// toolMode is what the left mouse button does over an image: navigate
// (window/level, pan or zoom, and select, move or edit marks) or draw a
// mark of one kind.
type toolMode int

const (
	modeNavigate toolMode = iota
	modeArrow
	modeText
	modeLength
	modeAngle
	modeEllipse
	modePolygon
	modeFreehand
	modePoint
	modeCalibrate
	modeWindowRegion // W/L from a drawn rectangle (nav.go), not a mark
)

// A toolInfo describes a tool for the palette, the keys and the help.
type toolInfo struct {
	mode  toolMode
	name  string
	keys  string // as the help shows them
	runes []rune
	hint  string // shown in the status bar when the tool is chosen
	tool  mark.Tool
	icon  fyne.Resource
}

// tools lists the tools in palette order.
var tools = []toolInfo{
	{modeNavigate, i18n.K("Navigate"), i18n.K("N / Esc"), []rune("nN"),
		i18n.K("Navigate: drag to window/level (or pan, zoom); click a mark to select it, drag it to move it"), "", iconNavigate},
	{modeWindowRegion, i18n.K("Window from region"), i18n.K("Shift+W"), []rune("W"),
		i18n.K("Window from region: drag a box over what you want to see; its lowest to highest value then span the grey scale"), "", iconWindowRegion},
	{modeArrow, i18n.K("Arrow"), i18n.K("A"), []rune("aA"),
		i18n.K("Arrow: drag from the point to show to where the text goes, then type the text"), mark.ToolArrow, iconArrow},
	{modeText, i18n.K("Text"), i18n.K("T"), []rune("tT"),
		i18n.K("Text: click where the text goes, then type it"), mark.ToolText, iconText},
	{modeLength, i18n.K("Length"), i18n.K("M"), []rune("mM"),
		i18n.K("Length: drag from one end to the other"), mark.ToolLength, iconLength},
	{modeAngle, i18n.K("Angle"), i18n.K("G"), []rune("gG"),
		i18n.K("Angle: drag along the first arm to the vertex, then click the end of the second arm"), mark.ToolAngle, iconAngle},
	{modeEllipse, i18n.K("Ellipse ROI"), i18n.K("O"), []rune("oO"),
		i18n.K("Ellipse ROI: drag across the box the ellipse fills"), mark.ToolEllipse, iconEllipse},
	{modePolygon, i18n.K("Polygon ROI"), i18n.K("P"), []rune("p"),
		i18n.K("Polygon ROI: click the corners; double-click, Enter or a click on the first corner closes it"), mark.ToolPolygon, iconPolygon},
	{modeFreehand, i18n.K("Freehand ROI"), i18n.K("Shift+P"), []rune("P"),
		i18n.K("Freehand ROI: drag around the region"), mark.ToolFreehand, iconFreehand},
	{modePoint, i18n.K("Point"), i18n.K("D"), []rune("dD"),
		i18n.K("Point: click the spot to mark"), mark.ToolPoint, iconPoint},
	{modeCalibrate, i18n.K("Calibrate"), i18n.K("K"), []rune("kK"),
		i18n.K("Calibrate: draw across the catheter (its width), a balloon's diameter or an object of known length, then give its size"), "", iconCalibrate},
}

func toolOf(m toolMode) toolInfo {
	for _, t := range tools {
		if t.mode == m {
			return t
		}
	}
	return tools[0]
}

// Pointer distances, in Fyne units.
const (
	clickSlop    = 3 // a press and release closer than this is a click
	hitTolerance = 6 // how near a mark or handle the pointer must be
	closeRadius  = 8 // a polygon closes on a click this near its first corner
	freehandStep = 2 // a freehand outline takes a point every this far
)

// gestureKind is what the pointer is doing.
type gestureKind int

const (
	gestureNone     gestureKind = iota
	gestureNavigate             // handed to the NavigateTool; a click deselects
	gestureSelect               // pressed on a region not selected: a click selects it, a drag navigates
	gestureMenu                 // secondary button: a click on a mark opens its menu, a drag zooms
	gestureMove                 // dragging a mark
	gestureHandle               // dragging a handle of a mark
	gestureDraw                 // press, drag, release draws a mark
	gesturePlace                // points placed one click at a time; the last follows the pointer
	gestureWait                 // a mark drawn, waiting for its text or size
)

// A gesture is the pointer action in progress.
type gesture struct {
	kind  gestureKind
	pane  *Pane
	mode  toolMode
	start fyne.Position // where the button went down
	moved bool          // the pointer left clickSlop since
	// mark is the mark moved or edited, as it was; handle the handle
	// dragged; from the image point pressed.
	mark   mark.Annotation
	handle mark.Handle
	from   mark.ImagePoint
	// pts are the image points of a mark being drawn; with gesturePlace
	// the last one follows the pointer.
	pts []mark.ImagePoint
	// last is the screen position of the last point placed; repeat is
	// set when the latest click fell on it (the second click of a
	// double click on one spot) and placed nothing.
	last   fyne.Position
	repeat bool
	// preview is drawn instead of the mark with its ID, or added.
	preview *mark.Annotation
	hitID   string
}

// markTool is the Tool of every pane: it draws, selects, moves and edits
// marks as the editor's mode says, and hands window/level, pan and zoom
// to the viewer's NavigateTool.
//
// Methods are called on the Fyne goroutine.
type markTool struct {
	ed  *markEditor
	nav *imageview.NavigateTool
	g   gesture
}

var (
	_ imageview.Tool          = (*markTool)(nil)
	_ imageview.HoverTool     = (*markTool)(nil)
	_ imageview.DoubleTapTool = (*markTool)(nil)
)

func dist(a, b fyne.Position) float64 {
	return math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y))
}

// Press implements Tool.
func (t *markTool) Press(v *imageview.ImageView, ev imageview.PointerEvent) {
	ed := t.ed
	p := ed.paneOf(v)
	if p == nil || p.in == nil || !v.HasImage() {
		t.g = gesture{kind: gestureNavigate}
		t.nav.Press(v, ev)
		return
	}
	if t.g.pane != nil && t.g.pane != p && t.g.kind == gesturePlace {
		t.Cancel()
	}
	switch {
	case t.g.kind == gestureWait:
		return // a dialog or text field is open for the mark just drawn
	case t.g.kind == gesturePlace:
		if ev.Button == desktop.MouseButtonPrimary {
			t.g.start, t.g.moved = ev.Position, false
			t.g.pts[len(t.g.pts)-1] = ed.imagePoint(p, ev.Position)
			t.updatePreview()
			return
		}
		t.nav.Press(v, ev) // pan or zoom while placing points
		return
	case ev.Button == desktop.MouseButtonSecondary:
		t.begin(gestureMenu, p, ev)
		if h, ok := ed.hit(p, ev.Position); ok {
			t.g.hitID = h.mark.ID
		}
		t.nav.Press(v, ev)
		return
	case ev.Button != desktop.MouseButtonPrimary || ev.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierShift) != 0:
		t.begin(gestureNavigate, p, ev)
		t.nav.Press(v, ev)
		return
	}
	mode := ed.mode
	if h, ok := ed.hit(p, ev.Position); ok && !h.calibration {
		selected := h.mark.ID == ed.selected
		switch {
		case mode == modeNavigate && (h.handle >= 0 || !isRegion(h.mark) || selected):
			t.grab(p, ev, h)
			return
		case mode != modeNavigate && selected && h.handle >= 0:
			t.grab(p, ev, h)
			return
		case mode == modeNavigate:
			// A region's inside belongs to window/level until the
			// region is selected.
			t.begin(gestureSelect, p, ev)
			t.g.hitID = h.mark.ID
			t.nav.Press(v, ev)
			return
		}
	}
	if mode == modeNavigate {
		t.begin(gestureNavigate, p, ev)
		t.nav.Press(v, ev)
		return
	}
	t.startDraw(p, ev)
}

// begin starts a gesture of kind in p.
func (t *markTool) begin(kind gestureKind, p *Pane, ev imageview.PointerEvent) {
	t.g = gesture{kind: kind, pane: p, mode: t.ed.mode, start: ev.Position}
}

// grab starts moving a mark or one of its handles.
func (t *markTool) grab(p *Pane, ev imageview.PointerEvent, h markHit) {
	p.pause()
	t.ed.Select(h.mark.ID)
	t.begin(gestureMove, p, ev)
	if h.handle >= 0 {
		t.g.kind = gestureHandle
	}
	t.g.mark, t.g.handle = h.mark, h.handle
	t.g.from = t.ed.imagePoint(p, ev.Position)
}

// startDraw starts drawing a mark with the current tool.
func (t *markTool) startDraw(p *Pane, ev imageview.PointerEvent) {
	p.pause()
	t.ed.Select("")
	ip := t.ed.imagePoint(p, ev.Position)
	t.begin(gestureDraw, p, ev)
	t.g.last = ev.Position
	switch t.ed.mode {
	case modeText, modePoint, modeFreehand:
		t.g.pts = []mark.ImagePoint{ip}
	case modeAngle, modePolygon:
		t.g.kind = gesturePlace
		t.g.pts = []mark.ImagePoint{ip, ip}
	default:
		t.g.pts = []mark.ImagePoint{ip, ip}
	}
	t.updatePreview()
}

// Drag implements Tool.
func (t *markTool) Drag(v *imageview.ImageView, ev imageview.PointerEvent) {
	t.ed.v.lens.Move(v, ev.Position)
	g := &t.g
	if dist(ev.Position, g.start) > clickSlop {
		g.moved = true
	}
	switch g.kind {
	case gestureMove, gestureHandle:
		if !g.moved {
			return
		}
		ip := t.ed.imagePoint(g.pane, ev.Position)
		var a mark.Annotation
		if g.kind == gestureMove {
			d := ip.Sub(g.from)
			a = g.mark.Move(d.X, d.Y)
		} else {
			a = g.mark.MoveHandle(g.handle, ip)
		}
		a = t.ed.measure(g.pane, a)
		g.preview = &a
		t.ed.refreshPane(g.pane)
	case gestureDraw:
		ip := t.ed.imagePoint(g.pane, ev.Position)
		switch g.mode {
		case modeText, modePoint:
			return
		case modeFreehand:
			if dist(ev.Position, g.last) < freehandStep {
				return
			}
			g.pts = append(g.pts, ip)
			g.last = ev.Position
		default:
			g.pts[len(g.pts)-1] = ip
		}
		t.updatePreview()
	case gesturePlace:
		if ev.Button != desktop.MouseButtonPrimary {
			t.nav.Drag(v, ev)
			return
		}
		g.pts[len(g.pts)-1] = t.ed.imagePoint(g.pane, ev.Position)
		t.updatePreview()
	case gestureWait:
	default:
		t.nav.Drag(v, ev)
	}
}

// Release implements Tool.
func (t *markTool) Release(v *imageview.ImageView, ev imageview.PointerEvent) {
	g := &t.g
	ed := t.ed
	switch g.kind {
	case gestureNavigate:
		t.nav.Release(v, ev)
		if !g.moved && ev.Button == desktop.MouseButtonPrimary && ev.Modifier == 0 && g.mode == modeNavigate {
			ed.Select("")
		}
		t.g = gesture{}
	case gestureSelect:
		t.nav.Release(v, ev)
		if !g.moved {
			ed.Select(g.hitID)
		}
		t.g = gesture{}
	case gestureMenu:
		t.nav.Release(v, ev)
		p, id, moved := g.pane, g.hitID, g.moved
		t.g = gesture{}
		switch {
		case moved:
		case id != "":
			ed.showMenu(p, ev.Position, id)
		default:
			ed.v.showTimingMenu(p, ev.Position) // the image's phase and T0
		}
	case gestureMove, gestureHandle:
		done := *g
		p, a, h := done.pane, done.mark, done.handle
		ip := ed.imagePoint(p, ev.Position)
		t.g = gesture{}
		switch {
		case !done.moved:
			ed.refreshPane(p)
		case done.kind == gestureMove:
			d := ip.Sub(done.from)
			ed.do(mark.MoveMark(a.ID, d.X, d.Y))
		default:
			ed.do(mark.EditHandle(a.ID, h, ip))
		}
	case gestureDraw:
		t.finishDraw(ev)
	case gesturePlace:
		if ev.Button != desktop.MouseButtonPrimary {
			t.nav.Release(v, ev)
			return
		}
		t.place(ev)
	}
}

// finishDraw ends a press-drag-release drawing.
func (t *markTool) finishDraw(ev imageview.PointerEvent) {
	g := &t.g
	ed := t.ed
	p, pts := g.pane, g.pts
	switch g.mode {
	case modeText:
		t.g.kind = gestureWait
		ed.v.b.Later(func() {
			ed.askLabel(p, ev.Position, "", lang.L("Text"), func(text string, ok bool) {
				t.g = gesture{}
				if ok && text != "" {
					ed.add(p, mark.ToolText, pts, text)
				} else {
					ed.refreshPane(p)
				}
			})
		})
		return
	case modePoint:
		t.g = gesture{}
		ed.add(p, mark.ToolPoint, pts, "")
		return
	}
	if !g.moved && g.mode != modeFreehand {
		t.Cancel() // a click: nothing drawn
		return
	}
	mode := g.mode
	switch mode {
	case modeArrow:
		t.g.kind = gestureWait
		ed.v.b.Later(func() {
			ed.askLabel(p, ev.Position, "", lang.L("Arrow text"), func(text string, ok bool) {
				t.g = gesture{}
				if ok {
					ed.add(p, mark.ToolArrow, pts, text)
				} else {
					ed.refreshPane(p)
				}
			})
		})
	case modeWindowRegion:
		t.g = gesture{}
		ed.v.windowFromRegion(p, pts[0], pts[1])
		ed.refreshPane(p)
	case modeCalibrate:
		t.g.kind = gestureWait
		ed.v.b.Later(func() {
			ed.askCalibration(p, pts[0], pts[1], func() {
				t.g = gesture{}
				ed.refreshPane(p)
			})
		})
	case modeFreehand:
		t.g = gesture{}
		if len(pts) < 3 {
			ed.refreshPane(p)
			return
		}
		ed.add(p, mark.ToolFreehand, pts, "")
	default:
		t.g = gesture{}
		ed.add(p, toolOf(mode).tool, pts, "")
	}
}

// place ends a click of a gesture that places points one at a time.
func (t *markTool) place(ev imageview.PointerEvent) {
	g := &t.g
	n := len(g.pts)
	far := dist(ev.Position, g.last) > clickSlop
	switch g.mode {
	case modeAngle:
		if !far {
			return // a click on the last point placed
		}
		if n == 3 {
			t.commitPlaced(g.pts)
			return
		}
		g.pts = append(g.pts, g.pts[n-1])
		g.last = ev.Position
	case modePolygon:
		first := g.pane.view.Transform().ImageToView(g.pts[0].X, g.pts[0].Y)
		if n > 3 && dist(ev.Position, first) <= closeRadius {
			t.ClosePolygon()
			return
		}
		if !far {
			g.repeat = true
			return
		}
		g.pts = append(g.pts, g.pts[n-1])
		g.last, g.repeat = ev.Position, false
	}
	t.updatePreview()
}

// ClosePolygon closes the polygon being drawn (Enter, a double click, a
// click on its first corner).
func (t *markTool) ClosePolygon() bool {
	g := &t.g
	if g.kind != gesturePlace || g.mode != modePolygon {
		return false
	}
	fixed := g.pts[:len(g.pts)-1]
	if len(fixed) < 3 {
		return true
	}
	t.commitPlaced(fixed)
	return true
}

// UndoPoint removes the last corner of the polygon being drawn
// (Backspace) and reports whether there was a polygon.
func (t *markTool) UndoPoint() bool {
	g := &t.g
	if g.kind != gesturePlace {
		return false
	}
	if len(g.pts) <= 2 {
		t.Cancel()
		return true
	}
	float := g.pts[len(g.pts)-1]
	g.pts = append(g.pts[:len(g.pts)-2], float)
	last := g.pts[len(g.pts)-2]
	g.last = g.pane.view.Transform().ImageToView(last.X, last.Y)
	t.updatePreview()
	return true
}

func (t *markTool) commitPlaced(pts []mark.ImagePoint) {
	p, mode := t.g.pane, t.g.mode
	t.g = gesture{}
	t.ed.add(p, toolOf(mode).tool, pts, "")
}

// Cancel drops the gesture in progress and reports whether there was
// one.
func (t *markTool) Cancel() bool {
	p, kind := t.g.pane, t.g.kind
	t.g = gesture{}
	if p != nil {
		t.ed.refreshPane(p)
	}
	return kind == gestureDraw || kind == gesturePlace || kind == gestureMove || kind == gestureHandle
}

// Busy reports whether a mark is being drawn or changed.
func (t *markTool) Busy() bool { return t.g.kind >= gestureMove }

// Scroll implements Tool: frames and images, or zoom (nav.go).
func (t *markTool) Scroll(v *imageview.ImageView, ev *fyne.ScrollEvent) {
	if !t.ed.v.wheel(t.ed.paneOf(v), ev) {
		t.nav.Scroll(v, ev)
	}
}

// Hover implements imageview.HoverTool: the next point of an angle or polygon
// follows the pointer.
func (t *markTool) Hover(v *imageview.ImageView, ev imageview.PointerEvent) {
	t.ed.v.lens.Move(v, ev.Position)
	g := &t.g
	if g.kind != gesturePlace || g.pane == nil || g.pane.view != v {
		return
	}
	g.pts[len(g.pts)-1] = t.ed.imagePoint(g.pane, ev.Position)
	t.updatePreview()
}

// DoubleTap implements imageview.DoubleTapTool: a double click closes a polygon,
// or edits the text of the mark under the pointer.
func (t *markTool) DoubleTap(v *imageview.ImageView, ev imageview.PointerEvent) {
	if t.g.kind == gesturePlace && t.g.mode == modePolygon {
		// Fyne reports any two clicks within its delay as a double click:
		// two quick clicks far apart are two corners, and only a second
		// click on the last corner (which placed nothing) closes.
		if t.g.repeat {
			t.ClosePolygon()
		}
		return
	}
	if t.g.kind != gestureNone {
		return
	}
	p := t.ed.paneOf(v)
	if p == nil {
		return
	}
	if h, ok := t.ed.hit(p, ev.Position); ok && !h.calibration {
		t.ed.Select(h.mark.ID)
		t.ed.v.b.Later(func() { t.ed.editLabel(p, h.mark.ID) })
	}
}

// updatePreview rebuilds the preview of the mark being drawn and shows it.
func (t *markTool) updatePreview() {
	g := &t.g
	if g.pane == nil {
		return
	}
	a, ok := t.previewMark()
	if ok {
		if g.mode != modeWindowRegion {
			a = t.ed.measure(g.pane, a)
		}
		g.preview = &a
	} else {
		g.preview = nil
	}
	t.ed.refreshPane(g.pane)
}

// previewID is the ID of the mark being drawn.
const previewID = "drawing"

// previewMark returns the mark being drawn as it is now.
func (t *markTool) previewMark() (mark.Annotation, bool) {
	g := &t.g
	ref := t.ed.imageRef(g.pane)
	pts := g.pts
	open := func(ps []mark.ImagePoint) (mark.Annotation, bool) {
		if len(ps) < 2 {
			return mark.Annotation{}, false
		}
		a := mark.Annotation{ID: previewID, Image: ref, GraphicType: mark.GraphicPolyline}
		for _, p := range ps {
			a.Points = append(a.Points, [2]float64{p.X, p.Y})
		}
		return a, true
	}
	var a mark.Annotation
	var err error
	switch g.mode {
	case modeText, modePoint:
		return mark.Annotation{}, false
	case modeFreehand:
		return open(pts)
	case modeAngle:
		if len(pts) < 3 {
			return open(pts)
		}
		a, err = mark.NewMark(mark.ToolAngle, ref, pts, "")
	case modePolygon:
		if len(pts) < 3 {
			return open(pts)
		}
		a, err = mark.NewMark(mark.ToolPolygon, ref, pts, "")
		if err != nil {
			return open(pts)
		}
	case modeCalibrate:
		a, err = mark.NewMark(mark.ToolLength, ref, pts, lang.L("Calibration reference"))
	case modeWindowRegion:
		a = wlpreset.Rectangle(pts[0], pts[len(pts)-1])
		a.Image = ref
	default:
		a, err = mark.NewMark(toolOf(g.mode).tool, ref, pts, "")
	}
	if err != nil {
		return mark.Annotation{}, false
	}
	a.ID = previewID
	return a, true
}

// isRegion reports whether a encloses an area whose inside the pointer
// can be over.
func isRegion(a mark.Annotation) bool {
	switch a.Tool {
	case mark.ToolEllipse, mark.ToolPolygon, mark.ToolFreehand:
		return true
	}
	return a.GraphicType == mark.GraphicEllipse || a.GraphicType == mark.GraphicCircle
}
