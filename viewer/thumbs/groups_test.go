package thumbs

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
)

func TestGroups(t *testing.T) {
	test.NewTempApp(t)
	in := func(uid string, n, im int, mod, desc string) *dicomio.Instance {
		return &dicomio.Instance{SeriesInstanceUID: uid, SeriesNumber: n, InstanceNumber: im, Modality: mod, SeriesDescription: desc}
	}
	// In time order: scout, a spot, the run, another spot of the first
	// spot's series, two images without a series UID, the delayed film.
	tl := &dicomio.Timeline{}
	for _, x := range []*dicomio.Instance{
		in("1.1", 1, 1, "RF", "Scout"), in("1.2", 2, 1, "RF", " HSG spot "), in("1.3", 3, 1, "RF", "Run"),
		in("1.2", 2, 2, "RF", "HSG spot"), in("", 5, 1, "RF", ""), in("", 5, 2, "RF", ""), in("1.9", 9, 1, "DX", "Delayed"),
	} {
		tl.Entries = append(tl.Entries, dicomio.Entry{Instance: x})
	}
	var got []string
	for _, g := range Groups(tl) {
		var ims []string
		for _, e := range g.Entries {
			ims = append(ims, string(rune('0'+e.Instance.InstanceNumber)))
		}
		got = append(got, g.Title()+" ["+strings.Join(ims, ",")+"] "+g.Subtitle())
	}
	want := "S1 · Scout [1] RF · 1 image; S2 · HSG spot [1,2] RF · 2 images; S3 · Run [1] RF · 1 image; S5 [1,2] RF · 2 images; S9 · Delayed [1] DX · 1 image"
	if s := strings.Join(got, "; "); s != want {
		t.Errorf("groups\n%s\nwant\n%s", s, want)
	}
	if Groups(nil) != nil {
		t.Error("groups of no timeline")
	}
	if got := Ellipsize("a long series description", 60, 12, fyneStyle()); !strings.HasSuffix(got, "…") || len(got) >= len("a long series description") {
		t.Errorf("ellipsized %q", got)
	}
}

func fyneStyle() (s fyne.TextStyle) { return }
