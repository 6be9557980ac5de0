package library

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/hsgview/hsgview/dicomio"
)

// Audit actions.
const (
	ActionOpen   = "open"
	ActionImport = "import"
	ActionSign   = "sign"
	ActionAmend  = "amend"
	ActionExport = "export"
	ActionRemove = "remove"
	ActionRescan = "rescan"
)

// An AuditEntry is one line of the audit log. Detail never names the
// patient: studies are referred to by Study Instance UID.
type AuditEntry struct {
	ID       int64
	At       string // RFC 3339, UTC
	User     string // the OS user
	Action   string
	StudyUID string
	Detail   string
}

// Log appends to the audit log. Callers must not put patient names or
// identifiers other than UIDs in detail. Logging errors are returned but
// the GUI may ignore them: the audit must not block reading.
func (l *Library) Log(ctx context.Context, action, studyUID, detail string) error {
	_, err := l.db.ExecContext(ctx, `INSERT INTO audit(at, user, action, study_uid, detail) VALUES (?,?,?,?,?)`,
		now(), l.user, action, studyUID, detail)
	if err != nil {
		return fmt.Errorf("library: audit: %w", err)
	}
	return nil
}

// Audit returns audit entries, newest first, after skipping offset;
// limit 0 means all.
func (l *Library) Audit(ctx context.Context, offset, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := l.db.QueryContext(ctx, `SELECT id, at, user, action, study_uid, detail FROM audit ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("library: audit: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.User, &e.Action, &e.StudyUID, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// WriteAuditCSV writes the whole audit log, oldest first, as CSV with a
// header line, streaming (memory does not grow with the log).
func (l *Library) WriteAuditCSV(ctx context.Context, w io.Writer) error {
	rows, err := l.db.QueryContext(ctx, `SELECT id, at, user, action, study_uid, detail FROM audit ORDER BY id`)
	if err != nil {
		return fmt.Errorf("library: audit: %w", err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "at", "user", "action", "studyInstanceUid", "detail"})
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.User, &e.Action, &e.StudyUID, &e.Detail); err != nil {
			return err
		}
		cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At, e.User, e.Action, e.StudyUID, e.Detail})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// RemoveResult says what Remove did with the files.
type RemoveResult struct {
	Deleted int // copied files deleted from the library
	Kept    int // referenced files left where they are
}

// Remove takes a study out of the library: its rows go in one
// transaction, then the files copied into the library are deleted;
// referenced files are never touched. The report (draft or signed) is
// kept: it is part of the medical record, and re-importing the study
// finds it again. A crash between the two steps leaves unreferenced
// files in the library's files folder, never rows without files.
func (l *Library) Remove(ctx context.Context, uid string) (*RemoveResult, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("library: remove: %w", err)
	}
	defer tx.Rollback()
	var sid, pid int64
	if err := tx.QueryRowContext(ctx, `SELECT id, patient_ref FROM studies WHERE study_uid = ?`, uid).Scan(&sid, &pid); err != nil {
		return nil, fmt.Errorf("library: remove %s: %w", uid, ErrNotFound)
	}
	rows, err := tx.QueryContext(ctx, `SELECT path, copied FROM instances WHERE study_ref = ?`, sid)
	if err != nil {
		return nil, fmt.Errorf("library: remove: %w", err)
	}
	var copied []string
	res := &RemoveResult{}
	for rows.Next() {
		var p string
		var c bool
		if err := rows.Scan(&p, &c); err != nil {
			rows.Close()
			return nil, err
		}
		if c {
			copied = append(copied, p)
		} else {
			res.Kept++
		}
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM studies WHERE id = ?`, sid); err != nil {
		return nil, fmt.Errorf("library: remove: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM patients WHERE id = ? AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = ?)`, pid, pid); err != nil {
		return nil, fmt.Errorf("library: remove: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("library: remove: %w", err)
	}
	filesRoot := filepath.Join(l.dir, filesDir) + string(filepath.Separator)
	for _, p := range copied {
		if len(p) <= len(filesRoot) || p[:len(filesRoot)] != filesRoot {
			continue // never delete outside the library
		}
		if err := os.Remove(p); err == nil || errors.Is(err, fs.ErrNotExist) {
			res.Deleted++
		}
		os.Remove(filepath.Dir(p)) // the study's folder, when empty
	}
	l.Log(ctx, ActionRemove, uid, fmt.Sprintf("%d copied files deleted, %d referenced files kept", res.Deleted, res.Kept))
	return res, nil
}

// RescanResult says what Rescan found.
type RescanResult struct {
	Present   int // files where the library says, unchanged
	Missing   int // files gone (or changed) and not found elsewhere
	Relocated int // files found in one of the search folders and re-pointed
}

// Rescan checks that the files of a study are where the library says,
// with the size and SHA-256 imported. Files gone or changed are marked
// missing (the worklist shows the count; the viewer opens the rest). When
// folders are given, they are searched (headers only) for the missing
// instances by SOP Instance UID, and files found with the imported
// content are re-pointed and no longer missing.
func (l *Library) Rescan(ctx context.Context, uid string, searchDirs ...string) (*RescanResult, error) {
	info, err := l.StudyInfo(ctx, uid)
	if err != nil {
		return nil, err
	}
	res := &RescanResult{}
	type want struct {
		size int64
		sum  string
	}
	lost := map[string]want{}
	status := map[string]bool{} // sop -> missing
	for _, se := range info.Series {
		for _, in := range se.Instances {
			ok := fileMatches(in.File, in.Size, in.SHA256)
			status[in.SOPInstanceUID] = !ok
			if !ok {
				lost[in.SOPInstanceUID] = want{in.Size, in.SHA256}
			}
		}
	}
	moved := map[string]string{}
	if len(lost) > 0 && len(searchDirs) > 0 {
		coll, _ := dicomio.Open(searchDirs, nil)
		if coll != nil {
			for _, s := range coll.Studies {
				for _, in := range studyInstances(s) {
					w, ok := lost[in.SOPInstanceUID]
					if ok && !isZipEntry(in.Path) && fileMatches(in.Path, w.size, w.sum) {
						abs, _ := filepath.Abs(in.Path)
						moved[in.SOPInstanceUID] = abs
					}
				}
			}
			coll.Close()
		}
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("library: rescan: %w", err)
	}
	defer tx.Rollback()
	for sop, missing := range status {
		if p, ok := moved[sop]; ok {
			if _, err := tx.ExecContext(ctx, `UPDATE instances SET path = ?, missing = 0 WHERE sop_uid = ?`, p, sop); err != nil {
				return nil, err
			}
			res.Relocated++
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE instances SET missing = ? WHERE sop_uid = ?`, missing, sop); err != nil {
			return nil, err
		}
		if missing {
			res.Missing++
		} else {
			res.Present++
		}
	}
	var sid int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM studies WHERE study_uid = ?`, uid).Scan(&sid); err != nil {
		return nil, err
	}
	if err := updateCounts(ctx, tx, sid); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("library: rescan: %w", err)
	}
	l.Log(ctx, ActionRescan, uid, fmt.Sprintf("%d present, %d missing, %d relocated", res.Present, res.Missing, res.Relocated))
	return res, nil
}

// fileMatches reports whether path holds size bytes hashing to sum.
func fileMatches(path string, size int64, sum string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != size {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == sum
}
