package mark

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/dicomio"
	"math"
	"slices"
	"strconv"
	"strings"
)

// NewMark returns a mark made with tool on img from the points the user
// placed, in image pixel coordinates:
//
//   - ToolArrow: the head (the point shown), then the tail (where the
//     label sits);
//   - ToolText, ToolPoint: the anchor;
//   - ToolLength: the two end points;
//   - ToolAngle: an arm end, the vertex, the other arm end;
//   - ToolEllipse: two opposite corners of the box the ellipse fills
//     (stored as a DICOM ELLIPSE: major axis end points, then minor);
//   - ToolPolygon, ToolFreehand: three or more vertices (stored closed:
//     the first point is repeated at the end).
//
// The mark has no ID (see [Report.NextMarkID] and [AddMark]) and is not
// measured (see [Measure]). NewMark rejects points that are not finite,
// a line of zero length, an empty ellipse, an outline enclosing no area
// and a text mark without text.
func NewMark(tool Tool, img ImageRef, pts []ImagePoint, label string) (Annotation, error) {
	for _, p := range pts {
		if !p.finite() || math.Abs(p.X) > MaxCoordinate || math.Abs(p.Y) > MaxCoordinate {
			return Annotation{}, errors.New("annotate: new mark: coordinates must be finite and within ±1048576 pixels")
		}
	}
	bad := func(why string) (Annotation, error) {
		return Annotation{}, errors.New("annotate: new " + string(tool) + " mark: " + why)
	}
	a := Annotation{Image: img, Tool: tool, GraphicType: tool.GraphicType(), Label: label}
	switch tool {
	case ToolText, ToolPoint:
		if len(pts) != 1 {
			return bad("want 1 point, got " + strconv.Itoa(len(pts)))
		}
		if tool == ToolText && strings.TrimSpace(label) == "" {
			return bad("no text")
		}
	case ToolArrow, ToolLength:
		if len(pts) != 2 {
			return bad("want 2 points, got " + strconv.Itoa(len(pts)))
		}
		if pts[0] == pts[1] {
			return bad("the end points coincide")
		}
	case ToolAngle:
		if len(pts) != 3 {
			return bad("want 3 points, got " + strconv.Itoa(len(pts)))
		}
		if pts[0] == pts[1] || pts[2] == pts[1] {
			return bad("an arm has zero length")
		}
	case ToolEllipse:
		if len(pts) != 2 {
			return bad("want 2 box corners, got " + strconv.Itoa(len(pts)))
		}
		e := boxEllipse(pts[0], pts[1], ImagePoint{1, 0})
		if !(e.A > 0 && e.B > 0) {
			return bad("the box is empty")
		}
		pts = e.points()
	case ToolPolygon, ToolFreehand:
		ring := slices.Compact(slices.Clone(pts))
		ring = closedRing(ring)
		if len(ring) < 3 || !(ringArea(ring) > 0) {
			return bad("the outline encloses no area")
		}
		pts = append(ring, ring[0])
	default:
		return bad("unknown tool")
	}
	a.Points = arrays(pts)
	return a, nil
}

// MaxCoordinate bounds the coordinates of a mark: far beyond any image
// (DICOM Rows and Columns are at most 65535), close enough that lengths
// and areas stay exact in float64 and labels stay short.
const MaxCoordinate = 1 << 20

// Drawable returns why a stored mark cannot be drawn and measured as its
// tool says — points that do not make its shape, coordinates that are
// not finite or lie far outside any image, a zero-size shape, a text mark
// without text — or nil. Such marks (from a hand-edited or foreign draft)
// are left out of exported images rather than drawn as something else.
func (a Annotation) Drawable() error {
	n := len(a.Points)
	switch {
	case !a.GraphicType.Valid():
		return fmt.Errorf("unknown graphic type %q", a.GraphicType)
	case !a.GraphicType.ValidPoints(n):
		return fmt.Errorf("%d points do not make a %s", n, a.GraphicType)
	case a.Tool != "" && !a.Tool.Valid():
		return fmt.Errorf("unknown tool %q", a.Tool)
	case a.Image.FrameNumber < 0:
		return fmt.Errorf("frame number %d", a.Image.FrameNumber)
	}
	ps := a.points()
	for _, p := range ps {
		if !p.finite() || math.Abs(p.X) > MaxCoordinate || math.Abs(p.Y) > MaxCoordinate {
			return fmt.Errorf("coordinates (%g, %g) are not within ±%d pixels", p.X, p.Y, MaxCoordinate)
		}
	}
	want := map[Tool]int{ToolArrow: 2, ToolLength: 2, ToolAngle: 3}
	switch a.Tool {
	case ToolArrow, ToolLength, ToolAngle:
		if n != want[a.Tool] {
			return fmt.Errorf("a %s mark has %d points, not %d", a.Tool, want[a.Tool], n)
		}
		for i := 1; i < n; i++ {
			if ps[i] == ps[i-1] {
				return fmt.Errorf("a %s mark with a zero-length segment", a.Tool)
			}
		}
	case ToolPolygon, ToolFreehand:
		if n < 4 || ps[0] != ps[n-1] {
			return fmt.Errorf("a %s outline must be closed (its last point repeats the first)", a.Tool)
		}
		if !(ringArea(closedRing(ps)) > 0) {
			return fmt.Errorf("the %s outline encloses no area", a.Tool)
		}
	case ToolText:
		if strings.TrimSpace(a.Label) == "" {
			return errors.New("a text mark without text")
		}
	}
	if a.GraphicType == GraphicEllipse || a.GraphicType == GraphicCircle {
		if e, ok := ellipseOf(a.GraphicType, ps); !ok || !(e.A > 0 && e.B > 0) {
			return fmt.Errorf("an empty %s", strings.ToLower(string(a.GraphicType)))
		}
	}
	return nil
}

