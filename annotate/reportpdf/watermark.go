package reportpdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/hsgview/hsgview/annotate/mark"
)

// watermarkName is the image name of the DRAFT watermark in the PDF.
const watermarkName = "draft-watermark"

// registerWatermark adds the DRAFT watermark to the document as an
// image: drawn as text it entered the text layer, so copying or
// extracting the report's text gave "DRAFT" in the middle of a finding.
// The banner and signature sections say in words that the report is not
// signed.
func (d *pdfDoc) registerWatermark() error {
	face := mark.NewFace(180, true)
	if face == nil {
		return fmt.Errorf("annotate: pdf: no font for the watermark")
	}
	m := face.Metrics()
	text := d.t("DRAFT") // the word drawn across every page of an unsigned report
	w := font.MeasureString(face, text).Ceil()
	asc, desc := m.Ascent.Ceil(), m.Descent.Ceil()
	img := image.NewNRGBA(image.Rect(0, 0, w+8, asc+desc+8))
	// The faintness is in the image's alpha (7%): viewers do not all
	// apply a graphics state's opacity to images.
	c := color.NRGBA{uint8(colDraft[0]), uint8(colDraft[1]), uint8(colDraft[2]), 18}
	dr := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(4, 4+asc)}
	dr.DrawString(text)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("annotate: pdf: watermark: %w", err)
	}
	d.watermarkW = img.Bounds().Dx()
	d.pdf.RegisterImageOptionsReader(watermarkName, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	return nil
}

// watermark draws the DRAFT image faintly across the page's centre,
// turned 50° like a stamp.
func (d *pdfDoc) watermark() {
	p := d.pdf
	info := p.GetImageInfo(watermarkName)
	if info == nil {
		return
	}
	w := d.contentW * 0.95
	h := w * info.Height() / info.Width()
	cx, cy := d.pageW/2, d.pageH/2
	p.TransformBegin()
	p.TransformRotate(50, cx, cy)
	p.ImageOptions(watermarkName, cx-w/2, cy-h/2, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	p.TransformEnd()
}
