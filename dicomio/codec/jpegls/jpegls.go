//go:build cgo

package jpegls

/*
#cgo pkg-config: charls
#include <charls/charls.h>
*/
import "C"

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/hsgview/hsgview/dicomio/codec"
)

func init() {
	name := "CharLS " + C.GoString(C.charls_get_version_string())
	dec := codec.DecoderFunc(Decode)
	codec.Register(codec.JPEGLSLossless, name, dec)
	codec.Register(codec.JPEGLSNearLossless, name, dec)
}

// Header is the JPEG-LS frame header of a codestream.
type Header struct {
	Width, Height int
	Bits          int // bits per sample, 2–16
	Components    int
	Interleave    int // 0 none, 1 line, 2 sample
	Near          int // NEAR of the first component; 0 is lossless
	Transform     int // HP colour transform, 0 none
}

// decoder wraps a CharLS decoder reading from a pinned Go buffer.
type decoder struct {
	c    *C.charls_jpegls_decoder
	pin  runtime.Pinner
	last C.charls_jpegls_errc // last CharLS error
}

// code returns the last CharLS error code; d may be nil.
func (d *decoder) code() C.charls_jpegls_errc {
	if d == nil {
		return 0
	}
	return d.last
}

// check records ec and turns it into an error.
func (d *decoder) check(ec C.charls_jpegls_errc) error {
	d.last = ec
	return check(ec)
}

