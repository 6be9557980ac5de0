package viewer

import (
	"fmt"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/hsgview/hsgview/annotate/mark"
)

// benchScene returns n measured marks of every tool spread over a 1024²
// image (as on an HSG spot film), the first of them selected.
func benchScene(b *testing.B, n int) markScene {
	b.Helper()
	sp := mark.Spacing{Row: 0.24, Column: 0.24, Source: mark.SpacingImagerOverERMF}
	tools := []mark.Tool{mark.ToolArrow, mark.ToolLength, mark.ToolText, mark.ToolEllipse,
		mark.ToolAngle, mark.ToolPolygon, mark.ToolFreehand, mark.ToolPoint}
	var s markScene
	for i := range n {
		c := mark.Pt(150+float64(i%4)*220, 150+float64(i/4%4)*220)
		at := func(t, r float64) mark.ImagePoint { return c.Add(mark.Pt(r*math.Cos(t), r*math.Sin(t))) }
		var pts []mark.ImagePoint
		tool := tools[i%len(tools)]
		switch tool {
		case mark.ToolText, mark.ToolPoint:
			pts = []mark.ImagePoint{c}
		case mark.ToolArrow, mark.ToolLength:
			pts = []mark.ImagePoint{c, at(0.7, 60)}
		case mark.ToolAngle:
			pts = []mark.ImagePoint{at(0.3, 60), c, at(2, 60)}
		case mark.ToolEllipse:
			pts = []mark.ImagePoint{c, c.Add(mark.Pt(70, 40))}
		case mark.ToolPolygon:
			pts = []mark.ImagePoint{at(0, 50), at(2, 50), at(4, 50)}
		case mark.ToolFreehand:
			for k := range 80 {
				pts = append(pts, at(float64(k)*2*math.Pi/80, 45+5*math.Sin(float64(k))))
			}
		}
		a, err := mark.NewMark(tool, mark.ImageRef{SOPInstanceUID: "1"}, pts, "L hydrosalpinx")
		if err != nil {
			b.Fatal(err)
		}
		a.ID = fmt.Sprintf("m%d", i+1)
		s.marks = append(s.marks, mark.Measure(a, sp, nil))
	}
	s.selected = "m1"
	return s
}

// benchViewer opens the fixture study, its images 1024×1024, in a
// 1400×900 viewer and draws the ten marks of benchScene on the left
// pane's image.
func benchViewer(b *testing.B) (*Viewer, *testQueue, *Pane) {
	v, q, _ := newTestViewer(b, 1400, 900)
	dir := b.TempDir()
	for i, fx := range hsgFixtures() {
		fx.Rows, fx.Cols = 1024, 1024
		fx.Write(b, dir, fmt.Sprintf("IM%d.dcm", i))
	}
	v.Open([]string{dir})
	q.settle(b)
	if v.Report() == nil {
		b.Fatal("no report")
	}
	p := v.Pane(0)
	ref := mark.ImageRefOf(p.Instance(), 0)
	for _, a := range benchScene(b, 10).marks {
		a.ID, a.Image = "", ref
		if !v.marks.do(mark.AddMark(a)) {
			b.Fatal("mark not added")
		}
	}
	q.settle(b)
	return v, q, p
}

// BenchmarkMarkRedraw is what a pane's mark painter spends on one redraw
// (after a zoom, a pan, a new frame, or each pointer event while a mark
// is drawn or moved): clearing a recycled 1400×900 raster, the size of a
// pane on a 1920×1080 screen, and burning the marks of the image into it.
// It runs on the painter's goroutine, never on the Fyne goroutine.
func BenchmarkMarkRedraw(b *testing.B) {
	for _, n := range []int{2, 10, 30} {
		b.Run(fmt.Sprintf("%dmarks", n), func(b *testing.B) {
			s := benchScene(b, n)
			vt := mark.FitView(1024, 1024, 1400, 900, 0, 1)
			p := newMarkPainter(&bridge{}, nil)
			b.ReportAllocs()
			for b.Loop() {
				img := p.buffer(1400, 900)
				burnScene(img, s, vt, nil)
				p.recycle(img)
			}
		})
	}
}

// BenchmarkMarkDragStep is the Fyne goroutine's share of one pointer
// event while a length is dragged across a pane holding ten marks: the
// moved mark measured again, the pane's scene rebuilt and compared, and
// a redraw asked of the painter (which burns on its own goroutine).
func BenchmarkMarkDragStep(b *testing.B) {
	v, q, p := benchViewer(b)
	a := marks(v)[1] // a length
	from := p.view.Transform().ImageToView(a.Points[0][0], a.Points[0][1])
	pt := pointer{p.view}
	pt.press(from, desktop.MouseButtonPrimary)
	if v.marks.tool.g.kind != gestureHandle {
		b.Fatalf("pressed %v: gesture %d", from, v.marks.tool.g.kind)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		to := from.Add(fyne.NewPos(float32(10+i%40), float32(i%30)))
		p.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(1, 1)})
		if i%64 == 0 {
			q.settle(b) // let the painter's results in, as the Fyne loop would
		}
	}
	b.StopTimer()
	pt.release(from, desktop.MouseButtonPrimary)
	q.settle(b)
}

// BenchmarkMarkCommit is one change of the marks on the Fyne goroutine
// (a mark moved, undone, redone): the command applied through the mark
// history, the report shown changed and queued for saving (its
// impression regenerated and validated by the report session), and the
// panes told. The save itself runs on the session's worker.
func BenchmarkMarkCommit(b *testing.B) {
	v, q, _ := benchViewer(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		d := 1.0
		if i%2 == 0 {
			d = -1
		}
		if !v.marks.do(mark.MoveMark("m2", d, 0)) {
			b.Fatal("not moved")
		}
		if i%16 == 0 {
			q.settle(b)
		}
	}
	b.StopTimer()
	q.settle(b)
}
