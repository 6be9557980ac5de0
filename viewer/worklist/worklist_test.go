package worklist

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/internal/testutil"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer"
	"github.com/hsgview/hsgview/viewer/internal/fixture"
	"github.com/hsgview/hsgview/viewer/ui"
)

// testQueue stands in for fyne.Do: background goroutines queue their UI
// updates, the test goroutine runs them in settle.
type testQueue struct {
	*fixture.Queue
	b *ui.Bridge
}

func newTestQueue() *testQueue {
	q := &testQueue{Queue: fixture.NewQueue()}
	q.b = &ui.Bridge{Do: q.Do}
	q.Busy = q.b.Busy
	return q
}

// settle runs queued UI updates until no background job is left (and,
// when more is given, until it holds).
func (q *testQueue) settle(t testing.TB, more ...func() bool) {
	t.Helper()
	q.Settle(t, 60*time.Second, more...)
}

func openLib(t testing.TB) *library.Library {
	t.Helper()
	l, err := library.Open(filepath.Join(t.TempDir(), "lib"), &library.Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// synthStudy writes a synthetic HSG study and returns its folder.
func synthStudy(t testing.TB, opt synth.Options) (string, *synth.Study) {
	t.Helper()
	dir := t.TempDir()
	st, err := synth.Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

func importPaths(t testing.TB, l *library.Library, mode library.Mode, paths ...string) *library.ImportResult {
	t.Helper()
	res, err := l.Import(context.Background(), paths, library.ImportOptions{Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func newTestApp(t testing.TB) {
	test.NewTempApp(t).Settings().SetTheme(ui.NewTheme(false))
}

func newTestScreen(t *testing.T, l *library.Library) (*Screen, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	q := newTestQueue()
	win := test.NewTempWindow(t, nil)
	win.SetPadded(false)
	s := NewScreen(win, l, q.b)
	s.SetLocation(time.UTC)
	s.debounce = 0
	win.SetContent(s.Root())
	win.Resize(fyne.NewSize(1500, 560))
	s.Refresh()
	q.settle(t)
	return s, q, win
}

// sharedLibrary is a library of the shared DICOMDIR sets and one
// synthetic HSG study (skipped when the shared corpus is absent).
func sharedLibrary(t *testing.T) (*library.Library, *synth.Study) {
	t.Helper()
	shared := testutil.SharedDir(t)
	l := openLib(t)
	importPaths(t, l, library.ModeReference, filepath.Join(shared, "dicomdir", "pydicom_3patients", "DICOMDIR"),
		filepath.Join(shared, "dicomdir", "clunie_charset"))
	dir, st := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256})
	importPaths(t, l, library.ModeCopy, dir)
	return l, st
}

func rowNames(s *Screen) []string {
	var out []string
	for i := 0; i < s.Total(); i++ {
		if r := s.rowAt(i); r != nil {
			out = append(out, r.PatientName)
		}
	}
	return out
}

func TestWorklistRowsGolden(t *testing.T) {
	// A row holds a Japanese name; Fyne draws it with the system's CJK
	// font (fonts-droid-fallback, installed by scripts/deps.sh and CI).
	// Without it the golden would show boxes, so it is not compared.
	if _, err := os.Stat("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"); err != nil {
		t.Skip("fonts-droid-fallback is not installed (scripts/deps.sh test installs it): the Japanese row cannot be drawn")
	}
	l, _ := sharedLibrary(t)
	s, _, w := newTestScreen(t, l)
	if s.Total() < 5 {
		t.Fatalf("total %d", s.Total())
	}
	test.AssertImageMatches(t, "worklist_rows.png", w.Canvas().Capture())
}

func TestWorklistFilterSortKeys(t *testing.T) {
	l, st := sharedLibrary(t)
	s, q, _ := newTestScreen(t, l)
	all := s.Total()
	// Default: newest study first (the synthetic HSG, 2026).
	if r, ok := s.Selected(); !ok || r.PatientID != st.PatientID {
		t.Fatalf("first row %+v, want the newest study selected", r)
	}

	// Search: diacritics, case and Cyrillic folded by the library.
	for text, want := range map[string]string{"muller": "Müller", "JEROME": "Jérôme", "люк": "Люк"} {
		s.SetSearch(text)
		q.settle(t)
		if s.Total() != 1 || !strings.Contains(rowNames(s)[0], want) {
			t.Errorf("search %q: %v", text, rowNames(s))
		}
	}
	// Esc clears every filter.
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	q.settle(t)
	if s.Total() != all || s.Query().Text != "" {
		t.Fatalf("after Esc: %d of %d, query %+v", s.Total(), all, s.Query())
	}

	// Status filter and date range.
	s.SetStatusFilter(library.StatusSigned)
	q.settle(t)
	if s.Total() != 0 {
		t.Errorf("signed: %d", s.Total())
	}
	s.SetStatusFilter(library.StatusUnsigned)
	q.settle(t)
	if s.Total() != all {
		t.Errorf("unsigned: %d of %d", s.Total(), all)
	}
	s.SetStatusFilter("")
	s.from.SetText("2026-01-01")
	q.settle(t)
	if s.Total() != 1 {
		t.Errorf("from 2026: %d", s.Total())
	}
	s.from.SetText("2026-01") // incomplete: not applied
	q.settle(t)
	if s.Query().From != "2026-01-01" {
		t.Errorf("incomplete date applied: %+v", s.Query())
	}
	s.ClearFilters()
	q.settle(t)

	// Header sort: name ascending, then descending.
	s.SortBy(library.SortName)
	q.settle(t)
	asc := rowNames(s)
	s.SortBy(library.SortName)
	q.settle(t)
	desc := rowNames(s)
	if len(asc) != all || asc[0] != desc[len(desc)-1] || asc[0] == desc[0] {
		t.Errorf("sort by name: asc %v desc %v", asc, desc)
	}

	// Keys: Down, End, Home, PgDn; Enter opens the selected row.
	var opened []string
	s.OnOpen = func(r library.Row) { opened = append(opened, r.StudyUID) }
	key := func(k fyne.KeyName) { s.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyHome)
	key(fyne.KeyDown)
	if s.SelectedIndex() != 1 {
		t.Errorf("Down: row %d", s.SelectedIndex())
	}
	key(fyne.KeyEnd)
	if s.SelectedIndex() != all-1 {
		t.Errorf("End: row %d", s.SelectedIndex())
	}
	key(fyne.KeyPageDown)
	if s.SelectedIndex() != all-1 {
		t.Errorf("PgDn at the end: row %d", s.SelectedIndex())
	}
	key(fyne.KeyHome)
	key(fyne.KeyReturn)
	r, _ := s.Selected()
	if len(opened) != 1 || opened[0] != r.StudyUID {
		t.Errorf("Enter opened %v, want %s", opened, r.StudyUID)
	}
	// Delete asks to remove the selected row.
	var removing string
	s.OnRemove = func(r library.Row) { removing = r.StudyUID }
	key(fyne.KeyDelete)
	if removing != r.StudyUID {
		t.Errorf("Delete: %q", removing)
	}
	if s.PagesHeld() > 3 {
		t.Errorf("%d pages held", s.PagesHeld())
	}
}

func TestReportText(t *testing.T) {
	for _, tc := range []struct {
		rs   library.ReportState
		want string
	}{
		{library.ReportState{Status: library.StatusNone}, "No report"},
		{library.ReportState{Status: library.StatusDraft, Updated: "2026-03-12T09:05:00Z"}, "Draft · updated 2026-03-12 09:05"},
		{library.ReportState{Status: library.StatusSigned, Author: "Dr A", SignedAt: "2026-03-12T10:00:00Z"}, "Signed · Dr A · 2026-03-12 10:00"},
		{library.ReportState{Status: library.StatusAmended, Author: "Dr B", Version: 2, SignedAt: "2026-03-13T08:00:00Z"}, "Amended v2 · Dr B · 2026-03-13 08:00"},
	} {
		if got := ReportText(tc.rs, time.UTC); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.rs, got, tc.want)
		}
	}
}

// newTestShell returns a shell with a real study view in a test window.
func newTestShell(t *testing.T, l *library.Library) (*Shell, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	q := newTestQueue()
	win := test.NewTempWindow(t, nil)
	win.Resize(fyne.NewSize(1400, 800))
	sh := NewShell(win, l, q.b, nil)
	sh.Screen().SetLocation(time.UTC)
	v := viewer.New(win, sh.ViewerOptions(viewer.Options{UIDo: q.b.Do, SettingsPath: filepath.Join(t.TempDir(), "settings.json")}))
	sh.SetViewer(v)
	t.Cleanup(func() {
		if !sh.OnList() {
			v.CloseStudy()
		}
	})
	sh.ShowList()
	q.settle(t)
	return sh, q, win
}

func TestOpenRowOpensStudyAndReturnRefreshesStatus(t *testing.T) {
	l := openLib(t)
	dir, st := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256})
	importPaths(t, l, library.ModeReference, dir)
	sh, q, _ := newTestShell(t, l)
	s := sh.Screen()
	if s.Total() != 1 {
		t.Fatalf("total %d", s.Total())
	}
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	var v *viewer.Viewer = sh.v
	q.settle(t, func() bool { return !v.Loading() && v.Study() != nil && v.Report() != nil })
	if sh.OnList() || v.Study().UID != st.StudyInstanceUID {
		t.Fatalf("study view not shown (on list %v)", sh.OnList())
	}
	// The report is kept in the library's drafts folder.
	if err := v.Report().Edit("indication", func(r *report.Report) error {
		r.Clinical.IndicationText = "Secondary infertility"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sh.ShowList()
	q.settle(t)
	r, ok := s.Selected()
	if !ok || r.Report.Status != library.StatusDraft {
		t.Fatalf("status after return: %+v", r.Report)
	}
	if _, err := l.Drafts().Load(st.StudyInstanceUID); err != nil {
		t.Fatalf("draft not in the library: %v", err)
	}
	audit, _ := l.Audit(context.Background(), 0, 0)
	if len(audit) == 0 || audit[len(audit)-1].Action != library.ActionImport {
		t.Errorf("audit %+v", audit)
	}
	found := false
	for _, e := range audit {
		found = found || e.Action == library.ActionOpen && e.StudyUID == st.StudyInstanceUID
	}
	if !found {
		t.Error("opening not audited")
	}
}

func TestPriorsCompareShowsBothDelayedFilms(t *testing.T) {
	l := openLib(t)
	today, st := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256})
	prior, _ := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256, Seed: 7, DelayedMinutes: 30,
		Start: time.Date(2025, 4, 2, 10, 15, 0, 0, time.Local)})
	importPaths(t, l, library.ModeReference, today, prior)
	sh, q, _ := newTestShell(t, l)
	priors, err := l.Priors(context.Background(), st.StudyInstanceUID)
	if err != nil || len(priors) != 1 {
		t.Fatalf("priors %v %v", priors, err)
	}
	if got := PriorText(priors[0], time.UTC); !strings.Contains(got, "2025-04-02") || !strings.Contains(got, "delayed +30 min") {
		t.Errorf("prior line %q", got)
	}
	sh.Compare(st.StudyInstanceUID, priors[0])
	q.settle(t)
	c := sh.Comparison()
	if c == nil {
		t.Fatal("no comparison shown")
	}
	for i, want := range []string{"Today 2026-03-12 · delayed +25 min", "Prior 2025-04-02 · delayed +30 min"} {
		if !strings.HasPrefix(c.Labels[i].Text, want) {
			t.Errorf("label %d %q, want %q…", i, c.Labels[i].Text, want)
		}
		if c.Images[i] == nil || c.Images[i].Image == nil {
			t.Errorf("pane %d has no image", i)
		}
	}
	// A study without priors says so; the priors dialog of this one opens.
	sh.ShowPriors(st.StudyInstanceUID)
	q.settle(t)
}

