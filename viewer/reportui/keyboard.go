package reportui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// This file keeps the keyboard in the report panel while the radiologist
// works in it: opening a section puts the keyboard on its first field;
// once the panel has had the keyboard, keys that reach the window with
// no field focused (after a click on a header or the panel's
// background) stay with the panel instead of driving the image tools;
// Esc gives the keyboard back to the images.

// sectionBody is a section's content in the accordion: the accordion
// shows it when the section opens, which puts the keyboard on the
// section's first field.
type sectionBody struct {
	widget.BaseWidget
	content fyne.CanvasObject
	opened  func()
}

func newSectionBody(content fyne.CanvasObject, opened func()) *sectionBody {
	b := &sectionBody{content: content, opened: opened}
	b.ExtendBaseWidget(b)
	return b
}

func (b *sectionBody) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// Show shows the section; when it was closed, it has just been opened.
func (b *sectionBody) Show() {
	was := b.Hidden
	b.BaseWidget.Show()
	if was && b.opened != nil {
		b.opened()
	}
}

// sectionOpened puts the keyboard on the first field of a section the
// user opened (jump focuses the field itself).
func (p *reportPanel) sectionOpened(sec *section) {
	if p.jumping || p.ro || p.s == nil || !p.c.shown {
		return
	}
	if f := sec.first(); f != nil {
		p.c.kbd = true
		p.c.win().Canvas().Focus(f)
	}
}

// focused is called when an input of the panel gets the keyboard.
func (p *reportPanel) focused(o fyne.CanvasObject) {
	p.c.kbd = true
	p.ensureVisible(o)
}

// HoldsKeyboard reports whether the keyboard belongs to the report panel:
// it is shown and one of its inputs had the keyboard last (the images
// have not taken it back since). The window then gives keys that reach
// it with no field focused to PanelKey, not to the image tools.
func (c *Controller) HoldsKeyboard() bool { return c.shown && c.panel != nil && c.kbd }

// ReleaseKeyboard records that the images took the keyboard (a click on
// a pane, Esc).
func (c *Controller) ReleaseKeyboard() { c.kbd = false }

// PanelKey takes a key that reached the window while the panel holds the
// keyboard and no input has it: Tab and Shift+Tab go to the first field
// of the open sections, Esc back to the images; other keys are dropped.
func (c *Controller) PanelKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		c.focusActive()
	case fyne.KeyTab:
		if f := c.panel.firstOpenField(); f != nil {
			c.win().Canvas().Focus(f)
		}
	}
}

// firstOpenField is the first field of the first open section that has
// one.
func (p *reportPanel) firstOpenField() fyne.Focusable {
	if p.ro || p.s == nil {
		return nil
	}
	for _, s := range p.sections {
		if s.item.Open {
			if f := s.first(); f != nil {
				return f
			}
		}
	}
	return nil
}
