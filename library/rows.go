package library

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/codec"
)

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
