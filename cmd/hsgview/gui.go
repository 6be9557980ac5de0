package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview"
	"github.com/hsgview/hsgview/assets"
	_ "github.com/hsgview/hsgview/dicomio/codec/all" // every pixel-data decoder
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/internal/housekeeping"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/about"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// runGUI opens the study window on paths, or on the bundled demo study
// when there are none.
func runGUI(paths []string, info buildInfo) int {
	if err := checkDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "hsgview:", err)
		return 1
	}
	housekeeping.Run("org.hsgview.hsgview", os.Stderr) // before Fyne writes its preferences
	a := app.NewWithID("org.hsgview.hsgview")
	// The interface's language (View → Language, else the system's),
	// before anything with words is built.
	i18n.Setup(i18n.Chosen(a.Preferences()))
	// The window manager's and the task bar's icon; a packaged build sets
	// the same one from FyneApp.toml, a plain go build only through this.
	icon := fyne.NewStaticResource("hsgview.png", assets.Icon)
	a.SetIcon(icon)
	about.About = aboutInfo(info, icon)
	w := a.NewWindow("hsgview")
	w.Resize(fyne.NewSize(1500, 920))
	paths, libDir, err := libraryFlag(paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hsgview:", err)
		return 2
	}
	w.SetContent(widget.NewLabel(lang.L("Opening the study library…")))
	// fyne.Do reaches the window once the app runs.
	a.Lifecycle().SetOnStarted(func() { startLibrary(w, libDir, paths) })
	w.ShowAndRun()
	return 0
}

// aboutInfo fills Help → About from the build and the embedded licence
// texts.
func aboutInfo(info buildInfo, icon fyne.Resource) about.AboutInfo {
	ai := about.AboutInfo{
		Name:      "hsgview",
		Summary:   lang.L("Offline DICOM viewer and structured reporting for hysterosalpingography."),
		Version:   info.Version,
		Commit:    shortCommit(info.Commit),
		GoVersion: info.GoVersion,
		Platform:  info.Platform,
		Icon:      icon,

		License:     hsgview.LicenseID,
		LicenseText: hsgview.License,
		Notices:     hsgview.ThirdPartyNotices,
	}
	for _, c := range hsgview.Components() {
		ai.Components = append(ai.Components, about.AboutComponent{Name: c.Name, Version: c.Version, License: c.License, How: c.How})
	}
	return ai
}

// demoStudy returns the folder of the synthetic demo study (with its
// example report draft) in the user's cache directory, writing it first
// when it is missing or incomplete (directories 0700, files 0600).
func demoStudy() ([]string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	// The example draft is in the interface's language: one folder each.
	lang, name := i18n.Lang(), "demo"
	if lang != l10n.EN {
		name += "-" + lang
	}
	dir := filepath.Join(base, "hsgview", name)
	marker := filepath.Join(dir, ".complete")
	if b, err := os.ReadFile(marker); err == nil && allExist(strings.Split(strings.TrimSpace(string(b)), "\n")) {
		return []string{dir}, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "demo-*")
	if err != nil {
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	// The same study and example report draft as "hsgview demo".
	if _, err := demo.WriteDemoIn(tmp, lang); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	var list strings.Builder
	err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(tmp, p)
			fmt.Fprintln(&list, filepath.Join(dir, rel))
		}
		return err
	})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), []byte(list.String()), 0o600); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("hsgview: demo study: %w", err)
	}
	return []string{dir}, nil
}

func allExist(paths []string) bool {
	if len(paths) == 0 {
		return false
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// checkDisplay explains a missing graphical session up front, instead of
// the window system's panic when the window cannot open.
func checkDisplay() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return fmt.Errorf("no display (neither DISPLAY nor WAYLAND_DISPLAY is set): the viewer needs a graphical session; " +
				"the commands info, render, report and impression work without one (hsgview help)")
		}
	}
	return nil
}
