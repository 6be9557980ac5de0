package dicomio

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/dicomio/limits"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// A spill keeps inflated data on disk: one file, in a private folder
// (0700), shared by every stream of a collection, which takes space in
// chunks of spillChunk bytes. On systems that allow it the file and its
// folder are removed as soon as the file is open, so that nothing is left
// behind, even after a kill -9; elsewhere Close removes them.
type spill struct {
	dir  string
	once sync.Once
	err  error
	f    *os.File
	path string

	mu   sync.Mutex
	next int64
}

const spillChunk = 256 << 10

func newSpill(dir string) *spill { return &spill{dir: dir} }

func (s *spill) file() (*os.File, error) {
	s.once.Do(func() {
		d, err := os.MkdirTemp(s.dir, "hsgview-spill-")
		if err != nil {
			s.err = fmt.Errorf("temporary folder for inflated data: %w", err)
			return
		}
		os.Chmod(d, 0o700)
		p := filepath.Join(d, "inflated")
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			os.Remove(d)
			s.err = fmt.Errorf("temporary file for inflated data: %w", err)
			return
		}
		s.f, s.path = f, p
		if runtime.GOOS != "windows" {
			os.Remove(p)
			os.Remove(d)
			s.path = ""
		}
	})
	return s.f, s.err
}

// alloc reserves a chunk and returns its offset.
func (s *spill) alloc() (int64, error) {
	if _, err := s.file(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	off := s.next
	s.next += spillChunk
	return off, nil
}

// Close releases the file (and removes it where it still exists).
func (s *spill) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	if s.path != "" {
		os.Remove(s.path)
		os.Remove(filepath.Dir(s.path))
	}
	return err
}

// An inflated store gives random access to a decompressed stream,
// inflating it once, lazily, as far as reads reach, into spill chunks.
// Between fills the decompressor is released (release), so that thousands
// of stores cost no memory; a later fill restarts the stream and skips
// what is already stored, so the data is never kept twice and never
// inflated again once stored.
type inflated struct {
	name  string // for errors: what is being inflated
	open  func() (io.ReadCloser, error)
	limit int64  // budget: more output is an error
	what  string // what is inflated, for errors ("zip entry")
	desc  string // the limit, for errors
	sp    *spill

	mu     sync.Mutex
	chunks []int64
	n      int64 // bytes stored
	done   bool  // stream fully stored
	err    error // sticky error past n
	rc     io.ReadCloser
	pos    int64 // position of rc in the stream
	opens  int   // decompressor starts (1 per fill session), for tests
	buf    []byte
}

func newInflated(sp *spill, name string, limit int64, what, desc string, open func() (io.ReadCloser, error)) *inflated {
	return &inflated{sp: sp, name: name, limit: limit, what: what, desc: desc, open: open}
}

// fillTo stores the stream up to at least off bytes (or its end). Called
// with x.mu held.
func (x *inflated) fillTo(off int64) error {
	for x.n < off && !x.done {
		if x.err != nil {
			return x.err
		}
		if x.rc == nil {
			rc, err := x.open()
			if err != nil {
				x.err = err
				return err
			}
			x.rc, x.pos = rc, 0
			x.opens++
			// Skip what is already stored (after a release).
			if x.n > 0 {
				if _, err := io.CopyN(io.Discard, rc, x.n); err != nil {
					x.err = fmt.Errorf("%s: %w", x.name, err)
					x.release()
					return x.err
				}
				x.pos = x.n
			}
		}
		if x.buf == nil {
			x.buf = make([]byte, 64<<10)
		}
		// Fill the current chunk.
		room := spillChunk - x.n%spillChunk
		want := min(int64(len(x.buf)), room)
		k, rerr := x.rc.Read(x.buf[:want])
		if k > 0 {
			if x.n+int64(k) > x.limit {
				x.err = &limits.LimitError{What: x.what, Msg: "expands beyond " + limits.Mib(x.limit), Limit: x.desc}
				x.release()
				return x.err
			}
			if x.n%spillChunk == 0 {
				c, err := x.sp.alloc()
				if err != nil {
					x.err = err
					x.release()
					return err
				}
				x.chunks = append(x.chunks, c)
			}
			f, _ := x.sp.file()
			if _, err := f.WriteAt(x.buf[:k], x.chunks[len(x.chunks)-1]+x.n%spillChunk); err != nil {
				x.err = fmt.Errorf("writing inflated data: %w", err)
				x.release()
				return x.err
			}
			x.n += int64(k)
			x.pos += int64(k)
		}
		switch {
		case rerr == nil:
		case errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF):
			// The end, or a truncated stream: what was inflated is the
			// data (a short file is reported by the parser).
			x.done = true
			x.release()
		default:
			x.err = fmt.Errorf("%s: %w", x.name, rerr)
			x.release()
			return x.err
		}
	}
	return nil
}

// release frees the decompressor; a later read restarts it.
func (x *inflated) release() {
	if x.rc != nil {
		x.rc.Close()
		x.rc = nil
	}
	x.buf = nil
}

// Release frees the decompressor between uses.
func (x *inflated) Release() {
	x.mu.Lock()
	x.release()
	x.mu.Unlock()
}

// Size inflates the whole stream and returns its length.
func (x *inflated) Size() (int64, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.fillTo(1<<62 - 1); err != nil {
		return 0, err
	}
	return x.n, nil
}

// ReadAt reads stored bytes, inflating as far as needed.
func (x *inflated) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	end := off + int64(len(p))
	if err := x.fillTo(end); err != nil && x.n < end {
		return 0, err
	}
	f, err := x.sp.file()
	if err != nil {
		return 0, err
	}
	n := 0
	for o := off; o < min(end, x.n); {
		c := x.chunks[o/spillChunk]
		in := o % spillChunk
		k := int(min(spillChunk-in, min(end, x.n)-o))
		m, err := f.ReadAt(p[n:n+k], c+in)
		n += m
		if err != nil {
			return n, err
		}
		o += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// processSpill is the store of files read outside a collection (OpenFile,
// OpenBytes), which live as long as the process.
var processSpill = sync.OnceValue(func() *spill { return newSpill("") })
