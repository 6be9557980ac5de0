package assess

import (
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
	"slices"
	"strings"
	"testing"
)

// refreshReport has a patent right tube, an occluded left tube and a
// normal cavity.
func refreshReport() *report.Report {
	r := report.NewReport("1.2.3")
	r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
	r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteIsthmic, Spill: report.SpillNone}
	r.Uterus = report.Uterus{CavityOpacified: new(true), Shape: report.ShapeNormalTriangular}
	RefreshImpression(r)
	return r
}

func itemTexts(r *report.Report) []string {
	var s []string
	for _, it := range r.Impression.Items {
		s = append(s, it.Text)
	}
	return s
}

func TestRefreshImpression(t *testing.T) {
	r := refreshReport()
	want := []string{
		"Right tube patent with free intraperitoneal spill.",
		"Left tube occluded at the isthmic segment.",
		"Normal uterine cavity.",
	}
	if got := itemTexts(r); !slices.Equal(got, want) {
		t.Fatalf("items %q", got)
	}
	if r.Impression.FinalText != strings.Join(want, "\n") {
		t.Errorf("final text %q", r.Impression.FinalText)
	}

	// Unedited sentences follow the findings.
	r.Tubes.Left.OcclusionSite = report.SiteCornual
	if stale := RefreshImpression(r); stale != nil {
		t.Errorf("stale %v", stale)
	}
	if got := r.Impression.Items[1].Text; got != "Left tube occluded at the cornual segment." {
		t.Errorf("not regenerated: %q", got)
	}

	// An edit survives a refresh when the findings did not change.
	r.Impression.Items[1].Text = "Left cornual block."
	if stale := RefreshImpression(r); stale != nil || r.Impression.Items[1].Text != "Left cornual block." {
		t.Fatalf("edit lost or stale: %q %v", itemTexts(r), stale)
	}
	if !r.Impression.Items[1].Edited() || !strings.Contains(r.Impression.FinalText, "Left cornual block.") {
		t.Error("edit not recorded")
	}

	// The findings under the edit change: the edit stays, reported stale.
	r.Tubes.Left.OcclusionQualifier = report.OcclusionSpasmNotExcluded
	stale := RefreshImpression(r)
	wantGen := "Left tube not opacified beyond the cornu; spasm versus proximal occlusion — selective salpingography could clarify."
	if len(stale) != 1 || stale[0].Index != 1 || stale[0].Text != "Left cornual block." || stale[0].Generated != wantGen {
		t.Fatalf("stale = %+v", stale)
	}
	if r.Impression.Items[1].Text != "Left cornual block." {
		t.Error("the edited text was replaced")
	}
	if !slices.Equal(ImpressionStale(r), stale) {
		t.Error("ImpressionStale disagrees with RefreshImpression")
	}
	if err := AcceptEdit(r, 1); err != nil {
		t.Fatal(err)
	}
	if s := ImpressionStale(r); s != nil || r.Impression.Items[1].GeneratedText != wantGen {
		t.Errorf("still stale after AcceptEdit: %v", s)
	}
	// The recommendation stated by the generated text is coded even though the user's text replaced it.
	if len(r.Impression.Recommendations) != 1 || r.Impression.Recommendations[0].Code != report.RecommendSelectiveSalpingography {
		t.Errorf("recommendations %+v", r.Impression.Recommendations)
	}
}

func TestRefreshKeepsUserSentences(t *testing.T) {
	r := refreshReport()
	items := r.Impression.Items
	user := report.ImpressionItem{Text: "Compare with the 2023 study.", Category: report.CategoryOther}
	first := report.ImpressionItem{Text: "Clinical question: tubal patency.", Category: report.CategoryOther}
	r.Impression.Items = []report.ImpressionItem{first, items[0], user, items[1], items[2]}
	r.Impression.Recommendations = []report.Recommendation{{Code: report.RecommendClinicalCorrelation, Text: "Clinical correlation."}}

	// The right tube changes and the left becomes identical: the two tube
	// sentences merge; the user's sentences keep their places.
	r.Tubes.Left = r.Tubes.Right
	r.Uterus.FillingDefects = []report.FillingDefect{{Kind: report.DefectPolyp}}
	RefreshImpression(r)
	want := []string{
		"Clinical question: tubal patency.",
		"Bilateral tubal patency with free intraperitoneal spill.",
		"Compare with the 2023 study.",
		"Filling defect, likely endometrial polyp.",
		"Hysteroscopy or sonohysterography is recommended to characterise the cavity findings.",
	}
	if got := itemTexts(r); !slices.Equal(got, want) {
		t.Errorf("items\n%q\nwant\n%q", got, want)
	}
	var codes []report.RecommendationCode
	for _, rec := range r.Impression.Recommendations {
		codes = append(codes, rec.Code)
	}
	if !slices.Equal(codes, []report.RecommendationCode{report.RecommendHysteroscopy, report.RecommendClinicalCorrelation}) {
		t.Errorf("recommendations %q: the manual one must stay", codes)
	}
}

