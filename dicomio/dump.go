package dicomio

import (
	"fmt"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"io"
	"strings"
)

// Dump writes the data set as indented text, one element per line: tag,
// VR, keyword and value (long values abbreviated). Nested items are
// indented. It is what `hsgview dump` and the viewer's tag window show.
func (d *DataSet) Dump(w io.Writer) error {
	return d.dump(w, 0)
}

func (d *DataSet) dump(w io.Writer, depth int) error {
	if d == nil {
		return nil
	}
	ind := strings.Repeat("  ", depth)
	for i := range d.elems {
		e := &d.elems[i]
		name := e.Tag.Keyword()
		if name == "" {
			name = "?"
		}
		var val string
		switch {
		case e.items != nil || e.VR == "SQ":
			val = fmt.Sprintf("(%d items)", len(e.items))
		case e.value == nil:
			val = fmt.Sprintf("(%d bytes not loaded)", e.Length)
		case e.VR == "OB" || e.VR == "OW" || e.VR == "UN" && !stringVR(dictVR(e.Tag)):
			val = fmt.Sprintf("(%d bytes)", len(e.value))
		default:
			val = d.elementString(e)
			if r := []rune(val); len(r) > 80 {
				val = string(r[:77]) + "…"
			}
			val = "[" + dicomtext.Escape(val) + "]"
		}
		if _, err := fmt.Fprintf(w, "%s%v %s %-32s %s\n", ind, e.Tag, e.VR, name, val); err != nil {
			return err
		}
		for k, it := range e.items {
			fmt.Fprintf(w, "%s  item %d\n", ind, k+1)
			if err := it.dump(w, depth+2); err != nil {
				return err
			}
		}
	}
	return nil
}
