package dicomio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"unsafe"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// A Frame is one decoded frame: samples little-endian, Bits wide,
// colour-by-pixel, raw stored values (BitsStored masking, sign extension
// and rescale happen in the [Pipeline]).
//
// A Frame is never modified after it is returned; it may be shared.
type Frame struct {
	Index       int // 0-based
	Rows        int
	Columns     int
	Samples     int
	Bits        int    // 8, 16 or 32
	Photometric string // after decoding: a codec may have converted YBR to RGB
	Data        []byte
}

// Uint16 returns the samples of a 16-bit frame without copying.
func (f *Frame) Uint16() []uint16 {
	if f.Bits != 16 || len(f.Data) < 2 {
		return nil
	}
	return unsafe.Slice((*uint16)(unsafe.Pointer(&f.Data[0])), len(f.Data)/2)
}

// Uint32 returns the samples of a 32-bit frame without copying.
func (f *Frame) Uint32() []uint32 {
	if f.Bits != 32 || len(f.Data) < 4 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&f.Data[0])), len(f.Data)/4)
}

// pixelState is what an instance learns on first pixel access.
type pixelState struct {
	fragOnce sync.Once
	frames   [][]fragment // encapsulated: the fragments of each frame
	fragErr  error
}

// Frame decodes frame i (0-based). It reads only the bytes of that frame.
// Frame is safe for concurrent use.
func (in *Instance) Frame(i int) (*Frame, error) {
	if !in.HasPixels {
		return nil, fmt.Errorf("%s: no pixel data", in.Path)
	}
	if i < 0 || i >= in.Pixel.Frames {
		return nil, fmt.Errorf("%s: frame %d out of range 1..%d", in.Path, i+1, in.Pixel.Frames)
	}
	if !in.Decodable {
		return nil, fmt.Errorf("%s: %s", in.Path, in.Problem)
	}
	ra, size, c, err := in.open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	defer c.Close()
	var f *Frame
	if in.header.pixel.length >= 0 {
		f, err = in.nativeFrame(ra, size, i, nil)
	} else {
		f, err = in.encapsulatedFrame(ra, size, i, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: frame %d: %w", in.Path, i+1, err)
	}
	return f, nil
}

// open returns the data stream pixel offsets refer to: the file, or for a
// deflated data set its inflated copy, kept since the header was read.
func (in *Instance) open() (io.ReaderAt, int64, io.Closer, error) {
	if !in.header.deflated {
		return in.src.open()
	}
	return in.header.inflated, in.header.size, io.NopCloser(nil), nil
}

// AvailableFrames returns how many frames are present in full: fewer than
// Pixel.Frames when native pixel data is truncated.
func (in *Instance) AvailableFrames() int {
	px := in.header.pixel
	if !in.HasPixels || px.length < 0 {
		return in.Pixel.Frames
	}
	have := px.length
	if px.truncated {
		have = in.header.available()
	}
	fb := in.nativeFrameBits()
	if fb == 0 {
		return 0
	}
	return int(min(int64(in.Pixel.Frames), have*8/fb))
}

// nativeFrame reads frame i of uncompressed pixel data. buf, if large
// enough, receives the samples.
func (in *Instance) nativeFrame(ra io.ReaderAt, size int64, i int, buf []byte) (*Frame, error) {
	p := in.Pixel
	px := in.header.pixel
	if i >= in.AvailableFrames() {
		return nil, errors.New("pixel data truncated before this frame")
	}
	info := in.codecInfo()
	n, err := info.FrameBytes()
	if err != nil {
		return nil, err
	}
	f := &Frame{Index: i, Rows: p.Rows, Columns: p.Columns, Samples: p.SamplesPerPixel,
		Bits: info.BitsAllocated, Photometric: p.Photometric}
	if cap(buf) >= n {
		f.Data = buf[:n]
	} else {
		f.Data = make([]byte, n)
	}
	fb := in.nativeFrameBits()
	start := px.offset + fb*int64(i)/8
	switch {
	case p.BitsAllocated == 1:
		return f, readBits(ra, px.offset, fb*int64(i), f.Data)
	case p.Photometric == "YBR_FULL_422" && p.SamplesPerPixel == 3:
		raw := make([]byte, fb/8)
		if _, err := ra.ReadAt(raw, start); err != nil && !(errors.Is(err, io.EOF) && len(raw) > 0) {
			return nil, err
		}
		expand422(f.Data, raw, p.BitsAllocated)
		f.Photometric = "YBR_FULL"
		return f, nil
	}
	if k, err := ra.ReadAt(f.Data, start); k < len(f.Data) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if in.header.bo == binary.BigEndian {
		swapOrder(f.Data, p.BitsAllocated, px.vr)
	}
	if p.SamplesPerPixel == 3 && p.PlanarConfiguration == 1 {
		f.Data = interleave(f.Data, p.Rows*p.Columns, p.BitsAllocated/8)
	}
	return f, nil
}

// readBits unpacks a 1-bit frame starting at bit offset bit (LSB first,
// PS3.5 §8.1.1) into one byte per sample.
func readBits(ra io.ReaderAt, off, bit int64, dst []byte) error {
	first := bit / 8
	last := (bit + int64(len(dst)) + 7) / 8
	raw := make([]byte, last-first)
	if k, err := ra.ReadAt(raw, off+first); k < len(raw) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	shift := bit % 8
	for i := range dst {
		b := int64(i) + shift
		dst[i] = raw[b/8] >> (b % 8) & 1
	}
	return nil
}

// swapOrder converts big-endian words to little-endian in place. An OW
// value is a sequence of 16-bit words whatever Bits Allocated says, so
// 8-bit samples in OW are swapped pairwise too.
func swapOrder(b []byte, bitsAllocated int, vr string) {
	switch {
	case bitsAllocated == 32:
		for i := 0; i+4 <= len(b); i += 4 {
			b[i], b[i+1], b[i+2], b[i+3] = b[i+3], b[i+2], b[i+1], b[i]
		}
	case bitsAllocated == 16 || vr == "OW":
		for i := 0; i+2 <= len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
}

// interleave turns colour-by-plane samples into colour-by-pixel.
func interleave(b []byte, pixels, bytesPerSample int) []byte {
	out := make([]byte, len(b))
	plane := pixels * bytesPerSample
	for px := 0; px < pixels; px++ {
		for s := 0; s < 3; s++ {
			copy(out[(px*3+s)*bytesPerSample:], b[s*plane+px*bytesPerSample:s*plane+(px+1)*bytesPerSample])
		}
	}
	return out
}

// expand422 turns YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair) into full
// YBR samples per pixel.
func expand422(dst, src []byte, bitsAllocated int) {
	if bitsAllocated != 8 {
		return
	}
	for i, o := 0, 0; i+4 <= len(src) && o+6 <= len(dst); i, o = i+4, o+6 {
		y1, y2, cb, cr := src[i], src[i+1], src[i+2], src[i+3]
		dst[o], dst[o+1], dst[o+2] = y1, cb, cr
		dst[o+3], dst[o+4], dst[o+5] = y2, cb, cr
	}
}

// encapsulatedFrame decodes frame i of compressed pixel data.
func (in *Instance) encapsulatedFrame(ra io.ReaderAt, size int64, i int, buf []byte) (*Frame, error) {
	frames, err := in.frameFragments(ra, size)
	if err != nil {
		return nil, err
	}
	if i >= len(frames) {
		return nil, fmt.Errorf("only %d frames in the encapsulated pixel data", len(frames))
	}
	src, err := readFragments(ra, frames[i], in.limits())
	if err != nil {
		return nil, err
	}
	defer srcPool.Put(src)
	if err := in.checkSource(len(*src)); err != nil {
		return nil, err
	}
	info := in.codecInfo()
	n, err := info.FrameBytes()
	if err != nil {
		return nil, err
	}
	f := &Frame{Index: i, Rows: in.Pixel.Rows, Columns: in.Pixel.Columns, Samples: in.Pixel.SamplesPerPixel, Bits: info.BitsAllocated}
	if cap(buf) >= n {
		f.Data = buf[:n]
	} else {
		f.Data = make([]byte, n)
	}
	res, err := codec.Decode(f.Data, *src, info)
	if err != nil {
		return nil, err
	}
	f.Photometric = res.Photometric
	return f, nil
}

// frameFragments computes, once per instance, which fragments make up
// each frame.
func (in *Instance) frameFragments(ra io.ReaderAt, size int64) ([][]fragment, error) {
	st := in.px
	st.fragOnce.Do(func() {
		st.frames, st.fragErr = assembleFrames(ra, size, in.header, in.Pixel.Frames, in.TransferSyntax)
	})
	return st.frames, st.fragErr
}
