package viewer

import (
	"strings"

	"fyne.io/fyne/v2"

	"hsgview/viewer/imageview"
)

// keyBinding is one entry of the keyboard map. Keys that produce a
// character are matched by rune (so Shift+R is 'R' whatever the keyboard
// layout); the others by key name.
type keyBinding struct {
	keys  string // as shown in the help
	help  string
	runes []rune
	names []fyne.KeyName
	run   func(v *Viewer, r rune)
}

// keyMap is the viewer's keyboard map; the help dialog (F1) lists it.
// Ctrl shortcuts live in the main menu (see Viewer.menu) and are listed
// there and in the help too. (Set in init: the help refers to it.)
var keyMap []keyBinding

func init() {
	keyMap = []keyBinding{
		{"1 … 9", "window preset from the file (1 = first)", []rune("123456789"), nil,
			func(v *Viewer, r rune) { v.preset(int(r - '0')) }},
		{"0", "full range window", []rune("0"), nil, func(v *Viewer, _ rune) { v.fullRange() }},
		{"F / Shift+F", "fit image to pane / actual size (1:1, one image pixel per screen pixel)", []rune("fF"), nil,
			func(v *Viewer, r rune) {
				if r == 'F' {
					v.actualSize()
				} else {
					v.fit()
				}
			}},
		{"+ / −", "zoom in / out", []rune("+=-"), nil, func(v *Viewer, r rune) {
			if r == '-' {
				v.zoom(1 / 1.25)
			} else {
				v.zoom(1.25)
			}
		}},
		{"R / Shift+R", "rotate 90° clockwise / anticlockwise", []rune("rR"), nil, func(v *Viewer, r rune) {
			if r == 'R' {
				v.rotate(-1)
			} else {
				v.rotate(1)
			}
		}},
		{"H", "flip horizontally", []rune("hH"), nil, func(v *Viewer, _ rune) { v.flip(true) }},
		{"V", "flip vertically", []rune("vV"), nil, func(v *Viewer, _ rune) { v.flip(false) }},
		{"I", "invert grey scale", []rune("iI"), nil, func(v *Viewer, _ rune) { v.invert() }},
		{"X", "reset the pane (window, zoom, orientation)", []rune("xX"), nil, func(v *Viewer, _ rune) { v.reset() }},
		{"Space", "play / pause cine", []rune(" "), nil, func(v *Viewer, _ rune) { v.togglePlay() }},
		{"← / →", "previous / next frame", nil, []fyne.KeyName{fyne.KeyLeft, fyne.KeyRight}, nil},
		{"PgUp / PgDn", "previous / next frame", nil, []fyne.KeyName{fyne.KeyPageUp, fyne.KeyPageDown}, nil},
		{"Home / End", "first / last frame", nil, []fyne.KeyName{fyne.KeyHome, fyne.KeyEnd}, nil},
		{"↑ / ↓", "previous / next image of the study in this pane", nil, []fyne.KeyName{fyne.KeyUp, fyne.KeyDown}, nil},
		{"Tab / Shift+Tab", "next / previous pane", nil, nil, nil},
		{"L", "next layout (1×1, 1×2, 2×2)", []rune("lL"), nil, func(v *Viewer, _ rune) { v.cycleLayout() }},
		{"S", "synchronise window/level and zoom/pan across panes", []rune("sS"), nil, func(v *Viewer, _ rune) { v.SetSync(!v.sync) }},
		{"W / Z / Shift+Z", "left button: window/level / zoom / pan", []rune("wWzZ"), nil, func(v *Viewer, r rune) {
			switch r {
			case 'Z':
				v.SetDragMode(imageview.DragPan)
			case 'z':
				v.SetDragMode(imageview.DragZoom)
			default:
				v.SetDragMode(imageview.DragWindow)
			}
		}},
		{"Delete / Backspace", "delete the selected mark (Backspace while drawing a polygon: remove its last corner)",
			nil, []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace}, func(v *Viewer, _ rune) {
				if !v.marks.tool.UndoPoint() {
					v.marks.DeleteSelected()
				}
			}},
		{"Enter", "close the polygon being drawn, else edit the text of the selected mark", nil,
			[]fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter}, func(v *Viewer, _ rune) {
				if !v.marks.tool.ClosePolygon() {
					v.marks.EditSelectedLabel()
				}
			}},
		{"E", "show / hide the list of files that could not be read", []rune("eE"), nil, func(v *Viewer, _ rune) { v.toggleErrors() }},
		{"F11", "full screen", nil, []fyne.KeyName{fyne.KeyF11}, func(v *Viewer, _ rune) { v.toggleFullScreen() }},
		{"Esc", "cancel the mark being drawn, else back to navigating, else deselect, else leave full screen",
			nil, []fyne.KeyName{fyne.KeyEscape}, func(v *Viewer, _ rune) {
				if !v.marks.Escape() {
					v.leaveFullScreen()
				}
			}},
		{"F1", "this help", nil, []fyne.KeyName{fyne.KeyF1}, func(v *Viewer, _ rune) { v.showHelp() }},
	}
	// The marks tools (tools.go); Esc also returns to navigating.
	for _, t := range tools {
		mode := t.mode
		keyMap = append(keyMap, keyBinding{t.keys, "tool: " + strings.ToLower(t.name[:1]) + t.name[1:], t.runes, nil,
			func(v *Viewer, _ rune) { v.marks.setMode(mode) }})
	}
}

