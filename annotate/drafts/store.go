package drafts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"
)

// ErrNoDraft is returned by [Store.Load] when the study has no report.
var ErrNoDraft = errors.New("annotate: no report saved for this study")

// ErrSigned is returned when a change would overwrite a signed report. A
// signed report is read-only: [Draft.Amend] reopens it as a new version.
var ErrSigned = errors.New("annotate: the report is signed and read-only; amend it to change it")

// A Store keeps the reports of studies in a folder, one per study: the
// working copy, saved after every change, the copy before the last save
// as a backup, and each signed version in a file of its own that is
// never overwritten.
//
// Files are named after a hash of the Study Instance UID, so neither the
// patient's name nor any identifier appears in a file name. The folder is
// 0700 and the files 0600. Every write is atomic (see writeAtomic): a
// crash or power cut loses at most the change being saved.
//
// A Store is safe for use by several goroutines. Two processes editing
// the same study at once are not coordinated: the last save wins.
type Store struct {
	dir string
	mu  sync.Mutex // serialises writes of this process
}

// DefaultDraftDir returns the folder for drafts in the user's
// configuration folder, e.g. ~/.config/hsgview/drafts on Linux.
func DefaultDraftDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("annotate: drafts folder: %w", err)
	}
	return filepath.Join(d, "hsgview", "drafts"), nil
}

// OpenStore returns the store in dir, creating the folder (0700) if
// needed, and removes temporary files older than an hour left by a
// process that died while saving.
func OpenStore(dir string) (*Store, error) {
	if err := privatefile.MkdirPrivate(dir, true); err != nil {
		return nil, fmt.Errorf("annotate: open store: %w", err)
	}
	privatefile.RemoveStaleTemps(dir, time.Hour)
	return &Store{dir: dir}, nil
}

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// key returns the file name stem of a study: not reversible to the UID.
func key(studyUID string) string {
	sum := sha256.Sum256([]byte("hsgview-report:" + studyUID))
	return hex.EncodeToString(sum[:16])
}

// FileName returns the name of the file, in a store's folder, of the
// working copy of the study's report.
func FileName(studyUID string) string { return key(studyUID) + ".json" }

func (s *Store) current(uid string) string { return filepath.Join(s.dir, FileName(uid)) }
func (s *Store) backup(uid string) string  { return filepath.Join(s.dir, key(uid)+".json.bak") }
func (s *Store) version(uid string, v int) string {
	return filepath.Join(s.dir, key(uid)+".v"+strconv.Itoa(v)+".json")
}

// Load returns the saved report of the study: the working copy, or the
// backup when the working copy is missing or unreadable. It returns an
// error wrapping ErrNoDraft when there is neither.
func (s *Store) Load(studyUID string) (*report.Report, error) {
	r, err := s.readChecked(s.current(studyUID), studyUID)
	if err == nil {
		return r, nil
	}
	rb, errb := s.readChecked(s.backup(studyUID), studyUID)
	if errb == nil {
		return rb, nil
	}
	if errors.Is(err, fs.ErrNotExist) && errors.Is(errb, fs.ErrNotExist) {
		return nil, ErrNoDraft
	}
	if errors.Is(err, fs.ErrNotExist) {
		err = errb
	}
	return nil, fmt.Errorf("annotate: load draft: %w", err)
}

// readChecked reads a report file and checks that it belongs to the study.
func (s *Store) readChecked(name, uid string) (*report.Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := report.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(name), err)
	}
	if r.Study.StudyInstanceUID != uid {
		return nil, fmt.Errorf("%s: holds the report of another study", filepath.Base(name))
	}
	return r, nil
}

// Save saves r as the working copy of its study, keeping the previous
// copy as backup. A signed report is also saved as its version file
// (<key>.v<N>.json), written once and never replaced.
//
// Save refuses (ErrSigned) to replace a signed working copy, except with
// an amendment of it ([Report.Amend]), a later signed version, or the same
// signed report with only its exports changed. It refuses a signed report
// whose content no longer matches its content hash.
func (s *Store) Save(r *report.Report) error {
	uid := r.Study.StudyInstanceUID
	if uid == "" {
		return errors.New("annotate: save draft: the report has no Study Instance UID")
	}
	if err := r.CheckLimits(nil); err != nil {
		return fmt.Errorf("annotate: save draft: %w", err)
	}
	data, err := r.Marshal()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	disk, err := s.readChecked(s.current(uid), uid)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		disk = nil
	default:
		// An unreadable working copy (only possible if something other
		// than this package wrote it): the backup says whether it was
		// signed.
		disk, _ = s.readChecked(s.backup(uid), uid)
	}
	if disk != nil && disk.Status.Signed() && !replaces(r, disk) {
		return ErrSigned
	}
	if r.Status.Signed() {
		h, err := r.Hash()
		if err != nil {
			return err
		}
		if h != r.ContentHash {
			return errors.New("annotate: save draft: the signed report was changed after signing")
		}
		if err := s.saveVersion(r, data); err != nil {
			return err
		}
	}
	if err := privatefile.WriteAtomic(s.current(uid), data, s.backup(uid)); err != nil {
		return fmt.Errorf("annotate: save draft: %w", err)
	}
	return nil
}

