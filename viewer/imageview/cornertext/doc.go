// Package cornertext lays out the corner text of an image pane: which
// lines of the four corners (patient, study, image, window, zoom,
// spacing, phase) fit a pane of a given size, and how they are
// shortened, so that the corners never overlap each other or the
// orientation letters and nothing runs off the pane, down to a pane of
// a few hundred pixels.
//
// Each line has a priority and may have shorter forms. Lines stack from
// their corner's edge; when the corners of a side need more rows than the
// pane has, the line of lowest priority goes first. Lines that share a
// row with the opposite corner share its width; a line that does not fit
// its share takes its first shorter form that does, else the shortest
// form cut with an ellipsis, else it goes too. The layout is pure
// geometry: text is measured by a function the caller gives, in the
// caller's units.
package cornertext
