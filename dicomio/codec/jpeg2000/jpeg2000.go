//go:build cgo

package jpeg2000

/*
#cgo pkg-config: libopenjp2
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <openjpeg.h>

// hsg_j2k is one decoding: a memory stream over the source, the codec and
// the image, and the first error OpenJPEG reported.
typedef struct {
	const unsigned char *data;
	OPJ_SIZE_T size, pos;
	opj_codec_t *codec;
	opj_stream_t *stream;
	opj_image_t *image;
	char err[256];
} hsg_j2k;

static OPJ_SIZE_T hsg_read(void *buf, OPJ_SIZE_T n, void *u) {
	hsg_j2k *j = u;
	if (j->pos >= j->size) return (OPJ_SIZE_T)-1;
	if (n > j->size - j->pos) n = j->size - j->pos;
	memcpy(buf, j->data + j->pos, n);
	j->pos += n;
	return n;
}

static OPJ_OFF_T hsg_skip(OPJ_OFF_T n, void *u) {
	hsg_j2k *j = u;
	if (n < 0) {
		if ((OPJ_SIZE_T)(-n) > j->pos) return -1;
		j->pos -= (OPJ_SIZE_T)(-n);
		return n;
	}
	if ((OPJ_SIZE_T)n > j->size - j->pos) n = (OPJ_OFF_T)(j->size - j->pos);
	j->pos += (OPJ_SIZE_T)n;
	return n;
}

static OPJ_BOOL hsg_seek(OPJ_OFF_T off, void *u) {
	hsg_j2k *j = u;
	if (off < 0 || (OPJ_SIZE_T)off > j->size) return OPJ_FALSE;
	j->pos = (OPJ_SIZE_T)off;
	return OPJ_TRUE;
}

static void hsg_error(const char *msg, void *u) {
	hsg_j2k *j = u;
	if (j->err[0] == 0) {
		snprintf(j->err, sizeof j->err, "%s", msg);
		size_t n = strlen(j->err);
		while (n > 0 && (j->err[n-1] == '\n' || j->err[n-1] == ' ')) j->err[--n] = 0;
	}
}

static void hsg_quiet(const char *msg, void *u) { (void)msg; (void)u; }

static void hsg_close(hsg_j2k *j) {
	if (j == NULL) return;
	if (j->image) opj_image_destroy(j->image);
	if (j->stream) opj_stream_destroy(j->stream);
	if (j->codec) opj_destroy_codec(j->codec);
	free(j);
}

static hsg_j2k *hsg_open(const unsigned char *data, size_t size, int jp2, int threads) {
	hsg_j2k *j = calloc(1, sizeof *j);
	if (j == NULL) return NULL;
	j->data = data;
	j->size = size;
	j->codec = opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
	if (j->codec == NULL) { hsg_close(j); return NULL; }
	opj_set_error_handler(j->codec, hsg_error, j);
	opj_set_warning_handler(j->codec, hsg_quiet, j);
	opj_set_info_handler(j->codec, hsg_quiet, j);
	opj_dparameters_t p;
	opj_set_default_decoder_parameters(&p);
	if (!opj_setup_decoder(j->codec, &p)) { hsg_close(j); return NULL; }
	if (threads > 1 && opj_has_thread_support()) opj_codec_set_threads(j->codec, threads);
	j->stream = opj_stream_create(size < 65536 ? size + 1 : 65536, OPJ_TRUE);
	if (j->stream == NULL) { hsg_close(j); return NULL; }
	opj_stream_set_read_function(j->stream, hsg_read);
	opj_stream_set_skip_function(j->stream, hsg_skip);
	opj_stream_set_seek_function(j->stream, hsg_seek);
	opj_stream_set_user_data(j->stream, j, NULL);
	opj_stream_set_user_data_length(j->stream, size);
	return j;
}

static int hsg_header(hsg_j2k *j) { return opj_read_header(j->stream, j->codec, &j->image); }

static int hsg_decode(hsg_j2k *j) {
	return opj_decode(j->codec, j->stream, j->image) && opj_end_decompress(j->codec, j->stream);
}

static int hsg_mct(hsg_j2k *j) {
	opj_codestream_info_v2_t *ci = opj_get_cstr_info(j->codec);
	if (ci == NULL) return 0;
	int m = (int)ci->m_default_tile_info.mct;
	opj_destroy_cstr_info(&ci);
	return m;
}

static opj_image_comp_t *hsg_comp(hsg_j2k *j, int i) { return &j->image->comps[i]; }
*/
import "C"

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"unsafe"

	"github.com/hsgview/hsgview/dicomio/codec"
)

