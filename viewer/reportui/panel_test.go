package reportui

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dcmwrite"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/viewer/forminput"
)

// openPanel opens the fixture study with the findings panel shown.
func openPanel(t *testing.T) (*testHost, *testQueue, fyne.Window, *reportPanel) {
	t.Helper()
	v, q, w := newTestHost(t, 1400, 900)
	openFixtures(t, v, q, hsgFixtures())
	v.showReportPanel(true)
	q.settle(t)
	p := v.ReportPanel()
	if p == nil || p.s == nil {
		t.Fatal("the panel has no report")
	}
	return v, q, w, p
}

// fieldAt returns the panel's field of the report path.
func fieldAt(t *testing.T, p *reportPanel, path string) *field {
	t.Helper()
	var found *field
	p.form.walk(func(fd *field) {
		if fd.path == path {
			found = fd
		}
	})
	for _, fd := range append(p.imp.fields(), p.keys.fields()...) {
		if fd.path == path {
			found = fd
		}
	}
	if found == nil {
		t.Fatalf("no field %s", path)
	}
	return found
}

// choose picks the option of the choice at path by typing its first
// letters, as a user of the keyboard does.
func choose(t *testing.T, w fyne.Window, p *reportPanel, path, typed, want string) {
	t.Helper()
	c, ok := fieldAt(t, p, path).focus.(*forminput.Choice)
	if !ok {
		t.Fatalf("%s is not a choice", path)
	}
	w.Canvas().Focus(c)
	c.TypedAt = time.Time{} // a new prefix
	test.Type(c, typed)
	if c.Selected != want {
		t.Fatalf("%s: typing %q chose %q, want %q", path, typed, c.Selected, want)
	}
}

// issueText returns the issues shown under the field at path ("" if none).
func issueText(t *testing.T, p *reportPanel, path string) string {
	t.Helper()
	fd := fieldAt(t, p, path)
	if !fd.issue.Visible() {
		return ""
	}
	return fd.issue.Text
}

func impressionText(p *reportPanel) string {
	var lines []string
	for _, r := range p.imp.rows {
		lines = append(lines, r.entry.Text)
	}
	return strings.Join(lines, "\n")
}

// TestPanelOcclusionSite drives a tube to occluded without a site (an
// error under the site), then chooses the site: the error goes and the
// impression says where the tube is occluded. Every step is saved.
func TestPanelOcclusionSite(t *testing.T) {
	v, q, w, p := openPanel(t)
	const base = "/tubes/right"
	choose(t, w, p, base+"/status", "p", "Present")
	choose(t, w, p, base+"/patency", "oc", "Occluded")
	if got := issueText(t, p, base+"/occlusionSite"); !strings.Contains(got, "record the site of the occlusion") {
		t.Errorf("issue under the site: %q", got)
	}
	if !strings.Contains(p.issuesBtn.Text, "error") {
		t.Errorf("summary %q", p.issuesBtn.Text)
	}
	checkSaved(t, v, q)

	choose(t, w, p, base+"/occlusionSite", "is", "Isthmic, mid-tubal")
	if got := issueText(t, p, base+"/occlusionSite"); got != "" {
		t.Errorf("issue left under the site: %q", got)
	}
	if got := impressionText(p); !strings.Contains(got, "Right tube occluded at the isthmic segment.") {
		t.Errorf("impression:\n%s", got)
	}
	if got := v.Report().Report().Tubes.Right.OcclusionSite; got != report.SiteIsthmic {
		t.Errorf("site in the report: %q", got)
	}
	if !strings.Contains(p.sections[SectionRight].item.Title, "occluded") {
		t.Errorf("section title %q", p.sections[SectionRight].item.Title)
	}
	checkSaved(t, v, q)

	// Delete clears a choice.
	c := fieldAt(t, p, base+"/occlusionSite").focus.(*forminput.Choice)
	w.Canvas().Focus(c)
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if v.Report().Report().Tubes.Right.OcclusionSite != "" {
		t.Error("Delete did not clear the site")
	}
	checkSaved(t, v, q)
}

