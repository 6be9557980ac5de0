package keyimage

import (
	"encoding/json"
	"image"
	"testing"

	"github.com/hsgview/hsgview/annotate/mark"
)

// FuzzKeyImageMarks burns any marks a draft may hold onto a key image
// reduced to its printed size: degenerate, huge, non-finite or unknown
// marks must be drawn or left out, never crash or run away.
func FuzzKeyImageMarks(f *testing.F) {
	seed := func(v any) {
		b, _ := json.Marshal(v)
		f.Add(b, uint16(512), uint16(400), uint8(4))
	}
	seed([]mark.Annotation{{ID: "m1", GraphicType: mark.GraphicPolyline, Tool: mark.ToolArrow, Label: "L tube",
		Points: [][2]float64{{180, 60}, {128, 128}}}})
	seed([]mark.Annotation{{ID: "m2", GraphicType: mark.GraphicEllipse, Tool: mark.ToolEllipse,
		Points: [][2]float64{{10, 10}, {500, 390}, {255, 10}, {255, 390}}}})
	seed([]mark.Annotation{{ID: "m3", GraphicType: mark.GraphicPolyline, Tool: mark.ToolPolygon,
		Points: [][2]float64{{0, 0}, {1e9, 1e9}, {-1e9, 5}, {0, 0}}, Label: "x"}})
	seed([]mark.Annotation{{ID: "m4", GraphicType: mark.GraphicPoint, Tool: mark.ToolText, Label: "text at the edge",
		Points: [][2]float64{{511.9, 399.9}}}})
	f.Fuzz(func(t *testing.T, data []byte, w, h uint16, scale uint8) {
		var marks []mark.Annotation
		if json.Unmarshal(data, &marks) != nil || len(marks) > 64 {
			return
		}
		for _, a := range marks {
			if len(a.Points) > 256 {
				return
			}
		}
		iw, ih := int(w%2048)+1, int(h%2048)+1
		k := float64(scale%16+1) / 16
		dw, dh := max(1, int(float64(iw)*k)), max(1, int(float64(ih)*k))
		dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
		burnKeyImageMarks(dst, marks, iw, ih, k, "en")
	})
}
