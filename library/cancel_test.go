package library

import (
	"context"
	"errors"
	"testing"
)

// TestCancelAndProgress cancels an import after its first batch: the
// batch stays, the error is the context's, and the next import adds the
// rest. Progress counts what was added.
func TestCancelAndProgress(t *testing.T) {
	src := t.TempDir()
	makeClones(t, src, 30, 10)
	l := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	var last Progress
	reading := 0
	_, err := l.Import(ctx, []string{src}, ImportOptions{Mode: ModeReference, BatchSize: 10, Progress: func(p Progress) {
		if p.Stage == "reading" {
			reading++
			return
		}
		last = p
		cancel()
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if reading != 30 || last.Added != 10 || last.Done != 10 || last.Total != 30 {
		t.Fatalf("progress: %d header reads, last %+v", reading, last)
	}
	if n := count(t, l, `SELECT COUNT(*) FROM instances`); n != 10 {
		t.Fatalf("%d instances after cancelling, want 10", n)
	}
	res := mustImport(t, l, ModeReference, src)
	if res.Added != 20 || res.Present != 10 {
		t.Fatalf("resumed: %+v", res)
	}
	integrity(t, l)
}
