package viewer

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/magnifier"
	"github.com/hsgview/hsgview/viewer/settings"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

// scroll turns the wheel over p's view by notches (negative: towards the
// user).
func scroll(p *Pane, notches float32) {
	s := p.view.Size()
	p.view.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(s.Width/2, s.Height/2)},
		Scrolled: fyne.NewDelta(0, notches*settings.Notch)})
}

// TestWheelModes: by default the wheel steps the frames of a run (and
// stops at its ends) and, on a one-frame image, the images of the study;
// set to zoom it zooms and leaves the frame alone.
func TestWheelModes(t *testing.T) {
	v, q, _ := newTestViewer(t, 900, 500)
	openFixtures(t, v, q, hsgFixtures())
	p := v.Pane(0)
	if v.nav.Wheel != settings.WheelFrames {
		t.Fatalf("default wheel mode %v", v.nav.Wheel)
	}
	// The spot image of series 3: the wheel goes to the next image, the
	// run of series 4, and back.
	scroll(p, -1)
	q.settle(t)
	if p.Instance().SeriesNumber != 4 {
		t.Fatalf("wheel down on a spot image: pane shows %q", p.Title())
	}
	zoom := p.view.Zoom()
	// The run opens on its last frame: down stays there, up steps back.
	scroll(p, -1)
	q.settle(t)
	if p.Frame() != 5 {
		t.Errorf("wheel down on the last frame: frame %d", p.Frame())
	}
	scroll(p, 2)
	q.settle(t)
	if p.Frame() != 3 {
		t.Errorf("two notches up: frame %d, want 3", p.Frame())
	}
	// A touchpad's small steps add up.
	for range 4 {
		scroll(p, 0.25)
	}
	q.settle(t)
	if p.Frame() != 2 {
		t.Errorf("four quarter notches up: frame %d, want 2", p.Frame())
	}
	if p.view.Zoom() != zoom {
		t.Error("the wheel zoomed in frame mode")
	}
	// Zoom mode (kept in the preferences).
	n := v.nav
	n.Wheel = settings.WheelZoom
	v.setNav(n, true)
	scroll(p, 1)
	q.settle(t)
	if p.Frame() != 2 || p.view.Zoom() <= zoom {
		t.Errorf("zoom mode: frame %d, zoom %v (was %v)", p.Frame(), p.view.Zoom(), zoom)
	}
	if got := settings.LoadNav(fyne.CurrentApp().Preferences()).Wheel; got != settings.WheelZoom {
		t.Errorf("wheel mode not kept: %v", got)
	}
}

