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
	"fyne.io/fyne/v2/widget"

	"hsgview/internal/privatefile"
	"hsgview/library"
	"hsgview/viewer/ui"
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

const (
	modeCopy = "Copy into the library"
	modeRef  = "Reference (leave the files where they are)"
)

// ShowImport shows the import form, with paths filled in when given.
func (sh *Shell) ShowImport(paths []string) *ImportDialog {
	id := &ImportDialog{sh: sh, auto: true}
	id.paths = widget.NewMultiLineEntry()
	id.paths.SetPlaceHolder("Files, folders, DICOMDIR or zip archives, one per line")
	id.paths.SetMinRowsVisible(3)
	id.mode = widget.NewRadioGroup([]string{modeCopy, modeRef}, func(string) {})
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
	folder := widget.NewButton("Add folder or CD…", func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if u != nil {
				addPath(u.Path())
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	file := widget.NewButton("Add file or zip…", func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if r != nil {
				addPath(r.URI().Path())
				r.Close()
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	note := widget.NewLabel("Copy is preset for CDs, USB sticks (/media, /mnt), DICOMDIR sets and zips: media are taken out, and a referenced study would be lost. Studies already in the library are skipped.")
	note.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(id.paths, container.NewHBox(folder, file), id.mode, note)
	id.d = dialog.NewCustomConfirm("Import studies", "Import", "Cancel", content, func(ok bool) {
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
		id.mode.SetSelected(modeCopy)
	} else {
		id.mode.SetSelected(modeRef)
	}
	id.auto = auto
}

// Mode returns the mode chosen.
func (id *ImportDialog) Mode() library.Mode {
	if id.mode.Selected == modeCopy {
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
	text := widget.NewLabel("Reading files…")
	prog := dialog.NewCustom("Importing", "Cancel", container.NewVBox(text, bar), sh.win)
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
				text.SetText(fmt.Sprintf("Reading %d of %d files…", p.Done, p.Total))
			} else {
				text.SetText(fmt.Sprintf("Importing %d of %d new images · %d added · %d already in the library · %d kept out",
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
			dialog.ShowInformation("Import cancelled", "What was imported before Cancel stays in the library; importing again adds the rest.", sh.win)
			return
		}
		sh.showError(err)
		return
	}
	summary := fmt.Sprintf("%d images added to %d studies (%d copied into the library); %d already in the library.",
		res.Added, len(res.Studies), res.Copied, res.Present)
	objs := []fyne.CanvasObject{widget.NewLabel(summary)}
	kept := 0
	var lines []string
	for _, p := range res.Problems {
		tag := "loaded with a warning"
		if p.KeptOut {
			tag = "kept out"
			kept++
		}
		lines = append(lines, fmt.Sprintf("%s — %s: %s", p.Path, tag, p.Reason))
	}
	if len(lines) > 0 {
		objs = append(objs, widget.NewLabelWithStyle(fmt.Sprintf("%d files kept out, %d with warnings:", kept, len(lines)-kept),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(strings.Join(lines, "\n"))
		sc := container.NewScroll(l)
		sc.SetMinSize(fyne.NewSize(700, 240))
		objs = append(objs, sc)
	}
	d := dialog.NewCustom("Import finished", "Close", container.NewVBox(objs...), sh.win)
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
			msg := fmt.Sprintf("Remove the study of %s, %s, accession %s, from the library?\n\n"+
				"• %d files copied into the library will be deleted.\n"+
				"• %d files referenced where they were imported from are not touched.\n"+
				"• The report (%s) is kept: importing the study again finds it.",
				orDash(r.PatientName), orDash(r.StudyDate), orDash(r.Accession), copied, ref, strings.ToLower(ReportText(r.Report, sh.screen.loc)))
			d := dialog.NewConfirm("Remove study", msg, func(ok bool) {
				if ok {
					sh.remove(r.StudyUID)
				}
			}, sh.win)
			d.SetConfirmText("Remove")
			d.SetDismissText("Keep")
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
			dialog.ShowInformation("Study removed",
				fmt.Sprintf("%d copied files deleted, %d referenced files left where they are.", res.Deleted, res.Kept), sh.win)
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
				dialog.ShowInformation("Rescan", fmt.Sprintf("%d files present, %d missing, %d found elsewhere and re-pointed.",
					res.Present, res.Missing, res.Relocated), sh.win)
			})
		}()
	}
	msg := widget.NewLabel(fmt.Sprintf("%d files of this study are not where they were imported from (a CD taken out, a folder moved or deleted).\n"+
		"Check them again, or choose the folder they were moved to.", r.Missing))
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	folder := widget.NewButton("Search a folder…", func() {
		d.Hide()
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if u != nil {
				run(u.Path())
			}
		}, sh.win)
		fd.Resize(ui.DialogSize(sh.win))
		fd.Show()
	})
	check := widget.NewButton("Check again", func() { d.Hide(); run() })
	d = dialog.NewCustom("Missing files", "Close", container.NewVBox(msg, container.NewHBox(check, folder)), sh.win)
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
}{{"When", 170}, {"Who", 110}, {"Action", 80}, {"Study Instance UID", 360}, {"Detail", 300}}

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
					t = at.In(sh.screen.loc).Format("2006-01-02 15:04:05")
				} else {
					t = e.At
				}
			case 1:
				t = e.User
			case 2:
				t = e.Action
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
			o.(*widget.Label).SetText(auditCols[id.Col].title)
		}
	}
	for i, c := range auditCols {
		av.Table.SetColumnWidth(i, c.width)
	}
	export := widget.NewButton("Export CSV…", func() { sh.exportAudit() })
	note := widget.NewLabel(fmt.Sprintf("%d most recent entries; the CSV holds the whole log. Studies are named by UID only.", len(entries)))
	content := container.NewBorder(nil, container.NewBorder(nil, nil, nil, export, note), nil, nil, av.Table)
	d := dialog.NewCustom("Audit log", "Close", content, sh.win)
	d.Resize(ui.DialogSize(sh.win))
	d.Show()
	return av
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
				dialog.ShowInformation("Audit log exported", name, sh.win)
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
