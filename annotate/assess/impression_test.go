package assess

import (
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestTubePhrases covers every tube state of the §6.1 table, on each side
// alone and on both sides (merged).
func TestTubePhrases(t *testing.T) {
	const clarify = " — selective salpingography could clarify."
	for _, c := range []struct {
		name    string
		tube    report.Tube
		delayed bool
		one     string // the sentence after "Right"/"Left"
		both    string
	}{
		{"patent free prompt", report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}, false,
			" tube patent with free intraperitoneal spill.", "Bilateral tubal patency with free intraperitoneal spill."},
		{"patent delayed only", report.Tube{Patency: report.Patent, Spill: report.SpillFreeDelayedOnly}, true,
			" tube patent; spill seen only on the delayed image.", "Bilateral tubal patency; spill seen only on the delayed image."},
		{"patent delayed only, no delayed image", report.Tube{Patency: report.Patent, Spill: report.SpillFreeDelayedOnly}, false,
			" tube patent with delayed intraperitoneal spill.", "Bilateral tubal patency with delayed intraperitoneal spill."},
		{"patent loculated", report.Tube{Patency: report.Patent, Spill: report.SpillLoculated, PeritubalAdhesionsSuspected: new(true)}, true,
			" tube patent with loculated spill, suggesting peritubal adhesions.",
			"Bilateral tubal patency with loculated spill, suggesting peritubal adhesions."},
		{"patent minimal", report.Tube{Patency: report.Patent, Spill: report.SpillMinimal}, false,
			" tube patent with minimal intraperitoneal spill.", "Bilateral tubal patency with minimal intraperitoneal spill."},
		{"patent free with adhesions suspected", report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt, PeritubalAdhesionsSuspected: new(true)}, false,
			" tube patent with free intraperitoneal spill; peritubal adhesions suspected.",
			"Bilateral tubal patency with free intraperitoneal spill; peritubal adhesions suspected."},
		{"patent with hydrosalpinx", report.Tube{Patency: report.Patent, Spill: report.SpillLoculated, Hydrosalpinx: fixture.Hydro(20, "", mark.SpacingImager)}, false,
			" tube findings conflict: hydrosalpinx recorded together with spill from the same tube.",
			"Both tubes: findings conflict, hydrosalpinx recorded together with spill from the same tube."},
		{"partial distal occlusion with hydrosalpinx", report.Tube{Patency: report.Patent, Spill: report.SpillLoculated, PartialDistalOcclusion: new(true),
			Hydrosalpinx: fixture.Hydro(20, "", mark.SpacingImager)}, false,
			" tube patent with loculated spill, suggesting peritubal adhesions; fimbrial phimosis (partial distal obstruction).",
			"Bilateral tubal patency with loculated spill, suggesting peritubal adhesions; fimbrial phimosis (partial distal obstruction)."},
		{"SIN", report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt, SalpingitisIsthmicaNodosa: new(true)}, false,
			" tube patent with free intraperitoneal spill; features of salpingitis isthmica nodosa.",
			"Bilateral tubal patency with free intraperitoneal spill; features of salpingitis isthmica nodosa."},
		{"hydrosalpinx, no spill on delayed", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNone,
			Hydrosalpinx: fixture.Hydro(18, report.FoldsAbsent, mark.SpacingImager)}, true,
			" hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image."},
		{"hydrosalpinx without delayed image", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteAmpullary, Spill: report.SpillNone,
			Hydrosalpinx: fixture.Hydro(18, report.FoldsPreserved, mark.SpacingImager)}, false,
			" hydrosalpinx (≈18 mm, mucosal folds preserved) with distal occlusion.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds preserved) with distal occlusion."},
		{"hydrosalpinx, spill not assessed on delayed", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNotAssessed,
			Hydrosalpinx: fixture.Hydro(17.6, report.FoldsReduced, mark.SpacingImagerOverERMF)}, true,
			" hydrosalpinx (≈18 mm, mucosal folds reduced) with distal occlusion.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds reduced) with distal occlusion."},
		{"hydrosalpinx, Pixel Spacing size is exact", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial,
			Hydrosalpinx: fixture.Hydro(18.44, "", mark.SpacingPixelSpacing)}, false,
			" hydrosalpinx (18.4 mm) with distal occlusion.", "Bilateral hydrosalpinges (18.4 mm) with distal occlusion."},
		{"hydrosalpinx, user calibration size is exact", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial,
			Hydrosalpinx: fixture.Hydro(21, report.FoldsNotAssessable, mark.SpacingUser)}, false,
			" hydrosalpinx (21 mm) with distal occlusion.", "Bilateral hydrosalpinges (21 mm) with distal occlusion."},
		{"hydrosalpinx, uncalibrated size not given in mm", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial,
			Hydrosalpinx: fixture.Hydro(40, report.FoldsPreserved, mark.SpacingUncalibrated)}, false,
			" hydrosalpinx (size not calibrated, mucosal folds preserved) with distal occlusion.",
			"Bilateral hydrosalpinges (size not calibrated, mucosal folds preserved) with distal occlusion."},
		{"hydrosalpinx, unknown basis is approximate", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial,
			Hydrosalpinx: fixture.Hydro(15, "", "")}, false,
			" hydrosalpinx (≈15 mm) with distal occlusion.", "Bilateral hydrosalpinges (≈15 mm) with distal occlusion."},
		{"hydrosalpinx, no size", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: report.Hydrosalpinx{Present: new(true)}}, false,
			" hydrosalpinx with distal occlusion.", "Bilateral hydrosalpinges with distal occlusion."},
		{"hydrosalpinx, proximal site", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Hydrosalpinx: fixture.Hydro(12, "", mark.SpacingImager)}, false,
			" tube findings conflict: hydrosalpinx recorded behind a proximal block, which would stop it filling.",
			"Both tubes: findings conflict, hydrosalpinx recorded behind a proximal block, which would stop it filling."},
		{"occluded cornual", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionDefinite, Spill: report.SpillNone}, true,
			" tube occluded at the cornual segment.", "Bilateral cornual occlusion; no intraperitoneal spill."},
		{"occluded isthmic", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic}, false,
			" tube occluded at the isthmic segment.", "Bilateral isthmic occlusion."},
		{"occluded ampullary", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteAmpullary, Spill: report.SpillNone}, false,
			" tube occluded at the ampullary segment.", "Bilateral ampullary occlusion; no intraperitoneal spill."},
		{"occluded fimbrial", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNotAssessed}, false,
			" tube occluded at the fimbrial segment.", "Bilateral fimbrial occlusion."},
		{"cornual, spasm not excluded", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionSpasmNotExcluded}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"cornual, spasm suspected", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, TubalSpasmSuspected: new(true)}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"cornual, spasm suspected but occlusion definite", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual,
			OcclusionQualifier: report.OcclusionDefinite, TubalSpasmSuspected: new(true)}, false,
			" tube occluded at the cornual segment.", "Bilateral cornual occlusion."},
		{"isthmic, spasm not excluded", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionSpasmNotExcluded}, false,
			" tube occluded at the isthmic segment; spasm not excluded" + clarify,
			"Bilateral isthmic occlusion; spasm not excluded" + clarify},
		{"indeterminate, not opacified", report.Tube{Patency: report.PatencyIndeterminate, Opacification: report.OpacificationNone}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"indeterminate, partially opacified", report.Tube{Patency: report.PatencyIndeterminate, Opacification: report.OpacificationPartial}, false,
			" tube partially opacified; patency indeterminate.", "Bilateral partial tubal opacification; patency indeterminate."},
		{"indeterminate, opacified", report.Tube{Patency: report.PatencyIndeterminate, Opacification: report.OpacificationComplete}, false,
			" tube opacified; patency indeterminate.", "Bilateral tubal opacification; patency indeterminate."},
		{"not visualised", report.Tube{Patency: report.PatencyNotAssessed, Opacification: report.OpacificationNone}, false,
			" tube not visualised.", "Neither tube visualised."},
		{"not assessed", report.Tube{Status: report.TubeNotAssessed, Patency: report.Patent, Spill: report.SpillFreePrompt}, false,
			" tube not assessed.", "Neither tube assessed."},
		{"sterilisation clip", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionAtDevice,
			SterilizationDevice: report.SterilizationClip}, false,
			" tube occluded at the site of the sterilisation clip.", "Bilateral tubal occlusion at the site of the sterilisation clips."},
		{"sterilisation ring", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionAtDevice,
			SterilizationDevice: report.SterilizationRing}, false,
			" tube occluded at the site of the sterilisation ring.", "Bilateral tubal occlusion at the site of the sterilisation rings."},
		{"sterilisation microinsert", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionAtDevice,
			SterilizationDevice: report.SterilizationMicroinsert}, false,
			" tube occluded at the site of the sterilisation microinsert.",
			"Bilateral tubal occlusion at the site of the sterilisation microinserts."},
		{"sterilisation device recorded as none", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionAtDevice,
			SterilizationDevice: report.SterilizationNone}, false,
			" tube occluded at the isthmic segment.", "Bilateral isthmic occlusion."},
		{"surgically absent", report.Tube{Status: report.TubeSurgicallyAbsent, Patency: report.Patent, Spill: report.SpillFreePrompt}, false,
			" tube surgically absent.", "Both tubes surgically absent."},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, s := range []struct {
				word string
				set  func(r *report.Report)
				ref  string
			}{
				{"Right", func(r *report.Report) { r.Tubes.Right = c.tube }, "/tubes/right"},
				{"Left", func(r *report.Report) { r.Tubes.Left = c.tube }, "/tubes/left"},
			} {
				r := fixture.NewTestReport(func(r *report.Report) {
					s.set(r)
					if c.delayed {
						fixture.WithDelayed(r)
					}
				})
				// The other side, with nothing recorded, gets its own sentence.
				checkRussianTwin(t, r) // the same sentences in Russian
				items := GenerateImpression(r)
				i := slices.IndexFunc(items, func(it report.ImpressionItem) bool { return slices.Equal(it.FindingRefs, []string{s.ref}) })
				if i < 0 || items[i].Text != s.word+c.one {
					t.Errorf("%s: got %q\nwant %q", s.word, fixture.Texts(items), s.word+c.one)
					continue
				}
				if it := items[i]; !it.Auto || it.Category != report.CategoryTubes {
					t.Errorf("%s: item %+v", s.word, it)
				}
			}
			r := fixture.NewTestReport(func(r *report.Report) {
				r.Tubes.Right, r.Tubes.Left = c.tube, c.tube
				if c.delayed {
					fixture.WithDelayed(r)
				}
			})
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			if len(items) == 0 || items[0].Text != c.both {
				t.Errorf("both: got %q\nwant %q", fixture.Texts(items), c.both)
				return
			}
			if !slices.Equal(items[0].FindingRefs, []string{"/tubes/right", "/tubes/left"}) {
				t.Errorf("both: refs %q", items[0].FindingRefs)
			}
		})
	}
}