// TestPresetKeysByModality: keys 1–9 apply the user's presets for the
// image's modality, a relative preset from the image's own range; an
// image whose modality has no preset gets the file's windows.
func TestPresetKeysByModality(t *testing.T) {
	newTestApp(t)
	err := wlpreset.Save(fyne.CurrentApp().Preferences(), []wlpreset.Preset{
		{Name: "Tubes", Modality: "RF", Center: 900, Width: 600},
		{Name: "DX upper half", Modality: "DX", Center: 75, Width: 50, Relative: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, q := newTestBridge()
	w := test.NewTempWindow(t, nil)
	v := newViewer(w, b, testOptions(t))
	v.install()
	w.Resize(fyne.NewSize(900, 500))
	t.Cleanup(func() {
		for _, p := range v.panes {
			p.Close()
		}
		v.closeCollection()
	})
	openFixtures(t, v, q, hsgFixtures())
	rf, dx := v.Pane(0), v.Pane(1)
	v.TypedRune('1')
	q.settle(t)
	if w, _ := rf.view.Window(); w.Center != 900 || w.Width != 600 || w.Explanation != "Tubes" {
		t.Errorf("RF key 1: %+v", w.Window)
	}
	// RF has one preset: key 2 says so and changes nothing.
	v.TypedRune('2')
	q.settle(t)
	if w, _ := rf.view.Window(); w.Center != 900 || !strings.Contains(v.status.Text, "No window preset 2") {
		t.Errorf("RF key 2: window %+v, status %q", w.Window, v.status.Text)
	}
	// The DX film: 75 % / 50 % of its own range.
	v.activate(dx)
	v.TypedRune('1')
	q.settle(t)
	full := dx.view.FullRange()
	lo := full.Center - full.Width/2
	if w, _ := dx.view.Window(); !near(w.Center, lo+0.75*full.Width) || !near(w.Width, 0.5*full.Width) {
		t.Errorf("DX key 1: %+v, want L %v W %v of range %+v", w.Window, lo+0.75*full.Width, 0.5*full.Width, full.Window)
	}
	// The Presets menu lists the DX preset with its key.
	m := v.presetMenu()
	if m.Items[1].Label != "DX upper half  (DX · W 50 % / L 75 %)" || m.Items[1].Shortcut == nil {
		t.Errorf("menu item %q", m.Items[1].Label)
	}
	// Without presets for RF, key 1 is the file's window again.
	v.presets = v.presets[1:]
	v.activate(rf)
	v.TypedRune('1')
	q.settle(t)
	if w, _ := rf.view.Window(); w.Center != 2048 || w.Width != 4096 {
		t.Errorf("RF key 1 without presets: %+v", w.Window)
	}
}

// TestWindowFromRegionTool: Shift+W, then a box dragged over the spot
// image sets the window from the lowest to the highest stored value of
// the pixels in the box (no rescale: modality value = stored value),
// computed here from the fixture's own pixel function.
func TestWindowFromRegionTool(t *testing.T) {
	v, q, _, p := markFixture(t)
	fx := hsgFixtures()[2].Defaults()
	v.TypedRune('W')
	if v.marks.mode != modeWindowRegion {
		t.Fatalf("Shift+W: mode %v", v.marks.mode)
	}
	// The box (4, 28)–(21.2, 41.6) holds the centres x 4…20, y 28…41.
	lo, hi := 1<<16, -1
	for y := 28; y <= 41; y++ {
		for x := 4; x <= 20; x++ {
			val := int(fx.Pixel(0, x, y))
			lo, hi = min(lo, val), max(hi, val)
		}
	}
	if lo == hi {
		t.Fatal("the fixture box is uniform")
	}
	pt := pointer{p.view}
	pt.drag(viewAt(p, 4, 28), viewAt(p, 21.2, 41.6))
	q.settle(t)
	want := dicomio.RangeWindow(float64(lo), float64(hi))
	if w, _ := p.view.Window(); w.Center != want.Center || w.Width != want.Width || w.LUT != nil {
		t.Errorf("window %+v, want W %v L %v (values %d…%d)", w.Window, want.Width, want.Center, lo, hi)
	}
	if !strings.Contains(v.status.Text, "Window from the region") {
		t.Errorf("status %q", v.status.Text)
	}
	// Nothing was added to the report's marks.
	if n := len(marks(v)); n != 0 {
		t.Errorf("%d marks after a region window", n)
	}
	// A uniform box (inside the bright square) says why it does nothing.
	pt.drag(viewAt(p, 10, 8), viewAt(p, 14, 12))
	q.settle(t)
	if w, _ := p.view.Window(); w.Width != want.Width || !strings.Contains(v.status.Text, "every pixel in it has the value 4095") {
		t.Errorf("uniform box: window %+v, status %q", w.Window, v.status.Text)
	}
}

// TestCineKeysAndBar: ] and [ change the active run's speed, Shift+C its
// end mode; the bar shows them and the rate line the speed's rate.
func TestCineKeysAndBar(t *testing.T) {
	v, q, _ := newTestViewer(t, 900, 500)
	openFixtures(t, v, q, hsgFixtures())
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the run in the left pane
	q.settle(t)
	p := v.Pane(0)
	v.TypedRune(']')
	v.TypedRune(']')
	v.TypedRune('[')
	v.TypedRune('C')
	if o := p.cine.Options(); o.Speed != 2 || o.Mode != cine.Bounce {
		t.Errorf("options %+v", o)
	}
	c := p.cine.Controls
	if c.SpeedText() != "2×" || c.ModeText() != "Bounce" {
		t.Errorf("bar shows %q %q", c.SpeedText(), c.ModeText())
	}
	if got := c.Rate(); got != "6/6 · 15 fps (FrameTime) · 2× → 30 fps" {
		t.Errorf("rate %q", got)
	}
	// The settings' cine defaults apply to every pane.
	n := v.nav
	n.Cine = cine.Options{Mode: cine.Once, Speed: 0.5}
	v.setNav(n, true)
	if o := v.Pane(1).cine.Options(); o != n.Cine {
		t.Errorf("right pane options %+v", o)
	}
	// C plays and pauses too (Weasis' key).
	v.TypedRune('c')
	if !p.Playing() {
		t.Error("C did not play")
	}
	v.TypedRune('c')
	q.settle(t)
	if p.Playing() {
		t.Error("C did not pause")
	}
}

// TestMagnifierInViewer: Q held shows the loupe over the pane under the
// pointer with the pane's picture at full resolution; it follows frame
// changes and goes when Q is released; Shift+Q keeps it.
func TestMagnifierInViewer(t *testing.T) {
	v, q, _ := newTestViewer(t, 900, 500)
	openFixtures(t, v, q, hsgFixtures())
	p := v.Pane(0)
	lp := v.lens.Loupe(p.view)
	pt := pointer{p.view}
	at := viewAt(p, 32, 24)
	pt.hover(at)
	if lp.Visible() {
		t.Fatal("loupe shown without Q")
	}
	p.view.KeyDown(&fyne.KeyEvent{Name: fyne.KeyQ})
	if !lp.Visible() {
		t.Fatal("Q held: no loupe")
	}
	check := func(what string) {
		t.Helper()
		pic := p.view.Picture()
		want := image.NewRGBA(lp.Image().Rect)
		z := float64(v.nav.Magnifier) * p.view.Zoom()
		// The image point under the pointer (the bar under a run
		// shortens the view, so it is not always (32, 24)).
		x, y := p.view.Transform().ViewToImage(at)
		magnifier.Sample(want, pic, x, y, z)
		if string(want.Pix) != string(lp.Image().Pix) {
			t.Errorf("%s: the loupe is not the picture magnified about the pointer", what)
		}
	}
	check("first frame")
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the run: another picture
	q.settle(t)
	check("run")
	p.view.KeyUp(&fyne.KeyEvent{Name: fyne.KeyQ})
	if lp.Visible() {
		t.Error("loupe still shown after Q was released")
	}
	// Keys typed while a dialog is open do not show it.
	v.showSettings()
	p.view.KeyDown(&fyne.KeyEvent{Name: fyne.KeyQ})
	if lp.Visible() {
		t.Error("loupe shown under a dialog")
	}
}

// TestSettingsDialogKeepsChoices: the settings dialog opens from the Edit
// menu's function and its choices are kept in the preferences.
func TestSettingsDialogKeepsChoices(t *testing.T) {
	v, _, w := newTestViewer(t, 900, 700)
	v.showSettings()
	if v.dialog == nil || len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("settings did not open")
	}
	n := settings.Nav{Wheel: settings.WheelZoom, Cine: cine.Options{Mode: cine.Bounce, Speed: 4}, Magnifier: 3}
	v.setNav(n, true)
	if got := settings.LoadNav(fyne.CurrentApp().Preferences()); got != n {
		t.Errorf("kept %+v, want %+v", got, n)
	}
	if v.lens.Factor != 3 {
		t.Errorf("lens factor %d", v.lens.Factor)
	}
}
