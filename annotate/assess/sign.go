package assess

import (
	"errors"
	"fmt"
	"hsgview/annotate/report"
	"time"
)

// Sign signs the report as author at time at: status final (amended when it
// replaces an earlier version), Version counting the signed versions,
// FinalText from the impression sentences and ContentHash. It refuses
// a report with validation errors or with edited impression sentences whose
// findings changed since the edit, and leaves r unchanged then.
func Sign(r *report.Report, author report.Person, at time.Time) error {
	if author.Name == "" {
		return errors.New("annotate: sign: the author's name is required")
	}
	if stale := ImpressionStale(r); len(stale) > 0 {
		return fmt.Errorf("annotate: sign: impression sentence %d was edited and its findings changed since; review it first", stale[0].Index+1)
	}
	s := *r
	s.Status = report.StatusFinal
	if len(s.PreviousVersions) > 0 {
		s.Status = report.StatusAmended
	}
	s.SignedAt = at.UTC().Round(0)
	s.Author = author
	s.Version = len(s.PreviousVersions) + 1
	s.ContentHash = ""
	s.Impression.FinalText = report.ImpressionText(s.Impression.Items)
	var errs []Issue
	for _, i := range Validate(&s) {
		if i.Severity == SeverityError {
			errs = append(errs, i)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("annotate: sign: %d errors, first %s", len(errs), errs[0])
	}
	h, err := s.Hash()
	if err != nil {
		return fmt.Errorf("annotate: sign: %w", err)
	}
	s.ContentHash = h
	*r = s
	return nil
}

// Amend reopens a signed report for amendment: the signed version is
// recorded in PreviousVersions and the report becomes a draft again, to be
// signed as "amended".
func Amend(r *report.Report, reason string) error {
	if !r.Status.Signed() {
		return errors.New("annotate: amend: only a signed report can be amended")
	}
	if reason == "" {
		return errors.New("annotate: amend: the reason for the amendment is required")
	}
	r.PreviousVersions = append(r.PreviousVersions, report.PreviousVersion{
		Version:         r.Version,
		Status:          r.Status,
		SignedAt:        r.SignedAt,
		Author:          r.Author,
		ContentHash:     r.ContentHash,
		FinalText:       r.Impression.FinalText,
		AmendmentReason: r.AmendmentReason,
	})
	r.Status = report.StatusDraft
	r.AmendmentReason = reason
	r.SignedAt = time.Time{}
	r.ContentHash = ""
	return nil
}