// replaces reports whether r may replace the signed report disk.
func replaces(r, disk *report.Report) bool {
	if r.Status.Signed() && r.ContentHash == disk.ContentHash {
		return true // the same signed content; exports may differ
	}
	for _, p := range r.PreviousVersions {
		if p.ContentHash == disk.ContentHash && p.Version == disk.Version {
			return true // an amendment of disk, signed or not
		}
	}
	return false
}

// saveVersion writes the version file of a signed report, once. When it
// exists with the same signed content (the report is saved again with new
// exports), it is left as it was signed.
func (s *Store) saveVersion(r *report.Report, data []byte) error {
	name := s.version(r.Study.StudyInstanceUID, r.Version)
	old, err := s.readChecked(name, r.Study.StudyInstanceUID)
	switch {
	case err == nil:
		if old.ContentHash != r.ContentHash {
			return fmt.Errorf("annotate: save draft: version %d was already signed with other content", r.Version)
		}
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("annotate: save draft: %w", err)
	}
	if err := privatefile.WriteAtomic(name, data, ""); err != nil {
		return fmt.Errorf("annotate: save version %d: %w", r.Version, err)
	}
	return nil
}

var versionFile = regexp.MustCompile(`^[0-9a-f]{32}\.v([0-9]+)\.json$`)

// Versions returns the signed versions saved for the study, in order.
func (s *Store) Versions(studyUID string) ([]int, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("annotate: versions: %w", err)
	}
	k := key(studyUID)
	var vs []int
	for _, e := range ents {
		m := versionFile.FindStringSubmatch(e.Name())
		if m == nil || e.Name()[:len(k)] != k {
			continue
		}
		if v, err := strconv.Atoi(m[1]); err == nil {
			vs = append(vs, v)
		}
	}
	slices.Sort(vs)
	return vs, nil
}

// LoadVersion returns signed version v of the study's report.
func (s *Store) LoadVersion(studyUID string, v int) (*report.Report, error) {
	r, err := s.readChecked(s.version(studyUID, v), studyUID)
	if err != nil {
		return nil, fmt.Errorf("annotate: load version %d: %w", v, err)
	}
	return r, nil
}

// A Draft is the report of one study being edited, saved to its store
// after every change. It is safe for use by several goroutines; each
// method saves before it returns, so call them off the UI thread.
type Draft struct {
	store *Store
	mu    sync.Mutex
	r     *report.Report
	saved bool // the report is on disk: loaded, or saved since
}

// Open returns the study's report as saved, or a new empty draft when
// there is none. A new draft is not written until its first change
// (Update, Sign, Amend, RecordExport): opening a study to look at it
// leaves no file with the patient's name behind.
func (s *Store) Open(studyUID string) (*Draft, error) { return s.OpenIn(studyUID, "") }

// OpenIn is [Store.Open] for a user working in the language lang ("en",
// "ru"; see l10n.Lang): a new draft is written in that language
// (report.NewReportIn); a saved one keeps its own.
func (s *Store) OpenIn(studyUID, lang string) (*Draft, error) {
	r, err := s.Load(studyUID)
	switch {
	case errors.Is(err, ErrNoDraft):
		return &Draft{store: s, r: report.NewReportIn(studyUID, lang)}, nil
	case err != nil:
		return nil, err
	}
	return &Draft{store: s, r: r, saved: true}, nil
}

// Saved reports whether the draft is on disk: it was loaded, or changed
// since it was opened.
func (d *Draft) Saved() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

// Prepare applies edit to a copy of a new draft in memory only, without
// saving it: it fills a draft that is not on disk yet (from a report next
// to the study, from DICOM). The first change saves the draft with what
// was prepared. Prepare refuses a draft that is already saved, an edit
// that moves the report to another study, and a signed result whose
// content no longer matches its hash.
func (d *Draft) Prepare(edit func(r *report.Report) error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.saved {
		return errors.New("annotate: prepare: the draft is already saved; use Update")
	}
	c := cloneReport(d.r)
	if err := edit(c); err != nil {
		return err
	}
	if c.Study.StudyInstanceUID != d.r.Study.StudyInstanceUID {
		return errors.New("annotate: prepare: the report belongs to another study")
	}
	if c.Status.Signed() {
		if h, err := c.Hash(); err != nil || h != c.ContentHash {
			return errors.New("annotate: prepare: the signed report was changed after signing")
		}
	}
	if err := c.CheckLimits(nil); err != nil {
		return fmt.Errorf("annotate: prepare: %w", err)
	}
	d.r = c
	return nil
}

// Report returns a copy of the report; changing it changes nothing saved.
func (d *Draft) Report() *report.Report {
	d.mu.Lock()
	defer d.mu.Unlock()
	return cloneReport(d.r)
}

