package assess

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
)

// MessageIn returns the issue's message in lang ("en" or "ru"; see
// l10n.Lang), for a radiologist whose screen speaks that language: the
// Russian form of its format from ruMessages with its words translated
// (sides, the words of coded values, the findings listed), numbers with the
// decimal comma; names, UIDs and what the user typed stay as they are. An
// issue without a known Russian form, or in English, reads as Message.
func (i Issue) MessageIn(lang string) string {
	if l10n.Lang(lang) != l10n.RU || i.Format == "" {
		return i.Message
	}
	f, ok := ruMessages[i.Format]
	if !ok {
		return i.Message
	}
	args := make([]any, len(i.Args))
	for k, a := range i.Args {
		args[k] = ruArg(a)
	}
	return fmt.Sprintf(f, args...)
}

// ruWords are the words issue messages put into their formats, other than
// the words of coded values (which come from report.EnumLabelsRU).
var ruWords = map[string]string{
	"right": "справа", "left": "слева",
	"patient ID": "идентификатор пациента", "patient name": "ФИО пациента", "birth date": "дата рождения",
	"opacification": "контрастирование", "spill": "выход контраста в брюшную полость",
	"a hydrosalpinx": "гидросальпинкс", "salpingitis isthmica nodosa": "узловой истмический сальпингит",
	"tubal spasm": "спазм маточной трубы", "peritubal adhesions": "перитубарные спайки",
	"patency": "проходимость",
}

var (
	labelsRUOnce sync.Once
	labelsRU     map[string]string // lower-cased English label → Russian label
)

// ruLabel returns the Russian words of an English label of a coded value,
// matched without regard to case, in lower case when the English was.
func ruLabel(s string) (string, bool) {
	labelsRUOnce.Do(func() {
		labelsRU = map[string]string{}
		for t, en := range report.EnumLabels {
			ru := report.EnumLabelsRU[t]
			for code, l := range en {
				if r, ok := ru[code]; ok {
					labelsRU[strings.ToLower(l)] = r
				}
			}
		}
	})
	r, ok := labelsRU[strings.ToLower(s)]
	if ok && s != "" && s == strings.ToLower(s) {
		r = lowerFirst(r)
	}
	return r, ok
}

// ruArg translates one argument of a message: a word, a label, a list of
// them ("patency (patent), spill and a hydrosalpinx"), a number written
// with a point; anything else is returned as it is.
func ruArg(a any) any {
	switch v := a.(type) {
	case string:
		return ruText(v)
	case fmt.Stringer:
		if reflect.TypeOf(a).Kind() == reflect.String {
			return ruText(v.String())
		}
	}
	if reflect.TypeOf(a) != nil && reflect.TypeOf(a).Kind() == reflect.String {
		// A coded value (a named string type): its Russian words.
		return ruText(reflect.ValueOf(a).String())
	}
	return a
}

func ruText(s string) string {
	if w, ok := ruWords[s]; ok {
		return w
	}
	if w, ok := ruLabel(s); ok {
		return w
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return l10n.Decimal(s, l10n.RU)
	}
	// "x (y)": a word with its value.
	if head, rest, ok := strings.Cut(s, " ("); ok && strings.HasSuffix(rest, ")") {
		if h, ok1 := ruWords[head]; ok1 {
			return h + " (" + ruText(strings.TrimSuffix(rest, ")")) + ")"
		}
	}
	// A list joined by english.joinAnd: "a, b and c".
	if strings.Contains(s, " and ") {
		parts := strings.Split(s, ", ")
		last := parts[len(parts)-1]
		if a, b, ok := strings.Cut(last, " and "); ok {
			parts = append(parts[:len(parts)-1], a, b)
		}
		out := make([]string, len(parts))
		for k, p := range parts {
			out[k] = ruText(p)
			if out[k] == p && !isName(p) {
				return s // a piece not known: leave the list whole rather than half-translated
			}
		}
		return russian.joinAnd(out)
	}
	return s
}

// isName reports whether s is not a word to translate (digits, a UID).
func isName(s string) bool { return strings.Trim(s, "0123456789.") == "" }
