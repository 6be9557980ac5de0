package reportui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/viewer/ui"
)

// This file is the patient-dose panel of the Technique section and the
// dose settings dialog. The study's dose ([dose.FromStudy]: the RDSR's
// totals and irradiation events, else the image headers) is worked out
// with the user's dose settings on a background goroutine when the study
// is opened, together with the report draft, and delivered with it
// through the bridge. The panel shows the report's figures as they stand
// (the PDF prints the same), each with its source: the study's when the
// report still holds the study's value, "entered by hand" otherwise; the
// effective-dose estimate and the reference-level flags follow every
// edit of the DAP or the fluoroscopy time (syncDose).
//
// Everything here runs on the Fyne goroutine, except loadStudyDose and
// the settings file I/O, which run on background goroutines.

// studyDose is the dose of the study shown and the settings it was
// worked out with. It is not changed once made (a new one replaces it),
// so report edits may capture it and run on the save worker.
type studyDose struct {
	path     string // the dose settings file
	settings dose.Settings
	study    *dicomio.Study
	summary  *dose.Summary
	err      error // the settings file could not be read: defaults used
}

// loadStudyDose reads the dose settings at path ("" is
// [dose.DefaultPath]) and summarises the dose of st with them. It reads
// headers and the dose report only, on a background goroutine.
func loadStudyDose(path string, st *dicomio.Study) *studyDose {
	sd := &studyDose{settings: dose.Defaults(), study: st}
	var err error
	if path == "" {
		path, err = dose.DefaultPath()
	}
	if err == nil {
		sd.settings, err = dose.Load(path)
	}
	sd.path, sd.err = path, err
	sd.summary = dose.FromStudy(st, &sd.settings)
	return sd
}

// doseOpened takes the study's dose, worked out with its draft (through
// the bridge), once its session is open; the report's estimate and flags
// are brought up to date with the settings. Settings that could not be
// read are said in one line.
func (c *Controller) doseOpened(sd *studyDose) {
	c.dose = sd
	c.syncReportDose()
	if sd != nil && sd.err != nil {
		c.showDialog(dialog.NewInformation(lang.L("Dose settings"),
			ui.OneLine(sd.err.Error()+" — "+lang.L("the default reference levels and coefficients are used.")), c.win()))
	}
}

// doseState returns the dose of the study shown (never nil).
func (c *Controller) doseState() *studyDose {
	if c.dose != nil {
		return c.dose
	}
	return &studyDose{settings: dose.Defaults(), summary: &dose.Summary{Source: dose.FromNone}}
}

// syncDose brings the effective-dose estimate and the reference levels
// of d up to date with its figures (fluoroS is the report's fluoroscopy
// time): a DAP that is the study's keeps the study's estimate (per
// event, by copper filtration); a DAP entered by hand is converted by
// the single coefficient ([dose.EnteredEstimate], marked recalculated);
// no DAP, no estimate. The levels are the settings'; the figures above
// them are found again ([dose.Exceeding]). sd must not change.
func syncDose(d *report.Dose, fluoroS *float64, sd *studyDose) {
	set := &sd.settings
	d.EffectiveDoseMSv, d.EffectiveDoseMethod, d.EffectiveDoseBasis = nil, "", nil
	if dap, ok := reportDAP(*d); ok {
		sum := sd.summary
		var e *dose.Effective
		if fromStudy(*d, sum) && sum.DAPGyCm2 != nil && same(dap, sum.DAPGyCm2.Value) {
			e = sum.Effective
		}
		if e == nil {
			if ee, ok := dose.EnteredEstimate(dap, set); ok {
				e = &ee
			}
		}
		if e != nil {
			d.EffectiveDoseMSv = new(report.Sig(e.MSv, 4))
			d.EffectiveDoseMethod = e.Method
			b := &report.EffectiveDoseBasis{EventsWithoutCu: e.UnknownCu, LowerBound: e.LowerBound, Source: e.Source}
			if e.Method == dose.MethodPerEventCu {
				b.Events, b.CuCoefficients = e.Events, slices.Clone(e.Table)
			}
			if e.Method == dose.MethodSingle || e.UnknownCu > 0 {
				b.SingleCoefficient = new(e.Coefficient)
			}
			d.EffectiveDoseBasis = b
		}
	}
	l := set.DRL
	d.DRL = nil
	var dap *float64
	if v, ok := reportDAP(*d); ok {
		dap = &v
	}
	hasFigure := dap != nil || fluoroS != nil || d.AirKermaRefPointMGy != nil
	if hasFigure && (l.DAPGyCm2 != nil || l.FluoroTimeS != nil || l.AirKermaMGy != nil) {
		d.DRL = &report.DoseDRL{DAPGyCm2: clonePtr(l.DAPGyCm2), FluoroTimeS: clonePtr(l.FluoroTimeS), AirKermaMGy: clonePtr(l.AirKermaMGy), Source: l.Source,
			Exceeded: dose.Exceeding(l, dap, fluoroS, d.AirKermaRefPointMGy)}
	}
}

