package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hsgview/hsgview/internal/testutil"
)

// TestLibraryListMatchesInfo imports the demo study and the shared
// DICOMDIR set and checks `library list --json` against `info --json`
// for the same paths: the same studies, images, frames, patient and
// delayed image minutes.
func TestLibraryListMatchesInfo(t *testing.T) {
	// The first Open copies the drafts of the old drafts folder: keep the
	// user's out of the test.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	d := demoStudy(t)
	paths := []string{filepath.Join(d.dir, "HSG")}
	if shared := testutil.SharedPath(); shared != "" {
		paths = append(paths, filepath.Join(shared, "dicomdir", "pydicom_3patients", "DICOMDIR"),
			filepath.Join(shared, "dicomdir", "clunie_charset", "DICOMDIR"))
	} else {
		t.Log("shared test corpus not found: testing with the demo study only")
	}
	lib := filepath.Join(t.TempDir(), "lib")
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		code, _ := Run(args, &out, &errb)
		return out.String() + errb.String(), code
	}
	var info infoJSON
	out, _ := run(append([]string{"info", "--json"}, paths...)...)
	if err := json.Unmarshal([]byte(out[:strings.LastIndex(out, "}")+1]), &info); err != nil {
		t.Fatalf("info --json: %v\n%s", err, out)
	}
	if out, code := run(append([]string{"library", "--library", lib, "import"}, paths...)...); code != ExitOK {
		t.Fatalf("import: %d\n%s", code, out)
	}
	list := func() libListJSON {
		var out, errb bytes.Buffer
		if code, _ := Run([]string{"library", "--library", lib, "list", "--json"}, &out, &errb); code != ExitOK {
			t.Fatalf("list: %d %s", code, errb.String())
		}
		var l libListJSON
		if err := json.Unmarshal(out.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	got := list()
	byUID := map[string]libStudyJSON{}
	for _, s := range got.Studies {
		byUID[s.StudyInstanceUID] = s
	}
	if len(got.Studies) != len(info.Studies) {
		t.Fatalf("library lists %d studies, info %d", len(got.Studies), len(info.Studies))
	}
	for _, s := range info.Studies {
		g, ok := byUID[s.StudyInstanceUID]
		if !ok {
			t.Errorf("study %s missing from the library", s.StudyInstanceUID)
			continue
		}
		frames := 0
		for _, im := range s.Images {
			frames += im.Frames
		}
		if g.Images != len(s.Images) || g.Frames != frames {
			t.Errorf("study %s: library %d images %d frames, info %d %d", s.StudyInstanceUID, g.Images, g.Frames, len(s.Images), frames)
		}
		if g.Patient.ID != s.Patient.ID || g.Patient.BirthDate != s.Patient.BirthDate || g.Patient.Sex != s.Patient.Sex {
			t.Errorf("study %s: patient %+v, info %+v", s.StudyInstanceUID, g.Patient, s.Patient)
		}
		switch {
		case (g.Delayed == nil) != (s.Delayed == nil):
			t.Errorf("study %s: delayed %v, info %v", s.StudyInstanceUID, g.Delayed, s.Delayed)
		case g.Delayed != nil && (g.Delayed.MinutesFromT0 == nil) != (s.Delayed.MinutesFromT0 == nil):
			t.Errorf("study %s: delayed minutes differ", s.StudyInstanceUID)
		case g.Delayed != nil && g.Delayed.MinutesFromT0 != nil && *g.Delayed.MinutesFromT0 != *s.Delayed.MinutesFromT0:
			t.Errorf("study %s: delayed at %v min, info %v", s.StudyInstanceUID, *g.Delayed.MinutesFromT0, *s.Delayed.MinutesFromT0)
		}
		if g.ReportStatus != "none" || g.Priors == nil {
			t.Errorf("study %s: status %q priors %v", s.StudyInstanceUID, g.ReportStatus, g.Priors)
		}
	}
	demoUID := d.coll.Studies[0].UID
	if g := byUID[demoUID]; g.Delayed == nil || g.Delayed.MinutesFromT0 == nil {
		t.Fatalf("the demo study's delayed image is not listed: %+v", g)
	}

	// Re-import adds nothing.
	if out, _ := run(append([]string{"library", "--library", lib, "import"}, paths...)...); !strings.HasPrefix(out, "0 instances added") {
		t.Errorf("re-import: %s", out)
	}
	if again := list(); len(again.Studies) != len(got.Studies) {
		t.Errorf("re-import changed the list")
	}
	// The environment variable names the library when --library is absent.
	t.Setenv("HSGVIEW_LIBRARY", lib)
	if out, code := run("library", "list", "--search", "", "--status", "none"); code != ExitOK || strings.Count(out, "\n") != len(got.Studies) {
		t.Errorf("list through HSGVIEW_LIBRARY: %d\n%s", code, out)
	}
	if out, code := run("library", "show", demoUID); code != ExitOK || !strings.Contains(out, "delayed image at +") {
		t.Errorf("show: %d\n%s", code, out)
	}
	if _, code := run("library", "list", "--status", "bogus"); code != ExitUsage {
		t.Errorf("bad status: exit %d", code)
	}
	if out, code := run("library", "remove", demoUID); code != ExitOK || !strings.Contains(out, "copied files deleted") {
		t.Errorf("remove: %d\n%s", code, out)
	}
	if _, code := run("library", "show", demoUID); code == ExitOK {
		t.Error("show of a removed study succeeded")
	}
	out, code := run("library", "audit", "--csv")
	if code != ExitOK || !strings.HasPrefix(out, "id,at,user,action,studyInstanceUid,detail\n") ||
		!strings.Contains(out, ",import,"+demoUID+",") || !strings.Contains(out, ",remove,"+demoUID+",") {
		t.Errorf("audit --csv:\n%s", out)
	}
	if strings.Contains(out, d.coll.Studies[0].Patient.Name) {
		t.Error("the audit log names the patient")
	}
	if _, code := run("library", "frobnicate"); code != ExitUsage {
		t.Error("unknown action accepted")
	}
}
