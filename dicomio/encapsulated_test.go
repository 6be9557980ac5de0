package dicomio

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/dicomio/limits"
	"github.com/hsgview/hsgview/internal/testutil"
)

// encapsulation reads the parts of an encapsulated file: the bytes before
// the Pixel Data element, the Basic Offset Table and the fragments.
func encapsulation(t *testing.T, path string) (head []byte, frags [][]byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, err := OpenBytes(path, b)
	if err != nil {
		t.Fatal(err)
	}
	off := in.header.pixel.offset
	head = b[:off-12]
	_, fr, err := walkFragments(bytes.NewReader(b), off, int64(len(b)), &limits.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fr {
		frags = append(frags, b[f.offset:f.offset+f.length])
	}
	return head, frags
}

// encapsulate writes head, optional extra elements, then Pixel Data with
// the given Basic Offset Table and fragments.
func encapsulate(t *testing.T, path string, head, extra []byte, bot []uint32, frags [][]byte) {
	var b bytes.Buffer
	b.Write(head)
	b.Write(extra)
	b.Write([]byte{0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF})
	even := make([][]byte, len(frags))
	for i, f := range frags {
		if len(f)%2 == 1 {
			f = append(f, 0)
		}
		even[i] = f
	}
	b.Write(itemStream(bot, even))
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// itemStream returns the items of an encapsulated Pixel Data value: the
// Basic Offset Table bot, the fragments as they are, and the sequence
// delimiter.
func itemStream(bot []uint32, frags [][]byte) []byte {
	var b bytes.Buffer
	item := func(p []byte) {
		binary.Write(&b, binary.LittleEndian, [2]uint16{0xFFFE, 0xE000})
		binary.Write(&b, binary.LittleEndian, uint32(len(p)))
		b.Write(p)
	}
	var table []byte
	for _, v := range bot {
		table = binary.LittleEndian.AppendUint32(table, v)
	}
	item(table)
	for _, f := range frags {
		item(f)
	}
	binary.Write(&b, binary.LittleEndian, [2]uint16{0xFFFE, 0xE0DD})
	b.Write([]byte{0, 0, 0, 0})
	return b.Bytes()
}

// sameFrames checks that every frame of got decodes to the samples of the
// native reference.
func sameFrames(t *testing.T, got, ref string) {
	t.Helper()
	a, err := OpenFile(got)
	if err != nil {
		t.Fatal(err)
	}
	r, err := OpenFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	if a.Pixel.Frames != r.Pixel.Frames {
		t.Fatalf("%d frames, reference %d", a.Pixel.Frames, r.Pixel.Frames)
	}
	mask := uint32(1)<<r.Pixel.BitsStored - 1
	for i := 0; i < r.Pixel.Frames; i++ {
		fa, err := a.Frame(i)
		if err != nil {
			t.Fatalf("frame %d: %v", i+1, err)
		}
		fr, _ := r.Frame(i)
		n := fr.Rows * fr.Columns * fr.Samples
		for k := 0; k < n; k++ {
			if rawSample(fa, k)&mask != rawSample(fr, k)&mask {
				t.Fatalf("frame %d sample %d: %d, reference %d", i+1, k, rawSample(fa, k)&mask, rawSample(fr, k)&mask)
			}
		}
	}
}

// TestEncapsulatedFrames decodes multi-frame files written by DCMTK and
// GDCM in every lossless syntax — one fragment per frame, frames split
// over small fragments, with and without Basic Offset Tables — plus files
// built here with several frames in one fragment and with an Extended
// Offset Table, and compares every frame with the native source.
func TestEncapsulatedFrames(t *testing.T) {
	dir := t.TempDir()
	src16 := filepath.Join(dir, "src16.dcm")
	if err := writeTestImage(src16, 64, 80, 6); err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{"16bit": src16, "8bit": testutil.File(t, "cine/US_mono2_8f_explicit.dcm")}
	encoders := []struct {
		name string
		tool string
		args []string
	}{
		{"jpegll-sv1", "dcmcjpeg", []string{"+e1"}},
		{"jpegll-sv1-frag1k", "dcmcjpeg", []string{"+e1", "+fs", "1"}},
		{"jpegll-sv1-frag1k-nobot", "dcmcjpeg", []string{"+e1", "+fs", "1", "-ot"}},
		{"jpegll-sv6-nobot", "dcmcjpeg", []string{"+el", "+sv", "6", "-ot"}},
		{"rle", "dcmcrle", nil},
		{"rle-nobot", "dcmcrle", []string{"-ot"}},
		{"jpegls", "dcmcjpls", []string{"+el"}},
		{"jpegls-frag1k-nobot", "dcmcjpls", []string{"+el", "+fs", "1", "-ot"}},
		{"gdcm-j2k", "gdcmconv", []string{"--j2k"}},
		{"gdcm-jpegll", "gdcmconv", []string{"--jpeg"}},
		{"gdcm-rle", "gdcmconv", []string{"--rle"}},
	}
	for sname, src := range sources {
		for _, enc := range encoders {
			t.Run(sname+"/"+enc.name, func(t *testing.T) {
				tool := testutil.Tool(t, enc.tool)
				out := filepath.Join(dir, sname+"-"+enc.name+".dcm")
				if b, err := exec.Command(tool, append(enc.args, src, out)...).CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%s", enc.tool, err, b)
				}
				sameFrames(t, out, src)
			})
		}
		t.Run(sname+"/frames-in-one-fragment", func(t *testing.T) {
			enc := filepath.Join(dir, sname+"-base.dcm")
			if b, err := exec.Command(testutil.Tool(t, "dcmcjpeg"), "+e1", src, enc).CombinedOutput(); err != nil {
				t.Fatalf("dcmcjpeg: %v %s", err, b)
			}
			head, frags := encapsulation(t, enc)
			// All codestreams in one fragment, then the same split in two
			// fragments at arbitrary points.
			all := bytes.Join(frags, nil)
			one := filepath.Join(dir, sname+"-one.dcm")
			encapsulate(t, one, head, nil, nil, [][]byte{all})
			sameFrames(t, one, src)
			two := filepath.Join(dir, sname+"-two.dcm")
			cut := len(all) / 3 &^ 1 // fragments have even lengths: split at an even offset
			encapsulate(t, two, head, nil, nil, [][]byte{all[:cut], all[cut:]})
			sameFrames(t, two, src)
		})
		t.Run(sname+"/extended-offset-table", func(t *testing.T) {
			enc := filepath.Join(dir, sname+"-eot-base.dcm")
			if b, err := exec.Command(testutil.Tool(t, "dcmcjpeg"), "+e1", src, enc).CombinedOutput(); err != nil {
				t.Fatalf("dcmcjpeg: %v %s", err, b)
			}
			head, frags := encapsulation(t, enc)
			// A stray codestream before the frames: only the table can
			// tell that it belongs to no frame.
			frags = append([][]byte{frags[0]}, frags...)
			var offs, lens []byte
			pos := uint64(0)
			for i, f := range frags {
				n := uint64(len(f) + len(f)%2)
				if i > 0 {
					offs = binary.LittleEndian.AppendUint64(offs, pos)
					lens = binary.LittleEndian.AppendUint64(lens, uint64(len(f)))
				}
				pos += 8 + n
			}
			var extra bytes.Buffer
			for _, el := range []struct {
				e uint16
				v []byte
			}{{0x0001, offs}, {0x0002, lens}} {
				binary.Write(&extra, binary.LittleEndian, [2]uint16{0x7FE0, el.e})
				extra.WriteString("OV\x00\x00")
				binary.Write(&extra, binary.LittleEndian, uint32(len(el.v)))
				extra.Write(el.v)
			}
			eot := filepath.Join(dir, sname+"-eot.dcm")
			encapsulate(t, eot, head, extra.Bytes(), nil, frags)
			sameFrames(t, eot, src)
			// Without the table the stray codestream is one too many.
			bad := filepath.Join(dir, sname+"-noeot.dcm")
			encapsulate(t, bad, head, nil, nil, frags)
			in, err := OpenFile(bad)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := in.Frame(0); err == nil {
				t.Error("extra codestream without a table was not noticed")
			}
		})
	}
}

// FuzzAssembleFrames feeds arbitrary item streams to the frame
// reassembly: no panic, every span inside the data, one span list per
// frame when there is no error.
func FuzzAssembleFrames(f *testing.F) {
	seed := func(bot []uint32, frags ...[]byte) []byte { return itemStream(bot, frags) }
	soi := []byte{0xFF, 0xD8, 0xFF, 0xC3, 1, 2}
	f.Add(seed(nil, soi, soi), uint8(2), uint8(0))
	f.Add(seed([]uint32{0, 14}, soi, soi), uint8(2), uint8(0))
	f.Add(seed(nil, append(append([]byte{}, soi...), soi...)), uint8(2), uint8(0))
	f.Add(seed(nil, soi[:3], soi[3:], soi), uint8(2), uint8(1))
	f.Add(seed(nil, []byte{0xFF, 0x4F, 0xFF, 0x51, 0, 0}), uint8(1), uint8(2))
	syntaxes := []string{"1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.80"}
	f.Fuzz(func(t *testing.T, data []byte, nframes, tsi uint8) {
		h := &header{pixel: pixelInfo{offset: 0, length: -1}, ds: &DataSet{}}
		ts := syntaxes[int(tsi)%len(syntaxes)]
		frames, err := assembleFrames(bytes.NewReader(data), int64(len(data)), h, int(nframes), ts)
		if err != nil {
			return
		}
		if len(frames) != int(nframes) {
			t.Fatalf("%d frames, want %d", len(frames), nframes)
		}
		for _, fr := range frames {
			for _, s := range fr {
				if s.offset < 0 || s.length < 0 || s.offset+s.length > int64(len(data)) {
					t.Fatalf("span %+v outside %d bytes", s, len(data))
				}
			}
		}
	})
}
