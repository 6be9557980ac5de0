package viewer

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"hsgview/dicomio"
)

// recentStudy is a remembered "open" action. It holds paths and a label
// made of the study date, description and image count: never the patient's
// name or ID, because preferences are a plain file outside the study.
type recentStudy struct {
	Paths []string `json:"paths"`
	Label string   `json:"label"`
}

const (
	recentKey = "recent.studies"
	recentMax = 10
)

// loadRecent returns the remembered studies, newest first.
func loadRecent(p fyne.Preferences) []recentStudy {
	var out []recentStudy
	for _, s := range p.StringList(recentKey) {
		var r recentStudy
		if json.Unmarshal([]byte(s), &r) == nil && len(r.Paths) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// addRecent puts r first, dropping an older entry for the same paths and
// keeping at most recentMax.
func addRecent(p fyne.Preferences, r recentStudy) []recentStudy {
	list := []recentStudy{r}
	for _, old := range loadRecent(p) {
		if !slices.Equal(old.Paths, r.Paths) && len(list) < recentMax {
			list = append(list, old)
		}
	}
	enc := make([]string, len(list))
	for i, x := range list {
		b, _ := json.Marshal(x)
		enc[i] = string(b)
	}
	p.SetStringList(recentKey, enc)
	return list
}

// studyLabel describes a study without identifying the patient:
// "2026-03-12 · HSG · 5 images".
func studyLabel(st *dicomio.Study) string {
	var parts []string
	if d := formatDate(st.Time); d != "" {
		parts = append(parts, d)
	}
	if d := strings.TrimSpace(st.Description); d != "" {
		parts = append(parts, d)
	}
	n := len(st.Images)
	if n == 1 {
		parts = append(parts, "1 image")
	} else {
		parts = append(parts, fmt.Sprintf("%d images", n))
	}
	return strings.Join(parts, " · ")
}
