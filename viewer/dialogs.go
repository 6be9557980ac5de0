package viewer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/keyhelp"
	"github.com/hsgview/hsgview/viewer/studytext"
	"github.com/hsgview/hsgview/viewer/ui"
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
		fmt.Fprintf(&buf, "\n("+lang.L("dump stopped: %v")+")", err)
	}
	text := widget.NewLabelWithStyle(strings.TrimRight(buf.String(), "\n"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	// (Fyne's GL driver clips the underscore of the monospace font, so
	// ISO_IR 192 shows as "ISO IR 192"; the software painter does not.)
	scroll := container.NewScroll(text)
	d := dialog.NewCustom(lang.L("DICOM header")+" – "+studytext.SeriesText(in)+" "+fmt.Sprintf(lang.L("image %d"), in.InstanceNumber), lang.L("Close"), scroll, v.win)
	d.Resize(ui.DialogSize(v.win))
	v.showDialog(d)
}

func (v *Viewer) showHelp() { v.showDialog(keyhelp.NewDialog(v.win, helpGroups())) }
