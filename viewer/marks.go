package viewer

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/imageview"
)

// markEditor is the marks user interface of a viewer: the tool the left
// button uses, the selected mark, and the commands that change marks
// (through a [markModel], so that each can be undone and is saved in the
// study's report draft). Every pane shows the marks of its image and
// frame through its markLayer, which the editor keeps up to date.
//
// All methods must be called on the Fyne goroutine.
type markEditor struct {
	v        *Viewer
	tool     *markTool
	mode     toolMode
	selected string // ID of the selected mark, or ""

	doc   markDoc    // the report draft of the study shown; nil until open
	model *markModel // its history; nil with doc

	paletteBox         *fyne.Container // the tool buttons, left of the panes
	buttons            map[toolMode]*widget.Button
	undoBtn, redoBtn   *widget.Button
	undoItem, redoItem *fyne.MenuItem

	stats mark.StatsLayout // how ROI statistics are set (a preference)

	label *labelPopup     // the text field open, if any
	cal   *calibrationBox // the calibration dialog open, if any
	// lastCal is the reference chosen last, offered again.
	lastCal struct {
		method mark.CalibrationMethod
		value  string
	}
}

func newMarkEditor(v *Viewer) *markEditor {
	ed := &markEditor{v: v}
	ed.tool = &markTool{ed: ed, nav: &v.tool}
	ed.lastCal.method = mark.CalibrateCatheterFrench
	ed.stats = loadStatsLayout()
	return ed
}

// attach binds the editor to the report draft of the study shown.
func (ed *markEditor) attach(doc markDoc) {
	ed.doc = doc
	ed.model = newMarkModel(doc, studyImages{c: ed.v.coll, cache: ed.v.cache})
	doc.OnChange(func(string) {
		if ed.doc == doc {
			ed.changed()
		}
	})
	ed.changed()
}

// detach lets go of the report draft (another study is shown).
func (ed *markEditor) detach() {
	ed.tool.Cancel()
	ed.closePopups()
	ed.doc, ed.model, ed.selected = nil, nil, ""
	ed.changed()
}

// report returns the report shown, or nil.
func (ed *markEditor) report() *report.Report {
	if ed.doc == nil {
		return nil
	}
	return ed.doc.Report()
}

// changed brings the panes, menus and buttons up to date after the marks
// or the calibrations changed.
func (ed *markEditor) changed() {
	if r := ed.report(); ed.selected != "" && (r == nil || !hasMark(r, ed.selected)) {
		ed.selected = ""
	}
	for _, p := range ed.v.panes {
		p.refreshMarks()
		p.updateInfo() // the spacing line
	}
	ed.updateUndo()
}

func hasMark(r *report.Report, id string) bool {
	for _, a := range r.Annotations {
		if a.ID == id {
			return true
		}
	}
	return false
}

// paneOf returns the pane of view v.
func (ed *markEditor) paneOf(v *imageview.ImageView) *Pane {
	for _, p := range ed.v.panes {
		if p.view == v {
			return p
		}
	}
	return nil
}

// refreshPane shows p's marks as they are now.
func (ed *markEditor) refreshPane(p *Pane) {
	if p != nil {
		p.refreshMarks()
	}
}

// scene returns what p's mark layer shows: the marks of its image and
// frame (with the mark being drawn or moved as it is now), the
// calibration lines drawn on it, and the selected mark.
func (ed *markEditor) scene(p *Pane) markScene {
	r := ed.report()
	if r == nil || p.in == nil {
		return markScene{}
	}
	sop, frame := p.in.SOPInstanceUID, p.frame+1
	s := markScene{marks: mark.CloneAll(mark.OnFrame(r.Annotations, sop, frame)), selected: ed.selected, stats: ed.stats}
	if g := &ed.tool.g; g.pane == p && g.preview != nil {
		a := g.preview.Clone()
		i := markIndex(s.marks, a.ID)
		if i >= 0 {
			s.marks[i] = a
		} else {
			s.marks = append(s.marks, a)
		}
		// The mark being drawn shows its handles, unless it has too many.
		if a.ID == previewID && len(a.Points) <= 8 {
			s.selected = a.ID
		}
	}
	for _, c := range r.Calibrations {
		if c.Image == nil || c.Image.SOPInstanceUID != sop || len(c.Points) != 2 ||
			(c.Image.FrameNumber != 0 && c.Image.FrameNumber != frame) {
			continue
		}
		// One line of text: the reference is what the line measures.
		s.calib = append(s.calib, mark.Annotation{ID: calibrationID(c.SeriesInstanceUID), Image: *c.Image,
			GraphicType: mark.GraphicPolyline, Tool: mark.ToolLength,
			Points: [][2]float64{c.Points[0], c.Points[1]}, Label: lang.L("Calibration:") + " " + mark.ReferenceIn(c.ReferenceText(), i18n.Lang())})
	}
	return s
}

