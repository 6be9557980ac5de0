// Package rle decodes DICOM RLE Lossless pixel data (transfer syntax
// 1.2.840.10008.1.2.5, PS3.5 Annex G) and registers itself with package
// codec.
//
// A frame is a 64-byte header of up to 15 segment offsets followed by the
// segments, each one byte plane PackBits-compressed: for every sample, the
// most significant byte plane first. The decoder re-interleaves the planes
// into the output convention of package codec (colour-by-pixel,
// little-endian samples). It handles 8, 16 and 32 bits allocated and 1, 3
// or 4 samples per pixel, up to the 15 segments RLE allows. The colour
// model is not changed: a YBR_FULL frame decodes to YBR_FULL samples.
//
// Security: the segment count must match the image geometry given by the
// DICOM attributes, every offset is checked against the frame, the decoder
// writes only inside dst and never allocates. A segment that decodes to fewer
// bytes than the image needs is an error wrapping [codec.ErrCorrupt]; extra
// bytes (padding some encoders emit) are ignored.
package rle

import (
	"encoding/binary"
	"fmt"

	"github.com/hsgview/hsgview/dicomio/codec"
)

func init() {
	codec.Register(codec.RLELossless, "Go RLE", codec.DecoderFunc(Decode))
}

const headerSize = 64

// Decode decodes one RLE Lossless frame from src into dst, which must hold
// exactly info.FrameBytes() bytes.
func Decode(dst, src []byte, info codec.Info) (codec.Result, error) {
	n, err := info.FrameBytes()
	if err != nil {
		return codec.Result{}, fmt.Errorf("rle: %w", err)
	}
	if len(dst) != n {
		return codec.Result{}, fmt.Errorf("rle: destination has %d bytes, frame needs %d", len(dst), n)
	}
	bps := info.BitsAllocated / 8 // bytes per sample
	if info.SamplesPerPixel*bps > 15 {
		return codec.Result{}, fmt.Errorf("rle: %d samples of %d bits need more than the 15 segments RLE allows", info.SamplesPerPixel, info.BitsAllocated)
	}
	if len(src) < headerSize {
		return codec.Result{}, fmt.Errorf("rle: %w: frame of %d bytes is shorter than the 64-byte header", codec.ErrCorrupt, len(src))
	}
	nseg := int(binary.LittleEndian.Uint32(src))
	want := info.SamplesPerPixel * bps
	if nseg != want {
		return codec.Result{}, fmt.Errorf("rle: %w: header declares %d segments, %d samples of %d bits need %d",
			codec.ErrCorrupt, nseg, info.SamplesPerPixel, info.BitsAllocated, want)
	}
	var offs [16]int
	for i := 0; i < nseg; i++ {
		o := binary.LittleEndian.Uint32(src[4+4*i:])
		if o < headerSize || uint64(o) > uint64(len(src)) || (i > 0 && int(o) < offs[i-1]) {
			return codec.Result{}, fmt.Errorf("rle: %w: segment %d offset %d is outside the frame (%d bytes) or out of order",
				codec.ErrCorrupt, i+1, o, len(src))
		}
		offs[i] = int(o)
	}
	offs[nseg] = len(src)
	pixels := info.Rows * info.Columns
	stride := info.SamplesPerPixel * bps
	for i := 0; i < nseg; i++ {
		// Segment i holds byte (bps-1-i%bps) of sample i/bps, counting from
		// the least significant byte, which is where it goes in little-endian output.
		s, b := i/bps, i%bps
		start := s*bps + bps - 1 - b
		if err := unpack(dst[start:], src[offs[i]:offs[i+1]], pixels, stride); err != nil {
			return codec.Result{}, fmt.Errorf("rle: segment %d of %d: %w", i+1, nseg, err)
		}
	}
	return codec.Result{Photometric: info.Photometric}, nil
}

// unpack PackBits-decodes seg into n bytes written at dst[0], dst[stride],
// dst[2*stride], …
func unpack(dst, seg []byte, n, stride int) error {
	if stride == 1 {
		return unpack1(dst[:n], seg)
	}
	if (n-1)*stride >= len(dst) {
		return fmt.Errorf("%w: output too small", codec.ErrCorrupt)
	}
	o, p := 0, 0 // output sample index, input position
	end := n * stride
	for o < end && p < len(seg) {
		h := int(int8(seg[p]))
		p++
		switch {
		case h >= 0: // literal run of h+1 bytes
			k := h + 1
			if p+k > len(seg) {
				k = len(seg) - p
			}
			if r := (end - o + stride - 1) / stride; k > r {
				k = r
			}
			for _, c := range seg[p : p+k] {
				dst[o] = c
				o += stride
			}
			p += h + 1
		case h != -128: // replicate the next byte 1-h times
			if p >= len(seg) {
				return fmt.Errorf("%w: replicate run without its byte", codec.ErrCorrupt)
			}
			c := seg[p]
			p++
			k := 1 - h
			if r := (end - o + stride - 1) / stride; k > r {
				k = r
			}
			for ; k > 0; k-- {
				dst[o] = c
				o += stride
			}
		}
	}
	if o < end {
		return fmt.Errorf("%w: segment decodes to %d bytes, image needs %d", codec.ErrCorrupt, o/stride, n)
	}
	return nil
}

// unpack1 is unpack for contiguous output.
func unpack1(dst, seg []byte) error {
	o, p := 0, 0
	for o < len(dst) && p < len(seg) {
		h := int(int8(seg[p]))
		p++
		switch {
		case h >= 0:
			k := h + 1
			if p+k > len(seg) {
				k = len(seg) - p
			}
			o += copy(dst[o:], seg[p:p+k])
			p += h + 1
		case h != -128:
			if p >= len(seg) {
				return fmt.Errorf("%w: replicate run without its byte", codec.ErrCorrupt)
			}
			c := seg[p]
			p++
			e := min(o+1-h, len(dst))
			for i := o; i < e; i++ {
				dst[i] = c
			}
			o = e
		}
	}
	if o < len(dst) {
		return fmt.Errorf("%w: segment decodes to %d bytes, image needs %d", codec.ErrCorrupt, o, len(dst))
	}
	return nil
}
