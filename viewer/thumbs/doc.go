// Package thumbs holds the study window's thumbnail strip: the
// thumbnail of an image ([Thumbnail]: its picture, series, phase and time,
// the frame badge; package viewer renders the pictures and wires the
// taps and drags), the grouping of a
// study's images by series in time order ([Groups]), the header of a
// series group ([Header]), and the tips shown while the pointer rests on
// a header or a thumbnail ([Tips]) — Fyne 2.7 has no tooltips, so a tip
// is a layer over the window's content that follows desktop.Hoverable
// events and takes no pointer events itself.
package thumbs
