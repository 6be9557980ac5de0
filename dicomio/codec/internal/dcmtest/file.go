// Package dcmtest is test support for the decoders under dicomio/codec: it
// reads just enough of a DICOM Part 10 file (Explicit or Implicit VR Little
// Endian) to get the Image Pixel attributes, the native pixel bytes or the
// encapsulated fragments with the Basic Offset Table, and it finds the
// shared test data and the reference tools (DCMTK, GDCM).
//
// It is not a DICOM parser for the product: it knows only top-level
// elements, trusts nothing (every length is checked against the file) and
// stops at Pixel Data. Package dicomio has the real reader and frame
// reassembly.
package dcmtest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// File is the pixel-relevant part of a DICOM file.
type File struct {
	Info      codec.Info
	Frames    int      // NumberOfFrames, 1 when absent
	Native    []byte   // Pixel Data value of a native file
	Fragments [][]byte // encapsulated fragments, Basic Offset Table excluded
	Offsets   []uint32 // Basic Offset Table (empty when the table is empty)
	Truncated bool     // the encapsulated sequence had no delimiter

	// Rescale Slope and Intercept, 1 and 0 when absent.
	Slope, Intercept float64
}

const undefined = 0xFFFFFFFF

var errShort = errors.New("dcmtest: file ends inside an element")

