package mark

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/font"
)

// BurnOptions control how [Burn] draws marks.
type BurnOptions struct {
	// View maps image pixels to the pixels of the destination, whose
	// top-left corner is screen point (0, 0). The zero value draws at the
	// image's native size.
	View ViewTransform
	// LineWidth is the width of lines in destination pixels; 0 picks one
	// from the destination's size, at least 2. A dark outline half as
	// wide lies on each side, so marks read on black and on white.
	LineWidth float64
	// FontSize is the size of text in destination pixels; 0 picks one from
	// the destination's size.
	FontSize float64
	// Color is the colour of the marks and their text; the zero value is
	// a bright yellow.
	Color color.RGBA
	// Selected is the ID of a mark to draw in SelectedColor (zero: cyan)
	// with its handles, as an editor shows the mark being edited.
	Selected      string
	SelectedColor color.RGBA
	// Avoid are areas of the destination that labels keep clear of when
	// they can, as they keep clear of each other: a viewer's corner text.
	Avoid []image.Rectangle
	// Lang is the language of the measurements' text ("en", "ru"; see
	// [Annotation.MeasurementTextIn]); English when empty.
	Lang string
}

// Colours of marks.
var (
	markColor     = color.RGBA{255, 214, 0, 255}
	selectedColor = color.RGBA{0, 214, 255, 255}
	outlineColor  = color.RGBA{0, 0, 0, 190} // premultiplied
	BackingColor  = color.RGBA{0, 0, 0, 165}
)

// A Placed says where [Burn] drew the text of a mark, for hit testing
// labels on screen.
type Placed struct {
	ID string
	// Label is the box of the mark's text in destination pixels; empty
	// when the mark has no text.
	Label image.Rectangle
}

// LabelAt returns the ID of the mark whose label box, as Burn placed it,
// holds screen point s (the one drawn last when boxes overlap), or "".
// It completes [HitTest], which knows nothing of text sizes.
func LabelAt(placed []Placed, s ScreenPoint) string {
	for i := len(placed) - 1; i >= 0; i-- {
		r := placed[i].Label
		if s.X >= float64(r.Min.X) && s.X < float64(r.Max.X) && s.Y >= float64(r.Min.Y) && s.Y < float64(r.Max.Y) {
			return placed[i].ID
		}
	}
	return ""
}

// Burn draws marks on dst through opt.View: anti-aliased lines with a
// dark outline, arrow heads, ticks at the ends of a length, the arc of an
// angle, and each mark's label and measurement (with its source, see
// [Annotation.MeasurementTextIn], in opt.Lang) in a box placed next to it, clear of the
// other boxes where possible. Text stays upright whatever the view's
// rotation. Pass the marks of one image and frame (see [OnFrame]); marks
// whose points make no shape are skipped.
//
// Burn returns where it drew each mark's text.
func Burn(dst *image.RGBA, anns []Annotation, opt BurnOptions) []Placed {
	b := newBurner(dst, opt)
	b.taken = append(b.taken, opt.Avoid...)
	figs := make([]figure, len(anns))
	for i := range anns {
		figs[i] = b.figure(&anns[i])
		b.paint(figs[i], b.selected(&anns[i]))
	}
	// Labels keep clear of other labels and, where they can, of the
	// other marks.
	boxes := make([]image.Rectangle, len(figs))
	for i, f := range figs {
		boxes[i] = f.bounds().Inset(-int(math.Ceil(b.lw)))
	}
	placed := make([]Placed, 0, len(anns))
	for i := range anns {
		b.avoid = b.avoid[:0]
		for j, r := range boxes {
			if (j != i || figs[i].clearOwn) && !r.Empty() {
				b.avoid = append(b.avoid, r)
			}
		}
		placed = append(placed, Placed{ID: anns[i].ID, Label: b.label(&anns[i], figs[i])})
	}
	// The handles of the selected mark go on top of everything.
	for i := range anns {
		if b.selected(&anns[i]) {
			b.handles(&anns[i])
		}
	}
	return placed
}