// TestTubeGuardRails checks that incomplete or contradictory tube findings
// are stated as such, never dropped and never completed by a guess: no
// "patent" without its spill, no "occluded" without its site.
func TestTubeGuardRails(t *testing.T) {
	for _, c := range []struct {
		name string
		tube report.Tube
		want string // the left tube's sentence
	}{
		{"patent without spill", report.Tube{Status: report.TubePresent, Patency: report.Patent}, "Left tube findings incomplete: spill not recorded."},
		{"patent with no spill", report.Tube{Patency: report.Patent, Spill: report.SpillNone},
			"Left tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status."},
		{"patent, spill not assessed", report.Tube{Patency: report.Patent, Spill: report.SpillNotAssessed}, "Left tube opacified; spill not assessed."},
		{"patent, unknown spill", report.Tube{Patency: report.Patent, Spill: "free"},
			`Left tube findings incomplete: spill not recorded (unrecognised value "free").`},
		{"patent but not opacified", report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt, Opacification: report.OpacificationNone},
			"Left tube patent with free intraperitoneal spill; opacification recorded as none, in conflict with the spill."},
		{"occluded without site", report.Tube{Patency: report.Occluded, Spill: report.SpillNone}, "Left tube findings incomplete: site of obstruction not recorded."},
		{"occluded, unknown site", report.Tube{Patency: report.Occluded, OcclusionSite: "proximal"},
			`Left tube findings incomplete: site of obstruction not recorded (unrecognised value "proximal").`},
		{"occluded without site, spasm", report.Tube{Patency: report.Occluded, OcclusionQualifier: report.OcclusionSpasmNotExcluded},
			"Left tube findings incomplete: site of obstruction not recorded; spasm not excluded — selective salpingography could clarify."},
		{"occluded with free spill", report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillFreePrompt},
			"Left tube recorded as occluded at the isthmic segment, but free intraperitoneal spill is also recorded; findings conflict."},
		{"occluded hydrosalpinx without site", report.Tube{Patency: report.Occluded, Hydrosalpinx: fixture.Hydro(10, "", mark.SpacingImager)},
			"Left hydrosalpinx (≈10 mm); site of obstruction not recorded. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"occluded at a device without site", report.Tube{Patency: report.Occluded, OcclusionQualifier: report.OcclusionAtDevice, SterilizationDevice: report.SterilizationClip},
			"Left tube occluded at the site of the sterilisation clip."},
		{"nothing but status recorded", report.Tube{Status: report.TubePresent}, "Left tube status not recorded."},
		{"not opacified, patency not recorded", report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone},
			"Left tube not opacified; tubal status not recorded."},
		{"unknown patency", report.Tube{Patency: "open", Spill: report.SpillFreePrompt}, `Left tube status not recorded (unrecognised value "open").`},
		{"unknown status is read as present", report.Tube{Status: "maybe", Patency: report.Patent, Spill: report.SpillFreePrompt},
			"Left tube patent with free intraperitoneal spill."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { r.Tubes.Left = c.tube; fixture.WithDelayed(r) })
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			want := "Right tube findings not recorded. " + c.want
			if got := fixture.Texts(items); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			if slices.ContainsFunc(items, func(it report.ImpressionItem) bool { return strings.HasPrefix(it.Text, "Normal") }) {
				t.Error("incomplete findings called normal")
			}
		})
	}
	// A report with no tube findings at all says nothing about the tubes.
	if items := GenerateImpression(fixture.NewTestReport(nil)); len(items) != 0 {
		t.Errorf("blank report: %q", fixture.Texts(items))
	}
}

