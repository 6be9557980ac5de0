package report_test

import (
	"bytes"
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestFullReportSetsEveryField keeps fullReport honest: a field added to
// the model without being set there would escape the round-trip test.
func TestFullReportSetsEveryField(t *testing.T) {
	checkSet(t, reflect.ValueOf(*fixture.FullReport()), "Report")
}

func checkSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			if v.Interface().(time.Time).IsZero() {
				t.Errorf("%s is not set", path)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				checkSet(t, v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil", path)
			return
		}
		if e := v.Elem(); e.Kind() == reflect.Struct {
			checkSet(t, e, path)
		}
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			t.Errorf("%s is empty", path)
			return
		}
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8 {
			checkSet(t, v.Index(0), path+"[0]")
		}
	default:
		if v.IsZero() {
			t.Errorf("%s is zero", path)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	want := fixture.FullReport()
	b, err := want.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := report.Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		gb, _ := got.Marshal()
		t.Fatalf("round trip changed the report:\nwant %s\ngot  %s", b, gb)
	}
	b2, err := got.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Errorf("second encoding differs:\n%s\n%s", b, b2)
	}
	// Values the user entered as 0 or false survive as values.
	for _, member := range []string{`"sizeFr": 0`, `"volumeMl": 0`, `"fluoroscopyTimeS": 0`, `"spotImageCount": 0`,
		`"consentObtained": false`, `"painVas": 0`, `"angleDeg": 0`} {
		if !bytes.Contains(b, []byte(member)) {
			t.Errorf("encoding lacks %s", member)
		}
	}
}

func TestMarshalFieldOrder(t *testing.T) {
	b, err := fixture.FullReport().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	// Schema order at the top, unknown members last and sorted.
	order := []string{`"schemaVersion"`, `"reportId"`, `"status"`, `"patient"`, `"study"`, `"technique"`,
		`"uterus"`, `"tubes"`, `"impression"`, `"exports"`, `"x-num"`, `"x-top"`}
	last := -1
	for _, k := range order {
		i := strings.Index(s, "\n  "+k)
		if i < 0 || i < last {
			t.Fatalf("top-level member %s missing or out of order", k)
		}
		last = i
	}
	if !strings.HasSuffix(s, "}\n") || !strings.HasPrefix(s, "{\n  \"schemaVersion\": \"1.0\",") {
		t.Errorf("not indented JSON ending in a newline:\n%.80s", s)
	}
	if !strings.Contains(s, `"label": "≈6 mm <polyp>"`) {
		t.Errorf("text is escaped")
	}
}

func TestUnknownMembersKept(t *testing.T) {
	in := `{
  "schemaVersion": "1.0", "reportId": "r", "status": "draft",
  "study": {"studyInstanceUid": "1.2", "x-study": true},
  "technique": {"adequacy": "adequate", "x-tech": {"deep": [1, {"a": null}]}},
  "uterus": {"cavityOpacified": false},
  "tubes": {"left": {"status": "present", "x-side": "L"}, "right": {"status": "present"}, "x-tubes": 1},
  "impression": {"items": [], "x-imp": "kept"},
  "x-top-level": {"note": "from another tool"},
  "aaa": 1
}`
	r, err := report.Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want string
	}{
		{"/x-top-level", `{"note":"from another tool"}`},
		{"/aaa", `1`},
		{"/study/x-study", `true`},
		{"/technique/x-tech", `{"deep":[1,{"a":null}]}`},
		{"/tubes/left/x-side", `"L"`},
		{"/tubes/x-tubes", `1`},
		{"/impression/x-imp", `"kept"`},
		{"/technique/adequacy", `"adequate"`},
		{"/uterus/cavityOpacified", `false`},
	} {
		got, ok := fixture.Lookup(doc, c.path)
		if !ok {
			t.Errorf("%s lost", c.path)
			continue
		}
		gb, _ := json.Marshal(got)
		if string(gb) != c.want {
			t.Errorf("%s = %s, want %s", c.path, gb, c.want)
		}
	}
}

