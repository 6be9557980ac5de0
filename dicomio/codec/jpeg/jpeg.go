// Package jpeg decodes DICOM JPEG Baseline (1.2.840.10008.1.2.4.50) and
// JPEG Extended (1.2.840.10008.1.2.4.51) pixel data and registers itself
// with package codec. Sequential frames of 8 and 12 bits, grey or colour,
// go through this package's own decoder, which uses IJG's integer inverse
// DCT and libjpeg's upsampling and colour conversion, and so matches DCMTK
// sample for sample; progressive 8-bit frames and unusual sampling
// layouts go through the standard library's image/jpeg (within ±1 of
// DCMTK for grey, ±3 for colour).
//
// Grey frames decode to their samples. Three-component frames always
// decode to RGB ([codec.Result] says so): a stream that is YCbCr by the JPEG
// conventions (a JFIF APP0 segment, an Adobe APP14 segment with transform 1,
// or neither and component identifiers other than 'R','G','B') is
// upsampled and converted exactly as IJG/libjpeg does (fancy upsampling for
// 4:2:2 and 4:2:0, the jdcolor.c fixed-point formulas); an RGB stream
// (Adobe transform 0, or 'R','G','B' identifiers) is copied. The stream
// decides, not the DICOM Photometric Interpretation: GDCM's lossy encoder,
// for one, writes YCbCr data labelled RGB, which DCMTK's default shows with
// wrong colours and this package (like libjpeg's own guess and pydicom)
// shows right.
//
// Not decoded: 12-bit colour or progressive streams (a
// [codec.UnsupportedError]), four-component (CMYK) streams, hierarchical
// and arithmetic-coded JPEG, and the retired spectral-selection and
// progressive syntaxes .53 and .55, which are registered as unavailable.
//
// Security: the frame header is read and checked against the DICOM Rows,
// Columns, Samples per Pixel and Bits Allocated before anything is
// allocated; malformed streams give an error wrapping [codec.ErrCorrupt].
// The sequential decoder reuses pooled planes; image/jpeg allocates the
// decoded image once per frame.
package jpeg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	stdjpeg "image/jpeg"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/jpegbits"
)

func init() {
	dec := codec.DecoderFunc(Decode)
	codec.Register(codec.JPEGBaseline8Bit, "own Go (IJG integer IDCT), image/jpeg for progressive", dec)
	codec.Register(codec.JPEGExtended12Bit, "own Go (IJG integer IDCT)", dec)
	codec.RegisterUnavailable("1.2.840.10008.1.2.4.53", "retired JPEG spectral selection (process 6 & 8) is not supported")
	codec.RegisterUnavailable("1.2.840.10008.1.2.4.55", "retired JPEG full progression (process 10 & 12) is not supported")
}

// header is what Decode needs from the frame header before decoding.
type header struct {
	sof           byte // SOFn marker
	prec          int
	width, height int
	ncomp         int
}

// readHeader walks the marker segments up to the first SOFn.
func readHeader(src []byte) (header, error) {
	if len(src) < 2 || src[0] != 0xFF || src[1] != 0xD8 {
		return header{}, corrupt("missing SOI marker at the start of the frame")
	}
	pos := 2
	for {
		sg, err := jpegbits.NextSegment(src, pos)
		if err != nil {
			return header{}, corrupt("%v", err)
		}
		m, seg := sg.Marker, sg.Data
		pos = sg.Next
		if m == jpegbits.EOI && sg.At == len(src) {
			return header{}, corrupt("no frame header (SOFn) before offset %d", sg.At)
		}
		if m == jpegbits.EOI || m == 0xDA {
			return header{}, corrupt("marker 0x%02X before the frame header", m)
		}
		if m < 0xC0 || m > 0xCF || m == 0xC4 || m == 0xC8 || m == 0xCC {
			continue // not a SOFn
		}
		if len(seg) < 6 {
			return header{}, corrupt("SOF%d segment has %d bytes", m-0xC0, len(seg))
		}
		return header{
			sof:    m,
			prec:   int(seg[0]),
			height: int(binary.BigEndian.Uint16(seg[1:])),
			width:  int(binary.BigEndian.Uint16(seg[3:])),
			ncomp:  int(seg[5]),
		}, nil
	}
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("jpeg: %w: %s", codec.ErrCorrupt, fmt.Sprintf(format, args...))
}

