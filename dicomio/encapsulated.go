package dicomio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/limits"
)

// A fragment is one item of encapsulated Pixel Data.
type fragment struct {
	item   int64 // offset of the item tag
	offset int64 // offset of the data
	length int64
}

// walkFragments reads the item headers of encapsulated Pixel Data starting
// at off: the Basic Offset Table and then the fragments, until the sequence
// delimiter or the end of the data. A truncated last fragment is an error.
func walkFragments(ra io.ReaderAt, off, size int64, lim *limits.Limits) (bot []uint32, frags []fragment, err error) {
	var hdr [8]byte
	first := true
	for off+8 <= size {
		if _, err := ra.ReadAt(hdr[:], off); err != nil {
			return nil, nil, fmt.Errorf("reading fragment header at %d: %w", off, err)
		}
		t := NewTag(binary.LittleEndian.Uint16(hdr[:]), binary.LittleEndian.Uint16(hdr[2:]))
		n := int64(binary.LittleEndian.Uint32(hdr[4:]))
		if t == tagSequenceDelimitation {
			return bot, frags, nil
		}
		if t != tagItem {
			return nil, nil, formatErr("expected a fragment item at offset %d, found %v", off, t)
		}
		if n > size-off-8 {
			return nil, nil, formatErr("fragment at offset %d declares %d bytes but only %d remain", off, n, size-off-8)
		}
		if first {
			if n%4 != 0 {
				return nil, nil, formatErr("basic offset table length %d is not a multiple of 4", n)
			}
			if n/4 > int64(lim.MaxFragments) {
				return nil, nil, limits.LimitErr("basic offset table", fmt.Sprintf("has %d entries", n/4), "MaxFragments %d", lim.MaxFragments)
			}
			b := make([]byte, n)
			if _, err := ra.ReadAt(b, off+8); err != nil && n > 0 {
				return nil, nil, err
			}
			for i := 0; i+4 <= len(b); i += 4 {
				bot = append(bot, binary.LittleEndian.Uint32(b[i:]))
			}
			first = false
		} else {
			if len(frags) >= lim.MaxFragments {
				return nil, nil, limits.LimitErr("encapsulated pixel data", fmt.Sprintf("has more than %d fragments", lim.MaxFragments), "MaxFragments %d", lim.MaxFragments)
			}
			frags = append(frags, fragment{item: off, offset: off + 8, length: n})
		}
		off += 8 + n
	}
	if first {
		return nil, nil, FormatError("encapsulated pixel data has no items")
	}
	// Missing sequence delimiter: accept what is complete (common after
	// careless truncation at a fragment boundary).
	return bot, frags, nil
}

// assembleFrames groups fragments into frames: by the Extended Offset
// Table, by the Basic Offset Table, one fragment per frame, all fragments
// for a single frame, or, when none of these applies, by scanning for the
// codestream start marker at the beginning of each fragment.
func assembleFrames(ra io.ReaderAt, size int64, h *header, nframes int, ts string) ([][]fragment, error) {
	lim := h.lim
	if lim == nil {
		lim = &limits.Default
	}
	out, err := assembleFrames1(ra, size, h, nframes, ts, lim)
	if err != nil {
		return nil, err
	}
	for i, f := range out {
		if len(f) > lim.MaxFragmentsPerFrame {
			return nil, limits.LimitErr(fmt.Sprintf("frame %d", i+1), fmt.Sprintf("is made of %d fragments", len(f)), "MaxFragmentsPerFrame %d", lim.MaxFragmentsPerFrame)
		}
	}
	return out, nil
}

