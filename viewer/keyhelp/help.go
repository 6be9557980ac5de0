package keyhelp

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// A Row is a key (or a mouse action) and what it does, in the
// interface's language (the caller translates).
type Row struct{ Keys, Help string }

// A Group is a titled list of rows.
type Group struct {
	Title string
	Rows  []Row
}

// Content returns the groups as plain text rows (labels in a form would
// double the height): keys right-aligned in bold, then what they do.
func Content(groups []Group) fyne.CanvasObject {
	form := container.New(&twoColumns{gap: 12, row: 4})
	fg := theme.Color(theme.ColorNameForeground)
	text := func(s string, style fyne.TextStyle, align fyne.TextAlign, c color.Color) *canvas.Text {
		t := canvas.NewText(s, c)
		t.TextStyle, t.Alignment = style, align
		return t
	}
	for _, g := range groups {
		form.Add(text(g.Title, fyne.TextStyle{Italic: true}, fyne.TextAlignTrailing, theme.Color(theme.ColorNamePrimary)))
		form.Add(text("", fyne.TextStyle{}, fyne.TextAlignLeading, fg))
		for _, r := range g.Rows {
			form.Add(text(r.Keys, fyne.TextStyle{Bold: true}, fyne.TextAlignTrailing, fg))
			form.Add(text(r.Help, fyne.TextStyle{}, fyne.TextAlignLeading, fg))
		}
	}
	return form
}

// NewDialog returns the help dialog of win listing groups.
func NewDialog(win fyne.Window, groups []Group) dialog.Dialog {
	content := Content(groups)
	d := dialog.NewCustom(lang.L("Keyboard and mouse"), lang.L("Close"), container.NewVScroll(content), win)
	// Wide enough for the longest row (plus the dialog's margins and the
	// scroll bar; Russian rows run longer), within the window.
	c := win.Canvas().Size()
	width := max(780, content.MinSize().Width+4*theme.Padding()+theme.ScrollBarSize()+32)
	d.Resize(fyne.NewSize(min(width, c.Width*0.95), min(880, c.Height*0.95)))
	return d
}

// twoColumns lays objects out in pairs: the first column right-aligned to
// its widest object, the second after a gap.
type twoColumns struct{ gap, row float32 }

func (l *twoColumns) widths(objs []fyne.CanvasObject) (float32, float32) {
	var a, b float32
	for i, o := range objs {
		if i%2 == 0 {
			a = max(a, o.MinSize().Width)
		} else {
			b = max(b, o.MinSize().Width)
		}
	}
	return a, b
}

func (l *twoColumns) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	a, _ := l.widths(objs)
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(a, h))
		objs[i+1].Move(fyne.NewPos(a+l.gap, y))
		objs[i+1].Resize(fyne.NewSize(objs[i+1].MinSize().Width, h))
		y += h + l.row
	}
}

func (l *twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := l.widths(objs)
	var h float32
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + l.row
	}
	return fyne.NewSize(a+l.gap+b, h)
}
