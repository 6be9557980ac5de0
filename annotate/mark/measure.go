package mark

import (
	"math"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
)

// A shape is how a mark is drawn, hit and measured, decided by its tool
// and, for marks another program wrote, by its graphic type.
type shape int

const (
	shapeNone       shape = iota
	shapePoint            // a point marker
	shapeText             // a text label at a point
	shapeArrow            // head, tail
	shapeLength           // two end points
	shapeAngle            // arm end, vertex, arm end
	shapePolyline         // an open polyline
	shapePolygon          // a closed polyline (polygon tool)
	shapeFreehand         // a closed polyline drawn by hand
	shapeEllipse          // DICOM ELLIPSE or CIRCLE
	shapeMultipoint       // several points
)

// shapeOf returns the shape of a, or shapeNone when its points do not
// make one.
func shapeOf(a *Annotation) shape {
	n := len(a.Points)
	if !a.GraphicType.ValidPoints(n) {
		return shapeNone
	}
	switch a.GraphicType {
	case GraphicPoint:
		if a.Tool == ToolText || (a.Tool == "" && a.Label != "") {
			return shapeText
		}
		return shapePoint
	case GraphicMultipoint:
		return shapeMultipoint
	case GraphicCircle, GraphicEllipse:
		return shapeEllipse
	}
	switch {
	case a.Tool == ToolArrow && n == 2:
		return shapeArrow
	case a.Tool == ToolLength && n == 2:
		return shapeLength
	case a.Tool == ToolAngle && n == 3:
		return shapeAngle
	case a.Tool == ToolPolygon && n >= 4 && a.Points[0] == a.Points[n-1]:
		return shapePolygon
	case a.Tool == ToolFreehand && n >= 4 && a.Points[0] == a.Points[n-1]:
		return shapeFreehand
	case n >= 4 && a.Points[0] == a.Points[n-1]:
		return shapePolygon
	}
	return shapePolyline
}

// isROI reports whether marks of shape s enclose an area.
func (s shape) isROI() bool { return s == shapePolygon || s == shapeFreehand || s == shapeEllipse }

