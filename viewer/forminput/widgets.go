package forminput

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

func SetVisible(o fyne.CanvasObject, on bool) {
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
type Choice struct {
	widget.Select
	typed   string
	TypedAt time.Time
	OnFocus func(o fyne.CanvasObject)
	OnEsc   func()
}

var _ fyne.Focusable = (*Choice)(nil)

func NewChoice(options []string, changed func(string)) *Choice {
	c := &Choice{}
	c.Options = options
	c.OnChanged = changed
	c.PlaceHolder = Unset
	c.ExtendBaseWidget(c)
	return c
}

// typeAheadPause is how long after a key typing starts a new prefix.
const typeAheadPause = 900 * time.Millisecond

// TypedRune selects by the letters typed.
func (c *Choice) TypedRune(r rune) {
	if c.Disabled() {
		return
	}
	now := time.Now()
	if now.Sub(c.TypedAt) > typeAheadPause {
		c.typed = ""
	}
	c.TypedAt = now
	c.typed += string(unicode.ToLower(r))
	if r == '-' && c.typed == "-" {
		c.SetSelected(Unset)
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
func (c *Choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if !c.Disabled() && len(c.Options) > 0 && c.Options[0] == Unset {
			c.SetSelectedIndex(0)
		}
	case fyne.KeyEscape:
		if c.OnEsc != nil {
			c.OnEsc()
		}
	default:
		c.Select.TypedKey(ev)
	}
}

// FocusGained scrolls the field into view.
func (c *Choice) FocusGained() {
	c.Select.FocusGained()
	if c.OnFocus != nil {
		c.OnFocus(c)
	}
}

// textEntry is an Entry that scrolls into view when focused and gives the
// keyboard back to the image on Escape.
type TextEntry struct {
	widget.Entry
	OnFocus  func(o fyne.CanvasObject)
	OnEsc    func()
	OnResize func()
	Rows     int // the rows the entry is sized for, when it fits its text
}

// Resize lets a wrapping entry fit its text to the new width.
func (e *TextEntry) Resize(s fyne.Size) {
	old := e.Size()
	e.Entry.Resize(s)
	if e.OnResize != nil && old.Width != s.Width {
		e.OnResize()
	}
}

func NewTextEntry(multi bool) *TextEntry {
	e := &TextEntry{}
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
func (e *TextEntry) AcceptsTab() bool { return false }

// FocusGained scrolls the field into view.
func (e *TextEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocus != nil {
		e.OnFocus(e)
	}
}

// TypedKey gives the keyboard back to the image on Escape.
func (e *TextEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEsc != nil {
		e.OnEsc()
		return
	}
	e.Entry.TypedKey(ev)
}

// checkBox is a Check that scrolls into view when focused.
type CheckBox struct {
	widget.Check
	OnFocus func(o fyne.CanvasObject)
	OnEsc   func()
}

func NewCheckBox(label string, changed func(bool)) *CheckBox {
	c := &CheckBox{}
	c.Text = label
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained scrolls the box into view.
func (c *CheckBox) FocusGained() {
	c.Check.FocusGained()
	if c.OnFocus != nil {
		c.OnFocus(c)
	}
}

// TypedKey gives the keyboard back to the image on Escape.
func (c *CheckBox) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.OnEsc != nil {
		c.OnEsc()
		return
	}
	c.Check.TypedKey(ev)
}

// enableWidget enables or disables w when it is not so already.
func EnableWidget(w fyne.Disableable, on bool) {
	switch {
	case on && w.Disabled():
		w.Enable()
	case !on && !w.Disabled():
		w.Disable()
	}
}

// heading is a sub-heading inside a section.
func Heading(text string) fyne.CanvasObject {
	t := canvas.NewText(text, theme.Color(theme.ColorNamePrimary))
	t.TextStyle.Bold = true
	t.TextSize = theme.TextSize()
	return container.NewPadded(t)
}

// muted is secondary text, wrapped.
func Muted(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

// unset is the choice meaning "not recorded".
const Unset = "—"
