package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/annotate/report"
)

// TestImpressionLanguage runs "hsgview impression" on a Russian and an
// English draft: the sentences are in the draft's language, --lang
// chooses another for the generated text only (the draft is neither
// changed nor validated differently), and a language it does not know
// is a usage error.
func TestImpressionLanguage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, lang string) (string, []byte) {
		r := report.NewReportIn("1.2.3", lang)
		r.Tubes.Right = report.Tube{Status: report.TubePresent, Patency: report.Patent, Spill: report.SpillFreePrompt}
		r.Tubes.Left = report.Tube{Status: report.TubePresent, Patency: report.Occluded, OcclusionSite: report.SiteFimbrial,
			Spill: report.SpillNone, Hydrosalpinx: report.Hydrosalpinx{Present: new(true)}}
		r.Uterus = report.Uterus{CavityOpacified: new(true), Shape: report.ShapeNormalTriangular, Contour: report.ContourSmooth}
		p := filepath.Join(dir, name)
		if err := r.WriteFile(p); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		return p, b
	}
	ru, ruBytes := write("ru.json", "ru")
	en, _ := write("en.json", "en")
	const (
		wantRU = "Правая маточная труба проходима, контрастное вещество свободно поступает в брюшную полость.\n" +
			"Гидросальпинкс слева с дистальной окклюзией маточной трубы.\n" +
			"Рентгенологических признаков патологии полости матки не выявлено.\n" +
			"Рекомендуется лапароскопия с хромогидротубацией для подтверждения и оценки поражения маточных труб.\n"
		wantEN = "Right tube patent with free intraperitoneal spill.\n" +
			"Left hydrosalpinx with distal occlusion.\n" +
			"Normal uterine cavity.\n" +
			"Laparoscopy with chromopertubation is recommended to confirm and assess the tubal disease.\n"
	)
	var warnings string
	for i, c := range []struct {
		args []string
		want string
	}{
		{[]string{"impression", ru}, wantRU},
		{[]string{"impression", "--lang", "en", ru}, wantEN},
		{[]string{"impression", ru, "--lang", "en"}, wantEN},
		{[]string{"impression", "--lang=ru", en}, wantRU},
		{[]string{"impression", en}, wantEN},
	} {
		var out, errb bytes.Buffer
		code, handled := Run(c.args, &out, &errb)
		if !handled || code != ExitOK || out.String() != c.want {
			t.Errorf("%q: exit %d\n%s\nwant\n%s\nstderr %s", c.args, code, out.String(), c.want, errb.String())
		}
		if i == 0 {
			warnings = errb.String()
		} else if errb.String() != warnings {
			t.Errorf("%q: the draft was validated differently:\n%s\nwas\n%s", c.args, errb.String(), warnings)
		}
	}
	if b, _ := os.ReadFile(ru); !bytes.Equal(b, ruBytes) {
		t.Error("the draft was changed")
	}
	for _, lang := range []string{"de", "RU", "russian"} {
		code, stdout, stderr := runCLI("impression", "--lang", lang, ru)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "--lang "+lang+": use en or ru") {
			t.Errorf("--lang %s: exit %d, stdout %q, stderr %q", lang, code, stdout, stderr)
		}
	}
	var out bytes.Buffer
	Run([]string{"help"}, &out, &out)
	if !strings.Contains(out.String(), "hsgview impression [--lang en|ru] DRAFT.json") {
		t.Errorf("usage does not offer --lang:\n%s", out.String())
	}
}
