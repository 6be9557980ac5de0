package reportpdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/l10n"
)

// keyImages prints the key images two to a row, each with its caption.
func (d *pdfDoc) keyImages() {
	imgs := d.opt.Images
	if len(imgs) > keyimage.MaxKeyImages {
		imgs = imgs[:keyimage.MaxKeyImages]
	}
	if len(imgs) == 0 {
		return
	}
	defer d.omittedImages()
	p := d.pdf
	gap := 6.0
	cellW := (d.contentW - gap) / 2
	maxH := 66.0
	capH := 9.5
	type placed struct {
		name string
		w, h float64
	}
	jpegs, err := encodeKeyImages(imgs, d.watermarkW)
	if err != nil {
		p.SetError(err)
		return
	}
	ps := make([]placed, len(imgs))
	for i, im := range imgs {
		name := "keyimage" + strconv.Itoa(i+1)
		p.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(jpegs[i]))
		b := im.Image.Bounds()
		w, h := cellW, cellW*float64(b.Dy())/float64(b.Dx())
		if h > maxH {
			w, h = maxH*float64(b.Dx())/float64(b.Dy()), maxH
		}
		ps[i] = placed{name, w, h}
	}
	for row := 0; row < len(imgs); row += 2 {
		rowH := ps[row].h
		if row+1 < len(imgs) {
			rowH = max(rowH, ps[row+1].h)
		}
		// A caption's title that does not fit its column (a long role in
		// Russian) takes a second line rather than lose the minutes.
		var titles [2][]string
		d.font("B", 8.5)
		lines := 1
		for c := 0; c < 2 && row+c < len(imgs); c++ {
			title := strconv.Itoa(row+c+1) + "  " + d.keyImageTitle(imgs[row+c].Key)
			titles[c] = []string{title} // as it is, its spaces kept, when it fits
			if d.width(title) > cellW {
				titles[c] = d.split(title, cellW)
			}
			lines = max(lines, len(titles[c]))
		}
		capRow := capH + 4*float64(lines-1)
		if row == 0 {
			d.section(d.t("Key images"), rowH+capRow)
		} else {
			d.ensure(rowH + capRow + 2)
		}
		y := p.GetY()
		for c := 0; c < 2 && row+c < len(imgs); c++ {
			im, pl := imgs[row+c], ps[row+c]
			x0 := pdfMarginX + float64(c)*(cellW+gap)
			x := x0 + (cellW-pl.w)/2
			// The black ground reaches a little past the image, so no light
			// seam shows where their edges would meet.
			d.fill([3]int{0, 0, 0})
			p.Rect(x0-0.3, y-0.3, cellW+0.6, rowH+0.6, "F")
			p.ImageOptions(pl.name, x, y+(rowH-pl.h)/2, pl.w, pl.h, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
			p.SetXY(x0, y+rowH+1.2)
			d.font("B", 8.5)
			d.color(colText)
			for _, l := range titles[c] {
				p.SetX(x0)
				d.cell(cellW, 4, l, 2, "L")
			}
			p.SetX(x0)
			d.font("", 7.5)
			d.color(colMuted)
			d.cell(cellW, 3.6, d.fitText(d.keyImageDetail(im), cellW), 2, "L")
		}
		p.SetXY(pdfMarginX, y+rowH+capRow+3)
	}
}

// keyImageTitle is the first caption line of a key image: its role and
// its time from the start of contrast ("Delayed  +22 min").
func (d *pdfDoc) keyImageTitle(k report.KeyImage) string {
	s := d.t("Key image")
	if k.Role != "" {
		s = report.LabelIn(k.Role, d.lang)
	}
	if m := k.MinutesFromContrastStart; m != nil && mark.Finite(*m) {
		s += "   " + l10n.Minutes(*m, d.lang)
	}
	return s
}

// keyImageDetail is the second caption line: series, image, frame and
// time of day.
func (d *pdfDoc) keyImageDetail(im keyimage.ReportImage) string {
	var parts []string
	if im.SeriesNumber != 0 || im.InstanceNumber != 0 {
		parts = append(parts, d.tf("Series %d, image %d", im.SeriesNumber, im.InstanceNumber))
	}
	if f := im.Key.Image.FrameNumber; f > 0 && im.Frames > 1 {
		parts = append(parts, d.tf("frame %d of %d", f, im.Frames))
	}
	if !im.Acquired.IsZero() {
		parts = append(parts, l10n.TimeSeconds(im.Acquired, d.lang))
	}
	return strings.Join(parts, "  ·  ")
}

// encodeKeyImages encodes the key images as JPEG, on a worker pool.
//
// fpdf writes images in the order of their widths when the catalog is
// sorted, and in map order among equal widths, so images of equal width
// would make the output vary from run to run. An image whose width is
// taken gets black columns on the right (it is drawn on black) until its
// width is unique.
//
// reserved are the widths of other images of the document (the
// watermark's).
func encodeKeyImages(imgs []keyimage.ReportImage, reserved ...int) ([][]byte, error) {
	widths := map[int]bool{}
	for _, w := range reserved {
		widths[w] = true
	}
	padTo := make([]int, len(imgs))
	for i, im := range imgs {
		if im.Image == nil || im.Image.Bounds().Empty() {
			return nil, errors.New("annotate: pdf: empty key image")
		}
		w := im.Image.Bounds().Dx()
		for widths[w] {
			w++
		}
		widths[w] = true
		padTo[i] = w
	}
	out := make([][]byte, len(imgs))
	errs := make([]error, len(imgs))
	keyimage.Parallel(len(imgs), func(i int) {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, padRight(imgs[i].Image, padTo[i]), &jpeg.Options{Quality: 90}); err != nil {
			errs[i] = fmt.Errorf("annotate: pdf: key image: %w", err)
		}
		out[i] = buf.Bytes()
	})
	return out, errors.Join(errs...)
}

// padRight returns img widened to w pixels with black on the right.
func padRight(img image.Image, w int) image.Image {
	b := img.Bounds()
	if w <= b.Dx() {
		return img
	}
	if g, ok := img.(*image.Gray); ok {
		dst := image.NewGray(image.Rect(0, 0, w, b.Dy()))
		for y := range b.Dy() {
			copy(dst.Pix[y*dst.Stride:], g.Pix[g.PixOffset(b.Min.X, b.Min.Y+y):][:b.Dx()])
		}
		return dst
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, b.Dy()))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.Black), image.Point{}, draw.Src)
	draw.Draw(dst, image.Rect(0, 0, b.Dx(), b.Dy()), img, b.Min, draw.Src)
	return dst
}

// omittedImages says, after the key images, how many the report lists
// beyond the number printed.
func (d *pdfDoc) omittedImages() {
	n := d.omitted
	if n == 0 {
		return
	}
	p := d.pdf
	d.ensure(2 * pdfLine)
	d.font("", 9)
	d.color(colDraft)
	p.SetX(pdfMarginX)
	text := d.tf("%d further key images of this report are not printed: a report prints at most %d.", n, keyimage.MaxKeyImages)
	for _, l := range d.split(text, d.contentW) {
		d.cell(d.contentW, pdfLine, l, 2, "L")
	}
}
