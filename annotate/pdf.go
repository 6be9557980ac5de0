package annotate

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"hsgview/assets"
)

// PDFOptions control [Report.WritePDF].
type PDFOptions struct {
	// Settings give the institution printed at the top of the report.
	Settings Settings
	// Paper is the paper size; Settings.Paper when empty, else A4.
	Paper Paper
	// Images are the key images, in the order printed (see
	// [RenderKeyImages]).
	Images []ReportImage
	// Location is the time zone times are printed in; time.Local if nil.
	Location *time.Location
	// Producer names the program in the PDF's metadata, e.g. "hsgview 1.0".
	Producer string
}

// Page layout, in millimetres.
const (
	pdfMarginX      = 18.0
	pdfMarginTop    = 14.0
	pdfMarginBottom = 22.0 // room for the footer
	pdfLabelW       = 42.0 // label column of the findings
	pdfLine         = 4.6  // line height of body text
	pdfFont         = "dejavu"
)

// Colours (RGB).
var (
	colText   = [3]int{33, 37, 41}
	colMuted  = [3]int{108, 117, 125}
	colAccent = [3]int{22, 74, 128}
	colRule   = [3]int{206, 212, 218}
	colPanel  = [3]int{243, 245, 248}
	colDraft  = [3]int{176, 32, 32}
	colDraftB = [3]int{252, 236, 236}
	colAmend  = [3]int{146, 86, 0}
	colAmendB = [3]int{255, 244, 224}
)

// WritePDF writes the report as a PDF for the referring clinician: the
// institution, patient and study; indication; technique with contrast,
// fluoroscopy time and dose and their source; the findings that were
// recorded, section by section, in plain words; the numbered impression
// (the edited text where the radiologist edited it) and recommendations;
// the key images with their captions; and the signature. An unsigned
// report carries a "DRAFT — not signed" banner and watermark on every
// page, an amended one the reason for the amendment. Every page has the
// report ID, the content hash and "page n / N" in its footer.
//
// The output depends only on r and opt: the PDF's dates are the report's
// (signing, else creation) time, so the same report gives the same bytes.
func WritePDF(w io.Writer, r *Report, opt PDFOptions) error {
	d, err := newPDFDoc(r, opt)
	if err != nil {
		return err
	}
	d.build()
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("annotate: pdf: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("annotate: pdf: %w", err)
	}
	return nil
}

// pdfDoc is the state of one PDF being written.
type pdfDoc struct {
	pdf      *fpdf.Fpdf
	r        *Report
	opt      PDFOptions
	loc      *time.Location
	pageW    float64
	pageH    float64
	contentW float64
	hash     string // content hash printed in the footer
	pending  string // section heading printed before its first block
}

