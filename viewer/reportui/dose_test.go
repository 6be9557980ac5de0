package reportui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/internal/testutil"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// doseRowOf returns the dose panel's row of key, failing when absent.
func doseRowOf(t *testing.T, p *reportPanel, key string) doseRow {
	t.Helper()
	for _, r := range p.doseView.rows {
		if r.line.Key == key {
			return r
		}
	}
	var keys []string
	for _, r := range p.doseView.rows {
		keys = append(keys, r.line.Key)
	}
	t.Fatalf("the dose panel has no %s line (has %v)", key, keys)
	return doseRow{}
}

func noteText(r doseRow) string {
	if r.note == nil {
		return ""
	}
	return r.note.Text
}

// openDosePanel opens paths with the panel shown.
func openDosePanel(t *testing.T, paths []string) (*testHost, *testQueue, fyne.Window, *reportPanel) {
	t.Helper()
	v, q, w := newTestHost(t, 1400, 900)
	v.Open(t, paths)
	q.settle(t)
	v.showReportPanel(true)
	q.settle(t)
	p := v.ReportPanel()
	if p == nil || p.s == nil || p.doseView == nil {
		t.Fatalf("no report panel (%v)", v.rep.err)
	}
	return v, q, w, p
}

// TestDosePanelDemo: the demo's images carry their DAP and Irradiation
// Event UIDs: the panel shows the header DAP with its source, the seven
// events and the per-event estimate with its method.
func TestDosePanelDemo(t *testing.T) {
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, p := openDosePanel(t, []string{dir})
	dap := doseRowOf(t, p, "dap")
	if !strings.Contains(dap.label.Text, "Dose-area product: 1.67\u00a0Gy·cm²") || !strings.Contains(noteText(dap), "image headers, Image and Fluoroscopy Area Dose Product (0018,115E)") {
		t.Errorf("DAP %q / %q", dap.label.Text, noteText(dap))
	}
	if dap.line.Exceeded || dap.label.Importance == widget.DangerImportance {
		t.Error("1.67 Gy·cm² is flagged above the 2 Gy·cm² level")
	}
	ev := doseRowOf(t, p, "events")
	if !strings.Contains(ev.label.Text, "7") || !strings.Contains(noteText(ev), "Irradiation Event UIDs") {
		t.Errorf("events %q / %q", ev.label.Text, noteText(ev))
	}
	e := doseRowOf(t, p, "effectiveDose")
	if !strings.Contains(e.label.Text, "0.301\u00a0mSv") || !strings.Contains(noteText(e), "Phys Med 2021;81:40-46") {
		t.Errorf("effective dose %q / %q", e.label.Text, noteText(e))
	}
	if !strings.Contains(doseRowOf(t, p, "drl").label.Text, "2\u00a0Gy·cm²") {
		t.Error("the reference levels are not shown")
	}
	if it := p.doseView.events; it == nil || !strings.Contains(it.Title, "(7)") || it.Open {
		t.Fatalf("events table %+v", it)
	}
	rows := p.doseView.events.Detail.(*fyne.Container).Objects
	if len(rows) != 14 {
		t.Fatalf("%d event rows, want 7 lines and 7 notes", len(rows))
	}
	first := rows[0].(*widget.Label).Text
	for _, w := range []string{"1. Acquisition", "0.19\u00a0Gy·cm²", "77\u00a0kV", "250\u00a0mA", "Cu not recorded"} {
		if !strings.Contains(first, w) {
			t.Errorf("event 1 %q lacks %q", first, w)
		}
	}
}

