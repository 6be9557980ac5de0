package l10n

import (
	"math"
	"testing"
	"time"
)

func TestLang(t *testing.T) {
	for tag, want := range map[string]string{
		"ru": RU, "RU": RU, "ru-RU": RU, "ru_RU.UTF-8": RU, "ru.UTF-8": RU, " ru ": RU,
		"": EN, "en": EN, "en_GB": EN, "de": EN, "rus": EN, "run": EN, "C": EN,
	} {
		if got := Lang(tag); got != want {
			t.Errorf("Lang(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		v      float64
		prec   int
		en, ru string
		fixEN  string
		sigEN  string
	}{
		{12.4, 1, "12.4", "12,4", "12.4", "12.4"},
		{12.40, 2, "12.4", "12,4", "12.40", "12.4"},
		{0.05, 1, "0.1", "0,1", "0.1", "0.05"},
		{-0.04, 1, "0", "0", "0.0", "-0.04"},
		{1234.5678, 1, "1234.6", "1234,6", "1234.6", "1235"},
		{2.5, 0, "3", "3", "3", "2.5"},
		{-2.5, 0, "-3", "-3", "-3", "-2.5"},
		{0, 2, "0", "0", "0.00", "0"},
		{math.NaN(), 1, "?", "?", "?", "?"},
		{math.Inf(1), 1, "?", "?", "?", "?"},
	} {
		if got := Number(c.v, c.prec, EN); got != c.en {
			t.Errorf("Number(%v, %d, en) = %q, want %q", c.v, c.prec, got, c.en)
		}
		if got := Number(c.v, c.prec, RU); got != c.ru {
			t.Errorf("Number(%v, %d, ru) = %q, want %q", c.v, c.prec, got, c.ru)
		}
		if got := Fixed(c.v, c.prec, EN); got != c.fixEN {
			t.Errorf("Fixed(%v, %d, en) = %q, want %q", c.v, c.prec, got, c.fixEN)
		}
		if got := Significant(c.v, EN); got != c.sigEN {
			t.Errorf("Significant(%v, en) = %q, want %q", c.v, got, c.sigEN)
		}
	}
	if got := Fixed(3.14159, 2, RU); got != "3,14" {
		t.Errorf("Fixed ru = %q", got)
	}
}

func TestUnitsAndQuantities(t *testing.T) {
	for _, c := range []struct {
		v            float64
		prec         int
		unit, en, ru string
	}{
		{12.4, 1, "mm", "12.4\u00a0mm", "12,4\u00a0мм"},
		{22, 0, "min", "22\u00a0min", "22\u00a0мин"},
		{1.23, 2, "Gy·cm²", "1.23\u00a0Gy·cm²", "1,23\u00a0Гр·см²"},
		{0.4, 1, "mSv", "0.4\u00a0mSv", "0,4\u00a0мЗв"},
		{0.1, 1, "mm Cu", "0.1\u00a0mm Cu", "0,1\u00a0мм Cu"},
		{25.4, 1, "dGy·cm²", "25.4\u00a0dGy·cm²", "25,4\u00a0дГр·см²"},
		{50, 0, "%", "50\u00a0%", "50\u00a0%"},
		{3, 0, "furlong", "3\u00a0furlong", "3\u00a0furlong"},
	} {
		if got := Quantity(c.v, c.prec, c.unit, EN); got != c.en {
			t.Errorf("Quantity(%v %s, en) = %q, want %q", c.v, c.unit, got, c.en)
		}
		if got := Quantity(c.v, c.prec, c.unit, RU); got != c.ru {
			t.Errorf("Quantity(%v %s, ru) = %q, want %q", c.v, c.unit, got, c.ru)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(1991, 7, 18, 9, 5, 7, 0, time.UTC)
	for _, c := range []struct{ got, want string }{
		{Date(d, EN), "1991-07-18"},
		{Date(d, RU), "18.07.1991"},
		{Date(time.Time{}, RU), ""},
		{DateDA("19910718", RU), "18.07.1991"},
		{DateDA("1991.07.18", EN), "1991-07-18"},
		{DateDA("19911318", RU), "19911318"},
		{DateDA("1991071", RU), "1991071"},
		{DateDA("", RU), ""},
		{DateISO("1991-07-18", RU), "18.07.1991"},
		{DateISO("yesterday", RU), "yesterday"},
		{Time(d, RU), "09:05"},
		{TimeSeconds(d, EN), "09:05:07"},
		{DateTime(d, RU), "18.07.1991 09:05"},
		{DateTime(d, EN), "1991-07-18 09:05"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestMinutes(t *testing.T) {
	for _, c := range []struct {
		m      float64
		en, ru string
	}{
		{22, "+22 min", "+22 мин"},
		{1.5, "+1.5 min", "+1,5 мин"},
		{-3, "−3 min", "−3 мин"},
		{-0.01, "+0 min", "+0 мин"},
		{0, "+0 min", "+0 мин"},
		{12.6, "+13 min", "+13 мин"},
		{-0.5, "−0.5 min", "−0,5 мин"},
	} {
		if got := Minutes(c.m, EN); got != c.en {
			t.Errorf("Minutes(%v, en) = %q, want %q", c.m, got, c.en)
		}
		if got := Minutes(c.m, RU); got != c.ru {
			t.Errorf("Minutes(%v, ru) = %q, want %q", c.m, got, c.ru)
		}
	}
}
