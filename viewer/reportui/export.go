package reportui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/pacsui"
	"github.com/hsgview/hsgview/viewer/ui"
)

// This file holds the report's dialogs: sign, amend, versions, PDF export
// and settings. The dialogs run on the Fyne goroutine; signing and
// amending go through the session's queue, file work (PDF rendering,
// writing, reading versions and settings) runs on background goroutines
// and comes back through the bridge.

// exportDirKey is the preference remembering the folder of the last PDF.
const exportDirKey = "report.exportDir"

// An exportJob is a PDF export: what to write and where.
type exportJob struct {
	path  string
	paper reportpdf.Paper
	dicom bool // also a DICOM Encapsulated PDF next to it
	// allowDraft writes the DICOM object of an unsigned report, marked
	// "DRAFT, NOT VERIFIED"; without it only a signed report is written.
	allowDraft bool
}

// An exportResult is what an export wrote.
type exportResult struct {
	pdf, dcm string
	images   int
	exp      report.DICOMExport
	warning  error // key images left out
	err      error
}

// exportPDF writes the PDF of the report shown (and optionally its DICOM
// Encapsulated PDF) in the background; done, if set, is called with the
// result on the Fyne goroutine after the panel and status bar show it.
func (c *Controller) exportPDF(job exportJob, done func(exportResult)) {
	s := c.session
	if s == nil {
		return
	}
	if errs := s.IdentityErrors(); len(errs) > 0 {
		what := lang.L("PDF export")
		if job.dicom {
			what = lang.L("PDF and DICOM export")
		}
		err := identityRefusal(what, errs)
		c.showError(err)
		if done != nil {
			done(exportResult{err: err})
		}
		return
	}
	s.flush()
	r := cloneReport(s.Report())
	st, settings := s.Study(), s.settings
	producer := "hsgview"
	if ver := fyne.CurrentApp().Metadata().Version; ver != "" {
		producer += " " + ver
	}
	if p := c.panel; p != nil {
		p.busy.Show()
	}
	c.host.SetStatus(lang.L("Writing the PDF report…"))
	c.b.Begin()
	go func() {
		c.b.pdfExported(c, s, renderExport(r, st, settings, producer, job), done)
	}()
}

// renderExport renders the key images, writes the PDF (mode 0600) and,
// when asked, the DICOM Encapsulated PDF. It runs on a background
// goroutine; r is its own copy.
func renderExport(r *report.Report, st *dicomio.Study, settings reportpdf.Settings, producer string, job exportJob) exportResult {
	res := exportResult{pdf: job.path}
	keys := r.KeyImages
	if len(keys) == 0 {
		keys = keyimage.SuggestKeyImages(st)
	}
	images, err := keyimage.RenderKeyImages(r, st, keys, 0)
	res.images, res.warning = len(images), err
	var pdf bytes.Buffer
	if err := reportpdf.WritePDF(&pdf, r, reportpdf.PDFOptions{Settings: settings, Paper: job.paper, Images: images, Producer: producer}); err != nil {
		res.err = err
		return res
	}
	if err := privatefile.WritePrivate(job.path, pdf.Bytes()); err != nil {
		res.err = fmt.Errorf("hsgview: write %s: %w", job.path, err)
		return res
	}
	if !job.dicom {
		return res
	}
	sources := make([]mark.ImageRef, len(images))
	for i, im := range images {
		sources[i] = im.Key.Image
	}
	var dcm bytes.Buffer
	exp, err := reportpdf.WriteEncapsulatedPDF(&dcm, r, pdf.Bytes(), reportpdf.EncapsulateOptions{Study: st, Sources: sources, Time: time.Now(), AllowDraft: job.allowDraft})
	if err != nil {
		res.err = err
		return res
	}
	res.dcm = strings.TrimSuffix(job.path, filepath.Ext(job.path)) + ".dcm"
	if err := privatefile.WritePrivate(res.dcm, dcm.Bytes()); err != nil {
		res.err = fmt.Errorf("hsgview: write %s: %w", res.dcm, err)
		return res
	}
	res.exp = exp
	return res
}

