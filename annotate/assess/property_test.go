package assess

import (
	"encoding/json"
	"hsgview/annotate/enum"
	"hsgview/annotate/internal/fixture"
	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/annotate/wording"
	"math/rand/v2"
	"reflect"
	"regexp"
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

var (
	// claims about the delayed image (not "the absence of a delayed image")
	delayedClaim = regexp.MustCompile(`on the delayed image|^Delayed image`)
	mmRE         = regexp.MustCompile(`([≈<]?)(\d+(?:\.\d+)?) mm`)
)

// TestImpressionProperties generates random finding sets and checks that
// the impression never contradicts them.
func TestImpressionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(20250304, 1))
	const n = 5000
	var sawBilateral, sawMacro, sawHydroMM int
	for i := range n {
		r := randReport(rng)
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
			if strings.Contains(s, "  ") || strings.Contains(s, "..") || strings.Contains(s, " .") || strings.Contains(s, "()") {
				fail("bad punctuation in %q", s)
			}
			for _, ref := range it.FindingRefs {
				if !v.resolves(ref) {
					fail("finding ref %q of %q does not resolve", ref, s)
				}
			}
			if delayedClaim.MatchString(s) && !r.Technique.DelayedImage.IsObtained() {
				fail("%q cites a delayed image that was not obtained", s)
			}
			if k := section(it); k < rank {
				fail("%q out of order", s)
			} else {
				rank = k
			}
			// The findings of a limited study carry a caveat.
			for _, pre := range []string{limitedPrefix, nonDiagnosticPrefix} {
				if rest, ok := strings.CutPrefix(s, pre); ok {
					s = wording.Capitalize(rest)
				}
			}
			if it.Category != report.CategoryTubes {
				if strings.Contains(s, "patent") || strings.Contains(s, "hydrosalpin") && !strings.Contains(s, "residual contrast in the") {
					fail("tube wording outside a tube sentence: %q", s)
				}
				continue
			}

			if strings.HasPrefix(s, "Selective salpingography performed") {
				continue
			}
			var sides []report.Side
			switch {
			case strings.HasPrefix(s, "Right "):
				sides = []report.Side{report.Right}
			case strings.HasPrefix(s, "Left "):
				sides = []report.Side{report.Left}
			case strings.HasPrefix(s, "Bilateral "), strings.HasPrefix(s, "Both "), strings.HasPrefix(s, "Neither "):
				sides = []report.Side{report.Right, report.Left}
				sawBilateral++
			case s == normalText:
				sides = []report.Side{report.Right, report.Left}
				sawMacro++
			default:
				fail("tube sentence %q names no side", s)
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
			if s == normalText {
				wantRefs = append(wantRefs, "/uterus")
			}
			if !slices.Equal(it.FindingRefs, wantRefs) {
				fail("refs %q for %q", it.FindingRefs, s)
			}
			if len(sides) == 1 {
				other := "Left"
				if sides[0] == report.Left {
					other = "Right"
				}
				if strings.Contains(strings.ToLower(s), strings.ToLower(other)) || strings.Contains(s, "Bilateral") {
					fail("%q mentions the other side", s)
				}
			}
			for _, sd := range sides {
				checkTubeClaims(fail, s, r.Tubes.Tube(sd), r.Technique.DelayedImage.IsObtained())
				if strings.Contains(s, " mm") {
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
		if slices.Contains(codes, report.RecommendSelectiveSalpingography) != strings.Contains(fixture.Texts(items), "selective salpingography could clarify") {
			fail("selective salpingography clause and recommendation disagree: %q", codes)
		}
	}
	t.Logf("%d reports: %d bilateral sentences, %d normal macros, %d sizes in mm", n, sawBilateral, sawMacro, sawHydroMM)
	if sawBilateral == 0 || sawMacro == 0 || sawHydroMM == 0 {
		t.Error("the random reports do not exercise merging, the macro and hydrosalpinx sizes")
	}
}

// checkTubeClaims checks what sentence s says about tube t.
func checkTubeClaims(fail func(string, ...any), s string, t *report.Tube, delayed bool) {
	if s == normalText {
		if t.Patency != report.Patent || t.Spill != report.SpillFreePrompt {
			fail("normal macro for %+v", *t)
		}
		return
	}
	claims := func(sub string) bool { return strings.Contains(s, sub) }
	absent := t.Status == report.TubeSurgicallyAbsent
	// §6 guard-rails: never "patent" without a spill that proves it, never
	// "occluded" without a site. Incomplete findings are stated as
	// incomplete in other words, never dropped.
	if (claims("patent") || claims("patency")) && !claims("patency indeterminate") &&
		(t.Patency != report.Patent || !t.Spill.Demonstrated() || absent || t.Status == report.TubeNotAssessed) {
		fail("%q calls a tube patent: patency %q, spill %q, status %q", s, t.Patency, t.Spill, t.Status)
	}
	if strings.Contains(strings.ReplaceAll(s, "spasm versus proximal occlusion", ""), "occlu") &&
		(t.Patency != report.Occluded || !t.OcclusionSite.Valid() && !claims("sterilisation")) {
		fail("%q calls a tube occluded: patency %q, site %q", s, t.Patency, t.OcclusionSite)
	}
	if claims("free intraperitoneal spill") && t.Spill != report.SpillFreePrompt {
		fail("%q claims free spill: %q", s, t.Spill)
	}
	if claims("loculated") && t.Spill != report.SpillLoculated {
		fail("%q claims loculated spill: %q", s, t.Spill)
	}
	if claims("no spill on the delayed image") && (!delayed || t.Spill != report.SpillNone) {
		fail("%q claims no delayed spill: %q, delayed %v", s, t.Spill, delayed)
	}
	if claims("hydrosalpin") && !t.Hydrosalpinx.IsPresent() {
		fail("%q claims a hydrosalpinx", s)
	}
	if claims("surgically absent") != absent {
		fail("%q vs status %q", s, t.Status)
	}
	if claims("salpingitis isthmica nodosa") && !report.IsTrue(t.SalpingitisIsthmicaNodosa) {
		fail("%q claims SIN", s)
	}
	if claims("sterilisation") && (t.OcclusionQualifier != report.OcclusionAtDevice || t.SterilizationDevice == report.SterilizationNone || t.SterilizationDevice == "") {
		fail("%q claims a sterilisation device", s)
	}
	if m := mmRE.FindStringSubmatch(s); m != nil {
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
