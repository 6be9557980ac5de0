package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Limits is the budget of one report: what a draft may hold. It is
// checked on the content (text, marks, points, key images, list entries),
// when a report is read and again before it is written, so that whatever
// loads can be saved and read back: the JSON form of a report within the
// content limits is always smaller than MaxFileBytes (TestLimitsFitFile).
// The raw size of a file only bounds what is read before it is parsed.
// A zero field means the default (see [DefaultLimits]); docs/limits.md
// explains each value.
type Limits struct {
	// MaxFileBytes bounds the bytes read from a report file.
	MaxFileBytes int64
	// MaxDepth bounds the nesting of objects and arrays in the file.
	MaxDepth int
	// MaxTextBytes bounds one text value (UTF-8 bytes, after unescaping).
	MaxTextBytes int
	// MaxTotalTextBytes bounds all text values of the report together.
	MaxTotalTextBytes int
	// MaxMarks bounds the marks (annotations) of the report.
	MaxMarks int
	// MaxPointsPerMark bounds the points of one mark or calibration.
	MaxPointsPerMark int
	// MaxPoints bounds the points of all marks and calibrations together.
	MaxPoints int
	// MaxKeyImages bounds the key images of the report (the PDF prints
	// at most 60 of them).
	MaxKeyImages int
	// MaxItems bounds the entries of every other list together
	// (calibrations, filling defects, impression sentences, references to
	// images and marks, previous versions …).
	MaxItems int
	// MaxExtraBytes bounds the members this version does not know, kept
	// as read (compact JSON, names included).
	MaxExtraBytes int
}

// DefaultLimits returns the default budget of a report.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:      MaxReportSize,
		MaxDepth:          32,
		MaxTextBytes:      64 << 10,
		MaxTotalTextBytes: 1 << 20,
		MaxMarks:          2000,
		MaxPointsPerMark:  10000,
		MaxPoints:         100000,
		MaxKeyImages:      100,
		MaxItems:          5000,
		MaxExtraBytes:     256 << 10,
	}
}

// withDefaults returns l with zero fields set to the defaults; nil gives
// the defaults.
func (l *Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l == nil {
		return d
	}
	o := *l
	def := func(v *int, dv int) {
		if *v <= 0 {
			*v = dv
		}
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = d.MaxFileBytes
	}
	def(&o.MaxDepth, d.MaxDepth)
	def(&o.MaxTextBytes, d.MaxTextBytes)
	def(&o.MaxTotalTextBytes, d.MaxTotalTextBytes)
	def(&o.MaxMarks, d.MaxMarks)
	def(&o.MaxPointsPerMark, d.MaxPointsPerMark)
	def(&o.MaxPoints, d.MaxPoints)
	def(&o.MaxKeyImages, d.MaxKeyImages)
	def(&o.MaxItems, d.MaxItems)
	def(&o.MaxExtraBytes, d.MaxExtraBytes)
	return o
}

// A LimitError says which field of a report is over which limit.
type LimitError struct {
	Field string // a JSON pointer, e.g. "/clinical/indicationText"
	What  string // what the field holds, e.g. "50000 marks"
	Limit string // the limit and its value, e.g. "MaxMarks 2000"
}

func (e *LimitError) Error() string {
	f := e.Field
	if f == "" {
		f = "/"
	}
	return f + ": " + e.What + ": over the limit (" + e.Limit + ")"
}

// ErrLimit is matched (errors.Is) by every [LimitError].
var ErrLimit = errors.New("over a report limit")

// Is lets errors.Is(err, ErrLimit) match.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// CheckLimits returns a [LimitError] for the first content limit r is
// over, or nil. A nil l means the defaults.
func (r *Report) CheckLimits(l *Limits) error {
	c := checker{l: l.withDefaults()}
	c.walk(reflect.ValueOf(r).Elem(), "")
	return c.err
}

// checker walks a report by its JSON member names, counting content.
type checker struct {
	l                          Limits
	text, points, items, extra int
	err                        error
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	rawMapType = reflect.TypeFor[map[string]json.RawMessage]()
	pointType  = reflect.TypeFor[[2]float64]()
)

