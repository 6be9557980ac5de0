package assess

import (
	"errors"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
	"slices"
	"strconv"
)

// A StaleItem is an impression sentence the user edited whose findings
// changed after the edit.
type StaleItem struct {
	Index int    // in Impression.Items
	Text  string // the user's text, kept
	// Generated is what the generator says now, or "" when the findings
	// no longer produce a sentence for it.
	Generated string
}

// RefreshImpression regenerates the automatic impression sentences and
// recommendations from the findings and sets FinalText. Sentences the user
// wrote and automatic sentences the user edited are kept: an edited
// sentence replaces the generated one for the same findings, and sentences
// whose findings no longer produce one stay after the sentence they
// followed. It returns the edited sentences whose findings changed since
// the edit, to be shown to the user (see [Report.AcceptEdit]).
func RefreshImpression(r *report.Report) []StaleItem {
	gen, recs := generate(r)
	old := r.Impression.Items
	oldKeys, genKeys := itemKeys(old), itemKeys(gen)

	edited := map[string]int{}
	for i, it := range old {
		if it.Edited() {
			edited[oldKeys[i]] = i
		}
	}
	used := map[int]bool{}
	for j, k := range genKeys {
		if i, ok := edited[k]; ok {
			gen[j] = old[i]
			used[i] = true
		}
	}

	// Keep the user's sentences, each after the automatic sentence it
	// followed or, when that one is gone, after the last sentence of the
	// same or an earlier part of the impression.
	type kept struct {
		after int // index in gen; -1 for the start
		item  report.ImpressionItem
	}
	var keep []kept
	after := -1
	for i, it := range old {
		if it.Auto && (!it.Edited() || used[i]) {
			if j := slices.Index(genKeys, oldKeys[i]); j >= 0 {
				after = j
			} else {
				for j := len(gen) - 1; j > after; j-- {
					if section(gen[j]) <= section(it) {
						after = j
						break
					}
				}
			}
			continue
		}
		keep = append(keep, kept{after, it})
	}
	items := make([]report.ImpressionItem, 0, len(gen)+len(keep))
	place := func(j int) {
		for _, k := range keep {
			if k.after == j {
				items = append(items, k.item)
			}
		}
	}
	place(-1)
	for j, it := range gen {
		items = append(items, it)
		place(j)
	}
	r.Impression.Items = items
	r.Impression.FinalText = report.ImpressionText(items)

	// Recommendations the user edited keep the user's words, as impression
	// sentences do; an edited one the findings no longer call for stays,
	// and Validate says so (see [RecommendationsStale]).
	generated := map[report.RecommendationCode]bool{}
	for j := range recs {
		generated[recs[j].Code] = true
		for _, o := range r.Impression.Recommendations {
			if o.Code == recs[j].Code && o.Edited() {
				recs[j].Text = o.Text
			}
		}
	}
	manual := slices.DeleteFunc(slices.Clone(r.Impression.Recommendations), func(rec report.Recommendation) bool {
		return rec.Auto && (!rec.Edited() || generated[rec.Code])
	})
	r.Impression.Recommendations = append(recs, manual...)
	if len(r.Impression.Recommendations) == 0 {
		r.Impression.Recommendations = nil
	}
	return ImpressionStale(r)
}

// SetLanguage changes the language a draft is written in to lang (read
// by l10n.Lang: "ru" for Russian, else "en") and regenerates what the
// generator wrote, through [RefreshImpression]: the automatic impression
// sentences and recommendations the radiologist did not edit are written
// again in the new language; those the radiologist edited keep the
// radiologist's words, and each edited sentence is returned as stale,
// its generated text now in the new language, for the radiologist to
// check (see [AcceptEdit]). Sentences the radiologist wrote are kept. A
// signed report is refused: amend it first.
func SetLanguage(r *report.Report, lang string) ([]StaleItem, error) {
	if r.Status.Signed() {
		return nil, errors.New("annotate: set language: the report is signed; amend it to change its language")
	}
	r.Language = l10n.Lang(lang)
	return RefreshImpression(r), nil
}

// RecommendationsStale returns the indexes of the automatic
// recommendations the user edited that the findings no longer call for.
func RecommendationsStale(r *report.Report) []int {
	generated := map[report.RecommendationCode]bool{}
	for _, rec := range GenerateRecommendations(r) {
		generated[rec.Code] = true
	}
	var out []int
	for i, rec := range r.Impression.Recommendations {
		if rec.Edited() && !generated[rec.Code] {
			out = append(out, i)
		}
	}
	return out
}

// ImpressionStale returns the edited impression sentences whose findings
// changed since the user edited them: the generator now gives another
// text, or none.
func ImpressionStale(r *report.Report) []StaleItem {
	gen := GenerateImpression(r)
	current := map[string]string{}
	for j, k := range itemKeys(gen) {
		current[k] = gen[j].Text
	}
	var stale []StaleItem
	for i, k := range itemKeys(r.Impression.Items) {
		it := r.Impression.Items[i]
		if !it.Edited() {
			continue
		}
		if g, ok := current[k]; !ok || g != it.GeneratedText {
			stale = append(stale, StaleItem{Index: i, Text: it.Text, Generated: g})
		}
	}
	return stale
}

// AcceptEdit records that the user checked edited sentence i against the
// current findings and keeps the text: it is no longer stale. A sentence
// whose findings no longer produce one becomes the user's own sentence.
func AcceptEdit(r *report.Report, i int) error {
	if i < 0 || i >= len(r.Impression.Items) {
		return errors.New("annotate: accept edit: no impression sentence " + strconv.Itoa(i))
	}
	it := &r.Impression.Items[i]
	if !it.Edited() {
		return errors.New("annotate: accept edit: impression sentence " + strconv.Itoa(i) + " is not an edited automatic sentence")
	}
	gen := GenerateImpression(r)
	key := itemKeys(r.Impression.Items)[i]
	for j, k := range itemKeys(gen) {
		if k == key {
			it.GeneratedText = gen[j].Text
			return nil
		}
	}
	it.Auto = false
	it.GeneratedText = ""
	return nil
}

// itemKeys returns the matching key of each item, made unique by a count
// suffix when items share findings.
func itemKeys(items []report.ImpressionItem) []string {
	keys := make([]string, len(items))
	seen := map[string]int{}
	for i, it := range items {
		k := it.Key()
		if n := seen[k]; n > 0 {
			keys[i] = k + "#" + strconv.Itoa(n)
		} else {
			keys[i] = k
		}
		seen[k]++
	}
	return keys
}

// section returns the part of the impression an item belongs to, in §6.1
// order: tubes, cavity, anomaly, peritoneum, complications, limitations,
// recommendations.
func section(it report.ImpressionItem) int {
	switch it.Category {
	case report.CategoryTubes:
		return 0
	case report.CategoryCavity:
		return 1
	case report.CategoryAnomaly:
		return 2
	case report.CategoryComplication:
		return 4
	case report.CategoryLimitation:
		return 5
	}
	if slices.Contains(it.FindingRefs, "/peritoneum") {
		return 3
	}
	return 6
}
