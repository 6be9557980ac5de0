package library

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNotFound is returned for a study that is not in the library.
var ErrNotFound = errors.New("not in the library")

// An InstanceInfo is one stored instance: what `hsgview info --json`
// says of it, where its file is and what was imported.
type InstanceInfo struct {
	SOPInstanceUID     string   `json:"sopInstanceUid"`
	SOPClassUID        string   `json:"sopClassUid"`
	Modality           string   `json:"modality"`
	InstanceNumber     int      `json:"instanceNumber"`
	File               string   `json:"file"`
	Copied             bool     `json:"copied"`
	Size               int64    `json:"size"`
	SHA256             string   `json:"sha256"`
	TransferSyntax     string   `json:"transferSyntax"`
	TransferSyntaxName string   `json:"transferSyntaxName"`
	Decodable          bool     `json:"decodable"`
	Problem            string   `json:"problem,omitempty"`
	IsImage            bool     `json:"isImage"`
	Frames             int      `json:"frames"`
	Rows               int      `json:"rows"`
	Columns            int      `json:"columns"`
	Acquired           string   `json:"acquired,omitempty"`
	TimeSource         string   `json:"timeSource"`
	MinutesFromT0      *float64 `json:"minutesFromT0"`
	Phase              string   `json:"phase,omitempty"`
	Confidence         string   `json:"confidence,omitempty"`
	SpacingSource      string   `json:"spacingSource"`
	CineFPS            *float64 `json:"cineFps"`
	DefaultFrame       int      `json:"defaultFrame"` // 0-based, dicomio's Instance.DefaultFrame
	Missing            bool     `json:"missing"`
}

// A SeriesInfo is one stored series with its instances.
type SeriesInfo struct {
	SeriesInstanceUID string         `json:"seriesInstanceUid"`
	Number            int            `json:"seriesNumber"`
	Modality          string         `json:"modality"`
	Description       string         `json:"description"`
	Instances         []InstanceInfo `json:"instances"`
}

// A StudyInfo is a study with its series and instances.
type StudyInfo struct {
	Row
	T0           string       `json:"t0,omitempty"`
	T0Source     string       `json:"t0Source,omitempty"`
	ContrastType string       `json:"contrastType"`
	Series       []SeriesInfo `json:"series"`
}

// StudyInfo returns a study with every series and instance.
func (l *Library) StudyInfo(ctx context.Context, uid string) (*StudyInfo, error) {
	row, err := l.Study(ctx, uid)
	if err != nil {
		return nil, err
	}
	si := &StudyInfo{Row: *row}
	var sid int64
	if err := l.db.QueryRowContext(ctx, `SELECT id, t0, t0_source, contrast_type FROM studies WHERE study_uid = ?`, uid).
		Scan(&sid, &si.T0, &si.T0Source, &si.ContrastType); err != nil {
		return nil, fmt.Errorf("library: study %s: %w", uid, err)
	}
	rows, err := l.db.QueryContext(ctx, `SELECT se.series_uid, se.number, se.modality, se.description,
		i.sop_uid, i.sop_class, i.modality, i.instance_number, i.path, i.copied, i.size, i.sha256, i.transfer_syntax,
		i.transfer_syntax_name, i.decodable, i.problem, i.is_image, i.frames, i.rows, i.columns, i.acquired, i.time_source,
		i.minutes, i.phase, i.confidence, i.spacing_source, i.cine_fps, i.default_frame, i.missing
		FROM instances i JOIN series se ON se.id = i.series_ref WHERE i.study_ref = ?
		ORDER BY se.number, se.series_uid, i.instance_number, i.acquired, i.sop_uid`, sid)
	if err != nil {
		return nil, fmt.Errorf("library: study %s: %w", uid, err)
	}
	defer rows.Close()
	for rows.Next() {
		var se SeriesInfo
		var in InstanceInfo
		var mins, fps sql.NullFloat64
		if err := rows.Scan(&se.SeriesInstanceUID, &se.Number, &se.Modality, &se.Description,
			&in.SOPInstanceUID, &in.SOPClassUID, &in.Modality, &in.InstanceNumber, &in.File, &in.Copied, &in.Size, &in.SHA256,
			&in.TransferSyntax, &in.TransferSyntaxName, &in.Decodable, &in.Problem, &in.IsImage, &in.Frames, &in.Rows,
			&in.Columns, &in.Acquired, &in.TimeSource, &mins, &in.Phase, &in.Confidence, &in.SpacingSource, &fps,
			&in.DefaultFrame, &in.Missing); err != nil {
			return nil, fmt.Errorf("library: study %s: %w", uid, err)
		}
		if mins.Valid {
			v := mins.Float64
			in.MinutesFromT0 = &v
		}
		if fps.Valid {
			v := fps.Float64
			in.CineFPS = &v
		}
		if n := len(si.Series); n == 0 || si.Series[n-1].SeriesInstanceUID != se.SeriesInstanceUID {
			si.Series = append(si.Series, se)
		}
		last := &si.Series[len(si.Series)-1]
		last.Instances = append(last.Instances, in)
	}
	return si, rows.Err()
}

// Files returns the paths of the study's files that are present, for
// dicomio.Open: the viewer opens a library study with them.
func (l *Library) Files(ctx context.Context, uid string) ([]string, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT i.path FROM instances i JOIN studies s ON s.id = i.study_ref
		WHERE s.study_uid = ? AND i.missing = 0 ORDER BY i.id`, uid)
	if err != nil {
		return nil, fmt.Errorf("library: files: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := l.Study(ctx, uid); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// OpenStudy returns the files of a study for dicomio.Open, as
// [Library.Files], and records the opening in the audit log: the viewer
// calls it when a worklist row is opened.
func (l *Library) OpenStudy(ctx context.Context, uid string) ([]string, error) {
	files, err := l.Files(ctx, uid)
	if err != nil {
		return nil, err
	}
	l.Log(ctx, ActionOpen, uid, fmt.Sprintf("%d files", len(files)))
	return files, nil
}
