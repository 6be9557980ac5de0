package keyimage

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/synth"
)

// greyRamp returns a w×h grey image brightening to the right, offset so
// that its bounds do not start at (0, 0).
func greyRamp(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(5, 7, 5+w, 7+h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Pix[y*g.Stride+x] = uint8(40 + 150*x/w)
		}
	}
	return g
}

func overlay() Overlay {
	return Overlay{PatientName: "Demo^Patient", PatientID: "DEMO-1", BirthDate: "1992-03-17", Accession: "A1",
		Study: "2026-03-12", Series: "RF 2 spot", Phase: "Tubal filling (left)", Time: "+2.5 min",
		Window: "W 400 / L 200", Spacing: "0.240 mm/px (magnification-corrected)"}
}

func TestComposeNative(t *testing.T) {
	img := greyRamp(320, 240)
	out, err := Compose(img, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Bounds() != image.Rect(0, 0, 320, 240) {
		t.Fatalf("bounds %v", out.Bounds())
	}
	// Nothing to draw: the pixels are the image's, unresampled.
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			g := img.GrayAt(x+5, y+7).Y
			if c := out.RGBAAt(x, y); c != (color.RGBA{g, g, g, 255}) {
				t.Fatalf("(%d, %d): %v, want grey %d", x, y, c, g)
			}
		}
	}
}

func TestComposeMarksOverlayCaption(t *testing.T) {
	img := greyRamp(400, 300)
	a := mark.Measure(fixture.Mark(t, mark.ToolLength, mark.Pt(100, 150), mark.Pt(200, 150)), mark.Spacing{Row: 0.3, Column: 0.3, Source: mark.SpacingImager}, nil)
	opt := ExportOptions{Marks: []mark.Annotation{a}, Overlay: overlay(), Caption: "Tubal filling (left) +2.5 min"}
	full, err := Compose(img, opt)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := Compose(img, ExportOptions{})
	// The mark is drawn where the image has it.
	if c := full.RGBAAt(150, 150); c.R < 200 || c.B > 80 {
		t.Errorf("no mark at (150, 150): %v", c)
	}
	// The four corners and the bottom centre carry text.
	for _, r := range []image.Rectangle{
		image.Rect(0, 0, 60, 40), image.Rect(340, 0, 400, 40), image.Rect(0, 260, 60, 300),
		image.Rect(340, 260, 400, 300), image.Rect(170, 270, 230, 300),
	} {
		if len(changedPixels(sub(plain, r), sub(full, r))) == 0 {
			t.Errorf("nothing drawn in %v", r)
		}
	}
	// HideIdentifiers leaves the top-left corner (name, ID, birth date,
	// accession) empty and the rest as it was.
	opt.HideIdentifiers = true
	anon, _ := Compose(img, opt)
	if d := changedPixels(sub(plain, image.Rect(0, 0, 150, 80)), sub(anon, image.Rect(0, 0, 150, 80))); len(d) != 0 {
		t.Errorf("identifiers drawn although hidden: %d pixels", len(d))
	}
	if d := changedPixels(sub(full, image.Rect(200, 0, 400, 300)), sub(anon, image.Rect(200, 0, 400, 300))); len(d) != 0 {
		t.Errorf("hiding identifiers changed the rest: %d pixels", len(d))
	}
	// Without identifiers the overlay still has the patient corner empty
	// when all the identifiers are blank.
	o := overlay()
	o.PatientName, o.PatientID, o.BirthDate, o.Accession = "", " ", "", ""
	blank, _ := Compose(img, ExportOptions{Overlay: o})
	if d := changedPixels(sub(plain, image.Rect(0, 0, 150, 80)), sub(blank, image.Rect(0, 0, 150, 80))); len(d) != 0 {
		t.Errorf("blank identifiers drew a box")
	}
}

func sub(m *image.RGBA, r image.Rectangle) *image.RGBA {
	s := m.SubImage(r).(*image.RGBA)
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:], s.Pix[y*s.Stride:y*s.Stride+4*r.Dx()])
	}
	return out
}

