package synth

import "math"

// The phantom is drawn in object-plane millimetres: x grows towards the
// patient's left (the image's right, Patient Orientation "L\F"), y towards
// the feet (image down), and the origin lies just below the uterine fundus.
// A view maps those millimetres to the pixels of one detector.
type view struct {
	cols, rows int
	mm         float64 // object-plane millimetres per pixel
	centre     vec     // object point imaged at the centre of the matrix
	sin, cos   float64 // in-plane rotation of the patient on the detector
}

func newView(cols, rows int, mm float64, centre vec, rotDeg float64) view {
	s, c := math.Sincos(rotDeg * math.Pi / 180)
	return view{cols: cols, rows: rows, mm: mm, centre: centre, sin: s, cos: c}
}

// px maps an object point (mm) to pixel coordinates.
func (v view) px(p vec) vec {
	d := p.sub(v.centre)
	return vec{
		(d.x*v.cos-d.y*v.sin)/v.mm + float64(v.cols)/2 - 0.5,
		(d.x*v.sin+d.y*v.cos)/v.mm + float64(v.rows)/2 - 0.5,
	}
}

// obj maps pixel coordinates back to the object plane (mm).
func (v view) obj(q vec) vec {
	dx := (q.x + 0.5 - float64(v.cols)/2) * v.mm
	dy := (q.y + 0.5 - float64(v.rows)/2) * v.mm
	return vec{dx*v.cos + dy*v.sin, -dx*v.sin + dy*v.cos}.add(v.centre)
}

// pxs maps a list of object points to pixel coordinates.
func (v view) pxs(ps []vec) []vec {
	out := make([]vec, len(ps))
	for k, p := range ps {
		out[k] = v.px(p)
	}
	return out
}

// len converts a length in millimetres to pixels.
func (v view) len(mm float64) float64 { return mm / v.mm }

// angle converts an object-plane angle to the detector's.
func (v view) angle(th float64) float64 { return th + math.Atan2(v.sin, v.cos) }

// Detector geometry of the RF room (table-based flat panel) and the DX room.
const (
	rfDetectorMM = 307.2 // detector field width: 1024 × 0.30 mm
	rfSID        = 1150.0
	rfSOD        = 920.0 // SID/SOD = 1.25
	dxSID        = 1200.0
	dxSOD        = 1000.0 // SID/SOD = 1.20
	dxPixelMM    = 0.24   // detector pitch; 0.20 mm in the object plane
	dxCols       = 1600
	dxRows       = 1300
	cineMatrix   = 512
)

// rfView is the geometry of the RF scout and spot images for a matrix.
func rfView(cols, rows int) view {
	ips := rfDetectorMM / float64(cols)
	return newView(cols, rows, ips*rfSOD/rfSID, vec{0, 2}, 0)
}

// dxView is the geometry of the delayed radiograph: another room, a wider
// field, the patient a little higher on the table and slightly rotated.
func dxView() view {
	return newView(dxCols, dxRows, dxPixelMM*dxSOD/dxSID, vec{-4, -8}, 1.6)
}
