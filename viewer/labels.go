package viewer

import (
	"fmt"
	"math"
	"strings"
	"time"

	"hsgview/annotate/wording"
	"hsgview/dicomio"
)

// phaseText names an entry's phase and time for labels: "delayed · +25
// min", with the confidence when it is not high.
func phaseText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	s := string(e.Phase)
	if e.HasMinutes {
		s += " · " + wording.Minutes(e.Minutes)
	}
	switch {
	case e.SetByRadiologist:
		s += " · set by radiologist"
	case e.Confidence != "" && e.Confidence != dicomio.ConfidenceHigh:
		s += " (" + string(e.Confidence) + " confidence)"
	}
	return s
}

// phaseShort gives the shorter forms of phaseText for a narrow pane: the
// phase and minutes, then the minutes (the title's colour chip still
// tells the phase).
func phaseShort(e *dicomio.Entry) []string {
	if e == nil || !e.HasMinutes {
		return nil
	}
	m := wording.Minutes(e.Minutes)
	return []string{string(e.Phase) + " · " + m, m}
}

// evidenceText is what decided an entry's phase, in words: "series
// description 'HSG scout'; no contrast in the image", or "".
func evidenceText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	return strings.Join(e.Evidence, "; ")
}

// seriesText names an instance by series and image number: "S2 #3 RF
// Spot tubal filling".
func seriesText(in *dicomio.Instance) string {
	s := fmt.Sprintf("S%d #%d %s", in.SeriesNumber, in.InstanceNumber, in.Modality)
	if d := strings.TrimSpace(in.SeriesDescription); d != "" {
		s += " " + d
	}
	return s
}

// paneTitle is the label above a pane: series, phase and time from T0.
func paneTitle(in *dicomio.Instance, e *dicomio.Entry) string {
	s := seriesText(in)
	if p := phaseText(e); p != "" {
		s += " · " + p
	}
	return s
}

// formatClock writes an acquisition time as 09:41:05.
func formatClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("15:04:05")
}

// fpsText describes a cine rate and its source: "15 fps (FrameTime)".
func fpsText(c dicomio.Cine) string {
	if c.FPS <= 0 {
		return ""
	}
	v := fmt.Sprintf("%.3g", c.FPS)
	if c.FPS >= 10 {
		v = fmt.Sprintf("%.0f", c.FPS)
		if math.Abs(c.FPS-math.Round(c.FPS)) >= 0.05 {
			v = fmt.Sprintf("%.1f", c.FPS)
		}
	}
	if c.FPSSource == "" {
		return v + " fps"
	}
	return v + " fps (" + c.FPSSource + ")"
}
