package dicomio

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
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
	fh, st, err := openRegular(string(f))
	if err != nil {
		return nil, 0, nil, err
	}
	return fh, st.Size(), fh, nil
}

// openRegular opens a regular file for reading. It never blocks on a
// named pipe or a device (they are opened non-blocking where the system
// allows it, then refused) and says what the file is when it is not
// regular.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	fh, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, nil, notRegular(st.Mode())
	}
	return fh, st, nil
}

// notRegular explains why a file that is not regular is skipped.
func notRegular(m fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeCharDevice != 0:
		kind = "a character device"
	case m&fs.ModeDevice != 0:
		kind = "a block device"
	case m&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	case m.IsDir():
		kind = "a folder"
	case m&fs.ModeIrregular != 0:
		kind = "an irregular file"
	}
	return errors.New("skipped: " + kind + ", not a regular file")
}

type memSource []byte

func (m memSource) open() (io.ReaderAt, int64, io.Closer, error) {
	return bytes.NewReader(m), int64(len(m)), io.NopCloser(nil), nil
}

// isZip reports whether the file starts with a zip local header.
func isZip(path string) bool {
	f, _, err := openRegular(path)
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