// burner holds the state of one Burn call.
type burner struct {
	dst           *image.RGBA
	opt           BurnOptions
	pt            painter
	lw, ow, fs    float64 // line width, outline width, font size
	color, selCol color.RGBA
	face          font.Face         // made on first use
	taken         []image.Rectangle // labels drawn
	avoid         []image.Rectangle // other marks
	offset        ScreenPoint
}

// defaultSizes returns the line width and font size for an output whose
// shorter side is short pixels.
func DefaultSizes(short int) (lw, fs float64) {
	lw = max(2, float64(short)/500)
	fs = max(13, min(48, float64(short)/52))
	return lw, fs
}

func newBurner(dst *image.RGBA, opt BurnOptions) *burner {
	b := &burner{dst: dst, opt: opt, pt: painter{dst: dst}, color: opt.Color, selCol: opt.SelectedColor}
	r := dst.Bounds()
	b.offset = ScreenPoint{float64(r.Min.X), float64(r.Min.Y)}
	b.lw, b.fs = DefaultSizes(min(r.Dx(), r.Dy()))
	if Positive(opt.LineWidth) {
		b.lw = opt.LineWidth
	}
	if Positive(opt.FontSize) {
		b.fs = opt.FontSize
	}
	b.ow = max(1, b.lw/2)
	if b.color == (color.RGBA{}) {
		b.color = markColor
	}
	if b.selCol == (color.RGBA{}) {
		b.selCol = selectedColor
	}
	return b
}

// selected reports whether a is the selected mark.
func (b *burner) selected(a *Annotation) bool { return b.opt.Selected != "" && a.ID == b.opt.Selected }

// scr maps an image point to destination pixels.
func (b *burner) scr(p ImagePoint) ScreenPoint {
	q := b.opt.View.ToScreen(p)
	return ScreenPoint{q.X + b.offset.X, q.Y + b.offset.Y}
}

// A figure is a mark's geometry on screen: lines to stroke and solid
// shapes to fill, and where its label goes.
type figure struct {
	paths  []path
	solids []poly
	// The label goes next to the box lo–hi (a point for most marks,
	// the box around an outline), gap pixels away, towards dir (a unit
	// vector) if it fits; a text mark's label is at anchor exactly.
	anchor, dir ScreenPoint
	lo, hi      ScreenPoint
	gap         float64
	atAnchor    bool
	// clearOwn keeps the label off the mark's own box: for marks whose
	// anchor is on the edge of that box.
	clearOwn bool
	ok       bool
}

type path struct {
	pts    []ScreenPoint
	closed bool
}

func unit(x, y float64) (ScreenPoint, bool) {
	l := math.Hypot(x, y)
	if !(l > 1e-9) || math.IsInf(l, 0) {
		return ScreenPoint{1, 0}, false
	}
	return ScreenPoint{x / l, y / l}, true
}

