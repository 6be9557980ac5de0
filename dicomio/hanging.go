package dicomio

// HangingPanes is the number of panes a [Hanging] fills: a 2×2 grid.
const HangingPanes = 4

// A Hanging is how a study is first laid out on screen, by the HSG
// hanging protocol: a grid of panes and what each shows.
type Hanging struct {
	// Cols and Rows are the grid to open with: two panes side by side
	// (2×1), or one (1×1) for a study of a single image.
	Cols, Rows int
	// Slots fill a 2×2 grid row by row. A smaller grid shows the first
	// Cols×Rows of them; the others are what the lower row shows when
	// the user switches to 2×2.
	Slots [HangingPanes]Slot
}

// A Slot is what one pane of a [Hanging] shows: an image at a frame, or
// a message.
type Slot struct {
	Entry *Entry // the image; nil for a message
	Frame int    // 0-based: the image's [Instance.DefaultFrame]
	// Title names a message pane (e.g. "Delayed image"); Message is its
	// text, the first line the headline. Warn marks a message saying
	// that something expected is missing.
	Title   string
	Message []string
	Warn    bool
}

// Hanging arranges s by the HSG hanging protocol: the immediate phase
// on the left (its last spot image, or the injection run when there is
// no spot image, at its default frame), the delayed image on the right,
// or a warning that none was identified. The two further panes of the
// 2×2 layout get the injection run and the scout, then the remaining
// images in time order. A study of one image opens 1×1, a study without
// images (or a nil s) 1×1 with a message.
func (s *Study) Hanging() Hanging {
	if s == nil {
		return HangingOf(nil)
	}
	return HangingOf(s.Timeline)
}

// HangingFor is [Study.Hanging] by the timeline tl instead of s's own:
// the timeline corrected by the radiologist ([CorrectTimeline]). A nil
// tl uses s's timeline.
func (s *Study) HangingFor(tl *Timeline) Hanging {
	if tl == nil {
		return s.Hanging()
	}
	return HangingOf(tl)
}

// HangingOf arranges the images of tl as [Study.Hanging] does.
func HangingOf(tl *Timeline) Hanging {
	var h Hanging
	h.Cols, h.Rows = 1, 1
	if tl == nil || len(tl.Entries) == 0 {
		h.Slots[0].Message = []string{"No images in this study"}
		return h
	}
	used := map[*Entry]bool{}
	put := func(i int, e *Entry) {
		h.Slots[i] = Slot{Entry: e, Frame: e.Instance.DefaultFrame()}
		used[e] = true
	}

	// Left: the immediate phase.
	var lastSpot, lastRun, firstOther *Entry
	for i := range tl.Entries {
		e := &tl.Entries[i]
		switch {
		case e.Phase == PhaseImmediate && e.Instance.Pixel.Frames == 1:
			lastSpot = e
		case e.Phase == PhaseImmediate:
			lastRun = e
		}
		if firstOther == nil && e.Phase != PhaseScout && e != tl.Delayed {
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
		h.Slots[1] = Slot{Title: "Delayed image", Message: msg, Warn: true}
	}
	if len(tl.Entries) > 1 {
		h.Cols = 2
	}

	// 2×2: the injection run, the scout, then the rest in time order.
	next := 2
	add := func(e *Entry) {
		if next < HangingPanes && e != nil && !used[e] {
			put(next, e)
			next++
		}
	}
	add(lastRun)
	for i := range tl.Entries {
		if tl.Entries[i].Phase == PhaseScout {
			add(&tl.Entries[i])
			break
		}
	}
	for i := range tl.Entries {
		add(&tl.Entries[i])
	}
	return h
}

// HangingAround is [HangingOf] tl for the panes the user has not chosen:
// the panes marked in keep go on showing the images in shown (nil for a
// message), and every other pane gets an image no kept pane shows and no
// other pane gets, so that a 2×2 grid shows distinct images (the
// injection run once). Such a pane gets its own slot's image of the
// protocol when that is free, else the next free one of the protocol's
// slots in order (an image a kept pane displaced), else the next free
// image of tl in time order; with none left, its slot's message. A slot
// the protocol gives a warning (no delayed image identified) keeps it.
// Cols and Rows are the protocol's. With nothing kept it is HangingOf(tl).
func HangingAround(tl *Timeline, shown [HangingPanes]*Instance, keep [HangingPanes]bool) Hanging {
	h := HangingOf(tl)
	if tl == nil || len(tl.Entries) == 0 {
		return h
	}
	used := map[*Instance]bool{}
	for i, k := range keep {
		if k && shown[i] != nil {
			used[shown[i]] = true
		}
	}
	// The images in the order panes take them: the protocol's, then the
	// study's in time order.
	var order []*Entry
	for _, s := range h.Slots {
		if s.Entry != nil {
			order = append(order, s.Entry)
		}
	}
	for i := range tl.Entries {
		order = append(order, &tl.Entries[i])
	}
	out := h
	for i := range out.Slots {
		switch {
		case keep[i]:
			in := shown[i]
			out.Slots[i] = Slot{}
			if e := tl.Entry(in); in != nil && e != nil {
				out.Slots[i] = Slot{Entry: e, Frame: in.DefaultFrame()}
			}
			continue
		case h.Slots[i].Warn:
			continue
		}
		var pick *Entry
		if e := h.Slots[i].Entry; e != nil && !used[e.Instance] {
			pick = e
		}
		for _, e := range order {
			if pick != nil {
				break
			}
			if !used[e.Instance] {
				pick = e
			}
		}
		if pick == nil {
			if h.Slots[i].Entry != nil {
				out.Slots[i] = Slot{} // its image is shown elsewhere
			}
			continue
		}
		used[pick.Instance] = true
		out.Slots[i] = Slot{Entry: pick, Frame: pick.Instance.DefaultFrame()}
	}
	return out
}
