package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/internal/testutil"
)

// hsgStudy writes a typical HSG study: a scout, spot images and a cine run
// on the RF room's clock, then a delayed film. mutate adjusts per-image
// attributes (index, attributes) before writing.
type fixture struct {
	name  string
	attrs testutil.Attrs
}

func writeStudy(t *testing.T, images []fixture) string {
	dir := t.TempDir()
	for i, im := range images {
		a := testutil.Attrs{"(0020,0013)": fmt.Sprintf("IS [%d]", i+1)}
		for k, v := range im.attrs {
			a[k] = v
		}
		testutil.DICOM(t, filepath.Join(dir, im.name), a)
	}
	return dir
}

func acq(date, tm string) testutil.Attrs {
	return testutil.Attrs{"(0008,0022)": "DA [" + date + "]", "(0008,0032)": "TM [" + tm + "]"}
}

func merge(as ...testutil.Attrs) testutil.Attrs {
	out := testutil.Attrs{}
	for _, a := range as {
		for k, v := range a {
			out[k] = v
		}
	}
	return out
}

func series(n int, desc string) testutil.Attrs {
	return testutil.Attrs{
		"(0020,000e)": fmt.Sprintf("UI [1.2.826.0.1.3680043.10.1078.1.%d]", n),
		"(0020,0011)": fmt.Sprintf("IS [%d]", n),
		"(0008,103e)": "LO [" + desc + "]",
	}
}

func runInfoJSON(t *testing.T, paths ...string) (infoJSON, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code, handled := Run(append([]string{"info", "--json"}, paths...), &out, &errb)
	if !handled {
		t.Fatal("info not handled")
	}
	var doc infoJSON
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("bad JSON (%v): %s\nstderr: %s", err, out.String(), errb.String())
	}
	return doc, code
}

func imageBy(t *testing.T, s studyJSON, file string) imageJSON {
	t.Helper()
	for _, im := range s.Images {
		if filepath.Base(im.File) == file {
			return im
		}
	}
	t.Fatalf("image %s not listed", file)
	return imageJSON{}
}