func TestImportDialogPresetAndAuditCSV(t *testing.T) {
	shared := testutil.SharedDir(t)
	l := openLib(t)
	sh, q, _ := newTestShell(t, l)
	cd := filepath.Join(shared, "dicomdir", "pydicom_3patients")
	id := sh.ShowImport([]string{cd})
	if id.Mode() != library.ModeCopy {
		t.Errorf("a DICOMDIR set is not preset to copy")
	}
	id.SetPaths([]string{t.TempDir()})
	if id.Mode() != library.ModeReference {
		t.Errorf("a plain folder is not preset to reference")
	}
	id.SetPaths([]string{cd})
	id.Start()
	q.settle(t)
	if lastImport.err != nil || lastImport.res == nil || lastImport.res.Added == 0 || lastImport.res.Copied != lastImport.res.Added {
		t.Fatalf("import: %+v %v", lastImport.res, lastImport.err)
	}
	if sh.Screen().Total() != len(lastImport.res.Studies) {
		t.Errorf("list shows %d studies, import made %d", sh.Screen().Total(), len(lastImport.res.Studies))
	}
	sh.ShowAudit()
	q.settle(t)
	entries, _ := l.Audit(context.Background(), 0, 0)
	av := sh.showAudit(entries)
	if r, c := av.Table.Length(); r != len(entries) || c != len(auditCols) || r == 0 {
		t.Errorf("audit table %d×%d for %d entries", r, c, len(entries))
	}
	// Remove asks first, then deletes the copied files and keeps the report.
	first, _ := sh.Screen().Selected()
	sh.ShowRemove(first)
	q.settle(t)
	sh.remove(first.StudyUID)
	q.settle(t)
	if sh.Screen().Total() != len(lastImport.res.Studies)-1 {
		t.Errorf("after remove: %d studies", sh.Screen().Total())
	}
	name := filepath.Join(t.TempDir(), "audit.csv")
	if err := sh.WriteAuditCSV(name); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("audit CSV %v %v", fi, err)
	}
	b, _ := os.ReadFile(name)
	if !strings.Contains(string(b), "import") {
		t.Errorf("audit CSV: %s", b)
	}
}

