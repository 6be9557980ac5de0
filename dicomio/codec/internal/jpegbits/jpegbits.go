// Package jpegbits holds the parts of ITU-T T.81 Huffman-coded JPEG that
// hsgview's own JPEG decoders share: the 12-bit sequential DCT decoder of
// package jpeg and the lossless decoder of package jpegll. It walks marker
// segments, splits DHT segments into table specifications and builds the
// canonical Huffman tables, removes byte stuffing from a scan's
// entropy-coded data while splitting it at RSTn markers, and reads that
// data bit by bit.
//
// What differs between the processes stays with each decoder: the lookup
// table for short codes (its width and what an entry holds), which table
// values are allowed, and the hot decoding loops, which work on the
// exported fields of [Reader] directly.
//
// Errors carry the reason only, without a package prefix ("DHT segment is
// truncated"); each decoder wraps them with its own prefix and
// codec.ErrCorrupt. Every read is bounds-checked, and nothing is sized from
// a length read from the stream.
package jpegbits

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Marker codes (T.81 Table B.1) that [NextSegment] and [Entropy.Unstuff]
// handle themselves.
const (
	TEM  = 0x01
	RST0 = 0xD0
	RST7 = 0xD7
	SOI  = 0xD8
	EOI  = 0xD9
)

// Segment is one marker segment of a JPEG stream.
type Segment struct {
	Marker byte   // marker code; EOI also stands for the end of the data
	At     int    // offset of the marker code (the byte after 0xFF)
	Data   []byte // parameters after the length field; nil for EOI
	Next   int    // offset after the segment, where the next marker starts
}

// NextSegment reads the marker segment at src[pos]. It skips fill bytes
// (0xFF before a marker) and the markers without parameters, TEM and RSTn.
// EOI, and the end of src, give a Segment with Marker EOI (At is len(src)
// at the end). A byte other than 0xFF at src[pos], SOI or 0x00 as a marker
// code, and a length that is missing or runs past the end of src are
// errors.
func NextSegment(src []byte, pos int) (Segment, error) {
	for {
		if pos >= len(src) {
			return Segment{Marker: EOI, At: len(src), Next: len(src)}, nil
		}
		if src[pos] != 0xFF {
			return Segment{}, fmt.Errorf("expected a marker at offset %d, found 0x%02X", pos, src[pos])
		}
		for pos < len(src) && src[pos] == 0xFF {
			pos++ // fill bytes
		}
		if pos >= len(src) {
			return Segment{Marker: EOI, At: len(src), Next: len(src)}, nil
		}
		m, at := src[pos], pos
		pos++
		switch {
		case m == EOI:
			return Segment{Marker: EOI, At: at, Next: pos}, nil
		case m == TEM || (m >= RST0 && m <= RST7):
			continue
		case m == SOI || m == 0:
			return Segment{}, fmt.Errorf("unexpected marker 0x%02X at offset %d", m, at)
		}
		if pos+2 > len(src) {
			return Segment{}, fmt.Errorf("marker 0x%02X at offset %d has no length", m, at)
		}
		l := int(binary.BigEndian.Uint16(src[pos:]))
		if l < 2 || pos+l > len(src) {
			return Segment{}, fmt.Errorf("segment 0x%02X of length %d at offset %d exceeds the %d-byte frame", m, l, at, len(src))
		}
		return Segment{Marker: m, At: at, Data: src[pos+2 : pos+l], Next: pos + l}, nil
	}
}

// TableSpec is one Huffman table specification of a DHT segment (T.81
// B.2.4.2).
type TableSpec struct {
	Class  byte     // Tc: 0 for DC and lossless tables, 1 for AC tables
	ID     byte     // Th: destination, 0–3
	Counts [16]byte // Li: number of codes of each length 1–16
	Values []byte   // Vij: the values in code order; part of the segment
}

