package assess

import (
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// A sayer reads an impression sentence of one language: which claims it
// makes that the findings must bear out, and which sides it names. The
// property and table tests run once per language with its sayer, so the
// guard-rails are checked on the Russian words as on the English ones.
type sayer struct {
	lang string
	// says maps each claim (see claims) to whether a sentence makes it.
	says map[string]func(s string) bool
	// sides returns the sides a tube sentence names, and false when it
	// names none; other reports whether a one-side sentence names sd.
	sides func(s string) ([]report.Side, bool)
	other func(s string, sd report.Side) bool
	// normal is the normal-study sentence; selectiveDone starts the
	// sentence of a selective salpingography no tube sentence carries.
	normal, selectiveDone string
	caveats               []string
	mm                    *regexp.Regexp // a size: approximate sign, number, in mm
}

// claims are the things a sentence can say, in the order they are
// compared between languages.
var claims = []string{"patent", "occluded", "freeSpill", "loculated", "noDelayedSpill", "hydro", "absent", "sin",
	"sterilisation", "clarify", "delayed", "spasm", "conflict", "incomplete"}

func contains(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

func matches(re string) func(string) bool { return regexp.MustCompile(re).MatchString }

var enSayer = &sayer{
	lang: "en",
	says: map[string]func(string) bool{
		"patent": func(s string) bool {
			return (strings.Contains(s, "patent") || strings.Contains(s, "patency")) && !strings.Contains(s, "patency indeterminate")
		},
		"occluded": func(s string) bool {
			return strings.Contains(strings.ReplaceAll(s, "spasm versus proximal occlusion", ""), "occlu")
		},
		"freeSpill":      contains("free intraperitoneal spill"),
		"loculated":      contains("loculated"),
		"noDelayedSpill": contains("no spill on the delayed image"),
		"hydro":          func(s string) bool { return strings.Contains(strings.ToLower(s), "hydrosalpin") },
		"absent":         contains("surgically absent"),
		"sin":            contains("salpingitis isthmica nodosa"),
		"sterilisation":  contains("sterilisation"),
		"clarify":        contains("selective salpingography could clarify"),
		"delayed":        matches(`on the delayed image|^Delayed image`),
		"spasm":          contains("spasm"),
		"conflict":       contains("conflict"),
		"incomplete":     contains("findings incomplete"),
	},
	sides: func(s string) ([]report.Side, bool) {
		switch {
		case strings.HasPrefix(s, "Right "):
			return []report.Side{report.Right}, true
		case strings.HasPrefix(s, "Left "):
			return []report.Side{report.Left}, true
		case strings.HasPrefix(s, "Bilateral "), strings.HasPrefix(s, "Both "), strings.HasPrefix(s, "Neither "), s == normalText:
			return []report.Side{report.Right, report.Left}, true
		}
		return nil, false
	},
	other: func(s string, sd report.Side) bool {
		return strings.Contains(strings.ToLower(s), string(sd)) || strings.Contains(s, "Bilateral")
	},
	normal: normalText, selectiveDone: "Selective salpingography performed",
	caveats: []string{limitedPrefix, nonDiagnosticPrefix},
	mm:      regexp.MustCompile(`([≈<]?)(\d+(?:\.\d+)?) mm`),
}

// ruWord matches a Russian word form on its own, not inside a longer
// word: «проходима» but not «непроходима».
func ruWord(forms string) func(string) bool {
	return matches(`(?:^|[^\p{L}])(?:` + forms + `)(?:[^\p{L}]|$)`)
}

var ruSayer = &sayer{
	lang: "ru",
	says: map[string]func(string) bool{
		// A blocked tube never reads «проходима», nor two «проходимы».
		"patent": ruWord(`[Пп]роходим[аы]`),
		"occluded": func(s string) bool {
			s = strings.ToLower(strings.ReplaceAll(s, "спазм или проксимальная окклюзия", ""))
			return strings.Contains(s, "окклюз") || strings.Contains(s, "непроходим")
		},
		"freeSpill": func(s string) bool {
			return strings.Contains(s, "свободно поступает в брюшную полость") ||
				strings.Contains(s, "свободное поступление контрастного вещества в брюшную полость")
		},
		"loculated":      contains("осумкован"),
		"noDelayedSpill": contains("на отсроченном снимке поступления контрастного вещества в брюшную полость нет"),
		"hydro":          func(s string) bool { return strings.Contains(strings.ToLower(s), "гидросальпинкс") },
		"absent":         contains("удален"),
		"sin":            contains("сальпингит"),
		"sterilisation":  contains("стерилизац"),
		"clarify":        contains("для уточнения возможна селективная сальпингография"),
		"delayed":        matches(`на отсроченном снимке|^Отсроченный снимок`),
		"spasm":          contains("спазм"),
		"conflict":       contains("противореч"),
		"incomplete":     contains("данные неполные"),
	},
	sides: func(s string) ([]report.Side, bool) {
		right := strings.Contains(s, "Правая") || strings.Contains(s, "правой") || strings.Contains(s, "справа")
		left := strings.Contains(s, "Левая") || strings.Contains(s, "левой") || strings.Contains(s, "слева")
		switch {
		case s == russian.t("normal"), strings.Contains(s, "обеих"), strings.HasPrefix(s, "Обе "), strings.HasPrefix(s, "Двусторонний "):
			return []report.Side{report.Right, report.Left}, true
		case right && !left:
			return []report.Side{report.Right}, true
		case left && !right:
			return []report.Side{report.Left}, true
		}
		return nil, false
	},
	other: func(s string, sd report.Side) bool {
		words := map[report.Side][]string{report.Right: {"Правая", "правой", "справа"}, report.Left: {"Левая", "левой", "слева"}}[sd]
		return slices.ContainsFunc(append(words, "обеих", "Обе ", "Двусторон"), func(w string) bool { return strings.Contains(s, w) })
	},
	normal: russian.t("normal"), selectiveDone: "Выполнена селективная сальпингография",
	caveats: []string{russian.t("limitedPrefix"), russian.t("nonDiagPrefix")},
	mm:      regexp.MustCompile(`([≈<]?)(\d+(?:,\d+)?)\x{a0}мм`),
}

var sayers = []*sayer{enSayer, ruSayer}

// claimsOf returns the claims s makes.
func (l *sayer) claimsOf(s string) []string {
	var out []string
	for _, c := range claims {
		if l.says[c](s) {
			out = append(out, c)
		}
	}
	return out
}

// sizesOf returns the sizes s prints, as "≈18" with a decimal point.
func (l *sayer) sizesOf(s string) []string {
	var out []string
	for _, m := range l.mm.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+strings.Replace(m[2], ",", ".", 1))
	}
	return out
}

