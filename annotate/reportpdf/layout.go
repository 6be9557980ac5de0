package reportpdf

import (
	"strings"
	"time"
	"unicode"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/l10n"
)

// pageHeader draws the watermark of an unsigned report and, from the
// second page on, a running header naming the patient.
func (d *pdfDoc) pageHeader() {
	p := d.pdf
	d.inHeader = true
	defer func() { d.inHeader = false }()
	if d.unsigned() {
		d.watermark()
	}
	if p.PageNo() == 1 {
		return
	}
	title := d.t("Hysterosalpingography report")
	d.font("", 8)
	titleW := d.width(title)
	d.font("B", 8)
	d.color(colText)
	p.SetXY(pdfMarginX, pdfMarginTop-4)
	pt := d.r.Patient
	var rest string
	if pt.ID != "" {
		rest += "  ·  ID " + pt.ID
	}
	if pt.BirthDate != "" {
		rest += "  ·  " + d.t("born") + " " + d.date(pt.BirthDate)
	}
	// The patient's name is shortened, with an ellipsis, so that the line
	// never runs into the title on the right; the ID and birth date stay.
	leftW := d.contentW - titleW - 5
	who := d.fitText(dicomtext.FormatPersonName(pt.Name), leftW-d.width(rest)) + rest
	if d.width(who) > leftW {
		who = d.fitText(who, leftW)
	}
	d.cell(leftW, 4, who, 0, "L")
	d.font("", 8)
	d.color(colMuted)
	p.SetX(pdfMarginX + d.contentW - titleW)
	d.cell(titleW, 4, title, 1, "R")
	d.rule(p.GetY()+1.5, colRule, 0.2)
	p.SetY(p.GetY() + 5)
}

// fitText returns s shortened at its end, with an ellipsis, to at most w
// wide in the current font.
func (d *pdfDoc) fitText(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	rs := []rune(strings.TrimSpace(s))
	fits := func(n int) bool {
		return d.width(strings.TrimRight(string(rs[:n]), " ,·-")+"…") <= w
	}
	// The longest head that fits, found by halving (a name can be
	// thousands of characters long in a hostile draft).
	lo, hi := 0, len(rs) // fits(lo) or lo == 0; !fits(hi)
	for hi-lo > 1 {
		if m := (lo + hi) / 2; fits(m) {
			lo = m
		} else {
			hi = m
		}
	}
	if lo == 0 && !fits(0) {
		return ""
	}
	return strings.TrimRight(string(rs[:lo]), " ,·-") + "…"
}

// rule draws a horizontal line across the content width at y.
func (d *pdfDoc) rule(y float64, c [3]int, width float64) {
	d.draw(c)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(pdfMarginX, y, pdfMarginX+d.contentW, y)
}

// ensure starts a new page unless h millimetres fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if d.pdf.GetY()+h > d.pageH-pdfMarginBottom {
		d.pdf.AddPage()
	}
}

// letterhead prints the institution and the title.
func (d *pdfDoc) letterhead() {
	p := d.pdf
	s := d.opt.Settings
	top := p.GetY()
	right := d.contentW * 0.42
	left := d.contentW - right
	p.SetXY(pdfMarginX, top)
	if s.Institution != "" {
		d.font("B", 13)
		d.color(colText)
		d.lines(left, 5.6, s.Institution)
	}
	d.font("", 8.5)
	d.color(colMuted)
	if s.Department != "" {
		d.lines(left, 4, s.Department)
	}
	for _, l := range s.AddressLines {
		d.lines(left, 3.8, l)
	}
	bottomLeft := p.GetY()

	p.SetXY(pdfMarginX+left, top)
	d.font("B", 13)
	d.color(colAccent)
	d.linesRight(right, 5.6, d.t("Hysterosalpingography"))
	d.font("", 8.5)
	d.color(colMuted)
	d.linesRight(right, 4, d.t("Radiology report"))
	y := max(bottomLeft, p.GetY()) + 2.5
	d.rule(y, colAccent, 0.6)
	p.SetXY(pdfMarginX, y+4)
}

// lines prints text wrapped to width w at the current x, line height h.
func (d *pdfDoc) lines(w, h float64, text string) {
	p := d.pdf
	x := p.GetX()
	for _, l := range d.split(text, w) {
		p.SetX(x)
		d.cell(w, h, l, 2, "L")
	}
}

