package annotate

import (
	"encoding/json"
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
	vs := append(Values[E](), "")
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

func randTube(rng *rand.Rand) Tube {
	t := Tube{
		Status:                      pick[TubeStatus](rng, TubePresent, TubePresent),
		Opacification:               pick[Opacification](rng),
		Patency:                     pick(rng, Patent, Patent, Occluded, Occluded, "bogus"),
		OcclusionSite:               pick[OcclusionSite](rng),
		OcclusionQualifier:          pick[OcclusionQualifier](rng),
		Spill:                       pick(rng, SpillFreePrompt, SpillFreePrompt, "bogus"),
		PeritubalAdhesionsSuspected: randBool(rng),
		SalpingitisIsthmicaNodosa:   randBool(rng),
		TubalSpasmSuspected:         randBool(rng),
		SterilizationDevice:         pick[SterilizationDevice](rng),
	}
	if rng.IntN(2) == 0 {
		t.Hydrosalpinx = Hydrosalpinx{
			Present:          randBool(rng),
			MaxDiameterMM:    randFloat(rng, 0, 45),
			MucosalFolds:     pick[MucosalFolds](rng),
			MeasurementBasis: pick[SpacingSource](rng),
		}
	}
	return t
}

func randReport(rng *rand.Rand) *Report {
	r := NewReport("1.2.3")
	r.Tubes.Right = randTube(rng)
	if rng.IntN(3) == 0 {
		r.Tubes.Left = r.Tubes.Right // exercise merging
	} else {
		r.Tubes.Left = randTube(rng)
	}
	r.Technique.DelayedImage = DelayedImage{Obtained: randBool(rng), MinutesAfterContrast: randFloat(rng, 0, 90)}
	r.Technique.Adequacy = pick[Adequacy](rng)
	for range rng.IntN(3) {
		r.Technique.Limitations = append(r.Technique.Limitations, pick[Limitation](rng))
	}
	r.Peritoneum.SpillPattern = pick[SpillPattern](rng)
	for range rng.IntN(3) {
		r.Peritoneum.DelayedFindings = append(r.Peritoneum.DelayedFindings, pick[DelayedFinding](rng))
	}
	r.Uterus = Uterus{
		CavityOpacified: randBool(rng),
		Size:            pick[UterineSize](rng),
		Contour:         pick[CavityContour](rng),
		Shape:           pick[CavityShape](rng),
		MullerianAnomaly: Anomaly{
			Suspected: randBool(rng), ASRM: pick[ASRMClass](rng), ESHREUterine: pick[ESHREUterine](rng),
			ESHRECervical: pick[ESHRECervical](rng), AFS: pick[AFSClass](rng), Certainty: pick[Certainty](rng),
			ExternalContourAssessable: randBool(rng), ConfirmationRecommended: pick[Confirmation](rng),
			Side: pick[Side](rng),
		},
		IntrauterineAdhesions: Adhesions{Present: randBool(rng), Extent: pick[AdhesionExtent](rng)},
		AdenomyosisSigns:      Adenomyosis{Present: randBool(rng), Pattern: pick[AdenomyosisPattern](rng)},
	}
	if rng.IntN(3) == 0 {
		r.Uterus.MullerianAnomaly = Anomaly{}
	}
	for range rng.IntN(3) {
		r.Uterus.FillingDefects = append(r.Uterus.FillingDefects, FillingDefect{
			Kind: pick[DefectKind](rng), Location: pick[Location](rng), Margin: pick[DefectMargin](rng),
			SizeMM: randFloat(rng, 0, 30),
		})
	}
	for range rng.IntN(2) {
		r.Complications.Items = append(r.Complications.Items, Complication{Type: pick[ComplicationType](rng), Side: pick[Side](rng)})
	}
	if rng.IntN(5) == 0 {
		// A normal study with at most one random detail.
		r.Tubes.Right = Tube{Patency: Patent, Spill: SpillFreePrompt}
		r.Tubes.Left = r.Tubes.Right
		r.Uterus = Uterus{CavityOpacified: new(true), Shape: ShapeNormalTriangular}
		r.Complications.Items, r.Technique.Limitations, r.Technique.Adequacy = nil, nil, Adequate
		switch rng.IntN(4) {
		case 0:
			r.Tubes.Left = randTube(rng)
		case 1:
			r.Uterus.MullerianAnomaly.ASRM = pick[ASRMClass](rng)
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
				Tubes   Tubes
				Delayed DelayedImage
				Uterus  Uterus
			}{r.Tubes, r.Technique.DelayedImage, r.Uterus})
			t.Fatalf("case %d: "+format+"\nimpression: %s\nfindings: %s", append([]any{i}, append(a, texts(items), b)...)...)
		}
		if !reflect.DeepEqual(items, GenerateImpression(r)) {
			fail("not deterministic")
		}
		v := &validator{r: r}
		b, _ := json.Marshal(r)
		json.Unmarshal(b, &v.doc)

		seen := map[Side]bool{}
		var lastSides []Side
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
					s = capitalize(rest)
				}
			}
			if it.Category != CategoryTubes {
				if strings.Contains(s, "patent") || strings.Contains(s, "hydrosalpin") && !strings.Contains(s, "residual contrast in the") {
					fail("tube wording outside a tube sentence: %q", s)
				}
				continue
			}

			if strings.HasPrefix(s, "Selective salpingography performed") {
				continue
			}
			var sides []Side
			switch {
			case strings.HasPrefix(s, "Right "):
				sides = []Side{Right}
			case strings.HasPrefix(s, "Left "):
				sides = []Side{Left}
			case strings.HasPrefix(s, "Bilateral "), strings.HasPrefix(s, "Both "), strings.HasPrefix(s, "Neither "):
				sides = []Side{Right, Left}
				sawBilateral++
			case s == normalText:
				sides = []Side{Right, Left}
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
				if sides[0] == Left {
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
		var codes []RecommendationCode
		for _, rec := range recs {
			if !rec.Code.Valid() || !rec.Auto || slices.Contains(codes, rec.Code) {
				fail("bad recommendation %+v", rec)
			}
			codes = append(codes, rec.Code)
		}
		if slices.Contains(codes, RecommendSelectiveSalpingography) != strings.Contains(texts(items), "selective salpingography could clarify") {
			fail("selective salpingography clause and recommendation disagree: %q", codes)
		}
	}
	t.Logf("%d reports: %d bilateral sentences, %d normal macros, %d sizes in mm", n, sawBilateral, sawMacro, sawHydroMM)
	if sawBilateral == 0 || sawMacro == 0 || sawHydroMM == 0 {
		t.Error("the random reports do not exercise merging, the macro and hydrosalpinx sizes")
	}
}

