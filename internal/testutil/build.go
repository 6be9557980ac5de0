package testutil

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
)

// Spec describes a DICOM file built in memory by Build, for tests that
// need hostile or synthetic files without a reference tool: Explicit VR
// Little Endian (or deflated, or an encapsulated syntax), an RF image.
type Spec struct {
	TS            string // transfer syntax (default Explicit VR Little Endian)
	SOPInstance   string
	PatientName   string
	Rows, Columns int
	Frames        int // 0: no Number of Frames
	Bits          int // Bits Allocated (default 16)
	// Pixel data: native bytes, or, when Fragments is set, encapsulated
	// fragments after an empty Basic Offset Table, or PixelLen bytes of
	// zeros (streamed, for very large frames).
	Pixels    []byte
	Fragments [][]byte
	PixelLen  int64
}

// Deflated is the Deflated Explicit VR Little Endian transfer syntax.
const Deflated = "1.2.840.10008.1.2.1.99"

type dw struct{ w io.Writer }

func (d dw) el(g, e uint16, vr string, v []byte) {
	binary.Write(d.w, binary.LittleEndian, [2]uint16{g, e})
	io.WriteString(d.w, vr)
	switch vr {
	case "OB", "OW", "SQ", "UN", "UT":
		d.w.Write([]byte{0, 0})
		binary.Write(d.w, binary.LittleEndian, uint32(len(v)))
	default:
		binary.Write(d.w, binary.LittleEndian, uint16(len(v)))
	}
	d.w.Write(v)
}

func pad(s string, c byte) []byte {
	if len(s)%2 == 1 {
		s += string(c)
	}
	return []byte(s)
}

func us(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }

// WriteDICOM writes the file described by s to w.
func WriteDICOM(w io.Writer, s Spec) error {
	if s.TS == "" {
		s.TS = "1.2.840.10008.1.2.1"
	}
	if s.SOPInstance == "" {
		s.SOPInstance = "2.25.1001"
	}
	if s.Bits == 0 {
		s.Bits = 16
	}
	if s.Rows == 0 {
		s.Rows, s.Columns = 8, 8
	}
	if s.PatientName == "" {
		s.PatientName = "Test^Patient"
	}
	const sop = "1.2.840.10008.5.1.4.1.1.12.2"
	w.Write(make([]byte, 128))
	io.WriteString(w, "DICM")
	var meta bytes.Buffer
	m := dw{&meta}
	m.el(2, 2, "UI", pad(sop, 0))
	m.el(2, 3, "UI", pad(s.SOPInstance, 0))
	m.el(2, 0x10, "UI", pad(s.TS, 0))
	dw{w}.el(2, 0, "UL", binary.LittleEndian.AppendUint32(nil, uint32(meta.Len())))
	w.Write(meta.Bytes())
	out := w
	var fw *flate.Writer
	if s.TS == Deflated {
		fw, _ = flate.NewWriter(w, flate.BestSpeed)
		out = fw
	}
	d := dw{out}
	d.el(8, 0x16, "UI", pad(sop, 0))
	d.el(8, 0x18, "UI", pad(s.SOPInstance, 0))
	d.el(8, 0x60, "CS", pad("RF", ' '))
	d.el(0x10, 0x10, "PN", pad(s.PatientName, ' '))
	d.el(0x10, 0x20, "LO", pad("HOSTILE01", ' '))
	d.el(0x20, 0x0d, "UI", pad("2.25.77", 0))
	d.el(0x20, 0x0e, "UI", pad("2.25.78", 0))
	d.el(0x28, 2, "US", us(1))
	d.el(0x28, 4, "CS", pad("MONOCHROME2", ' '))
	if s.Frames > 0 {
		d.el(0x28, 8, "IS", pad(strconv.Itoa(s.Frames), ' '))
	}
	d.el(0x28, 0x10, "US", us(s.Rows))
	d.el(0x28, 0x11, "US", us(s.Columns))
	d.el(0x28, 0x100, "US", us(s.Bits))
	d.el(0x28, 0x101, "US", us(s.Bits))
	d.el(0x28, 0x102, "US", us(s.Bits-1))
	d.el(0x28, 0x103, "US", us(0))
	switch {
	case s.Fragments != nil:
		out.Write([]byte{0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF})
		item := func(b []byte) {
			binary.Write(out, binary.LittleEndian, [2]uint16{0xFFFE, 0xE000})
			binary.Write(out, binary.LittleEndian, uint32(len(b)))
			out.Write(b)
		}
		item(nil)
		for _, f := range s.Fragments {
			if len(f)%2 == 1 {
				f = append(f[:len(f):len(f)], 0)
			}
			item(f)
		}
		binary.Write(out, binary.LittleEndian, [2]uint16{0xFFFE, 0xE0DD})
		out.Write([]byte{0, 0, 0, 0})
	case s.PixelLen > 0:
		binary.Write(out, binary.LittleEndian, [2]uint16{0x7FE0, 0x0010})
		io.WriteString(out, "OW\x00\x00")
		binary.Write(out, binary.LittleEndian, uint32(s.PixelLen))
		zero := make([]byte, 1<<20)
		for n := s.PixelLen; n > 0; n -= int64(len(zero)) {
			out.Write(zero[:min(n, int64(len(zero)))])
		}
	default:
		px := s.Pixels
		if px == nil {
			px = make([]byte, s.Rows*s.Columns*max(s.Frames, 1)*s.Bits/8)
		}
		d.el(0x7FE0, 0x10, "OW", px)
	}
	if fw != nil {
		return fw.Close()
	}
	return nil
}

