package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
)

// roundTrip saves r, reads it back, saves it again and checks that both
// forms are equal: whatever loads can be saved and reloaded.
func roundTrip(t *testing.T, r *report.Report) {
	t.Helper()
	if err := r.CheckLimits(nil); err != nil {
		t.Fatalf("within the limits: %v", err)
	}
	b1, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(b1)) > report.DefaultLimits().MaxFileBytes {
		t.Fatalf("JSON form of %d bytes exceeds MaxFileBytes", len(b1))
	}
	r2, err := report.Load(bytes.NewReader(b1))
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	b2, err := r2.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1, b2) {
		t.Fatal("the reloaded report saves differently")
	}
	name := filepath.Join(t.TempDir(), "r.json")
	if err := r2.WriteFile(name); err != nil {
		t.Fatal(err)
	}
	if _, err := report.ReadFile(name); err != nil {
		t.Fatal(err)
	}
}

// TestLoadSaveSymmetricFixtures: every fixture draft loads, saves and
// reloads equal.
func TestLoadSaveSymmetricFixtures(t *testing.T) {
	for name, r := range map[string]*report.Report{
		"full":    fixture.FullReport(),
		"new":     report.NewReport("1.2.3"),
		"example": assess.ExampleReport(fixture.ExampleInput()),
	} {
		t.Run(name, func(t *testing.T) { roundTrip(t, r) })
	}
}

// maxedReport returns a report at every content limit at once, in the
// forms that take most bytes in JSON: marks with measurements, points
// with 17 significant digits, control characters (escaped as \u00XX),
// list entries as image references, unknown members as long flat lists.
func maxedReport(l report.Limits) *report.Report {
	r := fixture.FullReport()
	r.Status = report.StatusDraft
	r.PreviousVersions = nil
	img := mark.ImageRef{StudyInstanceUID: strings.Repeat("1.", 32), SeriesInstanceUID: strings.Repeat("2.", 32),
		SOPClassUID: strings.Repeat("3.", 32), SOPInstanceUID: strings.Repeat("4.", 32), FrameNumber: 123456,
		AcquisitionDateTime: "20250304093015.123456"}
	perMark := l.MaxPoints / l.MaxMarks
	r.Annotations = make([]mark.Annotation, l.MaxMarks)
	for i := range r.Annotations {
		a := fixture.FullReport().Annotations[0]
		a.ID, a.Image, a.Label = fmt.Sprint("m", i), img, ""
		a.Points = make([][2]float64, perMark)
		for j := range a.Points {
			a.Points[j] = [2]float64{-1.2345678901234567e-300, -9.876543210987654e+300}
		}
		r.Annotations[i] = a
	}
	r.Calibrations = nil
	r.KeyImages = make([]report.KeyImage, l.MaxKeyImages)
	for i := range r.KeyImages {
		r.KeyImages[i] = report.KeyImage{Image: img, Role: report.RoleTubalFillingRight, MinutesFromContrastStart: new(-1.2345678901234567e-300)}
	}
	r.Tubes.Left.Evidence = nil
	r.Tubes.Right.Evidence = nil
	r.Uterus.FillingDefects[0].Evidence = make([]mark.ImageRef, l.MaxItems-40)
	for i := range r.Uterus.FillingDefects[0].Evidence {
		r.Uterus.FillingDefects[0].Evidence[i] = mark.ImageRef{StudyInstanceUID: "1.2", SeriesInstanceUID: "1.2.3",
			SOPClassUID: "1.2.3.4", SOPInstanceUID: "1.2.3.4.5", FrameNumber: 123456, AcquisitionDateTime: "20250304093015.123456"}
	}
	ctl := strings.Repeat("\x01", l.MaxTextBytes)
	texts := []*string{&r.Clinical.IndicationText, &r.Technique.TechniqueText, &r.Uterus.Text, &r.Tubes.Left.Text,
		&r.Tubes.Right.Text, &r.Peritoneum.Text, &r.Cervix.Text, &r.Impression.FinalText, &r.Clinical.Comparison,
		&r.Impression.Items[0].Text, &r.Impression.Items[0].GeneratedText, &r.Impression.Recommendations[0].Text,
		&r.AmendmentReason, &r.Technique.AntibioticProphylaxis}
	for _, p := range texts {
		*p = ""
	}
	// Fill the text budget, less what the fixture's short texts and the
	// image references above hold.
	for left := l.MaxTotalTextBytes; ; left -= 4 << 10 {
		if left < 0 {
			panic("the report is over the text budget without its texts")
		}
		rest := left
		for _, p := range texts {
			n := min(rest, len(ctl))
			*p = ctl[:n]
			rest -= n
		}
		if r.CheckLimits(&l) == nil {
			break
		}
	}
	extra := []byte("[0" + strings.Repeat(",0", 9000) + "]")
	r.Extra = map[string]json.RawMessage{"x": extra}
	return r
}

