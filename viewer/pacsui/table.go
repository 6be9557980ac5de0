package pacsui

import (
	"net/http"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"hsgview/dicomio/dicomtext"
	"hsgview/dicomweb"
)

// resultColumns are the result table's columns and widths.
var resultColumns = []struct {
	title string
	width float32
	cell  func(dicomweb.StudyResult) string
}{
	{"Date", 92, func(r dicomweb.StudyResult) string { return isoDate(r.StudyDate) }},
	{"Patient", 210, func(r dicomweb.StudyResult) string { return dicomtext.FormatPersonName(r.PatientName) }},
	{"ID", 110, func(r dicomweb.StudyResult) string { return r.PatientID }},
	{"Accession", 110, func(r dicomweb.StudyResult) string { return r.AccessionNumber }},
	{"Modalities", 110, func(r dicomweb.StudyResult) string { return strings.Join(r.Modalities, ", ") }},
	{"Images", 60, func(r dicomweb.StudyResult) string { return strconv.Itoa(r.Instances) }},
	{"Report", 60, func(r dicomweb.StudyResult) string {
		if r.HasReport {
			return "✓"
		}
		return ""
	}},
	{"Description", 320, func(r dicomweb.StudyResult) string { return r.Description }},
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
			o.(*widget.Label).SetText(resultColumns[id.Col].title)
		}
	}
	for i, c := range resultColumns {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) { p.rowSelected(id.Row) }
	return t
}

// httpText is the reason phrase of an HTTP status.
func httpText(status int) string { return http.StatusText(status) }
