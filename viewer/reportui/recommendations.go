package reportui

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// recsUI is the recommendations under the impression: written from the
// findings and editable like its sentences. An edited recommendation is
// kept when the findings change; when they no longer call for it
// (assess.RecommendationsStale) it is flagged, to remove or keep.
type recsUI struct {
	p       *reportPanel
	root    *fyne.Container
	none    *widget.Label
	rows    []*recRow
	enabled bool
}

type recRow struct {
	// loading is set while load puts the report's text in the entry.
	loading bool
	fd      *field
	entry   *forminput.TextEntry
	stale   *widget.Label
	del     *widget.Button
	obj     fyne.CanvasObject
}

func newRecsUI(p *reportPanel) *recsUI {
	m := &recsUI{p: p, none: widget.NewLabel(lang.L("None")), enabled: true}
	m.root = container.NewVBox(m.none)
	return m
}

func (m *recsUI) fields() []*field {
	out := make([]*field, len(m.rows))
	for i, r := range m.rows {
		out[i] = r.fd
	}
	return out
}

func (m *recsUI) setEnabled(on bool) {
	m.enabled = on
	for _, r := range m.rows {
		forminput.EnableWidget(r.entry, on)
		forminput.EnableWidget(r.del, on)
	}
}

// load shows the recommendations of r.
func (m *recsUI) load(r *report.Report) {
	recs := r.Impression.Recommendations
	if len(recs) != len(m.rows) {
		m.rebuild(len(recs))
	}
	stale := assess.RecommendationsStale(r)
	for i, rec := range recs {
		row := m.rows[i]
		t := rec.Text
		if t == "" {
			t = capitalized(report.LabelIn(rec.Code, r.Language))
		}
		if row.entry.Text != t {
			row.loading = true
			row.entry.SetText(t)
			row.loading = false
		}
		row.fd.empty = t == ""
		isStale := slices.Contains(stale, i)
		forminput.SetVisible(row.stale, isStale)
		// An automatic recommendation comes back while the findings call
		// for it: it can be removed once they no longer do, or when it is
		// the radiologist's own.
		forminput.SetVisible(row.del, isStale || !rec.Auto)
	}
	forminput.SetVisible(m.none, len(recs) == 0)
}

// rebuild makes n recommendation rows.
func (m *recsUI) rebuild(n int) {
	p := m.p
	m.rows = nil
	objs := []fyne.CanvasObject{m.none}
	for i := range n {
		row := &recRow{}
		row.fd = &field{path: "/impression/recommendations/" + strconv.Itoa(i), label: "•"}
		e := forminput.NewTextEntry(true)
		e.OnResize = func() { fitRows(e) }
		p.wire(&e.OnFocus, &e.OnEsc)
		row.entry = e
		row.fd.focus = e
		e.OnChanged = func(s string) {
			if row.loading {
				return
			}
			p.edit(row.fd, row.fd.path, func(r *report.Report) error {
				if i >= len(r.Impression.Recommendations) {
					return errRowGone
				}
				r.Impression.Recommendations[i].Text = s
				return nil
			})
		}
		row.stale = widget.NewLabel(lang.L("The findings no longer call for this recommendation: remove it, or keep it as your own."))
		row.stale.Wrapping = fyne.TextWrapWord
		row.stale.Importance = widget.WarningImportance
		row.stale.Hide()
		row.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			p.editAll("remove recommendation", func(r *report.Report) error {
				if i >= len(r.Impression.Recommendations) {
					return errRowGone
				}
				r.Impression.Recommendations = slices.Delete(r.Impression.Recommendations, i, i+1)
				if len(r.Impression.Recommendations) == 0 {
					r.Impression.Recommendations = nil
				}
				return nil
			})
		})
		row.del.Importance = widget.LowImportance
		forminput.EnableWidget(e, m.enabled)
		forminput.EnableWidget(row.del, m.enabled)
		row.obj = container.NewVBox(container.NewBorder(nil, nil, nil, row.del, e), row.stale)
		row.fd.row = row.obj
		m.rows = append(m.rows, row)
		objs = append(objs, row.obj)
	}
	m.root.Objects = objs
	m.root.Refresh()
}
