package viewer

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"hsgview/annotate/keyimage"
	"hsgview/annotate/mark"
	"hsgview/assets"
	"hsgview/dicomio"
	"hsgview/viewer/i18n"
	"hsgview/viewer/imageview"
	"hsgview/viewer/ui"
)

// exportItems returns the File menu items that export images: the active
// pane as shown, and all key images of the report at once.
func (ed *markEditor) exportItems(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) []*fyne.MenuItem {
	return []*fyne.MenuItem{
		item(lang.L("Export pane as PNG…"), &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault},
			ed.exportPaneDialog),
		item(lang.L("Export key images…"), nil, ed.exportKeyImagesDialog),
	}
}

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
	o := keyimage.NewOverlay(p.in, voi, ed.spacing(p))
	if !ok {
		o.Window = ""
	}
	k := vt.CanvasScale
	if k <= 0 {
		k = 1
	}
	edges, known := p.view.EdgeLabels()
	return paneExport{
		edges: edges, edgesKnown: known,
		in: p.in, frame: p.frame, voi: voi, auto: !ok, invert: p.view.Invert(), view: vt, scene: s,
		opt: keyimage.ExportOptions{Overlay: o, Caption: ed.caption(p), HideIdentifiers: hideIDs,
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
	s := phaseText(p.entry)
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

// writePNG writes img to path as a PNG, atomically, readable by the
// user only (patient images). It may run on any goroutine.
func writePNG(path string, img image.Image) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".export-*.png") // 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	w := bufio.NewWriter(f)
	err = png.Encode(w, img)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// exportPane writes what p shows to path as a PNG in the background and
// tells the user the outcome.
func (ed *markEditor) exportPane(p *Pane, path string, hideIDs bool) {
	job, err := ed.takePaneExport(p, hideIDs)
	if err != nil {
		ed.v.notify(lang.L("Not exported:") + " " + err.Error())
		return
	}
	ed.v.b.Begin()
	go func() {
		img, err := job.run()
		if err == nil {
			err = writePNG(path, img)
		}
		ed.v.b.exported(ed.v, []string{path}, err)
	}()
}

// exportKeyImages writes every key image of the report into dir in the
// background: the frame with its default window at its own size, its
// marks, the corner text and its caption (role and time).
func (ed *markEditor) exportKeyImages(dir string, hideIDs bool) {
	r := ed.report()
	if r == nil || ed.v.study == nil {
		ed.v.notify(lang.L("Not exported:") + " " + errNoReport.Error())
		return
	}
	if len(r.KeyImages) == 0 {
		ed.v.notify(lang.L("The report has no key images to export"))
		return
	}
	type keyJob struct {
		in      *dicomio.Instance
		frame   int // 1-based
		shot    keyimage.Shot
		spacing mark.Spacing
	}
	var jobs []keyJob
	var missing []string
	for i, k := range r.KeyImages {
		in := ed.v.coll.Find(k.Image.SOPInstanceUID)
		if in == nil || !in.Decodable {
			missing = append(missing, keyimage.KeyImageName(i, k))
			continue
		}
		frame := k.Image.FrameNumber
		if frame == 0 {
			frame = in.DefaultFrame() + 1
		}
		jobs = append(jobs, keyJob{in: in, frame: frame,
			shot: keyimage.Shot{Marks: mark.CloneAll(mark.OnFrame(r.Annotations, in.SOPInstanceUID, frame)),
				Caption: keyimage.KeyImageCaption(k), Name: keyimage.KeyImageName(i, k)},
			spacing: r.Spacing(in.SeriesInstanceUID, mark.FileSpacing(in.Calibration))})
	}
	cache := ed.v.cache
	ed.v.b.Begin()
	go func() {
		var shots []keyimage.Shot
		var paths []string
		var errs []error
		if len(missing) > 0 {
			errs = append(errs, fmt.Errorf(lang.L("not in the study or not displayable: %s"), strings.Join(missing, ", ")))
		}
		for _, j := range jobs {
			r, err := j.in.Render(j.frame-1, dicomio.RenderOptions{Cache: cache})
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", j.shot.Name, err))
				continue
			}
			j.shot.Image = r.Image
			j.shot.Overlay = keyimage.NewOverlay(j.in, r.VOI, j.spacing)
			shots = append(shots, j.shot)
		}
		// Small frames are enlarged so that the text stays legible.
		var shotErr error
		for _, s := range shots {
			w := s.Image.Bounds().Dx()
			opt := keyimage.ExportOptions{HideIdentifiers: hideIDs}
			if w < minExportWidth {
				opt.Width = minExportWidth
			}
			ps, err := keyimage.ExportImages(dir, []keyimage.Shot{s}, opt)
			paths = append(paths, ps...)
			if err != nil {
				shotErr = err
				break
			}
		}
		err := shotErr
		ed.v.b.exported(ed.v, paths, errors.Join(append(errs, err)...))
	}()
}

// minExportWidth is the width key images smaller than it are enlarged to.
const minExportWidth = 512

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

// exportChoice asks whether to hide patient identifiers, then calls next.
func (ed *markEditor) exportChoice(title, button string, next func(hideIDs bool)) {
	hide := widget.NewCheck(lang.L("Hide patient identifiers (name, ID, birth date, accession)"), nil)
	hide.SetChecked(ed.hideIDs)
	note := widget.NewLabel(lang.L("The image is written as shown: marks, corner text and caption."))
	d := dialog.NewCustomConfirm(title, button, lang.L("Cancel"), container.NewVBox(note, hide), func(ok bool) {
		if ok {
			ed.hideIDs = hide.Checked
			next(hide.Checked)
		}
	}, ed.v.win)
	ed.v.showDialog(d)
}

// exportPaneDialog asks where to export the active pane.
func (ed *markEditor) exportPaneDialog() {
	p := ed.v.ActivePane()
	if p.in == nil || !p.view.HasImage() {
		ed.v.notify(lang.L("The active pane shows no image to export"))
		return
	}
	ed.exportChoice(lang.L("Export pane as PNG"), lang.L("Choose file…"), func(hide bool) {
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
			ed.exportPane(p, path, hide)
		}, ed.v.win)
		d.SetFileName(exportName(p))
		d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
		d.Resize(ui.DialogSize(ed.v.win))
		ed.v.showDialog(d)
	})
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

// exportKeyImagesDialog asks for the folder to export the key images to.
func (ed *markEditor) exportKeyImagesDialog() {
	if r := ed.report(); r == nil || len(r.KeyImages) == 0 {
		ed.v.notify(lang.L("The report has no key images to export"))
		return
	}
	ed.exportChoice(lang.L("Export key images"), lang.L("Choose folder…"), func(hide bool) {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				ed.v.showError(err)
				return
			}
			if u != nil {
				ed.exportKeyImages(u.Path(), hide)
			}
		}, ed.v.win)
		d.Resize(ui.DialogSize(ed.v.win))
		ed.v.showDialog(d)
	})
}
