package pacsui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Options are what the window gives the panel.
type Options struct {
	// Window holds the panel; its dialogs open over it. Required.
	Window fyne.Window
	// Bridge is the window's goroutine → UI bridge; nil makes one over
	// fyne.Do.
	Bridge *ui.Bridge
	// Library receives retrieved studies (copied). Nil: a retrieve asks
	// for a folder and leaves the files there.
	Library *library.Library
	// ConfigPath is the server configuration file;
	// dicomweb.ConfigPath() when empty.
	ConfigPath string
	// Retrieved, if set, is called on the Fyne goroutine after a study
	// was retrieved (and imported): the window opens it or refreshes its
	// worklist.
	Retrieved func(Retrieved)
}

// Retrieved is a study brought from the PACS.
type Retrieved struct {
	StudyUID string
	// Files are the study's files: in the library when InLibrary, else
	// in Dir.
	Files     []string
	InLibrary bool
	Dir       string
	// Added and Present count the instances the library import added and
	// found already there.
	Added, Present int
}

// serverKey is the preference remembering the last server used.
const serverKey = "pacs.server"

// Modalities offered in the search form; RF and XA are checked at first.
var searchModalities = []string{"RF", "XA", "DX", "CR"}

// Panel is the PACS tab: servers, search, results and retrieve. Make it
// with [New]; all its methods run on the Fyne goroutine.
type Panel struct {
	widget.BaseWidget

	opt        Options
	b          bridge
	configPath string
	cfg        *dicomweb.Config
	form       *serverForm // the Add/Edit form open, if any

	servers          *widget.Select
	addBtn, editBtn  *widget.Button
	patientID, name  *widget.Entry
	accession, dates *widget.Entry
	mods             []*widget.Check
	searchBtn        *widget.Button
	stopBtn          *widget.Button
	errLine          *widget.Label
	status           *widget.Label
	table            *widget.Table

	results      []dicomweb.StudyResult
	selected     int // row selected, -1 for none
	gen          int // search generation: older answers are dropped
	cancelSearch context.CancelFunc

	retrieveBtn, againBtn, cancelBtn *widget.Button
	progress                         *widget.ProgressBar
	progLabel                        *widget.Label
	job                              *retrieveJob // the retrieve running or last stopped

	root fyne.CanvasObject
}

// New makes the PACS panel and starts reading the server configuration.
func New(opt Options) *Panel {
	p := &Panel{opt: opt, selected: -1, cfg: &dicomweb.Config{}}
	if opt.Bridge == nil {
		opt.Bridge = &ui.Bridge{Do: fyne.Do}
		p.opt.Bridge = opt.Bridge
	}
	p.b = bridge{opt.Bridge}
	p.build()
	p.ExtendBaseWidget(p)
	p.loadConfig()
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *Panel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.root) }

