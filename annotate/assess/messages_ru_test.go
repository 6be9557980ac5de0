package assess

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
)

// messageFormats reads the package's sources and returns the format of
// every issue message: the literal passed to errorf, warnf, found,
// newIssue or an identity add.
func messageFormats(t *testing.T) map[string]string {
	t.Helper()
	at := map[string]int{"errorf": 1, "warnf": 1, "found": 1, "newIssue": 2, "add": 3}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fs := token.NewFileSet()
	out := map[string]string{}
	var lit func(e ast.Expr) (string, bool)
	lit = func(e ast.Expr) (string, bool) {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind == token.STRING {
				s, err := strconv.Unquote(x.Value)
				return s, err == nil
			}
		case *ast.BinaryExpr:
			a, ok1 := lit(x.X)
			b, ok2 := lit(x.Y)
			return a + b, ok1 && ok2 && x.Op == token.ADD
		}
		return "", false
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := c.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			i, ok := at[name]
			if !ok || len(c.Args) <= i {
				return true
			}
			if s, ok := lit(c.Args[i]); ok && !strings.HasPrefix(s, "/") {
				out[s] = fs.Position(c.Pos()).String()
			}
			return true
		})
	}
	if len(out) < 100 {
		t.Fatalf("found only %d message formats: the scan no longer sees the messages", len(out))
	}
	return out
}

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

// TestRussianMessagesComplete fails when an issue message has no Russian
// form, when the Russian form has other verbs (a %d where the English has
// a %s would print garbage), or when a Russian form is no longer used.
func TestRussianMessagesComplete(t *testing.T) {
	formats := messageFormats(t)
	for f, pos := range formats {
		ru, ok := ruMessages[f]
		if !ok {
			t.Errorf("%s: no Russian form of %q", pos, f)
			continue
		}
		if a, b := verb.FindAllString(f, -1), verb.FindAllString(ru, -1); !slices.Equal(a, b) {
			t.Errorf("%q: verbs %v, Russian %v", f, a, b)
		}
		if regexp.MustCompile(`\b(the|tube|is|and|of|recorded)\b`).MatchString(verb.ReplaceAllString(ru, "")) {
			t.Errorf("Russian form of %q has English words: %q", f, ru)
		}
	}
	for f := range ruMessages {
		if _, ok := formats[f]; !ok {
			t.Errorf("Russian form of a message no longer used: %q", f)
		}
	}
}

// TestMessageInRussian checks issues of real reports in Russian: sides,
// coded values and lists of findings translated, the English unchanged.
func TestMessageInRussian(t *testing.T) {
	r := report.NewReport("1.2.3")
	r.Tubes.Right.Status = report.TubeSurgicallyAbsent
	r.Tubes.Right.Patency = report.Patent
	r.Tubes.Right.Spill = report.SpillFreePrompt
	r.Tubes.Left.Status = report.TubePresent
	r.Tubes.Left.Patency = report.Occluded
	var got []string
	for _, is := range Validate(r) {
		if strings.HasPrefix(is.Path, "/tubes/") {
			if is.MessageIn("en") != is.Message {
				t.Errorf("English changed: %q vs %q", is.MessageIn("en"), is.Message)
			}
			got = append(got, is.MessageIn("ru"))
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"маточная труба справа отмечена как удалённая, но указаны: проходимость (",
		"маточная труба слева отмечена как непроходимая: укажите уровень окклюзии",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if m := regexp.MustCompile(`\b(right|left|patency|spill|tube)\b`).FindString(all); m != "" {
		t.Errorf("English word %q left in\n%s", m, all)
	}
	// A message without a Russian form, or without its format, reads as it is.
	if got := (Issue{Message: "x"}).MessageIn("ru"); got != "x" {
		t.Errorf("issue without format: %q", got)
	}
}
