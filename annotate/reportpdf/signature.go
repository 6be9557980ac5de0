package reportpdf

import (
	"strings"
	"time"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/l10n"
)

// signature prints who signed the report and when, and the versions it
// replaced.
func (d *pdfDoc) signature() {
	r := d.r
	d.section(d.t("Signature"), 16)
	if d.unsigned() {
		d.font("B", 10)
		d.color(colDraft)
		d.cell(d.contentW, 5.5, d.t("Not signed — this is a draft"), 2, "L")
		if r.Author.Name != "" {
			d.rows([]kv{{d.t("Prepared by"), r.Author.Name}})
		}
	} else {
		d.font("", 9.5)
		d.color(colText)
		d.rows([]kv{
			{d.t("Signed by"), r.Author.Name + idSuffix(r.Author.ID)},
			{d.t("Signed on"), d.timeText(r.SignedAt)},
			{d.t("Status"), report.LabelIn(r.Status, d.lang) + ", " + d.tf("version %d", r.Version)},
		})
	}
	if r.AmendmentReason != "" {
		d.rows([]kv{{d.t("Reason for amendment"), r.AmendmentReason}})
	}
	if n := len(r.PreviousVersions); n > 0 {
		var vs []string
		for i := n - 1; i >= 0; i-- {
			pv := r.PreviousVersions[i]
			s := d.tf("Version %d", pv.Version) + " (" + strings.ToLower(report.LabelIn(pv.Status, d.lang)) + ")" +
				d.signedByOn(pv.Author.Name, pv.SignedAt)
			vs = append(vs, s)
		}
		d.rows([]kv{{d.t("Replaces"), strings.Join(vs, "\n")}})
	}
}

// signedByOn says who signed a version and when: ", signed by Dr A on
// 12 Mar 2026, 11:00 (UTC+01:00)"; «, подписано: Dr A, 12.03.2026 11:00
// (UTC+01:00)». "" when neither is known.
func (d *pdfDoc) signedByOn(name string, at time.Time) string {
	s := ""
	if name != "" {
		s += d.t(", signed by") + " " + name
	}
	if !at.IsZero() {
		s += d.t(" on") + " " + d.timeText(at)
	}
	return s
}

func idSuffix(id string) string {
	if id == "" {
		return ""
	}
	return " (" + id + ")"
}

// timeText formats a time in the document's time zone, local time with
// its offset from UTC: "12 Mar 2026, 11:00 (UTC+01:00)"; in Russian
// "12.03.2026 11:00 (UTC+01:00)".
func (d *pdfDoc) timeText(t time.Time) string {
	return zonedText(t.In(d.loc), d.lang)
}

// zonedText formats t in its own zone: "12 Mar 2026, 11:00 (UTC+01:00)".
func zonedText(t time.Time, lang string) string {
	if lang == l10n.RU {
		return l10n.DateTime(t, lang) + " (UTC" + t.Format("-07:00") + ")"
	}
	return t.Format("2 Jan 2006, 15:04") + " (UTC" + t.Format("-07:00") + ")"
}

// footers prints the footer of every page once the page count is known.
func (d *pdfDoc) footers() {
	p := d.pdf
	n := p.PageCount()
	p.SetAutoPageBreak(false, 0)
	status := report.LabelIn(d.r.Status, d.lang)
	if d.r.Version > 0 && d.r.Status.Signed() {
		status += ", " + d.tf("version %d", d.r.Version)
	}
	hashLabel := d.t("Content hash") + " "
	if d.unsigned() {
		hashLabel = d.t("Draft content hash") + " "
	}
	for i := 1; i <= n; i++ {
		p.SetPage(i)
		y := d.pageH - pdfMarginBottom + 8
		d.rule(y, colRule, 0.2)
		d.font("", 6.8)
		d.color(colMuted)
		p.SetXY(pdfMarginX, y+1.5)
		d.cell(d.contentW*0.8, 3.4, d.t("Report ID")+" "+d.r.ReportID+"  ·  "+status, 2, "L")
		p.SetX(pdfMarginX)
		d.cell(d.contentW*0.8, 3.4, hashLabel+d.hash, 0, "L")
		d.font("", 8)
		d.color(colText)
		p.SetXY(pdfMarginX+d.contentW*0.8, y+1.5)
		d.cell(d.contentW*0.2, 3.4, d.tf("Page %d / %d", i, n), 0, "R")
	}
}

// date formats an ISO date (YYYY-MM-DD, or DICOM YYYYMMDD) as
// "17 Mar 1992", in Russian "17.03.1992" (l10n.Date); other text is
// returned as it is.
func (d *pdfDoc) date(s string) string {
	t, err := time.Parse(time.DateOnly, wording.IsoDate(strings.TrimSpace(s)))
	if err != nil {
		return s
	}
	if d.lang == l10n.RU {
		return l10n.Date(t, d.lang)
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
	b, err := time.Parse(time.DateOnly, wording.IsoDate(birth))
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
