package viewer

import (
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/studytext"
)

// Layout is a grid of panes.
type Layout struct{ Cols, Rows int }

// The layouts the viewer offers, in the order the L key cycles them.
var (
	Layout1x1 = Layout{1, 1}
	Layout1x2 = Layout{2, 1} // two panes side by side
	Layout2x2 = Layout{2, 2}
	layouts   = []Layout{Layout1x1, Layout1x2, Layout2x2}
)

// Panes returns the number of panes the layout shows.
func (l Layout) Panes() int { return l.Cols * l.Rows }

func (l Layout) String() string {
	switch l {
	case Layout1x1:
		return "1×1"
	case Layout1x2:
		return "1×2"
	case Layout2x2:
		return "2×2"
	}
	return "?"
}

// maxPanes is the number of panes of the largest layout.
const maxPanes = dicomio.HangingPanes

// fillPanes fills the panes from index from on, which a larger layout
// shows anew, by the hanging protocol around what the panes before them
// and the panes the user chose show (dicomio.HangingAround): no image
// twice, the injection run once. A pane that already shows its image is
// left as it is (its window, zoom and frame).
func (v *Viewer) fillPanes(from int) {
	tl := v.timeline()
	if v.study == nil || tl == nil {
		return
	}
	var shown [maxPanes]*dicomio.Instance
	var keep [maxPanes]bool
	for i, p := range v.panes {
		shown[i], keep[i] = p.in, i < from || v.chosen[i]
	}
	h := dicomio.HangingAround(tl, shown, keep)
	for i := from; i < v.layout.Panes(); i++ {
		p, s := v.panes[i], h.Slots[i]
		switch {
		case keep[i]:
		case s.Entry != nil:
			if p.in != s.Entry.Instance {
				p.Load(v.study, s.Entry, s.Entry.Instance, s.Frame)
			}
		case s.Warn:
			p.ShowMissing(i18n.Known(s.Title), studytext.KnownAll(s.Message)...)
		default:
			p.Clear(studytext.KnownAll(s.Message)...)
		}
	}
}
