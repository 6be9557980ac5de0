package reportui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// reportPanel is the findings panel in the viewer's side panel: a header
// (status, sign, amend, versions, PDF export, settings, the validation
// summary) above collapsible sections: clinical, technique, uterus and
// cervix, right tube, left tube, peritoneum and delayed image,
// complications, key images and the impression. Ctrl+1 … Ctrl+9 jump to
// the sections. It shows the report of the viewer's report session and
// changes it through the session, which saves every change.
//
// All methods must be called on the Fyne goroutine.
type reportPanel struct {
	c *Controller
	s *Session

	root        fyne.CanvasObject
	body        fyne.CanvasObject // the sections, hidden without a report
	placeholder *widget.Label
	scroll      *container.Scroll
	acc         *widget.Accordion
	sections    []*section
	form        *form
	labelW      float32

	status    *widget.Label
	hash      *widget.Label
	notes     *widget.Label
	busy      *widget.ProgressBarInfinite
	signBtn   *widget.Button
	amendBtn  *widget.Button
	retryBtn  *widget.Button // shown when a save failed
	issuesBtn *widget.Button
	issueList *fyne.Container
	issueBox  *container.Scroll // scrolls issueList; hidden with it
	issues    []assess.Issue
	// idBanner is shown while the draft names another patient or study
	// than the images (idText says how; relinkBtn re-links it); blocked
	// lists what stops signing.
	idBanner  *fyne.Container
	idText    *widget.Label
	relinkBtn *widget.Button
	blocked   *widget.Label
	// highlighted are the fields marked by the last problem clicked.
	highlighted []*field

	keys     *keyImagesUI
	imp      *impressionUI
	doseView *doseView // the dose panel of the Technique section
	ro       bool      // read-only (signed)
	// jumping is set while jump opens a section (it focuses the field
	// itself).
	jumping bool
	// lastMenu is the last pop-up menu shown (for tests).
	lastMenu *fyne.Menu
}

// Section is one part of the findings panel, in the order shown (and of
// the Ctrl+1 … 9 keys).
type Section int

const (
	SectionClinical Section = iota
	SectionTechnique
	SectionUterus
	SectionRight
	SectionLeft
	SectionPeritoneum
	SectionComplications
	SectionKeyImages
	SectionImpression
)

// A section is one collapsible part of the panel.
type section struct {
	id       Section
	title    string
	prefixes []string // the report paths it shows
	item     *widget.AccordionItem
	first    func() fyne.Focusable
}

var sectionDefs = []struct {
	id       Section
	title    string
	prefixes []string
}{
	{SectionClinical, i18n.K("Clinical"), []string{"/clinical", "/patient", "/study"}},
	{SectionTechnique, i18n.K("Technique"), []string{"/technique"}},
	{SectionUterus, i18n.K("Uterus and cervix"), []string{"/uterus", "/cervix"}},
	{SectionRight, i18n.K("Right tube"), []string{"/tubes/right"}},
	{SectionLeft, i18n.K("Left tube"), []string{"/tubes/left"}},
	{SectionPeritoneum, i18n.K("Peritoneum, delayed image"), []string{"/peritoneum", "/grading"}},
	{SectionComplications, i18n.K("Complications"), []string{"/complications"}},
	{SectionKeyImages, i18n.K("Key images"), []string{"/keyImages"}},
	{SectionImpression, i18n.K("Impression"), []string{"/impression"}},
}

