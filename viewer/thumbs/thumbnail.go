package thumbs

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/studytext"
	"github.com/hsgview/hsgview/viewer/ui"
)

// Thumbnail is one image of the study strip: a small picture with the
// series, the phase and time from contrast, and for multi-frame images a
// badge with the frame count and rate. Tap it to show the image in the
// active pane, or drag it onto a pane.
// All methods must be called on the Fyne goroutine.
type Thumbnail struct {
	widget.BaseWidget

	// OnTapped, OnDragged and OnDragEnd report taps and drags; positions
	// are absolute (canvas) positions.
	OnTapped  func(t *Thumbnail)
	OnDragged func(t *Thumbnail, abs fyne.Position)
	OnDragEnd func(t *Thumbnail, abs fyne.Position)

	entry    *dicomio.Entry
	tips     *Tips // where its tip shows; nil for none
	img      *image.RGBA
	problem  string
	loading  bool
	selected bool
	last     fyne.Position // absolute position of the last drag event
}

var (
	_ fyne.Widget       = (*Thumbnail)(nil)
	_ fyne.Tappable     = (*Thumbnail)(nil)
	_ fyne.Draggable    = (*Thumbnail)(nil)
	_ desktop.Hoverable = (*Thumbnail)(nil)
)

// NewThumbnail returns a thumbnail of entry, showing "loading" until
// [Thumbnail.SetImage], its tip shown by tips (nil: none).
func NewThumbnail(e *dicomio.Entry, tips *Tips) *Thumbnail {
	t := &Thumbnail{entry: e, tips: tips, loading: true}
	t.ExtendBaseWidget(t)
	return t
}

// Entry returns the timeline entry shown.
func (t *Thumbnail) Entry() *dicomio.Entry { return t.entry }

// Image is the picture shown, nil while loading or when there is none.
func (t *Thumbnail) Image() *image.RGBA { return t.img }

// Selected reports whether the image is shown in a pane (SetSelected).
func (t *Thumbnail) Selected() bool { return t.selected }

// Problem is why the image has no picture, or "".
func (t *Thumbnail) Problem() string { return t.problem }

// PhaseText returns the phase caption as drawn: "delayed +22 min".
func (t *Thumbnail) PhaseText() string {
	s := studytext.PhaseWord(t.entry.Phase)
	if t.entry.HasMinutes {
		s += " " + l10n.Minutes(t.entry.Minutes, i18n.Lang())
	}
	if t.entry.SetByRadiologist {
		s += " · " + lang.L("set by radiologist")
	}
	return s
}

// Caption returns the line under the picture: the image number and when
// it was acquired ("#3 · 09:43:03"); the series is its group's header.
func (t *Thumbnail) Caption() string {
	in := t.entry.Instance
	s := fmt.Sprintf("#%d", in.InstanceNumber)
	if c := studytext.Clock(studytext.FrameTime(in, in.DefaultFrame())); c != "" {
		s += " · " + c
	}
	return s
}

// TipLines returns the lines of the tip shown while the pointer rests
// on the thumbnail: the series in full and the image.
func (t *Thumbnail) TipLines() []string {
	in := t.entry.Instance
	series := fmt.Sprintf(lang.L("Series %d"), in.SeriesNumber)
	if d := strings.TrimSpace(in.SeriesDescription); d != "" {
		series += " · " + d
	}
	lines := []string{series,
		fmt.Sprintf(lang.L("Image %d · %s · %d × %d"), in.InstanceNumber, in.Modality, in.Pixel.Columns, in.Pixel.Rows)}
	if c := studytext.Clock(in.Acquired); c != "" && in.TimeSource != dicomio.TimeNone {
		lines = append(lines, fmt.Sprintf(lang.L("Acquired %s"), c))
	}
	if p := studytext.PhaseText(t.entry); p != "" {
		lines = append(lines, p)
	}
	if in.Pixel.Frames > 1 {
		f := lang.N("{{.count}} frames", in.Pixel.Frames, map[string]any{"count": in.Pixel.Frames})
		if fps := studytext.FPSText(in.Cine); fps != "" {
			f += " · " + fps
		}
		lines = append(lines, f)
	}
	if t.problem != "" {
		lines = append(lines, ui.OneLine(t.problem))
	}
	return lines
}

// MouseIn implements desktop.Hoverable: the tip shows.
func (t *Thumbnail) MouseIn(*desktop.MouseEvent) {
	if t.tips != nil {
		t.tips.ShowFor(t, t.TipLines())
	}
}

// MouseMoved implements desktop.Hoverable.
func (t *Thumbnail) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable: the tip goes.
func (t *Thumbnail) MouseOut() {
	if t.tips != nil {
		t.tips.HideFor(t)
	}
}

// SetEntry shows another timeline entry of the same image (the timing
// was corrected).
func (t *Thumbnail) SetEntry(e *dicomio.Entry) {
	t.entry = e
	t.Refresh()
}

// SetImage sets the picture, or the reason there is none.
func (t *Thumbnail) SetImage(img *image.RGBA, problem string) {
	t.img, t.problem, t.loading = img, problem, false
	t.Refresh()
}

// SetSelected marks the thumbnail of an image shown in a pane.
func (t *Thumbnail) SetSelected(on bool) {
	if t.selected == on {
		return
	}
	t.selected = on
	t.Refresh()
}

