package mark

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"github.com/hsgview/hsgview/dicomio"
)

// Images tells a [MarkHistory] about the images marks are drawn on, so that
// it can measure them.
type Images interface {
	// Spacing returns the series of the image ref points at and the pixel
	// spacing its file gives ([FileSpacing]); ok is false when the image
	// is unknown.
	Spacing(ref ImageRef) (series string, sp Spacing, ok bool)
	// Pixels returns the frame marks on ref are measured on (its frame,
	// or the first when ref has no frame number), or nil when it is not
	// at hand; ROI statistics are then left out.
	Pixels(ref ImageRef) *Pixels
}

// CollectionImages returns the Images of the instances of c. It decodes
// frames when asked for pixels.
func CollectionImages(c *dicomio.Collection) Images { return collectionImages{c} }

type collectionImages struct{ c *dicomio.Collection }

func (ci collectionImages) Spacing(ref ImageRef) (string, Spacing, bool) {
	in := ci.c.Find(ref.SOPInstanceUID)
	if in == nil {
		return "", Spacing{}, false
	}
	return in.SeriesInstanceUID, FileSpacing(in.Calibration), true
}

func (ci collectionImages) Pixels(ref ImageRef) *Pixels {
	in := ci.c.Find(ref.SOPInstanceUID)
	if in == nil || !in.HasPixels {
		return nil
	}
	i := max(ref.FrameNumber, 1) - 1
	f, err := in.Frame(i)
	if err != nil {
		return nil
	}
	return &Pixels{Frame: f, Pipeline: in.Pipeline(i)}
}

// A Command is one undoable change to the marks or calibrations of a
// report, made by [AddMark], [DeleteMark], [MoveMark], [EditHandle],
// [EditLabel], [LinkFinding], [UpdateMark], [Calibrate] or
// [ClearCalibration], and applied by [MarkHistory.Do].
type Command struct {
	name  string
	apply func(d Document, m measurer) error
}

// Name describes the change for an Undo menu item, for example "move m3".
func (c Command) Name() string { return c.name }

// measurer measures marks for commands.
type measurer interface {
	measure(l *Layer, a Annotation) Annotation
	respace(l *Layer, a Annotation) Annotation
	series(a Annotation) string
}

// AddMark adds a (see [NewMark]), measured, giving it the next free ID
// ([Report.NextMarkID]) when it has none.
func AddMark(a Annotation) Command {
	return Command{"add " + markName(a), func(d Document, m measurer) error {
		r := d.MarkLayer()
		if a.ID == "" {
			a.ID = r.NextMarkID()
		} else if r.markIndex(a.ID) >= 0 {
			return errors.New("annotate: add mark: id " + strconv.Quote(a.ID) + " is taken")
		}
		if err := checkMark(a); err != nil {
			return err
		}
		r.Annotations = append(r.Annotations, m.measure(r, a))
		return nil
	}}
}

// DeleteMark removes the mark id, and its id from the findings that cite
// it.
func DeleteMark(id string) Command {
	return Command{"delete " + id, func(d Document, _ measurer) error {
		r := d.MarkLayer()
		i := r.markIndex(id)
		if i < 0 {
			return notFound(id)
		}
		r.Annotations = slices.Delete(r.Annotations, i, i+1)
		if len(r.Annotations) == 0 {
			r.Annotations = nil
		}
		for _, l := range d.MarkRefs() {
			if k := slices.Index(*l.IDs, id); k >= 0 {
				*l.IDs = slices.Delete(*l.IDs, k, k+1)
				if len(*l.IDs) == 0 {
					*l.IDs = nil
				}
			}
		}
		return nil
	}}
}

// MoveMark moves the mark id by (dx, dy) image pixels and measures it
// again. During a drag, show [Annotation.Move] of the original mark and
// do one MoveMark when the drag ends.
func MoveMark(id string, dx, dy float64) Command {
	return editMark("move "+id, id, func(a Annotation) (Annotation, error) {
		if !Finite(dx) || !Finite(dy) {
			return a, errors.New("annotate: move mark: offset must be finite")
		}
		return a.Move(dx, dy), nil
	})
}

// EditHandle moves handle h of the mark id to p (see
// [Annotation.MoveHandle]) and measures it again.
func EditHandle(id string, h Handle, p ImagePoint) Command {
	return editMark("edit "+id, id, func(a Annotation) (Annotation, error) {
		if h < 0 || int(h) >= len(a.Handles()) || !p.finite() {
			return a, fmt.Errorf("annotate: edit mark %s: no handle %d or point not finite", id, h)
		}
		return a.MoveHandle(h, p), nil
	})
}

// EditLabel sets the text of the mark id.
func EditLabel(id, text string) Command {
	return editMark("edit text of "+id, id, func(a Annotation) (Annotation, error) {
		a.Label = text
		return a, nil
	})
}

