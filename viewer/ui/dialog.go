package ui

import "fyne.io/fyne/v2"

// DialogSize is the size of the window's large dialogs (file choosers,
// the DICOM header, report exports): most of the window, and never less
// than 600 × 400.
func DialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.7), max(400, s.Height*0.75))
}