// NextTable splits the first table specification off the parameters of a
// DHT segment and returns it with the rest of the segment. A class above
// 1, a destination above 3, more than 256 codes or fewer values than
// codes are errors.
func NextTable(seg []byte) (TableSpec, []byte, error) {
	if len(seg) < 17 {
		return TableSpec{}, nil, errors.New("DHT segment is truncated")
	}
	t := TableSpec{Class: seg[0] >> 4, ID: seg[0] & 15}
	if t.Class > 1 || t.ID > 3 {
		return TableSpec{}, nil, fmt.Errorf("DHT table class %d id %d", t.Class, t.ID)
	}
	copy(t.Counts[:], seg[1:17])
	total := 0
	for _, c := range t.Counts {
		total += int(c)
	}
	if total > 256 || 17+total > len(seg) {
		return TableSpec{}, nil, fmt.Errorf("DHT table class %d id %d with %d codes in a %d-byte segment", t.Class, t.ID, total, len(seg))
	}
	t.Values = seg[17 : 17+total]
	return t, seg[17+total:], nil
}

// Huffman is the canonical form of a Huffman table (T.81 C.2 and F.2.2.3):
// it finds the value of a code of any length from the largest code of each
// length. Decoders add their own lookup table for short codes, which
// [Huffman.Build] helps to fill, and use [Huffman.Long] for the rest.
type Huffman struct {
	MaxCode [17]int32 // largest code of each length 1–16, -1 if none
	Delta   [17]int32 // index in Values of a code of that length, minus the code
	Values  [256]byte
}

// Build makes h from spec. A value above maxValue is an error (lossless
// tables map codes to SSSS, at most 16; 255 allows every value), as is a
// set of codes that does not fit its lengths (over-subscription). Each code
// of at most shortBits bits is passed to short, with its length and value,
// in code order, for the decoder's lookup table; short may be nil.
func (h *Huffman) Build(spec *TableSpec, maxValue byte, shortBits uint, short func(code uint32, length uint, value byte)) error {
	vals := spec.Values
	total := 0
	for _, c := range spec.Counts {
		total += int(c)
	}
	if total != len(vals) || total > len(h.Values) {
		return fmt.Errorf("DHT table with %d codes has %d values", total, len(vals))
	}
	copy(h.Values[:], vals)
	for _, v := range vals {
		if v > maxValue {
			return fmt.Errorf("DHT value %d is above %d, the largest SSSS", v, maxValue)
		}
	}
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(spec.Counts[l-1])
		h.MaxCode[l] = -1
		if n > 0 {
			if code+n > 1<<l {
				return fmt.Errorf("DHT table is over-subscribed at length %d", l)
			}
			h.Delta[l] = k - code
			if short != nil && uint(l) <= shortBits {
				for i := int32(0); i < n; i++ {
					short(uint32(code+i), uint(l), vals[k+i])
				}
			}
			k += n
			code += n
			h.MaxCode[l] = code - 1
		}
		code <<= 1
	}
	return nil
}

// Long decodes the code at the top of acc, trying the lengths from minLen
// to 16; the decoder has already looked the shorter codes up in its own
// table and found none. It returns the code's length and value, or length
// 0 when the bits start no code. acc needs 16 valid bits.
func (h *Huffman) Long(acc uint64, minLen uint) (uint, byte) {
	for l := minLen; l <= 16; l++ {
		code := int32(acc >> (64 - l))
		if code <= h.MaxCode[l] {
			return l, h.Values[code+h.Delta[l]]
		}
	}
	return 0, 0
}

// Extend turns s received extra bits v into the signed value they code
// (T.81 F.2.2.1, EXTEND). s is 0–16; for s = 0, v is 0 and so is the
// result.
func Extend(v int32, s uint) int32 {
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
}

// Entropy is the entropy-coded data of one scan with the byte stuffing
// removed, split into restart intervals. Its buffers are reused from scan to
// scan, so a pooled decoder does not allocate in steady state.
type Entropy struct {
	Data []byte // the data without stuffed zero bytes and RSTn markers
	Ends []int  // end of each restart interval in Data; the last is len(Data)
}

