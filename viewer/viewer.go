package viewer

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hsgview/dicomio"
)

// cacheBudget is the memory for decoded frames shared by all panes (a
// 1024² × 120-frame 16-bit run is 240 MiB).
const cacheBudget = 768 << 20

// Options configure a [Viewer].
type Options struct {
	// Demo, if set, writes the bundled demo study and returns the paths to
	// open. It is called on a background goroutine (File → Open demo study).
	Demo func() ([]string, error)
	// DraftDir is the folder of the report drafts store;
	// annotate.DefaultDraftDir() when empty.
	DraftDir string
	// SettingsPath is the report settings file;
	// annotate.DefaultSettingsPath() when empty.
	SettingsPath string
}

// Viewer is hsgview's study window: a toolbar, the thumbnail strip of the
// study in time order, a grid of up to four [Pane]s arranged by the HSG
// hanging protocol, room on the right for a side panel, and a status bar
// with loading progress and the files that could not be read.
//
// All methods must be called on the Fyne goroutine.
type Viewer struct {
	win   fyne.Window
	b     *bridge
	cache *dicomio.FrameCache
	opts  Options

	coll    *dicomio.Collection
	study   *dicomio.Study
	paths   []string
	loading bool

	panes  [maxPanes]*Pane
	layout Layout
	active int
	sync   bool
	tool   NavigateTool // shared by all panes

	grid        *fyne.Container
	work        *fyne.Container // the grid, or a split of grid and side panel
	side        fyne.CanvasObject
	thumbs      []*Thumbnail
	thumbBox    *fyne.Container
	thumbStrip  fyne.CanvasObject
	thumbCancel context.CancelFunc
	panesReady  chan struct{} // closed when the panes show their first images

	toolbar      *fyne.Container
	layoutBtns   map[Layout]*widget.Button
	modeBtns     map[DragMode]*widget.Button
	syncBtn      *widget.Button
	studyBtn     *widget.Button
	dialog       dialog.Dialog   // the dialog on top, closed by Esc
	dialogsBelow []dialog.Dialog // dialogs open under it, oldest first
	status       *widget.Label
	progressBar  *widget.ProgressBar
	errorsBtn    *widget.Button
	errorsText   *widget.Label
	errorsPanel  fyne.CanvasObject
	root         fyne.CanvasObject
	recentMenu   *fyne.MenuItem
	mainMenu     *fyne.MainMenu
	lightTheme   bool
	notices      int // notify calls, so that only the last one is cleared

	rep   reportUI    // the study's report draft and the findings panel (report.go)
	marks *markEditor // the marks tools (marks.go)
}

// New builds the viewer into window w: content, main menu, keyboard map,
// file drop. It must be called on the Fyne goroutine.
//
// The theme is hsgview's dark one unless the user chose the light one
// (View menu), which is remembered.
func New(w fyne.Window, opts Options) *Viewer {
	a := fyne.CurrentApp()
	a.Settings().SetTheme(NewTheme(a.Preferences().Bool(themeKey)))
	v := newViewer(w, newBridge(), opts)
	v.install()
	v.restoreReportPanel()
	return v
}

func newViewer(w fyne.Window, b *bridge, opts Options) *Viewer {
	v := &Viewer{win: w, b: b, opts: opts, cache: dicomio.NewFrameCache(cacheBudget), layout: Layout1x2}
	v.marks = newMarkEditor(v)
	for i := range v.panes {
		p := newPane(b, v.cache)
		p.ed = v.marks
		p.view.SetTool(v.marks.tool)
		p.OnActivate = v.activate
		p.OnRendered = v.paneRendered
		p.view.OnTypedKey = v.TypedKey
		p.view.OnTypedRune = v.TypedRune
		p.view.OnUserWindow = func(d fyne.Delta) { v.follow(p, func(o *Pane) { o.view.adjustWindow(d) }) }
		p.view.OnUserZoom = func(f float64, about fyne.Delta) {
			v.follow(p, func(o *Pane) {
				s := o.view.Size()
				o.view.zoomBy(f, fyne.NewPos(s.Width/2+about.DX, s.Height/2+about.DY))
			})
		}
		p.view.OnUserPan = func(d fyne.Delta) { v.follow(p, func(o *Pane) { o.view.panBy(d) }) }
		v.panes[i] = p
	}
	v.build()
	v.onReportOpened(func(s *reportSession) { v.marks.attach(s) })
	v.Clear()
	return v
}

