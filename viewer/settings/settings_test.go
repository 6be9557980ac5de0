package settings

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/ui"
)

func newTestApp(t *testing.T) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(ui.NewTheme(false))
	return a
}

func TestWheelDispatch(t *testing.T) {
	for _, tc := range []struct {
		mode WheelMode
		mod  fyne.KeyModifier
		zoom bool
	}{
		{WheelFrames, 0, false},
		{WheelFrames, fyne.KeyModifierControl, true},
		{WheelFrames, fyne.KeyModifierSuper, true},
		{WheelFrames, fyne.KeyModifierShift, false},
		{WheelZoom, 0, true},
		{WheelZoom, fyne.KeyModifierControl, false},
		{WheelZoom, fyne.KeyModifierShift | fyne.KeyModifierControl, false},
	} {
		if got := tc.mode.Zooms(tc.mod); got != tc.zoom {
			t.Errorf("%v with modifiers %v: zooms %v, want %v", tc.mode, tc.mod, got, tc.zoom)
		}
	}
}

func TestWheelSteps(t *testing.T) {
	var w WheelSteps
	// A notch towards the user: the next frame; away: the previous.
	if got := w.Add(-Notch); got != 1 {
		t.Errorf("one notch down: %d steps", got)
	}
	if got := w.Add(Notch); got != -1 {
		t.Errorf("one notch up: %d steps", got)
	}
	if got := w.Add(-3 * Notch); got != 3 {
		t.Errorf("three notches: %d", got)
	}
	// A touchpad: small movements add up to one step per notch.
	steps := 0
	for range 10 {
		steps += w.Add(-Notch / 4)
	}
	if steps != 2 {
		t.Errorf("ten quarter notches: %d steps, want 2", steps)
	}
	// A turn back drops the half notch left over.
	if got := w.Add(Notch * 3 / 4); got != 0 {
		t.Errorf("three quarters back: %d", got)
	}
	if got := w.Add(Notch / 4); got != -1 {
		t.Errorf("a further quarter back: %d", got)
	}
	if w.Add(0) != 0 {
		t.Error("no movement stepped")
	}
}

func TestNavPreferences(t *testing.T) {
	a := newTestApp(t)
	p := a.Preferences()
	if got := LoadNav(p); got != DefaultNav() || got.Wheel != WheelFrames || got.Cine.Speed != 1 || got.Cine.Mode != cine.Loop || got.Magnifier != 2 {
		t.Fatalf("defaults %+v", got)
	}
	n := Nav{Wheel: WheelZoom, Cine: cine.Options{Mode: cine.Bounce, Speed: 0.25}, Magnifier: 4}
	n.Save(p)
	if got := LoadNav(p); got != n {
		t.Errorf("loaded %+v, want %+v", got, n)
	}
	// Values no option offers fall back or snap to one.
	p.SetString(keyWheel, "sideways")
	p.SetFloat(keyCineSpeed, 3.1)
	p.SetString(keyCineMode, "")
	p.SetInt(keyMagnifier, 17)
	want := Nav{Wheel: WheelFrames, Cine: cine.Options{Mode: cine.Loop, Speed: 4}, Magnifier: 4}
	if got := LoadNav(p); got != want {
		t.Errorf("loaded %+v, want %+v", got, want)
	}
}

// radios returns the radio groups of the sections, in order.
func radios(secs []Section) []*widget.RadioGroup {
	var out []*widget.RadioGroup
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.RadioGroup:
			out = append(out, x)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *widget.Form:
			for _, it := range x.Items {
				walk(it.Widget)
			}
		}
	}
	for _, s := range secs {
		walk(s.Content)
	}
	return out
}

func TestNavSectionsChange(t *testing.T) {
	newTestApp(t)
	var got []Nav
	secs := NavSections(DefaultNav(), func(n Nav) { got = append(got, n) })
	r := radios(secs)
	if len(r) != 4 {
		t.Fatalf("%d radio groups", len(r))
	}
	if r[0].Selected != r[0].Options[0] || r[1].Selected != "1×" || r[2].Selected != "Loop" || r[3].Selected != "2×" {
		t.Errorf("initial selection %q %q %q %q", r[0].Selected, r[1].Selected, r[2].Selected, r[3].Selected)
	}
	r[0].SetSelected(r[0].Options[1])
	r[1].SetSelected("0.5×")
	r[2].SetSelected("Once")
	r[3].SetSelected("4×")
	want := Nav{Wheel: WheelZoom, Cine: cine.Options{Mode: cine.Once, Speed: 0.5}, Magnifier: 4}
	if len(got) != 4 || got[3] != want {
		t.Errorf("changes %+v, want last %+v", got, want)
	}
}

func TestSettingsDialogGolden(t *testing.T) {
	newTestApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(720, 600))
	secs := NavSections(DefaultNav(), func(Nav) {})
	secs = append(secs, Section{"Window presets", widget.NewButton("Edit window presets…", nil)})
	d := NewDialog(w, secs)
	d.Show()
	test.AssertImageMatches(t, "settings.png", w.Canvas().Capture())
}
