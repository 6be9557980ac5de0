package about

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/i18n/i18ntest"
	"github.com/hsgview/hsgview/viewer/ui"
)

// TestAboutInEachLanguage opens the About dialog in English and in
// Russian and checks it with i18ntest: the program's words are Russian
// in Russian (the components' names, versions, licences and the licence
// texts are the upstreams' own), nothing is cut.
func TestAboutInEachLanguage(t *testing.T) {
	for _, code := range []string{"en", "ru"} {
		t.Run(code, func(t *testing.T) {
			i18ntest.Use(t, code)
			test.NewTempApp(t).Settings().SetTheme(ui.NewTheme(false))
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(1200, 900))
			info := AboutInfo{
				Name: "hsgview", Summary: "", Version: "0.1.0", Commit: "0a329889c7df", GoVersion: "go1.26.8", Platform: "linux/amd64",
				License: "BSD-3-Clause", LicenseText: "BSD 3-Clause License",
				Components: []AboutComponent{{"fyne.io/fyne/v2", "v2.7.1", "BSD-3-Clause", "Go module, compiled in"}},
				Notices:    "Redistribution and use",
			}
			ShowAbout(w, info)
			c := i18ntest.Checker{Data: []string{"0a329889c7df", "go1.26.8", "linux/amd64", "BSD-3-Clause", "BSD 3-Clause License",
				"fyne.io/fyne/v2", "v2.7.1", "Redistribution and use", "Go module, compiled in"}}
			c.CheckCanvas(t, "About", w.Canvas())
			if code == "ru" && !strings.Contains(dialogTitle(w), "О программе") {
				t.Errorf("title %q", dialogTitle(w))
			}
		})
	}
}

// dialogTitle is the texts of the labels of the dialog on w.
func dialogTitle(w fyne.Window) string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	return strings.Join(out, " | ")
}