func (p *Panel) build() {
	p.servers = widget.NewSelect(nil, func(name string) {
		p.editBtn.Enable()
		if a := fyne.CurrentApp(); a != nil && name != "" {
			a.Preferences().SetString(serverKey, name)
		}
	})
	p.servers.PlaceHolder = lang.L("(no server)")
	p.addBtn = widget.NewButtonWithIcon(lang.L("Add…"), theme.ContentAddIcon(), func() { p.openServerForm("") })
	p.addBtn.Disable() // until the configuration is read
	p.editBtn = widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() {
		if p.servers.Selected != "" {
			p.openServerForm(p.servers.Selected)
		}
	})
	p.editBtn.Disable()
	serverRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Server")), container.NewHBox(p.addBtn, p.editBtn), p.servers)

	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnSubmitted = func(string) { p.Search() }
		return e
	}
	p.patientID = entry(lang.L("exact"))
	p.name = entry(lang.L("FAMILY^GIVEN, * and ? wildcards"))
	p.accession = entry("")
	p.dates = entry(lang.L("YYYYMMDD-YYYYMMDD, either end open"))
	modBox := container.NewHBox()
	for _, m := range searchModalities {
		c := widget.NewCheck(m, nil)
		c.Checked = m == "RF" || m == "XA"
		p.mods = append(p.mods, c)
		modBox.Add(c)
	}
	p.searchBtn = widget.NewButtonWithIcon(lang.L("Search"), theme.SearchIcon(), p.Search)
	p.searchBtn.Importance = widget.HighImportance
	p.stopBtn = widget.NewButtonWithIcon(lang.L("Stop"), theme.CancelIcon(), p.StopSearch)
	p.stopBtn.Hide()
	form := container.NewGridWithColumns(3,
		widget.NewForm(widget.NewFormItem(lang.L("Patient ID"), p.patientID), widget.NewFormItem(lang.L("Study date"), p.dates)),
		widget.NewForm(widget.NewFormItem(lang.L("Name"), p.name), widget.NewFormItem(lang.L("Modalities"), modBox)),
		widget.NewForm(widget.NewFormItem(lang.L("Accession"), p.accession),
			widget.NewFormItem("", container.NewHBox(p.searchBtn, p.stopBtn))),
	)
	p.errLine = widget.NewLabel("")
	p.errLine.Importance = widget.DangerImportance
	p.errLine.Truncation = fyne.TextTruncateEllipsis
	p.errLine.Hide()
	p.status = widget.NewLabel("")
	p.status.Importance = widget.LowImportance

	p.table = newResultTable(p)

	p.retrieveBtn = widget.NewButtonWithIcon(lang.L("Retrieve"), theme.DownloadIcon(), p.Retrieve)
	p.retrieveBtn.Importance = widget.HighImportance
	p.retrieveBtn.Disable()
	p.againBtn = widget.NewButtonWithIcon(lang.L("Retrieve again"), theme.ViewRefreshIcon(), p.RetrieveAgain)
	p.againBtn.Hide()
	p.cancelBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), p.CancelRetrieve)
	p.cancelBtn.Hide()
	p.progress = widget.NewProgressBar()
	p.progress.TextFormatter = func() string { return "" }
	p.progress.Hide()
	p.progLabel = widget.NewLabel("")
	p.progLabel.Truncation = fyne.TextTruncateEllipsis
	bottom := container.NewBorder(nil, nil, container.NewVBox(container.NewHBox(p.retrieveBtn, p.againBtn, p.cancelBtn)), nil,
		container.NewVBox(p.progress, p.progLabel))

	top := container.NewVBox(serverRow, form, p.errLine, p.status)
	p.root = container.NewBorder(top, container.NewVBox(widget.NewSeparator(), bottom), nil, nil, p.table)
}

// loadConfig reads the server configuration in the background.
func (p *Panel) loadConfig() {
	path := p.opt.ConfigPath
	p.b.Begin()
	go func() {
		var err error
		if path == "" {
			path, err = dicomweb.ConfigPath()
		}
		cfg := &dicomweb.Config{}
		if err == nil {
			cfg, err = dicomweb.LoadConfig(path)
		}
		p.b.configLoaded(p, path, cfg, err)
	}()
}

// configLoaded takes the configuration (through the bridge).
func (p *Panel) configLoaded(path string, cfg *dicomweb.Config, err error) {
	p.configPath = path
	p.addBtn.Enable()
	if err != nil {
		p.showError(err)
		cfg = &dicomweb.Config{}
	}
	sel := ""
	if a := fyne.CurrentApp(); a != nil {
		sel = a.Preferences().String(serverKey)
	}
	p.setConfig(cfg, sel)
}

// setConfig shows the servers of cfg and selects the one named sel (or
// the first).
func (p *Panel) setConfig(cfg *dicomweb.Config, sel string) {
	p.cfg = cfg
	var names []string
	for _, s := range cfg.Servers {
		names = append(names, s.Name)
	}
	p.servers.SetOptions(names)
	switch {
	case len(names) == 0:
		p.servers.ClearSelected()
		p.editBtn.Disable()
		p.status.SetText(noServerText())
		return
	case cfg.Find(sel) != nil:
		p.servers.SetSelected(sel)
	default:
		p.servers.SetSelected(names[0])
	}
	if p.status.Text == "" || p.status.Text == noServerText() {
		p.status.SetText("")
	}
}

// noServerText is the status line while no server is configured.
func noServerText() string {
	return lang.L("No PACS server is configured: Add… one (its DICOMweb root, e.g. http://host:8042/dicom-web).")
}

// server returns the settings of the server selected.
func (p *Panel) server() (dicomweb.Server, bool) {
	s := p.cfg.Find(p.servers.Selected)
	if s == nil {
		return dicomweb.Server{}, false
	}
	return *s, true
}

// query reads the search form.
func (p *Panel) query() (dicomweb.Query, error) {
	q := dicomweb.Query{
		PatientID:       strings.TrimSpace(p.patientID.Text),
		PatientName:     strings.TrimSpace(p.name.Text),
		AccessionNumber: strings.TrimSpace(p.accession.Text),
	}
	var err error
	if q.DateFrom, q.DateTo, err = dicomweb.ParseDateRange(p.dates.Text); err != nil {
		return q, err
	}
	for _, c := range p.mods {
		if c.Checked {
			q.Modalities = append(q.Modalities, c.Text)
		}
	}
	return q, nil
}

