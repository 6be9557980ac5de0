package reportpdf

import (
	"sync"

	"golang.org/x/image/font/sfnt"

	"github.com/hsgview/hsgview/assets"
)

// The report prints in DejaVu Sans, which has Latin (with the diacritics
// of European and Turkish names: İ ı Ş ğ), Greek and Cyrillic but no
// Chinese, Japanese or Korean. A patient or physician named in those
// scripts (山田^花子 in a DICOM PN, 김민지) is printed in Droid Sans
// Fallback, embedded for the purpose (see assets.CJKFont): each piece of
// text is cut into runs, DejaVu where it has the character, the CJK font
// where only it has it. The CJK font is parsed and added to the document
// only when a text needs it, so a report without such a name costs
// nothing more.
const pdfFontCJK = "cjk"

// coverage tells which characters the fonts have, parsed once.
type coverage struct {
	dejavu [2]*sfnt.Font // regular, bold
	cjk    *sfnt.Font    // nil when the font cannot be read
}

var fontCoverage = sync.OnceValue(func() *coverage {
	c := &coverage{}
	c.dejavu[0], _ = sfnt.Parse(assets.DejaVuSans)
	c.dejavu[1], _ = sfnt.Parse(assets.DejaVuSansBold)
	if b, err := assets.CJKFont(); err == nil {
		c.cjk, _ = sfnt.Parse(b)
	}
	return c
})

// has reports whether f has a glyph for r.
func has(f *sfnt.Font, r rune) bool {
	if f == nil {
		return false
	}
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	return err == nil && g != 0
}

// needsCJK reports whether r is printed in the CJK font in style b ("" or
// "B"): DejaVu lacks it and the CJK font has it. Only characters from the
// Hangul Jamo block on are looked up: every script below it that a name
// is written in (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic …) is
// DejaVu's or no font's here.
func needsCJK(r rune, b string) bool {
	if r < 0x1100 {
		return false
	}
	c := fontCoverage()
	dv := c.dejavu[0]
	if b == "B" {
		dv = c.dejavu[1]
	}
	return !has(dv, r) && has(c.cjk, r)
}

// A textRun is a piece of text printed in one font.
type textRun struct {
	s   string
	cjk bool
}

// runs cuts s into runs for the current style; nil when s needs no
// other font than DejaVu (the common case, found without allocating).
func (d *pdfDoc) runs(s string) []textRun {
	first := -1
	for i, r := range s {
		if needsCJK(r, d.style) {
			first = i
			break
		}
	}
	if first < 0 {
		return nil
	}
	var out []textRun
	if first > 0 {
		out = append(out, textRun{s[:first], false})
	}
	start, cur := first, true
	for i, r := range s[first:] {
		i += first
		if r == ' ' { // a space joins the run it is in
			continue
		}
		if c := needsCJK(r, d.style); c != cur {
			out = append(out, textRun{s[start:i], cur})
			start, cur = i, c
		}
	}
	return append(out, textRun{s[start:], cur})
}

// useFont sets the font of a run, adding the CJK font to the document
// the first time it is needed. It reports false when the CJK font cannot
// be had (the run is then printed in DejaVu).
func (d *pdfDoc) useFont(cjk bool) bool {
	if !cjk {
		d.pdf.SetFont(pdfFont, d.style, d.size)
		return true
	}
	if !d.cjkAdded {
		b, err := assets.CJKFont()
		if err != nil {
			return false
		}
		// One face for both styles: the fallback has no bold.
		d.pdf.AddUTF8FontFromBytes(pdfFontCJK, "", b)
		d.cjkAdded = true
	}
	d.pdf.SetFont(pdfFontCJK, "", d.size)
	return true
}

// width returns the width of s in the current font, with the runs in the
// CJK font measured in it.
func (d *pdfDoc) width(s string) float64 {
	rs := d.runs(s)
	if rs == nil {
		return d.pdf.GetStringWidth(s)
	}
	w := 0.0
	for _, r := range rs {
		d.useFont(r.cjk)
		w += d.pdf.GetStringWidth(r.s)
	}
	d.useFont(false)
	return w
}

// cell prints s in a cell w wide and h high at the current position,
// aligned "L", "R" or "C", and moves as fpdf's CellFormat does for ln (0:
// to the right, 1: to the start of the next line, 2: below). Text that
// needs the CJK font is printed run by run.
func (d *pdfDoc) cell(w, h float64, s string, ln int, align string) {
	p := d.pdf
	rs := d.runs(s)
	if rs == nil {
		p.CellFormat(w, h, s, "", ln, align, false, 0, "")
		return
	}
	// The page break CellFormat would make, first, so that all the runs
	// are on the new page.
	if auto, m := p.GetAutoPageBreak(); auto && !d.inHeader && p.GetY()+h > d.pageH-m {
		x := p.GetX()
		p.AddPage()
		p.SetX(x)
	}
	x0, y0 := p.GetXY()
	total := d.width(s)
	x := x0
	switch align {
	case "R":
		x = x0 + w - total
	case "C":
		x = x0 + (w-total)/2
	}
	for _, r := range rs {
		d.useFont(r.cjk)
		rw := p.GetStringWidth(r.s)
		p.SetXY(x, y0)
		p.CellFormat(rw, h, r.s, "", 0, "L", false, 0, "")
		x += rw
	}
	d.useFont(false)
	switch ln {
	case 0:
		p.SetXY(x0+w, y0)
	case 1:
		l, _, _, _ := p.GetMargins()
		p.SetXY(l, y0+h)
	default:
		p.SetXY(x0, y0+h)
	}
}
