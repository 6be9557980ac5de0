package library

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"hsgview/dicomio"
	"hsgview/dicomio/codec"
	"hsgview/internal/privatefile"
)

// Mode says whether imported files are copied into the library.
type Mode int

const (
	// ModeAuto copies from removable media and references elsewhere
	// (see [CopyByDefault]).
	ModeAuto Mode = iota
	// ModeCopy copies every file into the library's files folder.
	ModeCopy
	// ModeReference records where the files are and leaves them there.
	// Entries of zip archives are copied all the same: a zip entry is
	// not a file the viewer can open by path.
	ModeReference
)

func (m Mode) String() string {
	switch m {
	case ModeCopy:
		return "copy"
	case ModeReference:
		return "reference"
	}
	return "auto"
}

// removableRoots are where Linux desktops and administrators mount CDs
// and USB sticks.
var removableRoots = []string{"/media", "/run/media", "/mnt", "/Volumes"}

// CopyByDefault reports whether [ModeAuto] copies path: when it lies
// under /media, /run/media, /mnt (or macOS /Volumes), when it is a
// DICOMDIR or a folder with a DICOMDIR at its top (a CD image, wherever it
// was mounted or copied), or when it is a zip archive. Media are taken out
// and zips deleted; a library that referenced them would lose the study.
func CopyByDefault(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for _, r := range removableRoots {
		if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) {
			return true
		}
	}
	if strings.EqualFold(filepath.Base(abs), "DICOMDIR") || strings.EqualFold(filepath.Ext(abs), ".zip") {
		return true
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		for _, n := range []string{"DICOMDIR", "dicomdir"} {
			if _, err := os.Stat(filepath.Join(abs, n)); err == nil {
				return true
			}
		}
	}
	return false
}

// Progress reports an import's progress. Reading counts headers read;
// then Done counts files placed and committed of Total new ones.
type Progress struct {
	Stage   string // "reading" or "importing"
	Done    int
	Total   int
	Added   int // instances added so far
	Present int // instances already in the library (skipped)
	Failed  int // files kept out
}

// ImportOptions tune [Library.Import].
type ImportOptions struct {
	Mode Mode
	// Progress, if set, is called from the importing goroutine (and,
	// while reading headers, from reader goroutines).
	Progress func(Progress)
	// BatchSize is the number of instances committed per transaction
	// (default 200).
	BatchSize int
	// Workers bounds the files read, hashed and copied at once
	// (default min(8, 2×CPUs)).
	Workers int
}

// A Problem is a file that was kept out of the library, or loaded with
// a defect, and why, in one line.
type Problem struct {
	Path    string `json:"file"`
	Reason  string `json:"error"`
	KeptOut bool   `json:"keptOut"`
}

// ImportResult sums up an import.
type ImportResult struct {
	Studies  []string  // Study Instance UIDs that received instances
	Added    int       // instances added
	Present  int       // instances already in the library, skipped
	Copied   int       // of Added, files copied into the library
	Problems []Problem // files kept out (KeptOut) or loaded with a warning
}

// testHookPlaced, when set (by tests), is called after each file is in
// place, before its batch is committed.
var testHookPlaced func(n int)

type placed struct {
	in     *dicomio.Instance
	path   string
	copied bool
	size   int64
	sum    string
	err    error
}

