package reportui

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// The fixture writer below is a copy of viewer/fixture_test.go's (the
// study window's tests open the same studies); keep the two equal.

// fixture describes a small synthetic DICOM image written by [writeDICOM].
// Tests build their studies from these so that they run on every machine,
// without the shared corpus or DCMTK; the writer is deliberately minimal
// (Explicit VR Little Endian, no sequences) and independent of dicomio.
type fixture struct {
	SOPClass, Modality           string
	StudyUID, SeriesUID, SOPUID  string
	SeriesNumber, InstanceNumber int
	SeriesDescription            string
	PatientName, PatientID       string
	BirthDate, Sex               string
	Date, Time                   string // acquisition (and study) date and time
	Orientation                  string // Patient Orientation, e.g. `L\F`; "" = absent
	Rows, Cols, Frames           int
	BitsAllocated, BitsStored    int
	Photometric                  string
	WindowCenter, WindowWidth    string // DS values, "" = absent
	FrameTime                    string // ms, multi-frame only
	ImagerSpacing                string // e.g. `0.3\0.3`
	// Pixel returns the stored value at (x, y) of frame f.
	Pixel func(f, x, y int) uint16
}

const (
	sopRF = "1.2.840.10008.5.1.4.1.1.12.2"
	sopDX = "1.2.840.10008.5.1.4.1.1.1.1"
)

// defaults fills the zero fields of fx with a valid 64×48 16-bit RF image.
func (fx fixture) defaults() fixture {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&fx.SOPClass, sopRF)
	def(&fx.Modality, "RF")
	def(&fx.StudyUID, "1.2.826.0.1.3680043.10.1078.9")
	def(&fx.SeriesUID, fmt.Sprintf("%s.%d", fx.StudyUID, fx.SeriesNumber))
	def(&fx.SOPUID, fmt.Sprintf("%s.%d", fx.SeriesUID, fx.InstanceNumber))
	def(&fx.PatientName, "Test^Patient")
	def(&fx.PatientID, "HSG0001")
	def(&fx.Date, "20260312")
	def(&fx.Time, "094000")
	def(&fx.Photometric, "MONOCHROME2")
	if fx.Rows == 0 {
		fx.Rows = 48
	}
	if fx.Cols == 0 {
		fx.Cols = 64
	}
	if fx.Frames == 0 {
		fx.Frames = 1
	}
	if fx.BitsAllocated == 0 {
		fx.BitsAllocated = 16
	}
	if fx.BitsStored == 0 {
		fx.BitsStored = 12
	}
	if fx.Pixel == nil {
		fx.Pixel = testPattern(fx.Cols, fx.Rows, 1<<fx.BitsStored-1)
	}
	return fx
}

// testPattern is a deterministic, asymmetric image: a horizontal ramp, a
// bright square in the top-left quadrant (so that flips and rotations
// show), a dark disc to the right, and a frame-dependent bar.
func testPattern(w, h, maxV int) func(f, x, y int) uint16 {
	return func(f, x, y int) uint16 {
		v := maxV / 4 * (x + 1) / w * 2
		if x >= w/8 && x < w/8+w/5 && y >= h/8 && y < h/8+h/4 {
			v = maxV
		}
		dx, dy := x-3*w/4, y-h/2
		if dx*dx+dy*dy < (h/5)*(h/5) {
			v = maxV / 16
		}
		if y >= h-h/6 && x < (f+1)*w/10 {
			v = maxV * 3 / 4
		}
		return uint16(min(v, maxV))
	}
}

type element struct {
	tag   uint32
	vr    string
	value []byte
}

func str(s string) []byte { return []byte(s) }

func u16(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }

func at(group, elem uint16) []byte {
	b := binary.LittleEndian.AppendUint16(nil, group)
	return binary.LittleEndian.AppendUint16(b, elem)
}

func encode(buf *bytes.Buffer, els []element) {
	sort.Slice(els, func(i, j int) bool { return els[i].tag < els[j].tag })
	for _, e := range els {
		v := e.value
		if len(v)%2 == 1 {
			pad := byte(' ')
			if e.vr == "UI" || e.vr == "OB" {
				pad = 0
			}
			v = append(append([]byte{}, v...), pad)
		}
		binary.Write(buf, binary.LittleEndian, uint16(e.tag>>16))
		binary.Write(buf, binary.LittleEndian, uint16(e.tag))
		buf.WriteString(e.vr)
		switch e.vr {
		case "OB", "OW", "SQ", "UN", "UT":
			buf.Write([]byte{0, 0})
			binary.Write(buf, binary.LittleEndian, uint32(len(v)))
		default:
			binary.Write(buf, binary.LittleEndian, uint16(len(v)))
		}
		buf.Write(v)
	}
}

