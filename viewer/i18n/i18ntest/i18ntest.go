package i18ntest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/viewer/i18n"
)

// Use sets the interface's language to code ("en", "ru") for the test and
// back to English when it ends. Build the screens after it.
func Use(t testing.TB, code string) {
	t.Helper()
	if got := i18n.Setup(code); got != code {
		t.Fatalf("the interface could not be set to %q (it is %q)", code, got)
	}
	t.Cleanup(func() { i18n.Setup("en") })
}

// Allowed are the words written in Latin letters that a Russian screen
// may show: DICOM and other standards' names and attributes, units and
// chemical symbols, file formats, key names, classifications and proper
// names. Compared without regard to case.
var Allowed = []string{
	// standards, formats, protocols
	"DICOM", "DICOMweb", "DICOMDIR", "PACS", "HTTP", "HTTPS", "URL", "PDF", "PNG", "CSV", "PEM", "zip", "CD", "USB",
	"SR", "KOS", "GSPS", "RDSR", "MPPS", "UID", "SOP", "ID", "Encapsulated", "Study", "Instance", "Series",
	"Pixel", "Spacing", "Imager", "ERMF", "PatientOrientation", "ContrastBolusStartTime", "FrameTime",
	"CineRate", "RecommendedDisplayFrameRate", "FrameTimeVector", "bearer", "chmod", "mnt", "media",
	"RF", "XA", "DX", "CR", "OT", "SC", "CT", "MR", "US",
	// classifications, scales and their authors; Latin terms the Russian
	// words of coded values keep beside them
	"ESHRE", "ESGE", "ASRM", "MAC", "AFS", "RCR", "Hull", "Rutherford", "Dusak", "Phys", "Med", "GMC",
	"AuditLive", "Valle", "Sciarra", "Toaff", "Ballas", "March", "ESH", "Donnez", "Nisolle", "DES", "uterus", "didelphys",
	// units and symbols
	"Cu", "Al", "Fr", "HU", "W/L",
	// keys
	"Ctrl", "Shift", "Tab", "Esc", "Enter", "Delete", "Backspace", "PgUp", "PgDn", "Home", "End",
	// the program, the languages by their own names, paper
	"hsgview", "YYYY", "YYYYMMDD", "FAMILY", "GIVEN", "English", "Letter",
	// effective dose per kerma-area product (the dose coefficients)
	"KAP",
}

// A Checker checks screens. Data are texts of the study, the library or
// the report shown (names, identifiers, descriptions, file paths, the
// radiologist's words): they are what the user's data says, in whatever
// language, and are not checked. Allow adds words to Allowed.
type Checker struct {
	Data  []string
	Allow []string
}