func newReportPanel(c *Controller) *reportPanel {
	p := &reportPanel{c: c}
	p.form = newForm(p, &p.labelW)
	p.keys = newKeyImagesUI(p)
	p.imp = newImpressionUI(p)

	var items []*widget.AccordionItem
	for _, d := range sectionDefs {
		var objs []fyne.CanvasObject
		switch d.id {
		case SectionClinical:
			objs = clinicalSection(p.form)
		case SectionTechnique:
			objs = techniqueSection(p.form)
		case SectionUterus:
			objs = uterusSection(p.form)
		case SectionRight:
			objs = tubeSection(p.form, report.Right)
		case SectionLeft:
			objs = tubeSection(p.form, report.Left)
		case SectionPeritoneum:
			objs = peritoneumSection(p.form)
		case SectionComplications:
			objs = complicationsSection(p.form)
		case SectionKeyImages:
			objs = []fyne.CanvasObject{p.keys.root}
		case SectionImpression:
			objs = []fyne.CanvasObject{p.imp.root}
		}
		sec := &section{id: d.id, title: lang.L(d.title), prefixes: d.prefixes}
		switch d.id {
		case SectionKeyImages:
			sec.first = p.keys.first
		case SectionImpression:
			sec.first = p.imp.first
		default:
			sec.first = func() fyne.Focusable { return firstFocus(objs, p.form) }
		}
		sec.item = widget.NewAccordionItem(sectionTitle(sec, ""),
			newSectionBody(container.NewVBox(objs...), func() { p.sectionOpened(sec) }))
		p.sections = append(p.sections, sec)
		items = append(items, sec.item)
	}
	p.acc = widget.NewAccordion(items...)
	p.acc.MultiOpen = true

	p.notes = widget.NewLabel("")
	p.notes.Wrapping = fyne.TextWrapWord
	p.notes.Importance = widget.LowImportance
	p.notes.Hide()
	p.scroll = container.NewVScroll(container.NewVBox(p.notes, p.acc))

	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.hash = widget.NewLabel("")
	p.hash.Truncation = fyne.TextTruncateEllipsis
	p.hash.Importance = widget.LowImportance
	p.hash.Hide()
	p.busy = widget.NewProgressBarInfinite()
	p.busy.Hide()
	btn := func(label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, fn)
		b.Importance = widget.LowImportance
		return b
	}
	p.signBtn = btn(lang.L("Sign…"), theme.ConfirmIcon(), c.signReportDialog)
	p.amendBtn = btn(lang.L("Amend…"), theme.DocumentCreateIcon(), c.amendReportDialog)
	p.retryBtn = widget.NewButtonWithIcon(lang.L("Save again"), theme.ViewRefreshIcon(), func() {
		if p.s != nil {
			p.s.Retry()
		}
	})
	p.retryBtn.Importance = widget.DangerImportance
	p.retryBtn.Hide()
	p.issuesBtn = btn("", theme.WarningIcon(), p.toggleIssues)
	p.issuesBtn.Alignment = widget.ButtonAlignLeading
	p.issueList = container.NewVBox()
	p.issueBox = container.NewVScroll(p.issueList)
	p.issueBox.Hide()
	tools := container.NewHBox(p.signBtn, p.amendBtn,
		btn(lang.L("Versions"), theme.HistoryIcon(), c.showReportVersions),
		btn(lang.L("PDF…"), theme.DocumentSaveIcon(), c.exportPDFDialog),
		p.settingsButton())
	title := widget.NewLabelWithStyle(lang.L("Report"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.newIdentityBanner()
	p.blocked = widget.NewLabel("")
	p.blocked.Wrapping = fyne.TextWrapWord
	p.blocked.Importance = widget.DangerImportance
	p.blocked.Hide()
	header := container.NewVBox(
		container.NewBorder(nil, nil, title, nil, p.status),
		p.idBanner,
		p.retryBtn,
		tools,
		p.blocked,
		p.busy,
		p.hash,
		p.issuesBtn,
		p.issueBox,
		widget.NewSeparator(),
	)
	p.placeholder = widget.NewLabel(lang.L("No study open"))
	p.placeholder.Wrapping = fyne.TextWrapWord
	p.placeholder.Alignment = fyne.TextAlignCenter
	p.body = container.NewBorder(header, nil, nil, nil, p.scroll)
	p.root = container.NewStack(p.body, container.NewPadded(p.placeholder))
	p.setSession(c.session)
	return p
}

// firstFocus returns the input of the first of the rows objs that is a
// field of f with one.
func firstFocus(objs []fyne.CanvasObject, f *form) fyne.Focusable {
	for _, o := range objs {
		for _, fd := range f.fields {
			if fd.row == o && fd.focus != nil {
				return fd.focus
			}
		}
	}
	return nil
}

// setSession binds the panel to s (nil: no report open).
func (p *reportPanel) setSession(s *Session) {
	p.s = s
	if s == nil {
		p.body.Hide()
		switch {
		case p.c.err != nil:
			p.placeholder.SetText(lang.L("The report draft could not be opened:") + "\n" + p.c.err.Error())
		case p.c.opening != nil:
			p.placeholder.SetText(lang.L("Opening the report draft…"))
		default:
			p.placeholder.SetText(lang.L("No study open"))
		}
		p.placeholder.Show()
		return
	}
	p.placeholder.Hide()
	p.body.Show()
	s.OnChange(func(what string) {
		if p.s == s {
			p.refresh(what)
		}
	})
	if len(s.notes) > 0 {
		p.notes.SetText(strings.Join(s.notes, "\n"))
		p.notes.Show()
	} else {
		p.notes.Hide()
	}
	p.refresh("reload")
}

// refresh shows the report after a change.
func (p *reportPanel) refresh(what string) {
	if p.s == nil {
		return
	}
	r := p.s.Report()
	switch what {
	case "saved", "busy":
	default:
		p.form.load(r)
		p.keys.load(r)
		p.imp.load(r)
	}
	p.setReadOnly(p.s.Signed() || p.s.opBusy != "")
	p.showIssues()
	p.updateHeader()
}

// setReadOnly disables (or enables) every input.
func (p *reportPanel) setReadOnly(ro bool) {
	if ro == p.ro {
		return
	}
	p.ro = ro
	p.form.setEnabled(!ro)
	p.keys.setEnabled(!ro)
	p.imp.setEnabled(!ro)
}

// updateHeader shows the status, the save time and the buttons that apply.
func (p *reportPanel) updateHeader() {
	s := p.s
	r := s.Report()
	var st string
	switch {
	case r.Status.Signed():
		st = fmt.Sprintf(lang.L("%s · version %d · signed %s by %s"), report.LabelIn(r.Status, i18n.Lang()), r.Version,
			l10n.DateTime(r.SignedAt.Local(), i18n.Lang()), r.Author.Name)
	case len(r.PreviousVersions) > 0:
		st = fmt.Sprintf(lang.L("Draft of version %d (amending version %d)"), len(r.PreviousVersions)+1, r.PreviousVersions[len(r.PreviousVersions)-1].Version)
	default:
		st = lang.L("Draft")
	}
	switch {
	case s.opBusy != "":
		st += " · " + busyText(s.opBusy)
	case s.saveErr != nil:
		st += " · " + lang.L("NOT SAVED:") + " " + s.saveErr.Error()
	case !s.savedAt.IsZero():
		st += " · " + fmt.Sprintf(lang.L("saved %s"), l10n.TimeSeconds(s.savedAt, i18n.Lang()))
	}
	if p.status.Text != st {
		p.status.SetText(st)
		if s.saveErr != nil {
			p.status.Importance = widget.DangerImportance
		} else {
			p.status.Importance = widget.MediumImportance
		}
		p.status.Refresh()
	}
	forminput.SetVisible(p.retryBtn, s.saveErr != nil)
	if r.Status.Signed() && r.ContentHash != "" {
		p.hash.SetText(lang.L("Content hash") + " " + r.ContentHash)
		p.hash.Show()
	} else {
		p.hash.Hide()
	}
	forminput.EnableWidget(p.signBtn, !r.Status.Signed() && s.opBusy == "" && len(s.Blocking()) == 0)
	p.showIdentity()
	forminput.EnableWidget(p.amendBtn, r.Status.Signed() && s.opBusy == "")
}

// showIssues validates and shows each issue under its field and in the
// summary.
func (p *reportPanel) showIssues() {
	if p.s == nil {
		return
	}
	issues := p.s.Issues()
	p.issues = issues
	var fields []*field
	p.form.walk(func(fd *field) {
		if fd.path != "" && fd.issue != nil {
			fields = append(fields, fd)
		}
	})
	fields = append(fields, p.imp.fields()...)
	fields = append(fields, p.keys.fields()...)
	byField := map[*field][]assess.Issue{}
	for _, is := range issues {
		if fd := fieldFor(fields, is.Path); fd != nil {
			byField[fd] = append(byField[fd], is)
		}
	}
	p.form.showIssues(byField)
	p.imp.showIssues(byField)
	p.keys.showIssues(byField)

	errs, warns := 0, 0
	for _, is := range issues {
		if is.Severity == assess.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	text := lang.L("No problems found")
	switch {
	case errs > 0 && warns > 0:
		text = fmt.Sprintf("%s, %s", nErrors(errs), nWarnings(warns))
	case errs > 0:
		text = nErrors(errs)
	case warns > 0:
		text = nWarnings(warns)
	}
	// The count stays short (the error icon says it blocks signing), so
	// that the panel does not widen and push the panes aside when
	// problems appear.
	if p.issuesBtn.Text != text {
		p.issuesBtn.SetText(text)
		switch {
		case errs > 0:
			p.issuesBtn.SetIcon(theme.ErrorIcon())
		case warns > 0:
			p.issuesBtn.SetIcon(theme.WarningIcon())
		default:
			p.issuesBtn.SetIcon(theme.ConfirmIcon())
		}
	}
	if len(issues) == 0 {
		p.issueBox.Hide()
	} else if p.issueBox.Visible() {
		p.fillIssueList()
	}
	p.updateTitles(byField)
}

// fieldFor returns the field that owns path: the one whose path is the
// longest prefix of it.
func fieldFor(fields []*field, path string) *field {
	var best *field
	for _, fd := range fields {
		if (path == fd.path || strings.HasPrefix(path, fd.path+"/")) && (best == nil || len(fd.path) > len(best.path)) {
			best = fd
		}
	}
	return best
}

func nErrors(n int) string   { return fmt.Sprintf(lang.N("%d error", n), n) }
func nWarnings(n int) string { return fmt.Sprintf(lang.N("%d warning", n), n) }

// busyText says which operation on the draft (Session.run) is under way.
func busyText(what string) string {
	switch what {
	case "signed":
		return lang.L("being signed…")
	case "amended":
		return lang.L("being amended…")
	case "re-linked":
		return lang.L("being re-linked…")
	}
	return what + "…"
}

func (p *reportPanel) toggleIssues() {
	if p.issueBox.Visible() {
		p.issueBox.Hide()
		return
	}
	p.fillIssueList()
	p.issueBox.Show()
}

// fillIssueList lists the issues; each jumps to its field.
func (p *reportPanel) fillIssueList() {
	var objs []fyne.CanvasObject
	for _, is := range p.issues {
		sec := p.sectionOf(is.Path)
		where := ""
		if sec != nil {
			where = sec.title + ": "
		}
		// A wrapped label and a button to go there: a button with the
		// whole message would make the panel as wide as the message.
		msg := widget.NewLabel(where + capitalized(is.MessageIn(i18n.Lang())))
		msg.Wrapping = fyne.TextWrapWord
		icon := theme.WarningIcon()
		if is.Severity == assess.SeverityError {
			icon = theme.ErrorIcon()
			msg.Importance = widget.DangerImportance
		} else {
			msg.Importance = widget.WarningImportance
		}
		var goBtn *widget.Button
		if sec != nil {
			goBtn = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.jumpToIssue(is) })
			goBtn.Importance = widget.LowImportance
		}
		var right fyne.CanvasObject
		if goBtn != nil {
			right = goBtn
		}
		objs = append(objs, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), right, msg))
	}
	p.issueList.Objects = objs
	p.issueList.Refresh()
	// Wrapped labels report one line until laid out: allow about three.
	p.issueBox.SetMinSize(fyne.NewSize(0, min(max(p.issueList.MinSize().Height, float32(len(objs))*60), 180)))
}

