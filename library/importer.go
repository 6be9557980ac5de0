package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hsgview/hsgview/dicomio"
)

// Mode says whether imported files are copied into the library.
type Mode int

const (
	// ModeAuto copies from removable media and references elsewhere
	// (see [CopyByDefault]).
	ModeAuto Mode = iota
	// ModeCopy copies every file into the library's files folder.
	ModeCopy
	// ModeReference records where the files are and leaves them there.
	// Entries of zip archives are copied all the same: a zip entry is
	// not a file the viewer can open by path.
	ModeReference
)

func (m Mode) String() string {
	switch m {
	case ModeCopy:
		return "copy"
	case ModeReference:
		return "reference"
	}
	return "auto"
}

// removableRoots are where Linux desktops and administrators mount CDs
// and USB sticks.
var removableRoots = []string{"/media", "/run/media", "/mnt", "/Volumes"}

// CopyByDefault reports whether [ModeAuto] copies path: when it lies
// under /media, /run/media, /mnt (or macOS /Volumes), when it is a
// DICOMDIR or a folder with a DICOMDIR at its top (a CD image, wherever it
// was mounted or copied), or when it is a zip archive. Media are taken out
// and zips deleted; a library that referenced them would lose the study.
func CopyByDefault(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for _, r := range removableRoots {
		if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) {
			return true
		}
	}
	if strings.EqualFold(filepath.Base(abs), "DICOMDIR") || strings.EqualFold(filepath.Ext(abs), ".zip") {
		return true
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		for _, n := range []string{"DICOMDIR", "dicomdir"} {
			if _, err := os.Stat(filepath.Join(abs, n)); err == nil {
				return true
			}
		}
	}
	return false
}

// Progress reports an import's progress. Reading counts headers read;
// then Done counts files placed and committed of Total new ones.
type Progress struct {
	Stage   string // "reading" or "importing"
	Done    int
	Total   int
	Added   int // instances added so far
	Present int // instances already in the library (skipped)
	Failed  int // files kept out
}

// ImportOptions tune [Library.Import].
type ImportOptions struct {
	Mode Mode
	// Progress, if set, is called from the importing goroutine (and,
	// while reading headers, from reader goroutines).
	Progress func(Progress)
	// BatchSize is the number of instances committed per transaction
	// (default 200).
	BatchSize int
	// Workers bounds the files read, hashed and copied at once
	// (default min(8, 2×CPUs)).
	Workers int
}

// A Problem is a file that was kept out of the library, or loaded with
// a defect, and why, in one line.
type Problem struct {
	Path    string `json:"file"`
	Reason  string `json:"error"`
	KeptOut bool   `json:"keptOut"`
}

// ImportResult sums up an import.
type ImportResult struct {
	Studies  []string  // Study Instance UIDs that received instances
	Added    int       // instances added
	Present  int       // instances already in the library, skipped
	Copied   int       // of Added, files copied into the library
	Problems []Problem // files kept out (KeptOut) or loaded with a warning
}

// testHookPlaced, when set (by tests), is called after each file is in
// place, before its batch is committed.
var testHookPlaced func(n int)

type placed struct {
	in     *dicomio.Instance
	path   string
	copied bool
	size   int64
	sum    string
	err    error
}