// TestPanelStaleImpression edits a generated sentence, then changes the
// finding under it: the sentence keeps the user's text and warns; "keep
// my text" accepts it.
func TestPanelStaleImpression(t *testing.T) {
	v, q, w, p := openPanel(t)
	const base = "/tubes/left"
	choose(t, w, p, base+"/status", "p", "Present")
	choose(t, w, p, base+"/patency", "p", "Patent")
	choose(t, w, p, base+"/spill", "free, p", "Free, prompt")
	i := -1
	for k, r := range p.imp.rows {
		if strings.HasPrefix(r.entry.Text, "Left tube patent") {
			i = k
		}
	}
	if i < 0 {
		t.Fatalf("no sentence about the left tube:\n%s", impressionText(p))
	}
	row := p.imp.rows[i]
	const mine = "Left tube patent, prompt free spill."
	w.Canvas().Focus(row.entry)
	row.entry.SetText("")
	test.Type(row.entry, mine)
	if got := row.tag.Text; got != "edited" {
		t.Errorf("tag %q", got)
	}
	checkSaved(t, v, q)

	// The finding under the sentence changes.
	choose(t, w, p, base+"/spill", "l", "Loculated")
	row = p.imp.rows[i]
	if !row.stale.Visible() || !strings.Contains(row.staleMsg.Text, "loculated spill") {
		t.Fatalf("no stale warning (visible %v): %q", row.stale.Visible(), row.staleMsg.Text)
	}
	if row.entry.Text != mine {
		t.Errorf("the edited text changed to %q", row.entry.Text)
	}
	if !strings.Contains(p.sections[SectionImpression].item.Title, "1 to review") {
		t.Errorf("section title %q", p.sections[SectionImpression].item.Title)
	}
	test.Tap(row.keep)
	row = p.imp.rows[i]
	if row.stale.Visible() || row.entry.Text != mine || len(v.Report().Stale()) != 0 {
		t.Errorf("after keep: stale %v, text %q", row.stale.Visible(), row.entry.Text)
	}
	if got := v.Report().Report().Impression.FinalText; !strings.Contains(got, mine) {
		t.Errorf("final text %q", got)
	}
	checkSaved(t, v, q)

	// And "use generated" takes the generator's sentence.
	choose(t, w, p, base+"/spill", "free, p", "Free, prompt")
	row = p.imp.rows[i]
	if !row.stale.Visible() {
		t.Fatal("no stale warning after the second change")
	}
	test.Tap(row.use)
	if got := p.imp.rows[i].entry.Text; got != "Left tube patent with free intraperitoneal spill." {
		t.Errorf("after use generated: %q", got)
	}
	checkSaved(t, v, q)
}

