package studytext

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// PhaseText names an entry's phase and time for labels: "delayed · +25
// min", with the confidence when it is not high.
func PhaseText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	s := PhaseWord(e.Phase)
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

// PhaseWord names phase p in the interface's language.
func PhaseWord(p dicomio.Phase) string {
	if w, ok := phaseWords[p]; ok {
		return lang.L(w)
	}
	return string(p)
}

// PhaseShort gives the shorter forms of PhaseText for a narrow pane: the
// phase and minutes, then the minutes (the title's colour chip still
// tells the phase).
func PhaseShort(e *dicomio.Entry) []string {
	if e == nil || !e.HasMinutes {
		return nil
	}
	m := l10n.Minutes(e.Minutes, i18n.Lang())
	return []string{PhaseWord(e.Phase) + " · " + m, m}
}

// EvidenceText is what decided an entry's phase, in words: "series
// description 'HSG scout'; no contrast in the image", or "".
func EvidenceText(e *dicomio.Entry) string {
	if e == nil {
		return ""
	}
	ev := make([]string, len(e.Evidence))
	for i, s := range e.Evidence {
		ev[i] = i18n.Known(s)
	}
	return strings.Join(ev, "; ")
}

// SeriesText names an instance by series and image number: "S2 #3 RF
// Spot tubal filling".
func SeriesText(in *dicomio.Instance) string {
	s := fmt.Sprintf("S%d #%d %s", in.SeriesNumber, in.InstanceNumber, in.Modality)
	if d := strings.TrimSpace(in.SeriesDescription); d != "" {
		s += " " + d
	}
	return s
}

// PaneTitle is the label above a pane: series, phase and time from T0.
func PaneTitle(in *dicomio.Instance, e *dicomio.Entry) string {
	s := SeriesText(in)
	if p := PhaseText(e); p != "" {
		s += " · " + p
	}
	return s
}

// Clock writes an acquisition time as 09:41:05.
func Clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l10n.TimeSeconds(t, i18n.Lang())
}

// FPSText describes a cine rate and its source: "15 fps (FrameTime)".
func FPSText(c dicomio.Cine) string {
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

// SexWord writes a DICOM Patient's Sex (F, M, O) in the interface's
// language (Ж, М, Др. in Russian).
func SexWord(s string) string {
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

// KnownAll says the phrases of a lower layer in the interface's language
// (i18n.Known).
func KnownAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = i18n.Known(s)
	}
	return out
}

// PhaseColour is the colour chip of a phase.
func PhaseColour(e *dicomio.Entry) color.Color {
	if e == nil {
		return ui.PhaseUnknown
	}
	switch e.Phase {
	case dicomio.PhaseScout:
		return ui.PhaseScout
	case dicomio.PhaseImmediate:
		return ui.PhaseImmediate
	case dicomio.PhaseDelayed:
		return ui.PhaseDelayed
	}
	return ui.PhaseUnknown
}

// spacingWords say where a file's spacing comes from, as
// dicomio.SpacingSource.Describe does (catalogue keys).
var spacingWords = map[dicomio.SpacingSource]string{
	dicomio.SpacingPixelSpacing:    i18n.K("calibrated (Pixel Spacing)"),
	dicomio.SpacingImager:          i18n.K("at detector (Imager Pixel Spacing, not corrected for magnification)"),
	dicomio.SpacingImagerOverERMF:  i18n.K("magnification-corrected (Imager Pixel Spacing ÷ ERMF)"),
	dicomio.SpacingUserCalibration: i18n.K("user calibration"),
	dicomio.SpacingUncalibrated:    i18n.K("uncalibrated (pixels)"),
}

// SpacingSource says where a file's pixel spacing comes from, in the
// interface's language (dicomio.SpacingSource.Describe in English).
func SpacingSource(s dicomio.SpacingSource) string {
	if w, ok := spacingWords[s]; ok {
		return lang.L(w)
	}
	return s.Describe()
}

// FrameTime returns when frame i was acquired: the instance time plus the
// frame's offset.
func FrameTime(in *dicomio.Instance, i int) time.Time {
	if in.TimeSource == dicomio.TimeNone {
		return time.Time{}
	}
	t := in.Acquired
	if i > 0 && i < len(in.Cine.FrameTimes) {
		t = t.Add(in.Cine.FrameTimes[i])
	}
	return t
}
