package reportui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestSendToPACSMenu opens "Send to PACS…" from the File menu's report
// items on the demo's draft: the dialog lists the Encapsulated PDF made
// by the export's renderExport with the SR, KOS and GSPS, and a draft is
// not sent without the unverified-draft box.
func TestSendToPACSMenu(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no servers configured
	v, q, w := openDemo(t, 1400, 900)
	items := v.rep.FileItems()
	i := slices.IndexFunc(items, func(it *fyne.MenuItem) bool { return it.Label == "Send to PACS…" })
	if i < 0 {
		t.Fatal("no Send to PACS… item")
	}
	items[i].Action()
	q.settle(t)
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Button:
			if x.Text == "Send" && !x.Disabled() {
				t.Error("Send is enabled for a draft without the box checked")
			}
		case *widget.Check:
			texts = append(texts, x.Text)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	walk(top)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Encapsulated PDF", "the report as PDF", "SR", "KOS", "GSPS", "Send as unverified draft"} {
		if !strings.Contains(all, want) {
			t.Errorf("the dialog does not show %q:\n%s", want, all)
		}
	}
}
