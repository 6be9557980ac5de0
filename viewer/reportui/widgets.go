package reportui

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// choice is a Select that also chooses by typing: the letters typed
// within a moment select the next option starting with them; Delete or
// Backspace choose "—" (not recorded); Escape gives the keyboard back to
// the image.
type choice struct {
	widget.Select
	typed   string
	typedAt time.Time
	onFocus func(o fyne.CanvasObject)
	onEsc   func()
}

var _ fyne.Focusable = (*choice)(nil)

func newChoice(options []string, changed func(string)) *choice {
	c := &choice{}
	c.Options = options
	c.OnChanged = changed
	c.PlaceHolder = unset
	c.ExtendBaseWidget(c)
	return c
}

// typeAheadPause is how long after a key typing starts a new prefix.
const typeAheadPause = 900 * time.Millisecond

// TypedRune selects by the letters typed.
func (c *choice) TypedRune(r rune) {
	if c.Disabled() {
		return
	}
	now := time.Now()
	if now.Sub(c.typedAt) > typeAheadPause {
		c.typed = ""
	}
	c.typedAt = now
	c.typed += string(unicode.ToLower(r))
	if r == '-' && c.typed == "-" {
		c.SetSelected(unset)
		return
	}
	start := 0
	if utf8.RuneCountInString(c.typed) == 1 {
		start = c.SelectedIndex() + 1 // the same letter again: the next one
	}
	n := len(c.Options)
	for k := range n {
		i := (start + k) % n
		if strings.HasPrefix(strings.ToLower(c.Options[i]), c.typed) {
			c.SetSelectedIndex(i)
			return
		}
	}
}

// TypedKey adds Delete, Backspace and Escape to the Select's keys.
func (c *choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !c.Disabled() && len(c.Options) > 0 && c.Options[0] == unset {
			c.SetSelectedIndex(0)
		}
	case fyne.KeyEscape:
		if c.onEsc != nil {
			c.onEsc()
		}
	default:
		c.Select.TypedKey(ev)
	}
}

// FocusGained scrolls the field into view.
func (c *choice) FocusGained() {
	c.Select.FocusGained()
	if c.onFocus != nil {
		c.onFocus(c)
	}
}

// textEntry is an Entry that scrolls into view when focused and gives the
// keyboard back to the image on Escape.
type textEntry struct {
	widget.Entry
	onFocus  func(o fyne.CanvasObject)
	onEsc    func()
	onResize func()
	rows     int // the rows the entry is sized for, when it fits its text
}

// Resize lets a wrapping entry fit its text to the new width.
func (e *textEntry) Resize(s fyne.Size) {
	old := e.Size()
	e.Entry.Resize(s)
	if e.onResize != nil && old.Width != s.Width {
		e.onResize()
	}
}

func newTextEntry(multi bool) *textEntry {
	e := &textEntry{}
	e.MultiLine = multi
	if multi {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	if multi {
		e.SetMinRowsVisible(2)
	}
	return e
}

// AcceptsTab is false, also for several lines: Tab moves to the next
// field (the report has no use for tab characters).
func (e *textEntry) AcceptsTab() bool { return false }

// FocusGained scrolls the field into view.
func (e *textEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus(e)
	}
}

// TypedKey gives the keyboard back to the image on Escape.
func (e *textEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(ev)
}

// checkBox is a Check that scrolls into view when focused.
type checkBox struct {
	widget.Check
	onFocus func(o fyne.CanvasObject)
	onEsc   func()
}

func newCheckBox(label string, changed func(bool)) *checkBox {
	c := &checkBox{}
	c.Text = label
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained scrolls the box into view.
func (c *checkBox) FocusGained() {
	c.Check.FocusGained()
	if c.onFocus != nil {
		c.onFocus(c)
	}
}

// TypedKey gives the keyboard back to the image on Escape.
func (c *checkBox) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.onEsc != nil {
		c.onEsc()
		return
	}
	c.Check.TypedKey(ev)
}

// enableWidget enables or disables w when it is not so already.
func enableWidget(w fyne.Disableable, on bool) {
	switch {
	case on && w.Disabled():
		w.Enable()
	case !on && !w.Disabled():
		w.Disable()
	}
}

// heading is a sub-heading inside a section.
func heading(text string) fyne.CanvasObject {
	t := canvas.NewText(text, theme.Color(theme.ColorNamePrimary))
	t.TextStyle.Bold = true
	t.TextSize = theme.TextSize()
	return container.NewPadded(t)
}

// muted is secondary text, wrapped.
func muted(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
