package dicomio

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hsgview/hsgview/internal/testutil"
)

// FuzzReadInstance feeds arbitrary bytes to the reader: it must never
// panic, never allocate from an unchecked length, and give the same result
// twice. Seeds: the small files of the corpus.
func FuzzReadInstance(f *testing.F) {
	for _, sub := range []string{"edge_cases", "photometric", "cine", "transfer_syntax", "sr_doc"} {
		root := filepath.Join(testutil.SharedPath(), sub)
		ents, _ := os.ReadDir(root)
		for _, e := range ents {
			b, err := os.ReadFile(filepath.Join(root, e.Name()))
			if err == nil && len(b) < 300<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("DICM"))
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 10*time.Second {
				t.Fatalf("took %v for %d bytes", d, len(b))
			}
		}()
		in, err := OpenBytes("fuzz.dcm", b)
		in2, err2 := OpenBytes("fuzz.dcm", b)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("non-deterministic: %v / %v", err, err2)
		}
		if err != nil || !in.HasPixels || !in.Decodable {
			return
		}
		if in.SOPInstanceUID != in2.SOPInstanceUID {
			t.Fatal("non-deterministic UID")
		}
		fr, err := in.Frame(0)
		if err != nil {
			return
		}
		if n, _ := in.codecInfo().FrameBytes(); len(fr.Data) != n {
			t.Fatalf("frame has %d bytes, want %d", len(fr.Data), n)
		}
		pl := in.Pipeline(0)
		pl.Render(fr, pl.DefaultVOI(fr))
	})
}