func (b *burner) figure(a *Annotation) figure {
	ps := a.points()
	for _, p := range ps {
		if !p.finite() {
			return figure{}
		}
	}
	sp := make([]ScreenPoint, len(ps))
	for i, p := range ps {
		sp[i] = b.scr(p)
	}
	f := figure{ok: true, dir: ScreenPoint{1, 0}, gap: 2*b.lw + 3, clearOwn: true}
	switch shapeOf(a) {
	case shapeNone:
		return figure{}
	case shapeText:
		f.anchor, f.atAnchor = sp[0], true
	case shapePoint, shapeMultipoint:
		f.clearOwn = false
		r := max(5, 2.5*b.lw)
		for _, c := range sp {
			f.paths = append(f.paths, path{pts: disc(c, r), closed: true})
			f.solids = append(f.solids, disc(c, max(1.2, b.lw*0.7)))
		}
		f.anchor, f.gap = sp[0], r+b.lw+3
	case shapeArrow:
		head, tail := sp[0], sp[1]
		u, ok := unit(head.X-tail.X, head.Y-tail.Y)
		l := math.Hypot(head.X-tail.X, head.Y-tail.Y)
		if !ok {
			f.solids = append(f.solids, disc(head, 2*b.lw))
		} else {
			hl := min(max(12, 5*b.lw), 0.6*l)
			hw := hl * 0.8
			n := ScreenPoint{-u.Y, u.X}
			base := ScreenPoint{head.X - u.X*hl, head.Y - u.Y*hl}
			f.solids = append(f.solids, poly{head,
				{base.X + n.X*hw/2, base.Y + n.Y*hw/2}, {base.X - n.X*hw/2, base.Y - n.Y*hw/2}})
			shaftEnd := ScreenPoint{head.X - u.X*hl*0.8, head.Y - u.Y*hl*0.8}
			f.paths = append(f.paths, path{pts: []ScreenPoint{tail, shaftEnd}})
		}
		f.anchor = tail
		f.dir = ScreenPoint{-u.X, -u.Y}
	case shapeLength:
		p, q := sp[0], sp[1]
		f.paths = append(f.paths, path{pts: []ScreenPoint{p, q}})
		u, ok := unit(q.X-p.X, q.Y-p.Y)
		tick := 3*b.lw + 2
		if ok {
			n := ScreenPoint{-u.Y * tick, u.X * tick}
			for _, e := range []ScreenPoint{p, q} {
				f.paths = append(f.paths, path{pts: []ScreenPoint{{e.X - n.X, e.Y - n.Y}, {e.X + n.X, e.Y + n.Y}}})
			}
		}
		// The label goes beyond the end further right (or lower).
		if q.X < p.X || (q.X == p.X && q.Y < p.Y) {
			p, q = q, p
		}
		f.anchor = q
		f.dir, _ = unit(q.X-p.X, q.Y-p.Y)
		f.gap = tick + 3
	case shapeAngle:
		f.clearOwn = false
		v := sp[1]
		f.paths = append(f.paths, path{pts: []ScreenPoint{sp[0], v, sp[2]}})
		u1, ok1 := unit(sp[0].X-v.X, sp[0].Y-v.Y)
		u2, ok2 := unit(sp[2].X-v.X, sp[2].Y-v.Y)
		if ok1 && ok2 {
			l := min(math.Hypot(sp[0].X-v.X, sp[0].Y-v.Y), math.Hypot(sp[2].X-v.X, sp[2].Y-v.Y))
			r := max(6, min(40, 0.3*l))
			t1, t2 := math.Atan2(u1.Y, u1.X), math.Atan2(u2.Y, u2.X)
			d := math.Remainder(t2-t1, 2*math.Pi) // the short way round
			n := max(4, int(math.Abs(d)*r/3))
			arc := make([]ScreenPoint, n+1)
			for i := range arc {
				s, c := math.Sincos(t1 + d*float64(i)/float64(n))
				arc[i] = ScreenPoint{v.X + r*c, v.Y + r*s}
			}
			f.paths = append(f.paths, path{pts: arc})
			if dir, ok := unit(-(u1.X + u2.X), -(u1.Y + u2.Y)); ok {
				f.dir = dir
			} else {
				f.dir = ScreenPoint{-u1.Y, u1.X}
			}
		}
		f.anchor = v
	case shapeEllipse:
		e, ok := ellipseOf(a.GraphicType, ps)
		if !ok {
			return figure{}
		}
		// Sample the outline densely enough on screen.
		k := b.opt.View.Scale()
		n := max(24, min(720, int(2*math.Pi*max(e.A, e.B)*k/3)))
		out := make([]ScreenPoint, n)
		for i := range out {
			out[i] = b.scr(e.at(2 * math.Pi * float64(i) / float64(n)))
		}
		f.paths = append(f.paths, path{pts: out, closed: true})
		f.lo, f.hi = boxOf(out)
		f.anchor = f.lo
	case shapePolygon, shapeFreehand:
		ring := sp[:len(sp)-1]
		f.paths = append(f.paths, path{pts: ring, closed: true})
		f.lo, f.hi = boxOf(ring)
		f.anchor = f.lo
	default: // an open polyline
		f.paths = append(f.paths, path{pts: sp})
		f.lo, f.hi = boxOf(sp)
		f.anchor = f.lo
	}
	if f.lo == f.hi {
		f.lo, f.hi = f.anchor, f.anchor
	}
	return f
}