func markIndex(anns []mark.Annotation, id string) int {
	for i, a := range anns {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// calibrationID is the ID the calibration line of a series is drawn with.
func calibrationID(series string) string { return "calibration:" + series }

// A markHit is the mark (or calibration line) under the pointer.
type markHit struct {
	mark        mark.Annotation
	handle      mark.Handle // a handle, or mark.HandleBody
	calibration bool
}

// hit returns the mark of p under view position pos: a handle, the mark
// itself, or its label; failing that, a calibration line.
func (ed *markEditor) hit(p *Pane, pos fyne.Position) (markHit, bool) {
	s := p.marks.Scene()
	vt := p.view.Transform().ViewTransform()
	sp := vt.FromCanvas(float64(pos.X), float64(pos.Y))
	ip := vt.ToImage(sp)
	tol := vt.ImageLength(hitTolerance * vt.FromCanvas(1, 0).X)
	marks := s.marks
	if i := markIndex(marks, previewID); i >= 0 {
		marks = append(marks[:i:i], marks[i+1:]...)
	}
	id, h := mark.HitTest(marks, ip, tol)
	if id == "" {
		if id = mark.LabelAt(p.marks.Placed(), sp); id != "" {
			h = mark.HandleBody
		}
	}
	if i := markIndex(marks, id); id != "" && i >= 0 {
		return markHit{mark: marks[i], handle: h}, true
	}
	if id, _ := mark.HitTest(s.calib, ip, tol); id != "" {
		return markHit{mark: s.calib[markIndex(s.calib, id)], handle: mark.HandleBody, calibration: true}, true
	}
	return markHit{}, false
}

// imagePoint returns the image point under view position pos of p.
func (ed *markEditor) imagePoint(p *Pane, pos fyne.Position) mark.ImagePoint {
	vt := p.view.Transform().ViewTransform()
	return vt.ToImage(vt.FromCanvas(float64(pos.X), float64(pos.Y)))
}

// imageRef returns the reference new marks on p get: the image, and the
// frame shown when it has several.
func (ed *markEditor) imageRef(p *Pane) mark.ImageRef {
	frame := 0
	if p.in.Pixel.Frames > 1 {
		frame = p.frame + 1
	}
	return mark.ImageRefOf(p.in, frame)
}

// spacing returns the spacing marks on p's image are measured with.
func (ed *markEditor) spacing(p *Pane) mark.Spacing {
	file := mark.FileSpacing(p.in.Calibration)
	if r := ed.report(); r != nil {
		return r.Spacing(p.in.SeriesInstanceUID, file)
	}
	return (&report.Report{}).Spacing("", file)
}

// measure returns a measured as it would be on p (without ROI
// statistics, which are computed when the mark is saved).
func (ed *markEditor) measure(p *Pane, a mark.Annotation) mark.Annotation {
	return mark.Measure(a, ed.spacing(p), nil)
}

// do applies c to the marks, saves it and reports whether it did.
func (ed *markEditor) do(c mark.Command) bool {
	if ed.model == nil {
		ed.refuse(errNoReport)
		return false
	}
	if err := ed.model.Do(c); err != nil {
		ed.refuse(err)
		return false
	}
	return true
}

// refuse tells the user why marks were not changed.
func (ed *markEditor) refuse(err error) {
	msg := err.Error()
	if errors.Is(err, drafts.ErrSigned) {
		msg = lang.L("the report is signed; amend it to change its marks")
	}
	ed.v.notify(lang.L("Marks not changed:") + " " + strings.TrimPrefix(msg, "annotate: "))
	for _, p := range ed.v.panes {
		p.refreshMarks()
	}
}

// add adds a mark drawn with tool on p and selects it.
func (ed *markEditor) add(p *Pane, tool mark.Tool, pts []mark.ImagePoint, label string) {
	a, err := mark.NewMark(tool, ed.imageRef(p), pts, label)
	if err != nil {
		ed.refuse(err)
		return
	}
	r := ed.report()
	if r == nil {
		ed.refuse(errNoReport)
		return
	}
	a.ID = r.NextMarkID()
	if ed.do(mark.AddMark(a)) {
		ed.Select(a.ID)
	}
}

// Select selects the mark id ("" for none).
func (ed *markEditor) Select(id string) {
	if ed.selected == id {
		return
	}
	ed.selected = id
	for _, p := range ed.v.panes {
		p.refreshMarks()
	}
}

// Selected returns the selected mark's ID, or "".
func (ed *markEditor) Selected() string { return ed.selected }

// setMode chooses the tool of the left button.
func (ed *markEditor) setMode(m toolMode) {
	ed.tool.Cancel()
	if ed.mode != m {
		ed.mode = m
		ed.v.notify(lang.L(toolOf(m).hint))
	}
	ed.v.updateToolbar()
}

// Escape cancels what is being drawn, else leaves the drawing tool, else
// deselects; it reports whether it did any of these.
func (ed *markEditor) Escape() bool {
	switch {
	case ed.tool.Cancel():
	case ed.mode != modeNavigate:
		ed.setMode(modeNavigate)
	case ed.selected != "":
		ed.Select("")
	default:
		return false
	}
	return true
}

// DeleteSelected deletes the selected mark and reports whether there was
// one.
func (ed *markEditor) DeleteSelected() bool {
	if ed.selected == "" {
		return false
	}
	id := ed.selected
	if ed.do(mark.DeleteMark(id)) {
		ed.v.notify(fmt.Sprintf(lang.L("Deleted mark %s (Ctrl+Z brings it back)"), id))
	}
	return true
}

// Undo reverts the last change of the marks.
func (ed *markEditor) Undo() {
	if ed.model == nil {
		return
	}
	ed.tool.Cancel()
	name := mark.CommandNameIn(ed.model.UndoName(), i18n.Lang())
	if ok, err := ed.model.Undo(); err != nil {
		ed.refuse(err)
	} else if ok {
		ed.v.notify(lang.L("Undone:") + " " + name)
	}
}

// Redo applies the last undone change again.
func (ed *markEditor) Redo() {
	if ed.model == nil {
		return
	}
	ed.tool.Cancel()
	name := mark.CommandNameIn(ed.model.RedoName(), i18n.Lang())
	if ok, err := ed.model.Redo(); err != nil {
		ed.refuse(err)
	} else if ok {
		ed.v.notify(lang.L("Redone:") + " " + name)
	}
}

// updateUndo names the changes Undo and Redo would make in the menu and
// enables the toolbar buttons.
func (ed *markEditor) updateUndo() {
	var u, r string
	if ed.model != nil {
		u, r = mark.CommandNameIn(ed.model.UndoName(), i18n.Lang()), mark.CommandNameIn(ed.model.RedoName(), i18n.Lang())
	}
	setItem := func(it *fyne.MenuItem, verb, name string) bool {
		if it == nil {
			return false
		}
		label := verb
		if name != "" {
			label += " " + name
		}
		if it.Label == label && it.Disabled == (name == "") {
			return false
		}
		it.Label, it.Disabled = label, name == ""
		return true
	}
	a := setItem(ed.undoItem, lang.L("Undo"), u)
	b := setItem(ed.redoItem, lang.L("Redo"), r)
	if (a || b) && ed.v.mainMenu != nil {
		ed.v.mainMenu.Refresh()
	}
	enable := func(b *widget.Button, on bool) {
		if b == nil || b.Disabled() == !on {
			return
		}
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(ed.undoBtn, u != "")
	enable(ed.redoBtn, r != "")
}

// closePopups closes the text field and the calibration dialog.
func (ed *markEditor) closePopups() {
	if ed.label != nil {
		ed.label.cancel()
	}
	if ed.cal != nil {
		ed.cal.dismiss()
	}
}

// refreshMarks shows the marks of the pane's image and frame as they are.
func (p *Pane) refreshMarks() {
	if p.ed == nil {
		return
	}
	p.marks.Set(p.ed.scene(p))
}
