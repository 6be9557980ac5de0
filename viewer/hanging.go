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

// slot is what one pane shows: an image (and its first frame) or a
// message.
type slot struct {
	entry   *dicomio.Entry // nil for a message
	frame   int            // 0-based
	title   string         // pane title of a message
	message []string       // first line is the headline
	warn    bool           // the message is a warning
}

// hanging is the initial arrangement of a study.
type hanging struct {
	layout Layout
	slots  [maxPanes]slot
}

const maxPanes = 4

// hsgHanging arranges a study by the HSG hanging protocol: the immediate
// phase on the left (its last spot image, or the injection run's
// representative frame when there is no spot image), the delayed image on
// the right, or a message saying that none was identified. The two further
// panes of the 2×2 layout get the injection run and the scout, then the
// remaining images in time order. A study of one image opens 1×1.
func hsgHanging(st *dicomio.Study) hanging {
	var h hanging
	tl := st.Timeline
	if tl == nil || len(tl.Entries) == 0 {
		h.layout = Layout1x1
		h.slots[0].message = []string{"No images in this study"}
		return h
	}
	used := map[*dicomio.Entry]bool{}
	put := func(i int, e *dicomio.Entry) {
		h.slots[i] = slot{entry: e, frame: defaultFrame(e.Instance)}
		used[e] = true
	}

	// Left: the immediate phase.
	var lastSpot, lastRun, firstOther *dicomio.Entry
	for i := range tl.Entries {
		e := &tl.Entries[i]
		switch {
		case e.Phase == dicomio.PhaseImmediate && e.Instance.Pixel.Frames == 1:
			lastSpot = e
		case e.Phase == dicomio.PhaseImmediate:
			lastRun = e
		}
		if firstOther == nil && e.Phase != dicomio.PhaseScout && e != tl.Delayed {
			firstOther = e
		}
	}
	left := lastSpot
	if left == nil {
		left = lastRun
	}
	if left == nil {
		left = firstOther
	}
	if left == nil {
		left = &tl.Entries[0]
	}
	put(0, left)

	// Right: the delayed image.
	if d := tl.Delayed; d != nil && d != left {
		put(1, d)
	} else if d == nil {
		msg := []string{"No delayed image identified"}
		if tl.Note != "" {
			msg = append(msg, tl.Note)
		}
		h.slots[1] = slot{title: "Delayed image", message: msg, warn: true}
	}

	h.layout = Layout1x2
	if len(tl.Entries) == 1 {
		h.layout = Layout1x1
	}

	// 2×2: the injection run, the scout, then the rest in time order.
	next := 2
	add := func(e *dicomio.Entry) {
		if next < maxPanes && e != nil && !used[e] {
			put(next, e)
			next++
		}
	}
	add(lastRun)
	for i := range tl.Entries {
		if tl.Entries[i].Phase == dicomio.PhaseScout {
			add(&tl.Entries[i])
			break
		}
	}
	for i := range tl.Entries {
		add(&tl.Entries[i])
	}
	return h
}

// defaultFrame is the frame (0-based) first shown of an image: its
// Representative Frame Number, else for X-ray injection runs the last
// frame (the most opacified), else the first.
func defaultFrame(in *dicomio.Instance) int {
	n := in.Pixel.Frames
	switch {
	case in.RepresentativeFrame > 0 && in.RepresentativeFrame <= n:
		return in.RepresentativeFrame - 1
	case n > 1 && (in.Modality == "XA" || in.Modality == "RF"):
		return n - 1
	}
	return 0
}