func newPDFDoc(r *Report, opt PDFOptions) (*pdfDoc, error) {
	paper := opt.Paper
	if paper == "" {
		paper = opt.Settings.Paper
	}
	if paper == "" {
		paper = PaperA4
	}
	if !paper.Valid() {
		return nil, fmt.Errorf("annotate: pdf: unknown paper size %q", paper)
	}
	loc := opt.Location
	if loc == nil {
		loc = time.Local
	}
	hash := r.ContentHash
	if !r.Status.Signed() || hash == "" {
		h, err := r.Hash()
		if err != nil {
			return nil, err
		}
		hash = h
	}
	size := "A4"
	if paper == PaperLetter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.AddUTF8FontFromBytes(pdfFont, "", assets.DejaVuSans)
	pdf.AddUTF8FontFromBytes(pdfFont, "B", assets.DejaVuSansBold)
	pdf.SetMargins(pdfMarginX, pdfMarginTop, pdfMarginX)
	pdf.SetAutoPageBreak(true, pdfMarginBottom)
	pdf.SetCellMargin(0)
	stamp := r.CreatedAt
	if r.Status.Signed() && !r.SignedAt.IsZero() {
		stamp = r.SignedAt
	}
	if stamp.IsZero() {
		stamp = time.Unix(0, 0)
	}
	pdf.SetCreationDate(stamp.UTC())
	pdf.SetModificationDate(stamp.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetTitle("Hysterosalpingography report", true)
	pdf.SetSubject("HSG report "+r.ReportID, true)
	if r.Author.Name != "" {
		pdf.SetAuthor(r.Author.Name, true)
	}
	pdf.SetCreator("hsgview", true)
	if opt.Producer != "" {
		pdf.SetProducer(opt.Producer, true)
	}
	pdf.SetLang(cmpOr(r.Language, "en"))
	w, h := pdf.GetPageSize()
	d := &pdfDoc{pdf: pdf, r: r, opt: opt, loc: loc, pageW: w, pageH: h, contentW: w - 2*pdfMarginX, hash: hash}
	pdf.SetHeaderFuncMode(d.pageHeader, false)
	return d, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (d *pdfDoc) color(c [3]int) { d.pdf.SetTextColor(c[0], c[1], c[2]) }
func (d *pdfDoc) fill(c [3]int)  { d.pdf.SetFillColor(c[0], c[1], c[2]) }
func (d *pdfDoc) draw(c [3]int)  { d.pdf.SetDrawColor(c[0], c[1], c[2]) }
func (d *pdfDoc) font(b string, sz float64) {
	d.pdf.SetFont(pdfFont, b, sz)
}

// unsigned reports whether the report is not (yet) signed.
func (d *pdfDoc) unsigned() bool { return !d.r.Status.Signed() }

// build lays out the whole document.
func (d *pdfDoc) build() {
	d.pdf.AddPage()
	d.letterhead()
	d.statusBanner()
	d.identity()
	d.clinical()
	d.technique()
	d.findings()
	d.impression()
	// The signature closes the report text; key images follow as its
	// illustration, so a short report does not end on a page holding
	// the signature alone.
	d.signature()
	d.keyImages()
	d.footers()
}

// pageHeader draws the watermark of an unsigned report and, from the
// second page on, a running header naming the patient.
func (d *pdfDoc) pageHeader() {
	p := d.pdf
	if d.unsigned() {
		p.SetAlpha(0.07, "Normal")
		d.font("B", 78)
		d.color(colDraft)
		cx, cy := d.pageW/2, d.pageH/2
		p.TransformBegin()
		p.TransformRotate(50, cx, cy)
		text := "DRAFT"
		p.Text(cx-p.GetStringWidth(text)/2, cy+10, text)
		p.TransformEnd()
		p.SetAlpha(1, "Normal")
	}
	if p.PageNo() == 1 {
		return
	}
	const title = "Hysterosalpingography report"
	d.font("", 8)
	titleW := p.GetStringWidth(title)
	d.font("B", 8)
	d.color(colText)
	p.SetXY(pdfMarginX, pdfMarginTop-4)
	pt := d.r.Patient
	var rest string
	if pt.ID != "" {
		rest += "  ·  ID " + pt.ID
	}
	if pt.BirthDate != "" {
		rest += "  ·  born " + formatDate(pt.BirthDate)
	}
	// The patient's name is shortened, with an ellipsis, so that the line
	// never runs into the title on the right; the ID and birth date stay.
	leftW := d.contentW - titleW - 5
	who := d.fitText(personName(pt.Name, true), leftW-p.GetStringWidth(rest)) + rest
	if p.GetStringWidth(who) > leftW {
		who = d.fitText(who, leftW)
	}
	p.CellFormat(leftW, 4, who, "", 0, "L", false, 0, "")
	d.font("", 8)
	d.color(colMuted)
	p.SetX(pdfMarginX + d.contentW - titleW)
	p.CellFormat(titleW, 4, title, "", 1, "R", false, 0, "")
	d.rule(p.GetY()+1.5, colRule, 0.2)
	p.SetY(p.GetY() + 5)
}

// fitText returns s shortened at its end, with an ellipsis, to at most w
// wide in the current font.
func (d *pdfDoc) fitText(s string, w float64) string {
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(strings.TrimSpace(s))
	for len(rs) > 0 {
		rs = rs[:len(rs)-1]
		t := strings.TrimRight(string(rs), " ,·-") + "…"
		if d.pdf.GetStringWidth(t) <= w {
			return t
		}
	}
	return ""
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
	p.CellFormat(right, 5.6, "Hysterosalpingography", "", 2, "R", false, 0, "")
	d.font("", 8.5)
	d.color(colMuted)
	p.CellFormat(right, 4, "Radiology report", "", 2, "R", false, 0, "")
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
		p.CellFormat(w, h, l, "", 2, "L", false, 0, "")
	}
}

// split wraps text to width w in the current font; an empty text gives
// no line.
func (d *pdfDoc) split(text string, w float64) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
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
	width := d.pdf.GetStringWidth
	type piece struct {
		s    string
		glue bool // follows the previous piece without a space
	}
	var pieces []piece
	for _, word := range strings.Fields(para) {
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
				n := 1
				for n < len(rs)-1 && width(string(rs[:n+1])+"-") <= w {
					n++
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
	p.CellFormat(d.contentW-2*pad, 4.6, title, "", 2, "L", false, 0, "")
	d.font("", 8.5)
	for _, l := range body {
		p.SetX(pdfMarginX + pad)
		p.CellFormat(d.contentW-2*pad, 4, l, "", 2, "L", false, 0, "")
	}
	p.SetXY(pdfMarginX, y+h+4)
}

// statusBanner says that the report is a draft or an amendment.
func (d *pdfDoc) statusBanner() {
	r := d.r
	switch {
	case d.unsigned():
		text := "This report has not been verified and signed by a radiologist. Do not use it for clinical decisions."
		if len(r.PreviousVersions) > 0 {
			prev := r.PreviousVersions[len(r.PreviousVersions)-1]
			text = fmt.Sprintf("Amendment in progress of version %d. Reason: %s. Version %d remains the valid report until this one is signed.",
				prev.Version, strings.TrimSuffix(r.AmendmentReason, "."), prev.Version)
		}
		title := "DRAFT — not signed"
		if r.Status == StatusPreliminary {
			title = "PRELIMINARY — not signed"
		}
		d.banner(colDraft, colDraftB, title, text)
	case r.Status == StatusAmended:
		prev := r.PreviousVersions[len(r.PreviousVersions)-1]
		d.banner(colAmend, colAmendB, fmt.Sprintf("AMENDED — version %d replaces version %d", r.Version, prev.Version),
			"Reason for the amendment: "+strings.TrimSuffix(r.AmendmentReason, ".")+".")
	}
}

// kv is a label and its value.
type kv struct{ k, v string }

// identity prints the patient and study panel.
func (d *pdfDoc) identity() {
	p := d.pdf
	r := d.r
	pt := r.Patient
	born := formatDate(pt.BirthDate)
	if age := ageAt(pt.BirthDate, r.Study.StudyDateTime); born != "" && age >= 0 {
		born += fmt.Sprintf("  (%d years)", age)
	}
	sex := ""
	if pt.Sex != SexUnknown {
		sex = labelOf(pt.Sex)
	}
	left := []kv{{"Name", personName(pt.Name, true)}, {"Patient ID", pt.ID}, {"Date of birth", born}, {"Sex", sex}}
	right := []kv{
		{"Study date", d.studyDate()}, {"Accession", r.Study.AccessionNumber},
		{"Referring physician", personName(r.Study.ReferringPhysician, false)},
		{"Performed by", personName(r.Study.PerformingPhysician, false)},
	}
	pad := 3.0
	gapC := 6.0
	colW := (d.contentW - 2*pad - gapC) / 2
	labelW := [2]float64{24, 31}
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
			cols[c] = []kv{{"", "Not recorded"}}
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
			for j, l := range d.split(x.v, colW-labelW[c]) {
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
		x := pdfMarginX + pad + float64(c)*(colW+gapC)
		p.SetXY(x, y+pad)
		d.font("B", 7.5)
		d.color(colAccent)
		p.CellFormat(colW, 4, [2]string{"PATIENT", "STUDY"}[c], "", 2, "L", false, 0, "")
		p.SetY(p.GetY() + 1)
		for _, l := range laid[c] {
			p.SetX(x)
			d.font("", 8)
			d.color(colMuted)
			p.CellFormat(labelW[c], lh, l.label, "", 0, "L", false, 0, "")
			if l.bold {
				d.font("B", 10)
			} else {
				d.font("", 9)
			}
			d.color(colText)
			p.CellFormat(colW-labelW[c], lh, l.text, "", 2, "L", false, 0, "")
		}
	}
	p.SetXY(pdfMarginX, y+h+5)
}

// studyDate formats the study's date and time as written in the report.
func (d *pdfDoc) studyDate() string {
	s := d.r.Study.StudyDateTime
	if t, ok := parseReportTime(s); ok {
		return t.Format("2 Jan 2006, 15:04")
	}
	return formatDate(s)
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
	p.CellFormat(d.contentW, 5, strings.ToUpper(title), "", 2, "L", false, 0, "")
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
	p.CellFormat(d.contentW, 5.2, title, "", 2, "L", false, 0, "")
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
			p.CellFormat(pdfLabelW-3, pdfLine, l, "", 0, "L", false, 0, "")
		}
		d.font("", 9.5)
		d.color(colText)
		for i, l := range ls {
			p.SetXY(pdfMarginX+pdfLabelW, y+float64(i)*pdfLine)
			p.CellFormat(d.contentW-pdfLabelW, pdfLine, l, "", 0, "L", false, 0, "")
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

func (d *pdfDoc) clinical() {
	c := d.r.Clinical
	ind := labelsOf(c.Indication, "; ")
	if t := strings.TrimSpace(c.IndicationText); t != "" {
		if ind != "" {
			ind += "\n"
		}
		ind += t
	}
	var cycle []string
	if c.CycleDay != nil {
		cycle = append(cycle, "Day "+strconv.Itoa(*c.CycleDay)+" of the cycle")
	}
	if c.LMPDate != "" {
		cycle = append(cycle, "last menstrual period "+formatDate(c.LMPDate))
	}
	preg := ""
	if pt := c.PregnancyTest; pt.Result != "" {
		preg = labelOf(pt.Result)
		var det []string
		if pt.Specimen != "" {
			det = append(det, labelOf(pt.Specimen))
		}
		if pt.Date != "" {
			det = append(det, formatDate(pt.Date))
		}
		if len(det) > 0 {
			preg += " (" + strings.Join(det, ", ") + ")"
		}
	}
	d.block("Clinical information", false, []kv{
		{"Indication", ind},
		{"Cycle", strings.Join(cycle, "; ")},
		{"Pregnancy test", preg},
		{"Relevant history", labelsOf(c.History, "; ")},
		{"Consent", yesNo(c.ConsentObtained, "Obtained", "Not obtained")},
		{"Comparison", c.Comparison},
	})
}

func (d *pdfDoc) technique() {
	t := d.r.Technique
	var cath []string
	if ct := t.Catheter; ct.Type != "" || ct.SizeFr != nil {
		s := labelOf(ct.Type)
		if ct.Type == "" {
			s = "Catheter"
		}
		if ct.SizeFr != nil {
			s += ", " + formatNumber(*ct.SizeFr, 1) + " Fr"
		}
		cath = append(cath, s)
		if ct.BalloonPosition != "" && ct.BalloonPosition != BalloonNotApplicable {
			b := "balloon " + labelOf(ct.BalloonPosition)
			if ct.BalloonVolumeML != nil {
				b += " (" + formatNumber(*ct.BalloonVolumeML, 1) + " mL)"
			}
			cath = append(cath, b)
		}
		if ct.BalloonFreeImageObtained != nil {
			cath = append(cath, yesNo(ct.BalloonFreeImageObtained, "image without the balloon obtained", "no image without the balloon"))
		}
	}
	if t.TenaculumUsed != nil {
		cath = append(cath, yesNo(t.TenaculumUsed, "tenaculum used", "no tenaculum"))
	}

	c := t.Contrast
	var contrast []string
	if c.Class != "" {
		contrast = append(contrast, labelOf(c.Class))
	}
	agent := ""
	if c.Agent != nil && c.Agent.Display != "" {
		agent = c.Agent.Display
	}
	switch {
	case agent != "" && c.ProductName != "" && !strings.Contains(strings.ToLower(c.ProductName), strings.ToLower(agent)):
		agent += " (" + c.ProductName + ")"
	case agent == "" || c.ProductName != "":
		agent = cmpOr(c.ProductName, agent)
	}
	if agent != "" {
		contrast = append(contrast, agent)
	}
	if c.ConcentrationMgIPerML != nil {
		contrast = append(contrast, formatNumber(*c.ConcentrationMgIPerML, 0)+" mg I/mL")
	}
	if c.Warmed != nil {
		contrast = append(contrast, yesNo(c.Warmed, "warmed", "not warmed"))
	}
	volume := ""
	if c.VolumeML != nil {
		volume = formatNumber(*c.VolumeML, 1) + " mL"
	}

	fluoro := ""
	if t.FluoroscopyTimeS != nil {
		fluoro = durationText(*t.FluoroscopyTimeS)
	}
	var images []string
	if t.SpotImageCount != nil {
		images = append(images, plural(*t.SpotImageCount, "spot image", "spot images"))
	}
	if t.CineRunCount != nil {
		images = append(images, plural(*t.CineRunCount, "cine run", "cine runs"))
	}
	imgText := strings.Join(images, ", ")
	if len(t.ImagesObtained) > 0 {
		k := labelsOf(t.ImagesObtained, ", ")
		if imgText != "" {
			imgText += ": " + k
		} else {
			imgText = capitalize(k)
		}
	}

	dap, kerma := doseText(t.Dose)
	delayed := ""
	if di := t.DelayedImage; di.Obtained != nil {
		if !*di.Obtained {
			delayed = "Not obtained"
		} else {
			delayed = "Obtained"
			if di.MinutesAfterContrast != nil {
				delayed += " " + formatNumber(*di.MinutesAfterContrast, 0) + " min after the start of contrast"
			}
			var det []string
			if di.CatheterRemovedBefore != nil {
				det = append(det, yesNo(di.CatheterRemovedBefore, "catheter removed before", "catheter in place"))
			}
			if di.Determination != "" {
				s := labelOf(di.Determination)
				if di.Confidence != "" && di.Determination != DeterminedManually {
					s += " (" + labelOf(di.Confidence) + ")"
				}
				det = append(det, s)
			}
			if len(det) > 0 {
				delayed += "; " + strings.Join(det, "; ")
			}
		}
	}
	adequacy := ""
	if t.Adequacy != "" {
		adequacy = labelOf(t.Adequacy)
	}
	sel := ""
	if t.SelectiveSalpingography != "" {
		sel = labelOf(t.SelectiveSalpingography)
	}
	d.block("Technique", false, []kv{
		{"Catheter", capitalize(strings.Join(cath, "; "))},
		{"Contrast medium", strings.Join(contrast, ", ")},
		{"Contrast volume", volume},
		{"Medication", strings.Join(t.Medications, "; ")},
		{"Antibiotic prophylaxis", t.AntibioticProphylaxis},
		{"Fluoroscopy time", fluoro},
		{"Images", imgText},
		{"Dose-area product", dap},
		{"Air kerma at the reference point", kerma},
		{"Delayed image", delayed},
		{"Selective salpingography", sel},
		{"Adequacy", adequacy},
		{"Limitations", labelsOf(t.Limitations, "; ")},
		{"Notes", t.TechniqueText},
	})
}

// doseText returns the dose-area product and reference air kerma as
// printed, each with its unit and source.
func doseText(d Dose) (dap, kerma string) {
	src := ""
	if d.Source != "" {
		src = labelOf(d.Source)
	}
	if q := d.DAPTotal; q != nil && q.Value != nil {
		gy, ok := q.GyCm2()
		if d.DAPTotalGyCm2 != nil {
			gy, ok = *d.DAPTotalGyCm2, true
		}
		var notes []string
		if ok && q.Unit != UnitGyCm2 {
			notes = append(notes, quantityText(*q.Value, q.Unit))
		}
		if src != "" {
			if d.Method != "" {
				notes = append(notes, src+": "+d.Method)
			} else {
				notes = append(notes, src)
			}
		}
		if ok {
			dap = sigText(gy, 3) + " Gy·cm²"
		} else {
			dap = quantityText(*q.Value, q.Unit)
		}
		if len(notes) > 0 {
			dap += " (" + strings.Join(notes, ", ") + ")"
		}
	} else if d.DAPTotalGyCm2 != nil {
		dap = sigText(*d.DAPTotalGyCm2, 3) + " Gy·cm²"
		if src != "" {
			dap += " (" + src + ")"
		}
	}
	if d.AirKermaRefPointMGy != nil {
		kerma = sigText(*d.AirKermaRefPointMGy, 3) + " mGy"
		if src != "" {
			kerma += " (" + src + ")"
		}
	}
	return dap, kerma
}

// quantityText formats a value with its unit, in scientific notation
// when very small or large ("1.6 × 10⁻⁵ Gy·m²").
func quantityText(v float64, u Unit) string {
	return sigText(v, 3) + " " + labelOf(u)
}

// sigText formats v with at most n significant digits, switching to
// "a × 10ⁿ" outside 0.001–100000.
func sigText(v float64, n int) string {
	a := math.Abs(v)
	if v == 0 || a >= 1e-3 && a < 1e5 {
		return strconv.FormatFloat(sig(v, n), 'f', -1, 64)
	}
	exp := int(math.Floor(math.Log10(a)))
	mant := sig(v/math.Pow10(exp), n)
	if math.Abs(mant) >= 10 { // rounding carried into the next power
		mant /= 10
		exp++
	}
	return strconv.FormatFloat(mant, 'f', -1, 64) + " × 10" + superscript(exp)
}

func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	sup := []rune(digits)
	var b strings.Builder
	if n < 0 {
		b.WriteRune('⁻')
		n = -n
	}
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(sup[c-'0'])
	}
	return b.String()
}

// durationText formats seconds as "42 s" or "1 min 25 s".
func durationText(s float64) string {
	if s < 60 {
		return formatNumber(s, 1) + " s"
	}
	m := math.Floor(s / 60)
	rest := s - 60*m
	out := formatNumber(m, 0) + " min"
	if r := roundTo(rest, 0); r > 0 {
		out += " " + formatNumber(r, 0) + " s"
	}
	return out + " (" + formatNumber(s, 0) + " s)"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// yesNo words an optional yes/no value; nil gives "".
func yesNo(b *bool, yes, no string) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return yes
	}
	return no
}