// Unstuff copies the entropy-coded data that starts at src[pos] into
// e.Data, dropping the zero byte stuffed after each 0xFF and recording in
// e.Ends where each restart interval ends (at each RSTn). It returns the
// offset of the marker that ends the scan, at its first 0xFF, or len(src).
func (e *Entropy) Unstuff(src []byte, pos int) int {
	if cap(e.Data) < len(src)-pos {
		e.Data = make([]byte, 0, len(src)-pos)
	}
	clean, ends := e.Data[:0], e.Ends[:0]
	for pos < len(src) {
		i := bytes.IndexByte(src[pos:], 0xFF)
		if i < 0 {
			clean = append(clean, src[pos:]...)
			pos = len(src)
			break
		}
		clean = append(clean, src[pos:pos+i]...)
		pos += i
		j := pos + 1
		for j < len(src) && src[j] == 0xFF {
			j++
		}
		if j >= len(src) {
			pos = len(src)
			break
		}
		m := src[j]
		if m == 0 {
			clean = append(clean, 0xFF)
			pos = j + 1
			continue
		}
		if m >= RST0 && m <= RST7 {
			ends = append(ends, len(clean))
			pos = j + 1
			continue
		}
		break // any other marker ends the scan; pos is at its first 0xFF
	}
	e.Data, e.Ends = clean, append(ends, len(clean))
	return pos
}

// Interval returns the data of restart interval i, 0 ≤ i < len(e.Ends).
func (e *Entropy) Interval(i int) []byte {
	start := 0
	if i > 0 {
		start = e.Ends[i-1]
	}
	return e.Data[start:e.Ends[i]]
}

// Reader reads the data of one restart interval, most significant bit
// first. Past the end it supplies zero bytes and counts them, so that
// running out is detected once, by [Reader.Overrun] after decoding, rather
// than on every read. The fields are exported for the decoders' hot loops,
// which keep them in locals.
type Reader struct {
	Data []byte // the unstuffed data of the interval
	Pos  int    // next byte of Data to load
	Acc  uint64 // bits, left-aligned; the top N are valid
	N    uint   // number of valid bits in Acc
	Pad  int    // zero bytes supplied past the end of Data
}

// Refill loads bytes until at least 56 bits are valid; it needs N < 57.
// While 8 bytes remain it loads them at once and keeps the whole bytes
// that fit; the bits below the valid ones are then the true next bits, so
// loading them again is harmless. It is too large to be inlined: a hot
// loop calls it on a rare path only, or copies its first branch (package
// jpegll's line1 does), or uses [Reader.Fill].
func (r *Reader) Refill() {
	if r.Pos+8 <= len(r.Data) {
		r.Acc |= binary.BigEndian.Uint64(r.Data[r.Pos:]) >> r.N
		k := (63 - r.N) >> 3
		r.Pos += int(k)
		r.N += k << 3
		return
	}
	r.Fill()
}

// Fill does what [Reader.Refill] does, a byte at a time. It is small
// enough to be inlined, which keeps a hot loop free of calls (package
// jpeg's 12-bit block loop is measurably faster so).
func (r *Reader) Fill() {
	for r.N <= 56 {
		var c uint64
		if r.Pos < len(r.Data) {
			c = uint64(r.Data[r.Pos])
			r.Pos++
		} else {
			r.Pad++
		}
		r.Acc |= c << (56 - r.N)
		r.N += 8
	}
}

// Skip drops l bits (at most N).
func (r *Reader) Skip(l uint) {
	r.Acc <<= l
	r.N -= l
}

// Bits reads s bits, 0–16, as an unsigned number (0 for s = 0: a shift
// by 64 gives 0 in Go).
func (r *Reader) Bits(s uint) int32 {
	if r.N < s {
		r.Fill()
	}
	v := int32(r.Acc >> (64 - s))
	r.Skip(s)
	return v
}

// Overrun reports whether more bits were read than Data holds.
func (r *Reader) Overrun() bool {
	return r.Pad > 0 && (r.Pos+r.Pad)*8-int(r.N) > len(r.Data)*8
}
