package annotate

import (
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
		tube    Tube
		delayed bool
		one     string // the sentence after "Right"/"Left"
		both    string
	}{
		{"patent free prompt", Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreePrompt}, false,
			" tube patent with free intraperitoneal spill.", "Bilateral tubal patency with free intraperitoneal spill."},
		{"patent delayed only", Tube{Patency: Patent, Spill: SpillFreeDelayedOnly}, true,
			" tube patent; spill seen only on the delayed image.", "Bilateral tubal patency; spill seen only on the delayed image."},
		{"patent delayed only, no delayed image", Tube{Patency: Patent, Spill: SpillFreeDelayedOnly}, false,
			" tube patent with delayed intraperitoneal spill.", "Bilateral tubal patency with delayed intraperitoneal spill."},
		{"patent loculated", Tube{Patency: Patent, Spill: SpillLoculated, PeritubalAdhesionsSuspected: new(true)}, true,
			" tube patent with loculated spill, suggesting peritubal adhesions.",
			"Bilateral tubal patency with loculated spill, suggesting peritubal adhesions."},
		{"patent minimal", Tube{Patency: Patent, Spill: SpillMinimal}, false,
			" tube patent with minimal intraperitoneal spill.", "Bilateral tubal patency with minimal intraperitoneal spill."},
		{"patent free with adhesions suspected", Tube{Patency: Patent, Spill: SpillFreePrompt, PeritubalAdhesionsSuspected: new(true)}, false,
			" tube patent with free intraperitoneal spill; peritubal adhesions suspected.",
			"Bilateral tubal patency with free intraperitoneal spill; peritubal adhesions suspected."},
		{"patent with hydrosalpinx", Tube{Patency: Patent, Spill: SpillLoculated, Hydrosalpinx: hydro(20, "", SpacingImager)}, false,
			" tube patent with loculated spill, suggesting peritubal adhesions; hydrosalpinx (≈20 mm).",
			"Bilateral tubal patency with loculated spill, suggesting peritubal adhesions; hydrosalpinx (≈20 mm)."},
		{"SIN", Tube{Patency: Patent, Spill: SpillFreePrompt, SalpingitisIsthmicaNodosa: new(true)}, false,
			" tube patent with free intraperitoneal spill; features of salpingitis isthmica nodosa.",
			"Bilateral tubal patency with free intraperitoneal spill; features of salpingitis isthmica nodosa."},
		{"hydrosalpinx, no spill on delayed", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNone,
			Hydrosalpinx: hydro(18, FoldsAbsent, SpacingImager)}, true,
			" hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image."},
		{"hydrosalpinx without delayed image", Tube{Patency: Occluded, OcclusionSite: SiteAmpullary, Spill: SpillNone,
			Hydrosalpinx: hydro(18, FoldsPreserved, SpacingImager)}, false,
			" hydrosalpinx (≈18 mm, mucosal folds preserved) with distal occlusion.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds preserved) with distal occlusion."},
		{"hydrosalpinx, spill not assessed on delayed", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNotAssessed,
			Hydrosalpinx: hydro(17.6, FoldsReduced, SpacingImagerOverERMF)}, true,
			" hydrosalpinx (≈18 mm, mucosal folds reduced) with distal occlusion.",
			"Bilateral hydrosalpinges (≈18 mm, mucosal folds reduced) with distal occlusion."},
		{"hydrosalpinx, Pixel Spacing size is exact", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial,
			Hydrosalpinx: hydro(18.44, "", SpacingPixelSpacing)}, false,
			" hydrosalpinx (18.4 mm) with distal occlusion.", "Bilateral hydrosalpinges (18.4 mm) with distal occlusion."},
		{"hydrosalpinx, user calibration size is exact", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial,
			Hydrosalpinx: hydro(21, FoldsNotAssessable, SpacingUser)}, false,
			" hydrosalpinx (21 mm) with distal occlusion.", "Bilateral hydrosalpinges (21 mm) with distal occlusion."},
		{"hydrosalpinx, uncalibrated size not given in mm", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial,
			Hydrosalpinx: hydro(40, FoldsPreserved, SpacingUncalibrated)}, false,
			" hydrosalpinx (size not calibrated, mucosal folds preserved) with distal occlusion.",
			"Bilateral hydrosalpinges (size not calibrated, mucosal folds preserved) with distal occlusion."},
		{"hydrosalpinx, unknown basis is approximate", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial,
			Hydrosalpinx: hydro(15, "", "")}, false,
			" hydrosalpinx (≈15 mm) with distal occlusion.", "Bilateral hydrosalpinges (≈15 mm) with distal occlusion."},
		{"hydrosalpinx, no size", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: Hydrosalpinx{Present: new(true)}}, false,
			" hydrosalpinx with distal occlusion.", "Bilateral hydrosalpinges with distal occlusion."},
		{"hydrosalpinx, proximal site", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, Hydrosalpinx: hydro(12, "", SpacingImager)}, false,
			" hydrosalpinx (≈12 mm) with occlusion at the isthmic segment.",
			"Bilateral hydrosalpinges (≈12 mm) with occlusion at the isthmic segment."},
		{"occluded cornual", Tube{Patency: Occluded, OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionDefinite, Spill: SpillNone}, true,
			" tube occluded at the cornual segment.", "Bilateral cornual occlusion; no intraperitoneal spill."},
		{"occluded isthmic", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic}, false,
			" tube occluded at the isthmic segment.", "Bilateral isthmic occlusion."},
		{"occluded ampullary", Tube{Patency: Occluded, OcclusionSite: SiteAmpullary, Spill: SpillNone}, false,
			" tube occluded at the ampullary segment.", "Bilateral ampullary occlusion; no intraperitoneal spill."},
		{"occluded fimbrial", Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNotAssessed}, false,
			" tube occluded at the fimbrial segment.", "Bilateral fimbrial occlusion."},
		{"cornual, spasm not excluded", Tube{Patency: Occluded, OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionSpasmNotExcluded}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"cornual, spasm suspected", Tube{Patency: Occluded, OcclusionSite: SiteCornual, TubalSpasmSuspected: new(true)}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"cornual, spasm suspected but occlusion definite", Tube{Patency: Occluded, OcclusionSite: SiteCornual,
			OcclusionQualifier: OcclusionDefinite, TubalSpasmSuspected: new(true)}, false,
			" tube occluded at the cornual segment.", "Bilateral cornual occlusion."},
		{"isthmic, spasm not excluded", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, OcclusionQualifier: OcclusionSpasmNotExcluded}, false,
			" tube occluded at the isthmic segment; spasm not excluded" + clarify,
			"Bilateral isthmic occlusion; spasm not excluded" + clarify},
		{"indeterminate, not opacified", Tube{Patency: PatencyIndeterminate, Opacification: OpacificationNone}, false,
			" tube not opacified beyond the cornu; spasm versus proximal occlusion" + clarify,
			"Bilateral tubal non-opacification beyond the cornua; spasm versus proximal occlusion" + clarify},
		{"indeterminate, partially opacified", Tube{Patency: PatencyIndeterminate, Opacification: OpacificationPartial}, false,
			" tube partially opacified; patency indeterminate.", "Bilateral partial tubal opacification; patency indeterminate."},
		{"indeterminate, opacified", Tube{Patency: PatencyIndeterminate, Opacification: OpacificationComplete}, false,
			" tube opacified; patency indeterminate.", "Bilateral tubal opacification; patency indeterminate."},
		{"not visualised", Tube{Patency: PatencyNotAssessed, Opacification: OpacificationNone}, false,
			" tube not visualised.", "Neither tube visualised."},
		{"not assessed", Tube{Status: TubeNotAssessed, Patency: Patent, Spill: SpillFreePrompt}, false,
			" tube not assessed.", "Neither tube assessed."},
		{"sterilisation clip", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, OcclusionQualifier: OcclusionAtDevice,
			SterilizationDevice: SterilizationClip}, false,
			" tube occluded at the site of the sterilisation clip.", "Bilateral tubal occlusion at the site of the sterilisation clips."},
		{"sterilisation ring", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, OcclusionQualifier: OcclusionAtDevice,
			SterilizationDevice: SterilizationRing}, false,
			" tube occluded at the site of the sterilisation ring.", "Bilateral tubal occlusion at the site of the sterilisation rings."},
		{"sterilisation microinsert", Tube{Patency: Occluded, OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionAtDevice,
			SterilizationDevice: SterilizationMicroinsert}, false,
			" tube occluded at the site of the sterilisation microinsert.",
			"Bilateral tubal occlusion at the site of the sterilisation microinserts."},
		{"sterilisation device recorded as none", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, OcclusionQualifier: OcclusionAtDevice,
			SterilizationDevice: SterilizationNone}, false,
			" tube occluded at the isthmic segment.", "Bilateral isthmic occlusion."},
		{"surgically absent", Tube{Status: TubeSurgicallyAbsent, Patency: Patent, Spill: SpillFreePrompt}, false,
			" tube surgically absent.", "Both tubes surgically absent."},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, s := range []struct {
				word string
				set  func(r *Report)
				ref  string
			}{
				{"Right", func(r *Report) { r.Tubes.Right = c.tube }, "/tubes/right"},
				{"Left", func(r *Report) { r.Tubes.Left = c.tube }, "/tubes/left"},
			} {
				r := newTestReport(func(r *Report) {
					s.set(r)
					if c.delayed {
						withDelayed(r)
					}
				})
				// The other side, with nothing recorded, gets its own sentence.
				items := GenerateImpression(r)
				i := slices.IndexFunc(items, func(it ImpressionItem) bool { return slices.Equal(it.FindingRefs, []string{s.ref}) })
				if i < 0 || items[i].Text != s.word+c.one {
					t.Errorf("%s: got %q\nwant %q", s.word, texts(items), s.word+c.one)
					continue
				}
				if it := items[i]; !it.Auto || it.Category != CategoryTubes {
					t.Errorf("%s: item %+v", s.word, it)
				}
			}
			r := newTestReport(func(r *Report) {
				r.Tubes.Right, r.Tubes.Left = c.tube, c.tube
				if c.delayed {
					withDelayed(r)
				}
			})
			items := GenerateImpression(r)
			if len(items) == 0 || items[0].Text != c.both {
				t.Errorf("both: got %q\nwant %q", texts(items), c.both)
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
		tube Tube
		want string // the left tube's sentence
	}{
		{"patent without spill", Tube{Status: TubePresent, Patency: Patent}, "Left tube findings incomplete: spill not recorded."},
		{"patent with no spill", Tube{Patency: Patent, Spill: SpillNone},
			"Left tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status."},
		{"patent, spill not assessed", Tube{Patency: Patent, Spill: SpillNotAssessed}, "Left tube opacified; spill not assessed."},
		{"patent, unknown spill", Tube{Patency: Patent, Spill: "free"},
			`Left tube findings incomplete: spill not recorded (unrecognised value "free").`},
		{"patent but not opacified", Tube{Patency: Patent, Spill: SpillFreePrompt, Opacification: OpacificationNone},
			"Left tube patent with free intraperitoneal spill; opacification recorded as none, in conflict with the spill."},
		{"occluded without site", Tube{Patency: Occluded, Spill: SpillNone}, "Left tube findings incomplete: site of obstruction not recorded."},
		{"occluded, unknown site", Tube{Patency: Occluded, OcclusionSite: "proximal"},
			`Left tube findings incomplete: site of obstruction not recorded (unrecognised value "proximal").`},
		{"occluded without site, spasm", Tube{Patency: Occluded, OcclusionQualifier: OcclusionSpasmNotExcluded},
			"Left tube findings incomplete: site of obstruction not recorded; spasm not excluded — selective salpingography could clarify."},
		{"occluded with free spill", Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, Spill: SpillFreePrompt},
			"Left tube recorded as occluded at the isthmic segment, but free intraperitoneal spill is also recorded; findings conflict."},
		{"occluded hydrosalpinx without site", Tube{Patency: Occluded, Hydrosalpinx: hydro(10, "", SpacingImager)},
			"Left hydrosalpinx (≈10 mm); site of obstruction not recorded."},
		{"occluded at a device without site", Tube{Patency: Occluded, OcclusionQualifier: OcclusionAtDevice, SterilizationDevice: SterilizationClip},
			"Left tube occluded at the site of the sterilisation clip."},
		{"nothing but status recorded", Tube{Status: TubePresent}, "Left tube status not recorded."},
		{"not opacified, patency not recorded", Tube{Status: TubePresent, Opacification: OpacificationNone},
			"Left tube not opacified; tubal status not recorded."},
		{"unknown patency", Tube{Patency: "open", Spill: SpillFreePrompt}, `Left tube status not recorded (unrecognised value "open").`},
		{"unknown status is read as present", Tube{Status: "maybe", Patency: Patent, Spill: SpillFreePrompt},
			"Left tube patent with free intraperitoneal spill."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { r.Tubes.Left = c.tube; withDelayed(r) })
			items := GenerateImpression(r)
			want := "Right tube findings not recorded. " + c.want
			if got := texts(items); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			if slices.ContainsFunc(items, func(it ImpressionItem) bool { return strings.HasPrefix(it.Text, "Normal") }) {
				t.Error("incomplete findings called normal")
			}
		})
	}
	// A report with no tube findings at all says nothing about the tubes.
	if items := GenerateImpression(newTestReport(nil)); len(items) != 0 {
		t.Errorf("blank report: %q", texts(items))
	}
}

