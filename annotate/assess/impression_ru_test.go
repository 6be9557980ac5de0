package assess

import (
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"strings"
	"testing"
)

// TestRussianSentences checks the Russian impression of each class of
// finding word for word: the terms of Russian HSG conclusions
// (ru-reporting-and-dose.md §2–§3) and their grammar (gender, number and
// case agree: «правая маточная труба проходима», «обе маточные трубы»,
// «в интерстициальном отделе»).
func TestRussianSentences(t *testing.T) {
	patent := report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
	cornual := report.Tube{Status: report.TubePresent, Opacification: report.OpacificationNone, Patency: report.Occluded,
		OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionDefinite, Spill: report.SpillNone}
	distal := report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteAmpullary, Spill: report.SpillNone}
	hydro := report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial, Spill: report.SpillNone,
		Hydrosalpinx: fixture.Hydro(18, report.FoldsAbsent, mark.SpacingImager)}
	for _, c := range []struct {
		name string
		edit func(r *report.Report)
		want string
	}{
		{"normal", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = patent, patent; fixture.NormalCavity(r) }, "Рентгенологических признаков патологии полости матки не выявлено. Маточные трубы проходимы с обеих сторон, контрастное вещество свободно поступает в брюшную полость."},
		{"proximal occlusion, right", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = cornual, patent; fixture.NormalCavity(r) },
			"Окклюзия правой маточной трубы в интерстициальном отделе.\n" +
				"Левая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Рентгенологических признаков патологии полости матки не выявлено."},
		{"proximal occlusion, left", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = patent, cornual },
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Окклюзия левой маточной трубы в интерстициальном отделе."},
		{"proximal occlusion, both", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = cornual, cornual },
			"Окклюзия обеих маточных труб в интерстициальных отделах; поступления контрастного вещества в брюшную полость нет.\n" +
				"Рекомендуется лапароскопия с хромогидротубацией для подтверждения и оценки поражения маточных труб."},
		{"isthmic, spasm not excluded", func(r *report.Report) {
			r.Tubes.Right = patent
			r.Tubes.Left = report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionSpasmNotExcluded}
		},
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Окклюзия левой маточной трубы в истмическом отделе; нельзя исключить спазм — для уточнения возможна селективная сальпингография."},
		{"cornual non-filling, spasm", func(r *report.Report) {
			r.Tubes.Right = report.Tube{Opacification: report.OpacificationNone, Patency: report.Occluded, OcclusionSite: report.SiteCornual,
				OcclusionQualifier: report.OcclusionSpasmNotExcluded, Spill: report.SpillNone}
			r.Tubes.Left = patent
		},
			"Правая маточная труба не контрастируется дистальнее интерстициального отдела; спазм или проксимальная окклюзия — для уточнения возможна селективная сальпингография.\n" +
				"Левая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость."},
		{"distal occlusion, right", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = distal, patent },
			"Окклюзия правой маточной трубы в ампулярном отделе.\n" +
				"Левая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость."},
		{"distal occlusion, left", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = patent, distal },
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Окклюзия левой маточной трубы в ампулярном отделе."},
		{"hydrosalpinx, right, delayed image", func(r *report.Report) {
			r.Tubes.Right, r.Tubes.Left = hydro, patent
			fixture.WithDelayed(r)
			r.Technique.DelayedImage.MinutesAfterContrast = new(20.0)
			r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion, report.DelayedTubalContrast}
		},
			"Гидросальпинкс справа (≈18\u00a0мм, складчатость слизистой отсутствует) с дистальной окклюзией маточной трубы; на отсроченном снимке поступления контрастного вещества в брюшную полость нет.\n" +
				"Левая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Отсроченный снимок через 20\u00a0мин: свободное распределение контрастного вещества в малом тазу и остаточное контрастное вещество в гидросальпинксе справа.\n" +
				"Рекомендуется лапароскопия с хромогидротубацией для подтверждения и оценки поражения маточных труб."},
		{"hydrosalpinx, both", func(r *report.Report) { r.Tubes.Right, r.Tubes.Left = hydro, hydro },
			"Двусторонний гидросальпинкс (≈18\u00a0мм, складчатость слизистой отсутствует) с дистальной окклюзией маточных труб.\n" +
				"Рекомендуется лапароскопия с хромогидротубацией для подтверждения и оценки поражения маточных труб."},
		{"hydrosalpinx with free spill is a conflict", func(r *report.Report) {
			r.Tubes.Right = patent
			r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: report.SpillFreePrompt, Hydrosalpinx: report.Hydrosalpinx{Present: new(true)}}
		},
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Левая маточная труба: данные противоречивы — гидросальпинкс указан вместе с поступлением контрастного вещества в брюшную полость из этой же трубы."},
		{"SIN", func(r *report.Report) {
			sin := patent
			sin.SalpingitisIsthmicaNodosa = new(true)
			r.Tubes.Right, r.Tubes.Left = sin, sin
		}, "Маточные трубы проходимы с обеих сторон, контрастное вещество свободно поступает в брюшную полость; признаки узлового истмического сальпингита."},
		{"loculated spill", func(r *report.Report) {
			r.Tubes.Right = patent
			r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: report.SpillLoculated, PeritubalAdhesionsSuspected: new(true)}
			fixture.WithDelayed(r)
			r.Technique.DelayedImage.MinutesAfterContrast = new(25.4)
			r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedLoculation}
		},
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Левая маточная труба проходима, осумкованное скопление контрастного вещества в брюшной полости, что может указывать на спаечный процесс в малом тазу.\n" +
				"Отсроченный снимок через 25\u00a0мин: сохраняющееся осумкованное скопление контрастного вещества в области левых придатков."},
		{"spill on the delayed image only", func(r *report.Report) {
			r.Tubes.Right = patent
			r.Tubes.Left = report.Tube{Patency: report.Patent, Spill: report.SpillFreeDelayedOnly}
			fixture.WithDelayed(r)
		},
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Левая маточная труба проходима; поступление контрастного вещества в брюшную полость определяется только на отсроченном снимке."},
		{"sterilisation clips", func(r *report.Report) {
			clip := report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, OcclusionQualifier: report.OcclusionAtDevice,
				SterilizationDevice: report.SterilizationClip}
			r.Tubes.Right, r.Tubes.Left = clip, clip
		}, "Окклюзия обеих маточных труб на уровне стерилизационных клипс."},
		{"tube surgically absent", func(r *report.Report) {
			r.Tubes.Right, r.Tubes.Left = patent, report.Tube{Status: report.TubeSurgicallyAbsent}
		},
			"Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Левая маточная труба удалена."},
		{"septate uterus", func(r *report.Report) {
			r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMSeptate, ESHREUterine: report.U2a}
		}, "Перегородка матки (ASRM MAC2021: перегородка матки; ESHRE/ESGE U2a) — наружный контур матки при ГСГ не оценивается; рекомендуется 3D УЗИ или МРТ."},
		{"probable bicornuate uterus", func(r *report.Report) {
			r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMBicornuate, ESHREUterine: report.U3a, Certainty: report.Probable}
		}, "Вероятно, двурогая матка (ASRM MAC2021: двурогая матка; ESHRE/ESGE U3a) — наружный контур матки при ГСГ не оценивается; рекомендуется 3D УЗИ или МРТ."},
		{"septate or bicornuate", func(r *report.Report) {
			r.Uterus.Shape = report.ShapeTwoHorns
			r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMSeptateOrBicornuate, ESHREUterine: report.U2OrU3}
		}, "Полость матки с двумя рогами; перегородку матки и двурогую матку по данным ГСГ дифференцировать невозможно (ESHRE/ESGE U2/U3) — рекомендуется 3D УЗИ или МРТ."},
		{"unicornuate uterus", func(r *report.Report) {
			r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMUnicornuate, ESHREUterine: report.U4a, Side: report.Left}
		}, "Однорогая матка (ASRM MAC2021: однорогая матка; ESHRE/ESGE U4a) с единственной левой маточной трубой."},
		{"T-shaped uterus", func(r *report.Report) {
			r.Uterus.Shape = report.ShapeTShaped
			r.Uterus.MullerianAnomaly = report.Anomaly{ESHREUterine: report.U1a}
		}, "Т-образная полость матки (ESHRE/ESGE U1a)."},
		{"arcuate fundus", func(r *report.Report) {
			r.Uterus = report.Uterus{Shape: report.ShapeShallowIndentation, Contour: report.ContourSmooth, MullerianAnomaly: report.Anomaly{AFS: report.AFSVI}}
		},
			"Рентгенологических признаков патологии полости матки не выявлено.\n" +
				"Седловидная (аркуатная) конфигурация дна полости матки (AFS 1988, класс VI), вариант нормы."},
		{"uterus didelphys", func(r *report.Report) {
			r.Uterus.MullerianAnomaly = report.Anomaly{ASRM: report.ASRMDidelphys, ESHREUterine: report.U3b, ESHRECervical: report.C2, ESHREVaginal: report.V1}
		}, "Удвоение матки (ASRM MAC2021: удвоение матки; ESHRE/ESGE U3b/C2/V1)."},
		{"intrauterine adhesions", func(r *report.Report) {
			r.Uterus.IntrauterineAdhesions = report.Adhesions{Present: new(true), Extent: report.ExtentOneToTwoThirds,
				Classification: report.AdhesionClassification{System: report.AdhesionAFS1988, Grade: "II"}}
		},
			"Дефекты наполнения неправильной формы с уменьшением объема полости матки, соответствующие внутриматочным синехиям (от одной до двух третей полости матки; AFS 1988: II).\n" +
				"Рекомендуется гистероскопия или соногистерография для уточнения характера изменений полости матки."},
		{"one synechia", func(r *report.Report) {
			r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectSynechia, Location: report.LocFundus, Margin: report.MarginLinear}}
		},
			"Дефект наполнения в области дна матки, соответствующий внутриматочной синехии.\n" +
				"Рекомендуется гистероскопия или соногистерография для уточнения характера изменений полости матки."},
		{"polyps", func(r *report.Report) {
			r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp, Count: new(3), Margin: report.MarginSmooth,
				Location: report.LocBody, SizeMM: new(6.4)}}
		},
			"Три дефекта наполнения с ровными контурами в теле матки (наибольший ≈6\u00a0мм), вероятно, полипы эндометрия.\n" +
				"Рекомендуется гистероскопия или соногистерография для уточнения характера изменений полости матки."},
		{"submucous myoma", func(r *report.Report) {
			r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectLeiomyoma, Location: report.LocLeftWall, SizeMM: new(14.0)}}
		},
			"Дефект наполнения по левой боковой стенке матки (≈14\u00a0мм), вероятно, субмукозный миоматозный узел.\n" +
				"Рекомендуется гистероскопия или соногистерография для уточнения характера изменений полости матки."},
		{"five defects of indeterminate nature", func(r *report.Report) {
			r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectIndeterminate, Count: new(5), Margin: report.MarginIrregular}}
		},
			"Пять дефектов наполнения с неровными контурами неясного характера.\n" +
				"Рекомендуется гистероскопия или соногистерография для уточнения характера изменений полости матки."},
		{"caesarean niche and adenomyosis", func(r *report.Report) {
			r.Uterus.Outpouchings = []report.Outpouching{{Type: report.OutpouchingNiche, SizeMM: new(5.0)}}
			r.Uterus.AdenomyosisSigns = report.Adenomyosis{Present: new(true), Pattern: report.AdenomyosisDiverticula, Location: report.LocFundus}
		},
			"Дивертикулоподобные затеки контрастного вещества в миометрий в области дна матки, что может соответствовать аденомиозу.\n" +
				"Ниша рубца после кесарева сечения в нижнем сегменте матки (≈5\u00a0мм)."},
		{"intravasation", func(r *report.Report) {
			r.Complications.Items = []report.Complication{{Type: report.VenousIntravasation}}
		}, "Венозная интравазация контрастного вещества без клинических последствий."},
		{"perforation and a vasovagal reaction", func(r *report.Report) {
			r.Complications.Items = []report.Complication{{Type: report.UterinePerforation, Side: report.Left, AffectsInterpretation: new(true)},
				{Type: report.VasovagalReaction}, {Type: report.SeverePain}}
			r.Complications.PainVAS = new(8)
		},
			"Перфорация матки слева, что затрудняет интерпретацию.\n" +
				"Вазовагальная реакция.\n" +
				"Выраженная боль во время процедуры (ВАШ 8/10)."},
		{"selective salpingography", func(r *report.Report) {
			r.Tubes.Right = report.Tube{Patency: report.Occluded, OcclusionSite: report.SiteCornual, OcclusionQualifier: report.OcclusionDefinite}
			r.Tubes.Left = patent
			r.Technique.SelectiveSalpingography = report.SelectiveRecanalized
		},
			"Окклюзия правой маточной трубы в интерстициальном отделе — при селективной сальпингографии достигнута реканализация.\n" +
				"Левая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость."},
		{"limited study", func(r *report.Report) {
			r.Tubes.Right, r.Tubes.Left = patent, patent
			fixture.NormalCavity(r)
			r.Technique.Adequacy = report.Limited
			r.Technique.Limitations = []report.Limitation{report.LimitIncompleteDistension, report.LimitAirBubbles}
		},
			"Ограниченно информативное исследование: маточные трубы проходимы с обеих сторон, контрастное вещество свободно поступает в брюшную полость.\n" +
				"Ограниченно информативное исследование: рентгенологических признаков патологии полости матки не выявлено.\n" +
				"Информативность исследования ограничена (неполное расправление полости матки и пузырьки воздуха)."},
		{"non-diagnostic study", func(r *report.Report) {
			r.Technique.Adequacy = report.NonDiagnostic
			r.Technique.Limitations = []report.Limitation{report.LimitDiscomfortTerminated}
		},
			"Исследование неинформативно (досрочное прекращение исследования из-за дискомфорта пациентки).\n" +
				"Может быть рассмотрена повторная гистеросальпингография."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fixture.NewTestReport(func(r *report.Report) { r.Language = "ru"; c.edit(r) })
			items := GenerateImpression(r)
			var lines []string
			for _, it := range items {
				lines = append(lines, it.Text)
			}
			if got := strings.Join(lines, "\n"); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			checkRussianTwin(t, r)
		})
	}
}
