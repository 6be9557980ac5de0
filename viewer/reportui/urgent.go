package reportui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// urgentSection is the urgent communication of a complication that needs
// one (a perforation, a suspected oil embolism, a contrast reaction): who
// was told, when and how. Its rows are shown while such a complication is
// recorded, or once something was written in them.
func urgentSection(f *form) []fyne.CanvasObject {
	head := forminput.Heading(lang.L("Urgent communication"))
	needed := func(r *report.Report) bool {
		return r.Complications.UrgentCommunication != nil || slices.ContainsFunc(r.Complications.Items,
			func(c report.Complication) bool { return c.Type.NeedsUrgentCommunication() })
	}
	rows := []fyne.CanvasObject{head}
	var at *forminput.TextEntry
	now := widget.NewButton(lang.L("Now"), func() {
		if at != nil && !at.Disabled() {
			at.SetText(time.Now().Format(time.RFC3339))
		}
	})
	now.Importance = widget.LowImportance
	for _, u := range []struct {
		key, label, hint string
		get              func(u *report.UrgentCommunication) *string
	}{
		{"recipient", lang.L("Told"), lang.L("name and role, e.g. Dr N. Gynaecologist, on call"), func(u *report.UrgentCommunication) *string { return &u.Recipient }},
		{"at", lang.L("When"), lang.L("date and time, e.g. 2026-03-12T10:40:00+01:00"), func(u *report.UrgentCommunication) *string { return &u.At }},
		{"method", lang.L("How"), lang.L("in person, by telephone …"), func(u *report.UrgentCommunication) *string { return &u.Method }},
	} {
		fd := &field{path: "/complications/urgentCommunication/" + u.key, label: u.label}
		e := forminput.NewTextEntry(false)
		e.PlaceHolder = u.hint
		loading := false
		e.OnChanged = func(s string) {
			if loading {
				return
			}
			f.setText(fd, func(r *report.Report) error {
				c := r.Complications.UrgentCommunication
				if c == nil {
					c = &report.UrgentCommunication{}
					r.Complications.UrgentCommunication = c
				}
				*u.get(c) = s
				if *c == (report.UrgentCommunication{}) {
					r.Complications.UrgentCommunication = nil
				}
				return nil
			})
		}
		f.p.wire(&e.OnFocus, &e.OnEsc)
		fd.focus = e
		fd.load = func(r *report.Report) {
			want := ""
			if c := r.Complications.UrgentCommunication; c != nil {
				want = *u.get(c)
			}
			fd.empty = want == ""
			if e.Text != want {
				loading = true
				e.SetText(want)
				loading = false
			}
			on := needed(r)
			forminput.SetVisible(fd.row, on)
			forminput.SetVisible(head, on)
		}
		fd.enable = func(on bool) { forminput.EnableWidget(e, on); forminput.EnableWidget(now, on) }
		if u.key == "at" {
			at = e
			rows = append(rows, f.add(fd, e, now))
		} else {
			rows = append(rows, f.add(fd, e))
		}
	}
	head.Hide()
	return rows
}