// install puts the viewer into its window.
func (v *Viewer) install() {
	v.win.SetContent(v.root)
	v.mainMenu = v.menu()
	v.win.SetMainMenu(v.mainMenu)
	// Keys reach the canvas when no widget has the focus (after a dialog
	// closed): take it back, so that Tab does not walk into the toolbar.
	v.win.Canvas().SetOnTypedRune(func(r rune) {
		v.focusActive()
		v.TypedRune(r)
	})
	v.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		v.focusActive()
		v.TypedKey(ev)
	})
	v.win.SetOnDropped(v.dropped)
	// Ctrl+Y redoes too (the Edit menu shows Ctrl+Shift+Z).
	v.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { v.marks.Redo() })
	// Changes typed in the last moments are saved before the program ends.
	fyne.CurrentApp().Lifecycle().SetOnStopped(v.closeReport)
	v.focusActive()
}

// dropped opens files and folders dropped onto the window.
func (v *Viewer) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		v.Open(paths)
	}
}

// Root returns the viewer's content.
func (v *Viewer) Root() fyne.CanvasObject { return v.root }

// Pane returns pane i (0 left, 1 right, 2 and 3 the lower row of 2×2).
func (v *Viewer) Pane(i int) *Pane { return v.panes[i] }

// ActivePane returns the pane keys and thumbnail clicks act on.
func (v *Viewer) ActivePane() *Pane { return v.panes[v.active] }

// Study returns the study shown, or nil.
func (v *Viewer) Study() *dicomio.Study { return v.study }

// Layout returns the pane layout.
func (v *Viewer) Layout() Layout { return v.layout }

// Synced reports whether window/level and zoom/pan are locked across panes.
func (v *Viewer) Synced() bool { return v.sync }

// SetSidePanel shows obj to the right of the panes, in a split the user
// can resize (e.g. the findings form); nil removes it.
func (v *Viewer) SetSidePanel(obj fyne.CanvasObject) {
	v.side = obj
	if obj == nil {
		v.work.Objects = []fyne.CanvasObject{v.grid}
	} else {
		split := container.NewHSplit(v.grid, obj)
		split.Offset = 0.72
		v.work.Objects = []fyne.CanvasObject{split}
	}
	v.work.Refresh()
}

// build makes the widgets and containers.
func (v *Viewer) build() {
	objs := make([]fyne.CanvasObject, maxPanes)
	for i, p := range v.panes {
		objs[i] = p
	}
	v.grid = container.New(&paneGrid{v: v}, objs...)
	v.work = container.NewStack(v.grid)

	v.thumbBox = container.NewVBox()
	strip := container.NewVScroll(v.thumbBox)
	// A fixed width, so that the panes do not move when a study opens.
	strip.SetMinSize(fyne.NewSize(thumbWidth+theme.Size(theme.SizeNameScrollBar), 0))
	v.thumbStrip = strip

	v.status = widget.NewLabel("")
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.progressBar = widget.NewProgressBar()
	v.progressBar.Hide()
	v.errorsBtn = widget.NewButtonWithIcon("", theme.WarningIcon(), v.toggleErrors)
	v.errorsBtn.Importance = widget.WarningImportance
	v.errorsBtn.Hide()
	v.errorsText = widget.NewLabel("")
	scroll := container.NewVScroll(v.errorsText)
	scroll.SetMinSize(fyne.NewSize(0, 110))
	title := widget.NewLabelWithStyle("Files that could not be read", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.errorsPanel = container.NewBorder(container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon("", theme.CancelIcon(), v.toggleErrors), title), nil, nil, nil, scroll)
	v.errorsPanel.Hide()
	progress := container.NewGridWrap(fyne.NewSize(180, v.progressBar.MinSize().Height), v.progressBar)
	statusBar := container.NewBorder(nil, nil, nil, container.NewHBox(progress, v.errorsBtn), v.status)

	v.toolbar = v.buildToolbar()
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	v.root = container.NewBorder(
		container.NewVBox(v.toolbar, sep()),
		container.NewVBox(v.errorsPanel, sep(), statusBar),
		container.NewHBox(v.thumbStrip, sep(), v.marks.paletteBox, sep()), nil,
		v.work)
}