// Search runs the search of the form on the server selected, in the
// background; a search running is stopped first.
func (p *Panel) Search() {
	s, ok := p.server()
	if !ok {
		p.showError(errors.New(lang.L("choose a PACS server first (Add… one if there is none)")))
		return
	}
	q, err := p.query()
	if err != nil {
		p.showError(err)
		return
	}
	p.StopSearch()
	p.gen++
	gen := p.gen
	ctx, cancel := context.WithCancel(context.Background())
	p.cancelSearch = cancel
	p.errLine.Hide()
	p.status.SetText(fmt.Sprintf(lang.L("Searching %s…"), s.Name))
	p.searchBtn.Disable()
	p.stopBtn.Show()
	p.b.Begin()
	go func() {
		defer cancel()
		c, err := dicomweb.New(s)
		var res []dicomweb.StudyResult
		if err == nil {
			res, err = c.SearchStudies(ctx, q)
			c.Close()
		}
		p.b.searched(p, gen, res, err)
	}()
}

// StopSearch cancels the search running, if any.
func (p *Panel) StopSearch() {
	if p.cancelSearch != nil {
		p.cancelSearch()
		p.cancelSearch = nil
		p.gen++ // its answer is dropped
		p.searchBtn.Enable()
		p.stopBtn.Hide()
		p.status.SetText(lang.L("Search stopped"))
	}
}

// searched shows a search's answer (through the bridge).
func (p *Panel) searched(gen int, res []dicomweb.StudyResult, err error) {
	if gen != p.gen {
		return
	}
	p.cancelSearch = nil
	p.searchBtn.Enable()
	p.stopBtn.Hide()
	if err != nil {
		p.status.SetText("")
		p.showError(err)
		return
	}
	p.setResults(res)
	if len(res) == 0 {
		p.status.SetText(lang.L("No study found"))
	} else {
		p.status.SetText(fmt.Sprintf(lang.N("%d studies", len(res)), len(res)))
	}
}

// setResults shows res in the table, nothing selected.
func (p *Panel) setResults(res []dicomweb.StudyResult) {
	p.results = res
	p.selected = -1
	p.table.UnselectAll()
	p.table.Refresh()
	p.table.ScrollToTop()
	p.updateRetrieve()
}

// Results returns the studies shown.
func (p *Panel) Results() []dicomweb.StudyResult { return p.results }

// Select selects row i of the results.
func (p *Panel) Select(i int) { p.table.Select(widget.TableCellID{Row: i, Col: 0}) }

func (p *Panel) rowSelected(i int) {
	if i < 0 || i >= len(p.results) {
		return
	}
	p.selected = i
	p.updateRetrieve()
}

func (p *Panel) updateRetrieve() {
	if p.selected >= 0 && (p.job == nil || p.job.cancel == nil) {
		p.retrieveBtn.Enable()
	} else {
		p.retrieveBtn.Disable()
	}
}

// showError shows err as one red line.
func (p *Panel) showError(err error) {
	p.errLine.SetText(errorText(err))
	p.errLine.Show()
}

var queryRE = regexp.MustCompile(`\?[^\s:]*`)

// opWords name dicomweb.HTTPError's operations (catalogue keys).
var opWords = map[string]string{"search": i18n.K("search"), "retrieve": i18n.K("retrieve"), "store": i18n.K("store")}

// errorText makes one readable line of err: a server's refusal names
// the HTTP status first; URLs lose their query, and the command line's
// option names become the form's.
func errorText(err error) string {
	var he *dicomweb.HTTPError
	s := err.Error()
	if errors.As(err, &he) {
		op := he.Op
		if w, ok := opWords[op]; ok {
			op = lang.L(w)
		}
		s = fmt.Sprintf(lang.L("The server refused the %s: HTTP %d %s"), op, he.Status, httpText(he.Status))
		switch he.Status {
		case 401:
			s += " – " + lang.L("it wants a user and password file, or a token file (Edit… the server)")
		case 403:
			s += " – " + lang.L("the credentials are not allowed to do this")
		}
		if he.Detail != "" {
			s += ": " + he.Detail
		}
		s += " (" + queryRE.ReplaceAllString(he.URL, "") + ")"
		return s
	}
	s = strings.ReplaceAll(s, "dicomweb: ", "")
	s = queryRE.ReplaceAllString(s, "")
	return ui.OneLine(s)
}