func TestTubeMerging(t *testing.T) {
	patent := Tube{Patency: Patent, Spill: SpillFreePrompt}
	for _, c := range []struct {
		name        string
		right, left Tube
		want        string
	}{
		{"different states stay apart, right first",
			Tube{Patency: Occluded, OcclusionSite: SiteCornual}, patent,
			"Right tube occluded at the cornual segment. Left tube patent with free intraperitoneal spill."},
		{"left-only abnormality still lists right first",
			patent, Tube{Patency: Occluded, OcclusionSite: SiteIsthmic},
			"Right tube patent with free intraperitoneal spill. Left tube occluded at the isthmic segment."},
		{"different hydrosalpinx sizes stay apart",
			Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: hydro(18, "", SpacingImager)},
			Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: hydro(25, "", SpacingImager)},
			"Right hydrosalpinx (≈18 mm) with distal occlusion. Left hydrosalpinx (≈25 mm) with distal occlusion."},
		{"sizes equal once rounded merge",
			Tube{Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: hydro(18.2, "", SpacingImager)},
			Tube{Patency: Occluded, OcclusionSite: SiteAmpullary, Hydrosalpinx: hydro(17.9, "", SpacingImager)},
			"Bilateral hydrosalpinges (≈18 mm) with distal occlusion."},
		{"'no intraperitoneal spill' needs no spill on both sides",
			Tube{Patency: Occluded, OcclusionSite: SiteCornual, Spill: SpillNone},
			Tube{Patency: Occluded, OcclusionSite: SiteCornual},
			"Bilateral cornual occlusion."},
		{"SIN on one side only",
			Tube{Patency: Patent, Spill: SpillFreePrompt, SalpingitisIsthmicaNodosa: new(true)}, patent,
			"Right tube patent with free intraperitoneal spill; features of salpingitis isthmica nodosa. Left tube patent with free intraperitoneal spill."},
		{"one side incomplete is still stated",
			Tube{Patency: Patent}, patent,
			"Right tube findings incomplete: spill not recorded. Left tube patent with free intraperitoneal spill."},
		{"long findings split into sentences of at most one semicolon",
			Tube{Patency: Patent, Spill: SpillFreeDelayedOnly, PeritubalAdhesionsSuspected: new(true),
				Hydrosalpinx: hydro(11, FoldsPreserved, SpacingImager)}, patent,
			"Right tube patent with delayed intraperitoneal spill; peritubal adhesions suspected. " +
				"Right hydrosalpinx (≈11 mm, mucosal folds preserved). Left tube patent with free intraperitoneal spill."},
		{"identical long findings merge",
			Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, Spill: SpillNone, SalpingitisIsthmicaNodosa: new(true)},
			Tube{Patency: Occluded, OcclusionSite: SiteIsthmic, Spill: SpillNone, SalpingitisIsthmicaNodosa: new(true)},
			"Bilateral isthmic occlusion; no intraperitoneal spill. Both tubes: features of salpingitis isthmica nodosa."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { r.Tubes.Right, r.Tubes.Left = c.right, c.left })
			if got := texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestWorkedExamples checks the three worked examples of §6.1 verbatim.
