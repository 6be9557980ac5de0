package dicomweb

import (
	"encoding/json"
	"strconv"
	"strings"
)

// A jsonDataset is one object of the DICOM JSON model (PS3.18 F.2),
// keyed by tag "GGGGEEEE".
type jsonDataset map[string]jsonElement

type jsonElement struct {
	VR    string            `json:"vr"`
	Value []json.RawMessage `json:"Value,omitempty"`
}

// str returns the first value of a string, number or person-name
// attribute as text ("" when absent).
func (d jsonDataset) str(tag string) string {
	vs := d.strs(tag)
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// strs returns every value as text.
func (d jsonDataset) strs(tag string) []string {
	e, ok := d[tag]
	if !ok {
		return nil
	}
	var out []string
	for _, raw := range e.Value {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out = append(out, s)
			continue
		}
		var pn struct{ Alphabetic string }
		if json.Unmarshal(raw, &pn) == nil && e.VR == "PN" {
			out = append(out, pn.Alphabetic)
			continue
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			out = append(out, n.String())
		}
	}
	return out
}

// int returns the first value as an integer, 0 when absent.
func (d jsonDataset) int(tag string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(d.str(tag)))
	return n
}

// seq returns the items of a sequence.
func (d jsonDataset) seq(tag string) []jsonDataset {
	e, ok := d[tag]
	if !ok {
		return nil
	}
	var out []jsonDataset
	for _, raw := range e.Value {
		var item jsonDataset
		if json.Unmarshal(raw, &item) == nil {
			out = append(out, item)
		}
	}
	return out
}
