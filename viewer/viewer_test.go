package viewer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/recent"
)

// openFixtures writes fxs to a folder and opens it in v through the
// background path (Open), waiting for the panes and thumbnails.
func openFixtures(t *testing.T, v *Viewer, q *testQueue, fxs []fixture) string {
	t.Helper()
	dir := t.TempDir()
	for i, fx := range fxs {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.Open([]string{dir})
	q.settle(t)
	if v.Study() == nil {
		t.Fatal("no study shown")
	}
	return dir
}

func TestHSGLayoutGolden(t *testing.T) {
	v, q, w := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	if v.Layout() != Layout1x2 {
		t.Fatalf("layout %v", v.Layout())
	}
	left, right := v.Pane(0), v.Pane(1)
	if left.Instance().SeriesNumber != 3 || left.Entry().Phase != dicomio.PhaseImmediate {
		t.Errorf("left pane shows %s, want the last immediate spot (series 3)", left.Title())
	}
	if right.Instance().Modality != "DX" || right.Entry().Phase != dicomio.PhaseDelayed {
		t.Errorf("right pane shows %s, want the delayed DX film", right.Title())
	}
	if got := right.Title(); got != "S10 #1 DX Delayed · delayed · +25 min" {
		t.Errorf("right title %q", got)
	}
	test.AssertImageMatches(t, "layout_hsg.png", w.Canvas().Capture())
}

func TestNoDelayedGolden(t *testing.T) {
	v, q, w := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures()[:4])
	right := v.Pane(1)
	if right.Instance() != nil {
		t.Fatalf("right pane shows %s", right.Title())
	}
	msg := strings.Join(right.view.Message(), "\n")
	if !strings.HasPrefix(msg, "No delayed image identified\n") || !strings.Contains(msg, "+2 min") {
		t.Errorf("right pane message %q", msg)
	}
	test.AssertImageMatches(t, "layout_no_delayed.png", w.Canvas().Capture())
}

// TestSync drives window/level, zoom and pan in the left pane and checks
// whether the right pane follows.
func TestSync(t *testing.T) {
	v, q, w := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	left, right := v.Pane(0), v.Pane(1)
	c := w.Canvas()
	rw0, _ := right.view.Window()
	rz0 := right.view.Zoom()

	test.Drag(c, viewCentre(left), 60, 20)
	q.settle(t)
	if rw, _ := right.view.Window(); rw != rw0 {
		t.Fatalf("right window followed without sync: %+v → %+v", rw0.Window, rw.Window)
	}
	test.Scroll(c, viewCentre(left), 0, 10)
	if right.view.Zoom() != rz0 {
		t.Fatal("right zoom followed without sync")
	}

	v.TypedRune('s')
	if !v.Synced() {
		t.Fatal("S did not turn sync on")
	}
	lw0, _ := left.view.Window()
	test.Drag(c, viewCentre(left), 60, 20)
	q.settle(t)
	lw, _ := left.view.Window()
	rw, _ := right.view.Window()
	// Both moved by the same fraction of their own value range.
	lk, rk := left.view.FullRange().Width/imageview.WindowDragUnits, right.view.FullRange().Width/imageview.WindowDragUnits
	if !near(lw.Width-lw0.Width, 60*lk) || !near(rw.Width-rw0.Width, 60*rk) || !near(rw.Center-rw0.Center, 20*rk) {
		t.Errorf("synced drag: left ΔW %v (want %v), right ΔW %v ΔL %v (want %v, %v)",
			lw.Width-lw0.Width, 60*lk, rw.Width-rw0.Width, rw.Center-rw0.Center, 60*rk, 20*rk)
	}
	if right.view.Picture() == nil || right.shown.pipe == nil {
		t.Fatal("right pane lost its image")
	}

	lz, rz := left.view.Zoom(), right.view.Zoom()
	test.Scroll(c, viewCentre(left), 0, 10)
	if f := left.view.Zoom() / lz; !near(right.view.Zoom()/rz, f) {
		t.Errorf("synced zoom: left ×%v, right ×%v", f, right.view.Zoom()/rz)
	}
	// Pan with the middle button.
	left.view.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonTertiary})
	rp := right.view.Pan()
	test.Drag(c, viewCentre(left), 15, -5)
	if d := right.view.Pan(); d.DX-rp.DX != 15 || d.DY-rp.DY != -5 {
		t.Errorf("synced pan: right moved by %v", fyne.NewDelta(d.DX-rp.DX, d.DY-rp.DY))
	}

	v.TypedRune('S')
	if v.Synced() {
		t.Fatal("S did not turn sync off")
	}
	rw1, _ := right.view.Window()
	test.Drag(c, viewCentre(left), -30, 0)
	q.settle(t)
	if rw2, _ := right.view.Window(); rw2 != rw1 {
		t.Error("right window followed after sync was turned off")
	}
}

