package viewer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/assets"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/viewer/export"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/studytext"
	"github.com/hsgview/hsgview/viewer/ui"
)

// exportItems returns the File menu items that export images: the active
// pane as shown, and all key images of the report at once.
func (ed *markEditor) exportItems(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) []*fyne.MenuItem {
	return []*fyne.MenuItem{
		item(lang.L("Export pane as PNG…"), &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault},
			ed.exportPaneDialog),
		item(lang.L("Export all key images…"), nil, ed.exportKeyImagesDialog),
	}
}

// copyItem returns the Edit menu item that copies the active pane's view
// to the clipboard.
func (ed *markEditor) copyItem(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) *fyne.MenuItem {
	return item(lang.L("Copy view to clipboard"), copyShortcut, ed.copyView)
}

// copyShortcut is Ctrl+Shift+C (Ctrl+C is left to text fields).
var copyShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// A paneExport is everything needed to export a pane as shown, taken on
// the Fyne goroutine; run does the pixel work on another.
type paneExport struct {
	in     *dicomio.Instance
	frame  int // 0-based
	voi    dicomio.VOI
	auto   bool // the pane has no window yet: the frame's default
	invert bool
	view   mark.ViewTransform
	scene  markScene
	// edges are the orientation letters shown (when edgesKnown).
	edges      imageview.EdgeLabels
	edgesKnown bool
	opt        keyimage.ExportOptions // overlay, caption, identifiers
	cache      *dicomio.FrameCache
	// turn and marks are what the export at the image's resolution
	// needs besides the window: the pane's turn as shown, and a copy
	// of the report's marks and calibrations (nil without a report).
	turn  keyimage.Turn
	marks *mark.Layer
}

// takePaneExport takes what p shows for export: the frame, window,
// inversion, zoom, pan, rotation and flips, the marks and calibration
// lines, the corner text and a caption naming the phase and time.
func (ed *markEditor) takePaneExport(p *Pane, hideIDs bool) (paneExport, error) {
	if p.in == nil || !p.view.HasImage() {
		return paneExport{}, errors.New(lang.L("the pane shows no image"))
	}
	voi, ok := p.view.Window()
	s := ed.scene(p)
	s.selected = ""
	if i := markIndex(s.marks, previewID); i >= 0 {
		s.marks = append(s.marks[:i], s.marks[i+1:]...)
	}
	vt := p.view.Transform().ViewTransform()
	ov := keyimage.NewOverlay(p.in, voi, ed.spacing(p))
	if !ok {
		ov.Window = ""
	}
	k := vt.CanvasScale
	if k <= 0 {
		k = 1
	}
	edges, known := p.view.EdgeLabels()
	o := p.view.Transform().Orientation // as shown
	var marks *mark.Layer
	if r := ed.report(); r != nil {
		l := r.Layer.Clone()
		marks = &l
	}
	return paneExport{
		turn: keyimage.Turn{Rotation: o.Rotation, FlipH: o.FlipH, FlipV: o.FlipV}, marks: marks,
		edges: edges, edgesKnown: known,
		in: p.in, frame: p.frame, voi: voi, auto: !ok, invert: p.view.Invert(), view: vt, scene: s,
		opt: keyimage.ExportOptions{Overlay: ov, Caption: ed.caption(p), HideIdentifiers: hideIDs,
			Burn: mark.BurnOptions{FontSize: markFontSize * k, LineWidth: markLineWidth * k, Lang: i18n.Lang()}},
		cache: ed.v.cache,
	}, nil
}

// caption names what a pane shows for an exported image: the key image
// role and time when it is one of the report's key images, else the
// phase and time from the start of contrast ("Immediate · +3 min").
func (ed *markEditor) caption(p *Pane) string {
	if r := ed.report(); r != nil {
		for _, k := range r.KeyImages {
			if k.Image.SOPInstanceUID == p.in.SOPInstanceUID && (k.Image.FrameNumber == 0 || k.Image.FrameNumber == p.frame+1) {
				return keyimage.KeyImageCaption(k)
			}
		}
	}
	s := studytext.PhaseText(p.entry)
	if s == "" {
		return ""
	}
	return ui.Capitalized(s)
}

// run renders the export: the frame windowed as on screen, turned and
// scaled by the pane's view into an image of the pane's size in device
// pixels, the marks burned in as on screen, then the corner text and
// the caption. It may run on any goroutine.
func (e paneExport) run() (*image.RGBA, error) {
	var voi *dicomio.VOI
	if !e.auto {
		v := e.voi
		voi = &v
	}
	r, err := e.in.Render(e.frame, dicomio.RenderOptions{VOI: voi, Invert: e.invert, RGBA: true, Cache: e.cache})
	if err != nil {
		return nil, err
	}
	img := r.Image
	view := e.view
	shown, err := keyimage.Compose(img, keyimage.ExportOptions{View: &view})
	if err != nil {
		return nil, err
	}
	opt := e.opt
	opt.View = nil
	out, err := keyimage.Compose(shown, opt)
	if err != nil {
		return nil, err
	}
	k := view.CanvasScale
	if k <= 0 {
		k = 1
	}
	// The bottom letter goes above the caption, which is bottom centre,
	// raised above the bottom-right box (two lines) when it would cover
	// it: five and a half font sizes clear both.
	var lift int
	if strings.TrimSpace(opt.Caption) != "" {
		lift = int(math.Ceil(5.5 * opt.Burn.FontSize))
	}
	drawEdgeLabels(out, e.edges, e.edgesKnown, imageview.EdgeTextSize*k, lift)
	// The marks go on top: a measurement matters more than corner text.
	burnScene(out, e.scene, e.view, nil)
	return out, nil
}

