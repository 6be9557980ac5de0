package jpegll

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

// table is one DC Huffman table (T.81 Annex C) with its decoding tables.
type table struct {
	defined bool
	fast    [1 << lookBits]uint32
	maxcode [17]int32 // largest code of each length, -1 if none
	delta   [17]int32 // index in vals of a code of that length, minus the code
	vals    [256]byte
}

// build makes the table from the DHT counts and values. Lossless tables
// map codes to SSSS, the length of the difference, 0 to 16.
func (t *table) build(counts *[16]byte, vals []byte) error {
	t.defined = false
	clear(t.fast[:])
	copy(t.vals[:], vals)
	for _, v := range vals {
		if v > 16 {
			return corrupt("DHT value %d in a lossless table (SSSS is at most 16)", v)
		}
	}
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		t.maxcode[l] = -1
		if n > 0 {
			if code+n > 1<<l {
				return corrupt("DHT table is over-subscribed at length %d", l)
			}
			t.delta[l] = k - code
			for i := int32(0); i < n; i++ {
				if l <= lookBits {
					t.fill(uint32(code+i), uint(l), vals[k+i])
				}
			}
			k += n
			code += n
			t.maxcode[l] = code - 1
		}
		code <<= 1
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
				diff = extend(v, ss)
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

// extend turns the s extra bits v into a signed difference (T.81 F.2.2.1).
func extend(v int32, s uint) int32 {
	if v < 1<<(s-1) {
		v += -1<<s + 1
	}
	return v
}