func assembleFrames1(ra io.ReaderAt, size int64, h *header, nframes int, ts string, lim *limits.Limits) ([][]fragment, error) {
	bot, frags, err := walkFragments(ra, h.pixel.offset, size, lim)
	if err != nil {
		return nil, err
	}
	if len(frags) == 0 {
		return nil, FormatError("encapsulated pixel data has no fragments")
	}
	base := frags[0].item // offsets are relative to the first item after the BOT
	byOffsets := func(offsets []int64) ([][]fragment, error) {
		out := make([][]fragment, len(offsets))
		k := 0
		for i, o := range offsets {
			end := int64(1<<62 - 1)
			if i+1 < len(offsets) {
				end = offsets[i+1]
			}
			if o < 0 || (i > 0 && o <= offsets[i-1]) {
				return nil, formatErr("offset table is not increasing at frame %d", i+1)
			}
			for k < len(frags) && frags[k].item-base < o {
				k++
			}
			if k == len(frags) || frags[k].item-base != o {
				return nil, formatErr("offset table entry %d (%d) does not point at a fragment", i+1, o)
			}
			for k < len(frags) && frags[k].item-base < end {
				out[i] = append(out[i], frags[k])
				k++
			}
		}
		return out, nil
	}
	if eot := h.ds.Bytes(TagExtendedOffsetTable); len(eot) >= 8*nframes && nframes > 0 {
		offs := make([]int64, nframes)
		for i := range offs {
			offs[i] = int64(binary.LittleEndian.Uint64(eot[8*i:]))
		}
		if out, err := byOffsets(offs); err == nil {
			return out, nil
		}
	}
	if len(bot) == nframes && nframes > 0 {
		offs := make([]int64, nframes)
		for i, v := range bot {
			offs[i] = int64(v)
		}
		if out, err := byOffsets(offs); err == nil {
			return out, nil
		}
	}
	if len(frags) == nframes {
		out := make([][]fragment, nframes)
		for i := range frags {
			out[i] = frags[i : i+1]
		}
		return out, nil
	}
	if nframes == 1 {
		return [][]fragment{frags}, nil
	}
	if len(frags) < nframes {
		// Fewer fragments than frames: some fragments hold several
		// codestreams. Split them where a codestream starts.
		return splitFragments(ra, frags, nframes, ts)
	}
	// More fragments than frames and no usable table: a new frame starts
	// at each fragment that begins with a codestream start marker.
	var out [][]fragment
	var head [4]byte
	for _, f := range frags {
		n, _ := ra.ReadAt(head[:min(4, int(f.length))], f.offset)
		if startsCodestream(head[:n], ts) || len(out) == 0 {
			out = append(out, []fragment{f})
		} else {
			out[len(out)-1] = append(out[len(out)-1], f)
		}
	}
	if len(out) != nframes {
		return nil, formatErr("found %d frames in %d fragments, header says %d", len(out), len(frags), nframes)
	}
	return out, nil
}

// splitFragments scans the fragments for codestream starts and cuts them
// into one span per codestream. It needs a marker that cannot occur inside
// entropy-coded data: JPEG and JPEG-LS SOI followed by a marker (0xFF is
// stuffed in JPEG data and followed by a byte < 0x80 in JPEG-LS data), and
// JPEG 2000 SOC followed by SIZ. RLE frames cannot share a fragment.
func splitFragments(ra io.ReaderAt, frags []fragment, nframes int, ts string) ([][]fragment, error) {
	var sig []byte
	switch {
	case ts == codec.RLELossless:
		return nil, formatErr("%d RLE frames in %d fragments", nframes, len(frags))
	case startsCodestream([]byte{0xFF, 0x4F, 0xFF, 0x51}, ts) && !startsCodestream([]byte{0xFF, 0xD8}, ts):
		sig = []byte{0xFF, 0x4F, 0xFF, 0x51}
	default:
		sig = []byte{0xFF, 0xD8, 0xFF}
	}
	// Scan the fragments as one stream, so that a signature cut by a
	// fragment boundary is still found.
	data := newConcat(ra, frags)
	starts, err := scanSignature(data, 0, data.size, sig)
	if err != nil {
		return nil, err
	}
	if len(starts) == 0 || starts[0] != 0 {
		starts = append([]int64{0}, starts...)
	}
	if len(starts) > nframes {
		return nil, formatErr("found %d codestreams in %d fragments, header says %d frames", len(starts), len(frags), nframes)
	}
	out := make([][]fragment, len(starts))
	for i, a := range starts {
		b := data.size
		if i+1 < len(starts) {
			b = starts[i+1]
		}
		out[i] = data.spans(a, b)
	}
	if len(out) != nframes {
		return nil, formatErr("found %d codestreams in %d fragments, header says %d frames", len(out), len(frags), nframes)
	}
	return out, nil
}

