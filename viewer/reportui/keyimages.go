package reportui

import (
	"cmp"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/enum"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/viewer/forminput"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// This file holds what ties the report to images: the key images with
// the RCR four-image checklist (early uterine filling, late uterine or
// early tubal filling, late tubal filling, free spill) and the delayed
// image; the evidence of findings (frames and marks); the hydrosalpinx
// diameter taken from a length mark.
//
// Everything here runs on the Fyne goroutine, except the thumbnail
// rendering (a background goroutine, back through the bridge).

// thumbSide is the size of key image thumbnails, in pixels.
const thumbSide = 64

// A checkItem is one line of the key image checklist: done when a key
// image has one of roles.
type checkItem struct {
	label string
	roles []report.KeyImageRole
	// sides names the buttons that set each role ("Set" for one role).
	// The label and the names are catalogue keys.
	sides []string
}

var checklist = []checkItem{
	{i18n.K("Early uterine filling"), []report.KeyImageRole{report.RoleEarlyFilling}, []string{i18n.K("Set")}},
	{i18n.K("Late uterine / early tubal filling"), []report.KeyImageRole{report.RoleFullDistension}, []string{i18n.K("Set")}},
	{i18n.K("Late tubal filling"), []report.KeyImageRole{report.RoleTubalFillingRight, report.RoleTubalFillingLeft}, []string{i18n.K("Set R"), i18n.K("Set L")}},
	{i18n.K("Free spill"), []report.KeyImageRole{report.RoleSpill}, []string{i18n.K("Set")}},
	{i18n.K("Delayed image"), []report.KeyImageRole{report.RoleDelayed}, []string{i18n.K("Set")}},
}

// otherRoles are the roles offered outside the checklist.
var otherRoles = []report.KeyImageRole{report.RoleScout, report.RoleOblique, report.RoleComplication, report.RoleFinding}

// keyImagesUI is the key images section.
type keyImagesUI struct {
	p       *reportPanel
	root    fyne.CanvasObject
	rows    []*checkRow
	others  *fyne.Container
	addBtn  *widget.Button
	suggest *widget.Button
	fd      *field // issues of /keyImages
	enabled bool

	thumbs    map[string]image.Image // rendered, by thumbKey
	othersSig string                 // what the other key images show
	pending   map[string]bool
	missing   *widget.Label
}

type checkRow struct {
	item    checkItem
	tick    *widget.Icon
	thumb   *canvas.Image
	label   *widget.Label
	caption *widget.Label
	set     []*widget.Button
	clear   *widget.Button
}

func newKeyImagesUI(p *reportPanel) *keyImagesUI {
	k := &keyImagesUI{p: p, thumbs: map[string]image.Image{}, pending: map[string]bool{}, enabled: true}
	var objs []fyne.CanvasObject
	objs = append(objs, forminput.Heading(lang.L("RCR checklist")))
	for _, it := range checklist {
		row := &checkRow{item: it}
		row.tick = widget.NewIcon(theme.CheckButtonIcon())
		row.thumb = canvas.NewImageFromImage(nil)
		row.thumb.FillMode = canvas.ImageFillContain
		row.thumb.ScaleMode = canvas.ImageScaleFastest
		row.thumb.SetMinSize(fyne.NewSize(thumbSide, thumbSide))
		row.label = widget.NewLabelWithStyle(lang.L(it.label), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row.label.Wrapping = fyne.TextWrapWord
		row.caption = widget.NewLabel("")
		row.caption.Importance = widget.LowImportance
		row.caption.Truncation = fyne.TextTruncateEllipsis
		var btns []fyne.CanvasObject
		for i, name := range it.sides {
			role := it.roles[i]
			b := widget.NewButton(lang.L(name), func() { p.c.setKeyImageFromPane(role) })
			b.Importance = widget.LowImportance
			row.set = append(row.set, b)
			btns = append(btns, b)
		}
		row.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
			p.editAll("remove key image", func(r *report.Report) error {
				r.KeyImages = slices.DeleteFunc(r.KeyImages, func(k report.KeyImage) bool { return slices.Contains(it.roles, k.Role) })
				if len(r.KeyImages) == 0 {
					r.KeyImages = nil
				}
				return nil
			})
		})
		row.clear.Importance = widget.LowImportance
		btns = append(btns, row.clear)
		text := container.NewVBox(row.label, row.caption, container.NewHBox(btns...))
		objs = append(objs, container.NewBorder(nil, nil, container.NewHBox(row.tick, row.thumb), nil, text))
		k.rows = append(k.rows, row)
	}
	k.missing = widget.NewLabel("")
	k.missing.Wrapping = fyne.TextWrapWord
	k.missing.Importance = widget.WarningImportance
	objs = append(objs, k.missing)

	k.others = container.NewVBox()
	k.addBtn = widget.NewButtonWithIcon(lang.L("Add pane image as…"), theme.ContentAddIcon(), nil)
	k.addBtn.Importance = widget.LowImportance
	k.addBtn.OnTapped = func() {
		var items []*fyne.MenuItem
		for _, role := range otherRoles {
			items = append(items, fyne.NewMenuItem(report.LabelIn(role, i18n.Lang()), func() { p.c.addKeyImageFromPane(role) }))
		}
		p.popUp(fyne.NewMenu("", items...), k.addBtn)
	}
	k.suggest = widget.NewButtonWithIcon(lang.L("Suggest"), theme.SearchIcon(), func() {
		st := p.s.Study()
		keys := keyimage.SuggestKeyImages(st)
		if len(keys) == 0 {
			p.c.notify(lang.L("No key images to suggest: the study has no timeline"))
			return
		}
		p.editAll("suggest key images", func(r *report.Report) error {
			r.KeyImages = sortKeyImages(slices.Clone(keys))
			return nil
		})
	})
	k.suggest.Importance = widget.LowImportance
	k.fd = &field{path: "/keyImages", label: lang.L("Key images")}
	k.fd.issue = widget.NewLabel("")
	k.fd.issue.Wrapping = fyne.TextWrapWord
	k.fd.issue.Hide()
	objs = append(objs, forminput.Heading(lang.L("Other key images")), k.others, container.NewHBox(k.addBtn, k.suggest), k.fd.issue,
		forminput.Muted(lang.L("Set from the image and frame shown in the active pane (Ctrl+Shift+1 … 6). The PDF shows them with their marks.")))
	k.root = container.NewVBox(objs...)
	return k
}

