package worklist

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Import dialog.

// ImportDialog is the import form: paths, copy or reference, Import.
type ImportDialog struct {
	sh    *Shell
	d     dialog.Dialog
	paths *widget.Entry
	mode  *widget.RadioGroup
	auto  bool // the mode follows the paths until the user chooses
}

// The import modes as the form names them (catalogue keys).
const (
	modeCopy = "Copy into the library"
	modeRef  = "Reference (leave the files where they are)"
)

// ShowImport shows the import form, with paths filled in when given.
func (sh *Shell) ShowImport(paths []string) *ImportDialog {
	id := &ImportDialog{sh: sh, auto: true}
	id.paths = widget.NewMultiLineEntry()
	id.paths.SetPlaceHolder(lang.L("Files, folders, DICOMDIR or zip archives, one per line"))
	id.paths.SetMinRowsVisible(3)
	id.mode = widget.NewRadioGroup([]string{lang.L(modeCopy), lang.L(modeRef)}, func(string) {})
	id.paths.OnChanged = func(string) { id.presetMode() }
	id.paths.SetText(strings.Join(paths, "\n"))
	id.presetMode()
	id.mode.OnChanged = func(string) { id.auto = false }
	addPath := func(p string) {
		t := strings.TrimRight(id.paths.Text, "\n")
		if t != "" {
			t += "\n"
		}
		id.paths.SetText(t + p)
	}
	folder := widget.NewButton(lang.L("Add folder or CD…"), func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if u != nil {
				addPath(u.Path())
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	file := widget.NewButton(lang.L("Add file or zip…"), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if r != nil {
				addPath(r.URI().Path())
				r.Close()
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	note := widget.NewLabel(lang.L("Copy is preset for CDs, USB sticks (/media, /mnt), DICOMDIR sets and zips: media are taken out, and a referenced study would be lost. Studies already in the library are skipped."))
	note.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(id.paths, container.NewHBox(folder, file), id.mode, note)
	id.d = dialog.NewCustomConfirm(lang.L("Import studies"), lang.L("Import"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			id.start()
		}
	}, sh.win)
	id.d.Resize(fyne.NewSize(640, 380))
	id.d.Show()
	return id
}

func (id *ImportDialog) list() []string {
	var out []string
	for _, l := range strings.Split(id.paths.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// presetMode chooses copy when any path is removable media, a DICOMDIR
// set or a zip (library.CopyByDefault), reference otherwise.
func (id *ImportDialog) presetMode() {
	if !id.auto {
		return
	}
	c := false
	for _, p := range id.list() {
		c = c || library.CopyByDefault(p)
	}
	auto := id.auto
	if c {
		id.mode.SetSelected(lang.L(modeCopy))
	} else {
		id.mode.SetSelected(lang.L(modeRef))
	}
	id.auto = auto
}

// Mode returns the mode chosen.
func (id *ImportDialog) Mode() library.Mode {
	if id.mode.Selected == lang.L(modeCopy) {
		return library.ModeCopy
	}
	return library.ModeReference
}

// SetPaths fills the paths (tests).
func (id *ImportDialog) SetPaths(paths []string) { id.paths.SetText(strings.Join(paths, "\n")) }

// Start closes the form and imports (tests).
func (id *ImportDialog) Start() { id.d.Hide(); id.start() }

func (id *ImportDialog) start() {
	paths := id.list()
	if len(paths) == 0 {
		return
	}
	id.sh.runImport(paths, id.Mode())
}

// runImport imports with a progress dialog (counts, Cancel), then shows
// what was added and the files kept out with their reasons.
func (sh *Shell) runImport(paths []string, mode library.Mode) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	text := widget.NewLabel(lang.L("Reading files…"))
	prog := dialog.NewCustom(lang.L("Importing"), lang.L("Cancel"), container.NewVBox(text, bar), sh.win)
	prog.SetOnClosed(cancel)
	prog.Resize(fyne.NewSize(520, 160))
	prog.Show()
	var mu sync.Mutex
	var last time.Time
	progress := func(p library.Progress) {
		mu.Lock()
		now := time.Now()
		if p.Done < p.Total && now.Sub(last) < 50*time.Millisecond {
			mu.Unlock()
			return
		}
		last = now
		mu.Unlock()
		sh.b.Do(func() {
			if p.Total > 0 {
				bar.SetValue(float64(p.Done) / float64(p.Total))
			}
			if p.Stage == "reading" {
				text.SetText(fmt.Sprintf(lang.L("Reading %d of %d files…"), p.Done, p.Total))
			} else {
				text.SetText(fmt.Sprintf(lang.L("Importing %d of %d new images · %d added · %d already in the library · %d kept out"),
					p.Done, p.Total, p.Added, p.Present, p.Failed))
			}
		})
	}
	sh.b.Begin()
	go func() {
		res, err := sh.lib.Import(ctx, paths, library.ImportOptions{Mode: mode, Progress: progress})
		sh.b.Post(func() {
			prog.Hide()
			cancel()
			sh.importDone(res, err)
		})
	}()
}

// LastImport is the result of the last import (tests).
var lastImport struct {
	res *library.ImportResult
	err error
}

func (sh *Shell) importDone(res *library.ImportResult, err error) {
	lastImport.res, lastImport.err = res, err
	if sh.onList {
		sh.screen.Refresh()
	}
	if err != nil && res == nil {
		if ctxErr(err) {
			dialog.ShowInformation(lang.L("Import cancelled"), lang.L("What was imported before Cancel stays in the library; importing again adds the rest."), sh.win)
			return
		}
		sh.showError(err)
		return
	}
	summary := fmt.Sprintf(lang.L("%d images added to %d studies (%d copied into the library); %d already in the library."),
		res.Added, len(res.Studies), res.Copied, res.Present)
	objs := []fyne.CanvasObject{widget.NewLabel(summary)}
	kept := 0
	var lines []string
	for _, p := range res.Problems {
		tag := lang.L("loaded with a warning")
		if p.KeptOut {
			tag = lang.L("kept out")
			kept++
		}
		lines = append(lines, fmt.Sprintf("%s — %s: %s", p.Path, tag, p.Reason))
	}
	if len(lines) > 0 {
		objs = append(objs, widget.NewLabelWithStyle(fmt.Sprintf(lang.L("%d files kept out, %d with warnings:"), kept, len(lines)-kept),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(strings.Join(lines, "\n"))
		sc := container.NewScroll(l)
		sc.SetMinSize(fyne.NewSize(700, 240))
		objs = append(objs, sc)
	}
	d := dialog.NewCustom(lang.L("Import finished"), lang.L("Close"), container.NewVBox(objs...), sh.win)
	d.Show()
}

// Remove.

// ShowRemove asks to remove a study from the library, saying what
// happens to its files and report.
func (sh *Shell) ShowRemove(r library.Row) {
	sh.b.Begin()
	go func() {
		info, err := sh.lib.StudyInfo(context.Background(), r.StudyUID)
		sh.b.Post(func() {
			if err != nil {
				sh.showError(err)
				return
			}
			copied, ref := 0, 0
			for _, se := range info.Series {
				for _, in := range se.Instances {
					if in.Copied {
						copied++
					} else {
						ref++
					}
				}
			}
			msg := fmt.Sprintf(lang.L("Remove the study of %s, %s, accession %s, from the library?"),
				orDash(r.PatientName), orDash(l10n.DateISO(r.StudyDate, i18n.Lang())), orDash(r.Accession)) + "\n\n• " +
				fmt.Sprintf(lang.L("%d files copied into the library will be deleted."), copied) + "\n• " +
				fmt.Sprintf(lang.L("%d files referenced where they were imported from are not touched."), ref) + "\n• " +
				fmt.Sprintf(lang.L("The report (%s) is kept: importing the study again finds it."), strings.ToLower(ReportText(r.Report, sh.screen.loc)))
			d := dialog.NewConfirm(lang.L("Remove study"), msg, func(ok bool) {
				if ok {
					sh.remove(r.StudyUID)
				}
			}, sh.win)
			d.SetConfirmText(lang.L("Remove"))
			d.SetDismissText(lang.L("Keep"))
			d.Show()
		})
	}()
}

func (sh *Shell) remove(uid string) {
	sh.b.Begin()
	go func() {
		res, err := sh.lib.Remove(context.Background(), uid)
		sh.b.Post(func() {
			sh.screen.Refresh()
			if err != nil {
				sh.showError(err)
				return
			}
			dialog.ShowInformation(lang.L("Study removed"),
				fmt.Sprintf(lang.L("%d copied files deleted, %d referenced files left where they are."), res.Deleted, res.Kept), sh.win)
		})
	}()
}

// Rescan.

// ShowRescan checks a study's files and, optionally, looks for moved
// ones in a folder.
func (sh *Shell) ShowRescan(r library.Row) {
	run := func(dirs ...string) {
		sh.b.Begin()
		go func() {
			res, err := sh.lib.Rescan(context.Background(), r.StudyUID, dirs...)
			sh.b.Post(func() {
				sh.screen.Refresh()
				if err != nil {
					sh.showError(err)
					return
				}
				dialog.ShowInformation(lang.L("Rescan"), fmt.Sprintf(lang.L("%d files present, %d missing, %d found elsewhere and re-pointed."),
					res.Present, res.Missing, res.Relocated), sh.win)
			})
		}()
	}
	msg := widget.NewLabel(fmt.Sprintf(lang.L("%d files of this study are not where they were imported from (a CD taken out, a folder moved or deleted)."), r.Missing) +
		"\n" + lang.L("Check them again, or choose the folder they were moved to."))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	folder := widget.NewButton(lang.L("Search a folder…"), func() {
		d.Hide()
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if u != nil {
				run(u.Path())
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	check := widget.NewButton(lang.L("Check again"), func() { d.Hide(); run() })
	d = dialog.NewCustom(lang.L("Missing files"), lang.L("Close"), container.NewVBox(msg, container.NewHBox(check, folder)), sh.win)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// Audit.

// AuditView is the audit log window's content.
type AuditView struct {
	Table   *widget.Table
	Entries []library.AuditEntry
}

// auditLimit is how many entries the window lists (the CSV has all).
const auditLimit = 2000

// ShowAudit shows the audit log (newest first) with "Export CSV…".
func (sh *Shell) ShowAudit() {
	sh.b.Begin()
	go func() {
		entries, err := sh.lib.Audit(context.Background(), 0, auditLimit)
		sh.b.Post(func() {
			if err != nil {
				sh.showError(err)
				return
			}
			sh.showAudit(entries)
		})
	}()
}

var auditCols = []struct {
	title string
	width float32
}{{i18n.K("When"), 170}, {i18n.K("Who"), 110}, {i18n.K("Action"), 80}, {i18n.K("Study Instance UID"), 360}, {i18n.K("Detail"), 300}}

func (sh *Shell) showAudit(entries []library.AuditEntry) *AuditView {
	av := &AuditView{Entries: entries}
	av.Table = widget.NewTableWithHeaders(func() (int, int) { return len(entries), len(auditCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := entries[id.Row]
			t := ""
			switch id.Col {
			case 0:
				if at, err := time.Parse(time.RFC3339, e.At); err == nil {
					t = l10n.Date(at.In(sh.screen.loc), i18n.Lang()) + " " + l10n.TimeSeconds(at.In(sh.screen.loc), i18n.Lang())
				} else {
					t = e.At
				}
			case 1:
				t = e.User
			case 2:
				t = actionWord(e.Action)
			case 3:
				t = e.StudyUID
			case 4:
				t = e.Detail
			}
			o.(*widget.Label).SetText(t)
		})
	av.Table.ShowHeaderColumn = false
	av.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(auditCols[id.Col].title))
		}
	}
	for i, c := range auditCols {
		av.Table.SetColumnWidth(i, c.width)
	}
	export := widget.NewButton(lang.L("Export CSV…"), func() { sh.exportAudit() })
	note := widget.NewLabel(fmt.Sprintf(lang.L("%d most recent entries; the CSV holds the whole log. Studies are named by UID only."), len(entries)))
	content := container.NewBorder(nil, container.NewBorder(nil, nil, nil, export, note), nil, nil, av.Table)
	d := dialog.NewCustom(lang.L("Audit log"), lang.L("Close"), content, sh.win)
	d.Resize(ui.DialogSize(sh.win))
	d.Show()
	return av
}

// actionWords name the audit log's actions (catalogue keys).
var actionWords = map[string]string{library.ActionOpen: i18n.K("open"), library.ActionImport: i18n.K("import"),
	library.ActionSign: i18n.K("sign"), library.ActionAmend: i18n.K("amend"), library.ActionExport: i18n.K("export"),
	library.ActionRemove: i18n.K("remove"), library.ActionRescan: i18n.K("rescan")}

func actionWord(a string) string {
	if w, ok := actionWords[a]; ok {
		return lang.L(w)
	}
	return a
}

// exportAudit writes the whole audit log as CSV, readable by the user
// only (0600).
func (sh *Shell) exportAudit() {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if w == nil {
			return
		}
		name := w.URI().Path()
		w.Close()
		sh.b.Begin()
		go func() {
			err := sh.WriteAuditCSV(name)
			sh.b.Post(func() {
				if err != nil {
					sh.showError(err)
					return
				}
				dialog.ShowInformation(lang.L("Audit log exported"), name, sh.win)
			})
		}()
	}, sh.win)
	fd.SetFileName("hsgview-audit.csv")
	fd.Resize(ui.DialogSize(sh.win))
	fd.Show()
}

// WriteAuditCSV writes the audit log to name, 0600, atomically.
func (sh *Shell) WriteAuditCSV(name string) error {
	var buf bytes.Buffer
	if err := sh.lib.WriteAuditCSV(context.Background(), &buf); err != nil {
		return err
	}
	return privatefile.WritePrivate(name, buf.Bytes())
}