// TestPanelKeyImageChecklist sets key images from the active pane: the
// checklist ticks its roles and lists the missing ones.
func TestPanelKeyImageChecklist(t *testing.T) {
	v, q, _, p := openPanel(t)
	if got := p.keys.missing.Text; !strings.Contains(got, "early uterine filling") {
		t.Errorf("missing %q", got)
	}
	if got := p.keys.summary(v.Report().Report()); got != "0 of 5" {
		t.Errorf("summary %q", got)
	}
	st := v.Study()
	pane := v.ActivePane()
	show := func(series int) {
		for i := range st.Timeline.Entries {
			if e := &st.Timeline.Entries[i]; e.Instance.SeriesNumber == series {
				v.loadInto(pane, e)
			}
		}
		q.settle(t)
	}
	show(2)
	test.Tap(p.keys.rows[0].set[0]) // early uterine filling
	show(4)
	pane.SetFrame(3)
	q.settle(t)
	v.rep.setKeyImageFromPane(report.RoleFullDistension) // the Ctrl+Shift+2 path
	show(3)
	test.Tap(p.keys.rows[2].set[1]) // late tubal filling, left
	test.Tap(p.keys.rows[3].set[0]) // free spill
	show(10)
	test.Tap(p.keys.rows[4].set[0]) // delayed
	q.settle(t)

	r := v.Report().Report()
	if got := p.keys.summary(r); got != "5 of 5" {
		t.Errorf("summary %q", got)
	}
	if p.keys.missing.Visible() {
		t.Errorf("still missing: %q", p.keys.missing.Text)
	}
	for _, row := range p.keys.rows {
		if row.caption.Text == "missing" || row.thumb.Image == nil {
			t.Errorf("%s: caption %q, thumbnail %v", row.item.label, row.caption.Text, row.thumb.Image != nil)
		}
	}
	var full *report.KeyImage
	for i, k := range r.KeyImages {
		if k.Role == report.RoleFullDistension {
			full = &r.KeyImages[i]
		}
	}
	if full == nil || full.Image.FrameNumber != 4 {
		t.Errorf("late uterine filling key image %+v, want frame 4 of the run", full)
	}
	if got := p.keys.rows[1].caption.Text; !strings.HasPrefix(got, "S4 #1 f4") {
		t.Errorf("caption %q", got)
	}
	// The delayed image chosen is the one the timeline found: it stays
	// identified automatically.
	if d := r.Technique.DelayedImage; !d.IsObtained() || d.Image == nil || d.Image.SOPInstanceUID != st.Images[4].SOPInstanceUID {
		t.Errorf("delayed image %+v", d)
	}
	checkSaved(t, v, q)

	// Clearing a role unticks it.
	test.Tap(p.keys.rows[0].clear)
	if got := p.keys.rows[0].caption.Text; got != "missing" {
		t.Errorf("after clear: %q", got)
	}
	checkSaved(t, v, q)
}

