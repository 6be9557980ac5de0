package thumbs

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tips shows a tip — a few lines of text in a box — beside the object
// the pointer rests on. It is a layer over the window's content
// (container.NewStack(content, tips)) that takes no pointer events, so
// the object under the pointer keeps getting them: a popup or a canvas
// overlay would take them, and the object would see the pointer leave.
//
// All methods must be called on the Fyne goroutine.
type Tips struct {
	widget.BaseWidget
	owner fyne.CanvasObject // the object whose tip is shown; nil when none
	lines []string
	box   *canvas.Rectangle
	text  *fyne.Container
	layer *fyne.Container
}

// tipTextSize is the size of a tip's text.
const tipTextSize = 12

// NewTips returns an empty tips layer.
func NewTips() *Tips {
	t := &Tips{box: canvas.NewRectangle(color.Black), text: container.NewStack()}
	t.box.StrokeWidth = 1
	t.layer = container.NewWithoutLayout(t.box, t.text)
	t.box.Hide()
	t.text.Hide()
	t.ExtendBaseWidget(t)
	return t
}

// ShowFor shows lines as the tip of owner, to the right of it (or to its
// left when there is no room), its top at owner's top, inside the layer.
func (t *Tips) ShowFor(owner fyne.CanvasObject, lines []string) {
	if len(lines) == 0 {
		t.HideFor(t.owner)
		return
	}
	t.owner, t.lines = owner, slices.Clone(lines)
	var rows []fyne.CanvasObject
	for i, l := range lines {
		txt := canvas.NewText(l, theme.Color(theme.ColorNameForeground))
		txt.TextSize = tipTextSize
		txt.TextStyle.Bold = i == 0
		rows = append(rows, txt)
	}
	t.text.Objects = []fyne.CanvasObject{container.New(layout.NewCustomPaddedLayout(6, 6, 8, 8),
		container.New(layout.NewCustomPaddedVBoxLayout(3), rows...))}
	t.box.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.box.StrokeColor = theme.Color(theme.ColorNameSeparator)
	size := t.text.MinSize()
	pos := fyne.NewPos(0, 0)
	if app := fyne.CurrentApp(); app != nil {
		d := app.Driver()
		at := d.AbsolutePositionForObject(owner).Subtract(d.AbsolutePositionForObject(t))
		pos = fyne.NewPos(at.X+owner.Size().Width+4, at.Y)
		room := t.Size()
		if pos.X+size.Width > room.Width {
			pos.X = max(0, at.X-size.Width-4)
		}
		pos.Y = max(0, min(pos.Y, room.Height-size.Height))
	}
	t.text.Resize(size)
	t.text.Move(pos)
	t.box.Resize(size)
	t.box.Move(pos)
	t.box.Show()
	t.text.Show()
	t.layer.Refresh()
}

// HideFor hides the tip of owner (none when another object's tip shows).
func (t *Tips) HideFor(owner fyne.CanvasObject) {
	if owner == nil || t.owner != owner {
		return
	}
	t.owner, t.lines = nil, nil
	t.box.Hide()
	t.text.Hide()
	t.layer.Refresh()
}

// Lines returns the lines of the tip shown, nil when none.
func (t *Tips) Lines() []string { return t.lines }

// CreateRenderer implements fyne.Widget.
func (t *Tips) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.layer) }