func (v *Viewer) buildToolbar() *fyne.Container {
	btn := func(label string, icon fyne.Resource, fn func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, func() {
			fn()
			v.focusActive()
		})
		b.Importance = widget.LowImportance
		return b
	}
	v.layoutBtns = map[Layout]*widget.Button{}
	for _, l := range layouts {
		v.layoutBtns[l] = btn(l.String(), nil, func() { v.SetLayout(l) })
	}
	v.modeBtns = map[DragMode]*widget.Button{}
	for _, m := range []DragMode{DragWindow, DragPan, DragZoom} {
		v.modeBtns[m] = btn(m.String(), nil, func() { v.SetDragMode(m) })
	}
	v.marks.buildPalette(btn)
	var presetBtn *widget.Button
	presetBtn = btn("Presets", theme.MenuDropDownIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(presetBtn).Add(fyne.NewPos(0, presetBtn.Size().Height))
		widget.ShowPopUpMenuAtPosition(v.presetMenu(), v.win.Canvas(), pos)
	})
	v.syncBtn = btn("Sync", theme.ViewRefreshIcon(), func() { v.SetSync(!v.sync) })
	v.studyBtn = btn("Study", theme.MenuDropDownIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.studyBtn).Add(fyne.NewPos(0, v.studyBtn.Size().Height))
		widget.ShowPopUpMenuAtPosition(v.studyMenu(), v.win.Canvas(), pos)
	})
	v.studyBtn.Hide()
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	left := container.NewHBox(
		btn("Open", theme.FileIcon(), v.openFileDialog),
		btn("Folder", theme.FolderOpenIcon(), v.openFolderDialog),
		sep(),
		v.layoutBtns[Layout1x1], v.layoutBtns[Layout1x2], v.layoutBtns[Layout2x2],
		sep(),
		v.modeBtns[DragWindow], v.modeBtns[DragPan], v.modeBtns[DragZoom],
		sep(),
		presetBtn, btn("Full range", nil, v.fullRange),
		sep(),
		btn("Fit", theme.ZoomFitIcon(), v.fit), btn("1:1", nil, v.actualSize),
		sep(),
		btn("", theme.MediaReplayIcon(), func() { v.rotate(-1) }),
		btn("Rotate", theme.ViewRefreshIcon(), func() { v.rotate(1) }),
		btn("Flip H", nil, func() { v.flip(true) }),
		btn("Flip V", nil, func() { v.flip(false) }),
		btn("Invert", theme.ColorPaletteIcon(), v.invert),
		btn("Reset", theme.ContentUndoIcon(), v.reset),
		sep(),
		v.syncBtn,
	)
	right := container.NewHBox(v.studyBtn, btn("", theme.HelpIcon(), v.showHelp))
	v.updateToolbar()
	return container.NewBorder(nil, nil, left, right)
}

