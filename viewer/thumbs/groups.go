package thumbs

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio"
)

// A Group is the images of one series in the strip.
type Group struct {
	// SeriesNumber, Description and Modality describe the series (those
	// of its first image).
	SeriesNumber int
	Description  string
	Modality     string
	Entries      []*dicomio.Entry // in time order
}

// Groups returns the images of tl grouped by series: the groups in the
// order of their first image's acquisition, each group's images in time
// order (the timeline's order). Images without a Series Instance UID are
// grouped by series number and modality.
func Groups(tl *dicomio.Timeline) []Group {
	if tl == nil {
		return nil
	}
	var out []Group
	index := map[string]int{}
	for i := range tl.Entries {
		e := &tl.Entries[i]
		in := e.Instance
		key := in.SeriesInstanceUID
		if key == "" {
			key = fmt.Sprintf("%d/%s", in.SeriesNumber, in.Modality)
		}
		g, ok := index[key]
		if !ok {
			g = len(out)
			index[key] = g
			out = append(out, Group{SeriesNumber: in.SeriesNumber, Description: strings.TrimSpace(in.SeriesDescription), Modality: in.Modality})
		}
		out[g].Entries = append(out[g].Entries, e)
	}
	return out
}

// Title is the header's first line: "S2 · HSG spot".
func (g Group) Title() string {
	s := fmt.Sprintf("S%d", g.SeriesNumber)
	if g.Description != "" {
		s += " · " + g.Description
	}
	return s
}

// Subtitle is the header's second line: "RF · 4 images".
func (g Group) Subtitle() string {
	n := lang.L("1 image")
	if c := len(g.Entries); c != 1 {
		n = lang.N("{{.count}} images", c, map[string]any{"count": c})
	}
	if g.Modality == "" {
		return n
	}
	return g.Modality + " · " + n
}

// TipLines are the lines of the header's tip: the series in full.
func (g Group) TipLines() []string {
	lines := []string{fmt.Sprintf(lang.L("Series %d"), g.SeriesNumber)}
	if g.Description != "" {
		lines = append(lines, g.Description)
	}
	return append(lines, g.Subtitle())
}