func (c *checker) fail(path, what, limit string, n int) {
	if c.err == nil {
		c.err = &LimitError{Field: path, What: what, Limit: limit + " " + strconv.Itoa(n)}
	}
}

func (c *checker) walk(v reflect.Value, path string) {
	if c.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			c.walk(v.Elem(), path)
		}
	case reflect.String:
		n := v.Len()
		c.text += n
		switch {
		case n > c.l.MaxTextBytes:
			c.fail(path, sizeText(n)+" of text", "MaxTextBytes", c.l.MaxTextBytes)
		case c.text > c.l.MaxTotalTextBytes:
			c.fail(path, "the report's text reaches "+sizeText(c.text), "MaxTotalTextBytes", c.l.MaxTotalTextBytes)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case f.Type == rawMapType && name == "-":
				c.walkExtra(v.Field(i), path)
				continue
			case name == "-":
				continue
			case f.Anonymous && name == "":
				c.walk(v.Field(i), path) // promoted members (mark.Layer)
				continue
			case name == "":
				name = f.Name
			}
			c.walk(v.Field(i), path+"/"+name)
		}
	case reflect.Slice:
		n := v.Len()
		switch {
		case v.Type().Elem() == pointType:
			c.points += n
			if n > c.l.MaxPointsPerMark {
				c.fail(path, strconv.Itoa(n)+" points", "MaxPointsPerMark", c.l.MaxPointsPerMark)
			} else if c.points > c.l.MaxPoints {
				c.fail(path, "the report's points reach "+strconv.Itoa(c.points), "MaxPoints", c.l.MaxPoints)
			}
			return // numbers only
		case path == "/annotations":
			if n > c.l.MaxMarks {
				c.fail(path, strconv.Itoa(n)+" marks", "MaxMarks", c.l.MaxMarks)
			}
		case path == "/keyImages":
			if n > c.l.MaxKeyImages {
				c.fail(path, strconv.Itoa(n)+" key images", "MaxKeyImages", c.l.MaxKeyImages)
			}
		default:
			c.items += n
			if c.items > c.l.MaxItems {
				c.fail(path, "the report's list entries reach "+strconv.Itoa(c.items), "MaxItems", c.l.MaxItems)
			}
		}
		for i := 0; i < n && c.err == nil; i++ {
			c.walk(v.Index(i), path+"/"+strconv.Itoa(i))
		}
	case reflect.Map:
		if v.Type() == rawMapType {
			c.walkExtra(v, path)
		}
	}
}

// walkExtra counts the unknown members kept in an Extra map.
// Their lists and nesting are checked as when the file is read, so
// that a report holding them can be read back.
func (c *checker) walkExtra(v reflect.Value, path string) {
	depth := strings.Count(path, "/") + 1 // the object holding the member
	for _, k := range v.MapKeys() {
		val := v.MapIndex(k).Bytes()
		c.extra += k.Len() + len(val)
		if c.extra > c.l.MaxExtraBytes {
			c.fail(path+"/"+k.String(), "unknown members reach "+sizeText(c.extra), "MaxExtraBytes", c.l.MaxExtraBytes)
			return
		}
		if err := checkShapeAt(val, c.l, depth); err != nil && c.err == nil {
			le := err.(*LimitError)
			le.Field = path + "/" + k.String() + le.Field
			c.err = le
			return
		}
	}
}

// sizeText says n bytes in words: "512 bytes", "64.0 KiB", "30.0 MiB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return strconv.Itoa(n) + " bytes"
}

// checkShape checks the raw JSON form before it is decoded: nesting and
// the entries of lists, so that a small file cannot make the decoder
// build millions of values. Its bounds are looser than the content
// limits checked after decoding, and depend only on content, so a
// report's own JSON form always passes.
func checkShape(data []byte, l Limits) error { return checkShapeAt(data, l, 0) }

