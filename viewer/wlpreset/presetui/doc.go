// Package presetui is the user interface of the window presets (package
// viewer/wlpreset): the editor dialog (add, rename, change, delete and
// reorder presets, add the window on screen), the Presets menu of the
// active image, and the presets' part of the Settings dialog.
package presetui
