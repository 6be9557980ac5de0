package dicomweb

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hsgview/hsgview/internal/privatefile"
)

// A Server is one configured DICOMweb service. Secrets are never stored
// in it: PasswordFile and TokenFile name files (which should be 0600)
// read when a Client is made.
type Server struct {
	// Name labels the server in the GUI and on the command line.
	Name string `json:"name"`
	// URL is the DICOMweb root, e.g. https://pacs.example/dicom-web
	// (Orthanc: http://host:8042/dicom-web). It must not contain a user
	// or password.
	URL string `json:"url"`
	// User and PasswordFile select HTTP basic authentication.
	User         string `json:"user,omitempty"`
	PasswordFile string `json:"passwordFile,omitempty"`
	// TokenFile selects a bearer token (RFC 6750), read from the file.
	TokenFile string `json:"tokenFile,omitempty"`
	// CAFile is a PEM file of extra certificate authorities trusted for
	// https, besides the system's.
	CAFile string `json:"caFile,omitempty"`
	// TimeoutSeconds bounds a search or a store, and the wait for the
	// first byte of a retrieve's answer; 0 means DefaultTimeout.
	TimeoutSeconds int `json:"timeoutSeconds,omitempty"`
}

// Check reports the first problem of s's settings.
func (s Server) Check() error {
	u, err := url.Parse(s.URL)
	switch {
	case strings.TrimSpace(s.URL) == "":
		return errors.New("dicomweb: the server has no URL")
	case err != nil:
		return fmt.Errorf("dicomweb: server URL: %w", err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("dicomweb: server URL %q: the scheme must be http or https", s.URL)
	case u.Host == "":
		return fmt.Errorf("dicomweb: server URL %q has no host", s.URL)
	case u.User != nil:
		return errors.New("dicomweb: the server URL must not contain a user or password; use --user with --password-file")
	case s.User != "" && s.PasswordFile == "":
		return errors.New("dicomweb: a user needs a password file")
	case s.PasswordFile != "" && s.User == "":
		return errors.New("dicomweb: a password file needs a user")
	case s.TokenFile != "" && s.User != "":
		return errors.New("dicomweb: choose basic authentication or a bearer token, not both")
	case s.TimeoutSeconds < 0:
		return errors.New("dicomweb: the timeout is negative")
	}
	return nil
}

// Config is the list of configured servers, stored as JSON with mode 0600.
type Config struct {
	Servers []Server `json:"servers"`
}

// ConfigPath returns the configuration file's path in the user's config
// folder: …/hsgview/pacs.json.
func ConfigPath() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("dicomweb: %w", err)
	}
	return filepath.Join(d, "hsgview", "pacs.json"), nil
}

// LoadConfig reads the configuration; a missing file is an empty one.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Config{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("dicomweb: %w", err)
	}
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("dicomweb: %s: %w", path, err)
	}
	return &c, nil
}

// Save writes the configuration atomically, readable by the user only.
func (c *Config) Save(path string) error {
	for _, s := range c.Servers {
		if err := s.Check(); err != nil {
			return fmt.Errorf("%w (server %q)", err, s.Name)
		}
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("dicomweb: %w", err)
	}
	if err := privatefile.WritePrivate(path, append(b, '\n')); err != nil {
		return fmt.Errorf("dicomweb: %w", err)
	}
	return nil
}

// Find returns the server with the name, or nil.
func (c *Config) Find(name string) *Server {
	for i := range c.Servers {
		if c.Servers[i].Name == name {
			return &c.Servers[i]
		}
	}
	return nil
}

// readSecret reads a password or token file: the first line, without
// surrounding white space. A file readable by others is refused.
func readSecret(path, what string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("dicomweb: %s file: %w", what, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("dicomweb: %s file %s is readable by others (mode %o); chmod 600 it", what, path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("dicomweb: %s file: %w", what, err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return "", fmt.Errorf("dicomweb: %s file %s is empty", what, path)
	}
	return line, nil
}