// updateToolbar highlights the current layout, tool and sync state.
func (v *Viewer) updateToolbar() {
	set := func(b *widget.Button, on bool) {
		imp := widget.LowImportance
		if on {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	for l, b := range v.layoutBtns {
		set(b, l == v.layout)
	}
	for m, b := range v.modeBtns {
		set(b, v.marks.mode == modeNavigate && m == v.tool.Primary)
	}
	v.marks.updateButtons(set)
	set(v.syncBtn, v.sync)
}

// paneGrid lays the first Layout.Panes() panes out in a grid and hides the
// others.
type paneGrid struct{ v *Viewer }

func (g *paneGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l := g.v.layout
	const gap = 2
	w := (size.Width - gap*float32(l.Cols-1)) / float32(l.Cols)
	h := (size.Height - gap*float32(l.Rows-1)) / float32(l.Rows)
	for i, o := range objs {
		if i >= l.Panes() {
			o.Hide()
			continue
		}
		o.Show()
		c, r := i%l.Cols, i/l.Cols
		o.Move(fyne.NewPos(float32(c)*(w+gap), float32(r)*(h+gap)))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (g *paneGrid) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 150) }

// Clear shows the empty viewer.
func (v *Viewer) Clear() {
	for i, p := range v.panes {
		if i == 0 {
			p.Clear("No study open", "Open files or a folder (Ctrl+O), or drop them here")
		} else {
			p.Clear()
		}
	}
	v.setThumbnails(nil)
	v.status.SetText("")
}

// Open loads paths (files, folders, DICOMDIR, zip) in the background and
// shows the first study by the hanging protocol.
func (v *Viewer) Open(paths []string) {
	if v.loading || len(paths) == 0 {
		return
	}
	v.loading = true
	v.progressBar.SetValue(0)
	v.progressBar.Show()
	v.status.SetText("Reading " + describePaths(paths) + "…")
	pr := &progress{b: v.b, interval: progressInterval, update: func(done, total int) {
		if total > 0 && v.loading {
			v.progressBar.SetValue(float64(done) / float64(total))
			v.status.SetText(fmt.Sprintf("Reading %d of %d files…", done, total))
		}
	}}
	v.b.begin()
	go func() {
		c, err := dicomio.Open(paths, &dicomio.Options{Progress: pr.report})
		v.b.loaded(v, paths, c, err)
	}()
}

// progressInterval limits progress updates to ~20 per second.
const progressInterval = 50_000_000 // 50 ms

func describePaths(paths []string) string {
	if len(paths) == 1 {
		return paths[0]
	}
	return fmt.Sprintf("%d paths", len(paths))
}

// applyCollection shows the result of Open (called through the bridge).
func (v *Viewer) applyCollection(paths []string, c *dicomio.Collection, err error) {
	v.loading = false
	v.progressBar.Hide()
	if err != nil && (c == nil || len(c.Studies) == 0) {
		v.status.SetText("Nothing opened")
		v.showErrors(c)
		v.showError(err)
		return
	}
	v.closeCollection()
	v.coll, v.paths = c, paths
	v.showErrors(c)
	if len(viewable(c)) == 0 {
		v.Clear()
		v.status.SetText("No DICOM images found in " + describePaths(paths))
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
	if len(paths) > 0 && !isDemo(paths) {
		list := addRecent(fyne.CurrentApp().Preferences(), recentStudy{Paths: paths, Label: studyLabel(best)})
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
	v.closeReport()
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
	h := hsgHanging(st)
	v.layout = h.layout
	for i, p := range v.panes {
		s := h.slots[i]
		switch {
		case s.entry != nil:
			p.Load(st, s.entry, s.entry.Instance, s.frame)
		case s.warn:
			p.ShowMissing(s.title, s.message...)
		default:
			p.Clear(s.message...)
		}
	}
	v.activate(v.panes[0])
	v.grid.Refresh()
	v.updateToolbar()
	v.setThumbnails(st)
	v.marks.detach()
	v.openReport(st)
	v.win.SetTitle("hsgview – " + studyLabel(st))
	v.status.SetText(studyStatus(st))
	if v.coll != nil && len(viewable(v.coll)) > 1 {
		v.studyBtn.SetText(fmt.Sprintf("Study (%d)", len(viewable(v.coll))))
		v.studyBtn.Show()
	} else {
		v.studyBtn.Hide()
	}
	v.focusActive()
}

// studyStatus is the status line of a study: image count, T0 and its
// source, and how the delayed image was found.
func studyStatus(st *dicomio.Study) string {
	s := studyLabel(st)
	tl := st.Timeline
	if tl == nil {
		return s
	}
	if tl.HasT0 {
		s += " · contrast T0 " + formatClock(tl.T0) + " (" + tl.T0Source + ")"
	}
	if d := tl.Delayed; d != nil {
		s += " · delayed image: " + seriesText(d.Instance) + " " + formatMinutes(d.Minutes)
		if d.Instance.StudyInstanceUID != st.UID {
			// A film filed under its own study or accession (§4.7.1).
			acc := d.Instance.AccessionNumber
			if acc == "" {
				acc = "none"
			}
			s += " (from another study of this patient, accession " + acc + ")"
		}
	} else if tl.Note != "" {
		s += " · " + tl.Note
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
	if st != nil && st.Timeline != nil {
		for i := range st.Timeline.Entries {
			t := NewThumbnail(&st.Timeline.Entries[i])
			t.OnTapped = v.thumbTapped
			t.OnDragged = v.thumbDragged
			t.OnDragEnd = v.thumbDropped
			v.thumbs = append(v.thumbs, t)
			v.thumbBox.Add(t)
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

// paneRendered lets the thumbnails start once every visible pane with a
// decodable image has shown it (or failed).
func (v *Viewer) paneRendered(*Pane) {
	if v.panesReady == nil {
		return
	}
	for i, p := range v.panes {
		if i < v.layout.Panes() && p.loading {
			return
		}
	}
	close(v.panesReady)
	v.panesReady = nil
}

// updateSelection marks the thumbnails shown in visible panes.
func (v *Viewer) updateSelection() {
	shown := map[*dicomio.Instance]bool{}
	for i, p := range v.panes {
		if i < v.layout.Panes() && p.in != nil {
			shown[p.in] = true
		}
	}
	for _, t := range v.thumbs {
		t.SetSelected(shown[t.entry.Instance])
	}
}

func (v *Viewer) thumbTapped(t *Thumbnail) {
	v.loadInto(v.ActivePane(), t.entry)
	v.focusActive()
}

func (v *Viewer) thumbDragged(t *Thumbnail, abs fyne.Position) {
	target := v.paneAt(abs)
	for _, p := range v.panes {
		p.SetDropTarget(p == target)
	}
}

func (v *Viewer) thumbDropped(t *Thumbnail, abs fyne.Position) {
	for _, p := range v.panes {
		p.SetDropTarget(false)
	}
	if p := v.paneAt(abs); p != nil {
		v.loadInto(p, t.entry)
		v.activate(p)
		v.focusActive()
	}
}

// paneAt returns the visible pane under absolute position abs, or nil.
func (v *Viewer) paneAt(abs fyne.Position) *Pane {
	d := fyne.CurrentApp().Driver()
	for i, p := range v.panes {
		if i >= v.layout.Panes() {
			break
		}
		pos, size := d.AbsolutePositionForObject(p), p.Size()
		if abs.X >= pos.X && abs.Y >= pos.Y && abs.X < pos.X+size.Width && abs.Y < pos.Y+size.Height {
			return p
		}
	}
	return nil
}

func (v *Viewer) loadInto(p *Pane, e *dicomio.Entry) {
	p.Load(v.study, e, e.Instance, defaultFrame(e.Instance))
	v.updateSelection()
}

// activate makes p the active pane.
func (v *Viewer) activate(p *Pane) {
	for i, x := range v.panes {
		if x == p {
			v.active = i
		}
		x.SetActive(x == p)
	}
}

// focusActive gives the keyboard focus to the active pane's view, so that
// keys (including Tab) reach the key map.
func (v *Viewer) focusActive() {
	if c := v.win.Canvas(); c != nil {
		c.Focus(v.ActivePane().view)
	}
}

// nextPane activates the next visible pane (d = -1: previous).
func (v *Viewer) nextPane(d int) {
	if drv, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && drv.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 {
		d = -d
	}
	n := v.layout.Panes()
	v.activate(v.panes[((v.active+d)%n+n)%n])
	v.focusActive()
}

// SetLayout changes the pane grid.
func (v *Viewer) SetLayout(l Layout) {
	v.layout = l
	if v.active >= l.Panes() {
		v.activate(v.panes[0])
	}
	v.grid.Refresh()
	v.updateToolbar()
	v.updateSelection()
	v.focusActive()
}

func (v *Viewer) cycleLayout() {
	for i, l := range layouts {
		if l == v.layout {
			v.SetLayout(layouts[(i+1)%len(layouts)])
			return
		}
	}
	v.SetLayout(Layout1x2)
}

// SetSync locks (or unlocks) window/level and zoom/pan across the visible
// panes. Window changes follow as the same fraction of each image's value
// range, so a spot image and a radiograph of different bit depths move
// together.
func (v *Viewer) SetSync(on bool) {
	v.sync = on
	v.updateToolbar()
	if on {
		v.notify("Window/level and zoom/pan synchronised across panes")
	} else {
		v.notify("Panes independent")
	}
}

// notify shows msg in the status bar for a few seconds, then the study
// line again.
func (v *Viewer) notify(msg string) {
	v.status.SetText(msg)
	v.notices++
	n := v.notices
	v.b.after(noticeTime, func() {
		if v.notices == n && !v.loading {
			v.status.SetText(v.statusLine())
		}
	})
}

const noticeTime = 3 * time.Second

// statusLine is the status bar text when nothing else is going on.
func (v *Viewer) statusLine() string {
	if v.study == nil {
		return ""
	}
	return studyStatus(v.study)
}

// SetDragMode chooses what the left mouse button does.
func (v *Viewer) SetDragMode(m DragMode) {
	v.tool.Primary = m
	v.marks.setMode(modeNavigate)
	v.updateToolbar()
}

// follow applies a user change made in pane from to the other visible
// panes when synchronised.
func (v *Viewer) follow(from *Pane, apply func(o *Pane)) {
	if !v.sync {
		return
	}
	for i, o := range v.panes {
		if o != from && i < v.layout.Panes() && o.view.HasImage() {
			apply(o)
		}
	}
}

// targets are the panes a window or zoom command acts on: all visible
// panes with an image when synchronised, else the active one.
func (v *Viewer) targets() []*Pane {
	if !v.sync {
		return []*Pane{v.ActivePane()}
	}
	var out []*Pane
	for i, p := range v.panes {
		if i < v.layout.Panes() && p.view.HasImage() {
			out = append(out, p)
		}
	}
	return out
}

// Commands (keys, toolbar and menus).

func (v *Viewer) preset(n int) {
	for _, p := range v.targets() {
		pipe := p.shown.pipe
		if pipe == nil {
			continue
		}
		if n > len(pipe.Presets) {
			v.notify(fmt.Sprintf("No window preset %d: this image has %d", n, len(pipe.Presets)))
			continue
		}
		p.view.SetWindow(pipe.Presets[n-1])
	}
}

func (v *Viewer) fullRange() {
	for _, p := range v.targets() {
		if p.view.full.Width > 0 {
			p.view.SetWindow(p.view.full)
		}
	}
}

func (v *Viewer) fit() {
	for _, p := range v.targets() {
		p.view.Fit()
	}
}

func (v *Viewer) actualSize() {
	for _, p := range v.targets() {
		p.view.SetZoom(1)
	}
}

func (v *Viewer) zoom(f float64) {
	for _, p := range v.targets() {
		s := p.view.Size()
		p.view.zoomBy(f, fyne.NewPos(s.Width/2, s.Height/2))
	}
}

func (v *Viewer) rotate(q int) {
	vw := v.ActivePane().view
	vw.SetOrientation(vw.Orientation().Rotate(q))
}

func (v *Viewer) flip(horizontal bool) {
	vw := v.ActivePane().view
	o := vw.Orientation()
	if horizontal {
		o.FlipH = !o.FlipH
	} else {
		o.FlipV = !o.FlipV
	}
	vw.SetOrientation(o)
}

func (v *Viewer) invert() {
	vw := v.ActivePane().view
	vw.SetInvert(!vw.Invert())
}

func (v *Viewer) reset() {
	p := v.ActivePane()
	if p.in != nil {
		p.Load(p.study, p.entry, p.in, p.frame)
	}
}

func (v *Viewer) togglePlay() { v.ActivePane().TogglePlay() }

func (v *Viewer) step(d int) { v.ActivePane().Step(d) }

func (v *Viewer) firstLastFrame(last bool) {
	p := v.ActivePane()
	if p.in == nil {
		return
	}
	if last {
		p.SetFrame(p.in.Pixel.Frames - 1)
	} else {
		p.SetFrame(0)
	}
}

// adjacentImage shows the previous (d = -1) or next image of the study, in
// time order, in the active pane.
func (v *Viewer) adjacentImage(d int) {
	p := v.ActivePane()
	if v.study == nil || v.study.Timeline == nil || len(v.study.Timeline.Entries) == 0 {
		return
	}
	es := v.study.Timeline.Entries
	i := -1
	for k := range es {
		if es[k].Instance == p.in {
			i = k
		}
	}
	i = max(0, min(len(es)-1, i+d))
	if es[i].Instance != p.in {
		v.loadInto(p, &es[i])
	}
}

func (v *Viewer) toggleFullScreen() { v.win.SetFullScreen(!v.win.FullScreen()) }

func (v *Viewer) leaveFullScreen() {
	if v.win.FullScreen() {
		v.win.SetFullScreen(false)
	}
}

// Errors panel.

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
	s := fmt.Sprintf("%d files could not be read", n)
	if n == 1 {
		s = "1 file could not be read"
	}
	v.errorsBtn.SetText(s)
	v.errorsBtn.Show()
}

func (v *Viewer) toggleErrors() {
	if v.errorsBtn.Hidden {
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
		c.Refresh()
	}
}

// ErrorLines returns the lines of the errors panel.
func (v *Viewer) ErrorLines() []string {
	if v.errorsText.Text == "" {
		return nil
	}
	return strings.Split(v.errorsText.Text, "\n")
}

func (v *Viewer) showError(err error) {
	v.showDialog(dialog.NewError(err, v.win))
}

// Dialogs.

func (v *Viewer) openFileDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if r == nil {
			return
		}
		p := r.URI().Path()
		r.Close()
		v.Open([]string{p})
	}, v.win)
	d.Resize(dialogSize(v.win))
	v.showDialog(d)
}

func (v *Viewer) openFolderDialog() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if u == nil {
			return
		}
		v.Open([]string{u.Path()})
	}, v.win)
	d.Resize(dialogSize(v.win))
	v.showDialog(d)
}

// showDialog shows d; Esc closes it (when no text field has the
// keyboard), and closing it gives the keyboard back to the active pane.
// A dialog opened from another (a file chooser from the export dialog)
// goes on top; when it closes, Esc closes the one below.
func (v *Viewer) showDialog(d dialog.Dialog) {
	if v.dialog != nil {
		v.dialogsBelow = append(v.dialogsBelow, v.dialog)
	}
	v.dialog = d
	d.SetOnClosed(func() {
		if v.dialog == d {
			v.dialog = nil
			if n := len(v.dialogsBelow); n > 0 {
				v.dialog, v.dialogsBelow = v.dialogsBelow[n-1], v.dialogsBelow[:n-1]
			}
		} else {
			v.dialogsBelow = slices.DeleteFunc(v.dialogsBelow, func(x dialog.Dialog) bool { return x == d })
		}
		if v.dialog == nil {
			v.focusActive()
		}
	})
	d.Show()
}

func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.7), max(400, s.Height*0.75))
}

