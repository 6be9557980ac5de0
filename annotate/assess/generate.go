package assess

import (
	"github.com/hsgview/hsgview/annotate/report"
	"slices"
)

// GenerateImpression returns the impression sentences for the findings of
// r, all with Auto set, following §6.1 of the HSG reporting note: tubes
// (right, then left, merged into one "Bilateral …" sentence when both read
// the same), uterine cavity, anomaly, peritoneum and delayed image,
// complications, limitations, then recommendations not already stated in
// a sentence. When the tubes and cavity are normal and nothing else is
// abnormal, the tube and cavity sentences become the single "Normal
// hysterosalpingogram: …" sentence.
//
// The output depends only on r. Every tube gets a sentence once either
// has findings; incomplete or contradictory findings are stated as such
// ("Right tube findings incomplete: spill not recorded.") rather than
// guessed or left
// out ([Report.Validate] says what to fix). The delayed image is mentioned
// only when it is recorded as obtained; a size is printed as approximate
// ("≈18 mm", "<1 mm") unless measured with Pixel Spacing or a user
// calibration, and as "size not calibrated" when measured uncalibrated.
// The findings of a limited or non-diagnostic study carry that caveat.
//
// The sentences are in the report's language (r.Language, read by
// l10n.Lang: Russian for "ru", else English), and so are the texts of
// the recommendations: the same findings give the same sentences, item
// for item, in either language.
func GenerateImpression(r *report.Report) []report.ImpressionItem {
	items, _ := generate(r)
	return items
}

// GenerateRecommendations returns the recommendations the findings of r
// call for, each code once, all with Auto set. Some are stated inside an
// impression sentence ("— selective salpingography could clarify"), the
// others as sentences of their own at the end of the impression.
func GenerateRecommendations(r *report.Report) []report.Recommendation {
	_, recs := generate(r)
	return recs
}

// generator accumulates the impression of one report.
type generator struct {
	r       *report.Report
	w       *phrasebook // the words of the report's language
	delayed bool        // the delayed image was obtained
	items   []report.ImpressionItem
	recs    []report.Recommendation
	stated  map[report.RecommendationCode]bool // said inside a sentence

	tubesNormal  bool // one sentence: bilateral patency with free spill
	cavityNormal bool // one sentence: normal uterine cavity
	abnormal     bool // something other than tubes and cavity is worth saying
}

func generate(r *report.Report) ([]report.ImpressionItem, []report.Recommendation) {
	g := &generator{r: r, w: bookOf(r.Language), delayed: r.Technique.DelayedImage.IsObtained(), stated: map[report.RecommendationCode]bool{}}
	g.tubes()
	g.cavity()
	g.anomaly()
	g.peritoneum()
	g.complications()
	g.limitations()
	g.recommendations()
	g.normalMacro()
	g.caveat()
	if g.items == nil {
		g.items = []report.ImpressionItem{}
	}
	return g.items, g.recs
}

func (g *generator) add(c report.Category, text string, refs ...string) {
	g.items = append(g.items, report.ImpressionItem{
		Text: text, Auto: true, Category: c, FindingRefs: refs, GeneratedText: text,
	})
}

// recommend records a recommendation; inline says a sentence already
// states it.
func (g *generator) recommend(code report.RecommendationCode, inline bool, refs ...string) {
	if inline {
		g.stated[code] = true
	}
	for i := range g.recs {
		if g.recs[i].Code == code {
			for _, ref := range refs {
				if !slices.Contains(g.recs[i].FindingRefs, ref) {
					g.recs[i].FindingRefs = append(g.recs[i].FindingRefs, ref)
				}
			}
			return
		}
	}
	g.recs = append(g.recs, report.Recommendation{
		Code: code, Text: g.w.recText[code], Auto: true, FindingRefs: slices.Clone(refs),
		GeneratedText: g.w.recText[code],
	})
}

// Tubes.
