package wlpreset

import (
	"encoding/json"
	"fmt"
	"strings"
)

// A Store keeps strings by key; fyne.Preferences is one.
type Store interface {
	String(key string) string
	SetString(key, value string)
}

// Preference keys: the presets, and where presets that could not be read
// are kept so that nothing the user entered is lost.
const (
	KeyPresets = "wl.presets"
	// KeyUnreadable holds the text of the presets when it could not be
	// read, before the defaults replaced them.
	KeyUnreadable = "wl.presets.unreadable"
)

// document is the stored form.
type document struct {
	Version int      `json:"version"`
	Presets []Preset `json:"presets"`
}

const version = 1

// Load returns the presets kept in s: the defaults (names translated
// by tr) when there are none yet. Presets that cannot be read are kept
// under [KeyUnreadable] and the defaults returned with the error; presets
// that fail [Preset.Check] are left out.
func Load(s Store, tr func(string) string) ([]Preset, error) {
	text := s.String(KeyPresets)
	if strings.TrimSpace(text) == "" {
		return Defaults(tr), nil
	}
	var doc document
	err := json.Unmarshal([]byte(text), &doc)
	if err == nil && doc.Version != version {
		err = fmt.Errorf("version %d, not %d", doc.Version, version)
	}
	if err != nil {
		s.SetString(KeyUnreadable, text)
		return Defaults(tr), fmt.Errorf("wlpreset: the saved presets cannot be read (%v); the defaults are used, the old text is kept", err)
	}
	out := make([]Preset, 0, len(doc.Presets))
	for _, p := range doc.Presets {
		p.Modality = NormModality(p.Modality)
		if p.Check() == nil && len(out) < MaxPresets {
			out = append(out, p)
		}
	}
	return out, nil
}

// Save keeps ps in s. It refuses (and keeps nothing) when a preset fails
// [Preset.Check].
func Save(s Store, ps []Preset) error {
	if len(ps) > MaxPresets {
		return fmt.Errorf("wlpreset: more than %d presets", MaxPresets)
	}
	doc := document{Version: version, Presets: make([]Preset, len(ps))}
	for i, p := range ps {
		p.Name = strings.TrimSpace(p.Name)
		p.Modality = NormModality(p.Modality)
		if err := p.Check(); err != nil {
			return fmt.Errorf("wlpreset: preset %d (%q): %w", i+1, p.Name, err)
		}
		doc.Presets[i] = p
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	s.SetString(KeyPresets, string(b))
	return nil
}