// inLang returns r's impression and recommendations in lang, leaving r
// as it was.
func inLang(r *report.Report, lang string) ([]report.ImpressionItem, []report.Recommendation) {
	old := r.Language
	defer func() { r.Language = old }()
	r.Language = lang
	return GenerateImpression(r), GenerateRecommendations(r)
}

// englishWord is an English word no Russian sentence uses: a Russian
// sentence that has one fell back to English.
var englishWord = regexp.MustCompile(`\b(?:the|tube|tubes|with|and|of|patent|spill|cavity|uterine|filling|defects?|recorded|not|study|image|likely|suggestive|recommended|contrast|septate|bicornuate)\b`)

// checkRussianTwin checks the impression of r in Russian against the one
// in English: the same sentences, item for item (category, findings,
// claims and sizes), the same recommendations, and Russian words only.
// It is called by every table test of the impression.
func checkRussianTwin(t *testing.T, r *report.Report) {
	t.Helper()
	en, enRecs := inLang(r, "en")
	ru, ruRecs := inLang(r, "ru")
	if len(en) != len(ru) {
		t.Fatalf("%d sentences in English, %d in Russian:\n%s\n%s", len(en), len(ru), report.ImpressionText(en), report.ImpressionText(ru))
	}
	for i := range en {
		e, g := en[i], ru[i]
		if e.Category != g.Category || !slices.Equal(e.FindingRefs, g.FindingRefs) || !g.Auto || g.GeneratedText != g.Text {
			t.Errorf("item %d: %+v in English, %+v in Russian", i, e, g)
		}
		if ce, cr := enSayer.claimsOf(e.Text), ruSayer.claimsOf(g.Text); !slices.Equal(ce, cr) {
			t.Errorf("item %d says %q in English, %q in Russian:\n%s\n%s", i, ce, cr, e.Text, g.Text)
		}
		if se, sr := enSayer.sizesOf(e.Text), ruSayer.sizesOf(g.Text); !slices.Equal(se, sr) {
			t.Errorf("item %d: sizes %q in English, %q in Russian:\n%s\n%s", i, se, sr, e.Text, g.Text)
		}
		if strings.Count(e.Text, ";") != strings.Count(g.Text, ";") {
			t.Errorf("item %d: the semicolons differ:\n%s\n%s", i, e.Text, g.Text)
		}
		if e.Text == normalText && !strings.Contains(g.Text, "Маточные трубы проходимы с обеих сторон") {
			t.Errorf("normal study: %q", g.Text)
		}
		first := []rune(g.Text)[0]
		if !strings.HasSuffix(g.Text, ".") || !unicode.IsUpper(first) && !unicode.IsDigit(first) {
			t.Errorf("malformed Russian sentence %q", g.Text)
		}
		if m := englishWord.FindString(g.Text); m != "" {
			t.Errorf("English word %q in the Russian sentence %q", m, g.Text)
		}
	}
	if len(enRecs) != len(ruRecs) {
		t.Fatalf("recommendations: %+v in English, %+v in Russian", enRecs, ruRecs)
	}
	for i := range enRecs {
		e, g := enRecs[i], ruRecs[i]
		if e.Code != g.Code || !slices.Equal(e.FindingRefs, g.FindingRefs) || g.Text == "" || g.Text == e.Text ||
			g.Text != g.GeneratedText || g.Text != russian.recText[g.Code] {
			t.Errorf("recommendation %d: %+v in English, %+v in Russian", i, e, g)
		}
	}
}