func (p *reportPanel) sectionOf(path string) *section {
	for _, s := range p.sections {
		for _, pre := range s.prefixes {
			if path == pre || strings.HasPrefix(path, pre+"/") {
				return s
			}
		}
	}
	return nil
}

// updateTitles writes each section's state and problems in its title.
func (p *reportPanel) updateTitles(byField map[*field][]assess.Issue) {
	r := p.s.Report()
	counts := map[*section][2]int{}
	for _, is := range p.issues {
		if s := p.sectionOf(is.Path); s != nil {
			c := counts[s]
			if is.Severity == assess.SeverityError {
				c[0]++
			} else {
				c[1]++
			}
			counts[s] = c
		}
	}
	changed := false
	for _, s := range p.sections {
		sum := ""
		switch s.id {
		case SectionKeyImages:
			sum = p.keys.summary(r)
		case SectionImpression:
			sum = p.imp.summary(r)
		default:
			sum = sectionSummary(s.id, r)
		}
		c := counts[s]
		var probs []string
		if c[0] > 0 {
			probs = append(probs, nErrors(c[0]))
		}
		if c[1] > 0 {
			probs = append(probs, nWarnings(c[1]))
		}
		if len(probs) > 0 {
			if sum != "" {
				sum += " · "
			}
			sum += strings.Join(probs, ", ")
		}
		if t := sectionTitle(s, sum); t != s.item.Title {
			s.item.Title = t
			changed = true
		}
	}
	if changed {
		p.acc.Refresh()
	}
}