func TestRefreshOrphanedEdit(t *testing.T) {
	r := refreshReport()
	r.Impression.Items[1].Text = "Left isthmic block, likely post-inflammatory."
	// Both tubes now read the same: the left sentence is no longer generated.
	r.Tubes.Left = r.Tubes.Right
	stale := RefreshImpression(r)
	want := []string{normalText, "Left isthmic block, likely post-inflammatory."}
	if got := itemTexts(r); !slices.Equal(got, want) {
		t.Fatalf("items %q", got)
	}
	if len(stale) != 1 || stale[0].Index != 1 || stale[0].Generated != "" {
		t.Fatalf("stale %+v", stale)
	}
	if err := Sign(r, report.Person{Name: "Dr X"}, fixture.T0); err == nil || !strings.Contains(err.Error(), "impression sentence 2") {
		t.Errorf("Sign with a stale edit: %v", err)
	}
	if err := AcceptEdit(r, 1); err != nil {
		t.Fatal(err)
	}
	if it := r.Impression.Items[1]; it.Auto || it.GeneratedText != "" || ImpressionStale(r) != nil {
		t.Errorf("an accepted orphan becomes the user's sentence: %+v", it)
	}
	// Now the user's: it stays after the bilateral sentence.
	RefreshImpression(r)
	if got := itemTexts(r); !slices.Equal(got, want) {
		t.Errorf("items %q", got)
	}
}

func TestAcceptEditErrors(t *testing.T) {
	r := refreshReport()
	for _, i := range []int{-1, 3} {
		if err := AcceptEdit(r, i); err == nil {
			t.Errorf("AcceptEdit(%d) succeeded", i)
		}
	}
	if err := AcceptEdit(r, 0); err == nil || !strings.Contains(err.Error(), "not an edited") {
		t.Errorf("AcceptEdit of an unedited sentence: %v", err)
	}
}

func TestRefreshReplacesItemsWithoutGeneratedText(t *testing.T) {
	// A tool that writes auto items without generatedText: they are taken
	// as unedited and regenerated.
	r := refreshReport()
	for i := range r.Impression.Items {
		r.Impression.Items[i].GeneratedText = ""
		r.Impression.Items[i].Text = "old"
	}
	RefreshImpression(r)
	if got := itemTexts(r); slices.Contains(got, "old") {
		t.Errorf("items %q", got)
	}
}

// TestRefreshKeepsEditedRecommendation checks that a recommendation the
// user reworded keeps the words, and is flagged once the findings no
// longer call for it.
func TestRefreshKeepsEditedRecommendation(t *testing.T) {
	r := exampleReport() // a left hydrosalpinx: laparoscopy is recommended
	i := slices.IndexFunc(r.Impression.Recommendations, func(rec report.Recommendation) bool { return rec.Code == report.RecommendLaparoscopy })
	if i < 0 {
		t.Fatalf("no laparoscopy recommendation: %+v", r.Impression.Recommendations)
	}
	const mine = "Laparoscopy with chromopertubation and salpingectomy to be discussed."
	r.Impression.Recommendations[i].Text = mine
	RefreshImpression(r)
	j := slices.IndexFunc(r.Impression.Recommendations, func(rec report.Recommendation) bool { return rec.Code == report.RecommendLaparoscopy })
	if j < 0 || r.Impression.Recommendations[j].Text != mine || !r.Impression.Recommendations[j].Edited() {
		t.Fatalf("the edit was lost: %+v", r.Impression.Recommendations)
	}
	if len(RecommendationsStale(r)) != 0 {
		t.Error("stale while the findings still call for it")
	}
	r.Tubes.Left = r.Tubes.Right // both tubes now normal
	RefreshImpression(r)
	stale := RecommendationsStale(r)
	if len(stale) != 1 || r.Impression.Recommendations[stale[0]].Text != mine {
		t.Fatalf("stale %v in %+v", stale, r.Impression.Recommendations)
	}
	if !slices.ContainsFunc(Validate(r), func(is Issue) bool {
		return is.Severity == SeverityWarning && strings.Contains(is.Message, "no longer call for it")
	}) {
		t.Error("Validate does not flag the edited recommendation the findings no longer call for")
	}
}

