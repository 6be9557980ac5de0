package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func runGUI(paths []string) int {
	a := app.NewWithID("org.hsgview.hsgview")
	w := a.NewWindow("hsgview")
	w.SetContent(widget.NewLabel("hsgview"))
	w.ShowAndRun()
	return 0
}