// Read parses the file at path.
func Read(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Parse parses a DICOM Part 10 file held in b. The returned slices alias b.
func Parse(b []byte) (*File, error) {
	if len(b) < 132 || string(b[128:132]) != "DICM" {
		return nil, errors.New("dcmtest: no DICM preamble")
	}
	f := &File{Frames: 1, Slope: 1}
	p := &parser{b: b, off: 132, explicit: true}
	// File Meta Information: group 0002, always Explicit VR LE.
	for p.off+4 <= len(b) && binary.LittleEndian.Uint16(b[p.off:]) == 0x0002 {
		e, err := p.next()
		if err != nil {
			return nil, err
		}
		if e.tag == 0x00020010 {
			f.Info.TransferSyntax = str(e.val)
		}
	}
	switch f.Info.TransferSyntax {
	case codec.ImplicitVRLittleEndian:
		p.explicit = false
	case codec.ExplicitVRBigEndian, codec.DeflatedExplicitVRLittleEndian, "":
		return nil, fmt.Errorf("dcmtest: transfer syntax %q not handled", f.Info.TransferSyntax)
	}
	for p.off < len(b) {
		e, err := p.next()
		if err != nil {
			return nil, err
		}
		if e.tag == 0x7FE00010 {
			if e.length != undefined {
				f.Native = e.val
				return f, nil
			}
			return f, p.fragments(f)
		}
		if e.length == undefined {
			if err := p.skipSequence(!p.explicit || e.vr == "UN"); err != nil {
				return nil, err
			}
			continue
		}
		f.set(e)
	}
	return nil, errors.New("dcmtest: no Pixel Data")
}

func (f *File) set(e element) {
	us := func() int {
		if len(e.val) < 2 {
			return 0
		}
		return int(binary.LittleEndian.Uint16(e.val))
	}
	in := &f.Info
	switch e.tag {
	case 0x00280002:
		in.SamplesPerPixel = us()
	case 0x00280004:
		in.Photometric = str(e.val)
	case 0x00280006:
		in.PlanarConfiguration = us()
	case 0x00280008:
		if n, err := strconv.Atoi(str(e.val)); err == nil && n > 0 {
			f.Frames = n
		}
	case 0x00280010:
		in.Rows = us()
	case 0x00280011:
		in.Columns = us()
	case 0x00280100:
		in.BitsAllocated = us()
	case 0x00280101:
		in.BitsStored = us()
	case 0x00280103:
		in.PixelRepresentation = us()
	case 0x00281052:
		if v, err := strconv.ParseFloat(str(e.val), 64); err == nil {
			f.Intercept = v
		}
	case 0x00281053:
		if v, err := strconv.ParseFloat(str(e.val), 64); err == nil {
			f.Slope = v
		}
	}
}

func str(b []byte) string { return strings.Trim(string(b), " \x00") }

type element struct {
	tag    uint32
	vr     string
	length uint32
	val    []byte // nil when length is undefined
}

type parser struct {
	b        []byte
	off      int
	explicit bool
}

func (p *parser) need(n int) error {
	if n < 0 || p.off+n > len(p.b) {
		return errShort
	}
	return nil
}

func (p *parser) tag() uint32 {
	g := uint32(binary.LittleEndian.Uint16(p.b[p.off:]))
	e := uint32(binary.LittleEndian.Uint16(p.b[p.off+2:]))
	return g<<16 | e
}

// next reads one element header and, for a defined length, its value.
func (p *parser) next() (element, error) {
	if err := p.need(8); err != nil {
		return element{}, err
	}
	e := element{tag: p.tag()}
	group := e.tag >> 16
	if p.explicit && group != 0xFFFE {
		e.vr = string(p.b[p.off+4 : p.off+6])
		switch e.vr {
		case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV":
			if err := p.need(12); err != nil {
				return element{}, err
			}
			e.length = binary.LittleEndian.Uint32(p.b[p.off+8:])
			p.off += 12
		default:
			e.length = uint32(binary.LittleEndian.Uint16(p.b[p.off+6:]))
			p.off += 8
		}
	} else {
		e.length = binary.LittleEndian.Uint32(p.b[p.off+4:])
		p.off += 8
	}
	if e.length == undefined {
		return e, nil
	}
	if uint64(e.length) > uint64(len(p.b)-p.off) {
		return element{}, fmt.Errorf("dcmtest: element (%04X,%04X) length %d exceeds the file", e.tag>>16, e.tag&0xFFFF, e.length)
	}
	e.val = p.b[p.off : p.off+int(e.length)]
	p.off += int(e.length)
	return e, nil
}

// skipSequence skips the items of an undefined-length sequence up to and
// including its delimiter. implicit selects the VR encoding of the items.
func (p *parser) skipSequence(implicit bool) error {
	saved := p.explicit
	p.explicit = !implicit
	defer func() { p.explicit = saved }()
	for depth := 0; depth < 64; {
		e, err := p.next()
		if err != nil {
			return err
		}
		switch {
		case e.tag == 0xFFFEE0DD: // sequence delimiter
			return nil
		case e.tag == 0xFFFEE000 && e.length == undefined: // item of undefined length
			if err := p.skipItem(); err != nil {
				return err
			}
		case e.tag == 0xFFFEE000:
			// defined-length item: value already skipped
		default:
			return fmt.Errorf("dcmtest: unexpected (%04X,%04X) in sequence", e.tag>>16, e.tag&0xFFFF)
		}
	}
	return errors.New("dcmtest: sequences nested too deep")
}

func (p *parser) skipItem() error {
	for {
		e, err := p.next()
		if err != nil {
			return err
		}
		switch {
		case e.tag == 0xFFFEE00D:
			return nil
		case e.length == undefined:
			if err := p.skipSequence(!p.explicit || e.vr == "UN"); err != nil {
				return err
			}
		}
	}
}

// fragments reads the items of encapsulated Pixel Data.
func (p *parser) fragments(f *File) error {
	first := true
	for {
		if p.off+8 > len(p.b) {
			f.Truncated = true
			return nil
		}
		tag := p.tag()
		n := binary.LittleEndian.Uint32(p.b[p.off+4:])
		p.off += 8
		switch tag {
		case 0xFFFEE0DD:
			return nil
		case 0xFFFEE000:
		default:
			return fmt.Errorf("dcmtest: unexpected (%04X,%04X) in Pixel Data", tag>>16, tag&0xFFFF)
		}
		if n == undefined {
			return errors.New("dcmtest: fragment of undefined length")
		}
		if uint64(n) > uint64(len(p.b)-p.off) {
			// Keep what is there: the file is truncated.
			n = uint32(len(p.b) - p.off)
			f.Truncated = true
		}
		v := p.b[p.off : p.off+int(n)]
		p.off += int(n)
		if first {
			first = false
			for i := 0; i+4 <= len(v); i += 4 {
				f.Offsets = append(f.Offsets, binary.LittleEndian.Uint32(v[i:]))
			}
			continue
		}
		f.Fragments = append(f.Fragments, v)
		if f.Truncated {
			return nil
		}
	}
}

// Frame returns the bytes of frame i: a slice of the native pixel data, or
// the concatenated fragments of the frame's codestream. Encapsulated frames
// are found with the Basic Offset Table when present, else one fragment per
// frame when the counts agree, else all fragments for a single frame, else by
// starting a frame at each fragment that begins a JPEG or J2K codestream.
func (f *File) Frame(i int) ([]byte, error) {
	if i < 0 || i >= f.Frames {
		return nil, fmt.Errorf("dcmtest: frame %d of %d", i, f.Frames)
	}
	if f.Native != nil {
		n, err := f.Info.FrameBytes()
		if err != nil {
			return nil, err
		}
		if (i+1)*n > len(f.Native) {
			return nil, fmt.Errorf("dcmtest: native pixel data has %d bytes, frame %d needs %d", len(f.Native), i, (i+1)*n)
		}
		return f.Native[i*n : (i+1)*n], nil
	}
	groups, err := f.frameFragments()
	if err != nil {
		return nil, err
	}
	if i >= len(groups) {
		return nil, fmt.Errorf("dcmtest: frame %d not found among %d", i, len(groups))
	}
	return bytes.Join(groups[i], nil), nil
}

func (f *File) frameFragments() ([][][]byte, error) {
	switch {
	case len(f.Offsets) > 0:
		var groups [][][]byte
		pos := uint32(0)
		for _, frag := range f.Fragments {
			for len(groups) < len(f.Offsets) && f.Offsets[len(groups)] == pos {
				groups = append(groups, nil)
			}
			if len(groups) == 0 {
				return nil, errors.New("dcmtest: Basic Offset Table does not start at 0")
			}
			g := len(groups) - 1
			groups[g] = append(groups[g], frag)
			pos += 8 + uint32(len(frag))
		}
		return groups, nil
	case len(f.Fragments) == f.Frames:
		groups := make([][][]byte, len(f.Fragments))
		for i, frag := range f.Fragments {
			groups[i] = [][]byte{frag}
		}
		return groups, nil
	case f.Frames == 1:
		return [][][]byte{f.Fragments}, nil
	}
	var groups [][][]byte
	for _, frag := range f.Fragments {
		start := bytes.HasPrefix(frag, []byte{0xFF, 0xD8}) || bytes.HasPrefix(frag, []byte{0xFF, 0x4F, 0xFF, 0x51})
		if start || len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], frag)
	}
	return groups, nil
}
