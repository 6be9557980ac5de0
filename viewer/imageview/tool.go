package imageview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/hsgview/hsgview/viewer/i18n"
)

// PointerEvent is pointer input over an [ImageView], in view coordinates
// (convert with [ImageView.Transform]).
type PointerEvent struct {
	Position fyne.Position
	Delta    fyne.Delta // movement since the previous Drag (zero for Press and Release)
	Button   desktop.MouseButton
	Modifier fyne.KeyModifier
}

// A Tool interprets pointer input over an ImageView: the default
// [NavigateTool] windows, pans and zooms; measurement and annotation tools
// plug in the same way ([ImageView.SetTool]) and draw into
// [ImageView.Overlay].
//
// Methods are called on the Fyne goroutine. A drag is Press, Drag…,
// Release; Press may be missing when the platform reports a drag without
// a button press (then Button is primary).
type Tool interface {
	Press(v *ImageView, ev PointerEvent)
	Drag(v *ImageView, ev PointerEvent)
	Release(v *ImageView, ev PointerEvent)
	Scroll(v *ImageView, ev *fyne.ScrollEvent)
}

// DragMode is what dragging with the primary button does in the
// [NavigateTool].
type DragMode int

const (
	DragWindow DragMode = iota // window/level: horizontal = width, vertical = level
	DragPan
	DragZoom
)

func (m DragMode) String() string {
	switch m {
	case DragPan:
		return i18n.K("Pan")
	case DragZoom:
		return i18n.K("Zoom")
	}
	return i18n.K("W/L")
}

// NavigateTool is the default tool. The primary button does Primary
// (window/level unless chosen otherwise); the middle button, or the
// primary with Ctrl, pans; the secondary button, or the primary with
// Shift, zooms (up = in); the wheel zooms about the pointer.
type NavigateTool struct {
	Primary DragMode
}

var _ Tool = (*NavigateTool)(nil)

func (t *NavigateTool) mode(ev PointerEvent) DragMode {
	switch {
	case ev.Button == desktop.MouseButtonTertiary:
		return DragPan
	case ev.Button == desktop.MouseButtonSecondary:
		return DragZoom
	case ev.Modifier&fyne.KeyModifierControl != 0:
		return DragPan
	case ev.Modifier&fyne.KeyModifierShift != 0:
		return DragZoom
	}
	return t.Primary
}

// Press implements Tool.
func (t *NavigateTool) Press(v *ImageView, ev PointerEvent) {
	v.zoomAnchor = ev.Position
}

// Drag implements Tool.
func (t *NavigateTool) Drag(v *ImageView, ev PointerEvent) {
	switch t.mode(ev) {
	case DragWindow:
		v.AdjustWindow(ev.Delta)
	case DragPan:
		v.PanBy(ev.Delta)
	case DragZoom:
		// 100 units up doubles the zoom, about where the drag started.
		v.ZoomBy(math.Exp2(-float64(ev.Delta.DY)/100), v.zoomAnchor)
	}
}

// Release implements Tool.
func (t *NavigateTool) Release(*ImageView, PointerEvent) {}

// Scroll implements Tool: one wheel notch (10 units in Fyne's desktop
// drivers) zooms by about 15 %.
func (t *NavigateTool) Scroll(v *ImageView, ev *fyne.ScrollEvent) {
	d := ev.Scrolled.DY
	if d == 0 {
		return
	}
	v.ZoomBy(math.Exp2(float64(d)/50), ev.Position)
}

// HoverTool is a Tool that follows the pointer while no button is
// pressed (a polygon's next side).
type HoverTool interface {
	Hover(v *ImageView, ev PointerEvent)
}

// DoubleTapTool is a Tool that takes double clicks.
type DoubleTapTool interface {
	DoubleTap(v *ImageView, ev PointerEvent)
}
