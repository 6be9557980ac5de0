package dicomio

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// source gives random access to the bytes of one DICOM file, wherever it
// lives (a plain file, a zip entry, memory). open is called for each read
// session so that a study of thousands of files holds no descriptors.
type source interface {
	open() (io.ReaderAt, int64, io.Closer, error)
}

type fileSource string

func (f fileSource) open() (io.ReaderAt, int64, io.Closer, error) {
	fh, err := os.Open(string(f))
	if err != nil {
		return nil, 0, nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, 0, nil, err
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, 0, nil, errors.New("not a regular file")
	}
	return fh, st.Size(), fh, nil
}

type memSource []byte

func (m memSource) open() (io.ReaderAt, int64, io.Closer, error) {
	return bytes.NewReader(m), int64(len(m)), io.NopCloser(nil), nil
}

// zipArchive is an open zip file shared by its entries.
type zipArchive struct {
	path string
	f    *os.File
	r    *zip.Reader
}

// maxZipEntry bounds the inflated size of a compressed zip entry.
const maxZipEntry = 2 << 30

type zipSource struct {
	a *zipArchive
	f *zip.File
}

func (z zipSource) open() (io.ReaderAt, int64, io.Closer, error) {
	size := int64(z.f.UncompressedSize64)
	if z.f.Method == zip.Store {
		off, err := z.f.DataOffset()
		if err != nil {
			return nil, 0, nil, err
		}
		if size < 0 || off+size > z.a.size() {
			return nil, 0, nil, fmt.Errorf("zip entry %s runs past the end of the archive", z.f.Name)
		}
		return io.NewSectionReader(z.a.f, off, size), size, io.NopCloser(nil), nil
	}
	// A deflated entry has no random access: inflate it, within bounds.
	if z.f.UncompressedSize64 > maxZipEntry {
		return nil, 0, nil, fmt.Errorf("zip entry %s is larger than %d MiB", z.f.Name, maxZipEntry>>20)
	}
	rc, err := z.f.Open()
	if err != nil {
		return nil, 0, nil, err
	}
	defer rc.Close()
	buf := make([]byte, 0, size)
	b := bytes.NewBuffer(buf)
	if _, err := io.Copy(b, io.LimitReader(rc, maxZipEntry)); err != nil {
		return nil, 0, nil, err
	}
	return bytes.NewReader(b.Bytes()), int64(b.Len()), io.NopCloser(nil), nil
}

func (a *zipArchive) size() int64 {
	st, err := a.f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

func openZip(path string) (*zipArchive, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	return &zipArchive{path: path, f: f, r: r}, nil
}

func (a *zipArchive) Close() error { return a.f.Close() }

// isZip reports whether the file starts with a zip local header.
func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [4]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return false
	}
	return string(b[:]) == "PK\x03\x04"
}
