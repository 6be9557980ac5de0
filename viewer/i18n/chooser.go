package i18n

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/l10n"
)

// restartNote is what the chooser says after a change.
const restartNote = "The new language is used from the next start of hsgview."

// NewChooser returns the View → Language dialog: the system's language
// (named), English or Russian, each language named in its own words. A
// change is stored in p and said to apply at the next start, in the
// language shown now and in the one chosen; show opens that note (the
// window's dialog handling).
func NewChooser(w fyne.Window, p fyne.Preferences, show func(dialog.Dialog)) dialog.Dialog {
	codes := []string{"", l10n.EN, l10n.RU}
	opts := []string{
		lang.L("System") + " (" + l10n.Name(SystemLang()) + ")",
		l10n.Name(l10n.EN),
		l10n.Name(l10n.RU),
	}
	radio := widget.NewRadioGroup(opts, nil)
	was := Chosen(p)
	for i, c := range codes {
		if c == was {
			radio.SetSelected(opts[i])
		}
	}
	radio.Required = true
	hint := widget.NewLabel(lang.L("The language of menus, dialogs and the report form. A new report is written in it too."))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(radio, hint)
	d := dialog.NewCustomConfirm(lang.L("Language"), lang.L("OK"), lang.L("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		code := was
		for i, o := range opts {
			if o == radio.Selected {
				code = codes[i]
			}
		}
		if code == was {
			return
		}
		SetChosen(p, code)
		next := code
		if next == "" {
			next = SystemLang()
		}
		msg := lang.L(restartNote)
		if next != Lang() {
			msg += "\n" + In(next, restartNote)
		}
		show(dialog.NewInformation(lang.L("Language"), msg, w))
	}, w)
	d.Resize(fyne.NewSize(440, 0))
	return d
}

// In returns the words of key in the catalogue of code ("en", "ru"),
// whatever language the interface shows; key itself when the catalogue
// lacks it. For the rare text shown in a language other than the
// interface's (a note in the language just chosen).
func In(code, key string) string {
	b, err := catalogues.ReadFile("translations/" + l10n.Lang(code) + ".json")
	if err != nil {
		return key
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return key
	}
	var s string
	if json.Unmarshal(m[key], &s) != nil || strings.TrimSpace(s) == "" {
		return key
	}
	return s
}
