package dicomio

import (
	"archive/zip"
	"fmt"
	"github.com/hsgview/hsgview/dicomio/limits"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
)

// zipArchive is an open zip file shared by its entries.
type zipArchive struct {
	path string
	f    *os.File
	size int64
	r    *zip.Reader
}

func (a *zipArchive) Close() error { return a.f.Close() }

// zipSource is one entry. A stored entry is read in place; a deflated one
// through an inflated store, filled once and kept on disk, never inflated
// again per frame.
type zipSource struct {
	a      *zipArchive
	f      *zip.File
	off    int64 // stored entries: data offset
	store  *inflated
	opened atomic.Bool
}

func (z *zipSource) open() (io.ReaderAt, int64, io.Closer, error) {
	size := int64(z.f.UncompressedSize64)
	if z.store == nil {
		return io.NewSectionReader(z.a.f, z.off, size), size, io.NopCloser(nil), nil
	}
	// The first session reads the header: the entry is inflated only as
	// far as it reaches. Later sessions read pixels: the entry is then
	// inflated to its end, once, so that reading frame after frame never
	// restarts the decompressor.
	if z.opened.Swap(true) {
		if _, err := z.store.Size(); err != nil {
			return nil, 0, nil, err
		}
	}
	// The declared size is exact: archive/zip fails a stream that
	// yields more, and a shorter one ends in an error the parser reports.
	return z.store, size, releaser{z.store}, nil
}

// releaser frees an inflated store's decompressor when a read session ends.
type releaser struct{ x *inflated }

func (r releaser) Close() error { r.x.Release(); return nil }

func openZip(path string) (*zipArchive, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	r, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	return &zipArchive{path: path, f: f, size: st.Size(), r: r}, nil
}

// addZip lists the entries of a zip archive, checking each against the
// budget from its central directory record alone (declared sizes, ratio,
// overlap) before anything is inflated. Refused entries are listed as
// errors; the others load.
func (c *Collection) addZip(path string, add func(entry)) {
	lim := c.limits()
	a, err := openZip(path)
	if err != nil {
		c.Errors = append(c.Errors, FileError{path, fmt.Errorf("zip: %w", pathErr(err))})
		return
	}
	if n := len(a.r.File); n > lim.MaxZipEntries {
		a.Close()
		c.Errors = append(c.Errors, FileError{path, limits.LimitErr("zip archive", fmt.Sprintf("has %d entries", n), "MaxZipEntries %d", lim.MaxZipEntries)})
		return
	}
	c.closers = append(c.closers, a)
	type span struct {
		lo, hi int64
		e      entry
		bad    bool
	}
	var spans []span
	var total int64
	archiveBudget := min(lim.MaxArchiveBytes, max(lim.RatioFloor, sat(a.size, lim.MaxRatio)))
	for _, f := range a.r.File {
		name := path + "!" + f.Name
		if f.FileInfo().IsDir() || ignorable(filepath.Base(f.Name)) || strings.EqualFold(filepath.Base(f.Name), "DICOMDIR") {
			continue
		}
		if isZipName(f.Name) {
			c.Errors = append(c.Errors, FileError{name, fmt.Errorf("skipped: zip archives inside a zip archive are not opened")})
			continue
		}
		declared, packed := f.UncompressedSize64, f.CompressedSize64
		if declared > uint64(lim.MaxInflatedBytes) || declared > 1<<62 {
			c.Errors = append(c.Errors, FileError{name, limits.LimitErr("zip entry", "declares "+limits.Mib(int64(min(declared, 1<<62))), "MaxInflatedBytes %s", limits.Mib(lim.MaxInflatedBytes))})
			continue
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			c.Errors = append(c.Errors, FileError{name, fmt.Errorf("zip: unsupported compression method %d", f.Method)})
			continue
		}
		budget := lim.InflateBudget(int64(min(packed, 1<<62)))
		if f.Method == zip.Deflate && int64(declared) > budget {
			c.Errors = append(c.Errors, FileError{name, limits.LimitErr("zip entry",
				fmt.Sprintf("declares %s from %s compressed", limits.Mib(int64(declared)), limits.Mib(int64(packed))),
				"MaxRatio %d beyond RatioFloor %s", lim.MaxRatio, limits.Mib(lim.RatioFloor))})
			continue
		}
		if total+int64(declared) > archiveBudget {
			c.Errors = append(c.Errors, FileError{name, limits.LimitErr("zip archive",
				fmt.Sprintf("declares more than %s in all from %s", limits.Mib(archiveBudget), limits.Mib(a.size)),
				"MaxArchiveBytes %s, MaxRatio %d", limits.Mib(lim.MaxArchiveBytes), lim.MaxRatio)})
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			c.Errors = append(c.Errors, FileError{name, fmt.Errorf("zip: %w", err)})
			continue
		}
		stored := int64(packed)
		if f.Method == zip.Store {
			stored = int64(declared)
		}
		if off < 0 || stored < 0 || off+stored > a.size {
			c.Errors = append(c.Errors, FileError{name, fmt.Errorf("zip entry runs past the end of the archive")})
			continue
		}
		total += int64(declared)
		src := &zipSource{a: a, f: f, off: off}
		if f.Method == zip.Deflate {
			src.store = newInflated(c.spill(), name, int64(declared), "zip entry",
				fmt.Sprintf("declared size %s", limits.Mib(int64(declared))),
				func() (io.ReadCloser, error) { return f.Open() })
		}
		spans = append(spans, span{lo: off, hi: off + stored, e: entry{path: name, src: src}})
	}
	// Entries whose data overlap are a zip bomb's trick (one compressed
	// kernel expanded many times): refuse them all.
	order := make([]int, len(spans))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return spans[order[i]].lo < spans[order[j]].lo })
	hi, last := int64(-1), -1
	for _, i := range order {
		if spans[i].lo < hi && spans[i].hi > spans[i].lo {
			spans[i].bad, spans[last].bad = true, true
		}
		if spans[i].hi > hi {
			hi, last = spans[i].hi, i
		}
	}
	for _, s := range spans {
		if s.bad {
			c.Errors = append(c.Errors, FileError{s.e.path, fmt.Errorf("zip entry overlaps another entry's data (a zip bomb): refused")})
			continue
		}
		add(s.e)
	}
}

// sat multiplies without overflow.
func sat(a, b int64) int64 {
	if a > 0 && b > 0 && a > (1<<62)/b {
		return 1 << 62
	}
	return a * b
}