// TestLimitsFitFile: a report at every content limit at once still saves
// below MaxFileBytes and reloads equal, so no report that loads is
// refused when it is saved again.
func TestLimitsFitFile(t *testing.T) {
	l := report.DefaultLimits()
	r := maxedReport(l)
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a report at every limit: %.1f MiB of JSON (MaxFileBytes %d MiB)", float64(len(b))/(1<<20), l.MaxFileBytes>>20)
	roundTrip(t, r)
}

// TestLimitsHostileDrafts: drafts built to exhaust memory or time are
// refused at load with the field and the limit named; a big but valid
// one loads, saves and reloads equal.
func TestLimitsHostileDrafts(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"schemaVersion": "1.0", "reportId": "x", "status": "draft",
			"study": map[string]any{"studyInstanceUid": "1.2.3"}}
	}
	enc := func(m map[string]any) []byte {
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(m); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	text30 := base()
	text30["clinical"] = map[string]any{"indicationText": strings.Repeat("a", 30<<20)}
	marks := base()
	ms := make([]map[string]any, 50000)
	for i := range ms {
		ms[i] = map[string]any{"id": fmt.Sprint(i), "image": map[string]any{"sopInstanceUid": "1"}, "graphicType": "POINT", "points": [][2]float64{{1, 2}}}
	}
	marks["annotations"] = ms
	keys := base()
	ks := make([]map[string]any, 2000)
	for i := range ks {
		ks[i] = map[string]any{"image": map[string]any{"sopInstanceUid": fmt.Sprint(i)}, "role": "spill"}
	}
	keys["keyImages"] = ks
	points := base()
	points["annotations"] = []map[string]any{{"id": "a", "image": map[string]any{"sopInstanceUid": "1"}, "graphicType": "POLYLINE",
		"points": make([][2]float64, 20000)}}
	deep := []byte(`{"schemaVersion":"1.0","study":{"studyInstanceUid":"1"},"x-deep":` +
		strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "}")
	empties := []byte(`{"schemaVersion":"1.0","annotations":[{}` + strings.Repeat(",{}", 3_000_000) + "]}")
	for _, c := range []struct {
		name, field, limit string
		data               []byte
	}{
		{"30 MB of indication text", "/clinical/indicationText", "MaxTextBytes", enc(text30)},
		{"50,000 marks", "/annotations", "MaxMarks", enc(marks)},
		{"2,000 key images", "/keyImages", "MaxKeyImages", enc(keys)},
		{"20,000 points in one mark", "/annotations/0/points", "MaxPointsPerMark", enc(points)},
		{"26 KB nested 9,000 deep (its indented form exceeds 32 MiB)", "/x-deep/0/0/0", "MaxDepth", deep},
		{"3 million empty marks", "/annotations", "MaxMarks", empties},
		{"33 MiB file", "/", "MaxFileBytes", append(enc(base()), bytes.Repeat([]byte(" "), 33<<20)...)},
	} {
		t.Run(c.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "report-draft.json")
			if err := os.WriteFile(name, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := report.ReadFile(name)
			if err == nil || !errors.Is(err, report.ErrLimit) {
				t.Fatalf("error %v, want a limit error", err)
			}
			msg := err.Error()
			for _, want := range []string{name, c.field, c.limit} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not name %q", msg, want)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error on more than one line: %q", msg)
			}
		})
	}

	// Big but valid: 2,000 marks of 50 points, 100 key images, 60 KiB texts.
	r := fixture.FullReport()
	r.Status = report.StatusDraft
	r.Annotations = nil
	for i := range 2000 {
		a := fixture.FullReport().Annotations[0]
		a.ID = fmt.Sprint("m", i)
		a.Points = make([][2]float64, 49)
		r.Annotations = append(r.Annotations, a)
	}
	for range 99 {
		r.KeyImages = append(r.KeyImages, r.KeyImages[0])
	}
	r.Clinical.IndicationText = strings.Repeat("é", 30<<10)
	roundTrip(t, r)
}

// BenchmarkLoadHostile measures the refusal of the hostile drafts: time
// and bytes allocated per load.
func BenchmarkLoadHostile(b *testing.B) {
	text := []byte(`{"schemaVersion":"1.0","clinical":{"indicationText":"` + strings.Repeat("a", 30<<20) + `"}}`)
	var m bytes.Buffer
	m.WriteString(`{"schemaVersion":"1.0","annotations":[`)
	for i := range 50000 {
		if i > 0 {
			m.WriteByte(',')
		}
		fmt.Fprintf(&m, `{"id":"%d","image":{"sopInstanceUid":"1"},"graphicType":"POINT","points":[[1,2]]}`, i)
	}
	m.WriteString("]}")
	empties := []byte(`{"schemaVersion":"1.0","annotations":[{}` + strings.Repeat(",{}", 3_000_000) + "]}")
	for _, c := range []struct {
		name string
		data []byte
	}{{"text30MB", text}, {"marks50000", m.Bytes()}, {"emptyMarks3M", empties}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := report.Load(bytes.NewReader(c.data)); !errors.Is(err, report.ErrLimit) {
					b.Fatal(err)
				}
			}
		})
	}
}
