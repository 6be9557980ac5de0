package reportui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// impressionUI is the impression editor: the numbered sentences the
// generator made from the findings (regenerated after every change, see
// report.Report.RefreshImpression), each editable. An edited sentence
// keeps the user's text; when the findings under it change, a warning on
// the sentence offers to keep the text (report.Report.AcceptEdit) or to
// use the generated one. Sentences of one's own can be added. The
// recommendations follow.
//
// All methods must be called on the Fyne goroutine.
type impressionUI struct {
	p       *reportPanel
	root    fyne.CanvasObject
	list    *fyne.Container
	rows    []*impRow
	recs    *recsUI
	addBtn  *widget.Button
	shape   string // the items' kinds and findings, to know when to rebuild
	enabled bool
}

// impRow is one sentence.
type impRow struct {
	fd       *field // /impression/items/i
	entry    *forminput.TextEntry
	tag      *widget.Label
	del      *widget.Button
	tagLine  *fyne.Container // tag and del
	stale    *fyne.Container
	staleMsg *widget.Label
	keep     *widget.Button
	use      *widget.Button
	// generated is the generator's text now, for "use generated".
	generated string
}

func newImpressionUI(p *reportPanel) *impressionUI {
	m := &impressionUI{p: p, enabled: true}
	m.list = container.NewVBox()
	m.recs = newRecsUI(p)
	m.addBtn = widget.NewButtonWithIcon(lang.L("Add a sentence"), theme.ContentAddIcon(), func() {
		p.editAll("add impression sentence", func(r *report.Report) error {
			r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Category: report.CategoryOther})
			return nil
		})
		if n := len(m.rows); n > 0 {
			p.c.win().Canvas().Focus(m.rows[n-1].entry)
		}
	})
	m.addBtn.Importance = widget.LowImportance
	m.root = container.NewVBox(
		forminput.Muted(lang.L("Written from the findings; edit a sentence to use your own words.")),
		m.list,
		container.NewHBox(m.addBtn),
		forminput.Heading(lang.L("Recommendations")),
		m.recs.root,
	)
	return m
}

func (m *impressionUI) first() fyne.Focusable {
	if len(m.rows) > 0 {
		return m.rows[0].entry
	}
	return nil
}

func (m *impressionUI) fields() []*field {
	out := make([]*field, len(m.rows))
	for i, r := range m.rows {
		out[i] = r.fd
	}
	return append(out, m.recs.fields()...)
}

// showIssues shows the issues of each sentence, except that it is stale:
// the sentence's own warning says so, with what to do.
func (m *impressionUI) showIssues(byField map[*field][]assess.Issue) {
	for i, row := range m.rows {
		if row.stale.Visible() {
			byField[row.fd] = slices.DeleteFunc(slices.Clone(byField[row.fd]), func(is assess.Issue) bool {
				return is.Path == "/impression/items/"+strconv.Itoa(i)
			})
		}
	}
	f := &form{fields: m.fields()}
	f.showIssues(byField)
}

func (m *impressionUI) setEnabled(on bool) {
	m.enabled = on
	forminput.EnableWidget(m.addBtn, on)
	m.recs.setEnabled(on)
	for _, r := range m.rows {
		forminput.EnableWidget(r.entry, on)
		forminput.EnableWidget(r.del, on)
		forminput.EnableWidget(r.keep, on)
		forminput.EnableWidget(r.use, on)
	}
}

// summary is the section title's state.
func (m *impressionUI) summary(r *report.Report) string {
	n := len(r.Impression.Items)
	s := fmt.Sprintf(lang.N("%d sentence", n), n)
	if k := len(m.p.s.Stale()); k > 0 {
		s += ", " + fmt.Sprintf(lang.L("%d to review"), k)
	}
	return s
}

// shapeOf describes the items' kinds and findings: rows are rebuilt when
// it changes.
func shapeOf(items []report.ImpressionItem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%v|%s|%s;", it.Auto, it.Category, strings.Join(it.FindingRefs, ","))
	}
	return b.String()
}

// load shows the impression of r.
func (m *impressionUI) load(r *report.Report) {
	items := r.Impression.Items
	if sh := shapeOf(items); sh != m.shape || len(m.rows) != len(items) {
		m.shape = sh
		m.rebuild(len(items))
	}
	stale := map[int]assess.StaleItem{}
	for _, s := range m.p.s.Stale() {
		stale[s.Index] = s
	}
	for i, row := range m.rows {
		it := items[i]
		if row.entry.Text != it.Text {
			row.fd.load(r)
		}
		tag := i18n.K("generated")
		switch {
		case !it.Auto:
			tag = i18n.K("yours")
		case it.Edited():
			tag = i18n.K("edited")
		}
		if t := lang.L(tag); row.tag.Text != t {
			row.tag.SetText(t)
		}
		// "generated" is the rule: only the exceptions are marked.
		forminput.SetVisible(row.tagLine, tag != "generated")
		forminput.SetVisible(row.del, !it.Auto)
		if s, ok := stale[i]; ok {
			row.generated = s.Generated
			msg := lang.L("The findings changed since you edited this sentence; they no longer give a sentence here.")
			if s.Generated != "" {
				msg = fmt.Sprintf(lang.L("The findings changed since you edited this sentence. Generated now: “%s”"), s.Generated)
			}
			row.staleMsg.SetText(msg)
			if s.Generated == "" {
				row.use.SetText(lang.L("Remove it"))
			} else {
				row.use.SetText(lang.L("Use generated"))
			}
			row.stale.Show()
		} else if row.stale.Visible() {
			row.stale.Hide()
		}
	}
	m.recs.load(r)
}

