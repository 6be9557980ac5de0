package cornertext

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A Priority orders the lines of the corners: when room runs short,
// lines of a lower priority go first.
type Priority int

// The priorities of corner lines.
const (
	// Low lines go first: study date, acquisition time, zoom, frame rate.
	Low Priority = iota + 1
	// Normal lines: birth date and sex, image number, window.
	Normal
	// High lines: the patient's name and ID, series, frame, phase and
	// minutes.
	High
	// Keep lines are shortened rather than dropped while any room is
	// left: the spacing the pane measures with.
	Keep
)

// A Line is a line of corner text.
type Line struct {
	Text string
	// Short are shorter forms of Text, longest first, for when Text
	// does not fit.
	Short    []string
	Priority Priority
}

// L returns a line of priority p with shorter forms short.
func L(p Priority, text string, short ...string) Line {
	return Line{Text: text, Short: short, Priority: p}
}

// A Corner of a pane.
type Corner int

// The corners, in the order of [Layout.Place]'s input.
const (
	TopLeft Corner = iota
	TopRight
	BottomLeft
	BottomRight
)

func (c Corner) left() bool { return c == TopLeft || c == BottomLeft }
func (c Corner) top() bool  { return c == TopLeft || c == TopRight }

// A Rect is a box in the pane, from (X0, Y0) to (X1, Y1), Y down.
type Rect struct{ X0, Y0, X1, Y1 float32 }

// Empty reports whether r holds no area.
func (r Rect) Empty() bool { return !(r.X0 < r.X1 && r.Y0 < r.Y1) }

// Overlaps reports whether r and s share some area.
func (r Rect) Overlaps(s Rect) bool {
	return !r.Empty() && !s.Empty() && r.X0 < s.X1 && s.X0 < r.X1 && r.Y0 < s.Y1 && s.Y0 < r.Y1
}

// Grow returns r grown by d on every side.
func (r Rect) Grow(d float32) Rect { return Rect{r.X0 - d, r.Y0 - d, r.X1 + d, r.Y1 + d} }

// A Layout is the pane the corners are laid out in.
type Layout struct {
	Width, Height float32
	// Margin is the room between the text and the pane's edges; Gap
	// the least room between two texts.
	Margin, Gap float32
	// LineHeight is the height of a line of text.
	LineHeight float32
	// Measure returns the width of a text.
	Measure func(string) float32
	// Obstacles are texts placed already (the orientation letters, a
	// warning), which the corners keep clear of.
	Obstacles []Rect
}

// A Placed line is a corner line as laid out.
type Placed struct {
	Corner Corner
	// Index is the line's index in its corner's input.
	Index int
	// Text is the line as shown: its text, a shorter form or either cut
	// short with an ellipsis.
	Text string
	Box  Rect
}

// Ellipsis ends a line cut short.
const Ellipsis = "…"

// minRunes is how much of a line is kept, at least, before an ellipsis.
const minRunes = 4

// Place lays out the lines of the four corners (in the order TopLeft,
// TopRight, BottomLeft, BottomRight; each corner's lines in reading
// order, top to bottom) and returns those that fit, in that order, none
// overlapping another or an obstacle, all inside the pane.
func (l Layout) Place(corners [4][]Line) []Placed {
	if l.Measure == nil || !(l.LineHeight > 0) {
		return nil
	}
	var kept [4][]int
	for c := range corners {
		for i, ln := range corners[c] {
			if strings.TrimSpace(ln.Text) != "" {
				kept[c] = append(kept[c], i)
			}
		}
	}
	for {
		placed, drop, ok := l.try(corners, kept)
		if ok {
			return placed
		}
		c := drop.Corner
		kept[c] = slices.DeleteFunc(kept[c], func(i int) bool { return i == drop.Index })
	}
}

// try lays out the kept lines. When they do not fit, it names the line
// to drop.
func (l Layout) try(corners [4][]Line, kept [4][]int) (placed []Placed, drop Placed, ok bool) {
	// Rows: the top corners and the bottom ones must not meet.
	rows := func(a, b Corner) int { return max(len(kept[a]), len(kept[b])) }
	free := l.Height - 2*l.Margin
	if float32(rows(TopLeft, TopRight)+rows(BottomLeft, BottomRight))*l.LineHeight+l.Gap > free {
		var from []Corner
		for _, pair := range [2][2]Corner{{TopLeft, TopRight}, {BottomLeft, BottomRight}} {
			n := rows(pair[0], pair[1])
			for _, c := range pair {
				if n > 0 && len(kept[c]) == n {
					from = append(from, c)
				}
			}
		}
		if len(from) == 0 {
			return nil, Placed{}, true // no room for any line
		}
		return nil, l.weakest(corners, kept, from...), false
	}
	// A row an obstacle takes from the corner's edge on, for the
	// narrowest the line can be, ends the corner there.
	for c := range Corner(4) {
		for r := range kept[c] {
			i := at(kept, c, r)
			row := l.row(c, r, l.minWidth(corners[c][i]))
			for _, o := range l.Obstacles {
				if row.Overlaps(o.Grow(l.Gap)) {
					return nil, l.weakest(corners, kept, c), false
				}
			}
		}
	}
	// Lines of the same row share its width.
	for _, pair := range [2][2]Corner{{TopLeft, TopRight}, {BottomLeft, BottomRight}} {
		left, right := pair[0], pair[1]
		for r := range max(len(kept[left]), len(kept[right])) {
			var lines [2]*Line
			var idx [2]int
			for k, c := range pair {
				if r < len(kept[c]) {
					idx[k] = at(kept, c, r)
					lines[k] = &corners[c][idx[k]]
				}
			}
			budget, fits := l.share(l.row(left, r, 0), lines)
			if !fits {
				// Both cannot be there: the weaker goes.
				if corners[left][idx[0]].Priority < corners[right][idx[1]].Priority {
					return nil, Placed{Corner: left, Index: idx[0]}, false
				}
				return nil, Placed{Corner: right, Index: idx[1]}, false
			}
			for k, c := range pair {
				if lines[k] == nil {
					continue
				}
				text, w, ok := l.fit(*lines[k], budget[k])
				if !ok {
					return nil, Placed{Corner: c, Index: idx[k]}, false
				}
				placed = append(placed, Placed{Corner: c, Index: idx[k], Text: text, Box: l.row(c, r, w)})
			}
		}
	}
	slices.SortStableFunc(placed, func(a, b Placed) int {
		if a.Corner != b.Corner {
			return int(a.Corner - b.Corner)
		}
		return a.Index - b.Index
	})
	return placed, Placed{}, true
}

