package reportpdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/internal/privatefile"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Paper is a paper size for printed reports.
type Paper string

const (
	PaperA4     Paper = "A4"
	PaperLetter Paper = "Letter"
)

// Valid reports whether p is a known paper size.
func (p Paper) Valid() bool { return p == PaperA4 || p == PaperLetter }

// ParsePaper returns the paper size named s ("A4", "letter" …, any case).
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4":
		return PaperA4, nil
	case "letter", "us-letter", "usletter":
		return PaperLetter, nil
	}
	return "", fmt.Errorf("annotate: unknown paper size %q (A4 or Letter)", s)
}

// Settings are the user's report settings: the header printed on every
// report, the paper size and the default author.
type Settings struct {
	Institution  string   `json:"institution,omitempty"`
	Department   string   `json:"department,omitempty"`
	AddressLines []string `json:"addressLines,omitempty"`
	// Paper is the paper size of PDF reports; A4 when empty.
	Paper Paper `json:"paper,omitempty"`
	// DefaultAuthor is proposed as the signing radiologist.
	DefaultAuthor report.Person `json:"defaultAuthor,omitzero"`
}

// maxSettingsSize bounds the settings file LoadSettings accepts.
const maxSettingsSize = 1 << 20

// DefaultSettingsPath returns the settings file in the user's
// configuration folder, e.g. ~/.config/hsgview/settings.json on Linux.
func DefaultSettingsPath() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("annotate: settings: %w", err)
	}
	return filepath.Join(d, "hsgview", "settings.json"), nil
}

// LoadSettings reads the settings file. A missing file gives the zero
// Settings and no error.
func LoadSettings(name string) (Settings, error) {
	var s Settings
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("annotate: settings: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSettingsSize+1))
	if err == nil && len(data) > maxSettingsSize {
		err = errors.New("larger than 1 MiB")
	}
	if err == nil {
		err = json.Unmarshal(data, &s)
	}
	if err == nil && s.Paper != "" && !s.Paper.Valid() {
		err = fmt.Errorf("unknown paper size %q (A4 or Letter)", s.Paper)
	}
	if err != nil {
		return Settings{}, fmt.Errorf("annotate: settings %s: %w", name, err)
	}
	return s, nil
}

// WriteFile saves the settings (mode 0600, folder 0700), atomically.
func (s Settings) WriteFile(name string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("annotate: settings: %w", err)
	}
	if err := privatefile.MkdirPrivate(filepath.Dir(name), false); err != nil {
		return fmt.Errorf("annotate: settings: %w", err)
	}
	if err := privatefile.WriteAtomic(name, buf.Bytes(), ""); err != nil {
		return fmt.Errorf("annotate: settings %s: %w", name, err)
	}
	return nil
}