// TestSetLanguage checks that changing a draft's language writes the
// generated sentences and recommendations again in the new language and
// never overwrites what the radiologist edited or wrote: an edited
// sentence stays, reported stale with its new generated text.
func TestSetLanguage(t *testing.T) {
	r := exampleReport() // a patent right tube, a left hydrosalpinx: laparoscopy
	english := itemTexts(r)
	englishRecs := slices.Clone(r.Impression.Recommendations)
	const edited = "Left hydrosalpinx, about 14 mm, no spill."
	const mine = "Laparoscopy and salpingectomy to be discussed."
	const user = "Compare with the outside HSG of 2023."
	r.Impression.Items[1].Text = edited
	r.Impression.Recommendations[0].Text = mine
	r.Impression.Items = append(r.Impression.Items, report.ImpressionItem{Text: user, Category: report.CategoryOther})
	if stale := RefreshImpression(r); stale != nil {
		t.Fatalf("stale before the change: %+v", stale)
	}

	stale, err := SetLanguage(r, "ru-RU")
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != "ru" {
		t.Errorf("language %q", r.Language)
	}
	got := itemTexts(r)
	if len(got) != len(english)+1 || got[1] != edited || got[len(got)-1] != user {
		t.Fatalf("items %q", got)
	}
	for i, s := range got {
		if i == 1 || i == len(got)-1 {
			continue
		}
		if s == english[i] || !strings.ContainsAny(s, "абвгдеёжзийклмнопрстуфхцчшщыьэюя") {
			t.Errorf("sentence %d not in Russian: %q", i+1, s)
		}
	}
	wantGen := russianOf(t, r, 1)
	if len(stale) != 1 || stale[0].Index != 1 || stale[0].Text != edited || stale[0].Generated != wantGen || !strings.HasPrefix(wantGen, "Гидросальпинкс слева") {
		t.Errorf("stale %+v, want the edited sentence with %q", stale, wantGen)
	}
	if rec := r.Impression.Recommendations[0]; rec.Text != mine || rec.GeneratedText != russian.recText[rec.Code] || !rec.Edited() {
		t.Errorf("edited recommendation %+v", rec)
	}
	if !strings.Contains(r.Impression.FinalText, edited) || !strings.Contains(r.Impression.FinalText, "Правая маточная труба проходима") {
		t.Errorf("final text %q", r.Impression.FinalText)
	}

	// Back to English: the generated sentences read as before.
	if _, err := SetLanguage(r, "en"); err != nil {
		t.Fatal(err)
	}
	got = itemTexts(r)
	for i := range english {
		if i != 1 && got[i] != english[i] {
			t.Errorf("sentence %d: %q, was %q", i+1, got[i], english[i])
		}
	}
	if r.Impression.Recommendations[0].GeneratedText != englishRecs[0].GeneratedText {
		t.Errorf("recommendation %+v", r.Impression.Recommendations[0])
	}

	// A signed report keeps its language.
	s := exampleReport()
	s.Status = report.StatusFinal
	if _, err := SetLanguage(s, "ru"); err == nil || s.Language != "en" {
		t.Errorf("a signed report changed language: %v, %q", err, s.Language)
	}
}

// russianOf returns the generated Russian text of item i of r.
func russianOf(t *testing.T, r *report.Report, i int) string {
	t.Helper()
	items, _ := inLang(r, "ru")
	key := itemKeys(r.Impression.Items)[i]
	for j, k := range itemKeys(items) {
		if k == key {
			return items[j].Text
		}
	}
	t.Fatalf("no Russian sentence for item %d", i)
	return ""
}
