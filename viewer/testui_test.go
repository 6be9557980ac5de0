package viewer

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
	b *bridge
}

func newTestBridge() (*bridge, *testQueue) {
	q := &testQueue{Queue: fixturepkg.NewQueue()}
	q.b = &bridge{ui.Bridge{Do: q.Do}}
	q.Busy = q.b.Busy
	return q.b, q
}

// settle runs queued UI updates until no background job is left.
func (q *testQueue) settle(t testing.TB) { t.Helper(); q.Settle(t, 20*time.Second) }

// newTestApp starts a test app with the dark theme.
func newTestApp(t testing.TB) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
	return a
}

// newTestViewer returns a viewer in a test window of the given size.
func newTestViewer(t testing.TB, w, h float32) (*Viewer, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	b, q := newTestBridge()
	win := test.NewTempWindow(t, nil)
	win.SetPadded(false)
	v := newViewer(win, b, testOptions(t))
	v.install()
	win.Resize(fyne.NewSize(w, h))
	t.Cleanup(func() {
		for _, p := range v.panes {
			p.Close()
		}
		v.closeCollection()
	})
	return v, q, win
}

// newTestPane returns a pane alone in a test window.
func newTestPane(t testing.TB, w, h float32) (*Pane, *testQueue, fyne.Window) {
	t.Helper()
	newTestApp(t)
	b, q := newTestBridge()
	p := newPane(b, newCacheForTest())
	win := test.NewTempWindow(t, p)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	t.Cleanup(p.Close)
	return p, q, win
}

func newCacheForTest() *dicomio.FrameCache { return dicomio.NewFrameCache(64 << 20) }

// testOptions keeps the report drafts and settings of a test in its own
// temporary folder.
func testOptions(t testing.TB) Options {
	dir := t.TempDir()
	return Options{DraftDir: filepath.Join(dir, "drafts"), SettingsPath: filepath.Join(dir, "settings.json"), DoseSettingsPath: filepath.Join(dir, "dose.json")}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }
