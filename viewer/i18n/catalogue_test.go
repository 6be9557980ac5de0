package i18n

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "add the keys the code uses to translations/en.json")

// A use is one key the code asks the catalogue for.
type use struct {
	key    string
	plural bool   // lang.N
	value  string // lang.X's fallback, the English words
	pos    string
}

// scanned are the roots whose Go sources (tests excluded) are scanned for
// keys: every package that shows something to the user.
var scanned = []string{"..", "../../cmd/hsgview"}

// scanUses returns every key in a lang.L, lang.N or lang.X call or an
// i18n.K or i18n.Err mark with a constant string (a literal, a constant of
// the package or a sum of them), and the positions of calls whose key is
// not a constant (they cannot be checked here).
func scanUses(t *testing.T) (uses []use, dynamic []string) {
	t.Helper()
	fset := token.NewFileSet()
	// The packages' files, by folder: constants are the package's.
	byDir := map[string][]*ast.File{}
	var dirs []string
	for _, root := range scanned {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			dir := filepath.Dir(p)
			if byDir[dir] == nil {
				dirs = append(dirs, dir)
			}
			byDir[dir] = append(byDir[dir], f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range dirs {
		consts := map[string]string{}
		for _, f := range byDir[dir] {
			for k, v := range fileConsts(f) {
				consts[k] = v
			}
		}
		for _, f := range byDir[dir] {
			langName, i18nName := importName(f, "fyne.io/fyne/v2/lang"), importName(f, "github.com/hsgview/hsgview/"+"viewer/i18n")
			if f.Name.Name == "i18n" && strings.HasSuffix(dir, "i18n") {
				i18nName = "."
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				var pkg, fn string
				switch x := call.Fun.(type) {
				case *ast.SelectorExpr:
					if id, ok := x.X.(*ast.Ident); ok {
						pkg, fn = id.Name, x.Sel.Name
					}
				case *ast.Ident:
					pkg, fn = ".", x.Name
				}
				pos := fset.Position(call.Pos()).String()
				var u use
				switch {
				case langName != "" && pkg == langName && (fn == "L" || fn == "Localize"):
					u = use{}
				case langName != "" && pkg == langName && (fn == "N" || fn == "LocalizePlural"):
					u = use{plural: true}
				case langName != "" && pkg == langName && (fn == "X" || fn == "LocalizeKey") && len(call.Args) >= 2:
					v, ok := constString(call.Args[1], consts)
					if !ok {
						dynamic = append(dynamic, pos)
						return true
					}
					u = use{value: v}
				case i18nName != "" && pkg == i18nName && (fn == "K" || fn == "Err"):
					u = use{}
				default:
					return true
				}
				k, ok := constString(call.Args[0], consts)
				if !ok {
					dynamic = append(dynamic, pos)
					return true
				}
				u.key, u.pos = k, pos
				if u.value == "" {
					u.value = k
				}
				uses = append(uses, u)
				return true
			})
		}
	}
	return uses, dynamic
}

// importName is the name a file uses for the package at path ("" when it
// does not import it).
func importName(f *ast.File, path string) string {
	for _, im := range f.Imports {
		if p, _ := strconv.Unquote(im.Path.Value); p == path {
			if im.Name != nil {
				return im.Name.Name
			}
			return path[strings.LastIndex(path, "/")+1:]
		}
	}
	return ""
}

// fileConsts are the string constants declared in f.
func fileConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if i < len(vs.Values) {
					if v, ok := constString(vs.Values[i], out); ok {
						out[n.Name] = v
					}
				}
			}
		}
	}
	return out
}

// constString evaluates a string literal, a constant of the file or a sum
// of them.
func constString(e ast.Expr, consts map[string]string) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[x.Name]
		return s, ok
	case *ast.ParenExpr:
		return constString(x.X, consts)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(x.X, consts)
		b, ok2 := constString(x.Y, consts)
		return a + b, ok1 && ok2
	}
	return "", false
}

// entry is one catalogue message: a string, or plural forms.
type entry struct {
	text  string
	forms map[string]string
}

