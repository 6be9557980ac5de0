package dicomio

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

var tenOClock = time.Date(2026, 3, 12, 10, 0, 0, 0, time.UTC)

// img builds an instance for timeline tests: minutes after 10:00, frames,
// modality and series description.
func img(min float64, frames int, modality, desc string) *Instance {
	in := &Instance{
		Acquired: tenOClock.Add(time.Duration(min * float64(time.Minute))), TimeSource: TimeAcquisitionDate,
		Modality: modality, SeriesDescription: desc, StationName: "RF1",
		SOPInstanceUID: fmt.Sprintf("1.2.%v", min), Pixel: PixelFormat{Frames: frames}, HasPixels: true,
	}
	if frames > 1 {
		in.Cine.Duration = time.Duration(frames) * 66667 * time.Microsecond
	}
	return in
}

func phases(t *Timeline) string {
	var s []string
	for _, e := range t.Entries {
		s = append(s, string(e.Phase))
	}
	return strings.Join(s, " ")
}

func TestTimeline(t *testing.T) {
	tests := []struct {
		name      string
		images    []*Instance
		want      string  // phases in order
		delayed   int     // index of the delayed image, -1 for none
		t0Source  string  // expected T0 source
		t0Minutes float64 // T0 as minutes after 10:00
	}{
		{"scout, run, delayed film",
			[]*Instance{img(0, 1, "RF", ""), img(3, 1, "RF", ""), img(4, 1, "RF", ""), img(5, 30, "RF", ""), img(29, 1, "DX", "")},
			"scout immediate immediate immediate delayed", 4, "first image after scout", 3},
		{"no scout: first image starts the run",
			[]*Instance{img(0, 1, "RF", ""), img(0.5, 1, "RF", ""), img(1.5, 1, "RF", "")},
			"immediate immediate immediate", -1, "first image", 0},
		{"two images 25 min apart: the first is not a scout",
			[]*Instance{img(0, 1, "RF", ""), img(25, 1, "RF", "")},
			"immediate delayed", 1, "first image", 0},
		{"scout by description",
			[]*Instance{img(0, 1, "RF", "Scout"), img(1, 1, "RF", ""), img(2, 1, "RF", ""), img(22, 1, "RF", "")},
			"scout immediate immediate delayed", 3, "first image after scout", 1},
		{"cluster joining: a gap of 9 min stays immediate",
			[]*Instance{img(0, 1, "RF", ""), img(2, 1, "RF", ""), img(11, 1, "RF", ""), img(35, 1, "RF", "")},
			"immediate immediate immediate delayed", 3, "first image", 0},
		{"too late for a water-soluble delayed film",
			[]*Instance{img(0, 1, "RF", ""), img(1, 1, "RF", ""), img(120, 1, "RF", "")},
			"immediate immediate unknown", -1, "first image", 0},
		{"several delayed images: prefer the single frame nearest 20–30 min",
			[]*Instance{img(0, 1, "RF", ""), img(1, 1, "RF", ""), img(15, 1, "RF", ""), img(24, 8, "RF", ""), img(26, 1, "RF", ""), img(50, 1, "RF", "")},
			"immediate immediate delayed delayed delayed delayed", 4, "first image", 0},
		{"a delayed description never overrides a valid time",
			[]*Instance{img(0, 1, "RF", ""), img(1, 1, "RF", "delayed")},
			"immediate immediate", -1, "first image", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := BuildTimeline(tt.images, TimelineOptions{})
			if got := phases(tl); got != tt.want {
				t.Errorf("phases %q, want %q", got, tt.want)
			}
			switch {
			case tt.delayed < 0 && tl.Delayed != nil:
				t.Errorf("delayed = %v, want none", tl.Delayed.Instance)
			case tt.delayed >= 0 && (tl.Delayed == nil || tl.Delayed.Instance != tt.images[tt.delayed]):
				t.Errorf("delayed = %v, want image %d", tl.Delayed, tt.delayed)
			}
			if tt.delayed < 0 && !strings.Contains(tl.Note, "no delayed image") {
				t.Errorf("note %q", tl.Note)
			}
			if tl.T0Source != tt.t0Source || tl.T0.Sub(tenOClock).Minutes() != tt.t0Minutes {
				t.Errorf("T0 %v (%s), want +%v min (%s)", tl.T0, tl.T0Source, tt.t0Minutes, tt.t0Source)
			}
		})
	}
}

func TestTimelineOilContrast(t *testing.T) {
	ims := []*Instance{img(0, 1, "RF", ""), img(2, 1, "RF", ""), img(40, 1, "RF", ""), img(24*60, 1, "CR", "")}
	for _, in := range ims {
		in.Contrast.Agent = "Lipiodol Ultra Fluid"
	}
	tl := BuildTimeline(ims, TimelineOptions{})
	if !tl.Oil || phases(tl) != "immediate immediate unknown delayed" || tl.Delayed.Instance != ims[3] {
		t.Errorf("oil: %v %q delayed %v", tl.Oil, phases(tl), tl.Delayed)
	}
}

func TestTimelineConfidence(t *testing.T) {
	ims := []*Instance{img(0, 1, "RF", ""), img(1, 1, "RF", ""), img(25, 1, "DX", "")}
	ims[1].TimeSource = TimeContentDate
	ims[2].StationName = "DR2"
	tl := BuildTimeline(ims, TimelineOptions{})
	for i, want := range []Confidence{ConfidenceHigh, ConfidenceMedium, ConfidenceMedium} {
		if got := tl.Entries[i].Confidence; got != want {
			t.Errorf("image %d confidence %s, want %s", i, got, want)
		}
	}
	if tl.Determination != "auto_time_offset" {
		t.Errorf("determination %s", tl.Determination)
	}
}

func TestTimelineContrastStartPreviousDay(t *testing.T) {
	in := img(0, 1, "RF", "") // 10:00 …
	in.Acquired = time.Date(2026, 3, 13, 0, 5, 0, 0, time.UTC)
	in.Contrast.StartTime = "235800"
	tl := BuildTimeline([]*Instance{in}, TimelineOptions{})
	if want := time.Date(2026, 3, 12, 23, 58, 0, 0, time.UTC); !tl.T0.Equal(want) {
		t.Errorf("T0 %v, want %v", tl.T0, want)
	}
}
