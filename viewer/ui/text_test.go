package ui

import "testing"

func TestLabelText(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{FormatMinutes(25.2), "+25 min"},
		{FormatMinutes(-3), "−3 min"},
		{FormatMinutes(-0.2), "+0 min"},
		{PersonName("Müller^Anna"), "Müller, Anna"},
		{PersonName("Yamada^Tarou=山田^太郎"), "Yamada, Tarou"},
		{PersonName("DEMO"), "DEMO"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