// rdsrStudy writes a copy of a corpus RDSR and three fixture images of
// its study into a folder.
func rdsrStudy(t *testing.T, rel string) string {
	t.Helper()
	src := testutil.File(t, rel)
	c, err := dicomio.Open([]string{src}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Studies) != 1 {
		t.Fatalf("%d studies in %s", len(c.Studies), rel)
	}
	st := c.Studies[0]
	uid, pid, name := st.UID, st.Patient.ID, st.Patient.Name
	c.Close()
	dir := t.TempDir()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "RDSR.dcm"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, fx := range hsgFixtures()[:3] {
		fx.StudyUID, fx.PatientID, fx.PatientName = uid, pid, name
		fx.SeriesUID, fx.SOPUID = "", ""
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	return dir
}

// TestDosePanelRDSR: a study with the Siemens Artis zee RDSR: the totals
// come from the RDSR (named), its 8 events with their copper filtration
// and coefficient, and the per-event estimate (0.0508 mSv, worked by
// hand in package dose).
func TestDosePanelRDSR(t *testing.T) {
	dir := rdsrStudy(t, "sr_doc/RDSR_RF_Siemens_ArtisZee.dcm")
	_, _, _, p := openDosePanel(t, []string{dir})
	if p.c.dose == nil || p.c.dose.summary.Source != dose.FromRDSR {
		t.Fatalf("dose %+v", p.c.dose)
	}
	dap := doseRowOf(t, p, "dap")
	if !strings.HasPrefix(noteText(dap), "RDSR ") || !strings.Contains(noteText(dap), "Dose Area Product Total") {
		t.Errorf("DAP note %q", noteText(dap))
	}
	ft := doseRowOf(t, p, "fluoroTime")
	if !strings.Contains(noteText(ft), "Total Fluoro Time (113730)") {
		t.Errorf("fluoroscopy time %q / %q", ft.label.Text, noteText(ft))
	}
	if ev := doseRowOf(t, p, "events"); !strings.HasSuffix(ev.label.Text, ": 8") {
		t.Errorf("events %q", ev.label.Text)
	}
	e := doseRowOf(t, p, "effectiveDose")
	if !strings.Contains(e.label.Text, "0.0508\u00a0mSv") || !strings.Contains(noteText(e), "per irradiation event by its Cu filtration") {
		t.Errorf("effective dose %q / %q", e.label.Text, noteText(e))
	}
	rows := p.doseView.events.Detail.(*fyne.Container).Objects
	if len(rows) != 16 {
		t.Fatalf("%d event rows", len(rows))
	}
	line := rows[0].(*widget.Label).Text
	note := rows[1].(*fyne.Container).Objects[0].(*widget.Label).Text
	if !strings.Contains(line, "0.6\u00a0mm Cu") || !strings.Contains(note, "interpolated between 0.4 and 0.9 mm Cu") || !strings.Contains(note, "× 0.308") {
		t.Errorf("event 1: %q / %q", line, note)
	}
	if d := p.s.Report().Technique.Dose; d.EffectiveDoseMSv == nil || *d.EffectiveDoseMSv != 0.05083 || d.EffectiveDoseMethod != dose.MethodPerEventCu {
		t.Errorf("report's estimate %v %q", d.EffectiveDoseMSv, d.EffectiveDoseMethod)
	}
}

// typeInto replaces the text of the entry of the field at path.
func typeInto(t *testing.T, w fyne.Window, p *reportPanel, path, text string) {
	t.Helper()
	e, ok := fieldAt(t, p, path).focus.(*forminput.TextEntry)
	if !ok {
		t.Fatalf("%s is not an entry", path)
	}
	w.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, text)
}