func TestTubeMerging(t *testing.T) {
	patent := report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
	for _, c := range []struct {
		name        string
		right, left report.Tube
		want        string
	}{
		{"different states stay apart, right first",
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual}, patent,
			"Right tube occluded at the cornual segment. Left tube patent with free intraperitoneal spill."},
		{"left-only abnormality still lists right first",
			patent, report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic},
			"Right tube patent with free intraperitoneal spill. Left tube occluded at the isthmic segment."},
		{"different hydrosalpinx sizes stay apart",
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: fixture.Hydro(18, "", mark.SpacingImager)},
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: fixture.Hydro(25, "", mark.SpacingImager)},
			"Right hydrosalpinx (≈18 mm) with distal occlusion. Left hydrosalpinx (≈25 mm) with distal occlusion. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"sizes equal once rounded merge",
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: fixture.Hydro(18.2, "", mark.SpacingImager)},
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteAmpullary, Hydrosalpinx: fixture.Hydro(17.9, "", mark.SpacingImager)},
			"Bilateral hydrosalpinges (≈18 mm) with distal occlusion. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"'no intraperitoneal spill' needs no spill on both sides",
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, Spill: report.SpillNone},
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual},
			"Bilateral cornual occlusion. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"SIN on one side only",
			report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt, SalpingitisIsthmicaNodosa: new(true)}, patent,
			"Right tube patent with free intraperitoneal spill; features of salpingitis isthmica nodosa. Left tube patent with free intraperitoneal spill."},
		{"one side incomplete is still stated",
			report.Tube{Patency: report.Patent}, patent,
			"Right tube findings incomplete: spill not recorded. Left tube patent with free intraperitoneal spill."},
		{"long findings split into sentences of at most one semicolon",
			report.Tube{Patency: report.Patent, Spill: report.SpillLoculated, PartialDistalOcclusion: new(true), SalpingitisIsthmicaNodosa: new(true),
				Hydrosalpinx: fixture.Hydro(11, report.FoldsPreserved, mark.SpacingImager)}, patent,
			"Right tube patent with loculated spill, suggesting peritubal adhesions; fimbrial phimosis (partial distal obstruction). " +
				"Right hydrosalpinx (≈11 mm, mucosal folds preserved); features of salpingitis isthmica nodosa. Left tube patent with free intraperitoneal spill. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"identical long findings merge",
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillNone, SalpingitisIsthmicaNodosa: new(true)},
			report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillNone, SalpingitisIsthmicaNodosa: new(true)},
			"Bilateral isthmic occlusion; no intraperitoneal spill. Both tubes: features of salpingitis isthmica nodosa. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = c.right, c.left })
			checkRussianTwin(t, r) // the same sentences in Russian
			if got := fixture.Texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestWorkedExamples checks the three worked examples of §6.1 verbatim.
