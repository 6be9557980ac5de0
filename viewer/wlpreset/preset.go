package wlpreset

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/hsgview/hsgview/dicomio"
)

// A Preset is a window the user keeps for the images of one modality.
type Preset struct {
	Name string `json:"name"`
	// Modality is the DICOM modality the preset is for ("XA", "RF", "DX",
	// …); empty for every modality.
	Modality string  `json:"modality,omitempty"`
	Center   float64 `json:"center"`
	Width    float64 `json:"width"`
	// Relative says Center and Width are percentages of the image's
	// value range (its full-range window: 0 % is its lowest modality
	// value, 100 % its highest), not modality values. Fluoroscopy and
	// radiography values have no fixed scale (8 to 16 bits, processed by
	// the modality), so a window in absolute values suits one machine's
	// images only; a relative one suits all.
	Relative bool `json:"relative,omitempty"`
}

// Limits of a preset's fields.
const (
	MaxName     = 60
	MaxModality = 16
	MaxPresets  = 200
)

// NormModality returns a modality as presets store it: trimmed, upper
// case.
func NormModality(m string) string { return strings.ToUpper(strings.TrimSpace(m)) }

// Why a preset cannot be kept ([Preset.Check]).
var (
	ErrNoName        = errors.New("a preset needs a name")
	ErrLongName      = fmt.Errorf("the name is longer than %d characters", MaxName)
	ErrLongModality  = fmt.Errorf("the modality is longer than %d characters", MaxModality)
	ErrModalityChars = errors.New("the modality is letters and digits only (XA, RF, DX, CR …), or empty for every modality")
	ErrCenter        = errors.New("the level (centre) is not a number")
	ErrWidth         = errors.New("the width must be a number above zero")
)

// Check returns why p cannot be kept (one of the Err values), or nil.
func (p Preset) Check() error {
	name := strings.TrimSpace(p.Name)
	switch {
	case name == "":
		return ErrNoName
	case len([]rune(name)) > MaxName:
		return ErrLongName
	case len(p.Modality) > MaxModality:
		return ErrLongModality
	case strings.IndexFunc(p.Modality, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0:
		return ErrModalityChars
	case math.IsNaN(p.Center) || math.IsInf(p.Center, 0):
		return ErrCenter
	case !(p.Width > 0) || math.IsInf(p.Width, 0):
		return ErrWidth
	}
	return nil
}

// VOI returns the window p gives an image whose full-range window is
// full, named after p; false when p is relative and the image's range is
// unknown.
func (p Preset) VOI(full dicomio.VOI) (dicomio.VOI, bool) {
	w := dicomio.Window{Center: p.Center, Width: p.Width, Explanation: p.Name}
	if p.Relative {
		if full.LUT != nil || !(full.Width > 0) {
			return dicomio.VOI{}, false
		}
		lo := full.Center - full.Width/2
		w.Center = lo + p.Center/100*full.Width
		w.Width = p.Width / 100 * full.Width
	}
	return dicomio.VOI{Window: w}, true
}

// For returns the presets of ps that apply to an image of modality:
// those for that modality, in their order, then those for every
// modality.
func For(ps []Preset, modality string) []Preset {
	m := NormModality(modality)
	var own, any []Preset
	for _, p := range ps {
		switch NormModality(p.Modality) {
		case m:
			if m != "" {
				own = append(own, p)
			} else {
				any = append(any, p)
			}
		case "":
			any = append(any, p)
		}
	}
	return append(own, any...)
}

// Key returns the window key n (1–9) applies to an image of modality
// whose file gives the windows file and whose full-range window is full:
// the n-th of the user's presets for that modality when it has any (see
// [For]), else the file's n-th window, as before there were presets. It
// also returns the name to report; ok is false when key n has nothing.
func Key(n int, user []Preset, modality string, file []dicomio.VOI, full dicomio.VOI) (voi dicomio.VOI, name string, ok bool) {
	if own := For(user, modality); len(own) > 0 {
		if n < 1 || n > len(own) {
			return dicomio.VOI{}, "", false
		}
		v, ok := own[n-1].VOI(full)
		return v, own[n-1].Name, ok
	}
	if n < 1 || n > len(file) {
		return dicomio.VOI{}, "", false
	}
	return file[n-1], file[n-1].Label(), true
}

// Move returns ps with the preset at i moved to j (both within ps).
func Move(ps []Preset, i, j int) []Preset {
	out := append([]Preset(nil), ps...)
	if i < 0 || j < 0 || i >= len(out) || j >= len(out) || i == j {
		return out
	}
	p := out[i]
	out = append(out[:i], out[i+1:]...)
	out = append(out[:j], append([]Preset{p}, out[j:]...)...)
	return out
}

// Defaults are the presets a new user starts with: relative windows for
// fluoroscopy (XA, RF) and radiography (DX, CR). Fluoroscopy stores
// iodine as low (dark) values, so "Dense contrast" spreads the lower half
// of the range (the filled cavity and tubes) and "Faint contrast" the
// upper part (thin peritoneal spill against the background). tr
// translates the names (nil keeps them in English).
func Defaults(tr func(string) string) []Preset {
	if tr == nil {
		tr = func(s string) string { return s }
	}
	var out []Preset
	for _, m := range []string{"XA", "RF"} {
		out = append(out,
			Preset{Name: tr("Full range"), Modality: m, Center: 50, Width: 100, Relative: true},
			Preset{Name: tr("High contrast"), Modality: m, Center: 50, Width: 50, Relative: true},
			Preset{Name: tr("Dense contrast"), Modality: m, Center: 25, Width: 50, Relative: true},
			Preset{Name: tr("Faint contrast"), Modality: m, Center: 70, Width: 60, Relative: true},
		)
	}
	for _, m := range []string{"DX", "CR"} {
		out = append(out,
			Preset{Name: tr("Full range"), Modality: m, Center: 50, Width: 100, Relative: true},
			Preset{Name: tr("High contrast"), Modality: m, Center: 50, Width: 50, Relative: true},
			Preset{Name: tr("Low contrast"), Modality: m, Center: 50, Width: 140, Relative: true},
		)
	}
	return out
}
