package wording

import "testing"

func TestMinutes(t *testing.T) {
	for in, want := range map[float64]string{
		22: "+22 min", 22.4: "+22 min", 1.5: "+1.5 min", 1.04: "+1 min", -3: "−3 min",
		-0.5: "−0.5 min", -0.04: "+0 min", 0: "+0 min", 9.96: "+10 min", 125.5: "+126 min",
	} {
		if got := Minutes(in); got != want {
			t.Errorf("Minutes(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		prec int
		want string
	}{{12.345, 1, "12.3"}, {12.0, 2, "12"}, {0.05, 1, "0.1"}, {-1.25, 1, "-1.3"}} {
		if got := FormatNumber(c.v, c.prec); got != c.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", c.v, c.prec, got, c.want)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "free spill": "Free spill", "гидросальпинкс справа": "Гидросальпинкс справа",
		"ılık": "Ilık", "éclat": "Éclat", "3D": "3D", "\xffbad": "\xffbad",
	} {
		if got := Capitalize(in); got != want {
			t.Errorf("Capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}