// checkShapeAt is checkShape for a value nested depth levels deep.
func checkShapeAt(data []byte, l Limits, depth int) error {
	if !json.Valid(data) {
		return nil // the decoder says what is wrong
	}
	perList := max(l.MaxPointsPerMark, l.MaxMarks, l.MaxKeyImages, l.MaxItems)
	// Points count three entries (the point and its two numbers);
	// unknown members hold at most one entry per two bytes.
	total := 3*l.MaxPoints + l.MaxMarks + l.MaxKeyImages + l.MaxItems + l.MaxExtraBytes/2
	type level struct {
		array bool
		n     int    // entries of a list so far
		max   int    // the entries this list may hold
		key   string // the member being read, in an object
	}
	var stack []level
	// path is the JSON pointer of the value being read, for errors.
	path := func() string {
		var b strings.Builder
		for _, lv := range stack {
			b.WriteByte('/')
			if lv.array {
				b.WriteString(strconv.Itoa(max(lv.n-1, 0)))
			} else {
				b.WriteString(lv.key)
			}
		}
		return b.String()
	}
	all := 0
	for i := 0; i < len(data); i++ {
		switch b := data[i]; b {
		case '"':
			start := i
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			// A text escaped as \uXXXX takes at most 6 bytes a byte: a
			// longer one is over MaxTextBytes however it decodes.
			if i-start-1 > 6*l.MaxTextBytes {
				return &LimitError{Field: path(), What: "more than " + sizeText(l.MaxTextBytes) + " of text", Limit: "MaxTextBytes " + strconv.Itoa(l.MaxTextBytes)}
			}
			if n := len(stack); n > 0 && !stack[n-1].array {
				j := i + 1
				for j < len(data) && isSpace(data[j]) {
					j++
				}
				if j < len(data) && data[j] == ':' { // a member name
					k := "…"
					if i-start < 256 {
						json.Unmarshal(data[start:i+1], &k)
					}
					stack[n-1].key = k
				}
			}
		case '{', '[':
			if len(stack)+depth >= l.MaxDepth {
				return &LimitError{Field: path(), What: "nesting deeper than " + strconv.Itoa(l.MaxDepth) + " levels", Limit: "MaxDepth " + strconv.Itoa(l.MaxDepth)}
			}
			lv := level{array: b == '[', max: perList}
			if len(stack) == 1 && !stack[0].array {
				switch stack[0].key {
				case "annotations":
					lv.max = l.MaxMarks
				case "keyImages":
					lv.max = l.MaxKeyImages
				}
			}
			if lv.array {
				j := i + 1
				for j < len(data) && isSpace(data[j]) {
					j++
				}
				if j < len(data) && data[j] != ']' {
					lv.n = 1
					all++
				}
			}
			stack = append(stack, lv)
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if top := &stack[len(stack)-1]; top.array {
				top.n++
				all++
				if top.n > top.max {
					top.n = 1 // the list itself, not an entry of it
					stack = stack[:len(stack)-1]
					field := path()
					return shapeError(field, l)
				}
			}
		}
		if all > total {
			return &LimitError{Field: path(), What: "more than " + strconv.Itoa(total) + " list entries in the file", Limit: "MaxPoints, MaxMarks, MaxKeyImages, MaxItems, MaxExtraBytes"}
		}
	}
	return nil
}

// shapeError names the limit a list over its entries is over.
func shapeError(field string, l Limits) error {
	switch field {
	case "/annotations":
		return &LimitError{Field: field, What: "more than " + strconv.Itoa(l.MaxMarks) + " marks", Limit: "MaxMarks " + strconv.Itoa(l.MaxMarks)}
	case "/keyImages":
		return &LimitError{Field: field, What: "more than " + strconv.Itoa(l.MaxKeyImages) + " key images", Limit: "MaxKeyImages " + strconv.Itoa(l.MaxKeyImages)}
	}
	m := max(l.MaxPointsPerMark, l.MaxMarks, l.MaxKeyImages, l.MaxItems)
	if strings.HasSuffix(field, "/points") {
		return &LimitError{Field: field, What: "more than " + strconv.Itoa(m) + " points", Limit: "MaxPointsPerMark " + strconv.Itoa(l.MaxPointsPerMark)}
	}
	return &LimitError{Field: field, What: "a list of more than " + strconv.Itoa(m) + " entries", Limit: "MaxItems " + strconv.Itoa(l.MaxItems)}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
