package imageview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// OutlineText draws lines of text with a dark outline so that they stay
// legible over any part of an image, bright or dark. It is the text of the
// image overlays (corner information, orientation letters, warnings).
// All methods must be called on the Fyne goroutine.
type OutlineText struct {
	widget.BaseWidget

	lines []string
	align fyne.TextAlign
	size  float32
	style fyne.TextStyle
	color color.Color
}

var _ fyne.Widget = (*OutlineText)(nil)

func NewOutlineText(align fyne.TextAlign, size float32, c color.Color, style fyne.TextStyle) *OutlineText {
	t := &OutlineText{align: align, size: size, color: c, style: style}
	t.ExtendBaseWidget(t)
	return t
}

// SetLines replaces the text; it refreshes only when the text changed.
func (t *OutlineText) SetLines(lines ...string) {
	if equalLines(t.lines, lines) {
		return
	}
	t.lines = append(t.lines[:0], lines...)
	t.Refresh()
}

// SetColor changes the text colour.
func (t *OutlineText) SetColor(c color.Color) {
	t.color = c
	t.Refresh()
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (t *OutlineText) CreateRenderer() fyne.WidgetRenderer {
	r := &outlineTextRenderer{t: t}
	r.update()
	return r
}

// Outline offsets, in Fyne units: a dark copy of the text in eight
// directions reads over bright film borders as well as dark fields.
var outlineOffsets = [...]fyne.Position{
	{X: -1, Y: -1}, {X: 0, Y: -1}, {X: 1, Y: -1},
	{X: -1, Y: 0}, {X: 1, Y: 0},
	{X: -1, Y: 1}, {X: 0, Y: 1}, {X: 1, Y: 1},
}

var outlineColour = color.NRGBA{0, 0, 0, 0xe0}

type outlineTextRenderer struct {
	t *OutlineText
	// per line: len(outlineOffsets) outline texts, then the text itself
	texts   [][]*canvas.Text
	objects []fyne.CanvasObject
}

var _ fyne.WidgetRenderer = (*outlineTextRenderer)(nil)

func (r *outlineTextRenderer) lineHeight() float32 {
	return fyne.MeasureText("Mg", r.t.size, r.t.style).Height
}

func (r *outlineTextRenderer) update() {
	t := r.t
	for len(r.texts) < len(t.lines) {
		var line []*canvas.Text
		for range outlineOffsets {
			line = append(line, &canvas.Text{Color: outlineColour})
		}
		line = append(line, &canvas.Text{})
		r.texts = append(r.texts, line)
	}
	r.texts = r.texts[:len(t.lines)]
	r.objects = r.objects[:0]
	for i, line := range r.texts {
		for k, c := range line {
			c.Text, c.TextSize, c.TextStyle = t.lines[i], t.size, t.style
			if k == len(line)-1 {
				c.Color = t.color
			}
			r.objects = append(r.objects, c)
		}
	}
}

func (r *outlineTextRenderer) Layout(size fyne.Size) {
	h := r.lineHeight()
	for i, line := range r.texts {
		w := line[0].MinSize().Width
		x := float32(1)
		switch r.t.align {
		case fyne.TextAlignTrailing:
			x = size.Width - w - 1
		case fyne.TextAlignCenter:
			x = (size.Width - w) / 2
		}
		y := float32(i)*h + 1
		for k, c := range line {
			p := fyne.NewPos(x, y)
			if k < len(outlineOffsets) {
				p = p.Add(outlineOffsets[k])
			}
			c.Move(p)
			c.Resize(fyne.NewSize(w, h))
		}
	}
}

func (r *outlineTextRenderer) MinSize() fyne.Size {
	var w float32
	for _, l := range r.t.lines {
		w = max(w, fyne.MeasureText(l, r.t.size, r.t.style).Width)
	}
	return fyne.NewSize(w+2, float32(len(r.t.lines))*r.lineHeight()+2)
}

func (r *outlineTextRenderer) Refresh() {
	r.update()
	r.Layout(r.t.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *outlineTextRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *outlineTextRenderer) Destroy() {}
