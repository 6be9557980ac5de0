package cornertext

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// measure sets text 7 units a character, as a 12-unit sans roughly does.
func measure(s string) float32 { return 7 * float32(utf8.RuneCountInString(s)) }

// hsg returns the corner lines of a delayed film as a pane shows them.
func hsg() [4][]Line {
	return [4][]Line{
		{L(High, "LINDQVIST, SARA ELISABET"), L(High, "ID HSG-PH-000417"), L(Normal, "*1991-07-18 F"), L(Low, "Study 2026-03-12")},
		{L(High, "Se 2 · HSG spot tubal filling", "Se 2"), L(Normal, "Im 4 · RF", "Im 4"), L(Low, "Acq 09:45:12")},
		{L(Keep, "Spacing: at detector (Imager Pixel Spacing, not corrected for magnification)", "Spacing: at detector", "at detector"),
			L(Normal, "W 1183 L 2108"), L(Low, "Zoom 63%")},
		{L(High, "delayed · +25 min (medium confidence)"), L(Low, "15 fps (FrameTime)")},
	}
}

func layout(w, h float32, obstacles ...Rect) Layout {
	return Layout{Width: w, Height: h, Margin: 4, Gap: 6, LineHeight: 16, Measure: measure, Obstacles: obstacles}
}

// check fails when placed lines overlap each other or an obstacle, leave
// the pane, or show a text that is neither a form of their line nor one
// cut with an ellipsis.
func check(t *testing.T, name string, l Layout, corners [4][]Line, placed []Placed) {
	t.Helper()
	pane := Rect{0, 0, l.Width, l.Height}
	for i, p := range placed {
		b := p.Box
		if b.Empty() || b.X0 < pane.X0 || b.Y0 < pane.Y0 || b.X1 > pane.X1 || b.Y1 > pane.Y1 {
			t.Errorf("%s: %q at %v leaves the pane %v", name, p.Text, b, pane)
		}
		if w := measure(p.Text); w != b.X1-b.X0 {
			t.Errorf("%s: %q is %v wide, its box %v", name, p.Text, w, b)
		}
		for _, q := range placed[i+1:] {
			if b.Overlaps(q.Box) {
				t.Errorf("%s: %q %v and %q %v overlap", name, p.Text, b, q.Text, q.Box)
			}
		}
		for _, o := range l.Obstacles {
			if b.Overlaps(o) {
				t.Errorf("%s: %q %v covers %v", name, p.Text, b, o)
			}
		}
		ln := corners[p.Corner][p.Index]
		ok := false
		for _, f := range append([]string{ln.Text}, ln.Short...) {
			prefix, cut := strings.CutSuffix(p.Text, Ellipsis)
			ok = ok || f == p.Text || (cut && strings.HasPrefix(f, prefix) && utf8.RuneCountInString(prefix) >= minRunes-1)
		}
		if !ok {
			t.Errorf("%s: %q is not a form of %q", name, p.Text, ln.Text)
		}
	}
}

func texts(placed []Placed, c Corner) []string {
	var out []string
	for _, p := range placed {
		if p.Corner == c {
			out = append(out, p.Text)
		}
	}
	return out
}

func TestWidePaneShowsAll(t *testing.T) {
	l := layout(1600, 900)
	placed := l.Place(hsg())
	check(t, "1600", l, hsg(), placed)
	if len(placed) != 12 {
		t.Errorf("%d lines of 12 shown: %v", len(placed), placed)
	}
	for _, p := range placed {
		if ln := hsg()[p.Corner][p.Index]; p.Text != ln.Text {
			t.Errorf("%q shortened to %q in a wide pane", ln.Text, p.Text)
		}
	}
}