// clonePtr returns a copy of *v (the report gets its own), or nil.
func clonePtr(v *float64) *float64 {
	if v == nil {
		return nil
	}
	return new(*v)
}

// reportDAP is the report's dose-area product in Gy·cm².
func reportDAP(d report.Dose) (float64, bool) {
	if d.DAPTotalGyCm2 != nil {
		return *d.DAPTotalGyCm2, true
	}
	if d.DAPTotal != nil {
		return d.DAPTotal.GyCm2()
	}
	return 0, false
}

// fromStudy reports whether the report's dose was read from the same
// source as the study's summary (not entered by hand).
func fromStudy(d report.Dose, sum *dose.Summary) bool {
	switch {
	case sum == nil:
		return false
	case d.Source == report.DoseFromRDSR:
		return sum.Source == dose.FromRDSR
	case d.Source == report.DoseFromImageHeader:
		return sum.Source == dose.FromHeaders
	}
	return false
}

// same reports whether a report figure is the study's (the report keeps
// six significant digits).
func same(a, b float64) bool { return math.Abs(a-b) <= 1e-5*math.Max(math.Abs(a), math.Abs(b)) }

// Words of the panel's dose block (in the report's language, as the PDF
// prints it) that package dose does not have.
var doseWords = map[string]map[string]string{
	"en": {
		"events": "Irradiation events (%d)",
		"byHand": "entered by hand", "level": "reference level %s", "noCu": "Cu not recorded",
		"noEstimate": "no DAP: not in the estimate", "event": "Event %d", "recalculated": "Recalculated from the entered DAP",
		"from": "From %s",
	},
	"ru": {
		"events": "События облучения (%d)",
		"byHand": "введено вручную", "level": "референтный уровень %s", "noCu": "фильтр Cu не записан",
		"noEstimate": "нет произведения дозы на площадь: в оценку не входит", "event": "Событие %d",
		"recalculated": "Пересчитано по введённому произведению дозы на площадь", "from": "Источник: %s",
	},
}

func doseWord(rlang, key string) string {
	if w, ok := doseWords[dose.Lang(rlang)][key]; ok {
		return w
	}
	return doseWords["en"][key]
}

// eventTypesRU are the RDSR's irradiation event types in Russian.
var eventTypesRU = map[string]string{
	"Fluoroscopy":            "Рентгеноскопия",
	"Acquisition":            "Снимок",
	"Stationary Acquisition": "Снимок",
	"Stepping Acquisition":   "Пошаговая съёмка",
	"Rotational Acquisition": "Ротационная съёмка",
}

// doseView is the dose panel: the report's dose figures with their
// sources, the effective-dose estimate with its method, the reference
// levels, the study's irradiation events (collapsed) and the notes of
// what could not be read. It is a field of the form without a report
// path, so that it is shown again after every change of the report.
type doseView struct {
	p    *reportPanel
	box  *fyne.Container
	key  string // what is shown, to skip rebuilding the same
	rows []doseRow
	// events is the events table's item (nil without events); it stays
	// open across rebuilds.
	events *widget.AccordionItem
}

// doseRow is a line as shown (for tests).
type doseRow struct {
	line  dose.Line
	label *widget.Label
	note  *widget.Label
}