// retrieveJob is one study being retrieved, or stopped and resumable.
type retrieveJob struct {
	study     dicomweb.StudyResult
	server    dicomweb.Server
	dir       string
	toLibrary bool
	cancel    context.CancelFunc // nil once it ended
}

// jobProgress is a retrieve's or import's advance.
type jobProgress struct {
	importing   bool
	done, total int
	bytes       int64
}

// retrieveResult is how a retrieve ended.
type retrieveResult struct {
	got      Retrieved
	bytes    int64
	fetched  int
	keptOut  int
	err      error
	canceled bool
}

// Retrieve retrieves the study selected: into the library when the
// panel has one, else into a folder the user picks.
func (p *Panel) Retrieve() {
	if p.selected < 0 || p.selected >= len(p.results) {
		return
	}
	s, ok := p.server()
	if !ok {
		p.showError(errors.New(lang.L("choose a PACS server first")))
		return
	}
	st := p.results[p.selected]
	job := &retrieveJob{study: st, server: s}
	if p.opt.Library != nil {
		job.toLibrary = true
		job.dir = IncomingDir(p.opt.Library.Dir(), st.StudyInstanceUID)
		p.startRetrieve(job)
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		job.dir = filepath.Join(u.Path(), st.StudyInstanceUID)
		p.startRetrieve(job)
	}, p.opt.Window)
	d.Resize(ui.DialogSize(p.opt.Window))
	d.Show()
}

// RetrieveInto retrieves the study selected into dir (no library
// import).
func (p *Panel) RetrieveInto(dir string) {
	if p.selected < 0 || p.selected >= len(p.results) {
		return
	}
	s, ok := p.server()
	if !ok {
		return
	}
	p.startRetrieve(&retrieveJob{study: p.results[p.selected], server: s, dir: dir})
}

// RetrieveAgain resumes the retrieve that stopped.
func (p *Panel) RetrieveAgain() {
	if j := p.job; j != nil && j.cancel == nil {
		p.startRetrieve(&retrieveJob{study: j.study, server: j.server, dir: j.dir, toLibrary: j.toLibrary})
	}
}

// CancelRetrieve stops the retrieve running; what arrived is kept for
// Retrieve again.
func (p *Panel) CancelRetrieve() {
	if j := p.job; j != nil && j.cancel != nil {
		j.cancel()
		p.progLabel.SetText(lang.L("Cancelling…"))
	}
}

// IncomingDir is the private folder of a library where a study is
// retrieved before it is imported (the same as `hsgview pacs get
// --library`): it stays when a retrieve stops, so that the next one
// resumes, and is removed after the import.
func IncomingDir(libDir, studyUID string) string {
	return filepath.Join(libDir, "incoming", studyUID)
}

func (p *Panel) startRetrieve(job *retrieveJob) {
	ctx, cancel := context.WithCancel(context.Background())
	job.cancel = cancel
	p.job = job
	p.errLine.Hide()
	p.retrieveBtn.Disable()
	p.againBtn.Hide()
	p.cancelBtn.Show()
	p.progress.SetValue(0)
	p.progress.Show()
	p.progLabel.SetText(fmt.Sprintf(lang.L("Retrieving %s of %s…"), studyLabel(job.study), dicomtext.FormatPersonName(job.study.PatientName)))
	lib := p.opt.Library
	if !job.toLibrary {
		lib = nil
	}
	p.b.Begin()
	go func() {
		defer cancel()
		p.b.retrieved(p, job, runRetrieve(ctx, job, lib, func(pr jobProgress) { p.b.progress(p, job, pr) }))
	}()
}

