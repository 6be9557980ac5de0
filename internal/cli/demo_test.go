package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
)

// TestDemo writes the demo study and its draft: the study loads with the
// delayed film found, the draft validates against the report rules, refers
// to the generated images, and its marks lie on the spill image.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code, _ := Run([]string{"demo", "--out", dir}, &out, &errb); code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	doc, code := runInfoJSON(t, dir)
	if code != ExitOK || len(doc.Studies) != 1 {
		t.Fatalf("info on the demo: exit %d, %d studies, errors %v", code, len(doc.Studies), doc.Errors)
	}
	s := doc.Studies[0]
	if s.Delayed == nil || num(s.Delayed.MinutesFromT0) != 25 || s.Patient.Name != "Müller-Łukasiewicz^Zoë" {
		t.Errorf("demo study: delayed %+v, patient %q", s.Delayed, s.Patient.Name)
	}
	r, err := report.ReadFile(filepath.Join(dir, "report-draft.json"))
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(filepath.Join(dir, "report-draft.json")); st.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v", st.Mode().Perm())
	}
	if issues := assess.Validate(r); assess.HasErrors(issues) {
		t.Errorf("example draft does not validate: %v", issues)
	}
	sops := map[string]string{}
	for _, im := range s.Images {
		sops[im.SOPInstanceUID] = im.Phase
	}
	for _, k := range r.KeyImages {
		if _, ok := sops[k.Image.SOPInstanceUID]; !ok {
			t.Errorf("key image %s is not in the study", k.Image.SOPInstanceUID)
		}
	}
	if len(r.Annotations) == 0 {
		t.Fatal("no marks in the example draft")
	}
	for _, a := range r.Annotations {
		if sops[a.Image.SOPInstanceUID] != "immediate" {
			t.Errorf("mark %s is not on an immediate image", a.ID)
		}
	}
	if r.Study.StudyInstanceUID != s.StudyInstanceUID || r.Patient.Name != s.Patient.Name {
		t.Errorf("draft header does not match the study")
	}
}
