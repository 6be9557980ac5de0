package viewer

import (
	"image"
	"image/draw"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/viewer/thumbs"
)

// stripFixtures is a study whose spot series has an image before and one
// after the injection run, with a description too long for the strip.
func stripFixtures() []fixture {
	fxs := hsgFixtures()
	const desc = "HSG spot images, uterine cavity and tubal filling"
	fxs[1].SeriesDescription = desc
	late := fxs[2] // the second spot of series 2, after the run
	late.SeriesNumber, late.InstanceNumber, late.SeriesDescription, late.Time = 2, 2, desc, "094400"
	return []fixture{fxs[0], fxs[1], fxs[3], late, fxs[4]}
}

// TestThumbnailStripGrouped: the strip shows the images under a header
// per series (number, description, modality, count), the series in the
// order of their first images, each series' images in time order; the
// full description and the image show as a tip while the pointer rests
// on a header or a thumbnail.
func TestThumbnailStripGrouped(t *testing.T) {
	v, q, w := newTestViewer(t, 1100, 900)
	openFixtures(t, v, q, stripFixtures())
	var heads []string
	var order []string
	for _, o := range v.thumbBox.Objects {
		switch x := o.(type) {
		case *thumbs.Header:
			heads = append(heads, x.Group().Title()+" | "+x.Group().Subtitle())
		case *thumbs.Thumbnail:
			order = append(order, x.Caption())
		}
	}
	want := []string{
		"S1 · Scout | RF · 1 image",
		"S2 · HSG spot images, uterine cavity and tubal filling | RF · 2 images",
		"S4 · Fluoro run | RF · 1 image",
		"S10 · Delayed | DX · 1 image",
	}
	if strings.Join(heads, "\n") != strings.Join(want, "\n") {
		t.Errorf("headers\n%s\nwant\n%s", strings.Join(heads, "\n"), strings.Join(want, "\n"))
	}
	if got := strings.Join(order, ", "); got != "#1 · 09:38:00, #1 · 09:41:00, #2 · 09:44:00, #1 · 09:43:00, #1 · 10:06:00" {
		t.Errorf("thumbnails %s", got)
	}
	test.AssertImageMatches(t, "thumbs/strip_grouped.png", stripCapture(w, v, 0))

	// The tip of the long series' header, then of a thumbnail.
	head := v.thumbBox.Objects[2].(*thumbs.Header)
	head.MouseIn(nil)
	if got := strings.Join(v.tips.Lines(), " | "); got != "Series 2 | HSG spot images, uterine cavity and tubal filling | RF · 2 images" {
		t.Errorf("header tip %q", got)
	}
	head.MouseOut()
	if v.tips.Lines() != nil {
		t.Errorf("tip %q after the pointer left", v.tips.Lines())
	}
	run := v.thumbs[3]
	run.MouseIn(nil)
	if got := strings.Join(v.tips.Lines(), " | "); !strings.HasPrefix(got, "Series 4 · Fluoro run | Image 1 · RF · 64 × 48 | Acquired 09:43:00 | immediate") ||
		!strings.Contains(got, "6 frames · 15 fps") {
		t.Errorf("thumbnail tip %q", got)
	}
	test.AssertImageMatches(t, "thumbs/strip_tip.png", stripCapture(w, v, 320))
	run.MouseOut()
	head.MouseOut() // another object's leaving keeps no tip
	if v.tips.Lines() != nil {
		t.Errorf("tip %q after the pointer left", v.tips.Lines())
	}
}

// stripCapture returns the thumbnail strip as drawn, and extra units to
// its right.
func stripCapture(w fyne.Window, v *Viewer, extra float32) *image.NRGBA {
	img := w.Canvas().Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.thumbStrip)
	s := v.thumbStrip.Size()
	r := image.Rect(int(pos.X), int(pos.Y), int(pos.X+s.Width+extra), int(pos.Y+s.Height))
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}
