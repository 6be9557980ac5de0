package dicomio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
func readDICOMDIR(path string) ([]dirFile, error) {
	in, err := readInstance(path, fileSource(path))
	if err != nil {
		return nil, err
	}
	root := filepath.Dir(path)
	var out []dirFile
	seen := map[string]bool{}
	for _, rec := range in.Header().Seq(TagDirectoryRecordSequence) {
		ids := rec.Strings(TagReferencedFileID)
		if len(ids) == 0 {
			continue
		}
		rel := strings.Join(ids, string(filepath.Separator))
		if seen[rel] {
			continue
		}
		seen[rel] = true
		p, err := resolveFold(root, ids)
		if err != nil {
			out = append(out, dirFile{path: filepath.Join(root, rel), err: err})
			continue
		}
		out = append(out, dirFile{path: p})
	}
	if len(out) == 0 && len(in.Header().Seq(TagDirectoryRecordSequence)) > 0 {
		return nil, fmt.Errorf("DICOMDIR references no files")
	}
	return out, nil
}

// resolveFold finds the path components under root, ignoring case: CD
// file systems are case-insensitive, the DICOMDIR's IDs are upper case, and
// copies of a CD often are not.
func resolveFold(root string, comps []string) (string, error) {
	cur := root
	for _, c := range comps {
		if c == "" || c == "." || c == ".." || strings.ContainsAny(c, `/\`) {
			return "", fmt.Errorf("invalid file ID component %q", c)
		}
		next := filepath.Join(cur, c)
		if _, err := os.Lstat(next); err == nil {
			cur = next
			continue
		}
		ents, err := os.ReadDir(cur)
		if err != nil {
			return "", fmt.Errorf("referenced file not found")
		}
		found := false
		for _, e := range ents {
			if strings.EqualFold(e.Name(), c) {
				cur, found = filepath.Join(cur, e.Name()), true
				break
			}
		}
		if !found {
			return "", fmt.Errorf("referenced file not found")
		}
	}
	return cur, nil
}
