package assess

import (
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"strings"
	"testing"
)

// TestImpressionReviewFixes covers the findings of the review of unseen
// drafts: every tube gets a sentence, spasm and selective salpingography
// are stated as recorded, abnormal shapes, cervix and ESHRE/ESGE classes
// are named, sizes are rounded sensibly, adhesions are not overstated and
// limited studies carry a caveat.
func TestImpressionReviewFixes(t *testing.T) {
	patent := report.Tube{Status: report.TubePresent, Opacification: report.OpacificationComplete, Patency: report.Patent, Spill: report.SpillFreePrompt}
	base := func(r *report.Report) {
		r.Tubes.Right, r.Tubes.Left = patent, patent
		fixture.NormalCavity(r)
	}
	for _, c := range []struct {
		name    string
		edit    func(r *report.Report)
		want    []string // sentences that must be there
		notWant []string // phrases that must not
	}{
		// 1. No side is dropped.
		{"patent without spill",
			func(r *report.Report) { r.Tubes.Right.Spill = "" },
			[]string{"Right tube findings incomplete: spill not recorded.", "Left tube patent with free intraperitoneal spill."},
			[]string{"Normal hysterosalpingogram", "Bilateral"}},
		{"patent with spill none",
			func(r *report.Report) { r.Tubes.Right.Spill = report.SpillNone },
			[]string{"Right tube: no intraperitoneal spill recorded, which conflicts with the recorded tubal status."},
			[]string{"Normal hysterosalpingogram"}},
		{"occluded without site",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Occluded, Spill: report.SpillNone}
			},
			[]string{"Left tube findings incomplete: site of obstruction not recorded."}, nil},
		{"unknown enum values",
			func(r *report.Report) { r.Tubes.Right.Spill = "free"; r.Tubes.Left.Patency = "blocked" },
			[]string{`Right tube findings incomplete: spill not recorded (unrecognised value "free").`,
				`Left tube status not recorded (unrecognised value "blocked").`}, nil},
		{"occluded with free spill is a conflict, not an occlusion",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillFreePrompt}
			},
			[]string{"Left tube recorded as occluded at the isthmic segment, but free intraperitoneal spill is also recorded; findings conflict."},
			[]string{"Left tube occluded at"}},
		{"patent but not opacified is no normal study",
			func(r *report.Report) { r.Tubes.Right.Opacification = report.OpacificationNone },
			[]string{"Right tube patent with free intraperitoneal spill; opacification recorded as none, in conflict with the spill."},
			[]string{"Normal hysterosalpingogram"}},
		{"the other tube blank",
			func(r *report.Report) { r.Tubes.Left = report.Tube{} },
			[]string{"Right tube patent with free intraperitoneal spill.", "Left tube findings not recorded."}, nil},

		// 3. Spasm with partial opacification.
		{"indeterminate, partial, spasm suspected",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationPartial, Patency: report.PatencyIndeterminate,
					Spill: report.SpillNone, TubalSpasmSuspected: new(true)}
			},
			[]string{"Left tube partially opacified; patency indeterminate, possible tubal spasm — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},
		{"indeterminate, partial, spasm as a limitation",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationPartial, Patency: report.PatencyIndeterminate}
				r.Technique.Limitations = []report.Limitation{report.LimitTubalSpasm}
			},
			[]string{"Left tube partially opacified; patency indeterminate, possible tubal spasm — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},
		{"cornual spasm with partial opacification",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationPartial, Patency: report.Occluded,
					OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionSpasmNotExcluded, Spill: report.SpillNone}
			},
			[]string{"Left tube occluded at the cornual segment; spasm not excluded — selective salpingography could clarify."},
			[]string{"beyond the cornu"}},

		// 4. Selective salpingography performed.
		{"selective salpingography not recanalised",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone, Patency: report.Occluded,
					OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionSpasmNotExcluded, Spill: report.SpillNone}
				r.Technique.SelectiveSalpingography = report.SelectiveNotRecanalized
			},
			[]string{"Right tube not opacified beyond the cornu; spasm versus proximal occlusion — not recanalised at selective salpingography."},
			[]string{"could clarify"}},
		{"selective salpingography recanalised, definite proximal block",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionDefinite}
				r.Technique.SelectiveSalpingography = report.SelectiveRecanalized
			},
			[]string{"Right tube occluded at the isthmic segment — recanalised at selective salpingography."},
			[]string{"could clarify"}},
		{"selective salpingography with no tube sentence to carry it",
			func(r *report.Report) { r.Technique.SelectiveSalpingography = report.SelectiveRecanalized },
			[]string{"Bilateral tubal patency with free intraperitoneal spill.", "Selective salpingography performed, with recanalisation."},
			[]string{"Normal hysterosalpingogram"}},

		// 5. Shape and cervix.
		{"shape other, ASRM none",
			func(r *report.Report) {
				r.Uterus.Shape = report.ShapeOther
				r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(false), ASRM: report.ASRMNone}
			},
			[]string{"Abnormal shape of the uterine cavity (no Müllerian anomaly classified)."},
			[]string{"Normal uterine cavity", "Normal hysterosalpingogram"}},
		{"single horn, U0",
			func(r *report.Report) {
				r.Uterus.Shape = report.ShapeSingleHorn
				r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U0}
			},
			[]string{"Single-horned (banana-shaped) uterine cavity (no Müllerian anomaly classified) — correlation with 3D ultrasound or MRI recommended."},
			[]string{"Normal uterine cavity"}},
		{"cervical stenosis",
			func(r *report.Report) { r.Cervix.Canal = report.CanalStenotic },
			[]string{"Bilateral tubal patency with free intraperitoneal spill.", "Normal uterine cavity.", "Stenosis of the cervical canal."},
			[]string{"Normal hysterosalpingogram"}},
		{"cervical stenosis, cavity not opacified",
			func(r *report.Report) { r.Cervix.Canal = report.CanalStenotic; r.Uterus.CavityOpacified = new(false) },
			[]string{"Uterine cavity not opacified.", "Stenosis of the cervical canal."}, nil},

		// 6. Hydrosalpinx whatever the patency.
		{"hydrosalpinx, patency not assessed",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubePresent, Opacification: report.OpacificationPartial, Patency: report.PatencyNotAssessed,
					Hydrosalpinx: fixture.Hydro(30, report.FoldsReduced, mark.SpacingImager)}
			},
			[]string{"Left hydrosalpinx (≈30 mm, mucosal folds reduced); tubal status not assessed."}, nil},

		// 7. Classes.
		{"cervical class alone",
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(true), ESHRECervical: report.C4}
			},
			[]string{"Cervical aplasia (ESHRE/ESGE C4)."}, []string{"Suspected Müllerian anomaly"}},
		{"vaginal class alone",
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(true), ESHREVaginal: report.V2}
			},
			[]string{"Longitudinal obstructing vaginal septum (ESHRE/ESGE V2)."}, nil},
		{"U3c",
			func(r *report.Report) { r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U3c} },
			[]string{"Bicorporeal septate uterus (ESHRE/ESGE U3c) — external contour not assessable on HSG; correlation with 3D ultrasound or MRI recommended."},
			[]string{"Bicornuate"}},
		{"complex anomaly with a T-shaped cavity",
			func(r *report.Report) {
				r.Uterus.Shape = report.ShapeTShaped
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMComplex, ESHREUterine: report.U1a}
			},
			[]string{"Complex Müllerian anomaly with a T-shaped cavity (ASRM MAC2021: complex anomaly; ESHRE/ESGE U1a)."}, nil},
		{"ASRM detail carried",
			func(r *report.Report) {
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMComplex, ASRMDetail: " Obstructed hemivagina (OHVIRA). "}
			},
			[]string{"Complex Müllerian anomaly (ASRM MAC2021: complex anomaly — Obstructed hemivagina (OHVIRA))."}, nil},
		{"unicornuate side from the tubes",
			func(r *report.Report) {
				r.Tubes.Left = report.Tube{Status: report.TubeNotAssessed}
				r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, ESHREUterine: report.U4b}
			},
			[]string{"Unicornuate uterus (ASRM MAC2021: unicornuate; ESHRE/ESGE U4b) with a single right tube."}, nil},

		// 8. Sizes.
		{"sub-mm sizes",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: fixture.Hydro(0.4, "", mark.SpacingImager)}
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp, SizeMM: new(0.3), Location: report.LocBody}}
			},
			[]string{"Right hydrosalpinx (<1 mm) with distal occlusion.", "Filling defect in the uterine body (<1 mm), likely endometrial polyp."},
			[]string{"≈0 mm"}},
		{"uncalibrated size",
			func(r *report.Report) {
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Hydrosalpinx: fixture.Hydro(120, "", mark.SpacingUncalibrated)}
			},
			[]string{"Right hydrosalpinx (size not calibrated) with distal occlusion."}, []string{"120"}},

		// 9. Adhesions.
		{"single synechia",
			func(r *report.Report) {
				r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectSynechia, Location: report.LocFundus, Margin: report.MarginLinear}}
			},
			[]string{"Filling defect in the fundus, consistent with an intrauterine adhesion (synechia)."},
			[]string{"reduced cavity capacity"}},
		{"adhesions without extent",
			func(r *report.Report) { r.Uterus.IntrauterineAdhesions = report.Adhesions{Present: new(true)} },
			[]string{"Filling defects, consistent with intrauterine adhesions."}, []string{"reduced cavity capacity"}},
		{"total obliteration",
			func(r *report.Report) {
				r.Uterus.Size = report.SizeSmall
				r.Uterus.IntrauterineAdhesions = report.Adhesions{Present: new(true), Extent: report.ExtentTotal}
			},
			[]string{"Obliteration of the uterine cavity, consistent with severe intrauterine adhesions (total obliteration of the cavity)."},
			[]string{"filling defects", "Small uterine cavity"}},

		// 10. Limited studies.
		{"limited study",
			func(r *report.Report) {
				r.Technique.Adequacy = report.Limited
				r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U1a}
			},
			[]string{"Limited study: bilateral tubal patency with free intraperitoneal spill.", "Limited study: T-shaped cavity (ESHRE/ESGE U1a).",
				"Study of limited diagnostic quality."},
			[]string{"Normal hysterosalpingogram"}},
		{"non-diagnostic study",
			func(r *report.Report) { r.Technique.Adequacy = report.NonDiagnostic },
			[]string{"Non-diagnostic study: bilateral tubal patency with free intraperitoneal spill.", "Non-diagnostic study: normal uterine cavity."}, nil},

		// 11. Long chains.
		{"long tube findings are split",
			func(r *report.Report) {
				fixture.WithDelayed(r)
				r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreeDelayedOnly, PeritubalAdhesionsSuspected: new(true),
					SalpingitisIsthmicaNodosa: new(true)}
			},
			[]string{"Right tube patent; spill seen only on the delayed image.",
				"Right tube: peritubal adhesions suspected; features of salpingitis isthmica nodosa."}, nil},

		// 12. Sides named.
		{"loculation with no loculated tube",
			func(r *report.Report) { fixture.WithDelayed(r); r.Peritoneum.SpillPattern = report.PatternLoculated },
			[]string{"Delayed image shows persistent loculated contrast adjacent to the adnexa (side not recorded)."}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { base(r); c.edit(r) })
			checkRussianTwin(t, r) // the same sentences in Russian
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
			done := r.Technique.SelectiveSalpingography == report.SelectiveRecanalized || r.Technique.SelectiveSalpingography == report.SelectiveNotRecanalized
			for _, rec := range GenerateRecommendations(r) {
				if done && rec.Code == report.RecommendSelectiveSalpingography {
					t.Error("selective salpingography recommended although performed")
				}
			}
		})
	}
}
