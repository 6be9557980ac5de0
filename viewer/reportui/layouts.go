package reportui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// indentLayout places its only object indented from the left.
type indentLayout struct{ indent float32 }

func (l *indentLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(l.indent, 0))
	objs[0].Resize(fyne.NewSize(size.Width-l.indent, size.Height))
}

func (l *indentLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Add(fyne.NewSize(l.indent, 0))
}

// minWidthLayout gives its only object at least width w.
type minWidthLayout struct{ w float32 }

func (l *minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

func (l *minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(m.Width, l.w), m.Height)
}

// rowLayout places a label in a column of width *labelW and the value in
// the rest; the row is as tall as the taller of the two.
type rowLayout struct{ labelW *float32 }

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := min(*l.labelW, size.Width*0.45)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(lw, size.Height))
	objs[1].Move(fyne.NewPos(lw, 0))
	objs[1].Resize(fyne.NewSize(size.Width-lw, size.Height))
}

// MinSize leaves at most maxLabelW for the label (a longer one wraps),
// so that long labels do not widen the panel.
func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(min(*l.labelW, maxLabelW)+b.Width, max(a.Height, b.Height))
}

// maxLabelW is the width a form row asks for its label at most.
const maxLabelW = 200

// flowLayout places objects left to right, wrapping onto new lines.
type flowLayout struct{ gap float32 }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var x, y, lineH float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > size.Width {
			x, y, lineH = 0, y+lineH+l.gap, 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(m)
		x += m.Width + l.gap
		lineH = max(lineH, m.Height)
	}
}

// MinSize is one object wide; the height assumes the width of the
// widest object per line, which the panel always exceeds.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			w = max(w, m.Width)
			h = max(h, m.Height)
		}
	}
	return fyne.NewSize(w, h)
}

// flowBox is a container that wraps its objects and reports the height
// the wrapping needs at its current width.
type flowBox struct {
	widget.BaseWidget
	objs []fyne.CanvasObject
	gap  float32
}

func newFlowBox(objs ...fyne.CanvasObject) *flowBox {
	b := &flowBox{objs: objs, gap: theme.Padding()}
	b.ExtendBaseWidget(b)
	return b
}

func (b *flowBox) CreateRenderer() fyne.WidgetRenderer { return &flowRenderer{b: b} }

type flowRenderer struct{ b *flowBox }

func (r *flowRenderer) Layout(size fyne.Size) { (&flowLayout{gap: r.b.gap}).Layout(r.b.objs, size) }

func (r *flowRenderer) MinSize() fyne.Size {
	width := r.b.Size().Width
	var x, y, lineH, w float32
	for _, o := range r.b.objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		if x > 0 && width > 0 && x+m.Width > width {
			x, y, lineH = 0, y+lineH+r.b.gap, 0
		}
		x += m.Width + r.b.gap
		lineH = max(lineH, m.Height)
	}
	return fyne.NewSize(w, y+lineH)
}

func (r *flowRenderer) Refresh() {
	for _, o := range r.b.objs {
		o.Refresh()
	}
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.b.objs }

func (r *flowRenderer) Destroy() {}

// Resize lays the objects out again; the height they need depends on the
// width, so the parent is told by a refresh.
func (b *flowBox) Resize(s fyne.Size) {
	old := b.Size()
	b.BaseWidget.Resize(s)
	if old.Width != s.Width {
		b.Refresh()
	}
}