// Decode decodes one JPEG Baseline or 8-bit Extended frame from src into
// dst, which must hold exactly info.FrameBytes() bytes.
func Decode(dst, src []byte, info codec.Info) (codec.Result, error) {
	n, err := info.FrameBytes()
	if err != nil {
		return codec.Result{}, fmt.Errorf("jpeg: %w", err)
	}
	if len(dst) != n {
		return codec.Result{}, fmt.Errorf("jpeg: destination has %d bytes, frame needs %d", len(dst), n)
	}
	h, err := readHeader(src)
	if err != nil {
		return codec.Result{}, err
	}
	switch {
	case h.sof == 0xC3:
		return codec.Result{}, corrupt("frame is lossless (SOF3), not DCT-based; the transfer syntax does not match the pixel data")
	case h.sof > 0xC2:
		return codec.Result{}, fmt.Errorf("jpeg: JPEG process SOF%d (hierarchical or arithmetic coding) is not supported", h.sof-0xC0)
	case h.prec == 12 && (h.ncomp != 1 || h.sof == 0xC2):
		return codec.Result{}, fmt.Errorf("jpeg: %w", &codec.UnsupportedError{TransferSyntax: info.TransferSyntax,
			Reason: fmt.Sprintf("JPEG Extended 12-bit is supported for one sequential component, not %d (SOF%d)", h.ncomp, h.sof-0xC0)})
	case h.prec != 8 && h.prec != 12:
		return codec.Result{}, corrupt("SOF%d precision %d (DCT-based JPEG has 8 or 12)", h.sof-0xC0, h.prec)
	case h.width != info.Columns || h.height != info.Rows:
		return codec.Result{}, fmt.Errorf("jpeg: SOF%d declares %d×%d, DICOM Columns×Rows %d×%d", h.sof-0xC0, h.width, h.height, info.Columns, info.Rows)
	case h.ncomp != info.SamplesPerPixel:
		return codec.Result{}, fmt.Errorf("jpeg: SOF%d declares %d components, DICOM Samples per Pixel %d", h.sof-0xC0, h.ncomp, info.SamplesPerPixel)
	case h.ncomp != 1 && h.ncomp != 3:
		return codec.Result{}, fmt.Errorf("jpeg: %d-component (CMYK) JPEG is not supported", h.ncomp)
	case info.BitsAllocated != 8 && info.BitsAllocated != 16:
		return codec.Result{}, fmt.Errorf("jpeg: %d bits allocated is not supported", info.BitsAllocated)
	}
	if h.prec == 12 && info.BitsAllocated != 16 {
		return codec.Result{}, fmt.Errorf("jpeg: 12-bit samples do not fit DICOM Bits Allocated %d", info.BitsAllocated)
	}
	if h.sof != 0xC2 {
		pi, err := decodeSeq(dst, src, h, info)
		if err == nil {
			return codec.Result{Photometric: pi}, nil
		}
		if !errors.Is(err, errLayout) || h.prec == 12 {
			return codec.Result{}, err
		}
	}
	img, err := stdjpeg.Decode(bytes.NewReader(src))
	if err != nil {
		return codec.Result{}, fmt.Errorf("jpeg: %w: %v", codec.ErrCorrupt, err)
	}
	if b := img.Bounds(); b.Dx() != info.Columns || b.Dy() != info.Rows {
		return codec.Result{}, corrupt("decoded %d×%d, want %d×%d", b.Dx(), b.Dy(), info.Columns, info.Rows)
	}
	out := writer{dst: dst, wide: info.BitsAllocated == 16}
	switch m := img.(type) {
	case *image.Gray:
		if info.SamplesPerPixel != 1 {
			break
		}
		for y := 0; y < info.Rows; y++ {
			out.row(y*info.Columns, m.Pix[y*m.Stride:y*m.Stride+info.Columns])
		}
		return codec.Result{Photometric: info.Photometric}, nil
	case *image.YCbCr:
		if info.SamplesPerPixel != 3 {
			break
		}
		toRGB(&out, m)
		return codec.Result{Photometric: "RGB"}, nil
	case *image.RGBA:
		if info.SamplesPerPixel != 3 {
			break
		}
		rgb := make([]byte, 3*info.Columns)
		for y := 0; y < info.Rows; y++ {
			p := m.Pix[y*m.Stride:]
			for x := 0; x < info.Columns; x++ {
				copy(rgb[3*x:3*x+3], p[4*x:4*x+3])
			}
			out.row(3*y*info.Columns, rgb)
		}
		return codec.Result{Photometric: "RGB"}, nil
	}
	return codec.Result{}, fmt.Errorf("jpeg: decoded image type %T does not match %d samples per pixel", img, info.SamplesPerPixel)
}

// writer stores 8-bit samples as 8- or 16-bit output samples.
type writer struct {
	dst  []byte
	wide bool
}

// row writes samples starting at sample index i.
func (w *writer) row(i int, s []byte) {
	if !w.wide {
		copy(w.dst[i:], s)
		return
	}
	d := w.dst[2*i : 2*(i+len(s))]
	for k, v := range s {
		d[2*k] = v
		d[2*k+1] = 0
	}
}
