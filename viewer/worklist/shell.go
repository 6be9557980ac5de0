package worklist

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Shell is the window of a library: the study list (Screen) as start
// screen, and the study view (viewer.Viewer) a row opens, with the way
// back, the patient's priors and the comparison of delayed films.
//
// Wiring: give the viewer Options from ViewerOptions, then SetViewer.
// All methods must be called on the Fyne goroutine.
type Shell struct {
	win    fyne.Window
	lib    *library.Library
	b      *ui.Bridge
	v      *viewer.Viewer
	screen *Screen
	demo   func() ([]string, error)

	onList  bool
	current string // Study Instance UID of the study shown, "" for none
	cmp     *Compare
}

// NewShell returns the shell of lib in win. demo, if set, writes the
// bundled demo study and returns its paths. b is the bridge of the
// background work (fyne.Do in the application).
func NewShell(win fyne.Window, lib *library.Library, b *ui.Bridge, demo func() ([]string, error)) *Shell {
	sh := &Shell{win: win, lib: lib, b: b, demo: demo}
	sh.screen = NewScreen(win, lib, b)
	sh.screen.OnOpen = func(r library.Row) { sh.OpenStudy(r.StudyUID) }
	sh.screen.OnImport = func() { sh.ShowImport(nil) }
	sh.screen.OnDemo = sh.OpenDemo
	sh.screen.OnRemove = sh.ShowRemove
	sh.screen.OnRescan = sh.ShowRescan
	sh.screen.OnAudit = sh.ShowAudit
	return sh
}

// Screen returns the study list.
func (sh *Shell) Screen() *Screen { return sh.screen }

// Library returns the library.
func (sh *Shell) Library() *library.Library { return sh.lib }

// ViewerOptions adds the shell's hooks to opts: the Studies button, the
// Priors button, switching to the study view, the report drafts in the
// library and indexing the report when the program ends.
func (sh *Shell) ViewerOptions(opts viewer.Options) viewer.Options {
	opts.DraftDir = sh.lib.Drafts().Dir()
	opts.Studies = sh.ShowList
	opts.Priors = func(st *dicomio.Study) { sh.ShowPriors(st.UID) }
	opts.Shown = sh.studyShown
	opts.Stopped = func(st *dicomio.Study) {
		if st != nil {
			sh.lib.Drafts().Refresh(context.Background(), st.UID)
		}
		sh.lib.Close()
	}
	return opts
}

// SetViewer gives the shell the study view (made with ViewerOptions).
func (sh *Shell) SetViewer(v *viewer.Viewer) { sh.v = v }

// OnList reports whether the study list is shown.
func (sh *Shell) OnList() bool { return sh.onList }

// ShowList closes the study shown (its report is saved and indexed) and
// shows the study list, refreshed.
func (sh *Shell) ShowList() {
	if sh.v != nil {
		if sh.v.Loading() {
			return
		}
		sh.v.CloseStudy()
	}
	if uid := sh.current; uid != "" {
		sh.current = ""
		sh.refreshReport(uid, true)
	}
	sh.cmp = nil
	sh.onList = true
	sh.win.SetContent(sh.screen.Root())
	sh.win.SetMainMenu(sh.menu())
	sh.win.SetTitle("hsgview – " + lang.L("studies"))
	c := sh.win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { sh.screen.Focus(); sh.screen.TypedKey(ev) })
	c.SetOnTypedRune(func(r rune) {})
	for _, s := range Shortcuts() {
		c.AddShortcut(s, func(sc fyne.Shortcut) {
			if sh.onList { // the study view has its own keys
				sh.screen.TypedShortcut(sc)
			}
		})
	}
	sh.screen.Refresh()
	sh.screen.Focus()
}

// refreshReport indexes the study's report from its file in the
// background (the report panel saved it), then refreshes the list.
func (sh *Shell) refreshReport(uid string, list bool) {
	sh.b.Begin()
	go func() {
		_, err := sh.lib.Drafts().Refresh(context.Background(), uid)
		sh.b.Post(func() {
			if err != nil {
				sh.showError(fmt.Errorf(lang.L("report status not updated: %w"), err))
			}
			if list && sh.onList {
				sh.screen.Refresh()
			}
		})
	}()
}