func init() {
	name := "OpenJPEG " + C.GoString(C.opj_version())
	dec := codec.DecoderFunc(Decode)
	codec.Register(codec.JPEG2000Lossless, name, dec)
	codec.Register(codec.JPEG2000, name, dec)
}

var (
	j2kMagic = []byte{0xFF, 0x4F, 0xFF, 0x51}
	jp2Magic = []byte{0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A}
)

// component describes one image component after the header is read.
type component struct {
	w, h, dx, dy int
	prec         int
	signed       bool
}

// session is one OpenJPEG decoding over a pinned source.
type session struct {
	j   *C.hsg_j2k
	pin runtime.Pinner
}

func open(src []byte) (*session, error) {
	var jp2 C.int
	switch {
	case bytes.HasPrefix(src, j2kMagic):
	case bytes.HasPrefix(src, jp2Magic):
		jp2 = 1
	default:
		n := min(len(src), 4)
		return nil, fmt.Errorf("jpeg2000: %w: frame starts with % X, not a J2K codestream (FF 4F FF 51) or a JP2 file", codec.ErrCorrupt, src[:n])
	}
	s := &session{}
	s.pin.Pin(&src[0]) // the C stream reads src across calls
	s.j = C.hsg_open((*C.uchar)(unsafe.Pointer(&src[0])), C.size_t(len(src)), jp2, C.int(runtime.GOMAXPROCS(0)))
	if s.j == nil {
		s.pin.Unpin()
		return nil, fmt.Errorf("jpeg2000: OpenJPEG could not set up a decoder")
	}
	return s, nil
}

func (s *session) close() {
	C.hsg_close(s.j)
	s.pin.Unpin()
}

// fail returns OpenJPEG's first error message, wrapping codec.ErrCorrupt.
func (s *session) fail(step string) error {
	msg := C.GoString(&s.j.err[0])
	if msg == "" {
		msg = "no detail"
	}
	return fmt.Errorf("jpeg2000: %w: OpenJPEG %s failed: %s", codec.ErrCorrupt, step, msg)
}

func (s *session) components() []component {
	img := s.j.image
	cs := make([]component, int(img.numcomps))
	for i := range cs {
		c := C.hsg_comp(s.j, C.int(i))
		cs[i] = component{w: int(c.w), h: int(c.h), dx: int(c.dx), dy: int(c.dy), prec: int(c.prec), signed: c.sgnd != 0}
	}
	return cs
}