// native renders the export at the image's own resolution: the frame as
// the pane shows it (window, inversion, turn) with the patient's sides
// and the marks burned in, by the one rendering `hsgview render` uses
// (keyimage.RenderFrame). It may run on any goroutine.
func (e paneExport) native() (image.Image, error) {
	opt := keyimage.FrameOptions{Invert: e.invert, Turn: e.turn, Marks: e.marks, Sides: true, Cache: e.cache, Lang: i18n.Lang()}
	if !e.auto {
		v := e.voi
		opt.VOI = &v
	}
	f, err := keyimage.RenderFrame(e.in, e.frame+1, opt)
	if err != nil {
		return nil, err
	}
	return f.Image, nil
}

// render renders the export as chosen and encodes it as a PNG.
func (e paneExport) render(screen bool) ([]byte, error) {
	var img image.Image
	var err error
	if screen {
		img, err = e.run()
	} else {
		img, err = e.native()
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// edgeFont is the bold font of the orientation letters of exports.
var edgeFont = sync.OnceValue(func() *opentype.Font {
	f, _ := opentype.Parse(assets.DejaVuSansBold)
	return f
})

// drawEdgeLabels draws the patient directions at the middle of each edge
// of dst, as the pane shows them (the bottom one lift pixels higher), or
// the warning that they are unknown, in size-pixel bold letters with a
// dark outline.
func drawEdgeLabels(dst *image.RGBA, l imageview.EdgeLabels, known bool, size float64, lift int) {
	f := edgeFont()
	if f == nil || !(size > 0) {
		return
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingVertical})
	if err != nil {
		return
	}
	defer face.Close()
	b := dst.Bounds()
	m := face.Metrics()
	asc, h := m.Ascent.Ceil(), (m.Ascent + m.Descent).Ceil()
	margin := int(math.Round(size / 3))
	put := func(text string, x, y int, col color.RGBA) { // x, y: top-left
		d := font.Drawer{Dst: dst, Face: face, Src: image.NewUniform(color.RGBA{0, 0, 0, 200})}
		for _, o := range [][2]int{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
			d.Dot = fixed.P(x+o[0], y+asc+o[1])
			d.DrawString(text)
		}
		d.Src = image.NewUniform(col)
		d.Dot = fixed.P(x, y+asc)
		d.DrawString(text)
	}
	width := func(s string) int { return font.MeasureString(face, s).Ceil() }
	edge := color.RGBA{0xff, 0xe0, 0x66, 0xff}
	if !known {
		put(imageview.NoOrientationText(), b.Min.X+(b.Dx()-width(imageview.NoOrientationText()))/2, b.Min.Y+margin+h, color.RGBA{0xff, 0xa6, 0x26, 0xff})
		return
	}
	cy := b.Min.Y + (b.Dy()-h)/2
	put(l.Left, b.Min.X+margin, cy, edge)
	put(l.Right, b.Max.X-margin-width(l.Right), cy, edge)
	put(l.Top, b.Min.X+(b.Dx()-width(l.Top))/2, b.Min.Y+margin, edge)
	put(l.Bottom, b.Min.X+(b.Dx()-width(l.Bottom))/2, b.Max.Y-margin-h-lift, edge)
}

// exportPane writes p to path as a PNG, at the image's resolution or as
// on screen (o), in the background and tells the user the outcome.
func (ed *markEditor) exportPane(p *Pane, path string, o export.Options) {
	job, err := ed.takePaneExport(p, o.HideIdentifiers)
	if err != nil {
		ed.v.notify(lang.L("Not exported:") + " " + err.Error())
		return
	}
	ed.v.b.Begin()
	go func() {
		data, err := job.render(o.Screen)
		if err == nil {
			err = privatefile.WritePrivate(path, data)
		}
		var paths []string
		if err == nil {
			paths = []string{path}
		}
		ed.v.b.exported(ed.v, paths, err)
	}()
}

// exportKeyImages writes every key image of the report into a new
// folder under parent in the background (keyimage.ExportKeyImages: each
// at its own resolution, with its marks and the patient's sides, named
// by order, role and time).
func (ed *markEditor) exportKeyImages(parent string) {
	r := ed.report()
	if r == nil || ed.v.study == nil {
		ed.v.notify(lang.L("Not exported:") + " " + errNoReport.Error())
		return
	}
	if len(r.KeyImages) == 0 {
		ed.v.notify(lang.L("The report has no key images to export"))
		return
	}
	rc := *r
	rc.Layer = r.Layer.Clone()
	rc.KeyImages = slices.Clone(r.KeyImages)
	st, cache := ed.v.study, ed.v.cache
	ed.v.b.Begin()
	go func() {
		_, paths, err := keyimage.ExportKeyImages(parent, &rc, st, cache, time.Now())
		ed.v.b.exported(ed.v, paths, err)
	}()
}

// exported tells the user how an export went (through the bridge).
func (v *Viewer) exported(paths []string, err error) {
	switch {
	case err != nil && len(paths) == 0:
		v.showError(fmt.Errorf(lang.L("export failed: %w"), err))
	case err != nil:
		v.showError(fmt.Errorf(lang.L("exported %d images, but: %w"), len(paths), err))
	case len(paths) == 1:
		v.notify(fmt.Sprintf(lang.L("Exported %s"), paths[0]))
	default:
		v.notify(fmt.Sprintf(lang.L("Exported %d images to %s"), len(paths), filepath.Dir(paths[0])))
	}
}

// exportSizes returns the pixel sizes of p's two exports: the frame
// turned as shown, and the pane on screen.
func exportSizes(p *Pane) export.Sizes {
	t := p.view.Transform()
	w, h := p.in.Pixel.Columns, p.in.Pixel.Rows
	if t.SwapsAxes() {
		w, h = h, w
	}
	sw, sh := t.ViewTransform().ScreenSize()
	return export.Sizes{Native: fyne.NewSize(float32(w), float32(h)), Screen: fyne.NewSize(float32(sw), float32(sh))}
}

// exportPaneDialog asks how and where to export the active pane.
func (ed *markEditor) exportPaneDialog() {
	p := ed.v.ActivePane()
	if p.in == nil || !p.view.HasImage() {
		ed.v.notify(lang.L("The active pane shows no image to export"))
		return
	}
	prefs := fyne.CurrentApp().Preferences()
	ed.v.showDialog(export.NewPaneDialog(ed.v.win, exportSizes(p), export.LoadOptions(prefs), func(o export.Options) {
		o.Save(prefs)
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				ed.v.showError(err)
				return
			}
			if w == nil {
				return
			}
			path := w.URI().Path()
			w.Close() // written again atomically, 0600
			if !strings.EqualFold(filepath.Ext(path), ".png") {
				os.Remove(path)
				path += ".png"
			}
			ed.exportPane(p, path, o)
		}, ed.v.win)
		d.SetFileName(exportName(p))
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
		d.Resize(ui.DialogSize(ed.v.win))
		ed.v.showDialog(d)
	}))
}

