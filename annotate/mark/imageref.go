package mark

import (
	"github.com/hsgview/hsgview/dicomio"
)

// An ImageRef points at an image, or one frame of a multi-frame image.
type ImageRef struct {
	StudyInstanceUID  string `json:"studyInstanceUid,omitempty"`
	SeriesInstanceUID string `json:"seriesInstanceUid,omitempty"`
	SOPClassUID       string `json:"sopClassUid,omitempty"`
	SOPInstanceUID    string `json:"sopInstanceUid"`
	// FrameNumber is the 1-based frame of a multi-frame image; 0 means
	// the image as a whole.
	FrameNumber         int    `json:"frameNumber,omitempty"`
	AcquisitionDateTime string `json:"acquisitionDateTime,omitempty"`
}

// ImageRefOf returns the reference to frame (1-based; 0 for the whole
// image) of in.
func ImageRefOf(in *dicomio.Instance, frame int) ImageRef {
	ref := ImageRef{
		StudyInstanceUID:  in.StudyInstanceUID,
		SeriesInstanceUID: in.SeriesInstanceUID,
		SOPClassUID:       in.SOPClassUID,
		SOPInstanceUID:    in.SOPInstanceUID,
		FrameNumber:       frame,
	}
	if in.TimeSource != dicomio.TimeNone && !in.Acquired.IsZero() {
		ref.AcquisitionDateTime = in.Acquired.Format("2006-01-02T15:04:05.000")
	}
	return ref
}
