package overflow

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestBarOverflows: at every width the items in view, the "more" button
// and the trailing items lie side by side inside the bar; the items that
// do not fit are in the menu, in order, with their labels and states.
func TestBarOverflows(t *testing.T) {
	test.NewTempApp(t)
	tapped := ""
	button := func(label string) *widget.Button {
		return widget.NewButton(label, func() { tapped = label })
	}
	var items []Item
	for i, l := range []string{"Open", "Folder", "", "1×1", "1×2", "2×2", "", "Presets", "Full range", "", "Sync"} {
		switch {
		case l == "":
			items = append(items, Separator())
		case l == "Presets":
			items = append(items, Submenu(button(l), l, func() *fyne.Menu { return fyne.NewMenu("", fyne.NewMenuItem("Default", nil)) }))
		default:
			b := button(l)
			if i == 4 {
				b.Importance = widget.HighImportance // the layout in use
			}
			items = append(items, Button(b, ""))
		}
	}
	help := widget.NewButtonWithIcon("", theme.HelpIcon(), nil)
	bar := New(items, help)
	w := test.NewTempWindow(t, bar)
	w.SetPadded(false)
	full := float32(0)
	for _, it := range items {
		full += it.Object.MinSize().Width + theme.Padding()
	}
	full += help.MinSize().Width
	for _, width := range []float32{120, 300, 500, full + 10} {
		w.Resize(fyne.NewSize(width, 40))
		bar.Resize(fyne.NewSize(width, 40))
		var shown []fyne.CanvasObject
		for _, it := range items {
			if it.Object.Visible() {
				shown = append(shown, it.Object)
			}
		}
		if bar.More().Visible() {
			shown = append(shown, bar.More())
		}
		shown = append(shown, help)
		for i, o := range shown {
			p, s := o.Position(), o.Size()
			if p.X < 0 || p.X+s.Width > width {
				t.Errorf("width %v: %v at %v %v leaves the bar", width, o, p, s)
			}
			if i > 0 {
				q, qs := shown[i-1].Position(), shown[i-1].Size()
				if q.X+qs.Width > p.X {
					t.Errorf("width %v: objects at %v and %v overlap", width, q, p)
				}
			}
		}
		over := bar.Overflow()
		if bar.More().Visible() != (len(over) > 0) || (width > full) != (len(over) == 0) {
			t.Errorf("width %v: %d items in the menu, more button shown %v", width, len(over), bar.More().Visible())
		}
		if len(over) > 0 && over[0].Menu == nil {
			t.Errorf("width %v: the menu starts with a separator", width)
		}
		// The menu holds the hidden items in order; Sync runs from it.
		m := bar.Menu()
		if len(over) == 0 {
			continue
		}
		last := m.Items[len(m.Items)-1]
		if last.Label != "Sync" {
			t.Errorf("width %v: the menu ends with %q", width, last.Label)
		}
		last.Action()
		if tapped != "Sync" {
			t.Errorf("width %v: the menu's Sync ran %q", width, tapped)
		}
		for _, it := range m.Items {
			if it.Label == "1×2" && !it.Checked {
				t.Errorf("width %v: the layout in use is not checked in the menu", width)
			}
			if it.Label == "Presets" && it.ChildMenu == nil {
				t.Errorf("width %v: Presets has no submenu", width)
			}
		}
	}
}
