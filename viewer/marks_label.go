package viewer

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
)

// labelEntry is the text field of a mark: Enter confirms, Esc cancels.
// All methods must be called on the Fyne goroutine.
type labelEntry struct {
	widget.Entry
	onCancel    func()
	onFocusLost func()
}

var _ fyne.Focusable = (*labelEntry)(nil)

func newLabelEntry() *labelEntry {
	e := &labelEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable: Esc cancels.
func (e *labelEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if e.onCancel != nil {
			e.onCancel()
		}
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusLost implements fyne.Focusable.
func (e *labelEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// labelPopup asks for the text of a mark in a small field next to it.
// Enter confirms, Esc cancels; clicking elsewhere confirms what was typed.
// All methods must be called on the Fyne goroutine.
type labelPopup struct {
	ed    *markEditor
	entry *labelEntry
	pop   *widget.PopUp
	done  func(text string, ok bool)
	ended bool
}

// askLabel opens a text field at view position pos of p (for the text of
// a new mark, with placeholder) and calls done with the text, or ok false
// when the user cancelled.
func (ed *markEditor) askLabel(p *Pane, pos fyne.Position, text, placeholder string, done func(text string, ok bool)) {
	ed.closePopups()
	l := &labelPopup{ed: ed, entry: newLabelEntry(), done: done}
	l.entry.SetText(text)
	l.entry.SetPlaceHolder(placeholder + " " + lang.L("(Enter: done, Esc: cancel)"))
	l.entry.OnSubmitted = func(s string) { l.finish(s, true) }
	l.entry.onCancel = l.cancel
	c := ed.v.win.Canvas()
	l.pop = widget.NewPopUp(container.NewGridWrap(fyne.NewSize(300, l.entry.MinSize().Height), l.entry), c)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.view).Add(pos).Add(fyne.NewPos(8, 8))
	// Keep the field inside the window.
	sz := l.pop.MinSize()
	cs := c.Size()
	abs.X = max(0, min(abs.X, cs.Width-sz.Width))
	abs.Y = max(0, min(abs.Y, cs.Height-sz.Height))
	ed.label = l
	l.pop.ShowAtPosition(abs)
	c.Focus(l.entry)
	// Clicking outside the field hides the pop-up: take what was typed.
	l.entry.onFocusLost = func() { l.finish(l.entry.Text, true) }
}

// cancel closes the field without a result.
func (l *labelPopup) cancel() { l.finish("", false) }

func (l *labelPopup) finish(text string, ok bool) {
	if l.ended {
		return
	}
	l.ended = true
	if l.ed.label == l {
		l.ed.label = nil
	}
	l.pop.Hide()
	l.ed.v.focusActive()
	l.done(strings.TrimSpace(text), ok)
}

// editLabel asks for a new text for the mark id shown in p.
func (ed *markEditor) editLabel(p *Pane, id string) {
	r := ed.report()
	if r == nil {
		return
	}
	i := markIndex(r.Annotations, id)
	if i < 0 {
		return
	}
	a := r.Annotations[i]
	var at fyne.Position
	if len(a.Points) > 0 {
		// The arrow's tail, where its text is; else the first point.
		q := a.Points[len(a.Points)-1]
		if a.Tool != mark.ToolArrow {
			q = a.Points[0]
		}
		at = p.view.Transform().ImageToView(q[0], q[1])
	}
	ed.askLabel(p, at, a.Label, fmt.Sprintf(lang.L("Text of %s"), id), func(text string, ok bool) {
		if ok && text != a.Label {
			ed.do(mark.EditLabel(id, text))
		}
	})
}
