package jpeg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"sync"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/jpegbits"
)

// This file decodes sequential DCT JPEG with Huffman coding (SOF0 and
// SOF1, processes 1, 2 and 4) at 8 and 12 bits, one or three components,
// interleaved or not, with restart intervals. The inverse DCT is IJG's
// accurate integer one (jidctint.c, "islow", with its 8- and 12-bit pass
// scaling) and colour goes through libjpeg's upsampling and conversion
// (color.go), so the samples match DCMTK's decoding exactly. image/jpeg,
// whose IDCT differs by ±1 (±3 after colour conversion), remains for
// progressive 8-bit streams and unusual sampling layouts.

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

// errLayout sends a stream this decoder does not handle (progressive, or
// a sampling layout libjpeg's fancy upsampling does not cover) back to
// image/jpeg.
var errLayout = errors.New("jpeg: layout left to image/jpeg")

// seqComp is one component of the frame and its decoded plane.
type seqComp struct {
	id     byte
	h, v   int // sampling factors
	tq     int
	plane  []uint16 // samples, stride 8*bw, padded to whole MCUs
	bw, bh int      // blocks across and down in plane
	seen   bool     // decoded by some scan
}

// seqDec is the state of one frame.
type seqDec struct {
	q          [4][64]int32 // quantization tables, natural order
	qdef       [4]bool
	dc, ac     [4]huff
	ri         int
	ecs        jpegbits.Entropy // entropy-coded data of the scan
	comps      [3]seqComp
	n          int // components
	hmax, vmax int
	mcux, mcuy int
	prec       int
	width      int // samples across and down
	height     int
	adobe      int       // Adobe APP14 transform, -1 without the segment
	bytes      [3][]byte // 8-bit copies of the planes for colour conversion
	jfif       bool
}

var seqPool = sync.Pool{New: func() any { return new(seqDec) }}

// decodeSeq decodes a sequential frame (h checked against the DICOM
// attributes by the caller) into dst and returns the photometric
// interpretation of the result: the DICOM one for grey frames and RGB
// for colour.
func decodeSeq(dst, src []byte, h header, info codec.Info) (string, error) {
	d := seqPool.Get().(*seqDec)
	defer seqPool.Put(d)
	d.qdef = [4]bool{}
	d.ri, d.n, d.adobe, d.jfif, d.prec = 0, 0, -1, false, h.prec
	d.width, d.height = h.width, h.height
	for i := range d.dc {
		d.dc[i].defined, d.ac[i].defined = false, false
	}
	pos := 2
	for {
		sg, err := jpegbits.NextSegment(src, pos)
		if err != nil {
			return "", corrupt("%v", err)
		}
		if sg.Marker == jpegbits.EOI {
			break
		}
		seg := sg.Data
		pos = sg.Next
		switch sg.Marker {
		case 0xC0, 0xC1:
			if err := d.parseSOF(seg, h); err != nil {
				return "", err
			}
		case 0xC2:
			return "", errLayout
		case 0xE0:
			d.jfif = d.jfif || bytes.HasPrefix(seg, []byte("JFIF\x00"))
		case 0xEE:
			if len(seg) >= 12 && bytes.HasPrefix(seg, []byte("Adobe")) {
				d.adobe = int(seg[11])
			}
		case 0xDB:
			if err := d.parseDQT(seg); err != nil {
				return "", err
			}
		case 0xC4:
			if err := d.parseDHT(seg); err != nil {
				return "", err
			}
		case 0xDD:
			if len(seg) != 2 {
				return "", corrupt("DRI segment has %d bytes, want 2", len(seg))
			}
			d.ri = int(binary.BigEndian.Uint16(seg))
		case 0xDA:
			if d.n == 0 {
				return "", corrupt("scan before the frame header")
			}
			sc, err := d.parseSOS(seg)
			if err != nil {
				return "", err
			}
			end := d.ecs.Unstuff(src, pos)
			if err := d.scan(sc); err != nil {
				return "", err
			}
			if end >= len(src) {
				goto done
			}
			pos = end
		}
	}
done:
	for i := range d.n {
		if !d.comps[i].seen {
			return "", corrupt("component %d has no scan", i+1)
		}
	}
	return d.output(dst, h, info)
}