func TestWorkedExamples(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(r *Report)
		want string
	}{
		{"normal",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreePrompt}
				r.Tubes.Left = Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreePrompt}
				normalCavity(r)
			},
			"Normal hysterosalpingogram: normal uterine cavity and bilateral tubal patency with free intraperitoneal spill."},
		{"right hydrosalpinx",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteFimbrial, Spill: SpillNone,
					Hydrosalpinx: Hydrosalpinx{Present: new(true), MaxDiameterMM: new(18.0), MucosalFolds: FoldsAbsent}}
				r.Tubes.Left = Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreePrompt}
				withDelayed(r)
				normalCavity(r)
			},
			"Right hydrosalpinx (≈18 mm, mucosal folds absent) with distal occlusion; no spill on the delayed image. " +
				"Left tube patent with free intraperitoneal spill. Normal uterine cavity."},
		{"cornual non-filling",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationNone, Patency: Occluded,
					OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionSpasmNotExcluded, Spill: SpillNone}
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Patent, Spill: SpillLoculated, PeritubalAdhesionsSuspected: new(true)}
			},
			"Right tube patent with loculated spill, suggesting peritubal adhesions. Left tube not opacified beyond the " +
				"cornu; spasm versus proximal occlusion — selective salpingography could clarify."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(c.edit)
			if got := texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
	// The recommendation stated in the third example is also coded.
	r := newTestReport(func(r *Report) {
		r.Tubes.Left = Tube{Patency: PatencyIndeterminate, Opacification: OpacificationNone}
	})
	recs := GenerateRecommendations(r)
	if len(recs) != 1 || recs[0].Code != RecommendSelectiveSalpingography || !recs[0].Auto ||
		!slices.Equal(recs[0].FindingRefs, []string{"/tubes/left"}) {
		t.Errorf("recommendations %+v", recs)
	}
}

