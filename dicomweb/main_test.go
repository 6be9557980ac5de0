package dicomweb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/internal/orthanctest"
)

// srv is the package's one real Orthanc (nil when not installed).
var srv *orthanctest.Server

func TestMain(m *testing.M) { os.Exit(orthanctest.Main(m, &srv)) }

// testServer returns the settings of the test Orthanc with its
// password in a 0600 file.
func testServer(t *testing.T) Server {
	t.Helper()
	orthanctest.Need(t, srv)
	pw := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(pw, []byte(orthanctest.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return Server{Name: "test", URL: srv.DICOMweb, User: orthanctest.User, PasswordFile: pw}
}

func testClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(testServer(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}
