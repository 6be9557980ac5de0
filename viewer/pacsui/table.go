package pacsui

import (
	"net/http"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// resultColumns are the result table's columns and widths (titles:
// catalogue keys).
var resultColumns = []struct {
	title string
	width float32
	cell  func(dicomweb.StudyResult) string
}{
	{i18n.K("Date"), 92, func(r dicomweb.StudyResult) string { return isoDate(r.StudyDate) }},
	{i18n.K("Patient"), 210, func(r dicomweb.StudyResult) string { return dicomtext.FormatPersonName(r.PatientName) }},
	{i18n.K("ID"), 110, func(r dicomweb.StudyResult) string { return r.PatientID }},
	{i18n.K("Accession"), 110, func(r dicomweb.StudyResult) string { return r.AccessionNumber }},
	{i18n.K("Modalities"), 110, func(r dicomweb.StudyResult) string { return strings.Join(r.Modalities, ", ") }},
	{i18n.K("Images"), 60, func(r dicomweb.StudyResult) string { return strconv.Itoa(r.Instances) }},
	{i18n.K("Report"), 60, func(r dicomweb.StudyResult) string {
		if r.HasReport {
			return "✓"
		}
		return ""
	}},
	{i18n.K("Description"), 320, func(r dicomweb.StudyResult) string { return r.Description }},
}

// Cell returns the text of the result table's cell (row, col), as shown.
func (p *Panel) Cell(row, col int) string {
	if row < 0 || row >= len(p.results) || col < 0 || col >= len(resultColumns) {
		return ""
	}
	return resultColumns[col].cell(p.results[row])
}

func newResultTable(p *Panel) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.results), len(resultColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(p.Cell(id.Row, id.Col))
			if resultColumns[id.Col].title == "Images" || resultColumns[id.Col].title == "Report" {
				l.Alignment = fyne.TextAlignTrailing
				if resultColumns[id.Col].title == "Report" {
					l.Alignment = fyne.TextAlignCenter
				}
			} else {
				l.Alignment = fyne.TextAlignLeading
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(resultColumns) {
			o.(*widget.Label).SetText(lang.L(resultColumns[id.Col].title))
		}
	}
	for i, c := range resultColumns {
		// At least as wide as its title in the language shown.
		title := fyne.MeasureText(lang.L(c.title), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
		t.SetColumnWidth(i, max(c.width, title))
	}
	t.OnSelected = func(id widget.TableCellID) { p.rowSelected(id.Row) }
	return t
}

// httpText is the reason phrase of an HTTP status, in the interface's
// language for those a PACS answers with.
func httpText(status int) string {
	if w, ok := httpWords[status]; ok {
		return lang.L(w)
	}
	return http.StatusText(status)
}

// httpWords are the reason phrases (http.StatusText's words, catalogue
// keys) of the statuses a DICOMweb server answers with.
var httpWords = map[int]string{
	400: i18n.K("Bad Request"), 401: i18n.K("Unauthorized"), 403: i18n.K("Forbidden"), 404: i18n.K("Not Found"),
	405: i18n.K("Method Not Allowed"), 406: i18n.K("Not Acceptable"), 408: i18n.K("Request Timeout"), 409: i18n.K("Conflict"),
	413: i18n.K("Request Entity Too Large"), 415: i18n.K("Unsupported Media Type"), 500: i18n.K("Internal Server Error"),
	502: i18n.K("Bad Gateway"), 503: i18n.K("Service Unavailable"), 504: i18n.K("Gateway Timeout"),
}