// checkTubeClaims checks what sentence s says about tube t.
func checkTubeClaims(fail func(string, ...any), s string, t *Tube, delayed bool) {
	if s == normalText {
		if t.Patency != Patent || t.Spill != SpillFreePrompt {
			fail("normal macro for %+v", *t)
		}
		return
	}
	claims := func(sub string) bool { return strings.Contains(s, sub) }
	absent := t.Status == TubeSurgicallyAbsent
	// §6 guard-rails: never "patent" without a spill that proves it, never
	// "occluded" without a site. Incomplete findings are stated as
	// incomplete in other words, never dropped.
	if (claims("patent") || claims("patency")) && !claims("patency indeterminate") &&
		(t.Patency != Patent || !t.Spill.Demonstrated() || absent || t.Status == TubeNotAssessed) {
		fail("%q calls a tube patent: patency %q, spill %q, status %q", s, t.Patency, t.Spill, t.Status)
	}
	if strings.Contains(strings.ReplaceAll(s, "spasm versus proximal occlusion", ""), "occlu") &&
		(t.Patency != Occluded || !t.OcclusionSite.Valid() && !claims("sterilisation")) {
		fail("%q calls a tube occluded: patency %q, site %q", s, t.Patency, t.OcclusionSite)
	}
	if claims("free intraperitoneal spill") && t.Spill != SpillFreePrompt {
		fail("%q claims free spill: %q", s, t.Spill)
	}
	if claims("loculated") && t.Spill != SpillLoculated {
		fail("%q claims loculated spill: %q", s, t.Spill)
	}
	if claims("no spill on the delayed image") && (!delayed || t.Spill != SpillNone) {
		fail("%q claims no delayed spill: %q, delayed %v", s, t.Spill, delayed)
	}
	if claims("hydrosalpin") && !t.Hydrosalpinx.IsPresent() {
		fail("%q claims a hydrosalpinx", s)
	}
	if claims("surgically absent") != absent {
		fail("%q vs status %q", s, t.Status)
	}
	if claims("salpingitis isthmica nodosa") && !isTrue(t.SalpingitisIsthmicaNodosa) {
		fail("%q claims SIN", s)
	}
	if claims("sterilisation") && (t.OcclusionQualifier != OcclusionAtDevice || t.SterilizationDevice == SterilizationNone || t.SterilizationDevice == "") {
		fail("%q claims a sterilisation device", s)
	}
	if m := mmRE.FindStringSubmatch(s); m != nil {
		h := t.Hydrosalpinx
		switch {
		case !h.IsPresent() || h.MaxDiameterMM == nil:
			fail("%q prints a size with no hydrosalpinx diameter", s)
		case h.MeasurementBasis == SpacingUncalibrated:
			fail("%q prints mm for an uncalibrated measurement", s)
		case m[1] != "<" && h.MeasurementBasis.Calibrated() != (m[1] == ""):
			fail("%q: approximate sign wrong for basis %q", s, h.MeasurementBasis)
		}
	}
}
