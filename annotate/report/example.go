package report

import (
	"time"

	"github.com/hsgview/hsgview/annotate/mark"
)

// ExampleInput identifies the demo study an example report is made for.
type ExampleInput struct {
	StudyUID      string
	Accession     string
	StudyDateTime string // RFC 3339, optional
	PatientID     string
	PatientName   string
	BirthDate     string // YYYYMMDD (DICOM) or YYYY-MM-DD
	Sex           Sex

	// KeyImages are the images of the study with their roles; the one
	// with RoleDelayed, if any, is the delayed image.
	KeyImages []KeyImage
	// DelayedMinutes is the time of the delayed image after the start of
	// contrast; 20 if zero.
	DelayedMinutes float64

	// MarkImage is the image the example marks are drawn on; if empty,
	// the key image showing left tubal filling, spill or full distension.
	MarkImage mark.ImageRef
	// Hydrosalpinx gives the end points (column, row) of the widest
	// diameter of the left hydrosalpinx on MarkImage. If zero, points for
	// a 512×512 image are used.
	Hydrosalpinx [2][2]float64
	// PixelSpacingMM is the (square) pixel spacing of MarkImage and
	// SpacingSource where it came from; 0.3 mm Imager Pixel Spacing if zero.
	PixelSpacingMM float64
	SpacingSource  mark.SpacingSource

	// CreatedAt is the creation time of the report; now if zero.
	CreatedAt time.Time
}
