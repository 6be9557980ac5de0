package worklist

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// pageSize is the number of rows read at once.
const pageSize = 100

// searchDebounce is how long typing pauses before the list is searched.
const searchDebounce = 250 * time.Millisecond

// A column of the study list.
type column struct {
	title string
	width float32
	sort  library.SortKey // "" when the column does not sort
	text  func(r *library.Row, loc *time.Location) string
}

var columns = []column{
	{i18n.K("Patient"), 230, library.SortName, func(r *library.Row, _ *time.Location) string { return orDash(r.PatientName) }},
	{i18n.K("ID"), 110, library.SortPatientID, func(r *library.Row, _ *time.Location) string { return orDash(r.PatientID) }},
	{i18n.K("Born (age)"), 140, "", func(r *library.Row, _ *time.Location) string { return bornText(r) }},
	{i18n.K("Study date"), 105, library.SortDate, func(r *library.Row, _ *time.Location) string { return orDash(l10n.DateISO(r.StudyDate, i18n.Lang())) }},
	{i18n.K("Accession"), 110, library.SortAccession, func(r *library.Row, _ *time.Location) string { return orDash(r.Accession) }},
	{i18n.K("Institution"), 150, "", func(r *library.Row, _ *time.Location) string { return orDash(r.Institution) }},
	{i18n.K("Images"), 110, library.SortImages, func(r *library.Row, _ *time.Location) string { return imagesText(r) }},
	{i18n.K("Delayed film"), 175, "", func(r *library.Row, _ *time.Location) string { return delayedLabel(r.Delayed) }},
	{i18n.K("Report"), 300, library.SortStatus, func(r *library.Row, loc *time.Location) string { return ReportText(r.Report, loc) }},
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func bornText(r *library.Row) string {
	switch {
	case r.BirthDate == "":
		return "—"
	case r.AgeYears >= 0:
		return fmt.Sprintf("%s (%d)", l10n.DateISO(r.BirthDate, i18n.Lang()), r.AgeYears)
	}
	return l10n.DateISO(r.BirthDate, i18n.Lang())
}

func imagesText(r *library.Row) string {
	s := fmt.Sprint(r.Images)
	if r.CineRuns > 0 {
		s += " " + fmt.Sprintf(lang.L("+%d cine"), r.CineRuns)
	}
	if r.Missing > 0 {
		s += " (" + fmt.Sprintf(lang.L("%d missing"), r.Missing) + ")"
	}
	return s
}

// ReportText is the report column: "No report", "Draft · updated …",
// "Signed · Dr A · 2026-03-12 10:05", "Amended v2 · …", times in loc.
func ReportText(rs library.ReportState, loc *time.Location) string {
	when := func(s string) string {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return s
		}
		return l10n.DateTime(t.In(loc), i18n.Lang())
	}
	parts := []string{}
	switch rs.Status {
	case library.StatusDraft:
		parts = append(parts, lang.L("Draft"))
		if rs.Updated != "" {
			parts = append(parts, fmt.Sprintf(lang.L("updated %s"), when(rs.Updated)))
		}
	case library.StatusSigned, library.StatusAmended:
		s := lang.L("Signed")
		if rs.Status == library.StatusAmended {
			s = fmt.Sprintf(lang.L("Amended v%d"), rs.Version)
		}
		parts = append(parts, s)
		if rs.Author != "" {
			parts = append(parts, rs.Author)
		}
		if rs.SignedAt != "" {
			parts = append(parts, when(rs.SignedAt))
		}
	default:
		parts = append(parts, lang.L("No report"))
	}
	return strings.Join(parts, " · ")
}

