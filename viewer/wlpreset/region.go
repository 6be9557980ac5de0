package wlpreset

import (
	"errors"
	"math"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
)

// FromRegion returns the window for the rectangle with corners a and b
// (image coordinates of the stored frame f) and the statistics it was
// made from: the window that maps the region's lowest modality value to
// one end of the grey scale and its highest to the other
// ([dicomio.RangeWindow] of the minimum and maximum: black to white, or
// white to black on a MONOCHROME1 or inverted image).
//
// Minimum and maximum rather than mean ± 2 SD: the user draws the box
// around what is to be seen, and in HSG that is usually contrast against
// its background, two populations of values whose mean and SD describe
// neither; mean ± 2 SD would clip the densest contrast (the filled
// cavity and tubes, the point of the examination) and the faintest
// spill to black or white, where min/max shows every value in the box.
// Quantum noise widens min/max by a few per cent at most over a box of
// some hundred pixels, which lowers contrast slightly but hides nothing.
//
// The statistics are [mark.ROIStats] of the rectangle as a polygon, the
// modality values through the frame's Modality LUT or rescale
// ([dicomio.Pipeline.Value]), counting the pixels whose centres lie
// inside. It fails for colour images, a box that holds no pixel centre,
// and a region of one value (a window would threshold it).
func FromRegion(f *dicomio.Frame, pipe *dicomio.Pipeline, a, b mark.ImagePoint) (dicomio.VOI, mark.Stats, error) {
	if f == nil || pipe == nil {
		return dicomio.VOI{}, mark.Stats{}, ErrNoImage
	}
	if pipe.IsColor(f) {
		return dicomio.VOI{}, mark.Stats{}, ErrColour
	}
	st, ok := mark.ROIStats(Rectangle(a, b), mark.Pixels{Frame: f, Pipeline: pipe})
	switch {
	case !ok:
		return dicomio.VOI{}, st, ErrEmptyRegion
	case st.Min == st.Max:
		return dicomio.VOI{}, st, ErrUniform
	}
	w := dicomio.RangeWindow(st.Min, st.Max)
	w.Explanation = "region"
	return dicomio.VOI{Window: w}, st, nil
}

// Why [FromRegion] gives no window.
var (
	ErrNoImage     = errors.New("no image")
	ErrColour      = errors.New("a colour image has no window")
	ErrEmptyRegion = errors.New("the region holds no pixel of the image")
	// ErrUniform: every pixel of the region has one value (the
	// statistics' Min), which a window would only threshold.
	ErrUniform = errors.New("every pixel of the region has the same value")
)

// Rectangle returns the axis-aligned rectangle with corners a and b as a
// closed polygon mark (not saved: the shape the region tool draws and
// measures).
func Rectangle(a, b mark.ImagePoint) mark.Annotation {
	x0, x1 := math.Min(a.X, b.X), math.Max(a.X, b.X)
	y0, y1 := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
	return mark.Annotation{ID: "region", Tool: mark.ToolPolygon, GraphicType: mark.GraphicPolyline,
		Points: [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}
