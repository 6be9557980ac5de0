package reportpdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hsgview/annotate/report"
	"hsgview/annotate/wording"
)

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
			{"Status", fmt.Sprintf("%s, version %d", report.LabelOf(r.Status), r.Version)},
		})
	}
	if r.AmendmentReason != "" {
		d.rows([]kv{{"Reason for amendment", r.AmendmentReason}})
	}
	if n := len(r.PreviousVersions); n > 0 {
		var vs []string
		for i := n - 1; i >= 0; i-- {
			pv := r.PreviousVersions[i]
			s := fmt.Sprintf("Version %d (%s)", pv.Version, strings.ToLower(report.LabelOf(pv.Status)))
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

// timeText formats a time in the document's time zone, local time with
// its offset from UTC: "12 Mar 2026, 11:00 (UTC+01:00)".
func (d *pdfDoc) timeText(t time.Time) string {
	return zonedText(t.In(d.loc))
}

// zonedText formats t in its own zone: "12 Mar 2026, 11:00 (UTC+01:00)".
func zonedText(t time.Time) string {
	return t.Format("2 Jan 2006, 15:04") + " (UTC" + t.Format("-07:00") + ")"
}

// footers prints the footer of every page once the page count is known.
func (d *pdfDoc) footers() {
	p := d.pdf
	n := p.PageCount()
	p.SetAutoPageBreak(false, 0)
	status := report.LabelOf(d.r.Status)
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
	t, err := time.Parse(time.DateOnly, wording.IsoDate(strings.TrimSpace(s)))
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
