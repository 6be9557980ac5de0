package viewer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hsgview/annotate/assess"
	"hsgview/annotate/enum"
	"hsgview/annotate/report"
)

// This file is the machinery of the findings form: a field binds one input
// widget to one value of the report, named by its JSON pointer (the paths
// of annotate.Report.Validate and Report.Prefilled). A field shows its
// value (load), writes a change through the report session, shows the
// validation issues of its path under the input and a "from DICOM" badge
// while the value is prefilled and not edited.
//
// Everything here runs on the Fyne goroutine.

// unset is the choice meaning "not recorded".
const unset = "—"

// A form is a group of fields bound to the report shown by a panel; a
// list of rows (filling defects, complications) holds a form per row.
type form struct {
	p      *reportPanel
	fields []*field
	lists  []*listField
	// labelW is the width of the label column of the rows built by this
	// form and the forms of its rows (shared so the columns line up).
	labelW *float32
}

func newForm(p *reportPanel, labelW *float32) *form {
	return &form{p: p, labelW: labelW}
}

// A field is one value of the report and the widgets that show it.
type field struct {
	path  string
	label string
	// load shows the value of r in the input.
	load func(r *report.Report)
	// enable enables or disables the input (and its buttons).
	enable func(on bool)
	// focus is the input to focus when the user jumps to the field.
	focus fyne.Focusable
	row   fyne.CanvasObject
	issue *widget.Label
	badge *canvas.Text
	// local is an issue of the input itself (e.g. not a number), shown
	// before the report's issues.
	local string
	// empty is set by load when the field shows no value (no badge then).
	empty bool
}

// walk calls fn for every field of f and of its lists' rows.
func (f *form) walk(fn func(fd *field)) {
	for _, fd := range f.fields {
		fn(fd)
	}
	for _, l := range f.lists {
		for _, row := range l.rows {
			row.walk(fn)
		}
	}
}

// load shows the values of r in every field, rebuilding lists whose
// length changed.
func (f *form) load(r *report.Report) {
	for _, l := range f.lists {
		l.sync(r)
	}
	f.walk(func(fd *field) {
		if fd.load != nil {
			fd.load(r)
		}
		if fd.badge != nil {
			show := fd.path != "" && !fd.empty && r.IsPrefilled(fd.path)
			if show != fd.badge.Visible() {
				setVisible(fd.badge, show)
			}
		}
	})
}

// setEnabled enables or disables every input of the form.
func (f *form) setEnabled(on bool) {
	f.walk(func(fd *field) {
		if fd.enable != nil {
			fd.enable(on)
		}
	})
	for _, l := range f.lists {
		l.setEnabled(on)
	}
}

// showIssues shows under each field the issues of its path (or of a path
// below it that no other field owns).
func (f *form) showIssues(byField map[*field][]assess.Issue) {
	f.walk(func(fd *field) {
		if fd.issue == nil {
			return
		}
		var lines []string
		imp := widget.WarningImportance
		if fd.local != "" {
			lines = append(lines, fd.local)
			imp = widget.DangerImportance
		}
		for _, is := range byField[fd] {
			lines = append(lines, capitalized(is.Message))
			if is.Severity == assess.SeverityError {
				imp = widget.DangerImportance
			}
		}
		text := strings.Join(lines, "\n")
		if text == fd.issue.Text && imp == fd.issue.Importance && fd.issue.Visible() == (text != "") {
			return
		}
		fd.issue.Importance = imp
		fd.issue.SetText(text)
		setVisible(fd.issue, text != "")
	})
}

// add registers fd, builds its row (label, input line, badge, issue) and
// returns the row.
func (f *form) add(fd *field, input fyne.CanvasObject, trailing ...fyne.CanvasObject) fyne.CanvasObject {
	fd.issue = widget.NewLabel("")
	fd.issue.Wrapping = fyne.TextWrapWord
	fd.issue.Hide()
	if fd.path != "" {
		fd.badge = canvas.NewText("from DICOM", theme.Color(theme.ColorNamePrimary))
		fd.badge.TextSize = theme.CaptionTextSize()
		fd.badge.Hide()
		trailing = append(trailing, fd.badge)
	}
	line := input
	if len(trailing) > 0 {
		line = container.NewBorder(nil, nil, nil, container.NewHBox(trailing...), input)
	}
	fd.row = f.row(fd.label, container.NewVBox(line, fd.issue))
	f.fields = append(f.fields, fd)
	return fd.row
}