func TestInfoTypicalHSG(t *testing.T) {
	rf := testutil.Attrs{"(0008,1010)": "SH [RF-ROOM-2]", "(0018,1000)": "LO [RF123]"}
	contrast := testutil.Attrs{"(0018,0010)": "LO [Iopamidol 300]", "(0018,1041)": "DS [8]", "(0018,1042)": "TM [094300]"}
	dir := writeStudy(t, []fixture{
		{"scout.dcm", merge(rf, series(1, "Scout"), acq("20260312", "094000"))},
		{"spot1.dcm", merge(rf, contrast, series(2, "HSG spot"), acq("20260312", "094310"),
			testutil.Attrs{"(0018,1164)": "DS [0.3\\0.3]", "(0018,1114)": "DS [1.25]", "(0020,0020)": "CS [L\\F]"})},
		{"spot2.dcm", merge(rf, contrast, series(2, "HSG spot"), acq("20260312", "094455"))},
		{"cine.dcm", merge(rf, contrast, series(3, "Fluoro run"), acq("20260312", "094520"), testutil.Attrs{
			"(0028,0008)": "IS [4]", "(0028,0009)": "AT (0018,1063)", "(0018,1063)": "DS [66.667]"})},
		{"delayed.dcm", merge(series(4, "Abdomen"), acq("20260312", "100820"), testutil.Attrs{
			"(0008,0016)": "UI =DigitalXRayImageStorageForPresentation", "(0008,0060)": "CS [DX]",
			"(0008,1010)": "SH [DR-ROOM]", "(0028,0030)": "DS [0.15\\0.16]", "(0028,0004)": "CS [MONOCHROME1]"})},
	})
	doc, code := runInfoJSON(t, dir)
	if code != ExitOK || len(doc.Errors) != 0 || len(doc.Studies) != 1 {
		t.Fatalf("code %d, errors %v, %d studies", code, doc.Errors, len(doc.Studies))
	}
	s := doc.Studies[0]
	if s.T0 == nil || *s.T0 != "2026-03-12T09:43:00.000Z" || s.T0Source != "ContrastBolusStartTime" {
		t.Errorf("T0 = %v (%s), want 2026-03-12T09:43:00.000Z from ContrastBolusStartTime", s.T0, s.T0Source)
	}
	order := []string{}
	for _, im := range s.Images {
		order = append(order, filepath.Base(im.File))
	}
	if got := strings.Join(order, ","); got != "scout.dcm,spot1.dcm,spot2.dcm,cine.dcm,delayed.dcm" {
		t.Errorf("order %s", got)
	}
	want := map[string]struct {
		phase string
		mins  float64
	}{
		"scout.dcm": {"scout", -3}, "spot1.dcm": {"immediate", 10.0 / 60}, "spot2.dcm": {"immediate", 1 + 55.0/60},
		"cine.dcm": {"immediate", 2 + 20.0/60}, "delayed.dcm": {"delayed", 25 + 20.0/60},
	}
	for f, w := range want {
		im := imageBy(t, s, f)
		if im.Phase != w.phase || im.MinutesFromT0 == nil || abs(*im.MinutesFromT0-w.mins) > 0.01 {
			t.Errorf("%s: phase %s minutes %v, want %s %.2f", f, im.Phase, deref(im.MinutesFromT0), w.phase, w.mins)
		}
		if im.TimeSource != "AcquisitionDate+Time" || im.Acquired == nil || !strings.HasSuffix(*im.Acquired, ".000Z") {
			t.Errorf("%s: time source %s acquired %v", f, im.TimeSource, im.Acquired)
		}
	}
	if s.Delayed == nil || s.Delayed.SOPInstanceUID != imageBy(t, s, "delayed.dcm").SOPInstanceUID || !(abs(num(s.Delayed.MinutesFromT0)-25.33) <= 0.01) {
		t.Errorf("delayed = %+v", s.Delayed)
	}
	// The delayed film comes from another room: medium confidence.
	if im := imageBy(t, s, "delayed.dcm"); im.Confidence != "medium" {
		t.Errorf("delayed confidence %s, want medium (different device)", im.Confidence)
	}
	if im := imageBy(t, s, "spot2.dcm"); im.Confidence != "high" {
		t.Errorf("spot confidence %s, want high", im.Confidence)
	}
	cine := imageBy(t, s, "cine.dcm")
	if cine.CineFPS == nil || abs(*cine.CineFPS-15) > 0.01 || cine.FPSSource != "FrameTime" || cine.Frames != 4 {
		t.Errorf("cine fps %v (%s), frames %d", deref(cine.CineFPS), cine.FPSSource, cine.Frames)
	}
	spot1 := imageBy(t, s, "spot1.dcm")
	if spot1.SpacingSource != "ImagerPixelSpacingOverERMF" || spot1.PixelSpacingMm == nil || abs(spot1.PixelSpacingMm[0]-0.24) > 1e-9 {
		t.Errorf("spot1 spacing %v %s", spot1.PixelSpacingMm, spot1.SpacingSource)
	}
	if got := strings.Join(spot1.Orientation, `\`); got != `L\F` {
		t.Errorf("orientation %q", got)
	}
	if d := imageBy(t, s, "delayed.dcm"); d.SpacingSource != "PixelSpacing" || d.PixelSpacingMm == nil || d.PixelSpacingMm[1] != 0.16 {
		t.Errorf("delayed spacing %v %s", d.PixelSpacingMm, d.SpacingSource)
	}
	if sc := imageBy(t, s, "scout.dcm"); sc.SpacingSource != "Uncalibrated" || sc.PixelSpacingMm != nil || sc.CineFPS != nil {
		t.Errorf("scout spacing %v %s fps %v", sc.PixelSpacingMm, sc.SpacingSource, sc.CineFPS)
	}
}

func TestInfoMidnightCrossing(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "spot"), acq("20260312", "235510"))},
		{"b.dcm", merge(series(1, "spot"), acq("20260312", "235620"))},
		{"late.dcm", merge(series(2, "spot"), acq("20260313", "002130"))},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if got := filepath.Base(s.Images[2].File); got != "late.dcm" {
		t.Fatalf("after midnight sorted as %s", got)
	}
	if s.Delayed == nil || !(abs(num(s.Delayed.MinutesFromT0)-(26+20.0/60)) <= 0.01) || s.T0Source != "first image" {
		t.Fatalf("delayed across midnight: %+v", s.Delayed)
	}
	if im := imageBy(t, s, "late.dcm"); *im.Acquired != "2026-03-13T00:21:30.000Z" || im.Phase != "delayed" {
		t.Errorf("late: %v %s", *im.Acquired, im.Phase)
	}
}

func TestInfoContentTimeOnlyAndNoDelayed(t *testing.T) {
	ct := func(tm string) testutil.Attrs {
		return testutil.Attrs{"(0008,0023)": "DA [20260401]", "(0008,0033)": "TM [" + tm + "]"}
	}
	dir := writeStudy(t, []fixture{
		{"1.dcm", merge(series(1, "spot"), ct("101500.25"))},
		{"2.dcm", merge(series(1, "spot"), ct("101630"))},
		{"3.dcm", merge(series(1, "spot"), ct("101900"))},
	})
	doc, code := runInfoJSON(t, dir)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	s := doc.Studies[0]
	if s.Delayed != nil {
		t.Errorf("a study without a late image has delayed = %+v", s.Delayed)
	}
	if !strings.Contains(s.DelayedNote, "no delayed image") {
		t.Errorf("note %q does not say so", s.DelayedNote)
	}
	im := imageBy(t, s, "1.dcm")
	if im.TimeSource != "ContentDate+Time" || *im.Acquired != "2026-04-01T10:15:00.250Z" || im.Confidence != "medium" || im.Phase != "immediate" {
		t.Errorf("content-time-only image: %s %s %s %s", im.TimeSource, *im.Acquired, im.Confidence, im.Phase)
	}
	// The text form says it too.
	var out bytes.Buffer
	Run([]string{"info", dir}, &out, &out)
	if !strings.Contains(out.String(), "Delayed image: none") {
		t.Errorf("tree output lacks the no-delayed line:\n%s", out.String())
	}
}

func TestInfoUTCOffsetNamesAndHints(t *testing.T) {
	dir := writeStudy(t, []fixture{
		{"a.dcm", merge(series(1, "spot"), testutil.Attrs{
			"(0008,0005)": "CS [ISO_IR 192]", "(0010,0010)": "PN [Иванова^Мария]",
			"(0008,002a)": "DT [20260501141500.125+0200]"})},
		{"b.dcm", merge(series(1, "spot"), testutil.Attrs{
			"(0008,0005)": "CS [ISO_IR 192]", "(0010,0010)": "PN [Иванова^Мария]",
			"(0008,002a)": "DT [20260501141700+0200]"})},
		// No time at all, but described as the delayed film.
		{"c.dcm", merge(series(2, "Delayed 20 min"), testutil.Attrs{"(0008,0005)": "CS [ISO_IR 192]", "(0010,0010)": "PN [Иванова^Мария]"})},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if s.Patient.Name != "Иванова^Мария" {
		t.Errorf("name %q", s.Patient.Name)
	}
	a := imageBy(t, s, "a.dcm")
	if *a.Acquired != "2026-05-01T14:15:00.125+02:00" || a.TimeSource != "AcquisitionDateTime" {
		t.Errorf("acquired %s (%s)", *a.Acquired, a.TimeSource)
	}
	c := imageBy(t, s, "c.dcm")
	if c.Phase != "delayed" || c.Confidence != "low" || c.Acquired != nil || c.TimeSource != "none" || c.MinutesFromT0 != nil {
		t.Errorf("hinted image: %+v", c)
	}
	if s.Delayed == nil || s.Delayed.Determination != "series_hint" {
		t.Errorf("delayed %+v", s.Delayed)
	}
}

func TestInfoLatin1AndFPSSources(t *testing.T) {
	latin1 := testutil.Attrs{"(0008,0005)": "CS [ISO_IR 100]", "(0010,0010)": "PN [M\xfcller^J\xf6rg]"}
	dir := writeStudy(t, []fixture{
		{"vec.dcm", merge(latin1, series(1, "run"), acq("20260101", "080000"), testutil.Attrs{
			"(0028,0008)": "IS [3]", "(0028,0009)": "AT (0018,1065)", "(0018,1065)": "DS [0\\50\\50]"})},
		{"rec.dcm", merge(latin1, series(1, "run"), acq("20260101", "080100"), testutil.Attrs{
			"(0028,0008)": "IS [2]", "(0008,2144)": "IS [7]"})},
		{"cr.dcm", merge(latin1, series(1, "run"), acq("20260101", "080200"), testutil.Attrs{
			"(0028,0008)": "IS [2]", "(0018,0040)": "IS [12]"})},
		{"def.dcm", merge(latin1, series(1, "run"), acq("20260101", "080300"), testutil.Attrs{"(0028,0008)": "IS [2]"})},
	})
	doc, _ := runInfoJSON(t, dir)
	s := doc.Studies[0]
	if s.Patient.Name != "Müller^Jörg" {
		t.Errorf("Latin-1 name %q", s.Patient.Name)
	}
	for f, w := range map[string]struct {
		fps float64
		src string
	}{"vec.dcm": {20, "FrameTimeVector"}, "rec.dcm": {7, "RecommendedDisplayFrameRate"}, "cr.dcm": {12, "CineRate"}, "def.dcm": {15, "default"}} {
		im := imageBy(t, s, f)
		if im.CineFPS == nil || *im.CineFPS != w.fps || im.FPSSource != w.src {
			t.Errorf("%s: fps %v (%s), want %v (%s)", f, deref(im.CineFPS), im.FPSSource, w.fps, w.src)
		}
	}
}

func TestInfoErrorsAndExitStatus(t *testing.T) {
	dir := writeStudy(t, []fixture{{"ok.dcm", merge(series(1, "spot"), acq("20260101", "080000"))}})
	bad := filepath.Join(dir, "broken.dcm")
	if err := privatefile.WritePrivate(bad, append(make([]byte, 128), []byte("DICM\x02\x00\x10\x00UI\xff\x7fxx")...)); err != nil {
		t.Fatal(err)
	}
	doc, code := runInfoJSON(t, dir)
	if code != ExitPartial {
		t.Errorf("exit %d, want %d when a file fails", code, ExitPartial)
	}
	if len(doc.Studies) != 1 || len(doc.Studies[0].Images) != 1 {
		t.Errorf("the good file must still load: %+v", doc.Studies)
	}
	if len(doc.Errors) != 1 || filepath.Base(doc.Errors[0].File) != "broken.dcm" || doc.Errors[0].Error == "" || strings.Contains(doc.Errors[0].Error, "\n") {
		t.Errorf("errors %+v", doc.Errors)
	}
	var out bytes.Buffer
	if code, _ := Run([]string{"info"}, &out, &out); code != ExitUsage {
		t.Errorf("no path: exit %d, want %d", code, ExitUsage)
	}
	if code, _ := Run([]string{"render", dir}, &out, &out); code != ExitUsage {
		t.Errorf("render without --out: exit %d", code)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

var _ = time.Second

// num returns *p, or NaN when p is nil (compare as !(x <= tol) so NaN fails).
func num(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
