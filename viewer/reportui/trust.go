package reportui

import (
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// This file is the report's trust in what it signs: the problems shown
// (the draft checked against the study's images, then the rules), what
// blocks signing and export, the identity banner and the audited re-link
// of a draft to the images shown.

// problems returns the problems of r shown in the panel: the identity
// checks against the study's images (assess.CheckIdentity), then the
// rules and schema (assess.Validate); errors first, each group in the
// order found.
func problems(r *report.Report, st *dicomio.Study) []assess.Issue {
	out := append(assess.CheckIdentity(r, st), assess.Validate(r)...)
	slices.SortStableFunc(out, func(a, b assess.Issue) int {
		return rank(a.Severity) - rank(b.Severity)
	})
	return out
}

func rank(s assess.Severity) int {
	if s == assess.SeverityError {
		return 0
	}
	return 1
}

// Blocking returns what stops the report shown from being signed: the
// draft disagreeing with the images, rule errors and impression
// sentences to review (assess.Blocking). Empty for a signed report.
func (s *Session) Blocking() []assess.Issue {
	if s.r.Status.Signed() {
		return nil
	}
	return assess.Blocking(s.r, s.study)
}

// IdentityErrors returns where the draft's patient or study disagrees
// with the study's images; while there are any, the report can be
// neither signed nor exported.
func (s *Session) IdentityErrors() []assess.Issue {
	return assess.Errors(assess.CheckIdentity(s.r, s.study))
}

// identityRefusal is why an export is refused: the first identity problem.
func identityRefusal(what string, errs []assess.Issue) error {
	msg := fmt.Sprintf(lang.L("%s refused: %s"), what, errs[0].MessageIn(i18n.Lang()))
	if n := len(errs) - 1; n > 0 {
		msg += " (" + fmt.Sprintf(lang.N("and %d more difference", n), n) + ")"
	}
	return errors.New(msg + ". " + lang.L("Re-link the draft to these images or open the right study."))
}

// newIdentityBanner returns the red banner shown while the draft names
// another patient or study than the images: its one-line reason and the
// re-link button.
func (p *reportPanel) newIdentityBanner() {
	p.idText = widget.NewLabel("")
	p.idText.Wrapping = fyne.TextWrapWord
	p.idText.Importance = widget.DangerImportance
	p.idText.TextStyle = fyne.TextStyle{Bold: true}
	p.relinkBtn = widget.NewButtonWithIcon(lang.L("Re-link draft to these images…"), theme.ViewRefreshIcon(), p.c.relinkDialog)
	p.relinkBtn.Importance = widget.DangerImportance
	bg := canvasRect(theme.Color(theme.ColorNameError), 0x30)
	p.idBanner = container.NewStack(bg, container.NewPadded(container.NewVBox(p.idText, container.NewHBox(p.relinkBtn))))
	p.idBanner.Hide()
}

// showIdentity shows (or hides) the identity banner, and the reasons that
// block signing under the tools.
func (p *reportPanel) showIdentity() {
	s := p.s
	errs := s.IdentityErrors()
	if len(errs) == 0 || s.Signed() {
		p.idBanner.Hide()
	} else {
		text := lang.L("Wrong patient or study?") + " " + capitalized(errs[0].MessageIn(i18n.Lang())) + "."
		if n := len(errs) - 1; n > 0 {
			text += " " + fmt.Sprintf(lang.N("%d more difference:", n), n) + " "
			var rest []string
			for _, e := range errs[1:] {
				rest = append(rest, e.MessageIn(i18n.Lang()))
			}
			text += strings.Join(rest, "; ") + "."
		}
		text += " " + lang.L("Signing and export are blocked.")
		if p.idText.Text != text {
			p.idText.SetText(text)
		}
		forminput.EnableWidget(p.relinkBtn, s.opBusy == "")
		p.idBanner.Show()
	}
	block := s.Blocking()
	if len(block) == 0 {
		p.blocked.Hide()
		return
	}
	// The first reasons (identity first); the list below has them all.
	const shown = 2
	lines := []string{lang.L("Signing is blocked until:")}
	for i, is := range block {
		if i == shown {
			lines = append(lines, "• "+fmt.Sprintf(lang.L("and %d more, listed below"), len(block)-shown))
			break
		}
		lines = append(lines, "• "+capitalized(is.MessageIn(i18n.Lang())))
	}
	if t := strings.Join(lines, "\n"); p.blocked.Text != t {
		p.blocked.SetText(t)
	}
	p.blocked.Show()
}

// relinkDialog asks to re-link the draft to the images shown: it shows the
// patient and study the draft names beside those of the images and who
// re-links; on confirmation the draft takes the images' identity and the
// change is recorded in it (Versions lists it).
func (c *Controller) relinkDialog() {
	s := c.session
	if s == nil || s.Signed() {
		return
	}
	s.flush()
	r, st := s.Report(), s.Study()
	img := st.Patient
	if img.ID == "" && img.Name == "" && len(st.Images) > 0 {
		img = st.Images[0].Patient
	}
	grid := container.NewGridWithColumns(3,
		bold(""), bold(lang.L("The draft says")), bold(lang.L("The images say")),
		widget.NewLabel(lang.L("Patient ID")), cell(r.Patient.ID), cell(img.ID),
		widget.NewLabel(lang.L("Name")), cell(personName(r.Patient.Name)), cell(personName(img.Name)),
		widget.NewLabel(lang.L("Birth date")), cell(l10n.DateISO(r.Patient.BirthDate, i18n.Lang())), cell(l10n.DateISO(img.BirthDate, i18n.Lang())),
		widget.NewLabel(lang.L("Study")), cell(r.Study.StudyInstanceUID), cell(st.UID),
		widget.NewLabel(lang.L("Accession")), cell(r.Study.AccessionNumber), cell(st.AccessionNumber),
	)
	warn := widget.NewLabel(lang.L("Re-link only when the findings in this draft were made on these images. The draft takes the patient and study of the images; the values it held are kept in its history."))
	warn.Wrapping = fyne.TextWrapWord
	warn.Importance = widget.WarningImportance
	name := widget.NewEntry()
	name.SetText(s.settings.DefaultAuthor.Name)
	name.SetPlaceHolder(lang.L("Who re-links the draft"))
	content := container.NewVBox(grid, warn, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Re-linked by")), nil, name))
	d := dialog.NewCustomConfirm(lang.L("Re-link draft to these images"), lang.L("Re-link"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		by := report.Person{Name: strings.TrimSpace(name.Text), ID: s.settings.DefaultAuthor.ID}
		c.relink(by, time.Now(), nil)
	}, c.win())
	d.Resize(fyne.NewSize(720, d.MinSize().Height))
	c.showDialog(d)
	c.win().Canvas().Focus(name)
}

// relink re-links the draft to the study shown, by by at time at, after
// the changes queued; done, if set, is called with the result.
func (c *Controller) relink(by report.Person, at time.Time, done func(error)) {
	s := c.session
	if s == nil {
		return
	}
	st := s.Study()
	s.run("re-linked", func(d *drafts.Draft) error { return d.Relink(st, by, at) }, func(err error) {
		if err != nil {
			c.showError(err)
		} else {
			c.notify(fmt.Sprintf(lang.L("Draft re-linked to the images shown by %s; the previous identity is kept in its history"), by.Name))
		}
		if done != nil {
			done(err)
		}
	})
}

// signRefusal is the message of a refused signature: every reason, in
// words.
func signRefusal(err error) error {
	var se *assess.SignError
	if !errors.As(err, &se) {
		return err
	}
	lines := []string{lang.L("The report was not signed:")}
	for _, is := range se.Issues {
		lines = append(lines, "• "+capitalized(is.MessageIn(i18n.Lang())))
	}
	return errors.New(strings.Join(lines, "\n"))
}

// relinkHistory describes the re-links of r, for the versions view.
func relinkHistory(r *report.Report) string {
	var b strings.Builder
	for _, rl := range r.Relinks {
		fmt.Fprintf(&b, lang.L("Re-linked %s by %s: was patient %s"), l10n.DateTime(rl.At.Local(), i18n.Lang()), rl.By.Name,
			orNone(rl.PreviousPatient.ID))
		if n := personName(rl.PreviousPatient.Name); n != "" {
			fmt.Fprintf(&b, " (%s)", n)
		}
		if rl.PreviousPatient.BirthDate != "" {
			fmt.Fprintf(&b, ", "+lang.L("born %s"), l10n.DateISO(rl.PreviousPatient.BirthDate, i18n.Lang()))
		}
		fmt.Fprintf(&b, ", "+lang.L("study %s")+"\n", orNone(rl.PreviousStudy.StudyInstanceUID))
	}
	return b.String()
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return lang.L("(none)")
	}
	return s
}

func personName(n string) string {
	if strings.ContainsAny(n, "^=") {
		return dicomtext.FormatPersonName(n)
	}
	return n
}

// canvasRect is a rectangle of colour c at opacity alpha, behind a
// banner.
func canvasRect(c color.Color, alpha uint8) *canvas.Rectangle {
	return canvas.NewRectangle(withAlpha(c, alpha))
}

func withAlpha(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func cell(s string) *widget.Label {
	l := widget.NewLabel(ui.OneLine(orNone(s)))
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// jumpToIssue opens the section of a problem, focuses its field and
// highlights the fields it reads.
func (p *reportPanel) jumpToIssue(is assess.Issue) {
	p.jumpToPath(is.Path)
	paths := is.Fields
	if len(paths) == 0 {
		paths = []string{is.Path}
	}
	p.highlight(paths)
}

// highlight marks the rows of the fields at paths (and clears the marks
// of the problem clicked before).
func (p *reportPanel) highlight(paths []string) {
	for _, fd := range p.highlighted {
		fd.hl.FillColor = color.Transparent
		fd.hl.StrokeWidth = 0
		fd.hl.Refresh()
	}
	p.highlighted = p.highlighted[:0]
	var fields []*field
	p.form.walk(func(fd *field) { fields = append(fields, fd) })
	fields = append(fields, p.imp.fields()...)
	fields = append(fields, p.keys.fields()...)
	fields = slices.DeleteFunc(fields, func(fd *field) bool { return fd.path == "" || fd.hl == nil })
	for _, path := range paths {
		fd := fieldNear(fields, path)
		if fd == nil || fd.hl == nil || slices.Contains(p.highlighted, fd) {
			continue
		}
		fd.hl.FillColor = withAlpha(theme.Color(theme.ColorNameWarning), 0x38)
		fd.hl.StrokeColor = theme.Color(theme.ColorNameWarning)
		fd.hl.StrokeWidth = 1
		fd.hl.CornerRadius = theme.InputRadiusSize()
		fd.hl.Refresh()
		p.highlighted = append(p.highlighted, fd)
	}
}

// highlightedPaths returns the report paths of the fields highlighted by the
// last problem clicked (for tests).
func (p *reportPanel) highlightedPaths() []string {
	var out []string
	for _, fd := range p.highlighted {
		out = append(out, fd.path)
	}
	return out
}

// fieldNear is fieldFor, or when no field owns path, the first field of
// its parent (the patient ID is shown in the one patient line, the field
// of /patient/name).
func fieldNear(fields []*field, path string) *field {
	if fd := fieldFor(fields, path); fd != nil {
		return fd
	}
	i := strings.LastIndex(path, "/")
	if i <= 0 {
		return nil
	}
	for _, fd := range fields {
		if strings.HasPrefix(fd.path, path[:i+1]) {
			return fd
		}
	}
	return nil
}
