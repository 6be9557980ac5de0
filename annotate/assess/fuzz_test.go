package assess

import (
	"bytes"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"image"
	"testing"
)

// FuzzLoad checks that no input makes loading, validating, generating or
// saving panic, and that a loaded report saves stably.
func FuzzLoad(f *testing.F) {
	for _, r := range []*report.Report{fixture.FullReport(), exampleReport(), report.NewReport("1")} {
		b, err := r.Marshal()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"tubes":{"left":{"patency":"patent","hydrosalpinx":{"present":true,"maxDiameterMm":-1}}},"x":[]}`))
	f.Add([]byte(`{"annotations":[{"id":"a","tool":"freehand","graphicType":"POLYLINE","image":{"sopInstanceUid":"1"},"points":[[100,100],[300,300],[340,260],[300,220],[100,400],[100,100]]},{"id":"b","tool":"length","graphicType":"POLYLINE","image":{"sopInstanceUid":"1"},"points":[[1e300,1],[5,5]]}]}`))
	f.Add([]byte(`{"uterus":{"fillingDefects":[{"kind":"polyp","count":-5}]},"impression":{"items":[{"auto":true,"text":"a","generatedText":"b"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := report.Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		Validate(r)
		// Marks from any draft measure and burn without panicking.
		sp := mark.Spacing{Row: 0.3, Column: 0.3, Source: mark.SpacingPixelSpacing}
		var marks []mark.Annotation
		for _, a := range r.Annotations {
			if a.Drawable() == nil {
				marks = append(marks, mark.Measure(a, sp, nil))
			}
		}
		mark.Burn(image.NewRGBA(image.Rect(0, 0, 64, 48)), marks, mark.BurnOptions{})
		GenerateRecommendations(r)
		RefreshImpression(r)
		out, err := r.Marshal()
		if err != nil {
			t.Fatalf("marshal a loaded report: %v", err)
		}
		r2, err := report.Load(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("reload: %v\n%s", err, out)
		}
		out2, err := r2.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("saving is not stable: %v\n%s\n%s", err, out, out2)
		}
	})
}
