package reportui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Host is what the report needs from the study window that shows it. The
// window (package viewer) implements it; the report never sees the
// window's panes, marks tools or menus otherwise. All methods are called
// on the Fyne goroutine.
type Host interface {
	// Window is the window the panel, its dialogs and pop-ups are in.
	Window() fyne.Window
	// Notify shows a short message in the status bar.
	Notify(msg string)
	// ShowError shows err in a dialog.
	ShowError(err error)
	// ShowDialog shows d on top of the window's dialogs (Esc closes it;
	// closing it gives the keyboard back to the image).
	ShowDialog(d dialog.Dialog)
	// SetStatus shows text in the status bar until the next call; ""
	// puts the window's own status line back.
	SetStatus(text string)
	// SetSidePanel shows obj on the right of the image panes (nil: none).
	SetSidePanel(obj fyne.CanvasObject)
	// FocusImage gives the keyboard back to the active image pane.
	FocusImage()
	// ShownImage is the image and frame of the active pane, with its
	// minutes from contrast when known; ok is false when the pane is
	// empty.
	ShownImage() (ref mark.ImageRef, minutes *float64, ok bool)
	// SelectedMark is the ID of the mark selected on the images, or "".
	SelectedMark() string
}

// Config says where the report drafts and settings are kept.
type Config struct {
	// DraftDir is the folder of the report drafts store;
	// drafts.DefaultDraftDir() when empty.
	DraftDir string
	// SettingsPath is the report settings file;
	// reportpdf.DefaultSettingsPath() when empty.
	SettingsPath string
	// DoseSettingsPath is the dose settings file (reference levels,
	// effective-dose coefficients); dose.DefaultPath() when empty.
	DoseSettingsPath string
}

// Controller is the window's side of the report: the session of the
// study shown, the findings panel, the report's dialogs and menu. The
// window owns one and calls Open and Close as studies come and go.
//
// All methods must be called on the Fyne goroutine.
type Controller struct {
	host Host
	b    *bridge
	cfg  Config

	session *Session       // nil until the study's draft is open
	opening *dicomio.Study // the study whose draft is being opened
	// opened are called with each session once it is open (the marks
	// tools attach to it here).
	opened []func(s *Session)
	panel  *reportPanel // nil until first shown
	shown  bool
	// kbd is set while the panel holds the keyboard (see HoldsKeyboard).
	kbd bool
	err error // why the draft could not be opened

	dose     *studyDose        // the dose of the study shown, with the settings
	doseForm *doseSettingsForm // the dose settings dialog, while open

	now func() time.Time // the clock of the save times shown
}

// New returns the report side of a window. b is the window's bridge:
// the report's goroutines hand their results to the UI through it.
func New(h Host, b *ui.Bridge, cfg Config) *Controller {
	return &Controller{host: h, b: &bridge{b}, cfg: cfg, now: time.Now}
}

// SetClock sets the clock that times the saves of the sessions opened
// from now on (time.Now by default; tests that show the save time fix
// it).
func (c *Controller) SetClock(now func() time.Time) { c.now = now }

// Err is why the draft of the study shown could not be opened (nil when
// it is open or being opened).
func (c *Controller) Err() error { return c.err }

// PanelShown reports whether the findings panel is shown.
func (c *Controller) PanelShown() bool { return c.shown }

func (c *Controller) win() fyne.Window           { return c.host.Window() }
func (c *Controller) notify(msg string)          { c.host.Notify(msg) }
func (c *Controller) showError(err error)        { c.host.ShowError(err) }
func (c *Controller) showDialog(d dialog.Dialog) { c.host.ShowDialog(d) }
func (c *Controller) focusActive() {
	c.kbd = false
	c.host.FocusImage()
}

// paneImage is the image of the active pane, as a reference for the
// report.
func (c *Controller) paneImage() (ref mark.ImageRef, minutes *float64, ok bool) {
	return c.host.ShownImage()
}
