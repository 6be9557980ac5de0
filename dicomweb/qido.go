package dicomweb

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A Query selects studies. Empty fields match everything.
type Query struct {
	PatientID string
	// PatientName matches the name with the wildcards * and ?, as the
	// server implements them (Orthanc: case-insensitive); a name without
	// wildcard gets a trailing * so "DOE" finds "DOE^JANE".
	PatientName     string
	AccessionNumber string
	// DateFrom and DateTo bound the study date, YYYYMMDD; one of them
	// may be empty for an open range.
	DateFrom, DateTo string
	// Modalities keeps studies holding at least one of them, e.g. RF,
	// XA, DX, CR. Empty means any.
	Modalities []string
	// Limit caps the number of studies the server returns; 0 = 100.
	Limit int
}

// StudyResult is one study found by a search.
type StudyResult struct {
	StudyInstanceUID string   `json:"studyInstanceUID"`
	PatientName      string   `json:"patientName"` // DICOM PN, ^-separated
	PatientID        string   `json:"patientID"`
	BirthDate        string   `json:"birthDate,omitempty"` // YYYYMMDD
	Sex              string   `json:"sex,omitempty"`
	StudyDate        string   `json:"studyDate,omitempty"` // YYYYMMDD
	StudyTime        string   `json:"studyTime,omitempty"`
	AccessionNumber  string   `json:"accessionNumber,omitempty"`
	Description      string   `json:"description,omitempty"`
	Modalities       []string `json:"modalities"`
	Series           int      `json:"series"`
	Instances        int      `json:"instances"`
	// HasReport is true when the study holds an SR or DOC (encapsulated
	// document) series: a report already exists on the server.
	HasReport bool `json:"hasReport"`
}

var dateRE = regexp.MustCompile(`^\d{8}$`)

// ParseDateRange reads "FROM-TO" (YYYYMMDD or YYYY-MM-DD each, either
// may be empty) or a single date.
func ParseDateRange(s string) (from, to string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", nil
	}
	norm := func(d string) (string, error) {
		d = strings.ReplaceAll(strings.TrimSpace(d), "-", "")
		if d != "" && !dateRE.MatchString(d) {
			return "", fmt.Errorf("dicomweb: %q is not a date (YYYYMMDD or YYYY-MM-DD)", d)
		}
		return d, nil
	}
	// ISO dates contain '-', so split on the separator between two dates.
	var a, b string
	switch {
	case strings.Count(s, "-") == 0:
		a, b = s, s
	case strings.Count(s, "-") == 1:
		a, b, _ = strings.Cut(s, "-")
	case strings.Count(s, "-") == 5: // YYYY-MM-DD-YYYY-MM-DD
		a, b = s[:10], s[11:]
	case strings.Count(s, "-") == 2 && len(s) == 10: // one ISO date
		a, b = s, s
	case strings.HasSuffix(s, "-") && strings.Count(s, "-") == 3:
		a = s[:len(s)-1]
	case strings.HasPrefix(s, "-") && strings.Count(s, "-") == 3:
		b = s[1:]
	default:
		return "", "", fmt.Errorf("dicomweb: date range %q: write FROM-TO as YYYYMMDD-YYYYMMDD", s)
	}
	if from, err = norm(a); err != nil {
		return "", "", err
	}
	if to, err = norm(b); err != nil {
		return "", "", err
	}
	if from != "" && to != "" && from > to {
		return "", "", fmt.Errorf("dicomweb: date range %q ends before it starts", s)
	}
	return from, to, nil
}

