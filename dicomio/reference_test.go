package dicomio

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// lossless reports whether a transfer syntax reproduces the stored samples.
func lossless(ts string) bool {
	switch ts {
	case "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
		"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5":
		return true
	}
	return isNativeSyntax(ts)
}

// nativeFiles lists the uncompressed images of the corpus folders whose
// rendering must match a reference implementation.
func nativeFiles(t *testing.T) []string { return corpusImages(t, isNativeSyntax) }

// corpusImages lists the decodable images of photometric/, xa_rf/ and
// cine/ whose transfer syntax satisfies keep.
func corpusImages(t *testing.T, keep func(ts string) bool) []string {
	dir := testutil.SharedDir(t)
	var out []string
	for _, sub := range []string{"photometric", "xa_rf", "cine"} {
		ents, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			p := filepath.Join(dir, sub, e.Name())
			in, err := OpenFile(p)
			if err != nil || !in.HasPixels || !in.Decodable || !keep(in.TransferSyntax) {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

func isNativeSyntax(ts string) bool {
	switch ts {
	case "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99":
		return true
	}
	return false
}

func readPNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestRenderMatchesReference renders the first and last frame of every
// native file as `hsgview render` does (the file's first window, else the
// full range of modality values) and compares the result with a reference
// implementation given the same window: dcmj2pnm (DCMTK) for grey images,
// pydicom for colour ones. Every sample must be within ±1.
func TestRenderMatchesReference(t *testing.T) {
	for _, path := range nativeFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			in, err := OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if in.Header().Has(TagPerFrameFunctionalGroups) {
				t.Skip("per-frame functional groups: DCMTK 3.6.7 cannot render them; see TestPerFrameFunctionalGroups")
			}
			compareWithReference(t, in, path)
		})
	}
}

// TestRenderCompressedMatchesReference renders every losslessly compressed
// image of the same folders and compares it with DCMTK rendering GDCM's
// decompression of the file: compressed data must show exactly like
// native data.
func TestRenderCompressedMatchesReference(t *testing.T) {
	gdcmconv := testutil.Tool(t, "gdcmconv")
	for _, path := range corpusImages(t, func(ts string) bool { return lossless(ts) && !isNativeSyntax(ts) }) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw := filepath.Join(t.TempDir(), "raw.dcm")
			if b, err := exec.Command(gdcmconv, "--raw", path, raw).CombinedOutput(); err != nil {
				t.Skipf("gdcmconv cannot decompress this file either: %v %s", err, b)
			}
			in, err := OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			compareWithReference(t, in, raw)
		})
	}
}

