package dicomweb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigSavedPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hsgview", "pacs.json")
	c := &Config{Servers: []Server{{Name: "main", URL: "https://pacs.example/dicom-web", User: "u", PasswordFile: "/run/pw"}}}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", st.Mode().Perm(), err)
	}
	got, err := LoadConfig(path)
	if err != nil || got.Find("main") == nil || got.Find("main").PasswordFile != "/run/pw" {
		t.Fatalf("%+v %v", got, err)
	}
	bad := &Config{Servers: []Server{{Name: "x", URL: "https://u:secret@pacs.example/"}}}
	if err := bad.Save(path); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("a URL with a password: %v", err)
	}
}

func TestSecretFileMustBePrivate(t *testing.T) {
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("s3cret\n"), 0o644)
	_, err := New(Server{URL: "http://127.0.0.1:1/dicom-web", User: "u", PasswordFile: pw})
	if err == nil || !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("err = %v", err)
	}
	os.Chmod(pw, 0o600)
	if _, err := New(Server{URL: "http://127.0.0.1:1/dicom-web", User: "u", PasswordFile: pw}); err != nil {
		t.Fatal(err)
	}
}

func TestUnreachableServerIsOneLine(t *testing.T) {
	c, err := New(Server{URL: "http://127.0.0.1:1/dicom-web"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SearchStudies(t.Context(), Query{})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("err = %v", err)
	}
}
