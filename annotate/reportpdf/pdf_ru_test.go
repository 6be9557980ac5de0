package reportpdf

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
)

// russianLabels gives every coded value without a Russian label a
// Cyrillic stand-in for the test («метка 17»), so that what is left in
// English in a Russian PDF can only be the PDF's own words (or a coded
// value printed with report.LabelOf instead of LabelIn). The Russian
// labels there are (annotate/report's) are kept.
func russianLabels(t *testing.T) {
	t.Helper()
	saved := maps.Clone(report.EnumLabelsRU)
	n := 0
	for typ, en := range report.EnumLabels {
		ru := maps.Clone(report.EnumLabelsRU[typ])
		if ru == nil {
			ru = map[string]string{}
		}
		for _, v := range slices.Sorted(maps.Keys(en)) {
			if _, ok := ru[v]; !ok {
				n++
				ru[v] = "метка " + strconv.Itoa(n)
			}
		}
		report.EnumLabelsRU[typ] = ru
	}
	t.Cleanup(func() {
		for typ := range report.EnumLabelsRU {
			delete(report.EnumLabelsRU, typ)
		}
		maps.Copy(report.EnumLabelsRU, saved)
	})
}

// russianDraft turns a report into one written in Russian: its
// language, names, free texts and impression as a Russian radiologist's
// draft holds them.
func russianDraft(r *report.Report, impression []string, recs ...string) {
	r.Language = "ru"
	r.Patient.Name = "Иванова^Мария^Сергеевна"
	r.Patient.BirthDate = "1991-07-18"
	r.Study.ReferringPhysician = "Петров^Игорь^Николаевич"
	r.Study.PerformingPhysician = "Смирнова^Анна^Павловна"
	r.Clinical.IndicationText = "Первичное бесплодие в течение 2 лет."
	r.Impression.Items = nil
	for _, s := range impression {
		r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Text: s})
	}
	r.Impression.Recommendations = nil
	for _, s := range recs {
		r.Impression.Recommendations = append(r.Impression.Recommendations, report.Recommendation{Code: report.RecommendOther, Text: s})
	}
	for i := range r.Complications.Items {
		r.Complications.Items[i].Text = "Исчезла на отсроченном снимке"
	}
}

// ruRichReport is the rich test report (every section filled) in
// Russian, with its key images.
func ruRichReport(t *testing.T) (*report.Report, []keyimage.ReportImage) {
	r, imgs := richReport(t)
	russianDraft(r, []string{
		"Рентгенологических признаков патологии полости матки не выявлено.",
		"Гидросальпинкс слева, диаметром около 14 мм; поступления контрастного вещества в брюшную полость слева нет, в том числе на отсроченном снимке.",
	}, "Обсудить на консилиуме по бесплодию.")
	r.Technique.Dose.EffectiveDoseMSv = new(0.457)
	r.Technique.Dose.EffectiveDoseMethod = "per_event_cu"
	r.Technique.Dose.EffectiveDoseBasis = &report.EffectiveDoseBasis{Events: 6, Source: "Phys Med 2021;81:40-46"}
	r.Technique.Dose.DRL = &report.DoseDRL{DAPGyCm2: new(2.0), FluoroTimeS: new(42.0), Source: "RCR"}
	return r, imgs
}

// ruExample is the example draft (assess.ExampleReport) in Russian, with
// its findings changed by edit: one finding class of the tests below.
func ruExample(edit func(r *report.Report), impression []string, recs ...string) *report.Report {
	r := assess.ExampleReport(fixture.ExampleInput())
	r.Annotations = nil
	if edit != nil {
		edit(r)
	}
	russianDraft(r, impression, recs...)
	return r
}

// normalTube is a present, patent tube with free spill and nothing else.
func normalTube() report.Tube {
	return report.Tube{Status: report.TubePresent, Opacification: report.OpacificationComplete, Patency: report.Patent,
		Spill: report.SpillFreePrompt, PeritubalAdhesionsSuspected: new(false), Hydrosalpinx: report.Hydrosalpinx{Present: new(false)},
		SalpingitisIsthmicaNodosa: new(false), TubalSpasmSuspected: new(false)}
}

