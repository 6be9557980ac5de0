// Command hsgview is an offline DICOM viewer and structured-reporting tool
// for hysterosalpingography.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.hsgview.hsgview")
	w := a.NewWindow("hsgview")
	w.SetContent(widget.NewLabel("hsgview"))
	w.ShowAndRun()
}
