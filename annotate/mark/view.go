package mark

import "math"

// A ScreenPoint is a position in a pane in screen pixels (device pixels:
// the pixels of the raster the pane is drawn into, and of an exported
// image), with (0, 0) the top-left corner of the pane.
type ScreenPoint struct{ X, Y float64 }

// A ViewTransform maps image pixel coordinates to screen pixels and back,
// as a pane shows an image: the image is flipped (horizontal flip first,
// then vertical), turned by quarter turns about its centre, scaled by
// Zoom and placed with its centre at the pane's centre moved by Pan; the
// result, in the canvas's logical units, is multiplied by CanvasScale to
// give screen pixels. (A DICOM presentation state also flips before it
// rotates.)
//
// Every step is exact or a multiplication by a scale, so [ToImage]
// inverts [ToScreen] up to rounding (exactly when the scale is a power
// of two), and a distance on screen is the image distance times
// [ViewTransform.Scale] in every direction.
//
// The zero ViewTransform is the identity: image pixel (x, y) is screen
// pixel (x, y).
type ViewTransform struct {
	// ImageWidth and ImageHeight are the size of the image in pixels
	// (columns, rows): the image turns about its centre.
	ImageWidth, ImageHeight float64
	// ViewWidth and ViewHeight are the size of the pane in logical units.
	ViewWidth, ViewHeight float64
	// Zoom is logical units per image pixel; 0 means 1.
	Zoom float64
	// PanX and PanY move the image's centre from the pane's centre, in
	// logical units.
	PanX, PanY float64
	// Rotation is the number of quarter turns clockwise (taken modulo 4,
	// negative turns anticlockwise).
	Rotation int
	// FlipH mirrors the image left to right, FlipV top to bottom.
	FlipH, FlipV bool
	// CanvasScale is screen pixels per logical unit (the canvas scale of
	// a high-density display); 0 means 1.
	CanvasScale float64
}

// FitView returns the transform that shows a w×h image whole and
// centred in a viewW×viewH pane (logical units) turned by rotation
// quarter turns, at canvas scale s.
func FitView(w, h int, viewW, viewH float64, rotation int, s float64) ViewTransform {
	v := ViewTransform{ImageWidth: float64(w), ImageHeight: float64(h), ViewWidth: viewW, ViewHeight: viewH,
		Rotation: rotation, CanvasScale: s}
	iw, ih := float64(w), float64(h)
	if v.quarter()%2 == 1 {
		iw, ih = ih, iw
	}
	if iw > 0 && ih > 0 && viewW > 0 && viewH > 0 {
		v.Zoom = min(viewW/iw, viewH/ih)
	}
	return v
}

// NativeView returns the transform that draws a w×h image unturned at k
// screen pixels per image pixel, filling a pane of k·w × k·h pixels.
func NativeView(w, h int, k float64) ViewTransform {
	if !Positive(k) {
		k = 1
	}
	return ViewTransform{ImageWidth: float64(w), ImageHeight: float64(h),
		ViewWidth: k * float64(w), ViewHeight: k * float64(h), Zoom: k}
}

func (v *ViewTransform) zoom() float64 {
	if Positive(v.Zoom) {
		return v.Zoom
	}
	return 1
}

func (v *ViewTransform) canvasScale() float64 {
	if Positive(v.CanvasScale) {
		return v.CanvasScale
	}
	return 1
}

// quarter returns the rotation in 0..3.
func (v *ViewTransform) quarter() int { return ((v.Rotation % 4) + 4) % 4 }

// Scale returns screen pixels per image pixel.
func (v ViewTransform) Scale() float64 { return v.zoom() * v.canvasScale() }

// ImageLength converts a length in screen pixels, such as a hit
// tolerance, to image pixels.
func (v ViewTransform) ImageLength(screenPx float64) float64 { return screenPx / v.Scale() }

// ScreenSize returns the size of the pane in screen pixels.
func (v ViewTransform) ScreenSize() (w, h int) {
	s := v.canvasScale()
	return int(math.Round(v.ViewWidth * s)), int(math.Round(v.ViewHeight * s))
}

// FromCanvas converts a position in the canvas's logical units (as
// pointer events give it) to screen pixels.
func (v ViewTransform) FromCanvas(x, y float64) ScreenPoint {
	s := v.canvasScale()
	return ScreenPoint{x * s, y * s}
}

// turn applies the flips and the rotation to a vector.
func (v *ViewTransform) turn(x, y float64) (float64, float64) {
	if v.FlipH {
		x = -x
	}
	if v.FlipV {
		y = -y
	}
	switch v.quarter() {
	case 1: // clockwise on a screen whose y axis points down
		return -y, x
	case 2:
		return -x, -y
	case 3:
		return y, -x
	}
	return x, y
}

// unturn inverts turn.
func (v *ViewTransform) unturn(x, y float64) (float64, float64) {
	switch v.quarter() {
	case 1:
		x, y = y, -x
	case 2:
		x, y = -x, -y
	case 3:
		x, y = -y, x
	}
	if v.FlipV {
		y = -y
	}
	if v.FlipH {
		x = -x
	}
	return x, y
}

// ToScreen maps an image point to screen pixels.
func (v ViewTransform) ToScreen(p ImagePoint) ScreenPoint {
	x, y := v.turn(p.X-v.ImageWidth/2, p.Y-v.ImageHeight/2)
	z, s := v.zoom(), v.canvasScale()
	return ScreenPoint{
		(v.ViewWidth/2 + v.PanX + x*z) * s,
		(v.ViewHeight/2 + v.PanY + y*z) * s,
	}
}

// ToImage maps screen pixels to an image point: the inverse of ToScreen.
func (v ViewTransform) ToImage(q ScreenPoint) ImagePoint {
	z, s := v.zoom(), v.canvasScale()
	x := (q.X/s - v.ViewWidth/2 - v.PanX) / z
	y := (q.Y/s - v.ViewHeight/2 - v.PanY) / z
	x, y = v.unturn(x, y)
	return ImagePoint{x + v.ImageWidth/2, y + v.ImageHeight/2}
}

// Affine returns the matrix [a b c; d e f] of ToScreen: screen x = a·x +
// b·y + c and screen y = d·x + e·y + f (the form of
// golang.org/x/image/math/f64.Aff3).
func (v ViewTransform) Affine() [6]float64 {
	k := v.Scale()
	ax, ay := v.turn(1, 0)
	bx, by := v.turn(0, 1)
	o := v.ToScreen(ImagePoint{})
	return [6]float64{ax * k, bx * k, o.X, ay * k, by * k, o.Y}
}

func (v ViewTransform) Identity() bool {
	a := v.Affine()
	return a == [6]float64{1, 0, 0, 0, 1, 0}
}
