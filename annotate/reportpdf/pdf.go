package reportpdf

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/assets"
	"github.com/hsgview/hsgview/l10n"
)

// PDFOptions control [Report.WritePDF].
type PDFOptions struct {
	// Settings give the institution printed at the top of the report.
	Settings Settings
	// Paper is the paper size; Settings.Paper when empty, else A4.
	Paper Paper
	// Images are the key images, in the order printed (see
	// [RenderKeyImages]).
	Images []keyimage.ReportImage
	// Location is the time zone times are printed in; time.Local if nil.
	Location *time.Location
	// Producer names the program in the PDF's metadata, e.g. "hsgview 1.0".
	Producer string
	// Created is the export time, the PDF's CreationDate and ModDate;
	// now if zero. (Not the report's own times: a PDF exported today of a
	// report signed last week was made today.)
	Created time.Time
	// Language is the language of the PDF's own words (headings, labels,
	// banners, the words of coded values, numbers, dates and units): "en"
	// or "ru" (see l10n.Lang); the report's Language when empty. The
	// texts the report holds (the impression, free text) are printed as
	// they are.
	Language string
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
// The output depends only on r and opt (with opt.Created set, the same
// report gives the same bytes).
func WritePDF(w io.Writer, r *report.Report, opt PDFOptions) error {
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
	r        *report.Report
	opt      PDFOptions
	loc      *time.Location
	pageW    float64
	pageH    float64
	contentW float64
	hash     string // content hash printed in the footer
	budget   printBudget
	// omitted is the number of key images beyond MaxKeyImages.
	omitted int
	// watermarkW is the watermark image's width in pixels (0 if none):
	// key images are kept off it (see encodeKeyImages).
	watermarkW int
	pending    string // section heading printed before its first block
	// lang is the language of the PDF's words, l10n.EN or l10n.RU.
	lang string
	// style and size are the current font's, as set by font.
	style    string
	size     float64
	cjkAdded bool // the CJK font was added to the document
	inHeader bool // the page header is being drawn (no page break)
}

func newPDFDoc(r *report.Report, opt PDFOptions) (*pdfDoc, error) {
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
	stamp := opt.Created
	if stamp.IsZero() {
		stamp = time.Now()
	}
	pdf.SetCreationDate(stamp.In(loc))
	pdf.SetModificationDate(stamp.In(loc))
	pdf.SetCatalogSort(true)
	lang := r.Lang()
	if opt.Language != "" {
		lang = l10n.Lang(opt.Language)
	}
	if r.Author.Name != "" {
		pdf.SetAuthor(r.Author.Name, true)
	}
	pdf.SetCreator("hsgview", true)
	if opt.Producer != "" {
		pdf.SetProducer(opt.Producer, true)
	}
	pdf.SetLang(lang)
	w, h := pdf.GetPageSize()
	omitted := keyimage.Omitted(max(len(r.KeyImages), len(opt.Images)))
	r, budget := clipForPrint(r)
	d := &pdfDoc{pdf: pdf, r: r, opt: opt, loc: loc, pageW: w, pageH: h, contentW: w - 2*pdfMarginX, hash: hash, budget: budget, omitted: omitted, lang: lang}
	pdf.SetTitle(d.t("Hysterosalpingography report"), true)
	pdf.SetSubject(d.t("HSG report")+" "+r.ReportID, true)
	if d.unsigned() {
		if err := d.registerWatermark(); err != nil {
			return nil, err
		}
	}
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
	d.style, d.size = b, sz
	d.pdf.SetFont(pdfFont, b, sz)
}

// unsigned reports whether the report is not (yet) signed.
func (d *pdfDoc) unsigned() bool { return !d.r.Status.Signed() }

// build lays out the whole document.
func (d *pdfDoc) build() {
	d.pdf.AddPage()
	d.letterhead()
	d.statusBanner()
	d.budgetBanner()
	d.identity()
	// The conclusion comes first, where the referring clinician looks;
	// the details that support it follow.
	d.impression()
	d.superseded()
	d.clinical()
	d.technique()
	d.findings()
	// The signature closes the report text; key images follow as its
	// illustration, so a short report does not end on a page holding
	// the signature alone.
	d.signature()
	d.keyImages()
	d.footers()
}
