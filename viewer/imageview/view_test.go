package imageview

import (
	"image"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
)

// TestOrientFrameMatchesTransform checks that the pixels the renderer
// turns land where Transform (and so mark.ViewTransform, which marks
// are drawn with) says the image point is shown.
func TestOrientFrameMatchesTransform(t *testing.T) {
	const w, h = 5, 3
	for _, bits := range []int{8, 16} {
		f := &dicomio.Frame{Rows: h, Columns: w, Samples: 1, Bits: bits, Data: make([]byte, w*h*bits/8)}
		for i := range w * h {
			if bits == 8 {
				f.Data[i] = byte(i)
			} else {
				f.Data[2*i] = byte(i)
			}
		}
		for rot := range 4 {
			for _, fh := range []bool{false, true} {
				for _, fv := range []bool{false, true} {
					o := Orientation{rot, fh, fv}
					of := OrientFrame(f, o)
					xf := Transform{ImageWidth: w, ImageHeight: h, View: fyne.NewSize(100, 100), Zoom: 1, Orientation: o}
					ow, oh := xf.orientedSize()
					if of.Columns != int(ow) || of.Rows != int(oh) {
						t.Fatalf("%+v: size %d×%d", o, of.Columns, of.Rows)
					}
					// The turned frame fills ImageRect: oriented pixel
					// (x, y) is drawn at pos + (x+.5, y+.5) units.
					pos, _ := xf.ImageRect()
					for y := range of.Rows {
						for x := range of.Columns {
							sx, sy := xf.ViewToImage(pos.Add(fyne.NewPos(float32(x)+.5, float32(y)+.5)))
							want := byte(int(math.Floor(sy))*w + int(math.Floor(sx)))
							got := of.Data[(y*of.Columns+x)*bits/8]
							if got != want {
								t.Fatalf("%d bits %+v: oriented (%d,%d) = pixel %d, want %d", bits, o, x, y, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestImageViewScale2 checks the view's transform on a HiDPI canvas: at
// 1:1 one image pixel is half a Fyne unit, and pointer positions map to
// the right pixels.
func TestImageViewScale2(t *testing.T) {
	for _, scale := range []float32{1, 2} {
		newTestApp(t)
		v := NewImageView()
		w := test.NewTempWindow(t, v)
		w.SetPadded(false)
		w.Canvas().(test.WindowlessCanvas).SetScale(scale)
		w.Resize(fyne.NewSize(300, 200))
		v.SetImage(image.NewRGBA(image.Rect(0, 0, 64, 48)), 64, 48, Orientation{})
		xf := v.Transform()
		if xf.Scale != scale {
			t.Fatalf("transform scale %v, canvas %v", xf.Scale, scale)
		}
		// Fitted: 48 rows in 200 units.
		if want := 200.0 / 48 * float64(scale); !near(v.Zoom(), want) {
			t.Errorf("scale %v: fit zoom %v, want %v", scale, v.Zoom(), want)
		}
		v.SetZoom(1)
		_, size := v.Transform().ImageRect()
		if want := 64 / scale; size.Width != want {
			t.Errorf("scale %v: 1:1 image width %v units, want %v", scale, size.Width, want)
		}
		// The pixel under the view centre is the image centre.
		i, j, ok := v.Transform().PixelAt(fyne.NewPos(150, 100))
		if !ok || i != 32 || j != 24 {
			t.Errorf("scale %v: centre pixel %d,%d %v", scale, i, j, ok)
		}
		// One unit to the right is 'scale' pixels further.
		i2, _, _ := v.Transform().PixelAt(fyne.NewPos(151, 100))
		if i2-i != int(scale) {
			t.Errorf("scale %v: one unit = %d pixels", scale, i2-i)
		}
	}
}

// probeTool is a stand-in for an annotation tool: it records presses and
// drags in image coordinates.
type probeTool struct {
	points [][2]float64
	scroll int
}

func (m *probeTool) Press(v *ImageView, ev PointerEvent) {
	x, y := v.Transform().ViewToImage(ev.Position)
	m.points = append(m.points, [2]float64{x, y})
}
func (m *probeTool) Drag(v *ImageView, ev PointerEvent)   { m.Press(v, ev) }
func (m *probeTool) Release(*ImageView, PointerEvent)     {}
func (m *probeTool) Scroll(*ImageView, *fyne.ScrollEvent) { m.scroll++ }

// TestToolAndOverlayExtension plugs a tool and draws into the overlay
// layer, keeping a mark on an image point through zoom and rotation.
func TestToolAndOverlayExtension(t *testing.T) {
	newTestApp(t)
	v := NewImageView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(300, 200))
	v.SetImage(image.NewRGBA(image.Rect(0, 0, 64, 48)), 64, 48, Orientation{})

	tool := &probeTool{}
	v.SetTool(tool)
	test.Drag(w.Canvas(), fyne.NewPos(150, 100), 10, 0)
	test.Scroll(w.Canvas(), fyne.NewPos(150, 100), 0, 10)
	if len(tool.points) != 2 || tool.scroll != 1 {
		t.Fatalf("tool got %v points, %d scrolls", tool.points, tool.scroll)
	}
	if p := tool.points[0]; !near(p[0], 32) || !near(p[1], 24) {
		t.Errorf("press at the centre = image %v", p)
	}
	if v.Zoom() != v.Transform().FitZoom() {
		t.Error("the default tool still zoomed")
	}

	// A mark on image point (10, 5), kept in place by a transform listener.
	mark := canvas.NewCircle(nil)
	v.Overlay().Add(mark)
	place := func(xf Transform) { mark.Move(xf.ImageToView(10, 5)) }
	v.AddTransformListener(place)
	place(v.Transform())
	check := func(what string) {
		t.Helper()
		x, y := v.Transform().ViewToImage(mark.Position())
		if !near(x, 10) || !near(y, 5) {
			t.Errorf("%s: mark over image point (%.2f, %.2f)", what, x, y)
		}
	}
	check("fitted")
	v.SetTool(nil)
	v.ZoomBy(1.7, fyne.NewPos(40, 30))
	check("zoomed")
	v.PanBy(fyne.NewDelta(12, -3))
	check("panned")
	v.SetImage(image.NewRGBA(image.Rect(0, 0, 48, 64)), 64, 48, Orientation{Rotation: 1})
	check("rotated")
	w.Resize(fyne.NewSize(260, 240))
	check("resized")
	if v.Overlay().Size() != v.Size() {
		t.Errorf("overlay size %v, view %v", v.Overlay().Size(), v.Size())
	}
}

// TestCornersClearLetters: the orientation letters stay at the middle of
// the edges at every width; the corner lines give way to them, and to
// each other, shortened with an ellipsis in a narrow pane and in full in
// a wide one. The mark layer is told where every line and letter is.
func TestCornersClearLetters(t *testing.T) {
	newTestApp(t)
	v := NewImageView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	v.SetImage(image.NewRGBA(image.Rect(0, 0, 64, 48)), 64, 48, Orientation{})
	v.SetPatientOrientation([2]string{"L", "F"})
	name := "LINDQVIST, SARA ELISABET MARIA-THERESIA"
	v.SetInfo(OverlayInfo{
		TopLeft:     []OverlayLine{Line(PriorityHigh, name)},
		TopRight:    []OverlayLine{Line(PriorityHigh, "Se 2 · HSG spot tubal filling", "Se 2")},
		BottomLeft:  []OverlayLine{Line(PriorityKeep, "Spacing: at detector (Imager Pixel Spacing, not corrected for magnification)", "Spacing: at detector")},
		BottomRight: []OverlayLine{Line(PriorityHigh, "delayed · +25 min (medium confidence)")},
	})
	r := test.WidgetRenderer(v).(*imageViewRenderer)
	for _, width := range []float32{300, 1400} {
		w.Resize(fyne.NewSize(width, 500))
		r.Layout(v.Size())
		for i, e := range r.edges {
			p, sz := e.Position(), e.MinSize()
			mid := [4]bool{p.Y+sz.Height/2 == 250, p.Y+sz.Height/2 == 250, p.X+sz.Width/2 == width/2, p.X+sz.Width/2 == width/2}
			if sz.Width <= 2 || !mid[i] {
				t.Errorf("width %v: letter %d at %v, not at the middle of its edge", width, i, p)
			}
		}
		rs := v.TextRects()
		// 4 letters, the spacing and zoom lines, and one line per other
		// corner.
		if len(rs) != 4+2+3 {
			t.Errorf("width %v: %d text rectangles: %v", width, len(rs), rs)
		}
		for i, a := range rs {
			if !a.In(image.Rect(0, 0, int(width), 500)) {
				t.Errorf("width %v: text at %v leaves the view", width, a)
			}
			for _, b := range rs[i+1:] {
				if a.Overlaps(b) {
					t.Errorf("width %v: texts at %v and %v overlap", width, a, b)
				}
			}
		}
		tl := v.CornerText()[0]
		if cut := strings.HasSuffix(tl[0], "…"); cut != (width < 1000) || !strings.HasPrefix(tl[0], "LIND") {
			t.Errorf("width %v: name shown as %q", width, tl[0])
		}
	}
}

// TestTextListener: the view says when its text takes room it did not
// take before, so that mark labels are placed again, and not otherwise.
func TestTextListener(t *testing.T) {
	newTestApp(t)
	v := NewImageView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(500, 400))
	v.SetImage(image.NewRGBA(image.Rect(0, 0, 64, 48)), 64, 48, Orientation{})
	v.SetPatientOrientation([2]string{"L", "F"}) // no warning, which moves with the top lines
	calls := 0
	v.AddTextListener(func() { calls++ })
	v.SetInfo(OverlayInfo{TopLeft: []OverlayLine{Line(PriorityHigh, "A")}})
	if calls != 1 {
		t.Errorf("a new line: %d calls", calls)
	}
	v.SetInfo(OverlayInfo{TopLeft: []OverlayLine{Line(PriorityHigh, "A")}})
	v.SetInfo(OverlayInfo{})
	if calls != 1 {
		t.Errorf("the same line, then none: %d calls", calls)
	}
	v.SetInfo(OverlayInfo{BottomRight: []OverlayLine{Line(PriorityHigh, "delayed · +25 min")}})
	if calls != 2 {
		t.Errorf("a line in another corner: %d calls", calls)
	}
}