func (sh *Shell) menu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	quit := item(lang.L("Quit"), nil, func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("Open selected study"), nil, sh.screen.OpenSelected),
		item(lang.L("Import…"), Shortcuts()[1], func() { sh.ShowImport(nil) }),
		item(lang.L("Open demo study"), nil, sh.OpenDemo),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Remove selected study…"), nil, sh.screen.RemoveSelected),
		item(lang.L("Audit log…"), nil, sh.ShowAudit),
		fyne.NewMenuItemSeparator(),
		quit)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Search"), Shortcuts()[0], sh.screen.FocusSearch),
		item(lang.L("Clear filters (Esc)"), nil, sh.screen.ClearFilters),
		item(lang.L("Refresh (F5)"), nil, sh.screen.Refresh),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Language…"), nil, func() {
			i18n.NewChooser(sh.win, fyne.CurrentApp().Preferences(), func(d dialog.Dialog) { d.Show() }).Show()
		}))
	return fyne.NewMainMenu(file, view)
}

// OpenStudy opens a library study in the study view with its report.
func (sh *Shell) OpenStudy(uid string) {
	if sh.v == nil || sh.v.Loading() {
		return
	}
	sh.b.Begin()
	go func() {
		files, err := sh.lib.OpenStudy(context.Background(), uid)
		sh.b.Post(func() {
			if err != nil {
				sh.showError(err)
				return
			}
			if len(files) == 0 {
				sh.showError(errors.New(lang.L("none of the study's files is where it was imported; use Rescan… to look for them")))
				return
			}
			sh.current = uid
			sh.v.OpenStudyFiles(files)
		})
	}()
}

// studyShown switches the window to the study view when a study is
// shown (from the list, a path, a drop or a menu).
func (sh *Shell) studyShown(st *dicomio.Study) {
	if prev := sh.current; prev != "" && prev != st.UID {
		sh.refreshReport(prev, false)
	}
	sh.current = st.UID
	if sh.onList || sh.cmp != nil {
		sh.onList = false
		sh.cmp = nil
		sh.v.Install()
	}
}

// ShowStudyView shows the study view again (from the comparison).
func (sh *Shell) ShowStudyView() {
	sh.cmp = nil
	sh.onList = false
	sh.v.Install()
}

func (sh *Shell) showError(err error) { dialog.ShowError(err, sh.win) }

// OpenDemo imports the bundled demo study into the library (copied,
// once; its example report becomes the study's draft unless it has one)
// and opens it.
func (sh *Shell) OpenDemo() {
	if sh.demo == nil {
		return
	}
	sh.b.Begin()
	go func() {
		uid, err := sh.importDemo()
		sh.b.Post(func() {
			if err != nil {
				sh.showError(err)
				return
			}
			if sh.onList {
				sh.screen.Refresh()
			}
			sh.OpenStudy(uid)
		})
	}()
}

// importDemo runs in the background.
func (sh *Shell) importDemo() (string, error) {
	paths, err := sh.demo()
	if err != nil {
		return "", err
	}
	res, err := sh.lib.Import(context.Background(), paths, library.ImportOptions{Mode: library.ModeCopy})
	if err != nil {
		return "", err
	}
	seed, _ := report.ReadFile(filepath.Join(paths[0], "report-draft.json"))
	uid := ""
	if seed != nil {
		uid = seed.Study.StudyInstanceUID
	} else if len(res.Studies) > 0 {
		uid = res.Studies[0]
	}
	if uid == "" {
		return "", errors.New(lang.L("the demo study could not be imported"))
	}
	if seed != nil {
		if _, err := sh.lib.Drafts().Load(uid); errors.Is(err, drafts.ErrNoDraft) {
			if err := sh.lib.Drafts().Save(seed); err != nil {
				return "", err
			}
		}
	}
	return uid, nil
}

// OfferImport asks whether to add the studies opened from paths to the
// library (shown when hsgview was started with paths).
func (sh *Shell) OfferImport(paths []string) {
	if len(paths) == 0 {
		return
	}
	d := dialog.NewConfirm(lang.L("Add to the study list?"),
		fmt.Sprintf(lang.L("%s is not necessarily in the library.\nImport it, so that it appears in the study list with its report status and priors?"), describe(paths)),
		func(ok bool) {
			if ok {
				sh.ShowImport(paths)
			}
		}, sh.win)
	d.SetConfirmText(lang.L("Import…"))
	d.SetDismissText(lang.L("Not now"))
	d.Show()
}

func describe(paths []string) string {
	if len(paths) == 1 {
		return filepath.Base(paths[0])
	}
	return fmt.Sprintf(lang.N("%d paths", len(paths)), len(paths))
}
