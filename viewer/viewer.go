package viewer

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/magnifier"
	"github.com/hsgview/hsgview/viewer/overflow"
	"github.com/hsgview/hsgview/viewer/reportui"
	"github.com/hsgview/hsgview/viewer/settings"
	"github.com/hsgview/hsgview/viewer/thumbs"
	"github.com/hsgview/hsgview/viewer/ui"
	"github.com/hsgview/hsgview/viewer/wlpreset"
)

// cacheBudget is the memory for decoded frames shared by all panes (a
// 1024² × 120-frame 16-bit run is 240 MiB).
const cacheBudget = 768 << 20

// Options configure a [Viewer].
type Options struct {
	// UIDo runs a function on the UI goroutine for background work:
	// fyne.Do when nil. Tests pass a queue they drain on the test
	// goroutine, since the test driver's fyne.Do runs functions inline
	// on the calling goroutine.
	UIDo func(func())
	// Demo, if set, writes the bundled demo study and returns the paths to
	// open. It is called on a background goroutine (File → Open demo study).
	Demo func() ([]string, error)
	// DraftDir is the folder of the report drafts store;
	// drafts.DefaultDraftDir() when empty.
	DraftDir string
	// SettingsPath is the report settings file;
	// reportpdf.DefaultSettingsPath() when empty.
	SettingsPath string
	// DoseSettingsPath is the dose settings file; dose.DefaultPath()
	// when empty.
	DoseSettingsPath string
	// Studies, if set, adds a "Studies" button (toolbar, File menu,
	// Ctrl+Shift+L) that goes back to the study list: the window's owner
	// closes the study (CloseStudy) and shows its list.
	Studies func()
	// Priors, if set, adds a "Priors" toolbar button that lists the
	// earlier studies of the patient of the study shown.
	Priors func(st *dicomio.Study)
	// Shown, if set, is called after a study is shown (from a list, a
	// path, a drop or a menu), so that a window showing something else
	// can switch to the study view.
	Shown func(st *dicomio.Study)
	// Stopped, if set, is called when the program ends, after the report
	// draft of the study shown (st, nil when none) is saved.
	Stopped func(st *dicomio.Study)
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

	coll  *dicomio.Collection
	study *dicomio.Study
	tl    *dicomio.Timeline // the timeline shown, as the draft corrects it (timing.go)
	tlKey string            // the draft's timing overrides tl follows, as JSON
	// autoHung: the panes are as the hanging protocol arranged them.
	autoHung bool
	paths    []string
	loading  bool
	// noRecent: the paths being opened are a library study's files, not
	// worth a Recent studies entry (the study list remembers them).
	noRecent bool
	// chosen marks the panes the user loaded an image into since the
	// study was hung: a larger layout keeps them (layout.go).
	chosen [maxPanes]bool

	panes  [maxPanes]*Pane
	layout Layout
	active int
	sync   bool
	tool   imageview.NavigateTool // shared by all panes

	grid        *fyne.Container
	work        *fyne.Container // the grid, or a split of grid and side panel
	side        fyne.CanvasObject
	thumbs      []*thumbs.Thumbnail
	thumbBox    *fyne.Container
	thumbStrip  fyne.CanvasObject
	thumbCancel context.CancelFunc
	tips        *thumbs.Tips  // the strip's tips, over the window's content
	panesReady  chan struct{} // closed when the panes show their first images

	toolbar      *overflow.Bar
	layoutBtns   map[Layout]*widget.Button
	modeBtns     map[imageview.DragMode]*widget.Button
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

	rep   *reportui.Controller // the study's report draft and the findings panel (report.go)
	marks *markEditor          // the marks tools (marks.go)

	nav        settings.Nav        // wheel, cine and magnifier preferences (nav.go)
	wheelSteps settings.WheelSteps // wheel notches not yet turned into frames
	presets    []wlpreset.Preset   // the user's window presets
	lens       *magnifier.Lens
}

// New builds the viewer into window w: content, main menu, keyboard map,
// file drop. It must be called on the Fyne goroutine.
//
// The theme is hsgview's dark one unless the user chose the light one
// (View menu), which is remembered.
func New(w fyne.Window, opts Options) *Viewer {
	a := fyne.CurrentApp()
	a.Settings().SetTheme(ui.NewTheme(a.Preferences().Bool(themeKey)))
	b := newBridge()
	if opts.UIDo != nil {
		b.Do = opts.UIDo
	}
	v := newViewer(w, b, opts)
	v.install()
	v.rep.RestorePanel()
	return v
}