// pdfDone shows the result of a PDF export (through the bridge) and records
// a DICOM export in the report.
func (c *Controller) pdfDone(s *Session, res exportResult, done func(exportResult)) {
	if p := c.panel; p != nil {
		p.busy.Hide()
	}
	switch {
	case res.err != nil:
		c.host.SetStatus("")
		c.showError(res.err)
	default:
		msg := fmt.Sprintf(lang.L("PDF report written to %s"), res.pdf)
		if res.dcm != "" {
			msg += " " + fmt.Sprintf(lang.L("and DICOM Encapsulated PDF to %s"), res.dcm)
			if s == c.session {
				s.recordExport(res.exp)
			}
		}
		if res.warning != nil {
			msg += " (" + lang.L("some key images left out:") + " " + ui.OneLine(res.warning.Error()) + ")"
		}
		c.notify(msg)
		fyne.CurrentApp().Preferences().SetString(exportDirKey, filepath.Dir(res.pdf))
	}
	if done != nil {
		done(res)
	}
}

// recordExport records the DICOM Encapsulated PDF written from the report:
// in the report shown at once, in the draft after the changes before it
// (signed reports too: exports are not part of what was signed).
func (s *Session) recordExport(exp report.DICOMExport) {
	if s.closed {
		return
	}
	s.r.Exports.PDF = exp
	s.enqueue(queued{name: "record export", op: func(d *drafts.Draft) error {
		return d.RecordExport(func(e *report.Exports) { e.PDF = exp })
	}, keepShown: true})
	s.notify("exported")
}

// defaultExportName is the PDF's suggested file name: no patient name in
// it, only the study's date and accession number.
func defaultExportName(r *report.Report) string {
	name := "hsg-report"
	if d := r.Study.StudyDateTime; len(d) >= 10 {
		name += "-" + d[:10]
	}
	if a := strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			return c
		}
		return -1
	}, r.Study.AccessionNumber); a != "" {
		name += "-" + a
	}
	if r.Version > 0 {
		name += fmt.Sprintf("-v%d", r.Version)
	}
	return name + ".pdf"
}

// exportPDFDialog asks where to write the PDF, the paper and whether to
// write a DICOM Encapsulated PDF too, then exports.
func (c *Controller) exportPDFDialog() {
	s := c.session
	if s == nil {
		c.notify(lang.L("No report to export: open a study first"))
		return
	}
	if errs := s.IdentityErrors(); len(errs) > 0 {
		c.showError(identityRefusal(lang.L("PDF and DICOM export"), errs))
		return
	}
	dir := fyne.CurrentApp().Preferences().String(exportDirKey)
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	path := widget.NewEntry()
	path.SetText(filepath.Join(dir, defaultExportName(s.Report())))
	browse := widget.NewButton(lang.L("Browse…"), func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			p := w.URI().Path()
			w.Close()
			os.Remove(p) // the dialog creates the file; the export writes it with the right mode
			path.SetText(p)
		}, c.win())
		d.SetFileName(filepath.Base(path.Text))
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(path.Text))); err == nil {
			d.SetLocation(l)
		}
		d.Resize(ui.DialogSize(c.win()))
		c.showDialog(d)
	})
	paper := widget.NewSelect([]string{string(reportpdf.PaperA4), string(reportpdf.PaperLetter)}, nil)
	paper.PlaceHolder = forminput.Unset
	paper.SetSelected(string(cmpPaper(s.settings.Paper)))
	withDICOM := widget.NewCheck(lang.L("Also write a DICOM Encapsulated PDF (.dcm) next to it"), nil)
	note := widget.NewLabel("")
	if !s.Signed() {
		// Only a signed report goes to a PACS as a clinical document; a
		// draft's DICOM object needs its own, unchecked, explicit choice.
		withDICOM.Text = lang.L("Write DICOM of this unsigned draft (marked DRAFT, NOT VERIFIED)")
		withDICOM.Refresh()
		note.SetText(lang.L("The report is not signed: the PDF is marked DRAFT."))
		note.Importance = widget.WarningImportance
	}
	items := []*widget.FormItem{
		{Text: lang.L("File"), Widget: container.NewBorder(nil, nil, nil, browse, path)},
		{Text: lang.L("Paper"), Widget: paper},
		{Text: "", Widget: withDICOM},
	}
	if note.Text != "" {
		items = append(items, &widget.FormItem{Text: "", Widget: note})
	}
	d := dialog.NewForm(lang.L("Export PDF report"), lang.L("Export"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		p := strings.TrimSpace(path.Text)
		if !strings.HasSuffix(strings.ToLower(p), ".pdf") {
			p += ".pdf"
		}
		c.exportPDF(exportJob{path: p, paper: reportpdf.Paper(paper.Selected), dicom: withDICOM.Checked,
			allowDraft: withDICOM.Checked && !s.Signed()}, nil)
	}, c.win())
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	c.showDialog(d)
}