// OpenDemo writes the bundled demo study (Options.Demo) in the background
// and opens it.
func (v *Viewer) OpenDemo() {
	if v.opts.Demo == nil {
		return
	}
	v.status.SetText("Writing the demo study…")
	v.b.begin()
	go func() {
		paths, err := v.opts.Demo()
		v.b.demoReady(v, paths, err)
	}()
}

// showHeader shows the DICOM header of the active pane's image.
func (v *Viewer) showHeader() {
	in := v.ActivePane().in
	if in == nil {
		return
	}
	var buf bytes.Buffer
	if err := in.Header().Dump(&buf); err != nil {
		fmt.Fprintf(&buf, "\n(dump stopped: %v)", err)
	}
	text := widget.NewLabelWithStyle(strings.TrimRight(buf.String(), "\n"), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	// (Fyne's GL driver clips the underscore of the monospace font, so
	// ISO_IR 192 shows as "ISO IR 192"; the software painter does not.)
	scroll := container.NewScroll(text)
	d := dialog.NewCustom("DICOM header – "+seriesText(in)+fmt.Sprintf(" image %d", in.InstanceNumber), "Close", scroll, v.win)
	d.Resize(dialogSize(v.win))
	v.showDialog(d)
}

func (v *Viewer) showHelp() {
	// Plain text rows (labels in a form would double the height).
	form := container.New(&twoColumns{gap: 12, row: 4})
	fg := theme.Color(theme.ColorNameForeground)
	text := func(s string, style fyne.TextStyle, align fyne.TextAlign, c color.Color) *canvas.Text {
		t := canvas.NewText(s, c)
		t.TextStyle, t.Alignment = style, align
		return t
	}
	row := func(k, h string) {
		form.Add(text(k, fyne.TextStyle{Bold: true}, fyne.TextAlignTrailing, fg))
		form.Add(text(h, fyne.TextStyle{}, fyne.TextAlignLeading, fg))
	}
	head := func(s string) {
		form.Add(text(s, fyne.TextStyle{Italic: true}, fyne.TextAlignTrailing, theme.Color(theme.ColorNamePrimary)))
		form.Add(text("", fyne.TextStyle{}, fyne.TextAlignLeading, fg))
	}
	head("Keys")
	for _, k := range keyMap {
		row(k.keys, k.help)
	}
	for _, k := range menuShortcuts {
		row(k[0], k[1])
	}
	head("Mouse")
	for _, k := range mouseHelp {
		row(k[0], k[1])
	}
	d := dialog.NewCustom("Keyboard and mouse", "Close", container.NewVScroll(form), v.win)
	d.Resize(fyne.NewSize(760, min(880, v.win.Canvas().Size().Height*0.95)))
	v.showDialog(d)
}

func (v *Viewer) presetMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if p := v.ActivePane(); p.shown.pipe != nil {
		for i, voi := range p.shown.pipe.Presets {
			n := i + 1
			item := fyne.NewMenuItem(voi.Label(), func() { v.preset(n); v.focusActive() })
			if n <= 9 {
				item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(n))}
			}
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(no presets in this file)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	full := fyne.NewMenuItem("Full range", func() { v.fullRange(); v.focusActive() })
	full.Shortcut = &desktop.CustomShortcut{KeyName: fyne.Key0}
	items = append(items, fyne.NewMenuItemSeparator(), full)
	return fyne.NewMenu("Presets", items...)
}

