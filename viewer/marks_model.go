package viewer

import (
	"slices"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// markDoc is what the marks tools need of the report draft of the study
// shown: the report as shown, a way to change it that also saves the
// change, and news of changes made elsewhere (the findings panel, a
// reload). The report session satisfies it.
type markDoc interface {
	// Report returns the report as shown; the caller must not change it.
	Report() *report.Report
	// Edit changes the report (and, in the background, the saved draft)
	// with edit, which may run more than once.
	Edit(name string, edit func(r *report.Report) error) error
	// OnChange registers fn, called after every change of the report.
	OnChange(fn func(what string))
	// Signed reports whether the report is signed and so read-only.
	Signed() bool
}

// errNoReport is returned when a mark is changed before the study's
// report draft is open.
var errNoReport = i18n.Err("the report draft of this study is not open yet")

// markModel applies mark commands with undo and redo. Its
// [mark.MarkHistory] works on a private report that holds only what
// the history covers (marks, calibrations, the mark IDs the findings
// cite); before each command it is brought up to date from the report
// shown, and after it the result is copied into the report shown through
// markDoc.Edit, which saves it. So the findings panel may replace the
// report it shows at any time without breaking undo.
//
// All methods must be called on the Fyne goroutine.
type markModel struct {
	doc  markDoc
	mr   *report.Report
	hist *mark.MarkHistory[*report.Report]
}

func newMarkModel(doc markDoc, images mark.Images) *markModel {
	m := &markModel{doc: doc, mr: &report.Report{}}
	m.hist = mark.NewMarkHistory(m.mr, images)
	return m
}

// Report returns the report shown.
func (m *markModel) Report() *report.Report { return m.doc.Report() }

// Do applies c and saves the result.
func (m *markModel) Do(c mark.Command) error {
	if err := m.editable(); err != nil {
		return err
	}
	m.pull()
	before := takeMarks(m.mr)
	if err := m.hist.Do(c); err != nil {
		return err
	}
	if takeMarks(m.mr).equal(before) {
		return nil // nothing changed
	}
	return m.push(c.Name())
}

// Undo reverts the last change and reports whether there was one.
func (m *markModel) Undo() (bool, error) {
	if err := m.editable(); err != nil || !m.hist.CanUndo() {
		return false, err
	}
	name := m.hist.UndoName()
	m.pull() // the findings the history's ID lists belong to
	m.hist.Undo()
	return true, m.push("undo " + name)
}

// Redo applies the last undone change again and reports whether there
// was one.
func (m *markModel) Redo() (bool, error) {
	if err := m.editable(); err != nil || !m.hist.CanRedo() {
		return false, err
	}
	name := m.hist.RedoName()
	m.pull()
	m.hist.Redo()
	return true, m.push("redo " + name)
}

// UndoName and RedoName describe what Undo and Redo would do, or "".
func (m *markModel) UndoName() string { return m.hist.UndoName() }
func (m *markModel) RedoName() string { return m.hist.RedoName() }

func (m *markModel) editable() error {
	if m.doc == nil || m.doc.Report() == nil {
		return errNoReport
	}
	if m.doc.Signed() {
		return drafts.ErrSigned
	}
	return nil
}

// pull brings the private report up to date with the report shown.
func (m *markModel) pull() { takeMarks(m.doc.Report()).apply(m.mr, true) }

// push copies the private report's marks into the report shown (and so
// into the saved draft).
func (m *markModel) push(name string) error {
	s := takeMarks(m.mr) // immutable: apply copies it again
	return m.doc.Edit(name, func(r *report.Report) error {
		s.apply(r, false)
		return nil
	})
}

// marksState is the part of a report a MarkHistory covers.
type marksState struct {
	anns        []mark.Annotation
	cals        []mark.Calibration
	left, right []string
	defects     [][]string
}

func takeMarks(r *report.Report) marksState {
	s := marksState{
		anns:  mark.CloneAll(r.Annotations),
		left:  slices.Clone(r.Tubes.Left.AnnotationIDs),
		right: slices.Clone(r.Tubes.Right.AnnotationIDs),
	}
	for _, c := range r.Calibrations {
		s.cals = append(s.cals, c.Clone())
	}
	for _, d := range r.Uterus.FillingDefects {
		s.defects = append(s.defects, slices.Clone(d.AnnotationIDs))
	}
	return s
}

// apply copies s into r. With resize (for the private report), r gets
// as many filling defects as s has lists for; otherwise lists of filling
// defects r does not have are dropped. r's other findings are left alone.
func (s marksState) apply(r *report.Report, resize bool) {
	r.Annotations = mark.CloneAll(s.anns)
	r.Calibrations = nil
	for _, c := range s.cals {
		r.Calibrations = append(r.Calibrations, c.Clone())
	}
	r.Tubes.Left.AnnotationIDs = slices.Clone(s.left)
	r.Tubes.Right.AnnotationIDs = slices.Clone(s.right)
	if resize {
		r.Uterus.FillingDefects = make([]report.FillingDefect, len(s.defects))
	}
	for i := range r.Uterus.FillingDefects {
		var ids []string
		if i < len(s.defects) {
			ids = slices.Clone(s.defects[i])
		}
		r.Uterus.FillingDefects[i].AnnotationIDs = ids
	}
}

func (s marksState) equal(t marksState) bool {
	return mark.EqualAll(s.anns, t.anns) && slices.EqualFunc(s.cals, t.cals, mark.Calibration.Equal) &&
		slices.Equal(s.left, t.left) && slices.Equal(s.right, t.right) &&
		slices.EqualFunc(s.defects, t.defects, func(a, b []string) bool { return slices.Equal(a, b) })
}

// studyImages tells a MarkHistory the spacing and pixels of the images of
// a collection; frames come from the viewer's frame cache, where the
// frame a mark is drawn on already is.
type studyImages struct {
	c     *dicomio.Collection
	cache *dicomio.FrameCache
}

func (si studyImages) Spacing(ref mark.ImageRef) (string, mark.Spacing, bool) {
	return mark.CollectionImages(si.c).Spacing(ref)
}

func (si studyImages) Pixels(ref mark.ImageRef) *mark.Pixels {
	in := si.c.Find(ref.SOPInstanceUID)
	if in == nil || !in.HasPixels || !in.Decodable {
		return nil
	}
	i := max(ref.FrameNumber, 1) - 1
	f, err := si.cache.Get(in, i)
	if err != nil {
		return nil
	}
	return &mark.Pixels{Frame: f, Pipeline: in.Pipeline(i)}
}