// TestDosePanelEditDAP: a DAP typed above the reference level is flagged
// (bold, the error colour, the level shown) and its estimate is the
// entered total × the single coefficient, said to be recalculated, in
// the panel and in the report saved; typed back below the level the flag
// goes. The fluoroscopy time is flagged in the same way.
func TestDosePanelEditDAP(t *testing.T) {
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	v, q, w, p := openDosePanel(t, []string{dir})
	typeInto(t, w, p, "/technique/dose/dapTotal", "25")
	q.settle(t)
	d := p.s.Report().Technique.Dose
	if d.DAPTotal == nil || d.DAPTotal.Unit != mark.UnitDGyCm2 || *d.DAPTotalGyCm2 != 2.5 {
		t.Fatalf("DAP %+v (the demo's unit is dGy·cm²)", d.DAPTotal)
	}
	dap := doseRowOf(t, p, "dap")
	if !dap.line.Exceeded || dap.label.Importance != widget.DangerImportance || !dap.label.TextStyle.Bold {
		t.Errorf("2.5 Gy·cm² not flagged: %+v", dap.line)
	}
	if n := noteText(dap); !strings.Contains(n, "reference level 2\u00a0Gy·cm²") || !strings.Contains(n, "entered by hand") {
		t.Errorf("DAP note %q", n)
	}
	e := doseRowOf(t, p, "effectiveDose")
	if !strings.Contains(e.label.Text, "0.45\u00a0mSv") || !strings.HasPrefix(noteText(e), "Recalculated from the entered DAP") ||
		strings.Contains(noteText(e), "entered by hand") {
		t.Errorf("estimate %q / %q", e.label.Text, noteText(e))
	}
	if d.EffectiveDoseMSv == nil || *d.EffectiveDoseMSv != 0.45 || d.EffectiveDoseMethod != dose.MethodSingle ||
		d.EffectiveDoseBasis == nil || !strings.HasPrefix(d.EffectiveDoseBasis.Source, dose.EnteredNote) {
		t.Errorf("report's estimate %v %q %+v", d.EffectiveDoseMSv, d.EffectiveDoseMethod, d.EffectiveDoseBasis)
	}
	if d.DRL == nil || !slices.Equal(d.DRL.Exceeded, []string{"dapGyCm2"}) {
		t.Errorf("report's DRL %+v", d.DRL)
	}
	// The PDF's lines (the report's own) say the same.
	for _, l := range d.DoseLines("en", nil) {
		if l.Key == "dap" && !l.Exceeded {
			t.Error("the report's dose lines do not flag the DAP")
		}
	}

	typeInto(t, w, p, "/technique/dose/dapTotal", "10")
	q.settle(t)
	if dap := doseRowOf(t, p, "dap"); dap.line.Exceeded || dap.label.Importance == widget.DangerImportance {
		t.Error("1 Gy·cm² still flagged")
	}
	if e := doseRowOf(t, p, "effectiveDose"); !strings.Contains(e.label.Text, "0.18\u00a0mSv") {
		t.Errorf("estimate %q", e.label.Text)
	}
	if d := p.s.Report().Technique.Dose; *d.EffectiveDoseMSv != 0.18 || len(d.DRL.Exceeded) != 0 {
		t.Errorf("report %v %+v", *d.EffectiveDoseMSv, d.DRL)
	}

	typeInto(t, w, p, "/technique/fluoroscopyTimeS", "50")
	q.settle(t)
	ft := doseRowOf(t, p, "fluoroTime")
	if !ft.line.Exceeded || !strings.Contains(noteText(ft), "reference level 42\u00a0s") || !strings.Contains(noteText(ft), "entered by hand") {
		t.Errorf("fluoroscopy time %+v / %q", ft.line, noteText(ft))
	}
	if d := p.s.Report().Technique.Dose; !slices.Equal(d.DRL.Exceeded, []string{"fluoroTimeS"}) {
		t.Errorf("report's DRL %+v", d.DRL)
	}
	// Cleared, the DAP has no estimate.
	typeInto(t, w, p, "/technique/dose/dapTotal", "")
	q.settle(t)
	if d := p.s.Report().Technique.Dose; d.EffectiveDoseMSv != nil {
		t.Errorf("estimate %v without a DAP", *d.EffectiveDoseMSv)
	}
	_ = v
}

