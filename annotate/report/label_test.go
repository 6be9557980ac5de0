package report

import (
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/mark"
	"reflect"
	"strings"
	"testing"
)

func TestLabel(t *testing.T) {
	for _, tc := range []struct {
		got, want, reason string
	}{
		{Label(SpillFreePrompt), "Free, prompt", "the PDF's words"},
		{Label(SiteCornual), "Cornual (interstitial), proximal", "the PDF's words"},
		{Label(U2OrU3), "U2 or U3 (not distinguishable on HSG)", "the HSG-specific class"},
		{Label(Spill("pooled_in_pouch")), "Pooled in pouch", "a value of a newer version reads as its code"},
		{Label(Patency("")), "", "the empty value"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.reason, tc.got, tc.want)
		}
	}
}

// TestLabelCoversFormValues checks that every value the viewer's
// findings form offers has its own words.
func TestLabelCoversFormValues(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[TubeStatus](), reflect.TypeFor[Opacification](), reflect.TypeFor[Patency](),
		reflect.TypeFor[OcclusionSite](), reflect.TypeFor[OcclusionQualifier](), reflect.TypeFor[Spill](),
		reflect.TypeFor[MucosalFolds](), reflect.TypeFor[TubeContour](), reflect.TypeFor[SterilizationDevice](),
		reflect.TypeFor[Deviation](), reflect.TypeFor[UterineSize](), reflect.TypeFor[CavityContour](),
		reflect.TypeFor[CavityShape](), reflect.TypeFor[DefectKind](), reflect.TypeFor[Location](),
		reflect.TypeFor[DefectMargin](), reflect.TypeFor[AdhesionExtent](), reflect.TypeFor[AdhesionSystem](),
		reflect.TypeFor[AdenomyosisPattern](), reflect.TypeFor[OutpouchingType](), reflect.TypeFor[ASRMClass](),
		reflect.TypeFor[ESHREUterine](), reflect.TypeFor[ESHRECervical](), reflect.TypeFor[ESHREVaginal](),
		reflect.TypeFor[Certainty](), reflect.TypeFor[Confirmation](), reflect.TypeFor[CervicalCanal](),
		reflect.TypeFor[SpillPattern](), reflect.TypeFor[DelayedFinding](), reflect.TypeFor[ComplicationType](),
		reflect.TypeFor[Side](), reflect.TypeFor[CatheterType](), reflect.TypeFor[BalloonPosition](),
		reflect.TypeFor[ContrastClass](), reflect.TypeFor[mark.Unit](), reflect.TypeFor[ImageKind](),
		reflect.TypeFor[Determination](), reflect.TypeFor[Confidence](), reflect.TypeFor[SelectiveSalpingography](),
		reflect.TypeFor[Adequacy](), reflect.TypeFor[Limitation](), reflect.TypeFor[Indication](),
		reflect.TypeFor[PregnancyResult](), reflect.TypeFor[Specimen](), reflect.TypeFor[History](),
		reflect.TypeFor[KeyImageRole](), reflect.TypeFor[mark.SpacingSource](), reflect.TypeFor[RecommendationCode](),
		reflect.TypeFor[HullRutherford](), reflect.TypeFor[HullRutherfordBasis](), reflect.TypeFor[Status](),
	} {
		values, labels := enum.StringsOf(typ), EnumLabels[typ]
		if len(values) == 0 {
			t.Errorf("%s is not an enumeration", typ.Name())
		}
		for _, v := range values {
			if labels[v] == "" {
				t.Errorf("%s %q has no label", typ.Name(), v)
			}
		}
	}
}

// TestRussianLabelsCoverEnglish checks that every value with English
// words has Russian ones, and that the Russian words name no value the
// English ones do not: a report in Russian never falls back to English.
func TestRussianLabelsCoverEnglish(t *testing.T) {
	if len(EnumLabelsRU) != len(EnumLabels) {
		t.Errorf("%d enumerations have English words, %d Russian ones", len(EnumLabels), len(EnumLabelsRU))
	}
	for typ, en := range EnumLabels {
		ru := EnumLabelsRU[typ]
		for v, w := range en {
			if strings.TrimSpace(ru[v]) == "" {
				t.Errorf("%s %q (%q) has no Russian words", typ.Name(), v, w)
			}
		}
		for v := range ru {
			if _, ok := en[v]; !ok {
				t.Errorf("%s %q has Russian words but no English ones", typ.Name(), v)
			}
		}
	}
	for _, c := range []struct{ got, want string }{
		{LabelIn(Patent, "ru"), "Проходима"},
		{LabelIn(Patent, "ru-RU"), "Проходима"},
		{LabelIn(Patent, "en"), "Patent"},
		{LabelIn(Patent, ""), "Patent"},
		{LabelIn(Spill("pooled_in_pouch"), "ru"), "Pooled in pouch"}, // a newer version's value reads as its code
		{LabelIn(U2a, "ru"), "U2a, неполная перегородка матки"},
		{LabelsIn([]Limitation{LimitAirBubbles, LimitNoDelayedImage}, "; ", "ru"), "Пузырьки воздуха; Нет отсроченного снимка"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
