package viewer

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/keyhelp"
)

// keyBinding is one entry of the keyboard map. Keys that produce a
// character are matched by rune (so Shift+R is 'R' whatever the keyboard
// layout); the others by key name.
type keyBinding struct {
	keys  string // as shown in the help (a catalogue key)
	help  string // a catalogue key; a tool's: the tool's name
	runes []rune
	names []fyne.KeyName
	run   func(v *Viewer, r rune)
}

// keyMap is the viewer's keyboard map; the help dialog (F1) lists it
// (in words of the catalogue: it is built before the catalogue loads).
// Ctrl shortcuts live in the main menu (see Viewer.menu) and are listed
// there and in the help too. (Set in init: the help refers to it.)
var keyMap []keyBinding

func init() {
	keyMap = []keyBinding{
		{i18n.K("1 … 9"), i18n.K("your window preset for the image's modality (else the file's window; 1 = first)"), []rune("123456789"), nil,
			func(v *Viewer, r rune) { v.preset(int(r - '0')) }},
		{i18n.K("0"), i18n.K("full range window"), []rune("0"), nil, func(v *Viewer, _ rune) { v.fullRange() }},
		{i18n.K("F / Shift+F"), i18n.K("fit image to pane / actual size (1:1, one image pixel per screen pixel)"), []rune("fF"), nil,
			func(v *Viewer, r rune) {
				if r == 'F' {
					v.actualSize()
				} else {
					v.fit()
				}
			}},
		{i18n.K("+ / −"), i18n.K("zoom in / out"), []rune("+=-"), nil, func(v *Viewer, r rune) {
			if r == '-' {
				v.zoom(1 / 1.25)
			} else {
				v.zoom(1.25)
			}
		}},
		{i18n.K("R / Shift+R"), i18n.K("rotate 90° clockwise / anticlockwise"), []rune("rR"), nil, func(v *Viewer, r rune) {
			if r == 'R' {
				v.rotate(-1)
			} else {
				v.rotate(1)
			}
		}},
		{i18n.K("H"), i18n.K("flip horizontally"), []rune("hH"), nil, func(v *Viewer, _ rune) { v.flip(true) }},
		{i18n.K("V"), i18n.K("flip vertically"), []rune("vV"), nil, func(v *Viewer, _ rune) { v.flip(false) }},
		{i18n.K("I"), i18n.K("invert grey scale"), []rune("iI"), nil, func(v *Viewer, _ rune) { v.invert() }},
		{i18n.K("X"), i18n.K("reset the pane (window, zoom, orientation)"), []rune("xX"), nil, func(v *Viewer, _ rune) { v.reset() }},
		{i18n.K("Space, C"), i18n.K("play / pause cine"), []rune(" c"), nil, func(v *Viewer, _ rune) { v.togglePlay() }},
		{i18n.K("[ / ]"), i18n.K("cine slower / faster (0.25× … 4× the file's rate)"), []rune("[]"), nil,
			func(v *Viewer, r rune) { v.cineChange(map[rune]int{'[': -1, ']': 1}[r], false) }},
		{i18n.K("Shift+C"), i18n.K("at the end of a run: loop, bounce, once"), []rune("C"), nil, func(v *Viewer, _ rune) { v.cineChange(0, true) }},
		{i18n.K("Q (hold), Shift+Q"), i18n.K("magnifier under the pointer while Q is held; Shift+Q switches it on and off"), nil, nil, nil},
		{i18n.K("← / →"), i18n.K("previous / next frame"), nil, []fyne.KeyName{fyne.KeyLeft, fyne.KeyRight}, nil},
		{i18n.K("PgUp / PgDn"), i18n.K("previous / next frame"), nil, []fyne.KeyName{fyne.KeyPageUp, fyne.KeyPageDown}, nil},
		{i18n.K("Home / End"), i18n.K("first / last frame"), nil, []fyne.KeyName{fyne.KeyHome, fyne.KeyEnd}, nil},
		{i18n.K("↑ / ↓"), i18n.K("previous / next image of the study in this pane"), nil, []fyne.KeyName{fyne.KeyUp, fyne.KeyDown}, nil},
		{i18n.K("Tab / Shift+Tab"), i18n.K("next / previous pane"), nil, nil, nil},
		{i18n.K("L"), i18n.K("next layout (1×1, 1×2, 2×2)"), []rune("lL"), nil, func(v *Viewer, _ rune) { v.cycleLayout() }},
		{i18n.K("S"), i18n.K("synchronise window/level and zoom/pan across panes"), []rune("sS"), nil, func(v *Viewer, _ rune) { v.SetSync(!v.sync) }},
		{i18n.K("W / Z / Shift+Z"), i18n.K("left button: window/level / zoom / pan"), []rune("wzZ"), nil, func(v *Viewer, r rune) {
			switch r {
			case 'Z':
				v.SetDragMode(imageview.DragPan)
			case 'z':
				v.SetDragMode(imageview.DragZoom)
			default:
				v.SetDragMode(imageview.DragWindow)
			}
		}},
		{i18n.K("Delete / Backspace"), i18n.K("delete the selected mark (Backspace while drawing a polygon: remove its last corner)"),
			nil, []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace}, func(v *Viewer, _ rune) {
				if !v.marks.tool.UndoPoint() {
					v.marks.DeleteSelected()
				}
			}},
		{i18n.K("Enter"), i18n.K("close the polygon being drawn, else edit the text of the selected mark"), nil,
			[]fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter}, func(v *Viewer, _ rune) {
				if !v.marks.tool.ClosePolygon() {
					v.marks.EditSelectedLabel()
				}
			}},
		{i18n.K("E"), i18n.K("show / hide the list of files that could not be read"), []rune("eE"), nil, func(v *Viewer, _ rune) { v.toggleErrors() }},
		{i18n.K("F11"), i18n.K("full screen"), nil, []fyne.KeyName{fyne.KeyF11}, func(v *Viewer, _ rune) { v.toggleFullScreen() }},
		{i18n.K("Esc"), i18n.K("cancel the mark being drawn, else back to navigating, else deselect, else leave full screen"),
			nil, []fyne.KeyName{fyne.KeyEscape}, func(v *Viewer, _ rune) {
				if !v.marks.Escape() {
					v.leaveFullScreen()
				}
			}},
		{i18n.K("F1"), i18n.K("this help"), nil, []fyne.KeyName{fyne.KeyF1}, func(v *Viewer, _ rune) { v.showHelp() }},
	}
	// The marks tools (tools.go); Esc also returns to navigating.
	for _, t := range tools {
		mode := t.mode
		keyMap = append(keyMap, keyBinding{t.keys, t.name, t.runes, nil,
			func(v *Viewer, _ rune) { v.marks.setMode(mode) }})
	}
}