func TestNormalMacro(t *testing.T) {
	normal := func(r *Report) {
		r.Tubes.Right = Tube{Patency: Patent, Spill: SpillFreePrompt}
		r.Tubes.Left = Tube{Patency: Patent, Spill: SpillFreePrompt}
		normalCavity(r)
	}
	for _, c := range []struct {
		name string
		edit func(r *Report)
		want string
	}{
		{"normal with a normal delayed image",
			func(r *Report) {
				withDelayed(r)
				r.Technique.DelayedImage.MinutesAfterContrast = new(20.0)
				r.Peritoneum.SpillPattern = PatternFree
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMNone, ESHREUterine: U0}
				r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectAirBubble}}
				r.Complications.None = new(true)
				r.Technique.Adequacy = Adequate
			},
			normalText + " Delayed image at 20 min shows free dispersion of contrast in the pelvis."},
		{"a complication breaks the macro",
			func(r *Report) { r.Complications.Items = []Complication{{Type: VenousIntravasation}} },
			"Bilateral tubal patency with free intraperitoneal spill. Normal uterine cavity. Venous intravasation without clinical sequelae."},
		{"a limitation breaks the macro",
			func(r *Report) { r.Technique.Adequacy = Limited },
			"Limited study: bilateral tubal patency with free intraperitoneal spill. Limited study: normal uterine cavity. Study of limited diagnostic quality."},
		{"an arcuate fundus breaks the macro",
			func(r *Report) { r.Uterus.Shape = ShapeShallowIndentation },
			"Bilateral tubal patency with free intraperitoneal spill. Normal uterine cavity. Arcuate configuration of the fundus, considered a normal variant."},
		{"a cavity not described gives no macro",
			func(r *Report) { r.Uterus = Uterus{CavityOpacified: new(true)} },
			"Bilateral tubal patency with free intraperitoneal spill."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { normal(r); c.edit(r) })
			items := GenerateImpression(r)
			if got := texts(items); got != c.want {
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
		u    Uterus
		want string
	}{
		{"normal", Uterus{CavityOpacified: new(true), Shape: ShapeNormalTriangular}, "Normal uterine cavity."},
		{"normal from a smooth contour", Uterus{Contour: ContourSmooth}, "Normal uterine cavity."},
		{"opacified but not described", Uterus{CavityOpacified: new(true)}, ""},
		{"not opacified", Uterus{CavityOpacified: new(false), Shape: ShapeTwoHorns}, "Uterine cavity not opacified."},
		{"artefacts are not findings", Uterus{Contour: ContourSmooth, FillingDefects: []FillingDefect{
			{Kind: DefectAirBubble}, {Kind: DefectCatheterBalloon}}}, "Normal uterine cavity."},
		{"polyp or leiomyoma (§6.1)", Uterus{Contour: ContourSmooth, FillingDefects: []FillingDefect{
			{Kind: DefectPolypOrLeiomyoma, Margin: MarginSmooth, Location: LocFundus, SizeMM: new(8.0)}}},
			"Smooth filling defect in the fundus (≈8 mm), likely polyp or submucosal leiomyoma." + hysteroscopy},
		{"two polyps", Uterus{FillingDefects: []FillingDefect{
			{Kind: DefectPolyp, Count: new(2), Margin: MarginSmooth, Location: LocBody, SizeMM: new(6.4)}}},
			"Two smooth filling defects in the uterine body (largest ≈6 mm), likely endometrial polyps." + hysteroscopy},
		{"many leiomyomas", Uterus{FillingDefects: []FillingDefect{{Kind: DefectLeiomyoma, Count: new(12), Location: LocDiffuse}}},
			"Multiple filling defects throughout the cavity, likely submucosal leiomyomas." + hysteroscopy},
		{"indeterminate defect", Uterus{FillingDefects: []FillingDefect{{Kind: DefectIndeterminate, Location: LocLeftCornu}}},
			"Filling defect in the left cornu of indeterminate nature." + hysteroscopy},
		{"clot needs no hysteroscopy", Uterus{FillingDefects: []FillingDefect{{Kind: DefectClotOrDebris, Margin: MarginIrregular}}},
			"Irregular filling defect, likely clot or debris."},
		{"retained products", Uterus{FillingDefects: []FillingDefect{{Kind: DefectRetainedProducts, Location: LocFundus}}},
			"Filling defect in the fundus, suggestive of retained products of conception." + hysteroscopy},
		{"adhesions (§6.1)", Uterus{IntrauterineAdhesions: Adhesions{Present: new(true), Extent: ExtentOneToTwoThirds,
			Classification: AdhesionClassification{System: AdhesionAFS1988, Grade: "moderate"}}},
			"Irregular filling defects with reduced cavity capacity, consistent with intrauterine adhesions " +
				"(one to two thirds of the cavity; AFS 1988: moderate)." + hysteroscopy},
		{"synechiae as defects", Uterus{Contour: ContourIrregular, FillingDefects: []FillingDefect{{Kind: DefectSynechia, Margin: MarginLinear}}},
			"Filling defect, consistent with an intrauterine adhesion (synechia)." + hysteroscopy},
		{"adenomyosis (§6.1)", Uterus{Contour: ContourSmooth, AdenomyosisSigns: Adenomyosis{Present: new(true), Pattern: AdenomyosisDiverticula}},
			"Myometrial diverticula, suggestive of adenomyosis."},
		{"adenomyosis, other pattern", Uterus{AdenomyosisSigns: Adenomyosis{Present: new(true), Pattern: AdenomyosisOther, Location: LocFundus}},
			"Findings in the fundus suggestive of adenomyosis."},
		{"adenomyosis absent", Uterus{Contour: ContourSmooth, AdenomyosisSigns: Adenomyosis{Present: new(false)}}, "Normal uterine cavity."},
		{"caesarean niche", Uterus{Outpouchings: []Outpouching{{Type: OutpouchingNiche, SizeMM: new(5.0)}}},
			"Caesarean scar niche in the lower uterine segment (≈5 mm)."},
		{"small irregular cavity", Uterus{Size: SizeSmall, Contour: ContourIrregular}, "Small uterine cavity with irregular contour."},
		{"enlarged cavity", Uterus{Size: SizeEnlarged, Contour: ContourSmooth}, "Enlarged uterine cavity."},
		{"irregular contour", Uterus{Contour: ContourIrregular}, "Irregular uterine cavity contour."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { r.Uterus = c.u })
			items := GenerateImpression(r)
			if got := texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			for _, it := range items {
				if it.Category != CategoryCavity && it.Category != CategoryOther {
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
		u       Uterus
		want    string
		wantRec RecommendationCode
	}{
		{"septate or bicornuate indeterminate (§6.1)", Uterus{Shape: ShapeTwoHorns,
			MullerianAnomaly: Anomaly{ASRM: ASRMSeptateOrBicornuate, ESHREUterine: U2OrU3}}, indeterminate, RecommendAnomalyImaging},
		{"ESHRE U2/U3 indeterminate only", Uterus{MullerianAnomaly: Anomaly{ESHREUterine: U2OrU3}}, indeterminate, RecommendAnomalyImaging},
		{"two horns, no class", Uterus{Shape: ShapeTwoHorns}, indeterminate, RecommendAnomalyImaging},
		{"unicornuate with side (§6.1)", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMUnicornuate, Side: Left}},
			"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4) with a single left tube.", ""},
		{"unicornuate U4a right", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMUnicornuate, ESHREUterine: U4a, Side: Right}},
			"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4a) with a single right tube.", ""},
		{"unicornuate without side", Uterus{MullerianAnomaly: Anomaly{ESHREUterine: U4b}},
			"Unicornuate uterus (ESHRE/ESGE U4b).", ""},
		{"T-shaped (§6.1)", Uterus{Shape: ShapeTShaped, MullerianAnomaly: Anomaly{ESHREUterine: U1a}},
			"T-shaped cavity (ESHRE/ESGE U1a).", ""},
		{"T-shaped from the shape", Uterus{Shape: ShapeTShaped}, "T-shaped cavity (ESHRE/ESGE U1a).", ""},
		{"didelphys", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMDidelphys, ESHREUterine: U3b, ESHRECervical: C2, ESHREVaginal: V1}},
			"Uterus didelphys (ASRM MAC2021: uterus didelphys; ESHRE/ESGE U3b/C2/V1).", ""},
		{"didelphys, MRI advised", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMDidelphys, ConfirmationRecommended: ConfirmMRI}},
			"Uterus didelphys (ASRM MAC2021: uterus didelphys)" + imaging, RecommendAnomalyImaging},
		{"bicornuate, contour assessed", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMBicornuate, ExternalContourAssessable: new(true)}},
			"Bicornuate uterus (ASRM MAC2021: bicornuate).", ""},
		{"bicornuate, contour not assessable", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMBicornuate, ESHREUterine: U3a}},
			"Bicornuate uterus (ASRM MAC2021: bicornuate; ESHRE/ESGE U3a) — external contour not assessable on HSG; " +
				"correlation with 3D ultrasound or MRI recommended.", RecommendAnomalyImaging},
		{"probable septate", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMSeptate, ESHREUterine: U2a, Certainty: Probable,
			ExternalContourAssessable: new(true)}},
			"Probable septate uterus (ASRM MAC2021: septate; ESHRE/ESGE U2a).", ""},
		{"septate from AFS", Uterus{MullerianAnomaly: Anomaly{AFS: AFSV, Certainty: Possible}},
			"Possible septate uterus (AFS 1988 class V) — external contour not assessable on HSG; " +
				"correlation with 3D ultrasound or MRI recommended.", RecommendAnomalyImaging},
		{"arcuate (AFS VI)", Uterus{Shape: ShapeShallowIndentation, MullerianAnomaly: Anomaly{AFS: AFSVI}},
			"Arcuate configuration of the fundus (AFS 1988 class VI), considered a normal variant.", ""},
		{"arcuate from the shape, normal cavity", Uterus{Shape: ShapeShallowIndentation, Contour: ContourSmooth},
			"Normal uterine cavity. Arcuate configuration of the fundus, considered a normal variant.", ""},
		{"normal (ASRM none, U0)", Uterus{Shape: ShapeNormalTriangular, MullerianAnomaly: Anomaly{Suspected: new(false), ASRM: ASRMNone, ESHREUterine: U0}},
			"Normal uterine cavity.", ""},
		{"ASRM none: the shape is still described", Uterus{Shape: ShapeTwoHorns, MullerianAnomaly: Anomaly{ASRM: ASRMNone}},
			"Uterine cavity with two horns or cavities (no Müllerian anomaly classified)" + imaging, RecommendAnomalyImaging},
		{"suspected, unclassified", Uterus{MullerianAnomaly: Anomaly{Suspected: new(true)}},
			"Suspected Müllerian anomaly" + imaging, RecommendAnomalyImaging},
		{"single horn shape", Uterus{Shape: ShapeSingleHorn},
			"Single-horned (banana-shaped) cavity, suggesting a unicornuate uterus" + imaging, RecommendAnomalyImaging},
		{"hysteroscopy and laparoscopy advised", Uterus{MullerianAnomaly: Anomaly{ASRM: ASRMComplex, ConfirmationRecommended: ConfirmHysteroLaparoscopy}},
			"Complex Müllerian anomaly (ASRM MAC2021: complex anomaly) — hysteroscopy and laparoscopy could confirm.", RecommendOther},
		{"not shown when the cavity did not opacify", Uterus{CavityOpacified: new(false), MullerianAnomaly: Anomaly{ASRM: ASRMSeptate}},
			"Uterine cavity not opacified.", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { r.Uterus = c.u })
			items := GenerateImpression(r)
			if got := texts(items); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			var codes []RecommendationCode
			for _, rec := range GenerateRecommendations(r) {
				codes = append(codes, rec.Code)
			}
			if c.wantRec == "" && len(codes) > 0 || c.wantRec != "" && !slices.Equal(codes, []RecommendationCode{c.wantRec}) {
				t.Errorf("recommendations %q, want %q", codes, c.wantRec)
			}
			for _, it := range items {
				if strings.Contains(it.Text, "uterus") && it.Category != CategoryAnomaly {
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
		p       Peritoneum
		left    Spill
		want    string
	}{
		{"free dispersion (§6.1)", true, new(20.0), Peritoneum{SpillPattern: PatternFree},
			"", "Delayed image at 20 min shows free dispersion of contrast in the pelvis."},
		{"loculated (§6.1)", true, new(25.4), Peritoneum{DelayedFindings: []DelayedFinding{DelayedLoculation}}, SpillLoculated,
			"Right tube patent with free intraperitoneal spill. Left tube patent with loculated spill, suggesting peritubal adhesions. " +
				"Delayed image at 25 min shows persistent loculated contrast adjacent to the left adnexa."},
		{"mixed", true, new(30.0), Peritoneum{SpillPattern: PatternMixed}, "",
			"Delayed image at 30 min shows free dispersion of contrast in the pelvis and persistent loculated contrast adjacent to the adnexa (side not recorded)."},
		{"no contrast, no minutes", true, nil, Peritoneum{DelayedFindings: []DelayedFinding{DelayedNoContrast, DelayedUterineContrast}}, "",
			"Delayed image shows no intraperitoneal contrast and residual intrauterine contrast."},
		{"renal excretion", true, new(20.0), Peritoneum{SpillPattern: PatternFree,
			DelayedFindings: []DelayedFinding{DelayedFreeDispersion, DelayedRenalExcretion}}, "",
			"Delayed image at 20 min shows free dispersion of contrast in the pelvis and renal excretion of intravasated contrast."},
		{"nothing said without a delayed image", false, new(20.0), Peritoneum{SpillPattern: PatternFree,
			DelayedFindings: []DelayedFinding{DelayedNoContrast}}, "", ""},
		{"nothing recorded", true, new(20.0), Peritoneum{SpillPattern: PatternNotAssessed}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) {
				r.Technique.DelayedImage = DelayedImage{Obtained: new(c.delayed), MinutesAfterContrast: c.minutes}
				r.Peritoneum = c.p
				if c.left != "" {
					r.Tubes.Left = Tube{Patency: Patent, Spill: c.left}
					r.Tubes.Right = Tube{Patency: Patent, Spill: SpillFreePrompt}
				}
			})
			items := GenerateImpression(r)
			if got := texts(items); got != c.want {
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
		edit func(r *Report)
		want string
	}{
		{"venous intravasation (§6.1)", func(r *Report) {
			r.Complications.Items = []Complication{{Type: VenousIntravasation}}
		}, "Venous intravasation without clinical sequelae."},
		{"intravasation with a clinical event", func(r *Report) {
			r.Complications.Items = []Complication{{Type: VenousIntravasation, Grade: "Dusak level 2", Side: Right,
				AffectsInterpretation: new(true)}, {Type: VasovagalReaction}}
		}, "Venous intravasation (Dusak level 2) on the right, limiting interpretation. Vasovagal reaction."},
		{"severe pain with VAS", func(r *Report) {
			r.Complications = Complications{Items: []Complication{{Type: SeverePain}}, PainVAS: new(8)}
		}, "Severe pain during the procedure (VAS 8/10)."},
		{"no complications", func(r *Report) { r.Complications.None = new(true) }, ""},
		{"limited with reasons", func(r *Report) {
			r.Technique.Adequacy = Limited
			r.Technique.Limitations = []Limitation{LimitIncompleteDistension, LimitAirBubbles, LimitNoOrientationMarker}
		}, "Study limited by incomplete distension of the cavity, air bubbles and the absence of an orientation marker."},
		{"limited without reasons", func(r *Report) { r.Technique.Adequacy = Limited },
			"Study of limited diagnostic quality."},
		{"non-diagnostic", func(r *Report) {
			r.Technique.Adequacy = NonDiagnostic
			r.Technique.Limitations = []Limitation{LimitDiscomfortTerminated}
		}, "Non-diagnostic study owing to early termination for patient discomfort. Repeat HSG may be considered."},
		{"adequate: no limitation sentence", func(r *Report) {
			r.Technique.Adequacy = Adequate
			r.Technique.Limitations = []Limitation{LimitAirBubbles}
		}, ""},
		{"adequacy unset but limitations listed", func(r *Report) {
			r.Technique.Limitations = []Limitation{LimitNoDelayedImage, LimitNoDelayedImage}
		}, "Study limited by the absence of a delayed image."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(c.edit)
			if got := texts(GenerateImpression(r)); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestImpressionOrder(t *testing.T) {
	r := newTestReport(func(r *Report) {
		withDelayed(r)
		r.Technique.DelayedImage.MinutesAfterContrast = new(20.0)
		r.Technique.Limitations = []Limitation{LimitAirBubbles} // adequacy unset: no caveat prefix
		r.Complications.Items = []Complication{{Type: LymphaticIntravasation}}
		r.Peritoneum.SpillPattern = PatternFree
		r.Uterus = Uterus{Shape: ShapeTwoHorns, FillingDefects: []FillingDefect{{Kind: DefectPolyp, Location: LocFundus}}}
		r.Tubes.Left = Tube{Patency: Patent, Spill: SpillFreePrompt}
		r.Tubes.Right = Tube{Patency: PatencyIndeterminate}
	})
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
	var codes []RecommendationCode
	for _, rec := range GenerateRecommendations(r) {
		codes = append(codes, rec.Code)
	}
	if want := []RecommendationCode{RecommendSelectiveSalpingography, RecommendHysteroscopy, RecommendAnomalyImaging}; !slices.Equal(codes, want) {
		t.Errorf("recommendations %q, want %q", codes, want)
	}
	if !reflect.DeepEqual(items, GenerateImpression(r)) {
		t.Error("the generator is not deterministic")
	}
	if got := ImpressionText(items[:2]); got != want[0][len("tubes: "):]+"\n"+want[1][len("tubes: "):] {
		t.Errorf("ImpressionText = %q", got)
	}
	for _, it := range items {
		if !it.Auto || it.GeneratedText != it.Text || len(it.FindingRefs) == 0 {
			t.Errorf("item %+v", it)
		}
	}
}

func TestGenerateEmpty(t *testing.T) {
	items := GenerateImpression(NewReport("1"))
	if items == nil || len(items) != 0 {
		t.Errorf("got %v, want an empty non-nil slice", items)
	}
	if ImpressionText(nil) != "" {
		t.Error("ImpressionText(nil) != \"\"")
	}
}