func newViewer(w fyne.Window, b *bridge, opts Options) *Viewer {
	v := &Viewer{win: w, b: b, opts: opts, cache: dicomio.NewFrameCache(cacheBudget), layout: Layout1x2, lens: magnifier.NewLens()}
	v.marks = newMarkEditor(v)
	v.rep = reportui.New(reportHost{v}, &b.Bridge, reportui.Config{DraftDir: opts.DraftDir, SettingsPath: opts.SettingsPath, DoseSettingsPath: opts.DoseSettingsPath})
	for i := range v.panes {
		p := newPane(b, v.cache)
		p.ed = v.marks
		p.view.SetTool(v.marks.tool)
		p.OnActivate = v.activate
		p.OnRendered = v.paneRendered
		p.view.OnTypedKey = v.viewKey
		p.view.OnTypedRune = v.viewRune
		p.view.OnKeyDown, p.view.OnKeyUp = v.keyDown, v.keyUp
		v.lens.Attach(p.view)
		p.view.OnUserWindow = func(d fyne.Delta) { v.follow(p, func(o *Pane) { o.view.AdjustWindowQuiet(d) }) }
		p.view.OnUserZoom = func(f float64, about fyne.Delta) {
			v.follow(p, func(o *Pane) {
				s := o.view.Size()
				o.view.ZoomByQuiet(f, fyne.NewPos(s.Width/2+about.DX, s.Height/2+about.DY))
			})
		}
		p.view.OnUserPan = func(d fyne.Delta) { v.follow(p, func(o *Pane) { o.view.PanByQuiet(d) }) }
		v.panes[i] = p
	}
	v.build()
	v.loadNav()
	v.rep.OnOpened(func(s *reportui.Session) {
		v.marks.attach(s)
		s.OnChange(func(string) {
			if v.rep.Session() == s {
				v.refreshTiming(false)
			}
		})
		v.refreshTiming(true)
		if v.autoHung && v.tlKey != "" && v.study != nil {
			// The draft corrects the timing: hang the panes by it.
			v.hang(v.study.HangingFor(v.tl))
			v.updateSelection()
		}
	})
	v.Clear()
	return v
}

// Install puts the viewer back into its window (content, main menu,
// keys, file drop) after the window showed something else.
func (v *Viewer) Install() { v.install() }

// CloseStudy closes the study shown, saving its report draft first (it
// blocks for at most one save), and shows the empty viewer.
func (v *Viewer) CloseStudy() {
	if v.loading {
		return
	}
	v.closeCollection()
	v.study, v.paths = nil, nil
	v.marks.detach()
	v.studyBtn.Hide()
	v.Clear()
	v.win.SetTitle("hsgview")
}

// install puts the viewer into its window.
func (v *Viewer) install() {
	v.win.SetContent(v.root)
	v.mainMenu = v.menu()
	v.win.SetMainMenu(v.mainMenu)
	// Keys reach the canvas when no widget has the focus (after a dialog
	// closed): take it back, so that Tab does not walk into the toolbar.
	// While the report panel holds the keyboard (a click on a section
	// header or its background leaves no field focused), keys stay with
	// it and never reach the image tools.
	v.win.Canvas().SetOnTypedRune(func(r rune) {
		if v.rep.HoldsKeyboard() {
			return
		}
		v.focusActive()
		v.TypedRune(r)
	})
	v.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if v.rep.HoldsKeyboard() {
			v.rep.PanelKey(ev)
			return
		}
		v.focusActive()
		v.TypedKey(ev)
	})
	v.win.SetOnDropped(v.dropped)
	if dc, ok := v.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(v.keyDown)
		dc.SetOnKeyUp(v.keyUp)
	}
	// Ctrl+Y redoes too (the Edit menu shows Ctrl+Shift+Z).
	v.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { v.marks.Redo() })
	// Changes typed in the last moments are saved before the program ends.
	fyne.CurrentApp().Lifecycle().SetOnStopped(func() {
		v.rep.Close()
		if v.opts.Stopped != nil {
			v.opts.Stopped(v.study)
		}
	})
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
	v.tips = thumbs.NewTips()
	strip := container.NewVScroll(v.thumbBox)
	// A fixed width, so that the panes do not move when a study opens.
	strip.SetMinSize(fyne.NewSize(thumbs.Width+theme.Size(theme.SizeNameScrollBar), 0))
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
	title := widget.NewLabelWithStyle(lang.L("Files that could not be read"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.errorsPanel = container.NewBorder(container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon("", theme.CancelIcon(), v.toggleErrors), title), nil, nil, nil, scroll)
	v.errorsPanel.Hide()
	progress := container.NewGridWrap(fyne.NewSize(180, v.progressBar.MinSize().Height), v.progressBar)
	statusBar := container.NewBorder(nil, nil, nil, container.NewHBox(progress, v.errorsBtn), v.status)

	v.toolbar = v.buildToolbar()
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	v.root = container.NewStack(container.NewBorder(
		container.NewVBox(v.toolbar, sep()),
		container.NewVBox(v.errorsPanel, sep(), statusBar),
		container.NewHBox(v.thumbStrip, sep(), v.marks.paletteBox, sep()), nil,
		v.work), v.tips)
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
			p.Clear(lang.L("No study open"), lang.L("Open files or a folder (Ctrl+O), or drop them here"))
		} else {
			p.Clear()
		}
	}
	v.setThumbnails(nil)
	v.status.SetText("")
}

