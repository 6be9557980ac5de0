package viewer

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/viewer/imageview"
)

func TestLatinRune(t *testing.T) {
	for in, want := range map[rune]rune{'к': 'r', 'К': 'R', 'р': 'h', 'ш': 'i', 'х': '[', 'ъ': ']', 'r': 'r', '1': '1', ' ': ' ', 'ß': 'ß'} {
		if got := latinRune(in); got != want {
			t.Errorf("latinRune(%q) = %q, want %q", in, got, want)
		}
	}
	named := &fyne.KeyEvent{Name: fyne.KeyF1, Physical: fyne.HardwareKey{ScanCode: 24}}
	if latinKey(named) != named {
		t.Error("a named key was renamed")
	}
	if ev := latinKey(&fyne.KeyEvent{Physical: fyne.HardwareKey{ScanCode: 24}}); ev.Name != fyne.KeyQ {
		t.Errorf("unnamed key at Q's place: %q", ev.Name)
	}
	if ev := latinKey(&fyne.KeyEvent{Physical: fyne.HardwareKey{ScanCode: 9}}); ev.Name != fyne.KeyUnknown {
		t.Errorf("unnamed key elsewhere: %q", ev.Name)
	}
}

// TestKeysInRussianLayout: with the Russian layout the keys marked R, H
// and I (К, Р, Ш) rotate, flip and invert as on a Latin layout, and the
// magnifier's key, which the layout leaves unnamed, is held by its place.
func TestKeysInRussianLayout(t *testing.T) {
	v, q, _ := newTestViewer(t, 900, 500)
	openFixtures(t, v, q, hsgFixtures())
	p := v.ActivePane()
	v.TypedRune('к')
	v.TypedRune('р')
	v.TypedRune('ш')
	q.settle(t)
	if o := p.view.Transform().Orientation; o != (imageview.Orientation{Rotation: 1, FlipH: true}) || !p.view.Invert() {
		t.Errorf("after К, Р, Ш: %+v, inverted %v", o, p.view.Invert())
	}
	lp := v.lens.Loupe(p.view)
	pointer{p.view}.hover(viewAt(p, 32, 24))
	q.settle(t)
	v.keyDown(&fyne.KeyEvent{Physical: fyne.HardwareKey{ScanCode: 24}})
	if !lp.Visible() {
		t.Error("Й held (Q's place): no loupe")
	}
	v.keyUp(&fyne.KeyEvent{Physical: fyne.HardwareKey{ScanCode: 24}})
	if lp.Visible() {
		t.Error("loupe still shown after Й was released")
	}
}