// Import adds the DICOM files under paths (files, folders, DICOMDIR,
// zip archives) to the library. Headers are read in parallel; instances
// whose SOP Instance UID is already in the library are skipped; the new
// ones are placed (copied to a temporary name, synced and renamed, or
// referenced and hashed) and committed in batches, each batch's rows only
// after its files are in place. An import killed at any point leaves a
// consistent library: running it again adds exactly what is missing.
// Cancelling ctx stops after the current batch with ctx's error; what was
// committed stays.
func (l *Library) Import(ctx context.Context, paths []string, opt ImportOptions) (*ImportResult, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 200
	}
	if opt.Workers <= 0 {
		opt.Workers = min(8, 2*runtime.GOMAXPROCS(0))
	}
	report := func(p Progress) {
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	res := &ImportResult{}
	coll, err := dicomio.Open(paths, &dicomio.Options{Workers: opt.Workers, Progress: func(done, total int) {
		report(Progress{Stage: "reading", Done: done, Total: total})
	}})
	if coll != nil {
		defer coll.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("library: import: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	loaded := map[string]bool{}
	for _, s := range coll.Studies {
		for _, in := range append(append([]*dicomio.Instance{}, s.Images...), s.Documents...) {
			loaded[in.Path] = true
		}
	}
	for _, fe := range coll.Errors {
		res.Problems = append(res.Problems, Problem{Path: fe.Path, Reason: oneLine(fe.Err.Error()), KeptOut: !loaded[fe.Path]})
	}
	copyOf := func(path string) bool {
		switch opt.Mode {
		case ModeCopy:
			return true
		case ModeReference:
			return isZipEntry(path)
		}
		if isZipEntry(path) {
			return true
		}
		for _, p := range paths {
			if under(path, p) && CopyByDefault(p) {
				return true
			}
		}
		return CopyByDefault(path)
	}

	// Work list: new instances, one per SOP Instance UID.
	var work []workItem
	seen := map[string]bool{}
	for _, s := range coll.Studies {
		for _, in := range append(append([]*dicomio.Instance{}, s.Images...), s.Documents...) {
			if seen[in.SOPInstanceUID] {
				res.Problems = append(res.Problems, Problem{Path: in.Path, Reason: "same SOP Instance UID as another file of this import", KeptOut: true})
				continue
			}
			seen[in.SOPInstanceUID] = true
			work = append(work, workItem{s, in})
		}
	}
	present, err := l.existingSOPs(ctx, func(yield func(string) bool) {
		for _, w := range work {
			if !yield(w.in.SOPInstanceUID) {
				return
			}
		}
	})
	if err != nil {
		return nil, err
	}
	fresh := work[:0:0]
	for _, w := range work {
		if present[w.in.SOPInstanceUID] {
			res.Present++
			continue
		}
		fresh = append(fresh, w)
	}
	studyDone := map[string]bool{}
	failed := 0
	for _, p := range res.Problems {
		if p.KeptOut {
			failed++
		}
	}
	zips := &zipCache{}
	defer zips.close()
	placedN := 0
	for start := 0; start < len(fresh); start += opt.BatchSize {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		batch := fresh[start:min(start+opt.BatchSize, len(fresh))]
		out := make([]placed, len(batch))
		var wg sync.WaitGroup
		var mu sync.Mutex
		next := 0
		for w := 0; w < min(opt.Workers, len(batch)); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= len(batch) {
						return
					}
					it := batch[i]
					out[i] = l.place(it.study.UID, it.in, copyOf(it.in.Path), zips)
					if testHookPlaced != nil && out[i].err == nil {
						mu.Lock()
						placedN++
						n := placedN
						mu.Unlock()
						testHookPlaced(n)
					}
				}
			}()
		}
		wg.Wait()
		var ok []placed
		for i, p := range out {
			if p.err != nil {
				res.Problems = append(res.Problems, Problem{Path: p.in.Path, Reason: oneLine(p.err.Error()), KeptOut: true})
				failed++
				continue
			}
			ok = append(ok, p)
			studyDone[batch[i].study.UID] = true
		}
		if len(ok) > 0 && batchSync {
			if err := syncFS(filepath.Join(l.dir, filesDir)); err != nil {
				return res, fmt.Errorf("library: import: sync: %w", err)
			}
		}
		if err := l.commitBatch(ctx, batch, out); err != nil {
			return res, err
		}
		for _, p := range ok {
			res.Added++
			if p.copied {
				res.Copied++
			}
		}
		report(Progress{Stage: "importing", Done: start + len(batch), Total: len(fresh), Added: res.Added, Present: res.Present, Failed: failed})
	}
	for uid := range studyDone {
		res.Studies = append(res.Studies, uid)
	}
	sort.Strings(res.Studies)
	// A study imported in several parts is summarised again from all its
	// files: the timeline (T0, phases, delayed image) depends on them all.
	for _, s := range coll.Studies {
		if !studyDone[s.UID] {
			continue
		}
		var n int
		if err := l.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM instances i JOIN studies s ON s.id = i.study_ref WHERE s.study_uid = ?`, s.UID).Scan(&n); err != nil {
			return res, err
		}
		if n != len(s.Images)+len(s.Documents) {
			if err := l.refreshStudy(ctx, s.UID); err != nil {
				return res, err
			}
		}
	}
	for _, uid := range res.Studies {
		added := 0
		for _, w := range fresh {
			if w.study.UID == uid {
				added++
			}
		}
		l.Log(ctx, ActionImport, uid, fmt.Sprintf("%d new instances (%s)", added, opt.Mode))
	}
	return res, nil
}

type workItem struct {
	study *dicomio.Study
	in    *dicomio.Instance
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func isZipEntry(path string) bool {
	i := strings.Index(strings.ToLower(path), ".zip!")
	return i > 0
}

func splitZip(path string) (archive, entry string) {
	i := strings.Index(strings.ToLower(path), ".zip!")
	return path[:i+4], path[i+5:]
}

// under reports whether path is root or inside it.
func under(path, root string) bool {
	if isZipEntry(path) {
		path, _ = splitZip(path)
	}
	if strings.EqualFold(filepath.Base(root), "DICOMDIR") {
		root = filepath.Dir(root)
	}
	a, err1 := filepath.Abs(path)
	r, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return false
	}
	return a == r || strings.HasPrefix(a, r+string(filepath.Separator))
}

// existingSOPs returns which of the UIDs are in the library.
func (l *Library) existingSOPs(ctx context.Context, uids func(func(string) bool)) (map[string]bool, error) {
	found := map[string]bool{}
	var chunk []any
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		q := `SELECT sop_uid FROM instances WHERE sop_uid IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		rows, err := l.db.QueryContext(ctx, q, chunk...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				return err
			}
			found[u] = true
		}
		chunk = chunk[:0]
		return rows.Err()
	}
	var err error
	uids(func(u string) bool {
		chunk = append(chunk, u)
		if len(chunk) == 500 {
			err = flush()
		}
		return err == nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, fmt.Errorf("library: import: %w", err)
	}
	return found, nil
}