// TestNarrowPane: in a 400-unit pane the name and the series share their
// row, the spacing takes its short form, nothing overlaps.
func TestNarrowPane(t *testing.T) {
	l := layout(400, 560)
	placed := l.Place(hsg())
	check(t, "400", l, hsg(), placed)
	tl, tr, bl := texts(placed, TopLeft), texts(placed, TopRight), texts(placed, BottomLeft)
	if len(tl) == 0 || !strings.HasPrefix(tl[0], "LINDQVIST") {
		t.Errorf("top left %q", tl)
	}
	if len(tr) == 0 || !strings.HasPrefix(tr[0], "Se 2") {
		t.Errorf("top right %q", tr)
	}
	if len(bl) == 0 || bl[0] != "Spacing: at detector" {
		t.Errorf("bottom left %q, want the spacing's short form first", bl)
	}
}

// TestLowPriorityGoesFirst: as the pane gets lower, the study date, the
// acquisition time, zoom and frame rate go before the window and the
// birth date, and the spacing, the name and the phase stay longest.
func TestLowPriorityGoesFirst(t *testing.T) {
	for _, h := range []float32{900, 140, 110, 80, 50} {
		l := layout(800, h)
		placed := l.Place(hsg())
		check(t, fmt.Sprint(h), l, hsg(), placed)
		shown := map[string]bool{}
		for _, p := range placed {
			shown[hsg()[p.Corner][p.Index].Text] = true
		}
		for c, lines := range hsg() {
			for _, ln := range lines {
				if shown[ln.Text] {
					continue
				}
				// Every line shown has a priority at least as high.
				for _, p := range placed {
					if q := hsg()[p.Corner][p.Index]; q.Priority < ln.Priority && (Corner(c).top() == p.Corner.top()) {
						t.Errorf("height %v: %q (priority %d) shown, %q (priority %d) dropped", h, q.Text, q.Priority, ln.Text, ln.Priority)
					}
				}
			}
		}
		if h >= 50 && !shown[hsg()[BottomLeft][0].Text] {
			t.Errorf("height %v: the spacing line was dropped: %v", h, placed)
		}
	}
}

// TestObstacles: the top letter splits the first rows; a side letter
// ends the corners above and below it.
func TestObstacles(t *testing.T) {
	top := Rect{143, 4, 157, 28}
	left := Rect{4, 140, 18, 164}
	right := Rect{282, 140, 296, 164}
	l := layout(300, 304, top, left, right)
	placed := l.Place(hsg())
	check(t, "letters", l, hsg(), placed)
	if tl := texts(placed, TopLeft); len(tl) == 0 || !strings.HasSuffix(tl[0], Ellipsis) {
		t.Errorf("top left %q: the name should be cut before the top letter", tl)
	}
	// Four rows fit above the side letters (4+4·16 = 68 < 140-6), and
	// three below them: the bottom corners lose their lowest lines.
	if tl := texts(placed, TopLeft); len(tl) != 4 {
		t.Errorf("top left %q", tl)
	}
	if bl := texts(placed, BottomLeft); len(bl) != 3 {
		t.Errorf("bottom left %q", bl)
	}
}

// TestRandomPanes: whatever the lines and the pane, nothing overlaps and
// nothing leaves the pane.
func TestRandomPanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"LINDQVIST", "SARA", "ID", "HSG-PH-000417", "·", "delayed", "+25 min", "(medium confidence)", "W 1183", "Spacing:", "at detector"}
	for n := range 500 {
		var corners [4][]Line
		for c := range corners {
			for range rng.IntN(6) {
				var b strings.Builder
				for k := range 1 + rng.IntN(6) {
					if k > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(words[rng.IntN(len(words))])
				}
				ln := L(Priority(1+rng.IntN(4)), b.String())
				if rng.IntN(3) == 0 {
					ln.Short = []string{words[rng.IntN(len(words))]}
				}
				corners[c] = append(corners[c], ln)
			}
		}
		w, h := float32(80+rng.IntN(1600)), float32(80+rng.IntN(1000))
		var obs []Rect
		if rng.IntN(2) == 0 {
			obs = append(obs, Rect{w/2 - 7, 4, w/2 + 7, 28}, Rect{4, h/2 - 12, 18, h/2 + 12}, Rect{w - 18, h/2 - 12, w - 4, h/2 + 12})
		}
		l := layout(w, h, obs...)
		check(t, fmt.Sprintf("case %d (%v×%v)", n, w, h), l, corners, l.Place(corners))
	}
}