func TestKeys(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	p := v.ActivePane()
	if p != v.Pane(0) {
		t.Fatal("left pane not active")
	}
	v.TypedRune('r')
	q.settle(t)
	if o := p.view.Transform().Orientation; o != (imageview.Orientation{Rotation: 1}) {
		t.Errorf("after R: %+v", o)
	}
	v.TypedRune('R')
	v.TypedRune('h')
	q.settle(t)
	if o := p.view.Transform().Orientation; o != (imageview.Orientation{FlipH: true}) {
		t.Errorf("after Shift+R, H: %+v", o)
	}
	if l, _ := p.view.EdgeLabels(); l.Left != "L" || l.Right != "R" {
		t.Errorf("flipped edge labels %+v", l)
	}
	v.TypedRune('i')
	q.settle(t)
	if !p.view.Invert() {
		t.Error("I did not invert")
	}
	v.TypedRune('F')
	if p.view.Zoom() != 1 {
		t.Errorf("Shift+F: zoom %v", p.view.Zoom())
	}
	v.TypedRune('f')
	if !p.view.Fitted() {
		t.Error("F did not fit")
	}
	v.TypedRune('0')
	q.settle(t)
	if w, _ := p.view.Window(); w != p.view.FullRange() {
		t.Errorf("0: window %+v, want full range %+v", w.Window, p.view.FullRange().Window)
	}
	// 1: the first default preset for RF, the full range (relative).
	v.TypedRune('1')
	q.settle(t)
	if w, _ := p.view.Window(); w.Center != p.view.FullRange().Center || w.Width != p.view.FullRange().Width || w.Explanation != "Full range" {
		t.Errorf("1: window %+v", w.Window)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if v.ActivePane() != v.Pane(1) {
		t.Error("Tab did not move to the right pane")
	}
	v.TypedRune('l')
	if v.Layout() != Layout2x2 {
		t.Errorf("L: layout %v", v.Layout())
	}
	q.settle(t)
	if v.Pane(2).Instance() == nil || v.Pane(2).Instance().Pixel.Frames != 6 {
		t.Errorf("2×2: third pane shows %q, want the injection run", v.Pane(2).Title())
	}
	v.TypedRune('l')
	if v.Layout() != Layout1x1 || v.ActivePane() != v.Pane(0) {
		t.Errorf("L again: layout %v, active pane %d", v.Layout(), v.active)
	}
	// ↓ shows the next image of the study in the active pane.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	q.settle(t)
	if v.Pane(0).Instance().SeriesNumber != 4 {
		t.Errorf("↓: pane shows %q", v.Pane(0).Title())
	}
	// Space plays the run; pausing keeps a frame.
	v.TypedRune(' ')
	if !v.Pane(0).Playing() {
		t.Error("Space did not start playback")
	}
	v.TypedRune(' ')
	q.settle(t)
	if v.Pane(0).Playing() {
		t.Error("Space did not pause")
	}
	// Arrow keys step frames.
	f := v.Pane(0).Frame()
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	q.settle(t)
	if got := v.Pane(0).Frame(); got != (f+1)%6 {
		t.Errorf("→: frame %d after %d", got, f)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	q.settle(t)
	if got := v.Pane(0).Frame(); got != 0 {
		t.Errorf("Home: frame %d", got)
	}
}

func TestThumbnails(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	openFixtures(t, v, q, hsgFixtures())
	if len(v.thumbs) != 5 {
		t.Fatalf("%d thumbnails", len(v.thumbs))
	}
	for _, th := range v.thumbs {
		if th.Image() == nil {
			t.Errorf("thumbnail %s has no picture (%s)", th.Entry().Instance, th.Problem())
		}
	}
	// Time order: scout first, delayed last.
	if v.thumbs[0].Entry().Phase != dicomio.PhaseScout || v.thumbs[4].Entry().Phase != dicomio.PhaseDelayed {
		t.Errorf("thumbnail order: %s … %s", v.thumbs[0].Entry().Phase, v.thumbs[4].Entry().Phase)
	}
	// Tap the scout: it goes into the active (left) pane.
	test.Tap(v.thumbs[0])
	q.settle(t)
	if v.Pane(0).Instance() != v.thumbs[0].Entry().Instance {
		t.Errorf("tap: left pane shows %q", v.Pane(0).Title())
	}
	if !v.thumbs[0].Selected() || v.thumbs[2].Selected() {
		t.Error("selection marks not updated")
	}
	// Drag the cine thumbnail onto the right pane, with events as the
	// desktop driver sends them (position relative to the dragged
	// widget, movement since the last event; test.Drag reports the start
	// position instead).
	th := v.thumbs[3]
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(th)
	target := viewCentre(v.Pane(1)).Subtract(origin)
	mid := fyne.NewPos(target.X/2, target.Y/2)
	th.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-20, mid.Y-20)})
	th.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: target}, Dragged: fyne.NewDelta(target.X-mid.X, target.Y-mid.Y)})
	if !v.Pane(1).drop || v.Pane(0).drop {
		t.Error("drop target not highlighted")
	}
	th.DragEnd()
	q.settle(t)
	if v.Pane(1).drop {
		t.Error("drop highlight left on")
	}
	if v.Pane(1).Instance() != th.Entry().Instance {
		t.Errorf("drag: right pane shows %q", v.Pane(1).Title())
	}
	if v.ActivePane() != v.Pane(1) {
		t.Error("the drop target did not become active")
	}
}

