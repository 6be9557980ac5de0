package forminput

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A WrapCheck is a CheckBox whose words wrap onto more lines beyond
// MaxWidth, so that a long label (a coded value in Russian runs to twice
// the English) does not widen the form. Its Box takes the keyboard;
// clicking the words toggles it as clicking a check box's label does.
type WrapCheck struct {
	widget.BaseWidget
	Box      *CheckBox
	label    *checkLabel
	MaxWidth float32
}

// NewWrapCheck returns a check box labelled text, at most maxWidth wide.
func NewWrapCheck(text string, maxWidth float32, changed func(bool)) *WrapCheck {
	w := &WrapCheck{Box: NewCheckBox("", changed), MaxWidth: maxWidth}
	w.label = &checkLabel{box: w.Box}
	w.label.Text = text
	w.label.Wrapping = fyne.TextWrapWord
	w.label.ExtendBaseWidget(w.label)
	w.ExtendBaseWidget(w)
	return w
}

// Text returns the check box's words.
func (w *WrapCheck) Text() string { return w.label.Text }

// CreateRenderer implements fyne.Widget.
func (w *WrapCheck) CreateRenderer() fyne.WidgetRenderer {
	return &wrapCheckRenderer{w: w, objs: []fyne.CanvasObject{w.Box, w.label}}
}

type wrapCheckRenderer struct {
	w    *WrapCheck
	objs []fyne.CanvasObject
}

func (r *wrapCheckRenderer) Destroy()                     {}
func (r *wrapCheckRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *wrapCheckRenderer) Refresh()                     { r.w.Box.Refresh(); r.w.label.Refresh() }

// textWidth is the room of the words when the whole is width wide.
func (r *wrapCheckRenderer) textWidth(width float32) float32 {
	return max(0, width-r.w.Box.MinSize().Width)
}

func (r *wrapCheckRenderer) Layout(size fyne.Size) {
	box := r.w.Box.MinSize()
	r.w.Box.Move(fyne.NewPos(0, 0))
	r.w.Box.Resize(box)
	r.w.label.Move(fyne.NewPos(box.Width-theme.InnerPadding(), 0))
	r.w.label.Resize(fyne.NewSize(r.textWidth(size.Width)+theme.InnerPadding(), size.Height))
}

// MinSize is the words on one line, or at most MaxWidth wide with as
// many lines as they take then.
func (r *wrapCheckRenderer) MinSize() fyne.Size {
	box := r.w.Box.MinSize()
	size, style := theme.TextSize(), fyne.TextStyle{}
	pad := 2 * theme.InnerPadding()
	one := fyne.MeasureText(r.w.label.Text, size, style)
	width := min(box.Width+one.Width+pad, max(r.w.MaxWidth, box.Width+pad))
	lines := wrappedLines(r.w.label.Text, r.textWidth(width)-pad, size, style)
	return fyne.NewSize(width, max(box.Height, float32(lines)*one.Height+pad))
}

// wrappedLines counts the lines text takes wrapped at words into width.
func wrappedLines(text string, width, size float32, style fyne.TextStyle) int {
	lines, line := 1, ""
	for _, word := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + word)
		if line != "" && fyne.MeasureText(try, size, style).Width > width {
			lines++
			line = word
			continue
		}
		line = try
	}
	return lines
}

// checkLabel is the words of a WrapCheck: a click toggles its box.
type checkLabel struct {
	widget.Label
	box *CheckBox
}

func (l *checkLabel) Tapped(*fyne.PointEvent) {
	if !l.box.Disabled() {
		l.box.SetChecked(!l.box.Checked)
	}
}
