package viewer

import (
	"unicode"

	"fyne.io/fyne/v2"
)

// Keys keep their place whatever the keyboard layout: a Russian
// radiologist working in the ЙЦУКЕН layout presses the key marked R/К to
// rotate, as on a Latin layout, the way Weasis and RadiAnt behave. With
// that layout the driver reports the Cyrillic character ('к') and, for
// keys held (the magnifier's Q), no key name at all, so both are mapped
// back to the Latin key at the same place.

// cyrillicKeys maps each character of the standard Russian layout to the
// character of the US layout on the same key.
var cyrillicKeys = map[rune]rune{
	'й': 'q', 'ц': 'w', 'у': 'e', 'к': 'r', 'е': 't', 'н': 'y', 'г': 'u', 'ш': 'i', 'щ': 'o', 'з': 'p', 'х': '[', 'ъ': ']',
	'ф': 'a', 'ы': 's', 'в': 'd', 'а': 'f', 'п': 'g', 'р': 'h', 'о': 'j', 'л': 'k', 'д': 'l', 'ж': ';', 'э': '\'',
	'я': 'z', 'ч': 'x', 'с': 'c', 'м': 'v', 'и': 'b', 'т': 'n', 'ь': 'm', 'б': ',', 'ю': '.', 'ё': '`',
}

// latinRune returns the character on r's key in the US layout, keeping
// the case (Shift+К is 'R'); any other character is returned as it is.
func latinRune(r rune) rune {
	l, ok := cyrillicKeys[unicode.ToLower(r)]
	if !ok {
		return r
	}
	if unicode.IsUpper(r) {
		return unicode.ToUpper(l)
	}
	return l
}

// x11Letters are the letter keys by X11 key code (the scan code GLFW
// reports on X11 and XWayland: the evdev code + 8), for events the layout
// left without a name.
var x11Letters = map[int]fyne.KeyName{
	24: fyne.KeyQ, 25: fyne.KeyW, 26: fyne.KeyE, 27: fyne.KeyR, 28: fyne.KeyT, 29: fyne.KeyY, 30: fyne.KeyU, 31: fyne.KeyI, 32: fyne.KeyO, 33: fyne.KeyP,
	38: fyne.KeyA, 39: fyne.KeyS, 40: fyne.KeyD, 41: fyne.KeyF, 42: fyne.KeyG, 43: fyne.KeyH, 44: fyne.KeyJ, 45: fyne.KeyK, 46: fyne.KeyL,
	52: fyne.KeyZ, 53: fyne.KeyX, 54: fyne.KeyC, 55: fyne.KeyV, 56: fyne.KeyB, 57: fyne.KeyN, 58: fyne.KeyM,
}

// latinKey returns ev with the name of the Latin letter at its place when
// the layout gave it none; an event with a name is returned as it is.
func latinKey(ev *fyne.KeyEvent) *fyne.KeyEvent {
	if ev == nil || ev.Name != fyne.KeyUnknown {
		return ev
	}
	if n, ok := x11Letters[ev.Physical.ScanCode]; ok {
		c := *ev
		c.Name = n
		return &c
	}
	return ev
}