// menuShortcuts are the Ctrl shortcuts of the main menu, for the help.
var menuShortcuts = [][2]string{
	{"Ctrl+O", "open file"},
	{"Ctrl+Shift+O", "open folder"},
	{"Ctrl+D", "DICOM header of the image in the active pane"},
	{"Ctrl+Z", "undo the last change of the marks or calibrations"},
	{"Ctrl+Shift+Z, Ctrl+Y", "redo"},
	{"Ctrl+E", "export the active pane as a PNG image"},
	{"Ctrl+Shift+C", "copy the active pane's view to the clipboard"},
	{"Ctrl+Q", "quit"},
}

// Mouse actions, for the help.
var mouseHelp = [][2]string{
	{"Left drag", "window/level (horizontal = width, vertical = level), or the chosen tool"},
	{"Click a mark", "select it (handles show); drag it or a handle to move or reshape it"},
	{"Double-click a mark", "edit its text"},
	{"Right-click a mark", "edit its text, link it to a finding, delete it"},
	{"Right-click an image", "correct the timing: its phase, \"this is the first contrast image (T0)\", T0 time, clear T0"},
	{"Middle drag, Ctrl+left drag", "pan"},
	{"Right drag, Shift+left drag", "zoom"},
	{"Wheel", "zoom about the pointer"},
	{"Click a thumbnail", "show it in the active pane; drag it onto a pane to show it there"},
	{"Drop files or folders", "open them"},
}

// TypedRune handles a character typed while no text field has the focus.
// It must be called on the Fyne goroutine.
func (v *Viewer) TypedRune(r rune) {
	if v.dialog != nil {
		return // the panes behind an open dialog take no keys
	}
	for _, k := range keyMap {
		for _, x := range k.runes {
			if x == r && k.run != nil {
				k.run(v, r)
				return
			}
		}
	}
}

// TypedKey handles a key without a character. It must be called on the
// Fyne goroutine.
func (v *Viewer) TypedKey(ev *fyne.KeyEvent) {
	if v.dialog != nil {
		// The window's keys reach here while a dialog is open and no
		// field of it has the keyboard: Esc closes it, the others wait.
		if ev.Name == fyne.KeyEscape {
			v.dialog.Hide()
		}
		return
	}
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyPageUp:
		v.step(-1)
	case fyne.KeyRight, fyne.KeyPageDown:
		v.step(1)
	case fyne.KeyHome:
		v.firstLastFrame(false)
	case fyne.KeyEnd:
		v.firstLastFrame(true)
	case fyne.KeyUp:
		v.adjacentImage(-1)
	case fyne.KeyDown:
		v.adjacentImage(1)
	case fyne.KeyTab:
		v.nextPane(1)
	default:
		for _, k := range keyMap {
			for _, n := range k.names {
				if n == ev.Name && k.run != nil {
					k.run(v, 0)
					return
				}
			}
		}
	}
}
