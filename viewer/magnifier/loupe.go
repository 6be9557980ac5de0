package magnifier

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/imageview"
)

// Loupe shows a magnified picture (made by [Sample]) one image pixel per
// device pixel, with a frame and its factor in a corner. It takes no
// pointer input, so the view under it keeps getting the pointer.
//
// All methods must be called on the Fyne goroutine.
type Loupe struct {
	widget.BaseWidget

	raster *canvas.Image
	ring   *canvas.Rectangle
	label  *imageview.OutlineText
}

var _ fyne.Widget = (*Loupe)(nil)

// NewLoupe returns an empty loupe.
func NewLoupe() *Loupe {
	l := &Loupe{
		raster: &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScalePixels},
		ring:   canvas.NewRectangle(color.Transparent),
		label:  imageview.NewOutlineText(fyne.TextAlignTrailing, 12, color.NRGBA{0xf0, 0xf0, 0xf0, 0xff}, fyne.TextStyle{Bold: true}),
	}
	l.ring.StrokeWidth = 2
	l.ExtendBaseWidget(l)
	return l
}

// Set shows img (the caller must not change it until the next Set) and
// the factor.
func (l *Loupe) Set(img *image.RGBA, factor int) {
	l.raster.Image = img
	l.label.SetLines(strconv.Itoa(factor) + "×")
	l.raster.Refresh()
}

// Image returns the picture shown.
func (l *Loupe) Image() *image.RGBA {
	img, _ := l.raster.Image.(*image.RGBA)
	return img
}

// CreateRenderer implements fyne.Widget.
func (l *Loupe) CreateRenderer() fyne.WidgetRenderer {
	return &loupeRenderer{l: l, objects: []fyne.CanvasObject{l.raster, l.ring, l.label}}
}

type loupeRenderer struct {
	l       *Loupe
	objects []fyne.CanvasObject
}

func (r *loupeRenderer) Layout(size fyne.Size) {
	r.l.raster.Resize(size)
	r.l.ring.Resize(size)
	m := r.l.label.MinSize()
	r.l.label.Resize(m)
	r.l.label.Move(fyne.NewPos(size.Width-m.Width-4, size.Height-m.Height-2))
}

func (r *loupeRenderer) MinSize() fyne.Size { return fyne.NewSize(20, 20) }

func (r *loupeRenderer) Refresh() {
	r.l.ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
	r.Layout(r.l.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *loupeRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *loupeRenderer) Destroy() {}

// Lens puts a [Loupe] on each image view of a window and shows it, over
// the view under the pointer, centred on the pointer, while its key is
// held or it is switched on. The loupe magnifies the view's picture —
// the frame rendered at full resolution — by Factor over the view's
// zoom.
//
// All methods must be called on the Fyne goroutine.
type Lens struct {
	// Factor is the magnification over the view's zoom (2 to 4).
	Factor int
	// Size is the loupe's side in Fyne units, at most 60 % of the
	// view's shorter side.
	Size float32

	loupes map[*imageview.ImageView]*Loupe
	held   bool // the key is down
	on     bool // switched on (Shift+key)
	view   *imageview.ImageView
	pos    fyne.Position
	buf    *image.RGBA
}

// LoupeSize is the loupe's side, in Fyne units.
const LoupeSize = 220

// NewLens returns a lens with the default factor, switched off.
func NewLens() *Lens {
	return &Lens{Factor: DefaultFactor, Size: LoupeSize, loupes: map[*imageview.ImageView]*Loupe{}}
}

// Attach adds a (hidden) loupe to v's overlay.
func (l *Lens) Attach(v *imageview.ImageView) {
	lp := NewLoupe()
	lp.Hide()
	v.TopLayer().Add(lp)
	l.loupes[v] = lp
	v.AddTransformListener(func(imageview.Transform) {
		if l.view == v {
			l.update()
		}
	})
}

// Loupe returns the loupe of v, or nil.
func (l *Lens) Loupe(v *imageview.ImageView) *Loupe { return l.loupes[v] }

// Visible reports whether the loupe shows (when the pointer is over an
// image view).
func (l *Lens) Visible() bool { return l.held || l.on }

// Hold says whether the lens key is down: the loupe shows while it is.
func (l *Lens) Hold(down bool) {
	l.held = down
	l.update()
}

// Key is the lens key: held, it shows the loupe; with Shift, it switches
// it on and off.
const Key = fyne.KeyQ

// KeyDown takes a key pressed with the modifiers mod held.
func (l *Lens) KeyDown(ev *fyne.KeyEvent, mod fyne.KeyModifier) {
	switch {
	case ev.Name != Key:
	case mod&fyne.KeyModifierShift != 0:
		l.Toggle()
	default:
		l.Hold(true)
	}
}

// KeyUp takes a key released.
func (l *Lens) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == Key {
		l.Hold(false)
	}
}

// Toggle switches the loupe on until it is toggled again.
func (l *Lens) Toggle() {
	l.on = !l.on
	l.update()
}

// Move says the pointer is at pos over v.
func (l *Lens) Move(v *imageview.ImageView, pos fyne.Position) {
	if l.view != v && l.view != nil {
		l.hide(l.view)
	}
	l.view, l.pos = v, pos
	l.update()
}

// Refresh shows v's picture anew (another frame or window).
func (l *Lens) Refresh(v *imageview.ImageView) {
	if v == l.view {
		l.update()
	}
}

// SetFactor changes the magnification.
func (l *Lens) SetFactor(f int) {
	l.Factor = NearestFactor(f)
	l.update()
}

func (l *Lens) hide(v *imageview.ImageView) {
	if lp := l.loupes[v]; lp != nil && lp.Visible() {
		lp.Hide()
	}
}

// update places and fills the loupe of the view under the pointer.
func (l *Lens) update() {
	v := l.view
	lp := l.loupes[v]
	if lp == nil {
		return
	}
	pic := v.Picture()
	vs := v.Size()
	side := min(l.Size, 0.6*min(vs.Width, vs.Height))
	if !l.Visible() || pic == nil || side < 20 {
		l.hide(v)
		return
	}
	t := v.Transform()
	at, drawn := t.ImageRect()
	pw, ph := float64(pic.Rect.Dx()), float64(pic.Rect.Dy())
	if drawn.Width <= 0 || drawn.Height <= 0 || pw <= 0 || ph <= 0 {
		l.hide(v)
		return
	}
	scale := float64(t.Scale)
	if scale <= 0 {
		scale = 1
	}
	// The picture point under the pointer, and the loupe's zoom in
	// device pixels per picture pixel.
	cx := float64(l.pos.X-at.X) * pw / float64(drawn.Width)
	cy := float64(l.pos.Y-at.Y) * ph / float64(drawn.Height)
	zoom := float64(l.Factor) * float64(drawn.Width) * scale / pw
	n := int(math.Round(float64(side) * scale))
	if l.buf == nil || l.buf.Rect.Dx() != n || l.buf.Rect.Dy() != n {
		l.buf = image.NewRGBA(image.Rect(0, 0, n, n))
	}
	Sample(l.buf, pic, cx, cy, zoom)
	lp.Set(l.buf, l.Factor)
	// Centred on the pointer, kept inside the view.
	x := min(max(l.pos.X-side/2, 0), vs.Width-side)
	y := min(max(l.pos.Y-side/2, 0), vs.Height-side)
	lp.Move(fyne.NewPos(x, y))
	lp.Resize(fyne.NewSize(side, side))
	if !lp.Visible() {
		lp.Show()
	}
}
