package library

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
)

// Report statuses in the worklist.
const (
	StatusNone    = "none"    // no report saved
	StatusDraft   = "draft"   // a draft (also a reopened amendment not yet signed)
	StatusSigned  = "signed"  // signed final report
	StatusAmended = "amended" // signed amendment
	// StatusUnsigned is a filter only: none or draft, the studies waiting.
	StatusUnsigned = "unsigned"
)

// SortKey orders the worklist.
type SortKey string

// Sort keys.
const (
	SortDate      SortKey = "date" // study date and time (default, newest first with Desc)
	SortName      SortKey = "name"
	SortPatientID SortKey = "id"
	SortAccession SortKey = "accession"
	SortStatus    SortKey = "status"
	SortImages    SortKey = "images"
)

var sortColumns = map[SortKey]string{
	SortDate:      "s.study_date %[1]s, s.study_time %[1]s",
	SortName:      "s.name_key %[1]s",
	SortPatientID: "p.patient_id %[1]s",
	SortAccession: "s.accession %[1]s",
	SortStatus:    "s.report_status %[1]s, s.study_date DESC",
	SortImages:    "s.images %[1]s",
}

// A Query selects and orders a page of the worklist.
type Query struct {
	// Status is "", or one of StatusNone, StatusDraft, StatusSigned,
	// StatusAmended, StatusUnsigned.
	Status string
	// From and To bound the study date, YYYY-MM-DD, inclusive; "" is open.
	From, To string
	// Text matches patient name, patient ID and accession number: every
	// word must occur in one of them, ignoring case and diacritics
	// (see [Fold]).
	Text string
	Sort SortKey
	Desc bool
	// Offset and Limit page the result; Limit 0 means 100.
	Offset, Limit int
}

// Delayed is a study's delayed image as the worklist shows it.
type Delayed struct {
	SOPInstanceUID string `json:"sopInstanceUid"`
	// MinutesFromT0 is nil when the image has no time.
	MinutesFromT0 *float64
}

// ReportState is a study's report in the worklist.
type ReportState struct {
	Status   string `json:"status"`   // StatusNone, StatusDraft, StatusSigned, StatusAmended
	Author   string `json:"author"`   // who signed (signed, amended) or is writing it
	SignedAt string `json:"signedAt"` // RFC 3339, for signed and amended reports
	Version  int    `json:"version"`
	Updated  string `json:"updated"` // RFC 3339: when the library last saw the report change
}

// A Row is one study of the worklist.
type Row struct {
	StudyUID    string      `json:"studyInstanceUid"`
	PatientName string      `json:"patientName"`      // formatted by dicomio.FormatPersonName
	RawName     string      `json:"patientNameDicom"` // DICOM PN as stored (UTF-8)
	PatientID   string      `json:"patientId"`
	Issuer      string      `json:"issuerOfPatientId"`
	BirthDate   string      `json:"birthDate"` // YYYY-MM-DD or ""
	Sex         string      `json:"sex"`
	AgeYears    int         `json:"ageYears"`  // at the study date; -1 when unknown
	StudyDate   string      `json:"studyDate"` // YYYY-MM-DD or ""
	StudyTime   string      `json:"studyTime"` // RFC 3339 or ""
	Accession   string      `json:"accessionNumber"`
	Institution string      `json:"institution"`
	Description string      `json:"studyDescription"`
	Images      int         `json:"images"`
	Frames      int         `json:"frames"`
	CineRuns    int         `json:"cineRuns"`
	Documents   int         `json:"documents"`
	Missing     int         `json:"missingFiles"`          // files gone since import (see Rescan)
	Delayed     *Delayed    `json:"delayed"`               // nil: no delayed image
	DelayedNote string      `json:"delayedNote,omitempty"` // why there is none
	Report      ReportState `json:"report"`
}

// DelayedLabel is the worklist's text for the delayed image column:
// "delayed image at +25 min", "delayed image (no time)" or "no delayed image".
func (r Row) DelayedLabel() string {
	switch {
	case r.Delayed == nil:
		return "no delayed image"
	case r.Delayed.MinutesFromT0 == nil:
		return "delayed image (no time)"
	}
	return fmt.Sprintf("delayed image at %+.0f min", *r.Delayed.MinutesFromT0)
}

// A Page is a page of the worklist and the number of rows matching.
type Page struct {
	Rows  []Row
	Total int
}

const rowColumns = `s.study_uid, p.name, p.patient_id, p.issuer, p.birth_date, p.sex, s.study_date, s.study_time,
	s.accession, s.institution, s.description, s.images, s.frames, s.cine_runs, s.documents, s.missing,
	s.delayed_sop, s.delayed_minutes, s.delayed_note,
	COALESCE(r.status, ''), COALESCE(r.author, ''), COALESCE(r.signed_at, ''), COALESCE(r.version, 0), COALESCE(r.updated_at, '')`

const rowFrom = ` FROM studies s JOIN patients p ON p.id = s.patient_ref LEFT JOIN reports r ON r.study_uid = s.study_uid`

// reportStatusSQL maps a reports row (r) to the worklist's status, as
// worklistStatus does.
const reportStatusSQL = `CASE r.status WHEN 'final' THEN 'signed' WHEN 'amended' THEN 'amended' ELSE 'draft' END`

