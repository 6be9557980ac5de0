package dicomio

import (
	"fmt"
	"image"
)

// DefaultFrame returns the frame (0-based) shown when none is chosen: in
// the viewer's panes and thumbnails, key images without a frame number
// and exports. It is the Representative Frame Number (0028,6010) when
// that names a frame of the image; else, for an XA or RF multi-frame
// image (an injection run), the last frame, the most opacified (of a
// truncated run, the last one present: see [Instance.Warnings]); else the
// first.
func (in *Instance) DefaultFrame() int {
	n := in.Pixel.Frames
	switch {
	case in.RepresentativeFrame > 0 && in.RepresentativeFrame <= n:
		return in.RepresentativeFrame - 1
	case n > 1 && (in.Modality == "XA" || in.Modality == "RF"):
		return n - 1
	}
	return 0
}

// RenderOptions say how [Instance.Render] shows a frame. The zero value
// shows it as hsgview first shows an image: grey frames with the file's
// first window, else the full range of their modality values
// ([Pipeline.DefaultVOI]); colour frames as stored.
type RenderOptions struct {
	// VOI, if not nil, is the window or VOI LUT to use instead of the
	// default. A colour frame is windowed channel by channel.
	VOI *VOI
	// Invert inverts the displayed image (the viewer's invert command),
	// after the presentation: a MONOCHROME1 image, which is always shown
	// inverted, is shown inverted twice.
	Invert bool
	// RGBA asks for an *image.RGBA for grey frames too, as drawn on a
	// canvas or into an export.
	RGBA bool
	// Cache, if not nil, supplies the decoded frame and keeps it.
	Cache *FrameCache
}

// A Rendering is a frame rendered for display and what it was made
// from: callers that measure or burn marks need the frame's values.
type Rendering struct {
	// Image is an *image.Gray for a grey frame (unless
	// RenderOptions.RGBA), else an *image.RGBA, Columns×Rows, its
	// bounds starting at (0, 0).
	Image image.Image
	// VOI is the VOI applied: RenderOptions.VOI or the default; the zero
	// VOI for a colour frame shown as stored.
	VOI      VOI
	Frame    *Frame
	Pipeline *Pipeline
}

// Render shows frame i (0-based) of in as hsgview displays, prints and
// exports it: the stored values through the Modality LUT (or rescale),
// the VOI (the default or opt.VOI), the presentation (MONOCHROME1 and an
// INVERSE Presentation LUT Shape inverted) to 8 bits, or palette and YBR
// converted to RGB. It returns an error, never panics, for an image that
// has no such frame or cannot be decoded.
func (in *Instance) Render(i int, opt RenderOptions) (*Rendering, error) {
	if in == nil {
		return nil, fmt.Errorf("dicomio: render: no instance")
	}
	var f *Frame
	var err error
	if opt.Cache != nil {
		f, err = opt.Cache.Get(in, i)
	} else {
		f, err = in.Frame(i)
	}
	if err != nil {
		return nil, err
	}
	p := in.Pipeline(i)
	r := &Rendering{Frame: f, Pipeline: p}
	colour := p.IsColor(f)
	switch {
	case opt.VOI != nil:
		r.VOI = *opt.VOI
	case !colour:
		r.VOI = p.DefaultVOI(f)
	}
	rect := image.Rect(0, 0, f.Columns, f.Rows)
	if colour || opt.RGBA {
		img := image.NewRGBA(rect)
		p.RGBA(f, r.VOI, img)
		if opt.Invert {
			for j := 0; j < len(img.Pix); j += 4 {
				img.Pix[j], img.Pix[j+1], img.Pix[j+2] = 255-img.Pix[j], 255-img.Pix[j+1], 255-img.Pix[j+2]
			}
		}
		r.Image = img
		return r, nil
	}
	img := image.NewGray(rect)
	p.Gray(f, r.VOI, img.Pix)
	if opt.Invert {
		for j, v := range img.Pix {
			img.Pix[j] = 255 - v
		}
	}
	r.Image = img
	return r, nil
}
