package library

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// hashName returns a file-name-safe digest of s: no identifier of the
// patient or study appears in the library's file names.
func hashName(kind, s string, n int) string {
	sum := sha256.Sum256([]byte("hsgview-library:" + kind + ":" + s))
	return hex.EncodeToString(sum[:])[:n]
}

// storedPath is where a copied instance lives.
func (l *Library) storedPath(studyUID, sopUID string) string {
	st := hashName("study", studyUID, 24)
	return filepath.Join(l.dir, filesDir, st[:2], st, hashName("sop", sopUID, 32)+".dcm")
}

// place copies in into the library (copy) or hashes it where it is.
func (l *Library) place(studyUID string, in *dicomio.Instance, copy bool, zips *zipCache) placed {
	p := placed{in: in, copied: copy}
	src, err := openSource(in.Path, zips)
	if err != nil {
		p.err = err
		return p
	}
	defer src.Close()
	h := sha256.New()
	if !copy {
		p.path, _ = filepath.Abs(in.Path)
		p.size, p.err = io.Copy(h, src)
		p.sum = hex.EncodeToString(h.Sum(nil))
		return p
	}
	dst := l.storedPath(studyUID, in.SOPInstanceUID)
	p.path = dst
	p.size, p.err = copyAtomic(dst, io.TeeReader(src, h))
	p.sum = hex.EncodeToString(h.Sum(nil))
	return p
}

// copyAtomic writes r to dst through a synced temporary file renamed
// over dst, so dst is either absent or complete.
func copyAtomic(dst string, r io.Reader) (n int64, err error) {
	dir := filepath.Dir(dst)
	if err := privatefile.MkdirPrivate(dir, true); err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(dst)+"-*")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return 0, err
	}
	if n, err = io.Copy(f, r); err != nil {
		f.Close()
		return 0, err
	}
	if !batchSync {
		if err = f.Sync(); err != nil {
			f.Close()
			return 0, err
		}
	}
	if err = f.Close(); err != nil {
		return 0, err
	}
	if err = os.Rename(tmp, dst); err != nil {
		return 0, err
	}
	if !batchSync {
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return n, nil
}

// zipCache keeps the archives of an import open, shared by workers.
type zipCache struct {
	mu sync.Mutex
	m  map[string]*zip.ReadCloser
}

func (z *zipCache) entry(archive, name string) (io.ReadCloser, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.m == nil {
		z.m = map[string]*zip.ReadCloser{}
	}
	r, ok := z.m[archive]
	if !ok {
		var err error
		r, err = zip.OpenReader(archive)
		if err != nil {
			return nil, err
		}
		z.m[archive] = r
	}
	for _, f := range r.File {
		if f.Name == name {
			return f.Open()
		}
	}
	return nil, fmt.Errorf("zip entry %s vanished", name)
}

func (z *zipCache) close() {
	for _, r := range z.m {
		r.Close()
	}
}

func openSource(path string, zips *zipCache) (io.ReadCloser, error) {
	if isZipEntry(path) {
		a, e := splitZip(path)
		if _, err := os.Stat(path); err != nil { // not a real file named x.zip!y
			return zips.entry(a, e)
		}
	}
	return os.Open(path)
}
