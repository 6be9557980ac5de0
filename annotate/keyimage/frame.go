package keyimage

import (
	"errors"
	"fmt"
	"image"
	"image/draw"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// A Turn is how a frame is turned on screen: Rotation quarter turns
// clockwise, then the turned picture mirrored left to right (FlipH) or
// top to bottom (FlipV), as the viewer's Rotate and Flip commands do.
type Turn struct {
	Rotation     int // taken modulo 4; negative turns anticlockwise
	FlipH, FlipV bool
}

func (t Turn) quarter() int { return ((t.Rotation % 4) + 4) % 4 }

// View returns the transform that shows a w×h image turned by t at its
// own size: one output pixel per image pixel. (A [mark.ViewTransform]
// mirrors before it turns, so a quarter or three-quarter turn swaps
// the flips.)
func (t Turn) View(w, h int) mark.ViewTransform {
	q := t.quarter()
	fh, fv := t.FlipH, t.FlipV
	vw, vh := w, h
	if q%2 == 1 {
		fh, fv = fv, fh
		vw, vh = h, w
	}
	return mark.ViewTransform{ImageWidth: float64(w), ImageHeight: float64(h),
		ViewWidth: float64(vw), ViewHeight: float64(vh), Zoom: 1,
		Rotation: q, FlipH: fh, FlipV: fv}
}

// Edges returns the patient directions at the edges of an image with
// Patient Orientation po turned by t (see [dicomtext.EdgeLetters]).
func (t Turn) Edges(po [2]string) (dicomtext.Edges, bool) {
	return dicomtext.EdgeLetters(po, t.quarter(), t.FlipH, t.FlipV)
}

// FrameOptions say how [RenderFrame] shows a frame.
type FrameOptions struct {
	// VOI, if not nil, is the window shown instead of the frame's
	// default; Invert inverts the grey scale (see [dicomio.RenderOptions]).
	VOI    *dicomio.VOI
	Invert bool
	// Turn turns and mirrors the frame as the pane shows it.
	Turn Turn
	// Marks, if not nil, are the layer whose marks on the frame are
	// burned in (a report: see [mark.Layer.MarksToBurn]).
	Marks *mark.Layer
	// Sides burns the patient's sides (R, L) at the edges, as they are
	// after the turn (see [BurnSideLetters]), when the image has a
	// Patient Orientation.
	Sides bool
	// Cache, if not nil, supplies the decoded frame.
	Cache *dicomio.FrameCache
	// Lang is the language of the marks' measurement text ("en", "ru";
	// see mark.BurnOptions.Lang): the report's for its key images, the
	// interface's for what the screen shows.
	Lang string
}

// A Frame is a frame rendered by [RenderFrame].
type Frame struct {
	// Image is the frame at the image's own resolution (turned by
	// FrameOptions.Turn): an *image.Gray when nothing was burned into a
	// grey frame and it was not turned, else an *image.RGBA.
	Image image.Image
	// Burned is the number of marks drawn; Skipped says why the others
	// of the frame could not be (see [mark.Annotation.Drawable]).
	Burned  int
	Skipped []error
	// Rendering is the frame as [dicomio.Instance.Render] gave it, before
	// it was turned and drawn on.
	Rendering *dicomio.Rendering
}

// maxFrameSide bounds the sides of a frame marks are burned into.
const maxFrameSide = 1 << 15

// RenderFrame renders frame (1-based) of in at its own resolution, as a
// pane shows it: windowed ([dicomio.Instance.Render]), turned, the
// patient's sides at the edges and the marks of opt.Marks on that frame
// burned in on top, at the sizes [mark.Burn] gives an image of that size.
// It is the one rendering of a frame as shown, used by `hsgview render`,
// the viewer's export at native resolution, its key-image export and its
// copy to the clipboard; with zero options it is [dicomio.Instance.Render]
// unchanged.
func RenderFrame(in *dicomio.Instance, frame int, opt FrameOptions) (*Frame, error) {
	if in == nil {
		return nil, errors.New("annotate: render: no image")
	}
	if frame < 1 || frame > in.Pixel.Frames {
		return nil, fmt.Errorf("annotate: render: frame %d out of range 1..%d", frame, in.Pixel.Frames)
	}
	r, err := in.Render(frame-1, dicomio.RenderOptions{VOI: opt.VOI, Invert: opt.Invert, Cache: opt.Cache})
	if err != nil {
		return nil, err
	}
	out := &Frame{Image: r.Image, Rendering: r}
	var marks []mark.Annotation
	if opt.Marks != nil {
		marks, out.Skipped = opt.Marks.MarksToBurn(in, frame, r.Frame, r.Pipeline)
	}
	edges, oriented := opt.Turn.Edges(in.Orientation)
	sides := opt.Sides && oriented && (hasSide(edges.Left) || hasSide(edges.Right) || hasSide(edges.Top) || hasSide(edges.Bottom))
	if len(marks) == 0 && !sides && opt.Turn.quarter() == 0 && !opt.Turn.FlipH && !opt.Turn.FlipV {
		return out, nil
	}
	b := r.Image.Bounds()
	if b.Empty() || b.Dx() > maxFrameSide || b.Dy() > maxFrameSide {
		return nil, fmt.Errorf("annotate: render: cannot draw into a %d×%d image", b.Dx(), b.Dy())
	}
	view := opt.Turn.View(b.Dx(), b.Dy())
	dst := turnPixels(r.Image, view)
	if sides {
		BurnSideLetters(dst, edges)
	}
	if len(marks) > 0 {
		mark.Burn(dst, marks, mark.BurnOptions{View: view, Lang: opt.Lang})
	}
	out.Image, out.Burned = dst, len(marks)
	return out, nil
}

func hasSide(s string) bool {
	for _, r := range s {
		if r == 'R' || r == 'L' {
			return true
		}
	}
	return false
}

// turnPixels returns src (bounds from (0, 0)) as view shows it at its
// own size: every pixel copied, none resampled.
func turnPixels(src image.Image, view mark.ViewTransform) *image.RGBA {
	w, h := view.ScreenSize()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if view.Identity() {
		draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
		return dst
	}
	// Output pixel (x, y) shows the image pixel under its centre; along
	// a row the source moves by (dx, dy) pixels, a quarter turn's unit.
	at := func(x, y int) (int, int) {
		p := view.ToImage(mark.ScreenPoint{X: float64(x) + 0.5, Y: float64(y) + 0.5})
		return int(p.X), int(p.Y)
	}
	x0, y0 := at(0, 0)
	x1, y1 := at(1, 0)
	dx, dy := x1-x0, y1-y0
	switch s := src.(type) {
	case *image.Gray:
		for y := range h {
			sx, sy := at(0, y)
			row := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for x := 0; x < w; x++ {
				v := s.Pix[sy*s.Stride+sx]
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = v, v, v, 0xff
				sx, sy = sx+dx, sy+dy
			}
		}
	case *image.RGBA:
		for y := range h {
			sx, sy := at(0, y)
			row := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for x := 0; x < w; x++ {
				copy(row[4*x:4*x+4], s.Pix[sy*s.Stride+4*sx:])
				sx, sy = sx+dx, sy+dy
			}
		}
	default:
		for y := range h {
			sx, sy := at(0, y)
			for x := 0; x < w; x++ {
				dst.Set(x, y, s.At(sx, sy))
				sx, sy = sx+dx, sy+dy
			}
		}
	}
	return dst
}