// statusImportance colours the report column: what waits for the
// radiologist stands out.
func statusImportance(s string) widget.Importance {
	switch s {
	case library.StatusDraft:
		return widget.WarningImportance
	case library.StatusSigned, library.StatusAmended:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// Status filter choices, in the order shown.
var statusChoices = []struct{ label, status string }{
	{i18n.K("All reports"), ""},
	{i18n.K("Unsigned (none or draft)"), library.StatusUnsigned},
	{i18n.K("No report"), library.StatusNone},
	{i18n.K("Draft"), library.StatusDraft},
	{i18n.K("Signed"), library.StatusSigned},
	{i18n.K("Amended"), library.StatusAmended},
}

// Screen is the start screen: the study list of the library in a
// "Studies" tab (more tabs may be added, e.g. a PACS query), with its
// filters, sort and keyboard navigation. Rows are read a page at a time
// ([library.Library.Worklist]): memory does not grow with the library.
//
// All methods must be called on the Fyne goroutine.
type Screen struct {
	win fyne.Window
	lib *library.Library
	b   *ui.Bridge
	loc *time.Location

	tabs    *container.AppTabs
	root    fyne.CanvasObject
	table   *widget.Table
	keys    *keyTarget
	statusF *widget.Select
	from    *dateEntry
	to      *dateEntry
	search  *searchEntry
	count   *widget.Label
	topBar  *fyne.Container
	info    *widget.Label
	rescan  *widget.Button
	openBtn *widget.Button
	remove  *widget.Button
	empty   fyne.CanvasObject

	q        library.Query // filters and sort; Offset and Limit unused
	total    int
	gen      int // bumps with every change of the query
	cancel   context.CancelFunc
	fetchCtx context.Context
	pages    map[int][]library.Row
	inflight map[int]bool
	sel      int // selected row, -1 for none
	want     int // row to select once its page arrives, -1 for none
	lastPage int
	debounce time.Duration
	timer    *time.Timer

	// OnOpen is called to open a row's study.
	OnOpen func(r library.Row)
	// OnImport, OnDemo, OnRemove, OnRescan and OnAudit are the screen's
	// housekeeping actions (the Shell sets them).
	OnImport func()
	OnDemo   func()
	OnRemove func(r library.Row)
	OnRescan func(r library.Row)
	OnAudit  func()
}

// NewScreen returns the study list of lib. b carries results of the
// background queries to the Fyne goroutine.
func NewScreen(win fyne.Window, lib *library.Library, b *ui.Bridge) *Screen {
	s := &Screen{win: win, lib: lib, b: b, loc: time.Local, sel: -1, want: -1,
		pages: map[int][]library.Row{}, inflight: map[int]bool{}, debounce: searchDebounce,
		q: library.Query{Sort: library.SortDate, Desc: true}}
	s.fetchCtx, s.cancel = context.WithCancel(context.Background())
	s.build()
	return s
}

// SetLocation sets the time zone of the times shown (tests use UTC).
func (s *Screen) SetLocation(loc *time.Location) { s.loc = loc; s.table.Refresh() }

// Root returns the screen's content.
func (s *Screen) Root() fyne.CanvasObject { return s.root }

// AddTab adds a tab beside "Studies" (e.g. the PACS query panel).
func (s *Screen) AddTab(title string, content fyne.CanvasObject) {
	s.tabs.Append(container.NewTabItem(title, content))
}

// Query returns the list's filters and sort.
func (s *Screen) Query() library.Query { return s.q }

// Total returns the number of studies matching the filters.
func (s *Screen) Total() int { return s.total }

// Selected returns the selected row, if its page is loaded.
func (s *Screen) Selected() (library.Row, bool) {
	if r := s.rowAt(s.sel); r != nil {
		return *r, true
	}
	return library.Row{}, false
}

// SelectedIndex returns the index of the selected row, -1 for none.
func (s *Screen) SelectedIndex() int { return s.sel }

func (s *Screen) build() {
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return s.total, len(columns) },
		func() fyne.CanvasObject { return newCell(s) },
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateCell(id, o.(*cell)) })
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		return b
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(columns) {
			b.SetText("")
			return
		}
		c := columns[id.Col]
		t := lang.L(c.title)
		if c.sort != "" && c.sort == s.q.Sort {
			if s.q.Desc {
				t += " ▼"
			} else {
				t += " ▲"
			}
		}
		b.SetText(t)
		if c.sort == "" {
			b.OnTapped = nil
		} else {
			b.OnTapped = func() { s.SortBy(c.sort) }
		}
	}
	for i, c := range columns {
		// At least as wide as its title and sort mark in the language shown.
		title := fyne.MeasureText(lang.L(c.title)+" ▼", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
		s.table.SetColumnWidth(i, max(c.width, title))
	}
	// The cells select whole rows (cell.Tapped); the table's own
	// one-cell selection is not used.
	s.table.OnSelected = func(id widget.TableCellID) {
		s.table.UnselectAll()
		s.selectRow(id.Row)
	}
	s.keys = newKeyTarget(s, s.table)

	labels := make([]string, len(statusChoices))
	for i, c := range statusChoices {
		labels[i] = lang.L(c.label)
	}
	s.statusF = widget.NewSelect(labels, func(v string) {
		for _, c := range statusChoices {
			if lang.L(c.label) == v && c.status != s.q.Status {
				s.q.Status = c.status
				s.Refresh()
			}
		}
	})
	s.statusF.PlaceHolder = lang.L("(choose one)")
	s.statusF.SetSelectedIndex(0)
	s.from = newDateEntry(lang.L("From YYYY-MM-DD"), func(d string) { s.q.From = d; s.Refresh() })
	s.to = newDateEntry(lang.L("To YYYY-MM-DD"), func(d string) { s.q.To = d; s.Refresh() })
	s.search = newSearchEntry(s)
	s.search.SetPlaceHolder(lang.L("Search name, patient ID, accession (Ctrl+F)"))

	s.count = widget.NewLabel("")
	s.info = widget.NewLabel("")
	s.info.Truncation = fyne.TextTruncateEllipsis
	s.rescan = widget.NewButtonWithIcon(lang.L("Rescan…"), theme.WarningIcon(), func() {
		if r, ok := s.Selected(); ok && s.OnRescan != nil {
			s.OnRescan(r)
		}
	})
	s.rescan.Importance = widget.WarningImportance
	s.rescan.Hide()
	s.openBtn = widget.NewButtonWithIcon(lang.L("Open"), theme.FolderOpenIcon(), s.OpenSelected)
	s.openBtn.Importance = widget.HighImportance
	s.remove = widget.NewButtonWithIcon(lang.L("Remove…"), theme.DeleteIcon(), s.RemoveSelected)
	call := func(fn *func()) func() {
		return func() {
			if *fn != nil {
				(*fn)()
			}
		}
	}
	bar := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("Import…"), theme.ContentAddIcon(), call(&s.OnImport)),
		widget.NewButtonWithIcon(lang.L("Demo study"), theme.MediaPlayIcon(), call(&s.OnDemo)),
		widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), s.Refresh),
		widget.NewButtonWithIcon(lang.L("Audit log"), theme.DocumentIcon(), call(&s.OnAudit)),
	)
	filters := container.NewBorder(nil, nil,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(230, s.statusF.MinSize().Height), s.statusF),
			container.NewGridWrap(fyne.NewSize(160, s.from.MinSize().Height), s.from),
			container.NewGridWrap(fyne.NewSize(160, s.to.MinSize().Height), s.to)),
		nil, s.search)
	s.topBar = container.NewBorder(nil, nil, bar, s.count)
	top := container.NewVBox(s.topBar, filters)
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(s.rescan, s.remove, s.openBtn), s.info)
	emptyText := widget.NewLabel(lang.L("No studies match. Import a CD, folder or zip (Ctrl+I), or open the demo study."))
	emptyText.Alignment = fyne.TextAlignCenter
	s.empty = container.NewCenter(emptyText)
	s.empty.Hide()
	studies := container.NewBorder(top, bottom, nil, nil, container.NewStack(s.keys, s.empty))
	s.tabs = container.NewAppTabs(container.NewTabItemWithIcon(lang.L("Studies"), theme.ListIcon(), studies))
	s.root = s.tabs
	s.selectionChanged()
}

