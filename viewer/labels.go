package viewer

import (
	"fmt"
	"math"
	"strings"
	"time"

	"hsgview/dicomio"
	"hsgview/l10n"
	"hsgview/viewer/i18n"

	"fyne.io/fyne/v2/lang"
)

// phaseText names an entry's phase and time for labels: "delayed · +25
// min", with the confidence when it is not high.
func phaseText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	s := phaseWord(e.Phase)
	if e.HasMinutes {
		s += " · " + l10n.Minutes(e.Minutes, i18n.Lang())
	}
	switch {
	case e.SetByRadiologist:
		s += " · " + lang.L("set by radiologist")
	case e.Confidence == dicomio.ConfidenceMedium:
		s += " (" + lang.L("medium confidence") + ")"
	case e.Confidence == dicomio.ConfidenceLow:
		s += " (" + lang.L("low confidence") + ")"
	case e.Confidence != "" && e.Confidence != dicomio.ConfidenceHigh:
		s += " (" + string(e.Confidence) + ")"
	}
	return s
}

// phaseWords name the phases of the HSG timeline (catalogue keys).
var phaseWords = map[dicomio.Phase]string{dicomio.PhaseScout: i18n.K("scout"), dicomio.PhaseImmediate: i18n.K("immediate"),
	dicomio.PhaseDelayed: i18n.K("delayed"), dicomio.PhaseOther: i18n.K("other"), dicomio.PhaseUnknown: i18n.K("unknown")}

// phaseWord names phase p in the interface's language.
func phaseWord(p dicomio.Phase) string {
	if w, ok := phaseWords[p]; ok {
		return lang.L(w)
	}
	return string(p)
}

// phaseShort gives the shorter forms of phaseText for a narrow pane: the
// phase and minutes, then the minutes (the title's colour chip still
// tells the phase).
func phaseShort(e *dicomio.Entry) []string {
	if e == nil || !e.HasMinutes {
		return nil
	}
	m := l10n.Minutes(e.Minutes, i18n.Lang())
	return []string{phaseWord(e.Phase) + " · " + m, m}
}

// evidenceText is what decided an entry's phase, in words: "series
// description 'HSG scout'; no contrast in the image", or "".
func evidenceText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	ev := make([]string, len(e.Evidence))
	for i, s := range e.Evidence {
		ev[i] = i18n.Known(s)
	}
	return strings.Join(ev, "; ")
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
	return l10n.TimeSeconds(t, i18n.Lang())
}

// fpsText describes a cine rate and its source: "15 fps (FrameTime)".
func fpsText(c dicomio.Cine) string {
	if c.FPS <= 0 {
		return ""
	}
	ui := i18n.Lang()
	v := l10n.Significant(c.FPS, ui)
	if c.FPS >= 10 {
		v = l10n.Number(c.FPS, 0, ui)
		if math.Abs(c.FPS-math.Round(c.FPS)) >= 0.05 {
			v = l10n.Fixed(c.FPS, 1, ui)
		}
	}
	v += " " + l10n.Unit("fps", ui)
	if c.FPSSource == "" {
		return v
	}
	return v + " (" + c.FPSSource + ")"
}

// sexWord writes a DICOM Patient's Sex (F, M, O) in the interface's
// language (Ж, М, Др. in Russian).
func sexWord(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "F":
		return lang.X("sex.F", "F")
	case "M":
		return lang.X("sex.M", "M")
	case "O":
		return lang.X("sex.O", "O")
	}
	return s
}

// knownAll says the phrases of a lower layer in the interface's language
// (i18n.Known).
func knownAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = i18n.Known(s)
	}
	return out
}