// Stats are statistics of the modality values (for example the stored
// XA/RF values, or Hounsfield units) of the pixels inside a mark.
type Stats struct {
	Mean float64 `json:"mean"`
	// SD is the population standard deviation.
	SD     float64 `json:"sd"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Pixels int     `json:"pixels"` // how many pixels were counted
	// Clipped is set when the shape reaches outside the image: its area
	// is the whole shape's, the statistics are of the part inside.
	Clipped bool `json:"clipped,omitempty"`
}

// String formats s, for example "mean 812.4 SD 35.2 (min 700, max 900;
// 1234 px)".
func (s Stats) String() string {
	return "mean " + FormatFixed(s.Mean, 1) + " SD " + FormatFixed(s.SD, 1) +
		" (min " + wording.FormatNumber(s.Min, 2) + ", max " + wording.FormatNumber(s.Max, 2) +
		"; " + strconv.Itoa(s.Pixels) + " px)"
}

// Pixels are the values of the frame a mark is drawn on, for ROI
// statistics.
type Pixels struct {
	Frame    *dicomio.Frame
	Pipeline *dicomio.Pipeline
}

// ROIStats returns the statistics of the modality values inside an
// ellipse, circle, polygon or freehand mark. A pixel counts when its
// centre (c+0.5, r+0.5) lies inside the shape: on or inside an ellipse,
// and for a polygon by the even-odd rule with centres on a left or top
// edge counted (so adjacent polygons never share a pixel). It reports
// false for other marks, colour frames, missing pixels and shapes that
// hold no pixel centre.
func ROIStats(a Annotation, px Pixels) (Stats, bool) {
	f, pl := px.Frame, px.Pipeline
	if f == nil || pl == nil || f.Samples != 1 || f.Rows <= 0 || f.Columns <= 0 ||
		len(f.Data) < f.Rows*f.Columns*f.Bits/8 {
		return Stats{}, false
	}
	var acc statsAcc
	var lo, hi ImagePoint // the shape's bounds
	run := func(r, c0, c1 int) {
		base := r * f.Columns
		for i := base + c0; i < base+c1; i++ {
			acc.add(pl.Value(f, i))
		}
	}
	switch s := shapeOf(&a); s {
	case shapeEllipse:
		e, ok := ellipseOf(a.GraphicType, a.points())
		if !ok {
			return Stats{}, false
		}
		scanEllipse(e, f.Columns, f.Rows, run)
		// The exact axis-aligned half extents of the (rotated) ellipse.
		v := e.v()
		h := ImagePoint{math.Hypot(e.A*e.U.X, e.B*v.X), math.Hypot(e.A*e.U.Y, e.B*v.Y)}
		lo, hi = e.C.Sub(h), e.C.Add(h)
	case shapePolygon, shapeFreehand:
		scanRing(closedRing(a.points()), f.Columns, f.Rows, run)
		lo, hi = bounds(a.points())
	default:
		return Stats{}, false
	}
	st, ok := acc.stats()
	st.Clipped = lo.X < 0 || lo.Y < 0 || hi.X > float64(f.Columns) || hi.Y > float64(f.Rows)
	return st, ok
}

// statsAcc accumulates values relative to the first one, which keeps the
// sum of squares accurate for values far from zero.
type statsAcc struct {
	n          int
	k, s1, s2  float64
	minV, maxV float64
}

func (a *statsAcc) add(v float64) {
	if a.n == 0 {
		a.k, a.minV, a.maxV = v, v, v
	}
	d := v - a.k
	a.n++
	a.s1 += d
	a.s2 += d * d
	a.minV, a.maxV = min(a.minV, v), max(a.maxV, v)
}

func (a *statsAcc) stats() (Stats, bool) {
	if a.n == 0 {
		return Stats{}, false
	}
	n := float64(a.n)
	m := a.s1 / n
	v := max(0, a.s2/n-m*m)
	s := Stats{Mean: a.k + m, SD: math.Sqrt(v), Min: a.minV, Max: a.maxV, Pixels: a.n}
	if !Finite(s.Mean) || !Finite(s.SD) {
		return Stats{}, false
	}
	return s, true
}

// Measure returns a copy of a with its measurement computed with the
// spacing sp: the length of a length mark, the angle of an angle mark
// (in mm when sp has millimetres, so that anisotropic pixels do not bend
// it), and the area of an ellipse, circle or polygon with, when px has
// the frame's pixels, the statistics of its values (see [ROIStats]).
// Other marks, and marks whose points are not finite, measure nothing:
// their Measurement and AngleDeg are cleared.
func Measure(a Annotation, sp Spacing, px *Pixels) Annotation {
	a = a.Clone()
	a.Measurement, a.AngleDeg = nil, nil
	ps := a.points()
	for _, p := range ps {
		if !p.finite() {
			return a
		}
	}
	m := Measurement{Unit: UnitMM, SpacingSource: SpacingUncalibrated}
	if sp.HasMM() {
		m.SpacingSource = sp.Source
		m.PixelSpacingMM = [2]float64{sp.Row, sp.Column}
		m.Reference = sp.Reference
	}
	switch s := shapeOf(&a); s {
	case shapeLength:
		z := sp.Length(ps[0], ps[1])
		m.Value, m.LengthPx = round6(z.MM), round6(z.Px)
	case shapeAngle:
		if d, ok := angleDeg(ps[0], ps[1], ps[2], sp); ok {
			a.AngleDeg = &d
		}
		return a
	case shapeEllipse, shapePolygon, shapeFreehand:
		var px2 float64
		if s == shapeEllipse {
			e, _ := ellipseOf(a.GraphicType, ps)
			px2 = math.Pi * e.A * e.B
		} else {
			px2 = ringArea(closedRing(ps))
		}
		z := sp.Area(px2)
		m.AreaPx, m.AreaMM2 = round6(z.Px), round6(z.MM)
		if px != nil {
			if st, ok := ROIStats(a, *px); ok {
				m.Stats = &st
			}
		}
	default:
		return a
	}
	a.Measurement = &m
	return a
}

// round6 rounds a measured value to 6 decimals, which keeps the JSON form
// short; values too large to round stay as they are, and values that are
// not finite (a mark larger than float64 spans) become 0.
func round6(v float64) float64 {
	switch {
	case !Finite(v):
		return 0
	case math.Abs(v) > 1e9:
		return v
	}
	return wording.RoundTo(v, 6)
}

// angleDeg returns the angle at vertex v between the arms to p and q, in
// degrees from 0 to 180, measured in mm when sp has millimetres.
func angleDeg(p, v, q ImagePoint, sp Spacing) (float64, bool) {
	sx, sy := 1.0, 1.0
	if sp.HasMM() {
		sx, sy = sp.Column, sp.Row
	}
	ax, ay := (p.X-v.X)*sx, (p.Y-v.Y)*sy
	bx, by := (q.X-v.X)*sx, (q.Y-v.Y)*sy
	if (ax == 0 && ay == 0) || (bx == 0 && by == 0) {
		return 0, false
	}
	d := math.Atan2(math.Abs(ax*by-ay*bx), ax*bx+ay*by) * 180 / math.Pi
	return wording.RoundTo(d, 6), Finite(d)
}

// Spacing returns the spacing m was computed with.
func (m *Measurement) Spacing() Spacing {
	if m == nil {
		return Spacing{Source: SpacingUncalibrated}
	}
	s := Spacing{Row: m.PixelSpacingMM[0], Column: m.PixelSpacingMM[1], Source: m.SpacingSource, Reference: m.Reference}
	if !s.HasMM() {
		return Spacing{Source: SpacingUncalibrated}
	}
	return s
}

// MeasurementText returns the lines that report what a measures, each
// with its source, for example ["14.2 mm (magnification-corrected)"],
// ["37.5°"] or ["area 132 mm² (at detector)", "mean 812.4 SD 35.2",
// "min 700 max 900 (1234 px)"]. It returns nil for marks that measure
// nothing or have not been measured (see [Measure]).
func (a Annotation) MeasurementText() []string { return a.MeasurementTextIn(l10n.EN) }

// MeasurementTextIn is MeasurementText in the language lang ("en", "ru"):
// ["14,2 мм (с поправкой на увеличение)"], ["площадь 132 мм² (…)",
// "среднее 812,4 СКО 35,2", "мин. 700 макс. 900 (1234 пикс.)"].
func (a Annotation) MeasurementTextIn(lang string) []string {
	if a.AngleDeg != nil && Finite(*a.AngleDeg) {
		return []string{l10n.Fixed(*a.AngleDeg, 1, lang) + "°"}
	}
	m := a.Measurement
	if m == nil {
		return nil
	}
	sp := m.Spacing()
	w := wordsIn(lang)
	switch shapeOf(&a) {
	case shapeLength:
		// Values written by another program may lack the pixel length or
		// the millimetres: fill them in from the points.
		z := sp.Length(pointOf(a.Points[0]), pointOf(a.Points[1]))
		if m.LengthPx > 0 {
			z.Px = m.LengthPx
		}
		if m.Value > 0 && sp.HasMM() {
			z.MM = m.Value
		}
		return []string{z.clean().Text(lang)}
	case shapeEllipse, shapePolygon, shapeFreehand:
		lines := []string{w.area + " " + Size{Px: m.AreaPx, MM: m.AreaMM2, Area: true, Spacing: sp}.clean().Text(lang)}
		if st := m.Stats; st != nil {
			px := strconv.Itoa(st.Pixels) + " " + l10n.Unit("px", lang)
			count := " (" + px + ")"
			if st.Clipped {
				count = " (" + px + " " + w.insideImage + ")"
			}
			lines = append(lines, w.mean+" "+l10n.Fixed(st.Mean, 1, lang)+" "+w.sd+" "+l10n.Fixed(st.SD, 1, lang),
				w.min+" "+l10n.Number(st.Min, 2, lang)+" "+w.max+" "+l10n.Number(st.Max, 2, lang)+count)
		}
		return lines
	}
	if m.Value > 0 && sp.HasMM() {
		return []string{Size{MM: m.Value, Spacing: sp}.Text(lang)}
	}
	return nil
}

// MeasurementLine returns what a measures on one line, for a label with
// little room: an ROI's area and the mean ± SD of its pixels, "132 mm²
// (at detector) · mean 812.4 ± 35.2" (minimum, maximum and the pixel
// count are left out); other marks' [Annotation.MeasurementText] joined.
// It returns "" for marks that measure nothing.
func (a Annotation) MeasurementLine() string { return a.MeasurementLineIn(l10n.EN) }

// MeasurementLineIn is MeasurementLine in the language lang.
func (a Annotation) MeasurementLineIn(lang string) string {
	m := a.Measurement
	if !shapeOf(&a).isROI() || m == nil || m.Stats == nil {
		return strings.Join(a.MeasurementTextIn(lang), " · ")
	}
	st := m.Stats
	return Size{Px: m.AreaPx, MM: m.AreaMM2, Area: true, Spacing: m.Spacing()}.clean().Text(lang) +
		" · " + wordsIn(lang).mean + " " + l10n.Fixed(st.Mean, 1, lang) + " ± " + l10n.Fixed(st.SD, 1, lang)
}