// A Problem is a text found wrong, and where.
type Problem struct {
	Where, Text, Why string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %q (%s)", p.Where, p.Text, p.Why) }

// Check walks the objects (a window's content, a dialog, …) and fails t
// on text not in the interface's language (when it is Russian) and on
// labels and buttons cut short.
func (c Checker) Check(t testing.TB, screen string, objs ...fyne.CanvasObject) {
	t.Helper()
	for _, p := range c.Problems(objs...) {
		t.Errorf("%s: %s", screen, p)
	}
}

// CheckCanvas is Check of a window's canvas: its content and overlays
// (dialogs, pop-up menus).
func (c Checker) CheckCanvas(t testing.TB, screen string, cv fyne.Canvas) {
	t.Helper()
	objs := []fyne.CanvasObject{cv.Content()}
	objs = append(objs, cv.Overlays().List()...)
	c.Check(t, screen, objs...)
}

// CheckMenus checks the items of menus (and their sub-menus).
func (c Checker) CheckMenus(t testing.TB, screen string, menus ...*fyne.Menu) {
	t.Helper()
	var walk func(m *fyne.Menu, where string)
	walk = func(m *fyne.Menu, where string) {
		if m == nil {
			return
		}
		if m.Label != "" {
			where += " › " + m.Label
			c.text(t, screen, where, m.Label)
		}
		for _, it := range m.Items {
			if it.IsSeparator {
				continue
			}
			c.text(t, screen, where, it.Label)
			walk(it.ChildMenu, where+" › "+it.Label)
		}
	}
	for _, m := range menus {
		walk(m, "menu")
	}
}

func (c Checker) text(t testing.TB, screen, where, s string) {
	t.Helper()
	if why := c.foreign(s); why != "" {
		t.Errorf("%s: %s", screen, Problem{where, s, why})
	}
}

// Problems returns what Check reports.
func (c Checker) Problems(objs ...fyne.CanvasObject) []Problem {
	var out []Problem
	for _, o := range objs {
		walk(o, "", true, func(o fyne.CanvasObject, where string, shown bool) {
			for _, s := range texts(o) {
				if why := c.foreign(s); why != "" {
					out = append(out, Problem{where, s, why})
				}
			}
			if shown {
				if s, ok := clipped(o); ok {
					out = append(out, Problem{where, s, "cut short: its text is wider than its place"})
				}
			}
		})
	}
	return out
}

// walk calls fn for o and every object below it: a container's objects,
// a widget's rendered objects. A widget with a text of its own (a label,
// a button, a check box) is read whole by texts, not line by line as it
// is drawn; an entry's rendered text is the user's and is not walked
// (its place holder is read by texts).
func walk(o fyne.CanvasObject, where string, visible bool, fn func(o fyne.CanvasObject, where string, shown bool)) {
	if o == nil || reflect.ValueOf(o).IsNil() {
		return
	}
	shown := visible && o.Visible()
	where += "/" + typeName(o)
	fn(o, where, shown)
	if isEntry(o) {
		return
	}
	if _, ok := field[string](o, "Text"); ok {
		if _, isText := o.(*canvas.Text); !isText {
			return
		}
	}
	if _, ok := o.(*widget.RichText); ok {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, where, shown, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		if r == nil {
			return
		}
		for _, c := range r.Objects() {
			walk(c, where, shown, fn)
		}
	}
}

func typeName(o any) string {
	t := reflect.TypeOf(o)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// isEntry reports whether o is a text entry (or embeds one).
func isEntry(o fyne.CanvasObject) bool {
	_, ok := field[string](o, "PlaceHolder")
	_, isSelect := field[[]string](o, "Options")
	return ok && !isSelect
}

// field returns the exported field name of o's struct (or of a struct it
// embeds), when it has one of type T.
func field[T any](o any, name string) (T, bool) {
	var zero T
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return zero, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return zero, false
	}
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanInterface() {
		return zero, false
	}
	x, ok := f.Interface().(T)
	return x, ok
}

// texts are the words o shows by itself: a text's, a place holder's, the
// options of a choice (shown only when it opens) and a form's labels and
// hints.
func texts(o fyne.CanvasObject) []string {
	var out []string
	if s, ok := field[string](o, "Text"); ok && !isEntry(o) {
		out = append(out, s)
	}
	switch x := o.(type) {
	case *widget.RichText:
		out = append(out, x.String())
	case *widget.Form:
		for _, it := range x.Items {
			out = append(out, it.Text, it.HintText)
		}
	}
	if ph, ok := field[string](o, "PlaceHolder"); ok {
		out = append(out, ph)
	}
	if opts, ok := field[[]string](o, "Options"); ok {
		out = append(out, opts...)
	}
	return slices.DeleteFunc(out, func(s string) bool { return strings.TrimSpace(s) == "" })
}

// clipped reports a label or button (or a widget embedding one) whose
// text does not fit the place it was given and is neither truncated with
// an ellipsis nor wrapped.
func clipped(o fyne.CanvasObject) (string, bool) {
	size := o.Size()
	if size.Width <= 0 {
		return "", false
	}
	var text string
	switch x := o.(type) {
	case *widget.Label:
		if x.Truncation != fyne.TextTruncateOff || x.Wrapping != fyne.TextWrapOff || x.Text == "" {
			return "", false
		}
		text = x.Text
	case *widget.Button:
		if x.Text == "" {
			return "", false
		}
		text = x.Text
	case *widget.Check:
		text = x.Text
	default:
		return "", false
	}
	return text, o.MinSize().Width > size.Width+1
}

// foreign says why s is not in the interface's language, or "". Only a
// Russian interface is checked: a text with a word in Latin letters that
// is neither allowed nor part of the data shown is English left behind.
func (c Checker) foreign(s string) string {
	if i18n.Lang() != "ru" {
		return ""
	}
	if en := englishValues(); len([]rune(s)) > 2 && en[s] && !russianValues()[s] {
		return "an English text of the catalogue"
	}
	rest := s
	data := slices.Clone(c.Data)
	slices.SortFunc(data, func(a, b string) int { return len(b) - len(a) })
	for _, d := range data {
		if strings.TrimSpace(d) != "" {
			rest = strings.ReplaceAll(rest, d, " ")
		}
	}
	for _, re := range []*regexp.Regexp{urlRE, attributeRE, pathRE, rawValueRE, titleRE} {
		rest = re.ReplaceAllString(rest, " ")
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '/' }) {
		if c.allowed(w) {
			continue
		}
		latin := 0
		for _, r := range w {
			if unicode.Is(unicode.Latin, r) {
				latin++
			}
		}
		if latin >= 2 {
			return fmt.Sprintf("the word %q is not Russian", w)
		}
	}
	return ""
}