func newDecoder(src []byte) (*decoder, error) {
	if len(src) == 0 {
		return nil, fmt.Errorf("jpegls: %w: empty frame", codec.ErrCorrupt)
	}
	d := &decoder{c: C.charls_jpegls_decoder_create()}
	if d.c == nil {
		return nil, fmt.Errorf("jpegls: CharLS could not create a decoder")
	}
	// CharLS keeps the source pointer between calls: pin it.
	d.pin.Pin(&src[0])
	if err := d.check(C.charls_jpegls_decoder_set_source_buffer(d.c, unsafe.Pointer(&src[0]), C.size_t(len(src)))); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

func (d *decoder) close() {
	C.charls_jpegls_decoder_destroy(d.c)
	d.pin.Unpin()
}

func (d *decoder) header() (Header, error) {
	if err := d.check(C.charls_jpegls_decoder_read_header(d.c)); err != nil {
		return Header{}, err
	}
	var fi C.charls_frame_info
	var ilv C.charls_interleave_mode
	var near C.int32_t
	var ct C.charls_color_transformation
	for _, ec := range []C.charls_jpegls_errc{
		C.charls_jpegls_decoder_get_frame_info(d.c, &fi),
		C.charls_jpegls_decoder_get_interleave_mode(d.c, &ilv),
		C.charls_jpegls_decoder_get_near_lossless(d.c, 0, &near),
		C.charls_jpegls_decoder_get_color_transformation(d.c, &ct),
	} {
		if err := d.check(ec); err != nil {
			return Header{}, err
		}
	}
	return Header{Width: int(fi.width), Height: int(fi.height), Bits: int(fi.bits_per_sample),
		Components: int(fi.component_count), Interleave: int(ilv), Near: int(near), Transform: int(ct)}, nil
}

// check turns a CharLS error code into an error. Malformed-stream errors
// wrap codec.ErrCorrupt.
func check(ec C.charls_jpegls_errc) error {
	if ec == C.CHARLS_JPEGLS_ERRC_SUCCESS {
		return nil
	}
	msg := C.GoString(C.charls_get_error_message(ec))
	switch ec {
	case C.CHARLS_JPEGLS_ERRC_PARAMETER_VALUE_NOT_SUPPORTED,
		C.CHARLS_JPEGLS_ERRC_BIT_DEPTH_FOR_TRANSFORM_NOT_SUPPORTED,
		C.CHARLS_JPEGLS_ERRC_COLOR_TRANSFORM_NOT_SUPPORTED,
		C.CHARLS_JPEGLS_ERRC_ENCODING_NOT_SUPPORTED,
		C.CHARLS_JPEGLS_ERRC_JPEGLS_PRESET_EXTENDED_PARAMETER_TYPE_NOT_SUPPORTED,
		C.CHARLS_JPEGLS_ERRC_NOT_ENOUGH_MEMORY,
		C.CHARLS_JPEGLS_ERRC_UNEXPECTED_FAILURE:
		return fmt.Errorf("jpegls: CharLS: %s (error %d)", msg, int(ec))
	}
	return fmt.Errorf("jpegls: %w: CharLS: %s (error %d)", codec.ErrCorrupt, msg, int(ec))
}

// ReadHeader returns the frame header of a JPEG-LS codestream.
func ReadHeader(src []byte) (Header, error) {
	d, err := newDecoder(src)
	if err != nil {
		return Header{}, err
	}
	defer d.close()
	return d.header()
}

var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Decode decodes one JPEG-LS frame from src into dst, which must hold
// exactly info.FrameBytes() bytes.
//
// Two CharLS 2.4 weaknesses are worked around. A stream cut short without
// its EOI marker makes CharLS spin for seconds before it reports the
// error, so a missing EOI is appended first (a truncated transfer then
// fails at once). And CharLS 2.3 and later reject zero bytes between the
// entropy-coded data and EOI, padding that some encoders wrote (NEMA WG04's
// JLSL samples have it; team-charls/charls issues 365 and 437), so on that
// error the padding is removed and decoding retried.
func Decode(dst, src []byte, info codec.Info) (codec.Result, error) {
	n, err := info.FrameBytes()
	if err != nil {
		return codec.Result{}, fmt.Errorf("jpegls: %w", err)
	}
	if len(dst) != n {
		return codec.Result{}, fmt.Errorf("jpegls: destination has %d bytes, frame needs %d", len(dst), n)
	}
	src = withEOI(src)
	res, ec, err := decode(dst, src, info)
	if ec == C.CHARLS_JPEGLS_ERRC_JPEG_MARKER_START_BYTE_NOT_FOUND || ec == C.CHARLS_JPEGLS_ERRC_TOO_MUCH_ENCODED_DATA {
		if unpadded, ok := withoutPadding(src); ok {
			if res, _, err2 := decode(dst, unpadded, info); err2 == nil {
				return res, nil
			}
		}
	}
	return res, err
}

// eoi returns the offset of the EOI marker that ends src, ignoring
// trailing zero padding, or -1.
func eoi(src []byte) int {
	end := len(src)
	for end > 0 && src[end-1] == 0 {
		end--
	}
	if end >= 2 && src[end-2] == 0xFF && src[end-1] == 0xD9 {
		return end - 2
	}
	return -1
}

// withEOI returns src, or a copy with an EOI marker appended when it has
// none.
func withEOI(src []byte) []byte {
	if len(src) == 0 || eoi(src) >= 0 {
		return src
	}
	out := make([]byte, len(src)+2)
	copy(out, src)
	out[len(src)], out[len(src)+1] = 0xFF, 0xD9
	return out
}

// withoutPadding returns a copy of src without the zero bytes just before
// its EOI marker, and whether there were any.
func withoutPadding(src []byte) ([]byte, bool) {
	e := eoi(src)
	if e < 0 {
		return nil, false
	}
	p := e
	for p > 0 && src[p-1] == 0 {
		p--
	}
	if p == e {
		return nil, false
	}
	return append(src[:p:p], 0xFF, 0xD9), true
}

// decode is one CharLS decoding; it also returns the CharLS error code.
func decode(dst, src []byte, info codec.Info) (codec.Result, C.charls_jpegls_errc, error) {
	d, err := newDecoder(src)
	if err != nil {
		return codec.Result{}, d.code(), err
	}
	defer d.close()
	h, err := d.header()
	if err != nil {
		return codec.Result{}, d.code(), err
	}
	switch {
	case h.Width != info.Columns || h.Height != info.Rows:
		return codec.Result{}, 0, fmt.Errorf("jpegls: SOF55 declares %d×%d, DICOM Columns×Rows %d×%d", h.Width, h.Height, info.Columns, info.Rows)
	case h.Components != info.SamplesPerPixel:
		return codec.Result{}, 0, fmt.Errorf("jpegls: SOF55 declares %d components, DICOM Samples per Pixel %d", h.Components, info.SamplesPerPixel)
	case h.Bits > info.BitsAllocated || info.BitsAllocated > 16:
		return codec.Result{}, 0, fmt.Errorf("jpegls: %d bits per sample do not fit DICOM Bits Allocated %d", h.Bits, info.BitsAllocated)
	}
	bps := 1 // bytes per sample written by CharLS
	if h.Bits > 8 {
		bps = 2
	}
	size := h.Width * h.Height * h.Components * bps
	var want C.size_t
	if err := d.check(C.charls_jpegls_decoder_get_destination_size(d.c, 0, &want)); err != nil {
		return codec.Result{}, d.code(), err
	}
	if int(want) != size {
		return codec.Result{}, 0, fmt.Errorf("jpegls: CharLS needs %d bytes for a %d×%d×%d frame of %d bits", int(want), h.Width, h.Height, h.Components, h.Bits)
	}
	direct := bps*8 == info.BitsAllocated && (h.Components == 1 || h.Interleave != 0)
	buf := dst
	if !direct {
		buf = make([]byte, size)
	}
	if err := d.check(C.charls_jpegls_decoder_decode_to_buffer(d.c, unsafe.Pointer(&buf[0]), C.size_t(len(buf)), 0)); err != nil {
		return codec.Result{}, d.code(), err
	}
	switch {
	case !direct:
		convert(dst, buf, h, info.BitsAllocated)
	case bps == 2 && !littleEndian:
		for i := 0; i+1 < len(dst); i += 2 {
			dst[i], dst[i+1] = dst[i+1], dst[i]
		}
	}
	res := codec.Result{Photometric: info.Photometric}
	if h.Transform != 0 {
		res.Photometric = "RGB"
	}
	return res, 0, nil
}

// convert rewrites CharLS output (native-endian, planar when not
// interleaved, 1 byte per sample up to 8 bits) in the codec output
// convention.
func convert(dst, buf []byte, h Header, bitsAllocated int) {
	bps := 1
	if h.Bits > 8 {
		bps = 2
	}
	out := bitsAllocated / 8
	pixels := h.Width * h.Height
	nc := h.Components
	for i := 0; i < pixels*nc; i++ {
		src := i // sample index in buf
		if h.Interleave == 0 && nc > 1 {
			src = (i%nc)*pixels + i/nc
		}
		var v uint16
		if bps == 2 {
			v = binary.NativeEndian.Uint16(buf[2*src:])
		} else {
			v = uint16(buf[src])
		}
		if out == 2 {
			binary.LittleEndian.PutUint16(dst[2*i:], v)
		} else {
			dst[i] = byte(v)
		}
	}
}