// ruClasses are Russian drafts of each finding class, with texts their
// PDF must hold.
func ruClasses() []struct {
	name string
	r    *report.Report
	want []string
} {
	normal := ruExample(func(r *report.Report) {
		r.Tubes.Right, r.Tubes.Left = normalTube(), normalTube()
		r.Peritoneum.SpillPattern = report.PatternFree
		r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedFreeDispersion}
	}, []string{"Рентгенологических признаков патологии полости матки не выявлено. Маточные трубы проходимы с обеих сторон."})
	occlusion := ruExample(func(r *report.Report) {
		r.Tubes.Right = normalTube()
		l := normalTube()
		l.Opacification, l.Patency, l.Spill = report.OpacificationNone, report.Occluded, report.SpillNone
		l.OcclusionSite, l.OcclusionQualifier = report.SiteCornual, report.OcclusionSpasmNotExcluded
		r.Tubes.Left = l
	}, []string{"Непроходимость левой маточной трубы в интерстициальном отделе (проксимальная трубная окклюзия); нельзя исключить спазм. Правая маточная труба проходима."},
		"Лапароскопия с хромогидротубацией либо селективная сальпингография.")
	hydro := ruExample(func(r *report.Report) {
		h := normalTube()
		h.Patency, h.Spill, h.OcclusionSite = report.Occluded, report.SpillNone, report.SiteAmpullary
		h.Hydrosalpinx = report.Hydrosalpinx{Present: new(true), MaxDiameterMM: new(15.5), MucosalFolds: report.FoldsReduced, MeasurementBasis: mark.SpacingImager}
		r.Tubes.Right, r.Tubes.Left = h, h
		r.Peritoneum.SpillPattern = report.PatternNone
		r.Peritoneum.DelayedFindings = []report.DelayedFinding{report.DelayedTubalContrast}
	}, []string{"Гидросальпинкс с обеих сторон. Маточные трубы непроходимы в ампулярных отделах."})
	sin := ruExample(func(r *report.Report) {
		s := normalTube()
		s.SalpingitisIsthmicaNodosa = new(true)
		s.Contour = report.TubeBeaded
		r.Tubes.Right, r.Tubes.Left = s, s
	}, []string{"Рентгенологическая картина может соответствовать узловому истмическому сальпингиту."})
	anomaly := ruExample(func(r *report.Report) {
		r.Tubes.Right, r.Tubes.Left = normalTube(), normalTube()
		r.Uterus.Shape = report.ShapeTwoHorns
		r.Uterus.InternalIndentationDepthMM = new(18.0)
		r.Uterus.InternalIndentationAngleDeg = new(70.0)
		r.Uterus.MullerianAnomaly = report.Anomaly{Suspected: new(true), ASRM: report.ASRMSeptateOrBicornuate, ESHREUterine: report.U2OrU3,
			ESHRECervical: report.C0, Certainty: report.Probable, ExternalContourAssessable: new(false), ConfirmationRecommended: report.Confirm3DUS}
		r.Uterus.IntrauterineAdhesions = report.Adhesions{Present: new(true), Extent: report.ExtentLessThanThird}
		r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectSynechia, Location: report.LocBody, Margin: report.MarginLinear, SizeMM: new(6.0), MobileOrTransient: new(false)}}
	}, []string{"Рентгенологические признаки неполной внутриматочной перегородки (ESHRE/ESGE U2a).", "Рентгенологические признаки внутриматочных синехий."},
		"3D УЗИ или МРТ для дифференциальной диагностики с двурогой маткой.", "Гистероскопия.")
	complications := ruExample(func(r *report.Report) {
		r.Tubes.Right, r.Tubes.Left = normalTube(), normalTube()
		r.Complications = report.Complications{Items: []report.Complication{
			{Type: report.VenousIntravasation, Grade: "1", Side: report.Right, AffectsInterpretation: new(false), Text: "x"},
			{Type: report.VasovagalReaction},
		}, PainVAS: new(6)}
	}, []string{"Интравазация контрастного вещества."})
	return []struct {
		name string
		r    *report.Report
		want []string
	}{
		{"normal", normal, []string{"Обе маточные трубы контрастируются на всем протяжении, проходимы; свободное поступление контрастного вещества в брюшную полость",
			"Обычных размеров, расположена по средней линии; полость треугольной формы с ровными контурами"}},
		{"occlusion", occlusion, []string{"Правая маточная труба Левая маточная труба", "Уровень окклюзии", "РЕКОМЕНДАЦИИ"}},
		{"hydrosalpinx", hydro, []string{"Обе маточные трубы контрастируются на всем протяжении, непроходимы", "гидросальпинкс с обеих сторон, ≈15,5 мм (в плоскости детектора)",
			"остаточное контрастное вещество в маточной трубе (сторона не указана)"}},
		{"sin", sin, []string{"Обе маточные трубы контрастируются на всем протяжении, проходимы", "признаки узлового истмического сальпингита"}},
		{"anomaly", anomaly, []string{"Аномалия развития матки", "При ГСГ не оценивается", "Глубина 18 мм (источник калибровки не указан), угол 70°", "Подозрение на аномалию Да",
			"Внутриматочные синехии Есть", "Дефекты наполнения"}},
		{"complications", complications, []string{"Осложнения", "Боль (ВАШ) 6 / 10", "не влияет на интерпретацию"}},
	}
}