func (v *Viewer) studyMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	if v.coll != nil {
		for _, s := range viewable(v.coll) {
			label := studyLabel(s)
			if n := personName(s.Patient.Name); n != "" {
				label = n + " · " + label
			}
			item := fyne.NewMenuItem(label, func() { v.ShowStudy(s) })
			item.Checked = s == v.study
			items = append(items, item)
		}
	}
	return fyne.NewMenu("Studies", items...)
}

// menu builds the main menu. Plain-key shortcuts are shown for reference;
// the key map handles them.
func (v *Viewer) menu() *fyne.MainMenu {
	key := func(k fyne.KeyName, m fyne.KeyModifier) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: m}
	}
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { fn(); v.focusActive() })
		it.Shortcut = sc
		return it
	}
	v.recentMenu = fyne.NewMenuItem("Recent studies", nil)
	v.updateRecentMenu(loadRecent(fyne.CurrentApp().Preferences()))
	file := fyne.NewMenu("File",
		item("Open file…", key(fyne.KeyO, fyne.KeyModifierShortcutDefault), v.openFileDialog),
		item("Open folder…", key(fyne.KeyO, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift), v.openFolderDialog),
		v.recentMenu,
	)
	if v.opts.Demo != nil {
		file.Items = append(file.Items, fyne.NewMenuItemSeparator(), item("Open demo study", nil, v.OpenDemo))
	}
	file.Items = append(file.Items, v.reportFileItems()...)
	layoutItems := make([]*fyne.MenuItem, len(layouts))
	for i, l := range layouts {
		layoutItems[i] = item("Layout "+l.String(), nil, func() { v.SetLayout(l) })
	}
	view := fyne.NewMenu("View", append(layoutItems,
		item("Next layout", key(fyne.KeyL, 0), v.cycleLayout),
		fyne.NewMenuItemSeparator(),
		item("Synchronise panes", key(fyne.KeyS, 0), func() { v.SetSync(!v.sync) }),
		item("Full screen", key(fyne.KeyF11, 0), v.toggleFullScreen),
		item("Files that could not be read", key(fyne.KeyE, 0), v.toggleErrors),
		fyne.NewMenuItemSeparator(),
		item("Dark theme", nil, func() { v.setLightTheme(false) }),
		item("Light theme", nil, func() { v.setLightTheme(true) }),
	)...)
	img := fyne.NewMenu("Image",
		item("Full range window", key(fyne.Key0, 0), v.fullRange),
		item("Fit", key(fyne.KeyF, 0), v.fit),
		item("Actual size (1:1)", key(fyne.KeyF, fyne.KeyModifierShift), v.actualSize),
		item("Rotate clockwise", key(fyne.KeyR, 0), func() { v.rotate(1) }),
		item("Rotate anticlockwise", key(fyne.KeyR, fyne.KeyModifierShift), func() { v.rotate(-1) }),
		item("Flip horizontally", key(fyne.KeyH, 0), func() { v.flip(true) }),
		item("Flip vertically", key(fyne.KeyV, 0), func() { v.flip(false) }),
		item("Invert", key(fyne.KeyI, 0), v.invert),
		item("Reset", key(fyne.KeyX, 0), v.reset),
		fyne.NewMenuItemSeparator(),
		item("Play / pause", key(fyne.KeySpace, 0), v.togglePlay),
		fyne.NewMenuItemSeparator(),
		item("DICOM header…", key(fyne.KeyD, fyne.KeyModifierShortcutDefault), v.showHeader),
	)
	help := fyne.NewMenu("Help", item("Keyboard and mouse", key(fyne.KeyF1, 0), v.showHelp))
	file.Items = append(file.Items, fyne.NewMenuItemSeparator())
	file.Items = append(file.Items, v.marks.exportItems(item)...)
	// Fyne adds a Quit item without a shortcut unless the File menu ends
	// with one; this one has Ctrl+Q, as the Help lists. Quitting stops
	// the app, whose OnStopped hook saves the report draft.
	quit := item("Quit", key(fyne.KeyQ, fyne.KeyModifierShortcutDefault), func() { fyne.CurrentApp().Quit() })
	quit.IsQuit = true
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMainMenu(file, v.marks.editMenu(item), view, img, v.marks.marksMenu(item), v.reportMenu(), help)
}

