package library

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/internal/testutil"
)

// TestImportMatchesDicomio imports the shared DICOMDIR set, a folder
// and a zip, and checks each study's counts against what dicomio (and
// so `hsgview info`) reports for the same paths; a second import
// changes nothing.
func TestImportMatchesDicomio(t *testing.T) {
	shared := testutil.SharedDir(t)
	tmp := t.TempDir()
	zipPath := filepath.Join(tmp, "xa.zip")
	zipFiles(t, filepath.Join(shared, "xa_rf"), zipPath)
	paths := []string{
		filepath.Join(shared, "dicomdir", "pydicom_3patients", "DICOMDIR"),
		filepath.Join(shared, "cine"),
		filepath.Join(shared, "edge_cases"),
		zipPath,
	}
	l := openTemp(t)
	res := mustImport(t, l, ModeAuto, paths...)

	coll, err := dicomio.Open(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer coll.Close()
	wantInstances := 0
	for _, s := range coll.Studies {
		wantInstances += len(s.Images) + len(s.Documents)
		row, err := l.Study(context.Background(), s.UID)
		if err != nil {
			t.Fatalf("study %s not in the library: %v", s.UID, err)
		}
		frames := 0
		for _, in := range s.Images {
			frames += in.Pixel.Frames
		}
		if row.Images != len(s.Images) || row.Frames != frames || row.Documents != len(s.Documents) {
			t.Errorf("study %s: library %d images %d frames %d documents, dicomio %d %d %d",
				s.UID, row.Images, row.Frames, row.Documents, len(s.Images), frames, len(s.Documents))
		}
		if (row.Delayed == nil) != (s.Timeline.Delayed == nil) {
			t.Errorf("study %s: delayed image differs", s.UID)
		}
	}
	if res.Added != wantInstances || count(t, l, `SELECT COUNT(*) FROM instances`) != wantInstances {
		t.Fatalf("added %d, want %d", res.Added, wantInstances)
	}
	if got := count(t, l, `SELECT COUNT(*) FROM studies`); got != len(coll.Studies) {
		t.Fatalf("%d studies, want %d", got, len(coll.Studies))
	}
	// Bad files are listed with a reason and kept out.
	keptOut := 0
	for _, p := range res.Problems {
		if p.KeptOut {
			keptOut++
			if p.Reason == "" || strings.Contains(p.Reason, "\n") {
				t.Errorf("problem without a one-line reason: %+v", p)
			}
			if strings.Contains(p.Path, "edge_cases") && count(t, l, `SELECT COUNT(*) FROM instances WHERE path = ?`, p.Path) != 0 {
				t.Errorf("%s kept out but in the library", p.Path)
			}
		}
	}
	if keptOut == 0 {
		t.Fatal("the edge cases include unreadable files; none were listed")
	}
	// The DICOMDIR set and the zip were copied (removable-media rule), the
	// cine folder referenced.
	if n := count(t, l, `SELECT COUNT(*) FROM instances WHERE copied = 0 AND path LIKE ?`, filepath.Join(shared, "dicomdir")+"%"); n != 0 {
		t.Errorf("%d DICOMDIR files referenced, want copied", n)
	}
	if n := count(t, l, `SELECT COUNT(*) FROM instances WHERE copied = 1 AND sop_uid IN (SELECT sop_uid FROM instances WHERE path LIKE '%.zip!%')`); n != 0 {
		t.Errorf("zip entries referenced")
	}
	if n := count(t, l, `SELECT COUNT(*) FROM instances WHERE copied = 0 AND path LIKE ?`, filepath.Join(shared, "cine")+"%"); n == 0 {
		t.Errorf("cine folder not referenced")
	}
	// Copied files are private and hash as recorded.
	rows, _ := l.db.Query(`SELECT path, size, sha256 FROM instances`)
	for rows.Next() {
		var p, sum string
		var size int64
		rows.Scan(&p, &size, &sum)
		if !fileMatches(p, size, sum) {
			t.Errorf("%s: size or SHA-256 differ from the import", p)
		}
		if strings.HasPrefix(p, l.dir) {
			if err := privatefile.Check(p, 0o600); err != nil {
				t.Error(err)
			}
		}
	}
	rows.Close()
	if err := privatefile.Check(filepath.Join(l.dir, DBName), 0o600); err != nil {
		t.Error(err)
	}
	// Again: nothing changes.
	before := count(t, l, `SELECT COUNT(*) FROM instances`)
	res2 := mustImport(t, l, ModeAuto, paths...)
	if res2.Added != 0 || res2.Present != wantInstances || count(t, l, `SELECT COUNT(*) FROM instances`) != before {
		t.Fatalf("re-import added %d (present %d)", res2.Added, res2.Present)
	}
	integrity(t, l)
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Müller^Anna":    "muller anna",
		"ИВАНОВА^Мария":  "иванова мария",
		"ЁЛКИНА^Йоланта": "елкина иоланта",
		"  STRAßE  ":     "strasse",
		"Łódź":           "łodz", // Ł has no decomposition; case still folds
		"ﬁle":            "file",
		"O'Brien^Zoë=ゾエ": "o'brien zoe ソエ",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchPriorsAndStatus(t *testing.T) {
	dir := t.TempDir()
	// Patient P1 at hospital A: three HSGs. The same ID at hospital B
	// and the same ID with another birth date are other patients.
	fx := []fixture{
		{study: "1.2.3.100", series: "1", name: "ИВАНОВА^МАРИЯ", id: "P1", issuer: "A", birth: "19900101", date: "20240105"},
		{study: "1.2.3.101", series: "1", name: "ИВАНОВА^МАРИЯ", id: "P1", issuer: "A", birth: "19900101", date: "20250210"},
		{study: "1.2.3.102", series: "1", name: "ПЕТРОВА^МАРИЯ", id: "P1", issuer: "A", birth: "19900101", date: "20260301"}, // married: same birth date
		{study: "1.2.3.200", series: "1", name: "ИВАНОВА^МАРИЯ", id: "P1", issuer: "B", birth: "19900101", date: "20230101"},
		{study: "1.2.3.300", series: "1", name: "ИВАНОВА^МАРИЯ", id: "P1", issuer: "A", birth: "19850505", date: "20220101"},
		{study: "1.2.3.400", series: "1", name: "Müller^Anna", id: "M7", date: "20260115"},
		{study: "1.2.3.401", series: "1", name: "MULLER^ANNA", id: "M7", date: "20250115"},
		{study: "1.2.3.402", series: "1", name: "Schmidt^Eva", id: "M7", date: "20240115"}, // no birth dates, other name
	}
	for _, f := range fx {
		f.inst = 1
		f.write(t, dir)
	}
	l := openTemp(t)
	res := mustImport(t, l, ModeReference, dir)
	if res.Added != len(fx) {
		t.Fatalf("added %d, want %d (%v)", res.Added, len(fx), res.Problems)
	}
	ctx := context.Background()
	search := func(text string) []string {
		p, err := l.Worklist(ctx, Query{Text: text, Sort: SortDate})
		if err != nil {
			t.Fatal(err)
		}
		var uids []string
		for _, r := range p.Rows {
			uids = append(uids, r.StudyUID)
		}
		return uids
	}
	if got := search("иванова"); strings.Join(got, ",") != "1.2.3.300,1.2.3.200,1.2.3.100,1.2.3.101" {
		t.Errorf(`"иванова" found %v`, got)
	}
	if got := search("muller"); strings.Join(got, ",") != "1.2.3.401,1.2.3.400" {
		t.Errorf(`"muller" found %v`, got)
	}
	if got := search("MÜLLER anna m7"); len(got) != 2 {
		t.Errorf(`"MÜLLER anna m7" found %v`, got)
	}
	if got := search("50%"); len(got) != 0 {
		t.Errorf(`LIKE metacharacters match: %v`, got)
	}
	row, _ := l.Study(ctx, "1.2.3.400")
	if row.PatientName != dicomtext.FormatPersonName("Müller^Anna") || row.Report.Status != StatusNone {
		t.Errorf("row %+v", row)
	}

	priors := func(uid string) []string {
		ps, err := l.Priors(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		var uids []string
		for _, p := range ps {
			uids = append(uids, p.StudyUID)
		}
		return uids
	}
	if got := priors("1.2.3.102"); strings.Join(got, ",") != "1.2.3.101,1.2.3.100" {
		t.Errorf("priors of 1.2.3.102 = %v (other issuer and other birth date must not be priors)", got)
	}
	if got := priors("1.2.3.100"); len(got) != 0 {
		t.Errorf("the first study has priors %v", got)
	}
	if got := priors("1.2.3.200"); len(got) != 0 {
		t.Errorf("issuer B has priors %v", got)
	}
	if got := priors("1.2.3.400"); strings.Join(got, ",") != "1.2.3.401" {
		t.Errorf("priors of 1.2.3.400 = %v (without birth dates the name decides)", got)
	}
	if _, err := l.Priors(ctx, "9.9.9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("priors of an unknown study: %v", err)
	}

	// Report status through the library's drafts, then filters.
	d, err := l.Drafts().Open("1.2.3.101")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { r.Language = "ru"; return nil }); err != nil {
		t.Fatal(err)
	}
	status := func(s string) int {
		p, err := l.Worklist(ctx, Query{Status: s})
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	if status(StatusDraft) != 1 || status(StatusNone) != len(fx)-1 || status(StatusUnsigned) != len(fx) || status(StatusSigned) != 0 {
		t.Errorf("status counts: draft %d none %d unsigned %d signed %d", status(StatusDraft), status(StatusNone), status(StatusUnsigned), status(StatusSigned))
	}
	if _, err := l.Worklist(ctx, Query{Status: "bogus"}); err == nil {
		t.Error("unknown status accepted")
	}
	p, err := l.Worklist(ctx, Query{From: "2025-01-01", To: "2025-12-31", Sort: SortName})
	if err != nil || p.Total != 2 || p.Rows[0].StudyUID != "1.2.3.401" || p.Rows[1].StudyUID != "1.2.3.101" { // Latin sorts before Cyrillic
		t.Errorf("date range: %+v %v", p, err)
	}
	// Paging covers every row once.
	seen := map[string]bool{}
	for off := 0; ; off += 3 {
		p, err := l.Worklist(ctx, Query{Sort: SortDate, Desc: true, Offset: off, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			if seen[r.StudyUID] {
				t.Fatalf("%s on two pages", r.StudyUID)
			}
			seen[r.StudyUID] = true
		}
		if len(p.Rows) < 3 {
			break
		}
	}
	if len(seen) != len(fx) {
		t.Errorf("paging saw %d studies, want %d", len(seen), len(fx))
	}
	row, _ = l.Study(ctx, "1.2.3.101")
	if row.AgeYears != 35 {
		t.Errorf("age %d, want 35", row.AgeYears)
	}
}

func TestDraftsMigrationSignAndAudit(t *testing.T) {
	legacy := filepath.Join(t.TempDir(), "drafts")
	old, err := drafts.OpenStore(legacy)
	if err != nil {
		t.Fatal(err)
	}
	r := report.NewReport("1.2.3.555")
	r.Patient.Name = "Secret^Name"
	if err := old.Save(r); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "lib")
	l, err := Open(dir, &Options{LegacyDraftsDir: legacy})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx := context.Background()
	if n := count(t, l, `SELECT COUNT(*) FROM reports WHERE study_uid = '1.2.3.555' AND status = 'draft'`); n != 1 {
		t.Fatalf("migrated draft not indexed")
	}
	got, err := l.Drafts().Load("1.2.3.555")
	if err != nil || got.Patient.Name != "Secret^Name" {
		t.Fatalf("migrated draft: %v", err)
	}
	// A study imported after its report shows the report's status.
	early := t.TempDir()
	fixture{study: "1.2.3.555", series: "1", name: "Secret^Name", id: "X0", date: "20250101", inst: 1}.write(t, early)
	mustImport(t, l, ModeReference, early)
	if row, err := l.Study(ctx, "1.2.3.555"); err != nil || row.Report.Status != StatusDraft {
		t.Fatalf("a study imported after its draft: %+v %v", row, err)
	}
	// A second open does not migrate again (a draft deleted from the
	// library stays deleted).
	l.Close()
	os.Remove(filepath.Join(dir, draftsDir, filepath.Base(firstJSON(t, legacy))))
	l, err = Open(dir, &Options{LegacyDraftsDir: legacy})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Drafts().Load("1.2.3.555"); !errors.Is(err, drafts.ErrNoDraft) {
		t.Fatalf("migrated twice: %v", err)
	}

	// Sign through the library: status, author, time and the audit.
	f := fixture{study: "1.2.3.777", series: "1", name: "Secret^Name", id: "X1", date: "20260101", inst: 1}
	src := t.TempDir()
	f.write(t, src)
	mustImport(t, l, ModeReference, src)
	// A complete draft, as the demo writes it.
	ex := assess.ExampleReport(report.ExampleInput{StudyUID: "1.2.3.777", PatientName: "Secret^Name"})
	ex.Layer, ex.KeyImages = mark.Layer{}, nil // its marks point at the demo's images
	if err := l.Drafts().Save(ex); err != nil {
		t.Fatal(err)
	}
	d, err := l.Drafts().Open("1.2.3.777")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	other := &dicomio.Study{UID: "1.2.3.777", Patient: dicomio.Patient{ID: "OTHER-9", Name: "Other^Patient", BirthDate: ex.Patient.BirthDate}}
	if err := d.Sign(other, report.Person{Name: "Dr Who"}, at); err == nil || !strings.Contains(err.Error(), "OTHER-9") {
		t.Fatalf("signing against another patient's images: %v", err)
	}
	images := &dicomio.Study{UID: "1.2.3.777", Patient: dicomio.Patient{ID: ex.Patient.ID, Name: ex.Patient.Name, BirthDate: ex.Patient.BirthDate}}
	if err := d.Sign(images, report.Person{Name: "Dr Who"}, at); err != nil {
		t.Fatalf("sign: %v", err)
	}
	row, _ := l.Study(ctx, "1.2.3.777")
	if row.Report.Status != StatusSigned || row.Report.Author != "Dr Who" || row.Report.SignedAt != "2026-01-02T10:00:00Z" {
		t.Fatalf("after signing: %+v", row.Report)
	}
	if err := d.Amend("typo"); err != nil {
		t.Fatal(err)
	}
	row, _ = l.Study(ctx, "1.2.3.777")
	if row.Report.Status != StatusDraft {
		t.Errorf("a reopened amendment is %s, want draft", row.Report.Status)
	}
	if vs, _ := l.Drafts().Versions("1.2.3.777"); len(vs) != 1 {
		t.Errorf("versions %v", vs)
	}
	var buf bytes.Buffer
	if err := l.WriteAuditCSV(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, r := range recs[1:] {
		actions[r[3]] = true
		if r[2] == "" || r[1] == "" {
			t.Errorf("audit line without who or when: %v", r)
		}
	}
	if !actions[ActionImport] || !actions[ActionSign] || !actions[ActionAmend] {
		t.Errorf("audit actions %v", actions)
	}
	if strings.Contains(buf.String(), "Secret") || strings.Contains(buf.String(), "typo") {
		t.Error("the audit log names the patient or quotes free text")
	}
}

func firstJSON(t *testing.T, dir string) string {
	m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(m) == 0 {
		t.Fatal("no draft file")
	}
	return m[0]
}

func TestRemoveAndRescan(t *testing.T) {
	src := t.TempDir()
	var refFiles []string
	for i := 1; i <= 3; i++ {
		refFiles = append(refFiles, fixture{study: "1.2.3.10", series: "1", name: "A^B", id: "R1", date: "20260101", inst: i}.write(t, src))
	}
	cp := t.TempDir()
	for i := 1; i <= 2; i++ {
		fixture{study: "1.2.3.20", series: "1", name: "C^D", id: "C1", date: "20260102", inst: i}.write(t, cp)
	}
	l := openTemp(t)
	ctx := context.Background()
	mustImport(t, l, ModeReference, src)
	mustImport(t, l, ModeCopy, cp)

	// A referenced file vanishes, another moves.
	moved := filepath.Join(t.TempDir(), "elsewhere")
	os.MkdirAll(moved, 0o700)
	if err := os.Rename(refFiles[1], filepath.Join(moved, "x.dcm")); err != nil {
		t.Fatal(err)
	}
	os.Remove(refFiles[2])
	rr, err := l.Rescan(ctx, "1.2.3.10")
	if err != nil || rr.Present != 1 || rr.Missing != 2 {
		t.Fatalf("rescan: %+v %v", rr, err)
	}
	if row, _ := l.Study(ctx, "1.2.3.10"); row.Missing != 2 {
		t.Errorf("missing %d, want 2", row.Missing)
	}
	if files, _ := l.Files(ctx, "1.2.3.10"); len(files) != 1 {
		t.Errorf("files to open %v", files)
	}
	rr, err = l.Rescan(ctx, "1.2.3.10", moved)
	if err != nil || rr.Relocated != 1 || rr.Missing != 1 {
		t.Fatalf("rescan with a search folder: %+v %v", rr, err)
	}

	// Remove: referenced files stay, copied ones go.
	res, err := l.Remove(ctx, "1.2.3.10")
	if err != nil || res.Kept != 3 || res.Deleted != 0 {
		t.Fatalf("remove referenced: %+v %v", res, err)
	}
	if _, err := os.Stat(refFiles[0]); err != nil {
		t.Fatal("a referenced file was deleted")
	}
	stored, _ := l.Files(ctx, "1.2.3.20")
	res, err = l.Remove(ctx, "1.2.3.20")
	if err != nil || res.Deleted != 2 {
		t.Fatalf("remove copied: %+v %v", res, err)
	}
	for _, p := range stored {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("copied file %s left behind", p)
		}
	}
	if n := count(t, l, `SELECT COUNT(*) FROM instances`) + count(t, l, `SELECT COUNT(*) FROM studies`) + count(t, l, `SELECT COUNT(*) FROM patients`); n != 0 {
		t.Errorf("%d rows left after removing everything", n)
	}
	if _, err := l.Remove(ctx, "1.2.3.20"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}
	integrity(t, l)
}

func TestCopyByDefault(t *testing.T) {
	cd := t.TempDir()
	os.WriteFile(filepath.Join(cd, "DICOMDIR"), []byte("x"), 0o600)
	for p, want := range map[string]bool{
		"/media/user/CDROM/IMG1":      true,
		"/run/media/anna/USB/DICOM/1": true,
		"/mnt/cd":                     true,
		"/mediafiles/x":               false,
		"/home/u/export.zip":          true,
		cd:                            true,
		filepath.Join(cd, "DICOMDIR"): true,
		t.TempDir():                   false,
	} {
		if got := CopyByDefault(p); got != want {
			t.Errorf("CopyByDefault(%s) = %v, want %v", p, got, want)
		}
	}
}

func TestSchemaVersioned(t *testing.T) {
	l := openTemp(t)
	if n := count(t, l, `SELECT MAX(version) FROM schema_version`); n != SchemaVersion {
		t.Fatalf("schema %d, want %d", n, SchemaVersion)
	}
	// A database from a newer hsgview is refused, not damaged.
	l.db.Exec(`INSERT INTO schema_version(version, applied_at) VALUES (?, 'x')`, SchemaVersion+1)
	dir := l.dir
	l.Close()
	if _, err := Open(dir, &Options{NoDraftMigration: true}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("newer schema: %v", err)
	}
}
