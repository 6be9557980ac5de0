// Package housekeeping tidies hsgview's private files when the GUI
// starts: it removes report drafts nobody touched for a long time,
// temporary files a killed process left behind, and makes Fyne's
// preferences file readable by the user only. It logs one line without
// names.
package housekeeping

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// DefaultDraftDays is how long a draft that was never signed is kept
// after its last change.
const DefaultDraftDays = 90

// DraftDaysEnv names the environment variable that sets the days a
// draft is kept (0 keeps drafts for ever).
const DraftDaysEnv = "HSGVIEW_DRAFT_DAYS"

// StaleTempAge is how old a temporary file of hsgview must be to be
// removed: a younger one may belong to a save in progress.
const StaleTempAge = 10 * time.Minute

// Options say where the files are; empty fields mean the defaults.
type Options struct {
	DraftDir  string        // drafts.DefaultDraftDir
	PrefsFile string        // Fyne's preferences.json of AppID
	AppID     string        // the Fyne app ID
	DraftAge  time.Duration // from HSGVIEW_DRAFT_DAYS, else 90 days; < 0 keeps drafts
	Now       time.Time
}

// Run does the start-up housekeeping for the GUI of app appID, logging
// one line to log when it removed something. Errors are logged, never
// fatal.
func Run(appID string, log io.Writer) {
	o := Options{AppID: appID}
	res, err := Tidy(o)
	switch {
	case err != nil:
		fmt.Fprintln(log, "hsgview: housekeeping:", err)
	case res.Drafts > 0 || res.Temps > 0:
		fmt.Fprintf(log, "hsgview: removed %d draft(s) unchanged for %d days and never signed, %d stale temporary file(s)\n",
			res.Drafts, res.Days, res.Temps)
	}
}

// Result says what Tidy removed.
type Result struct {
	Drafts, Temps, Days int
}

// Tidy removes expired drafts and stale temporary files, and makes the
// preferences file private (creating it 0600 when missing, so that Fyne,
// which rewrites it in place, keeps that mode).
func Tidy(o Options) (Result, error) {
	var res Result
	var errs []error
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.DraftDir == "" {
		d, err := drafts.DefaultDraftDir()
		if err != nil {
			return res, err
		}
		o.DraftDir = d
	}
	if o.PrefsFile == "" && o.AppID != "" {
		if d, err := os.UserConfigDir(); err == nil {
			o.PrefsFile = filepath.Join(d, "fyne", o.AppID, "preferences.json")
		}
	}
	age := o.DraftAge
	if age == 0 {
		days, err := draftDays()
		if err != nil {
			errs = append(errs, err)
		}
		age = time.Duration(days) * 24 * time.Hour
	}
	res.Days = int(age / (24 * time.Hour))
	if _, err := os.Stat(o.DraftDir); err == nil {
		res.Temps += privatefile.RemoveStaleTemps(o.DraftDir, StaleTempAge)
		if age > 0 {
			st, err := drafts.OpenStore(o.DraftDir)
			if err == nil {
				res.Drafts, err = st.Expire(age, o.Now)
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
	}
	if o.PrefsFile != "" {
		for _, d := range exportDirs(o.PrefsFile) {
			res.Temps += privatefile.RemoveStaleTemps(d, StaleTempAge)
		}
		if err := privatePrefs(o.PrefsFile); err != nil {
			errs = append(errs, err)
		}
	}
	return res, errors.Join(errs...)
}

// draftDays reads HSGVIEW_DRAFT_DAYS.
func draftDays() (int, error) {
	v := strings.TrimSpace(os.Getenv(DraftDaysEnv))
	if v == "" {
		return DefaultDraftDays, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return DefaultDraftDays, fmt.Errorf("%s=%q is not a number of days; drafts are kept %d days", DraftDaysEnv, v, DefaultDraftDays)
	}
	return n, nil
}

// exportDirKeys are the preferences that remember export folders.
var exportDirKeys = []string{"report.exportDir"} // viewer/reportui/export.go

// exportDirs returns the export folders remembered in the preferences.
func exportDirs(prefs string) []string {
	b, err := os.ReadFile(prefs)
	if err != nil || len(b) > 1<<20 {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	var out []string
	for _, k := range exportDirKeys {
		if s, ok := m[k].(string); ok && filepath.IsAbs(s) {
			out = append(out, s)
		}
	}
	return out
}

// privatePrefs makes the preferences file 0600 in a 0700 folder, creating
// it with an empty object when missing.
func privatePrefs(name string) error {
	if err := privatefile.MkdirPrivate(filepath.Dir(name), true); err != nil {
		return fmt.Errorf("preferences: %w", err)
	}
	_, err := os.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return privatefile.WritePrivate(name, []byte("{}"))
	case err != nil:
		return fmt.Errorf("preferences: %w", err)
	}
	if err := privatefile.Check(name, 0o600); err != nil {
		if err := os.Chmod(name, 0o600); err != nil {
			return fmt.Errorf("preferences: %w", err)
		}
	}
	return nil
}
