package dicomio

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/hsgview/hsgview/dicomio/charset"
	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/limits"
)

// Fixed parser constants; the budget is in [Limits].
const (
	maxHeldValue   = 4 << 20 // larger values are recorded by offset only
	headerWindow   = 64 << 10
	undefinedLen   = 0xFFFFFFFF
	maxMetaLength  = 1 << 20
	preambleLength = 128
)

// pixelInfo locates the top-level Pixel Data element.
type pixelInfo struct {
	present   bool
	tag       Tag
	vr        string
	offset    int64 // start of the value (first item header when encapsulated)
	length    int64 // -1 when encapsulated (undefined length)
	truncated bool  // the file ends before the declared length
}

// header is the result of reading a file up to its Pixel Data.
type header struct {
	meta     *DataSet
	ds       *DataSet
	ts       string
	explicit bool
	bo       binary.ByteOrder
	pixel    pixelInfo
	hasMeta  bool
	deflated bool
	size     int64 // size of the (inflated) data stream
	// inflated is set for deflated files: the inflated data set (kept
	// once, on disk), which pixel offsets refer to.
	inflated *inflated
	lim      *limits.Limits
}

// window reads an io.ReaderAt through one sliding buffer, so that a header
// scan costs a few small reads whatever the file size.
type window struct {
	ra    io.ReaderAt
	size  int64
	start int64
	buf   []byte
}

// at returns n bytes at off. The slice is valid until the next call.
func (w *window) at(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+int64(n) > w.size {
		return nil, io.ErrUnexpectedEOF
	}
	if off >= w.start && off+int64(n) <= w.start+int64(len(w.buf)) {
		return w.buf[off-w.start : off-w.start+int64(n)], nil
	}
	want := max(n, headerWindow)
	if rest := w.size - off; int64(want) > rest {
		want = int(rest)
	}
	if cap(w.buf) < want {
		w.buf = make([]byte, want)
	}
	w.buf = w.buf[:want]
	k, err := w.ra.ReadAt(w.buf, off)
	if k < n {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		w.start, w.buf = 0, w.buf[:0]
		return nil, err
	}
	w.start, w.buf = off, w.buf[:k]
	return w.buf[:n], nil
}

// parser walks a data set with bounds checks on every length.
type parser struct {
	w        *window
	bo       binary.ByteOrder
	explicit bool
	nelems   int
	cs       *charset.Charset
	lim      *limits.Limits
}

// FormatError reports that the input is not valid DICOM.
type FormatError string

func (e FormatError) Error() string { return "invalid DICOM: " + string(e) }

func formatErr(format string, args ...any) error { return FormatError(fmt.Sprintf(format, args...)) }

var errNotDICOM = FormatError("not a DICOM file (no DICM prefix and no recognisable data set)")

// readHeaderLimits parses the file meta information and the data set up
// to the top-level Pixel Data, without reading pixel bytes, within a
// budget; a deflated data set is
// inflated into sp (the process-wide spill when nil).
func readHeaderLimits(ra io.ReaderAt, size int64, lim *limits.Limits, sp *spill, name string) (h *header, err error) {
	defer func() {
		if r := recover(); r != nil {
			h, err = nil, formatErr("parser failure: %v", r)
		}
	}()
	w := &window{ra: ra, size: size}
	h = &header{lim: lim}
	start := int64(0)
	var metaErr error // why the meta group after a DICM prefix was unreadable
	if b, err := w.at(preambleLength, 4); err == nil && string(b) == "DICM" {
		meta, end, err := readMeta(w, preambleLength+4)
		if err == nil {
			h.meta, h.hasMeta, start = meta, true, end
		} else {
			metaErr = err
		}
		// A DICM at 128 that is not followed by a valid meta group is a
		// coincidence in a headerless file; fall through to detection.
	}
	if !h.hasMeta {
		// Some writers omit the preamble but keep the meta group.
		if b, err := w.at(0, 8); err == nil && binary.LittleEndian.Uint16(b) == 0x0002 && validVR(b[4:6]) {
			if meta, end, err := readMeta(w, 0); err == nil {
				h.meta, h.hasMeta, start = meta, true, end
			}
		}
	}
	if h.hasMeta {
		h.ts = CleanUID(h.meta.String(tagTransferSyntaxUID))
	}
	if h.ts == "" {
		ts, ok := guessSyntax(w, start)
		if !ok {
			if h.hasMeta {
				return nil, FormatError("file meta has no transfer syntax and the data set is not recognisable")
			}
			if metaErr != nil {
				reason := metaErr.Error()
				var fe FormatError
				if errors.As(metaErr, &fe) {
					reason = string(fe)
				}
				return nil, formatErr("DICM prefix present but the file meta information is unreadable: %s", reason)
			}
			return nil, errNotDICOM
		}
		h.ts = ts
	}
	switch h.ts {
	case codec.ImplicitVRLittleEndian:
		h.bo, h.explicit = binary.LittleEndian, false
	case codec.ExplicitVRBigEndian:
		h.bo, h.explicit = binary.BigEndian, true
	default:
		// Every other syntax, including all compressed ones, encodes the
		// data set as Explicit VR Little Endian.
		h.bo, h.explicit = binary.LittleEndian, true
	}
	if h.ts == codec.DeflatedExplicitVRLittleEndian {
		x, n, err := inflate(ra, start, size, lim, sp, name)
		if err != nil {
			return nil, err
		}
		h.deflated, h.inflated = true, x
		w = &window{ra: x, size: n}
		start, size = 0, n
	}
	h.size = size
	p := &parser{w: w, bo: h.bo, explicit: h.explicit, lim: lim}
	ds, _, err := p.dataSet(start, size, false, 0, &h.pixel)
	if err != nil {
		return nil, err
	}
	h.ds = ds
	return h, nil
}

