// Package dose summarises a study's patient dose for the HSG report: the
// totals and irradiation events of its X-Ray Radiation Dose SR, else the
// image headers, each figure with its source; the comparison with
// diagnostic reference levels; and an effective-dose estimate in mSv. It
// gives the dose block as data ([Summary]) and as English or Russian
// text ([Summary.Lines]) for the report, the PDF and the viewer.
package dose

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/hsgview/hsgview/internal/privatefile"
)

// CuCoefficient is an effective-dose conversion coefficient (E/KAP) for
// irradiation events with a given added copper filtration.
type CuCoefficient struct {
	CuMM        float64 `json:"cuMm"`
	MSvPerGyCm2 float64 `json:"mSvPerGyCm2"`
}

// DRL are diagnostic reference levels for HSG. A nil level is not
// compared.
type DRL struct {
	DAPGyCm2    *float64 `json:"dapGyCm2,omitempty"`
	FluoroTimeS *float64 `json:"fluoroTimeS,omitempty"`
	AirKermaMGy *float64 `json:"airKermaMGy,omitempty"`
	// Source names where the levels come from; it is printed with them.
	Source string `json:"source"`
}

// Settings are the dose settings: reference levels and effective-dose
// coefficients, each with its source. They are kept in the user's
// configuration folder ([DefaultPath]) so a department can enter its own
// (e.g. institutional «контрольные уровни») in place of the defaults.
type Settings struct {
	DRL DRL `json:"drl"`
	// CuCoefficients are E/KAP by added copper filtration, sorted by
	// CuMM; CuSource names their origin.
	CuCoefficients []CuCoefficient `json:"cuCoefficients"`
	CuSource       string          `json:"cuSource"`
	// SingleCoefficient (mSv per Gy·cm²) converts a DAP whose events'
	// filtration is not known; SingleSource names its origin.
	SingleCoefficient float64 `json:"singleCoefficientMSvPerGyCm2"`
	SingleSource      string  `json:"singleSource"`
}

// Sources of the defaults (see /work/shared/reference/ru-reporting-and-dose.md
// §4.4, §4.5, references R50 and R54).
const (
	SourcePhysMed2021 = "Phys Med 2021;81:40-46 (Novara; PubMed 33373780): E/KAP for HSG by the irradiation event's Cu filtration"
	SourceSingle      = "Phys Med 2021;81:40-46 table value for 0.1 mm Cu, used when the filtration is not known; the paper reports that a single coefficient misestimates E (bias -0.4 mSv, limits of agreement -1.9/+1.2 mSv)"
	SourceUKDRL       = "UK national DRL for HSG as quoted by the RCR AuditLive template \"Assessing the technical quality of the hysterosalpingography service\": 200 cGy·cm² (2 Gy·cm²) DAP, 0.7 min fluoroscopy; no Russian reference level for HSG was found"
)

// Defaults returns the built-in settings:
//
//   - DRL: the UK national DRL for HSG quoted by the RCR (2 Gy·cm² DAP,
//     0.7 min = 42 s fluoroscopy). It is the only national HSG level the
//     reference note found; no Russian level for ГСГ was found, so a
//     Russian department should enter its institutional level.
//   - E/KAP by copper filtration from Phys Med 2021;81:40-46: 0.13, 0.18,
//     0.28, 0.35 mSv per Gy·cm² at 0, 0.1, 0.4, 0.9 mm Cu.
//   - Single coefficient 0.18 mSv per Gy·cm², the paper's value at 0.1 mm
//     Cu, for a DAP whose filtration is unknown. The paper gives no single
//     coefficient and warns against one; 0.18 sits between the unfiltered
//     value (radiography) and the filtered ones (fluoroscopy).
func Defaults() Settings {
	return Settings{
		DRL: DRL{DAPGyCm2: ptr(2.0), FluoroTimeS: ptr(42.0), Source: SourceUKDRL},
		CuCoefficients: []CuCoefficient{
			{0, 0.13}, {0.1, 0.18}, {0.4, 0.28}, {0.9, 0.35},
		},
		CuSource:          SourcePhysMed2021,
		SingleCoefficient: 0.18,
		SingleSource:      SourceSingle,
	}
}

func ptr[T any](v T) *T { return &v }

// DefaultPath returns the dose settings file in the user's configuration
// folder, e.g. ~/.config/hsgview/dose.json on Linux.
func DefaultPath() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("dose settings: %w", err)
	}
	return filepath.Join(d, "hsgview", "dose.json"), nil
}

// maxSettingsSize bounds the file Load accepts.
const maxSettingsSize = 1 << 20