// compareWithReference renders the first and last frame of in with
// [Instance.Render]'s defaults, as `hsgview render`, thumbnails and key
// images show them (the file's first window, else the full range; no VOI
// for colour), and compares them with a reference rendering of ref — the
// same file, or its decompressed form: DCMTK for grey frames, pydicom for
// colour ones. Every sample must be within ±1.
func compareWithReference(t *testing.T, in *Instance, ref string) {
	t.Helper()
	for _, fi := range []int{0, in.Pixel.Frames - 1} {
		r, err := in.Render(fi, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		f := r.Frame
		if r.Pipeline.IsColor(f) {
			if r.VOI != (VOI{}) {
				t.Errorf("frame %d: colour rendered with VOI %s, want none", fi+1, r.VOI.Label())
			}
			if d, at := maxDiff(r.Image, pydicomColor(t, ref, fi, f.Columns, f.Rows)); d > 1 {
				t.Errorf("frame %d (%s): max difference %d from pydicom at %v", fi+1, in.Pixel.Photometric, d, at)
			}
			continue
		}
		if want := r.Pipeline.DefaultVOI(f); r.VOI != want {
			t.Errorf("frame %d: VOI %s, want the default %s", fi+1, r.VOI.Label(), want.Label())
		}
		if d, at := maxDiff(r.Image, dcmtkGrey(t, ref, fi, r.VOI)); d > 1 {
			t.Errorf("frame %d (%s, VOI %s): max difference %d from dcmj2pnm at %v", fi+1, in.Pixel.Photometric, r.VOI.Label(), d, at)
		}
	}
}

func dcmtkGrey(t *testing.T, path string, frame int, voi VOI) image.Image {
	dcmj2pnm := testutil.Tool(t, "dcmj2pnm")
	dcmconv := testutil.Tool(t, "dcmconv")
	// DCMTK leaves explicit-VR UN elements uninterpreted unless told to
	// convert them (CP-246 files encode Rescale Slope and the windows as UN).
	conv := filepath.Join(t.TempDir(), "conv.dcm")
	if err := exec.Command(dcmconv, "+uc", path, conv).Run(); err == nil {
		path = conv
	}
	out := filepath.Join(t.TempDir(), "ref.png")
	args := []string{"+on", "+F", fmt.Sprint(frame + 1), "+Ww", fmt.Sprint(voi.Center), fmt.Sprint(voi.Width)}
	if voi.Function == "SIGMOID" {
		args = append(args, "+Wfs")
	}
	if b, err := exec.Command(dcmj2pnm, append(args, path, out)...).CombinedOutput(); err != nil {
		t.Fatalf("dcmj2pnm: %v\n%s", err, b)
	}
	return readPNG(t, out)
}

func pydicomColor(t *testing.T, path string, frame, w, h int) *image.RGBA {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import pydicom, numpy").Run(); err != nil {
		t.Skip("pydicom reference not available (Debian python3-pydicom python3-numpy)")
	}
	raw, err := exec.Command(py, "testdata/pydicom_color.py", path, fmt.Sprint(frame)).Output()
	if err != nil {
		t.Fatalf("pydicom reference: %v", err)
	}
	if len(raw) != w*h*3 {
		t.Fatalf("pydicom reference gave %d bytes, want %d", len(raw), w*h*3)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		copy(img.Pix[4*i:], raw[3*i:3*i+3])
		img.Pix[4*i+3] = 255
	}
	return img
}

// TestPerFrameFunctionalGroups checks a multi-frame image whose frames have
// their own rescale and window (Orthanc's MultiframeWindowing test file):
// frame 1 has window 16/128, frames 2–4 no window (full range) and
// different rescales. Expected values are computed by hand from PS3.3
// C.11.2.1.2.1: y = ((x − (c − 0.5)) / (w − 1) + 0.5) × 255.
func TestPerFrameFunctionalGroups(t *testing.T) {
	in, err := OpenFile(testutil.File(t, "cine/MR_4f_perframe_rescale_voi.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]uint8{
		{96, 129, 161, 193}, // stored 0,16,32,48; window 16/128
		{0, 85, 170, 255},   // full range
		{0, 85, 170, 255},
		{0, 85, 170, 255},
	}
	for fi, w := range want {
		f, err := in.Frame(fi)
		if err != nil {
			t.Fatal(err)
		}
		pl := in.Pipeline(fi)
		got := pl.Render(f, pl.DefaultVOI(f)).(*image.Gray).Pix
		if string(got) != string(w) {
			t.Errorf("frame %d: got %v, want %v", fi+1, got, w)
		}
	}
	// Per-frame rescale: frame 4 has slope 2, intercept 100.
	f, _ := in.Frame(3)
	if v := in.Pipeline(3).Value(f, 3); v != 48*2+100 {
		t.Errorf("frame 4 modality value = %v, want 196", v)
	}
}

// maxDiff compares two images channel by channel.
func maxDiff(a, b image.Image) (int, image.Point) {
	if a.Bounds() != b.Bounds() {
		return 1 << 20, image.Point{}
	}
	worst, at := 0, image.Point{}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				if d < 0 {
					d = -d
				}
				if d > worst {
					worst, at = d, image.Pt(x, y)
				}
			}
		}
	}
	return worst, at
}
