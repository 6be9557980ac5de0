package drafts

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/internal/fixture"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(filepath.Join(t.TempDir(), "hsgview", "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStoreSaveAndReopen(t *testing.T) {
	s := newStore(t)
	fixture.CheckPrivate(t, s.Dir(), 0o700)
	uid := fixture.ExampleInput().StudyUID
	d, err := s.Open(uid)
	if err != nil {
		t.Fatal(err)
	}
	if r := d.Report(); r.Study.StudyInstanceUID != uid || r.Status != report.StatusDraft {
		t.Fatalf("new draft %+v", r.Study)
	}
	if _, err := s.Load(uid); !errors.Is(err, ErrNoDraft) {
		t.Errorf("a draft was saved before any change: %v", err)
	}
	ex := exampleReport()
	for i, edit := range []func(r *report.Report){
		func(r *report.Report) { r.Patient = ex.Patient },
		func(r *report.Report) { r.Tubes = ex.Tubes; assess.RefreshImpression(r) },
	} {
		if err := d.Update(func(r *report.Report) error { edit(r); return nil }); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	// An edit that fails changes nothing.
	if err := d.Update(func(r *report.Report) error { r.Patient.Name = "x"; return errors.New("no") }); err == nil {
		t.Error("failed edit reported success")
	}

	ents, err := os.ReadDir(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
		fixture.CheckPrivate(t, filepath.Join(s.Dir(), e.Name()), 0o600)
		if strings.Contains(e.Name(), "Demo") || strings.Contains(e.Name(), uid) || strings.Contains(e.Name(), "DEMO") {
			t.Errorf("file name %s gives the study away", e.Name())
		}
	}
	k := key(uid)
	if !slices.Equal(names, []string{k + ".json", k + ".json.bak"}) {
		t.Errorf("files %v", names)
	}

	// Reopening restores the draft; the backup holds the change before.
	s2, err := OpenStore(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	d2, err := s2.Open(uid)
	if err != nil {
		t.Fatal(err)
	}
	r := d2.Report()
	if r.Patient.Name != "Demo^Patient" || r.Tubes.Left.Patency != report.Occluded || len(r.Impression.Items) == 0 {
		t.Errorf("reopened %+v %+v", r.Patient, r.Tubes.Left)
	}
	bak, err := report.ReadFile(s.backup(uid))
	if err != nil || bak.Patient.Name != "Demo^Patient" || bak.Tubes.Left.Patency != "" {
		t.Errorf("backup %v %+v", err, bak)
	}

	// A damaged working copy (not something Save writes) falls back to
	// the backup.
	if err := os.WriteFile(s.current(uid), []byte(`{"schemaVersion":"1.0","stu`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Load(uid); err != nil || r.Patient.Name != "Demo^Patient" {
		t.Errorf("fallback to backup: %v", err)
	}
	if _, err := s.Load("1.2.3.4"); !errors.Is(err, ErrNoDraft) {
		t.Errorf("other study: %v", err)
	}
	// A file of another study under this study's name is not taken.
	other := exampleReport()
	other.Study.StudyInstanceUID = "9.9"
	b, _ := other.Marshal()
	os.WriteFile(s.current(uid), b, 0o600)
	os.Remove(s.backup(uid))
	if _, err := s.Load(uid); err == nil || errors.Is(err, ErrNoDraft) {
		t.Errorf("loaded another study's report: %v", err)
	}
}

func TestStoreSignIsReadOnlyAndAmendKeepsVersions(t *testing.T) {
	s := newStore(t)
	ex := exampleReport()
	uid := ex.Study.StudyInstanceUID
	d, err := s.Open(uid)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { *r = *cloneReport(ex); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { return assess.Sign(r, report.Person{Name: "Dr X"}, fixture.T0) }); err == nil {
		t.Error("an edit signed the report")
	}
	if err := d.Sign(imagesOf(ex), report.Person{Name: "Dr Reader"}, fixture.T0); err != nil {
		t.Fatal(err)
	}
	signed := d.Report()
	if signed.Status != report.StatusFinal || signed.ContentHash == "" {
		t.Fatalf("signed %s %q", signed.Status, signed.ContentHash)
	}
	if vs, _ := s.Versions(uid); !slices.Equal(vs, []int{1}) {
		t.Errorf("versions %v", vs)
	}

	// Read-only: the draft, the store and a stale copy all refuse.
	if err := d.Update(func(r *report.Report) error { r.Patient.Name = "X"; return nil }); !errors.Is(err, ErrSigned) {
		t.Errorf("update of a signed report: %v", err)
	}
	if err := d.Sign(imagesOf(ex), report.Person{Name: "Dr Y"}, fixture.T0.Add(time.Hour)); !errors.Is(err, ErrSigned) {
		t.Errorf("signed twice: %v", err)
	}
	if err := s.Save(ex); !errors.Is(err, ErrSigned) {
		t.Errorf("stale draft saved over the signed report: %v", err)
	}
	tampered := cloneReport(signed)
	tampered.Tubes.Left.Patency = report.Patent
	if err := s.Save(tampered); err == nil {
		t.Error("saved a signed report changed after signing")
	}

	// Exports may be recorded on a signed report; the signature holds.
	if err := d.RecordExport(func(e *report.Exports) {
		e.PDF = report.DICOMExport{SOPClassUID: "1.2.840.10008.5.1.4.1.1.104.1", SOPInstanceUID: "2.25.1", CreatedAt: fixture.T0}
	}); err != nil {
		t.Fatal(err)
	}
	r, _ := s.Load(uid)
	if h, _ := r.Hash(); h != r.ContentHash || r.Exports.PDF.SOPInstanceUID != "2.25.1" {
		t.Errorf("after export: hash %s, stored %s, export %+v", h, r.ContentHash, r.Exports.PDF)
	}
	if v1, _ := s.LoadVersion(uid, 1); v1.Exports.PDF.SOPInstanceUID != "" || v1.ContentHash != signed.ContentHash {
		t.Error("the version file changed after signing")
	}

	// Amending makes a new version and keeps the old one.
	if err := d.Amend("Left hydrosalpinx size corrected"); err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error {
		r.Tubes.Left.Hydrosalpinx.MaxDiameterMM = new(16.0)
		assess.RefreshImpression(r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.Sign(imagesOf(ex), report.Person{Name: "Dr Reader"}, fixture.T0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if vs, _ := s.Versions(uid); !slices.Equal(vs, []int{1, 2}) {
		t.Errorf("versions %v", vs)
	}
	v1, err1 := s.LoadVersion(uid, 1)
	v2, err2 := s.LoadVersion(uid, 2)
	if err1 != nil || err2 != nil || v1.Status != report.StatusFinal || v2.Status != report.StatusAmended ||
		*v1.Tubes.Left.Hydrosalpinx.MaxDiameterMM == 16 || *v2.Tubes.Left.Hydrosalpinx.MaxDiameterMM != 16 {
		t.Errorf("versions: %v %v", err1, err2)
	}
	for _, v := range []int{1, 2} {
		fixture.CheckPrivate(t, s.version(uid, v), 0o600)
	}
}

func TestSettings(t *testing.T) {
	name := filepath.Join(t.TempDir(), "cfg", "settings.json")
	s, err := reportpdf.LoadSettings(name)
	if err != nil || s.Institution != "" {
		t.Fatalf("missing settings: %+v %v", s, err)
	}
	want := reportpdf.Settings{Institution: "Hôpital Saint-Éloi", Department: "Radiologie", AddressLines: []string{"1 rue X", "75000 Paris"},
		Paper: reportpdf.PaperLetter, DefaultAuthor: report.Person{Name: "Dr Ёлкина"}}
	if err := want.WriteFile(name); err != nil {
		t.Fatal(err)
	}
	fixture.CheckPrivate(t, name, 0o600)
	fixture.CheckPrivate(t, filepath.Dir(name), 0o700)
	got, err := reportpdf.LoadSettings(name)
	if err != nil || got.Institution != want.Institution || got.Paper != reportpdf.PaperLetter || !slices.Equal(got.AddressLines, want.AddressLines) ||
		got.DefaultAuthor != want.DefaultAuthor {
		t.Errorf("settings %+v %v", got, err)
	}
	os.WriteFile(name, []byte(`{"paper":"A5"}`), 0o600)
	if _, err := reportpdf.LoadSettings(name); err == nil {
		t.Error("paper A5 accepted")
	}
	for in, want := range map[string]reportpdf.Paper{"a4": reportpdf.PaperA4, "Letter": reportpdf.PaperLetter} {
		if p, err := reportpdf.ParsePaper(in); err != nil || p != want {
			t.Errorf("ParsePaper(%q) = %q %v", in, p, err)
		}
	}
	if _, err := reportpdf.ParsePaper("legal"); err == nil {
		t.Error("legal accepted")
	}
}

// crashStudy is the study the crash child edits.
const crashStudy = "1.2.826.0.1.3680043.10.1078.999"

// TestDraftCrashChild is the child process of TestDraftSurvivesKill: it
// applies a stream of edits to the draft, each saved before "ack N" is
// printed, until it is killed.
func TestDraftCrashChild(t *testing.T) {
	dir := os.Getenv("HSGVIEW_CRASH_DIR")
	if dir == "" {
		t.Skip("child of TestDraftSurvivesKill")
	}
	s, err := OpenStore(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	d, err := s.Open(crashStudy)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ex := exampleReport()
	seq := crashSeq(d.Report())
	for {
		seq++
		err := d.Update(func(r *report.Report) error {
			r.Clinical.IndicationText = "edit " + strconv.Itoa(seq)
			// Vary the size so partial writes would show.
			r.Clinical.Comparison = strings.Repeat("x", seq%977)
			if seq%2 == 0 {
				r.Tubes = ex.Tubes
			} else {
				r.Tubes = report.Tubes{}
			}
			return nil
		})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Printf("ack %d\n", seq) // os.Stdout is unbuffered
	}
}

// crashSeq returns the sequence number an edit of the crash child wrote.
func crashSeq(r *report.Report) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(r.Clinical.IndicationText, "edit "))
	return n
}

// TestDraftSurvivesKill kills a process that edits a draft with autosave
// (kill -9, at random moments, many rounds) and checks that the draft file
// always parses and loses at most the change in flight.
func TestDraftSurvivesKill(t *testing.T) {
	if os.Getenv("HSGVIEW_CRASH_DIR") != "" {
		t.Skip("in the child")
	}
	rounds := 40
	if testing.Short() {
		rounds = 8
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	lastAck, kills := 0, 0
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDraftCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "HSGVIEW_CRASH_DIR="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		acks := make(chan int, 1024)
		go func() {
			defer close(acks)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				line := sc.Text()
				if n, ok := strings.CutPrefix(line, "ack "); ok {
					if v, err := strconv.Atoi(n); err == nil {
						acks <- v
					}
				} else if strings.HasPrefix(line, "error") {
					t.Errorf("child: %s", line)
				}
			}
			io.Copy(io.Discard, out)
		}()
		// Wait for the first save of this round, then kill at a random
		// moment within the next few dozen saves.
		select {
		case v, ok := <-acks:
			if ok {
				lastAck = max(lastAck, v)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("child made no edit")
		}
		time.Sleep(time.Duration(rng.IntN(30_000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		kills++
		for v := range acks {
			lastAck = max(lastAck, v)
		}
		cmd.Wait()

		// The working copy itself must parse (not only via the backup).
		s, err := OpenStore(dir)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := report.ReadFile(s.current(crashStudy))
		if err != nil {
			t.Fatalf("round %d: the draft file does not parse: %v", round, err)
		}
		r, err := s.Load(crashStudy)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got := crashSeq(r)
		if crashSeq(raw) != got {
			t.Errorf("round %d: Load gave %d, the file holds %d", round, got, crashSeq(raw))
		}
		if got != lastAck && got != lastAck+1 {
			t.Fatalf("round %d: draft holds edit %d, last acknowledged %d", round, got, lastAck)
		}
		// The backup is the version before, or the same one when the kill
		// came between linking the backup and renaming the new file.
		if bak, err := report.ReadFile(s.backup(crashStudy)); err == nil && crashSeq(bak) > got {
			t.Errorf("round %d: backup %d newer than the draft %d", round, crashSeq(bak), got)
		}
		lastAck = got // the next child continues from what was saved
	}
	t.Logf("%d kills, %d edits", kills, lastAck)
}

// BenchmarkDraftUpdate measures one autosaved edit: copy, edit, marshal,
// write, fsync, link the backup, rename, fsync the folder.
func BenchmarkDraftUpdate(b *testing.B) {
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ex := exampleReport()
	d, err := s.Open(ex.Study.StudyInstanceUID)
	if err != nil {
		b.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { *r = *cloneReport(ex); return nil }); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		if err := d.Update(func(r *report.Report) error { r.Clinical.IndicationText = strconv.Itoa(n); return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func exampleReport() *report.Report { return assess.ExampleReport(fixture.ExampleInput()) }

// imagesOf returns a study whose images name the report's patient and
// study, as the images a draft is signed against do.
func imagesOf(r *report.Report) *dicomio.Study {
	return &dicomio.Study{UID: r.Study.StudyInstanceUID, Patient: dicomio.Patient{
		ID: r.Patient.ID, Name: r.Patient.Name, BirthDate: r.Patient.BirthDate}}
}

// TestOpenInLanguage checks that a new draft takes the user's language
// and a saved draft keeps its own.
func TestOpenInLanguage(t *testing.T) {
	s := newStore(t)
	uid := fixture.ExampleInput().StudyUID
	d, err := s.OpenIn(uid, "ru_RU.UTF-8")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Report().Language; got != "ru" {
		t.Fatalf("new draft in %q, want ru", got)
	}
	if _, err := s.Load(uid); !errors.Is(err, ErrNoDraft) {
		t.Errorf("a draft was saved before any change: %v", err)
	}
	if d, err := s.Open("1.2.3.4"); err != nil || d.Report().Language != "en" {
		t.Fatalf("Open: %v, language %q", err, d.Report().Language)
	}
	if err := d.Update(func(r *report.Report) error { r.Tubes = exampleReport().Tubes; return nil }); err != nil {
		t.Fatal(err)
	}
	if stale, err := d.SetLanguage("ru"); err != nil || stale != nil {
		t.Fatalf("SetLanguage: %v, stale %v", err, stale)
	}
	d2, err := s.OpenIn(uid, "en")
	if err != nil {
		t.Fatal(err)
	}
	r := d2.Report()
	if r.Language != "ru" || len(r.Impression.Items) == 0 || !strings.HasPrefix(r.Impression.Items[0].Text, "Правая маточная труба") {
		t.Errorf("saved draft reopened in %q: %q", r.Language, r.Impression.FinalText)
	}
}