func (d *pdfDoc) findings() {
	r := d.r
	u := r.Uterus
	d.pending = "Findings" // printed with the first group that has a value
	defer func() { d.pending = "" }()

	var cavity []kv
	canal := ""
	if r.Cervix.Canal != "" {
		canal = labelOf(r.Cervix.Canal)
	}
	canal = joinSentences(canal, r.Cervix.Text)
	cavity = append(cavity, kv{"Cervical canal", canal})
	cavity = append(cavity, kv{"Cavity opacified", yesNo(u.CavityOpacified, "Yes", "No — the cavity did not opacify")})
	if u.Deviation != "" {
		cavity = append(cavity, kv{"Position", labelOf(u.Deviation)})
	}
	if u.Size != "" {
		cavity = append(cavity, kv{"Size", labelOf(u.Size)})
	}
	if u.Contour != "" {
		cavity = append(cavity, kv{"Contour", labelOf(u.Contour)})
	}
	if u.Shape != "" {
		cavity = append(cavity, kv{"Shape", labelOf(u.Shape)})
	}
	var ind []string
	if u.InternalIndentationDepthMM != nil {
		ind = append(ind, "depth "+d.sizeText(*u.InternalIndentationDepthMM, "", "/uterus/internalIndentationDepthMm"))
	}
	if u.InternalIndentationAngleDeg != nil {
		ind = append(ind, "angle "+formatNumber(*u.InternalIndentationAngleDeg, 0)+"°")
	}
	cavity = append(cavity, kv{"Fundal indentation", capitalize(strings.Join(ind, ", "))})
	if u.IntercornualAngleDeg != nil {
		cavity = append(cavity, kv{"Intercornual angle", formatNumber(*u.IntercornualAngleDeg, 0) + "°"})
	}
	var defects []string
	for i, f := range u.FillingDefects {
		defects = append(defects, d.defectText(f, "/uterus/fillingDefects/"+strconv.Itoa(i)))
	}
	cavity = append(cavity, kv{"Filling defects", strings.Join(defects, "\n")})
	cavity = append(cavity, kv{"Intrauterine adhesions", adhesionsText(u.IntrauterineAdhesions)})
	if a := u.AdenomyosisSigns; a.Present != nil {
		s := yesNo(a.Present, "Signs present", "No signs")
		if *a.Present {
			var det []string
			if a.Pattern != "" {
				det = append(det, labelOf(a.Pattern))
			}
			if a.Location != "" {
				det = append(det, labelOf(a.Location))
			}
			if len(det) > 0 {
				s += ": " + strings.Join(det, ", ")
			}
		}
		cavity = append(cavity, kv{"Adenomyosis", s})
	}
	var outs []string
	for i, o := range u.Outpouchings {
		s := labelOf(o.Type)
		if o.Type == "" {
			s = "Outpouching"
		}
		if o.Location != "" {
			s += " in the " + labelOf(o.Location)
		}
		if o.SizeMM != nil {
			s += ", " + d.sizeText(*o.SizeMM, "", "/uterus/outpouchings/"+strconv.Itoa(i)+"/sizeMm")
		}
		outs = append(outs, s)
	}
	cavity = append(cavity, kv{"Outpouchings", strings.Join(outs, "\n")})
	cavity = append(cavity, kv{"Devices", labelsOf(u.Devices, "; ")})
	cavity = append(cavity, kv{"Notes", u.Text})
	d.block("Cervix and uterine cavity", true, cavity)

	d.anomaly()
	d.tubes()

	pe := r.Peritoneum
	pattern := ""
	if pe.SpillPattern != "" {
		pattern = labelOf(pe.SpillPattern)
	}
	findings := d.delayedFindings()
	delayed := capitalize(findings)
	if m := r.Technique.DelayedImage.MinutesAfterContrast; m != nil && findings != "" && r.Technique.DelayedImage.IsObtained() {
		delayed = "At " + formatNumber(*m, 0) + " min: " + findings
	}
	d.block("Peritoneum and delayed image", true, []kv{
		{"Intraperitoneal spill", pattern},
		{"Delayed image", delayed},
		{"Notes", pe.Text},
	})

	d.complications()

	g := r.Grading
	var grading []kv
	if g.HullRutherford != "" && d.gradeApplies() {
		s := labelOf(g.HullRutherford)
		if g.HullRutherfordBasis != "" {
			s += ", " + labelOf(g.HullRutherfordBasis)
		}
		grading = append(grading, kv{"Hull & Rutherford", s})
	}
	for _, o := range g.Other {
		grading = append(grading, kv{cmpOr(o.System, "Grade"), o.Value})
	}
	d.block("Tubal grading", true, grading)
}

