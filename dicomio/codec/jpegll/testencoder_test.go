package jpegll

import (
	"encoding/binary"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// A test encoder for JPEG Lossless, to make streams the reference tools do
// not write: restart intervals, non-interleaved scans, any precision,
// differences of 32768, long Huffman codes. Its output is checked against
// DCMTK's decoder in TestEncoderAgainstDCMTK.

type encOpts struct {
	prec, pred, pt int
	ri             int  // restart interval in MCUs (0: none)
	planar         bool // one scan per component
	app0           bool // JFIF APP0 and COM segments, as DCMTK writes
}

// Two Huffman tables for SSSS 0–16 (counts per length 1–16, then values).
// Table 1 gives some differences codes longer than lookBits.
var encTables = [2]struct {
	counts [16]byte
	vals   []byte
}{
	{[16]byte{0, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 0, 0, 0, 1}, []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
	{[16]byte{0, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 1}, []byte{2, 1, 3, 0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
}

type huffCode struct {
	code uint32
	len  uint
}

func encCodes(i int) [17]huffCode {
	var out [17]huffCode
	code, k := uint32(0), 0
	for l := 1; l <= 16; l++ {
		for n := 0; n < int(encTables[i].counts[l-1]); n++ {
			out[encTables[i].vals[k]] = huffCode{code, uint(l)}
			code++
			k++
		}
		code <<= 1
	}
	return out
}

type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) put(v uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | uint64(v>>uint(i)&1)
		w.n++
		if w.n == 8 {
			w.flushByte()
		}
	}
}

func (w *bitWriter) flushByte() {
	c := byte(w.acc)
	w.out = append(w.out, c)
	if c == 0xFF {
		w.out = append(w.out, 0)
	}
	w.acc, w.n = 0, 0
}

func (w *bitWriter) align() {
	for w.n != 0 {
		w.put(1, 1)
	}
}

func seg(out []byte, marker byte, body []byte) []byte {
	out = append(out, 0xFF, marker)
	out = binary.BigEndian.AppendUint16(out, uint16(len(body)+2))
	return append(out, body...)
}

// encode compresses a frame given in the codec output convention.
func encode(frame []byte, info codec.Info, o encOpts) []byte {
	w, h, nf := info.Columns, info.Rows, info.SamplesPerPixel
	sample := func(x, y, c int) int32 {
		i := (y*w+x)*nf + c
		var v int32
		if info.BitsAllocated == 16 {
			v = int32(binary.LittleEndian.Uint16(frame[2*i:]))
		} else {
			v = int32(frame[i])
		}
		return (v & (1<<o.prec - 1)) >> o.pt
	}
	out := []byte{0xFF, soi}
	if o.app0 {
		out = seg(out, 0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
		out = seg(out, 0xFE, []byte("test encoder"))
	}
	sof := []byte{byte(o.prec), byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(nf)}
	for c := 0; c < nf; c++ {
		sof = append(sof, byte(c+1), 0x11, 0)
	}
	out = seg(out, sof3, sof)
	var dhtBody []byte
	for i, t := range encTables {
		dhtBody = append(dhtBody, byte(i))
		dhtBody = append(dhtBody, t.counts[:]...)
		dhtBody = append(dhtBody, t.vals...)
	}
	out = seg(out, dht, dhtBody)
	if o.ri > 0 {
		out = seg(out, dri, []byte{byte(o.ri >> 8), byte(o.ri)})
	}
	codes := [2][17]huffCode{encCodes(0), encCodes(1)}
	var scans [][]int
	if o.planar {
		for c := nf - 1; c >= 0; c-- { // reverse order, to test that too
			scans = append(scans, []int{c})
		}
	} else {
		var all []int
		for c := 0; c < nf; c++ {
			all = append(all, c)
		}
		scans = [][]int{all}
	}
	for _, comps := range scans {
		sos := []byte{byte(len(comps))}
		for _, c := range comps {
			sos = append(sos, byte(c+1), byte(c%2)<<4)
		}
		sos = append(sos, byte(o.pred), 0, byte(o.pt))
		out = seg(out, 0xDA, sos)
		bw := &bitWriter{}
		mcus, rst := 0, 0
		first := true // first line of a restart interval
		for y := 0; y < h; y++ {
			if o.ri > 0 && y > 0 && mcus%o.ri == 0 {
				bw.align()
				bw.out = append(bw.out, 0xFF, byte(rst0+rst%8))
				rst++
				first = true
			}
			for x := 0; x < w; x++ {
				for _, c := range comps {
					var p int32
					switch {
					case first && x == 0:
						p = 1 << (o.prec - o.pt - 1)
					case first:
						p = sample(x-1, y, c)
					case x == 0:
						p = sample(x, y-1, c)
					default:
						ra, rb, rc := sample(x-1, y, c), sample(x, y-1, c), sample(x-1, y-1, c)
						p = [8]int32{0, ra, rb, rc, ra + rb - rc, ra + (rb-rc)>>1, rb + (ra-rc)>>1, (ra + rb) >> 1}[o.pred]
					}
					d := (sample(x, y, c) - p) & 0xFFFF
					if d > 32768 {
						d -= 65536
					}
					ssss, a := uint(0), d
					if a < 0 {
						a = -a
					}
					for a > 0 {
						ssss++
						a >>= 1
					}
					hc := codes[c%2][ssss]
					bw.put(hc.code, hc.len)
					if ssss > 0 && ssss < 16 {
						if d < 0 {
							d--
						}
						bw.put(uint32(d)&(1<<ssss-1), ssss)
					}
				}
				mcus++
			}
			first = false
		}
		bw.align()
		out = append(out, bw.out...)
	}
	return append(out, 0xFF, eoi)
}