func TestComposeWidthAndView(t *testing.T) {
	img := greyRamp(200, 100)
	// A bright pixel at image (150, 20).
	img.SetGray(5+150, 7+20, color.Gray{255})
	out, err := Compose(img, ExportOptions{Width: 800})
	if err != nil {
		t.Fatal(err)
	}
	if out.Bounds() != image.Rect(0, 0, 800, 400) {
		t.Fatalf("width 800: bounds %v", out.Bounds())
	}
	if c := out.RGBAAt(4*150+2, 4*20+2); c.R < 200 {
		t.Errorf("the bright pixel is not at ×4: %v", c)
	}
	// As a pane shows it: turned a quarter clockwise in a 100×200 pane.
	v := mark.FitView(200, 100, 100, 200, 1, 1)
	turned, err := Compose(img, ExportOptions{View: &v})
	if err != nil {
		t.Fatal(err)
	}
	if turned.Bounds() != image.Rect(0, 0, 100, 200) {
		t.Fatalf("view: bounds %v", turned.Bounds())
	}
	s := v.ToScreen(mark.Pt(150.5, 20.5))
	if c := turned.RGBAAt(int(s.X), int(s.Y)); c.R < 200 {
		t.Errorf("the bright pixel is not at %v in the turned pane: %v", s, c)
	}
	// A mark follows the same view.
	a := fixture.Mark(t, mark.ToolPoint, mark.Pt(150.5, 20.5))
	withMark, _ := Compose(img, ExportOptions{View: &v, Marks: []mark.Annotation{a}, Burn: mark.BurnOptions{LineWidth: 2}})
	ring := withMark.RGBAAt(int(s.X)+5, int(s.Y))
	if ring.R < 200 || ring.B > 100 {
		t.Errorf("the point marker's ring is not around %v: %v", s, ring)
	}
	for _, bad := range []ExportOptions{{Width: 1 << 20}, {View: &mark.ViewTransform{}}} {
		if _, err := Compose(img, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if _, err := Compose(image.NewGray(image.Rectangle{}), ExportOptions{}); err == nil {
		t.Error("empty image: no error")
	}
}

// TestExportKeyImages exports every key image of the example report of
// a synthetic study at once: a new private folder, one 0600 file per key
// image named by order, role and time, each the frame at its own size
// with the default window, its marks and the patient's sides; a key
// image that is not in the study is named in the error, the others are
// written.
func TestExportKeyImages(t *testing.T) {
	s, m := fixture.DemoStudy(t)
	opt := synth.Options{Rows: 256, Cols: 256, CineFrames: 4}
	roles := map[string]report.KeyImageRole{synth.RoleEarlyFilling: report.RoleEarlyFilling, synth.RoleTubalFilling: report.RoleTubalFillingLeft,
		synth.RoleSpill: report.RoleSpill, synth.RoleDelayed: report.RoleDelayed}
	in := report.ExampleInput{StudyUID: m.StudyInstanceUID, PatientID: m.PatientID, PatientName: m.PatientName}
	byUID := map[string]*dicomio.Instance{}
	for _, inst := range s.Images {
		byUID[inst.SOPInstanceUID] = inst
	}
	for _, im := range m.Images {
		role, ok := roles[im.Role]
		if !ok {
			continue
		}
		mins := im.MinutesFromT0
		ref := mark.ImageRefOf(byUID[im.SOPInstanceUID], 0)
		in.KeyImages = append(in.KeyImages, report.KeyImage{Image: ref, Role: role, MinutesFromContrastStart: &mins})
		if im.Role == synth.RoleSpill {
			var err error
			if in.Hydrosalpinx, err = synth.HydrosalpinxDiameter(opt, im.Role); err != nil {
				t.Fatal(err)
			}
			in.MarkImage = ref
			c := byUID[im.SOPInstanceUID].Calibration
			in.PixelSpacingMM, in.SpacingSource = c.Spacing[1], mark.SpacingSource(c.Source)
		}
	}
	r := assess.ExampleReport(in)
	if len(r.KeyImages) != 4 {
		t.Fatalf("%d key images", len(r.KeyImages))
	}
	parent := t.TempDir()
	now := time.Date(2026, 3, 12, 10, 15, 0, 0, time.Local)
	dir, paths, err := ExportKeyImages(parent, r, s, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	if dir != filepath.Join(parent, "hsg-key-images-20260312-101500") {
		t.Errorf("folder %q", dir)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v (%v), want 0700", st.Mode().Perm(), err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", p, st.Mode().Perm(), err)
		}
	}
	for i, k := range r.KeyImages {
		want := fmt.Sprintf("%02d-%s-%s.png", i+1, k.Role, strings.ReplaceAll(strings.ReplaceAll(wording.Minutes(*k.MinutesFromContrastStart), " ", ""), "−", "-"))
		if i >= len(names) || names[i] != want {
			t.Errorf("file %d: %q, want %q", i, names, want)
		}
	}
	// Each file is its frame rendered as the report shows it, at the
	// image's own size.
	for i, k := range r.KeyImages {
		inst := byUID[k.Image.SOPInstanceUID]
		f, err := RenderFrame(inst, inst.DefaultFrame()+1, FrameOptions{Marks: &r.Layer, Sides: true})
		if err != nil {
			t.Fatal(err)
		}
		got := decodePNG(t, paths[i])
		want := image.NewRGBA(f.Image.Bounds())
		draw.Draw(want, want.Bounds(), f.Image, image.Point{}, draw.Src)
		if got.Bounds() != image.Rect(0, 0, inst.Pixel.Columns, inst.Pixel.Rows) || len(changedPixels(got, want)) != 0 {
			t.Errorf("%s: %v, %d pixels differ from RenderFrame", names[i], got.Bounds(), len(changedPixels(got, want)))
		}
		// The patient's right is on the left (Patient Orientation L\F).
		h := got.Bounds().Dy()
		left := sub(got, image.Rect(0, h*2/5, got.Bounds().Dx()/6, h*3/5))
		white := 0
		for j := 0; j < len(left.Pix); j += 4 {
			if left.Pix[j] == 255 && left.Pix[j+1] == 255 && left.Pix[j+2] == 255 {
				white++
			}
		}
		if white < 20 {
			t.Errorf("%s: no side letter at the left edge (%d white pixels)", names[i], white)
		}
	}
	// The length mark is on the spill image, where the image has it.
	e := in.Hydrosalpinx
	spill := decodePNG(t, paths[2])
	mid := mark.Pt((e[0][0]+e[1][0])/2, (e[0][1]+e[1][1])/2)
	if c := spill.RGBAAt(int(mid.X), int(mid.Y)); c.R < 180 || c.B > 90 {
		t.Errorf("no mark at %v: %v", mid, c)
	}
	if got := KeyImageCaption(r.KeyImages[1]); !strings.HasPrefix(got, report.Label(r.KeyImages[1].Role)+" +") {
		t.Errorf("caption %q", got)
	}
	if out := os.Getenv("HSGVIEW_TEST_OUT"); out != "" {
		for _, p := range paths {
			data, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(out, "export-"+filepath.Base(p)), data, 0o600)
		}
	}

	// Again at the same time, with one key image not in the study.
	r.KeyImages = append(r.KeyImages, report.KeyImage{Image: mark.ImageRef{SOPInstanceUID: "1.2.3"}, Role: report.RoleScout})
	dir2, paths2, err := ExportKeyImages(parent, r, s, nil, now)
	if dir2 != dir+"-2" || len(paths2) != 4 || err == nil || !strings.Contains(err.Error(), "05-scout: not an image of the study") {
		t.Errorf("second export: folder %q, %d files, error %v", dir2, len(paths2), err)
	}
	if _, _, err := ExportKeyImages(filepath.Join(parent, "missing"), r, s, nil, now); err == nil {
		t.Error("no error for a missing parent folder")
	}
	if _, _, err := ExportKeyImages(parent, &report.Report{}, s, nil, now); err == nil {
		t.Error("no error for a report without key images")
	}
}