// Import adds the DICOM files under paths (files, folders, DICOMDIR,
// zip archives) to the library. Headers are read in parallel; instances
// whose SOP Instance UID is already in the library are skipped; the new
// ones are placed (copied to a temporary name, synced and renamed, or
// referenced and hashed) and committed in batches, each batch's rows only
// after its files are in place. An import killed at any point leaves a
// consistent library: running it again adds exactly what is missing.
// Cancelling ctx stops after the current batch with ctx's error; what was
// committed stays.
func (l *Library) Import(ctx context.Context, paths []string, opt ImportOptions) (*ImportResult, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 200
	}
	if opt.Workers <= 0 {
		opt.Workers = min(8, 2*runtime.GOMAXPROCS(0))
	}
	report := func(p Progress) {
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	res := &ImportResult{}
	coll, err := dicomio.Open(paths, &dicomio.Options{Workers: opt.Workers, Progress: func(done, total int) {
		report(Progress{Stage: "reading", Done: done, Total: total})
	}})
	if coll != nil {
		defer coll.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("library: import: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	loaded := map[string]bool{}
	for _, s := range coll.Studies {
		for _, in := range append(append([]*dicomio.Instance{}, s.Images...), s.Documents...) {
			loaded[in.Path] = true
		}
	}
	for _, fe := range coll.Errors {
		res.Problems = append(res.Problems, Problem{Path: fe.Path, Reason: oneLine(fe.Err.Error()), KeptOut: !loaded[fe.Path]})
	}
	copyOf := func(path string) bool {
		switch opt.Mode {
		case ModeCopy:
			return true
		case ModeReference:
			return isZipEntry(path)
		}
		if isZipEntry(path) {
			return true
		}
		for _, p := range paths {
			if under(path, p) && CopyByDefault(p) {
				return true
			}
		}
		return CopyByDefault(path)
	}

	// Work list: new instances, one per SOP Instance UID.
	var work []workItem
	seen := map[string]bool{}
	for _, s := range coll.Studies {
		for _, in := range append(append([]*dicomio.Instance{}, s.Images...), s.Documents...) {
			if seen[in.SOPInstanceUID] {
				res.Problems = append(res.Problems, Problem{Path: in.Path, Reason: "same SOP Instance UID as another file of this import", KeptOut: true})
				continue
			}
			seen[in.SOPInstanceUID] = true
			work = append(work, workItem{s, in})
		}
	}
	present, err := l.existingSOPs(ctx, func(yield func(string) bool) {
		for _, w := range work {
			if !yield(w.in.SOPInstanceUID) {
				return
			}
		}
	})
	if err != nil {
		return nil, err
	}
	fresh := work[:0:0]
	for _, w := range work {
		if present[w.in.SOPInstanceUID] {
			res.Present++
			continue
		}
		fresh = append(fresh, w)
	}
	studyDone := map[string]bool{}
	failed := 0
	for _, p := range res.Problems {
		if p.KeptOut {
			failed++
		}
	}
	zips := &zipCache{}
	defer zips.close()
	placedN := 0
	for start := 0; start < len(fresh); start += opt.BatchSize {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		batch := fresh[start:min(start+opt.BatchSize, len(fresh))]
		out := make([]placed, len(batch))
		var wg sync.WaitGroup
		var mu sync.Mutex
		next := 0
		for w := 0; w < min(opt.Workers, len(batch)); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= len(batch) {
						return
					}
					it := batch[i]
					out[i] = l.place(it.study.UID, it.in, copyOf(it.in.Path), zips)
					if testHookPlaced != nil && out[i].err == nil {
						mu.Lock()
						placedN++
						n := placedN
						mu.Unlock()
						testHookPlaced(n)
					}
				}
			}()
		}
		wg.Wait()
		var ok []placed
		for i, p := range out {
			if p.err != nil {
				res.Problems = append(res.Problems, Problem{Path: p.in.Path, Reason: oneLine(p.err.Error()), KeptOut: true})
				failed++
				continue
			}
			ok = append(ok, p)
			studyDone[batch[i].study.UID] = true
		}
		if len(ok) > 0 && batchSync {
			if err := syncFS(filepath.Join(l.dir, filesDir)); err != nil {
				return res, fmt.Errorf("library: import: sync: %w", err)
			}
		}
		if err := l.commitBatch(ctx, batch, out); err != nil {
			return res, err
		}
		for _, p := range ok {
			res.Added++
			if p.copied {
				res.Copied++
			}
		}
		report(Progress{Stage: "importing", Done: start + len(batch), Total: len(fresh), Added: res.Added, Present: res.Present, Failed: failed})
	}
	for uid := range studyDone {
		res.Studies = append(res.Studies, uid)
	}
	sort.Strings(res.Studies)
	// A study imported in several parts is summarised again from all its
	// files: the timeline (T0, phases, delayed image) depends on them all.
	for _, s := range coll.Studies {
		if !studyDone[s.UID] {
			continue
		}
		var n int
		if err := l.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM instances i JOIN studies s ON s.id = i.study_ref WHERE s.study_uid = ?`, s.UID).Scan(&n); err != nil {
			return res, err
		}
		if n != len(s.Images)+len(s.Documents) {
			if err := l.refreshStudy(ctx, s.UID); err != nil {
				return res, err
			}
		}
	}
	for _, uid := range res.Studies {
		added := 0
		for _, w := range fresh {
			if w.study.UID == uid {
				added++
			}
		}
		l.Log(ctx, ActionImport, uid, fmt.Sprintf("%d new instances (%s)", added, opt.Mode))
	}
	return res, nil
}

type workItem struct {
	study *dicomio.Study
	in    *dicomio.Instance
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func isZipEntry(path string) bool {
	i := strings.Index(strings.ToLower(path), ".zip!")
	return i > 0
}

func splitZip(path string) (archive, entry string) {
	i := strings.Index(strings.ToLower(path), ".zip!")
	return path[:i+4], path[i+5:]
}

// under reports whether path is root or inside it.
func under(path, root string) bool {
	if isZipEntry(path) {
		path, _ = splitZip(path)
	}
	if strings.EqualFold(filepath.Base(root), "DICOMDIR") {
		root = filepath.Dir(root)
	}
	a, err1 := filepath.Abs(path)
	r, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return false
	}
	return a == r || strings.HasPrefix(a, r+string(filepath.Separator))
}

// existingSOPs returns which of the UIDs are in the library.
func (l *Library) existingSOPs(ctx context.Context, uids func(func(string) bool)) (map[string]bool, error) {
	found := map[string]bool{}
	var chunk []any
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		q := `SELECT sop_uid FROM instances WHERE sop_uid IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		rows, err := l.db.QueryContext(ctx, q, chunk...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				return err
			}
			found[u] = true
		}
		chunk = chunk[:0]
		return rows.Err()
	}
	var err error
	uids(func(u string) bool {
		chunk = append(chunk, u)
		if len(chunk) == 500 {
			err = flush()
		}
		return err == nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, fmt.Errorf("library: import: %w", err)
	}
	return found, nil
}
