// Package keyimage chooses and renders the key images of a report: the
// images suggested for each role of the HSG sequence ([SuggestKeyImages]),
// rendered as displayed with their marks burned in ([RenderKeyImages]),
// and a frame exported as a pane shows it, with its overlay text
// ([Compose], [ExportImages]). [KeyImageCaption] and [KeyImageName] give
// the one caption and file name of a key image that the PDF and the
// viewer both use.
package keyimage