// exportName proposes a file name for a pane's export, without patient
// identifiers: series, image and frame.
func exportName(p *Pane) string {
	s := fmt.Sprintf("S%d-I%d", p.in.SeriesNumber, p.in.InstanceNumber)
	if p.in.Pixel.Frames > 1 {
		s += fmt.Sprintf("-f%d", p.frame+1)
	}
	return s + ".png"
}

// exportKeyImagesDialog asks for the folder to make the key images'
// folder in.
func (ed *markEditor) exportKeyImagesDialog() {
	if r := ed.report(); r == nil || len(r.KeyImages) == 0 {
		ed.v.notify(lang.L("The report has no key images to export"))
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			ed.v.showError(err)
			return
		}
		if u != nil {
			ed.exportKeyImages(u.Path())
		}
	}, ed.v.win)
	d.Resize(ui.DialogSize(ed.v.win))
	ed.v.showDialog(d)
}

// copyView puts the active pane's view on the clipboard as a PNG: the
// pane as shown on screen, with its marks, corner text and caption (the
// patient identifiers hidden when the last export hid them).
func (ed *markEditor) copyView() {
	p := ed.v.ActivePane()
	if p.in == nil || !p.view.HasImage() {
		ed.v.notify(lang.L("The active pane shows no image to copy"))
		return
	}
	o := export.LoadOptions(fyne.CurrentApp().Preferences())
	job, err := ed.takePaneExport(p, o.HideIdentifiers)
	if err != nil {
		ed.v.notify(lang.L("Not copied") + ": " + err.Error())
		return
	}
	ed.v.b.Begin()
	go func() {
		data, err := job.render(true)
		if err == nil {
			err = copyPNG(data)
		}
		ed.v.b.copied(ed.v, err)
	}()
}

// copyPNG puts a PNG on the clipboard (tests replace it).
var copyPNG = export.CopyPNG

// copied tells the user how a copy to the clipboard went.
func (v *Viewer) copied(err error) {
	switch {
	case errors.Is(err, export.ErrNoClipboardTool):
		v.notify(strings.TrimPrefix(err.Error(), export.ErrNoClipboardTool.Error()+": "))
	case err != nil:
		v.notify(lang.L("Not copied") + ": " + ui.OneLine(err.Error()))
	default:
		v.notify(lang.L("View copied to the clipboard"))
	}
}