// LinkFinding links the mark id to the finding at the JSON pointer ref
// (for example "/tubes/left/hydrosalpinx"); an empty ref unlinks it.
func LinkFinding(id, ref string) Command {
	return editMark("link "+id, id, func(a Annotation) (Annotation, error) {
		a.FindingRef = ref
		return a, nil
	})
}

// UpdateMark replaces the mark with a's ID by a, measured: for edits the
// other commands do not cover, such as a redrawn outline.
func UpdateMark(a Annotation) Command {
	return editMark("edit "+a.ID, a.ID, func(Annotation) (Annotation, error) { return a.Clone(), nil })
}

// editMark returns a command that replaces the mark id by edit(mark),
// measured again.
func editMark(name, id string, edit func(Annotation) (Annotation, error)) Command {
	return Command{name, func(d Document, m measurer) error {
		r := d.MarkLayer()
		i := r.markIndex(id)
		if i < 0 {
			return notFound(id)
		}
		a, err := edit(r.Annotations[i].Clone())
		if err != nil {
			return err
		}
		a.ID = id
		if err := checkMark(a); err != nil {
			return err
		}
		r.Annotations[i] = m.measure(r, a)
		return nil
	}}
}

// Calibrate sets the user calibration of c's series (see
// [NewCalibration]), replacing any other, and measures the marks of the
// series again with it.
func Calibrate(c Calibration) Command {
	return Command{"calibrate", func(d Document, m measurer) error {
		r := d.MarkLayer()
		if c.SeriesInstanceUID == "" || !c.Spacing().HasMM() || !c.Method.Valid() {
			return errors.New("annotate: calibrate: no series, unknown method or spacing not positive")
		}
		r.SetCalibration(c.Clone())
		r.respaceSeries(c.SeriesInstanceUID, m)
		return nil
	}}
}

// ClearCalibration removes the user calibration of the series: its marks
// are measured again with the spacing of their files.
func ClearCalibration(seriesUID string) Command {
	return Command{"clear calibration", func(d Document, m measurer) error {
		r := d.MarkLayer()
		i := slices.IndexFunc(r.Calibrations, func(c Calibration) bool { return c.SeriesInstanceUID == seriesUID })
		if i < 0 {
			return errors.New("annotate: clear calibration: series " + seriesUID + " has none")
		}
		r.Calibrations = slices.Delete(r.Calibrations, i, i+1)
		if len(r.Calibrations) == 0 {
			r.Calibrations = nil
		}
		r.respaceSeries(seriesUID, m)
		return nil
	}}
}

func (r *Layer) respaceSeries(series string, m measurer) {
	for i, a := range r.Annotations {
		if m.series(a) == series {
			r.Annotations[i] = m.respace(r, a)
		}
	}
}

func markName(a Annotation) string {
	if a.Tool != "" {
		return string(a.Tool)
	}
	return "mark"
}

func notFound(id string) error { return errors.New("annotate: no mark with id " + strconv.Quote(id)) }

// checkMark rejects marks whose points do not fit their graphic type or
// are not finite.
func checkMark(a Annotation) error {
	if !a.GraphicType.ValidPoints(len(a.Points)) {
		return fmt.Errorf("annotate: mark %s: %d points do not make a %s", a.ID, len(a.Points), a.GraphicType)
	}
	for _, p := range a.Points {
		if !Finite(p[0]) || !Finite(p[1]) {
			return fmt.Errorf("annotate: mark %s: coordinates must be finite numbers", a.ID)
		}
	}
	return nil
}

func (r *Layer) markIndex(id string) int {
	return slices.IndexFunc(r.Annotations, func(a Annotation) bool { return a.ID == id })
}

// A Document is what a [MarkHistory] changes: a [Layer] of marks and
// calibrations, and the lists of mark IDs that cite them (a report's
// findings).
type Document interface {
	MarkLayer() *Layer
	MarkRefs() []MarkRefs
}

// MarkRefs is a list of mark IDs cited by a finding, with the JSON
// pointer of the list.
type MarkRefs struct {
	Path string
	IDs  *[]string
}

// A MarkHistory applies commands to a document (a report) and undoes and
// redoes them. It covers the document's marks, calibrations and the lists
// of mark IDs in its findings; other edits of the report are not recorded and are left
// alone by Undo and Redo.
//
// A MarkHistory is not safe for concurrent use: call it from the goroutine
// that owns the report (the UI's).
type MarkHistory[D Document] struct {
	// OnChange, if set, is called after every change Do, Undo or Redo
	// makes, for example to save a draft.
	OnChange func()

	r          D
	images     Images
	undo, redo []step
}

// maxSteps bounds the number of changes a MarkHistory can undo.
const maxSteps = 1000

type step struct {
	name          string
	before, after snapshot
}

// A snapshot is the part of a report a MarkHistory restores.
type snapshot struct {
	anns  []Annotation
	cals  []Calibration
	links map[string][]string
}

