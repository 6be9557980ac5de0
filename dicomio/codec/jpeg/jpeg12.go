package jpeg

import (
	"encoding/binary"
	"errors"
	"sync"

	"hsgview/dicomio/codec/internal/jpegbits"
)

// This file decodes 12-bit JPEG Extended (process 4: sequential DCT,
// Huffman coding) for one component, the form DICOM uses for CT, MR and XA.
// image/jpeg handles 8-bit samples only. The inverse DCT is IJG's
// accurate integer one (jidctint.c, "islow", with the 12-bit pass scaling),
// so the samples match DCMTK's decoding exactly. Colour and progressive
// 12-bit streams are not decoded.

// natural maps zig-zag order to natural order; the 16 extra entries let a
// corrupt run length overshoot harmlessly, as in IJG.
var natural = [64 + 16]int{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
	63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
}

// huff is a Huffman table: the canonical form for long codes plus a 9-bit
// lookup table.
type huff struct {
	jpegbits.Huffman
	defined bool
	fast    [1 << 9]uint16 // length<<8 | value, 0 if longer than 9 bits
	// ac resolves an AC code and its extra bits together when both fit in
	// 9 bits: coefficient<<16 | run<<8 | bits used; 0 otherwise.
	ac [1 << 9]int32
}

func (t *huff) build(spec *jpegbits.TableSpec) error {
	t.defined = false
	clear(t.fast[:])
	err := t.Build(spec, 255, 9, func(code uint32, l uint, v byte) {
		base := code << (9 - l)
		for e := uint32(0); e < 1<<(9-l); e++ {
			t.fast[base+e] = uint16(l)<<8 | uint16(v)
		}
	})
	if err != nil {
		return corrupt("%v", err)
	}
	for i, e := range t.fast {
		t.ac[i] = 0
		l, rs := uint(e>>8), byte(e)
		size := uint(rs & 15)
		if e == 0 || size == 0 || l+size > 9 {
			continue
		}
		v := jpegbits.Extend(int32(i>>(9-l-size))&(1<<size-1), size)
		t.ac[i] = v<<16 | int32(rs>>4)<<8 | int32(l+size)
	}
	t.defined = true
	return nil
}

var errCode = errors.New("invalid Huffman code")

// decode reads one Huffman-coded value with table t.
func decode(r *jpegbits.Reader, t *huff) (byte, error) {
	if r.N < 16 {
		r.Fill()
	}
	if e := t.fast[r.Acc>>(64-9)]; e != 0 {
		r.Skip(uint(e >> 8))
		return byte(e), nil
	}
	l, v := t.Long(r.Acc, 10)
	if l == 0 {
		return 0, errCode
	}
	r.Skip(l)
	return v, nil
}

// dec12 is the state of one 12-bit frame.
type dec12 struct {
	q      [4][64]int32 // quantization tables, natural order
	qdef   [4]bool
	dc, ac [4]huff
	ri     int
	ecs    jpegbits.Entropy // entropy-coded data of the scan
}

var pool12 = sync.Pool{New: func() any { return new(dec12) }}

// decode12 decodes a one-component 12-bit sequential frame into 16-bit
// samples. The header h has been checked against the DICOM attributes.
func decode12(dst, src []byte, h header) error {
	d := pool12.Get().(*dec12)
	defer pool12.Put(d)
	d.qdef = [4]bool{}
	d.ri = 0
	for i := range d.dc {
		d.dc[i].defined, d.ac[i].defined = false, false
	}
	var tq int = -1
	pos := 2
	for {
		sg, err := jpegbits.NextSegment(src, pos)
		if err != nil {
			return corrupt("%v", err)
		}
		if sg.Marker == jpegbits.EOI {
			break
		}
		seg := sg.Data
		pos = sg.Next
		switch sg.Marker {
		case 0xC0, 0xC1: // SOF: one component, checked by the caller
			if len(seg) != 9 {
				return corrupt("SOF segment of %d bytes for one component", len(seg))
			}
			tq = int(seg[8])
			if tq > 3 {
				return corrupt("quantization table %d", tq)
			}
		case 0xDB:
			if err := d.parseDQT(seg); err != nil {
				return err
			}
		case 0xC4:
			if err := d.parseDHT(seg); err != nil {
				return err
			}
		case 0xDD:
			if len(seg) != 2 {
				return corrupt("DRI segment has %d bytes, want 2", len(seg))
			}
			d.ri = int(binary.BigEndian.Uint16(seg))
		case 0xDA:
			if len(seg) != 6 || seg[0] != 1 {
				return corrupt("SOS for a one-component frame has %d bytes", len(seg))
			}
			td, ta := seg[2]>>4, seg[2]&15
			if td > 3 || ta > 3 || !d.dc[td].defined || !d.ac[ta].defined {
				return corrupt("SOS uses undefined Huffman tables %d/%d", td, ta)
			}
			// Ss, Se, Ah and Al mean nothing in a sequential scan; some
			// encoders (NEMA WG04's XA1) write Se = 0. IJG ignores them too.
			if tq < 0 || !d.qdef[tq] {
				return corrupt("quantization table %d is not defined", tq)
			}
			d.ecs.Unstuff(src, pos)
			return d.scan(dst, h, &d.q[tq], &d.dc[td], &d.ac[ta])
		}
	}
	return corrupt("no scan in the frame")
}