// hashName returns a file-name-safe digest of s: no identifier of the
// patient or study appears in the library's file names.
func hashName(kind, s string, n int) string {
	sum := sha256.Sum256([]byte("hsgview-library:" + kind + ":" + s))
	return hex.EncodeToString(sum[:])[:n]
}

// storedPath is where a copied instance lives.
func (l *Library) storedPath(studyUID, sopUID string) string {
	st := hashName("study", studyUID, 24)
	return filepath.Join(l.dir, filesDir, st[:2], st, hashName("sop", sopUID, 32)+".dcm")
}

// place copies in into the library (copy) or hashes it where it is.
func (l *Library) place(studyUID string, in *dicomio.Instance, copy bool, zips *zipCache) placed {
	p := placed{in: in, copied: copy}
	src, err := openSource(in.Path, zips)
	if err != nil {
		p.err = err
		return p
	}
	defer src.Close()
	h := sha256.New()
	if !copy {
		p.path, _ = filepath.Abs(in.Path)
		p.size, p.err = io.Copy(h, src)
		p.sum = hex.EncodeToString(h.Sum(nil))
		return p
	}
	dst := l.storedPath(studyUID, in.SOPInstanceUID)
	p.path = dst
	p.size, p.err = copyAtomic(dst, io.TeeReader(src, h))
	p.sum = hex.EncodeToString(h.Sum(nil))
	return p
}

