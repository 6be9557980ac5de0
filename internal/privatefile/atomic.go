package privatefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// tempPrefix starts the names of the temporary files writeAtomic creates.
const tempPrefix = ".tmp-"

// WritePrivate writes data to name atomically (see writeAtomic), readable
// by the user only (0600): reports, renders and exports name the patient.
// Every file hsgview writes goes through it.
func WritePrivate(name string, data []byte) error { return WriteAtomic(name, data, "") }

// writeAtomic replaces the file name with data so that a crash at any
// moment leaves either the old file or the new one, complete: the data
// goes to a temporary file in the same folder (mode 0600), which is
// synced, closed and renamed over name; then the folder is synced so the
// rename itself is durable.
//
// When backup is not empty, the file name held before is kept as backup,
// also without a moment where name is missing: backup becomes a second
// link to the old file before the rename replaces name.
func WriteAtomic(name string, data []byte, backup string) (err error) {
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, tempPrefix+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return err
	}
	if _, err = f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if backup != "" {
		if err = linkBackup(name, backup); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp, name); err != nil {
		return err
	}
	return syncDir(dir)
}

// linkBackup makes backup hold the current content of name, if any.
func linkBackup(name, backup string) error {
	if err := os.Remove(backup); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	err := os.Link(name, backup)
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist):
		return nil
	}
	// No hard links on this file system: copy instead.
	data, rerr := os.ReadFile(name)
	if rerr != nil {
		if errors.Is(rerr, fs.ErrNotExist) {
			return nil
		}
		return rerr
	}
	return WriteAtomic(backup, data, "")
}

// syncDir makes the entries of dir durable. Windows cannot open a folder
// for syncing and needs no such step.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// RemoveStaleTemps removes the temporary files of WriteAtomic left in dir
// by a process that died while writing, if older than age (a younger one
// may belong to a write in progress in another process). Only regular
// files named exactly as WriteAtomic names them (".tmp-" + a file name +
// "-" + digits) are removed. It returns how many it removed.
func RemoveStaleTemps(dir string, age time.Duration) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if !e.Type().IsRegular() || !IsTempName(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			if os.Remove(filepath.Join(dir, e.Name())) == nil {
				n++
			}
		}
	}
	return n
}

// IsTempName reports whether name is one WriteAtomic gives its temporary
// files: ".tmp-", the target's name, "-" and the digits os.CreateTemp adds.
func IsTempName(name string) bool {
	rest, ok := strings.CutPrefix(name, tempPrefix)
	if !ok {
		return false
	}
	i := strings.LastIndexByte(rest, '-')
	if i < 1 || i == len(rest)-1 {
		return false
	}
	for _, c := range rest[i+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// mkdirPrivate creates dir and its missing parents with mode 0700. With
// restrict, an existing dir is made 0700 too (for folders only hsgview
// uses, never for one the user named).
func MkdirPrivate(dir string, restrict bool) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if !restrict || runtime.GOOS == "windows" {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if st.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("make %s private: %w", dir, err)
		}
	}
	return nil
}

// Check returns an error unless path has exactly the permission bits
// perm. Permission bits are not checked on Windows.
func Check(path string, perm os.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Mode().Perm() != perm {
		return fmt.Errorf("%s: mode %v, want %v", path, st.Mode().Perm(), perm)
	}
	return nil
}
