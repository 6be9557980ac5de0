package pacsui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/library"
)

// col returns the index of the result column titled title.
func col(t *testing.T, title string) int {
	t.Helper()
	i := slices.IndexFunc(resultColumns, func(c struct {
		title string
		width float32
		cell  func(dicomweb.StudyResult) string
	}) bool {
		return c.title == title
	})
	if i < 0 {
		t.Fatalf("no column %q", title)
	}
	return i
}

// rowOf returns the result row of the study, or -1.
func rowOf(p *Panel, uid string) int {
	return slices.IndexFunc(p.Results(), func(r dicomweb.StudyResult) bool { return r.StudyInstanceUID == uid })
}

// TestPanelOrthanc searches the demo study in the panel (the form filled
// through the test driver), retrieves it into a library, sends its
// signed report and finds it then marked as reported.
func TestPanelOrthanc(t *testing.T) {
	s := testServer(t)
	st, draft := storedDemo(t, s)
	lib, err := library.Open(filepath.Join(t.TempDir(), "lib"), &library.Options{NoDraftMigration: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var got []Retrieved
	p, q, w := newTestPanel(t, Options{ConfigPath: writeConfig(t, s), Library: lib, Retrieved: func(r Retrieved) { got = append(got, r) }})
	if p.servers.Selected != s.Name {
		t.Fatalf("server selected %q, want %q", p.servers.Selected, s.Name)
	}
	test.Type(p.patientID, st.Patient.ID)
	test.Type(p.dates, st.Time.Format("20060102")+"-")
	test.Tap(p.searchBtn)
	q.settle(t)
	if p.errLine.Visible() {
		t.Fatalf("search error: %s", p.errLine.Text)
	}
	row := rowOf(p, st.UID)
	if row < 0 {
		t.Fatalf("the demo study is not among the results: %+v (%s)", p.Results(), p.status.Text)
	}
	if n := p.Cell(row, col(t, "Images")); n != strconv.Itoa(len(st.Images)) {
		t.Errorf("images %q, want %d", n, len(st.Images))
	}
	if c := p.Cell(row, col(t, "Patient")); !strings.Contains(c, strings.SplitN(st.Patient.Name, "^", 2)[0]) {
		t.Errorf("patient cell %q for %q", c, st.Patient.Name)
	}

	// Retrieve into the library.
	p.Select(row)
	if p.retrieveBtn.Disabled() {
		t.Fatal("Retrieve is disabled with a row selected")
	}
	test.Tap(p.retrieveBtn)
	q.settle(t)
	if p.errLine.Visible() {
		t.Fatalf("retrieve error: %s", p.errLine.Text)
	}
	if len(got) != 1 || !got[0].InLibrary || len(got[0].Files) != len(st.Images) || got[0].Added != len(st.Images) {
		t.Fatalf("retrieved %+v, want %d files in the library", got, len(st.Images))
	}
	files, err := lib.Files(context.Background(), st.UID)
	if err != nil || len(files) != len(st.Images) {
		t.Fatalf("library: %d files, %v", len(files), err)
	}
	if _, err := os.Stat(IncomingDir(lib.Dir(), st.UID)); !os.IsNotExist(err) {
		t.Errorf("the retrieve folder stays after the import: %v", err)
	}
	if !strings.Contains(p.progLabel.Text, "into the library") {
		t.Errorf("progress line %q", p.progLabel.Text)
	}

	// Send the signed report.
	r := signed(draft)
	d := showSend(SendRequest{Window: w, Bridge: q.b, Report: r, Study: st, EncapsulatedPDF: encapsulatedPDF(r, st), ConfigPath: p.configPath})
	q.settle(t)
	if d.problem.Visible() {
		t.Fatalf("send dialog: %s", d.problem.Text)
	}
	kinds := map[string]int{}
	for _, o := range d.objs {
		kinds[o.kind]++
		if o.status.Text != "to send" {
			t.Errorf("%s listed as %q before sending", o.kind, o.status.Text)
		}
	}
	if kinds["Encapsulated PDF"] != 1 || kinds["SR"] != 1 || kinds["KOS"] != 1 || kinds["GSPS"] < 1 {
		t.Fatalf("objects listed: %v", kinds)
	}
	if d.draft.Visible() || d.sendBtn.Disabled() {
		t.Fatal("a signed report: Send must be enabled, with no draft box")
	}
	test.Tap(d.sendBtn)
	q.settle(t)
	if d.problem.Visible() {
		t.Fatalf("send: %s", d.problem.Text)
	}
	for _, o := range d.objs {
		if !strings.HasPrefix(o.status.Text, "✓ stored") {
			t.Errorf("%s (%s): %q", o.kind, o.what, o.status.Text)
		}
	}
	if !strings.HasPrefix(d.overall.Text, "All ") {
		t.Errorf("overall %q", d.overall.Text)
	}
	d.d.Hide()

	// The study now has a report on the server.
	test.Tap(p.searchBtn)
	q.settle(t)
	row = rowOf(p, st.UID)
	if row < 0 || p.Cell(row, col(t, "Report")) != "✓" {
		t.Fatalf("after sending, report cell %q", p.Cell(max(row, 0), col(t, "Report")))
	}
}

// TestPanelUnauthorized shows a server's 401 as one readable red line.
func TestPanelUnauthorized(t *testing.T) {
	s := testServer(t)
	s.User, s.PasswordFile = "", ""
	p, q, _ := newTestPanel(t, Options{ConfigPath: writeConfig(t, s)})
	test.Tap(p.searchBtn)
	q.settle(t)
	if !p.errLine.Visible() {
		t.Fatal("no error shown")
	}
	e := p.errLine.Text
	if !strings.Contains(e, "HTTP 401 Unauthorized") || strings.Contains(e, "\n") || strings.Contains(e, "includefield") {
		t.Errorf("error line %q", e)
	}
	if len(p.Results()) != 0 {
		t.Errorf("results after a refusal: %d", len(p.Results()))
	}
}

// TestServerForm adds a server through the form: a bad URL and a
// password file readable by others are shown in the form, which stays
// open; a good server is saved 0600 and selected.
func TestServerForm(t *testing.T) {
	cfgPath := filepath.Join(t.TempDir(), "hsgview", "pacs.json")
	p, q, _ := newTestPanel(t, Options{ConfigPath: cfgPath})
	if !strings.HasPrefix(p.status.Text, "No PACS server") {
		t.Errorf("status without servers: %q", p.status.Text)
	}
	test.Tap(p.addBtn)
	f := p.form
	test.Type(f.name, "Department PACS")
	test.Type(f.url, "ftp://pacs.example/dicom-web")
	test.Tap(f.save)
	q.settle(t)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "scheme must be http or https") {
		t.Fatalf("problem %q", f.problem.Text)
	}
	f.url.SetText("")
	test.Type(f.url, "https://pacs.example/dicom-web")
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("secret-password\n"), 0o644)
	test.Type(f.user, "radiology")
	test.Type(f.pwFile, pw)
	test.Type(f.timeout, "30")
	test.Tap(f.save)
	q.settle(t)
	if !strings.Contains(f.problem.Text, "readable by others") {
		t.Fatalf("problem %q", f.problem.Text)
	}
	if _, err := os.Stat(cfgPath); !os.IsNotExist(err) {
		t.Fatal("the configuration was saved with a bad password file")
	}
	os.Chmod(pw, 0o600)
	test.Tap(f.save)
	q.settle(t)
	st, err := os.Stat(cfgPath)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("configuration: %v, mode %v", err, st.Mode())
	}
	b, _ := os.ReadFile(cfgPath)
	if strings.Contains(string(b), "secret-password") {
		t.Error("the password is in the configuration file")
	}
	cfg, _ := dicomweb.LoadConfig(cfgPath)
	if s := cfg.Find("Department PACS"); s == nil || s.TimeoutSeconds != 30 || s.User != "radiology" || s.PasswordFile != pw {
		t.Fatalf("saved %+v", cfg)
	}
	if p.servers.Selected != "Department PACS" || p.status.Text != "" {
		t.Errorf("selected %q, status %q", p.servers.Selected, p.status.Text)
	}
}

