package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/cinebar"
	"github.com/hsgview/hsgview/viewer/settings"
	"github.com/hsgview/hsgview/viewer/wlpreset"
	"github.com/hsgview/hsgview/viewer/wlpreset/presetui"
)

// The navigation habits of workstation users (Weasis, RadiAnt, Horos):
// what the wheel does, cine speed and end mode, window presets per
// modality on 1–9, the window from a drawn region, and the magnifier.
// Their logic is in packages settings, cine(bar), wlpreset and
// magnifier; this file connects them to the window.

// loadNav applies the navigation preferences and the window presets.
func (v *Viewer) loadNav() {
	prefs := fyne.CurrentApp().Preferences()
	v.setNav(settings.LoadNav(prefs), false)
	var err error
	if v.presets, err = wlpreset.Load(prefs, func(s string) string { return lang.L(s) }); err != nil {
		v.notify(lang.L("The window presets could not be read; the defaults are used (the old ones are kept in the preferences)."))
	}
}

// setNav applies n to the panes and the magnifier, and keeps it.
func (v *Viewer) setNav(n settings.Nav, save bool) {
	v.nav = n
	for _, p := range v.panes {
		p.SetCineOptions(n.Cine)
	}
	v.lens.SetFactor(n.Magnifier)
	if save {
		n.Save(fyne.CurrentApp().Preferences())
	}
}

// showSettings opens Edit → Settings.
func (v *Viewer) showSettings() {
	secs := settings.NavSections(v.nav, func(n settings.Nav) { v.setNav(n, true) })
	v.showDialog(settings.NewDialog(v.win, append(secs, presetui.Section(v.editPresets))))
}

// editPresets opens the window presets editor.
func (v *Viewer) editPresets() {
	p, cur := v.ActivePane(), presetui.Current{}
	if p.in != nil {
		cur.Modality = p.in.Modality
		cur.VOI, cur.OK = p.view.Window()
	}
	d, _ := presetui.NewDialog(v.win, v.presets, cur, func(ps []wlpreset.Preset) error {
		err := wlpreset.Save(fyne.CurrentApp().Preferences(), ps)
		if err == nil {
			v.presets = ps
		}
		return err
	})
	v.showDialog(d)
}

// presetMenu is the Presets menu of the active pane's image.
func (v *Viewer) presetMenu() *fyne.Menu {
	p := v.ActivePane()
	img := presetui.Image{Full: p.view.FullRange()}
	if p.in != nil && p.shown.pipe != nil {
		img.Modality, img.File = p.in.Modality, p.shown.pipe.Presets
	}
	return presetui.Menu(v.presets, img, presetui.Actions{
		Key:   func(n int) { v.preset(n); v.focusActive() },
		Apply: func(voi dicomio.VOI) { p.view.SetWindow(voi); v.focusActive() },
		Full:  func() { v.fullRange(); v.focusActive() },
		Edit:  v.editPresets,
	})
}

// preset applies window key n (1–9): the user's preset for the image's
// modality, else the file's window.
func (v *Viewer) preset(n int) {
	for _, p := range v.targets() {
		if p.shown.pipe == nil || p.in == nil {
			continue
		}
		if voi, _, ok := wlpreset.Key(n, v.presets, p.in.Modality, p.shown.pipe.Presets, p.view.FullRange()); ok {
			p.view.SetWindow(voi)
		} else {
			v.notify(lang.L("No window preset {{.N}} for this image ({{.Modality}}): Edit → Settings → Window presets", map[string]any{"N": n, "Modality": p.in.Modality}))
		}
	}
}

// windowFromRegion sets p's window from the rectangle a–b of its frame.
func (v *Viewer) windowFromRegion(p *Pane, a, b mark.ImagePoint) {
	voi, st, err := wlpreset.FromRegion(p.shown.frame, p.shown.pipe, a, b)
	if err == nil {
		p.view.SetWindow(voi)
	}
	v.notify(presetui.RegionNote(st, err))
}

// modifiers returns the modifier keys held.
func modifiers() fyne.KeyModifier {
	if drv, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return drv.CurrentKeyModifiers()
	}
	return 0
}

// wheel handles a wheel turn over p: frames (or images), or zoom, as the
// preference and Ctrl say; it reports whether it stepped.
func (v *Viewer) wheel(p *Pane, ev *fyne.ScrollEvent) bool {
	if p == nil || v.nav.Wheel.Zooms(modifiers()) {
		return false
	}
	d := v.wheelSteps.Add(ev.Scrolled.DY)
	switch {
	case d == 0 || p.in == nil:
	case p.in.Pixel.Frames > 1:
		p.SetFrame(p.want + d) // stops at the first and last frame
	default:
		v.adjacentImageIn(p, d)
	}
	return true
}

// cineChange makes the active pane's playback d speeds faster, or
// switches its end mode.
func (v *Viewer) cineChange(d int, mode bool) {
	p := v.ActivePane()
	o, note := cinebar.Change(p.cine.Options(), d, mode)
	p.SetCineOptions(o)
	v.notify(note)
}

// keyDown and keyUp hold the magnifier (magnifier.Key).
func (v *Viewer) keyDown(ev *fyne.KeyEvent) {
	if v.dialog == nil && !v.rep.HoldsKeyboard() {
		v.lens.KeyDown(latinKey(ev), modifiers())
	}
}

func (v *Viewer) keyUp(ev *fyne.KeyEvent) { v.lens.KeyUp(latinKey(ev)) }
