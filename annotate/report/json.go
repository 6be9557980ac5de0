package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/internal/privatefile"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// MaxReportSize is the default bound on the bytes of a report file
// (Limits.MaxFileBytes); the content limits keep every report's own JSON
// form below it.
const MaxReportSize = 32 << 20

// Load reads a report in its JSON form. Members it does not know are kept
// in the Extra maps of the report and its sections. It rejects a report of
// another major schema version, or one over the default [Limits], but not
// an invalid one: see [Report.Validate].
func Load(r io.Reader) (*Report, error) {
	rep, err := Decode(r)
	if err != nil {
		return nil, fmt.Errorf("annotate: load report: %w", err)
	}
	return rep, nil
}

// ReadFile reads the report in the named JSON file.
func ReadFile(name string) (*Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("annotate: read report: %w", err)
	}
	defer f.Close()
	rep, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("annotate: read report %s: %w", name, err)
	}
	return rep, nil
}

// Decode is [Load] without the package's prefix on errors.
func Decode(r io.Reader) (*Report, error) { return DecodeLimits(r, nil) }

// DecodeLimits is [Decode] within the limits l (nil: the defaults). The
// file's size and shape are checked before it is decoded, its content
// after.
func DecodeLimits(r io.Reader, l *Limits) (*Report, error) {
	lim := l.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &LimitError{What: "file larger than " + sizeText(int(lim.MaxFileBytes)), Limit: "MaxFileBytes " + strconv.FormatInt(lim.MaxFileBytes, 10)}
	}
	if err := checkShape(data, lim); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	rep := new(Report)
	if err := dec.Decode(rep); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the report object")
	}
	if v := rep.SchemaVersion; v != "" && !strings.HasPrefix(v+".", "1.") {
		return nil, fmt.Errorf("unsupported schemaVersion %q (want %s)", v, SchemaVersion)
	}
	if err := rep.CheckLimits(&lim); err != nil {
		return nil, err
	}
	return rep, nil
}

