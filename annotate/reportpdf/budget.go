package reportpdf

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/hsgview/hsgview/annotate/report"
)

// The print budget (issue 11): a draft can hold any amount of text (5 MB
// once made a 41,902-page PDF). The PDF prints at most MaxFieldText
// characters of one field, MaxListItems entries of one list and
// MaxReportText characters in all, and says on page 1 that text was cut;
// the report file keeps everything. With MaxKeyImages key images this
// bounds a report to a few dozen pages.
const (
	// MaxFieldText is the number of characters printed of one field:
	// about half a page, more than any finding needs; a field always fits
	// one page (the layout keeps a row or an impression sentence whole).
	MaxFieldText = 2000
	// MaxListItems is the number of entries printed of one list
	// (impression sentences, filling defects, complications …).
	MaxListItems = 100
	// MaxReportText is the number of characters printed in all.
	MaxReportText = 60000
	// MaxFieldLines is the number of line breaks kept in one field; the
	// rest are printed as spaces.
	MaxFieldLines = 20
	// maxIdentityText is the length printed of a value of the patient
	// and study panel (a DICOM name is at most 64 characters a group).
	maxIdentityText = 200
)

// cutMark ends a field cut to MaxFieldText characters.
const cutMark = " […]"

// printBudget is what clipForPrint left out.
type printBudget struct {
	used                   int // characters kept
	fields, lists, dropped int // fields cut, lists cut, fields left out
}

// truncated reports whether anything was left out.
func (b printBudget) truncated() bool { return b.fields+b.lists+b.dropped > 0 }

// clipForPrint returns a copy of r within the print budget: its
// impression first, so the conclusion is never what the budget cuts.
// r is not changed.
func clipForPrint(r *report.Report) (*report.Report, printBudget) {
	var b printBudget
	out := *r
	im := b.clip(reflect.ValueOf(r.Impression), false)
	rest := b.clip(reflect.ValueOf(*r), true).Interface().(report.Report)
	rest.Impression = im.Interface().(report.Impression)
	out = rest
	return &out, b
}

// clip returns a copy of v with strings and lists cut to the budget.
// Key images and marks (the Layer) are not text (they are limited by MaxKeyImages and
// drawn, not printed), and the top-level impression is clipped first by
// the caller (top).
func (b *printBudget) clip(v reflect.Value, top bool) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		n := utf8.RuneCountInString(s)
		if n == 0 {
			return v
		}
		left := MaxReportText - b.used
		if left <= 0 {
			b.dropped++
			return reflect.Zero(v.Type())
		}
		if n > MaxFieldText || n > left {
			s = string([]rune(s)[:min(MaxFieldText, left)]) + cutMark
			b.fields++
			n = min(MaxFieldText, left)
		}
		b.used += n
		if strings.Count(s, "\n") > MaxFieldLines {
			ls := strings.SplitAfterN(s, "\n", MaxFieldLines+1)
			ls[MaxFieldLines] = strings.Join(strings.Fields(ls[MaxFieldLines]), " ")
			s = strings.Join(ls, "")
			b.fields++
		}
		out := reflect.New(v.Type()).Elem()
		out.SetString(s)
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(b.clip(v.Elem(), false))
		return out
	case reflect.Slice:
		if v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8 {
			return v
		}
		n := v.Len()
		if n > MaxListItems {
			n = MaxListItems
			b.lists++
		}
		out := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			out.Index(i).Set(b.clip(v.Index(i), false))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if top && (f.Name == "Impression" || f.Name == "KeyImages" || f.Name == "Layer" || f.Name == "Extra") {
				continue
			}
			out.Field(i).Set(b.clip(v.Field(i), false))
		}
		return out
	}
	return v
}

// budgetBanner says on page 1 that text was left out of the PDF.
func (d *pdfDoc) budgetBanner() {
	if !d.budget.truncated() {
		return
	}
	d.banner(colAmend, colAmendB, d.t("Text cut for printing"),
		d.tf("This report holds more text than a report prints: a field is printed up to %s characters (cut where marked “[…]”), a list up to %d entries, and %s characters in all. The report file keeps the full text.",
			d.num(MaxFieldText, 0), MaxListItems, d.num(MaxReportText, 0)))
}

// identityText is a value of the patient and study panel on one line, at
// most maxIdentityText characters.
func identityText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > maxIdentityText {
		s = string(rs[:maxIdentityText]) + "…"
	}
	return s
}