// concat presents fragments as one contiguous stream.
type concat struct {
	ra    io.ReaderAt
	frags []fragment
	start []int64 // stream offset of each fragment
	size  int64
}

func newConcat(ra io.ReaderAt, frags []fragment) *concat {
	c := &concat{ra: ra, frags: frags, start: make([]int64, len(frags))}
	for i, f := range frags {
		c.start[i] = c.size
		c.size += f.length
	}
	return c
}

// ReadAt reads stream bytes, crossing fragment boundaries.
func (c *concat) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for _, s := range c.spans(off, min(off+int64(len(p)), c.size)) {
		k, err := c.ra.ReadAt(p[n:n+int(s.length)], s.offset)
		n += k
		if err != nil && k < int(s.length) {
			return n, err
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// spans maps the stream range [a, b) to file ranges. It finds the first
// fragment by binary search and visits only the fragments the range
// covers, so that cutting a stream into frames is linear in the number of
// fragments, not quadratic.
func (c *concat) spans(a, b int64) []fragment {
	var out []fragment
	i := sort.Search(len(c.start), func(i int) bool { return c.start[i]+c.frags[i].length > a })
	for ; i < len(c.frags) && c.start[i] < b; i++ {
		f := c.frags[i]
		spanSteps.Add(1)
		lo, hi := max(a, c.start[i]), min(b, c.start[i]+f.length)
		if lo < hi {
			out = append(out, fragment{item: f.item, offset: f.offset + lo - c.start[i], length: hi - lo})
		}
	}
	return out
}

// spanSteps counts fragments visited by spans, so that a test can check
// the work is linear without timing it.
var spanSteps atomic.Int64

// scanSignature returns the offsets in [off, off+n) where sig occurs,
// reading in bounded chunks.
func scanSignature(ra io.ReaderAt, off, n int64, sig []byte) ([]int64, error) {
	const chunk = 1 << 20
	var out []int64
	buf := make([]byte, min(n, chunk+int64(len(sig))-1))
	for pos := int64(0); pos < n; pos += chunk {
		m := min(int64(len(buf)), n-pos)
		if k, err := ra.ReadAt(buf[:m], off+pos); int64(k) < m {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		b := buf[:m]
		for i := 0; i+len(sig) <= len(b) && int64(i) < chunk; {
			j := bytes.Index(b[i:], sig)
			if j < 0 || int64(i+j) >= chunk {
				break
			}
			out = append(out, off+pos+int64(i+j))
			i += j + 1
		}
	}
	return out, nil
}

// startsCodestream reports whether b begins a JPEG, JPEG-LS or JPEG 2000
// codestream.
func startsCodestream(b []byte, ts string) bool {
	switch ts {
	case codec.JPEG2000, codec.JPEG2000Lossless, "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93",
		"1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203":
		return bytes.HasPrefix(b, []byte{0xFF, 0x4F, 0xFF, 0x51}) || bytes.HasPrefix(b, []byte{0, 0, 0, 0x0C})
	case codec.RLELossless:
		return false
	}
	return bytes.HasPrefix(b, []byte{0xFF, 0xD8})
}

// readFragments returns the concatenated bytes of a frame's fragments,
// in a buffer from srcPool: put it back when done with it.
func readFragments(ra io.ReaderAt, frags []fragment, lim *limits.Limits) (*[]byte, error) {
	var n int64
	for _, f := range frags {
		n += f.length
	}
	if n > lim.MaxFrameBytes {
		return nil, limits.LimitErr("compressed frame", "of "+limits.Mib(n), "MaxFrameBytes %s", limits.Mib(lim.MaxFrameBytes))
	}
	bp := srcPool.Get().(*[]byte)
	if int64(cap(*bp)) < n {
		*bp = make([]byte, n)
	}
	buf := (*bp)[:n]
	var o int64
	for _, f := range frags {
		if k, err := ra.ReadAt(buf[o:o+f.length], f.offset); int64(k) < f.length {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			srcPool.Put(bp)
			return nil, err
		}
		o += f.length
	}
	*bp = buf
	return bp, nil
}

// srcPool recycles compressed-frame buffers: a cine run reads one per
// frame, and the decoders never keep them.
var srcPool = sync.Pool{New: func() any { return new([]byte) }}
