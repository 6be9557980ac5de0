package reportpdf

import (
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/report"
)

func (d *pdfDoc) impression() {
	p := d.pdf
	im := d.r.Impression
	var items []string
	for _, it := range im.Items {
		if t := strings.TrimSpace(it.Text); t != "" {
			items = append(items, t)
		}
	}
	numW := 8.0
	lh := 5.2
	pad := 2.5
	textW := d.contentW - numW - 2*pad
	if len(items) == 0 {
		// The impression is never left out: without one the reader could
		// take a page break for the end of the report.
		d.section(d.t("Impression"), 8)
		d.font("", 10)
		d.color(colMuted)
		p.SetX(pdfMarginX)
		d.cell(d.contentW, lh, d.t("No impression: the findings recorded give none."), 2, "L")
		p.SetY(p.GetY() + 2)
	}
	if len(items) > 0 {
		d.font("", 10)
		first := float64(len(d.split(items[0], textW)))*lh + 2*pad
		if len(items) > 1 {
			first += float64(len(d.split(items[1], textW)))*lh + 1.6
		}
		d.section(d.t("Impression"), first)
		for i, t := range items {
			d.font("", 10)
			ls := d.split(t, textW)
			h := float64(len(ls))*lh + 1.6
			top, bottom := 0.0, 0.0
			if i == 0 {
				top = pad
			}
			if i == len(items)-1 {
				bottom = pad
			}
			if p.GetY()+h+top+bottom > d.pageH-pdfMarginBottom {
				p.AddPage()
				top = pad
			}
			y := p.GetY()
			// A tinted panel behind the impression, item by item so it
			// follows page breaks.
			d.fill(colPanel)
			p.Rect(pdfMarginX, y, d.contentW, h+top+bottom, "F")
			d.fill(colAccent)
			p.Rect(pdfMarginX, y, 0.8, h+top+bottom, "F")
			y += top
			d.font("B", 10)
			d.color(colAccent)
			p.SetXY(pdfMarginX+pad, y+0.8)
			d.cell(numW, lh, strconv.Itoa(i+1)+".", 0, "L")
			d.font("", 10)
			d.color(colText)
			for j, l := range ls {
				p.SetXY(pdfMarginX+pad+numW, y+0.8+float64(j)*lh)
				d.cell(textW, lh, l, 0, "L")
			}
			p.SetXY(pdfMarginX, y+h+bottom)
		}
		p.SetY(p.GetY() + 2)
	}
	// Automatic recommendations are stated in the generated impression
	// (as a sentence or a clause); the list repeats only what it does not
	// say.
	generated := false
	for _, it := range im.Items {
		generated = generated || it.Auto
	}
	var recs []string
	for _, rec := range im.Recommendations {
		if rec.Auto && generated {
			continue
		}
		t := strings.TrimSpace(rec.Text)
		if t == "" {
			t = report.LabelIn(rec.Code, d.lang)
		}
		if t != "" {
			recs = append(recs, strings.TrimSuffix(t, ".")+".")
		}
	}
	if len(recs) == 0 {
		return
	}
	d.font("", 9.5)
	d.section(d.t("Recommendations"), float64(len(d.split(recs[0], d.contentW-numW)))*pdfLine)
	for _, t := range recs {
		d.font("", 9.5)
		ls := d.split(t, d.contentW-numW)
		d.ensure(float64(len(ls))*pdfLine + 1)
		y := p.GetY()
		d.color(colAccent)
		p.SetXY(pdfMarginX+1, y)
		d.cell(numW-1, pdfLine, "•", 0, "L")
		d.color(colText)
		for j, l := range ls {
			p.SetXY(pdfMarginX+numW, y+float64(j)*pdfLine)
			d.cell(d.contentW-numW, pdfLine, l, 0, "L")
		}
		p.SetXY(pdfMarginX, y+float64(len(ls))*pdfLine+1)
	}
}

// superseded prints, after the impression of an amendment, the
// impression of each version it replaces, newest first, with when and by
// whom it was signed and why it was replaced, so that a reader who acted
// on an earlier version sees what changed.
func (d *pdfDoc) superseded() {
	r := d.r
	n := len(r.PreviousVersions)
	if n == 0 {
		return
	}
	p := d.pdf
	title := d.t("Superseded impression")
	if n > 1 {
		title = d.t("Superseded impressions")
	}
	first := true
	for i := n - 1; i >= 0; i-- {
		pv := r.PreviousVersions[i]
		reason := r.AmendmentReason
		if i+1 < n {
			reason = r.PreviousVersions[i+1].AmendmentReason
		}
		head := d.tf("Version %d", pv.Version) + d.signedByOn(pv.Author.Name, pv.SignedAt)
		if reason = strings.TrimSpace(reason); reason != "" {
			head += ". " + d.t("Replaced because:") + " " + strings.TrimSuffix(reason, ".") + "."
		}
		text := strings.TrimSpace(pv.FinalText)
		if text == "" {
			text = d.t("(No impression was recorded in this version.)")
		}
		d.font("", 8.5)
		hl := d.split(head, d.contentW-4)
		d.font("", 9)
		tl := d.split(text, d.contentW-4)
		need := float64(len(hl))*4 + float64(min(len(tl), 3))*pdfLine + 2
		if first {
			d.section(title, need)
			first = false
		} else {
			d.ensure(need)
		}
		d.font("B", 8.5)
		d.color(colAmend)
		for _, l := range hl {
			p.SetX(pdfMarginX + 2)
			d.cell(d.contentW-4, 4, l, 2, "L")
		}
		d.font("", 9)
		d.color(colMuted)
		for _, l := range tl {
			d.ensure(pdfLine)
			p.SetX(pdfMarginX + 2)
			d.cell(d.contentW-4, pdfLine, l, 2, "L")
		}
		p.SetY(p.GetY() + 2)
	}
}
