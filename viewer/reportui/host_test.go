package reportui

import (
	"image/color"
	"math"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	fixturepkg "github.com/hsgview/hsgview/viewer/internal/fixture"
	"github.com/hsgview/hsgview/viewer/ui"
)

// testQueue stands in for fyne.Do in tests: background goroutines queue
// their UI updates, and the test goroutine runs them in settle. (The test
// driver's fyne.Do runs functions inline on the calling goroutine, which
// would touch widgets from the worker goroutines.)
type testQueue struct {
	*fixturepkg.Queue
	b *ui.Bridge
}

func newTestBridge() (*ui.Bridge, *testQueue) {
	q := &testQueue{Queue: fixturepkg.NewQueue()}
	q.b = &ui.Bridge{Do: q.Do}
	q.Busy = q.b.Busy
	return q.b, q
}

// settle runs queued UI updates until no background job is left.
func (q *testQueue) settle(t testing.TB) { t.Helper(); q.Settle(t, 20*time.Second) }

// testHost stands in for the study window (package viewer, which this
// package must not import): one image pane reduced to what the report
// reads of it, the selected mark, the status bar, and the side panel
// where the window puts it.
type testHost struct {
	win   fyne.Window
	rep   *Controller
	opts  Config
	study *dicomio.Study
	paths []string

	pane   *testPane
	marks  testMarks
	status string
	notice string
	work   *fyne.Container // the panes and the side panel
	panes  fyne.CanvasObject
}

// testPane is the active pane: the image and frame it shows, and a
// focusable stand-in for its view (where Esc sends the keyboard).
type testPane struct {
	in    *dicomio.Instance
	entry *dicomio.Entry
	frame int // 0-based
	view  *widget.Entry
}

func (p *testPane) Instance() *dicomio.Instance { return p.in }

// SetFrame shows frame (0-based) of a multi-frame image.
func (p *testPane) SetFrame(frame int) {
	if p.in == nil || p.in.Pixel.Frames < 2 {
		return
	}
	p.frame = max(0, min(frame, p.in.Pixel.Frames-1))
}

// testMarks is the marks tools' selection.
type testMarks struct{ selected string }

func (m *testMarks) Select(id string) { m.selected = id }

// workLayout puts the work area (the panes, and the side panel split
// off them) where the study window has it in a 1400 × 900 window: right
// of the thumbnails and mark palette, under the toolbar, above the status
// bar, so that the panel has the size it has there.
type workLayout struct{}

var (
	workPos  = fyne.NewPos(198, 32)
	workSize = fyne.NewSize(1200, 830.2969)
)

func (workLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(workPos.X+(size.Width-1400), workPos.Y))
		o.Resize(fyne.NewSize(workSize.Width, workSize.Height+(size.Height-900)))
	}
}

func (workLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// panesStandIn has the minimum size of the window's pane grid.
func panesStandIn() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(200, 150))
	return r
}

// newTestApp starts a test app with the dark theme.
func newTestApp(t testing.TB) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
	return a
}

// newTestHost returns a report controller in a test window of the given
// size.
func newTestHost(t testing.TB, w, h float32) (*testHost, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	b, q := newTestBridge()
	win := test.NewTempWindow(t, nil)
	win.SetPadded(false)
	dir := t.TempDir()
	host := &testHost{
		win:   win,
		opts:  Config{DraftDir: filepath.Join(dir, "drafts"), SettingsPath: filepath.Join(dir, "settings.json"), DoseSettingsPath: filepath.Join(dir, "dose.json")},
		pane:  &testPane{view: widget.NewEntry()},
		panes: panesStandIn(),
	}
	host.work = container.NewStack(host.panes)
	host.rep = New(host, b, host.opts)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	win.SetContent(container.NewStack(bg, container.NewWithoutLayout(host.pane.view), container.New(workLayout{}, host.work)))
	win.Resize(fyne.NewSize(w, h))
	t.Cleanup(host.rep.Close)
	return host, q, win
}

func (h *testHost) Window() fyne.Window        { return h.win }
func (h *testHost) Notify(msg string)          { h.notice = msg }
func (h *testHost) ShowError(err error)        { h.ShowDialog(dialog.NewError(err, h.win)) }
func (h *testHost) ShowDialog(d dialog.Dialog) { d.Show() }
func (h *testHost) SetStatus(text string)      { h.status = text }
func (h *testHost) FocusImage()                { h.win.Canvas().Focus(h.pane.view) }
func (h *testHost) SelectedMark() string       { return h.marks.selected }

// SetSidePanel splits the work area as the window does.
func (h *testHost) SetSidePanel(obj fyne.CanvasObject) {
	if obj == nil {
		h.work.Objects = []fyne.CanvasObject{h.panes}
	} else {
		split := container.NewHSplit(h.panes, obj)
		split.Offset = 0.72
		h.work.Objects = []fyne.CanvasObject{split}
	}
	h.work.Refresh()
}

// ShownImage is the viewer's: the pane's image and 1-based frame of a
// multi-frame image, and its minutes from contrast.
func (h *testHost) ShownImage() (ref mark.ImageRef, minutes *float64, ok bool) {
	p := h.pane
	if p.in == nil {
		return ref, nil, false
	}
	frame := 0
	if p.in.Pixel.Frames > 1 {
		frame = p.frame + 1
	}
	ref = mark.ImageRefOf(p.in, frame)
	if e := p.entry; e != nil && e.HasMinutes {
		m := e.Minutes
		if frame > 1 && frame <= len(p.in.Cine.FrameTimes) {
			m += p.in.Cine.FrameTimes[frame-1].Minutes()
		}
		minutes = new(math.Round(m*10) / 10)
	}
	return ref, minutes, true
}

// The window's methods the tests call.

func (h *testHost) Report() *Session            { return h.rep.Session() }
func (h *testHost) Study() *dicomio.Study       { return h.study }
func (h *testHost) ActivePane() *testPane       { return h.pane }
func (h *testHost) ReportPanel() *reportPanel   { return h.rep.panel }
func (h *testHost) showReportPanel(on bool)     { h.rep.ShowPanel(on) }
func (h *testHost) ShowStudy(st *dicomio.Study) { h.study = st; h.rep.Open(st, h.paths) }

// loadInto shows entry e in pane p, at its first frame.
func (h *testHost) loadInto(p *testPane, e *dicomio.Entry) {
	p.in, p.entry, p.frame = e.Instance, e, 0
}

// Open reads paths and shows the first study with images, as the
// window does (the report opens in the background).
func (h *testHost) Open(t testing.TB, paths []string) {
	t.Helper()
	c, err := dicomio.Open(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	for _, st := range c.Studies {
		if len(st.Images) > 0 {
			h.paths = paths
			h.ShowStudy(st)
			// The active pane shows the last immediate image, as the
			// window's hanging protocol has it.
			es := st.Timeline.Entries
			for i := range es {
				if i == 0 || es[i].Phase == dicomio.PhaseImmediate {
					h.loadInto(h.pane, &es[i])
				}
			}
			return
		}
	}
	t.Fatal("no study with images")
}

// openFixtures writes fxs to a folder and opens it.
func openFixtures(t *testing.T, v *testHost, q *testQueue, fxs []fixture) string {
	t.Helper()
	dir := t.TempDir()
	for i, fx := range fxs {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.Open(t, []string{dir})
	q.settle(t)
	if v.Study() == nil {
		t.Fatal("no study shown")
	}
	return dir
}
