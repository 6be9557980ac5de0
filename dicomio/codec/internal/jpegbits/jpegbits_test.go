package jpegbits

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNextSegment(t *testing.T) {
	// SOI, fill bytes, TEM, a 2-byte DRI, RST0, EOI.
	src := []byte{0xFF, SOI, 0xFF, 0xFF, 0xFF, TEM, 0xFF, 0xDD, 0, 4, 0, 8, 0xFF, RST0, 0xFF, EOI, 0xFF}
	s, err := NextSegment(src, 2)
	if err != nil || s.Marker != 0xDD || s.At != 7 || !bytes.Equal(s.Data, []byte{0, 8}) || s.Next != 12 {
		t.Fatalf("DRI: %+v, %v", s, err)
	}
	if s, err = NextSegment(src, s.Next); err != nil || s.Marker != EOI || s.At != 15 {
		t.Fatalf("EOI: %+v, %v", s, err)
	}
	if s, err = NextSegment(src, len(src)-1); err != nil || s.Marker != EOI || s.At != len(src) {
		t.Fatalf("end of data: %+v, %v", s, err)
	}
	for _, tc := range []struct {
		src  []byte
		want string
	}{
		{[]byte{0xFF, SOI, 0x12}, "expected a marker at offset 2, found 0x12"},
		{[]byte{0xFF, SOI, 0xFF, SOI}, "unexpected marker 0xD8 at offset 3"},
		{[]byte{0xFF, SOI, 0xFF, 0x00}, "unexpected marker 0x00 at offset 3"},
		{[]byte{0xFF, SOI, 0xFF, 0xC4, 0}, "marker 0xC4 at offset 3 has no length"},
		{[]byte{0xFF, SOI, 0xFF, 0xC4, 0, 9, 1}, "segment 0xC4 of length 9 at offset 3 exceeds the 7-byte frame"},
		{[]byte{0xFF, SOI, 0xFF, 0xC4, 0, 1}, "segment 0xC4 of length 1"},
	} {
		if _, err := NextSegment(tc.src, 2); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("% X: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

// dht is the DHT parameters of the T.81 K.3.3.1 luminance DC table
// followed by a second table with class 1, id 2.
var dht = append(
	[]byte{0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
	0x12, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xAB)

func TestTables(t *testing.T) {
	spec, rest, err := NextTable(dht)
	if err != nil || spec.Class != 0 || spec.ID != 0 || len(spec.Values) != 12 {
		t.Fatalf("first table: %+v, %v", spec, err)
	}
	var h Huffman
	var short [][2]uint32
	err = h.Build(&spec, 16, 3, func(code uint32, l uint, v byte) { short = append(short, [2]uint32{code<<8 | uint32(l), uint32(v)}) })
	if err != nil {
		t.Fatal(err)
	}
	// Codes 00 (2 bits), 010 011 100 101 110 (3 bits), 1110 (4 bits) ...
	want := [][2]uint32{{0<<8 | 2, 0}, {2<<8 | 3, 1}, {3<<8 | 3, 2}, {4<<8 | 3, 3}, {5<<8 | 3, 4}, {6<<8 | 3, 5}}
	if !slices.Equal(short, want) {
		t.Errorf("short codes %v, want %v", short, want)
	}
	for _, c := range []struct {
		code uint64
		l    uint
		v    byte
	}{{0b1110, 4, 6}, {0b11110, 5, 7}, {0b111111110, 9, 11}} {
		if l, v := h.Long(c.code<<(64-c.l), 4); l != c.l || v != c.v {
			t.Errorf("code %b: length %d value %d, want %d %d", c.code, l, v, c.l, c.v)
		}
	}
	if l, _ := h.Long(0b111111111<<55, 4); l != 0 {
		t.Errorf("all ones decoded with length %d", l)
	}
	spec, rest, err = NextTable(rest)
	if err != nil || spec.Class != 1 || spec.ID != 2 || !bytes.Equal(spec.Values, []byte{0xAB}) || len(rest) != 0 {
		t.Fatalf("second table: %+v, %v", spec, err)
	}
	if err := h.Build(&spec, 16, 9, nil); err == nil || !strings.Contains(err.Error(), "DHT value 171") {
		t.Errorf("value over the maximum: %v", err)
	}
	spec.Counts[0] = 3
	if err := h.Build(&spec, 255, 9, nil); err == nil || !strings.Contains(err.Error(), "has 1 values") {
		t.Errorf("counts and values disagree: %v", err)
	}
	spec.Counts[0], spec.Values = 3, []byte{1, 2, 3}
	if err := h.Build(&spec, 255, 9, nil); err == nil || !strings.Contains(err.Error(), "over-subscribed at length 1") {
		t.Errorf("over-subscribed: %v", err)
	}
	for _, tc := range []struct {
		seg  []byte
		want string
	}{
		{dht[:16], "DHT segment is truncated"},
		{append([]byte{0x20}, dht[1:]...), "DHT table class 2 id 0"},
		{append([]byte{0x04}, dht[1:]...), "DHT table class 0 id 4"},
		{dht[:20], "with 12 codes in a 20-byte segment"},
	} {
		if _, _, err := NextTable(tc.seg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want %q", err, tc.want)
		}
	}
}

func TestUnstuff(t *testing.T) {
	src := []byte{0xAA, 1, 0xFF, 0, 2, 0xFF, 0xFF, RST0, 3, 0xFF, 0xD7, 0xFF, 0xD9, 9}
	var e Entropy
	if end := e.Unstuff(src, 1); end != 11 {
		t.Errorf("scan ends at %d, want 11", end)
	}
	if !bytes.Equal(e.Data, []byte{1, 0xFF, 2, 3}) || !slices.Equal(e.Ends, []int{3, 4, 4}) {
		t.Errorf("data % X ends %v", e.Data, e.Ends)
	}
	if !bytes.Equal(e.Interval(0), []byte{1, 0xFF, 2}) || !bytes.Equal(e.Interval(1), []byte{3}) || len(e.Interval(2)) != 0 {
		t.Errorf("intervals % X, % X, % X", e.Interval(0), e.Interval(1), e.Interval(2))
	}
	if end := e.Unstuff([]byte{5, 0xFF}, 0); end != 2 || !bytes.Equal(e.Data, []byte{5}) || !slices.Equal(e.Ends, []int{1}) {
		t.Errorf("trailing 0xFF: end %d, data % X, ends %v", end, e.Data, e.Ends)
	}
}

// TestReader checks that Refill and Fill supply the same bits, that Bits and
// Extend read them, and that Overrun notices reading past the end.
func TestReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 100)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	a, b := Reader{Data: data}, Reader{Data: data}
	read := 0
	for read < 8*len(data) {
		s := uint(rng.IntN(17))
		if a.N < 32 {
			a.Refill()
		}
		va, vb := a.Bits(s), b.Bits(s)
		if va != vb {
			t.Fatalf("bit %d: %d-bit values %d and %d differ", read, s, va, vb)
		}
		want := int32(0)
		for i := 0; i < int(s); i++ {
			bit := int32(0) // zeros past the end
			if j := read + i; j < 8*len(data) {
				bit = int32(data[j/8]>>(7-j%8)) & 1
			}
			want = want<<1 | bit
		}
		if va != want {
			t.Fatalf("bit %d: %d bits read as %d, want %d", read, s, va, want)
		}
		read += int(s)
	}
	over := read > 8*len(data)
	if a.Overrun() != over || b.Overrun() != over {
		t.Errorf("read %d of %d bits: overrun %v %v", read, 8*len(data), a.Overrun(), b.Overrun())
	}
	a.Bits(16)
	if !a.Overrun() {
		t.Error("no overrun after reading 16 bits past the end")
	}
	for _, c := range []struct {
		v    int32
		s    uint
		want int32
	}{{0, 0, 0}, {0, 1, -1}, {1, 1, 1}, {0, 3, -7}, {3, 3, -4}, {4, 3, 4}, {0x7FFF, 16, -32768}, {0xFFFF, 16, 65535}} {
		if got := Extend(c.v, c.s); got != c.want {
			t.Errorf("Extend(%d, %d) = %d, want %d", c.v, c.s, got, c.want)
		}
	}
}
