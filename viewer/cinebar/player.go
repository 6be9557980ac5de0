package cinebar

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// Player plays a pane's multi-frame image: the playback bar
// ([Controls]), the cine clock (a [cine.Scheduler]), the speed and end
// mode, and the count of frames shown and skipped. The pane renders the
// frames; the player says which one, and when.
//
// All methods must be called on the Fyne goroutine.
type Player struct {
	// Controls is the playback bar, shown for multi-frame images only.
	Controls *Controls
	// OnStop is called with the last frame when a run set to play once
	// stops there by itself.
	OnStop func(frame int)
	// OnOptions is called after the user chose a speed or end mode on
	// the bar.
	OnOptions func()

	do       func(func()) // runs a function on the Fyne goroutine
	cache    *dicomio.FrameCache
	budget   int64 // bytes of decoded frames to prefetch, at most
	in       *dicomio.Instance
	prefetch context.CancelFunc
	sched    *cine.Scheduler
	opts     cine.Options
	played   struct{ frames, dropped int }
}

// NewPlayer returns a player with nothing loaded, at 1×, looping. do
// runs a function on the Fyne goroutine (the window's bridge); frames are
// decoded ahead into cache, up to budget bytes.
func NewPlayer(do func(func()), cache *dicomio.FrameCache, budget int64) *Player {
	pl := &Player{Controls: New(), do: do, cache: cache, budget: budget, opts: cine.Options{Speed: 1}}
	pl.Controls.OnOptions = func(o cine.Options) {
		pl.SetOptions(o)
		if pl.OnOptions != nil {
			pl.OnOptions()
		}
	}
	pl.Controls.Hide()
	return pl
}

// Load makes in's frames playable, starting from frame; show is called
// with each frame due, on the clock's goroutine. An image of one frame
// unloads the player and hides the bar.
func (pl *Player) Load(in *dicomio.Instance, frame int, show func(frame int)) {
	pl.Unload()
	pl.played.frames, pl.played.dropped = 0, 0
	if in.Pixel.Frames < 2 {
		pl.Controls.Hide()
		return
	}
	pl.Controls.SetFrames(in.Pixel.Frames, frame)
	pl.Controls.SetPlaying(false)
	s := cine.NewScheduler(cine.ClipOf(in), show)
	s.SetOptions(pl.opts)
	s.SetOnEnd(func() {
		pl.do(func() {
			if pl.sched == s {
				pl.Controls.SetPlaying(false)
				if f := s.Pause(); pl.OnStop != nil {
					pl.OnStop(f)
				}
			}
		})
	})
	pl.sched, pl.in = s, in
	pl.Controls.Show()
}

// Prefetch decodes the frames of the image loaded ahead, in the
// background, starting after frame, within the budget.
func (pl *Player) Prefetch(frame int) {
	if pl.sched == nil || pl.cache == nil || pl.prefetch != nil {
		return
	}
	px := pl.in.Pixel
	frameBytes := int64(px.Rows) * int64(px.Columns) * int64(max(px.SamplesPerPixel, 1)) * int64(max(px.BitsAllocated, 8)/8)
	n := px.Frames
	if frameBytes > 0 {
		n = int(min(int64(n), pl.budget/frameBytes))
	}
	order := make([]int, 0, n)
	for k := range n {
		order = append(order, (frame+1+k)%px.Frames)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pl.prefetch = cancel
	go pl.cache.Prefetch(ctx, pl.in, order)
}

// Unload stops playback and prefetching, and forgets the image.
func (pl *Player) Unload() {
	if pl.sched != nil {
		pl.sched.Pause()
		pl.sched, pl.in = nil, nil
	}
	if pl.prefetch != nil {
		pl.prefetch()
		pl.prefetch = nil
	}
}

// Loaded reports whether a multi-frame image is loaded.
func (pl *Player) Loaded() bool { return pl.sched != nil }

// Playing reports whether the run plays.
func (pl *Player) Playing() bool { return pl.sched != nil && pl.sched.Playing() }

// Play starts playback at frame from.
func (pl *Player) Play(from int) {
	if pl.sched == nil {
		return
	}
	pl.sched.Play(from)
	pl.Controls.SetPlaying(true)
}

// Pause stops playback and returns the frame shown last; false when it
// was not playing.
func (pl *Player) Pause() (int, bool) {
	if !pl.Playing() {
		return 0, false
	}
	pl.Controls.SetPlaying(false)
	return pl.sched.Pause(), true
}

// Applied counts a frame put on screen during playback, and the frames
// skipped since the one before (prev) in a run of n frames.
func (pl *Player) Applied(frame, prev, n int) {
	if gap := (frame - prev + n) % n; gap > 1 {
		pl.played.dropped += gap - 1
	}
	pl.played.frames++
}

// Stats returns the frames shown during playback and those skipped
// because they were not ready in time.
func (pl *Player) Stats() (frames, dropped int) { return pl.played.frames, pl.played.dropped }

// Options returns the speed and end mode.
func (pl *Player) Options() cine.Options { return pl.opts }

// SetOptions changes the speed and end mode; a run playing goes on from
// its frame.
func (pl *Player) SetOptions(o cine.Options) {
	o.Speed = cine.NearestSpeed(o.Speed)
	pl.opts = o
	pl.Controls.SetOptions(o)
	if pl.sched != nil {
		pl.sched.SetOptions(o)
	}
}

// RateText is the text right of the bar: "2/6 · 15 fps (FrameTime)",
// with "· 2× → 30 fps" when not at the file's rate. rate writes a
// frame rate with its source (fps ≤ 0: the file's).
func (pl *Player) RateText(frame, frames int, c dicomio.Cine, rate func(dicomio.Cine) string) string {
	s := fmt.Sprintf("%d/%d · %s", frame+1, frames, rate(c))
	if k := pl.opts.Speed; k != 1 && c.FPS > 0 {
		s += " · " + cine.SpeedText(k, i18n.Lang()) + " → " + rate(dicomio.Cine{FPS: c.FPS * k})
	}
	return s
}

// Change returns o d speeds faster (d < 0: slower) and, when mode is set,
// with the next end mode; and the note that says what changed.
func Change(o cine.Options, d int, mode bool) (cine.Options, string) {
	if mode {
		o.Mode = o.Mode.Next()
		return o, lang.L("At the end of a run: {{.Mode}}", map[string]any{"Mode": ModeLabel(o.Mode)})
	}
	o.Speed = cine.StepSpeed(o.Speed, d)
	return o, lang.L("Cine speed {{.Speed}} of the file's rate", map[string]any{"Speed": cine.SpeedText(o.Speed, i18n.Lang())})
}
