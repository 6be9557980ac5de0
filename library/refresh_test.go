package library

import (
	"context"
	"testing"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
)

// The viewer's report panel saves through its own drafts.Store on the
// library's drafts folder; Refresh brings the worklist up to date.
func TestDraftsRefresh(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	const uid = "1.2.3.4"
	if st, err := l.Drafts().Refresh(ctx, uid); err != nil || st != StatusNone {
		t.Fatalf("no report: %q %v", st, err)
	}
	store, err := drafts.OpenStore(l.Drafts().Dir())
	if err != nil {
		t.Fatal(err)
	}
	d, err := store.Open(uid)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Update(func(r *report.Report) error { r.Clinical.IndicationText = "x"; return nil }); err != nil {
		t.Fatal(err)
	}
	if st, err := l.Drafts().Refresh(ctx, uid); err != nil || st != StatusDraft {
		t.Fatalf("draft: %q %v", st, err)
	}
	if n := count(t, l, `SELECT COUNT(*) FROM reports WHERE study_uid = ? AND status = 'draft'`, uid); n != 1 {
		t.Fatalf("reports rows %d", n)
	}
}
