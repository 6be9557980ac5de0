package keyimage

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
)

// An Overlay is the text shown in the corners of an exported image, as
// the viewer shows it over the pane.
type Overlay struct {
	// Patient identifiers, top left; left out when
	// ExportOptions.HideIdentifiers is set.
	PatientName, PatientID, BirthDate, Accession string
	// Study and Series describe the image, top right (for example the
	// study date and "RF 3: spot").
	Study, Series string
	// Phase ("tubal filling, left") and Time ("+12 min" from the start of
	// contrast), bottom left.
	Phase, Time string
	// Window ("W 400 / L 200") and Spacing (the spacing source, see
	// [Spacing.String]), bottom right.
	Window, Spacing string
}

// NewOverlay returns the overlay of an image of in shown with voi and
// measured with sp (see [Report.Spacing]): the patient's name, ID and
// birth date, the accession number, the study date, the series, the
// window and the spacing source. Phase and Time are left to the caller
// (see [KeyImageCaption]).
func NewOverlay(in *dicomio.Instance, voi dicomio.VOI, sp mark.Spacing) Overlay {
	o := Overlay{
		PatientName: dicomtext.FormatPersonName(in.Patient.Name), PatientID: in.Patient.ID, BirthDate: in.Patient.BirthDate,
		Accession: in.AccessionNumber, Spacing: sp.String(),
	}
	if !in.StudyTime.IsZero() {
		o.Study = in.StudyTime.Format("2006-01-02 15:04")
	}
	o.Series = strings.TrimSpace(fmt.Sprintf("%s %d %s", in.Modality, in.SeriesNumber, in.SeriesDescription))
	if voi.LUT != nil || voi.Width > 0 {
		o.Window = voi.Label()
	}
	return o
}

// NewOverlayIn is [NewOverlay] written in lang ("en", "ru"; see
// l10n.Lang): in Russian the birth date and the study date read
// «14.05.1993», «04.03.2025 09:30» and the spacing «0,240 мм/пикс. (с
// поправкой на увеличение)» (mark.Spacing.Text). Names are printed as dicomtext.FormatPersonName
// gives them in every language, whatever their script. English is
// NewOverlay unchanged.
func NewOverlayIn(in *dicomio.Instance, voi dicomio.VOI, sp mark.Spacing, lang string) Overlay {
	o := NewOverlay(in, voi, sp)
	if l10n.Lang(lang) != l10n.RU {
		return o
	}
	o.BirthDate = l10n.DateISO(in.Patient.BirthDate, lang)
	if !in.StudyTime.IsZero() {
		o.Study = l10n.DateTime(in.StudyTime, lang)
	}
	o.Spacing = sp.Text(lang)
	return o
}

// ExportOptions control [Compose] and [ExportPNG].
type ExportOptions struct {
	// View, if set, shows the image as a pane does: output size
	// View.ScreenSize(), the image zoomed, panned, turned and flipped
	// like the pane, black around it. Otherwise the image is drawn
	// unturned at its native size, or scaled to Width pixels wide.
	View  *mark.ViewTransform
	Width int
	// Marks are drawn over the image (pass those of its frame, see
	// [OnFrame]); Burn sets their style (its View is ignored).
	Marks []mark.Annotation
	Burn  mark.BurnOptions
	// Overlay is drawn in the corners, and Caption centred at the bottom
	// (for example "Tubal filling (left) +3 min").
	Overlay Overlay
	Caption string
	// HideIdentifiers leaves out the patient's name, ID, birth date and
	// the accession number.
	HideIdentifiers bool
}

// maxExportPixels bounds the size of an exported image.
const maxExportPixels = 1 << 26

// Compose returns img (a windowed frame, as [dicomio.Pipeline.Render]
// gives it) as exported: resampled with Catmull-Rom when its size
// changes, with the marks burned in, the overlay in the corners and the
// caption at the bottom.
func Compose(img image.Image, opt ExportOptions) (*image.RGBA, error) {
	sb := img.Bounds()
	if sb.Empty() {
		return nil, errors.New("annotate: export: empty image")
	}
	var v mark.ViewTransform
	switch {
	case opt.View != nil:
		v = *opt.View
		v.ImageWidth, v.ImageHeight = float64(sb.Dx()), float64(sb.Dy())
	case opt.Width > 0:
		v = mark.NativeView(sb.Dx(), sb.Dy(), float64(opt.Width)/float64(sb.Dx()))
	default:
		v = mark.NativeView(sb.Dx(), sb.Dy(), 1)
	}
	w, h := v.ScreenSize()
	if w <= 0 || h <= 0 || w > maxExportPixels/h {
		return nil, fmt.Errorf("annotate: export: output size %d×%d out of range", w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.Black), image.Point{}, draw.Src)
	src := img
	if sb.Min != (image.Point{}) {
		// Transform expects source pixel (x, y) at image point (x, y).
		src = shifted{img}
	}
	if v.Identity() {
		draw.Draw(dst, dst.Bounds(), src, image.Point{}, draw.Src)
	} else {
		m := v.Affine()
		xdraw.BiLinear.Transform(dst, f64.Aff3(m), src, image.Rect(0, 0, sb.Dx(), sb.Dy()), draw.Src, nil)
	}
	bo := opt.Burn
	bo.View = v
	mark.Burn(dst, opt.Marks, bo)
	drawOverlay(dst, opt.Overlay, opt.Caption, opt.HideIdentifiers, bo.FontSize)
	return dst, nil
}