// at returns the index of the kept line of corner c in row r, counted
// from the corner's edge: the bottom corners' last line is at the edge.
func at(kept [4][]int, c Corner, r int) int {
	if !c.top() {
		r = len(kept[c]) - 1 - r
	}
	return kept[c][r]
}

// row returns the box of row r of corner c, counted from its edge, for a
// line w wide.
func (l Layout) row(c Corner, r int, w float32) Rect {
	y := l.Margin + float32(r)*l.LineHeight
	if !c.top() {
		y = l.Height - l.Margin - float32(r+1)*l.LineHeight
	}
	x := l.Margin
	if !c.left() {
		x = l.Width - l.Margin - w
	}
	return Rect{x, y, x + w, y + l.LineHeight}
}

// share returns the widths the left and the right line of a row (either
// may be nil) may take, and false when both cannot fit even cut short.
// An obstacle in the row splits it; else the lines share it, each
// taking what it needs when the other leaves room, else half, else what
// the other leaves when it is cut as short as it goes.
func (l Layout) share(row Rect, lines [2]*Line) (budget [2]float32, fits bool) {
	lo, hi := l.Margin, l.Width-l.Margin
	split := false
	leftEnd, rightStart := hi, lo
	for _, o := range l.Obstacles {
		if o.Y0 < row.Y1+l.Gap && row.Y0-l.Gap < o.Y1 {
			leftEnd = min(leftEnd, o.X0-l.Gap)
			rightStart = max(rightStart, o.X1+l.Gap)
			split = true
		}
	}
	if split {
		return [2]float32{max(0, leftEnd-lo), max(0, hi-rightStart)}, true
	}
	avail := hi - lo
	if lines[0] == nil || lines[1] == nil {
		return [2]float32{avail, avail}, true
	}
	avail -= l.Gap
	need := [2]float32{l.Measure(lines[0].Text), l.Measure(lines[1].Text)}
	least := [2]float32{l.minWidth(*lines[0]), l.minWidth(*lines[1])}
	if least[0]+least[1] > avail {
		return budget, false
	}
	switch half := avail / 2; {
	case need[0]+need[1] <= avail:
		return need, true
	case need[0] <= half:
		return [2]float32{need[0], avail - need[0]}, true
	case need[1] <= half:
		return [2]float32{avail - need[1], need[1]}, true
	case least[0] > half:
		return [2]float32{least[0], avail - least[0]}, true
	case least[1] > half:
		return [2]float32{avail - least[1], least[1]}, true
	}
	return [2]float32{avail / 2, avail / 2}, true
}

// fit returns the longest form of ln that fits in width w, else its
// shortest form cut with an ellipsis to fit, and its width; ok is false
// when not even minRunes of it fit.
func (l Layout) fit(ln Line, w float32) (text string, width float32, ok bool) {
	forms := append([]string{ln.Text}, ln.Short...)
	for _, f := range forms {
		if fw := l.Measure(f); fw <= w {
			return f, fw, true
		}
	}
	last := []rune(forms[len(forms)-1])
	// The longest prefix that fits with the ellipsis.
	lo, hi := 0, len(last) // lo fits (or is minRunes-1), hi does not
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.Measure(cut(last, mid)) <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo < minRunes {
		return "", 0, false
	}
	s := cut(last, lo)
	return s, l.Measure(s), true
}

// cut returns the first n runes of r, without trailing spaces and
// separators, and an ellipsis.
func cut(r []rune, n int) string {
	return strings.TrimRight(string(r[:n]), " ·,;:(") + Ellipsis
}

// minWidth is how narrow a line can be: its shortest form, or minRunes
// of it and an ellipsis.
func (l Layout) minWidth(ln Line) float32 {
	s := ln.Text
	if len(ln.Short) > 0 {
		s = ln.Short[len(ln.Short)-1]
	}
	w := l.Measure(s)
	if utf8.RuneCountInString(s) > minRunes {
		w = min(w, l.Measure(cut([]rune(s), minRunes)))
	}
	return w
}

// weakest names the kept line of the corners from that goes first: the
// lowest priority, then the furthest from its corner's edge, then the
// last corner.
func (l Layout) weakest(corners [4][]Line, kept [4][]int, from ...Corner) Placed {
	var best Placed
	bestP, bestRow := Priority(1<<30), -1
	for _, c := range from {
		for r := range kept[c] {
			i := at(kept, c, r)
			p := corners[c][i].Priority
			if p < bestP || (p == bestP && r >= bestRow) {
				best, bestP, bestRow = Placed{Corner: c, Index: i}, p, r
			}
		}
	}
	return best
}
