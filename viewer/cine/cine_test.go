package cine

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// recorder collects the frames a scheduler shows, with their (fake) times.
type recorder struct {
	mu     sync.Mutex
	frames []int
	times  []time.Duration
	start  time.Time
	work   time.Duration // simulated drawing time per frame
}

func (r *recorder) show(f int) {
	r.mu.Lock()
	r.frames = append(r.frames, f)
	r.times = append(r.times, time.Since(r.start))
	r.mu.Unlock()
	if r.work > 0 {
		time.Sleep(r.work)
	}
}

func (r *recorder) last() (int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.frames[len(r.frames)-1], len(r.frames)
}

// TestSchedulerRate runs 15 fps playback on a fake clock: after one second
// the frame index has advanced by exactly 15, after a minute by 900 (no
// drift), and pausing stops it.
func TestSchedulerRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{start: time.Now()}
		s := NewScheduler(clipFromFPS(10000, 15), r.show)
		s.Play(0)
		synctest.Wait()
		if f, n := r.last(); f != 0 || n != 1 {
			t.Fatalf("at start: frame %d after %d calls", f, n)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if f, n := r.last(); f != 15 || n != 16 {
			t.Fatalf("after 1 s: frame %d after %d calls, want 15 after 16", f, n)
		}
		time.Sleep(59 * time.Second)
		synctest.Wait()
		if f, _ := r.last(); f != 900 {
			t.Fatalf("after 60 s: frame %d, want 900", f)
		}
		// Every frame was shown at its own deadline.
		for i, d := range r.times {
			want := time.Duration(float64(r.frames[i]) * float64(time.Second) / 15)
			if d != want {
				t.Fatalf("frame %d shown at %v, want %v", r.frames[i], d, want)
			}
		}
		if shown, dropped := s.Stats(); shown != 901 || dropped != 0 {
			t.Errorf("stats: %d shown, %d dropped", shown, dropped)
		}
		if f := s.Pause(); f != 900 || s.Playing() {
			t.Errorf("pause returned %d, playing %v", f, s.Playing())
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		if f, n := r.last(); f != 900 || n != 901 {
			t.Errorf("after pause: frame %d after %d calls", f, n)
		}
		// Resuming continues from the paused frame, on a new time base.
		s.Play(900)
		time.Sleep(time.Second)
		synctest.Wait()
		if f, _ := r.last(); f != 915 {
			t.Errorf("resumed: frame %d, want 915", f)
		}
		s.Pause()
	})
}

// TestSchedulerLoops checks wrapping: a 6-frame clip at 15 fps shows frame
// 0 again at 400 ms.
func TestSchedulerLoops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{start: time.Now()}
		s := NewScheduler(clipFromFPS(6, 15), r.show)
		s.Play(4)
		time.Sleep(134 * time.Millisecond) // frame 6 = frame 0 is due 133.3 ms after frame 4
		synctest.Wait()
		if f, n := r.last(); f != 0 || n != 3 {
			t.Errorf("frames %v", r.frames)
		}
		s.Pause()
	})
}

// TestSchedulerDropsWhenSlow: drawing that takes longer than a frame
// interval makes the scheduler skip frames, but the frame on screen is
// always the one due at that time, so playback does not fall behind.
func TestSchedulerDropsWhenSlow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{start: time.Now(), work: 100 * time.Millisecond}
		s := NewScheduler(clipFromFPS(10000, 15), r.show)
		s.Play(0)
		time.Sleep(10 * time.Second)
		synctest.Wait()
		s.Pause()
		f, n := r.last()
		if f < 148 || f > 150 {
			t.Errorf("after 10 s at 100 ms per frame: frame %d, want ≈150", f)
		}
		shown, dropped := s.Stats()
		if shown != n || shown+dropped != f+1 || dropped < 40 {
			t.Errorf("shown %d dropped %d, last frame %d", shown, dropped, f)
		}
		for i, d := range r.times {
			due := clipFromFPS(10000, 15).Sequence(Options{}).index(d)
			if r.frames[i] != due {
				t.Fatalf("at %v showed frame %d, due %d", d, r.frames[i], due)
			}
		}
	})
}

func TestClipVariableFrameTimes(t *testing.T) {
	c := Clip{Starts: []time.Duration{0, 30 * time.Millisecond, 80 * time.Millisecond}, Period: 110 * time.Millisecond}
	for _, tc := range []struct {
		d    time.Duration
		want int
	}{{0, 0}, {29 * time.Millisecond, 0}, {30 * time.Millisecond, 1}, {100 * time.Millisecond, 2}, {110 * time.Millisecond, 3}, {145 * time.Millisecond, 4}} {
		if got := c.Sequence(Options{}).index(tc.d); got != tc.want {
			t.Errorf("index(%v) = %d, want %d", tc.d, got, tc.want)
		}
	}
	if c.Sequence(Options{}).at(4) != 140*time.Millisecond {
		t.Errorf("at(4) = %v", c.Sequence(Options{}).at(4))
	}
}