func TestWorkedExamples(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(r *report.Report)
		want string
	}{
		{"normal",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
				fixture.NormalCavity(r)
			},
			"Normal hysterosalpingogram: normal uterine cavity and bilateral tubal patency with free intraperitoneal spill."},
		{"right hydrosalpinx",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNone,
					Hydrosalpinx: report.Hydrosalpinx{Present: new(true), MaxDiameterMM: new(18.0), MucosalFolds: report.FoldsAbsent}}
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
				fixture.WithDelayed(r)
				fixture.NormalCavity(r)
			},
			"Right hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image. " +
				"Left tube patent with free intraperitoneal spill. Normal uterine cavity. Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease."},
		{"cornual non-filling",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone, Patency: report.Occluded,
					OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionSpasmNotExcluded, Spill: report.SpillNone}
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillLoculated, PeritubalAdhesionsSuspected: new(true)}
			},
			"Right tube patent with loculated spill, suggesting peritubal adhesions. Left tube not opacified beyond the " +
				"cornu; spasm versus proximal occlusion — selective salpingography could clarify."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(c.edit)
			checkRussianTwin(t, r) // the same sentences in Russian
			if got := fixture.Texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
	// The recommendation stated in the third example is also coded.
	r := fixture.NewTestReport(func(r *report.Report) {
		r.Tubes.Left = report.Tube{Patency: report.PatencyIndeterminate, Opacification: report.OpacificationNone}
	})
	recs := GenerateRecommendations(r)
	if len(recs) != 1 || recs[0].Code != report.RecommendSelectiveSalpingography || !recs[0].Auto ||
		!slices.Equal(recs[0].FindingRefs, []string{"/tubes/left"}) {
		t.Errorf("recommendations %+v", recs)
	}
}

func TestNormalMacro(t *testing.T) {
	normal := func(r *report.Report) {
		r.Tubes.Right = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
		r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
		fixture.NormalCavity(r)
	}
	for _, c := range []struct {
		name string
		edit func(r *report.Report)
		want string
	}{
		{"normal with a normal delayed image",
			func(r *report.Report) {
				fixture.WithDelayed(r)
				r.Technique.DelayedImage.MinutesAfterContrast = new(20.0)
				r.Peritoneum.SpillPattern = report.PatternFree
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMNone, ESHREUterine: report.U0}
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectAirBubble}}
				r.Complications.None = new(true)
				r.Technique.Adequacy = report.Adequate
			},
			normalText + " Delayed image at 20 min shows free dispersion of contrast in the pelvis."},
		{"a complication breaks the macro",
			func(r *report.Report) {
				r.Complications.Items = []report.Complication{{Type: report.VenousIntravasation}}
			},
			"Bilateral tubal patency with free intraperitoneal spill. Normal uterine cavity. Venous intravasation without clinical sequelae."},
		{"a limitation breaks the macro",
			func(r *report.Report) { r.Technique.Adequacy = report.Limited },
			"Limited study: bilateral tubal patency with free intraperitoneal spill. Limited study: normal uterine cavity. Study of limited diagnostic quality."},
		{"an arcuate fundus breaks the macro",
			func(r *report.Report) { r.Uterus.Shape = report.ShapeShallowIndentation },
			"Bilateral tubal patency with free intraperitoneal spill. Normal uterine cavity. Arcuate configuration of the fundus, considered a normal variant."},
		{"a cavity not described gives no macro",
			func(r *report.Report) { r.Uterus = report.Uterus{CavityOpacified: new(true)} },
			"Bilateral tubal patency with free intraperitoneal spill."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { normal(r); c.edit(r) })
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			if got := fixture.Texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if strings.HasPrefix(c.want, "Normal hysterosalpingogram") &&
				!slices.Equal(items[0].FindingRefs, []string{"/tubes/right", "/tubes/left", "/uterus"}) {
				t.Errorf("macro refs %q", items[0].FindingRefs)
			}
		})
	}
}