// bounds returns the box around the figure's lines and solids.
func (f figure) bounds() image.Rectangle {
	if !f.ok {
		return image.Rectangle{}
	}
	lo := ScreenPoint{math.Inf(1), math.Inf(1)}
	hi := ScreenPoint{math.Inf(-1), math.Inf(-1)}
	add := func(ps []ScreenPoint) {
		for _, p := range ps {
			lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
			hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
		}
	}
	for _, p := range f.paths {
		add(p.pts)
	}
	for _, s := range f.solids {
		add(s)
	}
	if !(lo.X <= hi.X) {
		return image.Rectangle{}
	}
	const far = 1 << 24
	return image.Rect(int(math.Floor(max(lo.X, -far))), int(math.Floor(max(lo.Y, -far))),
		int(math.Ceil(min(hi.X, far))), int(math.Ceil(min(hi.Y, far))))
}

// boxOf returns the corners of the box around ps.
func boxOf(ps []ScreenPoint) (lo, hi ScreenPoint) {
	lo, hi = ps[0], ps[0]
	for _, p := range ps {
		lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
		hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
	}
	return lo, hi
}

// paint draws a figure: its dark outline, then the bright mark.
func (b *burner) paint(f figure, selected bool) {
	if !f.ok {
		return
	}
	col := b.color
	if selected {
		col = b.selCol
	}
	var dark, bright []poly
	for _, p := range f.paths {
		dark = append(dark, stroke(p.pts, b.lw+2*b.ow, p.closed)...)
		bright = append(bright, stroke(p.pts, b.lw, p.closed)...)
	}
	for _, s := range f.solids {
		dark = append(dark, s)
		dark = append(dark, stroke(s, 2*b.ow, true)...)
		bright = append(bright, s)
	}
	b.pt.fill(dark, outlineColor)
	b.pt.fill(bright, col)
}

// handles draws the handles of a selected mark as small squares.
func (b *burner) handles(a *Annotation) {
	s := 1.5*b.lw + 2.5
	for _, h := range a.Handles() {
		if !h.finite() {
			continue
		}
		c := b.scr(h)
		sq := poly{{c.X - s, c.Y - s}, {c.X + s, c.Y - s}, {c.X + s, c.Y + s}, {c.X - s, c.Y + s}}
		b.pt.fill(append([]poly{sq}, stroke(sq, 2*b.ow, true)...), outlineColor)
		b.pt.fill([]poly{sq}, b.selCol)
	}
}

// label draws the text of a mark and returns its box.
func (b *burner) label(a *Annotation, f figure) image.Rectangle {
	if !f.ok {
		return image.Rectangle{}
	}
	lines := splitLines(a.Label)
	lines = append(lines, a.MeasurementTextIn(b.opt.Lang)...)
	if len(lines) == 0 {
		return image.Rectangle{}
	}
	if b.face == nil {
		b.face = NewFace(b.fs, false)
	}
	t := NewTextBlock(lines, b.face)
	if t == nil {
		return image.Rectangle{}
	}
	var r image.Rectangle
	if f.atAnchor {
		// A text mark's box starts at its anchor, vertically centred.
		at := image.Pt(int(math.Round(f.anchor.X)), int(math.Round(f.anchor.Y))-t.H/2)
		r = clampInto(image.Rectangle{Min: at, Max: at.Add(image.Pt(t.W, t.H))}, b.dst.Bounds())
	} else {
		r = b.place(f.lo, f.hi, f.dir, t.W, t.H, f.gap)
	}
	b.taken = append(b.taken, r)
	col := b.color
	if b.selected(a) {
		col = b.selCol
	}
	if !f.atAnchor {
		b.leader(r, f, col)
	}
	return t.Draw(b.dst, r.Min, col, BackingColor)
}

