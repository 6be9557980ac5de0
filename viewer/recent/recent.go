package recent

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// recentStudy is a remembered "open" action. It holds paths and a label
// made of the study date, description and image count: never the patient's
// name or ID, because preferences are a plain file outside the study.
type RecentStudy struct {
	Paths []string `json:"paths"`
	Label string   `json:"label"`
}

const (
	RecentKey = "recent.studies"
	recentMax = 10
)

// loadRecent returns the remembered studies, newest first.
func LoadRecent(p fyne.Preferences) []RecentStudy {
	var out []RecentStudy
	for _, s := range p.StringList(RecentKey) {
		var r RecentStudy
		if json.Unmarshal([]byte(s), &r) == nil && len(r.Paths) > 0 && allAbs(r.Paths) {
			out = append(out, r)
		}
	}
	return out
}

// absPaths returns paths made absolute and clean: a relative path would
// name another folder once hsgview starts elsewhere. A path that cannot
// be made absolute is left out.
func absPaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// addRecent puts r first (its paths made absolute), dropping an older
// entry for the same paths and keeping at most recentMax.
func AddRecent(p fyne.Preferences, r RecentStudy) []RecentStudy {
	if r.Paths = absPaths(r.Paths); len(r.Paths) == 0 {
		return LoadRecent(p)
	}
	list := []RecentStudy{r}
	for _, old := range LoadRecent(p) {
		if !slices.Equal(old.Paths, r.Paths) && len(list) < recentMax {
			list = append(list, old)
		}
	}
	enc := make([]string, len(list))
	for i, x := range list {
		b, _ := json.Marshal(x)
		enc[i] = string(b)
	}
	p.SetStringList(RecentKey, enc)
	return list
}

// studyLabel describes a study without identifying the patient:
// "2026-03-12 · HSG · 5 images".
func StudyLabel(st *dicomio.Study) string {
	var parts []string
	if d := FormatDate(st.Time); d != "" {
		parts = append(parts, d)
	}
	if d := strings.TrimSpace(st.Description); d != "" {
		parts = append(parts, d)
	}
	n := len(st.Images)
	parts = append(parts, fmt.Sprintf(lang.N("%d images", n), n))
	return strings.Join(parts, " · ")
}

// allAbs reports whether every path is absolute: entries stored as typed
// by older versions are dropped rather than opened from the wrong folder.
func allAbs(paths []string) bool {
	return !slices.ContainsFunc(paths, func(p string) bool { return !filepath.IsAbs(p) })
}

// clearRecent forgets the remembered studies: their folder names may
// carry a patient's name.
func ClearRecent(p fyne.Preferences) {
	p.RemoveValue(RecentKey)
}

// FormatDate writes a time's date in the interface's language (2026-03-12,
// 12.03.2026), or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l10n.Date(t, i18n.Lang())
}
