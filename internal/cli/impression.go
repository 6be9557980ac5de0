package cli

import (
	"fmt"

	"hsgview/annotate/assess"
	"hsgview/annotate/report"
)

// runImpression prints the impression the generator makes from a draft's
// findings, one sentence per line (the draft's own edits are not used),
// and on stderr what the validator finds in the draft, one warning a line:
// an incomplete or contradictory draft still gives its impression.
func runImpression(e *env, args []string) int {
	fs := newFlags(e, "impression")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 {
		e.errorf("impression: need exactly one DRAFT.json")
		fmt.Fprintln(e.stderr, "usage: hsgview impression DRAFT.json")
		return ExitUsage
	}
	r, err := report.ReadFile(pos[0])
	if err != nil {
		e.errorf("impression: %s", oneLine(err))
		return ExitPartial
	}
	for _, it := range assess.GenerateImpression(r) {
		fmt.Fprintln(e.stdout, it.Text)
	}
	warnIssues(e, r, false)
	return ExitOK
}
