package dicomio

import (
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