// readMeta reads the group 0002 elements (always Explicit VR Little Endian).
func readMeta(w *window, off int64) (*DataSet, int64, error) {
	p := &parser{w: w, bo: binary.LittleEndian, explicit: true, lim: &limits.Default}
	ds := &DataSet{bo: binary.LittleEndian}
	end := w.size
	for off < end {
		b, err := w.at(off, 8)
		if err != nil {
			break
		}
		if binary.LittleEndian.Uint16(b) != 0x0002 {
			break
		}
		e, next, err := p.element(off, end, 0)
		if err != nil {
			return nil, 0, err
		}
		ds.elems = append(ds.elems, e)
		if e.Tag == tagFileMetaGroupLength && len(e.value) == 4 {
			n := int64(binary.LittleEndian.Uint32(e.value))
			if n > 0 && n < maxMetaLength && next+n <= w.size {
				end = next + n
			}
		}
		off = next
	}
	if len(ds.elems) == 0 {
		return nil, 0, FormatError("empty file meta information")
	}
	ds.sorted = isSorted(ds.elems)
	return ds, off, nil
}

// guessSyntax inspects the first element of a data set that has no meta
// transfer syntax: Explicit VR (little or big endian) if a VR follows the
// tag, otherwise Implicit VR Little Endian.
func guessSyntax(w *window, off int64) (string, bool) {
	b, err := w.at(off, 8)
	if err != nil {
		return "", false
	}
	gLE := binary.LittleEndian.Uint16(b)
	gBE := binary.BigEndian.Uint16(b)
	plausible := func(g uint16) bool { return g >= 0x0002 && g <= 0x0010 || g == 0x0028 || g == 0x0020 || g == 0x0018 }
	switch {
	case validVR(b[4:6]) && plausible(gLE):
		return codec.ExplicitVRLittleEndian, true
	case validVR(b[4:6]) && plausible(gBE):
		return codec.ExplicitVRBigEndian, true
	case plausible(gLE) && int64(binary.LittleEndian.Uint32(b[4:])) <= w.size-off-8:
		return codec.ImplicitVRLittleEndian, true
	}
	return "", false
}

func validVR(b []byte) bool {
	return len(b) == 2 && b[0] >= 'A' && b[0] <= 'Z' && b[1] >= 'A' && b[1] <= 'Z'
}

func longVR(vr string) bool {
	switch vr {
	case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV":
		return true
	}
	return false
}

// inflate decompresses a Deflated Explicit VR Little Endian data set into
// a spill store, streaming, refusing output beyond the budget (its size
// times MaxRatio, at least RatioFloor, at most MaxInflatedBytes). It never
// holds the inflated data in memory.
func inflate(ra io.ReaderAt, off, size int64, lim *limits.Limits, sp *spill, name string) (*inflated, int64, error) {
	if sp == nil {
		sp = processSpill()
	}
	limit := lim.InflateBudget(size - off)
	desc := fmt.Sprintf("MaxRatio %d × %s compressed, RatioFloor %s, MaxInflatedBytes %s",
		lim.MaxRatio, limits.Mib(size-off), limits.Mib(lim.RatioFloor), limits.Mib(lim.MaxInflatedBytes))
	x := newInflated(sp, name, limit, "deflated data set", desc, func() (io.ReadCloser, error) {
		return flate.NewReader(io.NewSectionReader(ra, off, size-off)), nil
	})
	n, err := x.Size()
	if err != nil {
		var le *limits.LimitError
		if errors.As(err, &le) {
			return nil, 0, err
		}
		return nil, 0, formatErr("deflated data set: %v", err)
	}
	return x, n, nil
}