// TestPhrasebooksComplete checks that the Russian phrasebook has words for
// everything the English one says, with the same verbs to fill in, and
// that no Russian phrase has English words.
func TestPhrasebooksComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(?:\[\d\])?s`)
	same := func(what, en, ru string) {
		t.Helper()
		if ru == "" {
			t.Errorf("%s: no Russian for %q", what, en)
			return
		}
		ve, vr := verbs.FindAllString(en, -1), verbs.FindAllString(ru, -1)
		// The English bilateral occlusion names the site by its adjective
		// (%[2]s), the Russian one by its phrase (%[1]s): the number of
		// values filled in is the same.
		if len(ve) != len(vr) {
			t.Errorf("%s: %q fills in %q, the Russian %q fills in %q", what, en, ve, ru, vr)
		}
		if strings.Count(en, ";") != strings.Count(ru, ";") {
			t.Errorf("%s: the semicolons of %q and %q differ", what, en, ru)
		}
		if m := englishWord.FindString(ru); m != "" {
			t.Errorf("%s: English word %q in %q", what, m, ru)
		}
	}
	for k, e := range english.tube {
		r := russian.tube[k]
		same("tube "+k, e.one, r.one)
		same("tube "+k+" (both)", e.both, r.both)
		if strings.Contains(e.one, sideSubj) != (strings.ContainsAny(r.one, "\x01")) {
			t.Errorf("tube %s: the side is named in %q, not in %q", k, e.one, r.one)
		}
	}
	for k, e := range english.text {
		if k == "normal" { // two sentences in Russian, as Russian reports write it
			continue
		}
		same("text "+k, e, russian.text[k])
	}
	for _, m := range []struct {
		name   string
		en, ru map[string]string
	}{
		{"site", mapOf(english.site, func(s sitePhrase) string { return s.one }), mapOf(russian.site, func(s sitePhrase) string { return s.one })},
		{"spill", mapOf(english.spill, id), mapOf(russian.spill, id)},
		{"outcome", mapOf(english.outcome, id), mapOf(russian.outcome, id)},
		{"where", mapOf(english.where, id), mapOf(russian.where, id)},
		{"extent", mapOf(english.extent, id), mapOf(russian.extent, id)},
		{"nature", mapOf(english.nature, func(s [2]string) string { return s[1] }), mapOf(russian.nature, func(s [2]string) string { return s[1] })},
		{"margin", mapOf(english.margin, id), mapOf(russian.margin, id)},
		{"outpouching", mapOf(english.outpouching, id), mapOf(russian.outpouching, id)},
		{"shape", mapOf(english.shape, id), mapOf(russian.shape, id)},
		{"canal", mapOf(english.canal, id), mapOf(russian.canal, id)},
		{"asrm", mapOf(english.asrm, id), mapOf(russian.asrm, id)},
		{"cervical", mapOf(english.cervical, id), mapOf(russian.cervical, id)},
		{"vaginal", mapOf(english.vaginal, id), mapOf(russian.vaginal, id)},
		{"certainty", mapOf(english.certainty, id), mapOf(russian.certainty, id)},
		{"complication", mapOf(english.compl, id), mapOf(russian.compl, id)},
		{"complication side", mapOf(english.complSide, id), mapOf(russian.complSide, id)},
		{"limitation", mapOf(english.limitation, id), mapOf(russian.limitation, id)},
		{"recommendation", mapOf(english.recText, id), mapOf(russian.recText, id)},
		{"recommendation sentence", mapOf(english.recSentence, id), mapOf(russian.recSentence, id)},
		{"device", mapOf(english.device, func(s [2]string) string { return s[0] }), mapOf(russian.device, func(s [2]string) string { return s[0] })},
	} {
		if len(m.en) != len(m.ru) {
			t.Errorf("%s: %d English words, %d Russian", m.name, len(m.en), len(m.ru))
		}
		for k, e := range m.en {
			same(m.name+" "+k, e, m.ru[k])
		}
	}
	for k, e := range english.anomaly {
		same("anomaly", e, russian.anomaly[k])
	}
	for _, rl := range Rules() {
		if rl.Forbids {
			same("conflict of "+rl.ID, english.t("conflict."+rl.ID), russian.text["conflict."+rl.ID])
		}
	}
	if bookOf("ru-RU") != russian || bookOf("") != english || bookOf("de") != english || bookOf(l10n.RU) != russian {
		t.Error("bookOf does not follow l10n.Lang")
	}
}

func id[T any](v T) T { return v }

// mapOf returns m with string keys and the values f gives.
func mapOf[K ~string, V any](m map[K]V, f func(V) string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[string(k)] = f(v)
	}
	return out
}