// delayedFindings words the findings on the delayed image, naming the
// tube that holds residual contrast when the findings tell which.
func (d *pdfDoc) delayedFindings() string {
	out := make([]string, len(d.r.Peritoneum.DelayedFindings))
	for i, f := range d.r.Peritoneum.DelayedFindings {
		out[i] = labelOf(f)
		if f == DelayedTubalContrast {
			out[i] = residualTube(&d.r.Tubes)
		}
	}
	return strings.Join(out, "; ")
}

// residualTube says where residual tubal contrast on the delayed image is:
// in the hydrosalpinx when one side has one, else in the one tube recorded
// as occluded or with loculated spill.
func residualTube(t *Tubes) string {
	present := func(x *Tube) bool { return x.Status != TubeSurgicallyAbsent && x.Status != TubeNotAssessed }
	hx := func(x *Tube) bool { return present(x) && x.Hydrosalpinx.IsPresent() }
	held := func(x *Tube) bool {
		return present(x) && (x.Patency == Occluded || x.Spill == SpillLoculated || x.Spill == SpillMinimal)
	}
	r, l := &t.Right, &t.Left
	switch {
	case hx(r) && hx(l):
		return "residual tubal contrast (side not recorded)"
	case hx(r):
		return "residual contrast in the right hydrosalpinx"
	case hx(l):
		return "residual contrast in the left hydrosalpinx"
	case held(r) && !held(l):
		return "residual contrast in the right tube"
	case held(l) && !held(r):
		return "residual contrast in the left tube"
	}
	return "residual tubal contrast (side not recorded)"
}