// leader draws a thin line from a label placed away from its mark (the
// space next to it was taken or off the image, as in a small pane) to
// the mark's box, so that a length is never read as belonging to the
// mark it happens to sit beside.
func (b *burner) leader(r image.Rectangle, f figure, col color.RGBA) {
	// The nearest points of the label box and the mark's box.
	near := func(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }
	cx := near((f.lo.X+f.hi.X)/2, float64(r.Min.X), float64(r.Max.X))
	cy := near((f.lo.Y+f.hi.Y)/2, float64(r.Min.Y), float64(r.Max.Y))
	mx, my := near(cx, f.lo.X, f.hi.X), near(cy, f.lo.Y, f.hi.Y)
	if math.Hypot(cx-mx, cy-my) <= 2*f.gap+2*b.lw {
		return // next to the mark: no line needed
	}
	line := []ScreenPoint{{cx, cy}, {mx, my}}
	w := max(1, b.lw/2)
	b.pt.fill(stroke(line, w+2*b.ow, false), outlineColor)
	b.pt.fill(stroke(line, w, false), col)
}

// place returns where a w×h label goes next to the box lo–hi: on one of
// its sides or corners, gap pixels away, the side towards dir first. It
// picks the first position inside the destination that covers no other
// label and no mark; failing that, the one that covers least (outside
// the destination counts most, then labels, then marks).
func (b *burner) place(lo, hi, dir ScreenPoint, w, h int, gap float64) image.Rectangle {
	base := math.Atan2(dir.Y, dir.X)
	bounds := b.dst.Bounds()
	best, bestCost := image.Rectangle{}, math.Inf(1)
	for i, turn := range []float64{0, 1, -1, 2, -2, 3, -3, 4} {
		s, c := math.Sincos(base + turn*math.Pi/4)
		// Snap to the 8 sides and corners of the box.
		sx, sy := math.Round(c*1.2), math.Round(s*1.2)
		sx, sy = max(-1, min(1, sx)), max(-1, min(1, sy))
		g := gap
		if sx != 0 && sy != 0 {
			g = gap * 0.7
		}
		cx := (lo.X+hi.X)/2 + sx*((hi.X-lo.X)/2+g+float64(w)/2)
		cy := (lo.Y+hi.Y)/2 + sy*((hi.Y-lo.Y)/2+g+float64(h)/2)
		at := image.Pt(int(math.Round(cx-float64(w)/2)), int(math.Round(cy-float64(h)/2)))
		r := image.Rectangle{Min: at, Max: at.Add(image.Pt(w, h))}
		cost := float64(i) * 0.5 // prefer the earlier sides
		cost += 1e6 * float64(area(r)-area(r.Intersect(bounds)))
		cost += 1e3 * float64(overlapArea(r, b.taken))
		cost += float64(overlapArea(r, b.avoid))
		if cost < bestCost {
			best, bestCost = r, cost
		}
	}
	return clampInto(best, bounds)
}

func area(r image.Rectangle) int { return r.Dx() * r.Dy() }

func overlapArea(r image.Rectangle, rs []image.Rectangle) int {
	n := 0
	for _, t := range rs {
		n += area(r.Intersect(t))
	}
	return n
}

// clampInto moves r inside bounds where it fits.
func clampInto(r, bounds image.Rectangle) image.Rectangle {
	d := image.Point{}
	if r.Max.X > bounds.Max.X {
		d.X = bounds.Max.X - r.Max.X
	}
	if r.Min.X+d.X < bounds.Min.X {
		d.X = bounds.Min.X - r.Min.X
	}
	if r.Max.Y > bounds.Max.Y {
		d.Y = bounds.Max.Y - r.Max.Y
	}
	if r.Min.Y+d.Y < bounds.Min.Y {
		d.Y = bounds.Min.Y - r.Min.Y
	}
	return r.Add(d)
}