// Decode decodes one JPEG 2000 frame from src into dst, which must hold
// exactly info.FrameBytes() bytes.
func Decode(dst, src []byte, info codec.Info) (codec.Result, error) {
	n, err := info.FrameBytes()
	if err != nil {
		return codec.Result{}, fmt.Errorf("jpeg2000: %w", err)
	}
	if len(dst) != n {
		return codec.Result{}, fmt.Errorf("jpeg2000: destination has %d bytes, frame needs %d", len(dst), n)
	}
	if info.BitsAllocated > 16 {
		return codec.Result{}, fmt.Errorf("jpeg2000: %d bits allocated is not supported", info.BitsAllocated)
	}
	s, err := open(src)
	if err != nil {
		return codec.Result{}, err
	}
	defer s.close()
	if C.hsg_header(s.j) == 0 {
		return codec.Result{}, s.fail("header")
	}
	img := s.j.image
	w, h := int(img.x1)-int(img.x0), int(img.y1)-int(img.y0)
	cs := s.components()
	switch {
	case w != info.Columns || h != info.Rows:
		return codec.Result{}, fmt.Errorf("jpeg2000: SIZ declares %d×%d, DICOM Columns×Rows %d×%d", w, h, info.Columns, info.Rows)
	case len(cs) != info.SamplesPerPixel:
		return codec.Result{}, fmt.Errorf("jpeg2000: SIZ declares %d components, DICOM Samples per Pixel %d", len(cs), info.SamplesPerPixel)
	}
	for i, c := range cs {
		switch {
		case c.dx != 1 || c.dy != 1:
			return codec.Result{}, fmt.Errorf("jpeg2000: component %d is subsampled (%d×%d), which is not supported", i+1, c.dx, c.dy)
		case c.prec < 1 || c.prec > 16:
			return codec.Result{}, fmt.Errorf("jpeg2000: component %d precision %d is not supported (1–16)", i+1, c.prec)
		case c.prec > info.BitsAllocated:
			return codec.Result{}, fmt.Errorf("jpeg2000: component %d precision %d does not fit DICOM Bits Allocated %d", i+1, c.prec, info.BitsAllocated)
		}
	}
	if C.hsg_decode(s.j) == 0 {
		return codec.Result{}, s.fail("decoding")
	}
	pixels := info.Rows * info.Columns
	nc := len(cs)
	// A JP2 palette or channel definition can change the components
	// during decoding: check them again.
	after := s.components()
	if len(after) != nc {
		return codec.Result{}, fmt.Errorf("jpeg2000: JP2 palette or channel definition turns %d components into %d, DICOM Samples per Pixel %d", nc, len(after), info.SamplesPerPixel)
	}
	for i, c := range after {
		data := C.hsg_comp(s.j, C.int(i)).data
		if c.w != info.Columns || c.h != info.Rows || c.dx != 1 || c.dy != 1 || data == nil {
			return codec.Result{}, fmt.Errorf("jpeg2000: %w: component %d decoded to %d×%d", codec.ErrCorrupt, i+1, c.w, c.h)
		}
		if c.prec > info.BitsAllocated {
			return codec.Result{}, fmt.Errorf("jpeg2000: component %d decoded with precision %d, over DICOM Bits Allocated %d", i+1, c.prec, info.BitsAllocated)
		}
		samples := unsafe.Slice((*int32)(unsafe.Pointer(data)), pixels)
		// A lossy codestream written at a higher precision than Bits
		// Stored (GDCM writes 16 for 10- or 12-bit data) overshoots the
		// stored range near edges: 4554 for 12 bits. Masked to Bits Stored
		// later, that would wrap a bright pixel to black, so clamp it.
		lo, hi := int32(math.MinInt32), int32(math.MaxInt32)
		if bs := info.BitsStored; bs > 0 && bs < c.prec && bs < 32 {
			if info.PixelRepresentation == 1 {
				lo, hi = -(1 << (bs - 1)), 1<<(bs-1)-1
			} else {
				lo, hi = 0, 1<<bs-1
			}
		}
		if info.BitsAllocated == 16 {
			for p, v := range samples {
				binary.LittleEndian.PutUint16(dst[2*(p*nc+i):], uint16(min(max(v, lo), hi)))
			}
		} else {
			for p, v := range samples {
				dst[p*nc+i] = byte(min(max(v, lo), hi))
			}
		}
	}
	// With a multiple-component transform OpenJPEG has returned RGB. DICOM
	// YBR_ICT and YBR_RCT promise one; when the codestream has none (some
	// encoders only wrote the label), its components are the RGB input.
	res := codec.Result{Photometric: info.Photometric}
	if nc == 3 && (C.hsg_mct(s.j) != 0 || info.Photometric == "YBR_ICT" || info.Photometric == "YBR_RCT") {
		res.Photometric = "RGB"
	}
	return res, nil
}