// first returns the input to focus when jumping to the section.
func (k *keyImagesUI) first() fyne.Focusable { return k.rows[0].set[0] }

func (k *keyImagesUI) fields() []*field { return []*field{k.fd} }

func (k *keyImagesUI) showIssues(byField map[*field][]assess.Issue) {
	f := &form{fields: []*field{k.fd}}
	f.showIssues(byField)
}

func (k *keyImagesUI) setEnabled(on bool) {
	k.enabled = on
	for _, r := range k.rows {
		for _, b := range r.set {
			forminput.EnableWidget(b, on)
		}
		forminput.EnableWidget(r.clear, on)
	}
	forminput.EnableWidget(k.addBtn, on)
	forminput.EnableWidget(k.suggest, on)
	for _, o := range k.others.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if b, ok := x.(*widget.Button); ok {
					forminput.EnableWidget(b, on)
				}
			}
		}
	}
}

// summary is the section title's state: how much of the checklist is done.
func (k *keyImagesUI) summary(r *report.Report) string {
	done := 0
	for _, it := range checklist {
		if hasRole(r, it.roles) {
			done++
		}
	}
	return fmt.Sprintf(lang.L("%d of %d"), done, len(checklist))
}

func hasRole(r *report.Report, roles []report.KeyImageRole) bool {
	return slices.ContainsFunc(r.KeyImages, func(k report.KeyImage) bool { return slices.Contains(roles, k.Role) })
}

