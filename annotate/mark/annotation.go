package mark

import (
	"github.com/hsgview/hsgview/annotate/enum"
)

// An Annotation is a mark drawn on an image: an arrow, a text label, a
// measurement or an outline. Its geometry is stored in image pixel
// coordinates so it does not depend on how the image is displayed.
type Annotation struct {
	ID          string      `json:"id"`
	Image       ImageRef    `json:"image"`
	GraphicType GraphicType `json:"graphicType"`
	// Points are image pixel coordinates (column, row), sub-pixel, with
	// (0, 0) the top-left corner of the first pixel (the DICOM SCOORD
	// convention). How many there are depends on GraphicType.
	Points [][2]float64 `json:"points"`
	Label  string       `json:"label,omitempty"`
	// FindingRef is the JSON pointer of the finding the mark illustrates,
	// e.g. "/tubes/left/hydrosalpinx".
	FindingRef  string       `json:"findingRef,omitempty"`
	Measurement *Measurement `json:"measurement,omitempty"`
	// Tool is the drawing tool that made the mark (an addition to the
	// schema; GraphicType alone does not tell an arrow from a length).
	Tool Tool `json:"tool,omitempty"`
	// AngleDeg is the angle measured by the angle tool, in degrees (an
	// addition: the schema's measurement is a length in mm).
	AngleDeg *float64 `json:"angleDeg,omitempty"`
}

// GraphicType is the DICOM SCOORD graphic type of a mark.
type GraphicType string

const (
	GraphicPoint      GraphicType = "POINT"      // one point
	GraphicMultipoint GraphicType = "MULTIPOINT" // one or more points
	GraphicPolyline   GraphicType = "POLYLINE"   // two or more connected points
	GraphicCircle     GraphicType = "CIRCLE"     // centre, then a point on the circle
	GraphicEllipse    GraphicType = "ELLIPSE"    // major axis end points, then minor axis end points
)

var graphicTypes = enum.Register(GraphicPoint, GraphicMultipoint, GraphicPolyline, GraphicCircle, GraphicEllipse)

// Valid reports whether g is a defined GraphicType.
func (g GraphicType) Valid() bool { return enum.IsValid(g, graphicTypes) }

// ValidPoints reports whether n points make a well-formed mark of type g.
func (g GraphicType) ValidPoints(n int) bool {
	switch g {
	case GraphicPoint:
		return n == 1
	case GraphicMultipoint:
		return n >= 1
	case GraphicPolyline:
		return n >= 2
	case GraphicCircle:
		return n == 2
	case GraphicEllipse:
		return n == 4
	}
	return false
}

// Tool is the drawing tool that made an annotation.
type Tool string

const (
	ToolArrow    Tool = "arrow"
	ToolText     Tool = "text"
	ToolLength   Tool = "length"
	ToolAngle    Tool = "angle"
	ToolEllipse  Tool = "ellipse"
	ToolPolygon  Tool = "polygon"
	ToolFreehand Tool = "freehand"
	ToolPoint    Tool = "point"
)

var tools = enum.Register(ToolArrow, ToolText, ToolLength, ToolAngle, ToolEllipse, ToolPolygon,
	ToolFreehand, ToolPoint)

// Valid reports whether t is a defined Tool.
func (t Tool) Valid() bool { return enum.IsValid(t, tools) }

// GraphicType returns the graphic type marks made with t are stored as:
// an arrow is a two-point polyline from its head (the point it shows) to
// its tail (where its label sits), as a DICOM ARROW; an angle is a
// three-point polyline with the vertex in the middle; a polygon or
// freehand outline is a closed polyline (its last point repeats the
// first); an ellipse is a DICOM ELLIPSE (major axis end points, then
// minor axis end points).
func (t Tool) GraphicType() GraphicType {
	switch t {
	case ToolText, ToolPoint:
		return GraphicPoint
	case ToolEllipse:
		return GraphicEllipse
	case ToolArrow, ToolLength, ToolAngle, ToolPolygon, ToolFreehand:
		return GraphicPolyline
	}
	return ""
}