func TestLoadMatchesCaseInsensitively(t *testing.T) {
	// encoding/json matches member names ignoring case; such a member must
	// not also be kept as unknown, or it would be written twice.
	r, err := report.Load(strings.NewReader(`{"schemaVersion":"1.0","Status":"final","study":{"StudyInstanceUID":"1.2"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != report.StatusFinal || r.Study.StudyInstanceUID != "1.2" || r.Extra != nil || r.Study.Extra != nil {
		t.Errorf("got status %q, study %q, extra %v %v", r.Status, r.Study.StudyInstanceUID, r.Extra, r.Study.Extra)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"not JSON", `{"schemaVersion":`, "unexpected EOF"},
		{"not an object", `[1]`, "cannot unmarshal array"},
		{"trailing data", `{"schemaVersion":"1.0"} {}`, "data after the report object"},
		{"other major version", `{"schemaVersion":"2.0"}`, `unsupported schemaVersion "2.0"`},
		{"bad type", `{"tubes":{"left":{"patency":7}}}`, "cannot unmarshal number"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := report.Load(strings.NewReader(c.in))
			if err == nil || !strings.HasPrefix(err.Error(), "annotate: load report: ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load(%s) error = %v, want one containing %q", c.in, err, c.want)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		_, err := report.Load(io_repeat(' ', report.MaxReportSize+10))
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("error = %v", err)
		}
	})
	if _, err := report.Load(strings.NewReader(`{"schemaVersion":"1.1"}`)); err != nil {
		t.Errorf("a minor version must load: %v", err)
	}
}

type repeatReader struct {
	b byte
	n int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, os.ErrClosed
	}
	n := min(len(p), r.n)
	for i := range n {
		p[i] = r.b
	}
	r.n -= n
	return n, nil
}

func io_repeat(b byte, n int) *repeatReader { return &repeatReader{b, n} }

func TestNewReport(t *testing.T) {
	before := time.Now().Add(-time.Second)
	r := report.NewReport("1.2.3")
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(r.ReportID) {
		t.Errorf("report id %q is not a version 4 UUID", r.ReportID)
	}
	if report.NewReport("x").ReportID == r.ReportID {
		t.Error("two reports share an id")
	}
	if r.SchemaVersion != "1.0" || r.Status != report.StatusDraft || r.Study.StudyInstanceUID != "1.2.3" ||
		r.CreatedAt.Before(before) || r.CreatedAt.After(time.Now()) {
		t.Errorf("unexpected new report %+v", r)
	}
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"items": []`)) {
		t.Errorf("impression items must be written even when empty:\n%s", b)
	}
	// A report built by hand with nil items still writes the member.
	r.Impression.Items = nil
	if b, _ := r.Marshal(); !bytes.Contains(b, []byte(`"items": []`)) {
		t.Errorf("nil items not written as []")
	}
}

func TestWriteFileReadFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report-draft.json")
	want := fixture.FullReport()
	if err := want.WriteFile(name); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := report.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("ReadFile(WriteFile(r)) != r")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := os.WriteFile(name, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := report.ReadFile(name); err == nil || !strings.Contains(err.Error(), name) {
		t.Errorf("error %v does not name the file", err)
	}
	if err := want.WriteFile(filepath.Join(dir, "missing", "r.json")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("error %v does not name the file", err)
	}
}

func TestPrefilled(t *testing.T) {
	r := report.NewReport("1")
	r.MarkPrefilled("/technique/dose")
	r.MarkPrefilled("/technique/contrast/volumeMl")
	r.MarkPrefilled("/technique/dose")
	if want := []string{"/technique/contrast/volumeMl", "/technique/dose"}; !reflect.DeepEqual(r.Prefilled, want) {
		t.Fatalf("Prefilled = %q, want %q", r.Prefilled, want)
	}
	if !r.IsPrefilled("/technique/dose/dapTotal") || r.IsPrefilled("/technique/doseX") || r.IsPrefilled("/technique") {
		t.Error("IsPrefilled matches wrongly")
	}
	r.ClearPrefilled("/technique/dose")
	if r.IsPrefilled("/technique/dose") || !r.IsPrefilled("/technique/contrast/volumeMl") {
		t.Error("ClearPrefilled cleared the wrong path")
	}
	r.ClearPrefilled("/technique")
	if r.Prefilled != nil {
		t.Errorf("clearing a parent must clear its children: %q", r.Prefilled)
	}
}

func TestValues(t *testing.T) {
	if got := enum.Values[report.Patency](); !reflect.DeepEqual(got, []report.Patency{report.Patent, report.Occluded, report.PatencyIndeterminate, report.PatencyNotAssessed}) {
		t.Errorf("Values[Patency]() = %q", got)
	}
	if enum.Values[string]() != nil {
		t.Error("Values of a non-enum type must be nil")
	}
	v := enum.Values[report.Status]()
	v[0] = "changed"
	if enum.Values[report.Status]()[0] != report.StatusDraft {
		t.Error("Values returned shared storage")
	}
}

func TestQuantityGyCm2(t *testing.T) {
	for _, c := range []struct {
		q    report.Quantity
		want float64
		ok   bool
	}{
		{report.Quantity{new(1.0), mark.UnitGyM2}, 1e4, true},
		{report.Quantity{new(25.4), mark.UnitDGyCm2}, 2.54, true},
		{report.Quantity{new(3.0), mark.UnitCGyCm2}, 0.03, true},
		{report.Quantity{new(500.0), mark.UnitMGyCm2}, 0.5, true},
		{report.Quantity{new(20.0), mark.UnitMicroGyM2}, 0.2, true},
		{report.Quantity{new(2.0), mark.UnitGyCm2}, 2, true},
		{report.Quantity{new(2.0), mark.UnitMGy}, 0, false},
		{report.Quantity{nil, mark.UnitGyCm2}, 0, false},
	} {
		got, ok := c.q.GyCm2()
		if ok != c.ok || abs(got-c.want) > 1e-9 {
			t.Errorf("%v %s: got %v, %v; want %v, %v", c.q.Value, c.q.Unit, got, ok, c.want, c.ok)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
