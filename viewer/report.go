package viewer

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/viewer/reportui"
)

// The window's side of the report: the report itself (the draft, the
// findings panel, its dialogs and menu) is package reportui; the window
// owns one reportui.Controller (Viewer.rep) and gives it what it needs
// through reportHost.

// Report returns the report session of the study shown, or nil while it
// is being opened (or could not be).
func (v *Viewer) Report() *reportui.Session { return v.rep.Session() }

// ToggleReportPanel shows or hides the findings panel.
func (v *Viewer) ToggleReportPanel() { v.rep.TogglePanel() }

func init() {
	// The report's keys in the help, before Ctrl+Q.
	n := len(menuShortcuts)
	menuShortcuts = append(menuShortcuts[:n-1:n-1], append(reportui.Shortcuts, menuShortcuts[n-1])...)
}

// reportHost is what the report sees of the window (reportui.Host).
type reportHost struct{ v *Viewer }

var _ reportui.Host = reportHost{}

func (h reportHost) Window() fyne.Window                { return h.v.win }
func (h reportHost) Notify(msg string)                  { h.v.notify(msg) }
func (h reportHost) ShowError(err error)                { h.v.showError(err) }
func (h reportHost) ShowDialog(d dialog.Dialog)         { h.v.showDialog(d) }
func (h reportHost) SetSidePanel(obj fyne.CanvasObject) { h.v.SetSidePanel(obj) }
func (h reportHost) FocusImage()                        { h.v.focusActive() }
func (h reportHost) SelectedMark() string               { return h.v.marks.Selected() }

// SetStatus shows text in the status bar; "" puts the study line back.
func (h reportHost) SetStatus(text string) {
	if text == "" {
		text = h.v.statusLine()
	}
	h.v.status.SetText(text)
}

// ShownImage returns the reference of the image and frame shown in the
// active pane and its time from contrast, or ok false when it shows none.
func (h reportHost) ShownImage() (ref mark.ImageRef, minutes *float64, ok bool) {
	p := h.v.ActivePane()
	if p.in == nil {
		return ref, nil, false
	}
	frame := 0
	if p.in.Pixel.Frames > 1 {
		frame = p.frame + 1
	}
	ref = mark.ImageRefOf(p.in, frame)
	if e := p.entry; e != nil && e.HasMinutes {
		m := e.Minutes
		if frame > 1 && frame <= len(p.in.Cine.FrameTimes) {
			m += p.in.Cine.FrameTimes[frame-1].Minutes()
		}
		minutes = new(math.Round(m*10) / 10)
	}
	return ref, minutes, true
}