func (v *Viewer) updateRecentMenu(list []recentStudy) {
	if v.recentMenu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, r := range list {
		paths := r.Paths
		items = append(items, fyne.NewMenuItem(r.Label+" – "+describePaths(paths), func() { v.Open(paths) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	v.recentMenu.ChildMenu = fyne.NewMenu("", items...)
	if v.mainMenu != nil {
		v.mainMenu.Refresh()
	}
}

// themeKey is the preference remembering the light theme.
const themeKey = "theme.light"

func (v *Viewer) setLightTheme(light bool) {
	v.lightTheme = light
	fyne.CurrentApp().Preferences().SetBool(themeKey, light)
	fyne.CurrentApp().Settings().SetTheme(NewTheme(light))
}

// twoColumns lays objects out in pairs: the first column right-aligned to
// its widest object, the second after a gap.
type twoColumns struct{ gap, row float32 }

func (l *twoColumns) widths(objs []fyne.CanvasObject) (float32, float32) {
	var a, b float32
	for i, o := range objs {
		if i%2 == 0 {
			a = max(a, o.MinSize().Width)
		} else {
			b = max(b, o.MinSize().Width)
		}
	}
	return a, b
}

func (l *twoColumns) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	a, _ := l.widths(objs)
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(a, h))
		objs[i+1].Move(fyne.NewPos(a+l.gap, y))
		objs[i+1].Resize(fyne.NewSize(objs[i+1].MinSize().Width, h))
		y += h + l.row
	}
}

func (l *twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := l.widths(objs)
	var h float32
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height) + l.row
	}
	return fyne.NewSize(a+l.gap+b, h)
}
