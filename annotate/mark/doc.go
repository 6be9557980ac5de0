// Package mark holds the marks a radiologist draws on images (arrows,
// text, lengths, angles, outlines and ROIs) and everything that measures
// and draws them.
//
// Marks ([Annotation]) live in image pixel coordinates, keyed by SOP
// Instance UID and frame ([ImageRef], [OnFrame]). [NewMark] builds them
// from the points a tool placed; [Measure] gives their length, angle,
// area and ROI statistics with the spacing [Layer.Spacing] resolves (a
// user [Calibration] of the series, else the file's own source), and
// [Annotation.MeasurementText] prints them with that source, never "mm"
// without one. [HitTest], [Annotation.Move] and [Annotation.MoveHandle]
// serve an editor through a [ViewTransform]; [MarkHistory] undoes and
// redoes every change of a [Layer] and of the finding lists that cite its
// marks ([Document]); [Burn] draws marks on an RGBA image with labels
// placed clear of each other, of the marks' lines and of areas a viewer
// keeps for its own text, trying fixed candidate positions in a fixed
// order (place.go), with leader lines to labels placed away from their
// marks and ROI statistics on one line when room is short.
//
// The package does no I/O and has no GUI dependency.
package mark