func TestCavityPhrases(t *testing.T) {
	const hysteroscopy = " Hysteroscopy or sonohysterography is recommended to characterise the cavity findings."
	for _, c := range []struct {
		name string
		u    report.Uterus
		want string
	}{
		{"normal", report.Uterus{CavityOpacified: new(true), Shape: report.ShapeNormalTriangular}, "Normal uterine cavity."},
		{"normal from a smooth contour", report.Uterus{Contour: report.ContourSmooth}, "Normal uterine cavity."},
		{"opacified but not described", report.Uterus{CavityOpacified: new(true)}, ""},
		{"not opacified", report.Uterus{CavityOpacified: new(false), Shape: report.ShapeTwoHorns}, "Uterine cavity not opacified."},
		{"artefacts are not findings", report.Uterus{Contour: report.ContourSmooth, FillingDefects: []report.FillingDefect{
			{Kind: report.DefectAirBubble}, {Kind: report.DefectCatheterBalloon}}}, "Normal uterine cavity."},
		{"polyp or leiomyoma (§6.1)", report.Uterus{Contour: report.ContourSmooth, FillingDefects: []report.FillingDefect{
			{Kind: report.DefectPolypOrLeiomyoma, Margin: report.MarginSmooth, Location: report.LocFundus, SizeMM: new(8.0)}}},
			"Smooth filling defect in the fundus (≈8 mm), likely polyp or submucosal leiomyoma." + hysteroscopy},
		{"two polyps", report.Uterus{FillingDefects: []report.FillingDefect{
			{Kind: report.DefectPolyp, Count: new(2), Margin: report.MarginSmooth, Location: report.LocBody, SizeMM: new(6.4)}}},
			"Two smooth filling defects in the uterine body (largest ≈6 mm), likely endometrial polyps." + hysteroscopy},
		{"many leiomyomas", report.Uterus{FillingDefects: []report.FillingDefect{{Kind: report.DefectLeiomyoma, Count: new(12), Location: report.LocDiffuse}}},
			"Multiple filling defects throughout the cavity, likely submucosal leiomyomas." + hysteroscopy},
		{"indeterminate defect", report.Uterus{FillingDefects: []report.FillingDefect{{Kind: report.DefectIndeterminate, Location: report.LocLeftCornu}}},
			"Filling defect in the left cornu of indeterminate nature." + hysteroscopy},
		{"clot needs no hysteroscopy", report.Uterus{FillingDefects: []report.FillingDefect{{Kind: report.DefectClotOrDebris, Margin: report.MarginIrregular}}},
			"Irregular filling defect, likely clot or debris."},
		{"retained products", report.Uterus{FillingDefects: []report.FillingDefect{{Kind: report.DefectRetainedProducts, Location: report.LocFundus}}},
			"Filling defect in the fundus, suggestive of retained products of conception." + hysteroscopy},
		{"adhesions (§6.1)", report.Uterus{IntrauterineAdhesions: report.Adhesions{Present: new(true), Extent: report.ExtentOneToTwoThirds,
			Classification: report.AdhesionClassification{System: report.AdhesionAFS1988, Grade: "moderate"}}},
			"Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions " +
				"(one to two thirds of the cavity; AFS 1988: moderate)." + hysteroscopy},
		{"synechiae as defects", report.Uterus{Contour: report.ContourIrregular, FillingDefects: []report.FillingDefect{{Kind: report.DefectSynechia, Margin: report.MarginLinear}}},
			"Filling defect, consistent with an intrauterine adhesion (synechia)." + hysteroscopy},
		{"adenomyosis (§6.1)", report.Uterus{Contour: report.ContourSmooth, AdenomyosisSigns: report.Adenomyosis{Present: new(true), Pattern: report.AdenomyosisDiverticula}},
			"Myometrial diverticula, suggestive of adenomyosis."},
		{"adenomyosis, other pattern", report.Uterus{AdenomyosisSigns: report.Adenomyosis{Present: new(true), Pattern: report.AdenomyosisOther, Location: report.LocFundus}},
			"Findings in the fundus suggestive of adenomyosis."},
		{"adenomyosis absent", report.Uterus{Contour: report.ContourSmooth, AdenomyosisSigns: report.Adenomyosis{Present: new(false)}}, "Normal uterine cavity."},
		{"caesarean niche", report.Uterus{Outpouchings: []report.Outpouching{{Type: report.OutpouchingNiche, SizeMM: new(5.0)}}},
			"Caesarean scar niche in the lower uterine segment (≈5 mm)."},
		{"small irregular cavity", report.Uterus{Size: report.SizeSmall, Contour: report.ContourIrregular}, "Small uterine cavity with irregular contour."},
		{"enlarged cavity", report.Uterus{Size: report.SizeEnlarged, Contour: report.ContourSmooth}, "Enlarged uterine cavity."},
		{"irregular contour", report.Uterus{Contour: report.ContourIrregular}, "Irregular uterine cavity contour."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { r.Uterus = c.u })
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			if got := fixture.Texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			for _, it := range items {
				if it.Category != report.CategoryCavity && it.Category != report.CategoryOther {
					t.Errorf("category %s for %q", it.Category, it.Text)
				}
			}
		})
	}
}

