package cinebar

import (
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/internal/fixture"
)

func rate(c dicomio.Cine) string {
	if c.FPSSource != "" {
		return "15 fps (" + c.FPSSource + ")"
	}
	return cine.SpeedText(c.FPS, "en") + "fps"
}

func TestPlayerOptionsAndRate(t *testing.T) {
	test.NewTempApp(t)
	pl := NewPlayer(func(fn func()) { fn() }, nil, 0)
	changed := 0
	pl.OnOptions = func() { changed++ }
	c := dicomio.Cine{FPS: 15, FPSSource: "FrameTime"}
	if got := pl.RateText(1, 6, c, rate); got != "2/6 · 15 fps (FrameTime)" {
		t.Errorf("at 1×: %q", got)
	}
	// The bar's speed menu: 0.5×.
	m := pl.Controls.speedMenu()
	if len(m.Items) != len(cine.Speeds) || !m.Items[2].Checked {
		t.Fatalf("speed menu %v", m.Items)
	}
	m.Items[1].Action()
	if pl.Options().Speed != 0.5 || pl.Controls.SpeedText() != "0.5×" || changed != 1 {
		t.Errorf("after choosing 0.5×: %+v %q, %d changes", pl.Options(), pl.Controls.SpeedText(), changed)
	}
	if got := pl.RateText(1, 6, c, rate); got != "2/6 · 15 fps (FrameTime) · 0.5× → 7.5×fps" {
		t.Errorf("at 0.5×: %q", got)
	}
	// The mode menu: once.
	pl.Controls.modeMenu().Items[2].Action()
	if pl.Options().Mode != cine.Once || pl.Controls.ModeText() != "Once" || changed != 2 {
		t.Errorf("after choosing once: %+v %q", pl.Options(), pl.Controls.ModeText())
	}
	// Set by the program: shown, not reported.
	pl.SetOptions(cine.Options{Mode: cine.Bounce, Speed: 3})
	if pl.Options().Speed != 4 || pl.Controls.ModeText() != "Bounce" || changed != 2 {
		t.Errorf("SetOptions: %+v %q, %d changes", pl.Options(), pl.Controls.ModeText(), changed)
	}
	// Nothing loaded: nothing plays, Pause says so.
	pl.Play(0)
	if pl.Playing() || pl.Loaded() {
		t.Error("an empty player plays")
	}
	if _, ok := pl.Pause(); ok {
		t.Error("Pause of an empty player")
	}
}

func TestPlayerCountsSkipped(t *testing.T) {
	test.NewTempApp(t)
	pl := NewPlayer(func(fn func()) { fn() }, nil, 0)
	pl.Applied(1, 0, 10)
	pl.Applied(4, 1, 10) // 2 and 3 skipped
	pl.Applied(0, 9, 10) // wrapped, none skipped
	if f, d := pl.Stats(); f != 3 || d != 2 {
		t.Errorf("stats %d shown %d skipped", f, d)
	}
}

func TestChange(t *testing.T) {
	test.NewTempApp(t)
	o, note := Change(cine.Options{Speed: 1}, 1, false)
	if o.Speed != 2 || note != "Cine speed 2× of the file's rate" {
		t.Errorf("faster: %+v %q", o, note)
	}
	o, note = Change(o, 0, true)
	if o.Mode != cine.Bounce || o.Speed != 2 || note != "At the end of a run: Bounce" {
		t.Errorf("mode: %+v %q", o, note)
	}
}

// TestPlayerOnceStops: a run set to play once stops on its last frame by
// itself, shows the play icon again and tells the pane (fake clock).
func TestPlayerOnceStops(t *testing.T) {
	in := fixture.WriteStudy(t, []fixture.Fixture{{Frames: 6, FrameTime: "100"}}).Studies[0].Timeline.Entries[0].Instance
	synctest.Test(t, func(t *testing.T) {
		test.NewTempApp(t)
		queue := make(chan func(), 16)
		pl := NewPlayer(func(fn func()) { queue <- fn }, nil, 0)
		var shown []int
		var mu sync.Mutex
		pl.Load(in, 0, func(f int) { mu.Lock(); shown = append(shown, f); mu.Unlock() })
		pl.SetOptions(cine.Options{Mode: cine.Once, Speed: 2})
		stopped := -1
		pl.OnStop = func(f int) { stopped = f }
		pl.Play(0)
		time.Sleep(time.Second)
		synctest.Wait()
		(<-queue)() // the end, on the UI goroutine
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(shown, []int{0, 1, 2, 3, 4, 5}) || stopped != 5 || pl.Playing() {
			t.Errorf("shown %v, stopped on %d, playing %v", shown, stopped, pl.Playing())
		}
		pl.Unload()
	})
}