// addWide is add for an input that needs the whole width (a set of check
// boxes): the label on a line of its own above it.
func (f *form) addWide(fd *field, input fyne.CanvasObject) fyne.CanvasObject {
	fd.issue = widget.NewLabel("")
	fd.issue.Wrapping = fyne.TextWrapWord
	fd.issue.Hide()
	fd.badge = canvas.NewText("from DICOM", theme.Color(theme.ColorNamePrimary))
	fd.badge.TextSize = theme.CaptionTextSize()
	fd.badge.Hide()
	l := widget.NewLabel(fd.label)
	fd.row = container.NewVBox(container.NewHBox(l, container.NewCenter(fd.badge)),
		container.New(&indentLayout{indent: 2 * theme.Padding()}, input), fd.issue)
	f.fields = append(f.fields, fd)
	return fd.row
}

// indentLayout places its only object indented from the left.
type indentLayout struct{ indent float32 }

func (l *indentLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(l.indent, 0))
	objs[0].Resize(fyne.NewSize(size.Width-l.indent, size.Height))
}

func (l *indentLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Add(fyne.NewSize(l.indent, 0))
}

// minWidthLayout gives its only object at least width w.
type minWidthLayout struct{ w float32 }

func (l *minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

func (l *minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(m.Width, l.w), m.Height)
}

// row lays out a label and a value, the label in the form's column.
func (f *form) row(label string, value fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	if w := fyne.MeasureText(label, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding(); w > *f.labelW {
		*f.labelW = w
	}
	return container.New(&rowLayout{labelW: f.labelW}, l, value)
}

// set writes a change of fd's value through the session: edit changes
// the report; the value no longer counts as prefilled. When the change is
// refused (a signed report), the field shows the report's value again.
func (f *form) set(fd *field, edit func(r *report.Report) error) {
	f.p.edit(fd, "", edit)
}

// setText is set for a value being typed (saved once typing pauses).
func (f *form) setText(fd *field, edit func(r *report.Report) error) {
	f.p.edit(fd, fd.path, edit)
}

// clearPrefilled records that the user edited the value at path: it and
// the prefilled values above and below it are no longer marked (the dose
// is prefilled as a whole, for example).
// store returns the edit that sets the value ptr finds in a report to v;
// it fails with errRowGone when the row holding it was removed.
func store[T any](ptr func(r *report.Report) *T, v T) func(r *report.Report) error {
	return func(r *report.Report) error {
		p := ptr(r)
		if p == nil {
			return errRowGone
		}
		*p = v
		return nil
	}
}

// storeCopy is store for an optional value: the report gets its own
// copy of *v, or nil.
func storeCopy[T any](ptr func(r *report.Report) **T, v *T) func(r *report.Report) error {
	return func(r *report.Report) error {
		p := ptr(r)
		if p == nil {
			return errRowGone
		}
		*p = nil
		if v != nil {
			*p = new(*v)
		}
		return nil
	}
}

func clearPrefilled(r *report.Report, path string) {
	if path == "" {
		return
	}
	for _, p := range append([]string(nil), r.Prefilled...) {
		if p == path || strings.HasPrefix(path, p+"/") || strings.HasPrefix(p, path+"/") {
			r.ClearPrefilled(p)
		}
	}
}

// rowLayout places a label in a column of width *labelW and the value in
// the rest; the row is as tall as the taller of the two.
type rowLayout struct{ labelW *float32 }

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := min(*l.labelW, size.Width*0.45)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(lw, objs[0].MinSize().Height))
	objs[1].Move(fyne.NewPos(lw, 0))
	objs[1].Resize(fyne.NewSize(size.Width-lw, size.Height))
}

func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(*l.labelW+b.Width, max(a.Height, b.Height))
}

// flowLayout places objects left to right, wrapping onto new lines.
type flowLayout struct{ gap float32 }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var x, y, lineH float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > size.Width {
			x, y, lineH = 0, y+lineH+l.gap, 0
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(m)
		x += m.Width + l.gap
		lineH = max(lineH, m.Height)
	}
}

// MinSize is one object wide; the height assumes the width of the
// widest object per line, which the panel always exceeds.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			w = max(w, m.Width)
			h = max(h, m.Height)
		}
	}
	return fyne.NewSize(w, h)
}

