// Package imageview is the image widget of a study window's pane: an
// ImageView draws one rendered frame with its zoom, pan, rotation and
// flips (Transform, Orientation, OrientFrame), the corner text and the
// patient-orientation letters at its edges (or the warning when they are
// unknown), laid out so that none covers another at any pane size (lines
// with priorities and short forms, see package cornertext; TextRects
// tells mark labels where the text is), and hands pointer gestures to the
// Tool in use (window/level, pan, zoom, or a marks tool of package
// viewer). FrameBar is the frame slider of multi-frame images;
// OutlineText the outlined overlay text.
//
// It knows nothing of studies, panes or marks: package viewer loads and
// renders the frames, and implements the marks tools on top of Tool.
package imageview