// load shows the key images of r.
func (k *keyImagesUI) load(r *report.Report) {
	var missing []string
	for _, row := range k.rows {
		var caps []string
		var first *report.KeyImage
		for i := range r.KeyImages {
			ki := &r.KeyImages[i]
			if !slices.Contains(row.item.roles, ki.Role) {
				continue
			}
			if first == nil {
				first = ki
			}
			c := k.caption(ki)
			if len(row.item.roles) > 1 {
				c = sideLetter(ki.Role) + ": " + c
			}
			caps = append(caps, c)
		}
		if first == nil {
			row.tick.SetResource(theme.CheckButtonIcon())
			row.caption.SetText(lang.L("missing"))
			row.thumb.Image = nil
			row.thumb.Refresh()
			missing = append(missing, strings.ToLower(lang.L(row.item.label)))
			forminput.EnableWidget(row.clear, false)
			continue
		}
		row.tick.SetResource(theme.NewSuccessThemedResource(theme.CheckButtonCheckedIcon()))
		if t := strings.Join(caps, "; "); row.caption.Text != t {
			row.caption.SetText(t)
		}
		k.showThumb(r, *first, row.thumb)
		forminput.EnableWidget(row.clear, k.enabled)
	}
	if len(missing) > 0 {
		k.missing.SetText(lang.L("Missing:") + " " + strings.Join(missing, ", "))
		k.missing.Show()
	} else {
		k.missing.Hide()
	}

	// The other key images, rebuilt only when they (or marks) changed.
	sig := fmt.Sprintf("%v|%d|%v", r.KeyImages, len(r.Annotations), k.enabled)
	if sig == k.othersSig {
		forminput.SetVisible(k.suggest, len(r.KeyImages) == 0)
		return
	}
	k.othersSig = sig
	var objs []fyne.CanvasObject
	for i := range r.KeyImages {
		ki := r.KeyImages[i]
		if slices.ContainsFunc(checklist, func(c checkItem) bool { return slices.Contains(c.roles, ki.Role) }) {
			continue
		}
		img := canvas.NewImageFromImage(nil)
		img.FillMode, img.ScaleMode = canvas.ImageFillContain, canvas.ImageScaleFastest
		img.SetMinSize(fyne.NewSize(thumbSide*3/4, thumbSide*3/4))
		k.showThumb(r, ki, img)
		role := lang.L("Key image (no role)")
		if ki.Role != "" {
			role = report.LabelIn(ki.Role, i18n.Lang())
		}
		del := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
			k.p.editAll("remove key image", func(r *report.Report) error {
				r.KeyImages = slices.DeleteFunc(r.KeyImages, func(x report.KeyImage) bool { return x == ki || sameKey(x, ki) })
				if len(r.KeyImages) == 0 {
					r.KeyImages = nil
				}
				return nil
			})
		})
		del.Importance = widget.LowImportance
		forminput.EnableWidget(del, k.enabled)
		objs = append(objs, container.NewBorder(nil, nil, img, del, widget.NewLabel(role+" · "+k.caption(&ki))))
	}
	k.others.Objects = objs
	k.others.Refresh()
	forminput.SetVisible(k.suggest, len(r.KeyImages) == 0)
}

func sameKey(a, b report.KeyImage) bool {
	return a.Role == b.Role && a.Image.SOPInstanceUID == b.Image.SOPInstanceUID && a.Image.FrameNumber == b.Image.FrameNumber
}

func sideLetter(role report.KeyImageRole) string {
	switch role {
	case report.RoleTubalFillingLeft:
		return lang.X("side.left", "L")
	case report.RoleTubalFillingRight:
		return lang.X("side.right", "R")
	}
	return ""
}

// caption names a key image: series, instance, frame and time.
func (k *keyImagesUI) caption(ki *report.KeyImage) string {
	s := refText(k.p.s.Study(), ki.Image)
	if m := ki.MinutesFromContrastStart; m != nil {
		s += " · " + l10n.Minutes(*m, i18n.Lang())
	}
	return s
}

