package rle

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/dcmtest"
)

// packBits compresses p with runs and literals, as a DICOM encoder would.
func packBits(p []byte) []byte {
	var out []byte
	for i := 0; i < len(p); {
		r := 1
		for i+r < len(p) && r < 128 && p[i+r] == p[i] {
			r++
		}
		if r >= 3 {
			out = append(out, byte(1-r), p[i])
			i += r
			continue
		}
		j := i
		for j < len(p) && j-i < 128 && !(j+2 < len(p) && p[j] == p[j+1] && p[j] == p[j+2]) {
			j++
		}
		out = append(out, byte(j-i-1))
		out = append(out, p[i:j]...)
		i = j
	}
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// encode is a test encoder: frame in the codec output convention → RLE.
func encode(frame []byte, info codec.Info) []byte {
	bps := info.BitsAllocated / 8
	stride := bps * info.SamplesPerPixel
	out := make([]byte, 64)
	binary.LittleEndian.PutUint32(out, uint32(stride))
	for seg := 0; seg < stride; seg++ {
		s, b := seg/bps, seg%bps
		var plane []byte
		for i := s*bps + bps - 1 - b; i < len(frame); i += stride {
			plane = append(plane, frame[i])
		}
		binary.LittleEndian.PutUint32(out[4+4*seg:], uint32(len(out)))
		out = append(out, packBits(plane)...)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for _, info := range []codec.Info{
		{Rows: 37, Columns: 29, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12},
		{Rows: 16, Columns: 16, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8},
		{Rows: 5, Columns: 300, SamplesPerPixel: 3, BitsAllocated: 16, BitsStored: 16},
		{Rows: 64, Columns: 64, SamplesPerPixel: 1, BitsAllocated: 8, BitsStored: 6},
		{Rows: 7, Columns: 9, SamplesPerPixel: 1, BitsAllocated: 32, BitsStored: 32},
		{Rows: 3, Columns: 5, SamplesPerPixel: 3, BitsAllocated: 32, BitsStored: 32},
	} {
		info.TransferSyntax = codec.RLELossless
		want := dcmtest.Phantom(info, 1)
		got := make([]byte, len(want))
		if _, err := Decode(got, encode(want, info), info); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%+v: round trip differs", info)
		}
	}
}

// FuzzDecode checks that Decode never panics and that a successful decode
// writes every byte of dst and is deterministic: dst pre-filled with 0x00
// and with 0xFF must come out equal.
func FuzzDecode(f *testing.F) {
	for i, info := range []codec.Info{
		{Rows: 8, Columns: 8, SamplesPerPixel: 1, BitsAllocated: 8, BitsStored: 8},
		{Rows: 12, Columns: 10, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12},
		{Rows: 6, Columns: 7, SamplesPerPixel: 3, BitsAllocated: 8, BitsStored: 8},
		{Rows: 4, Columns: 4, SamplesPerPixel: 3, BitsAllocated: 16, BitsStored: 16},
	} {
		info.TransferSyntax = codec.RLELossless
		src := encode(dcmtest.Phantom(info, uint64(i)), info)
		f.Add(src, uint16(info.Rows), uint16(info.Columns), uint8(info.SamplesPerPixel), uint8(info.BitsAllocated))
	}
	// A small DCMTK frame, when dcmcrle is there.
	info := codec.Info{Rows: 10, Columns: 13, SamplesPerPixel: 1, BitsAllocated: 16, BitsStored: 12, Photometric: "MONOCHROME2"}
	if src := dcmtest.Seed(f, info, "dcmcrle"); src != nil {
		f.Add(src, uint16(info.Rows), uint16(info.Columns), uint8(1), uint8(16))
	}
	f.Fuzz(func(t *testing.T, src []byte, rows, cols uint16, spp, bits uint8) {
		info := codec.Info{Rows: int(rows), Columns: int(cols), SamplesPerPixel: int(spp),
			BitsAllocated: int(bits), BitsStored: int(bits), TransferSyntax: codec.RLELossless}
		dcmtest.CheckDecode(t, Decode, src, info, "")
	})
}