// sendToPACSDialog opens "Send to PACS…" (package pacsui) for the report
// shown; its Encapsulated PDF is made by renderExport, as "Export PDF
// report…" with the DICOM option makes it, in a private temporary folder.
func (c *Controller) sendToPACSDialog() {
	s := c.session
	if s == nil {
		c.notify(lang.L("No report to send: open a study first"))
		return
	}
	s.flush()
	r, st, settings := cloneReport(s.Report()), s.Study(), s.settings
	pacsui.ShowSend(pacsui.SendRequest{Window: c.win(), Bridge: c.b.Bridge, Show: c.showDialog, Report: r, Study: st,
		EncapsulatedPDF: func() ([]byte, error) {
			dir, err := os.MkdirTemp("", "hsgview-send-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(dir)
			// A draft's object is marked DRAFT, NOT VERIFIED; the send
			// dialog sends it only with the explicit draft consent.
			res := renderExport(r, st, settings, "hsgview", exportJob{path: filepath.Join(dir, "report.pdf"), paper: cmpPaper(settings.Paper),
				dicom: true, allowDraft: !r.Status.Signed()})
			if res.err != nil {
				return nil, res.err
			}
			return os.ReadFile(res.dcm)
		}})
}

func cmpPaper(p reportpdf.Paper) reportpdf.Paper {
	if p == "" {
		return reportpdf.PaperA4
	}
	return p
}

// signReportDialog asks for the signing radiologist (the settings'
// default author) and signs the report: it becomes final and read-only.
func (c *Controller) signReportDialog() {
	s := c.session
	if s == nil || s.Signed() {
		return
	}
	s.flush()
	name := widget.NewEntry()
	name.SetText(s.settings.DefaultAuthor.Name)
	name.SetPlaceHolder(lang.L("Name of the reporting radiologist"))
	id := widget.NewEntry()
	id.SetText(s.settings.DefaultAuthor.ID)
	id.SetPlaceHolder(lang.L("optional, e.g. GMC number"))
	var errs []string
	for _, is := range s.Blocking() {
		errs = append(errs, "• "+capitalized(is.MessageIn(i18n.Lang())))
	}
	items := []*widget.FormItem{
		{Text: lang.L("Radiologist"), Widget: name},
		{Text: lang.L("ID"), Widget: id},
		{Text: lang.L("Time"), Widget: widget.NewLabel(lang.L("now"))},
	}
	if len(errs) > 0 {
		// Nothing to sign yet: say why instead of offering to.
		l := widget.NewLabel(lang.L("The report cannot be signed until:") + "\n" + strings.Join(errs, "\n"))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		d := dialog.NewCustom(lang.L("Signing blocked"), lang.L("Close"), container.NewVScroll(l), c.win())
		d.Resize(fyne.NewSize(560, min(480, l.MinSize().Height+24*float32(len(errs))+120)))
		c.showDialog(d)
		return
	}
	d := dialog.NewForm(lang.L("Sign report"), lang.L("Sign"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		c.signReport(report.Person{Name: strings.TrimSpace(name.Text), ID: strings.TrimSpace(id.Text)}, time.Now(), nil)
	}, c.win())
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	c.showDialog(d)
	c.win().Canvas().Focus(name)
}

// signReport signs the report as author at time at, after the changes
// queued; done, if set, is called with the result.
func (c *Controller) signReport(author report.Person, at time.Time, done func(error)) {
	s := c.session
	if s == nil {
		return
	}
	st := s.Study()
	s.run("signed", func(d *drafts.Draft) error { return d.Sign(st, author, at) }, func(err error) {
		if err != nil {
			c.showError(signRefusal(err))
		} else {
			r := s.Report()
			c.notify(fmt.Sprintf(lang.L("Report signed by %s: version %d, %s"), r.Author.Name, r.Version, r.ContentHash))
		}
		if done != nil {
			done(err)
		}
	})
}

// amendReportDialog asks why a signed report is amended and reopens it as
// the draft of its next version; the signed version is kept.
func (c *Controller) amendReportDialog() {
	s := c.session
	if s == nil || !s.Signed() {
		return
	}
	reason := forminput.NewTextEntry(true)
	reason.SetPlaceHolder(lang.L("Why the signed report is changed"))
	reason.SetMinRowsVisible(3)
	r := s.Report()
	info := widget.NewLabel(fmt.Sprintf(lang.L("Version %d stays as it was signed; the amendment becomes version %d."), r.Version, r.Version+1))
	info.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(lang.L("Amend report"), lang.L("Amend"), lang.L("Cancel"), []*widget.FormItem{
		{Text: "", Widget: info},
		{Text: lang.L("Reason"), Widget: reason},
	}, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(reason.Text) == "" {
			c.showError(errors.New(lang.L("An amendment needs its reason.")))
			return
		}
		c.amendReport(strings.TrimSpace(reason.Text), nil)
	}, c.win())
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	c.showDialog(d)
	c.win().Canvas().Focus(reason)
}

