package library

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"github.com/hsgview/hsgview/internal/privatefile"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// EnvDir names the environment variable that overrides the library folder.
const EnvDir = "HSGVIEW_LIBRARY"

// DBName is the database file's name inside the library folder.
const DBName = "library.db"

// DefaultDir returns the library folder: $HSGVIEW_LIBRARY, else
// $XDG_DATA_HOME/hsgview, else ~/.local/share/hsgview.
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "hsgview"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("library: no home folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "hsgview"), nil
}

// Options tune [Open]. A nil *Options means the defaults.
type Options struct {
	// LegacyDraftsDir is the drafts folder of hsgview before the library
	// (annotate/drafts' DefaultDraftDir when empty). Its reports are
	// copied into the library once, on the first Open.
	LegacyDraftsDir string
	// NoDraftMigration skips that copy (tests, tools).
	NoDraftMigration bool
}

// A Library is the open study library: the database and the folders of
// copied files and report drafts. It is safe for use by several
// goroutines; several processes may open the same library (SQLite WAL,
// busy timeout 5 s).
type Library struct {
	dir    string
	db     *sql.DB
	user   string
	drafts *Drafts
}

// Open opens (creating if needed) the library in dir: the folder 0700,
// the database 0600, migrated to the current schema.
func Open(dir string, opt *Options) (*Library, error) {
	if opt == nil {
		opt = &Options{}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	dir = abs
	if err := privatefile.MkdirPrivate(dir, true); err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	for _, sub := range []string{filesDir, draftsDir} {
		if err := privatefile.MkdirPrivate(filepath.Join(dir, sub), true); err != nil {
			return nil, fmt.Errorf("library: %w", err)
		}
	}
	name := filepath.Join(dir, DBName)
	// SQLite creates the -wal and -shm files with the database's mode:
	// create it 0600 first.
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	f.Close()
	if err := os.Chmod(name, 0o600); err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	dsn := "file:" + (&url.URL{Path: name}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("library: %w", err)
	}
	l := &Library{dir: dir, db: db, user: osUser()}
	if err := l.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	l.drafts, err = openDrafts(l)
	if err != nil {
		db.Close()
		return nil, err
	}
	if !opt.NoDraftMigration {
		if err := l.migrateDrafts(context.Background(), opt.LegacyDraftsDir); err != nil {
			db.Close()
			return nil, err
		}
	}
	privatefile.RemoveStaleTemps(filepath.Join(dir, filesDir), time.Hour)
	return l, nil
}

// Close closes the database.
func (l *Library) Close() error { return l.db.Close() }

// Dir returns the library folder.
func (l *Library) Dir() string { return l.dir }

// DB returns the database, for tests and diagnostics (PRAGMA
// integrity_check). Write only through the Library's methods.
func (l *Library) DB() *sql.DB { return l.db }

// Folders inside the library.
const (
	filesDir  = "files"  // copied DICOM files, by hashed study and SOP UID
	draftsDir = "drafts" // the annotate/drafts store of reports
)

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// migrations are applied in order; migration i brings the schema from
// version i to i+1. Never edit a released one: append.
var migrations = []func(ctx context.Context, tx *sql.Tx) error{
	migrate1,
	migrate2,
}

// SchemaVersion is the schema version this build writes.
var SchemaVersion = len(migrations)

func (l *Library) migrate(ctx context.Context) error {
	if _, err := l.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("library: schema: %w", err)
	}
	for {
		tx, err := l.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("library: schema: %w", err)
		}
		var v int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
			tx.Rollback()
			return fmt.Errorf("library: schema: %w", err)
		}
		if v > len(migrations) {
			tx.Rollback()
			return fmt.Errorf("library: the database has schema version %d, newer than this hsgview (%d)", v, len(migrations))
		}
		if v == len(migrations) {
			return tx.Rollback()
		}
		if err := migrations[v](ctx, tx); err != nil {
			tx.Rollback()
			return fmt.Errorf("library: migration to schema %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version, applied_at) VALUES (?, ?)`, v+1, now()); err != nil {
			tx.Rollback()
			return fmt.Errorf("library: schema: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("library: schema: %w", err)
		}
	}
}

