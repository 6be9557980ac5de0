package mark

import (
	"image"
	"image/color"
	"math"
	"slices"

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
	// Colors gives marks, by ID, a colour of their own (a viewer's
	// calibration lines); the selection colour still wins.
	Colors map[string]color.RGBA
	// Stats says how the statistics of ROIs are set: in full on three
	// lines, or on one.
	Stats StatsLayout
}

// A StatsLayout says how an ROI's measurement is set in its label.
type StatsLayout int

const (
	// StatsAuto sets the full statistics unless the destination is
	// small for them (the box would take more than an eighth of its
	// height or half its width) or the box finds no free place next to
	// the ROI: then one line.
	StatsAuto StatsLayout = iota
	// StatsFull always sets area, mean and SD, minimum and maximum on
	// three lines.
	StatsFull
	// StatsOneLine always sets area, mean and SD on one line
	// ([Annotation.MeasurementLine]).
	StatsOneLine
)

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
	// OneLine is set when an ROI's statistics were set in their one-line
	// form (wrapped when the destination is narrower than it).
	OneLine bool
}

// LabelAt returns the ID of the mark whose label box, as Burn placed it,
// holds screen point s (the later one in placed when boxes overlap), or
// "". It completes [HitTest], which knows nothing of text sizes.
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
// [Annotation.MeasurementTextIn], in opt.Lang) in a box placed next to it. Labels never
// cover each other or opt.Avoid where there is room, and keep clear of
// the marks' lines where they can; a label placed away from its mark
// gets a leader line to it. Text marks are placed first, where the user
// put them, then the text of arrows, then measurements. Text stays
// upright and keeps its size whatever the view's zoom and rotation.
// Pass the marks of one image and frame (see [OnFrame]); marks whose
// points make no shape are skipped.
//
// Burn returns where it drew each mark's text, in the order of anns.
func Burn(dst *image.RGBA, anns []Annotation, opt BurnOptions) []Placed {
	b := newBurner(dst, opt)
	figs := make([]figure, len(anns))
	for i := range anns {
		figs[i] = b.figure(&anns[i])
		b.paint(figs[i], b.colorOf(&anns[i]))
	}
	b.space = labelSpace{bounds: dst.Bounds(), taken: slices.Clone(opt.Avoid)}
	for _, f := range figs {
		b.space.addFigure(f, b.lw/2+b.ow)
	}
	placed := make([]Placed, len(anns))
	for _, i := range labelOrder(anns) {
		placed[i] = b.label(&anns[i], figs[i])
		placed[i].ID = anns[i].ID
	}
	// The handles of the selected mark go on top of everything; a text
	// mark has none, which would hide its first letter.
	for i := range anns {
		if b.selected(&anns[i]) && shapeOf(&anns[i]) != shapeText {
			b.handles(&anns[i])
		}
	}
	return placed
}

// labelOrder is the order labels are placed in: text marks (they stay
// where the user put them when they can), the text of arrows, then the
// rest, each group in the order of anns.
func labelOrder(anns []Annotation) []int {
	rank := func(a *Annotation) int {
		switch shapeOf(a) {
		case shapeText:
			return 0
		case shapeArrow:
			return 1
		}
		return 2
	}
	order := make([]int, len(anns))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return rank(&anns[i]) - rank(&anns[j]) })
	return order
}

