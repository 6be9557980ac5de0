package settings

import (
	"runtime"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/magnifier"
)

// WheelMode is what the mouse wheel does over an image.
type WheelMode int

const (
	// WheelFrames steps through the frames of a run, or the images of
	// the study when the image has one frame; Ctrl+wheel zooms. The
	// default: what Weasis and RadiAnt users expect.
	WheelFrames WheelMode = iota
	// WheelZoom zooms about the pointer; Ctrl+wheel steps frames.
	WheelZoom
)

// String returns the mode's name as stored in the preferences.
func (m WheelMode) String() string {
	if m == WheelZoom {
		return "zoom"
	}
	return "frames"
}

// ParseWheelMode returns the mode named s, or WheelFrames and false.
func ParseWheelMode(s string) (WheelMode, bool) {
	switch s {
	case "zoom":
		return WheelZoom, true
	case "frames":
		return WheelFrames, true
	}
	return WheelFrames, false
}

// Zooms reports whether a wheel turn with the modifiers mod held zooms;
// if not, it steps frames or images. Ctrl (⌘ on macOS) swaps the mode's
// action.
func (m WheelMode) Zooms(mod fyne.KeyModifier) bool {
	swap := mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	return (m == WheelZoom) != swap
}

// Notch is how far one click of a mouse wheel scrolls, in Fyne units
// (the desktop driver's scroll speed).
var Notch = func() float32 {
	if runtime.GOOS == "darwin" {
		return 10
	}
	return 25
}()

// WheelSteps turns wheel movement into frame steps: one per [Notch], so
// that the many small movements of a touchpad add up to steps as a
// mouse's notches do. The zero value is ready to use.
type WheelSteps struct{ acc float32 }

// Add returns the steps for a wheel movement dy (Fyne's sign: positive
// when the wheel turns away from the user). Turning it towards the user
// goes forwards (positive steps: the next frame), as in Weasis and
// RadiAnt. A change of direction drops what was left over.
func (w *WheelSteps) Add(dy float32) int {
	if dy == 0 {
		return 0
	}
	if (w.acc > 0) != (dy > 0) {
		w.acc = 0
	}
	w.acc += dy
	n := int(w.acc / Notch)
	w.acc -= float32(n) * Notch
	return -n
}

// Nav are the navigation preferences.
type Nav struct {
	Wheel     WheelMode
	Cine      cine.Options // how runs play when first shown
	Magnifier int          // the loupe's factor over the screen's zoom
}

// DefaultNav returns the preferences of a new user.
func DefaultNav() Nav {
	return Nav{Wheel: WheelFrames, Cine: cine.Options{Mode: cine.Loop, Speed: 1}, Magnifier: magnifier.DefaultFactor}
}

// Preference keys.
const (
	keyWheel     = "nav.wheel"
	keyCineSpeed = "cine.speed"
	keyCineMode  = "cine.mode"
	keyMagnifier = "magnifier.factor"
)

// LoadNav returns the preferences kept in p; a value that is missing or
// not one offered gets its default.
func LoadNav(p fyne.Preferences) Nav {
	n := DefaultNav()
	n.Wheel, _ = ParseWheelMode(p.StringWithFallback(keyWheel, n.Wheel.String()))
	n.Cine.Speed = cine.NearestSpeed(p.FloatWithFallback(keyCineSpeed, 1))
	n.Cine.Mode, _ = cine.ParseMode(p.StringWithFallback(keyCineMode, n.Cine.Mode.String()))
	n.Magnifier = magnifier.NearestFactor(p.IntWithFallback(keyMagnifier, n.Magnifier))
	return n
}

// Save keeps n in p.
func (n Nav) Save(p fyne.Preferences) {
	p.SetString(keyWheel, n.Wheel.String())
	p.SetFloat(keyCineSpeed, cine.NearestSpeed(n.Cine.Speed))
	p.SetString(keyCineMode, n.Cine.Mode.String())
	p.SetInt(keyMagnifier, magnifier.NearestFactor(n.Magnifier))
}
