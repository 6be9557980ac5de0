package imageview

import (
	"math"
	"unsafe"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
)

// Orientation is how an image is turned for display: a rotation by
// quarter turns clockwise, then flips of the rotated picture (so that
// "flip horizontal" always mirrors left and right on screen).
type Orientation struct {
	Rotation     int // quarter turns clockwise, 0..3
	FlipH, FlipV bool
}

// Rotate returns o turned by q more quarter turns clockwise (negative:
// anticlockwise). Rotating a flipped picture turns it the way the user
// sees it, so the flips are kept and the rotation direction is mirrored
// once for each flip.
func (o Orientation) Rotate(q int) Orientation {
	if o.FlipH != o.FlipV {
		q = -q
	}
	o.Rotation = ((o.Rotation+q)%4 + 4) % 4
	return o
}

// SwapsAxes reports whether the displayed width is the image height.
func (o Orientation) SwapsAxes() bool { return o.Rotation%2 == 1 }

// Transform maps between image coordinates and view coordinates of one
// [ImageView]. The mapping itself is [mark.ViewTransform] (see
// [Transform.ViewTransform]), which marks and exports use too.
//
// Image coordinates are continuous pixel coordinates of the stored frame:
// pixel (i, j) covers [i, i+1) × [j, j+1), so its centre is (i+.5, j+.5).
// View coordinates are Fyne units relative to the view's top-left corner.
// Zoom is in device pixels per image pixel, so that 1 is "1:1" on any
// screen; Scale is the canvas scale (device pixels per Fyne unit).
//
// Transform is a value; the zero value maps nothing (Zoom 0).
type Transform struct {
	ImageWidth, ImageHeight int       // stored frame size in pixels
	View                    fyne.Size // the view's size in Fyne units
	Scale                   float32   // canvas scale; 0 means 1
	Zoom                    float64   // device pixels per image pixel
	Pan                     fyne.Delta
	Orientation
}

func (t Transform) scale() float64 {
	if t.Scale <= 0 {
		return 1
	}
	return float64(t.Scale)
}

// unit returns Fyne units per image pixel.
func (t Transform) unit() float64 { return t.Zoom / t.scale() }

// orientedSize returns the size of the turned image in image pixels.
func (t Transform) orientedSize() (w, h float64) {
	if t.SwapsAxes() {
		return float64(t.ImageHeight), float64(t.ImageWidth)
	}
	return float64(t.ImageWidth), float64(t.ImageHeight)
}

// ViewTransform returns t as the [mark.ViewTransform] that marks are
// drawn, hit and exported with, so that the image, its marks and an
// exported picture of the pane share one mapping. The view turns the
// image first and then flips the turned picture (so that "flip
// horizontal" always mirrors left and right on screen), while
// ViewTransform flips first, as a DICOM presentation state does: after an
// odd number of quarter turns the two flips trade places.
func (t Transform) ViewTransform() mark.ViewTransform {
	fh, fv := t.FlipH, t.FlipV
	if t.SwapsAxes() {
		fh, fv = fv, fh
	}
	s := t.scale()
	return mark.ViewTransform{
		ImageWidth: float64(t.ImageWidth), ImageHeight: float64(t.ImageHeight),
		ViewWidth: float64(t.View.Width), ViewHeight: float64(t.View.Height),
		Zoom: t.Zoom / s, PanX: float64(t.Pan.DX), PanY: float64(t.Pan.DY),
		Rotation: t.Rotation, FlipH: fh, FlipV: fv, CanvasScale: s,
	}
}

// ImageToView returns the view position of image point (x, y).
func (t Transform) ImageToView(x, y float64) fyne.Position {
	s := t.scale()
	p := t.ViewTransform().ToScreen(mark.Pt(x, y))
	return fyne.NewPos(float32(p.X/s), float32(p.Y/s))
}

// ViewToImage returns the image point shown at view position p. The
// result may lie outside the image.
func (t Transform) ViewToImage(p fyne.Position) (x, y float64) {
	if t.unit() == 0 {
		return math.NaN(), math.NaN()
	}
	s := t.scale()
	q := t.ViewTransform().ToImage(mark.ScreenPoint{X: float64(p.X) * s, Y: float64(p.Y) * s})
	return q.X, q.Y
}