func TestErrorsPanelAndRecent(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	dir := t.TempDir()
	for i, fx := range hsgFixtures() {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	bad := filepath.Join(dir, "broken.dcm")
	good := hsgFixtures()[1].Bytes()
	if err := os.WriteFile(bad, good[:400], 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open([]string{dir})
	q.settle(t)
	if v.Study() == nil || len(v.Study().Images) != 5 {
		t.Fatalf("the readable files did not load")
	}
	lines := v.ErrorLines()
	if len(lines) != 1 || !strings.HasPrefix(lines[0], bad+": ") {
		t.Fatalf("error lines %q", lines)
	}
	if v.errorsBtn.Hidden || v.errorsBtn.Text != "1 file could not be read" {
		t.Errorf("errors button %q hidden %v", v.errorsBtn.Text, v.errorsBtn.Hidden)
	}
	v.TypedRune('e')
	if !v.errorsPanel.Visible() {
		t.Error("E did not show the errors panel")
	}
	// Recent studies: the path and a label, never the patient's name or ID.
	prefs := fyne.CurrentApp().Preferences().StringList(recent.RecentKey)
	if len(prefs) != 1 || !strings.Contains(prefs[0], dir) {
		t.Fatalf("recent = %q", prefs)
	}
	for _, s := range []string{"Müller", "Anna", "HSG0001"} {
		if strings.Contains(prefs[0], s) {
			t.Errorf("recent entry %q contains %q", prefs[0], s)
		}
	}
	if r := recent.LoadRecent(fyne.CurrentApp().Preferences()); len(r) != 1 || r[0].Label != "2026-03-12 · 5 images" {
		t.Errorf("recent label %+v", r)
	} else if !filepath.IsAbs(r[0].Paths[0]) {
		t.Errorf("recent path %q is not absolute", r[0].Paths[0])
	}
	// A relative path is stored absolute; clearing forgets every entry.
	if r := recent.AddRecent(fyne.CurrentApp().Preferences(), recent.RecentStudy{Paths: []string{"some/study"}, Label: "x"}); len(r) != 2 ||
		!filepath.IsAbs(r[0].Paths[0]) || !strings.HasSuffix(r[0].Paths[0], filepath.Join("some", "study")) {
		t.Errorf("relative path stored as %+v", r)
	}
	v.ClearRecent()
	if r := recent.LoadRecent(fyne.CurrentApp().Preferences()); len(r) != 0 {
		t.Errorf("after clearing: %+v", r)
	}
}

func TestUndecodableImage(t *testing.T) {
	fxs := hsgFixtures()
	// A photometric interpretation dicomio cannot display: the pane must
	// say why, and the rest of the study must still work.
	fxs[2].Photometric = "HSV"
	v, q, _ := newTestViewer(t, 800, 500)
	openFixtures(t, v, q, fxs)
	p := v.Pane(0)
	if p.Instance() == nil || p.Instance().Decodable {
		t.Fatalf("left pane shows %q", p.Title())
	}
	if p.view.HasImage() {
		t.Fatal("an undecodable image has a picture")
	}
	msg := strings.Join(p.view.Message(), " ")
	if !strings.Contains(msg, "cannot be displayed") || !strings.Contains(msg, "HSV") {
		t.Errorf("pane message %q", msg)
	}
	if !v.Pane(1).view.HasImage() {
		t.Error("the delayed image did not load")
	}
	if th := v.thumbs[2]; th.Image() != nil || th.Problem() == "" {
		t.Errorf("thumbnail of the undecodable image: img %v problem %q", th.Image() != nil, th.Problem())
	}
}

func TestDropAndSidePanel(t *testing.T) {
	v, q, _ := newTestViewer(t, 1100, 560)
	dir := t.TempDir()
	for i, fx := range hsgFixtures() {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.dropped(fyne.NewPos(400, 300), []fyne.URI{storage.NewFileURI(dir)})
	q.settle(t)
	if v.Study() == nil || v.Pane(1).Instance() == nil {
		t.Fatal("dropping a folder did not open it")
	}
	w0 := v.Pane(1).Size().Width
	side := widget.NewLabel("findings")
	v.SetSidePanel(side)
	v.Root().Refresh()
	if !side.Visible() || side.Size().Width <= 0 || v.Pane(1).Size().Width >= w0 {
		t.Errorf("side panel %v, right pane width %v → %v", side.Size(), w0, v.Pane(1).Size().Width)
	}
	v.SetSidePanel(nil)
	v.Root().Refresh()
	if got := v.Pane(1).Size().Width; got != w0 {
		t.Errorf("after removing the side panel the right pane is %v wide, was %v", got, w0)
	}
}

// TestQuitHasItsShortcut: the File menu's Quit item carries Ctrl+Q, the
// shortcut the Help lists (Fyne's own Quit item has none).
func TestQuitHasItsShortcut(t *testing.T) {
	_, _, w := newTestViewer(t, 800, 500)
	mm := w.MainMenu()
	if mm == nil || len(mm.Items) == 0 {
		t.Fatal("no main menu")
	}
	// It must be the last item: Fyne appends a Quit of its own otherwise.
	items := mm.Items[0].Items
	var quit *fyne.MenuItem
	if last := items[len(items)-1]; last.IsQuit {
		quit = last
	}
	if quit == nil {
		t.Fatal("the File menu does not end with its Quit item")
	}
	sc, ok := quit.Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyQ || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("File menu quit item %+v", quit)
	}
}

// TestDocumentOnlyStudyNotOffered: a study holding only documents (here a
// dose report of another study) has nothing to show: it is neither
// picked nor offered in the study list, whose count leaves it out.
func TestDocumentOnlyStudyNotOffered(t *testing.T) {
	sr := filepath.Join(testutil.SharedDir(t), "sr_doc", "RDSR_RF_Siemens_ArtisZee.dcm")
	v, q, _ := newTestViewer(t, 900, 500)
	dir := t.TempDir()
	for i, fx := range hsgFixtures() {
		fx.Write(t, dir, fmt.Sprintf("IM%d.dcm", i))
	}
	b, err := os.ReadFile(sr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dose.dcm"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open([]string{dir})
	q.settle(t)
	if len(v.coll.Studies) != 2 {
		t.Fatalf("%d studies, want the images' and the dose report's", len(v.coll.Studies))
	}
	if v.study == nil || len(v.study.Images) == 0 {
		t.Fatalf("showing %+v", v.study)
	}
	if v.studyBtn.Visible() || len(v.studyMenu().Items) != 1 {
		t.Errorf("study list offers %d studies (button shown %v)", len(v.studyMenu().Items), v.studyBtn.Visible())
	}
}

// TestEscClosesDialog: Esc closes an open dialog (Help here), and keys
// pressed while it is open do not act on the panes behind it.
func TestEscClosesDialog(t *testing.T) {
	v, q, w := newTestViewer(t, 900, 500)
	openFixtures(t, v, q, hsgFixtures())
	layout := v.layout
	v.showHelp()
	if v.dialog == nil || len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("help did not open")
	}
	v.TypedRune('l') // would change the layout
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.dialog != nil || len(w.Canvas().Overlays().List()) != 0 {
		t.Error("Esc did not close the help dialog")
	}
	if v.layout != layout {
		t.Error("a key typed over the dialog changed the layout")
	}
}

// TestNestedDialogs: a dialog opened from another goes on top; closing it
// leaves Esc to close the one below.
func TestNestedDialogs(t *testing.T) {
	v, _, w := newTestViewer(t, 900, 500)
	outer := dialog.NewInformation("Outer", "outer", w)
	inner := dialog.NewInformation("Inner", "inner", w)
	v.showDialog(outer)
	v.showDialog(inner)
	inner.Hide()
	if v.dialog != outer {
		t.Fatal("closing the inner dialog did not leave the outer one on top")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.dialog != nil || len(w.Canvas().Overlays().List()) != 0 {
		t.Error("Esc did not close the outer dialog")
	}
}
