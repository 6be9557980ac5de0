package mark

// A Layer is the marks drawn over a study's images and the user
// calibrations of its series: what a [MarkHistory] edits and [Burn]
// draws. A report embeds one.
type Layer struct {
	Annotations []Annotation `json:"annotations,omitempty"`
	// Calibrations holds manual calibrations, at most one per series.
	Calibrations []Calibration `json:"calibrations,omitempty"`
}
