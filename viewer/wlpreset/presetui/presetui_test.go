package presetui

import (
	"errors"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/ui"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

func newTestApp(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
}

func names(ps []wlpreset.Preset) (out []string) {
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

var start = []wlpreset.Preset{
	{Name: "Tubes", Modality: "RF", Center: 900, Width: 600},
	{Name: "Soft", Center: 40, Width: 80, Relative: true},
}

func TestEditorEdits(t *testing.T) {
	newTestApp(t)
	cur := Current{Modality: "xa", VOI: dicomio.VOI{Window: dicomio.Window{Center: 1234, Width: 567}}, OK: true}
	e := NewEditor(start, cur)
	w := test.NewTempWindow(t, e.Content())
	w.Resize(fyne.NewSize(800, 500))
	if e.Selected() != 0 || e.name.Text != "Tubes" || e.center.Text != "900" {
		t.Fatalf("first preset not shown: %d %q %q", e.Selected(), e.name.Text, e.center.Text)
	}
	// Rename by typing.
	e.name.SetText("")
	test.Type(e.name, "Tubes high")
	// Change the second to absolute values for XA.
	e.Select(1)
	e.modality.SetText("xa")
	abs, _ := unitLabels()
	e.unit.SetSelected(abs)
	e.width.SetText("300,5")
	// Add the window on screen, after the selected one.
	e.AddCurrent()
	// Add a new one and delete it again.
	e.Add()
	if e.Selected() != 3 || e.name.Text != "New preset" || e.modality.Text != "XA" {
		t.Errorf("added preset: %d %q %q", e.Selected(), e.name.Text, e.modality.Text)
	}
	e.Delete()
	// Move the window on screen to the top.
	e.Select(2)
	e.Move(-1)
	e.Move(-1)
	e.Move(-1) // stays on top
	want := []wlpreset.Preset{
		{Name: "W 567 / L 1234", Modality: "XA", Center: 1234, Width: 567},
		{Name: "Tubes high", Modality: "RF", Center: 900, Width: 600},
		{Name: "Soft", Modality: "XA", Center: 40, Width: 300.5},
	}
	if got := e.Presets(); !slices.Equal(got, want) {
		t.Errorf("presets\n%+v\nwant\n%+v", got, want)
	}
	if i, err := e.Problem(); i != -1 || err != nil {
		t.Errorf("problem %d %v", i, err)
	}
	// The keys shown are per modality: the XA window on screen is XA's
	// key 1, "Soft" XA's key 2; RF's "Tubes high" RF's key 1.
	for i, want := range []int{1, 1, 2} {
		if k := e.key(i); k != want {
			t.Errorf("preset %d: key %d, want %d", i, k, want)
		}
	}
	// A width that is not a number is reported and blocks saving.
	e.Select(1)
	e.width.SetText("wide")
	if !e.problem.Visible() || e.problem.Text != "The width is not a number." {
		t.Errorf("problem shown %v %q", e.problem.Visible(), e.problem.Text)
	}
	if i, err := e.Problem(); i != 1 || err == nil {
		t.Errorf("problem %d %v", i, err)
	}
	e.width.SetText("0")
	if e.problem.Text != "The width must be a number above zero." {
		t.Errorf("problem %q", e.problem.Text)
	}
	// The presets given are not changed.
	if start[0].Name != "Tubes" || start[1].Width != 80 {
		t.Error("the editor changed its argument")
	}
}

func TestEditorDialogSave(t *testing.T) {
	newTestApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(900, 600))
	var saved [][]wlpreset.Preset
	fail := errors.New("disk full")
	var result error
	d, e := NewDialog(w, start, Current{}, func(ps []wlpreset.Preset) error {
		saved = append(saved, ps)
		return result
	})
	d.Show()
	if !e.addCurrentBtn.Disabled() {
		t.Error("'Add the window on screen' enabled without an image")
	}
	e.Select(0)
	e.Delete()
	// A failing save keeps the dialog open with the edits.
	result = fail
	save := findButton(t, w.Canvas().Overlays().Top(), "Save")
	test.Tap(save)
	if len(saved) != 1 || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("after a failed save: %d saves, dialog open %v", len(saved), w.Canvas().Overlays().Top() != nil)
	}
	result = nil
	test.Tap(save)
	if len(saved) != 2 || !slices.Equal(names(saved[1]), []string{"Soft"}) {
		t.Errorf("saved %v", saved)
	}
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, x := range test.TempWidgetRenderer(t, w).Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func TestMenu(t *testing.T) {
	newTestApp(t)
	file := []dicomio.VOI{{Window: dicomio.Window{Center: 2048, Width: 4096}}}
	full := dicomio.VOI{Window: dicomio.RangeWindow(0, 4095)}
	var keys []int
	var applied []dicomio.VOI
	do := Actions{Key: func(n int) { keys = append(keys, n) }, Apply: func(v dicomio.VOI) { applied = append(applied, v) },
		Full: func() {}, Edit: func() {}}
	shortcut := func(it *fyne.MenuItem) string {
		if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
			return string(sc.KeyName)
		}
		return ""
	}
	// RF has presets of its own: they have the keys, the file's window
	// is applied without one.
	m := Menu(start, Image{Modality: "RF", File: file, Full: full}, do)
	var labels, keysShown []string
	for _, it := range m.Items {
		labels = append(labels, it.Label)
		keysShown = append(keysShown, shortcut(it))
	}
	if labels[1] != "Tubes  (RF · W 600 / L 900)" || keysShown[1] != "1" || keysShown[2] != "2" || keysShown[5] != "" {
		t.Errorf("menu %q keys %q", labels, keysShown)
	}
	m.Items[2].Action()
	m.Items[5].Action()
	if !slices.Equal(keys, []int{2}) || len(applied) != 1 || applied[0].Center != 2048 {
		t.Errorf("keys %v applied %v", keys, applied)
	}
	// CT has only the preset for every modality: it has key 1.
	// Without any preset, the file's windows keep their keys.
	m = Menu(nil, Image{Modality: "CT", File: file, Full: full}, do)
	if m.Items[1].Label != "W 4096 / L 2048" || shortcut(m.Items[1]) != "1" {
		t.Errorf("file window item %q key %q", m.Items[1].Label, shortcut(m.Items[1]))
	}
	// A relative preset without the image's range cannot be applied.
	m = Menu(start, Image{Modality: "CT"}, do)
	if !m.Items[1].Disabled || m.Items[1].Label != "Soft  (every modality · W 80 % / L 40 %)" {
		t.Errorf("relative preset without range: %q disabled %v", m.Items[1].Label, m.Items[1].Disabled)
	}
}
