package worklist

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hsgview/dicomio/synth"
	"hsgview/library"
	"hsgview/viewer/ui"
)

// testQueue stands in for fyne.Do: background goroutines queue their UI
// updates, the test goroutine runs them in settle.
type testQueue struct {
	b  *ui.Bridge
	ch chan func()
}

func newTestQueue() *testQueue {
	q := &testQueue{ch: make(chan func(), 4096)}
	q.b = &ui.Bridge{Do: func(fn func()) { q.ch <- fn }}
	return q
}

func (q *testQueue) settle(t testing.TB) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case fn := <-q.ch:
			fn()
			continue
		default:
		}
		if q.b.Busy() == 0 && len(q.ch) == 0 {
			return
		}
		select {
		case fn := <-q.ch:
			fn()
		case <-time.After(time.Millisecond):
		case <-deadline:
			t.Fatalf("background work did not finish (busy %d)", q.b.Busy())
		}
	}
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

func newTestScreen(t *testing.T, l *library.Library) (*Screen, *testQueue, fyne.Window) {
	t.Helper()
	test.NewTempApp(t).Settings().SetTheme(ui.NewTheme(false))
	q := newTestQueue()
	win := test.NewTempWindow(t, nil)
	s := NewScreen(win, l, q.b)
	s.SetLocation(time.UTC)
	s.debounce = 0
	win.SetContent(s.Root())
	win.Resize(fyne.NewSize(1500, 420))
	s.Refresh()
	q.settle(t)
	return s, q, win
}

func TestScreenLists(t *testing.T) {
	l := openLib(t)
	dir, _ := synthStudy(t, synth.Options{CineFrames: 2})
	importPaths(t, l, library.ModeReference, dir)
	s, _, _ := newTestScreen(t, l)
	if s.Total() != 1 {
		t.Fatalf("total %d", s.Total())
	}
	_ = os.Getenv
}