// copyAtomic writes r to dst through a synced temporary file renamed
// over dst, so dst is either absent or complete.
func copyAtomic(dst string, r io.Reader) (n int64, err error) {
	dir := filepath.Dir(dst)
	if err := privatefile.MkdirPrivate(dir, true); err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(dst)+"-*")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return 0, err
	}
	if n, err = io.Copy(f, r); err != nil {
		f.Close()
		return 0, err
	}
	if !batchSync {
		if err = f.Sync(); err != nil {
			f.Close()
			return 0, err
		}
	}
	if err = f.Close(); err != nil {
		return 0, err
	}
	if err = os.Rename(tmp, dst); err != nil {
		return 0, err
	}
	if !batchSync {
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return n, nil
}

// zipCache keeps the archives of an import open, shared by workers.
type zipCache struct {
	mu sync.Mutex
	m  map[string]*zip.ReadCloser
}

func (z *zipCache) entry(archive, name string) (io.ReadCloser, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.m == nil {
		z.m = map[string]*zip.ReadCloser{}
	}
	r, ok := z.m[archive]
	if !ok {
		var err error
		r, err = zip.OpenReader(archive)
		if err != nil {
			return nil, err
		}
		z.m[archive] = r
	}
	for _, f := range r.File {
		if f.Name == name {
			return f.Open()
		}
	}
	return nil, fmt.Errorf("zip entry %s vanished", name)
}

func (z *zipCache) close() {
	for _, r := range z.m {
		r.Close()
	}
}

func openSource(path string, zips *zipCache) (io.ReadCloser, error) {
	if isZipEntry(path) {
		a, e := splitZip(path)
		if _, err := os.Stat(path); err != nil { // not a real file named x.zip!y
			return zips.entry(a, e)
		}
	}
	return os.Open(path)
}