// gradeApplies reports whether a Hull & Rutherford grade belongs in the
// report: always when it comes from laparoscopy or says "not applicable",
// and from HSG only while a tube is recorded with disease the grade
// describes (occlusion, indeterminate patency, hydrosalpinx, salpingitis
// isthmica nodosa, peritubal adhesions or loculated or minimal spill). A
// grade left from findings that have since changed to normal is not
// printed.
func (d *pdfDoc) gradeApplies() bool {
	g := d.r.Grading
	if g.HullRutherfordBasis == HRBasisLaparoscopy || g.HullRutherford == HRNotApplicable {
		return true
	}
	diseased := func(t *Tube) bool {
		if t.Status == TubeSurgicallyAbsent || t.Status == TubeNotAssessed {
			return false
		}
		return t.Patency == Occluded || t.Patency == PatencyIndeterminate || t.Hydrosalpinx.IsPresent() ||
			isTrue(t.SalpingitisIsthmicaNodosa) || isTrue(t.PeritubalAdhesionsSuspected) ||
			t.Spill == SpillLoculated || t.Spill == SpillMinimal || t.Opacification == OpacificationNone
	}
	return diseased(&d.r.Tubes.Right) || diseased(&d.r.Tubes.Left)
}

// joinSentences joins a label and a free text.
func joinSentences(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ". " + b
}

// sizeText formats a size recorded at path (a JSON pointer) with the
// source of the pixel spacing it was measured with, as every printed
// measurement must say (§1.6): "25.3 mm (calibrated)", "≈14.4 mm
// (magnification-corrected)", "≈18 mm (at detector)", "3.3 mm (user
// calibration, catheter 6 Fr)", or in pixels when uncalibrated ("62 px
// (uncalibrated)"). basis is the source the finding records; when empty,
// the source of the length mark linked to the finding is used, and a
// size with neither says that its source is not recorded.
func (d *pdfDoc) sizeText(v float64, basis SpacingSource, path string) string {
	m := d.markFor(path, basis)
	ref := ""
	if m != nil {
		if basis == "" {
			basis = m.SpacingSource
		}
		ref = m.Reference
	}
	mm := formatNumber(v, 1) + " mm"
	switch {
	case basis == "":
		return mm + " (spacing source not recorded)"
	case basis == SpacingUncalibrated:
		if m != nil && m.LengthPx > 0 && finite(m.LengthPx) {
			return formatFixed(m.LengthPx, pxDecimals(m.LengthPx)) + " px (uncalibrated)"
		}
		return formatNumber(v, 1) + " (uncalibrated: not a size in mm)"
	case !basis.Valid():
		return mm + " (" + labelOf(basis) + ")"
	}
	if !basis.Calibrated() {
		mm = "≈" + mm
	}
	return mm + " (" + Spacing{Row: 1, Column: 1, Source: basis, Reference: ref}.inParens() + ")"
}

// markFor returns the measurement of the length mark linked to the finding
// at path (its findingRef is path or the finding holding it), preferring
// one measured with basis; nil if there is none.
func (d *pdfDoc) markFor(path string, basis SpacingSource) *Measurement {
	parent := path[:max(strings.LastIndexByte(path, '/'), 0)]
	var found *Measurement
	for i := range d.r.Annotations {
		a := &d.r.Annotations[i]
		if a.Measurement == nil || a.Tool != ToolLength || (a.FindingRef != path && a.FindingRef != parent) {
			continue
		}
		if found == nil || basis != "" && a.Measurement.SpacingSource == basis && found.SpacingSource != basis {
			found = a.Measurement
		}
	}
	return found
}