// Build returns the file described by s.
func Build(s Spec) []byte {
	var b bytes.Buffer
	WriteDICOM(&b, s)
	return b.Bytes()
}

// BuildDICOMDIR returns a DICOMDIR with one IMAGE record per File ID.
func BuildDICOMDIR(ids [][]string) []byte {
	var b bytes.Buffer
	b.Write(make([]byte, 128))
	b.WriteString("DICM")
	var meta bytes.Buffer
	m := dw{&meta}
	m.el(2, 2, "UI", pad("1.2.840.10008.1.3.10", 0))
	m.el(2, 3, "UI", pad("2.25.99", 0))
	m.el(2, 0x10, "UI", pad("1.2.840.10008.1.2.1", 0))
	dw{&b}.el(2, 0, "UL", binary.LittleEndian.AppendUint32(nil, uint32(meta.Len())))
	b.Write(meta.Bytes())
	d := dw{&b}
	d.el(4, 0x1130, "CS", pad("HOSTILE", ' '))
	var seq bytes.Buffer
	for _, id := range ids {
		var item bytes.Buffer
		it := dw{&item}
		it.el(4, 0x1430, "CS", pad("IMAGE", ' '))
		v := ""
		for i, c := range id {
			if i > 0 {
				v += `\`
			}
			v += c
		}
		it.el(4, 0x1500, "CS", pad(v, ' '))
		binary.Write(&seq, binary.LittleEndian, [2]uint16{0xFFFE, 0xE000})
		binary.Write(&seq, binary.LittleEndian, uint32(item.Len()))
		seq.Write(item.Bytes())
	}
	d.el(4, 0x1220, "SQ", seq.Bytes())
	return b.Bytes()
}

// OverlapZip returns a zip bomb whose n central directory records all point at
// one deflated kernel of size bytes of zeros.
func OverlapZip(n int, size int) []byte {
	var kb bytes.Buffer
	fw, _ := flate.NewWriter(&kb, flate.BestCompression)
	fw.Write(make([]byte, size))
	fw.Close()
	kernel := kb.Bytes()
	crc := crc32.ChecksumIEEE(make([]byte, size))
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	name := "K"
	le(uint32(0x04034b50))
	le([5]uint16{20, 0, 8, 0, 0})
	le([3]uint32{crc, uint32(len(kernel)), uint32(size)})
	le([2]uint16{uint16(len(name)), 0})
	b.WriteString(name)
	b.Write(kernel)
	cd := b.Len()
	for i := range n {
		nm := fmt.Sprintf("IMG%04d", i)
		le(uint32(0x02014b50))
		le([6]uint16{20, 20, 0, 8, 0, 0})
		le([3]uint32{crc, uint32(len(kernel)), uint32(size)})
		le([5]uint16{uint16(len(nm)), 0, 0, 0, 0})
		le([2]uint32{0, 0})
		b.WriteString(nm)
	}
	end := b.Len()
	le(uint32(0x06054b50))
	le([4]uint16{0, 0, uint16(n), uint16(n)})
	le([2]uint32{uint32(end - cd), uint32(cd)})
	le(uint16(0))
	return b.Bytes()
}