func decodePNG(t *testing.T, p string) *image.RGBA {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// changedPixels returns the points where a and b differ.
func changedPixels(a, b *image.RGBA) []image.Point {
	var out []image.Point
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				out = append(out, image.Pt(x, y))
			}
		}
	}
	return out
}

// TestKeyImageCaptionIn checks the caption of a key image in the
// report's language: the role's words of report.LabelIn, the time by
// l10n.Minutes (decimal comma in Russian), English unchanged.
func TestKeyImageCaptionIn(t *testing.T) {
	k := report.KeyImage{Role: report.RoleTubalFillingLeft, MinutesFromContrastStart: new(2.5)}
	for _, c := range []struct {
		k         report.KeyImage
		lang, out string
	}{
		{k, "en", "Late tubal filling, left +2.5 min"},
		{k, "ru", "Позднее заполнение левой маточной трубы +2,5 мин"},
		{report.KeyImage{Role: report.RoleScout, MinutesFromContrastStart: new(-3.0)}, "ru", "Обзорный снимок −3 мин"},
		{report.KeyImage{Role: report.RoleDelayed, MinutesFromContrastStart: new(22.4)}, "ru-RU", "Отсроченный снимок +22 мин"},
		{report.KeyImage{MinutesFromContrastStart: new(1.0)}, "ru", "+1 мин"},
	} {
		if got := KeyImageCaptionIn(c.k, c.lang); got != c.out {
			t.Errorf("%s: %q, want %q", c.lang, got, c.out)
		}
	}
	if KeyImageCaptionIn(k, "en") != KeyImageCaption(k) || KeyImageName(2, k) != "03-tubal_filling_left-+2.5min" {
		t.Error("English caption or file name changed")
	}
}