func TestAnomalyPhrases(t *testing.T) {
	const imaging = " — correlation with 3D ultrasound or MRI recommended."
	const indeterminate = "Uterine configuration with two horns; septate versus bicornuate cannot be distinguished on HSG " +
		"(ESHRE/ESGE U2/U3 indeterminate) — correlation with 3D ultrasound or MRI recommended."
	for _, c := range []struct {
		name    string
		u       report.Uterus
		want    string
		wantRec report.RecommendationCode
	}{
		{"septate or bicornuate indeterminate (§6.1)", report.Uterus{Shape: report.ShapeTwoHorns,
			MullerianAnomaly: report.Anomaly{ASRM: report.ASRMSeptateOrBicornuate, ESHREUterine: report.U2OrU3}}, indeterminate, report.RecommendAnomalyImaging},
		{"ESHRE U2/U3 indeterminate only", report.Uterus{MullerianAnomaly: report.Anomaly{ESHREUterine: report.U2OrU3}}, indeterminate, report.RecommendAnomalyImaging},
		{"two horns, no class", report.Uterus{Shape: report.ShapeTwoHorns}, indeterminate, report.RecommendAnomalyImaging},
		{"unicornuate with side (§6.1)", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMUnicornuate, Side: report.Left}},
			"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4) with a single left tube.", ""},
		{"unicornuate U4a right", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMUnicornuate, ESHREUterine: report.U4a, Side: report.Right}},
			"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4a) with a single right tube.", ""},
		{"unicornuate without side", report.Uterus{MullerianAnomaly: report.Anomaly{ESHREUterine: report.U4b}},
			"Unicornuate uterus (ESHRE/ESGE U4b).", ""},
		{"T-shaped (§6.1)", report.Uterus{Shape: report.ShapeTShaped, MullerianAnomaly: report.Anomaly{ESHREUterine: report.U1a}},
			"T-shaped cavity (ESHRE/ESGE U1a).", ""},
		{"T-shaped from the shape", report.Uterus{Shape: report.ShapeTShaped}, "T-shaped cavity (ESHRE/ESGE U1a).", ""},
		{"didelphys", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMDidelphys, ESHREUterine: report.U3b, ESHRECervical: report.C2, ESHREVaginal: report.V1}},
			"Uterus didelphys (ASRM MAC2021: uterus didelphys; ESHRE/ESGE U3b/C2/V1).", ""},
		{"didelphys, MRI advised", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMDidelphys, ConfirmationRecommended: report.ConfirmMRI}},
			"Uterus didelphys (ASRM MAC2021: uterus didelphys)" + imaging, report.RecommendAnomalyImaging},
		{"bicornuate, contour assessed", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMBicornuate, ExternalContourAssessable: new(true)}},
			"Bicornuate uterus (ASRM MAC2021: bicornuate).", ""},
		{"bicornuate, contour not assessable", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMBicornuate, ESHREUterine: report.U3a}},
			"Bicornuate uterus (ASRM MAC2021: bicornuate; ESHRE/ESGE U3a) — external contour not assessable on HSG; " +
				"correlation with 3D ultrasound or MRI recommended.", report.RecommendAnomalyImaging},
		{"probable septate", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMSeptate, ESHREUterine: report.U2a, Certainty: report.Probable,
			ExternalContourAssessable: new(true)}},
			"Probable septate uterus (ASRM MAC2021: septate; ESHRE/ESGE U2a).", ""},
		{"septate from AFS", report.Uterus{MullerianAnomaly: report.Anomaly{AFS: report.AFSV, Certainty: report.Possible}},
			"Possible septate uterus (AFS 1988 class V) — external contour not assessable on HSG; " +
				"correlation with 3D ultrasound or MRI recommended.", report.RecommendAnomalyImaging},
		{"arcuate (AFS VI)", report.Uterus{Shape: report.ShapeShallowIndentation, MullerianAnomaly: report.Anomaly{AFS: report.AFSVI}},
			"Arcuate configuration of the fundus (AFS 1988 class VI), considered a normal variant.", ""},
		{"arcuate from the shape, normal cavity", report.Uterus{Shape: report.ShapeShallowIndentation, Contour: report.ContourSmooth},
			"Normal uterine cavity. Arcuate configuration of the fundus, considered a normal variant.", ""},
		{"normal (ASRM none, U0)", report.Uterus{Shape: report.ShapeNormalTriangular, MullerianAnomaly: report.Anomaly{Suspected: new(false), ASRM: report.ASRMNone, ESHREUterine: report.U0}},
			"Normal uterine cavity.", ""},
		{"ASRM none: the shape is still described", report.Uterus{Shape: report.ShapeTwoHorns, MullerianAnomaly: report.Anomaly{ASRM: report.ASRMNone}},
			"Uterine cavity with two horns or cavities (no Müllerian anomaly classified)" + imaging, report.RecommendAnomalyImaging},
		{"suspected, unclassified", report.Uterus{MullerianAnomaly: report.Anomaly{Suspected: new(true)}},
			"Suspected Müllerian anomaly" + imaging, report.RecommendAnomalyImaging},
		{"single horn shape", report.Uterus{Shape: report.ShapeSingleHorn},
			"Single-horned (banana-shaped) cavity, suggesting a unicornuate uterus" + imaging, report.RecommendAnomalyImaging},
		{"hysteroscopy and laparoscopy advised", report.Uterus{MullerianAnomaly: report.Anomaly{ASRM: report.ASRMComplex, ConfirmationRecommended: report.ConfirmHysteroLaparoscopy}},
			"Complex Müllerian anomaly (ASRM MAC2021: complex anomaly) — hysteroscopy and laparoscopy could confirm.", report.RecommendOther},
		{"not shown when the cavity did not opacify", report.Uterus{CavityOpacified: new(false), MullerianAnomaly: report.Anomaly{ASRM: report.ASRMSeptate}},
			"Uterine cavity not opacified.", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { r.Uterus = c.u })
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			if got := fixture.Texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			var codes []report.RecommendationCode
			for _, rec := range GenerateRecommendations(r) {
				codes = append(codes, rec.Code)
			}
			if c.wantRec == "" && len(codes) > 0 || c.wantRec != "" && !slices.Equal(codes, []report.RecommendationCode{c.wantRec}) {
				t.Errorf("recommendations %q, want %q", codes, c.wantRec)
			}
			for _, it := range items {
				if strings.Contains(it.Text, "uterus") && it.Category != report.CategoryAnomaly {
					t.Errorf("category %s for %q", it.Category, it.Text)
				}
			}
		})
	}
}