func migrate1(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE patients (
	id INTEGER PRIMARY KEY,
	patient_id TEXT NOT NULL,
	issuer TEXT NOT NULL,
	name TEXT NOT NULL,
	birth_date TEXT NOT NULL,
	sex TEXT NOT NULL,
	UNIQUE (patient_id, issuer, name, birth_date, sex)
);
CREATE INDEX patients_id ON patients(patient_id, issuer);
CREATE TABLE studies (
	id INTEGER PRIMARY KEY,
	study_uid TEXT NOT NULL UNIQUE,
	patient_ref INTEGER NOT NULL REFERENCES patients(id),
	study_date TEXT NOT NULL,
	study_time TEXT NOT NULL,
	accession TEXT NOT NULL,
	description TEXT NOT NULL,
	institution TEXT NOT NULL,
	images INTEGER NOT NULL DEFAULT 0,
	frames INTEGER NOT NULL DEFAULT 0,
	cine_runs INTEGER NOT NULL DEFAULT 0,
	documents INTEGER NOT NULL DEFAULT 0,
	missing INTEGER NOT NULL DEFAULT 0,
	t0 TEXT NOT NULL DEFAULT '',
	t0_source TEXT NOT NULL DEFAULT '',
	contrast_type TEXT NOT NULL DEFAULT '',
	delayed_sop TEXT NOT NULL DEFAULT '',
	delayed_minutes REAL,
	delayed_confidence TEXT NOT NULL DEFAULT '',
	delayed_note TEXT NOT NULL DEFAULT '',
	name_key TEXT NOT NULL,
	search_key TEXT NOT NULL,
	imported_at TEXT NOT NULL
);
CREATE INDEX studies_date ON studies(study_date, study_time);
CREATE INDEX studies_patient ON studies(patient_ref);
CREATE INDEX studies_name ON studies(name_key);
CREATE TABLE series (
	id INTEGER PRIMARY KEY,
	study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
	series_uid TEXT NOT NULL,
	number INTEGER NOT NULL,
	modality TEXT NOT NULL,
	description TEXT NOT NULL,
	UNIQUE (study_ref, series_uid)
);
CREATE TABLE instances (
	id INTEGER PRIMARY KEY,
	study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
	series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
	sop_uid TEXT NOT NULL UNIQUE,
	sop_class TEXT NOT NULL,
	modality TEXT NOT NULL,
	instance_number INTEGER NOT NULL,
	path TEXT NOT NULL,
	copied INTEGER NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	transfer_syntax TEXT NOT NULL,
	transfer_syntax_name TEXT NOT NULL,
	decodable INTEGER NOT NULL,
	problem TEXT NOT NULL,
	is_image INTEGER NOT NULL,
	frames INTEGER NOT NULL,
	rows INTEGER NOT NULL,
	columns INTEGER NOT NULL,
	acquired TEXT NOT NULL,
	time_source TEXT NOT NULL,
	minutes REAL,
	phase TEXT NOT NULL,
	confidence TEXT NOT NULL,
	spacing_source TEXT NOT NULL,
	cine_fps REAL,
	default_frame INTEGER NOT NULL,
	missing INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX instances_study ON instances(study_ref);
CREATE INDEX instances_series ON instances(series_ref);
CREATE TABLE reports (
	study_uid TEXT PRIMARY KEY,
	status TEXT NOT NULL,
	author TEXT NOT NULL,
	signed_at TEXT NOT NULL,
	version INTEGER NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX reports_status ON reports(status);
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	user TEXT NOT NULL,
	action TEXT NOT NULL,
	study_uid TEXT NOT NULL,
	detail TEXT NOT NULL
);
`)
	return err
}

// migrate2 keeps the worklist's report status on the study row, indexed,
// so that filtering and sorting by it need no join.
func migrate2(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
ALTER TABLE studies ADD COLUMN report_status TEXT NOT NULL DEFAULT 'none';
UPDATE studies SET report_status = COALESCE((SELECT `+reportStatusSQL+` FROM reports r WHERE r.study_uid = studies.study_uid), 'none');
CREATE INDEX studies_report_status ON studies(report_status, study_date);
`)
	return err
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

func (l *Library) meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := l.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (l *Library) setMeta(ctx context.Context, key, value string) error {
	_, err := l.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