// Focus gives the keyboard to the list.
func (s *Screen) Focus() {
	if c := s.win.Canvas(); c != nil {
		c.Focus(s.keys)
	}
}

// FocusSearch puts the cursor in the search field.
func (s *Screen) FocusSearch() {
	if c := s.win.Canvas(); c != nil {
		c.Focus(s.search)
	}
}

// SortBy sorts by key; the same key again reverses the order. Dates
// sort newest first, the rest ascending, at first.
func (s *Screen) SortBy(key library.SortKey) {
	if s.q.Sort == key {
		s.q.Desc = !s.q.Desc
	} else {
		s.q.Sort, s.q.Desc = key, key == library.SortDate
	}
	s.Refresh()
}

// SetSearch searches for text (at once; typing goes through a debounce).
func (s *Screen) SetSearch(text string) {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.search.SetText(text)
	s.applySearch()
}

func (s *Screen) applySearch() {
	if t := strings.TrimSpace(s.search.Text); t != s.q.Text {
		s.q.Text = t
		s.Refresh()
	}
}

func (s *Screen) searchChanged() {
	if s.debounce <= 0 {
		s.applySearch()
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.debounce, func() { s.b.Do(s.applySearch) })
}

// SetStatusFilter filters by report status (a library.Status… value, ""
// for all).
func (s *Screen) SetStatusFilter(status string) {
	for i, c := range statusChoices {
		if c.status == status {
			s.statusF.SetSelectedIndex(i)
		}
	}
}