func TestPeritoneumPhrases(t *testing.T) {
	for _, c := range []struct {
		name    string
		delayed bool
		minutes *float64
		p       report.Peritoneum
		left    report.Spill
		want    string
	}{
		{"free dispersion (§6.1)", true, new(20.0), report.Peritoneum{SpillPattern: report.PatternFree},
			"", "Delayed image at 20 min shows free dispersion of contrast in the pelvis."},
		{"loculated (§6.1)", true, new(25.4), report.Peritoneum{DelayedFindings: []report.DelayedFinding{report.DelayedLoculation}}, report.SpillLoculated,
			"Right tube patent with free intraperitoneal spill. Left tube patent with loculated spill, suggesting peritubal adhesions. " +
				"Delayed image at 25 min shows persistent loculated contrast adjacent to the left adnexa."},
		{"mixed", true, new(30.0), report.Peritoneum{SpillPattern: report.PatternMixed}, "",
			"Delayed image at 30 min shows free dispersion of contrast in the pelvis and persistent loculated contrast adjacent to the adnexa (side not recorded)."},
		{"no contrast, no minutes", true, nil, report.Peritoneum{DelayedFindings: []report.DelayedFinding{report.DelayedNoContrast, report.DelayedUterineContrast}}, "",
			"Delayed image shows no intraperitoneal contrast and residual intrauterine contrast."},
		{"renal excretion", true, new(20.0), report.Peritoneum{SpillPattern: report.PatternFree,
			DelayedFindings: []report.DelayedFinding{report.DelayedFreeDispersion, report.DelayedRenalExcretion}}, "",
			"Delayed image at 20 min shows free dispersion of contrast in the pelvis and renal excretion of intravasated contrast."},
		{"nothing said without a delayed image", false, new(20.0), report.Peritoneum{SpillPattern: report.PatternFree,
			DelayedFindings: []report.DelayedFinding{report.DelayedNoContrast}}, "", ""},
		{"nothing recorded", true, new(20.0), report.Peritoneum{SpillPattern: report.PatternNotAssessed}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) {
				r.Technique.DelayedImage = report.DelayedImage{Obtained: new(c.delayed), MinutesAfterContrast: c.minutes}
				r.Peritoneum = c.p
				if c.left != "" {
					r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: c.left}
					r.Tubes.Right = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
				}
			})
			checkRussianTwin(t, r) // the same sentences in Russian
			items := GenerateImpression(r)
			if got := fixture.Texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if n := len(items); n > 0 && !slices.Equal(items[n-1].FindingRefs, []string{"/peritoneum", "/technique/delayedImage"}) {
				t.Errorf("refs %q", items[n-1].FindingRefs)
			}
		})
	}
}

