package privatefile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.json")
	bak := name + ".bak"
	for i, data := range []string{"one", "two", "three"} {
		if err := WriteAtomic(name, []byte(data), bak); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(name); string(b) != data {
			t.Errorf("write %d: file holds %q", i, b)
		}
		if i > 0 {
			if b, _ := os.ReadFile(bak); string(b) != []string{"one", "two"}[i-1] {
				t.Errorf("write %d: backup holds %q", i, b)
			}
		}
	}
	checkPrivate(t, name, 0o600)
	checkPrivate(t, bak, 0o600)
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
	if err := WriteAtomic(filepath.Join(dir, "missing", "f"), []byte("x"), ""); err == nil {
		t.Error("wrote into a missing folder")
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, tempPrefix+"a.json-1")
	young := filepath.Join(dir, tempPrefix+"b.json-2")
	keep := filepath.Join(dir, "a.json")
	for _, p := range []string{old, young, keep} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, past, past)
	os.Chtimes(keep, past, past)
	RemoveStaleTemps(dir, time.Hour)
	for p, want := range map[string]bool{old: false, young: true, keep: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestMkdirPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no modes on Windows")
	}
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := MkdirPrivate(dir, false); err != nil {
		t.Fatal(err)
	}
	checkPrivate(t, dir, 0o700)
	os.Chmod(dir, 0o755)
	MkdirPrivate(dir, false) // a folder the user named keeps its mode
	checkPrivate(t, dir, 0o755)
	if err := MkdirPrivate(dir, true); err != nil {
		t.Fatal(err)
	}
	checkPrivate(t, dir, 0o700)
}

func checkPrivate(t *testing.T, path string, perm os.FileMode) {
	t.Helper()
	if err := Check(path, perm); err != nil {
		t.Error(err)
	}
}