// rebuild makes n sentence rows.
func (m *impressionUI) rebuild(n int) {
	p := m.p
	m.rows = nil
	var objs []fyne.CanvasObject
	for i := range n {
		row := &impRow{}
		path := "/impression/items/" + strconv.Itoa(i)
		row.fd = &field{path: path, label: strconv.Itoa(i+1) + "."}
		e := forminput.NewTextEntry(true)
		p.wire(&e.OnFocus, &e.OnEsc)
		row.entry = e
		e.OnResize = func() { fitRows(e) }
		loading := false
		e.OnChanged = func(s string) {
			if loading {
				return
			}
			if err := p.s.EditText("impression "+strconv.Itoa(i), "edit impression sentence", func(r *report.Report) error {
				if i >= len(r.Impression.Items) {
					return errRowGone
				}
				r.Impression.Items[i].Text = s
				return nil
			}); err != nil {
				p.c.notify(lang.L("Not changed:") + " " + err.Error())
				p.refresh("reload")
			}
		}
		row.fd.focus = e
		row.fd.load = func(r *report.Report) {
			if i < len(r.Impression.Items) && e.Text != r.Impression.Items[i].Text {
				loading = true
				e.SetText(r.Impression.Items[i].Text)
				loading = false
			}
			fitRows(e)
		}
		row.fd.issue = widget.NewLabel("")
		row.fd.issue.Wrapping = fyne.TextWrapWord
		row.fd.issue.Hide()
		row.tag = widget.NewLabel("")
		row.tag.Importance = widget.LowImportance
		row.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			p.editAll("remove impression sentence", func(r *report.Report) error {
				if i >= len(r.Impression.Items) || r.Impression.Items[i].Auto {
					return errRowGone
				}
				r.Impression.Items = append(r.Impression.Items[:i:i], r.Impression.Items[i+1:]...)
				return nil
			})
		})
		row.del.Importance = widget.LowImportance
		row.staleMsg = widget.NewLabel("")
		row.staleMsg.Wrapping = fyne.TextWrapWord
		row.staleMsg.Importance = widget.WarningImportance
		row.keep = widget.NewButtonWithIcon(lang.L("Keep my text"), theme.ConfirmIcon(), func() {
			p.editAll("keep edited sentence", func(r *report.Report) error { return assess.AcceptEdit(r, i) })
		})
		row.use = widget.NewButtonWithIcon(lang.L("Use generated"), theme.ViewRefreshIcon(), func() {
			g := row.generated
			p.editAll("use generated sentence", func(r *report.Report) error {
				if i >= len(r.Impression.Items) {
					return errRowGone
				}
				if g == "" {
					r.Impression.Items = append(r.Impression.Items[:i:i], r.Impression.Items[i+1:]...)
					return nil
				}
				it := &r.Impression.Items[i]
				it.Text, it.GeneratedText = g, g
				return nil
			})
		})
		row.keep.Importance, row.use.Importance = widget.WarningImportance, widget.LowImportance
		row.stale = container.NewVBox(
			container.NewBorder(nil, nil, widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), nil, row.staleMsg),
			container.NewHBox(row.keep, row.use))
		row.stale.Hide()
		num := widget.NewLabelWithStyle(row.fd.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		row.tagLine = container.NewHBox(row.tag, row.del)
		below := container.NewVBox(row.tagLine, row.fd.issue, row.stale)
		objs = append(objs, container.NewBorder(nil, below, container.NewVBox(num), nil, e))
		row.fd.row = objs[len(objs)-1]
		forminput.EnableWidget(e, m.enabled)
		forminput.EnableWidget(row.del, m.enabled)
		forminput.EnableWidget(row.keep, m.enabled)
		forminput.EnableWidget(row.use, m.enabled)
		m.rows = append(m.rows, row)
	}
	if n == 0 {
		objs = append(objs, widget.NewLabel(lang.L("No findings recorded yet.")))
	}
	m.list.Objects = objs
	m.list.Refresh()
}

// fitRows makes a wrapping entry tall enough for its text at its width
// (at least two lines), so that a sentence shows whole.
func fitRows(e *forminput.TextEntry) {
	w := e.Size().Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
	if w <= 0 {
		w = 240
	}
	rows := max(2, wrappedLines(e.Text, w))
	if rows != e.Rows {
		e.Rows = rows
		e.SetMinRowsVisible(rows)
	}
}

// wrappedLines estimates the lines text takes wrapped at width w.
func wrappedLines(text string, w float32) int {
	size := theme.TextSize()
	space := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		var x float32
		for _, word := range strings.Fields(para) {
			ww := fyne.MeasureText(word, size, fyne.TextStyle{}).Width
			if x > 0 && x+space+ww > w {
				lines++
				x = ww
				continue
			}
			if x > 0 {
				x += space
			}
			x += ww
		}
	}
	return lines
}