// dataSet reads elements from off until end (defined length) or until an
// Item Delimitation (undefined length). At depth 0 it stops at Pixel Data,
// recording its position in px.
func (p *parser) dataSet(off, end int64, undefined bool, depth int, px *pixelInfo) (*DataSet, int64, error) {
	if depth > p.lim.MaxDepth {
		return nil, 0, limits.LimitErr("data set", fmt.Sprintf("has sequences nested deeper than %d levels", p.lim.MaxDepth), "MaxDepth %d", p.lim.MaxDepth)
	}
	ds := &DataSet{bo: p.bo}
	saved := p.cs // items inherit the character set but may set their own
	defer func() { p.cs = saved }()
	for off < end {
		if depth == 0 && end-off < 8 {
			break // trailing padding shorter than an element header
		}
		b, err := p.w.at(off, 8)
		if err != nil {
			return nil, 0, formatErr("element header at offset %d runs past the end of the data", off)
		}
		t := NewTag(p.bo.Uint16(b), p.bo.Uint16(b[2:]))
		if t == tagItemDelimitation {
			if !undefined {
				return nil, 0, formatErr("unexpected item delimiter at offset %d", off)
			}
			off += 8
			ds.sorted, ds.charset = isSorted(ds.elems), p.cs
			return ds, off, nil
		}
		if depth == 0 && (t == TagPixelData || t == TagFloatPixelData || t == TagDoubleFloatPixelData) {
			if err := p.pixelData(off, end, t, px); err != nil {
				return nil, 0, err
			}
			break
		}
		if depth == 0 && t.Group() == 0xFFFC {
			break // Data Set Trailing Padding
		}
		e, next, err := p.element(off, end, depth)
		if err != nil {
			return nil, 0, err
		}
		ds.elems = append(ds.elems, e)
		if e.Tag == TagSpecificCharacterSet {
			p.cs = charset.ParseCharset(ds.Strings(TagSpecificCharacterSet))
		}
		off = next
	}
	if undefined {
		return nil, 0, formatErr("item without delimiter at offset %d", off)
	}
	ds.sorted, ds.charset = isSorted(ds.elems), p.cs
	return ds, off, nil
}

// element reads one element at off.
func (p *parser) element(off, end int64, depth int) (Element, int64, error) {
	p.nelems++
	if p.nelems > p.lim.MaxElements {
		return Element{}, 0, limits.LimitErr("data set", fmt.Sprintf("has more than %d elements", p.lim.MaxElements), "MaxElements %d", p.lim.MaxElements)
	}
	b, err := p.w.at(off, 8)
	if err != nil {
		return Element{}, 0, formatErr("element header at offset %d runs past the end of the data", off)
	}
	t := NewTag(p.bo.Uint16(b), p.bo.Uint16(b[2:]))
	var vr string
	var length uint32
	hdr := int64(8)
	if p.explicit && t.Group() != 0xFFFE && validVR(b[4:6]) {
		vr = string(b[4:6])
		if longVR(vr) {
			b12, err := p.w.at(off, 12)
			if err != nil {
				return Element{}, 0, formatErr("element %v header runs past the end of the data", t)
			}
			length = p.bo.Uint32(b12[8:])
			hdr = 12
		} else {
			length = uint32(p.bo.Uint16(b[6:]))
		}
	} else {
		// Implicit VR, or an explicit file that switched to implicit
		// (seen in the wild): take the VR from the dictionary.
		vr = dictVR(t)
		length = p.bo.Uint32(b[4:])
	}
	e := Element{Tag: t, VR: vr, Offset: off + hdr, Length: int64(length)}
	voff := off + hdr
	if length == undefinedLen {
		e.Length = -1
		switch {
		case vr == "SQ" || vr == "UN" || dictVR(t) == "SQ":
			// UN with undefined length is a sequence encoded in
			// Implicit VR Little Endian (PS3.5 §6.2.2).
			sub := p
			if vr == "UN" && p.explicit {
				sub = &parser{w: p.w, bo: binary.LittleEndian, explicit: false, nelems: p.nelems, cs: p.cs, lim: p.lim}
			}
			items, next, err := sub.sequence(voff, end, true, depth+1)
			p.nelems = sub.nelems
			if err != nil {
				return Element{}, 0, fmt.Errorf("in %v: %w", t, err)
			}
			e.VR, e.items = "SQ", items
			return e, next, nil
		case t == TagPixelData:
			next, err := p.skipFragments(voff, end)
			return e, next, err
		default:
			return Element{}, 0, formatErr("element %v (%s) has undefined length", t, vr)
		}
	}
	if int64(length) > end-voff {
		return Element{}, 0, formatErr("element %v declares %d bytes but only %d remain", t, length, max(end-voff, 0))
	}
	next := voff + int64(length)
	if vr == "SQ" || (vr == "UN" && dictVR(t) == "SQ") {
		sub := p
		if vr == "UN" {
			sub = &parser{w: p.w, bo: binary.LittleEndian, explicit: false, nelems: p.nelems, cs: p.cs, lim: p.lim}
		}
		items, _, err := sub.sequence(voff, next, false, depth+1)
		p.nelems = sub.nelems
		if err != nil {
			if vr == "UN" {
				// Not a sequence after all: keep the bytes.
				goto value
			}
			return Element{}, 0, fmt.Errorf("in %v: %w", t, err)
		}
		e.VR, e.items = "SQ", items
		return e, next, nil
	}
value:
	if length <= maxHeldValue {
		v, err := p.w.at(voff, int(length))
		if err != nil {
			return Element{}, 0, formatErr("element %v value runs past the end of the data", t)
		}
		e.value = bytes.Clone(v)
		if e.value == nil {
			e.value = []byte{}
		}
	}
	return e, next, nil
}