func (d *dec12) parseDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, seg[0]&15
		n := 64 * (1 + int(pq))
		if pq > 1 || tq > 3 || len(seg) < 1+n {
			return corrupt("DQT table %d of precision %d is truncated or invalid", tq, pq)
		}
		for i := 0; i < 64; i++ {
			v := int32(seg[1+i])
			if pq == 1 {
				v = int32(binary.BigEndian.Uint16(seg[1+2*i:]))
			}
			d.q[tq][natural[i]] = v
		}
		d.qdef[tq] = true
		seg = seg[1+n:]
	}
	return nil
}

func (d *dec12) parseDHT(seg []byte) error {
	for len(seg) > 0 {
		spec, rest, err := jpegbits.NextTable(seg)
		if err != nil {
			return corrupt("%v", err)
		}
		t := &d.dc[spec.ID]
		if spec.Class == 1 {
			t = &d.ac[spec.ID]
		}
		if err := t.build(&spec); err != nil {
			return err
		}
		seg = rest
	}
	return nil
}

// scan decodes the blocks of a one-component scan into dst.
func (d *dec12) scan(dst []byte, h header, q *[64]int32, dc, ac *huff) error {
	bw, bh := (h.width+7)/8, (h.height+7)/8
	blocks := bw * bh
	per := blocks // blocks per restart interval
	if d.ri > 0 {
		per = d.ri
	}
	intervals := (blocks + per - 1) / per
	if len(d.ecs.Ends) < intervals {
		return corrupt("scan has %d restart intervals, %d blocks need %d", len(d.ecs.Ends), blocks, intervals)
	}
	var coef [64]int32
	var out [64]int32
	for iv := 0; iv < intervals; iv++ {
		r := jpegbits.Reader{Data: d.ecs.Interval(iv)}
		pred := int32(0)
		for b := iv * per; b < min((iv+1)*per, blocks); b++ {
			clear(coef[:])
			s, err := decode(&r, dc)
			if err != nil || s > 15 {
				return corrupt("invalid DC code in block %d", b)
			}
			pred += jpegbits.Extend(r.Bits(uint(s)), uint(s))
			coef[0] = pred * q[0]
			for k := 1; k < 64; k++ {
				if r.N < 16 {
					r.Fill()
				}
				if e := ac.ac[r.Acc>>(64-9)]; e != 0 {
					k += int(e >> 8 & 15)
					r.Skip(uint(e & 31))
					z := natural[k]
					coef[z] = e >> 16 * q[z]
					continue
				}
				rs, err := decode(&r, ac)
				if err != nil {
					return corrupt("invalid AC code in block %d", b)
				}
				run, size := int(rs>>4), uint(rs&15)
				if size == 0 {
					if run != 15 {
						break // end of block
					}
					k += 15
					continue
				}
				k += run
				z := natural[min(k, 63+16)]
				coef[z] = jpegbits.Extend(r.Bits(size), size) * q[z]
			}
			idct12(&out, &coef)
			store12(dst, h, b%bw*8, b/bw*8, &out)
		}
		if r.Overrun() {
			return corrupt("entropy-coded data ends early (restart interval %d of %d)", iv+1, intervals)
		}
	}
	return nil
}