func readCatalogue(t *testing.T, code string) (map[string]entry, []byte) {
	t.Helper()
	b, err := catalogues.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	out := map[string]entry{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = entry{text: s}
			continue
		}
		var m map[string]string
		if err := json.Unmarshal(v, &m); err != nil {
			t.Errorf("%s.json: %q is neither a string nor plural forms: %v", code, k, err)
			continue
		}
		if reserved(k) && len(m) == 1 && m["other"] != "" {
			out[k] = entry{text: m["other"]} // see reserved
			continue
		}
		out[k] = entry{forms: m}
	}
	return out, b
}

// reserved reports whether go-i18n reads a top-level key with a string
// value as a part of a message rather than a message ("Other",
// "Description", …): such a key is written {"other": "words"}, or the
// whole file fails to load.
func reserved(k string) bool {
	switch strings.ToLower(k) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
		return true
	}
	return false
}

// pluralForms are the CLDR plural categories of cardinal numbers.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"ru": {"one", "few", "many", "other"},
}

// verbs are the fmt verbs of s (the explicit argument indexes a
// translation may use to reorder them dropped), sorted.
var verbRe = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRe.FindAllString(s, -1) {
		if v == "%%" {
			continue
		}
		out = append(out, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(v, ""))
	}
	sort.Strings(out)
	return out
}

