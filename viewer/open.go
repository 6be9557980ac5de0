package viewer

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/recent"
	"github.com/hsgview/hsgview/viewer/studytext"
	"github.com/hsgview/hsgview/viewer/thumbs"
)

// Open loads paths (files, folders, DICOMDIR, zip) in the background and
// shows the first study by the hanging protocol.
func (v *Viewer) Open(paths []string) {
	if v.loading || len(paths) == 0 {
		return
	}
	v.loading = true
	v.noRecent = false
	v.progressBar.SetValue(0)
	v.progressBar.Show()
	v.status.SetText(fmt.Sprintf(lang.L("Reading %s…"), describePaths(paths)))
	pr := &progress{b: v.b, interval: progressInterval, update: func(done, total int) {
		if total > 0 && v.loading {
			v.progressBar.SetValue(float64(done) / float64(total))
			v.status.SetText(fmt.Sprintf(lang.L("Reading %d of %d files…"), done, total))
		}
	}}
	v.b.Begin()
	go func() {
		c, err := dicomio.Open(paths, &dicomio.Options{Progress: pr.report})
		v.b.loaded(v, paths, c, err)
	}()
}

// OpenStudyFiles opens the files of one library study as Open does,
// without a Recent studies entry (the study list is the memory of
// library studies, and a study's file list is no label for a menu).
func (v *Viewer) OpenStudyFiles(files []string) {
	if v.loading || len(files) == 0 {
		return
	}
	v.Open(files)
	v.noRecent = true
}

// Loading reports whether files are being read.
func (v *Viewer) Loading() bool { return v.loading }

// progressInterval limits progress updates to ~20 per second.
const progressInterval = 50_000_000

func describePaths(paths []string) string {
	if len(paths) == 1 {
		return paths[0]
	}
	return fmt.Sprintf(lang.N("%d paths", len(paths)), len(paths))
}

// applyCollection shows the result of Open (called through the bridge).
func (v *Viewer) applyCollection(paths []string, c *dicomio.Collection, err error) {
	v.loading = false
	v.progressBar.Hide()
	if err != nil && (c == nil || len(c.Studies) == 0) {
		v.status.SetText(lang.L("Nothing opened"))
		v.showErrors(c)
		v.showError(err)
		return
	}
	v.closeCollection()
	v.coll, v.paths = c, paths
	v.showErrors(c)
	if len(viewable(c)) == 0 {
		v.Clear()
		v.status.SetText(fmt.Sprintf(lang.L("No DICOM images found in %s"), describePaths(paths)))
		v.setErrorsVisible(len(c.Errors) > 0)
		return
	}
	// The study with the most images; on a tie, the first.
	best := viewable(c)[0]
	for _, s := range viewable(c) {
		if len(s.Images) > len(best.Images) {
			best = s
		}
	}
	v.ShowStudy(best)
	if len(paths) > 0 && !isDemo(paths) && !v.noRecent {
		list := recent.AddRecent(fyne.CurrentApp().Preferences(), recent.RecentStudy{Paths: paths, Label: recent.StudyLabel(best)})
		v.updateRecentMenu(list)
	}
}

