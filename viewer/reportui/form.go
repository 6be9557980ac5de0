package reportui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// This file is the machinery of the findings form: a field binds one input
// widget to one value of the report, named by its JSON pointer (the paths
// of report.Report.Validate and Report.Prefilled). A field shows its
// value (load), writes a change through the report session, shows the
// validation issues of its path under the input and a "from DICOM" badge
// while the value is prefilled and not edited.
//
// Everything here runs on the Fyne goroutine.

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
	// hl is behind the row: filled while a problem clicked names the
	// field.
	hl    *canvas.Rectangle
	issue *widget.Label
	badge *canvas.Text
	// local is an issue of the input itself (e.g. not a number), shown
	// before the report's issues.
	local string
	// empty is set by load when the field shows no value (no badge then).
	empty bool
	// then, if set, is called on the Fyne goroutine with each change of
	// the field and returns what to change after it in the same edit
	// (the dose estimate follows the DAP and fluoroscopy time).
	then func() func(r *report.Report)
}

// withThen returns edit followed by fd's then.
func (fd *field) withThen(edit func(r *report.Report) error) func(r *report.Report) error {
	if fd.then == nil {
		return edit
	}
	after := fd.then()
	return func(r *report.Report) error {
		if err := edit(r); err != nil {
			return err
		}
		after(r)
		return nil
	}
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
				forminput.SetVisible(fd.badge, show)
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
			lines = append(lines, capitalized(is.MessageIn(i18n.Lang())))
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
		forminput.SetVisible(fd.issue, text != "")
	})
}

// add registers fd, builds its row (label, input line, badge, issue) and
// returns the row.
func (f *form) add(fd *field, input fyne.CanvasObject, trailing ...fyne.CanvasObject) fyne.CanvasObject {
	fd.issue = widget.NewLabel("")
	fd.issue.Wrapping = fyne.TextWrapWord
	fd.issue.Hide()
	if fd.path != "" {
		fd.badge = canvas.NewText(lang.L("from DICOM"), theme.Color(theme.ColorNamePrimary))
		fd.badge.TextSize = theme.CaptionTextSize()
		fd.badge.Hide()
		trailing = append(trailing, fd.badge)
	}
	line := input
	if len(trailing) > 0 {
		line = container.NewBorder(nil, nil, nil, container.NewHBox(trailing...), input)
	}
	fd.hl = canvas.NewRectangle(color.Transparent)
	fd.row = container.NewStack(fd.hl, f.row(fd.label, container.NewVBox(line, fd.issue)))
	f.fields = append(f.fields, fd)
	return fd.row
}

// addWide is add for an input that needs the whole width (a set of check
// boxes): the label on a line of its own above it.
func (f *form) addWide(fd *field, input fyne.CanvasObject) fyne.CanvasObject {
	fd.issue = widget.NewLabel("")
	fd.issue.Wrapping = fyne.TextWrapWord
	fd.issue.Hide()
	fd.badge = canvas.NewText(lang.L("from DICOM"), theme.Color(theme.ColorNamePrimary))
	fd.badge.TextSize = theme.CaptionTextSize()
	fd.badge.Hide()
	l := widget.NewLabel(fd.label)
	fd.hl = canvas.NewRectangle(color.Transparent)
	fd.row = container.NewStack(fd.hl, container.NewVBox(container.NewHBox(l, container.NewCenter(fd.badge)),
		container.New(&indentLayout{indent: 2 * theme.Padding()}, input), fd.issue))
	f.fields = append(f.fields, fd)
	return fd.row
}

