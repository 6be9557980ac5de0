package dicomweb

import "testing"

func TestMatchName(t *testing.T) {
	for _, c := range []struct {
		p, n string
		ok   bool
	}{
		{"müller*", "Müller-Łukasiewicz^Zoë", true},
		{"M*ller-Ł*", "Müller-Łukasiewicz^Zoë", true},
		{"Mueller*", "Müller-Łukasiewicz^Zoë", false},
		{"DOE^J?NE", "Doe^Jane", true},
		{"DOE", "Doe^Jane", false},
	} {
		if got := matchName(c.p, c.n); got != c.ok {
			t.Errorf("matchName(%q, %q) = %v", c.p, c.n, got)
		}
	}
	if got := asciiPattern("Müller-Łuk*"); got != "M*ller-*uk*" {
		t.Errorf("asciiPattern = %q", got)
	}
}

func TestParseDateRange(t *testing.T) {
	for in, want := range map[string][2]string{
		"20240101-20241231":     {"20240101", "20241231"},
		"2024-01-01-2024-12-31": {"20240101", "20241231"},
		"20240101-":             {"20240101", ""},
		"-20241231":             {"", "20241231"},
		"2024-03-05":            {"20240305", "20240305"},
		"20240305":              {"20240305", "20240305"},
	} {
		f, to, err := ParseDateRange(in)
		if err != nil || f != want[0] || to != want[1] {
			t.Errorf("ParseDateRange(%q) = %q %q %v", in, f, to, err)
		}
	}
	for _, bad := range []string{"2024", "20241231-20240101", "yesterday"} {
		if _, _, err := ParseDateRange(bad); err == nil {
			t.Errorf("ParseDateRange(%q): no error", bad)
		}
	}
}
