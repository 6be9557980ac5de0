package dicomio

import (
	"encoding/binary"
	"fmt"
	"image"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// VOI functions of PS3.3 C.11.2.1.2, against values computed by hand.
func TestVOIFunctions(t *testing.T) {
	tests := []struct {
		fn     string
		c, w   float64
		x      float64
		want   float64
		reason string
	}{
		{"LINEAR", 100, 200, -1, 0, "x ≤ c − 0.5 − (w−1)/2 = 0.0 → ymin"},
		{"LINEAR", 100, 200, 0, 0, "boundary belongs to ymin"},
		{"LINEAR", 100, 200, 0.5, ((0.5-99.5)/199 + 0.5) * 255, "just inside"},
		{"LINEAR", 100, 200, 99.5, 127.5, "centre − 0.5 maps to the middle"},
		{"LINEAR", 100, 200, 199, 255, "x > c − 0.5 + (w−1)/2 = 199 is ymax only above"},
		{"LINEAR", 100, 200, 199.01, 255, "above"},
		{"LINEAR", 10, 1, 9.5, 0, "width 1 is a threshold at c − 0.5"},
		{"LINEAR", 10, 1, 9.6, 255, "width 1 threshold"},
		{"LINEAR_EXACT", 100, 200, 0, 0, "x ≤ c − w/2"},
		{"LINEAR_EXACT", 100, 200, 100, 127.5, "centre maps to the middle"},
		{"LINEAR_EXACT", 100, 200, 150, 191.25, "((150−100)/200 + 0.5)·255"},
		{"SIGMOID", 100, 200, 100, 127.5, "centre maps to the middle"},
		{"SIGMOID", 100, 200, 150, 255 / (1 + math.Exp(-1)), "255 / (1 + exp(−4·50/200))"},
	}
	for _, tt := range tests {
		v := VOI{Window: Window{Center: tt.c, Width: tt.w, Function: tt.fn}}
		if got := v.apply(tt.x); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s c=%v w=%v x=%v: %v, want %v (%s)", tt.fn, tt.c, tt.w, tt.x, got, tt.want, tt.reason)
		}
	}
}

