package viewer

import (
	"math"

	"fyne.io/fyne/v2"
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

// swapsAxes reports whether the displayed width is the image height.
func (o Orientation) swapsAxes() bool { return o.Rotation%2 == 1 }

// Transform maps between image coordinates and view coordinates of one
// [ImageView]. It is the only place where that mapping is defined.
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
	if t.swapsAxes() {
		return float64(t.ImageHeight), float64(t.ImageWidth)
	}
	return float64(t.ImageWidth), float64(t.ImageHeight)
}

// toOriented turns image coordinates into coordinates of the turned image.
func (t Transform) toOriented(x, y float64) (float64, float64) {
	w, h := float64(t.ImageWidth), float64(t.ImageHeight)
	switch t.Rotation {
	case 1:
		x, y = h-y, x
	case 2:
		x, y = w-x, h-y
	case 3:
		x, y = y, w-x
	}
	ow, oh := t.orientedSize()
	if t.FlipH {
		x = ow - x
	}
	if t.FlipV {
		y = oh - y
	}
	return x, y
}

// fromOriented is the inverse of toOriented.
func (t Transform) fromOriented(x, y float64) (float64, float64) {
	ow, oh := t.orientedSize()
	if t.FlipH {
		x = ow - x
	}
	if t.FlipV {
		y = oh - y
	}
	w, h := float64(t.ImageWidth), float64(t.ImageHeight)
	switch t.Rotation {
	case 1:
		x, y = y, h-x
	case 2:
		x, y = w-x, h-y
	case 3:
		x, y = w-y, x
	}
	return x, y
}

// ImageToView returns the view position of image point (x, y).
func (t Transform) ImageToView(x, y float64) fyne.Position {
	ox, oy := t.toOriented(x, y)
	ow, oh := t.orientedSize()
	u := t.unit()
	return fyne.NewPos(
		float32(float64(t.View.Width)/2+float64(t.Pan.DX)+(ox-ow/2)*u),
		float32(float64(t.View.Height)/2+float64(t.Pan.DY)+(oy-oh/2)*u),
	)
}

// ViewToImage returns the image point shown at view position p. The
// result may lie outside the image.
func (t Transform) ViewToImage(p fyne.Position) (x, y float64) {
	u := t.unit()
	if u == 0 {
		return math.NaN(), math.NaN()
	}
	ow, oh := t.orientedSize()
	ox := (float64(p.X)-float64(t.View.Width)/2-float64(t.Pan.DX))/u + ow/2
	oy := (float64(p.Y)-float64(t.View.Height)/2-float64(t.Pan.DY))/u + oh/2
	return t.fromOriented(ox, oy)
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