func (d *seqDec) parseSOF(seg []byte, h header) error {
	if len(seg) != 6+3*h.ncomp || h.ncomp > 3 {
		return corrupt("SOF segment of %d bytes for %d components", len(seg), h.ncomp)
	}
	d.n, d.hmax, d.vmax = h.ncomp, 1, 1
	for i := range d.n {
		c := &d.comps[i]
		b := seg[6+3*i:]
		c.id, c.h, c.v, c.tq, c.seen = b[0], int(b[1]>>4), int(b[1]&15), int(b[2]), false
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3 {
			return corrupt("component %d: sampling %d×%d, quantization table %d", i+1, c.h, c.v, c.tq)
		}
		d.hmax, d.vmax = max(d.hmax, c.h), max(d.vmax, c.v)
	}
	if d.n == 1 {
		// A single component is never interleaved: its blocks cover the
		// image whatever sampling factors it declares.
		d.comps[0].h, d.comps[0].v, d.hmax, d.vmax = 1, 1, 1, 1
	}
	d.mcux = (h.width + 8*d.hmax - 1) / (8 * d.hmax)
	d.mcuy = (h.height + 8*d.vmax - 1) / (8 * d.vmax)
	for i := range d.n {
		c := &d.comps[i]
		c.bw, c.bh = d.mcux*c.h, d.mcuy*c.v
		n := c.bw * 8 * c.bh * 8
		if cap(c.plane) < n {
			c.plane = make([]uint16, n)
		}
		c.plane = c.plane[:n]
	}
	return nil
}

// scanComp is a component of a scan with its Huffman tables.
type scanComp struct {
	c      *seqComp
	dc, ac *huff
}

func (d *seqDec) parseSOS(seg []byte) ([]scanComp, error) {
	if len(seg) < 1 || int(seg[0]) < 1 || int(seg[0]) > d.n || len(seg) != 4+2*int(seg[0]) {
		return nil, corrupt("SOS segment of %d bytes", len(seg))
	}
	var sc []scanComp
	for i := range int(seg[0]) {
		id, tables := seg[1+2*i], seg[2+2*i]
		var c *seqComp
		for k := range d.n {
			if d.comps[k].id == id {
				c = &d.comps[k]
			}
		}
		td, ta := tables>>4, tables&15
		switch {
		case c == nil:
			return nil, corrupt("SOS names component %d, not in the frame", id)
		case td > 3 || ta > 3 || !d.dc[td].defined || !d.ac[ta].defined:
			return nil, corrupt("SOS uses undefined Huffman tables %d/%d", td, ta)
		case !d.qdef[c.tq]:
			return nil, corrupt("quantization table %d is not defined", c.tq)
		}
		// Ss, Se, Ah and Al mean nothing in a sequential scan; some
		// encoders (NEMA WG04's XA1) write Se = 0. IJG ignores them too.
		c.seen = true
		sc = append(sc, scanComp{c, &d.dc[td], &d.ac[ta]})
	}
	return sc, nil
}

