package library

import (
	"context"
	"database/sql"
	"fmt"
)

// A DelayedImage locates a study's delayed film for a comparison hanging.
type DelayedImage struct {
	StudyUID       string   `json:"studyInstanceUid"`
	SOPInstanceUID string   `json:"sopInstanceUid"`
	File           string   `json:"file"`
	Frame          int      `json:"frame"`         // 0-based frame to show (dicomio's DefaultFrame)
	MinutesFromT0  *float64 `json:"minutesFromT0"` // nil when the image has no time
	Missing        bool     // the file is gone (see Rescan)
}

// A Prior is an earlier HSG study of the same patient.
type Prior struct {
	StudyUID    string        `json:"studyInstanceUid"`
	StudyDate   string        `json:"studyDate"`
	Accession   string        `json:"accessionNumber"`
	Description string        `json:"studyDescription"`
	Images      int           `json:"images"`
	Report      ReportState   `json:"report"`
	Delayed     *DelayedImage // nil: the prior has no delayed image
}

// Priors returns the earlier studies of the patient of study uid, newest
// first. A prior has the same non-empty Patient ID and the same Issuer of
// Patient ID (both empty counts as the same issuer), images, and a study
// date before this one's (or the same date and an earlier time); and the
// patient must agree: when both studies give a birth date, the birth
// dates are equal; when either lacks one, the folded names are equal.
// Names alone are not compared when the birth dates agree: a patient
// may have married between two HSGs. A study with the same ID under
// another issuer, or another birth date, is not a prior.
func (l *Library) Priors(ctx context.Context, uid string) ([]Prior, error) {
	var pid, issuer, birth, nameKey, date, tm string
	err := l.db.QueryRowContext(ctx, `SELECT p.patient_id, p.issuer, p.birth_date, s.name_key, s.study_date, s.study_time
		FROM studies s JOIN patients p ON p.id = s.patient_ref WHERE s.study_uid = ?`, uid).
		Scan(&pid, &issuer, &birth, &nameKey, &date, &tm)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("library: priors of %s: %w", uid, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("library: priors: %w", err)
	}
	if pid == "" || date == "" {
		return []Prior{}, nil
	}
	rows, err := l.db.QueryContext(ctx, `SELECT s.study_uid, s.study_date, s.accession, s.description, s.images,
		p.birth_date, s.name_key, s.delayed_sop, s.delayed_minutes,
		COALESCE(r.status, ''), COALESCE(r.author, ''), COALESCE(r.signed_at, ''), COALESCE(r.version, 0), COALESCE(r.updated_at, ''),
		i.path, i.default_frame, i.missing, i_s.study_uid
		FROM studies s JOIN patients p ON p.id = s.patient_ref
		LEFT JOIN reports r ON r.study_uid = s.study_uid
		LEFT JOIN instances i ON i.sop_uid = s.delayed_sop
		LEFT JOIN studies i_s ON i_s.id = i.study_ref
		WHERE p.patient_id = ? AND p.issuer = ? AND s.study_uid <> ? AND s.images > 0
		AND s.study_date <> '' AND (s.study_date < ? OR (s.study_date = ? AND s.study_time < ?))
		ORDER BY s.study_date DESC, s.study_time DESC`, pid, issuer, uid, date, date, tm)
	if err != nil {
		return nil, fmt.Errorf("library: priors: %w", err)
	}
	defer rows.Close()
	out := []Prior{}
	for rows.Next() {
		var p Prior
		var pBirth, pName, dSOP string
		var dMin sql.NullFloat64
		var status string
		var path, dStudy sql.NullString
		var frame sql.NullInt64
		var missing sql.NullBool
		if err := rows.Scan(&p.StudyUID, &p.StudyDate, &p.Accession, &p.Description, &p.Images, &pBirth, &pName,
			&dSOP, &dMin, &status, &p.Report.Author, &p.Report.SignedAt, &p.Report.Version, &p.Report.Updated,
			&path, &frame, &missing, &dStudy); err != nil {
			return nil, fmt.Errorf("library: priors: %w", err)
		}
		if !samePatient(birth, nameKey, pBirth, pName) {
			continue
		}
		p.Report.Status = worklistStatus(status)
		if dSOP != "" && path.Valid {
			d := &DelayedImage{StudyUID: dStudy.String, SOPInstanceUID: dSOP, File: path.String,
				Frame: int(frame.Int64), Missing: missing.Bool}
			if dMin.Valid {
				v := dMin.Float64
				d.MinutesFromT0 = &v
			}
			p.Delayed = d
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// samePatient is the name/birth-date check of [Library.Priors].
func samePatient(birthA, nameA, birthB, nameB string) bool {
	if birthA != "" && birthB != "" {
		return birthA == birthB
	}
	return nameA != "" && nameA == nameB
}

// Delayed returns the delayed image of study uid, or nil when it has none.
func (l *Library) Delayed(ctx context.Context, uid string) (*DelayedImage, error) {
	var dSOP string
	var dMin sql.NullFloat64
	err := l.db.QueryRowContext(ctx, `SELECT delayed_sop, delayed_minutes FROM studies WHERE study_uid = ?`, uid).Scan(&dSOP, &dMin)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("library: study %s: %w", uid, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("library: delayed: %w", err)
	}
	if dSOP == "" {
		return nil, nil
	}
	d := &DelayedImage{SOPInstanceUID: dSOP}
	if dMin.Valid {
		v := dMin.Float64
		d.MinutesFromT0 = &v
	}
	err = l.db.QueryRowContext(ctx, `SELECT i.path, i.default_frame, i.missing, s.study_uid FROM instances i
		JOIN studies s ON s.id = i.study_ref WHERE i.sop_uid = ?`, dSOP).Scan(&d.File, &d.Frame, &d.Missing, &d.StudyUID)
	if err == sql.ErrNoRows {
		return nil, nil // the film of another study not imported
	}
	if err != nil {
		return nil, fmt.Errorf("library: delayed: %w", err)
	}
	return d, nil
}
