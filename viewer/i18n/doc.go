// Package i18n owns the language of hsgview's user interface: the
// English and Russian message catalogues (translations/en.json and
// ru.json, embedded, in the go-i18n JSON form Fyne's lang package reads),
// choosing the language at start (the system's, or the one the user set
// in View → Language, kept in the preferences), and the code of the
// language in use ("en" or "ru") for everything the interface formats
// with l10n and for the language of a new report draft.
//
// Every string the viewer shows goes through lang.L (lang.N with a
// count); the key is the English text. en.json holds the English forms
// (identical to the keys, plus the plural forms), ru.json the Russian
// ones with CLDR's one/few/many/other plurals. The catalogue test checks
// that both have the same keys and that every key the code uses is in
// both; "go test ./viewer/i18n -run TestCatalogue -update" adds the keys
// new code uses to en.json and lists the ones ru.json still lacks.
//
// Fyne's lang package picks the catalogue from the system locale
// (github.com/jeandeaual/go-locale; on Linux and the BSDs LANGUAGE,
// LC_ALL, LC_MESSAGES and LANG) every time a catalogue is added. Setup
// therefore writes the chosen language into LANGUAGE before it adds
// hsgview's catalogues, so Fyne's own words (dialog buttons, file
// chooser) come in the same language as hsgview's. Where the system
// locale does not come from the environment (Windows, macOS), a choice
// other than the system's cannot be applied: Lang then reports the
// language actually shown.
//
// The language changes on the next start: the window's widgets are built
// with their words once.
package i18n
