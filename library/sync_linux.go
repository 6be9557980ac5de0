package library

import (
	"os"

	"golang.org/x/sys/unix"
)

// batchSync: on Linux the files of a batch are written without an fsync
// each and made durable together by one syncfs(2) of the library's file
// system before the batch's rows are committed (the same order of
// durability, one flush per batch instead of one per file).
const batchSync = true

// syncFS flushes the file system holding dir.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
