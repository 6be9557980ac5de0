// Package keyimage chooses and renders the key images of a report and
// exports frames as shown: the images suggested for each role of the HSG
// sequence ([SuggestKeyImages]); a frame at its own resolution as a pane
// shows it — window, turn, the patient's sides and the marks burned in —
// which `hsgview render`, the viewer's native export, its key-image
// export ([ExportKeyImages]) and its copy to the clipboard all use
// ([RenderFrame]); the key images of the printed report ([RenderKeyImages]);
// and a frame composed as the pane shows it on screen, zoomed, with its
// corner text and caption ([Compose]). [KeyImageCaption] and
// [KeyImageName] give the one caption and file name of a key image that
// the PDF and the viewer both use.
package keyimage