// bytes returns the Part 10 encoding of fx.
func (fx fixture) bytes() []byte {
	fx = fx.defaults()
	ds := []element{
		{0x00080005, "CS", str("ISO_IR 192")},
		{0x00080016, "UI", str(fx.SOPClass)},
		{0x00080018, "UI", str(fx.SOPUID)},
		{0x00080020, "DA", str(fx.Date)},
		{0x00080022, "DA", str(fx.Date)},
		{0x00080030, "TM", str("093000")},
		{0x00080032, "TM", str(fx.Time)},
		{0x00080060, "CS", str(fx.Modality)},
		{0x00080070, "LO", str("hsgview test")},
		{0x0008103E, "LO", str(fx.SeriesDescription)},
		{0x00100010, "PN", str(fx.PatientName)},
		{0x00100020, "LO", str(fx.PatientID)},
		{0x00100030, "DA", str(fx.BirthDate)},
		{0x00100040, "CS", str(fx.Sex)},
		{0x0020000D, "UI", str(fx.StudyUID)},
		{0x0020000E, "UI", str(fx.SeriesUID)},
		{0x00200011, "IS", str(fmt.Sprint(fx.SeriesNumber))},
		{0x00200013, "IS", str(fmt.Sprint(fx.InstanceNumber))},
		{0x00280002, "US", u16(1)},
		{0x00280004, "CS", str(fx.Photometric)},
		{0x00280010, "US", u16(fx.Rows)},
		{0x00280011, "US", u16(fx.Cols)},
		{0x00280100, "US", u16(fx.BitsAllocated)},
		{0x00280101, "US", u16(fx.BitsStored)},
		{0x00280102, "US", u16(fx.BitsStored - 1)},
		{0x00280103, "US", u16(0)},
	}
	if fx.Orientation != "" {
		ds = append(ds, element{0x00200020, "CS", str(fx.Orientation)})
	}
	if fx.WindowCenter != "" {
		ds = append(ds, element{0x00281050, "DS", str(fx.WindowCenter)}, element{0x00281051, "DS", str(fx.WindowWidth)})
	}
	if fx.ImagerSpacing != "" {
		ds = append(ds, element{0x00181164, "DS", str(fx.ImagerSpacing)})
	}
	if fx.Frames > 1 {
		ds = append(ds, element{0x00280008, "IS", str(fmt.Sprint(fx.Frames))})
		if fx.FrameTime != "" {
			ds = append(ds, element{0x00181063, "DS", str(fx.FrameTime)}, element{0x00280009, "AT", at(0x0018, 0x1063)})
		}
	}
	bpp := fx.BitsAllocated / 8
	px := make([]byte, 0, fx.Rows*fx.Cols*fx.Frames*bpp)
	for f := 0; f < fx.Frames; f++ {
		for y := 0; y < fx.Rows; y++ {
			for x := 0; x < fx.Cols; x++ {
				v := fx.Pixel(f, x, y)
				if bpp == 1 {
					px = append(px, byte(v))
				} else {
					px = binary.LittleEndian.AppendUint16(px, v)
				}
			}
		}
	}
	vr := "OW"
	if bpp == 1 {
		vr = "OB"
	}
	ds = append(ds, element{0x7FE00010, vr, px})

	var meta bytes.Buffer
	encode(&meta, []element{
		{0x00020001, "OB", []byte{0, 1}},
		{0x00020002, "UI", str(fx.SOPClass)},
		{0x00020003, "UI", str(fx.SOPUID)},
		{0x00020010, "UI", str("1.2.840.10008.1.2.1")},
		{0x00020012, "UI", str("1.2.826.0.1.3680043.10.1078.0")},
	})
	var out bytes.Buffer
	out.Write(make([]byte, 128))
	out.WriteString("DICM")
	encode(&out, []element{{0x00020000, "UL", binary.LittleEndian.AppendUint32(nil, uint32(meta.Len()))}})
	out.Write(meta.Bytes())
	encode(&out, ds)
	return out.Bytes()
}

// write stores fx under dir and returns its path.
func (fx fixture) write(t testing.TB, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, fx.bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// hsgFixtures is a small HSG examination: a scout, two immediate spot
// images, a short cine run, and a DX MONOCHROME1 delayed film 25 minutes
// after contrast.
func hsgFixtures() []fixture {
	spot := func(n int, tm string, desc string) fixture {
		return fixture{SeriesNumber: n, InstanceNumber: 1, SeriesDescription: desc, Time: tm,
			Orientation: `L\F`, WindowCenter: "2048", WindowWidth: "4096", ImagerSpacing: `0.3\0.3`,
			PatientName: "Müller^Anna", BirthDate: "19900105", Sex: "F"}
	}
	cine := spot(4, "094300", "Fluoro run")
	cine.Frames, cine.FrameTime = 6, "66.6667"
	delayed := fixture{SOPClass: sopDX, Modality: "DX", SeriesNumber: 10, InstanceNumber: 1,
		SeriesDescription: "Delayed", Time: "100600", Photometric: "MONOCHROME1",
		Orientation: `L\F`, Rows: 60, Cols: 48, BitsStored: 10,
		PatientName: "Müller^Anna", BirthDate: "19900105", Sex: "F"}
	return []fixture{
		spot(1, "093800", "Scout"),
		spot(2, "094100", "Spot early filling"),
		spot(3, "094200", "Spot tubal filling"),
		cine,
		delayed,
	}
}