// A Measurement is what a mark measures, as last computed, with the
// spacing it was computed with. The schema defines Value (a length in
// mm), Unit, SpacingSource and PixelSpacingMM; the other fields are
// additions. Use [Measure] to compute it and [Annotation.MeasurementText]
// to print it.
type Measurement struct {
	// Value is the length in mm measured by a length mark. It is zero, and
	// left out of the JSON form, for other marks and when the spacing
	// source is SpacingUncalibrated: sizes are then in pixels only.
	Value float64 `json:"value,omitzero"`
	// Unit is always UnitMM, the unit of the millimetre values.
	Unit          Unit          `json:"unit"`
	SpacingSource SpacingSource `json:"spacingSource,omitempty"`
	// PixelSpacingMM is the spacing used, as (row spacing, column
	// spacing) in mm, the order of DICOM Pixel Spacing; zero when
	// uncalibrated.
	PixelSpacingMM [2]float64 `json:"pixelSpacingMm,omitzero"`
	// Reference names the reference object of a user calibration, for
	// example "catheter 6 Fr".
	Reference string `json:"reference,omitempty"`
	// LengthPx is the length of a length mark in pixels.
	LengthPx float64 `json:"lengthPx,omitempty"`
	// AreaMM2 and AreaPx are the area enclosed by an ellipse, circle or
	// polygon, in mm² (zero when uncalibrated) and in square pixels.
	AreaMM2 float64 `json:"areaMm2,omitempty"`
	AreaPx  float64 `json:"areaPx,omitempty"`
	// Stats are the statistics of the modality values of the pixels
	// inside an ellipse, circle or polygon, when the pixels were at hand.
	Stats *Stats `json:"stats,omitempty"`
}

// SpacingSource is where the pixel spacing of a measurement came from.
type SpacingSource string

const (
	// SpacingPixelSpacing is Pixel Spacing (0028,0030): calibrated in the patient.
	SpacingPixelSpacing SpacingSource = "PixelSpacing"
	// SpacingImager is Imager Pixel Spacing (0018,1164): at the detector,
	// so sizes are magnified.
	SpacingImager SpacingSource = "ImagerPixelSpacing"
	// SpacingImagerOverERMF is Imager Pixel Spacing divided by the
	// estimated radiographic magnification factor.
	SpacingImagerOverERMF SpacingSource = "ImagerPixelSpacingOverERMF"
	// SpacingUser is a manual calibration against an object of known size.
	SpacingUser SpacingSource = "UserCalibration"
	// SpacingUncalibrated means no spacing: sizes are in pixels, not mm.
	SpacingUncalibrated SpacingSource = "Uncalibrated"
)

var spacingSources = enum.Register(SpacingPixelSpacing, SpacingImager, SpacingImagerOverERMF,
	SpacingUser, SpacingUncalibrated)

// Valid reports whether s is a defined SpacingSource.
func (s SpacingSource) Valid() bool { return enum.IsValid(s, spacingSources) }

// Calibrated reports whether lengths measured with s are calibrated in
// the patient (Pixel Spacing or a user calibration) and may be reported
// without "approximately".
func (s SpacingSource) Calibrated() bool { return s == SpacingPixelSpacing || s == SpacingUser }

// Unit is a unit of measure (UCUM-like spelling).
type Unit string

const (
	UnitGyM2      Unit = "Gy.m2"
	UnitGyCm2     Unit = "Gy.cm2"
	UnitDGyCm2    Unit = "dGy.cm2"
	UnitCGyCm2    Unit = "cGy.cm2"
	UnitMGyCm2    Unit = "mGy.cm2"
	UnitMicroGyM2 Unit = "uGy.m2"
	UnitMGy       Unit = "mGy"
	UnitGy        Unit = "Gy"
	UnitSecond    Unit = "s"
	UnitMinute    Unit = "min"
	UnitMM        Unit = "mm"
	UnitML        Unit = "mL"
)

var units = enum.Register(UnitGyM2, UnitGyCm2, UnitDGyCm2, UnitCGyCm2, UnitMGyCm2, UnitMicroGyM2,
	UnitMGy, UnitGy, UnitSecond, UnitMinute, UnitMM, UnitML)

// Valid reports whether u is a defined Unit.
func (u Unit) Valid() bool { return enum.IsValid(u, units) }
