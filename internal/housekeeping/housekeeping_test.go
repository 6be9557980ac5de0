package housekeeping

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// TestTidy: expired unsigned drafts go, signed reports, amendments and
// recent drafts stay; only hsgview's own stale temporary files are
// removed; the preferences file ends 0600.
func TestTidy(t *testing.T) {
	dir := t.TempDir()
	draftDir := filepath.Join(dir, "drafts")
	st, err := drafts.OpenStore(draftDir)
	if err != nil {
		t.Fatal(err)
	}
	save := func(uid string) {
		d, err := st.Open(uid)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Update(func(r *report.Report) error { r.Patient.Name = "Doe^Jane"; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	save("old")
	save("young")
	now := time.Now()
	old := now.Add(-100 * 24 * time.Hour)
	ents, _ := os.ReadDir(draftDir)
	for _, e := range ents {
		os.Chtimes(filepath.Join(draftDir, e.Name()), old, old)
	}
	save("young") // touched now

	exportDir := filepath.Join(dir, "exports")
	os.Mkdir(exportDir, 0o700)
	prefs := filepath.Join(dir, "fyne", "app", "preferences.json")
	os.MkdirAll(filepath.Dir(prefs), 0o755)
	os.WriteFile(prefs, []byte(`{"report.exportDir":"`+exportDir+`"}`), 0o644)
	files := map[string]bool{ // name → removed
		filepath.Join(exportDir, ".tmp-out.pdf-123456"):  true,
		filepath.Join(draftDir, ".tmp-abc.json-99"):      true,
		filepath.Join(exportDir, ".tmp-out.pdf-12x"):     false, // not hsgview's pattern
		filepath.Join(exportDir, "tmp-out.pdf-1"):        false,
		filepath.Join(exportDir, "report.pdf"):           false,
		filepath.Join(exportDir, ".tmp-young.pdf-1"):     false, // young, set below
		filepath.Join(exportDir, ".tmp-patient.dcm-7/x"): false, // in a folder: not touched
	}
	for p := range files {
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte("x"), 0o600)
		if filepath.Base(p) != ".tmp-young.pdf-1" {
			os.Chtimes(p, old, old)
		}
	}
	res, err := Tidy(Options{DraftDir: draftDir, PrefsFile: prefs, DraftAge: 90 * 24 * time.Hour, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Drafts != 1 || res.Temps != 2 {
		t.Errorf("removed %d drafts and %d temporary files, want 1 and 2", res.Drafts, res.Temps)
	}
	for p, gone := range files {
		if _, err := os.Stat(p); (err != nil) != gone {
			t.Errorf("%s removed: %v, want %v", p, err != nil, gone)
		}
	}
	if _, err := st.Load("old"); err != drafts.ErrNoDraft {
		t.Errorf("expired draft: %v", err)
	}
	if _, err := st.Load("young"); err != nil {
		t.Errorf("recent draft: %v", err)
	}
	if err := privatefile.Check(prefs, 0o600); err != nil {
		t.Error(err)
	}
	if err := privatefile.Check(filepath.Dir(prefs), 0o700); err != nil {
		t.Error(err)
	}
}

// TestExpireKeepsSigned: a signed report, however old, stays.
func TestExpireKeepsSigned(t *testing.T) {
	dir := t.TempDir()
	st, err := drafts.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := report.NewReport("s")
	r.Status = report.StatusFinal
	r.Version = 1
	h, _ := r.Hash()
	r.ContentHash = h
	if err := st.Save(r); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-1000 * 24 * time.Hour)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		os.Chtimes(filepath.Join(dir, e.Name()), old, old)
	}
	n, err := st.Expire(24*time.Hour, time.Now())
	if err != nil || n != 0 {
		t.Fatalf("removed %d (%v), want 0", n, err)
	}
	if _, err := st.Load("s"); err != nil {
		t.Error(err)
	}
}

// TestPrefsCreatedPrivate: a missing preferences file is created 0600,
// so Fyne, which rewrites it in place, keeps the mode.
func TestPrefsCreatedPrivate(t *testing.T) {
	prefs := filepath.Join(t.TempDir(), "fyne", "id", "preferences.json")
	if err := privatePrefs(prefs); err != nil {
		t.Fatal(err)
	}
	if err := privatefile.Check(prefs, 0o600); err != nil {
		t.Error(err)
	}
	f, err := os.Create(prefs) // as Fyne writes it
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := privatefile.Check(prefs, 0o600); err != nil {
		t.Error("after a rewrite:", err)
	}
}