// englishLeft returns the English words of the PDF (ruWords' keys) and
// the English labels of coded values found in text, a Russian PDF's.
func englishLeft(text string) []string {
	var found []string
	for _, en := range slices.Sorted(maps.Keys(ruWords)) {
		if strings.Contains(en, "|") || ruWords[en] == en {
			continue
		}
		if formatRegexp(en).MatchString(text) {
			found = append(found, en)
		}
	}
	for _, m := range report.EnumLabels {
		for _, l := range m {
			// Short symbols and the names of classifications print the
			// same in both languages.
			if len([]rune(l)) < 3 || l == "AFS 1988" {
				continue
			}
			if formatRegexp(l).MatchString(text) {
				found = append(found, "label "+l)
			}
		}
	}
	sort.Strings(found)
	return slices.Compact(found)
}

// formatRegexp matches the text a format prints: %d a number, %s any
// text, words whole.
func formatRegexp(format string) *regexp.Regexp {
	q := regexp.QuoteMeta(strings.TrimSpace(format))
	q = strings.ReplaceAll(q, "%d", `\d+`)
	q = strings.ReplaceAll(q, "%s", `.+?`)
	if regexp.MustCompile(`^\w`).MatchString(format) || strings.HasPrefix(format, " ") {
		q = `\b` + q
	}
	if regexp.MustCompile(`\w$`).MatchString(format) {
		q += `\b`
	}
	return regexp.MustCompile(q)
}