// doseSection adds the dose panel to the form of the Technique section
// and returns its row.
func doseSection(f *form) fyne.CanvasObject {
	v := &doseView{p: f.p, box: container.NewVBox()}
	f.p.doseView = v
	// Kept clear of the section's scroll bar, which overlays its content
	// (the notes wrap to the width they are given).
	gutter := canvas.NewRectangle(color.Transparent)
	gutter.SetMinSize(fyne.NewSize(theme.ScrollBarSize()+theme.Padding(), 0))
	row := container.NewBorder(nil, nil, nil, gutter, v.box)
	fd := &field{load: v.load, row: row}
	f.fields = append(f.fields, fd)
	return row
}

// lines returns the dose block of r as shown: the report's figures,
// each noted with its source, the number of events, the effective dose
// and the reference levels.
func (v *doseView) lines(r *report.Report, sd *studyDose, rlang string) []dose.Line {
	d := r.Technique.Dose
	fluoro := r.Technique.FluoroscopyTimeS
	syncDose(&d, fluoro, sd)
	ls := d.DoseLines(rlang, fluoro)
	sum := sd.summary
	byHand := doseWord(rlang, "byHand")
	// The source of each figure: the study's when the report holds the
	// study's value, else the user's.
	noteOf := func(key string, v float64) string {
		for _, l := range sum.Lines(rlang) {
			if l.Key != key {
				continue
			}
			var f *dose.Figure
			switch key {
			case "dap":
				f = sum.DAPGyCm2
			case "fluoroTime":
				f = sum.FluoroTimeS
			case "airKerma":
				f = sum.AirKermaMGy
			}
			if f != nil && same(v, f.Value) && (key == "fluoroTime" || d.Source != report.DoseFromManual) {
				return l.Note
			}
		}
		return byHand
	}
	var out []dose.Line
	for _, l := range ls {
		switch l.Key {
		case "dap":
			if g, ok := reportDAP(d); ok {
				l.Note = noteOf("dap", g)
			}
		case "fluoroTime":
			if fluoro != nil {
				l.Note = noteOf("fluoroTime", *fluoro)
			}
		case "airKerma":
			if d.AirKermaRefPointMGy != nil {
				l.Note = noteOf("airKerma", *d.AirKermaRefPointMGy)
			}
		case "effectiveDose":
			for _, sl := range sum.Lines(rlang) {
				if sl.Key == "events" {
					out = append(out, sl)
				}
			}
			if b := d.EffectiveDoseBasis; b != nil && strings.HasPrefix(b.Source, dose.EnteredNote) {
				// Said once, in front: not again inside the method's source.
				l.Note = doseWord(rlang, "recalculated") + ": " + strings.Replace(l.Note, dose.Prose(dose.EnteredNote, rlang)+"; ", "", 1)
			}
		}
		if l.Exceeded && l.Key != "drl" {
			if lv := levelText(d.DRL, l.Key, rlang); lv != "" {
				l.Note = strings.Join(nonEmptyStrings(fmt.Sprintf(doseWord(rlang, "level"), lv), l.Note), " · ")
			}
		}
		out = append(out, l)
	}
	return out
}

// levelText is the reference level of the figure key, formatted.
func levelText(l *report.DoseDRL, key, rlang string) string {
	if l == nil {
		return ""
	}
	switch {
	case key == "dap" && l.DAPGyCm2 != nil:
		return dose.Quantity(*l.DAPGyCm2, "Gy·cm²", rlang)
	case key == "fluoroTime" && l.FluoroTimeS != nil:
		return dose.Duration(*l.FluoroTimeS, rlang)
	case key == "airKerma" && l.AirKermaMGy != nil:
		return dose.Quantity(*l.AirKermaMGy, "mGy", rlang)
	}
	return ""
}