// Tapped implements fyne.Tappable.
func (t *Thumbnail) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped(t)
	}
}

func (t *Thumbnail) absolute(p fyne.Position) fyne.Position {
	if app := fyne.CurrentApp(); app != nil {
		return app.Driver().AbsolutePositionForObject(t).Add(p)
	}
	return p
}

// Dragged implements fyne.Draggable.
func (t *Thumbnail) Dragged(ev *fyne.DragEvent) {
	t.last = t.absolute(ev.Position)
	if t.OnDragged != nil {
		t.OnDragged(t, t.last)
	}
}

// DragEnd implements fyne.Draggable.
func (t *Thumbnail) DragEnd() {
	if t.OnDragEnd != nil {
		t.OnDragEnd(t, t.last)
	}
}

// Thumbnail geometry in Fyne units; pictures are made at twice the size
// for HiDPI screens.
const (
	Width  = 148
	ImageH = 104
	Pixels = 2 * Width
)

// CreateRenderer implements fyne.Widget.
func (t *Thumbnail) CreateRenderer() fyne.WidgetRenderer {
	r := &thumbnailRenderer{t: t,
		bg:     canvas.NewRectangle(color.Transparent),
		frame:  canvas.NewRectangle(color.Black),
		pic:    &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleFastest},
		note:   canvas.NewText("", color.NRGBA{0xa0, 0xa0, 0xa0, 0xff}),
		badge:  imageview.NewOutlineText(fyne.TextAlignTrailing, 11, color.White, fyne.TextStyle{Bold: true}),
		series: canvas.NewText("", color.White),
		phase:  canvas.NewText("", color.White),
	}
	r.note.TextSize = 11
	r.note.Alignment = fyne.TextAlignCenter
	r.series.TextSize, r.phase.TextSize = 11, 11
	r.phase.TextStyle.Bold = true
	r.objects = []fyne.CanvasObject{r.bg, r.frame, r.pic, r.note, r.badge, r.series, r.phase}
	r.Refresh()
	return r
}

type thumbnailRenderer struct {
	t                   *Thumbnail
	bg, frame           *canvas.Rectangle
	pic                 *canvas.Image
	note, series, phase *canvas.Text
	badge               *imageview.OutlineText
	objects             []fyne.CanvasObject
}

var _ fyne.WidgetRenderer = (*thumbnailRenderer)(nil)

func (r *thumbnailRenderer) Layout(size fyne.Size) {
	const pad = 4
	r.bg.Resize(size)
	r.frame.Move(fyne.NewPos(pad, pad))
	r.frame.Resize(fyne.NewSize(size.Width-2*pad, ImageH))
	r.pic.Move(fyne.NewPos(pad, pad))
	r.pic.Resize(fyne.NewSize(size.Width-2*pad, ImageH))
	r.note.Move(fyne.NewPos(pad, pad+ImageH/2-8))
	r.note.Resize(fyne.NewSize(size.Width-2*pad, 16))
	b := r.badge.MinSize()
	r.badge.Resize(b)
	r.badge.Move(fyne.NewPos(size.Width-pad-b.Width-2, pad+ImageH-b.Height-1))
	y := float32(pad + ImageH + 2)
	r.series.Move(fyne.NewPos(pad, y))
	r.phase.Move(fyne.NewPos(pad, y+15))
}

func (r *thumbnailRenderer) MinSize() fyne.Size { return fyne.NewSize(Width, 4+ImageH+2+32) }

func (r *thumbnailRenderer) Refresh() {
	t := r.t
	in := t.entry.Instance
	if t.selected {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 1
	} else {
		r.bg.FillColor = color.Transparent
		r.bg.StrokeWidth = 0
	}
	if t.img != nil {
		r.pic.Image = t.img
		r.pic.Show()
	} else {
		r.pic.Image = nil
		r.pic.Hide()
	}
	switch {
	case t.loading:
		r.note.Text = lang.L("loading…")
	case t.img == nil:
		r.note.Text = lang.L("cannot display")
	default:
		r.note.Text = ""
	}
	if in.Pixel.Frames > 1 {
		r.badge.SetLines(fmt.Sprintf(lang.L("▶ %d fr · %s"), in.Pixel.Frames, shortFPS(in.Cine)))
	} else {
		r.badge.SetLines()
	}
	r.series.Text = t.Caption()
	r.series.Color = theme.Color(theme.ColorNameForeground)
	r.phase.Text = t.PhaseText()
	r.phase.Text = ellipsize(r.phase.Text, Width-8, r.phase.TextSize)
	r.phase.Color = ui.ReadableOn(studytext.PhaseColour(t.entry), theme.Color(theme.ColorNameBackground))
	r.series.Text = ellipsize(r.series.Text, Width-8, r.series.TextSize)
	r.Layout(t.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// shortFPS is the rate alone: "15 fps".
func shortFPS(c dicomio.Cine) string {
	s := studytext.FPSText(dicomio.Cine{FPS: c.FPS})
	if s == "" {
		return "? " + l10n.Unit("fps", i18n.Lang())
	}
	return s
}

// ellipsize shortens s to fit width at size.
func ellipsize(s string, width, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if fyne.MeasureText(string(r)+"…", size, fyne.TextStyle{}).Width <= width {
			break
		}
	}
	return string(r) + "…"
}

func (r *thumbnailRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *thumbnailRenderer) Destroy() {}