// checkRussianPDF checks a Russian PDF: valid, its fixed words Russian,
// the patient's Cyrillic name, dates as dd.mm.yyyy, page footers, and no
// English word of the PDF's own left.
func checkRussianPDF(t *testing.T, p string, want ...string) string {
	t.Helper()
	run(t, "qpdf", "--check", p)
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, w := range append([]string{"ЗАКЛЮЧЕНИЕ", "МЕТОДИКА", "ОПИСАНИЕ", "ПАЦИЕНТ", "ИССЛЕДОВАНИЕ", "Ф.И.О. Иванова, Мария Сергеевна",
		"Дата рождения 18.07.1991", "Петров, Игорь Николаевич", "ЧЕРНОВИК — не подписан", "Протокол рентгенологического исследования",
		"Стр. 1 из ", "ID протокола", "Контрольная сумма черновика"}, want...) {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("%s lacks %q", filepath.Base(p), w)
		}
	}
	if left := englishLeft(text); len(left) > 0 {
		t.Errorf("%s: English left in the Russian PDF: %q\n%s", filepath.Base(p), left, text)
	}
	// Raw codes never reach the reader, and no English date.
	if m := regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}`).FindString(text); m != "" {
		t.Errorf("%s prints %q", filepath.Base(p), m)
	}
	return text
}

// TestPDFRussianDemo: the rich report (every section, key images) in
// Russian, with its figures in the Russian form.
func TestPDFRussianDemo(t *testing.T) {
	russianLabels(t)
	r, imgs := ruRichReport(t)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "ru-demo.pdf")
	text := checkRussianPDF(t, p,
		"(34 года)", "Дата исследования 12.03.2026 08:38 (UTC+00:00)", "род. 18.07.1991",
		"8 мл", "42 с", "2,54 Гр·см² (25,4 дГр·см²", "300 мг йода/мл", "5 Fr",
		"5 прицельных снимков, 1 серия кадров", "8-й день цикла; первый день последней менструации 05.03.2026",
		"Выполнен через 25 мин после начала введения контрастного вещества",
		"≈14 мм (в плоскости детектора)", "6 мм (источник калибровки не указан)", "Глубина 7 мм",
		"Эффективная доза (оценка) 0,457 мЗв", "Референтные уровни Произведение дозы на площадь 2 Гр·см², время рентгеноскопии 42 с",
		"Правая маточная труба Левая маточная труба", "Перитубарные спайки", "Узловой истмический сальпингит",
		"РЕКОМЕНДАЦИИ", "Обсудить на консилиуме по бесплодию.", "КЛЮЧЕВЫЕ ИЗОБРАЖЕНИЯ", "Серия ", "снимок ", "+25 мин",
		"Не подписан — это черновик", "Протокол не проверен и не подписан врачом-рентгенологом.")
	pages := regexp.MustCompile(`Стр\. (\d+) из (\d+)`).FindAllStringSubmatch(text, -1)
	if len(pages) < 2 {
		t.Fatalf("page footers: %v", pages)
	}
	for i, m := range pages {
		if m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(len(pages)) {
			t.Errorf("footer %q on page %d of %d", m[0], i+1, len(pages))
		}
	}
	if strings.Contains(text, "ЧЕРНОВИК ЧЕРНОВИК") || strings.Count(text, "ЧЕРНОВИК") != 1 {
		t.Errorf("«ЧЕРНОВИК» %d times in the text: the watermark is an image", strings.Count(text, "ЧЕРНОВИК"))
	}
	info := run(t, "pdfinfo", p)
	if !strings.Contains(info, "Протокол гистеросальпингографии") {
		t.Errorf("the PDF's title is not Russian:\n%s", info)
	}
}

// TestPDFRussianFindingClasses: a Russian PDF of each finding class,
// with the Russian sentences the PDF builds itself.
func TestPDFRussianFindingClasses(t *testing.T) {
	russianLabels(t)
	for _, c := range ruClasses() {
		t.Run(c.name, func(t *testing.T) {
			p := writeTestPDF(t, c.r, PDFOptions{Settings: testSettings, Location: time.UTC}, "ru-"+c.name+".pdf")
			text := checkRussianPDF(t, p, c.want...)
			for _, it := range c.r.Impression.Items {
				if !strings.Contains(text, squash(it.Text)) {
					t.Errorf("impression %q missing", it.Text)
				}
			}
		})
	}
}

// TestPDFRussianSignedAndAmended: the signature block, the amendment
// banner and the superseded impression in Russian.
func TestPDFRussianSignedAndAmended(t *testing.T) {
	russianLabels(t)
	r, imgs := ruRichReport(t)
	if err := assess.Sign(r, report.Person{Name: "Смирнова А. П.", ID: "RAD-7"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "ru-signed.pdf")
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, w := range []string{"ПОДПИСЬ", "Врач-рентгенолог Смирнова А. П. (RAD-7)", "Подписано 12.03.2026 11:00 (UTC+00:00)", ", версия 1", "Контрольная сумма " + r.ContentHash} {
		if !strings.Contains(text, w) {
			t.Errorf("signed report lacks %q", w)
		}
	}
	if strings.Contains(text, "ЧЕРНОВИК") {
		t.Error("a signed report is marked draft")
	}
	if err := assess.Amend(r, "Уточнен диаметр гидросальпинкса"); err != nil {
		t.Fatal(err)
	}
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "ru-amending.pdf")
	if text := squash(run(t, "pdftotext", "-raw", p, "-")); !strings.Contains(text, "Идет исправление версии 1. Причина: Уточнен диаметр гидросальпинкса.") {
		t.Errorf("no amendment banner:\n%s", text)
	}
	if err := assess.Sign(r, report.Person{Name: "Смирнова А. П."}, time.Date(2026, 3, 13, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	p = writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "ru-amended.pdf")
	text = squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, w := range []string{"ИСПРАВЛЕН — версия 2 заменяет версию 1", "Причина исправления: Уточнен диаметр гидросальпинкса.",
		"ПРЕЖНЕЕ ЗАКЛЮЧЕНИЕ", "Версия 1, подписано: Смирнова А. П., 12.03.2026 11:00 (UTC+00:00). Причина замены: Уточнен диаметр гидросальпинкса.",
		"Заменяет Версия 1 ("} {
		if !strings.Contains(text, w) {
			t.Errorf("amended report lacks %q", w)
		}
	}
	if left := englishLeft(text); len(left) > 0 {
		t.Errorf("English left: %q", left)
	}
}

// TestPDFLanguageOption: PDFOptions.Language overrides the report's
// language, both ways.
func TestPDFLanguageOption(t *testing.T) {
	r, _ := richReport(t)
	p := writeTestPDF(t, r, PDFOptions{Language: "ru"}, "opt-ru.pdf")
	if text := squash(run(t, "pdftotext", "-raw", p, "-")); !strings.Contains(text, "ЗАКЛЮЧЕНИЕ") || !strings.Contains(text, "18.07.1991") {
		t.Errorf("Language ru ignored:\n%s", text)
	}
	r.Language = "ru"
	p = writeTestPDF(t, r, PDFOptions{Language: "en"}, "opt-en.pdf")
	if text := squash(run(t, "pdftotext", "-raw", p, "-")); !strings.Contains(text, "IMPRESSION") || !strings.Contains(text, "18 Jul 1991") {
		t.Errorf("Language en ignored:\n%s", text)
	}
}

// TestRussianWordsComplete: every English text the package passes to t,
// tf or tc (and every row of the tube table and residual-contrast
// wording) has a Russian entry, and every entry is used.
func TestRussianWordsComplete(t *testing.T) {
	fset := token.NewFileSet()
	used := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			lit := func(i int) (string, bool) {
				if i >= len(call.Args) {
					return "", false
				}
				b, ok := call.Args[i].(*ast.BasicLit)
				if !ok || b.Kind != token.STRING {
					return "", false
				}
				s, err := strconv.Unquote(b.Value)
				return s, err == nil
			}
			switch sel.Sel.Name {
			case "t", "tf":
				if s, ok := lit(0); ok {
					used[s] = true
				} else if sel.Sel.Name == "t" {
					// d.t(residualTube(…)), d.t(q): the keys are listed below.
					return true
				}
			case "tc":
				ctx, ok1 := lit(0)
				s, ok2 := lit(1)
				if ok1 && ok2 {
					used[ctx+"|"+s] = true
				}
			}
			return true
		})
	}
	for _, k := range tubeRowOrder {
		if _, ok := ruWords["tube|"+k]; ok {
			used["tube|"+k] = true
		} else {
			used[k] = true
		}
	}
	for _, k := range []string{"residual tubal contrast (side not recorded)", "residual contrast in the right hydrosalpinx",
		"residual contrast in the left hydrosalpinx", "residual contrast in the right tube", "residual contrast in the left tube"} {
		used[k] = true
	}
	if len(used) < 100 {
		t.Fatalf("only %d texts found: the scan is broken", len(used))
	}
	for k := range used {
		if ruWords[k] == "" {
			t.Errorf("no Russian for %q", k)
		}
	}
	for k := range ruWords {
		if !used[k] {
			t.Errorf("Russian entry %q is not used", k)
		}
	}
	// The translations keep the format verbs of their key, in order.
	verbs := regexp.MustCompile(`%[a-z]`)
	for k, v := range ruWords {
		if !slices.Equal(verbs.FindAllString(k, -1), verbs.FindAllString(v, -1)) {
			t.Errorf("%q → %q: format verbs differ", k, v)
		}
	}
	// The spacing qualifiers are mark's words in Russian (one rule: the
	// PDF, the overlay and the form say alike).
	for _, src := range []mark.SpacingSource{mark.SpacingPixelSpacing, mark.SpacingImager, mark.SpacingImagerOverERMF, mark.SpacingUser} {
		sp := mark.Spacing{Row: 1, Column: 1, Source: src}
		if q := (&pdfDoc{lang: "ru"}).spacingText(sp); q != sp.InParensIn("ru") || q == sp.InParens() {
			t.Errorf("spacing qualifier of %s: %q", src, q)
		}
	}
}

func TestRuPlural(t *testing.T) {
	d := &pdfDoc{lang: "ru"}
	for n, want := range map[int]string{1: "1 прицельный снимок", 2: "2 прицельных снимка", 4: "4 прицельных снимка", 5: "5 прицельных снимков",
		11: "11 прицельных снимков", 12: "12 прицельных снимков", 21: "21 прицельный снимок", 22: "22 прицельных снимка", 0: "0 прицельных снимков"} {
		if got := d.count(n, "spot image", "spot images"); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	en := &pdfDoc{lang: "en"}
	if got := en.count(1, "spot image", "spot images"); got != "1 spot image" {
		t.Errorf("en: %q", got)
	}
	if lowerFirst("Проходима") != "проходима" || lowerFirst("МРТ") != "МРТ" || lowerFirst("") != "" {
		t.Error("lowerFirst")
	}
}

// TestPDFNamesInOtherScripts: Chinese, Japanese and Korean names print in
// the embedded CJK font (not as boxes), Turkish and other Latin letters
// with diacritics and Cyrillic in DejaVu; the CJK font is embedded only
// when a text needs it.
func TestPDFNamesInOtherScripts(t *testing.T) {
	r, imgs := richReport(t)
	r.Patient.Name = "山田^花子"
	r.Study.ReferringPhysician = "김^민지"
	r.Study.PerformingPhysician = "Şükrü^Işıl İlkay^^Dr."
	r.Author.Name = "Çağla Öztürk-Ñúñez"
	r.Clinical.IndicationText = "紹介状: 不妊症 (전원 의뢰서)"
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "cjk.pdf")
	run(t, "qpdf", "--check", p)
	text := squash(run(t, "pdftotext", "-raw", p, "-"))
	for _, w := range []string{"山田, 花子", "김, 민지", "Şükrü, Işıl İlkay (Dr.)", "Çağla Öztürk-Ñúñez", "紹介状: 不妊症 (전원 의뢰서)"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	// Page 2's running header names the patient too.
	if second := pageText(t, p, 2); !strings.Contains(second, "山田, 花子 · ID") {
		t.Errorf("running header lacks the name:\n%s", second)
	}
	fonts := run(t, "pdffonts", p)
	if !strings.Contains(fonts, "utf8"+pdfFontCJK) {
		t.Errorf("the CJK font is not embedded:\n%s", fonts)
	}
	// Every character of the names is in the font it is printed in.
	c := fontCoverage()
	for _, s := range []string{"山田花子", "김민지", "紹介状不妊症전원의뢰서"} {
		for _, ch := range s {
			if !needsCJK(ch, "") || !needsCJK(ch, "B") || !has(c.cjk, ch) {
				t.Errorf("%q is not printed in the CJK font", ch)
			}
		}
	}
	for _, ch := range "ŞşİıĞğÇçÖöÜüÑñИванова" {
		if needsCJK(ch, "") || !has(c.dejavu[0], ch) || !has(c.dejavu[1], ch) {
			t.Errorf("%q is not in DejaVu", ch)
		}
	}
	// A report without such a name does not carry the font.
	r2, _ := richReport(t)
	p = writeTestPDF(t, r2, PDFOptions{Settings: testSettings, Location: time.UTC}, "no-cjk.pdf")
	if fonts := run(t, "pdffonts", p); strings.Contains(fonts, "utf8"+pdfFontCJK) {
		t.Errorf("the CJK font is embedded without need:\n%s", fonts)
	}
}

// TestPDFCJKNameFitsHeader: a long CJK name is measured in its own font,
// so the running header's ellipsis keeps it clear of the title.
func TestPDFCJKNameFitsHeader(t *testing.T) {
	r, imgs := richReport(t)
	r.Patient.Name = strings.Repeat("山田", 30) + "^" + strings.Repeat("花子", 20)
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: imgs, Location: time.UTC}, "cjk-long.pdf")
	pages := pdfWords(t, p)
	if len(pages) < 2 {
		t.Fatal("the test needs a running header")
	}
	for i, pg := range pages[1:] {
		var title bboxWord
		var head []bboxWord
		for _, w := range pg.Words {
			switch {
			case w.YMax >= pdfMarginTop*mmPt:
			case w.Text == "Hysterosalpingography":
				title = w
			case w.Text != "report":
				head = append(head, w)
			}
		}
		line := ""
		for _, w := range head {
			line += w.Text + " "
		}
		if title.Text == "" || !strings.Contains(line, "山田") || !strings.Contains(line, "…") || !strings.Contains(line, "HSG-PH-000417") {
			t.Fatalf("page %d: header %q should shorten the name and keep the ID", i+2, line)
		}
		for _, w := range head {
			if w.XMax > title.XMin-1 {
				t.Errorf("page %d: header word %q (to %.1f pt) runs into the title (from %.1f pt)", i+2, w.Text, w.XMax, title.XMin)
			}
		}
	}
}

// TestPDFWrapKeepsNumberWithUnit: a line never ends between a number and
// its unit («12,4 мм»): the no-break space l10n puts between them holds.
func TestPDFWrapKeepsNumberWithUnit(t *testing.T) {
	d, err := newPDFDoc(report.NewReport("1.2.3"), PDFOptions{Language: "ru"})
	if err != nil {
		t.Fatal(err)
	}
	d.font("", 9.5)
	q := d.qty(12.4, 1, "mm")
	if q != "12,4\u00a0мм" {
		t.Fatalf("qty = %q", q)
	}
	text := "гидросальпинкс диаметром " + q
	w := d.width("гидросальпинкс диаметром 12,4") + 0.5 // the unit does not fit after the number
	got := d.wrap(text, w)
	if len(got) != 2 || got[1] != q {
		t.Errorf("wrap = %q, want the quantity whole on the second line", got)
	}
	// Other white space still breaks: a tab, a carriage return.
	if got := d.wrap("a\tb\rc", 1); len(got) != 3 {
		t.Errorf("wrap at tab and CR = %q", got)
	}
}

// TestPDFRussianBudget: the notes that text or key images were left out
// are Russian too.
func TestPDFRussianBudget(t *testing.T) {
	russianLabels(t)
	r, imgs := ruRichReport(t)
	r.Uterus.Text = strings.Repeat("Длинное примечание. ", 150)
	many := make([]keyimage.ReportImage, keyimage.MaxKeyImages+3)
	r.KeyImages = make([]report.KeyImage, len(many))
	for i := range many {
		many[i] = imgs[i%len(imgs)]
		r.KeyImages[i] = many[i].Key
	}
	p := writeTestPDF(t, r, PDFOptions{Settings: testSettings, Images: many, Location: time.UTC}, "ru-budget.pdf")
	text := checkRussianPDF(t, p, "Текст сокращен для печати", "поле печатается до 2000 символов",
		"Ключевых изображений не напечатано: 3 (в протокол выводится не более 60).")
	if !strings.Contains(text, "[…]") {
		t.Error("no cut mark")
	}
}