// amendReport reopens the signed report for amendment.
func (c *Controller) amendReport(reason string, done func(error)) {
	s := c.session
	if s == nil {
		return
	}
	s.run("amended", func(d *drafts.Draft) error { return d.Amend(reason) }, func(err error) {
		if err != nil {
			c.showError(err)
		} else {
			c.notify(lang.L("Report reopened for amendment:") + " " + reason)
		}
		if done != nil {
			done(err)
		}
	})
}

// A versionInfo is a signed version of the report, as saved.
type versionInfo struct {
	version int
	r       *report.Report
	err     error
}

// showReportVersions lists the signed versions of the report (read in the
// background).
func (c *Controller) showReportVersions() {
	s := c.session
	if s == nil {
		return
	}
	store, uid := s.store, s.study.UID
	c.b.Begin()
	go func() {
		var out []versionInfo
		vs, err := store.Versions(uid)
		for _, n := range vs {
			r, err := store.LoadVersion(uid, n)
			out = append(out, versionInfo{version: n, r: r, err: err})
		}
		c.b.versionsLoaded(c, s, out, err)
	}()
}

// versionsShown shows the versions (through the bridge).
func (c *Controller) versionsShown(s *Session, vs []versionInfo, err error) {
	if err != nil {
		c.showError(err)
		return
	}
	cur := s.Report()
	var b strings.Builder
	if len(vs) == 0 {
		b.WriteString(lang.L("No signed version yet.") + "\n")
	}
	for _, x := range vs {
		if x.err != nil {
			fmt.Fprintf(&b, lang.L("Version %d: %v")+"\n\n", x.version, x.err)
			continue
		}
		r := x.r
		fmt.Fprintf(&b, lang.L("Version %d · %s · signed %s by %s")+"\n", x.version, report.LabelIn(r.Status, i18n.Lang()),
			l10n.Date(r.SignedAt.Local(), i18n.Lang())+" "+l10n.TimeSeconds(r.SignedAt.Local(), i18n.Lang()), r.Author.Name)
		if r.AmendmentReason != "" {
			fmt.Fprintf(&b, lang.L("Amended because: %s")+"\n", r.AmendmentReason)
		}
		fmt.Fprintf(&b, lang.L("Content hash: %s")+"\n"+lang.L("Impression:")+"\n%s\n\n", r.ContentHash, indent(r.Impression.FinalText))
	}
	if h := relinkHistory(cur); h != "" {
		b.WriteString(h + "\n")
	}
	if !cur.Status.Signed() {
		fmt.Fprintf(&b, lang.L("Working copy: draft of version %d"), len(cur.PreviousVersions)+1)
		if cur.AmendmentReason != "" {
			fmt.Fprintf(&b, " ("+lang.L("amendment: %s")+")", cur.AmendmentReason)
		}
		b.WriteString("\n")
	}
	l := widget.NewLabel(strings.TrimRight(b.String(), "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	d := dialog.NewCustom(lang.L("Report versions"), lang.L("Close"), container.NewVScroll(l), c.win())
	d.Resize(fyne.NewSize(680, 480))
	c.showDialog(d)
}

func indent(s string) string {
	return "   " + strings.ReplaceAll(s, "\n", "\n   ")
}

// reportSettingsDialog edits the report settings: the institution printed
// on reports, the paper size and the default author.
func (c *Controller) reportSettingsDialog() {
	path := c.cfg.SettingsPath
	c.b.Begin()
	go func() {
		var err error
		if path == "" {
			path, err = reportpdf.DefaultSettingsPath()
		}
		var s reportpdf.Settings
		if err == nil {
			s, err = reportpdf.LoadSettings(path)
		}
		c.b.settingsLoaded(c, path, s, err)
	}()
}

// settingsShown shows the settings dialog (through the bridge).
func (c *Controller) settingsShown(path string, s reportpdf.Settings, err error) {
	if err != nil {
		c.showError(err)
		if path == "" {
			return
		}
	}
	inst, dept := widget.NewEntry(), widget.NewEntry()
	inst.SetText(s.Institution)
	dept.SetText(s.Department)
	addr := forminput.NewTextEntry(true)
	addr.Wrapping = fyne.TextWrapOff
	addr.SetText(strings.Join(s.AddressLines, "\n"))
	addr.SetMinRowsVisible(3)
	paper := widget.NewSelect([]string{string(reportpdf.PaperA4), string(reportpdf.PaperLetter)}, nil)
	paper.PlaceHolder = forminput.Unset
	paper.SetSelected(string(cmpPaper(s.Paper)))
	name, id := widget.NewEntry(), widget.NewEntry()
	name.SetText(s.DefaultAuthor.Name)
	id.SetText(s.DefaultAuthor.ID)
	d := dialog.NewForm(lang.L("Report settings"), lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{
		{Text: lang.L("Institution"), Widget: inst},
		{Text: lang.L("Department"), Widget: dept},
		{Text: lang.L("Address"), Widget: addr, HintText: lang.L("one line per line of the letterhead")},
		{Text: lang.L("Paper"), Widget: paper},
		{Text: lang.L("Radiologist"), Widget: name, HintText: lang.L("proposed when signing")},
		{Text: lang.L("ID"), Widget: id},
	}, func(ok bool) {
		if !ok {
			return
		}
		var lines []string
		for _, l := range strings.Split(addr.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		ns := reportpdf.Settings{
			Institution: strings.TrimSpace(inst.Text), Department: strings.TrimSpace(dept.Text), AddressLines: lines,
			Paper:         reportpdf.Paper(paper.Selected),
			DefaultAuthor: report.Person{Name: strings.TrimSpace(name.Text), ID: strings.TrimSpace(id.Text)},
		}
		c.saveReportSettings(path, ns, nil)
	}, c.win())
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	c.showDialog(d)
}

// saveReportSettings writes the settings in the background and uses them
// for the report shown.
func (c *Controller) saveReportSettings(path string, s reportpdf.Settings, done func(error)) {
	c.b.Begin()
	go func() {
		c.b.settingsSaved(c, s, s.WriteFile(path), done)
	}()
}

// settingsStored takes the result of saving the settings (through the
// bridge).
func (c *Controller) settingsStored(s reportpdf.Settings, err error, done func(error)) {
	if err != nil {
		c.showError(err)
	} else {
		if rs := c.session; rs != nil {
			rs.settings = s
		}
		c.notify(lang.L("Report settings saved"))
	}
	if done != nil {
		done(err)
	}
}