// NewMarkHistory returns a MarkHistory of changes to r. images, which may be nil,
// gives the spacing and pixels marks are measured with; without it marks
// are measured with the user calibration of the series named in their
// image reference, or in pixels.
func NewMarkHistory[D Document](r D, images Images) *MarkHistory[D] {
	return &MarkHistory[D]{r: r, images: images}
}

// Report returns the document (the report) h changes.
func (h *MarkHistory[D]) Report() D { return h.r }

// Do applies c. When c fails, the report is left as it was and the error
// is returned; a command that changes nothing is not recorded.
func (h *MarkHistory[D]) Do(c Command) error {
	if c.apply == nil {
		return errors.New("annotate: empty command")
	}
	before := take(h.r)
	if err := c.apply(h.r, markMeasurer{h.images}); err != nil {
		before.restore(h.r)
		return err
	}
	after := take(h.r)
	if reflect.DeepEqual(before, after) {
		return nil
	}
	h.undo = append(h.undo, step{c.name, before, after})
	if len(h.undo) > maxSteps {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-maxSteps)
	}
	h.redo = nil
	h.changed()
	return nil
}

// Undo reverts the last change and reports whether there was one.
func (h *MarkHistory[D]) Undo() bool {
	if len(h.undo) == 0 {
		return false
	}
	s := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	s.before.restore(h.r)
	h.redo = append(h.redo, s)
	h.changed()
	return true
}

// Redo applies the last undone change again and reports whether there
// was one.
func (h *MarkHistory[D]) Redo() bool {
	if len(h.redo) == 0 {
		return false
	}
	s := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	s.after.restore(h.r)
	h.undo = append(h.undo, s)
	h.changed()
	return true
}

// CanUndo reports whether there is a change to undo.
func (h *MarkHistory[D]) CanUndo() bool { return len(h.undo) > 0 }

// UndoSteps returns the number of changes Undo can revert, at most
// 1000.
func (h *MarkHistory[D]) UndoSteps() int { return len(h.undo) }

// CanRedo reports whether there is a change to redo.
func (h *MarkHistory[D]) CanRedo() bool { return len(h.redo) > 0 }

// UndoName returns the name of the change Undo would revert, or "".
func (h *MarkHistory[D]) UndoName() string {
	if len(h.undo) == 0 {
		return ""
	}
	return h.undo[len(h.undo)-1].name
}

// RedoName returns the name of the change Redo would apply, or "".
func (h *MarkHistory[D]) RedoName() string {
	if len(h.redo) == 0 {
		return ""
	}
	return h.redo[len(h.redo)-1].name
}

func (h *MarkHistory[D]) changed() {
	if h.OnChange != nil {
		h.OnChange()
	}
}

func take(d Document) snapshot {
	s := takeLayer(d.MarkLayer())
	for _, l := range d.MarkRefs() {
		s.links[l.Path] = slices.Clone(*l.IDs)
	}
	return s
}

func takeLayer(r *Layer) snapshot {
	s := snapshot{links: map[string][]string{}}
	if r.Annotations != nil {
		s.anns = make([]Annotation, len(r.Annotations))
		for i, a := range r.Annotations {
			s.anns[i] = a.Clone()
		}
	}
	if r.Calibrations != nil {
		s.cals = make([]Calibration, len(r.Calibrations))
		for i, c := range r.Calibrations {
			s.cals[i] = c.Clone()
		}
	}
	return s
}

// restore puts s back into r; lists of IDs whose finding no longer
// exists are skipped.
func (s snapshot) restore(d Document) {
	t := takeLayer(&Layer{Annotations: s.anns, Calibrations: s.cals}) // copy: s stays reusable
	r := d.MarkLayer()
	r.Annotations, r.Calibrations = t.anns, t.cals
	for _, l := range d.MarkRefs() {
		if ids, ok := s.links[l.Path]; ok {
			*l.IDs = slices.Clone(ids)
		}
	}
}

type markMeasurer struct{ images Images }

func (m markMeasurer) lookup(a Annotation) (string, Spacing) {
	if m.images != nil {
		if series, sp, ok := m.images.Spacing(a.Image); ok {
			return series, sp
		}
	}
	return a.Image.SeriesInstanceUID, Spacing{Source: SpacingUncalibrated}
}

func (m markMeasurer) series(a Annotation) string {
	s, _ := m.lookup(a)
	return s
}

func (m markMeasurer) measure(r *Layer, a Annotation) Annotation {
	series, file := m.lookup(a)
	var px *Pixels
	if m.images != nil && shapeOf(&a).isROI() {
		px = m.images.Pixels(a.Image)
	}
	return Measure(a, r.Spacing(series, file), px)
}

// respace measures a again after its spacing changed: its pixels did
// not, so its statistics are kept.
func (m markMeasurer) respace(r *Layer, a Annotation) Annotation {
	series, file := m.lookup(a)
	b := Measure(a, r.Spacing(series, file), nil)
	if a.Measurement != nil && a.Measurement.Stats != nil && b.Measurement != nil {
		s := *a.Measurement.Stats
		b.Measurement.Stats = &s
	}
	return b
}
