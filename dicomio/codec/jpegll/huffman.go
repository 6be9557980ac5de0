package jpegll

import "github.com/hsgview/hsgview/dicomio/codec/internal/jpegbits"

// lookBits is the width of the fast Huffman lookup: codes up to this long,
// and when they fit, code plus extra bits, decode with one table read.
const lookBits = 12

// Fast table entries: bits 0–4 the number of bits to consume; bit 5 set
// when the entry is complete, the difference then in bits 16–31 (as an
// int16; 32768 is stored as -32768, the same value modulo 2^16); otherwise
// bits 8–12 hold SSSS, whose extra bits follow the code. 0 means the code
// is longer than lookBits.
const (
	fastLen  = 0x1F
	fastFull = 0x20
)

// table is one DC Huffman table (T.81 Annex C): its canonical form, for
// codes longer than lookBits, and the fast lookup table.
type table struct {
	jpegbits.Huffman
	defined bool
	fast    [1 << lookBits]uint32
}

// build makes the table from a DHT table specification. Lossless tables
// map codes to SSSS, the length of the difference, 0 to 16.
func (t *table) build(spec *jpegbits.TableSpec) error {
	t.defined = false
	clear(t.fast[:])
	if err := t.Build(spec, 16, lookBits, t.fill); err != nil {
		return corrupt("%v", err)
	}
	t.defined = true
	return nil
}

// fill sets the fast entries of a code of length l for SSSS s.
func (t *table) fill(code uint32, l uint, s byte) {
	free := lookBits - l // bits after the code inside the lookup index
	base := code << free
	ss := uint(s)
	if s == 0 || s == 16 || l+ss <= lookBits {
		for e := uint32(0); e < 1<<free; e++ {
			var diff int32
			used := l
			switch s {
			case 0:
			case 16:
				diff = -32768
			default:
				v := int32(e >> (free - ss))
				diff = jpegbits.Extend(v, ss)
				used += ss
			}
			t.fast[base|e] = uint32(uint16(int16(diff)))<<16 | fastFull | uint32(used)
		}
		return
	}
	for e := uint32(0); e < 1<<free; e++ {
		t.fast[base|e] = uint32(s)<<8 | uint32(l)
	}
}