// Marshal returns the JSON form of r: indented, members in a fixed order
// (schema order, then unknown members sorted by name), ending in a newline.
func (r *Report) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("annotate: marshal report: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes r to the named file, readable by the owner only. It
// writes a temporary file in the same directory first, syncs it and renames
// it, so an interrupted write leaves the old file intact.
func (r *Report) WriteFile(name string) error {
	if err := r.CheckLimits(nil); err != nil {
		return fmt.Errorf("annotate: write report %s: %w", name, err)
	}
	data, err := r.Marshal()
	if err != nil {
		return err
	}
	if err := privatefile.WriteAtomic(name, data, ""); err != nil {
		return fmt.Errorf("annotate: write report %s: %w", name, err)
	}
	return nil
}

// The report and its sections keep the members they do not know. Each
// method converts to a local type without methods so that the default
// encoding applies to the fields.

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (r *Report) UnmarshalJSON(b []byte) error {
	type report Report
	return unmarshalObject(b, (*report)(r), &r.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (r Report) MarshalJSON() ([]byte, error) {
	type report Report
	return marshalObject(report(r), r.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (p *Patient) UnmarshalJSON(b []byte) error {
	type patient Patient
	return unmarshalObject(b, (*patient)(p), &p.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (p Patient) MarshalJSON() ([]byte, error) {
	type patient Patient
	return marshalObject(patient(p), p.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (c *Clinical) UnmarshalJSON(b []byte) error {
	type clinical Clinical
	return unmarshalObject(b, (*clinical)(c), &c.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (c Clinical) MarshalJSON() ([]byte, error) {
	type clinical Clinical
	return marshalObject(clinical(c), c.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (s *Study) UnmarshalJSON(b []byte) error {
	type study Study
	return unmarshalObject(b, (*study)(s), &s.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (s Study) MarshalJSON() ([]byte, error) {
	type study Study
	return marshalObject(study(s), s.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (t *Technique) UnmarshalJSON(b []byte) error {
	type technique Technique
	return unmarshalObject(b, (*technique)(t), &t.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (t Technique) MarshalJSON() ([]byte, error) {
	type technique Technique
	return marshalObject(technique(t), t.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (c *Cervix) UnmarshalJSON(b []byte) error {
	type cervix Cervix
	return unmarshalObject(b, (*cervix)(c), &c.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (c Cervix) MarshalJSON() ([]byte, error) {
	type cervix Cervix
	return marshalObject(cervix(c), c.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (u *Uterus) UnmarshalJSON(b []byte) error {
	type uterus Uterus
	return unmarshalObject(b, (*uterus)(u), &u.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (u Uterus) MarshalJSON() ([]byte, error) {
	type uterus Uterus
	return marshalObject(uterus(u), u.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (t *Tubes) UnmarshalJSON(b []byte) error {
	type tubes Tubes
	return unmarshalObject(b, (*tubes)(t), &t.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (t Tubes) MarshalJSON() ([]byte, error) {
	type tubes Tubes
	return marshalObject(tubes(t), t.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (t *Tube) UnmarshalJSON(b []byte) error {
	type tube Tube
	return unmarshalObject(b, (*tube)(t), &t.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (t Tube) MarshalJSON() ([]byte, error) {
	type tube Tube
	return marshalObject(tube(t), t.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (p *Peritoneum) UnmarshalJSON(b []byte) error {
	type peritoneum Peritoneum
	return unmarshalObject(b, (*peritoneum)(p), &p.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (p Peritoneum) MarshalJSON() ([]byte, error) {
	type peritoneum Peritoneum
	return marshalObject(peritoneum(p), p.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (c *Complications) UnmarshalJSON(b []byte) error {
	type complications Complications
	return unmarshalObject(b, (*complications)(c), &c.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (c Complications) MarshalJSON() ([]byte, error) {
	type complications Complications
	return marshalObject(complications(c), c.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (g *Grading) UnmarshalJSON(b []byte) error {
	type grading Grading
	return unmarshalObject(b, (*grading)(g), &g.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (g Grading) MarshalJSON() ([]byte, error) {
	type grading Grading
	return marshalObject(grading(g), g.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (im *Impression) UnmarshalJSON(b []byte) error {
	type impression Impression
	return unmarshalObject(b, (*impression)(im), &im.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (im Impression) MarshalJSON() ([]byte, error) {
	type impression Impression
	if im.Items == nil {
		im.Items = []ImpressionItem{}
	}
	return marshalObject(impression(im), im.Extra)
}

// UnmarshalJSON implements [json.Unmarshaler], keeping unknown members in Extra.
func (e *Exports) UnmarshalJSON(b []byte) error {
	type exports Exports
	return unmarshalObject(b, (*exports)(e), &e.Extra)
}

// MarshalJSON implements [json.Marshaler], writing Extra after the known members.
func (e Exports) MarshalJSON() ([]byte, error) {
	type exports Exports
	return marshalObject(exports(e), e.Extra)
}

// unmarshalObject decodes the JSON object b into the struct v points to and
// stores the members v has no field for in *extra.
func unmarshalObject(b []byte, v any, extra *map[string]json.RawMessage) error {
	if string(b) == "null" {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	known := fieldNames(reflect.TypeOf(v).Elem())
	for k, val := range all {
		if isKnown(known, k) {
			delete(all, k)
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, val); err != nil {
			return err
		}
		all[k] = buf.Bytes()
	}
	if len(all) == 0 {
		all = nil
	}
	*extra = all
	return nil
}

// marshalObject encodes the struct v as a JSON object followed by the
// members of extra that v has no field for, sorted by name.
func marshalObject(v any, extra map[string]json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(extra) == 0 {
		return b, nil
	}
	known := fieldNames(reflect.TypeOf(v))
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !isKnown(known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = b[:len(b)-1] // drop the closing brace
	for _, k := range keys {
		val := extra[k]
		if !json.Valid(val) {
			return nil, fmt.Errorf("extra member %q is not valid JSON", k)
		}
		if b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		name, _ := json.Marshal(k)
		b = append(b, name...)
		b = append(b, ':')
		b = append(b, val...)
	}
	return append(b, '}'), nil
}

// isKnown reports whether JSON member name k matches a field name, as
// encoding/json matches them (ignoring case).
func isKnown(known []string, k string) bool {
	return slices.ContainsFunc(known, func(n string) bool { return strings.EqualFold(n, k) })
}

var fieldNameCache sync.Map // reflect.Type → []string

// fieldNames returns the JSON member names of the fields of struct type t.
func fieldNames(t reflect.Type) []string {
	if v, ok := fieldNameCache.Load(t); ok {
		return v.([]string)
	}
	var names []string
	for f := range t.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			names = append(names, fieldNames(f.Type)...) // promoted members
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		names = append(names, name)
	}
	fieldNameCache.Store(t, names)
	return names
}
