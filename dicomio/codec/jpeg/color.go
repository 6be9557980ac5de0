package jpeg

import "image"

// IJG's YCbCr → RGB tables (jdcolor.c): 16-bit fixed point, rounded.
var crR, cbB, crG, cbG [256]int32

func init() {
	const scale = 16
	const half = 1 << (scale - 1)
	fix := func(x float64) int32 { return int32(x*(1<<scale) + 0.5) }
	for i := range 256 {
		x := int32(i - 128)
		crR[i] = (fix(1.40200)*x + half) >> scale
		cbB[i] = (fix(1.77200)*x + half) >> scale
		crG[i] = -fix(0.71414) * x
		cbG[i] = -fix(0.34414)*x + half
	}
}

func clamp(v int32) byte {
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return byte(v)
}

// toRGB converts a decoded YCbCr image to interleaved RGB rows as libjpeg
// does: chroma upsampled with its "fancy" triangle filter for 4:2:2
// (h2v1) and 4:2:0 (h2v2), replicated for other ratios.
// The image must start at (0, 0), as image/jpeg's do.
func toRGB(w *writer, m *image.YCbCr) {
	b := m.Bounds()
	width, height := b.Dx(), b.Dy()
	cb := make([]byte, width)
	cr := make([]byte, width)
	rgb := make([]byte, 3*width)
	for y := 0; y < height; y++ {
		upsample(cb, m, m.Cb, y)
		upsample(cr, m, m.Cr, y)
		yrow := m.Y[y*m.YStride : y*m.YStride+width]
		for x, yy := range yrow {
			Y := int32(yy)
			rgb[3*x] = clamp(Y + crR[cr[x]])
			rgb[3*x+1] = clamp(Y + (cbG[cb[x]]+crG[cr[x]])>>16)
			rgb[3*x+2] = clamp(Y + cbB[cb[x]])
		}
		w.row(3*y*width, rgb)
	}
}

// upsample fills out with the full-resolution chroma of image row y.
func upsample(out []byte, m *image.YCbCr, plane []byte, y int) {
	width := len(out)
	b := m.Bounds()
	cRows := (b.Dy() + 1) / 2
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio444:
		copy(out, plane[y*m.CStride:])
	case image.YCbCrSubsampleRatio422:
		h2v1(out, plane[y*m.CStride:y*m.CStride+(width+1)/2])
	case image.YCbCrSubsampleRatio420:
		cy := y / 2
		near := plane[cy*m.CStride : cy*m.CStride+(width+1)/2]
		oy := cy - 1 // the farther chroma row: above for even rows, below for odd
		if y%2 == 1 {
			oy = cy + 1
		}
		oy = min(max(oy, 0), cRows-1)
		far := plane[oy*m.CStride : oy*m.CStride+(width+1)/2]
		h2v2(out, near, far)
	default:
		// 4:4:0, 4:1:1, 4:1:0: replicate, as libjpeg's int_upsample.
		for x := 0; x < width; x++ {
			out[x] = plane[m.COffset(x+b.Min.X, y+b.Min.Y)]
		}
	}
}

// h2v1 is libjpeg's h2v1_fancy_upsample: each output sample is ¾ of the
// nearer input sample plus ¼ of the further one.
func h2v1(out, in []byte) {
	n := len(in)
	if n == 1 {
		out[0] = in[0]
		if len(out) > 1 {
			out[1] = in[0]
		}
		return
	}
	for i := 0; i < n; i++ {
		v := 3 * int32(in[i])
		var l, r int32
		if i == 0 {
			l = int32(in[0]) * 4
		} else {
			l = v + int32(in[i-1]) + 1
		}
		if i == n-1 {
			r = int32(in[i]) * 4
		} else {
			r = v + int32(in[i+1]) + 2
		}
		if 2*i < len(out) {
			out[2*i] = byte(l >> 2)
		}
		if 2*i+1 < len(out) {
			out[2*i+1] = byte(r >> 2)
		}
	}
}

// h2v2 is libjpeg's h2v2_fancy_upsample for one output row: near is the
// chroma row containing it, far the adjacent chroma row on its side.
func h2v2(out, near, far []byte) {
	n := len(near)
	sum := func(i int) int32 { return 3*int32(near[i]) + int32(far[i]) }
	for i := 0; i < n; i++ {
		this := sum(i)
		var l, r int32
		if i == 0 {
			l = this*4 + 8
		} else {
			l = this*3 + sum(i-1) + 8
		}
		if i == n-1 {
			r = this*4 + 7
		} else {
			r = this*3 + sum(i+1) + 7
		}
		if 2*i < len(out) {
			out[2*i] = byte(l >> 4)
		}
		if 2*i+1 < len(out) {
			out[2*i+1] = byte(r >> 4)
		}
	}
}