// The full-range window maps the smallest modality value to 0 and the
// largest to 255 exactly, for rescaled signed data.
func TestFullRange(t *testing.T) {
	in, err := OpenFile(testutil.File(t, "photometric/CT_small_signed_rescale.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := in.Frame(0)
	pl := in.Pipeline(0)
	lo, hi := pl.Range(f)
	img := pl.Render(f, pl.FullRange(f)).(*image.Gray)
	var sawLo, sawHi bool
	for i := range img.Pix {
		v := pl.Value(f, i)
		if v == lo && img.Pix[i] != 0 || v == hi && img.Pix[i] != 255 {
			t.Fatalf("pixel %d: value %v → %d (range %v..%v)", i, v, img.Pix[i], lo, hi)
		}
		sawLo, sawHi = sawLo || v == lo, sawHi || v == hi
	}
	if !sawLo || !sawHi || lo >= hi {
		t.Errorf("range %v..%v not found in the data", lo, hi)
	}
}

// VOI LUT Sequence presets render as DCMTK renders them (+Wl 1).
func TestVOILUTMatchesDCMTK(t *testing.T) {
	dcmj2pnm := testutil.Tool(t, "dcmj2pnm")
	path := testutil.File(t, "photometric/SC_voilut_seq.dcm")
	in, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := in.Frame(0)
	pl := in.Pipeline(0)
	var lut *VOI
	for i := range pl.Presets {
		if pl.Presets[i].LUT != nil {
			lut = &pl.Presets[i]
		}
	}
	if lut == nil {
		t.Fatal("VOI LUT Sequence not offered as a preset")
	}
	out := filepath.Join(t.TempDir(), "ref.png")
	if b, err := exec.Command(dcmj2pnm, "+on", "+Wl", "1", path, out).CombinedOutput(); err != nil {
		t.Fatalf("dcmj2pnm: %v %s", err, b)
	}
	if d, at := maxDiff(pl.Render(f, *lut), readPNG(t, out)); d > 1 {
		t.Errorf("VOI LUT: max difference %d at %v", d, at)
	}
}

// A rawElement is an extra data element for [writeRaw]: group, element,
// VR and the value's bytes.
type rawElement struct {
	group, elem uint16
	vr          string
	value       []byte
}

// writeRaw writes a minimal Explicit VR Little Endian image with the given
// pixel module and pixel bytes (for bit depths the corpus lacks), and any
// extra elements (e.g. Modality).
func writeRaw(t *testing.T, bitsAlloc, bitsStored, signed, rows, cols, frames int, px []byte, extra ...rawElement) string {
	t.Helper()
	us := func(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
	str := func(s string) []byte { return []byte(s) }
	if len(px)%2 == 1 {
		px = append(px, 0)
	}
	vr := "OW"
	if bitsAlloc == 1 {
		vr = "OB"
	}
	els := append([]rawElement{
		{0x0002, 0x0010, "UI", str("1.2.840.10008.1.2.1")},
		{0x0008, 0x0016, "UI", str("1.2.840.10008.5.1.4.1.1.7")},
		{0x0008, 0x0018, "UI", str("2.25.1")},
		{0x0028, 0x0002, "US", us(1)},
		{0x0028, 0x0004, "CS", str("MONOCHROME2")},
		{0x0028, 0x0008, "IS", str(fmt.Sprint(frames))},
		{0x0028, 0x0010, "US", us(rows)},
		{0x0028, 0x0011, "US", us(cols)},
		{0x0028, 0x0100, "US", us(bitsAlloc)},
		{0x0028, 0x0101, "US", us(bitsStored)},
		{0x0028, 0x0102, "US", us(bitsStored - 1)},
		{0x0028, 0x0103, "US", us(signed)},
		{0x7FE0, 0x0010, vr, px},
	}, extra...)
	// Later elements replace earlier ones of the same tag; then tag order.
	byTag := map[uint32]rawElement{}
	for _, e := range els {
		byTag[uint32(e.group)<<16|uint32(e.elem)] = e
	}
	tags := slices.Sorted(maps.Keys(byTag))
	b := append(make([]byte, 128), "DICM"...)
	for _, tag := range tags {
		e := byTag[tag]
		v := e.value
		if len(v)%2 == 1 {
			pad := byte(' ')
			if e.vr == "UI" || e.vr == "OB" {
				pad = 0
			}
			v = append(v[:len(v):len(v)], pad)
		}
		b = binary.LittleEndian.AppendUint16(b, e.group)
		b = binary.LittleEndian.AppendUint16(b, e.elem)
		b = append(b, e.vr...)
		if e.vr == "OB" || e.vr == "OW" {
			b = append(b, 0, 0)
			b = binary.LittleEndian.AppendUint32(b, uint32(len(v)))
		} else {
			b = binary.LittleEndian.AppendUint16(b, uint16(len(v)))
		}
		b = append(b, v...)
	}
	p := filepath.Join(t.TempDir(), "img.dcm")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// 1-bit frames are bit-packed across frame boundaries, LSB first.
func TestOneBitFrames(t *testing.T) {
	// Two 3×3 frames = 18 bits: frame 1 a diagonal, frame 2 its inverse.
	bits := []int{1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0}
	px := make([]byte, 3)
	for i, v := range bits {
		px[i/8] |= byte(v) << (i % 8)
	}
	in, err := OpenFile(writeRaw(t, 1, 1, 0, 3, 3, 2, px))
	if err != nil {
		t.Fatal(err)
	}
	for fi := 0; fi < 2; fi++ {
		f, err := in.Frame(fi)
		if err != nil {
			t.Fatal(err)
		}
		pl := in.Pipeline(fi)
		img := pl.Render(f, pl.DefaultVOI(f)).(*image.Gray)
		for i, v := range bits[9*fi : 9*fi+9] {
			if want := uint8(255 * v); img.Pix[i] != want {
				t.Errorf("frame %d pixel %d: %d, want %d", fi+1, i, img.Pix[i], want)
			}
		}
	}
}

// 32-bit signed data keeps its sign and full range.
func TestThirtyTwoBit(t *testing.T) {
	vals := []int32{-100000, 0, 50000, 100000}
	var px []byte
	for _, v := range vals {
		px = binary.LittleEndian.AppendUint32(px, uint32(v))
	}
	in, err := OpenFile(writeRaw(t, 32, 32, 1, 2, 2, 1, px))
	if err != nil {
		t.Fatal(err)
	}
	f, err := in.Frame(0)
	if err != nil {
		t.Fatal(err)
	}
	pl := in.Pipeline(0)
	for i, v := range vals {
		if got := pl.Value(f, i); got != float64(v) {
			t.Errorf("value %d = %v, want %d", i, got, v)
		}
	}
	img := pl.Render(f, pl.DefaultVOI(f)).(*image.Gray)
	if img.Pix[0] != 0 || img.Pix[3] != 255 || img.Pix[1] != 128 {
		t.Errorf("full range render %v", img.Pix)
	}
}

// Presentation LUT Shape INVERSE inverts MONOCHROME2; on MONOCHROME1 (where
// the DX IOD requires it) it is the inversion MONOCHROME1 implies, not a
// second one. Conformant files render as DCMTK renders them. A MONOCHROME1
// image that (wrongly) declares IDENTITY is still shown inverted, as its
// Photometric Interpretation says and `render`'s contract requires; DCMTK
// obeys the shape there instead.
func TestPresentationLUTShape(t *testing.T) {
	for _, c := range []struct {
		photometric, shape string
		inverted           bool
		asDCMTK            bool
	}{
		{"MONOCHROME1", "INVERSE", true, true},
		{"MONOCHROME1", "IDENTITY", true, false},
		{"MONOCHROME2", "INVERSE", true, true},
		{"MONOCHROME2", "IDENTITY", false, true},
	} {
		t.Run(c.photometric+"_"+c.shape, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "img.dcm")
			testutil.DICOM(t, path, testutil.Attrs{
				"(0008,0016)": "UI =DigitalXRayImageStorageForPresentation",
				"(0028,0004)": "CS [" + c.photometric + "]",
				"(2050,0020)": "CS [" + c.shape + "]",
			})
			in, err := OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := in.Frame(0)
			pl := in.Pipeline(0)
			if pl.Inverted() != c.inverted {
				t.Errorf("inverted = %v, want %v", pl.Inverted(), c.inverted)
			}
			voi := pl.DefaultVOI(f)
			if !c.asDCMTK {
				return
			}
			if d, at := maxDiff(pl.Render(f, voi), dcmtkGrey(t, path, 0, voi)); d > 1 {
				t.Errorf("differs from DCMTK by %d at %v", d, at)
			}
		})
	}
}