// viewable returns the studies of c that have images: a study of
// documents only (an RT plan, a dose report without its images) has
// nothing to show or report on.
func viewable(c *dicomio.Collection) []*dicomio.Study {
	var out []*dicomio.Study
	for _, s := range c.Studies {
		if len(s.Images) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// isDemo reports whether paths are the generated demo study (not worth a
// recent entry).
func isDemo(paths []string) bool {
	return len(paths) == 1 && strings.Contains(paths[0], "hsgview") && strings.HasSuffix(strings.TrimRight(paths[0], "/\\"), "demo")
}

func (v *Viewer) closeCollection() {
	v.rep.Close()
	if v.thumbCancel != nil {
		v.thumbCancel()
		v.thumbCancel = nil
	}
	for _, p := range v.panes {
		p.stop()
	}
	if v.coll != nil {
		v.coll.Close()
		v.coll = nil
	}
}

// OpenCollection shows an already opened collection (its first study with
// the most images). The viewer closes it when another is opened.
func (v *Viewer) OpenCollection(c *dicomio.Collection) {
	v.applyCollection(nil, c, nil)
}

// ShowStudy arranges st by the HSG hanging protocol.
func (v *Viewer) ShowStudy(st *dicomio.Study) {
	v.study = st
	v.tl, v.tlKey = st.Timeline, ""
	v.hang(st.Hanging())
	v.activate(v.panes[0])
	v.updateToolbar()
	v.setThumbnails(st)
	v.marks.detach()
	v.rep.Open(st, v.paths)
	v.win.SetTitle("hsgview – " + recent.StudyLabel(st))
	v.status.SetText(studyStatus(st, v.tl))
	if v.opts.Shown != nil {
		v.opts.Shown(st)
	}
	if v.coll != nil && len(viewable(v.coll)) > 1 {
		v.studyBtn.SetText(fmt.Sprintf(lang.L("Study (%d)"), len(viewable(v.coll))))
		v.studyBtn.Show()
	} else {
		v.studyBtn.Hide()
	}
	v.focusActive()
}

// hang arranges the panes by hanging h of the study shown. Until the
// user loads an image into a pane or changes the layout (autoHung), the
// draft's timing corrections, once it is open, hang the panes again.
func (v *Viewer) hang(h dicomio.Hanging) {
	st := v.study
	v.layout = Layout{h.Cols, h.Rows}
	for i, p := range v.panes {
		s := h.Slots[i]
		switch {
		case s.Entry != nil:
			p.Load(st, s.Entry, s.Entry.Instance, s.Frame)
		case s.Warn:
			p.ShowMissing(i18n.Known(s.Title), studytext.KnownAll(s.Message)...)
		default:
			p.Clear(studytext.KnownAll(s.Message)...)
		}
	}
	v.autoHung = true
	v.chosen = [maxPanes]bool{}
	v.grid.Refresh()
}

// studyStatus is the status line of a study: image count, T0 and its
// source, and how the delayed image was found.
func studyStatus(st *dicomio.Study, tl *dicomio.Timeline) string {
	s := recent.StudyLabel(st)
	if tl == nil {
		return s
	}
	if tl.HasT0 {
		s += " · " + fmt.Sprintf(lang.L("contrast T0 %s (%s)"), studytext.Clock(tl.T0), i18n.Known(tl.T0Source))
	}
	if d := tl.Delayed; d != nil {
		s += " · " + lang.L("delayed image:") + " " + studytext.SeriesText(d.Instance) + " " + l10n.Minutes(d.Minutes, i18n.Lang())
		if d.Instance.StudyInstanceUID != st.UID {
			// A film filed under its own study or accession (§4.7.1).
			acc := d.Instance.AccessionNumber
			if acc == "" {
				acc = lang.L("none")
			}
			s += " (" + fmt.Sprintf(lang.L("from another study of this patient, accession %s"), acc) + ")"
		}
	} else if tl.Note != "" {
		s += " · " + i18n.Known(tl.Note)
	}
	return s
}

// setThumbnails fills the strip with st's images in time order and starts
// making their pictures.
func (v *Viewer) setThumbnails(st *dicomio.Study) {
	if v.thumbCancel != nil {
		v.thumbCancel()
		v.thumbCancel = nil
	}
	v.thumbs = nil
	v.thumbBox.Objects = nil
	if tl := v.timeline(); st != nil && tl != nil {
		// By series, each under its header, in time order.
		for _, g := range thumbs.Groups(tl) {
			v.thumbBox.Add(thumbs.NewHeader(g, thumbs.Width, v.tips))
			for _, e := range g.Entries {
				t := thumbs.NewThumbnail(e, v.tips)
				t.OnTapped = v.thumbTapped
				t.OnDragged = v.thumbDragged
				t.OnDragEnd = v.thumbDropped
				v.thumbs = append(v.thumbs, t)
				v.thumbBox.Add(t)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		v.thumbCancel = cancel
		v.panesReady = make(chan struct{})
		makeThumbnails(ctx, v.b, v.thumbs, v.panesReady)
		v.paneRendered(nil)
	}
	v.thumbBox.Refresh()
	v.updateSelection()
}

func (v *Viewer) showErrors(c *dicomio.Collection) {
	if c == nil || len(c.Errors) == 0 {
		v.errorsText.SetText("")
		v.errorsBtn.Hide()
		v.setErrorsVisible(false)
		return
	}
	lines := make([]string, len(c.Errors))
	for i, e := range c.Errors {
		lines[i] = e.Error()
	}
	v.errorsText.SetText(strings.Join(lines, "\n"))
	n := len(c.Errors)
	s := fmt.Sprintf(lang.N("%d files could not be read", n), n)
	v.errorsBtn.SetText(s)
	v.errorsBtn.Show()
}

func (v *Viewer) toggleErrors() {
	if v.errorsBtn.Hidden {
		// Say so, rather than have the key do nothing visible.
		v.notify(lang.L("No file failed to load"))
		return
	}
	v.setErrorsVisible(!v.errorsPanel.Visible())
}

func (v *Viewer) setErrorsVisible(on bool) {
	if on {
		v.errorsPanel.Show()
	} else {
		v.errorsPanel.Hide()
	}
	if c, ok := v.root.(*fyne.Container); ok {
		for _, o := range c.Objects { // the window's content under the strip's tips
			o.Refresh()
		}
	}
}

// ErrorLines returns the lines of the errors panel.
func (v *Viewer) ErrorLines() []string {
	if v.errorsText.Text == "" {
		return nil
	}
	return strings.Split(v.errorsText.Text, "\n")
}

// OpenDemo writes the bundled demo study (Options.Demo) in the background
// and opens it.
func (v *Viewer) OpenDemo() {
	if v.opts.Demo == nil {
		return
	}
	v.status.SetText(lang.L("Writing the demo study…"))
	v.b.Begin()
	go func() {
		paths, err := v.opts.Demo()
		v.b.demoReady(v, paths, err)
	}()
}