func nonEmptyStrings(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// load shows the dose of r (a field's load: after every change).
func (v *doseView) load(r *report.Report) {
	sd := v.p.c.doseState()
	rlang := r.Lang()
	ls := v.lines(r, sd, rlang)
	var k strings.Builder
	fmt.Fprintf(&k, "%s|%p|%d|", rlang, sd.summary, len(sd.summary.Events))
	for _, l := range ls {
		fmt.Fprintf(&k, "%s|%s|%s|%s|%v\n", l.Key, l.Label, l.Value, l.Note, l.Exceeded)
	}
	if k.String() == v.key {
		return
	}
	v.key = k.String()
	v.build(ls, sd.summary, rlang)
}

// build lays the panel out afresh.
func (v *doseView) build(ls []dose.Line, sum *dose.Summary, rlang string) {
	title := widget.NewLabelWithStyle(dose.Title(rlang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	gear := widget.NewButtonWithIcon(lang.L("Dose settings…"), theme.SettingsIcon(), v.p.c.doseSettingsDialog)
	gear.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, gear, title)}
	v.rows = nil
	for _, l := range ls {
		text := l.Label
		if l.Value != "" {
			text += ": " + l.Value
		}
		lab := widget.NewLabel(text)
		lab.Wrapping = fyne.TextWrapWord
		// A figure above its level is bold in the error colour; the
		// levels' line names them in its note, in the error colour.
		if l.Exceeded && l.Key != "drl" {
			lab.TextStyle = fyne.TextStyle{Bold: true}
			lab.Importance = widget.DangerImportance
		}
		objs = append(objs, lab)
		row := doseRow{line: l, label: lab}
		if l.Note != "" {
			row.note = smallText(l.Note)
			if l.Exceeded && l.Key == "drl" {
				row.note.Importance = widget.DangerImportance
			}
			objs = append(objs, container.New(&indentLayout{indent: 2 * theme.Padding()}, row.note))
		}
		v.rows = append(v.rows, row)
	}
	if len(sum.Events) > 0 {
		objs = append(objs, v.eventsTable(sum, rlang))
	} else {
		v.events = nil
	}
	for _, n := range sum.Notes {
		w := widget.NewLabel(dose.Prose(n, rlang))
		w.Wrapping = fyne.TextWrapWord
		w.Importance = widget.WarningImportance
		w.SizeName = theme.SizeNameCaptionText
		objs = append(objs, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, w))
	}
	v.box.Objects = objs
	v.box.Refresh()
}

// smallText is a note: small, wrapped, subdued.
func smallText(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.LowImportance
	return l
}

// eventsTable is the collapsible table of the study's irradiation
// events: one row each, type, DAP, kV, mA, copper filtration, the
// coefficient chosen, its mSv and the rule that chose it. (The panel is
// narrow: each event is a line and a note, not a row of nine columns.)
func (v *doseView) eventsTable(sum *dose.Summary, rlang string) fyne.CanvasObject {
	rows := container.NewVBox()
	for i, e := range sum.Events {
		typ := e.Type
		if rlang == "ru" && eventTypesRU[typ] != "" {
			typ = eventTypesRU[typ]
		}
		if typ == "" {
			typ = fmt.Sprintf(doseWord(rlang, "event"), i+1)
		}
		parts := []string{strconv.Itoa(i+1) + ". " + typ}
		if e.DAPGyCm2 != nil {
			parts = append(parts, dose.Quantity(*e.DAPGyCm2, "Gy·cm²", rlang))
		}
		if e.KVP != nil {
			parts = append(parts, dose.Quantity(e.KVP.Value, "kV", rlang))
		}
		if e.TubeCurrent != nil {
			parts = append(parts, dose.Quantity(e.TubeCurrent.Value, "mA", rlang))
		}
		if e.CopperMM != nil {
			parts = append(parts, dose.Quantity(*e.CopperMM, "mm Cu", rlang))
		} else {
			parts = append(parts, doseWord(rlang, "noCu"))
		}
		note := doseWord(rlang, "noEstimate")
		if e.MSv != nil {
			note = fmt.Sprintf("× %s = %s — %s", dose.Num(e.Coefficient, rlang), dose.Quantity(*e.MSv, "mSv", rlang), e.RuleText(rlang))
		}
		l := widget.NewLabel(strings.Join(parts, " · "))
		l.Wrapping = fyne.TextWrapWord
		l.SizeName = theme.SizeNameCaptionText
		rows.Add(l)
		rows.Add(container.New(&indentLayout{indent: 2 * theme.Padding()}, smallText(note)))
	}
	item := widget.NewAccordionItem(fmt.Sprintf(doseWord(rlang, "events"), len(sum.Events)), rows)
	item.Open = v.events != nil && v.events.Open
	v.events = item
	return widget.NewAccordion(item)
}
