package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// Drafts is the library's report store: annotate/drafts' file store in
// the library folder, with every change indexed in the database (the
// worklist's report status) and signatures, amendments and exports
// written to the audit log. The GUI uses it instead of a drafts.Store.
type Drafts struct {
	lib   *Library
	store *drafts.Store
}

// A Draft is the report of one study being edited (see drafts.Draft);
// its changes are indexed in the library.
type Draft struct {
	*drafts.Draft
	d   *Drafts
	uid string
}

func openDrafts(l *Library) (*Drafts, error) {
	s, err := drafts.OpenStore(filepath.Join(l.dir, draftsDir))
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	return &Drafts{lib: l, store: s}, nil
}

// Drafts returns the library's report store.
func (l *Library) Drafts() *Drafts { return l.drafts }

// Dir returns the folder of the report files.
func (d *Drafts) Dir() string { return d.store.Dir() }

// Open returns the study's report as saved, or a new empty draft.
func (d *Drafts) Open(studyUID string) (*Draft, error) {
	dr, err := d.store.Open(studyUID)
	if err != nil {
		return nil, err
	}
	return &Draft{Draft: dr, d: d, uid: studyUID}, nil
}

// Load returns the saved report of the study (drafts.ErrNoDraft when none).
func (d *Drafts) Load(studyUID string) (*report.Report, error) { return d.store.Load(studyUID) }

// Save saves r as its study's working copy (see drafts.Store.Save) and
// indexes it.
func (d *Drafts) Save(r *report.Report) error {
	if err := d.store.Save(r); err != nil {
		return err
	}
	return d.index(context.Background(), r)
}

// Versions returns the signed versions of the study's report, in order.
func (d *Drafts) Versions(studyUID string) ([]int, error) { return d.store.Versions(studyUID) }

// LoadVersion returns signed version v of the study's report.
func (d *Drafts) LoadVersion(studyUID string, v int) (*report.Report, error) {
	return d.store.LoadVersion(studyUID, v)
}

// Update edits and saves the draft (see drafts.Draft.Update).
func (dr *Draft) Update(edit func(r *report.Report) error) error {
	if err := dr.Draft.Update(edit); err != nil {
		return err
	}
	return dr.d.index(context.Background(), dr.Report())
}

// Sign signs and saves the report after checking it against the study's
// images (see drafts.Draft.Sign) and logs the signature.
func (dr *Draft) Sign(study *dicomio.Study, author report.Person, at time.Time) error {
	if err := dr.Draft.Sign(study, author, at); err != nil {
		return err
	}
	r := dr.Report()
	dr.d.lib.Log(context.Background(), ActionSign, dr.uid, fmt.Sprintf("version %d signed", r.Version))
	return dr.d.index(context.Background(), r)
}

// Amend reopens the signed report as a draft of its next version and
// logs it. The reason is not logged: it may name the patient.
func (dr *Draft) Amend(reason string) error {
	if err := dr.Draft.Amend(reason); err != nil {
		return err
	}
	r := dr.Report()
	dr.d.lib.Log(context.Background(), ActionAmend, dr.uid, fmt.Sprintf("version %d reopened", r.Version))
	return dr.d.index(context.Background(), r)
}

// RecordExport records exports (see drafts.Draft.RecordExport) and logs them.
func (dr *Draft) RecordExport(record func(e *report.Exports)) error {
	if err := dr.Draft.RecordExport(record); err != nil {
		return err
	}
	dr.d.lib.Log(context.Background(), ActionExport, dr.uid, "report exported")
	return dr.d.index(context.Background(), dr.Report())
}

// index records r's state in the reports table.
func (d *Drafts) index(ctx context.Context, r *report.Report) error {
	signed := ""
	if !r.SignedAt.IsZero() {
		signed = r.SignedAt.UTC().Format(time.RFC3339)
	}
	_, err := d.lib.db.ExecContext(ctx, `INSERT INTO reports(study_uid, status, author, signed_at, version, updated_at)
		VALUES (?,?,?,?,?,?) ON CONFLICT(study_uid) DO UPDATE SET status = excluded.status, author = excluded.author,
		signed_at = excluded.signed_at, version = excluded.version, updated_at = excluded.updated_at`,
		r.Study.StudyInstanceUID, string(r.Status), r.Author.Name, signed, r.Version, now())
	if err == nil {
		_, err = d.lib.db.ExecContext(ctx, `UPDATE studies SET report_status = ? WHERE study_uid = ?`,
			worklistStatus(string(r.Status)), r.Study.StudyInstanceUID)
	}
	if err != nil {
		return fmt.Errorf("library: index report: %w", err)
	}
	return nil
}

