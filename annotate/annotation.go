package annotate

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

var graphicTypes = register(GraphicPoint, GraphicMultipoint, GraphicPolyline, GraphicCircle, GraphicEllipse)

// Valid reports whether g is a defined GraphicType.
func (g GraphicType) Valid() bool { return isValid(g, graphicTypes) }

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

var tools = register(ToolArrow, ToolText, ToolLength, ToolAngle, ToolEllipse, ToolPolygon,
	ToolFreehand, ToolPoint)

// Valid reports whether t is a defined Tool.
func (t Tool) Valid() bool { return isValid(t, tools) }

// GraphicType returns the graphic type marks made with t are stored as:
// an arrow runs from its tail to its head, an angle is a three-point
// polyline with the vertex in the middle, and a polygon is a closed
// polyline (its last point repeats the first).
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

// A Measurement is a length measured by a mark.
type Measurement struct {
	Value float64 `json:"value"`
	// Unit is always UnitMM.
	Unit          Unit          `json:"unit"`
	SpacingSource SpacingSource `json:"spacingSource,omitempty"`
	// PixelSpacingMM is the spacing used, as (row spacing, column
	// spacing) in mm, the order of DICOM Pixel Spacing.
	PixelSpacingMM [2]float64 `json:"pixelSpacingMm,omitzero"`
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

var spacingSources = register(SpacingPixelSpacing, SpacingImager, SpacingImagerOverERMF,
	SpacingUser, SpacingUncalibrated)

// Valid reports whether s is a defined SpacingSource.
func (s SpacingSource) Valid() bool { return isValid(s, spacingSources) }

// Calibrated reports whether lengths measured with s are calibrated in
// the patient (Pixel Spacing or a user calibration) and may be reported
// without "approximately".
func (s SpacingSource) Calibrated() bool { return s == SpacingPixelSpacing || s == SpacingUser }