// refText names an image reference as the thumbnails do: "S2 #3 f5".
func refText(st *dicomio.Study, ref mark.ImageRef) string {
	s := lang.L("image not in the study")
	if in := st.Image(ref.SOPInstanceUID); in != nil {
		s = fmt.Sprintf("S%d #%d", in.SeriesNumber, in.InstanceNumber)
	}
	if ref.FrameNumber > 0 {
		s += fmt.Sprintf(" f%d", ref.FrameNumber)
	}
	return s
}

// showThumb shows the thumbnail of ki in img, rendering it in the
// background (with its marks) when it is not cached.
func (k *keyImagesUI) showThumb(r *report.Report, ki report.KeyImage, img *canvas.Image) {
	marks := mark.OnFrame(r.Annotations, ki.Image.SOPInstanceUID, max(ki.Image.FrameNumber, 1))
	key := fmt.Sprintf("%s|%d|%v", ki.Image.SOPInstanceUID, ki.Image.FrameNumber, marks)
	if t, ok := k.thumbs[key]; ok {
		if img.Image != t {
			img.Image = t
			img.Refresh()
		}
		return
	}
	if k.pending[key] {
		return
	}
	k.pending[key] = true
	mini := &report.Report{Layer: mark.Layer{Annotations: mark.CloneAll(marks)}}
	st := k.p.s.Study()
	b := k.p.c.b
	b.Begin()
	go func() {
		imgs, _ := keyimage.RenderKeyImages(mini, st, []report.KeyImage{ki}, 2*thumbSide)
		var out image.Image
		if len(imgs) == 1 {
			out = imgs[0].Image
		}
		b.keyThumb(k, key, out)
	}()
}

// thumbReady takes a rendered thumbnail (through the bridge).
func (k *keyImagesUI) thumbReady(key string, img image.Image) {
	delete(k.pending, key)
	if img == nil {
		return
	}
	k.thumbs[key] = img
	k.othersSig = ""
	if k.p.s != nil {
		k.load(k.p.s.Report())
	}
}

// setKeyImageFromPane makes the image and frame of the active pane the
// key image of role, replacing the one it had. The delayed image is also
// recorded as the technique's delayed image.
func (c *Controller) setKeyImageFromPane(role report.KeyImageRole) {
	c.putKeyImage(role, true)
}

// addKeyImageFromPane adds the active pane's image as a key image of
// role, keeping the others of that role.
func (c *Controller) addKeyImageFromPane(role report.KeyImageRole) {
	c.putKeyImage(role, false)
}

func (c *Controller) putKeyImage(role report.KeyImageRole, replace bool) {
	s := c.session
	if s == nil {
		return
	}
	ref, minutes, ok := c.paneImage()
	if !ok {
		c.notify(lang.L("No image in the active pane"))
		return
	}
	err := s.Edit("set key image "+string(role), func(r *report.Report) error {
		k := report.KeyImage{Image: ref, Role: role}
		if minutes != nil {
			k.MinutesFromContrastStart = new(*minutes)
		}
		r.KeyImages = slices.DeleteFunc(r.KeyImages, func(x report.KeyImage) bool {
			return (replace && x.Role == role) || sameKey(x, k)
		})
		r.KeyImages = sortKeyImages(append(r.KeyImages, k))
		if role == report.RoleDelayed {
			d := &r.Technique.DelayedImage
			if d.Image == nil || d.Image.SOPInstanceUID != ref.SOPInstanceUID || d.Image.FrameNumber != ref.FrameNumber {
				d.Image = new(ref)
				d.Determination, d.Confidence = report.DeterminedManually, ""
				if minutes != nil {
					d.MinutesAfterContrast = new(*minutes)
				}
				for _, p := range []string{"/image", "/determination", "/confidence", "/minutesAfterContrast"} {
					clearPrefilled(r, "/technique/delayedImage"+p)
				}
			}
			if !d.IsObtained() {
				d.Obtained = new(true)
				clearPrefilled(r, "/technique/delayedImage/obtained")
			}
		}
		return nil
	})
	if err != nil {
		c.notify(lang.L("Key image not set:") + " " + err.Error())
		return
	}
	c.notify(fmt.Sprintf(lang.L("Key image: %s = %s"), report.LabelIn(role, i18n.Lang()), refText(s.Study(), ref)))
}