var currentFile = regexp.MustCompile(`^[0-9a-f]{32}\.json$`)
var draftFile = regexp.MustCompile(`^[0-9a-f]{32}(\.v[0-9]+)?\.json(\.bak)?$`)

// ReindexReports rebuilds the reports table from the report files, e.g.
// after another program wrote them. It returns how many were indexed.
func (d *Drafts) ReindexReports(ctx context.Context) (int, error) {
	ents, err := os.ReadDir(d.store.Dir())
	if err != nil {
		return 0, fmt.Errorf("library: reindex reports: %w", err)
	}
	n := 0
	for _, e := range ents {
		if !currentFile.MatchString(e.Name()) {
			continue
		}
		f, err := os.Open(filepath.Join(d.store.Dir(), e.Name()))
		if err != nil {
			continue
		}
		r, err := report.Decode(f)
		f.Close()
		if err != nil || r.Study.StudyInstanceUID == "" {
			continue
		}
		// Load applies the store's checks (and falls back to the backup).
		if r, err = d.store.Load(r.Study.StudyInstanceUID); err != nil {
			continue
		}
		if err := d.index(ctx, r); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

const metaDraftsMigrated = "drafts_migrated"

// migrateDrafts copies, once, the report files of the drafts folder used
// before the library into the library's, and indexes them. The old
// folder is left as it was (a rollback to an older hsgview still finds
// its drafts); files already in the library are not overwritten.
func (l *Library) migrateDrafts(ctx context.Context, legacy string) error {
	if _, done, err := l.meta(ctx, metaDraftsMigrated); err != nil || done {
		return err
	}
	if legacy == "" {
		if d, err := drafts.DefaultDraftDir(); err == nil {
			legacy = d
		}
	}
	copied := 0
	if legacy != "" && filepath.Clean(legacy) != filepath.Clean(l.drafts.Dir()) {
		ents, err := os.ReadDir(legacy)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("library: migrate drafts: %w", err)
		}
		for _, e := range ents {
			if !e.Type().IsRegular() || !draftFile.MatchString(e.Name()) {
				continue
			}
			dst := filepath.Join(l.drafts.Dir(), e.Name())
			if _, err := os.Stat(dst); err == nil {
				continue
			}
			data, err := os.ReadFile(filepath.Join(legacy, e.Name()))
			if err != nil {
				return fmt.Errorf("library: migrate drafts: %w", err)
			}
			if err := privatefile.WritePrivate(dst, data); err != nil {
				return fmt.Errorf("library: migrate drafts: %w", err)
			}
			copied++
		}
	}
	n, err := l.drafts.ReindexReports(ctx)
	if err != nil {
		return err
	}
	if err := l.setMeta(ctx, metaDraftsMigrated, fmt.Sprintf("%s: %d files copied, %d reports indexed", now(), copied, n)); err != nil {
		return fmt.Errorf("library: migrate drafts: %w", err)
	}
	return nil
}

// Refresh re-reads the report of one study from the report files and
// indexes it, for a report written by another drafts.Store on the same
// folder (the viewer's report panel saves through annotate/drafts
// directly). A report newly signed or amended since it was last indexed
// is recorded in the audit log as [Draft.Sign] and [Draft.Amend] do. It
// returns the worklist status; a study without a report is left alone.
func (d *Drafts) Refresh(ctx context.Context, studyUID string) (string, error) {
	r, err := d.store.Load(studyUID)
	if errors.Is(err, drafts.ErrNoDraft) {
		return StatusNone, nil
	}
	if err != nil {
		return "", err
	}
	var oldStatus string
	var oldVersion int
	d.lib.db.QueryRowContext(ctx, `SELECT status, version FROM reports WHERE study_uid = ?`, studyUID).Scan(&oldStatus, &oldVersion)
	if err := d.index(ctx, r); err != nil {
		return "", err
	}
	if string(r.Status) != oldStatus || r.Version != oldVersion {
		switch {
		case r.Status.Signed():
			d.lib.Log(ctx, ActionSign, studyUID, fmt.Sprintf("version %d signed", r.Version))
		case oldStatus == "final" || oldStatus == "amended":
			d.lib.Log(ctx, ActionAmend, studyUID, fmt.Sprintf("version %d reopened", r.Version))
		}
	}
	return worklistStatus(string(r.Status)), nil
}