func (d *pdfDoc) defectText(f FillingDefect, path string) string {
	s := labelOf(f.Kind)
	if f.Count != nil && *f.Count > 1 {
		s += " (" + strconv.Itoa(*f.Count) + ")"
	}
	var det []string
	if f.Location != "" {
		det = append(det, "in the "+labelOf(f.Location))
	}
	if f.Margin != "" {
		det = append(det, labelOf(f.Margin))
	}
	if f.SizeMM != nil {
		det = append(det, d.sizeText(*f.SizeMM, "", path+"/sizeMm"))
	}
	if f.MobileOrTransient != nil {
		det = append(det, yesNo(f.MobileOrTransient, "mobile or transient", "fixed"))
	}
	if len(det) > 0 {
		s += ", " + strings.Join(det, ", ")
	}
	return s
}

func adhesionsText(a Adhesions) string {
	if a.Present == nil {
		return ""
	}
	if !*a.Present {
		return "None"
	}
	s := "Present"
	if a.Extent != "" {
		s += ", " + labelOf(a.Extent)
	}
	if c := a.Classification; c.System != "" || c.Grade != "" {
		s += "; " + strings.TrimSpace(labelOf(c.System)+" grade "+c.Grade)
	}
	return s
}

func (d *pdfDoc) anomaly() {
	a := d.r.Uterus.MullerianAnomaly
	var eshre []string
	if a.ESHREUterine != "" {
		eshre = append(eshre, labelOf(a.ESHREUterine))
	}
	if a.ESHRECervical != "" {
		eshre = append(eshre, labelOf(a.ESHRECervical))
	}
	if a.ESHREVaginal != "" {
		eshre = append(eshre, labelOf(a.ESHREVaginal))
	}
	asrm := ""
	if a.ASRM != "" {
		asrm = labelOf(a.ASRM)
		if a.Side != "" && a.ASRM == ASRMUnicornuate {
			asrm += ", " + labelOf(a.Side) + " horn"
		}
	}
	asrm = joinSentences(asrm, a.ASRMDetail)
	afs, certainty, confirm := "", "", ""
	if a.AFS != "" {
		afs = labelOf(a.AFS)
	}
	if a.Certainty != "" {
		certainty = labelOf(a.Certainty)
	}
	if a.ConfirmationRecommended != "" {
		confirm = labelOf(a.ConfirmationRecommended)
	}
	outer := ""
	if a.ExternalContourAssessable != nil && !*a.ExternalContourAssessable && (a.ASRM != "" && a.ASRM != ASRMNone) {
		outer = "Not assessable on HSG"
	}
	d.block("Müllerian anomaly", true, []kv{
		{"Suspected", yesNo(a.Suspected, "Yes", "No")},
		{"ASRM MAC2021", asrm},
		{"ESHRE/ESGE 2013", strings.Join(eshre, "; ")},
		{"AFS 1988", afs},
		{"Certainty", certainty},
		{"External fundal contour", outer},
		{"Confirmation", confirm},
	})
}

// tubeRows returns the rows of the tube table for one tube. Values that
// do not apply to the tube as now recorded are left out, so that an
// earlier answer the form kept cannot contradict it: a tube that is
// absent or not assessed shows only its status, device and notes, and a
// site of occlusion shows only for a tube recorded as occluded (or of
// indeterminate patency).
func (d *pdfDoc) tubeRows(side Side) map[string]string {
	t := *d.r.Tubes.Tube(side)
	base := "/tubes/" + string(side)
	m := map[string]string{}
	if t.Status != "" && t.Status != TubePresent {
		m["Status"] = labelOf(t.Status)
		if t.SterilizationDevice != "" {
			m["Sterilisation device"] = labelOf(t.SterilizationDevice)
		}
		m["Notes"] = strings.TrimSpace(t.Text)
		return m
	}
	if t.Opacification != "" {
		m["Opacification"] = labelOf(t.Opacification)
	}
	if t.Patency != "" {
		m["Patency"] = labelOf(t.Patency)
	}
	if t.OcclusionSite != "" && (t.Patency == Occluded || t.Patency == PatencyIndeterminate || t.Patency == "") {
		m["Site of occlusion"] = labelOf(t.OcclusionSite)
		if t.OcclusionQualifier != "" && t.OcclusionQualifier != OcclusionDefinite {
			m["Site of occlusion"] += "; " + labelOf(t.OcclusionQualifier)
		}
	}
	if t.Spill != "" {
		m["Spill"] = labelOf(t.Spill)
	}
	m["Peritubal adhesions"] = yesNo(t.PeritubalAdhesionsSuspected, "Suspected", "Not suspected")
	if h := t.Hydrosalpinx; h.Present != nil {
		if !*h.Present {
			m["Hydrosalpinx"] = "No"
		} else {
			s := "Present"
			var det []string
			if h.MaxDiameterMM != nil {
				det = append(det, d.sizeText(*h.MaxDiameterMM, h.MeasurementBasis, base+"/hydrosalpinx/maxDiameterMm"))
			}
			if h.MucosalFolds != "" {
				det = append(det, labelOf(h.MucosalFolds))
			}
			if len(det) > 0 {
				s += ", " + strings.Join(det, ", ")
			}
			m["Hydrosalpinx"] = s
		}
	}
	m["Salpingitis isthmica nodosa"] = yesNo(t.SalpingitisIsthmicaNodosa, "Features present", "No")
	m["Tubal spasm"] = yesNo(t.TubalSpasmSuspected, "Suspected", "Not suspected")
	if t.Contour != "" {
		m["Contour"] = labelOf(t.Contour)
	}
	if t.SterilizationDevice != "" {
		m["Sterilisation device"] = labelOf(t.SterilizationDevice)
	}
	m["Notes"] = strings.TrimSpace(t.Text)
	return m
}

var tubeRowOrder = []string{"Status", "Opacification", "Patency", "Site of occlusion", "Spill", "Peritubal adhesions",
	"Hydrosalpinx", "Salpingitis isthmica nodosa", "Tubal spasm", "Contour", "Sterilisation device", "Notes"}

