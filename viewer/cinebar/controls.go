package cinebar

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/cine"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// ModeLabel names a playback mode for buttons and menus.
func ModeLabel(m cine.Mode) string {
	switch m {
	case cine.Bounce:
		return lang.L("Bounce")
	case cine.Once:
		return lang.L("Once")
	}
	return lang.L("Loop")
}

// Controls are the playback bar of a multi-frame image.
// All methods must be called on the Fyne goroutine.
type Controls struct {
	widget.BaseWidget

	// OnPlay is called when play/pause is pressed.
	OnPlay func()
	// OnFrame is called with the frame (0-based) picked on the bar.
	OnFrame func(frame int)
	// OnOptions is called with the speed and mode the user chose.
	OnOptions func(cine.Options)

	play  *widget.Button
	bar   *imageview.FrameBar
	speed *widget.Button
	mode  *widget.Button
	rate  *widget.Label
	opts  cine.Options
}

var _ fyne.Widget = (*Controls)(nil)

// New returns the controls of a one-frame run at 1×, looping.
func New() *Controls {
	c := &Controls{opts: cine.Options{Speed: 1}}
	c.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() {
		if c.OnPlay != nil {
			c.OnPlay()
		}
	})
	c.play.Importance = widget.LowImportance
	c.bar = imageview.NewFrameBar(1)
	c.bar.OnChanged = func(f int) {
		if c.OnFrame != nil {
			c.OnFrame(f)
		}
	}
	c.speed = widget.NewButton("", nil)
	c.speed.OnTapped = func() { c.popUp(c.speed, c.speedMenu()) }
	c.speed.Importance = widget.LowImportance
	c.mode = widget.NewButton("", nil)
	c.mode.OnTapped = func() { c.popUp(c.mode, c.modeMenu()) }
	c.mode.Importance = widget.LowImportance
	c.rate = widget.NewLabel("")
	c.ExtendBaseWidget(c)
	c.show()
	return c
}

// Bar returns the frame bar.
func (c *Controls) Bar() *imageview.FrameBar { return c.bar }

// SetFrames sets the number of frames and the current one.
func (c *Controls) SetFrames(frames, current int) { c.bar.SetFrames(frames, current) }

// SetCurrent moves the bar's marker to frame (0-based).
func (c *Controls) SetCurrent(frame int) { c.bar.SetCurrent(frame) }

// SetPlaying shows the play or the pause icon.
func (c *Controls) SetPlaying(on bool) {
	icon := theme.MediaPlayIcon()
	if on {
		icon = theme.MediaPauseIcon()
	}
	c.play.SetIcon(icon)
}

// SetRate sets the text right of the bar: frame number and rate.
func (c *Controls) SetRate(text string) { c.rate.SetText(text) }

// Rate returns the text right of the bar.
func (c *Controls) Rate() string { return c.rate.Text }

// Options returns the speed and mode shown.
func (c *Controls) Options() cine.Options { return c.opts }

// SetOptions shows o (without calling OnOptions).
func (c *Controls) SetOptions(o cine.Options) {
	o.Speed = cine.NearestSpeed(o.Speed)
	c.opts = o
	c.show()
}

// SpeedText and ModeText are the buttons' texts.
func (c *Controls) SpeedText() string { return c.speed.Text }
func (c *Controls) ModeText() string  { return c.mode.Text }

func (c *Controls) show() {
	c.speed.SetText(cine.SpeedText(c.opts.Speed, i18n.Lang()))
	c.mode.SetText(ModeLabel(c.opts.Mode))
}

// choose applies options the user chose.
func (c *Controls) choose(o cine.Options) {
	c.SetOptions(o)
	if c.OnOptions != nil {
		c.OnOptions(c.opts)
	}
}

func (c *Controls) speedMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, s := range cine.Speeds {
		it := fyne.NewMenuItem(cine.SpeedText(s, i18n.Lang()), func() {
			o := c.opts
			o.Speed = s
			c.choose(o)
		})
		it.Checked = s == c.opts.Speed
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

func (c *Controls) modeMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, m := range cine.Modes {
		it := fyne.NewMenuItem(ModeLabel(m), func() {
			o := c.opts
			o.Mode = m
			c.choose(o)
		})
		it.Checked = m == c.opts.Mode
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

// popUp shows m above button b.
func (c *Controls) popUp(b *widget.Button, m *fyne.Menu) {
	cv := fyne.CurrentApp().Driver().CanvasForObject(b)
	if cv == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	pm := widget.NewPopUpMenu(m, cv)
	h := pm.MinSize().Height
	pm.ShowAtPosition(pos.Subtract(fyne.NewPos(0, h)))
}

// CreateRenderer implements fyne.Widget.
func (c *Controls) CreateRenderer() fyne.WidgetRenderer {
	right := container.NewHBox(c.speed, c.mode, c.rate)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, c.play, right, c.bar))
}
