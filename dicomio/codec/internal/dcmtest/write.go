package dcmtest

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/hsgview/hsgview/dicomio/codec"
)

// WriteNative writes a minimal Secondary Capture file, Explicit VR Little
// Endian, holding frames in the output convention of package codec (which
// for native data is also the DICOM encoding). The reference encoders
// accept it as a source.
func WriteNative(path string, info codec.Info, frames [][]byte) error {
	info.TransferSyntax = codec.ExplicitVRLittleEndian
	return write(path, info, frames)
}

// WriteEncapsulated writes a minimal Secondary Capture file whose Pixel Data
// holds one codestream per frame, in transfer syntax info.TransferSyntax,
// with a Basic Offset Table.
func WriteEncapsulated(path string, info codec.Info, codestreams [][]byte) error {
	return write(path, info, codestreams)
}

func write(path string, info codec.Info, frames [][]byte) error {
	encapsulated := !codec.IsNative(info.TransferSyntax)
	var b []byte
	el := func(group, elem uint16, vr string, val []byte) {
		if len(val)%2 == 1 {
			pad := byte(' ')
			if vr == "UI" || vr == "OB" {
				pad = 0
			}
			val = append(val, pad)
		}
		b = binary.LittleEndian.AppendUint16(b, group)
		b = binary.LittleEndian.AppendUint16(b, elem)
		b = append(b, vr...)
		switch vr {
		case "OB", "OW", "SQ", "UN", "UT":
			b = append(b, 0, 0)
			b = binary.LittleEndian.AppendUint32(b, uint32(len(val)))
		default:
			b = binary.LittleEndian.AppendUint16(b, uint16(len(val)))
		}
		b = append(b, val...)
	}
	us := func(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
	const sc = "1.2.840.10008.5.1.4.1.1.7"
	const inst = "2.25.1234567890123456789"
	var meta []byte
	{
		saved := b
		b = nil
		el(0x0002, 0x0001, "OB", []byte{0, 1})
		el(0x0002, 0x0002, "UI", []byte(sc))
		el(0x0002, 0x0003, "UI", []byte(inst))
		el(0x0002, 0x0010, "UI", []byte(info.TransferSyntax))
		el(0x0002, 0x0012, "UI", []byte("2.25.42"))
		meta = b
		b = saved
	}
	b = append(make([]byte, 128), "DICM"...)
	el(0x0002, 0x0000, "UL", binary.LittleEndian.AppendUint32(nil, uint32(len(meta))))
	b = append(b, meta...)
	el(0x0008, 0x0016, "UI", []byte(sc))
	el(0x0008, 0x0018, "UI", []byte(inst))
	el(0x0008, 0x0060, "CS", []byte("OT"))
	el(0x0010, 0x0010, "PN", []byte("Test^Synthetic"))
	el(0x0010, 0x0020, "LO", []byte("SYNTH"))
	el(0x0020, 0x000D, "UI", []byte("2.25.1"))
	el(0x0020, 0x000E, "UI", []byte("2.25.2"))
	el(0x0028, 0x0002, "US", us(info.SamplesPerPixel))
	el(0x0028, 0x0004, "CS", []byte(info.Photometric))
	if info.SamplesPerPixel > 1 {
		el(0x0028, 0x0006, "US", us(info.PlanarConfiguration))
	}
	if len(frames) > 1 {
		el(0x0028, 0x0008, "IS", []byte(strconv.Itoa(len(frames))))
	}
	el(0x0028, 0x0010, "US", us(info.Rows))
	el(0x0028, 0x0011, "US", us(info.Columns))
	el(0x0028, 0x0100, "US", us(info.BitsAllocated))
	el(0x0028, 0x0101, "US", us(info.BitsStored))
	el(0x0028, 0x0102, "US", us(info.BitsStored-1))
	el(0x0028, 0x0103, "US", us(info.PixelRepresentation))
	if encapsulated {
		item := func(v []byte) {
			b = binary.LittleEndian.AppendUint32(b, 0xE000FFFE)
			b = binary.LittleEndian.AppendUint32(b, uint32(len(v)))
			b = append(b, v...)
		}
		var bot []byte
		off := 0
		for i, f := range frames {
			if len(f)%2 == 1 {
				frames[i] = append(f[:len(f):len(f)], 0)
			}
			bot = binary.LittleEndian.AppendUint32(bot, uint32(off))
			off += 8 + len(frames[i])
		}
		b = append(b, 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF)
		item(bot)
		for _, f := range frames {
			item(f)
		}
		b = binary.LittleEndian.AppendUint32(b, 0xE0DDFFFE)
		b = binary.LittleEndian.AppendUint32(b, 0)
		return os.WriteFile(path, b, 0o600)
	}
	var px []byte
	for _, f := range frames {
		px = append(px, f...)
	}
	vr := "OW"
	if info.BitsAllocated == 8 {
		vr = "OB"
	}
	el(0x7FE0, 0x0010, vr, px)
	return os.WriteFile(path, b, 0o600)
}

// Phantom returns a deterministic fluoroscopy-like frame: a collimated
// circular field with smooth blobs and quantum-like noise, with samples of
// info.BitsStored bits (unsigned) for each sample per pixel.
func Phantom(info codec.Info, seed uint64) []byte {
	n, err := info.FrameBytes()
	if err != nil {
		panic(fmt.Sprintf("dcmtest: %v", err))
	}
	out := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, 20240611))
	top := float64(int(1)<<info.BitsStored - 1)
	type blob struct{ x, y, s, a float64 }
	var blobs []blob
	for i := 0; i < 12; i++ {
		blobs = append(blobs, blob{r.Float64(), r.Float64(), 0.03 + 0.15*r.Float64(), 0.4*r.Float64() - 0.2})
	}
	w, h := float64(info.Columns), float64(info.Rows)
	i := 0
	for y := 0; y < info.Rows; y++ {
		for x := 0; x < info.Columns; x++ {
			u, v := float64(x)/w, float64(y)/h
			val := 0.05
			if d := math.Hypot(u-0.5, v-0.5); d < 0.47 {
				val = 0.55
				for _, b := range blobs {
					val += b.a * math.Exp(-((u-b.x)*(u-b.x)+(v-b.y)*(v-b.y))/(2*b.s*b.s))
				}
			}
			for s := 0; s < info.SamplesPerPixel; s++ {
				sig := val * top * (1 - 0.1*float64(s))
				sig += r.NormFloat64() * 0.5 * math.Sqrt(math.Max(sig, 1))
				q := uint32(math.Max(0, math.Min(top, math.Round(sig))))
				switch info.BitsAllocated {
				case 32:
					binary.LittleEndian.PutUint32(out[i:], q<<8|q>>4) // use every byte
					i += 4
				case 16:
					binary.LittleEndian.PutUint16(out[i:], uint16(q))
					i += 2
				default:
					out[i] = byte(q)
					i++
				}
			}
		}
	}
	return out
}
