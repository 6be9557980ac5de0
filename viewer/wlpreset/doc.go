// Package wlpreset owns the user's window/level presets per modality and
// the window set from a drawn region: the presets' model, their defaults
// (relative ones for fluoroscopy and radiography, whose values have no
// fixed scale), their storage in the preferences as JSON, which preset a
// key 1–9 applies to an image of a given modality, and the window of a
// rectangle's modality values. It has no user interface and does not
// import Fyne: the editor dialog and the menu are package
// viewer/wlpreset/presetui.
package wlpreset