// sortKeyImages orders key images by role, in the order of the schema
// (scout, early filling … finding), which is the order of an HSG.
func sortKeyImages(keys []report.KeyImage) []report.KeyImage {
	order := enum.Values[report.KeyImageRole]()
	rank := func(k report.KeyImage) int {
		if i := slices.Index(order, k.Role); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(keys, func(a, b report.KeyImage) int { return cmp.Compare(rank(a), rank(b)) })
	return keys
}

// Evidence: the frames and marks a finding points to.

// evidenceTargets are the findings the Report menu can link a frame to.
var evidenceTargets = []struct{ label, path string }{
	{i18n.K("Right tube"), "/tubes/right"},
	{i18n.K("Left tube"), "/tubes/left"},
}

// evidenceField shows the frames and marks a finding (at base) points to,
// with buttons to link the active pane's frame or a mark, and to clear.
func evidenceField(f *form, base, label string, get func(r *report.Report) (*[]mark.ImageRef, *[]string)) *field {
	fd := &field{path: base + "/evidence", label: label}
	text := widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	frameBtn := widget.NewButtonWithIcon(lang.L("Frame"), theme.ContentAddIcon(), func() { f.p.c.linkPaneFrame(base) })
	markBtn := widget.NewButtonWithIcon(lang.L("Mark…"), theme.ContentAddIcon(), nil)
	markBtn.OnTapped = func() { f.p.linkMarkMenu(base, get, markBtn) }
	clearBtn := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		f.p.editAll("clear evidence", func(r *report.Report) error {
			refs, ids := get(r)
			if refs == nil {
				return errRowGone
			}
			*refs, *ids = nil, nil
			return nil
		})
	})
	for _, b := range []*widget.Button{frameBtn, markBtn, clearBtn} {
		b.Importance = widget.LowImportance
	}
	fd.focus = frameBtn
	fd.load = func(r *report.Report) {
		refs, ids := get(r)
		var parts []string
		if refs != nil {
			for _, ref := range *refs {
				parts = append(parts, refText(f.p.s.Study(), ref))
			}
			for _, id := range *ids {
				parts = append(parts, markText(r, id))
			}
		}
		t := lang.L("none")
		if len(parts) > 0 {
			t = strings.Join(parts, "; ")
		}
		fd.empty = len(parts) == 0
		if text.Text != t {
			text.SetText(t)
		}
		forminput.EnableWidget(clearBtn, !fd.empty && !f.p.ro)
	}
	fd.enable = func(on bool) {
		forminput.EnableWidget(frameBtn, on)
		forminput.EnableWidget(markBtn, on)
		forminput.EnableWidget(clearBtn, on && !fd.empty)
	}
	f.add(fd, container.NewVBox(text, container.NewHBox(frameBtn, markBtn, clearBtn)))
	return fd
}

// toolWords name the mark tools in markText (catalogue keys).
var toolWords = map[mark.Tool]string{mark.ToolArrow: i18n.K("arrow"), mark.ToolText: i18n.K("text"),
	mark.ToolLength: i18n.K("length"), mark.ToolAngle: i18n.K("angle"), mark.ToolEllipse: i18n.K("ellipse"),
	mark.ToolPolygon: i18n.K("polygon"), mark.ToolFreehand: i18n.K("freehand"), mark.ToolPoint: i18n.K("point")}

// markText describes mark id: "a1 arrow “L hydrosalpinx”", its
// measurement, or that it was deleted.
func markText(r *report.Report, id string) string {
	i := slices.IndexFunc(r.Annotations, func(a mark.Annotation) bool { return a.ID == id })
	if i < 0 {
		return fmt.Sprintf(lang.L("mark %s (deleted)"), id)
	}
	a := r.Annotations[i]
	tool := string(a.Tool)
	if w, ok := toolWords[a.Tool]; ok {
		tool = lang.L(w)
	}
	s := fmt.Sprintf(lang.L("mark %s"), id) + " " + tool
	if a.Label != "" {
		s += " “" + a.Label + "”"
	}
	if t := a.MeasurementTextIn(i18n.Lang()); len(t) > 0 {
		s += " " + t[0]
	}
	return s
}