// flowBox is a container that wraps its objects and reports the height
// the wrapping needs at its current width.
type flowBox struct {
	widget.BaseWidget
	objs []fyne.CanvasObject
	gap  float32
}

func newFlowBox(objs ...fyne.CanvasObject) *flowBox {
	b := &flowBox{objs: objs, gap: theme.Padding()}
	b.ExtendBaseWidget(b)
	return b
}

func (b *flowBox) CreateRenderer() fyne.WidgetRenderer { return &flowRenderer{b: b} }

type flowRenderer struct{ b *flowBox }

func (r *flowRenderer) Layout(size fyne.Size) { (&flowLayout{gap: r.b.gap}).Layout(r.b.objs, size) }

func (r *flowRenderer) MinSize() fyne.Size {
	width := r.b.Size().Width
	var x, y, lineH, w float32
	for _, o := range r.b.objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		if x > 0 && width > 0 && x+m.Width > width {
			x, y, lineH = 0, y+lineH+r.b.gap, 0
		}
		x += m.Width + r.b.gap
		lineH = max(lineH, m.Height)
	}
	return fyne.NewSize(w, y+lineH)
}

func (r *flowRenderer) Refresh() {
	for _, o := range r.b.objs {
		o.Refresh()
	}
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.b.objs }
func (r *flowRenderer) Destroy()                     {}

// Resize lays the objects out again; the height they need depends on the
// width, so the parent is told by a refresh.
func (b *flowBox) Resize(s fyne.Size) {
	old := b.Size()
	b.BaseWidget.Resize(s)
	if old.Width != s.Width {
		b.Refresh()
	}
}