// sectionTitle is a section's title: its number and name, and its state
// when there is room (accordion titles do not wrap: a long one would
// widen the panel).
func sectionTitle(s *section, summary string) string {
	t := strconv.Itoa(int(s.id)+1) + "  " + s.title
	if summary != "" {
		t += " — " + summary
	}
	// At most 52 letters and 340 units wide (Cyrillic runs wider).
	const most, widest = 52, 340
	r := []rune(t)
	for n := len(r); n > 8 && (n > most || fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{Bold: true}).Width > widest); n-- {
		t = string(r[:n-1]) + "…"
	}
	return t
}

// edit writes a change of fd through the session (key != "": typed text,
// saved once typing pauses); the value no longer counts as prefilled. A
// refused change (signed report) puts the report's values back.
func (p *reportPanel) edit(fd *field, key string, edit func(r *report.Report) error) {
	if p.s == nil {
		return
	}
	path := fd.path
	full := func(r *report.Report) error {
		if err := edit(r); err != nil {
			return err
		}
		clearPrefilled(r, path)
		return nil
	}
	var err error
	if key != "" {
		err = p.s.EditText(key, "edit "+path, full)
	} else {
		err = p.s.Edit("edit "+path, full)
	}
	if err != nil {
		p.c.notify(lang.L("Not changed:") + " " + err.Error())
		p.refresh("reload")
	}
}

