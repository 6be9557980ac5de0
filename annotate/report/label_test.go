package report

import (
	"hsgview/annotate/enum"
	"hsgview/annotate/mark"
	"reflect"
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
