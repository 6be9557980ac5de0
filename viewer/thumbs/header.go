package thumbs

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Header heads a series group in the strip: "S2 · HSG spot" and
// "RF · 4 images", shortened to the strip's width; the series in full
// shows as a tip while the pointer rests on it.
type Header struct {
	widget.BaseWidget
	group Group
	width float32
	tips  *Tips
}

var _ desktop.Hoverable = (*Header)(nil)

// NewHeader returns the header of g, width units wide, its tip shown in
// tips (nil for none).
func NewHeader(g Group, width float32, tips *Tips) *Header {
	h := &Header{group: g, width: width, tips: tips}
	h.ExtendBaseWidget(h)
	return h
}

// Group returns the series group headed.
func (h *Header) Group() Group { return h.group }

// MouseIn implements desktop.Hoverable: the tip shows.
func (h *Header) MouseIn(*desktop.MouseEvent) {
	if h.tips != nil {
		h.tips.ShowFor(h, h.group.TipLines())
	}
}

// MouseMoved implements desktop.Hoverable.
func (h *Header) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable: the tip goes.
func (h *Header) MouseOut() {
	if h.tips != nil {
		h.tips.HideFor(h)
	}
}

const (
	headerPad   = 4
	titleSize   = 12
	subtitleSiz = 10.5
)

// CreateRenderer implements fyne.Widget.
func (h *Header) CreateRenderer() fyne.WidgetRenderer {
	r := &headerRenderer{h: h,
		bar:   canvas.NewRectangle(color.Transparent),
		title: canvas.NewText("", color.White),
		sub:   canvas.NewText("", color.White),
	}
	r.title.TextStyle.Bold = true
	r.title.TextSize, r.sub.TextSize = titleSize, subtitleSiz
	r.Refresh()
	return r
}

type headerRenderer struct {
	h          *Header
	bar        *canvas.Rectangle
	title, sub *canvas.Text
}

func (r *headerRenderer) Layout(size fyne.Size) {
	r.bar.Move(fyne.NewPos(0, 0))
	r.bar.Resize(fyne.NewSize(3, size.Height-2))
	r.title.Move(fyne.NewPos(headerPad+3, 1))
	r.sub.Move(fyne.NewPos(headerPad+3, 1+titleSize+4))
}

func (r *headerRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.h.width, titleSize+subtitleSiz+12)
}

func (r *headerRenderer) Refresh() {
	g := r.h.group
	w := r.h.width - 2*headerPad - 3
	r.bar.FillColor = theme.Color(theme.ColorNamePrimary)
	r.title.Text = Ellipsize(g.Title(), w, titleSize, r.title.TextStyle)
	r.title.Color = theme.Color(theme.ColorNameForeground)
	r.sub.Text = Ellipsize(g.Subtitle(), w, subtitleSiz, r.sub.TextStyle)
	r.sub.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.Layout(r.h.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *headerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bar, r.title, r.sub}
}

func (r *headerRenderer) Destroy() {}

// Ellipsize shortens s with "…" to fit width at size and style.
func Ellipsize(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if fyne.MeasureText(string(r)+"…", size, style).Width <= width {
			break
		}
	}
	return string(r) + "…"
}
