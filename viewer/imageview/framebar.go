package imageview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FrameBar is a slim frame slider for multi-frame images: tap or drag to
// pick a frame. Unlike widget.Slider it never takes the keyboard focus, so
// the arrow keys keep stepping frames in the pane.
// All methods must be called on the Fyne goroutine.
type FrameBar struct {
	widget.BaseWidget

	// OnChanged is called with the frame (0-based) the user picked.
	OnChanged func(frame int)

	frames  int
	current int
}

var (
	_ fyne.Widget    = (*FrameBar)(nil)
	_ fyne.Tappable  = (*FrameBar)(nil)
	_ fyne.Draggable = (*FrameBar)(nil)
)

// NewFrameBar returns a bar for frames frames.
func NewFrameBar(frames int) *FrameBar {
	b := &FrameBar{frames: frames}
	b.ExtendBaseWidget(b)
	return b
}

// SetFrames sets the number of frames and the current frame.
func (b *FrameBar) SetFrames(frames, current int) {
	if b.frames == frames && b.current == current {
		return
	}
	b.frames, b.current = frames, current
	b.Refresh()
}

// SetCurrent moves the marker to frame (0-based).
func (b *FrameBar) SetCurrent(frame int) {
	if b.current == frame {
		return
	}
	b.current = frame
	b.Refresh()
}

// Current returns the marked frame.
func (b *FrameBar) Current() int { return b.current }

func (b *FrameBar) frameAt(x float32) int {
	w := b.Size().Width
	if b.frames <= 1 || w <= 0 {
		return 0
	}
	f := int(math.Floor(float64(x / w * float32(b.frames))))
	return max(0, min(b.frames-1, f))
}

func (b *FrameBar) pick(x float32) {
	f := b.frameAt(x)
	if f == b.current {
		return
	}
	b.SetCurrent(f)
	if b.OnChanged != nil {
		b.OnChanged(f)
	}
}

// Tapped implements fyne.Tappable.
func (b *FrameBar) Tapped(ev *fyne.PointEvent) { b.pick(ev.Position.X) }

// Dragged implements fyne.Draggable.
func (b *FrameBar) Dragged(ev *fyne.DragEvent) { b.pick(ev.Position.X) }

// DragEnd implements fyne.Draggable.
func (b *FrameBar) DragEnd() {}

// CreateRenderer implements fyne.Widget.
func (b *FrameBar) CreateRenderer() fyne.WidgetRenderer {
	r := &frameBarRenderer{b: b,
		track:  canvas.NewRectangle(color.Transparent),
		played: canvas.NewRectangle(color.Transparent),
		marker: canvas.NewRectangle(color.Transparent),
	}
	r.objects = []fyne.CanvasObject{r.track, r.played, r.marker}
	r.Refresh()
	return r
}

type frameBarRenderer struct {
	b                     *FrameBar
	track, played, marker *canvas.Rectangle
	objects               []fyne.CanvasObject
}

var _ fyne.WidgetRenderer = (*frameBarRenderer)(nil)

const frameBarHeight = 14

func (r *frameBarRenderer) Layout(size fyne.Size) {
	const th = 4 // track thickness
	y := (size.Height - th) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, th))
	n := max(r.b.frames, 1)
	cell := size.Width / float32(n)
	x := cell * float32(r.b.current)
	r.played.Move(fyne.NewPos(0, y))
	r.played.Resize(fyne.NewSize(x+cell/2, th))
	mw := min(max(cell, 4), 8)
	r.marker.Move(fyne.NewPos(x+cell/2-mw/2, 1))
	r.marker.Resize(fyne.NewSize(mw, size.Height-2))
}

func (r *frameBarRenderer) MinSize() fyne.Size { return fyne.NewSize(60, frameBarHeight) }

func (r *frameBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.track.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.track.StrokeWidth = 1
	r.played.FillColor = theme.Color(theme.ColorNamePrimary)
	r.marker.FillColor = theme.Color(theme.ColorNameForeground)
	r.marker.CornerRadius = 2
	r.Layout(r.b.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *frameBarRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *frameBarRenderer) Destroy() {}