// tubes prints the right and left tubes side by side.
func (d *pdfDoc) tubes() {
	p := d.pdf
	rt, lt := d.tubeRows(Right), d.tubeRows(Left)
	var order []string
	for _, k := range tubeRowOrder {
		if rt[k] != "" || lt[k] != "" {
			order = append(order, k)
		}
	}
	if len(order) == 0 {
		return
	}
	colW := (d.contentW - pdfLabelW - 4) / 2
	height := func(k string) (float64, [2][]string) {
		d.font("", 9.5)
		a, b := d.split(rt[k], colW), d.split(lt[k], colW)
		if len(a) == 0 {
			a = []string{"—"}
		}
		if len(b) == 0 {
			b = []string{"—"}
		}
		d.font("", 8.5)
		n := max(len(a), len(b), len(d.split(k, pdfLabelW-3)))
		return float64(n)*pdfLine + 1, [2][]string{a, b}
	}
	h0 := 0.0
	for _, k := range order[:min(len(order), keepRows+1)] {
		h, _ := height(k)
		h0 += h
	}
	d.subheading("Fallopian tubes", 6.4+h0)
	head := func() {
		y := p.GetY()
		d.font("B", 8.5)
		d.color(colMuted)
		for i, t := range []string{"Right tube", "Left tube"} {
			p.SetXY(pdfMarginX+pdfLabelW+float64(i)*(colW+4), y)
			p.CellFormat(colW, 5, t, "", 0, "L", false, 0, "")
		}
		d.draw(colRule)
		p.SetLineWidth(0.2)
		p.Line(pdfMarginX+pdfLabelW, y+5.2, pdfMarginX+d.contentW, y+5.2)
		p.SetXY(pdfMarginX, y+6.4)
	}
	head()
	for _, k := range order {
		h, cells := height(k)
		if p.GetY()+h > d.pageH-pdfMarginBottom {
			p.AddPage()
			head()
		}
		y := p.GetY()
		d.font("", 8.5)
		d.color(colMuted)
		for i, l := range d.split(k, pdfLabelW-3) {
			p.SetXY(pdfMarginX, y+float64(i)*pdfLine)
			p.CellFormat(pdfLabelW-3, pdfLine, l, "", 0, "L", false, 0, "")
		}
		d.font("", 9.5)
		for c, ls := range cells {
			d.color(colText)
			if len(ls) == 1 && ls[0] == "—" {
				d.color(colRule)
			}
			for i, l := range ls {
				p.SetXY(pdfMarginX+pdfLabelW+float64(c)*(colW+4), y+float64(i)*pdfLine)
				p.CellFormat(colW, pdfLine, l, "", 0, "L", false, 0, "")
			}
		}
		p.SetXY(pdfMarginX, y+h)
	}
}

func (d *pdfDoc) complications() {
	c := d.r.Complications
	var rows []kv
	if len(c.Items) == 0 && c.None != nil && *c.None {
		rows = append(rows, kv{"Complications", "None"})
	}
	for _, it := range c.Items {
		var det []string
		if it.Grade != "" {
			det = append(det, it.Grade)
		}
		if it.Side != "" {
			det = append(det, labelOf(it.Side))
		}
		if it.AffectsInterpretation != nil {
			det = append(det, yesNo(it.AffectsInterpretation, "affects the interpretation", "does not affect the interpretation"))
		}
		if it.Text != "" {
			det = append(det, it.Text)
		}
		v := "Yes"
		if len(det) > 0 {
			v = capitalize(strings.Join(det, "; "))
		}
		rows = append(rows, kv{labelOf(it.Type), v})
	}
	if c.PainVAS != nil {
		rows = append(rows, kv{"Pain (VAS)", strconv.Itoa(*c.PainVAS) + " / 10"})
	}
	d.block("Complications", true, rows)
}

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
		d.section("Impression", 8)
		d.font("", 10)
		d.color(colMuted)
		p.SetX(pdfMarginX)
		p.CellFormat(d.contentW, lh, "No impression: the findings recorded give none.", "", 2, "L", false, 0, "")
		p.SetY(p.GetY() + 2)
	}
	if len(items) > 0 {
		d.font("", 10)
		first := float64(len(d.split(items[0], textW)))*lh + 2*pad
		if len(items) > 1 {
			first += float64(len(d.split(items[1], textW)))*lh + 1.6
		}
		d.section("Impression", first)
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
			p.CellFormat(numW, lh, strconv.Itoa(i+1)+".", "", 0, "L", false, 0, "")
			d.font("", 10)
			d.color(colText)
			for j, l := range ls {
				p.SetXY(pdfMarginX+pad+numW, y+0.8+float64(j)*lh)
				p.CellFormat(textW, lh, l, "", 0, "L", false, 0, "")
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
			t = labelOf(rec.Code)
		}
		if t != "" {
			recs = append(recs, strings.TrimSuffix(t, ".")+".")
		}
	}
	if len(recs) == 0 {
		return
	}
	d.font("", 9.5)
	d.section("Recommendations", float64(len(d.split(recs[0], d.contentW-numW)))*pdfLine)
	for _, t := range recs {
		d.font("", 9.5)
		ls := d.split(t, d.contentW-numW)
		d.ensure(float64(len(ls))*pdfLine + 1)
		y := p.GetY()
		d.color(colAccent)
		p.SetXY(pdfMarginX+1, y)
		p.CellFormat(numW-1, pdfLine, "•", "", 0, "L", false, 0, "")
		d.color(colText)
		for j, l := range ls {
			p.SetXY(pdfMarginX+numW, y+float64(j)*pdfLine)
			p.CellFormat(d.contentW-numW, pdfLine, l, "", 0, "L", false, 0, "")
		}
		p.SetXY(pdfMarginX, y+float64(len(ls))*pdfLine+1)
	}
}

// keyImages prints the key images two to a row, each with its caption.
func (d *pdfDoc) keyImages() {
	imgs := d.opt.Images
	if len(imgs) == 0 {
		return
	}
	p := d.pdf
	gap := 6.0
	cellW := (d.contentW - gap) / 2
	maxH := 66.0
	capH := 9.5
	type placed struct {
		name string
		w, h float64
	}
	jpegs, err := encodeKeyImages(imgs)
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
		if row == 0 {
			d.section("Key images", rowH+capH)
		} else {
			d.ensure(rowH + capH + 2)
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
			title := strconv.Itoa(row+c+1) + "  " + keyImageTitle(im.Key)
			p.CellFormat(cellW, 4, title, "", 2, "L", false, 0, "")
			p.SetX(x0)
			d.font("", 7.5)
			d.color(colMuted)
			p.CellFormat(cellW, 3.6, d.keyImageDetail(im), "", 2, "L", false, 0, "")
		}
		p.SetXY(pdfMarginX, y+rowH+capH+3)
	}
}

