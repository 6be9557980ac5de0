package assess

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"strconv"
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
	if errs := Errors(Validate(&s)); len(errs) > 0 {
		return signRefused(errs)
	}
	h, err := s.Hash()
	if err != nil {
		return fmt.Errorf("annotate: sign: %w", err)
	}
	s.ContentHash = h
	*r = s
	return nil
}

// SignAgainst signs r like [Sign] after checking the draft against the
// study's images ([CheckIdentity]): a draft whose patient or study
// disagrees with the images is refused, and r is left unchanged.
func SignAgainst(r *report.Report, s *dicomio.Study, author report.Person, at time.Time) error {
	if errs := Errors(CheckIdentity(r, s)); len(errs) > 0 {
		return signRefused(errs)
	}
	return Sign(r, author, at)
}

// Blocking returns the errors that stop r from being signed against the
// study's images: identity ([CheckIdentity]), then the rules and schema
// ([Validate]), then an edited impression sentence whose findings changed.
// Each has its message in words and, for a rule, the rule and its fields.
func Blocking(r *report.Report, s *dicomio.Study) []Issue {
	out := Errors(CheckIdentity(r, s))
	out = append(out, Errors(Validate(r))...)
	for _, st := range ImpressionStale(r) {
		out = append(out, newIssue("/impression/items/"+strconv.Itoa(st.Index), SeverityError,
			"impression sentence %d was edited and its findings changed since; review it", st.Index+1))
	}
	return out
}

// Errors returns the issues of severity error.
func Errors(issues []Issue) []Issue {
	var out []Issue
	for _, i := range issues {
		if i.Severity == SeverityError {
			out = append(out, i)
		}
	}
	return out
}

// A SignError lists the errors that stopped a report being signed.
type SignError struct {
	Issues []Issue
}

func (e *SignError) Error() string {
	if len(e.Issues) == 1 {
		return "annotate: sign: refused: " + e.Issues[0].Message
	}
	return fmt.Sprintf("annotate: sign: refused, %d problems; first: %s", len(e.Issues), e.Issues[0].Message)
}

func signRefused(errs []Issue) error { return &SignError{Issues: errs} }

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
