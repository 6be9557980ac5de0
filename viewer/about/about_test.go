package about

import (
	"github.com/hsgview/hsgview/viewer/ui"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestAboutDialog opens the dialog and reads back the build, the
// licence and the component table's cells.
func TestAboutDialog(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(ui.NewTheme(false))
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 900))
	info := AboutInfo{
		Name: "hsgview", Version: "0.1.0", Commit: "0a329889c7df", GoVersion: "go1.26.8", Platform: "linux/amd64",
		License: "BSD-3-Clause", LicenseText: "BSD 3-Clause License\n...",
		Components: []AboutComponent{{"fyne.io/fyne/v2", "v2.7.1", "BSD-3-Clause", "Go module, compiled in"},
			{"CharLS", "2.x", "BSD-3-Clause", "system library"}},
		Notices: "=== fyne.io/fyne/v2 | v2.7.1 | BSD-3-Clause | Go module\nRedistribution and use",
	}
	ShowAbout(w, info)
	var texts []string
	var table *widget.Table
	var tabs *container.AppTabs
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Table:
			table = x
		case *container.AppTabs:
			tabs = x
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		} else if wd, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wd).Objects() {
				walk(ch)
			}
		}
	}
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"hsgview 0.1.0", "Commit 0a329889c7df", "go1.26.8 for linux/amd64", "Licence: BSD-3-Clause"} {
		if !strings.Contains(all, want) {
			t.Errorf("dialog lacks %q; labels:\n%s", want, all)
		}
	}
	if table == nil || tabs == nil {
		t.Fatalf("no component table (%v) or tabs (%v)", table, tabs)
	}
	if r, c := table.Length(); r != 3 || c != 3 {
		t.Errorf("table is %d×%d, want a header and 2 components × 3 columns", r, c)
	}
	cell := widget.NewLabel("")
	table.UpdateCell(widget.TableCellID{Row: 2, Col: 0}, cell)
	if cell.Text != "CharLS" {
		t.Errorf("row 2 names %q", cell.Text)
	}
	table.UpdateCell(widget.TableCellID{Row: 1, Col: 2}, cell)
	if cell.Text != "BSD-3-Clause" {
		t.Errorf("Fyne's licence cell says %q", cell.Text)
	}
	if n := len(tabs.Items); n != 2 || tabs.Items[1].Text != "Licences" {
		t.Errorf("tabs: %d", n)
	}
}