// linesRight prints text wrapped to width w at the current x, each line
// aligned right (the title beside the letterhead; a longer Russian one
// takes two lines rather than run into the institution).
func (d *pdfDoc) linesRight(w, h float64, text string) {
	p := d.pdf
	x := p.GetX()
	for _, l := range d.split(text, w) {
		p.SetX(x)
		d.cell(w, h, l, 2, "R")
	}
}

// split wraps text to width w in the current font; an empty text gives
// no line.
func (d *pdfDoc) split(text string, w float64) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	// A number sign stays with its number («больница № 1»).
	text = strings.ReplaceAll(text, "№ ", "№\u00a0")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		ls := d.wrap(para, w)
		if len(ls) == 0 {
			ls = []string{""}
		}
		out = append(out, ls...)
	}
	return out
}

// wrap breaks one paragraph into lines no wider than w in the current
// font, at spaces. A word wider than a line (a long double-barrelled
// name) is broken after its hyphens or slashes, and only a part still too
// wide is cut, with a hyphen at the cut.
func (d *pdfDoc) wrap(para string, w float64) []string {
	width := d.width
	type piece struct {
		s    string
		glue bool // follows the previous piece without a space
	}
	var pieces []piece
	// A no-break space (between a number and its unit, «12,4 мм») keeps
	// its words together; any other white space parts them.
	breaks := func(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007' }
	for _, word := range strings.FieldsFunc(para, breaks) {
		if width(word) <= w {
			pieces = append(pieces, piece{word, false})
			continue
		}
		first := true
		for _, part := range splitAfterAny(word, "-/") {
			for width(part) > w {
				// Cut the longest head that fits with its hyphen, at
				// least one character.
				rs := []rune(part)
				// The longest head (at least one character) that fits
				// with its hyphen, found by halving.
				n, hi := 1, len(rs)-1
				for hi > n {
					if m := (n + hi + 1) / 2; width(string(rs[:m])+"-") <= w {
						n = m
					} else {
						hi = m - 1
					}
				}
				pieces = append(pieces, piece{string(rs[:n]) + "-", !first})
				first = false
				part = string(rs[n:])
			}
			pieces = append(pieces, piece{part, !first})
			first = false
		}
	}
	var lines []string
	line := ""
	for _, pc := range pieces {
		next := pc.s
		if line != "" {
			if pc.glue {
				next = line + pc.s
			} else {
				next = line + " " + pc.s
			}
		}
		if line != "" && width(next) > w {
			lines = append(lines, line)
			line = pc.s
			continue
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// splitAfterAny splits s after each of the characters in seps, keeping
// them: "a-b-c" gives "a-", "b-", "c".
func splitAfterAny(s, seps string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) && i+1 < len(s) {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// banner prints a full-width coloured box with a bold title and text.
func (d *pdfDoc) banner(fg, bg [3]int, title, text string) {
	p := d.pdf
	pad := 2.6
	d.font("", 8.5)
	body := d.split(text, d.contentW-2*pad)
	h := 2*pad + 4.6 + float64(len(body))*4
	d.ensure(h + 3)
	y := p.GetY()
	d.fill(bg)
	d.draw(fg)
	p.SetLineWidth(0.35)
	p.Rect(pdfMarginX, y, d.contentW, h, "DF")
	p.SetXY(pdfMarginX+pad, y+pad)
	d.font("B", 9.5)
	d.color(fg)
	d.cell(d.contentW-2*pad, 4.6, title, 2, "L")
	d.font("", 8.5)
	for _, l := range body {
		p.SetX(pdfMarginX + pad)
		d.cell(d.contentW-2*pad, 4, l, 2, "L")
	}
	p.SetXY(pdfMarginX, y+h+4)
}

// statusBanner says that the report is a draft or an amendment.
func (d *pdfDoc) statusBanner() {
	r := d.r
	switch {
	case d.unsigned():
		text := d.t("This report has not been verified and signed by a radiologist. Do not use it for clinical decisions.")
		if len(r.PreviousVersions) > 0 {
			prev := r.PreviousVersions[len(r.PreviousVersions)-1]
			text = d.tf("Amendment in progress of version %d. Reason: %s. Version %d remains the valid report until this one is signed.",
				prev.Version, strings.TrimSuffix(r.AmendmentReason, "."), prev.Version)
		}
		title := d.t("DRAFT — not signed")
		if r.Status == report.StatusPreliminary {
			title = d.t("PRELIMINARY — not signed")
		}
		d.banner(colDraft, colDraftB, title, text)
	case r.Status == report.StatusAmended:
		prev := r.PreviousVersions[len(r.PreviousVersions)-1]
		d.banner(colAmend, colAmendB, d.tf("AMENDED — version %d replaces version %d", r.Version, prev.Version),
			d.t("Reason for the amendment:")+" "+strings.TrimSuffix(r.AmendmentReason, ".")+".")
	}
}

// kv is a label and its value.
type kv struct{ k, v string }

// identity prints the patient and study panel.
func (d *pdfDoc) identity() {
	p := d.pdf
	r := d.r
	pt := r.Patient
	born := d.date(pt.BirthDate)
	if age := ageAt(pt.BirthDate, r.Study.StudyDateTime); born != "" && age >= 0 {
		born += "  (" + d.count(age, "year", "years") + ")"
	}
	sex := ""
	if pt.Sex != report.SexUnknown {
		sex = report.LabelIn(pt.Sex, d.lang)
	}
	left := []kv{{d.t("Name"), dicomtext.FormatPersonName(pt.Name)}, {d.t("Patient ID"), pt.ID}, {d.t("Date of birth"), born}, {d.t("Sex"), sex}}
	right := []kv{
		{d.t("Study date"), d.studyDate()}, {d.t("Accession"), r.Study.AccessionNumber},
		{d.t("Referring physician"), dicomtext.FormatPersonName(r.Study.ReferringPhysician)},
		{d.t("Performed by"), dicomtext.FormatPersonName(r.Study.PerformingPhysician)},
	}
	pad := 3.0
	gapC := 6.0
	// The study column is a little wider: its date carries the offset
	// from UTC ("12 Mar 2026, 09:38 (UTC+01:00)") and should fit a line.
	both := d.contentW - 2*pad - gapC
	colWs := [2]float64{both * 0.46, both * 0.54}
	labelW := [2]float64{24, 31}
	// A label longer than its column («Направивший врач») widens it.
	d.font("", 8)
	for c, kvs := range [2][]kv{left, right} {
		for _, x := range kvs {
			if w := d.width(x.k); w+2 > labelW[c] {
				labelW[c] = w + 4
			}
		}
	}
	rows := func(kvs []kv) (out []kv) {
		for _, x := range kvs {
			if x.v != "" {
				out = append(out, x)
			}
		}
		return out
	}
	cols := [2][]kv{rows(left), rows(right)}
	for c := range cols {
		if len(cols[c]) == 0 {
			cols[c] = []kv{{"", d.t("Not recorded")}}
		}
	}
	// Lay out both columns first to know the panel's height.
	type line struct {
		label, text string
		bold        bool
	}
	var laid [2][]line
	for c, col := range cols {
		for i, x := range col {
			bold := c == 0 && i == 0
			st, sz := "", 9.0
			if bold {
				st, sz = "B", 10
			}
			d.font(st, sz)
			for j, l := range d.split(identityText(x.v), colWs[c]-labelW[c]) {
				lab := ""
				if j == 0 {
					lab = x.k
				}
				laid[c] = append(laid[c], line{lab, l, bold})
			}
		}
	}
	lh := 5.0
	n := max(len(laid[0]), len(laid[1]))
	h := 2*pad + 5 + float64(n)*lh
	d.ensure(h + 4)
	y := p.GetY()
	d.fill(colPanel)
	p.RoundedRect(pdfMarginX, y, d.contentW, h, 1.5, "1234", "F")
	for c := range laid {
		x := pdfMarginX + pad + float64(c)*(colWs[0]+gapC)
		colW := colWs[c]
		p.SetXY(x, y+pad)
		d.font("B", 7.5)
		d.color(colAccent)
		d.cell(colW, 4, [2]string{d.t("PATIENT"), d.t("STUDY")}[c], 2, "L")
		p.SetY(p.GetY() + 1)
		for _, l := range laid[c] {
			p.SetX(x)
			d.font("", 8)
			d.color(colMuted)
			d.cell(labelW[c], lh, l.label, 0, "L")
			if l.bold {
				d.font("B", 10)
			} else {
				d.font("", 9)
			}
			d.color(colText)
			d.cell(colW-labelW[c], lh, l.text, 2, "L")
		}
	}
	p.SetXY(pdfMarginX, y+h+5)
}

// studyDate formats the study's date and time as written in the report.
func (d *pdfDoc) studyDate() string {
	s := d.r.Study.StudyDateTime
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return d.timeText(t) // with its zone: local time and offset
	}
	if t, ok := parseReportTime(s); ok {
		if d.lang == l10n.RU {
			return l10n.DateTime(t, d.lang)
		}
		return t.Format("2 Jan 2006, 15:04")
	}
	return d.date(s)
}

// section starts a section with a heading, keeping room for need mm of
// its content on the same page.
func (d *pdfDoc) section(title string, need float64) {
	p := d.pdf
	d.ensure(11 + need)
	p.SetY(p.GetY() + 1.5)
	d.font("B", 9)
	d.color(colAccent)
	p.SetX(pdfMarginX)
	d.cell(d.contentW, 5, strings.ToUpper(title), 2, "L")
	d.rule(p.GetY()+0.6, colRule, 0.25)
	p.SetY(p.GetY() + 2.6)
}

// subheading starts a group of rows within a section, after the
// section's heading if it is still pending.
func (d *pdfDoc) subheading(title string, need float64) {
	p := d.pdf
	if d.pending != "" {
		d.section(d.pending, 7+need)
		d.pending = ""
	}
	d.ensure(7 + need)
	p.SetY(p.GetY() + 1)
	d.font("B", 9.5)
	d.color(colText)
	p.SetX(pdfMarginX)
	d.cell(d.contentW, 5.2, title, 2, "L")
}

// rowHeight returns the height of a row whose value is v.
func (d *pdfDoc) rowHeight(v string) float64 {
	d.font("", 9.5)
	return float64(len(d.split(v, d.contentW-pdfLabelW))) * pdfLine
}

// keepRows is how many first rows of a group are kept on the page of
// its heading; a group of up to keepWhole rows is kept whole.
const (
	keepRows  = 2
	keepWhole = 4
)

// keepHeight returns the height of the rows of a group that must follow
// its heading on the same page, so that a heading never ends a page.
func (d *pdfDoc) keepHeight(kvs []kv) float64 {
	n := len(kvs)
	if n > keepWhole {
		n = keepRows
	}
	h := 0.0
	for _, x := range kvs[:n] {
		d.font("", 8.5)
		k := len(d.split(x.k, pdfLabelW-3))
		h += float64(max(k, int(d.rowHeight(x.v)/pdfLine)))*pdfLine + 1
	}
	return h
}

// rows prints label–value rows, skipping those without a value.
func (d *pdfDoc) rows(kvs []kv) {
	p := d.pdf
	for _, x := range kvs {
		if strings.TrimSpace(x.v) == "" {
			continue
		}
		d.font("", 9.5)
		ls := d.split(x.v, d.contentW-pdfLabelW)
		d.font("", 8.5)
		ks := d.split(x.k, pdfLabelW-3)
		d.ensure(float64(max(len(ls), len(ks)))*pdfLine + 1)
		y := p.GetY()
		d.color(colMuted)
		for i, l := range ks {
			p.SetXY(pdfMarginX, y+float64(i)*pdfLine)
			d.cell(pdfLabelW-3, pdfLine, l, 0, "L")
		}
		d.font("", 9.5)
		d.color(colText)
		for i, l := range ls {
			p.SetXY(pdfMarginX+pdfLabelW, y+float64(i)*pdfLine)
			d.cell(d.contentW-pdfLabelW, pdfLine, l, 0, "L")
		}
		p.SetXY(pdfMarginX, y+float64(max(len(ls), len(ks)))*pdfLine+1)
	}
}

// filled returns the rows that have a value.
func filled(kvs []kv) []kv {
	var out []kv
	for _, x := range kvs {
		if strings.TrimSpace(x.v) != "" {
			out = append(out, x)
		}
	}
	return out
}

// block prints a section (or, with sub set, a subheading) with its rows,
// if any row has a value.
func (d *pdfDoc) block(title string, sub bool, kvs []kv) {
	kvs = filled(kvs)
	if len(kvs) == 0 {
		return
	}
	need := d.keepHeight(kvs)
	if sub {
		d.subheading(title, need)
	} else {
		d.section(title, need)
	}
	d.rows(kvs)
}