// commitBatch writes the rows of one batch in one transaction, after
// its files are in place.
func (l *Library) commitBatch(ctx context.Context, batch []workItem, out []placed) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("library: import: %w", err)
	}
	defer tx.Rollback()
	studyIDs := map[string]int64{}
	seriesIDs := map[string]int64{}
	for i, p := range out {
		if p.err != nil {
			continue
		}
		s, in := batch[i].study, batch[i].in
		sid, ok := studyIDs[s.UID]
		if !ok {
			if sid, err = upsertStudy(ctx, tx, s); err != nil {
				return fmt.Errorf("library: import: %w", err)
			}
			studyIDs[s.UID] = sid
		}
		key := s.UID + "\x00" + in.SeriesInstanceUID
		serID, ok := seriesIDs[key]
		if !ok {
			if serID, err = upsertSeries(ctx, tx, sid, s, in.SeriesInstanceUID); err != nil {
				return fmt.Errorf("library: import: %w", err)
			}
			seriesIDs[key] = serID
		}
		if err := insertInstance(ctx, tx, sid, serID, s, p); err != nil {
			return fmt.Errorf("library: import: %w", err)
		}
	}
	for _, sid := range studyIDs {
		if err := updateCounts(ctx, tx, sid); err != nil {
			return fmt.Errorf("library: import: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("library: import: %w", err)
	}
	return nil
}

// TagIssuerOfPatientID is (0010,0021).
var TagIssuerOfPatientID = dicomio.NewTag(0x0010, 0x0021)

func studyInstances(s *dicomio.Study) []*dicomio.Instance {
	return append(append([]*dicomio.Instance{}, s.Images...), s.Documents...)
}

func studyIssuer(s *dicomio.Study) string {
	for _, in := range studyInstances(s) {
		if h := in.Header(); h != nil {
			if v := strings.TrimSpace(h.String(TagIssuerOfPatientID)); v != "" {
				return v
			}
		}
	}
	return ""
}

func studyInstitution(s *dicomio.Study) string {
	for _, in := range studyInstances(s) {
		if in.Institution != "" {
			return in.Institution
		}
	}
	return ""
}

// studyDateTime returns the study's date (YYYY-MM-DD) and time
// (RFC 3339), from Study Date/Time or else the first image's time.
func studyDateTime(s *dicomio.Study) (string, string) {
	t := s.Time
	if t.IsZero() {
		for _, in := range s.Images {
			if in.TimeSource != dicomio.TimeNone {
				t = in.Acquired
				break
			}
		}
	}
	if t.IsZero() {
		return "", ""
	}
	return t.Format("2006-01-02"), t.Format(time.RFC3339)
}

func upsertStudy(ctx context.Context, tx *sql.Tx, s *dicomio.Study) (int64, error) {
	p := s.Patient
	var pid int64
	err := tx.QueryRowContext(ctx, `INSERT INTO patients(patient_id, issuer, name, birth_date, sex) VALUES (?,?,?,?,?)
		ON CONFLICT(patient_id, issuer, name, birth_date, sex) DO UPDATE SET sex = excluded.sex RETURNING id`,
		p.ID, studyIssuer(s), p.Name, p.BirthDate, p.Sex).Scan(&pid)
	if err != nil {
		return 0, err
	}
	date, tm := studyDateTime(s)
	tl := s.Timeline
	var t0, t0src string
	contrast := "water_soluble_iodinated"
	var dSOP, dConf, dNote string
	var dMin sql.NullFloat64
	if tl != nil {
		if tl.HasT0 {
			t0, t0src = tl.T0.Format(time.RFC3339Nano), tl.T0Source
		}
		if tl.Oil {
			contrast = "oil_based_iodinated"
		}
		if d := tl.Delayed; d != nil {
			dSOP, dConf = d.Instance.SOPInstanceUID, string(d.Confidence)
			if d.HasMinutes {
				dMin = sql.NullFloat64{Float64: round2(d.Minutes), Valid: true}
			}
		} else {
			dNote = tl.Note
		}
	}
	nameKey := Fold(p.Name)
	search := strings.Join([]string{nameKey, Fold(p.ID), Fold(s.AccessionNumber)}, " | ")
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO studies(study_uid, patient_ref, study_date, study_time, accession, description, institution,
		t0, t0_source, contrast_type, delayed_sop, delayed_minutes, delayed_confidence, delayed_note, name_key, search_key, imported_at,
		report_status)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,
		COALESCE((SELECT `+reportStatusSQL+` FROM reports r WHERE r.study_uid = ?), 'none'))
		ON CONFLICT(study_uid) DO UPDATE SET patient_ref = excluded.patient_ref, study_date = excluded.study_date,
		study_time = excluded.study_time, accession = excluded.accession, description = excluded.description,
		institution = excluded.institution, t0 = excluded.t0, t0_source = excluded.t0_source,
		contrast_type = excluded.contrast_type, delayed_sop = excluded.delayed_sop,
		delayed_minutes = excluded.delayed_minutes, delayed_confidence = excluded.delayed_confidence,
		delayed_note = excluded.delayed_note, name_key = excluded.name_key, search_key = excluded.search_key
		RETURNING id`,
		s.UID, pid, date, tm, s.AccessionNumber, s.Description, studyInstitution(s),
		t0, t0src, contrast, dSOP, dMin, dConf, dNote, nameKey, search, now(), s.UID).Scan(&id)
	return id, err
}

func upsertSeries(ctx context.Context, tx *sql.Tx, studyID int64, s *dicomio.Study, uid string) (int64, error) {
	var num int
	var mod, desc string
	for _, se := range s.Series {
		if se.UID == uid {
			num, mod, desc = se.Number, se.Modality, se.Description
		}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO series(study_ref, series_uid, number, modality, description) VALUES (?,?,?,?,?)
		ON CONFLICT(study_ref, series_uid) DO UPDATE SET number = excluded.number, modality = excluded.modality,
		description = excluded.description RETURNING id`, studyID, uid, num, mod, desc).Scan(&id)
	return id, err
}

// timelineFields are an instance's place on its study's timeline, as
// `hsgview info --json` reports them.
type timelineFields struct {
	minutes           sql.NullFloat64
	phase, confidence string
}

func timelineOf(s *dicomio.Study, in *dicomio.Instance) timelineFields {
	f := timelineFields{phase: string(dicomio.PhaseUnknown), confidence: string(dicomio.ConfidenceLow)}
	if !in.HasPixels || s.Timeline == nil {
		f.phase, f.confidence = "", ""
		return f
	}
	if e := s.Timeline.Entry(in); e != nil {
		f.phase, f.confidence = string(e.Phase), string(e.Confidence)
		if e.HasMinutes {
			f.minutes = sql.NullFloat64{Float64: round2(e.Minutes), Valid: true}
		}
	}
	return f
}

