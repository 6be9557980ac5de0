package dicomio

import (
	"fmt"
	"strings"
	"testing"
)

func TestHanging(t *testing.T) {
	// A small HSG examination, minutes after 10:00: a scout, two spot
	// images, a 6-frame run, and a DX delayed film 25 minutes after the
	// start of contrast.
	exam := func() []*Instance {
		return []*Instance{img(0, 1, "RF", "Scout"), img(3, 1, "RF", "Spot"), img(4, 1, "RF", "Spot"), img(5, 6, "RF", "Run"), img(28, 1, "DX", "Delayed")}
	}
	const scout, spot1, spot2, run, delayed, message = 0, 1, 2, 3, 4, -1
	pick := func(ins []*Instance, idx ...int) []*Instance {
		var out []*Instance
		for _, i := range idx {
			out = append(out, ins[i])
		}
		return out
	}
	all := exam()
	for _, tt := range []struct {
		name       string
		images     []*Instance // nil: a study without a timeline
		cols, rows int
		slots      [HangingPanes]int // index into images, or message
		frames     [HangingPanes]int
		msg        string // start of the right pane's warning
	}{
		{"full study", all, 2, 1, [4]int{spot2, delayed, run, scout}, [4]int{0, 0, 5, 0}, ""},
		{"no delayed image", pick(exam(), scout, spot1, spot2, run), 2, 1, [4]int{spot2, message, run, scout}, [4]int{0, 0, 5, 0}, "No delayed image identified"},
		{"run without spots: its last frame", pick(exam(), scout, run, delayed), 2, 1, [4]int{1, 2, 0, message}, [4]int{5, 0, 0, 0}, ""},
		{"one image", pick(exam(), spot1), 1, 1, [4]int{0, message, message, message}, [4]int{}, "No delayed image identified"},
		// A scout and a film described as delayed, with nothing to date
		// the contrast: the film is the delayed image (minutes unknown),
		// not the start of contrast, and the scout opens on the left.
		{"scout and one film", pick(exam(), scout, delayed), 2, 1, [4]int{0, 1, message, message}, [4]int{}, ""},
		{"no images", nil, 1, 1, [4]int{message, message, message, message}, [4]int{}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := &Study{}
			if tt.images != nil {
				st.Timeline = BuildTimeline(tt.images, TimelineOptions{})
			}
			h := st.Hanging()
			if h.Cols != tt.cols || h.Rows != tt.rows {
				t.Errorf("grid %d×%d, want %d×%d", h.Cols, h.Rows, tt.cols, tt.rows)
			}
			for i, s := range h.Slots {
				got := message
				if s.Entry != nil {
					got = -2
					for j, in := range tt.images {
						if s.Entry.Instance == in {
							got = j
						}
					}
				}
				if got != tt.slots[i] || s.Frame != tt.frames[i] {
					t.Errorf("slot %d: image %d frame %d, want image %d frame %d", i, got, s.Frame, tt.slots[i], tt.frames[i])
				}
				if s.Entry != nil && (len(s.Message) > 0 || s.Warn) {
					t.Errorf("slot %d shows an image and a message %q", i, s.Message)
				}
			}
			right := h.Slots[1]
			if tt.msg != "" && (len(right.Message) == 0 || !strings.HasPrefix(right.Message[0], tt.msg) || !right.Warn || right.Title == "") {
				t.Errorf("right pane: title %q, message %q, warn %v; want a warning %q", right.Title, right.Message, right.Warn, tt.msg)
			}
			if tt.images == nil && (len(h.Slots[0].Message) == 0 || h.Slots[0].Warn) {
				t.Errorf("empty study: left pane %+v, want a plain message", h.Slots[0])
			}
		})
	}
	var none *Study
	if h := none.Hanging(); h.Cols != 1 || h.Rows != 1 || h.Slots[0].Entry != nil || len(h.Slots[0].Message) == 0 {
		t.Errorf("nil study: %+v", h)
	}
}

// A representative frame decides the frame of the run's pane.
func TestHangingRepresentativeFrame(t *testing.T) {
	ins := []*Instance{img(0, 1, "RF", "Scout"), img(3, 30, "RF", "Run"), img(25, 1, "DX", "Delayed")}
	ins[1].RepresentativeFrame = 12
	h := (&Study{Timeline: BuildTimeline(ins, TimelineOptions{})}).Hanging()
	if s := h.Slots[0]; s.Entry == nil || s.Entry.Instance != ins[1] || s.Frame != 11 {
		t.Errorf("left pane %+v, want the run at frame 12", s)
	}
}

