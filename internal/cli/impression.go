package cli

import (
	"fmt"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/report"
)

// runImpression prints the impression the generator makes from a draft's
// findings, one sentence per line (the draft's own edits are not used),
// and on stderr what the validator finds in the draft, one warning a line:
// an incomplete or contradictory draft still gives its impression. The
// sentences are in the draft's language, or in the one --lang names.
func runImpression(e *env, args []string) int {
	fs := newFlags(e, "impression")
	lang := fs.String("lang", "", "language of the sentences: en or ru (default: the draft's)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	const usage = "usage: hsgview impression [--lang en|ru] DRAFT.json"
	if len(pos) != 1 {
		e.errorf("impression: need exactly one DRAFT.json")
		fmt.Fprintln(e.stderr, usage)
		return ExitUsage
	}
	if *lang != "" && *lang != "en" && *lang != "ru" {
		e.errorf("impression: --lang %s: use en or ru", *lang)
		fmt.Fprintln(e.stderr, usage)
		return ExitUsage
	}
	r, err := report.ReadFile(pos[0])
	if err != nil {
		e.errorf("impression: %s", oneLine(err))
		return ExitPartial
	}
	// --lang is for the generated text only: the draft is validated in
	// its own language, and not written.
	own := r.Language
	if *lang != "" {
		r.Language = *lang
	}
	items := assess.GenerateImpression(r)
	r.Language = own
	for _, it := range items {
		fmt.Fprintln(e.stdout, it.Text)
	}
	warnIssues(e, r, false)
	return ExitOK
}