// NextMarkID returns an ID for a new mark: "m" followed by one more than
// the largest number of the report's "m…" IDs, so IDs are deterministic
// and unique within the report.
func (r *Layer) NextMarkID() string {
	n := 0
	used := make(map[string]bool, len(r.Annotations))
	for _, a := range r.Annotations {
		used[a.ID] = true
		if rest, ok := strings.CutPrefix(a.ID, "m"); ok {
			if k, err := strconv.Atoi(rest); err == nil && k > n && k < math.MaxInt32 {
				n = k
			}
		}
	}
	for {
		n++
		if id := "m" + strconv.Itoa(n); !used[id] {
			return id
		}
	}
}

// OnFrame returns the marks of anns shown on frame (1-based) of the image
// with SOP Instance UID sop: those drawn on that frame and those that
// belong to the image as a whole (FrameNumber 0), which show on every
// frame. A single-frame image shows its marks with FrameNumber 0 or 1.
func OnFrame(anns []Annotation, sop string, frame int) []Annotation {
	var out []Annotation
	for _, a := range anns {
		if a.Image.SOPInstanceUID == sop && (a.Image.FrameNumber == 0 || a.Image.FrameNumber == frame) {
			out = append(out, a)
		}
	}
	return out
}

// MarksToBurn returns r's marks shown on frame (1-based) of in (see
// [OnFrame]), measured again with r's calibration of the series, else the
// spacing the file gives, and with the frame's pixels f, so that the text
// burned into an exported image matches that image rather than what the
// draft stored when the mark was drawn.
//
// Marks that are not [Annotation.Drawable] are left out and returned in
// skipped, each as "mark ID: reason".
func (r *Layer) MarksToBurn(in *dicomio.Instance, frame int, f *dicomio.Frame, pl *dicomio.Pipeline) (marks []Annotation, skipped []error) {
	sp := r.Spacing(in.SeriesInstanceUID, FileSpacing(in.Calibration))
	px := &Pixels{Frame: f, Pipeline: pl}
	for _, a := range OnFrame(r.Annotations, in.SOPInstanceUID, frame) {
		if err := a.Drawable(); err != nil {
			skipped = append(skipped, fmt.Errorf("mark %q: %w", a.ID, err))
			continue
		}
		marks = append(marks, Measure(a, sp, px))
	}
	return marks, skipped
}

// Handle names the part of a mark under the pointer: a handle (an index
// into [Annotation.Handles]), the body, or nothing.
type Handle int

const (
	HandleNone Handle = -2 // nothing was hit
	HandleBody Handle = -1 // the mark itself, not one of its handles
)

// Handles returns the points the user drags to edit a: the anchor of a
// point or text mark, the head and tail of an arrow, the end points of a
// length, the three points of an angle, the vertices of a polygon or
// polyline (not the repeated closing point) and the box corners of an
// ellipse (see [ellipse.corners]). A freehand outline has none: it is
// moved as a whole or redrawn.
func (a Annotation) Handles() []ImagePoint {
	ps := a.points()
	switch s := shapeOf(&a); s {
	case shapeEllipse:
		if a.GraphicType == GraphicCircle {
			return ps
		}
		e, ok := ellipseOf(a.GraphicType, ps)
		if !ok {
			return nil
		}
		c := e.corners()
		return c[:]
	case shapePolygon:
		return closedRing(ps)
	case shapeFreehand, shapeNone:
		return nil
	}
	return ps
}

// Move returns a copy of a moved by (dx, dy) image pixels.
func (a Annotation) Move(dx, dy float64) Annotation {
	a = a.Clone()
	if !Finite(dx) || !Finite(dy) {
		return a
	}
	for i := range a.Points {
		a.Points[i][0] += dx
		a.Points[i][1] += dy
	}
	return a
}

