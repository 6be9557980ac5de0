package viewer

import (
	"bytes"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hsgview/viewer/ui"
)

func (v *Viewer) showError(err error) {
	v.showDialog(dialog.NewError(err, v.win))
}

func (v *Viewer) openFileDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if r == nil {
			return
		}
		p := r.URI().Path()
		r.Close()
		v.Open([]string{p})
	}, v.win)
	d.Resize(ui.DialogSize(v.win))
	v.showDialog(d)
}

func (v *Viewer) openFolderDialog() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if u == nil {
			return
		}
		v.Open([]string{u.Path()})
	}, v.win)
	d.Resize(ui.DialogSize(v.win))
	v.showDialog(d)
}

// showDialog shows d; Esc closes it (when no text field has the
// keyboard), and closing it gives the keyboard back to the active pane.
// A dialog opened from another (a file chooser from the export dialog)
// goes on top; when it closes, Esc closes the one below.
func (v *Viewer) showDialog(d dialog.Dialog) {
	if v.dialog != nil {
		v.dialogsBelow = append(v.dialogsBelow, v.dialog)
	}
	v.dialog = d
	d.SetOnClosed(func() {
		if v.dialog == d {
			v.dialog = nil
			if n := len(v.dialogsBelow); n > 0 {
				v.dialog, v.dialogsBelow = v.dialogsBelow[n-1], v.dialogsBelow[:n-1]
			}
		} else {
			v.dialogsBelow = slices.DeleteFunc(v.dialogsBelow, func(x dialog.Dialog) bool { return x == d })
		}
		if v.dialog == nil {
			v.focusActive()
		}
	})
	d.Show()
}

// showHeader shows the DICOM header of the active pane's image.
func (v *Viewer) showHeader() {
	in := v.ActivePane().in
	if in == nil {
		return
	}
	var buf bytes.Buffer
	if err := in.Header().Dump(&buf); err != nil {
		fmt.Fprintf(&buf, "\n(dump stopped: %v)", err)
	}
	text := widget.NewLabelWithStyle(strings.TrimRight(buf.String(), "\n"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	// (Fyne's GL driver clips the underscore of the monospace font, so
	// ISO_IR 192 shows as "ISO IR 192"; the software painter does not.)
	scroll := container.NewScroll(text)
	d := dialog.NewCustom("DICOM header – "+seriesText(in)+fmt.Sprintf(" image %d", in.InstanceNumber), "Close", scroll, v.win)
	d.Resize(ui.DialogSize(v.win))
	v.showDialog(d)
}

func (v *Viewer) showHelp() {
	// Plain text rows (labels in a form would double the height).
	form := container.New(&twoColumns{gap: 12, row: 4})
	fg := theme.Color(theme.ColorNameForeground)
	text := func(s string, style fyne.TextStyle, align fyne.TextAlign, c color.Color) *canvas.Text {
		t := canvas.NewText(s, c)
		t.TextStyle, t.Alignment = style, align
		return t
	}
	row := func(k, h string) {
		form.Add(text(k, fyne.TextStyle{Bold: true}, fyne.TextAlignTrailing, fg))
		form.Add(text(h, fyne.TextStyle{}, fyne.TextAlignLeading, fg))
	}
	head := func(s string) {
		form.Add(text(s, fyne.TextStyle{Italic: true}, fyne.TextAlignTrailing, theme.Color(theme.ColorNamePrimary)))
		form.Add(text("", fyne.TextStyle{}, fyne.TextAlignLeading, fg))
	}
	head("Keys")
	for _, k := range keyMap {
		row(k.keys, k.help)
	}
	for _, k := range menuShortcuts {
		row(k[0], k[1])
	}
	head("Mouse")
	for _, k := range mouseHelp {
		row(k[0], k[1])
	}
	d := dialog.NewCustom("Keyboard and mouse", "Close", container.NewVScroll(form), v.win)
	d.Resize(fyne.NewSize(760, min(880, v.win.Canvas().Size().Height*0.95)))
	v.showDialog(d)
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