// TestOverlayInRussianKeepsNames checks the overlay of an exported image
// in Russian: dates as Russians write them, and patient names in
// Cyrillic, in Latin with diacritics and in Turkish printed exactly as
// dicomtext.FormatPersonName prints them, each letter drawn (the
// embedded font has them all).
func TestOverlayInRussianKeepsNames(t *testing.T) {
	face := mark.NewFace(14, false)
	bold := mark.NewFace(14, true)
	drawable := func(s string) {
		t.Helper()
		for _, r := range s {
			for _, f := range []font.Face{face, bold} {
				if _, _, ok := f.GlyphBounds(r); !ok {
					t.Errorf("no glyph for %q in %q", r, s)
				}
			}
		}
	}
	sp := mark.Spacing{Row: 0.24, Column: 0.24, Source: mark.SpacingImagerOverERMF}
	voi := dicomio.VOI{Window: dicomio.Window{Center: 200, Width: 400}}
	for _, c := range []struct{ pn, want string }{
		{"Иванова^Мария^Петровна", "Иванова, Мария Петровна"},
		{"Müller-Lüdenscheidt^Zoë^Renée^Dr.", "Müller-Lüdenscheidt, Zoë Renée (Dr.)"},
		{"Yılmaz^Ayşe^İpek", "Yılmaz, Ayşe İpek"},
	} {
		in := &dicomio.Instance{Patient: dicomio.Patient{ID: "P1", Name: c.pn, BirthDate: "1993-05-14"},
			StudyTime: time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC), Modality: "RF", SeriesNumber: 3}
		o := NewOverlayIn(in, voi, sp, "ru")
		if o.PatientName != c.want || o.PatientName != dicomtext.FormatPersonName(c.pn) {
			t.Errorf("name %q: %q, want %q", c.pn, o.PatientName, c.want)
		}
		if o.BirthDate != "14.05.1993" || o.Study != "04.03.2025 09:30" || o.Spacing != "0,240 мм/пикс. (с поправкой на увеличение)" {
			t.Errorf("overlay %+v", o)
		}
		if en := NewOverlayIn(in, voi, sp, "en"); en != NewOverlay(in, voi, sp) {
			t.Errorf("English overlay changed: %+v", en)
		}
		caption := KeyImageCaptionIn(report.KeyImage{Role: report.RoleTubalFillingRight, MinutesFromContrastStart: new(3.0)}, "ru")
		drawable(o.PatientName + o.Spacing + caption)
		o.Phase = caption
		img, err := Compose(greyRamp(320, 240), ExportOptions{Overlay: o, Caption: caption})
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := Compose(greyRamp(320, 240), ExportOptions{Overlay: Overlay{Phase: caption}, Caption: caption})
		if bytes.Equal(img.Pix, plain.Pix) {
			t.Errorf("%s: the name is not drawn", c.want)
		}
	}
	for _, c := range []struct {
		sp   mark.Spacing
		want string
	}{
		{mark.Spacing{Source: mark.SpacingUncalibrated}, "без калибровки: размеры в пикселях"},
		{mark.Spacing{Row: 0.15, Column: 0.1482, Source: mark.SpacingPixelSpacing}, "0,148 × 0,150 мм/пикс. (калибровано)"},
		{mark.Spacing{Row: 1.2, Column: 1.2, Source: mark.SpacingImager}, "1,20 мм/пикс. (в плоскости детектора)"},
		{mark.Spacing{Row: 0.3, Column: 0.3, Source: mark.SpacingUser, Reference: "катетер 6 Fr"}, "0,300 мм/пикс. (ручная калибровка, катетер 6 Fr)"},
	} {
		if got := c.sp.Text("ru"); got != c.want {
			t.Errorf("spacing %+v: %q, want %q", c.sp, got, c.want)
		}
	}
}