// sequence reads the items of a sequence.
func (p *parser) sequence(off, end int64, undefined bool, depth int) ([]*DataSet, int64, error) {
	var items []*DataSet
	for {
		if !undefined && off >= end {
			return items, off, nil
		}
		b, err := p.w.at(off, 8)
		if err != nil || off+8 > end {
			return nil, 0, formatErr("sequence runs past the end of the data at offset %d", off)
		}
		t := NewTag(p.bo.Uint16(b), p.bo.Uint16(b[2:]))
		length := p.bo.Uint32(b[4:])
		off += 8
		switch t {
		case tagSequenceDelimitation:
			if !undefined {
				return nil, 0, formatErr("unexpected sequence delimiter at offset %d", off-8)
			}
			return items, off, nil
		case tagItem:
		default:
			return nil, 0, formatErr("expected an item, found %v at offset %d", t, off-8)
		}
		var item *DataSet
		if length == undefinedLen {
			item, off, err = p.dataSet(off, end, true, depth, nil)
		} else {
			n := int64(length)
			if n > end-off {
				// An item longer than what is left of its sequence: parse
				// what is there (writers that drop elements without fixing
				// item lengths); its elements are still bounds-checked.
				n = end - off
			}
			item, _, err = p.dataSet(off, off+n, false, depth, nil)
			off += n
		}
		if err != nil {
			return nil, 0, err
		}
		items = append(items, item)
	}
}

// skipFragments walks the items of an encapsulated value and returns the
// offset after its sequence delimiter.
func (p *parser) skipFragments(off, end int64) (int64, error) {
	for off < end {
		b, err := p.w.at(off, 8)
		if err != nil {
			break
		}
		t := NewTag(p.bo.Uint16(b), p.bo.Uint16(b[2:]))
		n := int64(p.bo.Uint32(b[4:]))
		off += 8
		if t == tagSequenceDelimitation {
			return off, nil
		}
		if t != tagItem || n > end-off {
			break
		}
		off += n
	}
	return 0, formatErr("encapsulated value without sequence delimiter")
}

// pixelData records the top-level Pixel Data element at off.
func (p *parser) pixelData(off, end int64, t Tag, px *pixelInfo) error {
	if px == nil {
		return nil
	}
	hdr := int64(8)
	b, err := p.w.at(off, 8)
	if err != nil {
		return formatErr("pixel data header runs past the end of the data")
	}
	vr := "OW"
	var length uint32
	if p.explicit && validVR(b[4:6]) {
		vr = string(b[4:6])
		b12, err := p.w.at(off, 12)
		if err != nil {
			return formatErr("pixel data header runs past the end of the data")
		}
		length, hdr = p.bo.Uint32(b12[8:]), 12
	} else {
		length = p.bo.Uint32(b[4:])
	}
	*px = pixelInfo{present: true, tag: t, vr: vr, offset: off + hdr, length: int64(length)}
	if length == undefinedLen {
		px.length = -1
		return nil
	}
	if int64(length) > end-(off+hdr) {
		px.truncated = true
	}
	return nil
}

// available returns the number of pixel data bytes present in the file.
func (h *header) available() int64 { return max(h.size-h.pixel.offset, 0) }

func isSorted(e []Element) bool {
	for i := 1; i < len(e); i++ {
		if e[i].Tag <= e[i-1].Tag {
			return false
		}
	}
	return true
}

func CleanUID(s string) string {
	for len(s) > 0 && (s[len(s)-1] == 0 || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}