// editAll is edit for a change that is not one field's (add a row, set a
// key image).
func (p *reportPanel) editAll(name string, edit func(r *report.Report) error) bool {
	if p.s == nil {
		return false
	}
	if err := p.s.Edit(name, edit); err != nil {
		p.c.notify(lang.L("Not changed:") + " " + err.Error())
		p.refresh("reload")
		return false
	}
	return true
}

// wire makes an input scroll into view when focused and give the keyboard
// back to the image on Escape.
func (p *reportPanel) wire(onFocus *func(o fyne.CanvasObject), onEsc *func()) {
	*onFocus = p.focused
	*onEsc = p.c.focusActive
}

// ensureVisible scrolls the sections so that o is in view.
func (p *reportPanel) ensureVisible(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	content := p.scroll.Content
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(content).Y
	if top < 0 || !o.Visible() {
		return // not inside the sections
	}
	h, view := o.Size().Height, p.scroll.Size().Height
	off := p.scroll.Offset
	const margin = 24
	switch {
	case top < off.Y:
		off.Y = max(0, top-margin)
	case top+h > off.Y+view:
		off.Y = top + h - view + margin
	default:
		return
	}
	p.scroll.ScrollToOffset(off)
}

// jump opens section id (closing the others), scrolls to it and focuses
// its first input.
func (p *reportPanel) jump(id Section) {
	p.jumping = true
	defer func() { p.jumping = false }()
	for i, s := range p.sections {
		if s.id == id {
			p.acc.Open(i)
		} else {
			p.acc.Close(i)
		}
	}
	p.scroll.Refresh()
	// The section's place once the accordion has laid out again.
	p.scroll.Content.Resize(fyne.NewSize(p.scroll.Size().Width, p.scroll.Content.MinSize().Height))
	sec := p.sections[id]
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(sec.item.Detail).Y - d.AbsolutePositionForObject(p.scroll.Content).Y
	p.scroll.ScrollToOffset(fyne.NewPos(0, max(0, top-40)))
	if f := sec.first(); f != nil && !p.ro {
		p.c.kbd = true
		p.c.win().Canvas().Focus(f)
	}
}