// SearchStudies runs a QIDO-RS study search.
func (c *Client) SearchStudies(ctx context.Context, q Query) ([]StudyResult, error) {
	v := url.Values{}
	if q.PatientID != "" {
		v.Set("PatientID", q.PatientID)
	}
	namePattern := strings.TrimSpace(q.PatientName)
	if namePattern != "" {
		if !strings.ContainsAny(namePattern, "*?") {
			namePattern += "*"
		}
		v.Set("PatientName", asciiPattern(namePattern))
	}
	if q.AccessionNumber != "" {
		v.Set("AccessionNumber", q.AccessionNumber)
	}
	if q.DateFrom != "" || q.DateTo != "" {
		if q.DateFrom == q.DateTo {
			v.Set("StudyDate", q.DateFrom)
		} else {
			v.Set("StudyDate", q.DateFrom+"-"+q.DateTo)
		}
	}
	mods := make([]string, 0, len(q.Modalities))
	for _, m := range q.Modalities {
		if m = strings.ToUpper(strings.TrimSpace(m)); m != "" {
			mods = append(mods, m)
		}
	}
	if len(mods) == 1 {
		v.Set("ModalitiesInStudy", mods[0])
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	v.Set("limit", strconv.Itoa(limit))
	for _, f := range []string{"00100010", "00100020", "00100030", "00100040", "00080020", "00080030",
		"00080050", "00081030", "00080061", "00201206", "00201208"} {
		v.Add("includefield", f)
	}
	var sets []jsonDataset
	if err := c.getJSON(ctx, "search", "/studies?"+encodeQuery(v), &sets); err != nil {
		return nil, err
	}
	out := make([]StudyResult, 0, len(sets))
	for _, d := range sets {
		r := StudyResult{
			StudyInstanceUID: d.str("0020000D"),
			PatientName:      d.str("00100010"),
			PatientID:        d.str("00100020"),
			BirthDate:        d.str("00100030"),
			Sex:              d.str("00100040"),
			StudyDate:        d.str("00080020"),
			StudyTime:        d.str("00080030"),
			AccessionNumber:  d.str("00080050"),
			Description:      d.str("00081030"),
			Modalities:       d.strs("00080061"),
			Series:           d.int("00201206"),
			Instances:        d.int("00201208"),
		}
		r.HasReport = slices.Contains(r.Modalities, "SR") || slices.Contains(r.Modalities, "DOC")
		if namePattern != "" && !matchName(namePattern, r.PatientName) {
			continue
		}
		if len(mods) > 1 && !slices.ContainsFunc(r.Modalities, func(m string) bool { return slices.Contains(mods, m) }) {
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b StudyResult) int { return strings.Compare(b.StudyDate+b.StudyTime, a.StudyDate+a.StudyTime) })
	return out, nil
}

// InstanceRef names one instance of a study on the server.
type InstanceRef struct {
	SeriesInstanceUID string `json:"seriesInstanceUID"`
	SOPInstanceUID    string `json:"sopInstanceUID"`
	SOPClassUID       string `json:"sopClassUID"`
	Modality          string `json:"modality,omitempty"`
}

// SearchInstances lists the instances of a study (QIDO-RS).
func (c *Client) SearchInstances(ctx context.Context, studyUID string) ([]InstanceRef, error) {
	if !validUID(studyUID) {
		return nil, fmt.Errorf("dicomweb: %q is not a Study Instance UID", studyUID)
	}
	var sets []jsonDataset
	path := "/studies/" + studyUID + "/instances?includefield=00080060&limit=100000"
	if err := c.getJSON(ctx, "search", path, &sets); err != nil {
		return nil, err
	}
	out := make([]InstanceRef, 0, len(sets))
	for _, d := range sets {
		out = append(out, InstanceRef{
			SeriesInstanceUID: d.str("0020000E"),
			SOPInstanceUID:    d.str("00080018"),
			SOPClassUID:       d.str("00080016"),
			Modality:          d.str("00080060"),
		})
	}
	return out, nil
}

var uidRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)

func validUID(s string) bool { return len(s) <= 64 && uidRE.MatchString(s) }

// getJSON GETs root+path as application/dicom+json into v. A 204 (no
// match) leaves v empty.
func (c *Client) getJSON(ctx context.Context, op, path string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", c.root+path, nil)
	if err != nil {
		return fmt.Errorf("dicomweb: %s: %w", op, err)
	}
	req.Header.Set("Accept", "application/dicom+json, application/json")
	resp, err := c.do(op, req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return fmt.Errorf("dicomweb: %s: reading the answer: %w", op, err)
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("dicomweb: %s: %s: the answer is not DICOM JSON: %v", op, req.URL.Redacted(), err)
	}
	return nil
}

// encodeQuery encodes v like url.Values.Encode but keeps the QIDO
// wildcard * literal: Orthanc's DICOMweb plugin does not treat %2A as a
// wildcard.
func encodeQuery(v url.Values) string {
	return strings.ReplaceAll(v.Encode(), "%2A", "*")
}

// asciiPattern replaces each run of non-ASCII characters by *: Orthanc's
// QIDO matches names after reducing them to its default character set,
// so "Müller" must be asked as "M*ller"; matchName then checks the
// answers against the real pattern.
func asciiPattern(p string) string {
	var b strings.Builder
	inRun := false
	for _, r := range p {
		if r < 0x80 {
			b.WriteRune(r)
			inRun = false
			continue
		}
		if !inRun {
			b.WriteByte('*')
		}
		inRun = true
	}
	return strings.ReplaceAll(b.String(), "**", "*")
}

// matchName matches a DICOM person name against a pattern with * and ?,
// ignoring case, over the whole name (all components, ^ included).
func matchName(pattern, name string) bool {
	p := []rune(strings.ToUpper(pattern))
	n := []rune(strings.ToUpper(name))
	// Iterative wildcard match with backtracking on the last *.
	pi, ni, star, mark := 0, 0, -1, 0
	for ni < len(n) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == n[ni]):
			pi++
			ni++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ni
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ni = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
