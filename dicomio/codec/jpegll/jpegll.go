// Package jpegll decodes JPEG Lossless pixel data, ITU T.81 process 14
// (transfer syntaxes 1.2.840.10008.1.2.4.57 and 1.2.840.10008.1.2.4.70, SV1)
// and registers itself with package codec.
//
// It handles what DICOM encoders write: a single SOF3 frame of 2 to 16 bits
// precision with 1 to 4 components, all seven predictors, the point
// transform, restart intervals (DRI/RSTn) and interleaved or
// non-interleaved scans; APPn (DCMTK writes JFIF APP0 into lossless
// streams), COM and DQT segments are skipped. It does not decode the other
// JPEG processes (DCT, hierarchical, arithmetic coding), subsampled
// components, a height defined by DNL, or restart intervals that are not a
// whole number of rows; those give an error saying so.
//
// Samples are written in the output convention of package codec: 8 or 16
// bits allocated, little-endian, colour-by-pixel, the raw reconstructed
// value shifted left by the point transform. The colour model is not
// changed.
//
// Security: the codestream is untrusted. The frame header is checked
// against the DICOM Rows, Columns, Samples per Pixel and Bits Allocated
// before any buffer is sized from it; every read is bounds-checked; a
// stream that runs out of entropy-coded data, uses an undefined Huffman
// table or code, or leaves a component without a scan is an error wrapping
// [codec.ErrCorrupt], never a panic. Scratch buffers are pooled, so steady
// state decoding does not allocate.
package jpegll

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/codec/internal/jpegbits"
)

func init() {
	dec := codec.DecoderFunc(Decode)
	codec.Register(codec.JPEGLossless, "Go JPEG lossless", dec)
	codec.Register(codec.JPEGLosslessSV1, "Go JPEG lossless", dec)
}

// JPEG markers (T.81 Table B.1).
const (
	sof0 = 0xC0 // baseline DCT
	sof3 = 0xC3 // lossless, Huffman
	dht  = 0xC4
	dac  = 0xCC
	rst0 = 0xD0
	soi  = 0xD8
	eoi  = 0xD9
	sos  = 0xDA
	dnl  = 0xDC
	dri  = 0xDD
	tem  = 0x01
)

var pool = sync.Pool{New: func() any { return new(decoder) }}

// Decode decodes one JPEG Lossless frame from src into dst, which must hold
// exactly info.FrameBytes() bytes.
func Decode(dst, src []byte, info codec.Info) (codec.Result, error) {
	n, err := info.FrameBytes()
	if err != nil {
		return codec.Result{}, fmt.Errorf("jpegll: %w", err)
	}
	if len(dst) != n {
		return codec.Result{}, fmt.Errorf("jpegll: destination has %d bytes, frame needs %d", len(dst), n)
	}
	if info.BitsAllocated > 16 {
		return codec.Result{}, fmt.Errorf("jpegll: %d bits allocated is not supported", info.BitsAllocated)
	}
	d := pool.Get().(*decoder)
	defer pool.Put(d)
	d.reset(info)
	if err := d.decode(dst, src); err != nil {
		return codec.Result{}, err
	}
	return codec.Result{Photometric: info.Photometric}, nil
}

// decoder holds the state of one frame and the scratch buffers it reuses.
type decoder struct {
	info   codec.Info
	sof    bool
	prec   int     // sample precision P
	width  int     // samples per line X
	height int     // lines Y
	nf     int     // components
	ids    [4]byte // component identifiers, in frame order
	done   [4]bool // component has been decoded by a scan
	ri     int     // restart interval in MCUs, 0 if none
	tabs   [4]table

	ecs  jpegbits.Entropy // entropy-coded data of the current scan
	rows []int32          // previous and current line
}

func (d *decoder) reset(info codec.Info) {
	d.info = info
	d.sof = false
	d.prec, d.width, d.height, d.nf, d.ri = 0, 0, 0, 0, 0
	d.done = [4]bool{}
	for i := range d.tabs {
		d.tabs[i].defined = false
	}
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("jpegll: %w: %s", codec.ErrCorrupt, fmt.Sprintf(format, args...))
}

var errUnsupported = errors.New("not supported")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("jpegll: %s %w", fmt.Sprintf(format, args...), errUnsupported)
}

