package mark

import (
	"errors"
	"github.com/hsgview/hsgview/annotate/enum"
	"math"
	"time"
)

// A Calibration is a manual length calibration of one series, made by
// drawing a line along an object of known size. Lengths measured on the
// series then use [SpacingUser].
type Calibration struct {
	SeriesInstanceUID string `json:"seriesInstanceUid"`
	// Image is the image the reference line was drawn on.
	Image  *ImageRef         `json:"image,omitempty"`
	Method CalibrationMethod `json:"method"`
	// ReferenceValue is the known size of the reference: the French gauge
	// of a catheter, or the balloon diameter or known length in mm.
	ReferenceValue float64 `json:"referenceValue"`
	// Points are the end points (column, row) of the reference line.
	Points [][2]float64 `json:"points,omitempty"`
	// MMPerPixel is the resulting isotropic spacing.
	MMPerPixel float64   `json:"mmPerPixel"`
	CreatedAt  time.Time `json:"createdAt,omitzero"`
}

// CalibrationMethod is the kind of reference object of a calibration.
type CalibrationMethod string

const (
	CalibrateCatheterFrench CalibrationMethod = "catheter_french"
	CalibrateBalloonMM      CalibrationMethod = "balloon_mm"
	CalibrateKnownLength    CalibrationMethod = "known_length"
)

var calibrationMethods = enum.Register(CalibrateCatheterFrench, CalibrateBalloonMM, CalibrateKnownLength)

// Valid reports whether m is a defined CalibrationMethod.
func (m CalibrationMethod) Valid() bool { return enum.IsValid(m, calibrationMethods) }

// ReferenceMM returns the size in mm of a reference of value v measured
// with m: a French gauge is a third of a millimetre.
func (m CalibrationMethod) ReferenceMM(v float64) float64 {
	if m == CalibrateCatheterFrench {
		return v / 3
	}
	return v
}

// NewCalibration returns the calibration of series from a line p0–p1 drawn
// along a reference of size ref (see [Calibration.ReferenceValue]) on img.
// Pixels are taken as square.
func NewCalibration(series string, img *ImageRef, m CalibrationMethod, ref float64, p0, p1 [2]float64) (Calibration, error) {
	if !m.Valid() {
		return Calibration{}, errors.New("annotate: calibration: unknown method " + string(m))
	}
	px := math.Hypot(p1[0]-p0[0], p1[1]-p0[1])
	mm := m.ReferenceMM(ref)
	if !(px >= 1) || math.IsInf(px, 0) || !(mm > 0) || math.IsInf(mm, 0) {
		return Calibration{}, errors.New("annotate: calibration: reference line shorter than a pixel or reference size not positive")
	}
	return Calibration{
		SeriesInstanceUID: series,
		Image:             img,
		Method:            m,
		ReferenceValue:    ref,
		Points:            [][2]float64{p0, p1},
		MMPerPixel:        mm / px,
	}, nil
}

// Calibration returns the manual calibration of the series, if any.
func (r *Layer) Calibration(seriesUID string) (Calibration, bool) {
	for _, c := range r.Calibrations {
		if c.SeriesInstanceUID == seriesUID {
			return c, true
		}
	}
	return Calibration{}, false
}

// SetCalibration adds c, replacing any calibration of the same series.
func (r *Layer) SetCalibration(c Calibration) {
	for i := range r.Calibrations {
		if r.Calibrations[i].SeriesInstanceUID == c.SeriesInstanceUID {
			r.Calibrations[i] = c
			return
		}
	}
	r.Calibrations = append(r.Calibrations, c)
}
