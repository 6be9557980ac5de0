// Package viewer is hsgview's Fyne user interface: the study window with
// its HSG hanging protocol, the image panes, thumbnails, cine playback and
// the threading bridge between background work and the Fyne goroutine.
package viewer
