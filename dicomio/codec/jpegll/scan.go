package jpegll

import (
	"bytes"
	"encoding/binary"
)

// scan is one SOS: its components, tables, predictor and point transform.
type scan struct {
	ns      int
	comp    [4]int // frame component index of each scan component
	tab     [4]*table
	pred    int
	pt      int
	inOrder bool // the scan has every component, in frame order
}

// unstuff copies the entropy-coded data that starts at src[pos] into
// d.clean, removing the stuffed zero after each 0xFF and recording in d.ends
// where each restart interval ends. It returns the offset of the marker
// that ends the scan (or len(src)).
func (d *decoder) unstuff(src []byte, pos int) int {
	if cap(d.clean) < len(src)-pos {
		d.clean = make([]byte, 0, len(src)-pos)
	}
	clean, ends := d.clean[:0], d.ends[:0]
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
		if m >= rst0 && m <= rst7 {
			ends = append(ends, len(clean))
			pos = j + 1
			continue
		}
		break // any other marker ends the scan; pos is at its first 0xFF
	}
	d.clean, d.ends = clean, append(ends, len(clean))
	return pos
}

// bitReader reads the bits of one restart interval, most significant
// first. Past the end it reads zeros and counts them, so a truncated
// stream is detected after the fact instead of on every bit.
type bitReader struct {
	b   []byte
	pos int    // next byte of b to load
	acc uint64 // bits, left-aligned; valid bits are the top n
	n   uint
	pad int  // zero bytes supplied past the end of b
	bad bool // an invalid Huffman code was seen
}

// refill loads bytes until at least 56 bits are valid. The fast path loads
// 8 bytes at once and keeps whole bytes; the bits of the partly loaded
// byte below the valid ones are the true next bits, so loading them again
// is harmless.
func (r *bitReader) refill() {
	if r.pos+8 <= len(r.b) {
		r.acc |= binary.BigEndian.Uint64(r.b[r.pos:]) >> r.n
		k := (63 - r.n) >> 3
		r.pos += int(k)
		r.n += k << 3
		return
	}
	for r.n <= 56 {
		var c uint64
		if r.pos < len(r.b) {
			c = uint64(r.b[r.pos])
			r.pos++
		} else {
			r.pad++
		}
		r.acc |= c << (56 - r.n)
		r.n += 8
	}
}

// overrun reports whether more bits were consumed than the data holds.
func (r *bitReader) overrun() bool {
	return r.pad > 0 && (r.pos+r.pad)*8-int(r.n) > len(r.b)*8
}

// diff decodes one difference with table t.
func (r *bitReader) diff(t *table) int32 {
	if r.n < 32 {
		r.refill()
	}
	e := t.fast[r.acc>>(64-lookBits)]
	if e&fastFull != 0 {
		l := uint(e & fastLen)
		r.acc <<= l
		r.n -= l
		return int32(int16(e >> 16))
	}
	return r.slow(t, e)
}

// slow decodes a difference whose code or extra bits do not fit the fast
// table.
func (r *bitReader) slow(t *table, e uint32) int32 {
	var l, s uint
	if e != 0 {
		l, s = uint(e&fastLen), uint(e>>8&0x1F)
	} else {
		for l = lookBits + 1; ; l++ {
			if l > 16 {
				r.bad = true
				return 0
			}
			code := int32(r.acc >> (64 - l))
			if code <= t.maxcode[l] {
				s = uint(t.vals[code+t.delta[l]])
				break
			}
		}
	}
	r.acc <<= l
	r.n -= l
	switch s {
	case 0:
		return 0
	case 16:
		return -32768
	}
	v := int32(r.acc >> (64 - s))
	r.acc <<= s
	r.n -= s
	return extend(v, s)
}