// menuShortcuts are the Ctrl shortcuts of the main menu, for the help.
var menuShortcuts = [][2]string{
	{i18n.K("Ctrl+O"), i18n.K("open file")},
	{i18n.K("Ctrl+Shift+O"), i18n.K("open folder")},
	{i18n.K("Ctrl+D"), i18n.K("DICOM header of the image in the active pane")},
	{i18n.K("Ctrl+Z"), i18n.K("undo the last change of the marks or calibrations")},
	{i18n.K("Ctrl+Shift+Z, Ctrl+Y"), i18n.K("redo")},
	{i18n.K("Ctrl+E"), i18n.K("export the active pane as a PNG image")},
	{i18n.K("Ctrl+Shift+C"), i18n.K("copy the active pane's view to the clipboard")},
	{i18n.K("Ctrl+,"), i18n.K("settings: mouse wheel, cine, magnifier, window presets")},
	{i18n.K("Ctrl+Q"), i18n.K("quit")},
}

// Mouse actions, for the help.
var mouseHelp = [][2]string{
	{i18n.K("Left drag"), i18n.K("window/level (horizontal = width, vertical = level), or the chosen tool")},
	{i18n.K("Click a mark"), i18n.K("select it (handles show); drag it or a handle to move or reshape it")},
	{i18n.K("Double-click a mark"), i18n.K("edit its text")},
	{i18n.K("Right-click a mark"), i18n.K("edit its text, link it to a finding, delete it")},
	{i18n.K("Right-click an image"), i18n.K("correct the timing: its phase, \"this is the first contrast image (T0)\", T0 time, clear T0")},
	{i18n.K("Middle drag, Ctrl+left drag"), i18n.K("pan")},
	{i18n.K("Right drag, Shift+left drag"), i18n.K("zoom")},
	{i18n.K("Wheel"), i18n.K("frames of a run, or the images of the study; or zoom about the pointer (Edit → Settings)")},
	{i18n.K("Ctrl+wheel"), i18n.K("the other of the two: zoom, or frames and images")},
	{i18n.K("Click a thumbnail"), i18n.K("show it in the active pane; drag it onto a pane to show it there")},
	{i18n.K("Drop files or folders"), i18n.K("open them")},
}

// helpGroups are the keys and mouse actions the help dialog lists, in
// the interface's language.
func helpGroups() []keyhelp.Group {
	keys := keyhelp.Group{Title: lang.L("Keys")}
	for _, k := range keyMap {
		h := lang.L(k.help)
		if slices.ContainsFunc(tools, func(t toolInfo) bool { return t.name == k.help }) {
			h = fmt.Sprintf(lang.L("tool: %s"), strings.ToLower(h))
		}
		keys.Rows = append(keys.Rows, keyhelp.Row{Keys: lang.L(k.keys), Help: h})
	}
	for _, k := range menuShortcuts {
		keys.Rows = append(keys.Rows, keyhelp.Row{Keys: lang.L(k[0]), Help: lang.L(k[1])})
	}
	mouse := keyhelp.Group{Title: lang.L("Mouse")}
	for _, k := range mouseHelp {
		mouse.Rows = append(mouse.Rows, keyhelp.Row{Keys: lang.L(k[0]), Help: lang.L(k[1])})
	}
	return []keyhelp.Group{keys, mouse}
}

// TypedRune handles a character typed while no text field has the focus.
// It must be called on the Fyne goroutine.
func (v *Viewer) TypedRune(r rune) {
	if v.dialog != nil {
		return // the panes behind an open dialog take no keys
	}
	r = latinRune(r)
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
	ev = latinKey(ev)
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
