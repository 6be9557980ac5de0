package cine

import (
	"sort"
	"sync"
	"time"

	"hsgview/dicomio"
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

// clipOf returns the playback clip of a multi-frame instance: its frame
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

// at returns the start of absolute frame k (frame k mod n of pass k / n).
func (c Clip) at(k int) time.Duration {
	n := len(c.Starts)
	return time.Duration(k/n)*c.Period + c.Starts[k%n]
}

// index returns the absolute frame showing at elapsed time d.
func (c Clip) index(d time.Duration) int {
	n := len(c.Starts)
	if c.Period <= 0 || d < 0 {
		return 0
	}
	pass := int(d / c.Period)
	rest := d - time.Duration(pass)*c.Period
	i := sort.Search(n, func(i int) bool { return c.Starts[i] > rest }) - 1
	return pass*n + max(i, 0)
}

// A Scheduler plays a clip in real time. It calls show with each frame at
// the frame's deadline, computed from the time playback started (never by
// sleeping a frame interval after drawing, so that slow drawing cannot make
// playback drift). When show returns too late for one or more frames, those
// frames are skipped and counted as dropped.
//
// show is called on the scheduler's own goroutine, one call at a time. The
// methods are safe for concurrent use.
type Scheduler struct {
	clip Clip
	show func(frame int)

	mu      sync.Mutex
	stop    chan struct{} // closed to stop the running goroutine; nil when paused
	done    chan struct{} // closed when the goroutine has returned
	current int           // absolute frame last shown
	shown   int
	dropped int
}

// NewScheduler returns a paused scheduler for clip.
func NewScheduler(clip Clip, show func(frame int)) *Scheduler {
	return &Scheduler{clip: clip, show: show}
}

// Playing reports whether playback is running.
func (s *Scheduler) Playing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stop != nil
}

// Play starts playback at frame from (0-based, within the clip). It does
// nothing when already playing or when the clip has fewer than two frames.
func (s *Scheduler) Play(from int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil || len(s.clip.Starts) < 2 {
		return
	}
	from = ((from % len(s.clip.Starts)) + len(s.clip.Starts)) % len(s.clip.Starts)
	s.stop, s.done = make(chan struct{}), make(chan struct{})
	s.current = from
	go s.run(from, s.stop, s.done)
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
	return s.current % len(s.clip.Starts)
}

// Stats returns how many frames were shown and how many were skipped
// because they were late, since the scheduler was made.
func (s *Scheduler) Stats() (shown, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shown, s.dropped
}

func (s *Scheduler) run(from int, stop, done chan struct{}) {
	defer close(done)
	n := len(s.clip.Starts)
	origin := time.Now().Add(-s.clip.at(from))
	timer := time.NewTimer(0)
	defer timer.Stop()
	for k := from; ; {
		select {
		case <-stop:
			return
		default:
		}
		s.show(k % n)
		s.mu.Lock()
		s.current, s.shown = k, s.shown+1
		s.mu.Unlock()

		next := k + 1
		timer.Reset(time.Until(origin.Add(s.clip.at(next))))
		select {
		case <-stop:
			return
		case <-timer.C:
		}
		// The frame due now: normally next; a later one when show or
		// the wake-up was late, skipping (dropping) those in between.
		k = max(next, s.clip.index(time.Since(origin)))
		if k > next {
			s.mu.Lock()
			s.dropped += k - next
			s.mu.Unlock()
		}
	}
}