// 50 ms

// paneRendered lets the thumbnails start once every visible pane with a
// decodable image has shown it (or failed).
func (v *Viewer) paneRendered(p *Pane) {
	if p != nil {
		v.lens.Refresh(p.view)
	}
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
		t.SetSelected(shown[t.Entry().Instance])
	}
}

func (v *Viewer) thumbTapped(t *thumbs.Thumbnail) {
	v.loadInto(v.ActivePane(), t.Entry())
	v.focusActive()
}

func (v *Viewer) thumbDragged(t *thumbs.Thumbnail, abs fyne.Position) {
	target := v.paneAt(abs)
	for _, p := range v.panes {
		p.SetDropTarget(p == target)
	}
}

func (v *Viewer) thumbDropped(t *thumbs.Thumbnail, abs fyne.Position) {
	for _, p := range v.panes {
		p.SetDropTarget(false)
	}
	if p := v.paneAt(abs); p != nil {
		v.loadInto(p, t.Entry())
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
	v.autoHung = false
	for i, x := range v.panes {
		v.chosen[i] = v.chosen[i] || x == p
	}
	p.Load(v.study, e, e.Instance, e.Instance.DefaultFrame())
	v.updateSelection()
}

// activate makes p the active pane.
func (v *Viewer) activate(p *Pane) {
	v.rep.ReleaseKeyboard() // a click into a pane takes the keyboard for the images
	for i, x := range v.panes {
		if x == p {
			v.active = i
		}
		x.SetActive(x == p)
	}
}

// viewRune and viewKey take the keys typed on a pane's view. While the
// report panel holds the keyboard the view can only have it by Tab
// walking past the panel (a click into a pane or Esc gives it back to
// the images): its keys stay with the panel then.
func (v *Viewer) viewRune(r rune) {
	if v.rep.HoldsKeyboard() {
		return
	}
	v.TypedRune(r)
}

func (v *Viewer) viewKey(ev *fyne.KeyEvent) {
	if v.rep.HoldsKeyboard() {
		v.rep.PanelKey(ev)
		return
	}
	v.TypedKey(ev)
}

// focusActive gives the keyboard focus to the active pane's view, so that
// keys (including Tab) reach the key map.
func (v *Viewer) focusActive() {
	v.rep.ReleaseKeyboard()
	if c := v.win.Canvas(); c != nil {
		c.Focus(v.ActivePane().view)
	}
}

// SetLayout changes the pane grid.
func (v *Viewer) SetLayout(l Layout) {
	v.autoHung = false
	old := v.layout
	v.layout = l
	if l.Panes() > old.Panes() {
		v.fillPanes(old.Panes())
	}
	if v.active >= l.Panes() {
		v.activate(v.panes[0])
	}
	v.grid.Refresh()
	v.updateToolbar()
	v.updateSelection()
	v.focusActive()
}

// SetSync locks (or unlocks) window/level and zoom/pan across the visible
// panes. Window changes follow as the same fraction of each image's value
// range, so a spot image and a radiograph of different bit depths move
// together.
func (v *Viewer) SetSync(on bool) {
	v.sync = on
	v.updateToolbar()
	if on {
		v.notify(lang.L("Window/level and zoom/pan synchronised across panes"))
	} else {
		v.notify(lang.L("Panes independent"))
	}
}

// notify shows msg in the status bar for a few seconds, then the study
// line again.
func (v *Viewer) notify(msg string) {
	v.status.SetText(msg)
	v.notices++
	n := v.notices
	v.b.After(noticeTime, func() {
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
	return studyStatus(v.study, v.timeline())
}

// SetDragMode chooses what the left mouse button does.
func (v *Viewer) SetDragMode(m imageview.DragMode) {
	v.tool.Primary = m
	v.marks.setMode(modeNavigate)
	v.updateToolbar()
}

// Commands (keys, toolbar and menus).

// Errors panel.

// Dialogs.
