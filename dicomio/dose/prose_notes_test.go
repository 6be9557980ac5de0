package dose

import "testing"

// TestProseNotes: the notes of a summary (shown under the report panel's
// dose block) read in Russian too; a user's text inside them is kept.
func TestProseNotes(t *testing.T) {
	for in, want := range map[string]string{
		"the dose report has no DAP, fluoroscopy time or air kerma total": "в протоколе дозы нет итогов произведения дозы на площадь, времени рентгеноскопии и кермы в воздухе",
		`dose-area product unit "dGy.cm2" not understood`:                 `единица произведения дозы на площадь "dGy.cm2" не распознана`,
		"dose report not read: file truncated":                            "протокол дозы (RDSR) не прочитан: file truncated",
	} {
		if got := Prose(in, "ru"); got != want {
			t.Errorf("Prose(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