// TestPanelDiameterFromMark takes the hydrosalpinx diameter from a length
// mark: its value and its spacing source; an uncalibrated mark is refused.
func TestPanelDiameterFromMark(t *testing.T) {
	v, q, _, p := openPanel(t)
	st := v.Study()
	spot, delayed := st.Images[2], st.Images[4] // imager spacing; none
	lengthMark := func(id string, in *mark.ImageRef, value float64, src mark.SpacingSource, ref string) mark.Annotation {
		m := &mark.Measurement{Value: value, Unit: mark.UnitMM, SpacingSource: src, LengthPx: 20}
		if src != mark.SpacingUncalibrated {
			m.PixelSpacingMM = [2]float64{value / 20, value / 20}
		}
		return mark.Annotation{ID: id, Image: *in, GraphicType: mark.GraphicPolyline, Tool: mark.ToolLength,
			Points: [][2]float64{{10, 10}, {30, 10}}, FindingRef: ref, Measurement: m}
	}
	spotRef, delayedRef := mark.ImageRefOf(spot, 0), mark.ImageRefOf(delayed, 0)
	if err := v.Report().Edit("marks", func(r *report.Report) error {
		r.Annotations = []mark.Annotation{
			lengthMark("m1", &spotRef, 17.25, mark.SpacingImager, ""),
			lengthMark("m2", &delayedRef, 0, mark.SpacingUncalibrated, "/tubes/left/hydrosalpinx"),
			lengthMark("m3", &spotRef, 9, mark.SpacingImager, "/tubes/right"),
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	r := v.Report().Report()
	var ids []string
	for _, a := range lengthMarks(r, report.Left) {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "m2 m1" {
		t.Errorf("length marks offered for the left side: %s (want the left one first, not the right one)", got)
	}

	// The button offers the marks; choosing the uncalibrated one fails.
	var btn *widget.Button
	for _, s := range p.form.fields {
		if s.path == "/tubes/left/hydrosalpinx/maxDiameterMm" {
			btn = findButton(s.row, "From mark…")
		}
	}
	if btn == nil {
		t.Fatal("no From mark… button")
	}
	test.Tap(btn)
	if p.lastMenu == nil || len(p.lastMenu.Items) != 2 || !strings.Contains(p.lastMenu.Items[1].Label, "17.3 mm") {
		for _, it := range p.lastMenu.Items {
			t.Log(it.Label)
		}
		t.Fatalf("menu %+v", p.lastMenu)
	}
	if err := p.takeDiameter(report.Left, "m2"); err == nil || !strings.Contains(err.Error(), "not calibrated") {
		t.Errorf("uncalibrated mark: %v", err)
	}
	if v.Report().Report().Tubes.Left.Hydrosalpinx.MaxDiameterMM != nil {
		t.Error("a diameter was taken from an uncalibrated mark")
	}
	p.lastMenu.Items[1].Action() // m1
	h := v.Report().Report().Tubes.Left.Hydrosalpinx
	if h.MaxDiameterMM == nil || *h.MaxDiameterMM != 17.3 || h.MeasurementBasis != mark.SpacingImager || !h.IsPresent() {
		t.Errorf("hydrosalpinx %+v (diameter %v)", h, h.MaxDiameterMM)
	}
	if got := fieldAt(t, p, "/tubes/left/hydrosalpinx/maxDiameterMm").focus.(*forminput.TextEntry).Text; got != "17.3" {
		t.Errorf("diameter shown %q", got)
	}
	if got := fieldAt(t, p, "/tubes/left/hydrosalpinx/measurementBasis").focus.(*forminput.Choice).Selected; got != "At the detector, not corrected for magnification" {
		t.Errorf("basis shown %q", got)
	}
	r = v.Report().Report()
	if got := r.Tubes.Left.AnnotationIDs; len(got) != 1 || got[0] != "m1" || r.Annotations[0].FindingRef != "/tubes/left/hydrosalpinx/maxDiameterMm" {
		t.Errorf("mark not linked: ids %v, ref %q", got, r.Annotations[0].FindingRef)
	}
	checkSaved(t, v, q)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// TestPanelEvidence links the active pane's frame and a mark to a finding.
func TestPanelEvidence(t *testing.T) {
	v, q, _, p := openPanel(t)
	v.rep.linkPaneFrame("/tubes/right")
	in := v.ActivePane().Instance()
	r := v.Report().Report()
	if ev := r.Tubes.Right.Evidence; len(ev) != 1 || ev[0].SOPInstanceUID != in.SOPInstanceUID {
		t.Fatalf("evidence %+v", ev)
	}
	ref := mark.ImageRefOf(in, 0)
	v.Report().Edit("mark", func(r *report.Report) error {
		r.Annotations = []mark.Annotation{{ID: "m1", Image: ref, GraphicType: mark.GraphicPolyline,
			Tool: mark.ToolArrow, Points: [][2]float64{{1, 1}, {5, 5}}, Label: "block"}}
		return nil
	})
	fd := fieldAt(t, p, "/tubes/right/evidence")
	v.marks.Select("m1")
	test.Tap(findButton(fd.row, "Mark…"))
	if p.lastMenu == nil || len(p.lastMenu.Items) != 1 || !strings.HasPrefix(p.lastMenu.Items[0].Label, "Selected: mark m1 arrow “block”") {
		t.Fatalf("menu %+v", p.lastMenu)
	}
	p.lastMenu.Items[0].Action()
	r = v.Report().Report()
	if ids := r.Tubes.Right.AnnotationIDs; len(ids) != 1 || ids[0] != "m1" || r.Annotations[0].FindingRef != "/tubes/right" {
		t.Errorf("ids %v, ref %q", ids, r.Annotations[0].FindingRef)
	}
	if txt := fd.row.(*fyne.Container); txt == nil {
		t.Fatal("no row")
	}
	checkSaved(t, v, q)
}

// fillMinimal records what signing needs: the indication, the cycle day
// and the pregnancy test, both tubes patent with free spill and a normal
// cavity.
func fillMinimal(t *testing.T, w fyne.Window, p *reportPanel) {
	t.Helper()
	ind := fieldAt(t, p, "/clinical/indication").focus.(*forminput.CheckBox)
	w.Canvas().Focus(ind)
	test.Type(ind, " ") // primary subfertility
	day := fieldAt(t, p, "/clinical/cycleDay").focus.(*forminput.TextEntry)
	w.Canvas().Focus(day)
	test.Type(day, "9")
	choose(t, w, p, "/clinical/pregnancyTest/result", "n", "Negative")
	for _, side := range []string{"right", "left"} {
		b := "/tubes/" + side
		choose(t, w, p, b+"/status", "p", "Present")
		choose(t, w, p, b+"/patency", "p", "Patent")
		choose(t, w, p, b+"/spill", "free, p", "Free, prompt")
	}
	choose(t, w, p, "/uterus/cavityOpacified", "y", "Yes")
	choose(t, w, p, "/peritoneum/spillPattern", "f", "Free dispersion")
}

// TestPanelSignAndAmend signs the report through the panel: every input
// is disabled and the draft refuses changes; amending makes it editable
// again as version 2, the signed version kept.
func TestPanelSignAndAmend(t *testing.T) {
	v, q, w, p := openPanel(t)
	fillMinimal(t, w, p)
	if errs := assess.HasErrors(v.Report().Issues()); errs {
		t.Fatalf("errors left: %v", v.Report().Issues())
	}
	var signErr error = errors.New("not called")
	v.rep.signReport(report.Person{Name: "Dr A Radiologist"}, time.Date(2026, 3, 12, 11, 0, 0, 0, time.UTC), func(err error) { signErr = err })
	q.settle(t)
	if signErr != nil {
		t.Fatal(signErr)
	}
	s := v.Report()
	r := s.Report()
	if r.Status != report.StatusFinal || r.Version != 1 || !strings.HasPrefix(r.ContentHash, "sha256:") {
		t.Fatalf("status %s version %d hash %q", r.Status, r.Version, r.ContentHash)
	}
	if !p.hash.Visible() || !strings.Contains(p.hash.Text, r.ContentHash) {
		t.Errorf("hash shown %q", p.hash.Text)
	}
	if !strings.HasPrefix(p.status.Text, "Final · version 1 · signed") {
		t.Errorf("status %q", p.status.Text)
	}
	enabled := 0
	p.form.walk(func(fd *field) {
		if d, ok := fd.focus.(fyne.Disableable); ok && !d.Disabled() {
			enabled++
			t.Errorf("%s is enabled on a signed report", fd.path)
		}
	})
	for _, row := range p.imp.rows {
		if !row.entry.Disabled() {
			t.Error("an impression sentence is editable on a signed report")
		}
	}
	if !p.keys.rows[0].set[0].Disabled() || !p.signBtn.Disabled() || p.amendBtn.Disabled() {
		t.Error("buttons not disabled (sign) or enabled (amend)")
	}
	if err := s.draft.Update(func(*report.Report) error { return nil }); !errors.Is(err, drafts.ErrSigned) {
		t.Errorf("the draft accepted a change of a signed report: %v", err)
	}
	c := fieldAt(t, p, "/tubes/right/patency").focus.(*forminput.Choice)
	test.Type(c, "o")
	if s.Report().Tubes.Right.Patency != report.Patent {
		t.Error("a disabled choice changed the report")
	}
	checkSaved(t, v, q)

	var amendErr error = errors.New("not called")
	v.rep.amendReport("left tube: loculated spill on review", func(err error) { amendErr = err })
	q.settle(t)
	if amendErr != nil {
		t.Fatal(amendErr)
	}
	r = s.Report()
	if r.Status.Signed() || len(r.PreviousVersions) != 1 || r.AmendmentReason == "" {
		t.Fatalf("after amend: status %s, previous %d", r.Status, len(r.PreviousVersions))
	}
	if c.Disabled() || p.signBtn.Disabled() {
		t.Error("the panel is still read-only after amending")
	}
	choose(t, w, p, "/tubes/left/spill", "l", "Loculated")
	checkSaved(t, v, q)
	v.rep.signReport(report.Person{Name: "Dr A Radiologist"}, time.Date(2026, 3, 12, 12, 0, 0, 0, time.UTC), func(err error) { signErr = err })
	q.settle(t)
	if signErr != nil {
		t.Fatal(signErr)
	}
	if r = s.Report(); r.Version != 2 || r.Status != report.StatusAmended {
		t.Errorf("second signature: version %d status %s", r.Version, r.Status)
	}
	vs, err := s.store.Versions(v.Study().UID)
	if err != nil || len(vs) != 2 {
		t.Errorf("versions %v, %v", vs, err)
	}
	v1, err := s.store.LoadVersion(v.Study().UID, 1)
	if err != nil || v1.Tubes.Left.Spill != report.SpillFreePrompt {
		t.Errorf("version 1 changed: %v %v", err, v1)
	}
	checkSaved(t, v, q)
}

// TestPanelTypingIsSaved types into text and number fields and checks
// the saved draft after each pause, and that reopening the study shows
// the same values.
func TestPanelTypingIsSaved(t *testing.T) {
	v, q, w, p := openPanel(t)
	v.Report().debounce = time.Millisecond
	vol := fieldAt(t, p, "/technique/contrast/volumeMl").focus.(*forminput.TextEntry)
	w.Canvas().Focus(vol)
	test.Type(vol, "12,5")
	if got := v.Report().Report().Technique.Contrast.VolumeML; got == nil || *got != 12.5 {
		t.Errorf("volume %v", got)
	}
	txt := fieldAt(t, p, "/clinical/indicationText").focus.(*forminput.TextEntry)
	w.Canvas().Focus(txt)
	test.Type(txt, "Two years of primary subfertility.")
	bad := fieldAt(t, p, "/clinical/cycleDay")
	w.Canvas().Focus(bad.focus)
	test.Type(bad.focus.(*forminput.TextEntry), "x")
	if !strings.Contains(issueText(t, p, "/clinical/cycleDay"), "not a whole number") {
		t.Errorf("no error for a bad number: %q", issueText(t, p, "/clinical/cycleDay"))
	}
	bad.focus.(*forminput.TextEntry).SetText("9")
	checkSaved(t, v, q)
	want := reportJSON(t, v.Report().Report())

	v.ShowStudy(v.Study())
	q.settle(t)
	if got := reportJSON(t, v.Report().Report()); got != want {
		t.Errorf("reopened:\n%s\nwant\n%s", got, want)
	}
	if got := fieldAt(t, p, "/clinical/indicationText").focus.(*forminput.TextEntry).Text; got != "Two years of primary subfertility." {
		t.Errorf("reopened panel shows %q", got)
	}
}

// TestPanelPrefilledBadge checks the "from DICOM" badge of a prefilled
// value and that editing the value removes it.
func TestPanelPrefilledBadge(t *testing.T) {
	v, q, w, p := openPanel(t)
	fd := fieldAt(t, p, "/technique/delayedImage/minutesAfterContrast")
	if !v.Report().Report().IsPrefilled(fd.path) || !fd.badge.Visible() {
		t.Fatalf("prefilled %v, badge %v", v.Report().Report().IsPrefilled(fd.path), fd.badge.Visible())
	}
	e := fd.focus.(*forminput.TextEntry)
	w.Canvas().Focus(e)
	test.Type(e, "5") // 25 → 255
	if v.Report().Report().IsPrefilled(fd.path) || fd.badge.Visible() {
		t.Error("still marked from DICOM after an edit")
	}
	checkSaved(t, v, q)
}

// TestPanelKeys checks the Report menu's shortcuts: Ctrl+R toggles the
// panel, Ctrl+4 opens the right tube and focuses its first field.
func TestPanelKeys(t *testing.T) {
	v, q, w := newTestHost(t, 1400, 900)
	openFixtures(t, v, q, hsgFixtures())
	menu := v.rep.Menu()
	find := func(name string) *fyne.MenuItem {
		for _, it := range menu.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == name {
				return it
			}
		}
		t.Fatalf("no menu item for %s", name)
		return nil
	}
	find("CustomDesktop:Control+R").Action()
	if !v.rep.shown || v.ReportPanel() == nil {
		t.Fatal("Ctrl+R did not show the panel")
	}
	q.settle(t)
	p := v.ReportPanel()
	find("CustomDesktop:Control+4").Action()
	for i, s := range p.sections {
		if open := p.acc.Items[i].Open; open != (s.id == SectionRight) {
			t.Errorf("section %s open %v", s.title, open)
		}
	}
	if got := w.Canvas().Focused(); got != fieldAt(t, p, "/tubes/right/status").focus {
		t.Errorf("focus on %T", got)
	}
	// Escape gives the keyboard back to the image.
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Focused() != v.ActivePane().view {
		t.Errorf("after Escape the focus is on %T", w.Canvas().Focused())
	}
	find("CustomDesktop:Control+R").Action()
	if v.rep.shown {
		t.Error("Ctrl+R did not hide the panel")
	}
	// The report's keys for the help list Ctrl+R (the window's help shows
	// them: viewer's TestHelpListsReportKeys).
	found := false
	for _, k := range Shortcuts {
		found = found || k[0] == "Ctrl+R"
	}
	if !found {
		t.Error("Ctrl+R is not in the help")
	}
}

// demoDir writes the bundled demo study once per test run.
var demoDir = sync.OnceValues(func() (string, error) {
	d, err := os.MkdirTemp("", "hsgview-viewer-demo-")
	if err != nil {
		return "", err
	}
	tempDirs = append(tempDirs, d)
	_, err = demo.WriteDemo(d)
	return d, err
})

// openDemo opens the demo study (with its report-draft.json) in a viewer.
func openDemo(t *testing.T, w, h float32) (*testHost, *testQueue, fyne.Window) {
	t.Helper()
	dir, err := demoDir()
	if err != nil {
		t.Fatal(err)
	}
	v, q, win := newTestHost(t, w, h)
	v.Open(t, []string{dir})
	q.settle(t)
	if v.Report() == nil {
		t.Fatalf("no report (%v)", v.rep.err)
	}
	return v, q, win
}

// TestPanelExportPDF exports the demo's report through the UI path and
// checks the file: 0600, a valid PDF holding the impression, and the
// DICOM Encapsulated PDF recorded in the draft.
func TestPanelExportPDF(t *testing.T) {
	v, q, _ := openDemo(t, 1400, 900)
	v.showReportPanel(true)
	q.settle(t)
	r := v.Report().Report()
	if len(r.Annotations) == 0 || len(r.KeyImages) != 5 || !strings.Contains(r.Impression.FinalText, "Left hydrosalpinx") {
		t.Fatalf("the demo draft was not used: %d marks, %d key images, impression %q", len(r.Annotations), len(r.KeyImages), r.Impression.FinalText)
	}
	out := filepath.Join(t.TempDir(), "report.pdf")
	var res exportResult
	// An unsigned draft's DICOM object is refused unless asked for
	// explicitly, and then marked not verified.
	v.rep.exportPDF(exportJob{path: out, paper: reportpdf.PaperA4, dicom: true}, func(r exportResult) { res = r })
	q.settle(t)
	if !errors.Is(res.err, reportpdf.ErrNotSigned) {
		t.Fatalf("draft DICOM without allowDraft: %v", res.err)
	}
	v.rep.exportPDF(exportJob{path: out, paper: reportpdf.PaperA4, dicom: true, allowDraft: true}, func(r exportResult) { res = r })
	q.settle(t)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if in, err := dicomio.OpenFile(res.dcm); err != nil {
		t.Fatal(err)
	} else if title := in.Header().String(dicomio.NewTag(0x0042, 0x0010)); !strings.HasSuffix(title, dcmwrite.UnverifiedTitleSuffix) {
		t.Errorf("draft DICOM title %q", title)
	}
	if res.images != 5 || res.warning != nil {
		t.Errorf("%d key images, warning %v", res.images, res.warning)
	}
	for _, name := range []string{out, res.dcm} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	if got := v.Report().Report().Exports.PDF.SOPInstanceUID; got == "" || got != res.exp.SOPInstanceUID {
		t.Errorf("export not recorded: %q", got)
	}
	checkSaved(t, v, q)

	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Log("qpdf not installed: PDF structure not checked")
	} else if b, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: text not checked")
	}
	b, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(b)), " ")
	for _, s := range strings.Split(r.Impression.FinalText, "\n") {
		if !strings.Contains(text, strings.Join(strings.Fields(s), " ")) {
			t.Errorf("the PDF lacks the impression sentence %q", s)
		}
	}
}
