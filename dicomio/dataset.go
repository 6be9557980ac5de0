package dicomio

import (
	"encoding/binary"
	"github.com/hsgview/hsgview/dicomio/charset"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A DataSet is a parsed DICOM data set (or sequence item) up to, but not
// including, the top-level Pixel Data. Values are held in memory except for
// large binary values, which are recorded by offset only.
//
// A DataSet is immutable once read and safe for concurrent use.
type DataSet struct {
	elems   []Element
	bo      binary.ByteOrder
	charset *charset.Charset
	sorted  bool
}

// An Element is one attribute of a DataSet.
type Element struct {
	Tag    Tag
	VR     string
	Length int64  // value length in bytes; -1 for undefined length
	Offset int64  // offset of the value in the (inflated) data stream
	value  []byte // nil when the value was too large to hold
	items  []*DataSet
}

// Elements returns the elements in file order.
func (d *DataSet) Elements() []Element {
	if d == nil {
		return nil
	}
	return d.elems
}

// Items returns the items of a sequence element.
func (e *Element) Items() []*DataSet { return e.items }

// Raw returns the value bytes as stored (nil when not held in memory).
func (e *Element) Raw() []byte { return e.value }

func (d *DataSet) find(t Tag) *Element {
	if d == nil {
		return nil
	}
	if d.sorted {
		i := sort.Search(len(d.elems), func(i int) bool { return d.elems[i].Tag >= t })
		if i < len(d.elems) && d.elems[i].Tag == t {
			return &d.elems[i]
		}
		return nil
	}
	for i := range d.elems {
		if d.elems[i].Tag == t {
			return &d.elems[i]
		}
	}
	return nil
}

// Has reports whether the data set contains t (even with an empty value).
func (d *DataSet) Has(t Tag) bool { return d.find(t) != nil }

// Element returns the element with tag t, or nil.
func (d *DataSet) Element(t Tag) *Element { return d.find(t) }

// textVR reports whether a VR carries text subject to Specific Character Set.
func textVR(vr string) bool {
	switch vr {
	case "SH", "LO", "ST", "LT", "UT", "PN", "UC":
		return true
	}
	return false
}

// stringVR reports whether a VR is encoded as characters.
func stringVR(vr string) bool {
	switch vr {
	case "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT":
		return true
	}
	return false
}

// String returns the whole value of t as text: decoded by the Specific
// Character Set for text VRs, trailing spaces and NULs removed. Multiple
// values stay joined by backslashes. Binary values are formatted as
// numbers separated by backslashes.
func (d *DataSet) String(t Tag) string {
	e := d.find(t)
	if e == nil {
		return ""
	}
	return d.elementString(e)
}

func (d *DataSet) elementString(e *Element) string {
	if e.value == nil {
		return ""
	}
	vr := e.VR
	if vr == "UN" {
		vr = dictVR(e.Tag)
	}
	if stringVR(vr) || vr == "UN" {
		raw := e.value
		var s string
		if textVR(vr) {
			s = d.charset.Decode(raw, vr == "PN")
		} else {
			s = charset.DecodeASCII(raw)
		}
		if vr == "UI" {
			s = strings.TrimRight(s, "\x00 ")
		}
		return strings.TrimRight(s, " \x00")
	}
	nums := d.numbers(e)
	parts := make([]string, len(nums))
	for i, v := range nums {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(parts, `\`)
}

// Strings returns the values of t split on backslash, each trimmed.
// Text VRs that cannot be multi-valued (ST, LT, UT) give one value.
func (d *DataSet) Strings(t Tag) []string {
	e := d.find(t)
	if e == nil || len(e.value) == 0 {
		return nil
	}
	s := d.elementString(e)
	switch e.VR {
	case "ST", "LT", "UT":
		return []string{strings.TrimSpace(s)}
	}
	parts := strings.Split(s, `\`)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// Floats returns the numeric values of t: DS and IS strings are parsed,
// binary VRs (US, SS, UL, SL, FL, FD, OF, OD) decoded. Values that do not
// parse are skipped.
func (d *DataSet) Floats(t Tag) []float64 {
	e := d.find(t)
	if e == nil {
		return nil
	}
	return d.numbers(e)
}

func (d *DataSet) numbers(e *Element) []float64 {
	vr := e.VR
	if vr == "UN" {
		vr = dictVR(e.Tag)
	}
	b := e.value
	bo := d.byteOrder()
	var out []float64
	switch vr {
	case "US", "OW", "xs":
		for i := 0; i+2 <= len(b); i += 2 {
			out = append(out, float64(bo.Uint16(b[i:])))
		}
	case "SS":
		for i := 0; i+2 <= len(b); i += 2 {
			out = append(out, float64(int16(bo.Uint16(b[i:]))))
		}
	case "UL", "OL":
		for i := 0; i+4 <= len(b); i += 4 {
			out = append(out, float64(bo.Uint32(b[i:])))
		}
	case "SL":
		for i := 0; i+4 <= len(b); i += 4 {
			out = append(out, float64(int32(bo.Uint32(b[i:]))))
		}
	case "FL", "OF":
		for i := 0; i+4 <= len(b); i += 4 {
			out = append(out, float64(math.Float32frombits(bo.Uint32(b[i:]))))
		}
	case "FD", "OD":
		for i := 0; i+8 <= len(b); i += 8 {
			out = append(out, math.Float64frombits(bo.Uint64(b[i:])))
		}
	case "UV", "OV":
		for i := 0; i+8 <= len(b); i += 8 {
			out = append(out, float64(bo.Uint64(b[i:])))
		}
	case "SV":
		for i := 0; i+8 <= len(b); i += 8 {
			out = append(out, float64(int64(bo.Uint64(b[i:]))))
		}
	case "AT":
		for i := 0; i+4 <= len(b); i += 4 {
			out = append(out, float64(uint32(bo.Uint16(b[i:]))<<16|uint32(bo.Uint16(b[i+2:]))))
		}
	default:
		for _, p := range strings.Split(charset.DecodeASCII(b), `\`) {
			p = strings.Trim(p, " \x00")
			if p == "" {
				continue
			}
			if v, err := strconv.ParseFloat(p, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				out = append(out, v)
			}
		}
	}
	return out
}

// Float returns the first numeric value of t.
func (d *DataSet) Float(t Tag) (float64, bool) {
	v := d.Floats(t)
	if len(v) == 0 {
		return 0, false
	}
	return v[0], true
}

// Int returns the first numeric value of t as an int. Values outside the
// int32 range or not integral are rejected.
func (d *DataSet) Int(t Tag) (int, bool) {
	f, ok := d.Float(t)
	if !ok || f != math.Trunc(f) || f > math.MaxInt32 || f < math.MinInt32 {
		return 0, false
	}
	return int(f), true
}

// Uint16s returns binary 16-bit values (US, SS, OW, or UN read as such),
// used for LUT data.
func (d *DataSet) Uint16s(t Tag) []uint16 {
	e := d.find(t)
	if e == nil {
		return nil
	}
	bo := d.byteOrder()
	b := e.value
	out := make([]uint16, len(b)/2)
	for i := range out {
		out[i] = bo.Uint16(b[2*i:])
	}
	return out
}

// Bytes returns the raw value of t.
func (d *DataSet) Bytes(t Tag) []byte {
	if e := d.find(t); e != nil {
		return e.value
	}
	return nil
}

// Tags returns the attribute tags of t, an AT element (e.g. Frame Increment Pointer).
func (d *DataSet) Tags(t Tag) []Tag {
	e := d.find(t)
	if e == nil {
		return nil
	}
	bo := d.byteOrder()
	var out []Tag
	for i := 0; i+4 <= len(e.value); i += 4 {
		out = append(out, NewTag(bo.Uint16(e.value[i:]), bo.Uint16(e.value[i+2:])))
	}
	return out
}

// Seq returns the items of sequence t.
func (d *DataSet) Seq(t Tag) []*DataSet {
	if e := d.find(t); e != nil {
		return e.items
	}
	return nil
}

// First returns the first item of sequence t, or nil.
func (d *DataSet) First(t Tag) *DataSet {
	if s := d.Seq(t); len(s) > 0 {
		return s[0]
	}
	return nil
}

func (d *DataSet) byteOrder() binary.ByteOrder {
	if d == nil || d.bo == nil {
		return binary.LittleEndian
	}
	return d.bo
}