// decodeScan decodes the lines of a scan, interval by interval, into dst.
func (d *decoder) decodeScan(s *scan, dst []byte) error {
	w := d.width * s.ns
	if cap(d.rows) < 2*w {
		d.rows = make([]int32, 2*w)
	}
	lines := d.height
	if d.ri > 0 {
		if d.ri%d.width != 0 {
			return unsupported("restart interval of %d MCUs with %d MCUs per line (not whole lines) is", d.ri, d.width)
		}
		lines = d.ri / d.width
	}
	intervals := (d.height + lines - 1) / lines
	if len(d.ends) < intervals {
		return corrupt("scan has %d restart intervals, %d lines need %d", len(d.ends), d.height, intervals)
	}
	if d.ri == 0 && len(d.ends) > 1 {
		return corrupt("RST markers in a scan without a restart interval")
	}
	// One-component 16-bit frames are stored by line1 itself.
	direct := d.nf == 1 && d.info.BitsAllocated == 16
	start := 0
	for i := 0; i < intervals; i++ {
		y0 := i * lines
		y1 := min(y0+lines, d.height)
		r := bitReader{b: d.clean[start:d.ends[i]]}
		start = d.ends[i]
		prev, cur := d.rows[:w], d.rows[w:2*w]
		for y := y0; y < y1; y++ {
			if y == y0 {
				d.firstLine(&r, s, cur)
			} else if s.ns == 1 {
				cur[0] = (prev[0] + r.diff(s.tab[0])) & 0xFFFF
				if direct {
					line1(&r, s.tab[0], s.pred, prev, cur, dst[2*y*d.width:2*(y+1)*d.width], uint(s.pt))
					if r.bad {
						return corrupt("invalid Huffman code in line %d", y+1)
					}
					prev, cur = cur, prev
					continue
				}
				line1(&r, s.tab[0], s.pred, prev, cur, nil, 0)
			} else {
				d.line(&r, s, prev, cur)
			}
			if r.bad {
				return corrupt("invalid Huffman code in line %d", y+1)
			}
			d.store(dst, s, y, cur)
			prev, cur = cur, prev
		}
		if r.overrun() {
			return corrupt("entropy-coded data ends early (lines %d–%d are truncated)", y0+1, y1)
		}
	}
	return nil
}

// firstLine decodes the first line of a restart interval: the first sample
// of each component is predicted from 2^(P-Pt-1), the others from the left.
func (d *decoder) firstLine(r *bitReader, s *scan, cur []int32) {
	base := int32(1) << (d.prec - s.pt - 1)
	ns := s.ns
	for k := 0; k < ns; k++ {
		cur[k] = (base + r.diff(s.tab[k])) & 0xFFFF
	}
	if ns == 1 {
		line1(r, s.tab[0], 1, cur, cur, nil, 0)
		return
	}
	for x := ns; x < len(cur); x += ns {
		for k := 0; k < ns; k++ {
			cur[x+k] = (cur[x+k-ns] + r.diff(s.tab[k])) & 0xFFFF
		}
	}
}

// coef gives each predictor as (a·Ra + b·Rb + c·Rc) >> 1, which equals the
// T.81 Table H.1 formulas, floor division included: Ra + ((Rb − Rc) >> 1)
// is (2Ra + Rb − Rc) >> 1.
var coef = [8][3]int32{{}, {2, 0, 0}, {0, 2, 0}, {0, 0, 2}, {2, 2, -2}, {2, 1, -1}, {1, 2, -1}, {1, 1, 0}}