// keyImageTitle is the first caption line of a key image: its role and
// its time from the start of contrast ("Delayed  +22 min").
func keyImageTitle(k KeyImage) string {
	s := "Key image"
	if k.Role != "" {
		s = labelOf(k.Role)
	}
	if m := k.MinutesFromContrastStart; m != nil && finite(*m) {
		s += "   " + minutesText(*m)
	}
	return s
}

// minutesText is [MinutesText] with a typographic minus, for print:
// "+22 min", "+1.5 min", "−1 min".
func minutesText(m float64) string {
	if s, neg := strings.CutPrefix(MinutesText(m), "-"); neg {
		return "−" + s
	}
	return MinutesText(m)
}

// keyImageDetail is the second caption line: series, image, frame and
// time of day.
func (d *pdfDoc) keyImageDetail(im ReportImage) string {
	var parts []string
	if im.SeriesNumber != 0 || im.InstanceNumber != 0 {
		parts = append(parts, fmt.Sprintf("Series %d, image %d", im.SeriesNumber, im.InstanceNumber))
	}
	if f := im.Key.Image.FrameNumber; f > 0 && im.Frames > 1 {
		parts = append(parts, fmt.Sprintf("frame %d of %d", f, im.Frames))
	}
	if !im.Acquired.IsZero() {
		parts = append(parts, im.Acquired.Format("15:04:05"))
	}
	return strings.Join(parts, "  ·  ")
}

// encodeKeyImages encodes the key images as JPEG, in parallel.
//
// fpdf writes images in the order of their widths when the catalog is
// sorted, and in map order among equal widths, so images of equal width
// would make the output vary from run to run. An image whose width is
// taken gets black columns on the right (it is drawn on black) until its
// width is unique.
func encodeKeyImages(imgs []ReportImage) ([][]byte, error) {
	widths := map[int]bool{}
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
	var wg sync.WaitGroup
	for i, im := range imgs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, padRight(im.Image, padTo[i]), &jpeg.Options{Quality: 90}); err != nil {
				errs[i] = fmt.Errorf("annotate: pdf: key image: %w", err)
			}
			out[i] = buf.Bytes()
		})
	}
	wg.Wait()
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

// signature prints who signed the report and when, and the versions it
// replaced.
func (d *pdfDoc) signature() {
	p := d.pdf
	r := d.r
	d.section("Signature", 16)
	if d.unsigned() {
		d.font("B", 10)
		d.color(colDraft)
		p.CellFormat(d.contentW, 5.5, "Not signed — this is a draft", "", 2, "L", false, 0, "")
		if r.Author.Name != "" {
			d.rows([]kv{{"Prepared by", r.Author.Name}})
		}
	} else {
		d.font("", 9.5)
		d.color(colText)
		d.rows([]kv{
			{"Signed by", r.Author.Name + idSuffix(r.Author.ID)},
			{"Signed on", d.timeText(r.SignedAt)},
			{"Status", fmt.Sprintf("%s, version %d", labelOf(r.Status), r.Version)},
		})
	}
	if r.AmendmentReason != "" {
		d.rows([]kv{{"Reason for amendment", r.AmendmentReason}})
	}
	if n := len(r.PreviousVersions); n > 0 {
		var vs []string
		for i := n - 1; i >= 0; i-- {
			pv := r.PreviousVersions[i]
			s := fmt.Sprintf("Version %d (%s)", pv.Version, strings.ToLower(labelOf(pv.Status)))
			if pv.Author.Name != "" {
				s += ", signed by " + pv.Author.Name
			}
			if !pv.SignedAt.IsZero() {
				s += " on " + d.timeText(pv.SignedAt)
			}
			vs = append(vs, s)
		}
		d.rows([]kv{{"Replaces", strings.Join(vs, "\n")}})
	}
}

func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " (" + id + ")"
}

// timeText formats a time in the document's time zone.
func (d *pdfDoc) timeText(t time.Time) string {
	return t.In(d.loc).Format("2 Jan 2006, 15:04 MST")
}

// footers prints the footer of every page once the page count is known.
func (d *pdfDoc) footers() {
	p := d.pdf
	n := p.PageCount()
	p.SetAutoPageBreak(false, 0)
	status := labelOf(d.r.Status)
	if d.r.Version > 0 && d.r.Status.Signed() {
		status += ", version " + strconv.Itoa(d.r.Version)
	}
	hashLabel := "Content hash "
	if d.unsigned() {
		hashLabel = "Draft content hash "
	}
	for i := 1; i <= n; i++ {
		p.SetPage(i)
		y := d.pageH - pdfMarginBottom + 8
		d.rule(y, colRule, 0.2)
		d.font("", 6.8)
		d.color(colMuted)
		p.SetXY(pdfMarginX, y+1.5)
		p.CellFormat(d.contentW*0.8, 3.4, "Report ID "+d.r.ReportID+"  ·  "+status, "", 2, "L", false, 0, "")
		p.SetX(pdfMarginX)
		p.CellFormat(d.contentW*0.8, 3.4, hashLabel+d.hash, "", 0, "L", false, 0, "")
		d.font("", 8)
		d.color(colText)
		p.SetXY(pdfMarginX+d.contentW*0.8, y+1.5)
		p.CellFormat(d.contentW*0.2, 3.4, fmt.Sprintf("Page %d / %d", i, n), "", 0, "R", false, 0, "")
	}
}

// formatDate formats an ISO date (YYYY-MM-DD, or DICOM YYYYMMDD) as
// "17 Mar 1992"; other text is returned as it is.
func formatDate(s string) string {
	t, err := time.Parse(time.DateOnly, isoDate(strings.TrimSpace(s)))
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// parseReportTime parses a date-time of the report: RFC 3339, or without
// a zone.
func parseReportTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ageAt returns the age in whole years on the study date, or -1.
func ageAt(birth, study string) int {
	b, err := time.Parse(time.DateOnly, isoDate(birth))
	if err != nil {
		return -1
	}
	t, ok := parseReportTime(study)
	if !ok {
		return -1
	}
	y := t.Year() - b.Year()
	if t.Month() < b.Month() || t.Month() == b.Month() && t.Day() < b.Day() {
		y--
	}
	if y < 0 || y > 130 {
		return -1
	}
	return y
}