// PixelAt returns the integer pixel shown at p and whether it lies inside
// the image.
func (t Transform) PixelAt(p fyne.Position) (i, j int, ok bool) {
	x, y := t.ViewToImage(p)
	if math.IsNaN(x) {
		return 0, 0, false
	}
	i, j = int(math.Floor(x)), int(math.Floor(y))
	return i, j, i >= 0 && j >= 0 && i < t.ImageWidth && j < t.ImageHeight
}

// ImageRect returns where the turned image is drawn, in view units.
func (t Transform) ImageRect() (fyne.Position, fyne.Size) {
	ow, oh := t.orientedSize()
	u := t.unit()
	w, h := ow*u, oh*u
	return fyne.NewPos(
			float32(float64(t.View.Width)/2+float64(t.Pan.DX)-w/2),
			float32(float64(t.View.Height)/2+float64(t.Pan.DY)-h/2)),
		fyne.NewSize(float32(w), float32(h))
}

// FitZoom returns the zoom that shows the whole turned image in the view.
func (t Transform) FitZoom() float64 {
	ow, oh := t.orientedSize()
	if ow <= 0 || oh <= 0 || t.View.Width <= 0 || t.View.Height <= 0 {
		return 1
	}
	return math.Min(float64(t.View.Width)/ow, float64(t.View.Height)/oh) * t.scale()
}

// Zoomed returns t zoomed by factor about view position about, which stays
// over the same image point.
func (t Transform) Zoomed(factor float64, about fyne.Position) Transform {
	z := clampZoom(t.Zoom * factor)
	if t.Zoom > 0 {
		factor = z / t.Zoom
	}
	cx, cy := float64(t.View.Width)/2, float64(t.View.Height)/2
	ax, ay := float64(about.X)-cx, float64(about.Y)-cy
	t.Pan = fyne.NewDelta(
		float32(ax-(ax-float64(t.Pan.DX))*factor),
		float32(ay-(ay-float64(t.Pan.DY))*factor))
	t.Zoom = z
	return t
}

// Zoom limits: 1/50 to 50 device pixels per image pixel.
const (
	minZoom = 0.02
	maxZoom = 50
)

func clampZoom(z float64) float64 { return math.Max(minZoom, math.Min(maxZoom, z)) }

// OrientFrame returns a copy of f with its pixels turned by o (rotation,
// then flips), as [Transform] maps them.
func OrientFrame(f *dicomio.Frame, o Orientation) *dicomio.Frame {
	w, h := f.Columns, f.Rows
	ow, oh := w, h
	if o.SwapsAxes() {
		ow, oh = h, w
	}
	bpp := f.Samples * f.Bits / 8
	out := *f
	out.Columns, out.Rows = ow, oh
	out.Data = make([]byte, ow*oh*bpp)
	// Source pixel of oriented (x, y) = base + x*dx + y*dy (pixel
	// indices): turn first, then flip the turned picture, as
	// Transform.ViewToImage maps pixel centres.
	var base, dx, dy int
	switch o.Rotation {
	case 0: // (x, y)
		base, dx, dy = 0, 1, w
	case 1: // x' = h-1-y, y' = x: source x = y', y = h-1-x'
		base, dx, dy = (h-1)*w, -w, 1
	case 2:
		base, dx, dy = (h-1)*w+w-1, -1, -w
	case 3: // x' = y, y' = w-1-x: source x = w-1-y', y = x'
		base, dx, dy = w-1, w, -1
	}
	if o.FlipH {
		base += (ow - 1) * dx
		dx = -dx
	}
	if o.FlipV {
		base += (oh - 1) * dy
		dy = -dy
	}
	switch bpp {
	case 1:
		src, dst := f.Data, out.Data
		for y := range oh {
			s, row := base+y*dy, dst[y*ow:(y+1)*ow]
			for x := range row {
				row[x] = src[s]
				s += dx
			}
		}
	case 2:
		src := unsafe.Slice((*uint16)(unsafe.Pointer(&f.Data[0])), w*h)
		dst := unsafe.Slice((*uint16)(unsafe.Pointer(&out.Data[0])), ow*oh)
		for y := range oh {
			s, row := base+y*dy, dst[y*ow:(y+1)*ow]
			for x := range row {
				row[x] = src[s]
				s += dx
			}
		}
	default:
		for y := range oh {
			s := base + y*dy
			for x := range ow {
				copy(out.Data[(y*ow+x)*bpp:(y*ow+x+1)*bpp], f.Data[s*bpp:(s+1)*bpp])
				s += dx
			}
		}
	}
	return &out
}