// row lays out a label and a value, the label in the form's column.
func (f *form) row(label string, value fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord // a label wider than its column (Russian) takes two lines
	if w := fyne.MeasureText(label, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding(); w > *f.labelW {
		*f.labelW = w
	}
	return container.New(&rowLayout{labelW: f.labelW}, l, value)
}

// set writes a change of fd's value through the session: edit changes
// the report; the value no longer counts as prefilled. When the change is
// refused (a signed report), the field shows the report's value again.
func (f *form) set(fd *field, edit func(r *report.Report) error) {
	f.p.edit(fd, "", fd.withThen(edit))
}

// setText is set for a value being typed (saved once typing pauses).
func (f *form) setText(fd *field, edit func(r *report.Report) error) {
	f.p.edit(fd, fd.path, fd.withThen(edit))
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

// capitalized returns s with its first letter in upper case (the PDF's
// labels for values printed inside sentences start in lower case).
func capitalized(s string) string { return wording.Capitalize(s) }

// Field constructors. ptr returns the value's place in a report, or nil
// when it is gone (a row that was removed).

// enumField binds a choice to an enumerated value; values are the
// choices offered (all of E's when nil).
func enumField[E ~string](f *form, path, label string, ptr func(r *report.Report) *E, values ...E) *field {
	if values == nil {
		values = enum.Values[E]()
	}
	opts := []string{forminput.Unset}
	byLabel := map[string]E{forminput.Unset: ""}
	for _, v := range values {
		l := capitalized(report.LabelIn(v, i18n.Lang()))
		opts = append(opts, l)
		byLabel[l] = v
	}
	fd := &field{path: path, label: label}
	var c *forminput.Choice
	loading := false
	c = forminput.NewChoice(opts, func(s string) {
		if loading {
			return
		}
		f.set(fd, store(ptr, byLabel[s]))
	})
	f.p.wire(&c.OnFocus, &c.OnEsc)
	fd.focus = c
	fd.load = func(r *report.Report) {
		want := forminput.Unset
		if p := ptr(r); p != nil && *p != "" {
			want = capitalized(report.LabelIn(*p, i18n.Lang()))
			if _, ok := byLabel[want]; !ok { // a value this form does not offer
				c.Options = append(c.Options, want)
				byLabel[want] = *p
			}
		}
		fd.empty = want == forminput.Unset
		if c.Selected != want {
			loading = true
			c.SetSelected(want)
			loading = false
		}
	}
	fd.enable = func(on bool) { forminput.EnableWidget(c, on) }
	f.add(fd, c)
	return fd
}

// boolField binds a Yes/No choice to a *bool (nil: not recorded).
func boolField(f *form, path, label string, ptr func(r *report.Report) **bool) *field {
	fd := &field{path: path, label: label}
	loading := false
	yes, no := lang.L("Yes"), lang.L("No")
	c := forminput.NewChoice([]string{forminput.Unset, yes, no}, nil)
	c.OnChanged = func(s string) {
		if loading {
			return
		}
		var v *bool
		switch s {
		case yes:
			v = new(true)
		case no:
			v = new(false)
		}
		f.set(fd, storeCopy(ptr, v))
	}
	f.p.wire(&c.OnFocus, &c.OnEsc)
	fd.focus = c
	fd.load = func(r *report.Report) {
		want := forminput.Unset
		if p := ptr(r); p != nil && *p != nil {
			want = no
			if **p {
				want = yes
			}
		}
		fd.empty = want == forminput.Unset
		if c.Selected != want {
			loading = true
			c.SetSelected(want)
			loading = false
		}
	}
	fd.enable = func(on bool) { forminput.EnableWidget(c, on) }
	f.add(fd, c)
	return fd
}

// textField binds an entry to a string; multi for several lines.
func textField(f *form, path, label string, multi bool, ptr func(r *report.Report) *string, placeholder string) *field {
	fd := &field{path: path, label: label}
	e := forminput.NewTextEntry(multi)
	e.PlaceHolder = placeholder
	loading := false
	e.OnChanged = func(s string) {
		if loading {
			return
		}
		f.setText(fd, store(ptr, s))
	}
	f.p.wire(&e.OnFocus, &e.OnEsc)
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
	fd.enable = func(on bool) { forminput.EnableWidget(e, on) }
	f.add(fd, e)
	return fd
}

// numberField binds an entry to a *float64 (nil: empty), shown with the
// unit after it. It accepts a decimal comma.
func numberField(f *form, path, label, unit string, ptr func(r *report.Report) **float64, extra ...fyne.CanvasObject) (*field, *forminput.TextEntry) {
	return scalarField(f, path, label, unit, forminput.ParseNumber, forminput.FormatNumber, lang.L("“%s” is not a number"), ptr, extra...)
}

// intField binds an entry to a *int.
func intField(f *form, path, label, unit string, ptr func(r *report.Report) **int) *field {
	fd, _ := scalarField(f, path, label, unit, forminput.ParseInt, forminput.FormatInt, lang.L("“%s” is not a whole number"), ptr)
	return fd
}

// scalarField binds an entry to an optional number (nil: empty): parse
// reads typed text ("" is nil; false when it does not parse, which bad
// formats the message for, "%s" the text), format prints a value.
func scalarField[T comparable](f *form, path, label, unit string, parse func(string) (*T, bool), format func(*T) string,
	bad string, ptr func(r *report.Report) **T, extra ...fyne.CanvasObject) (*field, *forminput.TextEntry) {
	fd := &field{path: path, label: label}
	e := forminput.NewTextEntry(false)
	loading := false
	e.OnChanged = func(s string) {
		if loading {
			return
		}
		s = strings.TrimSpace(s)
		v, ok := parse(s)
		if !ok {
			fd.local = fmt.Sprintf(bad, s)
			f.p.showIssues()
			return
		}
		fd.local = ""
		f.setText(fd, storeCopy(ptr, v))
	}
	f.p.wire(&e.OnFocus, &e.OnEsc)
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
		forminput.EnableWidget(e, on)
		for _, o := range extra {
			if d, ok := o.(fyne.Disableable); ok {
				forminput.EnableWidget(d, on)
			}
		}
	}
	trailing := []fyne.CanvasObject{}
	if unit != "" {
		trailing = append(trailing, widget.NewLabel(l10n.Unit(unit, i18n.Lang())))
	}
	trailing = append(trailing, extra...)
	f.add(fd, e, trailing...)
	return fd, e
}

// maxCheckW is the width of a set's check box beyond which its words wrap.
const maxCheckW = 340

// setField binds check boxes, one per value, to a list of enumerated
// values (indications, history, limitations …), kept in schema order.
func setField[E ~string](f *form, path, label string, ptr func(r *report.Report) *[]E) *field {
	fd := &field{path: path, label: label}
	values := enum.Values[E]()
	boxes := make([]*forminput.CheckBox, len(values))
	objs := make([]fyne.CanvasObject, len(values))
	loading := false
	for i, v := range values {
		wc := forminput.NewWrapCheck(capitalized(report.LabelIn(v, i18n.Lang())), maxCheckW, func(on bool) {
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
		boxes[i] = wc.Box
		f.p.wire(&boxes[i].OnFocus, &boxes[i].OnEsc)
		objs[i] = wc
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
			forminput.EnableWidget(b, on)
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
		fd.empty = t == "" || t == forminput.Unset
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
var errRowGone = i18n.Err("the row was removed")

// samePtr reports whether two optional values are equal.
func samePtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// A listField is a list of rows in the report (filling defects,
// outpouchings, complications), each row a form of its own, with Add and
// Remove buttons.
type listField struct {
	f      *form
	noun   string // "filling defect", for the edits' names
	title  string // "Filling defect %d", a row's title
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

// list adds a list of rows to f and returns its container: add is its
// button's label, title the rows' (with %d for the row's number).
func (f *form) list(noun, add, title string, count func(r *report.Report) int, build func(i int, rf *form) []fyne.CanvasObject,
	insert func(r *report.Report), remove func(r *report.Report, i int)) fyne.CanvasObject {
	l := &listField{f: f, noun: noun, title: title, count: count, build: build, insert: insert, remove: remove, enabled: true}
	l.box = container.NewVBox()
	l.addBtn = widget.NewButtonWithIcon(add, theme.ContentAddIcon(), func() {
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
		title := widget.NewLabelWithStyle(fmt.Sprintf(l.title, i+1), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		objs = append(objs, container.NewBorder(nil, nil, nil, del, title))
		objs = append(objs, body...)
		l.rows = append(l.rows, rf)
		l.delBtns = append(l.delBtns, del)
		rf.setEnabled(l.enabled)
		forminput.EnableWidget(del, l.enabled)
	}
	l.box.Objects = objs
	l.box.Refresh()
}

func (l *listField) setEnabled(on bool) {
	l.enabled = on
	forminput.EnableWidget(l.addBtn, on)
	for _, b := range l.delBtns {
		forminput.EnableWidget(b, on)
	}
}
