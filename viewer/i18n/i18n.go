package i18n

import (
	"embed"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"

	_ "github.com/hsgview/hsgview/internal/cleanlocale" // before Fyne reads the locale (see its doc)
	"github.com/hsgview/hsgview/l10n"
)

//go:embed translations
var catalogues embed.FS

// PrefKey is the preference holding the user's choice of language: "en",
// "ru", or "" (or absent) for the system's.
const PrefKey = "ui.language"

// probeKey is a catalogue entry whose value is the catalogue's language
// code: it tells which catalogue Fyne's localizer actually uses.
const probeKey = "hsgview.language"

var (
	current atomic.Value // string: "en" or "ru"
	mu      sync.Mutex   // serialises Setup
	system  []string     // the system's locales as read at start
)

func init() {
	system, _ = locale.GetLocales()
	// English until the program chooses (Setup): the English catalogue
	// holds the plural forms, and tests see the same words everywhere.
	Setup(l10n.EN)
}

// Lang returns the code of the interface's language: "en" or "ru";
// English until the program calls Setup. Safe for use by any goroutine.
func Lang() string { return current.Load().(string) }

// Chosen returns the language the user set ("en", "ru"), or "" for the
// system's.
func Chosen(p fyne.Preferences) string { return normalise(p.String(PrefKey)) }

// SetChosen stores the user's choice ("en", "ru", or "" for the
// system's); it applies from the next start.
func SetChosen(p fyne.Preferences, code string) { p.SetString(PrefKey, normalise(code)) }

// normalise returns "en", "ru", or "" (the system's) for a stored choice.
func normalise(code string) string {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case l10n.EN:
		return l10n.EN
	case l10n.RU:
		return l10n.RU
	}
	return ""
}

// SystemLang is the language the system asks for: "ru" when the first of
// its locales that is English or Russian is Russian, "en" otherwise.
func SystemLang() string { return fromLocales(system) }

// fromLocales returns the first of the locales (BCP 47 tags or POSIX
// names) that hsgview has a catalogue for, English when none is.
func fromLocales(locs []string) string {
	for _, l := range locs {
		t := strings.ToLower(strings.TrimSpace(l))
		switch {
		case l10n.Lang(t) == l10n.RU:
			return l10n.RU
		case t == "en" || strings.HasPrefix(t, "en-") || strings.HasPrefix(t, "en_"):
			return l10n.EN
		}
	}
	return l10n.EN
}

// Setup loads hsgview's catalogues in the language chosen ("en", "ru";
// anything else: the system's) and returns the code of the language the
// interface now shows. The program calls it once before the first window
// is built (the package's initialiser sets English up before that);
// later calls change the words of what is built after them only.
func Setup(choice string) string {
	mu.Lock()
	defer mu.Unlock()
	want := normalise(choice)
	if want == "" {
		want = SystemLang()
	}
	applyEnv(want, os.Getenv, os.Setenv)
	if err := lang.AddTranslationsFS(catalogues, "translations"); err != nil {
		fyne.LogError("hsgview: the interface's translations could not be loaded", err)
	}
	got := l10n.Lang(lang.X(probeKey, l10n.EN))
	current.Store(got)
	return got
}

// applyEnv makes go-locale report code as the user's language: LANGUAGE
// lists it first. go-locale ignores LANGUAGE when the locale in force
// (the first set of LC_ALL, LC_MESSAGES, LANG) is plain "C" or "POSIX",
// so that one is made "C.UTF-8" (the same locale, with UTF-8 text).
func applyEnv(code string, getenv func(string) string, setenv func(string, string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			_ = setenv(name, "C.UTF-8")
		}
		break
	}
	_ = setenv("LANGUAGE", code)
}

// K marks s as a catalogue key without translating it: for a table built
// before the catalogue is loaded (a package variable, an init function).
// The code that shows the text translates it with lang.L.
func K(s string) string { return s }

// Err is an error whose text is a catalogue key, said in the
// interface's language when shown: for errors made before the catalogue
// loads (package variables) and compared with errors.Is.
type Err string

func (e Err) Error() string { return lang.L(string(e)) }