// Update applies edit to a copy of the report and saves it; the draft
// takes the change only when edit succeeds and the save does. It returns
// ErrSigned for a signed report, and refuses an edit that signs or
// amends it (use [Draft.Sign] and [Draft.Amend]).
func (d *Draft) Update(edit func(r *report.Report) error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.r.Status.Signed() {
		return ErrSigned
	}
	c := cloneReport(d.r)
	if err := edit(c); err != nil {
		return err
	}
	if c.Status.Signed() || c.Study.StudyInstanceUID != d.r.Study.StudyInstanceUID ||
		len(c.PreviousVersions) != len(d.r.PreviousVersions) {
		return errors.New("annotate: update: an edit may not sign, amend or move the report; use Sign and Amend")
	}
	return d.save(c)
}

// SetLanguage changes the language the draft is written in and writes
// its generated impression and recommendations again in it
// ([assess.SetLanguage]), then saves the draft. It returns the sentences
// the radiologist edited, kept as written, for the radiologist to check,
// and ErrSigned for a signed report.
func (d *Draft) SetLanguage(lang string) ([]assess.StaleItem, error) {
	var stale []assess.StaleItem
	err := d.Update(func(r *report.Report) error {
		var err error
		stale, err = assess.SetLanguage(r, lang)
		return err
	})
	return stale, err
}

// Amend reopens the signed report as a draft of its next version
// ([Report.Amend]) and saves it; the signed version stays in its file.
func (d *Draft) Amend(reason string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := cloneReport(d.r)
	if err := assess.Amend(c, reason); err != nil {
		return err
	}
	return d.save(c)
}

// RecordExport lets record change the report's exports and saves it. It
// works on signed reports too: exports are not part of what was signed.
func (d *Draft) RecordExport(record func(e *report.Exports)) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	c := cloneReport(d.r)
	record(&c.Exports)
	return d.save(c)
}

func (d *Draft) save(c *report.Report) error {
	if err := d.store.Save(c); err != nil {
		return err
	}
	d.r = c
	d.saved = true
	return nil
}

// cloneReport returns a deep copy of r through its JSON form, which is
// lossless.
func cloneReport(r *report.Report) *report.Report {
	b, err := r.Marshal()
	if err != nil {
		c := *r // cannot happen for a report Load or NewReport made
		return &c
	}
	c, err := report.Decode(bytes.NewReader(b))
	if err != nil {
		c := *r
		return &c
	}
	return c
}

// Expire removes the drafts that were never signed and not changed for
// longer than age: the working copy and its backup, when the study has no
// signed version. Signed reports and drafts of amendments are kept. It
// returns how many drafts it removed; it names no study or patient.
func (s *Store) Expire(age time.Duration, now time.Time) (int, error) {
	if age <= 0 {
		return 0, nil
	}
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, fmt.Errorf("annotate: expire drafts: %w", err)
	}
	signed := map[string]bool{} // keys with a version file
	for _, e := range ents {
		if m := versionFile.FindString(e.Name()); m != "" {
			signed[e.Name()[:32]] = true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range ents {
		name := e.Name()
		if !workingFile.MatchString(name) || signed[name[:32]] {
			continue
		}
		cur := filepath.Join(s.dir, name)
		info, err := os.Stat(cur)
		if err != nil || now.Sub(info.ModTime()) <= age {
			continue
		}
		if bak, err := os.Stat(cur + ".bak"); err == nil && now.Sub(bak.ModTime()) <= age {
			continue
		}
		// Only a draft that says it is unsigned: a file that cannot be
		// read is left for the user to see.
		f, err := os.Open(cur)
		if err != nil {
			continue
		}
		r, err := report.Decode(f)
		f.Close()
		if err != nil || r.Status.Signed() || r.Version > 0 || len(r.PreviousVersions) > 0 {
			continue
		}
		if err := os.Remove(cur); err != nil {
			continue
		}
		os.Remove(cur + ".bak")
		n++
	}
	return n, nil
}

var workingFile = regexp.MustCompile(`^[0-9a-f]{32}\.json$`)

// Sign signs the report and saves it with its version file, after
// checking it against the study's images ([assess.SignAgainst]): a draft
// whose patient or study disagrees with the images, or that breaks a rule,
// is refused with an [*assess.SignError] listing why, and nothing is
// saved. There is no way to sign a stored draft without its images.
func (d *Draft) Sign(study *dicomio.Study, author report.Person, at time.Time) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.r.Status.Signed() {
		return ErrSigned
	}
	c := cloneReport(d.r)
	if err := assess.SignAgainst(c, study, author, at); err != nil {
		return err
	}
	return d.save(c)
}

// Relink re-links the draft to the study's images ([assess.Relink]), an
// explicit action of the radiologist by at time at, and saves it. It is
// the one change allowed to move a draft to another Study Instance UID
// (Update refuses it); the values replaced are recorded in the report's
// relinks. A signed report is refused (ErrSigned): amend it first.
func (d *Draft) Relink(study *dicomio.Study, by report.Person, at time.Time) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.r.Status.Signed() {
		return ErrSigned
	}
	c := cloneReport(d.r)
	if err := assess.Relink(c, study, by, at); err != nil {
		return err
	}
	return d.save(c)
}