// TestSendDraftNeedsConsent: a draft is sent only with "Send as
// unverified draft" checked.
func TestSendDraftNeedsConsent(t *testing.T) {
	s := testServer(t)
	st, draft := storedDemo(t, s)
	newTestApp(t)
	q := newTestBridge()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1000, 700))
	d := showSend(SendRequest{Window: w, Bridge: q.b, Report: draft, Study: st, EncapsulatedPDF: encapsulatedPDF(draft, st), ConfigPath: writeConfig(t, s)})
	q.settle(t)
	if d.problem.Visible() {
		t.Fatalf("problem: %s", d.problem.Text)
	}
	if !d.draft.Visible() || !d.sendBtn.Disabled() {
		t.Fatal("a draft: Send must wait for the draft box")
	}
	test.Tap(d.draft)
	if d.sendBtn.Disabled() {
		t.Fatal("Send stays disabled with the draft box checked")
	}
}

// TestResultTableGolden draws the result table of a fixed search.
func TestResultTableGolden(t *testing.T) {
	p, _, w := newTestPanel(t, Options{ConfigPath: writeConfig(t, dicomweb.Server{Name: "PACS", URL: "http://127.0.0.1:1/dicom-web"})})
	w.Resize(fyne.NewSize(1200, 420))
	p.setResults([]dicomweb.StudyResult{
		{StudyInstanceUID: "1.2.3.1", PatientName: "MÜLLER^ANNA^MARIA", PatientID: "P-1042", StudyDate: "20260312", AccessionNumber: "ACC2026031",
			Modalities: []string{"DX", "RF", "SR"}, Instances: 12, HasReport: true, Description: "HSG hysterosalpingography"},
		{StudyInstanceUID: "1.2.3.2", PatientName: "IVANOVA^OLGA", PatientID: "P-0977", StudyDate: "20260305", AccessionNumber: "ACC2026027",
			Modalities: []string{"RF"}, Instances: 7, Description: "HSG"},
		{StudyInstanceUID: "1.2.3.3", PatientName: "DOE^JANE", PatientID: "P-0001", StudyDate: "20251120",
			Modalities: []string{"XA"}, Instances: 31, Description: "Hysterosalpingography, both tubes, delayed film at 20 minutes"},
	})
	p.status.SetText("3 studies")
	p.Select(0)
	want := [][]string{
		{"2026-03-12", "MÜLLER, ANNA MARIA", "P-1042", "ACC2026031", "DX, RF, SR", "12", "✓", "HSG hysterosalpingography"},
	}
	for c, s := range want[0] {
		if got := p.Cell(0, c); c != 1 && got != s {
			t.Errorf("cell 0,%d = %q, want %q", c, got, s)
		}
	}
	test.AssertImageMatches(t, "results.png", w.Canvas().Capture())
}

// TestRetrieveIntoFolder retrieves without a library: the files stay
// in the folder given, one per instance.
func TestRetrieveIntoFolder(t *testing.T) {
	s := testServer(t)
	st, _ := storedDemo(t, s)
	var got []Retrieved
	p, q, _ := newTestPanel(t, Options{ConfigPath: writeConfig(t, s), Retrieved: func(r Retrieved) { got = append(got, r) }})
	test.Type(p.patientID, st.Patient.ID)
	test.Tap(p.searchBtn)
	q.settle(t)
	row := rowOf(p, st.UID)
	if row < 0 {
		t.Fatalf("not found: %s %s", p.status.Text, p.errLine.Text)
	}
	p.Select(row)
	dir := filepath.Join(t.TempDir(), "study")
	p.RetrieveInto(dir)
	q.settle(t)
	n := p.Results()[row].Instances
	if len(got) != 1 || got[0].InLibrary || got[0].Dir != dir || len(got[0].Files) != n {
		t.Fatalf("retrieved %+v, want %d files in %s (%s)", got, n, dir, p.errLine.Text)
	}
	for _, f := range got[0].Files {
		if filepath.Dir(f) != dir {
			t.Errorf("%s is not in %s", f, dir)
		}
	}
}