func TestMissingFilesShowWarningAndRescan(t *testing.T) {
	l := openLib(t)
	dir, st := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256})
	importPaths(t, l, library.ModeReference, dir)
	if err := os.Remove(st.Images[0].Path); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Rescan(context.Background(), st.StudyInstanceUID); err != nil {
		t.Fatal(err)
	}
	sh, q, _ := newTestShell(t, l)
	s := sh.Screen()
	r, ok := s.Selected()
	if !ok || r.Missing != 1 || !s.rescan.Visible() || !strings.Contains(s.info.Text, "1 file of this study is missing") {
		t.Fatalf("row %+v, rescan shown %v, info %q", r, s.rescan.Visible(), s.info.Text)
	}
	c := newCell(s)
	s.updateCell(widget.TableCellID{Row: 0, Col: 0}, c)
	if !c.icon.Visible() {
		t.Error("no warning icon on a study with missing files")
	}
	sh.ShowRescan(r)
	q.settle(t)
	// The study still opens, without the missing file.
	s.OpenSelected()
	q.settle(t, func() bool { return !sh.v.Loading() && sh.v.Study() != nil })
	if got := len(sh.v.Study().Images); got != len(st.Images)-1 {
		t.Errorf("%d images shown, want %d", got, len(st.Images)-1)
	}
	sh.ShowList()
	q.settle(t)
}