// round2 rounds minutes to 0.01 as `hsgview info --json` does.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func insertInstance(ctx context.Context, tx *sql.Tx, studyID, seriesID int64, s *dicomio.Study, p placed) error {
	in := p.in
	tf := timelineOf(s, in)
	acquired := ""
	if in.TimeSource != dicomio.TimeNone {
		acquired = in.Acquired.Format(time.RFC3339Nano)
	}
	var fps sql.NullFloat64
	if in.Cine.FPS > 0 {
		fps = sql.NullFloat64{Float64: in.Cine.FPS, Valid: true}
	}
	frames := in.Pixel.Frames
	if !in.HasPixels {
		frames = 0
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO instances(study_ref, series_ref, sop_uid, sop_class, modality, instance_number,
		path, copied, size, sha256, transfer_syntax, transfer_syntax_name, decodable, problem, is_image, frames, rows, columns,
		acquired, time_source, minutes, phase, confidence, spacing_source, cine_fps, default_frame)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sop_uid) DO NOTHING`,
		studyID, seriesID, in.SOPInstanceUID, in.SOPClassUID, in.Modality, in.InstanceNumber,
		p.path, p.copied, p.size, p.sum, in.TransferSyntax, codec.Name(in.TransferSyntax), in.Decodable, in.Problem,
		in.HasPixels, frames, in.Pixel.Rows, in.Pixel.Columns, acquired, string(in.TimeSource),
		tf.minutes, tf.phase, tf.confidence, string(in.Calibration.Source), fps, in.DefaultFrame())
	return err
}

func updateCounts(ctx context.Context, tx *sql.Tx, studyID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE studies SET
		images = (SELECT COUNT(*) FROM instances WHERE study_ref = studies.id AND is_image = 1),
		frames = (SELECT COALESCE(SUM(frames), 0) FROM instances WHERE study_ref = studies.id AND is_image = 1),
		cine_runs = (SELECT COUNT(*) FROM instances WHERE study_ref = studies.id AND is_image = 1 AND frames > 1),
		documents = (SELECT COUNT(*) FROM instances WHERE study_ref = studies.id AND is_image = 0),
		missing = (SELECT COUNT(*) FROM instances WHERE study_ref = studies.id AND missing = 1)
		WHERE id = ?`, studyID)
	return err
}

// refreshStudy reads the headers of all present files of a study again
// and rewrites its summary and the timeline fields of its instances.
func (l *Library) refreshStudy(ctx context.Context, uid string) error {
	rows, err := l.db.QueryContext(ctx, `SELECT i.path FROM instances i JOIN studies s ON s.id = i.study_ref
		WHERE s.study_uid = ? AND i.missing = 0`, uid)
	if err != nil {
		return err
	}
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		paths = append(paths, p)
	}
	rows.Close()
	if len(paths) == 0 {
		return nil
	}
	coll, err := dicomio.Open(paths, nil)
	if coll != nil {
		defer coll.Close()
	}
	if err != nil {
		return nil // every file vanished: Rescan marks them
	}
	var s *dicomio.Study
	for _, c := range coll.Studies {
		if c.UID == uid {
			s = c
		}
	}
	if s == nil {
		return nil
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	sid, err := upsertStudy(ctx, tx, s)
	if err != nil {
		return err
	}
	for _, in := range s.Images {
		tf := timelineOf(s, in)
		if _, err := tx.ExecContext(ctx, `UPDATE instances SET minutes = ?, phase = ?, confidence = ? WHERE sop_uid = ?`,
			tf.minutes, tf.phase, tf.confidence, in.SOPInstanceUID); err != nil {
			return err
		}
	}
	if err := updateCounts(ctx, tx, sid); err != nil {
		return err
	}
	return tx.Commit()
}