// jumpToPath opens the section of path and focuses its field.
func (p *reportPanel) jumpToPath(path string) {
	sec := p.sectionOf(path)
	if sec == nil {
		return
	}
	p.jump(sec.id)
	var fields []*field
	p.form.walk(func(fd *field) { fields = append(fields, fd) })
	fields = append(fields, p.imp.fields()...)
	fields = append(fields, p.keys.fields()...)
	if fd := fieldFor(fields, path); fd != nil {
		if fd.row != nil {
			p.ensureVisible(fd.row)
		}
		if fd.focus != nil && !p.ro {
			p.c.win().Canvas().Focus(fd.focus)
		}
	}
}

// The window's side: showing the panel, menus and keys.

// reportPanelKey is the preference remembering whether the panel is shown.
const reportPanelKey = "report.panel"

// TogglePanel shows or hides the findings panel.
func (c *Controller) TogglePanel() { c.ShowPanel(!c.shown) }

// ShowPanel shows (or hides) the findings panel beside the images, and
// remembers the choice for the next start.
func (c *Controller) ShowPanel(on bool) {
	c.shown = on
	fyne.CurrentApp().Preferences().SetBool(reportPanelKey, on)
	if !on {
		c.host.SetSidePanel(nil)
		c.focusActive()
		return
	}
	if c.panel == nil {
		c.panel = newReportPanel(c)
	}
	c.host.SetSidePanel(c.panel.root)
}

// JumpToSection shows the panel, opens section id and puts the keyboard
// on its first field.
func (c *Controller) JumpToSection(id Section) {
	if !c.shown {
		c.ShowPanel(true)
	}
	c.panel.jump(id)
}

// RestorePanel shows the panel when the user had it open when the
// program last ended.
func (c *Controller) RestorePanel() {
	if fyne.CurrentApp().Preferences().Bool(reportPanelKey) {
		c.ShowPanel(true)
	}
}

// settingsButton is the header's gear: a menu of the report settings and
// the dose settings.
func (p *reportPanel) settingsButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", theme.SettingsIcon(), func() {
		m := fyne.NewMenu("",
			fyne.NewMenuItem(lang.L("Report settings…"), p.c.reportSettingsDialog),
			fyne.NewMenuItem(lang.L("Dose settings…"), p.c.doseSettingsDialog))
		p.lastMenu = m
		d := fyne.CurrentApp().Driver()
		pos := d.AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
		widget.ShowPopUpMenuAtPosition(m, p.c.win().Canvas(), pos)
	})
	b.Importance = widget.LowImportance
	return b
}