func (c Checker) allowed(w string) bool {
	for _, part := range strings.Split(w, "/") {
		if len([]rune(part)) < 2 || roman(part) {
			continue
		}
		ok := false
		for _, a := range append(slices.Clone(Allowed), c.Allow...) {
			if strings.EqualFold(a, part) || strings.EqualFold(a, w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// urlRE matches a URL (an address is written as it is in any language).
var urlRE = regexp.MustCompile(`[a-zA-Z][a-zA-Z+.-]*://\S+`)

// attributeRE matches a DICOM attribute or concept named with its tag or
// code, "Irradiation Event UID (0008,3010)", "Dose Area Product Total
// (113722)": the standard's names are not translated.
var attributeRE = regexp.MustCompile(`(?:[A-Z][A-Za-z-]*s? (?:(?:and|of|for|in) )?)*[A-Z][A-Za-z-]*s? \((?:[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}|\d{5,6})\)`)

// pathRE matches a file path (a file's name is the user's).
var pathRE = regexp.MustCompile(`(?:^|\s)[~/][^\s]*`)

// rawValueRE matches a value quoted from a file with its unit, "(16.73
// dGy·cm²)": it is shown as the file has it.
var rawValueRE = regexp.MustCompile(`\(\d+(?:\.\d+)? [^()\s]+\)`)

// titleRE matches a title in Latin letters quoted in guillemets (an
// English publication cited in Russian text keeps its title).
var titleRE = regexp.MustCompile(`«[\p{Latin}\p{P}\p{N}\s]+»`)

// roman reports whether w is a Roman numeral (grades, classes: "II").
func roman(w string) bool {
	return strings.Trim(w, "IVXLC") == ""
}

var englishValues = func() func() map[string]bool { return catalogueValues("en") }()
var russianValues = func() func() map[string]bool { return catalogueValues("ru") }()

// catalogueValues returns the words of a catalogue, read from the source
// tree next to this file.
func catalogueValues(code string) func() map[string]bool {
	var m map[string]bool
	return func() map[string]bool {
		if m != nil {
			return m
		}
		m = map[string]bool{}
		_, file, _, _ := runtime.Caller(0)
		b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "translations", code+".json"))
		if err != nil {
			return m
		}
		var raw map[string]json.RawMessage
		if json.Unmarshal(b, &raw) != nil {
			return m
		}
		for _, v := range raw {
			var s string
			if json.Unmarshal(v, &s) == nil {
				m[s] = true
				continue
			}
			var forms map[string]string
			if json.Unmarshal(v, &forms) == nil {
				for _, f := range forms {
					m[f] = true
				}
			}
		}
		return m
	}
}
