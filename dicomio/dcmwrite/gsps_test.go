package dcmwrite

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// readPGM reads a binary 8-bit PGM as dcmp2pgm writes it.
func readPGM(t *testing.T, path string) *image.Gray {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w, h, maxv int
	var magic string
	n, err := fmt.Fscan(bytes.NewReader(b), &magic, &w, &h, &maxv)
	if err != nil || n != 4 || magic != "P5" || maxv != 255 {
		t.Fatalf("%s: not an 8-bit P5 PGM (%v)", path, err)
	}
	// The header is three whitespace-separated lines; pixels follow.
	off := len(b) - w*h
	return &image.Gray{Pix: b[off:], Stride: w, Rect: image.Rect(0, 0, w, h)}
}

// TestGSPSInDCMTK checks that dcmtk applies the GSPS: the window the
// radiologist chose gives dcmp2pgm the same grey levels as hsgview's own
// render with that window, and every graphic object dcmtk reads back (its
// +S re-serialisation) lies on the pixels hsgview's burn-in of the same
// marks paints. (dcmp2pgm 3.6.7 applies the VOI, shutters and overlays of
// a presentation state but does not rasterise graphic annotations, so the
// graphics are compared as geometry against hsgview's burned mask.)
func TestGSPSInDCMTK(t *testing.T) {
	dcmp2pgm := testutil.Tool(t, "dcmp2pgm")
	r, st, _ := demoReport(t, false)
	sop := r.Annotations[0].Image.SOPInstanceUID
	in := st.Image(sop)
	win := dicomio.Window{Center: 1500, Width: 700}
	objs, err := GSPS(r, Options{Study: st, Windows: map[string]dicomio.Window{sop: win}})
	if err != nil {
		t.Fatal(err)
	}
	var ps Object
	for _, o := range objs {
		if o.Image == sop {
			ps = o
		}
	}
	dir := t.TempDir()
	psPath, imgPath := filepath.Join(dir, "ps.dcm"), filepath.Join(dir, "image.dcm")
	os.WriteFile(psPath, ps.Data, 0o600)
	b, _ := os.ReadFile(in.Path)
	os.WriteFile(imgPath, b, 0o600)
	out, err := exec.Command(dcmp2pgm, "-p", psPath, "+S", filepath.Join(dir, "saved.dcm"), imgPath, filepath.Join(dir, "out.pgm")).CombinedOutput()
	if err != nil {
		t.Fatalf("dcmp2pgm: %v\n%s", err, out)
	}
	got := readPGM(t, filepath.Join(dir, "out.pgm"))

	// 1. The window: dcmtk's grey levels against hsgview's render.
	voi := dicomio.VOI{Window: win}
	ren, err := in.Render(0, dicomio.RenderOptions{VOI: &voi})
	if err != nil {
		t.Fatal(err)
	}
	want := ren.Image.(*image.Gray)
	if got.Rect != want.Rect {
		t.Fatalf("dcmp2pgm size %v, hsgview %v", got.Rect, want.Rect)
	}
	off := 0
	for i := range want.Pix {
		if d := int(got.Pix[i]) - int(want.Pix[i]); d > 1 || d < -1 {
			off++
		}
	}
	if off > len(want.Pix)/1000 {
		t.Errorf("%d of %d pixels differ by more than one grey level between dcmtk's GSPS render and hsgview's", off, len(want.Pix))
	}
	dflt, _ := in.Render(0, dicomio.RenderOptions{})
	if bytes.Equal(dflt.Image.(*image.Gray).Pix, got.Pix) {
		t.Error("the GSPS window did not change dcmtk's render")
	}

	// 2. The graphics, as dcmtk read them, on hsgview's burned mask.
	saved, err := dicomio.OpenFile(filepath.Join(dir, "saved.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]float64
	for _, ga := range saved.Header().Seq(dicomio.NewTag(0x0070, 0x0001)) {
		for _, g := range ga.Seq(dicomio.NewTag(0x0070, 0x0009)) {
			if u := g.String(dicomio.NewTag(0x0070, 0x0005)); u != "PIXEL" {
				t.Errorf("graphic units %q", u)
			}
			lines = append(lines, g.Floats(dicomio.NewTag(0x0070, 0x0022)))
		}
	}
	marks := mark.OnFrame(r.Annotations, sop, 1)
	if len(lines) < len(marks) {
		t.Fatalf("dcmtk read %d graphic objects for %d marks", len(lines), len(marks))
	}
	canvas := image.NewRGBA(want.Rect)
	mark.Burn(canvas, marks, mark.BurnOptions{})
	painted := func(x, y float64) bool {
		// Within 2 px: the burn draws anti-aliased lines of width ≥ 2.
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				px, py := int(math.Floor(x))+dx, int(math.Floor(y))+dy
				if image.Pt(px, py).In(canvas.Rect) && canvas.RGBAAt(px, py).A > 0 {
					return true
				}
			}
		}
		return false
	}
	samples, misses := 0, 0
	for _, l := range lines {
		for i := 0; i+3 < len(l); i += 2 {
			x0, y0, x1, y1 := l[i], l[i+1], l[i+2], l[i+3]
			for s := 0.0; s <= 1; s += 0.05 {
				samples++
				if !painted(x0+(x1-x0)*s, y0+(y1-y0)*s) {
					misses++
				}
			}
		}
	}
	t.Logf("window: %d pixels off; graphics: %d of %d samples off the burned marks", off, misses, samples)
	if samples == 0 || misses > samples/50 {
		t.Errorf("%d of %d points of dcmtk's graphics fall outside hsgview's burned marks", misses, samples)
	}
}

