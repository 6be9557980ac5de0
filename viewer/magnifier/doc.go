// Package magnifier is the loupe: a square that follows the pointer over
// an image and shows the pixels around it magnified 2× to 4× over the
// screen's zoom, sampled from the full-resolution rendered frame (the
// stored pixels through the display pipeline, as the pane holds them),
// never from the screen's already scaled picture. [Sample] does the
// pixel work, [Loupe] is the widget, and a [Lens] puts a loupe on each
// image view of a window and shows it on the one under the pointer while
// the user holds its key (or has it switched on).
package magnifier