// Load reads the dose settings file. A missing file gives [Defaults] and
// no error; members missing from the file keep their defaults. It fails
// when the file does not parse or a value is not usable (see
// [Settings.Validate]).
func Load(name string) (Settings, error) {
	s := Defaults()
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("dose settings: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSettingsSize+1))
	if err == nil && len(data) > maxSettingsSize {
		err = errors.New("larger than 1 MiB")
	}
	if err == nil {
		// Decoded over the defaults: a member the file leaves out keeps
		// its default; null clears an optional level.
		err = json.Unmarshal(data, &s)
	}
	if err == nil {
		err = s.Validate()
	}
	if err != nil {
		return Defaults(), fmt.Errorf("dose settings %s: %w", name, err)
	}
	return s, nil
}

// Validate checks that levels and coefficients are positive finite
// numbers, that the copper table is sorted by filtration without
// repeats, and that every value has a source.
func (s Settings) Validate() error {
	ok := func(v float64) bool { return v > 0 && !math.IsInf(v, 0) && !math.IsNaN(v) }
	for name, v := range map[string]*float64{"DAP": s.DRL.DAPGyCm2, "fluoroscopy time": s.DRL.FluoroTimeS, "air kerma": s.DRL.AirKermaMGy} {
		if v != nil && !ok(*v) {
			return fmt.Errorf("the %s reference level %g is not a positive number", name, *v)
		}
	}
	if (s.DRL.DAPGyCm2 != nil || s.DRL.FluoroTimeS != nil || s.DRL.AirKermaMGy != nil) && s.DRL.Source == "" {
		return errors.New("the reference levels have no source")
	}
	if len(s.CuCoefficients) == 0 {
		return errors.New("no copper-filtration coefficients")
	}
	for i, c := range s.CuCoefficients {
		if c.CuMM < 0 || math.IsNaN(c.CuMM) || math.IsInf(c.CuMM, 0) || !ok(c.MSvPerGyCm2) {
			return fmt.Errorf("coefficient %g mSv per Gy·cm² at %g mm Cu is not usable", c.MSvPerGyCm2, c.CuMM)
		}
		if i > 0 && c.CuMM <= s.CuCoefficients[i-1].CuMM {
			return errors.New("the copper-filtration coefficients are not sorted by increasing filtration")
		}
	}
	if s.CuSource == "" {
		return errors.New("the copper-filtration coefficients have no source")
	}
	if !ok(s.SingleCoefficient) {
		return fmt.Errorf("the single coefficient %g mSv per Gy·cm² is not a positive number", s.SingleCoefficient)
	}
	if s.SingleSource == "" {
		return errors.New("the single coefficient has no source")
	}
	return nil
}

// WriteFile saves the settings (mode 0600, folder 0700), atomically. It
// refuses settings that do not validate.
func (s Settings) WriteFile(name string) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("dose settings: %w", err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("dose settings: %w", err)
	}
	if err := privatefile.MkdirPrivate(filepath.Dir(name), false); err != nil {
		return fmt.Errorf("dose settings: %w", err)
	}
	if err := privatefile.WriteAtomic(name, buf.Bytes(), ""); err != nil {
		return fmt.Errorf("dose settings %s: %w", name, err)
	}
	return nil
}

// Coefficient returns the E/KAP coefficient (mSv per Gy·cm²) for an event
// with cuMM of added copper, and how it was chosen. Between two table
// filtrations it interpolates linearly: E/KAP rises steadily with Cu
// (0.13 → 0.35 over 0 → 0.9 mm), and nearest-neighbour would make the
// estimate jump at the midpoints (0.25 mm and 0.26 mm would differ by
// 0.10 mSv per Gy·cm²). A filtration in the table gets its published
// value; beyond the last one the last value is kept, not extrapolated,
// since the paper has no data there.
func (s Settings) Coefficient(cuMM float64) (k float64, rule string) {
	return s.CoefficientIn(cuMM, "en")
}

// CoefficientIn is [Settings.Coefficient] with the rule in lang ("en" or
// "ru").
func (s Settings) CoefficientIn(cuMM float64, lang string) (k float64, rule string) {
	lang = Lang(lang)
	w := func(en, ru string) string {
		if lang == "ru" {
			return ru
		}
		return en
	}
	t := s.CuCoefficients
	if len(t) == 0 {
		return s.SingleCoefficient, w("no copper table: single coefficient", "нет таблицы по медному фильтру: единый коэффициент")
	}
	const eps = 1e-9
	i, found := slices.BinarySearchFunc(t, cuMM, func(c CuCoefficient, x float64) int {
		switch {
		case c.CuMM < x-eps:
			return -1
		case c.CuMM > x+eps:
			return 1
		}
		return 0
	})
	switch {
	case found:
		return t[i].MSvPerGyCm2, fmt.Sprintf(w("table value at %s mm Cu", "табличное значение при %s мм Cu"), num(t[i].CuMM, lang))
	case i == 0:
		return t[0].MSvPerGyCm2, fmt.Sprintf(w("below the table: value at %s mm Cu", "ниже таблицы: значение при %s мм Cu"), num(t[0].CuMM, lang))
	case i == len(t):
		return t[i-1].MSvPerGyCm2, fmt.Sprintf(w("above the table: value at %s mm Cu kept, not extrapolated", "выше таблицы: значение при %s мм Cu, без экстраполяции"), num(t[i-1].CuMM, lang))
	}
	a, b := t[i-1], t[i]
	f := (cuMM - a.CuMM) / (b.CuMM - a.CuMM)
	return a.MSvPerGyCm2 + f*(b.MSvPerGyCm2-a.MSvPerGyCm2),
		fmt.Sprintf(w("interpolated between %s and %s mm Cu", "интерполяция между %s и %s мм Cu"), num(a.CuMM, lang), num(b.CuMM, lang))
}
