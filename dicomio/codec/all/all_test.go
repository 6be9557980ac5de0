package all

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// TestRegistered checks that every syntax hsgview claims has a decoder, or
// in a build without cgo a reason.
func TestRegistered(t *testing.T) {
	for _, ts := range []string{
		codec.JPEGBaseline8Bit, codec.JPEGExtended12Bit, codec.JPEGLossless, codec.JPEGLosslessSV1,
		codec.RLELossless, codec.JPEGLSLossless, codec.JPEGLSNearLossless, codec.JPEG2000Lossless, codec.JPEG2000,
	} {
		_, err := codec.Lookup(ts)
		var ue *codec.UnsupportedError
		switch {
		case err == nil:
		case errors.As(err, &ue) && strings.Contains(ue.Reason, "cgo"):
			t.Logf("%s: %v", codec.Describe(ts), err)
		default:
			t.Errorf("%s: %v", codec.Describe(ts), err)
		}
	}
	for _, line := range codec.Registered() {
		t.Log(line)
	}
}

// TestCTFamily decodes the same CT slice stored in 15 transfer syntaxes
// and compares each with the Explicit VR Little Endian original: lossless
// syntaxes exactly, lossy ones in Hounsfield units (their encoders
// rescaled the samples) within a tolerance.
func TestCTFamily(t *testing.T) {
	dir := filepath.Join(dcmtest.Shared(t), "transfer_syntax")
	orig, err := dcmtest.Read(filepath.Join(dir, "CTImage_1.2.840.10008.1.2.1.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "CTImage_*.dcm"))
	if err != nil || len(names) != 15 {
		t.Fatalf("%d CTImage files (%v), want 15", len(names), err)
	}
	// Largest error in HU accepted per lossy syntax; 0 means exact samples.
	tolHU := map[string]float64{
		codec.JPEGBaseline8Bit:   3 * 32.1216, // 8 bits over the CT range: ±½ step, plus JPEG error
		codec.JPEGExtended12Bit:  24 * 2.0002, // 12 bits at slope 2, plus JPEG error (35.6 seen; exact vs DCMTK in package jpeg)
		codec.JPEGLSNearLossless: 0,           // replaced by the codestream's NEAR below
		codec.JPEG2000:           16,
	}
	for _, name := range names {
		ts := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(name), "CTImage_"), ".dcm")
		t.Run(codec.Describe(ts), func(t *testing.T) {
			var f *dcmtest.File
			if codec.IsNative(ts) {
				f = dcmtest.Native(t, t.TempDir(), name)
			} else if f, err = dcmtest.Read(name); err != nil {
				t.Fatal(err)
			}
			got, res, err := decodeAny(t, f)
			var ue *codec.UnsupportedError
			switch {
			case errors.As(err, &ue):
				t.Skipf("not decodable in this build: %v", err)
			case err != nil:
				t.Fatal(err)
			}
			if res.Photometric != "MONOCHROME2" {
				t.Errorf("photometric %q", res.Photometric)
			}
			tol, lossy := tolHU[ts]
			if !lossy {
				if max, n := dcmtest.Diff(got, orig.Native, 16, 16, true); n != 0 {
					t.Errorf("%d samples differ, max %d", n, max)
				}
				return
			}
			if ts == codec.JPEGLSNearLossless {
				tol = 1 // NEAR of this file; checked sample-exact in package jpegls
			}
			worst := 0.0
			a, b := hu(got, f), hu(orig.Native, orig)
			for i := range a {
				worst = math.Max(worst, math.Abs(a[i]-b[i]))
			}
			t.Logf("max error %.1f HU (tolerance %.1f)", worst, tol)
			if worst > tol {
				t.Errorf("max error %.1f HU exceeds %.1f", worst, tol)
			}
		})
	}
}

func decodeAny(t *testing.T, f *dcmtest.File) ([]byte, codec.Result, error) {
	if f.Native != nil {
		fr, err := f.Frame(0)
		return fr, codec.Result{Photometric: f.Info.Photometric}, err
	}
	return dcmtest.Decode(t, f, 0)
}

// hu returns the frame in modality units.
func hu(frame []byte, f *dcmtest.File) []float64 {
	out := make([]float64, f.Info.Rows*f.Info.Columns)
	bits := f.Info.BitsStored
	for i := range out {
		var v int
		if f.Info.BitsAllocated == 16 {
			v = int(binary.LittleEndian.Uint16(frame[2*i:]))
		} else {
			v = int(frame[i])
		}
		v &= 1<<bits - 1
		if f.Info.PixelRepresentation == 1 && v >= 1<<(bits-1) {
			v -= 1 << bits
		}
		out[i] = float64(v)*f.Slope + f.Intercept
	}
	return out
}

// TestCorpus decodes every encapsulated file of the shared corpus that a
// registered decoder claims: each frame must decode or return an error,
// never panic. It lists what was decoded.
func TestCorpus(t *testing.T) {
	root := dcmtest.Shared(t)
	err := filepath.Walk(root, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		f, err := dcmtest.Read(path)
		if err != nil || f.Native != nil || f.Info.Rows == 0 {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if _, err := codec.Lookup(f.Info.TransferSyntax); err != nil {
			t.Logf("%s: %v", rel, err)
			return nil
		}
		ok := 0
		var last error
		for i := 0; i < f.Frames; i++ {
			if _, err := f.Frame(i); err != nil {
				last = err
				continue
			}
			_, _, err := dcmtest.Decode(t, f, i)
			if err != nil && strings.Contains(err.Error(), "panicked") {
				t.Errorf("%s: frame %d: %v", rel, i, err)
			}
			if err == nil {
				ok++
			} else {
				last = err
			}
		}
		t.Logf("%s: %d of %d frames decoded; last error: %v", rel, ok, f.Frames, last)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestConcurrent decodes the same frames from several goroutines at once:
// decoders share pooled scratch state and C libraries, and must be safe
// for concurrent use. Run with -race.
func TestConcurrent(t *testing.T) {
	dir := filepath.Join(dcmtest.Shared(t), "transfer_syntax")
	var files []*dcmtest.File
	var want [][]byte
	for _, ts := range []string{"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
		"1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.5"} {
		f, err := dcmtest.Read(filepath.Join(dir, "CTImage_"+ts+".dcm"))
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := dcmtest.Decode(t, f, 0)
		if err != nil {
			continue // not in this build
		}
		files, want = append(files, f), append(want, got)
	}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for k := 0; k < 3; k++ {
				for i, f := range files {
					src, _ := f.Frame(0) // read once above, so no error
					got := make([]byte, len(want[i]))
					_, err := codec.Decode(got, src, f.Info)
					if err == nil && !dcmtest.Equal(got, want[i]) {
						err = errors.New(f.Info.TransferSyntax + ": concurrent decoding differs")
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
