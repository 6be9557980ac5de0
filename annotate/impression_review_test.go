package annotate

import (
	"strings"
	"testing"
)

// TestImpressionReviewFixes covers the findings of the review of unseen
// drafts: every tube gets a sentence, spasm and selective salpingography
// are stated as recorded, abnormal shapes, cervix and ESHRE/ESGE classes
// are named, sizes are rounded sensibly, adhesions are not overstated and
// limited studies carry a caveat.
func TestImpressionReviewFixes(t *testing.T) {
	patent := Tube{Status: TubePresent, Opacification: OpacificationComplete, Patency: Patent, Spill: SpillFreePrompt}
	base := func(r *Report) {
		r.Tubes.Right, r.Tubes.Left = patent, patent
		normalCavity(r)
	}
	for _, c := range []struct {
		name    string
		edit    func(r *Report)
		want    []string // sentences that must be there
		notWant []string // phrases that must not
	}{
		// 1. No side is dropped.
		{"patent without spill",
			func(r *Report) { r.Tubes.Right.Spill = "" },
			[]string{"Right tube findings incomplete: spill not recorded.", "Left tube patent with free intraperitoneal spill."},
			[]string{"Normal hysterosalpingogram", "Bilateral"}},
		{"patent with spill none",
			func(r *Report) { r.Tubes.Right.Spill = SpillNone },
			[]string{"Right tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status."},
			[]string{"Normal hysterosalpingogram"}},
		{"occluded without site",
			func(r *Report) { r.Tubes.Left = Tube{Status: TubePresent, Patency: Occluded, Spill: SpillNone} },
			[]string{"Left tube findings incomplete: site of obstruction not recorded."}, nil},
		{"unknown enum values",
			func(r *Report) { r.Tubes.Right.Spill = "free"; r.Tubes.Left.Patency = "blocked" },
			[]string{`Right tube findings incomplete: spill not recorded (unrecognised value "free").`,
				`Left tube status not recorded (unrecognised value "blocked").`}, nil},
		{"occluded with free spill is a conflict, not an occlusion",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteIsthmic, Spill: SpillFreePrompt}
			},
			[]string{"Left tube recorded as occluded at the isthmic segment, but free intraperitoneal spill is also recorded; findings conflict."},
			[]string{"Left tube occluded at"}},
		{"patent but not opacified is no normal study",
			func(r *Report) { r.Tubes.Right.Opacification = OpacificationNone },
			[]string{"Right tube patent with free intraperitoneal spill; opacification recorded as none, in conflict with the spill."},
			[]string{"Normal hysterosalpingogram"}},
		{"the other tube blank",
			func(r *Report) { r.Tubes.Left = Tube{} },
			[]string{"Right tube patent with free intraperitoneal spill.", "Left tube findings not recorded."}, nil},

		// 3. Spasm with partial opacification.
		{"indeterminate, partial, spasm suspected",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationPartial, Patency: PatencyIndeterminate,
					Spill: SpillNone, TubalSpasmSuspected: new(true)}
			},
			[]string{"Left tube partially opacified; patency indeterminate, possible tubal spasm — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},
		{"indeterminate, partial, spasm as a limitation",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationPartial, Patency: PatencyIndeterminate}
				r.Technique.Limitations = []Limitation{LimitTubalSpasm}
			},
			[]string{"Left tube partially opacified; patency indeterminate, possible tubal spasm — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},
		{"cornual spasm with partial opacification",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationPartial, Patency: Occluded,
					OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionSpasmNotExcluded, Spill: SpillNone}
			},
			[]string{"Left tube occluded at the cornual segment; spasm not excluded — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},

		// 4. Selective salpingography performed.
		{"selective salpingography not recanalised",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Opacification: OpacificationNone, Patency: Occluded,
					OcclusionSite: SiteCornual, OcclusionQualifier: OcclusionSpasmNotExcluded, Spill: SpillNone}
				r.Technique.SelectiveSalpingography = SelectiveNotRecanalized
			},
			[]string{"Right tube not opacified beyond the cornu; spasm versus proximal occlusion — not recanalised at selective salpingography."},
			[]string{"could clarify"}},
		{"selective salpingography recanalised, definite proximal block",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteIsthmic, OcclusionQualifier: OcclusionDefinite}
				r.Technique.SelectiveSalpingography = SelectiveRecanalized
			},
			[]string{"Right tube occluded at the isthmic segment — recanalised at selective salpingography."},
			[]string{"could clarify"}},
		{"selective salpingography with no tube sentence to carry it",
			func(r *Report) { r.Technique.SelectiveSalpingography = SelectiveRecanalized },
			[]string{"Bilateral tubal patency with free intraperitoneal spill.", "Selective salpingography performed, with recanalisation."},
			[]string{"Normal hysterosalpingogram"}},

		// 5. Shape and cervix.
		{"shape other, ASRM none",
			func(r *Report) {
				r.Uterus.Shape = ShapeOther
				r.Uterus.MullerianAnomaly = Anomaly{Suspected: new(false), ASRM: ASRMNone}
			},
			[]string{"Abnormal shape of the uterine cavity (no Müllerian anomaly classified)."},
			[]string{"Normal uterine cavity", "Normal hysterosalpingogram"}},
		{"single horn, U0",
			func(r *Report) {
				r.Uterus.Shape = ShapeSingleHorn
				r.Uterus.MullerianAnomaly = Anomaly{ESHREUterine: U0}
			},
			[]string{"Single-horned (banana-shaped) uterine cavity (no Müllerian anomaly classified) — correlation with 3D ultrasound or MRI recommended."},
			[]string{"Normal uterine cavity"}},
		{"cervical stenosis",
			func(r *Report) { r.Cervix.Canal = CanalStenotic },
			[]string{"Bilateral tubal patency with free intraperitoneal spill.", "Normal uterine cavity.", "Stenosis of the cervical canal."},
			[]string{"Normal hysterosalpingogram"}},
		{"cervical stenosis, cavity not opacified",
			func(r *Report) { r.Cervix.Canal = CanalStenotic; r.Uterus.CavityOpacified = new(false) },
			[]string{"Uterine cavity not opacified.", "Stenosis of the cervical canal."}, nil},

		// 6. Hydrosalpinx whatever the patency.
		{"hydrosalpinx, patency not assessed",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubePresent, Opacification: OpacificationPartial, Patency: PatencyNotAssessed,
					Hydrosalpinx: hydro(30, FoldsReduced, SpacingImager)}
			},
			[]string{"Left hydrosalpinx (≈30 mm, mucosal folds reduced); tubal status not assessed."}, nil},

		// 7. Classes.
		{"cervical class alone",
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{Suspected: new(true), ESHRECervical: C4} },
			[]string{"Cervical aplasia (ESHRE/ESGE C4)."}, []string{"Suspected Müllerian anomaly"}},
		{"vaginal class alone",
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{Suspected: new(true), ESHREVaginal: V2} },
			[]string{"Longitudinal obstructing vaginal septum (ESHRE/ESGE V2)."}, nil},
		{"U3c",
			func(r *Report) { r.Uterus.MullerianAnomaly = Anomaly{ESHREUterine: U3c} },
			[]string{"Bicorporeal septate uterus (ESHRE/ESGE U3c) — external contour not assessable on HSG; correlation with 3D ultrasound or MRI recommended."},
			[]string{"Bicornuate"}},
		{"complex anomaly with a T-shaped cavity",
			func(r *Report) {
				r.Uterus.Shape = ShapeTShaped
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMComplex, ESHREUterine: U1a}
			},
			[]string{"Complex Müllerian anomaly with a T-shaped cavity (ASRM MAC2021: complex anomaly; ESHRE/ESGE U1a)."}, nil},
		{"ASRM detail carried",
			func(r *Report) {
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMComplex, ASRMDetail: " Obstructed hemivagina (OHVIRA). "}
			},
			[]string{"Complex Müllerian anomaly (ASRM MAC2021: complex anomaly — Obstructed hemivagina (OHVIRA))."}, nil},
		{"unicornuate side from the tubes",
			func(r *Report) {
				r.Tubes.Left = Tube{Status: TubeNotAssessed}
				r.Uterus.MullerianAnomaly = Anomaly{ASRM: ASRMUnicornuate, ESHREUterine: U4b}
			},
			[]string{"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4b) with a single right tube."}, nil},

		// 8. Sizes.
		{"sub-mm sizes",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: hydro(0.4, "", SpacingImager)}
				r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectPolyp, SizeMM: new(0.3), Location: LocBody}}
			},
			[]string{"Right hydrosalpinx (<1 mm) with distal occlusion.", "Filling defect in the uterine body (<1 mm), likely endometrial polyp."},
			[]string{"≈0 mm"}},
		{"uncalibrated size",
			func(r *Report) {
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Occluded, OcclusionSite: SiteFimbrial, Hydrosalpinx: hydro(120, "", SpacingUncalibrated)}
			},
			[]string{"Right hydrosalpinx (size not calibrated) with distal occlusion."}, []string{"120"}},

		// 9. Adhesions.
		{"single synechia",
			func(r *Report) {
				r.Uterus.FillingDefects = []FillingDefect{{Kind: DefectSynechia, Location: LocFundus, Margin: MarginLinear}}
			},
			[]string{"Filling defect in the fundus, consistent with an intrauterine adhesion (synechia)."},
			[]string{"reduced cavity capacity"}},
		{"adhesions without extent",
			func(r *Report) { r.Uterus.IntrauterineAdhesions = Adhesions{Present: new(true)} },
			[]string{"Filling defects, consistent with intrauterine adhesions."}, []string{"reduced cavity capacity"}},
		{"total obliteration",
			func(r *Report) {
				r.Uterus.Size = SizeSmall
				r.Uterus.IntrauterineAdhesions = Adhesions{Present: new(true), Extent: ExtentTotal}
			},
			[]string{"Obliteration of the uterine cavity, consistent with severe intrauterine adhesions (total obliteration of the cavity)."},
			[]string{"filling defects", "Small uterine cavity"}},

		// 10. Limited studies.
		{"limited study",
			func(r *Report) {
				r.Technique.Adequacy = Limited
				r.Uterus.MullerianAnomaly = Anomaly{ESHREUterine: U1a}
			},
			[]string{"Limited study: bilateral tubal patency with free intraperitoneal spill.", "Limited study: T-shaped cavity (ESHRE/ESGE U1a).",
				"Study of limited diagnostic quality."},
			[]string{"Normal hysterosalpingogram"}},
		{"non-diagnostic study",
			func(r *Report) { r.Technique.Adequacy = NonDiagnostic },
			[]string{"Non-diagnostic study: bilateral tubal patency with free intraperitoneal spill.", "Non-diagnostic study: normal uterine cavity."}, nil},

		// 11. Long chains.
		{"long tube findings are split",
			func(r *Report) {
				withDelayed(r)
				r.Tubes.Right = Tube{Status: TubePresent, Patency: Patent, Spill: SpillFreeDelayedOnly, PeritubalAdhesionsSuspected: new(true),
					Hydrosalpinx: hydro(11, FoldsPreserved, SpacingImager)}
			},
			[]string{"Right tube patent; spill seen only on the delayed image.",
				"Right tube: peritubal adhesions suspected; hydrosalpinx (≈11 mm, mucosal folds preserved)."}, nil},

		// 12. Sides named.
		{"loculation with no loculated tube",
			func(r *Report) { withDelayed(r); r.Peritoneum.SpillPattern = PatternLoculated },
			[]string{"Delayed image shows persistent loculated contrast adjacent to the adnexa (side not recorded)."}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newTestReport(func(r *Report) { base(r); c.edit(r) })
			items := GenerateImpression(r)
			var lines []string
			for _, it := range items {
				lines = append(lines, it.Text)
				if strings.Count(it.Text, ";") > 1 {
					t.Errorf("more than one semicolon: %q", it.Text)
				}
			}
			all := strings.Join(lines, "\n")
			for _, w := range c.want {
				if !strings.Contains("\n"+all+"\n", "\n"+w+"\n") {
					t.Errorf("missing %q in\n%s", w, all)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(all, w) {
					t.Errorf("%q must not appear in\n%s", w, all)
				}
			}
			// Both sides are always named.
			if !strings.Contains(all, "Bilateral") && !strings.Contains(all, "Both ") && !strings.Contains(all, "Neither ") &&
				(!strings.Contains(all, "Right ") || !strings.Contains(all, "Left ")) &&
				!strings.Contains(all, "right ") && !strings.Contains(all, "bilateral ") {
				t.Errorf("a side is missing:\n%s", all)
			}
			// The selective salpingography advice follows the technique.
			done := r.Technique.SelectiveSalpingography == SelectiveRecanalized || r.Technique.SelectiveSalpingography == SelectiveNotRecanalized
			for _, rec := range GenerateRecommendations(r) {
				if done && rec.Code == RecommendSelectiveSalpingography {
					t.Error("selective salpingography recommended although performed")
				}
			}
		})
	}
}