// ClearFilters shows every study again (Esc).
func (s *Screen) ClearFilters() {
	s.statusF.PlaceHolder = lang.L("(choose one)")
	s.statusF.SetSelectedIndex(0)
	s.from.SetText("")
	s.to.SetText("")
	s.SetSearch("")
	s.q.Status, s.q.From, s.q.To, s.q.Text = "", "", "", ""
	s.Refresh()
}

// Refresh reads the list again from the library, keeping the selected
// study selected when it is still on the first page's row.
func (s *Screen) Refresh() {
	if s.cancel != nil {
		s.cancel()
	}
	s.gen++
	s.fetchCtx, s.cancel = context.WithCancel(context.Background())
	s.pages = map[int][]library.Row{}
	s.inflight = map[int]bool{}
	keep := s.sel
	if keep < 0 {
		keep = 0
	}
	s.want = keep
	s.fetch(keep / pageSize)
}

// fetch reads page p in the background.
func (s *Screen) fetch(p int) {
	if s.lib == nil || s.inflight[p] {
		return
	}
	s.inflight[p] = true
	q := s.q
	q.Offset, q.Limit = p*pageSize, pageSize
	gen, ctx, lib := s.gen, s.fetchCtx, s.lib
	s.b.Begin()
	go func() {
		page, err := lib.Worklist(ctx, q)
		s.b.Post(func() { s.pageRead(gen, p, page, err) })
	}()
}

func (s *Screen) pageRead(gen, p int, page *library.Page, err error) {
	if gen != s.gen {
		return
	}
	delete(s.inflight, p)
	if err != nil {
		if ctxErr(err) {
			return
		}
		s.info.SetText(lang.L("The study list could not be read:") + " " + err.Error())
		return
	}
	s.pages[p] = page.Rows
	s.lastPage = p
	for k := range s.pages {
		if k < p-1 || k > p+1 {
			delete(s.pages, k)
		}
	}
	s.total = page.Total
	s.count.SetText(countText(s.total, s.q))
	s.topBar.Refresh() // the count's width changed
	if s.total == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	if s.want >= 0 {
		w := min(s.want, s.total-1)
		s.want = -1
		s.sel = -1
		if w >= 0 {
			s.selectRow(w)
		}
	}
	s.table.Refresh()
	s.selectionChanged()
}

func ctxErr(err error) bool {
	return err == context.Canceled || strings.Contains(err.Error(), context.Canceled.Error())
}

func countText(n int, q library.Query) string {
	filtered := q.Status != "" || q.From != "" || q.To != "" || q.Text != ""
	if filtered {
		return fmt.Sprintf(lang.N("%d studies match", n), n)
	}
	return fmt.Sprintf(lang.N("%d studies", n), n)
}

// rowAt returns row i, or nil (asking for its page) when it is not read.
func (s *Screen) rowAt(i int) *library.Row {
	if i < 0 || i >= s.total {
		return nil
	}
	p := i / pageSize
	rows, ok := s.pages[p]
	if !ok {
		s.fetch(p)
		return nil
	}
	if j := i % pageSize; j < len(rows) {
		return &rows[j]
	}
	return nil
}