// burner holds the state of one Burn call.
type burner struct {
	dst           *image.RGBA
	opt           BurnOptions
	pt            painter
	lw, ow, fs    float64 // line width, outline width, font size
	color, selCol color.RGBA
	face          font.Face         // made on first use
	space         labelSpace        // where labels may go
	tries         []try             // reused by label
	boxes         []image.Rectangle // reused by label
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

// colorOf returns the colour of mark a.
func (b *burner) colorOf(a *Annotation) color.RGBA {
	if b.selected(a) {
		return b.selCol
	}
	if c, ok := b.opt.Colors[a.ID]; ok && a.ID != "" {
		return c
	}
	return b.color
}

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
	// vector) if it fits; a text mark's label is at anchor exactly when
	// there is room.
	anchor, dir ScreenPoint
	lo, hi      ScreenPoint
	gap         float64
	atAnchor    bool
	ok          bool
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
	f := figure{ok: true, dir: ScreenPoint{1, 0}, gap: 2*b.lw + 3}
	switch shapeOf(a) {
	case shapeNone:
		return figure{}
	case shapeText:
		f.anchor, f.atAnchor = sp[0], true
	case shapePoint, shapeMultipoint:
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

// boxOf returns the corners of the box around ps.
func boxOf(ps []ScreenPoint) (lo, hi ScreenPoint) {
	lo, hi = ps[0], ps[0]
	for _, p := range ps {
		lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
		hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
	}
	return lo, hi
}

// paint draws a figure in col over its dark outline.
func (b *burner) paint(f figure, col color.RGBA) {
	if !f.ok {
		return
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

// label draws the text of a mark where it fits best and returns where.
func (b *burner) label(a *Annotation, f figure) Placed {
	if !f.ok {
		return Placed{}
	}
	own := splitLines(a.Label)
	measured := a.MeasurementTextIn(b.opt.Lang)
	lines := append(slices.Clone(own), measured...)
	if len(lines) == 0 {
		return Placed{}
	}
	if b.face == nil {
		b.face = NewFace(b.fs, false)
	}
	full := NewTextBlock(lines, b.face)
	if full == nil {
		return Placed{}
	}
	// An ROI's statistics may go on one line.
	var short *textBlock
	if len(measured) > 1 {
		if one := a.MeasurementLineIn(b.opt.Lang); one != "" {
			short = NewTextBlock(append(slices.Clone(own), one), b.face)
		}
	}
	tries := b.tries[:0]
	bounds := b.dst.Bounds()
	// No label is wider than the destination: its lines wrap.
	full, short = fitWidth(full, bounds.Dx()), fitWidth(short, bounds.Dx())
	add := func(t *textBlock, r image.Rectangle) {
		c := try{t: t, r: r}
		c.lead, c.led = b.leaderLine(r, f)
		tries = append(tries, c)
	}
	ring := func(t *textBlock, from, to int) {
		b.boxes = around(b.boxes[:0], f.lo, f.hi, f.dir, t.W, t.H, f.gap, ringStep*b.fs, from, to)
		for _, r := range b.boxes {
			add(t, r)
		}
	}
	switch {
	case f.atAnchor:
		// A text mark's box starts at its anchor, vertically centred,
		// unless that covers another label or a mark: then it moves
		// next to the anchor, or further with a leader line.
		at := image.Pt(int(math.Round(f.anchor.X)), int(math.Round(f.anchor.Y))-full.H/2)
		add(full, clampInto(image.Rectangle{Min: at, Max: at.Add(image.Pt(full.W, full.H))}, bounds))
		ring(full, 0, labelRings)
	case short == nil || b.opt.Stats == StatsFull:
		ring(full, 0, labelRings)
	case b.opt.Stats == StatsOneLine:
		ring(short, 0, labelRings)
	case full.H*8 > bounds.Dy() || full.W*2 > bounds.Dx():
		// A small pane: one line, unless only the full box finds room.
		ring(short, 0, labelRings)
		ring(full, 0, labelRings)
	default:
		// The full box next to the ROI; else one line anywhere near;
		// else the full box further out.
		ring(full, 0, 0)
		ring(short, 0, labelRings)
		ring(full, 1, labelRings)
	}
	b.tries = tries
	c, ok := b.space.choose(tries)
	if !ok {
		return Placed{}
	}
	b.space.taken = append(b.space.taken, c.r)
	col := b.colorOf(a)
	if l, ok := b.leaderLine(c.r, f); ok {
		b.leader(l, col)
	}
	return Placed{Label: c.t.Draw(b.dst, c.r.Min, col, BackingColor), OneLine: c.t == short}
}

// leaderLine returns the line that joins a label in box r to its mark
// when the label is away from it (the room next to the mark was taken
// or off the image, as in a small pane), so that a length is never read
// as belonging to the mark it happens to sit beside: from the nearest
// point of the box to the mark's box. ok is false when the label is next
// to its mark.
func (b *burner) leaderLine(r image.Rectangle, f figure) (l segment, ok bool) {
	near := func(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }
	cx := near((f.lo.X+f.hi.X)/2, float64(r.Min.X), float64(r.Max.X))
	cy := near((f.lo.Y+f.hi.Y)/2, float64(r.Min.Y), float64(r.Max.Y))
	mx, my := near(cx, f.lo.X, f.hi.X), near(cy, f.lo.Y, f.hi.Y)
	if math.Hypot(cx-mx, cy-my) <= 2*f.gap+2*b.lw {
		return segment{}, false
	}
	return segment{ScreenPoint{cx, cy}, ScreenPoint{mx, my}, max(1, b.lw/2)/2 + b.ow}, true
}

// leader draws a leader line in col; later labels keep clear of it.
func (b *burner) leader(l segment, col color.RGBA) {
	line := []ScreenPoint{l.a, l.b}
	w := max(1, b.lw/2)
	b.pt.fill(stroke(line, w+2*b.ow, false), outlineColor)
	b.pt.fill(stroke(line, w, false), col)
	b.space.lines = append(b.space.lines, l)
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