var templRe = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func templateFields(s string) []string {
	var out []string
	for _, m := range templRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// TestCatalogue checks the catalogues (with -update: rewrites en.json
// from the keys the code uses and ru.json in the same order, dropping
// the keys no longer used) against each other and the code:
// the same keys in en.json and ru.json; every key the code uses in both;
// no key unused; no empty words; plural keys with every plural form of
// the language (and plain keys without); the same fmt verbs and template
// fields in every form as in the key; both files load in go-i18n and in
// Fyne (a key that is a go-i18n reserved word such as "Description"
// would make the whole file fail to load).
func TestCatalogue(t *testing.T) {
	uses, dynamic := scanUses(t)
	if len(uses) < 100 {
		t.Fatalf("only %d keys found in the code: is the scan looking at the right folders?", len(uses))
	}
	for _, p := range dynamic {
		t.Logf("key not a constant (not checked here): %s", p)
	}
	used := map[string]use{}
	for _, u := range uses {
		if prev, ok := used[u.key]; ok && prev.plural != u.plural {
			t.Errorf("%q used both with and without a count: %s, %s", u.key, prev.pos, u.pos)
		}
		used[u.key] = u
	}
	en, _ := readCatalogue(t, "en")
	ru, _ := readCatalogue(t, "ru")
	if *update {
		writeEnglish(t, en, used)
		writeRussian(t, ru, used)
		en, _ = readCatalogue(t, "en")
		ru, _ = readCatalogue(t, "ru")
	}
	for code, cat := range map[string]map[string]entry{"en": en, "ru": ru} {
		other := ru
		if code == "ru" {
			other = en
		}
		var missing []string
		for k, u := range used {
			if _, ok := cat[k]; !ok {
				missing = append(missing, fmt.Sprintf("%q (%s)", k, u.pos))
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s.json lacks %s", code, m)
		}
		for k, e := range cat {
			if _, ok := other[k]; !ok {
				t.Errorf("%q is in %s.json only", k, code)
			}
			if _, ok := used[k]; !ok && k != probeKey {
				t.Errorf("%s.json: %q is used nowhere in the code", code, k)
			}
			checkEntry(t, code, k, e, used[k])
		}
	}
	if en[probeKey].text != "en" || ru[probeKey].text != "ru" {
		t.Errorf("the probe %q must say each catalogue's code", probeKey)
	}
	// Each file loads alone in go-i18n, as Fyne loads it.
	for _, code := range []string{"en", "ru"} {
		b, _ := catalogues.ReadFile("translations/" + code + ".json")
		bundle := goi18n.NewBundle(language.English)
		if _, err := bundle.ParseMessageFileBytes(b, code+".json"); err != nil {
			t.Errorf("%s.json does not load: %v", code, err)
		}
	}
	t.Logf("%d keys used in the code (%d with plural forms), %d in each catalogue", len(used), countPlural(used), len(en))
}

func countPlural(used map[string]use) int {
	n := 0
	for _, u := range used {
		if u.plural {
			n++
		}
	}
	return n
}

func checkEntry(t *testing.T, code, k string, e entry, u use) {
	t.Helper()
	want := verbs(k)
	wantT := templateFields(k)
	check := func(form, s string) {
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s.json: %q%s is empty", code, k, form)
			return
		}
		if got := verbs(s); !slices.Equal(got, want) {
			t.Errorf("%s.json: %q%s = %q has the verbs %v, the key %v", code, k, form, s, got, want)
		}
		if got := templateFields(s); !slices.Equal(got, wantT) {
			t.Errorf("%s.json: %q%s = %q has the fields %v, the key %v", code, k, form, s, got, wantT)
		}
		if strings.TrimSpace(s) != s && strings.TrimSpace(k) == k {
			t.Errorf("%s.json: %q%s = %q has spaces around it", code, k, form, s)
		}
	}
	if u.plural {
		if e.forms == nil {
			t.Errorf("%s.json: %q is used with a count (lang.N) but has no plural forms", code, k)
			return
		}
		for _, f := range pluralForms[code] {
			if _, ok := e.forms[f]; !ok {
				t.Errorf("%s.json: %q lacks the plural form %q", code, k, f)
			}
		}
		for f, s := range e.forms {
			if !slices.Contains(pluralForms[code], f) {
				t.Errorf("%s.json: %q has the form %q, which %s has not", code, k, f, code)
			}
			check("["+f+"]", s)
		}
		return
	}
	if e.forms != nil {
		t.Errorf("%s.json: %q has plural forms but is used without a count", code, k)
		return
	}
	check("", e.text)
	if code == "en" && k != probeKey && e.text != u.value {
		t.Errorf("en.json: %q = %q; the English words are the key's (or lang.X's fallback) %q", k, e.text, u.value)
	}
}

// writeEnglish rewrites en.json with every key used: the English words are
// the key (lang.X: its fallback); a new plural key gets the key as both
// forms, to be corrected by hand. Keys no longer used are dropped.
func writeEnglish(t *testing.T, en map[string]entry, used map[string]use) {
	t.Helper()
	out := map[string]any{probeKey: "en"}
	for k, u := range used {
		switch {
		case u.plural && en[k].forms != nil:
			out[k] = en[k].forms
		case u.plural:
			out[k] = map[string]string{"one": k, "other": k}
			t.Logf("new plural key %q: write its English forms in en.json", k)
		case reserved(k):
			out[k] = map[string]string{"other": u.value}
		default:
			out[k] = u.value
		}
	}
	if err := os.WriteFile("translations/en.json", marshalCatalogue(t, out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeRussian rewrites ru.json in the catalogues' order, without the
// keys no longer used; the keys it lacks are reported by the test.
func writeRussian(t *testing.T, ru map[string]entry, used map[string]use) {
	t.Helper()
	out := map[string]any{probeKey: "ru"}
	for k := range used {
		e, ok := ru[k]
		switch {
		case !ok:
		case e.forms != nil:
			out[k] = e.forms
		case reserved(k):
			out[k] = map[string]string{"other": e.text}
		default:
			out[k] = e.text
		}
	}
	if err := os.WriteFile("translations/ru.json", marshalCatalogue(t, out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// marshalCatalogue writes a catalogue sorted by key, one entry a line,
// without HTML escaping.
func marshalCatalogue(t *testing.T, m map[string]any) []byte {
	t.Helper()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range keys {
		kb := marshal(t, k)
		vb := marshal(t, m[k])
		fmt.Fprintf(&b, "  %s: %s", kb, vb)
		if i < len(keys)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func marshal(t *testing.T, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	out := bytes.TrimSpace(b.Bytes())
	if m, ok := v.(map[string]string); ok {
		// Plural forms in CLDR order.
		var parts []string
		for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
			if s, ok := m[f]; ok {
				parts = append(parts, fmt.Sprintf("%s: %s", marshal(t, f), marshal(t, s)))
			}
		}
		out = []byte("{" + strings.Join(parts, ", ") + "}")
	}
	return out
}
