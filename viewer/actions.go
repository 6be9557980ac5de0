package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// nextPane activates the next visible pane (d = -1: previous).
func (v *Viewer) nextPane(d int) {
	if drv, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && drv.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 {
		d = -d
	}
	n := v.layout.Panes()
	v.activate(v.panes[((v.active+d)%n+n)%n])
	v.focusActive()
}

func (v *Viewer) cycleLayout() {
	for i, l := range layouts {
		if l == v.layout {
			v.SetLayout(layouts[(i+1)%len(layouts)])
			return
		}
	}
	v.SetLayout(Layout1x2)
}

// follow applies a user change made in pane from to the other visible
// panes when synchronised.
func (v *Viewer) follow(from *Pane, apply func(o *Pane)) {
	if !v.sync {
		return
	}
	for i, o := range v.panes {
		if o != from && i < v.layout.Panes() && o.view.HasImage() {
			apply(o)
		}
	}
}

// targets are the panes a window or zoom command acts on: all visible
// panes with an image when synchronised, else the active one.
func (v *Viewer) targets() []*Pane {
	if !v.sync {
		return []*Pane{v.ActivePane()}
	}
	var out []*Pane
	for i, p := range v.panes {
		if i < v.layout.Panes() && p.view.HasImage() {
			out = append(out, p)
		}
	}
	return out
}

func (v *Viewer) fullRange() {
	for _, p := range v.targets() {
		if full := p.view.FullRange(); full.Width > 0 {
			p.view.SetWindow(full)
		}
	}
}

func (v *Viewer) fit() {
	for _, p := range v.targets() {
		p.view.Fit()
	}
}

func (v *Viewer) actualSize() {
	for _, p := range v.targets() {
		p.view.SetZoom(1)
	}
}

func (v *Viewer) zoom(f float64) {
	for _, p := range v.targets() {
		s := p.view.Size()
		p.view.ZoomByQuiet(f, fyne.NewPos(s.Width/2, s.Height/2))
	}
}

func (v *Viewer) rotate(q int) {
	vw := v.ActivePane().view
	vw.SetOrientation(vw.Orientation().Rotate(q))
}

func (v *Viewer) flip(horizontal bool) {
	vw := v.ActivePane().view
	o := vw.Orientation()
	if horizontal {
		o.FlipH = !o.FlipH
	} else {
		o.FlipV = !o.FlipV
	}
	vw.SetOrientation(o)
}

func (v *Viewer) invert() {
	vw := v.ActivePane().view
	vw.SetInvert(!vw.Invert())
}

func (v *Viewer) reset() {
	p := v.ActivePane()
	if p.in != nil {
		p.Load(p.study, p.entry, p.in, p.frame)
	}
}

func (v *Viewer) togglePlay() { v.ActivePane().TogglePlay() }

func (v *Viewer) step(d int) { v.ActivePane().Step(d) }

func (v *Viewer) firstLastFrame(last bool) {
	p := v.ActivePane()
	if p.in == nil {
		return
	}
	if last {
		p.SetFrame(p.in.Pixel.Frames - 1)
	} else {
		p.SetFrame(0)
	}
}

// adjacentImage shows the previous (d = -1) or next image of the study, in
// time order, in the active pane.
func (v *Viewer) adjacentImage(d int) { v.adjacentImageIn(v.ActivePane(), d) }

// adjacentImageIn is adjacentImage in pane p.
func (v *Viewer) adjacentImageIn(p *Pane, d int) {
	tl := v.timeline()
	if v.study == nil || tl == nil || len(tl.Entries) == 0 {
		return
	}
	es := tl.Entries
	i := -1
	for k := range es {
		if es[k].Instance == p.in {
			i = k
		}
	}
	i = max(0, min(len(es)-1, i+d))
	if es[i].Instance != p.in {
		v.loadInto(p, &es[i])
	}
}

func (v *Viewer) toggleFullScreen() { v.win.SetFullScreen(!v.win.FullScreen()) }

func (v *Viewer) leaveFullScreen() {
	if v.win.FullScreen() {
		v.win.SetFullScreen(false)
	}
}