// PagesHeld returns how many pages of rows the screen keeps (at most
// three: the one read last and its neighbours).
func (s *Screen) PagesHeld() int { return len(s.pages) }

func (s *Screen) updateCell(id widget.TableCellID, c *cell) {
	c.row = id.Row
	c.col = id.Col
	r := s.rowAt(id.Row)
	if r == nil {
		c.set("…", widget.LowImportance, false, false)
		return
	}
	imp := widget.MediumImportance
	if id.Col == len(columns)-1 {
		imp = statusImportance(r.Report.Status)
	}
	if id.Col == 7 && r.Delayed == nil {
		imp = widget.LowImportance
	}
	c.set(columns[id.Col].text(r, s.loc), imp, id.Col == 0 && r.Missing > 0, id.Row == s.sel)
}

// selectRow selects row i and scrolls to it.
func (s *Screen) selectRow(i int) {
	if s.total == 0 {
		return
	}
	i = max(0, min(i, s.total-1))
	s.sel = i
	s.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	s.table.Refresh()
	s.selectionChanged()
}

// Move moves the selection by d rows (the arrow and page keys).
func (s *Screen) Move(d int) {
	if s.total == 0 {
		return
	}
	if s.sel < 0 {
		s.selectRow(0)
		return
	}
	s.selectRow(s.sel + d)
}

// visibleRows is how many rows a page key moves.
func (s *Screen) visibleRows() int {
	h := s.table.Size().Height
	rh := newCell(s).MinSize().Height + theme.Padding()
	if n := int(h/rh) - 1; n > 1 {
		return n
	}
	return 10
}

func (s *Screen) selectionChanged() {
	r, ok := s.Selected()
	if !ok {
		s.info.SetText("")
		s.rescan.Hide()
		s.openBtn.Disable()
		s.remove.Disable()
		return
	}
	s.openBtn.Enable()
	s.remove.Enable()
	desc := r.Description
	if desc == "" {
		desc = lang.L("study")
	}
	text := fmt.Sprintf("%s · %s · %s", orDash(r.PatientName), desc, delayedLabel(r.Delayed))
	if r.DelayedNote != "" && r.Delayed == nil {
		text += " (" + r.DelayedNote + ")"
	}
	if r.Missing > 0 {
		text = fmt.Sprintf(lang.N("%d files of this study are missing (moved or deleted since import)", r.Missing), r.Missing) + " · " + text
		s.rescan.Show()
	} else {
		s.rescan.Hide()
	}
	s.info.SetText(text)
}

// OpenSelected opens the selected study (Enter).
func (s *Screen) OpenSelected() {
	if r, ok := s.Selected(); ok && s.OnOpen != nil {
		s.OnOpen(r)
	}
}

// RemoveSelected asks to remove the selected study (Delete).
func (s *Screen) RemoveSelected() {
	if r, ok := s.Selected(); ok && s.OnRemove != nil {
		s.OnRemove(r)
	}
}

// TypedKey handles the list's keys.
func (s *Screen) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		s.Move(-1)
	case fyne.KeyDown:
		s.Move(1)
	case fyne.KeyPageUp:
		s.Move(-s.visibleRows())
	case fyne.KeyPageDown:
		s.Move(s.visibleRows())
	case fyne.KeyHome:
		s.selectRow(0)
	case fyne.KeyEnd:
		s.selectRow(s.total - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		s.OpenSelected()
	case fyne.KeyEscape:
		s.ClearFilters()
	case fyne.KeyDelete:
		s.RemoveSelected()
	case fyne.KeyF5:
		s.Refresh()
	}
}

// TypedShortcut handles Ctrl+F (search) and Ctrl+I (import).
func (s *Screen) TypedShortcut(sc fyne.Shortcut) bool {
	cs, ok := sc.(*desktop.CustomShortcut)
	if !ok || cs.Modifier&fyne.KeyModifierShortcutDefault == 0 {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyF:
		s.FocusSearch()
	case fyne.KeyI:
		if s.OnImport != nil {
			s.OnImport()
		}
	default:
		return false
	}
	return true
}

// Shortcuts are the screen's shortcuts, for the window's canvas.
func Shortcuts() []fyne.Shortcut {
	return []fyne.Shortcut{
		&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault},
	}
}
