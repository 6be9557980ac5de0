package jpegll

import (
	"encoding/binary"

	"github.com/hsgview/hsgview/dicomio/codec/internal/jpegbits"
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

// bitReader reads the bits of one restart interval and notes an invalid
// Huffman code, so that the lines report it once instead of on every
// sample.
type bitReader struct {
	jpegbits.Reader
	bad bool // an invalid Huffman code was seen
}

// diff decodes one difference with table t.
func (r *bitReader) diff(t *table) int32 {
	if r.N < 32 {
		r.Refill()
	}
	e := t.fast[r.Acc>>(64-lookBits)]
	if e&fastFull != 0 {
		r.Skip(uint(e & fastLen))
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
		var v byte
		if l, v = t.Long(r.Acc, lookBits+1); l == 0 {
			r.bad = true
			return 0
		}
		s = uint(v)
	}
	r.Skip(l)
	switch s {
	case 0:
		return 0
	case 16:
		return -32768
	}
	v := int32(r.Acc >> (64 - s))
	r.Skip(s)
	return jpegbits.Extend(v, s)
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
	if len(d.ecs.Ends) < intervals {
		return corrupt("scan has %d restart intervals, %d lines need %d", len(d.ecs.Ends), d.height, intervals)
	}
	if d.ri == 0 && len(d.ecs.Ends) > 1 {
		return corrupt("RST markers in a scan without a restart interval")
	}
	// One-component 16-bit frames are stored by line1 itself.
	direct := d.nf == 1 && d.info.BitsAllocated == 16
	for i := 0; i < intervals; i++ {
		y0 := i * lines
		y1 := min(y0+lines, d.height)
		r := bitReader{Reader: jpegbits.Reader{Data: d.ecs.Interval(i)}}
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
		if r.Overrun() {
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
	buf, pos, acc, n := r.Data, r.Pos, r.Acc, r.N
	ra, rc := cur[0], prev[0]
	for x := 1; x < len(cur); x++ {
		if n < 32 {
			if pos+8 <= len(buf) {
				acc |= binary.BigEndian.Uint64(buf[pos:]) >> n
				k := (63 - n) >> 3
				pos += int(k)
				n += k << 3
			} else {
				r.Pos, r.Acc, r.N = pos, acc, n
				r.Refill()
				pos, acc, n = r.Pos, r.Acc, r.N
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
			diff = jpegbits.Extend(v, s)
		} else {
			r.Pos, r.Acc, r.N = pos, acc, n
			diff = r.slow(t, e)
			pos, acc, n = r.Pos, r.Acc, r.N
		}
		rb := prev[x]
		ra = ((a*ra+b*rb+c*rc)>>1 + diff) & 0xFFFF
		cur[x] = ra
		if len(out) > 0 {
			binary.LittleEndian.PutUint16(out[2*x:], uint16(ra<<pt))
		}
		rc = rb
	}
	r.Pos, r.Acc, r.N = pos, acc, n
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