func (d *seqDec) parseDQT(seg []byte) error {
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

func (d *seqDec) parseDHT(seg []byte) error {
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

// scan decodes the blocks of one scan into the component planes: the
// MCUs of an interleaved scan, or the blocks of one component in raster
// order (over the component's own extent, not its padding) otherwise.
func (d *seqDec) scan(sc []scanComp) error {
	units := d.mcux * d.mcuy
	single := len(sc) == 1
	nbx := 0 // blocks across the component of a single-component scan
	if single {
		c := sc[0].c
		nbx = ceilDiv(ceilDiv(d.width*c.h, d.hmax), 8)
		units = nbx * ceilDiv(ceilDiv(d.height*c.v, d.vmax), 8)
	}
	per := units // units per restart interval
	if d.ri > 0 {
		per = d.ri
	}
	intervals := (units + per - 1) / per
	if len(d.ecs.Ends) < intervals {
		return corrupt("scan has %d restart intervals, %d units need %d", len(d.ecs.Ends), units, intervals)
	}
	var coef [64]int32
	var out [64]int32
	var preds [3]int32
	for iv := 0; iv < intervals; iv++ {
		r := jpegbits.Reader{Data: d.ecs.Interval(iv)}
		preds = [3]int32{}
		for u := iv * per; u < min((iv+1)*per, units); u++ {
			for k, s := range sc {
				c := s.c
				bx0, by0, nh, nv := u%d.mcux*c.h, u/d.mcux*c.v, c.h, c.v
				if single {
					bx0, by0, nh, nv = u%nbx, u/nbx, 1, 1
				}
				for by := by0; by < by0+nv; by++ {
					for bx := bx0; bx < bx0+nh; bx++ {
						if err := d.block(&r, s, &preds[k], &coef); err != nil {
							return corrupt("%v in block %d of unit %d", err, by*c.bw+bx, u)
						}
						idct(&out, &coef, d.prec)
						stride := 8 * c.bw
						for y := range 8 {
							row := c.plane[(8*by+y)*stride+8*bx:]
							for x := range 8 {
								row[x] = uint16(out[8*y+x])
							}
						}
					}
				}
			}
		}
		if r.Overrun() {
			return corrupt("entropy-coded data ends early (restart interval %d of %d)", iv+1, intervals)
		}
	}
	return nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// block decodes the coefficients of one block, dequantized, in natural
// order.
func (d *seqDec) block(r *jpegbits.Reader, s scanComp, pred *int32, coef *[64]int32) error {
	q := &d.q[s.c.tq]
	clear(coef[:])
	t, err := decode(r, s.dc)
	if err != nil || t > 15 {
		return errors.New("invalid DC code")
	}
	*pred += jpegbits.Extend(r.Bits(uint(t)), uint(t))
	coef[0] = *pred * q[0]
	ac := s.ac
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
		rs, err := decode(r, ac)
		if err != nil {
			return errors.New("invalid AC code")
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
	return nil
}

// output writes the decoded planes to dst: grey samples as they are, a
// YCbCr frame upsampled and converted to RGB as libjpeg does, an RGB
// frame interleaved.
func (d *seqDec) output(dst []byte, h header, info codec.Info) (string, error) {
	w := writer{dst: dst, wide: info.BitsAllocated == 16}
	width, height := h.width, h.height
	if d.n == 1 {
		c := &d.comps[0]
		stride := 8 * c.bw
		if d.prec == 12 {
			for y := range height {
				row := dst[2*y*width:]
				for x, v := range c.plane[y*stride : y*stride+width] {
					binary.LittleEndian.PutUint16(row[2*x:], v)
				}
			}
			return info.Photometric, nil
		}
		line := make([]byte, width)
		for y := range height {
			for x, v := range c.plane[y*stride : y*stride+width] {
				line[x] = byte(v)
			}
			w.row(y*width, line)
		}
		return info.Photometric, nil
	}
	c0, c1, c2 := &d.comps[0], &d.comps[1], &d.comps[2]
	rgb := d.adobe == 0 || d.adobe < 0 && !d.jfif && c0.id == 'R' && c1.id == 'G' && c2.id == 'B'
	bytesOf := func(i int) ([]byte, int) {
		c := &d.comps[i]
		b := d.bytes[i][:0]
		for _, v := range c.plane {
			b = append(b, byte(v))
		}
		d.bytes[i] = b // pooled with the decoder
		return b, 8 * c.bw
	}
	if rgb {
		if c0.h != 1 || c0.v != 1 || c1.h != 1 || c1.v != 1 || c2.h != 1 || c2.v != 1 {
			return "", errLayout
		}
		line := make([]byte, 3*width)
		stride := 8 * c0.bw
		for y := range height {
			for x := range width {
				i := y*stride + x
				line[3*x], line[3*x+1], line[3*x+2] = byte(c0.plane[i]), byte(c1.plane[i]), byte(c2.plane[i])
			}
			w.row(3*y*width, line)
		}
		return "RGB", nil
	}
	if c1.h != 1 || c1.v != 1 || c2.h != 1 || c2.v != 1 || c0.h != d.hmax || c0.v != d.vmax {
		return "", errLayout
	}
	ratio, ok := map[[2]int]image.YCbCrSubsampleRatio{
		{1, 1}: image.YCbCrSubsampleRatio444, {2, 1}: image.YCbCrSubsampleRatio422,
		{2, 2}: image.YCbCrSubsampleRatio420, {1, 2}: image.YCbCrSubsampleRatio440,
		{4, 1}: image.YCbCrSubsampleRatio411, {4, 2}: image.YCbCrSubsampleRatio410,
	}[[2]int{c0.h, c0.v}]
	if !ok {
		return "", errLayout
	}
	m := &image.YCbCr{SubsampleRatio: ratio, Rect: image.Rect(0, 0, width, height)}
	m.Y, m.YStride = bytesOf(0)
	m.Cb, m.CStride = bytesOf(1)
	m.Cr, _ = bytesOf(2)
	toRGB(&w, m)
	return "RGB", nil
}

// IJG jidctint.c constants: CONST_BITS 13 (PASS1_BITS is 2 for 8-bit
// samples, 1 for 12-bit; see idct).
const (
	constBits = 13
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

// idct is IJG's jpeg_idct_islow for prec-bit samples (8 or 12): the
// dequantized coefficients in, level-shifted samples clamped to the
// sample range out. It works in int64, so no input overflows.
func idct(out *[64]int32, in *[64]int32, prec int) {
	pass1Bits := int64(2)
	if prec == 12 {
		pass1Bits = 1
	}
	half, top := int64(1)<<(prec-1), int64(1)<<prec-1
	clampS := func(v int64) int32 { return int32(min(max(v+half, 0), top)) }
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
			v := clampS((w[0] + 1<<(pass1Bits+2)) >> (pass1Bits + 3))
			for i := range o {
				o[i] = v
			}
			continue
		}
		var t [8]int64
		butterfly(&t, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
		shift := constBits + pass1Bits + 3
		for i, v := range t {
			o[i] = clampS((v + 1<<(shift-1)) >> shift)
		}
	}
}

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