// linkPaneFrame adds the active pane's image and frame to the evidence of
// the finding at base.
func (c *Controller) linkPaneFrame(base string) {
	if c.session == nil {
		return
	}
	ref, _, ok := c.paneImage()
	if !ok {
		c.notify(lang.L("No image in the active pane"))
		return
	}
	err := c.session.Edit("link frame", func(r *report.Report) error {
		refs := evidenceOf(r, base)
		if refs == nil {
			return errRowGone
		}
		if !slices.ContainsFunc(*refs, func(x mark.ImageRef) bool {
			return x.SOPInstanceUID == ref.SOPInstanceUID && x.FrameNumber == ref.FrameNumber
		}) {
			*refs = append(*refs, ref)
		}
		return nil
	})
	if err != nil {
		c.notify(lang.L("Not linked:") + " " + err.Error())
		return
	}
	c.notify(fmt.Sprintf(lang.L("Linked %s to %s"), refText(c.session.Study(), ref), base))
}

// evidenceOf returns the evidence list of the finding at base (a tube or
// a filling defect), or nil.
func evidenceOf(r *report.Report, base string) *[]mark.ImageRef {
	switch base {
	case "/tubes/right":
		return &r.Tubes.Right.Evidence
	case "/tubes/left":
		return &r.Tubes.Left.Evidence
	}
	var i int
	if _, err := fmt.Sscanf(base, "/uterus/fillingDefects/%d", &i); err == nil && i >= 0 && i < len(r.Uterus.FillingDefects) {
		return &r.Uterus.FillingDefects[i].Evidence
	}
	return nil
}

// linkMarkMenu offers the marks to link to the finding at base: the mark
// selected in the image first, then the marks on the active pane's frame,
// then the others.
func (p *reportPanel) linkMarkMenu(base string, get func(r *report.Report) (*[]mark.ImageRef, *[]string), at fyne.CanvasObject) {
	r := p.s.Report()
	_, ids := get(r)
	if ids == nil {
		return
	}
	ref, _, hasPane := p.c.paneImage()
	onPane := func(a mark.Annotation) bool {
		return hasPane && a.Image.SOPInstanceUID == ref.SOPInstanceUID &&
			(a.Image.FrameNumber == 0 || a.Image.FrameNumber == max(ref.FrameNumber, 1))
	}
	var items []*fyne.MenuItem
	offered := map[string]bool{}
	add := func(a mark.Annotation, prefix string) {
		if slices.Contains(*ids, a.ID) || offered[a.ID] {
			return
		}
		offered[a.ID] = true
		items = append(items, fyne.NewMenuItem(prefix+markText(r, a.ID)+" · "+refText(p.s.Study(), a.Image), func() {
			p.linkMark(base, get, a.ID)
		}))
	}
	if id := p.c.host.SelectedMark(); id != "" {
		if i := slices.IndexFunc(r.Annotations, func(a mark.Annotation) bool { return a.ID == id }); i >= 0 {
			add(r.Annotations[i], lang.L("Selected:")+" ")
		}
	}
	for _, a := range r.Annotations {
		if onPane(a) {
			add(a, "")
		}
	}
	for _, a := range r.Annotations {
		if !onPane(a) {
			add(a, "")
		}
	}
	if len(items) == 0 {
		p.c.notify(lang.L("No marks to link: draw one on the image first"))
		return
	}
	p.popUp(fyne.NewMenu("", items...), at)
}

// linkMark adds mark id to the finding at base and links the mark to it
// when it is not linked to another finding.
func (p *reportPanel) linkMark(base string, get func(r *report.Report) (*[]mark.ImageRef, *[]string), id string) {
	p.editAll("link mark "+id, func(r *report.Report) error {
		_, ids := get(r)
		if ids == nil {
			return errRowGone
		}
		if !slices.Contains(*ids, id) {
			*ids = append(*ids, id)
		}
		for i := range r.Annotations {
			if a := &r.Annotations[i]; a.ID == id && a.FindingRef == "" {
				a.FindingRef = base
			}
		}
		return nil
	})
}

