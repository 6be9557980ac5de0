package imageview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview/cornertext"
)

// OverlayInfo is the text shown in the corners of an [ImageView], each
// corner's lines top to bottom. The view adds its own lines to the
// bottom-left corner: window/level, zoom and the pixel value under the
// pointer. In a narrow or low pane lines are shortened and the least
// important go (see package cornertext).
type OverlayInfo struct {
	TopLeft, TopRight, BottomLeft, BottomRight []OverlayLine
}

// An OverlayLine is a line of corner text with its priority and shorter
// forms.
type OverlayLine = cornertext.Line

// Priorities of overlay lines.
const (
	PriorityLow    = cornertext.Low
	PriorityNormal = cornertext.Normal
	PriorityHigh   = cornertext.High
	PriorityKeep   = cornertext.Keep
)

// Line returns an overlay line of priority p with shorter forms short,
// longest first.
func Line(p cornertext.Priority, text string, short ...string) OverlayLine {
	return cornertext.L(p, text, short...)
}

// Texts returns the full texts of lines.
func Texts(lines []OverlayLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

// TextRects returns where the view's text is (each line of corner text,
// the orientation letters, the warning), in device pixels (view units
// times the canvas scale), for mark labels to keep clear of.
func (v *ImageView) TextRects() []image.Rectangle {
	k := float64(v.canvasScale())
	out := make([]image.Rectangle, 0, len(v.textBoxes))
	for _, b := range v.textBoxes {
		px := func(v float32) int { return int(math.Round(float64(v) * k)) }
		out = append(out, image.Rect(px(b.X0), px(b.Y0), px(b.X1), px(b.Y1)))
	}
	return out
}

// AddTextListener registers fn to be called when the view's text takes
// room it did not take before (a line added or longer, a letter moved),
// so that mark labels keep clear of it (see TextRects).
func (v *ImageView) AddTextListener(fn func()) { v.textMoved = append(v.textMoved, fn) }

// covered reports whether every box of boxes lies within one of old.
func covered(boxes, old []cornertext.Rect) bool {
	for _, b := range boxes {
		in := false
		for _, o := range old {
			in = in || (b.X0 >= o.X0 && b.Y0 >= o.Y0 && b.X1 <= o.X1 && b.Y1 <= o.Y1)
		}
		if !in {
			return false
		}
	}
	return true
}

// CornerText returns the lines of corner text as shown (shortened in a
// narrow pane), top-left, top-right, bottom-left, bottom-right.
func (v *ImageView) CornerText() [4][]string {
	var out [4][]string
	for i, c := range v.shownCorners {
		out[i] = slices.Clone(c)
	}
	return out
}

// The room between overlay text and the view's edges, and between two
// overlay texts, in Fyne units.
const (
	textMargin = 4
	textGap    = 6
)

// appendBox adds the box of o's text, if it has any, to boxes.
func appendBox(boxes []cornertext.Rect, o *OutlineText) []cornertext.Rect {
	sz := o.MinSize()
	if len(o.lines) == 0 || sz.Width <= 2 || sz.Height <= 2 {
		return boxes
	}
	p := o.Position()
	// The text lies one unit in from the widget's box.
	return append(boxes, cornertext.Rect{X0: p.X + 1, Y0: p.Y + 1, X1: p.X + sz.Width - 1, Y1: p.Y + sz.Height - 1})
}

// cornerLines returns the lines of the four corners: the overlay
// information, and in the bottom-left corner the window, zoom and pixel
// readout.
func (v *ImageView) cornerLines() [4][]OverlayLine {
	bl := slices.Clone(v.info.BottomLeft)
	if v.img != nil {
		if v.hasVOI {
			bl = append(bl, Line(PriorityNormal, windowText(v.voi)+invertedNote(v.invert)))
		}
		bl = append(bl, Line(PriorityLow, fmt.Sprintf(lang.L("Zoom %s%%"), l10n.Number(v.Zoom()*100, 0, i18n.Lang()))))
		if v.probe != "" {
			bl = append(bl, Line(PriorityNormal, v.probe))
		}
	}
	return [4][]OverlayLine{v.info.TopLeft, v.info.TopRight, bl, v.info.BottomRight}
}

// layoutText places the orientation letters at the middle of the edges,
// the warning under the top corners, and the corner lines that fit
// around them (see package cornertext), and records where all of them
// are.
func (r *imageViewRenderer) layoutText(size fyne.Size, place func(o fyne.CanvasObject, x, y float32)) {
	v := r.v
	// The corners give way to the letters.
	const m = textMargin
	e := r.edges
	place(e[0], m, (size.Height-e[0].MinSize().Height)/2)
	place(e[1], size.Width-e[1].MinSize().Width-m, (size.Height-e[1].MinSize().Height)/2)
	place(e[2], (size.Width-e[2].MinSize().Width)/2, m)
	place(e[3], (size.Width-e[3].MinSize().Width)/2, size.Height-e[3].MinSize().Height-m)
	old := v.textBoxes
	v.textBoxes = nil
	for _, o := range e {
		v.textBoxes = appendBox(v.textBoxes, o)
	}
	lh := r.corners[0].lineHeight()
	lay := cornertext.Layout{Width: size.Width, Height: size.Height, Margin: m, Gap: textGap, LineHeight: lh,
		Measure:   func(s string) float32 { return fyne.MeasureText(s, overlayTextSize, fyne.TextStyle{}).Width },
		Obstacles: v.textBoxes}
	placed := lay.Place(r.lines)
	if len(r.warning.lines) > 0 {
		// The warning goes under the top corners, and the bottom ones
		// give way to it.
		var rows float32
		for _, p := range placed {
			if p.Corner == cornertext.TopLeft || p.Corner == cornertext.TopRight {
				rows = max(rows, p.Box.Y1)
			}
		}
		place(r.warning, (size.Width-r.warning.MinSize().Width)/2, max(rows, m)+textGap)
		v.textBoxes = appendBox(v.textBoxes, r.warning)
		lay.Obstacles = v.textBoxes
		placed = lay.Place(r.lines)
	} else {
		place(r.warning, 0, 0)
	}
	var shown [4][]string
	var first [4]float32 // the top of each corner's first line
	for _, p := range placed {
		if len(shown[p.Corner]) == 0 {
			first[p.Corner] = p.Box.Y0
		}
		shown[p.Corner] = append(shown[p.Corner], p.Text)
		v.textBoxes = append(v.textBoxes, p.Box)
	}
	v.shownCorners = shown
	if !covered(v.textBoxes, old) {
		for _, fn := range v.textMoved {
			fn()
		}
	}
	for i, c := range r.corners {
		c.SetLines(shown[i]...)
		// The outline text sets its lines one unit in from its box.
		x := float32(m - 1)
		if i == 1 || i == 3 {
			x = size.Width - m + 1 - c.MinSize().Width
		}
		place(c, x, first[i]-1)
	}
}

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

func (r *outlineTextRenderer) lineHeight() float32 { return r.t.lineHeight() }

// lineHeight is the distance between the lines of t.
func (t *OutlineText) lineHeight() float32 {
	return fyne.MeasureText("Mg", t.size, t.style).Height
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
