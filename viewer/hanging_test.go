package viewer

import (
	"strings"
	"testing"

	"hsgview/dicomio"
)

func TestHangingProtocol(t *testing.T) {
	fx := hsgFixtures() // scout, spot, spot, run, delayed
	for _, tc := range []struct {
		name   string
		fxs    []fixture
		layout Layout
		left   int    // series number on the left (0: message)
		frame  int    // first frame shown on the left
		right  int    // series number on the right (0: message)
		msg    string // start of the right pane's message
		lower  []int  // series of the 2×2 lower row
	}{
		{"full study", fx, Layout1x2, 3, 0, 10, "", []int{4, 1}},
		{"no delayed image", fx[:4], Layout1x2, 3, 0, 0, "No delayed image identified", []int{4, 1}},
		{"run without spots: its last frame", []fixture{fx[0], fx[3], fx[4]}, Layout1x2, 4, 5, 10, "", []int{1, 0}},
		{"one image", []fixture{fx[1]}, Layout1x1, 2, 0, 0, "No delayed image identified", []int{0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := writeStudy(t, tc.fxs).Studies[0]
			h := hsgHanging(st)
			if h.layout != tc.layout {
				t.Errorf("layout %v, want %v", h.layout, tc.layout)
			}
			series := func(s slot) int {
				if s.entry == nil {
					return 0
				}
				return s.entry.Instance.SeriesNumber
			}
			if got := series(h.slots[0]); got != tc.left || h.slots[0].frame != tc.frame {
				t.Errorf("left: series %d frame %d, want %d frame %d", got, h.slots[0].frame, tc.left, tc.frame)
			}
			if got := series(h.slots[1]); got != tc.right {
				t.Errorf("right: series %d, want %d", got, tc.right)
			}
			if tc.msg != "" && (len(h.slots[1].message) == 0 || !strings.HasPrefix(h.slots[1].message[0], tc.msg) || !h.slots[1].warn) {
				t.Errorf("right message %q", h.slots[1].message)
			}
			if got := []int{series(h.slots[2]), series(h.slots[3])}; got[0] != tc.lower[0] || got[1] != tc.lower[1] {
				t.Errorf("lower row %v, want %v", got, tc.lower)
			}
		})
	}
}

func TestDefaultFrame(t *testing.T) {
	in := &dicomio.Instance{Modality: "RF", Pixel: dicomio.PixelFormat{Frames: 30}}
	if f := defaultFrame(in); f != 29 {
		t.Errorf("RF run: %d", f)
	}
	in.RepresentativeFrame = 12
	if f := defaultFrame(in); f != 11 {
		t.Errorf("representative frame 12: %d", f)
	}
	in = &dicomio.Instance{Modality: "US", Pixel: dicomio.PixelFormat{Frames: 8}}
	if f := defaultFrame(in); f != 0 {
		t.Errorf("US: %d", f)
	}
}

// TestDelayedFilmFromAnotherStudy: the delayed film filed under its own
// study and accession of the same patient is shown in the right pane and
// in the strip, and the status line says where it comes from.
func TestDelayedFilmFromAnotherStudy(t *testing.T) {
	fxs := hsgFixtures()
	dx := &fxs[len(fxs)-1]
	dx.StudyUID, dx.SeriesUID = "1.2.826.0.1.3680043.10.1078.77", "1.2.826.0.1.3680043.10.1078.77.1"
	v, q, _ := newTestViewer(t, 1000, 600)
	dir := t.TempDir()
	for i, fx := range fxs {
		fx.Write(t, dir, "IM"+string(rune('A'+i))+".dcm")
	}
	v.Open([]string{dir})
	q.settle(t)
	right := v.panes[1].Instance()
	if right == nil || right.Modality != "DX" || right.StudyInstanceUID != dx.StudyUID {
		t.Fatalf("right pane shows %+v, want the DX film of the other study", right)
	}
	if !strings.Contains(v.status.Text, "from another study of this patient") {
		t.Errorf("status %q does not say where the delayed film comes from", v.status.Text)
	}
	found := false
	for _, th := range v.thumbs {
		found = found || th.entry.Instance == right
	}
	if !found {
		t.Error("the linked film is not in the thumbnail strip")
	}
}
