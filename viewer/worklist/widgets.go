package worklist

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cell is a table cell: a label, with a warning icon for a study whose
// files are missing. A tap selects its row, a double tap opens it.
type cell struct {
	widget.BaseWidget
	s        *Screen
	row, col int
	label    *widget.Label
	icon     *widget.Icon
	bg       *canvas.Rectangle
	box      *fyne.Container
}

func newCell(s *Screen) *cell {
	c := &cell{s: s, label: widget.NewLabel(""), icon: widget.NewIcon(theme.WarningIcon())}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.icon.Hide()
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	c.bg.Hide()
	c.box = container.NewStack(c.bg, container.NewBorder(nil, nil, c.icon, nil, c.label))
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) set(text string, imp widget.Importance, warn, selected bool) {
	if selected != c.bg.Visible() {
		if selected {
			c.bg.FillColor = theme.Color(theme.ColorNameSelection)
			c.bg.Show()
		} else {
			c.bg.Hide()
		}
	}
	if c.label.Text != text || c.label.Importance != imp {
		c.label.Text = text
		c.label.Importance = imp
		c.label.Refresh()
	}
	if warn != c.icon.Visible() {
		if warn {
			c.icon.Show()
		} else {
			c.icon.Hide()
		}
		c.box.Refresh()
	}
}

func (c *cell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// Tapped selects the row and gives the list the keyboard.
func (c *cell) Tapped(*fyne.PointEvent) {
	c.s.selectRow(c.row)
	c.s.Focus()
}

// DoubleTapped opens the row's study.
func (c *cell) DoubleTapped(*fyne.PointEvent) {
	c.s.selectRow(c.row)
	c.s.OpenSelected()
}

// keyTarget wraps the table and takes the keyboard for the list.
type keyTarget struct {
	widget.BaseWidget
	s       *Screen
	content fyne.CanvasObject
	focused bool
}

func newKeyTarget(s *Screen, content fyne.CanvasObject) *keyTarget {
	k := &keyTarget{s: s, content: content}
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyTarget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(k.content)
}

func (k *keyTarget) FocusGained()                   { k.focused = true }
func (k *keyTarget) FocusLost()                     { k.focused = false }
func (k *keyTarget) TypedRune(rune)                 {}
func (k *keyTarget) TypedKey(ev *fyne.KeyEvent)     { k.s.TypedKey(ev) }
func (k *keyTarget) TypedShortcut(sc fyne.Shortcut) { k.s.TypedShortcut(sc) }
func (k *keyTarget) MinSize() fyne.Size             { return k.content.MinSize() }
func (k *keyTarget) Resize(size fyne.Size)          { k.BaseWidget.Resize(size); k.content.Resize(size) }
func (k *keyTarget) Focused() bool                  { return k.focused }

// searchEntry is the search field: typing searches after a pause, Esc
// clears it, Down and Enter go to the list.
type searchEntry struct {
	widget.Entry
	s *Screen
}

func newSearchEntry(s *Screen) *searchEntry {
	e := &searchEntry{s: s}
	e.ExtendBaseWidget(e)
	e.OnChanged = func(string) { s.searchChanged() }
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		e.s.SetSearch("")
		e.s.Focus()
	case fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		e.s.applySearch()
		e.s.Focus()
		if e.s.sel < 0 {
			e.s.Move(1)
		}
	default:
		e.Entry.TypedKey(ev)
	}
}

// dateEntry is a YYYY-MM-DD field that filters once the date is whole
// (or cleared).
type dateEntry struct {
	widget.Entry
	last string
}

// isoDate reads a date typed as 2026-03-12 or, as Russian writes it,
// 12.03.2026, and returns it as 2026-03-12; "" stays "".
func isoDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", errors.New(lang.L("not a date: write 2026-03-12 or 12.03.2026"))
}

func newDateEntry(placeholder string, changed func(date string)) *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	e.Validator = func(s string) error {
		_, err := isoDate(s)
		return err
	}
	e.OnChanged = func(s string) {
		if d, err := isoDate(s); err == nil && d != e.last {
			e.last = d
			changed(d)
		}
	}
	return e
}