// MoveHandle returns a copy of a with handle h (see [Annotation.Handles])
// moved to p. Dragging an ellipse's corner keeps the opposite corner in
// place. While the user drags, apply MoveHandle to the mark as it was
// when the drag began: an ellipse renumbers its corners when its longer
// axis changes. An h that is not a handle of a, or a p that is not
// finite, leaves a unchanged.
func (a Annotation) MoveHandle(h Handle, p ImagePoint) Annotation {
	a = a.Clone()
	hs := a.Handles()
	if h < 0 || int(h) >= len(hs) || !p.finite() {
		return a
	}
	switch shapeOf(&a) {
	case shapeEllipse:
		if a.GraphicType == GraphicCircle {
			a.Points[h] = p.array()
			return a
		}
		e, _ := ellipseOf(a.GraphicType, a.points())
		opp := hs[(h+2)%4]
		a.Points = arrays(boxEllipse(opp, p, e.U).points())
	case shapePolygon:
		a.Points[h] = p.array()
		if h == 0 {
			a.Points[len(a.Points)-1] = p.array()
		}
	default:
		a.Points[h] = p.array()
	}
	return a
}

// HitTest returns the ID of the mark of anns under p and the part hit,
// or ("", HandleNone). tol is the tolerance in image pixels: convert the
// screen tolerance with [ViewTransform.ImageLength] so that it does not
// change with zoom. Handles win over bodies, outlines over the inside of
// an ellipse or polygon, then the nearest part, then the mark drawn last
// (the one on top). HitTest does not allocate.
func HitTest(anns []Annotation, p ImagePoint, tol float64) (id string, h Handle) {
	if !p.finite() || !(tol >= 0) || math.IsInf(tol, 0) {
		return "", HandleNone
	}
	const (
		rankHandle = iota
		rankBody
		rankInside
	)
	bestRank, bestDist := math.MaxInt, math.Inf(1)
	id, h = "", HandleNone
	consider := func(aid string, part Handle, rank int, d float64) {
		if rank < bestRank || (rank == bestRank && d < bestDist) {
			bestRank, bestDist, id, h = rank, d, aid, part
		}
	}
	for i := len(anns) - 1; i >= 0; i-- {
		a := &anns[i]
		sh := shapeOf(a)
		if sh == shapeNone {
			continue
		}
		pts := a.Points
		var e ellipse
		if sh == shapeEllipse {
			var buf [4]ImagePoint
			for k, v := range pts {
				buf[k] = pointOf(v)
			}
			var ok bool
			if e, ok = ellipseOf(a.GraphicType, buf[:len(pts)]); !ok {
				continue
			}
		}
		// Nothing outside the box around the points and handles (an
		// ellipse's box holds its outline and corners) can be hit.
		lo, hi := arrayBounds(pts)
		if sh == shapeEllipse {
			hx := math.Abs(e.A*e.U.X) + math.Abs(e.B*e.U.Y)
			hy := math.Abs(e.A*e.U.Y) + math.Abs(e.B*e.U.X)
			lo = Pt(min(lo.X, e.C.X-hx), min(lo.Y, e.C.Y-hy))
			hi = Pt(max(hi.X, e.C.X+hx), max(hi.Y, e.C.Y+hy))
		}
		if !(p.X >= lo.X-tol && p.X <= hi.X+tol && p.Y >= lo.Y-tol && p.Y <= hi.Y+tol) {
			continue
		}
		// Handles, as Annotation.Handles lists them.
		switch {
		case sh == shapeEllipse && a.GraphicType == GraphicEllipse:
			for k, q := range e.corners() {
				if d := p.Dist(q); d <= tol {
					consider(a.ID, Handle(k), rankHandle, d)
				}
			}
		case sh != shapeFreehand:
			n := len(pts)
			if sh == shapePolygon {
				n-- // the repeated closing point
			}
			for k, v := range pts[:n] {
				if d := p.Dist(pointOf(v)); d <= tol {
					consider(a.ID, Handle(k), rankHandle, d)
				}
			}
		}
		var d float64
		inside := false
		switch sh {
		case shapePoint, shapeText, shapeMultipoint:
			d = math.Inf(1)
			for _, v := range pts {
				d = min(d, p.Dist(pointOf(v)))
			}
		case shapeEllipse:
			d = e.outlineDist(p)
			inside = e.contains(p)
		case shapePolygon, shapeFreehand:
			d = polylineDist(p, pts)
			inside = insideRing(p, pts[:len(pts)-1])
		default:
			d = polylineDist(p, pts)
		}
		switch {
		case d <= tol:
			consider(a.ID, HandleBody, rankBody, d)
		case inside:
			consider(a.ID, HandleBody, rankInside, 0)
		}
	}
	return id, h
}
