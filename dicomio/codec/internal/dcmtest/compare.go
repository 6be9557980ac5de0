package dcmtest

import (
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// Native reads a native source file, first rewriting it as Explicit VR
// Little Endian with dcmconv when it is deflated or big-endian.
func Native(t testing.TB, dir, path string) *File {
	t.Helper()
	f, err := Read(path)
	if err == nil {
		return f
	}
	if !strings.Contains(err.Error(), "not handled") {
		t.Fatal(err)
	}
	return Convert(t, dir, "dcmconv", path, "+te")
}

// Interleave returns a colour-by-plane frame as colour-by-pixel.
func Interleave(frame []byte, samples, bytesPerSample int) []byte {
	out := make([]byte, len(frame))
	plane := len(frame) / samples
	for s := 0; s < samples; s++ {
		for i, o := 0, s*bytesPerSample; i+bytesPerSample <= plane; i, o = i+bytesPerSample, o+samples*bytesPerSample {
			copy(out[o:o+bytesPerSample], frame[s*plane+i:])
		}
	}
	return out
}

// Compare decodes every frame of enc with the registered decoder and
// compares it with the same frame of the native file ref, on the low
// enc.Info.BitsStored bits, failing the test when a sample differs by more
// than tol. It returns the largest difference seen.
func Compare(t testing.TB, enc, ref *File, tol int) int {
	t.Helper()
	if ref.Native == nil {
		t.Fatalf("reference is not native (%s)", ref.Info.TransferSyntax)
	}
	if enc.Frames != ref.Frames {
		t.Fatalf("%d frames, reference has %d", enc.Frames, ref.Frames)
	}
	if enc.Info.Rows != ref.Info.Rows || enc.Info.Columns != ref.Info.Columns || enc.Info.BitsAllocated != ref.Info.BitsAllocated {
		t.Fatalf("geometry %+v differs from reference %+v", enc.Info, ref.Info)
	}
	worst := 0
	for i := 0; i < enc.Frames; i++ {
		got, res, err := Decode(t, enc, i)
		if err != nil {
			t.Errorf("frame %d: %v", i, err)
			return -1
		}
		want, err := ref.Frame(i)
		if err != nil {
			t.Fatal(err)
		}
		if ref.Info.SamplesPerPixel > 1 && ref.Info.PlanarConfiguration == 1 {
			want = Interleave(want, ref.Info.SamplesPerPixel, ref.Info.BitsAllocated/8)
		}
		if ref.Info.SamplesPerPixel > 1 && res.Photometric != ref.Info.Photometric {
			t.Errorf("frame %d: decoded photometric %q, reference %q", i, res.Photometric, ref.Info.Photometric)
		}
		bits := enc.Info.BitsStored
		if bits == 0 || bits > enc.Info.BitsAllocated {
			bits = enc.Info.BitsAllocated
		}
		max, n := Diff(got, want, enc.Info.BitsAllocated, bits, enc.Info.PixelRepresentation == 1)
		if max > tol {
			t.Errorf("frame %d: %d samples differ, max difference %d (tolerance %d)", i, n, max, tol)
		}
		worst = maxInt(worst, max)
	}
	return worst
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// A Case is a test file made by a reference encoder from a native source.
type Case struct {
	Src  string   // path of the native source, relative to its root
	Tool string   // encoder (dcmcjpeg, gdcmconv, …)
	Args []string // encoder options
	TS   string   // transfer syntax the encoder must produce
	Tol  int      // largest sample difference accepted
	// Ref is the reference decoder command (tool and options) for lossy
	// cases; empty means the native source itself.
	Ref []string
}

// Name returns a short name for t.Run.
func (c Case) Name() string {
	return filepath.Base(c.Src) + "/" + c.Tool + strings.Join(c.Args, "")
}

// RunCases generates each case with its tool in a temporary directory and
// compares every frame with the native source. Sources starting with
// "suyash/" are taken from the suyashkumar/dicom testdata, others from
// shared/testdata/dicom. It logs the largest difference of each case.
func RunCases(t *testing.T, cases []Case) {
	shared := Shared(t)
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			Need(t, c.Tool)
			src := filepath.Join(shared, c.Src)
			if rest, ok := strings.CutPrefix(c.Src, "suyash/"); ok {
				src = filepath.Join(Suyash(t), rest)
			}
			dir := t.TempDir()
			ref := Native(t, dir, src)
			if ref.Native == nil {
				t.Fatalf("%s is not native", c.Src)
			}
			enc, path := ConvertPath(t, dir, c.Tool, src, c.Args...)
			if enc.Info.TransferSyntax != c.TS {
				t.Fatalf("%s %v wrote %s, want %s", c.Tool, c.Args, codec.Describe(enc.Info.TransferSyntax), codec.Describe(c.TS))
			}
			if len(c.Ref) > 0 {
				ref = Convert(t, dir, c.Ref[0], path, c.Ref[1:]...)
				// The reference decoder keeps lossy overshoot beyond Bits
				// Stored (raising Bits Stored); the decoders clamp it.
				ClampStored(ref, enc.Info.BitsStored, enc.Info.PixelRepresentation == 1)
			}
			max := Compare(t, enc, ref, c.Tol)
			t.Logf("%d frame(s) %d×%d×%d, %d bits: max diff %d", enc.Frames, enc.Info.Columns, enc.Info.Rows,
				enc.Info.SamplesPerPixel, enc.Info.BitsStored, max)
		})
	}
}

// CheckWiden decodes frame 0 of an 8-bit file once as it is and once with
// Bits Allocated 16, and fails unless the second is the first widened to
// little-endian 16-bit samples (some files store 8-bit codestreams in
// 16-bit pixel data).
func CheckWiden(t testing.TB, f *File) {
	t.Helper()
	if f.Info.BitsAllocated != 8 {
		t.Fatalf("source has %d bits allocated, want 8", f.Info.BitsAllocated)
	}
	narrow, res8, err := Decode(t, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	wide := *f
	wide.Info.BitsAllocated = 16
	got, res16, err := Decode(t, &wide, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]byte, 2*len(narrow))
	for i, v := range narrow {
		want[2*i] = v
	}
	if !Equal(got, want) || res8 != res16 {
		t.Errorf("16-bit decoding is not the 8-bit one widened (%v, %v)", res8, res16)
	}
}

// ClampStored clamps the 16-bit native samples of f to the range of bits
// stored bits (signed or not), as the decoders do with lossy samples that
// overshoot the stored range.
func ClampStored(f *File, bits int, signed bool) {
	if f.Native == nil || f.Info.BitsAllocated != 16 || bits <= 0 || bits >= 16 {
		return
	}
	lo, hi := 0, 1<<bits-1
	if signed {
		lo, hi = -(1 << (bits - 1)), 1<<(bits-1)-1
	}
	for p := 0; p+1 < len(f.Native); p += 2 {
		v := int(binary.LittleEndian.Uint16(f.Native[p:]))
		if signed || f.Info.PixelRepresentation == 1 {
			v = int(int16(uint16(v)))
		}
		binary.LittleEndian.PutUint16(f.Native[p:], uint16(min(max(v, lo), hi)))
	}
}
