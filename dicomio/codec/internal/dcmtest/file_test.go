package dcmtest

import (
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
)

func TestReadNative(t *testing.T) {
	dir := Shared(t)
	f, err := Read(filepath.Join(dir, "transfer_syntax", "CTImage_1.2.840.10008.1.2.1.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	want := codec.Info{Rows: 512, Columns: 512, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 16,
		PixelRepresentation: 1, Photometric: "MONOCHROME2", TransferSyntax: codec.ExplicitVRLittleEndian}
	if f.Info != want {
		t.Errorf("Info = %+v, want %+v", f.Info, want)
	}
	fr, err := f.Frame(0)
	if err != nil || len(fr) != 512*512*2 {
		t.Fatalf("Frame(0) = %d bytes, %v", len(fr), err)
	}
}

func TestReadImplicit(t *testing.T) {
	dir := Shared(t)
	a, err := Read(filepath.Join(dir, "transfer_syntax", "CTImage_1.2.840.10008.1.2.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(filepath.Join(dir, "transfer_syntax", "CTImage_1.2.840.10008.1.2.1.dcm"))
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(a.Native, b.Native) {
		t.Error("implicit and explicit VR files hold different pixels")
	}
}

func TestReadEncapsulated(t *testing.T) {
	dir := Shared(t)
	for _, tc := range []struct {
		file      string
		frames    int
		fragments int
	}{
		{"transfer_syntax/CTImage_1.2.840.10008.1.2.4.70.dcm", 1, 1},
		{"transfer_syntax/CT0012_2f_fragmented_nobot_jpegls80.dcm", 2, -1},
		{"transfer_syntax/CT0012_2f_notfragmented_bot_rle.dcm", 2, 2},
		{"xa_rf/XA_catheter_12f_jpegll70.dcm", 12, 12},
	} {
		f, err := Read(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if f.Frames != tc.frames || (tc.fragments >= 0 && len(f.Fragments) != tc.fragments) {
			t.Errorf("%s: %d frames, %d fragments; want %d, %d", tc.file, f.Frames, len(f.Fragments), tc.frames, tc.fragments)
		}
		for i := 0; i < f.Frames; i++ {
			fr, err := f.Frame(i)
			if err != nil || len(fr) < 2 {
				t.Errorf("%s: frame %d: %d bytes, %v", tc.file, i, len(fr), err)
			}
		}
	}
}

func TestParseCorrupt(t *testing.T) {
	b := make([]byte, 200)
	copy(b[128:], "DICM")
	if _, err := Parse(b); err == nil {
		t.Error("Parse of an empty data set succeeded")
	}
}

func TestWriteNative(t *testing.T) {
	for _, info := range []codec.Info{
		{Rows: 33, Columns: 17, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"},
		{Rows: 9, Columns: 31, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8, Photometric: "RGB"},
	} {
		info.TransferSyntax = codec.ExplicitVRLittleEndian
		dir := t.TempDir()
		path := PhantomFile(t, dir, info, 2)
		f, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if f.Info != info || f.Frames != 2 {
			t.Fatalf("read back %+v, %d frames", f.Info, f.Frames)
		}
		for i := 0; i < 2; i++ {
			fr, err := f.Frame(i)
			if err != nil || !Equal(fr, Phantom(info, uint64(i))) {
				t.Errorf("frame %d differs (%v)", i, err)
			}
		}
		// The reference tools must accept the file as it is.
		if g := Reference(t, dir, path); !Equal(g.Native, f.Native) {
			t.Error("gdcmconv --raw changed the pixels")
		}
	}
}
