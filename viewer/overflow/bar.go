package overflow

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// An Item is an object of the row and what it becomes in the "more"
// menu.
type Item struct {
	Object fyne.CanvasObject
	// Menu returns the item's entry in the "more" menu, made when the
	// menu opens; nil makes a separator.
	Menu func() *fyne.MenuItem
}

// Button returns the item of a button: in the menu, label (the button's
// text when empty) with its icon and action, checked while the button is
// highlighted.
func Button(b *widget.Button, label string) Item {
	if label == "" {
		label = b.Text
	}
	return Item{Object: b, Menu: func() *fyne.MenuItem {
		it := fyne.NewMenuItem(label, b.OnTapped)
		it.Icon, it.Checked, it.Disabled = b.Icon, b.Importance == widget.HighImportance, b.Disabled()
		return it
	}}
}

// Submenu returns the item of a button that opens a menu: in the "more"
// menu, label with the menu made by menu as its submenu.
func Submenu(b *widget.Button, label string, menu func() *fyne.Menu) Item {
	return Item{Object: b, Menu: func() *fyne.MenuItem {
		it := fyne.NewMenuItem(label, nil)
		it.Icon, it.ChildMenu = b.Icon, menu()
		return it
	}}
}

// Separator returns a separator item.
func Separator() Item { return Item{Object: widget.NewSeparator()} }

// Bar is the row. All methods must be called on the Fyne goroutine.
type Bar struct {
	widget.BaseWidget

	items    []Item
	trailing []fyne.CanvasObject
	more     *widget.Button
	// first is the index of the first item in the "more" menu;
	// len(items) when all are in view.
	first int
}

// New returns a row of items, then trailing at its right end.
func New(items []Item, trailing ...fyne.CanvasObject) *Bar {
	b := &Bar{items: items, trailing: trailing, first: len(items)}
	b.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), b.showMenu)
	b.more.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// Overflow returns the items in the "more" menu.
func (b *Bar) Overflow() []Item { return b.items[b.first:] }

// More returns the "more" button.
func (b *Bar) More() *widget.Button { return b.more }

// Menu returns the "more" menu as it is now.
func (b *Bar) Menu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, it := range b.Overflow() {
		switch {
		case it.Menu != nil:
			items = append(items, it.Menu())
		case len(items) > 0 && !items[len(items)-1].IsSeparator:
			items = append(items, fyne.NewMenuItemSeparator())
		}
	}
	return fyne.NewMenu(lang.L("More"), items...)
}

func (b *Bar) showMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.more)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more).Add(fyne.NewPos(0, b.more.Size().Height))
	widget.ShowPopUpMenuAtPosition(b.Menu(), c, pos)
}

// CreateRenderer implements fyne.Widget.
func (b *Bar) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{b.more}
	for _, it := range b.items {
		objs = append(objs, it.Object)
	}
	return &renderer{b: b, objects: append(objs, b.trailing...)}
}

type renderer struct {
	b       *Bar
	objects []fyne.CanvasObject
}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *renderer) Destroy()                     {}
func (r *renderer) Refresh()                     { r.Layout(r.b.Size()) }

// MinSize is the "more" button and the trailing items: the row itself
// gives way.
func (r *renderer) MinSize() fyne.Size {
	pad := theme.Padding()
	s := r.b.more.MinSize()
	for _, o := range r.b.trailing {
		if o.Visible() {
			m := o.MinSize()
			s = fyne.NewSize(s.Width+pad+m.Width, max(s.Height, m.Height))
		}
	}
	for _, it := range r.b.items {
		s.Height = max(s.Height, it.Object.MinSize().Height)
	}
	return s
}

func (r *renderer) Layout(size fyne.Size) {
	b, pad := r.b, theme.Padding()
	// The trailing items, from the right.
	x := size.Width
	for i := len(b.trailing) - 1; i >= 0; i-- {
		if o := b.trailing[i]; o.Visible() {
			m := o.MinSize()
			x -= m.Width
			o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
			o.Resize(fyne.NewSize(m.Width, m.Height))
			x -= pad
		}
	}
	right := x
	// As many items as fit, with room for the "more" button if any
	// is left over.
	total := float32(0)
	for i, it := range b.items {
		total += it.Object.MinSize().Width
		if i > 0 {
			total += pad
		}
	}
	first := len(b.items)
	if total > right {
		room := right - b.more.MinSize().Width - pad
		w := float32(0)
		first = 0
		for i, it := range b.items {
			next := w + it.Object.MinSize().Width
			if i > 0 {
				next += pad
			}
			if next > room {
				break
			}
			w, first = next, i+1
		}
		// No separator at the end of the row.
		for first > 0 && b.items[first-1].Menu == nil {
			first--
		}
	}
	b.first = first
	x = 0
	for i, it := range b.items {
		o := it.Object
		if i >= first {
			o.Hide()
			continue
		}
		o.Show()
		m := o.MinSize()
		h := m.Height
		if it.Menu == nil {
			h = size.Height // a separator spans the row
		}
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(m.Width, h))
		x += m.Width + pad
	}
	if first < len(b.items) {
		m := b.more.MinSize()
		b.more.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		b.more.Resize(m)
		b.more.Show()
	} else {
		b.more.Hide()
	}
}
