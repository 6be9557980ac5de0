// Package export holds what the study window needs to hand images out
// of the program, apart from the pixels themselves (annotate/keyimage
// renders those: [keyimage.RenderFrame] at the image's resolution,
// [keyimage.Compose] at the pane's): the choice of resolution of a pane's
// export ([Options], [NewPaneDialog]) and the copy of an image to the
// system clipboard as a PNG ([CopyPNG]). The window (package viewer)
// gathers what a pane shows, renders off the Fyne goroutine and calls
// these.
package export