// popUp shows menu under the object at.
func (p *reportPanel) popUp(menu *fyne.Menu, at fyne.CanvasObject) {
	p.lastMenu = menu
	c := p.c.win().Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at).Add(fyne.NewPos(0, at.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, c, pos)
}

// lengthMarks returns the length marks of r that can give the diameter of
// the hydrosalpinx on side: those linked to that tube, then those linked
// to no finding.
func lengthMarks(r *report.Report, side report.Side) []mark.Annotation {
	base := "/tubes/" + string(side)
	var mine, free []mark.Annotation
	for _, a := range r.Annotations {
		if a.Tool != mark.ToolLength {
			continue
		}
		switch {
		case a.FindingRef == base || strings.HasPrefix(a.FindingRef, base+"/"):
			mine = append(mine, a)
		case a.FindingRef == "":
			free = append(free, a)
		}
	}
	return append(mine, free...)
}

// diameterFromMark offers the length marks of side for the hydrosalpinx
// diameter.
func (p *reportPanel) diameterFromMark(side report.Side, at fyne.CanvasObject) {
	r := p.s.Report()
	marks := lengthMarks(r, side)
	if len(marks) == 0 {
		msg := lang.L("There is no length mark on the right side (linked to the right tube or to no finding).")
		if side == report.Left {
			msg = lang.L("There is no length mark on the left side (linked to the left tube or to no finding).")
		}
		dialog.ShowInformation(lang.L("No length mark"),
			msg+"\n"+lang.L("Draw one across the hydrosalpinx with the length tool first."), p.c.win())
		return
	}
	var items []*fyne.MenuItem
	for _, a := range marks {
		items = append(items, fyne.NewMenuItem(markText(r, a.ID)+" · "+refText(p.s.Study(), a.Image), func() {
			if err := p.takeDiameter(side, a.ID); err != nil {
				dialog.ShowError(err, p.c.win())
			}
		}))
	}
	p.popUp(fyne.NewMenu("", items...), at)
}

// takeDiameter sets the hydrosalpinx diameter of side from length mark
// id: its value and the spacing it was measured with (the measurement
// basis); the hydrosalpinx is then present and the mark linked to it. It
// refuses an uncalibrated mark: its length is in pixels only.
func (p *reportPanel) takeDiameter(side report.Side, id string) error {
	r := p.s.Report()
	i := slices.IndexFunc(r.Annotations, func(a mark.Annotation) bool { return a.ID == id })
	if i < 0 {
		return fmt.Errorf(lang.L("no mark %s"), id)
	}
	a := r.Annotations[i]
	m := a.Measurement
	if a.Tool != mark.ToolLength || m == nil {
		return fmt.Errorf(lang.L("mark %s is not a measured length"), id)
	}
	if !m.Spacing().HasMM() || !(m.Value > 0) {
		return fmt.Errorf(lang.L("mark %s is not calibrated: its length is in pixels only. Calibrate the series (against the catheter or a ruler) or type the diameter"), id)
	}
	value := math.Round(m.Value*10) / 10
	basis := m.SpacingSource
	base := "/tubes/" + string(side)
	p.editAll("hydrosalpinx diameter from "+id, func(r *report.Report) error {
		t := r.Tubes.Tube(side)
		h := &t.Hydrosalpinx
		h.MaxDiameterMM, h.MeasurementBasis = new(value), basis
		if h.Present == nil {
			h.Present = new(true)
		}
		clearPrefilled(r, base+"/hydrosalpinx/maxDiameterMm")
		if !slices.Contains(t.AnnotationIDs, id) {
			t.AnnotationIDs = append(t.AnnotationIDs, id)
		}
		for i := range r.Annotations {
			if x := &r.Annotations[i]; x.ID == id && x.FindingRef == "" {
				x.FindingRef = base + "/hydrosalpinx/maxDiameterMm"
			}
		}
		return nil
	})
	return nil
}
