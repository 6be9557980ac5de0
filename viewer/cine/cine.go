package cine

import (
	"sync"
	"time"

	"github.com/hsgview/hsgview/dicomio"
)

// Clip is the timing of a multi-frame image: when each frame starts,
// relative to the first, and how long one pass lasts.
type Clip struct {
	Starts []time.Duration // start of each frame; Starts[0] is 0
	Period time.Duration   // one pass, first frame start to last frame end
}

// clipFromFPS returns a clip of n frames at a constant rate. Starts are
// computed from the frame number (never accumulated), so a rate like 15
// fps puts frame 15 at exactly one second.
func clipFromFPS(n int, fps float64) Clip {
	c := Clip{Starts: make([]time.Duration, n)}
	for i := range c.Starts {
		c.Starts[i] = time.Duration(float64(i) * float64(time.Second) / fps)
	}
	c.Period = time.Duration(float64(n) * float64(time.Second) / fps)
	return c
}

// ClipOf returns the playback clip of a multi-frame instance: its frame
// times (FrameTime, FrameTimeVector) or rate, as dicomio determined them.
func ClipOf(in *dicomio.Instance) Clip {
	n := in.Pixel.Frames
	c := in.Cine
	if len(c.FrameTimes) == n && c.Duration > c.FrameTimes[n-1] {
		return Clip{Starts: c.FrameTimes, Period: c.Duration}
	}
	fps := c.FPS
	if fps <= 0 {
		fps = dicomio.DefaultFPS
	}
	return clipFromFPS(n, fps)
}

// A Scheduler plays a clip in real time, as its [Options] say (loop,
// bounce or once, at a multiple of the file's rate). It calls show with
// each frame at the frame's deadline, computed from the time playback
// started (never by sleeping a frame interval after drawing, so that slow
// drawing cannot make playback drift). When show returns too late for one
// or more frames, those frames are skipped and counted as dropped.
//
// show and the end callback are called on the scheduler's own goroutine,
// one call at a time. The methods are safe for concurrent use.
type Scheduler struct {
	clip Clip
	show func(frame int)

	mu      sync.Mutex
	opts    Options
	seq     Sequence
	onEnd   func()
	stop    chan struct{} // closed to stop the running goroutine; nil when paused
	done    chan struct{} // closed when the goroutine has returned
	current int           // absolute step last shown
	shown   int
	dropped int
}

// NewScheduler returns a paused scheduler for clip that loops at the
// file's rate.
func NewScheduler(clip Clip, show func(frame int)) *Scheduler {
	return &Scheduler{clip: clip, show: show, seq: clip.Sequence(Options{})}
}

// SetOnEnd sets fn to be called (on the scheduler's goroutine) when a
// [Once] playback stops on the last frame by itself.
func (s *Scheduler) SetOnEnd(fn func()) {
	s.mu.Lock()
	s.onEnd = fn
	s.mu.Unlock()
}

// Options returns how the clip plays.
func (s *Scheduler) Options() Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts
}

// SetOptions changes how the clip plays. A running playback goes on from
// the frame on screen with the new timing (and, when bouncing, in the
// same direction).
func (s *Scheduler) SetOptions(o Options) {
	playing := s.Playing()
	frame := s.Pause()
	s.mu.Lock()
	s.opts, s.seq = o, s.clip.Sequence(o)
	s.current = 0
	if i := s.stepOf(frame); i >= 0 {
		s.current = i
	}
	s.mu.Unlock()
	if playing {
		s.Play(frame)
	}
}

// stepOf returns the first step of the sequence that shows frame, or -1.
// The caller holds s.mu.
func (s *Scheduler) stepOf(frame int) int {
	for i, f := range s.seq.Frames {
		if f == frame {
			return i
		}
	}
	return -1
}

// Playing reports whether playback is running.
func (s *Scheduler) Playing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stop != nil
}

// Play starts playback at frame from (0-based, within the clip). It does
// nothing when already playing or when the clip has fewer than two frames.
// Resuming on the frame it paused on, a bouncing playback keeps its
// direction; a Once playback that ended starts again from the first
// frame.
func (s *Scheduler) Play(from int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.clip.Starts)
	if s.stop != nil || n < 2 {
		return
	}
	from = ((from % n) + n) % n
	L := len(s.seq.Frames)
	step := s.current % L
	if s.seq.frame(step) != from {
		step = s.stepOf(from)
	}
	if s.seq.Once && step == L-1 {
		step = 0
	}
	s.stop, s.done = make(chan struct{}), make(chan struct{})
	s.current = step
	go s.run(s.seq, step, s.stop, s.done)
}

// Pause stops playback, waits until show is no longer being called, and
// returns the frame (within the clip) shown last.
func (s *Scheduler) Pause() int {
	s.mu.Lock()
	stop, done := s.stop, s.done
	s.stop = nil
	s.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq.frame(s.current)
}

// Stats returns how many frames were shown and how many were skipped
// because they were late, since the scheduler was made.
func (s *Scheduler) Stats() (shown, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shown, s.dropped
}

func (s *Scheduler) run(seq Sequence, from int, stop, done chan struct{}) {
	defer close(done)
	last := len(seq.Frames) - 1
	origin := time.Now().Add(-seq.at(from))
	timer := time.NewTimer(0)
	defer timer.Stop()
	for k := from; ; {
		select {
		case <-stop:
			return
		default:
		}
		s.show(seq.frame(k))
		s.mu.Lock()
		s.current, s.shown = k, s.shown+1
		s.mu.Unlock()

		if seq.Once && k >= last {
			s.mu.Lock()
			ended := s.stop == stop // not paused meanwhile
			if ended {
				s.stop = nil
			}
			fn := s.onEnd
			s.mu.Unlock()
			if ended && fn != nil {
				fn()
			}
			return
		}
		next := k + 1
		timer.Reset(time.Until(origin.Add(seq.at(next))))
		select {
		case <-stop:
			return
		case <-timer.C:
		}
		// The step due now: normally next; a later one when show or
		// the wake-up was late, skipping (dropping) those in between.
		k = max(next, seq.index(time.Since(origin)))
		if seq.Once {
			k = min(k, last)
		}
		if k > next {
			s.mu.Lock()
			s.dropped += k - next
			s.mu.Unlock()
		}
	}
}