// runRetrieve retrieves job's study into job.dir and, with a library,
// imports it (copied) and removes the folder. It runs in the
// background; progress is throttled to ten calls a second.
func runRetrieve(ctx context.Context, job *retrieveJob, lib *library.Library, progress func(jobProgress)) retrieveResult {
	var res retrieveResult
	var last time.Time
	throttled := func(pr jobProgress) {
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond || pr.done == pr.total {
			last = now
			progress(pr)
		}
	}
	c, err := dicomweb.New(job.server)
	if err != nil {
		res.err = err
		return res
	}
	defer c.Close()
	got, err := c.RetrieveStudy(ctx, job.study.StudyInstanceUID, job.dir, dicomweb.RetrieveOptions{Progress: func(pr dicomweb.Progress) {
		res.bytes = pr.Bytes
		throttled(jobProgress{done: pr.Done, total: pr.Total, bytes: pr.Bytes})
	}})
	if err != nil {
		res.err, res.canceled = err, ctx.Err() != nil
		return res
	}
	res.bytes, res.fetched = got.Bytes, got.Retrieved
	res.got = Retrieved{StudyUID: job.study.StudyInstanceUID, Files: got.Files, Dir: job.dir}
	if lib == nil {
		return res
	}
	last = time.Time{}
	imp, err := lib.Import(ctx, []string{job.dir}, library.ImportOptions{Mode: library.ModeCopy, Progress: func(pr library.Progress) {
		if pr.Stage == "importing" {
			throttled(jobProgress{importing: true, done: pr.Done, total: pr.Total})
		}
	}})
	if err != nil {
		res.err, res.canceled = fmt.Errorf(lang.L("import into the library: %w (the retrieved files stay in %s)"), err, job.dir), ctx.Err() != nil
		return res
	}
	for _, pr := range imp.Problems {
		if pr.KeptOut {
			res.keptOut++
		}
	}
	files, err := lib.Files(ctx, job.study.StudyInstanceUID)
	if err != nil {
		res.err = err
		return res
	}
	res.got = Retrieved{StudyUID: job.study.StudyInstanceUID, Files: files, InLibrary: true, Added: imp.Added, Present: imp.Present}
	if res.keptOut == 0 {
		os.RemoveAll(job.dir)
	}
	return res
}

// showProgress shows a retrieve's advance (through the bridge).
func (p *Panel) showProgress(job *retrieveJob, pr jobProgress) {
	if job != p.job || job.cancel == nil || pr.total == 0 {
		return
	}
	p.progress.SetValue(float64(pr.done) / float64(pr.total))
	if pr.importing {
		p.progLabel.SetText(fmt.Sprintf(lang.L("Importing into the library: %d / %d instances"), pr.done, pr.total))
		return
	}
	p.progLabel.SetText(fmt.Sprintf(lang.L("%d / %d instances · %s"), pr.done, pr.total, megabytes(pr.bytes)))
}

// retrieveDone shows how a retrieve ended (through the bridge).
func (p *Panel) retrieveDone(job *retrieveJob, res retrieveResult) {
	job.cancel = nil
	p.cancelBtn.Hide()
	p.updateRetrieve()
	if job != p.job {
		return
	}
	var re *dicomweb.RetrieveError
	switch {
	case errors.As(res.err, &re):
		p.progress.SetValue(float64(re.Done) / float64(max(re.Total, 1)))
		what := lang.L("Stopped")
		if res.canceled {
			what = lang.L("Cancelled")
		}
		p.progLabel.SetText(fmt.Sprintf(lang.L("%s: %d of %d instances are here; Retrieve again resumes."), what, re.Done, re.Total))
		if !res.canceled {
			p.showError(re.Err)
		}
		p.againBtn.Show()
	case res.err != nil:
		p.progress.Hide()
		p.progLabel.SetText("")
		if res.canceled {
			p.progLabel.SetText(lang.L("Cancelled; Retrieve again resumes."))
		} else {
			p.showError(res.err)
		}
		p.againBtn.Show()
	default:
		p.progress.SetValue(1)
		where := fmt.Sprintf(lang.L("into %s"), res.got.Dir)
		if res.got.InLibrary {
			where = fmt.Sprintf(lang.L("into the library (%d added, %d already there)"), res.got.Added, res.got.Present)
		}
		msg := fmt.Sprintf(lang.L("Retrieved %s: %d instances, %s, %s"), studyLabel(job.study), len(res.got.Files), megabytes(res.bytes), where)
		if res.keptOut > 0 {
			msg += "; " + fmt.Sprintf(lang.L("%d kept out of the library (the files stay in %s)"), res.keptOut, job.dir)
		}
		p.progLabel.SetText(msg)
		if p.opt.Retrieved != nil {
			p.opt.Retrieved(res.got)
		}
	}
}

// studyLabel names a study without the patient: date and accession.
func studyLabel(s dicomweb.StudyResult) string {
	l := fmt.Sprintf(lang.L("the study of %s"), isoDate(s.StudyDate))
	if s.AccessionNumber != "" {
		l += " (" + s.AccessionNumber + ")"
	}
	return l
}

// isoDate writes a DICOM date YYYYMMDD in the interface's language
// (2026-03-12, 12.03.2026).
func isoDate(da string) string { return l10n.DateDA(da, i18n.Lang()) }

// megabytes writes a size in MB with one decimal ("12,4 МБ").
func megabytes(b int64) string {
	return l10n.Fixed(float64(b)/1e6, 1, i18n.Lang()) + " " + lang.L("MB")
}