func setVisible(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// capitalized returns s with its first letter in upper case (the PDF's
// labels for values printed inside sentences start in lower case).
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
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

// Field constructors. ptr returns the value's place in a report, or nil
// when it is gone (a row that was removed).

// enumField binds a choice to an enumerated value; values are the
// choices offered (all of E's when nil).
func enumField[E ~string](f *form, path, label string, ptr func(r *report.Report) *E, values ...E) *field {
	if values == nil {
		values = enum.Values[E]()
	}
	opts := []string{unset}
	byLabel := map[string]E{unset: ""}
	for _, v := range values {
		l := capitalized(report.Label(v))
		opts = append(opts, l)
		byLabel[l] = v
	}
	fd := &field{path: path, label: label}
	var c *choice
	loading := false
	c = newChoice(opts, func(s string) {
		if loading {
			return
		}
		f.set(fd, store(ptr, byLabel[s]))
	})
	f.p.wire(&c.onFocus, &c.onEsc)
	fd.focus = c
	fd.load = func(r *report.Report) {
		want := unset
		if p := ptr(r); p != nil && *p != "" {
			want = capitalized(report.Label(*p))
			if _, ok := byLabel[want]; !ok { // a value this form does not offer
				c.Options = append(c.Options, want)
				byLabel[want] = *p
			}
		}
		fd.empty = want == unset
		if c.Selected != want {
			loading = true
			c.SetSelected(want)
			loading = false
		}
	}
	fd.enable = func(on bool) { enableWidget(c, on) }
	f.add(fd, c)
	return fd
}

// boolField binds a Yes/No choice to a *bool (nil: not recorded).
func boolField(f *form, path, label string, ptr func(r *report.Report) **bool) *field {
	fd := &field{path: path, label: label}
	loading := false
	c := newChoice([]string{unset, "Yes", "No"}, nil)
	c.OnChanged = func(s string) {
		if loading {
			return
		}
		var v *bool
		switch s {
		case "Yes":
			v = new(true)
		case "No":
			v = new(false)
		}
		f.set(fd, storeCopy(ptr, v))
	}
	f.p.wire(&c.onFocus, &c.onEsc)
	fd.focus = c
	fd.load = func(r *report.Report) {
		want := unset
		if p := ptr(r); p != nil && *p != nil {
			want = "No"
			if **p {
				want = "Yes"
			}
		}
		fd.empty = want == unset
		if c.Selected != want {
			loading = true
			c.SetSelected(want)
			loading = false
		}
	}
	fd.enable = func(on bool) { enableWidget(c, on) }
	f.add(fd, c)
	return fd
}

// textField binds an entry to a string; multi for several lines.
func textField(f *form, path, label string, multi bool, ptr func(r *report.Report) *string, placeholder string) *field {
	fd := &field{path: path, label: label}
	e := newTextEntry(multi)
	e.PlaceHolder = placeholder
	loading := false
	e.OnChanged = func(s string) {
		if loading {
			return
		}
		f.setText(fd, store(ptr, s))
	}
	f.p.wire(&e.onFocus, &e.onEsc)
	fd.focus = e
	fd.load = func(r *report.Report) {
		want := ""
		if p := ptr(r); p != nil {
			want = *p
		}
		fd.empty = want == ""
		if e.Text != want {
			loading = true
			e.SetText(want)
			loading = false
		}
	}
	fd.enable = func(on bool) { enableWidget(e, on) }
	f.add(fd, e)
	return fd
}

// numberField binds an entry to a *float64 (nil: empty), shown with the
// unit after it. It accepts a decimal comma.
func numberField(f *form, path, label, unit string, ptr func(r *report.Report) **float64, extra ...fyne.CanvasObject) (*field, *textEntry) {
	return scalarField(f, path, label, unit, parseNumber, formatNumber, "is not a number", ptr, extra...)
}

// intField binds an entry to a *int.
func intField(f *form, path, label, unit string, ptr func(r *report.Report) **int) *field {
	fd, _ := scalarField(f, path, label, unit, parseInt, formatInt, "is not a whole number", ptr)
	return fd
}

// scalarField binds an entry to an optional number (nil: empty): parse
// reads typed text ("" is nil; false when it does not parse, which bad
// completes the message for), format prints a value.
func scalarField[T comparable](f *form, path, label, unit string, parse func(string) (*T, bool), format func(*T) string,
	bad string, ptr func(r *report.Report) **T, extra ...fyne.CanvasObject) (*field, *textEntry) {
	fd := &field{path: path, label: label}
	e := newTextEntry(false)
	loading := false
	e.OnChanged = func(s string) {
		if loading {
			return
		}
		s = strings.TrimSpace(s)
		v, ok := parse(s)
		if !ok {
			fd.local = "“" + s + "” " + bad
			f.p.showIssues()
			return
		}
		fd.local = ""
		f.setText(fd, storeCopy(ptr, v))
	}
	f.p.wire(&e.onFocus, &e.onEsc)
	fd.focus = e
	fd.load = func(r *report.Report) {
		var cur *T
		if p := ptr(r); p != nil {
			cur = *p
		}
		fd.empty = cur == nil
		if typed, ok := parse(e.Text); ok && samePtr(typed, cur) {
			return // what is typed says the same ("1." while typing "1.5")
		}
		loading = true
		e.SetText(format(cur))
		loading = false
		fd.local = ""
	}
	fd.enable = func(on bool) {
		enableWidget(e, on)
		for _, o := range extra {
			if d, ok := o.(fyne.Disableable); ok {
				enableWidget(d, on)
			}
		}
	}
	trailing := []fyne.CanvasObject{}
	if unit != "" {
		trailing = append(trailing, widget.NewLabel(unit))
	}
	trailing = append(trailing, extra...)
	f.add(fd, e, trailing...)
	return fd, e
}

// setField binds check boxes, one per value, to a list of enumerated
// values (indications, history, limitations …), kept in schema order.
func setField[E ~string](f *form, path, label string, ptr func(r *report.Report) *[]E) *field {
	fd := &field{path: path, label: label}
	values := enum.Values[E]()
	boxes := make([]*checkBox, len(values))
	objs := make([]fyne.CanvasObject, len(values))
	loading := false
	for i, v := range values {
		boxes[i] = newCheckBox(capitalized(report.Label(v)), func(on bool) {
			if loading {
				return
			}
			f.set(fd, func(r *report.Report) error {
				p := ptr(r)
				if p == nil {
					return errRowGone
				}
				var out []E
				for _, w := range values {
					has := containsValue(*p, w)
					if w == v {
						has = on
					}
					if has {
						out = append(out, w)
					}
				}
				for _, w := range *p { // values this form does not know
					if !containsValue(values, w) {
						out = append(out, w)
					}
				}
				*p = out
				return nil
			})
		})
		f.p.wire(&boxes[i].onFocus, &boxes[i].onEsc)
		objs[i] = boxes[i]
	}
	fd.focus = boxes[0]
	fd.load = func(r *report.Report) {
		var cur []E
		if p := ptr(r); p != nil {
			cur = *p
		}
		fd.empty = len(cur) == 0
		loading = true
		for i, v := range values {
			if on := containsValue(cur, v); boxes[i].Checked != on {
				boxes[i].SetChecked(on)
			}
		}
		loading = false
	}
	fd.enable = func(on bool) {
		for _, b := range boxes {
			enableWidget(b, on)
		}
	}
	f.addWide(fd, newFlowBox(objs...))
	return fd
}

// infoField shows a value that is not edited here (e.g. from the
// headers), with its badge.
func infoField(f *form, path, label string, text func(r *report.Report) string) *field {
	fd := &field{path: path, label: label}
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	fd.load = func(r *report.Report) {
		t := text(r)
		fd.empty = t == "" || t == unset
		if t != l.Text {
			l.SetText(t)
		}
	}
	f.add(fd, l)
	return fd
}

func containsValue[E comparable](vs []E, v E) bool {
	for _, w := range vs {
		if w == v {
			return true
		}
	}
	return false
}

// errRowGone is the error of a change to a row that was removed.
var errRowGone = errorString("hsgview: the row was removed")

type errorString string

func (e errorString) Error() string { return string(e) }

// parseNumber reads a number typed by the user; "" is nil. A decimal
// comma is accepted.
func parseNumber(s string) (*float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, false
	}
	return &v, true
}