// line1 decodes samples 1… of a line of a one-component scan whose sample
// 0 is already in cur[0], using the previous line prev. When out is not
// empty, it also stores the line there as 16-bit samples shifted left by
// pt, saving a pass. It is the hot loop: the bit reader lives in locals
// and the fast Huffman path is inlined.
func line1(r *bitReader, t *table, pred int, prev, cur []int32, out []byte, pt uint) {
	prev = prev[:len(cur)]
	if len(out) > 0 {
		out = out[:2*len(cur)]
		binary.LittleEndian.PutUint16(out, uint16(cur[0]<<pt))
	}
	a, b, c := coef[pred][0], coef[pred][1], coef[pred][2]
	buf, pos, acc, n := r.b, r.pos, r.acc, r.n
	ra, rc := cur[0], prev[0]
	for x := 1; x < len(cur); x++ {
		if n < 32 {
			if pos+8 <= len(buf) {
				acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
				k := (63 - n) >> 3
				pos += int(k)
				n += k << 3
			} else {
				r.pos, r.acc, r.n = pos, acc, n
				r.refill()
				pos, acc, n = r.pos, r.acc, r.n
			}
		}
		var diff int32
		if e := t.fast[acc>>(64-lookBits)]; e&fastFull != 0 {
			l := uint(e & fastLen)
			acc <<= l
			n -= l
			diff = int32(int16(e >> 16))
		} else if e != 0 {
			// Code in the table, SSSS of 1–15 extra bits after it.
			l, s := uint(e&fastLen), uint(e>>8&0x1F)
			acc <<= l
			v := int32(acc >> (64 - s))
			acc <<= s
			n -= l + s
			diff = extend(v, s)
		} else {
			r.pos, r.acc, r.n = pos, acc, n
			diff = r.slow(t, e)
			pos, acc, n = r.pos, r.acc, r.n
		}
		rb := prev[x]
		ra = ((a*ra+b*rb+c*rc)>>1 + diff) & 0xFFFF
		cur[x] = ra
		if len(out) > 0 {
			binary.LittleEndian.PutUint16(out[2*x:], uint16(ra<<pt))
		}
		rc = rb
	}
	r.pos, r.acc, r.n = pos, acc, n
}

// line decodes a line of an interleaved scan after the first line.
func (d *decoder) line(r *bitReader, s *scan, prev, cur []int32) {
	ns := s.ns
	a, b, c := coef[s.pred][0], coef[s.pred][1], coef[s.pred][2]
	for k := 0; k < ns; k++ {
		cur[k] = (prev[k] + r.diff(s.tab[k])) & 0xFFFF
	}
	for x := ns; x < len(cur); x += ns {
		for k := 0; k < ns; k++ {
			i := x + k
			p := (a*cur[i-ns] + b*prev[i] + c*prev[i-ns]) >> 1
			cur[i] = (p + r.diff(s.tab[k])) & 0xFFFF
		}
	}
}

// store writes line y of the scan's components into dst.
func (d *decoder) store(dst []byte, s *scan, y int, cur []int32) {
	nf, pt := d.nf, uint(s.pt)
	if d.info.BitsAllocated == 8 {
		row := dst[y*d.width*nf : (y+1)*d.width*nf]
		if s.inOrder {
			row = row[:len(cur)]
			for i, v := range cur {
				row[i] = byte(v << pt)
			}
			return
		}
		for k := 0; k < s.ns; k++ {
			c := s.comp[k]
			for x := 0; x < d.width; x++ {
				row[x*nf+c] = byte(cur[x*s.ns+k] << pt)
			}
		}
		return
	}
	row := dst[2*y*d.width*nf : 2*(y+1)*d.width*nf]
	if s.inOrder {
		for len(cur) >= 4 && len(row) >= 8 {
			binary.LittleEndian.PutUint64(row, uint64(uint16(cur[0]<<pt))|uint64(uint16(cur[1]<<pt))<<16|
				uint64(uint16(cur[2]<<pt))<<32|uint64(uint16(cur[3]<<pt))<<48)
			cur, row = cur[4:], row[8:]
		}
		for i, v := range cur {
			binary.LittleEndian.PutUint16(row[2*i:], uint16(v<<pt))
		}
		return
	}
	for k := 0; k < s.ns; k++ {
		c := s.comp[k]
		for x := 0; x < d.width; x++ {
			binary.LittleEndian.PutUint16(row[2*(x*nf+c):], uint16(cur[x*s.ns+k]<<pt))
		}
	}
}
