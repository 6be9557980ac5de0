// Package orthanctest starts a real Orthanc (Debian packages orthanc and
// orthanc-dicomweb) for tests: on a free loopback port, with a generated
// configuration, storage and index in a temporary directory, remote
// access refused, HTTP basic authentication on, and the DICOMweb plugin
// loaded. One server serves a whole test package (see Main); it is killed
// when the package's tests end.
package orthanctest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// User and Password are the credentials of the server's only user.
const (
	User     = "hsgview"
	Password = "orthanc-test-secret"
)

// PluginPath is where Debian's orthanc-dicomweb installs the plugin.
const PluginPath = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so"

// ErrMissing is returned by Start when Orthanc or its DICOMweb plugin is
// not installed.
var ErrMissing = errors.New("orthanc or orthanc-dicomweb is not installed (scripts/deps.sh test installs them)")

// A Server is a running Orthanc.
type Server struct {
	// URL is the REST root, e.g. http://127.0.0.1:41234.
	URL string
	// DICOMweb is the DICOMweb root, URL + "/dicom-web".
	DICOMweb string
	// Startup is the time from exec to the first answer of /system.
	Startup time.Duration

	dir string
	cmd *exec.Cmd
	log *os.File
}

// binary returns the Orthanc executable's path.
func binary() (string, error) {
	for _, name := range []string{"Orthanc", "orthanc"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if _, err := os.Stat("/usr/sbin/Orthanc"); err == nil {
		return "/usr/sbin/Orthanc", nil
	}
	return "", ErrMissing
}

// freePort asks the kernel for an unused loopback TCP port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start runs an Orthanc whose files live under dir (which must exist)
// and waits until it answers.
func Start(dir string) (*Server, error) {
	bin, err := binary()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(PluginPath); err != nil {
		return nil, ErrMissing
	}
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("orthanctest: free port: %w", err)
	}
	cfg := map[string]any{
		"Name":                  "HSGVIEW_TEST",
		"StorageDirectory":      filepath.Join(dir, "storage"),
		"IndexDirectory":        filepath.Join(dir, "index"),
		"HttpServerEnabled":     true,
		"HttpPort":              port,
		"DicomServerEnabled":    false,
		"RemoteAccessAllowed":   false, // loopback only: Orthanc 1.10 has no bind address
		"AuthenticationEnabled": true,
		"RegisteredUsers":       map[string]string{User: Password},
		"HttpThreadsCount":      8,
		"DefaultEncoding":       "Utf8", // QIDO answers keep non-Latin-1 names
		"ConcurrentJobs":        1,
		"Plugins":               []string{PluginPath},
		"DicomWeb": map[string]any{
			"Enable":          true,
			"Root":            "/dicom-web/",
			"EnableWado":      false,
			"StudiesMetadata": "Full",
		},
	}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	cfgPath := filepath.Join(dir, "orthanc.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "orthanc.log"))
	if err != nil {
		return nil, err
	}
	s := &Server{
		URL: fmt.Sprintf("http://127.0.0.1:%d", port),
		dir: dir,
		log: logf,
	}
	s.DICOMweb = s.URL + "/dicom-web"
	start := time.Now()
	s.cmd = exec.Command(bin, cfgPath)
	s.cmd.Dir = dir
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	dieWithParent(s.cmd)
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("orthanctest: start %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	// Poll until the server answers (a readiness wait, not a timed test).
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			logf.Close()
			return nil, fmt.Errorf("orthanctest: Orthanc exited: %v: %s", err, tail(filepath.Join(dir, "orthanc.log")))
		default:
		}
		if s.ready() {
			s.Startup = time.Since(start)
			go func() { <-exited }()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("orthanctest: Orthanc did not answer within 60 s: %s", tail(filepath.Join(dir, "orthanc.log")))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ready reports whether the DICOMweb plugin answers.
func (s *Server) ready() bool {
	req, _ := http.NewRequest("GET", s.DICOMweb+"/studies?limit=1", nil)
	req.SetBasicAuth(User, Password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// tail returns the end of a log file for an error message.
func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return strings.TrimSpace(string(b))
}

// Stop kills the server and waits for it.
func (s *Server) Stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Kill()
	// Wait is done by the goroutine started in Start; Kill is enough to
	// free the port and the files.
	if s.log != nil {
		s.log.Close()
	}
}

// Main runs a test package's tests with one Orthanc shared by all, set
// in *srv before m.Run; *srv stays nil (and tests call Need to skip) when
// Orthanc is not installed. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(orthanctest.Main(m, &srv)) }
func Main(m *testing.M, srv **Server) int {
	dir, err := os.MkdirTemp("", "hsgview-orthanc-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "orthanctest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	s, err := Start(dir)
	switch {
	case errors.Is(err, ErrMissing):
		skipReason = err.Error()
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		return 1
	default:
		*srv = s
		fmt.Fprintf(os.Stderr, "orthanctest: Orthanc 127.0.0.1 ready in %v\n", s.Startup.Round(time.Millisecond))
		defer s.Stop()
	}
	return m.Run()
}

var skipReason string

// Need skips t when no Orthanc runs (it is not installed).
func Need(t testing.TB, s *Server) {
	t.Helper()
	if s == nil {
		t.Skip("skipped: " + skipReason)
	}
}
