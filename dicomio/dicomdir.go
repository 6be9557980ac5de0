package dicomio

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/dicomio/limits"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// A dirFile is a file referenced by a DICOMDIR.
type dirFile struct {
	path string
	err  error
}

// readDICOMDIR returns the files referenced by the directory records of a
// DICOMDIR (PS3.10 §8, PS3.3 F.3), resolved relative to its folder. Records
// are taken whatever their hierarchy, so DICOMDIRs with missing or
// reordered PATIENT/STUDY/SERIES levels and without offsets still work.
// Every referenced file must lie in the DICOMDIR's folder: a File ID with
// "..", or a symbolic link leading out of the folder, is refused.
func readDICOMDIR(path string, lim *limits.Limits) ([]dirFile, error) {
	in, err := readInstance(path, fileSource(path), lim, nil)
	if err != nil {
		return nil, err
	}
	recs := in.Header().Seq(TagDirectoryRecordSequence)
	if len(recs) > lim.MaxDICOMDIRRecords {
		return nil, limits.LimitErr("DICOMDIR", fmt.Sprintf("has %d directory records", len(recs)), "MaxDICOMDIRRecords %d", lim.MaxDICOMDIRRecords)
	}
	idx, err := newDirIndex(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	var out []dirFile
	seen := map[string]bool{}
	for _, rec := range recs {
		ids := rec.Strings(TagReferencedFileID)
		if len(ids) == 0 {
			continue
		}
		rel := strings.Join(ids, string(filepath.Separator))
		if seen[rel] {
			continue
		}
		seen[rel] = true
		p, err := idx.resolve(ids)
		if err != nil {
			out = append(out, dirFile{path: filepath.Join(idx.root, filepath.Clean(string(filepath.Separator)+rel)), err: err})
			continue
		}
		out = append(out, dirFile{path: p})
	}
	if len(out) == 0 && len(recs) > 0 {
		return nil, fmt.Errorf("DICOMDIR references no files")
	}
	return out, nil
}

// A dirIndex resolves DICOMDIR File IDs under a folder, ignoring case: CD
// file systems are case-insensitive, the DICOMDIR's IDs are upper case,
// and copies of a CD often are not. Each folder is listed once, into a
// case-folded index, so resolving n records costs n lookups whatever
// their case, and a missing file costs no listing.
type dirIndex struct {
	root, realRoot string
	lists          map[string]map[string][]fs.DirEntry
}

// dirListings counts folder listings, so that a test can check each
// folder is listed once.
var dirListings atomic.Int64

func newDirIndex(root string) (*dirIndex, error) {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, pathErr(err)
	}
	return &dirIndex{root: root, realRoot: real, lists: map[string]map[string][]fs.DirEntry{}}, nil
}

func (x *dirIndex) list(dir string) map[string][]fs.DirEntry {
	if m, ok := x.lists[dir]; ok {
		return m
	}
	dirListings.Add(1)
	ents, _ := os.ReadDir(dir)
	m := make(map[string][]fs.DirEntry, len(ents))
	for _, e := range ents {
		k := strings.ToLower(e.Name())
		m[k] = append(m[k], e)
	}
	x.lists[dir] = m
	return m
}

// resolve finds the path components under the root.
func (x *dirIndex) resolve(comps []string) (string, error) {
	cur := x.root
	for i, c := range comps {
		c = strings.TrimSpace(c)
		if c == ".." {
			return "", errors.New("refused: the File ID leads out of the DICOMDIR's folder (..)")
		}
		if c == "" || c == "." || strings.ContainsAny(c, "/\\\x00") || filepath.IsAbs(c) || filepath.VolumeName(c) != "" {
			return "", fmt.Errorf("invalid file ID component %q", c)
		}
		cands := x.list(cur)[strings.ToLower(c)]
		if len(cands) == 0 {
			return "", errors.New("referenced file not found")
		}
		e := cands[0]
		for _, o := range cands {
			if o.Name() == c {
				e = o
			}
		}
		next := filepath.Join(cur, e.Name())
		last := i == len(comps)-1
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			if err := linkInside(next, x.realRoot, !last); err != nil {
				return "", err
			}
		case last && !e.Type().IsRegular():
			return "", notRegular(e.Type())
		case !last && !e.IsDir():
			return "", errors.New("referenced file not found")
		}
		cur = next
	}
	return cur, nil
}

// linkInside checks that the symbolic link at path leads to a file (or,
// when dir is set, a folder) inside realRoot, the resolved folder being
// read: links are never followed out of it.
func linkInside(path, realRoot string, dir bool) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return errors.New("skipped: broken symbolic link")
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return errors.New("refused: symbolic link leads out of the folder")
	}
	st, err := os.Stat(target)
	if err != nil {
		return pathErr(err)
	}
	switch {
	case dir && st.IsDir():
		return nil
	case st.IsDir():
		return errors.New("skipped: symbolic link to a folder")
	case !st.Mode().IsRegular():
		return notRegular(st.Mode())
	}
	return nil
}
