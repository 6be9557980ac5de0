package viewer

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/ui"
)

// bigCine writes a 1024×1024 16-bit (12 stored) native RF cine of n
// frames at fps and opens it.
func bigCine(b *testing.B, n int, fps float64) *dicomio.Instance {
	b.Helper()
	fx := fixture{SeriesNumber: 1, InstanceNumber: 1, Rows: 1024, Cols: 1024, Frames: n,
		FrameTime: fmt.Sprintf("%.4f", 1000/fps), WindowCenter: "1900", WindowWidth: "2600"}
	p := fx.Write(b, b.TempDir(), "cine.dcm")
	in, err := dicomio.OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	if !in.Decodable || in.Pixel.Frames != n {
		b.Fatalf("fixture: %d frames, %s", in.Pixel.Frames, in.Problem)
	}
	return in
}

// BenchmarkWindowLevelDrag is one step of a window/level drag on a
// 1024×1024 16-bit frame, as the pane's renderer does it: the frame comes
// from the cache, the window changes, the pipeline rebuilds its LUT and
// windows the whole frame into a recycled RGBA buffer. (The UI side of a
// step only records the new window; scaling to the screen is the GPU's.)
func BenchmarkWindowLevelDrag(b *testing.B) {
	for _, o := range []imageview.Orientation{{}, {Rotation: 1, FlipH: true}} {
		b.Run(fmt.Sprintf("rot%d_flip%v", o.Rotation, o.FlipH), func(b *testing.B) {
			in := bigCine(b, 1, 15)
			r := newFrameRenderer(dicomio.NewFrameCache(64<<20), &bridge{}, nil)
			job := renderJob{in: in, orient: o, voi: dicomio.VOI{Window: dicomio.Window{Center: 1900, Width: 2600}}}
			res := r.render(job) // decode and orient once, as the first display does
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			cpu0 := cpuTime()
			for b.Loop() {
				i++
				job.voi.Width = 2600 + float64(i%200)
				job.voi.Center = 1900 + float64(i%50)
				r.recycle(res.img)
				res = r.render(job)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkCineFrame is the CPU cost of producing one cine frame when
// nothing is cached: read and decode a 1024² 16-bit native frame, window
// it into an RGBA buffer ready for the texture upload (*image.RGBA is
// uploaded without conversion).
func BenchmarkCineFrame(b *testing.B) {
	in := bigCine(b, 8, 30)
	r := newFrameRenderer(dicomio.NewFrameCache(0), &bridge{}, nil) // budget 0: always decode
	job := renderJob{in: in, auto: true}
	res := r.render(job)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	cpu0 := cpuTime()
	defer func() {
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}()
	for b.Loop() {
		job.frame = i % 8
		i++
		r.recycle(res.img)
		res = r.render(job)
		if res.err != nil {
			b.Fatal(res.err)
		}
	}
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCinePlayback plays a 1024² 16-bit 30 fps run for 10 s in real
// time through the same path as the app: the Scheduler asks the pane's
// renderer for each frame at its deadline, the renderer decodes (the cache
// is too small to hold the run, so every frame is decoded again) and
// windows it, and a stand-in for the Fyne goroutine applies the results.
// It reports frames shown, frames dropped (by the scheduler, or skipped
// between two results the UI applied) and CPU per frame. One iteration
// takes 10 s: run with -benchtime=1x.
func BenchmarkCinePlayback(b *testing.B) {
	const fps, seconds, frames = 30, 10, 60
	in := bigCine(b, frames, fps)
	for b.Loop() {
		uiq := make(chan func(), 64)
		br := &bridge{ui.Bridge{Do: func(fn func()) { uiq <- fn }}}
		var applied, gaps int
		last := -1
		r := newFrameRenderer(dicomio.NewFrameCache(8<<20), br, nil)
		r.deliver = func(res renderResult) {
			br.Post(func() {
				if res.err != nil {
					b.Error(res.err)
				}
				if last >= 0 {
					if g := (res.job.frame - last + frames) % frames; g > 1 {
						gaps += g - 1
					}
				}
				last = res.job.frame
				applied++
				r.recycle(res.img)
			})
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // the "Fyne goroutine"
			defer wg.Done()
			for fn := range uiq {
				fn()
			}
		}()
		r.setParams(renderJob{in: in, auto: true})
		s := cine.NewScheduler(cine.ClipOf(in), r.requestFrame)
		cpu0 := cpuTime()
		s.Play(0)
		time.Sleep(seconds * time.Second)
		s.Pause()
		for br.Busy() > 0 {
			time.Sleep(time.Millisecond)
		}
		cpu := cpuTime() - cpu0
		r.close()
		close(uiq)
		wg.Wait()
		shown, dropped := s.Stats()
		b.ReportMetric(float64(shown), "frames")
		b.ReportMetric(float64(dropped), "dropped(scheduler)")
		b.ReportMetric(float64(gaps), "dropped(ui)")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(applied), "cpu-ms/frame")
		b.ReportMetric(100*cpu.Seconds()/seconds, "%core")
	}
}

// TestWriteBenchFixtures is not a test: with HSGVIEW_WRITE_FIXTURES=DIR it
// writes the HSG fixture study there, for looking at it in the app.
func TestWriteBenchFixtures(t *testing.T) {
	dir := os.Getenv("HSGVIEW_WRITE_FIXTURES")
	if dir == "" {
		t.Skip("set HSGVIEW_WRITE_FIXTURES=DIR to write the fixture study")
	}
	for i, fx := range hsgFixtures() {
		fx.Write(t, dir, filepath.Base(fmt.Sprintf("IM%04d.dcm", i+1)))
	}
}