// TestDoseSettingsDialog: the dialog refuses a reference level without
// its source (the error in the dialog, nothing written), then saves a
// new level 0600; the panel and the report compare with it at once.
func TestDoseSettingsDialog(t *testing.T) {
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	v, q, _, p := openDosePanel(t, []string{dir})
	path := v.opts.DoseSettingsPath
	p.c.doseSettingsDialog()
	q.settle(t)
	f := p.c.doseForm
	if f == nil {
		t.Fatal("no dose settings dialog")
	}
	if f.DAPLevel.Text != "2" || f.FluoroLevel.Text != "42" || f.Single.Text != "0.18" || !strings.HasPrefix(f.DRLSource.Text, "UK national DRL") {
		t.Errorf("defaults not shown: %q %q %q %q", f.DAPLevel.Text, f.FluoroLevel.Text, f.Single.Text, f.DRLSource.Text)
	}
	f.DAPLevel.SetText("1,5")
	f.DRLSource.SetText("  ")
	test.Tap(f.Save)
	q.settle(t)
	if !f.ErrLabel.Visible() || !strings.Contains(f.ErrLabel.Text, "no source") {
		t.Errorf("error shown %v %q", f.ErrLabel.Visible(), f.ErrLabel.Text)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("settings written without a source: %v", err)
	}
	f.DRLSource.SetText("Department level, 2026")
	f.Single.SetText("x")
	test.Tap(f.Save)
	q.settle(t)
	if !strings.Contains(f.ErrLabel.Text, "not a number") {
		t.Errorf("error %q", f.ErrLabel.Text)
	}
	f.Single.SetText("0.2")
	f.SingleSource.SetText("")
	test.Tap(f.Save)
	q.settle(t)
	if !strings.Contains(f.ErrLabel.Text, "single coefficient has no source") {
		t.Errorf("error %q", f.ErrLabel.Text)
	}
	f.SingleSource.SetText("Department physicist")
	test.Tap(f.Save)
	q.settle(t)
	if p.c.doseForm != nil {
		t.Fatalf("dialog still open: %q", f.ErrLabel.Text)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	set, err := dose.Load(path)
	if err != nil || *set.DRL.DAPGyCm2 != 1.5 || set.DRL.Source != "Department level, 2026" || set.SingleCoefficient != 0.2 {
		t.Fatalf("saved %+v %v", set, err)
	}
	// The demo's 1.67 Gy·cm² is now above the level.
	dap := doseRowOf(t, p, "dap")
	if !dap.line.Exceeded || !strings.Contains(noteText(dap), "reference level 1.5\u00a0Gy·cm²") {
		t.Errorf("DAP %+v / %q", dap.line, noteText(dap))
	}
	if d := p.s.Report().Technique.Dose; d.DRL == nil || *d.DRL.DAPGyCm2 != 1.5 || !slices.Equal(d.DRL.Exceeded, []string{"dapGyCm2"}) {
		t.Errorf("report's DRL %+v", d.DRL)
	}
}

// TestDoseSettingsUnreadable: a settings file that does not parse is said
// in one line and the defaults are used.
func TestDoseSettingsUnreadable(t *testing.T) {
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	v, q, w := newTestHost(t, 1400, 900)
	if err := os.WriteFile(v.opts.DoseSettingsPath, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open(t, []string{dir})
	q.settle(t)
	if v.rep.dose == nil || v.rep.dose.err == nil || *v.rep.dose.settings.DRL.DAPGyCm2 != 2 {
		t.Fatalf("dose %+v", v.rep.dose)
	}
	found := false
	for _, o := range w.Canvas().Overlays().List() {
		test.LaidOutObjects(o)
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok && strings.Contains(l.Text, "dose settings") && !strings.Contains(l.Text, "\n") {
				found = true
			}
		}
	}
	if !found {
		t.Error("no one-line message about the dose settings")
	}
}

// doseGolden renders the dose panel of the report shown, in its
// language, alone in a window the panel's width.
func doseGolden(t *testing.T, p *reportPanel, name string) {
	t.Helper()
	dv := &doseView{p: p, box: container.NewVBox()}
	dv.load(p.s.Report())
	if dv.events != nil {
		dv.events.Open = true
		dv.build(dv.lines(p.s.Report(), p.c.doseState(), p.s.Report().Lang()), p.c.doseState().summary, p.s.Report().Lang())
	}
	w := test.NewTempWindow(t, container.NewPadded(dv.box))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(380, 10))
	w.Resize(fyne.NewSize(380, w.Content().MinSize().Height))
	test.AssertImageMatches(t, name, w.Canvas().Capture())
}

// TestDosePanelGolden: the dose panel of the demo with its DAP typed
// above the reference level and the events open, in English and, for a
// report in Russian, in Russian.
func TestDosePanelGolden(t *testing.T) {
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	_, q, w, p := openDosePanel(t, []string{dir})
	typeInto(t, w, p, "/technique/dose/dapTotal", "25")
	typeInto(t, w, p, "/technique/fluoroscopyTimeS", "36")
	q.settle(t)
	doseGolden(t, p, "dose_panel_en.png")
	if err := p.s.Edit("language", func(r *report.Report) error { r.Language = "ru"; return nil }); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	if !strings.HasPrefix(doseRowOf(t, p, "dap").label.Text, "Произведение дозы на площадь: 2,5\u00a0Гр·см²") {
		t.Errorf("Russian DAP %q", doseRowOf(t, p, "dap").label.Text)
	}
	doseGolden(t, p, "dose_panel_ru.png")
}
