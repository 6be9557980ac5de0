package i18n

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFromLocales(t *testing.T) {
	for _, c := range []struct {
		locs []string
		want string
	}{
		{nil, "en"},
		{[]string{"ru-RU"}, "ru"},
		{[]string{"ru"}, "ru"},
		{[]string{"de-DE", "ru-RU"}, "ru"}, // the first language hsgview has
		{[]string{"en-GB", "ru"}, "en"},
		{[]string{"de-DE", "fr"}, "en"},
		{[]string{"ru_RU.UTF-8"}, "ru"},
	} {
		if got := fromLocales(c.locs); got != c.want {
			t.Errorf("%v: %q, want %q", c.locs, got, c.want)
		}
	}
}

// TestApplyEnv: the language chosen goes first in LANGUAGE; a plain C or
// POSIX locale, which makes go-locale ignore LANGUAGE, becomes C.UTF-8.
func TestApplyEnv(t *testing.T) {
	for _, c := range []struct {
		env, want map[string]string
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, map[string]string{"LANG": "de_DE.UTF-8", "LANGUAGE": "ru"}},
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "ru"}},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "C"}, map[string]string{"LC_ALL": "C.UTF-8", "LANG": "C", "LANGUAGE": "ru"}},
		{map[string]string{"LC_MESSAGES": "C", "LANG": "en_US.UTF-8"}, map[string]string{"LC_MESSAGES": "C.UTF-8", "LANG": "en_US.UTF-8", "LANGUAGE": "ru"}},
		{map[string]string{"LANGUAGE": "en"}, map[string]string{"LANGUAGE": "ru"}},
	} {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		applyEnv("ru", func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if fmt.Sprint(env) != fmt.Sprint(c.want) {
			t.Errorf("%v: %v, want %v", c.env, env, c.want)
		}
	}
}

// TestSetup switches the interface between the languages: hsgview's
// words, Fyne's own (dialog buttons) and the plural forms follow.
func TestSetup(t *testing.T) {
	t.Cleanup(func() { Setup("en") })
	if got := Setup("ru"); got != "ru" || Lang() != "ru" {
		t.Fatalf("Setup(ru) = %q, Lang %q", got, Lang())
	}
	for key, want := range map[string]string{"Impression": "Заключение", "Recommendations": "Рекомендации",
		"Key images": "Ключевые изображения", "Sign…": "Подписать…", "Delayed image": "Отсроченный снимок", "Cancel": "Отмена",
		"Other": "Прочее", "Description": "Описание"} {
		if got := lang.L(key); got != want {
			t.Errorf("ru %q = %q, want %q", key, got, want)
		}
	}
	for n, want := range map[int]string{1: "1 снимок", 2: "2 снимка", 5: "5 снимков", 11: "11 снимков", 21: "21 снимок", 22: "22 снимка"} {
		if got := fmt.Sprintf(lang.N("%d images", n), n); got != want {
			t.Errorf("ru %d images = %q, want %q", n, got, want)
		}
	}
	if got := Setup("en"); got != "en" || lang.L("Impression") != "Impression" {
		t.Fatalf("back to English: %q, %q", got, lang.L("Impression"))
	}
	for n, want := range map[int]string{1: "1 image", 2: "2 images"} {
		if got := fmt.Sprintf(lang.N("%d images", n), n); got != want {
			t.Errorf("en %d images = %q, want %q", n, got, want)
		}
	}
	if got := Setup("xx"); got != SystemLang() {
		t.Errorf("an unknown choice gives %q, not the system's %q", got, SystemLang())
	}
}

// TestKnown: the phrases of the timeline and the hanging protocol are
// said in the interface's language, parts inside them too; other text is
// left as it is.
func TestKnown(t *testing.T) {
	t.Cleanup(func() { Setup("en") })
	Setup("ru")
	for in, want := range map[string]string{
		"time from first image after scout":                             "время от: первый снимок после обзорного",
		"series description 'HSG delayed 20min'":                        "описание серии «HSG delayed 20min»",
		"no delayed image: the last image is at +12 min after contrast": "нет отсроченного снимка: последний снимок через +12 мин после введения контраста",
		"Delayed image":          "Отсроченный снимок",
		"ContrastBolusStartTime": "ContrastBolusStartTime",
		"something else":         "something else",
	} {
		if got := Known(in); got != want {
			t.Errorf("Known(%q) = %q, want %q", in, got, want)
		}
	}
	Setup("en")
	if got := Known("time from first image after scout"); got != "time from first image after scout" {
		t.Errorf("English: %q", got)
	}
}

// TestChooser: View → Language stores the choice and says, in the
// language shown and in the one chosen, that it applies at the next
// start; the interface does not change before.
func TestChooser(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(800, 600))
	var shown []dialog.Dialog
	d := NewChooser(w, a.Preferences(), func(d dialog.Dialog) { shown = append(shown, d); d.Show() })
	d.Show()
	var radio *widget.RadioGroup
	var confirm *widget.Button
	for _, o := range w.Canvas().Overlays().List() {
		find(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.RadioGroup:
				radio = x
			case *widget.Button:
				if x.Text == "OK" {
					confirm = x
				}
			}
		})
	}
	if radio == nil || confirm == nil {
		t.Fatal("no choice or OK button")
	}
	if len(radio.Options) != 3 || radio.Options[1] != "English" || radio.Options[2] != "Русский" || !strings.HasPrefix(radio.Options[0], "System (") {
		t.Fatalf("options %q", radio.Options)
	}
	if radio.Selected != radio.Options[0] {
		t.Errorf("selected %q before any choice", radio.Selected)
	}
	radio.SetSelected("Русский")
	test.Tap(confirm)
	if got := Chosen(a.Preferences()); got != "ru" {
		t.Fatalf("stored %q", got)
	}
	if Lang() != "en" {
		t.Error("the interface changed before the next start")
	}
	if len(shown) != 1 {
		t.Fatalf("%d notes shown", len(shown))
	}
	var texts []string
	for _, o := range w.Canvas().Overlays().List() {
		find(o, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		})
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "The new language is used from the next start of hsgview.") || !strings.Contains(all, "после перезапуска hsgview") {
		t.Errorf("note %q", all)
	}
}

func find(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			find(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			find(c, fn)
		}
	}
}