func TestComplicationAndLimitationPhrases(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(r *report.Report)
		want string
	}{
		{"venous intravasation (§6.1)", func(r *report.Report) {
			r.Complications.Items = []report.Complication{{Type: report.VenousIntravasation}}
		}, "Venous intravasation without clinical sequelae."},
		{"intravasation with a clinical event", func(r *report.Report) {
			r.Complications.Items = []report.Complication{{Type: report.VenousIntravasation, Grade: "Dusak level 2", Side: report.Right,
				AffectsInterpretation: new(true)}, {Type: report.VasovagalReaction}}
		}, "Venous intravasation (Dusak level 2) on the right, limiting interpretation. Vasovagal reaction."},
		{"severe pain with VAS", func(r *report.Report) {
			r.Complications = report.Complications{Items: []report.Complication{{Type: report.SeverePain}}, PainVAS: new(8)}
		}, "Severe pain during the procedure (VAS 8/10)."},
		{"no complications", func(r *report.Report) { r.Complications.None = new(true) }, ""},
		{"limited with reasons", func(r *report.Report) {
			r.Technique.Adequacy = report.Limited
			r.Technique.Limitations = []report.Limitation{report.LimitIncompleteDistension, report.LimitAirBubbles, report.LimitNoOrientationMarker}
		}, "Study limited by incomplete distension of the cavity, air bubbles and the absence of an orientation marker."},
		{"limited without reasons", func(r *report.Report) { r.Technique.Adequacy = report.Limited },
			"Study of limited diagnostic quality."},
		{"non-diagnostic", func(r *report.Report) {
			r.Technique.Adequacy = report.NonDiagnostic
			r.Technique.Limitations = []report.Limitation{report.LimitDiscomfortTerminated}
		}, "Non-diagnostic study owing to early termination for patient discomfort. Repeat HSG may be considered."},
		{"adequate: no limitation sentence", func(r *report.Report) {
			r.Technique.Adequacy = report.Adequate
			r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles}
		}, ""},
		{"adequacy unset but limitations listed", func(r *report.Report) {
			r.Technique.Limitations = []report.Limitation{report.LimitNoDelayedImage, report.LimitNoDelayedImage}
		}, "Study limited by the absence of a delayed image."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(c.edit)
			checkRussianTwin(t, r) // the same sentences in Russian
			if got := fixture.Texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestImpressionOrder(t *testing.T) {
	r := fixture.NewTestReport(func(r *report.Report) {
		fixture.WithDelayed(r)
		r.Technique.DelayedImage.MinutesAfterContrast = new(20.0)
		r.Technique.Limitations = []report.Limitation{report.LimitAirBubbles} // adequacy unset: no caveat prefix
		r.Complications.Items = []report.Complication{{Type: report.LymphaticIntravasation}}
		r.Peritoneum.SpillPattern = report.PatternFree
		r.Uterus = report.Uterus{Shape: report.ShapeTwoHorns, FillingDefects: []report.FillingDefect{{Kind: report.DefectPolyp, Location: report.LocFundus}}}
		r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt}
		r.Tubes.Right = report.Tube{Patency: report.PatencyIndeterminate}
	})
	checkRussianTwin(t, r) // the same sentences in Russian
	items := GenerateImpression(r)
	var got []string
	for _, it := range items {
		got = append(got, string(it.Category)+": "+it.Text)
	}
	want := []string{
		"tubes: Right tube not opacified beyond the cornu; spasm versus proximal occlusion — selective salpingography could clarify.",
		"tubes: Left tube patent with free intraperitoneal spill.",
		"cavity: Filling defect in the fundus, likely endometrial polyp.",
		"anomaly: Uterine configuration with two horns; septate versus bicornuate cannot be distinguished on HSG (ESHRE/ESGE U2/U3 indeterminate) — correlation with 3D ultrasound or MRI recommended.",
		"other: Delayed image at 20 min shows free dispersion of contrast in the pelvis.",
		"complication: Lymphatic intravasation without clinical sequelae.",
		"limitation: Study limited by air bubbles.",
		"other: Hysteroscopy or sonohysterography is recommended to characterise the cavity findings.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var codes []report.RecommendationCode
	for _, rec := range GenerateRecommendations(r) {
		codes = append(codes, rec.Code)
	}
	if want := []report.RecommendationCode{report.RecommendSelectiveSalpingography, report.RecommendHysteroscopy, report.RecommendAnomalyImaging}; !slices.Equal(codes, want) {
		t.Errorf("recommendations %q, want %q", codes, want)
	}
	if !reflect.DeepEqual(items, GenerateImpression(r)) {
		t.Error("the generator is not deterministic")
	}
	if got := report.ImpressionText(items[:2]); got != want[0][len("tubes: "):]+"\n"+want[1][len("tubes: "):] {
		t.Errorf("ImpressionText = %q", got)
	}
	for _, it := range items {
		if !it.Auto || it.GeneratedText != it.Text || len(it.FindingRefs) == 0 {
			t.Errorf("item %+v", it)
		}
	}
}

func TestGenerateEmpty(t *testing.T) {
	items := GenerateImpression(report.NewReport("1"))
	if items == nil || len(items) != 0 {
		t.Errorf("got %v, want an empty non-nil slice", items)
	}
	if report.ImpressionText(nil) != "" {
		t.Error("ImpressionText(nil) != \"\"")
	}
}