// samePtr reports whether two optional values are equal.
func samePtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// parseInt reads a whole number typed by the user; "" is nil.
func parseInt(s string) (*int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, false
	}
	return &n, true
}

// formatInt prints a whole number for an entry.
func formatInt(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

// formatNumber prints a value for an entry: as short as it is exact.
func formatNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
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

// A listField is a list of rows in the report (filling defects,
// outpouchings, complications), each row a form of its own, with Add and
// Remove buttons.
type listField struct {
	f      *form
	noun   string // "filling defect"
	count  func(r *report.Report) int
	build  func(i int, rf *form) []fyne.CanvasObject
	insert func(r *report.Report)
	remove func(r *report.Report, i int)

	box     *fyne.Container
	rows    []*form
	addBtn  *widget.Button
	delBtns []*widget.Button
	enabled bool
}

// list adds a list of rows to f and returns its container.
func (f *form) list(noun string, count func(r *report.Report) int, build func(i int, rf *form) []fyne.CanvasObject,
	insert func(r *report.Report), remove func(r *report.Report, i int)) fyne.CanvasObject {
	l := &listField{f: f, noun: noun, count: count, build: build, insert: insert, remove: remove, enabled: true}
	l.box = container.NewVBox()
	l.addBtn = widget.NewButtonWithIcon("Add "+noun, theme.ContentAddIcon(), func() {
		f.p.editAll("add "+noun, func(r *report.Report) error { l.insert(r); return nil })
	})
	l.addBtn.Importance = widget.LowImportance
	f.lists = append(f.lists, l)
	return container.NewVBox(l.box, container.NewHBox(l.addBtn))
}

// sync rebuilds the rows when their number changed.
func (l *listField) sync(r *report.Report) {
	n := l.count(r)
	if n == len(l.rows) {
		return
	}
	l.rows, l.delBtns = nil, nil
	var objs []fyne.CanvasObject
	for i := range n {
		rf := newForm(l.f.p, l.f.labelW)
		body := l.build(i, rf)
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			l.f.p.editAll("remove "+l.noun, func(r *report.Report) error {
				if i >= l.count(r) {
					return errRowGone
				}
				l.remove(r, i)
				return nil
			})
		})
		del.Importance = widget.LowImportance
		title := widget.NewLabelWithStyle(capitalized(l.noun)+" "+strconv.Itoa(i+1), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		objs = append(objs, container.NewBorder(nil, nil, nil, del, title))
		objs = append(objs, body...)
		l.rows = append(l.rows, rf)
		l.delBtns = append(l.delBtns, del)
		rf.setEnabled(l.enabled)
		enableWidget(del, l.enabled)
	}
	l.box.Objects = objs
	l.box.Refresh()
}

func (l *listField) setEnabled(on bool) {
	l.enabled = on
	enableWidget(l.addBtn, on)
	for _, b := range l.delBtns {
		enableWidget(b, on)
	}
}
