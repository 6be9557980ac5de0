package jpegll

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// testFrame returns a frame mixing the phantom with full-range noise and a
// checkerboard of 0 and 2^(prec-1), so that every SSSS occurs, 16 included.
func testFrame(info codec.Info, prec int, seed uint64) []byte {
	f := dcmtest.Phantom(info, seed)
	r := rand.New(rand.NewPCG(seed, 7))
	n := info.Rows * info.Columns * info.SamplesPerPixel
	for i := 0; i < n; i++ {
		var v uint32
		switch {
		case i%97 < 10:
			v = r.Uint32()
		case i%97 < 14:
			v = uint32(i%2) << (prec - 1)
		default:
			continue
		}
		v &= 1<<prec - 1
		if info.BitsAllocated == 16 {
			binary.LittleEndian.PutUint16(f[2*i:], uint16(v))
		} else {
			f[i] = byte(v)
		}
	}
	return f
}

// expected returns what a decoder must output for frame: each sample
// reduced to prec bits, with the low pt bits cleared.
func expected(frame []byte, info codec.Info, prec, pt int) []byte {
	out := bytes.Clone(frame)
	m := uint16(1<<prec-1) &^ uint16(1<<pt-1)
	if info.BitsAllocated == 16 {
		for i := 0; i+1 < len(out); i += 2 {
			binary.LittleEndian.PutUint16(out[i:], binary.LittleEndian.Uint16(out[i:])&m)
		}
	} else {
		for i := range out {
			out[i] &= byte(m)
		}
	}
	return out
}

type encCase struct {
	info codec.Info
	o    encOpts
}

func (c encCase) String() string {
	return fmt.Sprintf("%dx%dx%d_P%d_sv%d_pt%d_ri%d_planar%v", c.info.Columns, c.info.Rows, c.info.SamplesPerPixel,
		c.o.prec, c.o.pred, c.o.pt, c.o.ri, c.o.planar)
}

func encCases() []encCase {
	var cs []encCase
	add := func(w, h, nf, ba int, o encOpts) {
		info := codec.Info{Rows: h, Columns: w, SamplesPerPixel: nf, BitsAllocated: ba, BitsStored: o.prec,
			Photometric: "MONOCHROME2", TransferSyntax: codec.JPEGLossless}
		if nf > 1 {
			info.Photometric = "RGB"
		}
		cs = append(cs, encCase{info, o})
	}
	for pred := 1; pred <= 7; pred++ {
		add(37, 23, 1, 16, encOpts{prec: 16, pred: pred})
		add(37, 23, 1, 16, encOpts{prec: 12, pred: pred, ri: 37 * 2})
		add(19, 11, 3, 8, encOpts{prec: 8, pred: pred, planar: pred%2 == 0})
	}
	for _, prec := range []int{2, 3, 7, 8} {
		add(16, 9, 1, 8, encOpts{prec: prec, pred: 1 + prec%7, app0: true})
	}
	for _, prec := range []int{9, 10, 13, 15, 16} {
		add(16, 9, 1, 16, encOpts{prec: prec, pred: 1 + prec%7})
	}
	add(8, 8, 1, 16, encOpts{prec: 6, pred: 6}) // P ≤ 8 into 16-bit samples
	add(64, 40, 1, 16, encOpts{prec: 16, pred: 4, pt: 3, ri: 64})
	add(64, 40, 1, 16, encOpts{prec: 12, pred: 7, pt: 1, ri: 64 * 7}) // last interval is short
	add(20, 10, 3, 16, encOpts{prec: 16, pred: 5, ri: 40, planar: true})
	add(20, 10, 3, 8, encOpts{prec: 8, pred: 2, pt: 2, ri: 20})
	add(12, 7, 4, 8, encOpts{prec: 8, pred: 6})
	add(12, 7, 4, 16, encOpts{prec: 14, pred: 3, planar: true, ri: 12})
	add(1, 1, 1, 16, encOpts{prec: 16, pred: 1})
	add(1, 50, 1, 8, encOpts{prec: 8, pred: 7})
	add(50, 1, 3, 16, encOpts{prec: 16, pred: 4})
	return cs
}

func TestEncoder(t *testing.T) {
	for i, c := range encCases() {
		frame := testFrame(c.info, c.o.prec, uint64(i))
		src := encode(frame, c.info, c.o)
		want := expected(frame, c.info, c.o.prec, c.o.pt)
		got := make([]byte, len(want))
		if _, err := Decode(got, src, c.info); err != nil {
			t.Errorf("%v: %v", c, err)
			continue
		}
		if max, n := dcmtest.Diff(got, want, c.info.BitsAllocated, c.info.BitsAllocated, false); n > 0 {
			t.Errorf("%v: %d samples differ, max %d", c, n, max)
		}
	}
}

// TestEncoderAgainstDCMTK checks that the test encoder writes streams that
// IJG (through dcmdjpeg) decodes to the same samples as this package, so
// TestEncoder does not merely test the encoder against its mirror image.
func TestEncoderAgainstDCMTK(t *testing.T) {
	dcmtest.Need(t, "dcmdjpeg")
	dir := t.TempDir()
	for i, c := range encCases() {
		if c.info.SamplesPerPixel == 4 || c.o.prec <= 8 && c.info.BitsAllocated == 16 {
			continue // dcmdjpeg writes no 4-sample images, and P ≤ 8 as 8-bit
		}
		frame := testFrame(c.info, c.o.prec, uint64(i))
		src := encode(frame, c.info, c.o)
		path := filepath.Join(dir, fmt.Sprintf("enc%d.dcm", i))
		if err := dcmtest.WriteEncapsulated(path, c.info, [][]byte{src}); err != nil {
			t.Fatal(err)
		}
		ref := dcmtest.Convert(t, dir, "dcmdjpeg", path)
		enc, err := dcmtest.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.String(), func(t *testing.T) { dcmtest.Compare(t, enc, ref, 0) })
	}
}