// TestHangingAround fills the panes the user has not chosen with images
// no other pane shows: a 2×2 grid never shows the same image twice.
func TestHangingAround(t *testing.T) {
	const scout, spot1, spot2, run, delayed, none = 0, 1, 2, 3, 4, -1
	exam := func() []*Instance {
		return []*Instance{img(0, 1, "RF", "Scout"), img(3, 1, "RF", "Spot"), img(4, 1, "RF", "Spot"), img(5, 6, "RF", "Run"), img(28, 1, "DX", "Delayed")}
	}
	runsOnly := func() []*Instance { // no spot image: the run hangs on the left
		return []*Instance{img(0, 1, "RF", "Scout"), img(3, 6, "RF", "Run"), img(5, 6, "RF", "Run"), img(28, 1, "DX", "Delayed")}
	}
	const rScout, rRun1, rRun2, rDelayed = 0, 1, 2, 3
	for _, tt := range []struct {
		name   string
		images func() []*Instance
		shown  [HangingPanes]int // index into images, or none
		keep   [HangingPanes]bool
		want   [HangingPanes]int // index, or none (a message or nothing)
		frames [HangingPanes]int // of the panes not kept
	}{
		{"nothing kept: the protocol", exam, [4]int{none, none, none, none}, [4]bool{},
			[4]int{spot2, delayed, run, scout}, [4]int{0, 0, 5, 0}},
		{"1×2 as hung, to 2×2", exam, [4]int{spot2, delayed, none, none}, [4]bool{true, true},
			[4]int{spot2, delayed, run, scout}, [4]int{0, 0, 5, 0}},
		// The user watched the run in the left pane, then went 2×2: the
		// run once, the spot it displaced below.
		{"run moved to the left", exam, [4]int{run, delayed, none, none}, [4]bool{true, true},
			[4]int{run, delayed, spot2, scout}, [4]int{0, 0, 0, 0}},
		{"run left and right", exam, [4]int{run, run, none, none}, [4]bool{true, true},
			[4]int{run, run, spot2, scout}, [4]int{0, 0, 0, 0}},
		{"1×1 to 2×2", exam, [4]int{spot1, none, none, none}, [4]bool{true},
			[4]int{spot1, delayed, run, scout}, [4]int{0, 0, 5, 0}},
		{"a chosen lower pane stays", exam, [4]int{run, delayed, none, run}, [4]bool{true, true, false, true},
			[4]int{run, delayed, spot2, run}, [4]int{0, 0, 0, 0}},
		{"runs only: the left run once", runsOnly, [4]int{rRun2, rDelayed, none, none}, [4]bool{true, true},
			[4]int{rRun2, rDelayed, rScout, rRun1}, [4]int{0, 0, 0, 5}},
		{"runs only, nothing kept", runsOnly, [4]int{none, none, none, none}, [4]bool{},
			[4]int{rRun2, rDelayed, rScout, rRun1}, [4]int{5, 0, 0, 5}},
		{"no delayed image: the warning stays", func() []*Instance { return exam()[:4] }, [4]int{spot2, none, none, none}, [4]bool{true},
			[4]int{spot2, none, run, scout}, [4]int{0, 0, 5, 0}},
		{"fewer images than panes", func() []*Instance { return exam()[3:] }, [4]int{1, 0, none, none}, [4]bool{true, true},
			[4]int{1, 0, none, none}, [4]int{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ins := tt.images()
			tl := BuildTimeline(ins, TimelineOptions{})
			var shown [HangingPanes]*Instance
			for i, j := range tt.shown {
				if j != none {
					shown[i] = ins[j]
				}
			}
			h := HangingAround(tl, shown, tt.keep)
			seen := map[*Instance]int{}
			for i, s := range h.Slots {
				got := none
				if s.Entry != nil {
					for j, in := range ins {
						if s.Entry.Instance == in {
							got = j
						}
					}
					if !tt.keep[i] {
						seen[s.Entry.Instance]++
					}
				}
				if got != tt.want[i] || (!tt.keep[i] && s.Frame != tt.frames[i]) {
					t.Errorf("pane %d: image %d frame %d, want image %d frame %d", i, got, s.Frame, tt.want[i], tt.frames[i])
				}
			}
			for i, s := range h.Slots {
				if !tt.keep[i] && s.Entry != nil {
					for j, k := range tt.keep {
						if k && shown[j] == s.Entry.Instance {
							t.Errorf("pane %d repeats the image of kept pane %d", i, j)
						}
					}
				}
			}
			for in, n := range seen {
				if n > 1 {
					t.Errorf("%s hangs %d times", in.SeriesDescription, n)
				}
			}
		})
	}
	// With nothing kept it is the protocol, for every study of TestHanging.
	for _, ins := range [][]*Instance{exam(), runsOnly(), exam()[:1], exam()[3:]} {
		tl := BuildTimeline(ins, TimelineOptions{})
		if a, b := HangingAround(tl, [4]*Instance{}, [4]bool{}), HangingOf(tl); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("nothing kept: %v, protocol %v", a, b)
		}
	}
	if h := HangingAround(nil, [4]*Instance{}, [4]bool{true}); len(h.Slots[0].Message) == 0 {
		t.Errorf("no timeline: %+v", h)
	}
}