func (d *decoder) decode(dst, src []byte) error {
	if len(src) < 2 || src[0] != 0xFF || src[1] != soi {
		return corrupt("missing SOI marker at the start of the frame")
	}
	pos := 2
	for {
		sg, err := jpegbits.NextSegment(src, pos)
		if err != nil {
			return corrupt("%v", err)
		}
		m, seg := sg.Marker, sg.Data
		if m == eoi {
			break // EOI or the end of src (a missing EOI is tolerated)
		}
		pos = sg.Next
		switch {
		case m == sof3:
			err = d.parseSOF(seg)
		case m == dht:
			err = d.parseDHT(seg)
		case m == dri:
			if len(seg) != 2 {
				return corrupt("DRI segment has %d bytes, want 2", len(seg))
			}
			d.ri = int(binary.BigEndian.Uint16(seg))
		case m == sos:
			pos, err = d.parseSOS(seg, dst, src, pos)
		case m == sof0 || m == sof0+1 || m == sof0+2:
			return corrupt("frame is DCT-based (SOF%d), not lossless; the transfer syntax does not match the pixel data", m-sof0)
		case m >= sof0 && m <= 0xCF && m != dht && m != dac:
			return unsupported("JPEG process SOF%d (hierarchical or arithmetic coding) is", m-sof0)
		case m == dac:
			return unsupported("arithmetic coding (DAC) is")
		case m == dnl:
			return unsupported("DNL (number of lines after the scan) is")
		}
		if err != nil {
			return err
		}
	}
	if !d.sof {
		return corrupt("no SOF3 frame header")
	}
	for i := 0; i < d.nf; i++ {
		if !d.done[i] {
			return corrupt("no scan decodes component %d of %d", i+1, d.nf)
		}
	}
	return nil
}

func (d *decoder) parseSOF(seg []byte) error {
	if d.sof {
		return corrupt("second SOF3 frame header")
	}
	if len(seg) < 6 {
		return corrupt("SOF3 segment has %d bytes", len(seg))
	}
	p, y, x, nf := int(seg[0]), int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:])), int(seg[5])
	in := d.info
	switch {
	case p < 2 || p > 16:
		return corrupt("SOF3 precision %d is outside 2–16", p)
	case nf < 1 || nf > 4 || len(seg) != 6+3*nf:
		return corrupt("SOF3 declares %d components in %d bytes", nf, len(seg))
	case y == 0:
		return unsupported("SOF3 with 0 lines (height defined by DNL) is")
	case x != in.Columns || y != in.Rows:
		return fmt.Errorf("jpegll: SOF3 declares %d×%d, DICOM Columns×Rows %d×%d", x, y, in.Columns, in.Rows)
	case nf != in.SamplesPerPixel:
		return fmt.Errorf("jpegll: SOF3 declares %d components, DICOM Samples per Pixel %d", nf, in.SamplesPerPixel)
	case p > in.BitsAllocated:
		return fmt.Errorf("jpegll: SOF3 precision %d does not fit DICOM Bits Allocated %d", p, in.BitsAllocated)
	}
	for i := 0; i < nf; i++ {
		c := seg[6+3*i:]
		if c[1] != 0x11 {
			return unsupported("component %d sampling factors %d×%d (subsampling) are", i+1, c[1]>>4, c[1]&15)
		}
		for j := 0; j < i; j++ {
			if d.ids[j] == c[0] {
				return corrupt("SOF3 repeats component identifier %d", c[0])
			}
		}
		d.ids[i] = c[0]
	}
	d.sof = true
	d.prec, d.width, d.height, d.nf = p, x, y, nf
	return nil
}

func (d *decoder) parseDHT(seg []byte) error {
	for len(seg) > 0 {
		spec, rest, err := jpegbits.NextTable(seg)
		if err != nil {
			return corrupt("%v", err)
		}
		seg = rest
		if spec.Class == 1 {
			continue // AC tables are not used by lossless scans
		}
		if err := d.tabs[spec.ID].build(&spec); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) parseSOS(seg, dst, src []byte, pos int) (int, error) {
	if !d.sof {
		return 0, corrupt("SOS before SOF3")
	}
	if len(seg) < 1 {
		return 0, corrupt("empty SOS segment")
	}
	var s scan
	s.ns = int(seg[0])
	if s.ns < 1 || s.ns > d.nf || len(seg) != 4+2*s.ns {
		return 0, corrupt("SOS declares %d components in %d bytes (frame has %d)", s.ns, len(seg), d.nf)
	}
	for k := 0; k < s.ns; k++ {
		id, td := seg[1+2*k], seg[2+2*k]>>4
		ci := -1
		for i := 0; i < d.nf; i++ {
			if d.ids[i] == id {
				ci = i
			}
		}
		if ci < 0 {
			return 0, corrupt("SOS names component %d, not in the frame", id)
		}
		for j := 0; j < k; j++ {
			if s.comp[j] == ci {
				return 0, corrupt("SOS repeats component %d", id)
			}
		}
		if td > 3 || !d.tabs[td].defined {
			return 0, corrupt("SOS uses undefined Huffman table %d", td)
		}
		s.comp[k] = ci
		s.tab[k] = &d.tabs[td]
	}
	p := seg[1+2*s.ns:]
	s.pred, s.pt = int(p[0]), int(p[2]&15)
	if s.pred < 1 || s.pred > 7 {
		return 0, corrupt("predictor %d is outside 1–7", s.pred)
	}
	if s.pt >= d.prec {
		return 0, corrupt("point transform %d with precision %d", s.pt, d.prec)
	}
	s.inOrder = s.ns == d.nf
	for k := 0; k < s.ns; k++ {
		s.inOrder = s.inOrder && s.comp[k] == k
	}
	end := d.ecs.Unstuff(src, pos)
	if err := d.decodeScan(&s, dst); err != nil {
		return 0, err
	}
	for k := 0; k < s.ns; k++ {
		d.done[s.comp[k]] = true
	}
	return end, nil
}