// statusExpr is the worklist status of a study row (s).
const statusExpr = `s.report_status`

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func (q Query) where() (string, []any, error) {
	var conds []string
	var args []any
	switch q.Status {
	case "":
	case StatusNone, StatusDraft, StatusSigned, StatusAmended:
		conds = append(conds, statusExpr+` = ?`)
		args = append(args, q.Status)
	case StatusUnsigned:
		conds = append(conds, statusExpr+` IN ('none', 'draft')`)
	default:
		return "", nil, fmt.Errorf("library: unknown status %q (none, draft, signed, amended, unsigned)", q.Status)
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return "", nil, fmt.Errorf("library: date %q: want YYYY-MM-DD", d)
			}
		}
	}
	if q.From != "" {
		conds = append(conds, `s.study_date >= ?`)
		args = append(args, q.From)
	}
	if q.To != "" {
		conds = append(conds, `s.study_date <> '' AND s.study_date <= ?`)
		args = append(args, q.To)
	}
	for _, w := range strings.Fields(Fold(q.Text)) {
		conds = append(conds, `s.search_key LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(w)+"%")
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// Worklist returns one page of studies, one row per study. Only the page
// is read: memory does not grow with the library.
func (l *Library) Worklist(ctx context.Context, q Query) (*Page, error) {
	where, args, err := q.where()
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	if q.Sort == "" {
		q.Sort = SortDate
	}
	col, ok := sortColumns[q.Sort]
	if !ok {
		return nil, fmt.Errorf("library: unknown sort %q", q.Sort)
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	page := &Page{Rows: []Row{}}
	order := fmt.Sprintf(col, dir) + ", s.id " + dir
	// Two steps: the page's ids (a narrow scan, cheap to skip OFFSET
	// rows of), then the page's rows.
	// Join only the tables the filter and the order use.
	from := ` FROM studies s`
	if q.Sort == SortPatientID {
		from += ` JOIN patients p ON p.id = s.patient_ref`
	}
	if err := l.db.QueryRowContext(ctx, `SELECT COUNT(*)`+from+where, args...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("library: worklist: %w", err)
	}
	idRows, err := l.db.QueryContext(ctx, `SELECT s.id`+from+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("library: worklist: %w", err)
	}
	var ids []any
	pos := map[int64]int{}
	for idRows.Next() {
		var id int64
		if err := idRows.Scan(&id); err != nil {
			idRows.Close()
			return nil, fmt.Errorf("library: worklist: %w", err)
		}
		pos[id] = len(ids)
		ids = append(ids, id)
	}
	idRows.Close()
	if err := idRows.Err(); err != nil {
		return nil, fmt.Errorf("library: worklist: %w", err)
	}
	if len(ids) == 0 {
		return page, nil
	}
	rows, err := l.db.QueryContext(ctx, `SELECT s.id, `+rowColumns+rowFrom+` WHERE s.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("library: worklist: %w", err)
	}
	defer rows.Close()
	page.Rows = make([]Row, len(ids))
	for rows.Next() {
		var id int64
		r, err := scanRow(rows, &id)
		if err != nil {
			return nil, fmt.Errorf("library: worklist: %w", err)
		}
		page.Rows[pos[id]] = r
	}
	return page, rows.Err()
}

type scanner interface{ Scan(...any) error }

func scanRow(sc scanner, lead ...any) (Row, error) {
	var r Row
	var dSOP string
	var dMin sql.NullFloat64
	var status string
	err := sc.Scan(append(lead, &r.StudyUID, &r.RawName, &r.PatientID, &r.Issuer, &r.BirthDate, &r.Sex, &r.StudyDate, &r.StudyTime,
		&r.Accession, &r.Institution, &r.Description, &r.Images, &r.Frames, &r.CineRuns, &r.Documents, &r.Missing,
		&dSOP, &dMin, &r.DelayedNote, &status, &r.Report.Author, &r.Report.SignedAt, &r.Report.Version, &r.Report.Updated)...)
	if err != nil {
		return r, err
	}
	r.PatientName = dicomtext.FormatPersonName(r.RawName)
	if dSOP != "" {
		r.Delayed = &Delayed{SOPInstanceUID: dSOP}
		if dMin.Valid {
			v := dMin.Float64
			r.Delayed.MinutesFromT0 = &v
		}
	}
	r.Report.Status = worklistStatus(status)
	r.AgeYears = age(r.BirthDate, r.StudyDate)
	return r, nil
}

// worklistStatus maps a report.Status to the worklist's.
func worklistStatus(s string) string {
	switch s {
	case "":
		return StatusNone
	case "final":
		return StatusSigned
	case "amended":
		return StatusAmended
	}
	return StatusDraft
}

// age returns whole years from birth to date (both YYYY-MM-DD), or -1.
func age(birth, date string) int {
	b, err1 := time.Parse("2006-01-02", birth)
	d, err2 := time.Parse("2006-01-02", date)
	if err1 != nil || err2 != nil || d.Before(b) {
		return -1
	}
	y := d.Year() - b.Year()
	if d.Month() < b.Month() || (d.Month() == b.Month() && d.Day() < b.Day()) {
		y--
	}
	return y
}

// Study returns the worklist row of one study, or an error wrapping
// ErrNotFound.
func (l *Library) Study(ctx context.Context, uid string) (*Row, error) {
	r, err := scanRow(l.db.QueryRowContext(ctx, `SELECT `+rowColumns+rowFrom+` WHERE s.study_uid = ?`, uid))
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("library: study %s: %w", uid, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("library: study %s: %w", uid, err)
	}
	return &r, nil
}