// shifted moves an image so that its bounds start at (0, 0).
type shifted struct{ image.Image }

func (s shifted) Bounds() image.Rectangle {
	b := s.Image.Bounds()
	return b.Sub(b.Min)
}

func (s shifted) At(x, y int) color.Color {
	m := s.Image.Bounds().Min
	return s.Image.At(x+m.X, y+m.Y)
}

// ExportPNG writes img composed as [Compose] does to w as a PNG.
func ExportPNG(w io.Writer, img image.Image, opt ExportOptions) error {
	out, err := Compose(img, opt)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := png.Encode(bw, out); err != nil {
		return fmt.Errorf("annotate: export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("annotate: export: %w", err)
	}
	return nil
}

// drawOverlay draws the overlay text in the corners and the caption at
// the bottom centre.
func drawOverlay(dst *image.RGBA, o Overlay, caption string, hideIDs bool, fs float64) {
	r := dst.Bounds()
	if !mark.Positive(fs) {
		_, fs = mark.DefaultSizes(min(r.Dx(), r.Dy()))
	}
	face := mark.NewFace(fs, false)
	if face == nil {
		return
	}
	var tl []string
	if !hideIDs {
		tl = nonEmpty(o.PatientName, o.PatientID, o.BirthDate, o.Accession)
	}
	corners := []struct {
		lines        []string
		right, lower bool
	}{
		{tl, false, false},
		{nonEmpty(o.Study, o.Series), true, false},
		{nonEmpty(o.Phase, o.Time), false, true},
		{nonEmpty(o.Window, o.Spacing), true, true},
	}
	margin := int(math.Round(fs / 2))
	white := color.RGBA{235, 235, 235, 255}
	var boxes []image.Rectangle
	for _, c := range corners {
		t := mark.NewTextBlock(c.lines, face)
		if t == nil {
			continue
		}
		at := image.Pt(r.Min.X+margin, r.Min.Y+margin)
		if c.right {
			at.X = r.Max.X - margin - t.W
		}
		if c.lower {
			at.Y = r.Max.Y - margin - t.H
		}
		boxes = append(boxes, t.Draw(dst, at, white, mark.BackingColor))
	}
	if caption = strings.TrimSpace(caption); caption != "" {
		bold := mark.NewFace(fs*1.1, true)
		t := mark.NewTextBlock([]string{caption}, bold)
		if t == nil {
			return
		}
		// Bottom centre, raised above a bottom corner's text it would cover.
		at := image.Pt(r.Min.X+(r.Dx()-t.W)/2, r.Max.Y-margin-t.H)
		for _, b := range boxes {
			c := image.Rectangle{Min: at, Max: at.Add(image.Pt(t.W, t.H))}
			if c.Overlaps(b) {
				at.Y = min(at.Y, b.Min.Y-margin/2-t.H)
			}
		}
		t.Draw(dst, at, white, mark.BackingColor)
	}
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// safeName keeps letters, digits, '-', '_', '+' and '.' of s.
func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '+', r == '.':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), ".")
}

// KeyImageCaption returns the caption of a key image in English: its
// role and its time from the start of contrast, for example "Late tubal
// filling, left +3 min" (see [KeyImageCaptionIn]).
func KeyImageCaption(k report.KeyImage) string { return KeyImageCaptionIn(k, l10n.EN) }

// KeyImageCaptionIn returns the caption of a key image in lang ("en",
// "ru"; see l10n.Lang), for a report the report's language: the role in
// the words of report.LabelIn and the time by l10n.Minutes, for example
// «Позднее заполнение левой маточной трубы +3 мин».
func KeyImageCaptionIn(k report.KeyImage, lang string) string {
	s := report.LabelIn(k.Role, lang)
	if m := k.MinutesFromContrastStart; m != nil && mark.Finite(*m) {
		s = strings.TrimSpace(s + " " + l10n.Minutes(*m, lang))
	}
	return s
}

// KeyImageName returns the file name (without extension) of the i-th
// (0-based) key image: its order, role, frame and time from the start of
// contrast, for example "03-tubal_filling_left-f12-+2.5min". It holds no
// patient identifiers, and is the same in every language (ASCII role
// codes), so names sort alike everywhere.
func KeyImageName(i int, k report.KeyImage) string {
	name := strconv.Itoa(i + 1)
	if len(name) < 2 {
		name = "0" + name
	}
	if k.Role != "" {
		name += "-" + string(k.Role)
	}
	if k.Image.FrameNumber > 0 {
		name += "-f" + strconv.Itoa(k.Image.FrameNumber)
	}
	if m := k.MinutesFromContrastStart; m != nil && mark.Finite(*m) {
		// "+2.5 min", "−3 min" (a minus sign, which file names do not keep).
		t := strings.ReplaceAll(wording.Minutes(*m), "−", "-")
		name += "-" + strings.ReplaceAll(t, " ", "")
	}
	return safeName(name)
}
