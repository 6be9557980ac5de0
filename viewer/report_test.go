package viewer

import (
	"image"
	"image/draw"
	"os"
	"sync"
	"testing"
	"time"

	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/viewer/reportui"
)

// The report panel's own tests are in package reportui; these are the
// window's side: the marks save into the draft the panel edits, and the
// window shows the panel.

// tempDirs are removed when the package tests end: they hold fixtures
// shared by several tests (the demo study), which t.TempDir would remove
// after the first.
var tempDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// savedJSON returns the report as saved in the viewer's drafts store,
// read afresh.
func savedJSON(t *testing.T, v *Viewer) string {
	t.Helper()
	return fixturepkg.SavedJSON(t, v.opts.DraftDir, v.Study().UID)
}

func reportJSON(t *testing.T, r *report.Report) string { return fixturepkg.ReportJSON(t, r) }

// checkSaved checks that the report shown is the report saved.
func checkSaved(t *testing.T, v *Viewer, q *testQueue) {
	t.Helper()
	q.settle(t)
	if got, want := savedJSON(t, v), reportJSON(t, v.Report().Report()); got != want {
		t.Errorf("saved report differs from the report shown:\nsaved %s\nshown %s", got, want)
	}
}

// demoDir writes the bundled demo study once per test run.
var demoDir = sync.OnceValues(func() (string, error) {
	d, err := os.MkdirTemp("", "hsgview-viewer-demo-")
	if err != nil {
		return "", err
	}
	tempDirs = append(tempDirs, d)
	_, err = demo.WriteDemo(d)
	return d, err
})

// openDemo opens the demo study (with its report-draft.json) in a viewer.
func openDemo(t *testing.T, w, h float32) (*Viewer, *testQueue, fyne.Window) {
	t.Helper()
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	v, q, win := newTestViewer(t, w, h)
	v.Open([]string{dir})
	q.settle(t)
	if v.Report() == nil {
		t.Fatalf("no report (%v)", v.rep.Err())
	}
	return v, q, win
}

// TestPanelDemoWindowGolden: the main window on the demo study with the
// panel open at the left tube (the hydrosalpinx measured by a mark).
func TestPanelDemoWindowGolden(t *testing.T) {
	v, q, w := openDemo(t, 1400, 860)
	v.rep.ShowPanel(true)
	q.settle(t)
	v.rep.JumpToSection(reportui.SectionLeft)
	w.Canvas().Unfocus()
	q.settle(t)
	test.AssertImageMatches(t, "report/window_demo.png", w.Canvas().Capture())
}

// TestReportPanelKeys: Ctrl+R in the main menu toggles the panel, Escape
// in the panel gives the keyboard back to the active pane, and the help
// lists the report's keys.
func TestReportPanelKeys(t *testing.T) {
	v, q, w := newTestViewer(t, 1400, 900)
	openFixtures(t, v, q, hsgFixtures())
	var toggle *fyne.MenuItem
	for _, it := range v.rep.Menu().Items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == "CustomDesktop:Control+R" {
			toggle = it
		}
	}
	if toggle == nil {
		t.Fatal("no menu item for Ctrl+R")
	}
	toggle.Action()
	q.settle(t)
	if !v.rep.PanelShown() || v.side == nil {
		t.Fatal("Ctrl+R did not show the panel")
	}
	v.rep.JumpToSection(reportui.SectionRight)
	f := w.Canvas().Focused()
	if f == nil || f == fyne.Focusable(v.ActivePane().view) {
		t.Fatalf("the panel does not have the keyboard (%T)", f)
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Focused() != v.ActivePane().view {
		t.Errorf("after Escape the focus is on %T", w.Canvas().Focused())
	}
	toggle.Action()
	if v.rep.PanelShown() || v.side != nil {
		t.Error("Ctrl+R did not hide the panel")
	}
	found := false
	for _, k := range menuShortcuts {
		found = found || k[0] == "Ctrl+R"
	}
	if !found {
		t.Error("Ctrl+R is not in the help")
	}
}

// panelImage returns the part of the window's capture the side panel
// covers.
func panelImage(w fyne.Window, panel fyne.CanvasObject) image.Image {
	img := w.Canvas().Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(panel)
	size := panel.Size()
	sc := w.Canvas().Scale()
	r := image.Rect(int(pos.X*sc), int(pos.Y*sc), int((pos.X+size.Width)*sc), int((pos.Y+size.Height)*sc))
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}

// TestPanelGolden: the panel on the fixture study, the right tube open
// and set to occluded without a site (the error under the site). It is
// the window's test, because the panel's pixels are the window's: the
// panel's own tests are in package reportui.
func TestPanelGolden(t *testing.T) {
	v, q, w := newTestViewer(t, 1400, 900)
	v.rep.SetClock(func() time.Time { return time.Date(2026, 3, 12, 10, 30, 0, 0, time.Local) }) // not the clock's
	openFixtures(t, v, q, hsgFixtures())
	v.rep.ShowPanel(true)
	q.settle(t)
	// Choose by typing, as a user of the keyboard does: the right tube's
	// status (its first field), then two fields on its patency.
	v.rep.JumpToSection(reportui.SectionRight)
	test.Type(w.Canvas().Focused(), "p")
	w.Canvas().FocusNext()
	w.Canvas().FocusNext()
	patency := w.Canvas().Focused()
	test.Type(patency, "oc")
	if tube := v.Report().Report().Tubes.Right; tube.Status != report.TubePresent || tube.Patency != report.Occluded {
		t.Fatalf("right tube %q, %q", tube.Status, tube.Patency)
	}
	v.rep.JumpToSection(reportui.SectionLeft)
	v.rep.JumpToSection(reportui.SectionRight)
	w.Canvas().Unfocus()
	// The picture has the patency drawn focused, as the panel's own test
	// left it when it typed into the choice without the canvas's focus.
	test.Type(patency, "")
	q.settle(t)
	test.AssertImageMatches(t, "report/panel_right_tube.png", panelImage(w, v.side))
}
