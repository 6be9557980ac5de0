package dicomio

import (
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

func TestDefaultFrame(t *testing.T) {
	for _, tt := range []struct {
		modality       string
		frames, repres int
		want           int
	}{
		{"RF", 30, 0, 29},  // injection run: the last, most opacified frame
		{"XA", 12, 0, 11},  // the same for angiography storage
		{"RF", 30, 12, 11}, // Representative Frame Number wins
		{"US", 8, 3, 2},    // … whatever the modality
		{"RF", 30, 31, 29}, // out of range: ignored
		{"RF", 30, -4, 29},
		{"US", 8, 0, 0}, // other multi-frame images: the first
		{"CT", 40, 0, 0},
		{"RF", 1, 0, 0}, // single frame
		{"DX", 1, 1, 0},
		{"", 0, 0, 0}, // no pixel data
		{"RF", 0, 5, 0},
	} {
		in := &Instance{Modality: tt.modality, RepresentativeFrame: tt.repres, Pixel: PixelFormat{Frames: tt.frames}}
		if got := in.DefaultFrame(); got != tt.want {
			t.Errorf("%s, %d frames, representative %d: frame %d, want %d", tt.modality, tt.frames, tt.repres, got, tt.want)
		}
	}
}

// A truncated run opens on its last complete frame, not on one that
// cannot be decoded.
func TestDefaultFrameTruncatedRun(t *testing.T) {
	px := make([]byte, 5*4) // five 2×2 8-bit frames
	for i := range px {
		px[i] = byte(i)
	}
	path := writeRaw(t, 8, 8, 0, 2, 2, 5, px, rawElement{0x0008, 0x0060, "CS", []byte("RF")})
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, err := OpenBytes("truncated.dcm", b[:len(b)-7]) // frames 1–3 whole, frame 4 in part
	if err != nil {
		t.Fatal(err)
	}
	if in.Pixel.Frames != 3 || len(in.Warnings) == 0 {
		t.Fatalf("%d frames, warnings %q; want the 3 whole frames and a warning", in.Pixel.Frames, in.Warnings)
	}
	if got := in.DefaultFrame(); got != 2 {
		t.Errorf("default frame %d, want 2", got)
	}
	if _, err := in.Render(in.DefaultFrame(), RenderOptions{}); err != nil {
		t.Errorf("the default frame does not render: %v", err)
	}
}

func TestRender(t *testing.T) {
	// Two 2×2 8-bit frames: 0 100 200 255, then 10 20 30 40.
	in, err := OpenFile(writeRaw(t, 8, 8, 0, 2, 2, 2, []byte{0, 100, 200, 255, 10, 20, 30, 40}))
	if err != nil {
		t.Fatal(err)
	}
	window := &VOI{Window: Window{Center: 100, Width: 101}}
	cache := NewFrameCache(1 << 20)
	for _, tt := range []struct {
		name  string
		frame int
		opt   RenderOptions
		want  []uint8
		voi   VOI
		rgba  bool
	}{
		// No window in the file: the full range, per frame (PS3.3
		// C.11.2.1.2.1 with c = 128, w = 256 is the identity on 0…255).
		{"default", 0, RenderOptions{}, []uint8{0, 100, 200, 255}, VOI{Window: Window{Center: 128, Width: 256, Explanation: "full range"}}, false},
		// c = 25.5, w = 31: ((x − 25) / 30 + 0.5) · 255.
		{"default, second frame", 1, RenderOptions{}, []uint8{0, 85, 170, 255}, VOI{Window: Window{Center: 25.5, Width: 31, Explanation: "full range"}}, false},
		// c = 100, w = 101: 0 up to 49.5, 255 above 149.5, 100 → 128.775.
		{"given window", 0, RenderOptions{VOI: window}, []uint8{0, 129, 255, 255}, *window, false},
		{"inverted", 0, RenderOptions{Invert: true}, []uint8{255, 155, 55, 0}, VOI{Window: Window{Center: 128, Width: 256, Explanation: "full range"}}, false},
		{"window, inverted, RGBA", 0, RenderOptions{VOI: window, Invert: true, RGBA: true}, []uint8{255, 126, 0, 0}, *window, true},
		{"through a cache", 1, RenderOptions{Cache: cache, RGBA: true}, []uint8{0, 85, 170, 255}, VOI{Window: Window{Center: 25.5, Width: 31, Explanation: "full range"}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := in.Render(tt.frame, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if r.VOI != tt.voi {
				t.Errorf("VOI %+v, want %+v", r.VOI, tt.voi)
			}
			if r.Image.Bounds() != image.Rect(0, 0, 2, 2) {
				t.Errorf("bounds %v", r.Image.Bounds())
			}
			var grey []uint8
			switch img := r.Image.(type) {
			case *image.Gray:
				if tt.rgba {
					t.Fatal("*image.Gray, want *image.RGBA")
				}
				grey = img.Pix
			case *image.RGBA:
				if !tt.rgba {
					t.Fatal("*image.RGBA, want *image.Gray")
				}
				for i := 0; i < len(img.Pix); i += 4 {
					if p := img.Pix[i : i+4]; p[0] != p[1] || p[1] != p[2] || p[3] != 255 {
						t.Fatalf("pixel %d = %v, want opaque grey", i/4, p)
					}
					grey = append(grey, img.Pix[i])
				}
			default:
				t.Fatalf("image type %T", r.Image)
			}
			if !slices.Equal(grey, tt.want) {
				t.Errorf("pixels %v, want %v", grey, tt.want)
			}
			if r.Frame == nil || r.Pipeline == nil || r.Pipeline.Value(r.Frame, 1) != float64([]int{100, 20}[tt.frame]) {
				t.Errorf("the rendering does not carry the frame's values")
			}
			if tt.opt.Cache != nil && tt.opt.Cache.Cached(in, tt.frame) != r.Frame {
				t.Errorf("the frame was not taken from (or kept in) the cache")
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	in, err := OpenFile(writeRaw(t, 8, 8, 0, 2, 2, 2, make([]byte, 8)))
	if err != nil {
		t.Fatal(err)
	}
	var nilInstance *Instance
	for name, render := range map[string]func() (*Rendering, error){
		"frame -1":        func() (*Rendering, error) { return in.Render(-1, RenderOptions{}) },
		"frame 2 of 2":    func() (*Rendering, error) { return in.Render(2, RenderOptions{}) },
		"frame 2, cached": func() (*Rendering, error) { return in.Render(2, RenderOptions{Cache: NewFrameCache(1 << 20)}) },
		"no pixel data":   func() (*Rendering, error) { return (&Instance{Path: "x.dcm"}).Render(0, RenderOptions{}) },
		"nil instance":    func() (*Rendering, error) { return nilInstance.Render(0, RenderOptions{}) },
		"undecodable": func() (*Rendering, error) {
			return (&Instance{HasPixels: true, Pixel: PixelFormat{Frames: 1}, Problem: "no decoder"}).Render(0, RenderOptions{})
		},
	} {
		if r, err := render(); err == nil || r != nil {
			t.Errorf("%s: %v, %v; want an error", name, r, err)
		}
	}
}

// Render with a given window and inverted matches dcmj2pnm with the same
// window and reversed polarity (+P), within ±1, for the grey native
// images of the corpus (the default rendering is compared in
// compareWithReference).
func TestRenderWindowInvertMatchesDCMTK(t *testing.T) {
	dcmj2pnm := testutil.Tool(t, "dcmj2pnm")
	n := 0
	for _, path := range nativeFiles(t) {
		in, err := OpenFile(path)
		if err != nil || in.Header().Has(TagPerFrameFunctionalGroups) || in.Pixel.SamplesPerPixel != 1 || in.Pixel.Photometric == "PALETTE COLOR" {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			def, err := in.Render(0, RenderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			// A window narrower than the default, off its centre.
			voi := VOI{Window: Window{Center: def.VOI.Center + def.VOI.Width/8, Width: max(2, def.VOI.Width/3)}}
			r, err := in.Render(0, RenderOptions{VOI: &voi, Invert: true})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "ref.png")
			args := []string{"+on", "+F", "1", "+Ww", fmt.Sprint(voi.Center), fmt.Sprint(voi.Width), "+P", path, out}
			if b, err := exec.Command(dcmj2pnm, args...).CombinedOutput(); err != nil {
				t.Skipf("dcmj2pnm cannot render this file: %v %s", err, b)
			}
			if d, at := maxDiff(r.Image, readPNG(t, out)); d > 1 {
				t.Errorf("VOI %s inverted: max difference %d from dcmj2pnm +P at %v", voi.Label(), d, at)
			}
		})
		n++
	}
	if n == 0 {
		t.Skip("no grey native image in the corpus")
	}
}