// TestUIDsStable: sending a version again gives the same UIDs; an
// amendment gives a new series that names its predecessor.
func TestUIDsStable(t *testing.T) {
	r, st, _ := demoReport(t, false)
	a, err := ReportObjects(r, Options{Study: st})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ReportObjects(r, Options{Study: st})
	for i := range a {
		if a[i].SOPInstanceUID != b[i].SOPInstanceUID || a[i].SeriesInstanceUID != b[i].SeriesInstanceUID {
			t.Errorf("%s: UIDs differ between two writes of one version", a[i].Name)
		}
	}
	r2 := *r
	r2.Version = 2
	r2.Status = "amended"
	c, err := ReportObjects(&r2, Options{Study: st})
	if err != nil {
		t.Fatal(err)
	}
	if c[0].SeriesInstanceUID == a[0].SeriesInstanceUID || c[0].SOPInstanceUID == a[0].SOPInstanceUID {
		t.Fatal("the amendment reuses the first version's UIDs")
	}
	in, err := dicomio.OpenBytes("sr", c[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	pred := in.Header().First(dicomio.NewTag(0x0040, 0xA360))
	if pred == nil {
		t.Fatal("no Predecessor Documents Sequence")
	}
	se := pred.First(dicomio.NewTag(0x0008, 0x1115))
	if se == nil || se.First(dicomio.NewTag(0x0008, 0x1199)).String(dicomio.NewTag(0x0008, 0x1155)) != a[0].SOPInstanceUID {
		t.Error("the predecessor is not the first version's SR")
	}
	p := writeObjects(t, c[:1])[0]
	if errs := dciodvfyErrors(t, p); len(errs) > 0 {
		t.Errorf("amended SR: %v", errs)
	}
}

func TestDraftNeedsFlag(t *testing.T) {
	r, st, _ := demoReport(t, true)
	if _, err := ReportObjects(r, Options{Study: st}); err == nil {
		t.Fatal("a draft was written without AllowDraft")
	}
	sr, err := SR(r, Options{Study: st, AllowDraft: true})
	if err != nil {
		t.Fatal(err)
	}
	in, _ := dicomio.OpenBytes("sr", sr.Data)
	if v := in.Header().String(dicomio.NewTag(0x0040, 0xA493)); v != "UNVERIFIED" {
		t.Errorf("draft VerificationFlag %q", v)
	}
	if v := in.Header().String(dicomio.NewTag(0x0040, 0xA491)); v != "PARTIAL" {
		t.Errorf("draft CompletionFlag %q", v)
	}
}
