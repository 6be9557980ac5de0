package report

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"strings"
)

// Impression is the conclusion of the report.
type Impression struct {
	// Items are the impression sentences in order. The schema requires
	// the member; a nil slice is written as [].
	Items           []ImpressionItem `json:"items"`
	Recommendations []Recommendation `json:"recommendations,omitempty"`
	// FinalText is the impression as printed; RefreshImpression sets it
	// to ImpressionText(Items).
	FinalText string `json:"finalText,omitempty"`

	Extra map[string]json.RawMessage `json:"-"` // unknown members, kept (see [Report.Extra])
}

// An ImpressionItem is one impression sentence.
type ImpressionItem struct {
	Text string `json:"text"`
	// Auto is true for a sentence made by the generator, edited or not.
	Auto     bool     `json:"auto"`
	Category Category `json:"category,omitempty"`
	// FindingRefs are the JSON pointers of the findings the sentence
	// states, e.g. "/tubes/right".
	FindingRefs []string `json:"findingRefs,omitempty"`
	// GeneratedText is, for an automatic item, the generator's text the
	// item was last based on (an addition to the schema). Text differs
	// from it once the user edits the sentence; the edit is then kept, and
	// when the findings later produce a different text the item is stale.
	GeneratedText string `json:"generatedText,omitempty"`
}

// Edited reports whether it is an automatic sentence the user changed.
func (it ImpressionItem) Edited() bool {
	return it.Auto && it.GeneratedText != "" && it.Text != it.GeneratedText
}

// key identifies the finding a generated item states, so a regenerated
// item can be matched with an edited one.
func (it ImpressionItem) Key() string {
	return string(it.Category) + "|" + strings.Join(it.FindingRefs, ",")
}

// Category is the kind of an impression sentence.
type Category string

const (
	CategoryTubes        Category = "tubes"
	CategoryCavity       Category = "cavity"
	CategoryAnomaly      Category = "anomaly"
	CategoryComplication Category = "complication"
	CategoryLimitation   Category = "limitation"
	// CategoryOther is used for the peritoneum and delayed image, and for
	// recommendations, which the schema has no category for.
	CategoryOther Category = "other"
)

var categories = enum.Register(CategoryTubes, CategoryCavity, CategoryAnomaly, CategoryComplication,
	CategoryLimitation, CategoryOther)

// Valid reports whether c is a defined Category.
func (c Category) Valid() bool { return enum.IsValid(c, categories) }

// A Recommendation is a coded recommendation.
type Recommendation struct {
	Code RecommendationCode `json:"code"`
	Text string             `json:"text,omitempty"`
	// Auto is true for a recommendation made by the generator (an
	// addition to the schema); RefreshImpression replaces those and keeps
	// the others.
	Auto bool `json:"auto,omitempty"`
	// FindingRefs are the findings that prompted it (an addition).
	FindingRefs []string `json:"findingRefs,omitempty"`
	// GeneratedText is, for an automatic recommendation, the generator's
	// text it was last based on (an addition). Text differs from it once
	// the user edits it; the edit is then kept, as for an impression item.
	GeneratedText string `json:"generatedText,omitempty"`
}

// Edited reports whether rec is an automatic recommendation the user changed.
func (rec Recommendation) Edited() bool {
	return rec.Auto && rec.GeneratedText != "" && rec.Text != rec.GeneratedText
}

// RecommendationCode is a coded recommendation.
type RecommendationCode string

const (
	RecommendAnomalyImaging          RecommendationCode = "3d_us_or_mri_for_uterine_anomaly"
	RecommendHysteroscopy            RecommendationCode = "hysteroscopy_or_sonohysterography"
	RecommendLaparoscopy             RecommendationCode = "laparoscopy_chromopertubation"
	RecommendSelectiveSalpingography RecommendationCode = "selective_salpingography_or_tubal_catheterization"
	RecommendRepeatHSG               RecommendationCode = "repeat_hsg"
	RecommendClinicalCorrelation     RecommendationCode = "clinical_correlation"
	RecommendOther                   RecommendationCode = "other"
)

var recommendationCodes = enum.Register(RecommendAnomalyImaging, RecommendHysteroscopy, RecommendLaparoscopy,
	RecommendSelectiveSalpingography, RecommendRepeatHSG, RecommendClinicalCorrelation, RecommendOther)

// Valid reports whether c is a defined RecommendationCode.
func (c RecommendationCode) Valid() bool { return enum.IsValid(c, recommendationCodes) }

// ImpressionText returns the sentences of items, one per line.
func ImpressionText(items []ImpressionItem) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(it.Text)
	}
	return b.String()
}
