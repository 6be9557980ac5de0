package mark

import "testing"

// img is the image the tests' marks are drawn on.
var img = ImageRef{
	StudyInstanceUID: "1.2.826.0.1.1", SeriesInstanceUID: "1.2.826.0.1.1.2", SOPClassUID: "1.2.840.10008.5.1.4.1.1.12.2",
	SOPInstanceUID: "1.2.826.0.1.1.2.3", FrameNumber: 4, AcquisitionDateTime: "20250304093015",
}

// mark returns a new mark made with tool through pts, failing the test
// if it cannot be made.
func mark(t *testing.T, tool Tool, pts ...ImagePoint) Annotation {
	t.Helper()
	label := ""
	if tool == ToolText {
		label = "text"
	}
	a, err := NewMark(tool, ImageRef{SOPInstanceUID: "1.2.3"}, pts, label)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