// store12 writes the visible part of an 8×8 block at (x0, y0).
func store12(dst []byte, h header, x0, y0 int, out *[64]int32) {
	for y := 0; y < 8 && y0+y < h.height; y++ {
		row := dst[2*((y0+y)*h.width+x0):]
		for x := 0; x < 8 && x0+x < h.width; x++ {
			binary.LittleEndian.PutUint16(row[2*x:], uint16(out[8*y+x]))
		}
	}
}

// IJG jidctint.c constants, CONST_BITS 13, and PASS1_BITS 1 for 12-bit.
const (
	constBits = 13
	pass1Bits = 1
	fix0298   = 2446
	fix0390   = 3196
	fix0541   = 4433
	fix0765   = 6270
	fix0899   = 7373
	fix1175   = 9633
	fix1501   = 12299
	fix1847   = 15137
	fix1961   = 16069
	fix2053   = 16819
	fix2562   = 20995
	fix3072   = 25172
)

// idct12 is IJG's jpeg_idct_islow for 12-bit samples: the dequantized
// coefficients in, level-shifted samples clamped to 0–4095 out. It works
// in int64, so no input overflows.
func idct12(out *[64]int32, in *[64]int32) {
	var ws [64]int64
	for c := 0; c < 8; c++ {
		if in[8+c]|in[16+c]|in[24+c]|in[32+c]|in[40+c]|in[48+c]|in[56+c] == 0 {
			dcval := int64(in[c]) << pass1Bits
			for r := 0; r < 8; r++ {
				ws[8*r+c] = dcval
			}
			continue
		}
		var t [8]int64
		butterfly(&t, int64(in[c]), int64(in[8+c]), int64(in[16+c]), int64(in[24+c]),
			int64(in[32+c]), int64(in[40+c]), int64(in[48+c]), int64(in[56+c]))
		for r := 0; r < 8; r++ {
			ws[8*r+c] = (t[r] + 1<<(constBits-pass1Bits-1)) >> (constBits - pass1Bits)
		}
	}
	for r := 0; r < 8; r++ {
		w := (*[8]int64)(ws[8*r : 8*r+8])
		o := (*[8]int32)(out[8*r : 8*r+8])
		if w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7] == 0 {
			v := clamp12((w[0] + 1<<(pass1Bits+2)) >> (pass1Bits + 3))
			for i := range o {
				o[i] = v
			}
			continue
		}
		var t [8]int64
		butterfly(&t, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
		const shift = constBits + pass1Bits + 3
		for i, v := range t {
			o[i] = clamp12((v + 1<<(shift-1)) >> shift)
		}
	}
}

// clamp12 level-shifts an IDCT output and clamps it to 12 bits.
func clamp12(v int64) int32 { return int32(min(max(v+2048, 0), 4095)) }

// butterfly is one 8-point pass of jidctint.c, without the final descale.
func butterfly(t *[8]int64, x0, x1, x2, x3, x4, x5, x6, x7 int64) {
	// Even part.
	z1 := (x2 + x6) * fix0541
	tmp2 := z1 - x6*fix1847
	tmp3 := z1 + x2*fix0765
	tmp0 := (x0 + x4) << constBits
	tmp1 := (x0 - x4) << constBits
	tmp10, tmp13 := tmp0+tmp3, tmp0-tmp3
	tmp11, tmp12 := tmp1+tmp2, tmp1-tmp2
	// Odd part.
	z5 := (x7 + x3 + x5 + x1) * fix1175
	z1 = (x7 + x1) * -fix0899
	z2 := (x5 + x3) * -fix2562
	z3 := (x7+x3)*-fix1961 + z5
	z4 := (x5+x1)*-fix0390 + z5
	o0 := x7*fix0298 + z1 + z3
	o1 := x5*fix2053 + z2 + z4
	o2 := x3*fix3072 + z2 + z3
	o3 := x1*fix1501 + z1 + z4
	*t = [8]int64{tmp10 + o3, tmp11 + o2, tmp12 + o1, tmp13 + o0, tmp13 - o0, tmp12 - o1, tmp11 - o2, tmp10 - o3}
}
