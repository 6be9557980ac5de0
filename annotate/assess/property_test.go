package assess

import (
	"encoding/json"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// pick returns a random defined value of E, the empty value or one of extra.
func pick[E ~string](rng *rand.Rand, extra ...E) E {
	vs := append(enum.Values[E](), "")
	vs = append(vs, extra...)
	return vs[rng.IntN(len(vs))]
}

func randBool(rng *rand.Rand) *bool {
	switch rng.IntN(3) {
	case 0:
		return nil
	case 1:
		return new(false)
	}
	return new(true)
}

func randFloat(rng *rand.Rand, lo, hi float64) *float64 {
	if rng.IntN(4) == 0 {
		return nil
	}
	return new(lo + rng.Float64()*(hi-lo))
}

func randTube(rng *rand.Rand) report.Tube {
	t := report.Tube{
		Status:                      pick[report.TubeStatus](rng, report.TubePresent, report.TubePresent),
		Opacification:               pick[report.Opacification](rng),
		Patency:                     pick(rng, report.Patent, report.Patent, report.Occluded, report.Occluded, "bogus"),
		OcclusionSite:               pick[report.OcclusionSite](rng),
		OcclusionQualifier:          pick[report.OcclusionQualifier](rng),
		Spill:                       pick(rng, report.SpillFreePrompt, report.SpillFreePrompt, "bogus"),
		PeritubalAdhesionsSuspected: randBool(rng),
		SalpingitisIsthmicaNodosa:   randBool(rng),
		TubalSpasmSuspected:         randBool(rng),
		SterilizationDevice:         pick[report.SterilizationDevice](rng),
	}
	if rng.IntN(2) == 0 {
		t.Hydrosalpinx = report.Hydrosalpinx{
			Present:          randBool(rng),
			MaxDiameterMM:    randFloat(rng, 0, 45),
			MucosalFolds:     pick[report.MucosalFolds](rng),
			MeasurementBasis: pick[mark.SpacingSource](rng),
		}
	}
	return t
}

func randReport(rng *rand.Rand) *report.Report {
	r := report.NewReport("1.2.3")
	r.Tubes.Right = randTube(rng)
	if rng.IntN(3) == 0 {
		r.Tubes.Left = r.Tubes.Right // exercise merging
	} else {
		r.Tubes.Left = randTube(rng)
	}
	r.Technique.DelayedImage = report.DelayedImage{Obtained: randBool(rng), MinutesAfterContrast: randFloat(rng, 0, 90)}
	r.Technique.Adequacy = pick[report.Adequacy](rng)
	for range rng.IntN(3) {
		r.Technique.Limitations = append(r.Technique.Limitations, pick[report.Limitation](rng))
	}
	r.Peritoneum.SpillPattern = pick[report.SpillPattern](rng)
	for range rng.IntN(3) {
		r.Peritoneum.DelayedFindings = append(r.Peritoneum.DelayedFindings, pick[report.DelayedFinding](rng))
	}
	r.Uterus = report.Uterus{
		CavityOpacified: randBool(rng),
		Size:            pick[report.UterineSize](rng),
		Contour:         pick[report.CavityContour](rng),
		Shape:           pick[report.CavityShape](rng),
		MullerianAnomaly: report.Anomaly{
			Suspected: randBool(rng), ASRM: pick[report.ASRMClass](rng), ESHREUterine: pick[report.ESHREUterine](rng),
			ESHRECervical: pick[report.ESHRECervical](rng), AFS: pick[report.AFSClass](rng), Certainty: pick[report.Certainty](rng),
			ExternalContourAssessable: randBool(rng), ConfirmationRecommended: pick[report.Confirmation](rng),
			Side: pick[report.Side](rng),
		},
		IntrauterineAdhesions: report.Adhesions{Present: randBool(rng), Extent: pick[report.AdhesionExtent](rng)},
		AdenomyosisSigns:      report.Adenomyosis{Present: randBool(rng), Pattern: pick[report.AdenomyosisPattern](rng)},
	}
	if rng.IntN(3) == 0 {
		r.Uterus.MullerianAnomaly = report.Anomaly{}
	}
	for range rng.IntN(3) {
		r.Uterus.FillingDefects = append(r.Uterus.FillingDefects, report.FillingDefect{
			Kind: pick[report.DefectKind](rng), Location: pick[report.Location](rng), Margin: pick[report.DefectMargin](rng),
			SizeMM: randFloat(rng, 0, 30),
		})
	}
	for range rng.IntN(2) {
		r.Complications.Items = append(r.Complications.Items, report.Complication{Type: pick[report.ComplicationType](rng), Side: pick[report.Side](rng)})
	}
	if rng.IntN(5) == 0 {
		// A normal study with at most one random detail.
		r.Tubes.Right = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
		r.Tubes.Left = r.Tubes.Right
		r.Uterus = report.Uterus{CavityOpacified: new(true), Shape: report.ShapeNormalTriangular}
		r.Complications.Items, r.Technique.Limitations, r.Technique.Adequacy = nil, nil, report.Adequate
		switch rng.IntN(4) {
		case 0:
			r.Tubes.Left = randTube(rng)
		case 1:
			r.Uterus.MullerianAnomaly.ASRM = pick[report.ASRMClass](rng)
		}
	}
	return r
}

// TestImpressionProperties generates random finding sets and checks that
// the impression never contradicts them, in each language: the same
// reports, read with the words of the language (see sayer).
func TestImpressionProperties(t *testing.T) {
	for _, l := range sayers {
		t.Run(l.lang, func(t *testing.T) { impressionProperties(t, l) })
	}
}

func impressionProperties(t *testing.T, l *sayer) {
	rng := rand.New(rand.NewPCG(20250304, 1))
	const n = 5000
	var sawBilateral, sawMacro, sawHydroMM int
	for i := range n {
		r := randReport(rng)
		r.Language = l.lang
		items := GenerateImpression(r)
		fail := func(format string, a ...any) {
			t.Helper()
			b, _ := json.Marshal(struct {
				Tubes   report.Tubes
				Delayed report.DelayedImage
				Uterus  report.Uterus
			}{r.Tubes, r.Technique.DelayedImage, r.Uterus})
			t.Fatalf("case %d: "+format+"\nimpression: %s\nfindings: %s", append([]any{i}, append(a, fixture.Texts(items), b)...)...)
		}
		if !reflect.DeepEqual(items, GenerateImpression(r)) {
			fail("not deterministic")
		}
		v := &validator{r: r}
		b, _ := json.Marshal(r)
		json.Unmarshal(b, &v.doc)

		seen := map[report.Side]bool{}
		var lastSides []report.Side
		rank := -1
		for _, it := range items {
			s := it.Text
			if !it.Auto || it.GeneratedText != s || !it.Category.Valid() || s == "" ||
				!strings.HasSuffix(s, ".") || !unicode.IsUpper([]rune(s)[0]) && !unicode.IsDigit([]rune(s)[0]) {
				fail("malformed item %+v", it)
			}
			if strings.Contains(s, "  ") || strings.Contains(s, "..") || strings.Contains(s, " .") || strings.Contains(s, "()") ||
				strings.Contains(s, " ,") || strings.Contains(s, ",,") {
				fail("bad punctuation in %q", s)
			}
			for _, ref := range it.FindingRefs {
				if !v.resolves(ref) {
					fail("finding ref %q of %q does not resolve", ref, s)
				}
			}
			if l.says["delayed"](s) && !r.Technique.DelayedImage.IsObtained() {
				fail("%q cites a delayed image that was not obtained", s)
			}
			if k := section(it); k < rank {
				fail("%q out of order", s)
			} else {
				rank = k
			}
			// The findings of a limited study carry a caveat.
			for _, pre := range l.caveats {
				if rest, ok := strings.CutPrefix(s, pre); ok {
					s = wording.Capitalize(rest)
				}
			}
			if it.Category != report.CategoryTubes {
				if l.says["patent"](s) || l.says["hydro"](s) && !strings.Contains(s, residualIn[l.lang]) {
					fail("tube wording outside a tube sentence: %q", s)
				}
				continue
			}

			if strings.HasPrefix(s, l.selectiveDone) {
				continue
			}
			sides, ok := l.sides(s)
			if !ok {
				fail("tube sentence %q names no side", s)
			}
			if len(sides) == 2 {
				if s == l.normal {
					sawMacro++
				} else {
					sawBilateral++
				}
			}
			var wantRefs []string
			for _, sd := range sides {
				wantRefs = append(wantRefs, "/tubes/"+string(sd))
				// Long findings take several sentences in a row.
				if seen[sd] && !slices.Equal(sides, lastSides) {
					fail("%s tube described twice", sd)
				}
				seen[sd] = true
			}
			lastSides = sides
			if s == l.normal {
				wantRefs = append(wantRefs, "/uterus")
			}
			if !slices.Equal(it.FindingRefs, wantRefs) {
				fail("refs %q for %q", it.FindingRefs, s)
			}
			if len(sides) == 1 {
				other := report.Left
				if sides[0] == report.Left {
					other = report.Right
				}
				if l.other(s, other) {
					fail("%q mentions the other side", s)
				}
			}
			for _, sd := range sides {
				checkTubeClaims(fail, l, s, r.Tubes.Tube(sd), r.Technique.DelayedImage.IsObtained())
				if l.mm.MatchString(s) {
					sawHydroMM++
				}
			}
		}

		// The selective salpingography clause and its coded recommendation go together.
		recs := GenerateRecommendations(r)
		var codes []report.RecommendationCode
		for _, rec := range recs {
			if !rec.Code.Valid() || !rec.Auto || slices.Contains(codes, rec.Code) {
				fail("bad recommendation %+v", rec)
			}
			codes = append(codes, rec.Code)
		}
		if slices.Contains(codes, report.RecommendSelectiveSalpingography) != l.says["clarify"](fixture.Texts(items)) {
			fail("selective salpingography clause and recommendation disagree: %q", codes)
		}
	}
	t.Logf("%d reports: %d bilateral sentences, %d normal macros, %d sizes in mm", n, sawBilateral, sawMacro, sawHydroMM)
	if sawBilateral == 0 || sawMacro == 0 || sawHydroMM == 0 {
		t.Error("the random reports do not exercise merging, the macro and hydrosalpinx sizes")
	}
}

// residualIn is how a sentence other than a tube's names a hydrosalpinx:
// the contrast left in it on the delayed image.
var residualIn = map[string]string{"en": "residual contrast in the", "ru": "остаточное контрастное вещество в гидросальпинксе"}

// TestImpressionSameInEveryLanguage generates random finding sets and
// checks that the Russian impression says what the English one says,
// sentence for sentence: the same categories and findings, the same
// claims (patent, occluded, hydrosalpinx, free or loculated spill, the
// delayed image …), the same sizes and recommendations.
func TestImpressionSameInEveryLanguage(t *testing.T) {
	rng := rand.New(rand.NewPCG(20250304, 2))
	for i := range 3000 {
		r := randReport(rng)
		t.Run("", func(t *testing.T) {
			checkRussianTwin(t, r)
			if t.Failed() {
				t.Fatalf("case %d", i)
			}
		})
		if t.Failed() {
			return
		}
	}
}

// checkTubeClaims checks what sentence s, in the language l reads, says
// about tube t.
func checkTubeClaims(fail func(string, ...any), l *sayer, s string, t *report.Tube, delayed bool) {
	if s == l.normal {
		if t.Patency != report.Patent || t.Spill != report.SpillFreePrompt {
			fail("normal macro for %+v", *t)
		}
		return
	}
	claims := func(what string) bool { return l.says[what](s) }
	absent := t.Status == report.TubeSurgicallyAbsent
	// §6 guard-rails: never "patent" («проходима») without a spill that
	// proves it, never "occluded" without a site. Incomplete findings are
	// stated as incomplete in other words, never dropped.
	if claims("patent") && (t.Patency != report.Patent || !t.Spill.Demonstrated() || absent || t.Status == report.TubeNotAssessed) {
		fail("%q calls a tube patent: patency %q, spill %q, status %q", s, t.Patency, t.Spill, t.Status)
	}
	if claims("occluded") && (t.Patency != report.Occluded || !t.OcclusionSite.Valid() && !claims("sterilisation")) {
		fail("%q calls a tube occluded: patency %q, site %q", s, t.Patency, t.OcclusionSite)
	}
	if claims("freeSpill") && t.Spill != report.SpillFreePrompt {
		fail("%q claims free spill: %q", s, t.Spill)
	}
	if claims("loculated") && t.Spill != report.SpillLoculated {
		fail("%q claims loculated spill: %q", s, t.Spill)
	}
	if claims("noDelayedSpill") && (!delayed || t.Spill != report.SpillNone) {
		fail("%q claims no delayed spill: %q, delayed %v", s, t.Spill, delayed)
	}
	if claims("hydro") && !t.Hydrosalpinx.IsPresent() {
		fail("%q claims a hydrosalpinx", s)
	}
	if claims("absent") != absent {
		fail("%q vs status %q", s, t.Status)
	}
	if claims("sin") && !report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		fail("%q claims SIN", s)
	}
	if claims("sterilisation") && (t.OcclusionQualifier != report.OcclusionAtDevice || t.SterilizationDevice == report.SterilizationNone || t.SterilizationDevice == "") {
		fail("%q claims a sterilisation device", s)
	}
	if m := l.mm.FindStringSubmatch(s); m != nil {
		h := t.Hydrosalpinx
		switch {
		case !h.IsPresent() || h.MaxDiameterMM == nil:
			fail("%q prints a size with no hydrosalpinx diameter", s)
		case h.MeasurementBasis == mark.SpacingUncalibrated:
			fail("%q prints mm for an uncalibrated measurement", s)
		case m[1] != "<" && h.MeasurementBasis.Calibrated() != (m[1] == ""):
			fail("%q: approximate sign wrong for basis %q", s, h.MeasurementBasis)
		}
	}
}
