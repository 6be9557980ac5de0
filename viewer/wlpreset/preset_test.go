package wlpreset

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/internal/fixture"
)

// mapStore is a Store in memory.
type mapStore map[string]string

func (m mapStore) String(k string) string { return m[k] }
func (m mapStore) SetString(k, v string)  { m[k] = v }
func names(ps []Preset) (out []string) {
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func TestSaveLoad(t *testing.T) {
	s := mapStore{}
	ps, err := Load(s, nil)
	if err != nil || len(ps) == 0 || !slices.Equal(ps, Defaults(nil)) {
		t.Fatalf("first load: %v, %v", ps, err)
	}
	// Translated defaults.
	if ps, _ := Load(mapStore{}, strings.ToUpper); ps[0].Name != "FULL RANGE" {
		t.Errorf("translated default %q", ps[0].Name)
	}
	mine := []Preset{
		{Name: " Tubes ", Modality: " rf", Center: 900, Width: 600},
		{Name: "Soft", Modality: "", Center: 40, Width: 80, Relative: true},
	}
	if err := Save(s, mine); err != nil {
		t.Fatal(err)
	}
	got, err := Load(s, nil)
	want := []Preset{
		{Name: "Tubes", Modality: "RF", Center: 900, Width: 600},
		{Name: "Soft", Center: 40, Width: 80, Relative: true},
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("loaded %+v, %v; want %+v", got, err, want)
	}
	// An empty list stays empty: deleting every preset is a choice.
	if err := Save(s, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(s, nil); err != nil || len(got) != 0 {
		t.Errorf("after deleting all: %v, %v", got, err)
	}
	// A bad preset is refused and nothing is saved.
	before := s[KeyPresets]
	for _, bad := range []Preset{
		{Name: "", Center: 1, Width: 1},
		{Name: "x", Width: 0},
		{Name: "x", Width: math.NaN()},
		{Name: "x", Center: math.Inf(1), Width: 1},
		{Name: "x", Modality: "X-A", Width: 1},
		{Name: strings.Repeat("n", MaxName+1), Width: 1},
	} {
		if err := Save(s, []Preset{{Name: "ok", Width: 1}, bad}); err == nil {
			t.Errorf("saved %+v", bad)
		}
	}
	if s[KeyPresets] != before {
		t.Error("a refused save changed the store")
	}
}

func TestLoadUnreadable(t *testing.T) {
	s := mapStore{KeyPresets: `{"version":1,"presets":[{"name":"Mine"`}
	ps, err := Load(s, nil)
	if err == nil || !slices.Equal(ps, Defaults(nil)) {
		t.Errorf("got %v, %v", ps, err)
	}
	if s[KeyUnreadable] != `{"version":1,"presets":[{"name":"Mine"` {
		t.Error("the unreadable text was not kept")
	}
	s = mapStore{KeyPresets: `{"version":7,"presets":[]}`}
	if _, err := Load(s, nil); err == nil {
		t.Error("a future version was read")
	}
}

func TestForAndKey(t *testing.T) {
	ps := []Preset{
		{Name: "any 1", Center: 10, Width: 20},
		{Name: "RF tubes", Modality: "RF", Center: 900, Width: 600},
		{Name: "XA only", Modality: "XA", Center: 1, Width: 2},
		{Name: "RF spill", Modality: "RF", Center: 75, Width: 50, Relative: true},
	}
	if got := names(For(ps, "rf")); !slices.Equal(got, []string{"RF tubes", "RF spill", "any 1"}) {
		t.Errorf("For RF: %v", got)
	}
	if got := names(For(ps, "CT")); !slices.Equal(got, []string{"any 1"}) {
		t.Errorf("For CT: %v", got)
	}
	// Full range of a 12-bit image: 0 … 4095.
	full := dicomio.VOI{Window: dicomio.RangeWindow(0, 4095)}
	file := []dicomio.VOI{{Window: dicomio.Window{Center: 2048, Width: 4096}}, {Window: dicomio.Window{Center: 1000, Width: 500}}}
	for _, tc := range []struct {
		n        int
		modality string
		user     []Preset
		want     dicomio.Window
		name     string
		ok       bool
	}{
		{1, "RF", ps, dicomio.Window{Center: 900, Width: 600, Explanation: "RF tubes"}, "RF tubes", true},
		// 75 % of 0…4095 (width 4096): 3072; 50 %: 2048.
		{2, "RF", ps, dicomio.Window{Center: 3072, Width: 2048, Explanation: "RF spill"}, "RF spill", true},
		{3, "RF", ps, dicomio.Window{Center: 10, Width: 20, Explanation: "any 1"}, "any 1", true},
		{4, "RF", ps, dicomio.Window{}, "", false},
		// A modality without presets of its own gets those for every
		// modality; with none at all, the file's windows.
		{1, "DX", ps, dicomio.Window{Center: 10, Width: 20, Explanation: "any 1"}, "any 1", true},
		{2, "DX", ps[1:], dicomio.Window{Center: 1000, Width: 500}, "W 500 / L 1000", true},
		{3, "DX", ps[1:], dicomio.Window{}, "", false},
	} {
		v, name, ok := Key(tc.n, tc.user, tc.modality, file, full)
		if ok != tc.ok || name != tc.name || v.Window != tc.want {
			t.Errorf("key %d on %s: %+v %q %v; want %+v %q %v", tc.n, tc.modality, v.Window, name, ok, tc.want, tc.name, tc.ok)
		}
	}
	// A relative preset needs the image's range.
	if _, _, ok := Key(2, ps, "RF", nil, dicomio.VOI{}); ok {
		t.Error("relative preset applied without a range")
	}
}

func TestMove(t *testing.T) {
	ps := []Preset{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	if got := names(Move(ps, 0, 2)); !slices.Equal(got, []string{"b", "c", "a"}) {
		t.Errorf("Move 0→2: %v", got)
	}
	if got := names(Move(ps, 2, 1)); !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("Move 2→1: %v", got)
	}
	if got := names(Move(ps, 0, 5)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Move out of range: %v", got)
	}
	if names(ps)[0] != "a" {
		t.Error("Move changed its argument")
	}
}

func TestDefaultsValid(t *testing.T) {
	for _, p := range Defaults(nil) {
		if err := p.Check(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
	for _, m := range []string{"XA", "RF", "DX", "CR"} {
		if len(For(Defaults(nil), m)) < 2 {
			t.Errorf("no defaults for %s", m)
		}
	}
}

// regionImage is a 64×48 image, rescale slope 2 intercept −50, whose
// stored values are 0 except a 10×10 block at (10,10) holding 100 … 199
// (100 + x + 10 y) and a bright 4000 column at x = 30.
func regionImage(t *testing.T) (*dicomio.Frame, *dicomio.Pipeline) {
	t.Helper()
	fx := fixture.Fixture{SOPClass: fixture.SOPDX, Modality: "DX", RescaleSlope: "2", RescaleInter: "-50",
		Pixel: func(_, x, y int) uint16 {
			switch {
			case x >= 10 && x < 20 && y >= 10 && y < 20:
				return uint16(100 + (x - 10) + 10*(y-10))
			case x == 30:
				return 4000
			}
			return 0
		}}
	in := fixture.WriteStudy(t, []fixture.Fixture{fx}).Studies[0].Timeline.Entries[0].Instance
	r, err := in.Render(0, dicomio.RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Frame, r.Pipeline
}

func TestFromRegion(t *testing.T) {
	f, pipe := regionImage(t)
	// The box (10,10)–(20,20) holds exactly the block's 100 pixel
	// centres: stored 100 … 199, modality 2v − 50 = 150 … 348.
	voi, st, err := FromRegion(f, pipe, mark.Pt(20, 20), mark.Pt(10, 10))
	if err != nil {
		t.Fatal(err)
	}
	if st.Pixels != 100 || st.Min != 150 || st.Max != 348 {
		t.Errorf("stats %+v", st)
	}
	// W = 348 − 150 + 1 = 199, L = 150 + 199/2 = 249.5.
	if voi.Width != 199 || voi.Center != 249.5 || voi.LUT != nil {
		t.Errorf("window %+v, want W 199 L 249.5", voi.Window)
	}
	// Through the display pipeline, the region's lowest value is black
	// and its highest white.
	img := make([]uint8, f.Rows*f.Columns)
	pipe.Gray(f, voi, img)
	if lo, hi := img[10*64+10], img[19*64+19]; lo != 0 || hi != 255 {
		t.Errorf("region ends shown as %d and %d, want 0 and 255", lo, hi)
	}
	// A box over the block and the bright column takes the column in.
	if _, st, _ := FromRegion(f, pipe, mark.Pt(10, 10), mark.Pt(31, 20)); st.Max != 2*4000-50 {
		t.Errorf("wider box: max %v", st.Max)
	}
	// Failures.
	if _, st, err := FromRegion(f, pipe, mark.Pt(40, 5), mark.Pt(50, 9)); err != ErrUniform || st.Min != -50 {
		t.Errorf("uniform region: %v, min %v", err, st.Min)
	}
	if _, _, err := FromRegion(f, pipe, mark.Pt(5.1, 5.1), mark.Pt(5.2, 5.2)); err != ErrEmptyRegion {
		t.Errorf("a box without a pixel centre: %v", err)
	}
	if _, _, err := FromRegion(f, pipe, mark.Pt(100, 100), mark.Pt(200, 200)); err != ErrEmptyRegion {
		t.Errorf("a box outside the image: %v", err)
	}
	if _, _, err := FromRegion(nil, nil, mark.Pt(0, 0), mark.Pt(1, 1)); err != ErrNoImage {
		t.Errorf("no image: %v", err)
	}
}
