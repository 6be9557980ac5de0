package viewer

import (
	"hsgview/dicomio"
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
