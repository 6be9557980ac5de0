package viewer

import (
	"github.com/hsgview/hsgview/viewer/thumbs"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/imageview"
	"github.com/hsgview/hsgview/viewer/studytext"
)

// menuItem returns the item labelled label of m (or of its submenus).
func timingItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
		if it.ChildMenu != nil {
			for _, c := range it.ChildMenu.Items {
				if it.Label+" ▸ "+c.Label == label {
					return c
				}
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func thumbOf(v *Viewer, in *dicomio.Instance) *thumbs.Thumbnail {
	for _, th := range v.thumbs {
		if th.Entry().Instance == in {
			return th
		}
	}
	return nil
}

// TestTimingOverrideMenu: on the demo study, "This is the first contrast
// image (T0)" on a later spot moves T0 there: the minutes of the
// overlays and thumbnails follow and say "set by radiologist", and the
// draft saves the override; the delayed film set to "other" leaves the
// study without a delayed image; a signed report refuses the change.
func TestTimingOverrideMenu(t *testing.T) {
	v, q, _ := openDemo(t, 1400, 860)
	tl := v.timeline()
	if tl == nil || !tl.HasT0 {
		t.Fatal("the demo study has no T0")
	}
	// A later contrast spot, not the T0 image, with an image after it.
	var spot *dicomio.Entry
	for i := range tl.Entries {
		e := &tl.Entries[i]
		if e.Phase == dicomio.PhaseImmediate && e.HasMinutes && e.Minutes > 0.5 && i+1 < len(tl.Entries) {
			spot = e
			break
		}
	}
	if spot == nil {
		t.Fatal("no later immediate spot in the demo study")
	}
	t0 := spot.Instance.Acquired
	p := v.ActivePane()
	v.loadInto(p, spot)
	q.settle(t)

	timingItem(t, v.timingMenu(p), "This is the first contrast image (T0)").Action()
	q.settle(t)

	r := v.Report().Report()
	if r.TimingOverrides == nil || r.TimingOverrides.T0 == nil || r.TimingOverrides.T0.SOPInstanceUID != spot.Instance.SOPInstanceUID {
		t.Fatalf("draft overrides %+v, want T0 at %s", r.TimingOverrides, spot.Instance.SOPInstanceUID)
	}
	if r.TimingOverrides.SetBy == "" || r.TimingOverrides.SetAt.IsZero() {
		t.Errorf("override without author or time: %+v", r.TimingOverrides)
	}
	checkSaved(t, v, q)

	br := strings.Join(imageview.Texts(p.View().Info().BottomRight), "\n")
	if !strings.Contains(br, "set by radiologist") || !strings.Contains(br, wording.Minutes(0)) {
		t.Errorf("overlay of the T0 image %q, want %s and set by radiologist", br, wording.Minutes(0))
	}
	t.Logf("T0 on %s: overlay %q, status %q", studytext.SeriesText(spot.Instance), br, v.status.Text)
	if !strings.Contains(v.status.Text, "set by radiologist") {
		t.Errorf("status %q does not name the radiologist's T0", v.status.Text)
	}
	for _, e := range v.timeline().Entries {
		if !e.HasMinutes || e.Instance.TimeSource == dicomio.TimeNone {
			continue
		}
		want := wording.Minutes(e.Instance.Acquired.Sub(t0).Minutes())
		th := thumbOf(v, e.Instance)
		if th == nil {
			t.Fatalf("no thumbnail of %s", studytext.SeriesText(e.Instance))
		}
		if got := th.PhaseText(); !strings.Contains(got, want) {
			t.Errorf("thumbnail of %s says %q, want %s", studytext.SeriesText(e.Instance), got, want)
		}
	}
	if got := thumbOf(v, spot.Instance).PhaseText(); !strings.Contains(got, "set by radiologist") {
		t.Errorf("thumbnail of the T0 image says %q", got)
	}

	// The delayed film is "other": no delayed image any more.
	d := v.timeline().Delayed
	if d == nil {
		t.Fatal("the demo study has no delayed image")
	}
	var de *dicomio.Entry
	for i, e := range v.timeline().Entries {
		if e.Instance == d.Instance {
			de = &v.timeline().Entries[i]
		}
	}
	v.loadInto(p, de)
	q.settle(t)
	timingItem(t, v.timingMenu(p), "Phase ▸ Other").Action()
	q.settle(t)
	if nd := v.timeline().Delayed; nd != nil && nd.Instance == d.Instance {
		t.Errorf("the film set to other is still the delayed image")
	}
	t.Logf("delayed film set to other: status %q", v.status.Text)
	if strings.Contains(v.status.Text, "delayed image: "+studytext.SeriesText(d.Instance)) {
		t.Errorf("status %q still names the film set to other", v.status.Text)
	}
	if got := strings.Join(imageview.Texts(p.View().Info().BottomRight), "\n"); !strings.Contains(got, "other") || !strings.Contains(got, "set by radiologist") {
		t.Errorf("overlay of the film set to other: %q", got)
	}
	checkSaved(t, v, q)

	// Automatic and Clear T0 undo both: the overrides go back to nil.
	timingItem(t, v.timingMenu(p), "Phase ▸ Automatic").Action()
	timingItem(t, v.timingMenu(p), "Clear T0").Action()
	q.settle(t)
	if o := v.Report().Report().TimingOverrides; o != nil {
		t.Errorf("overrides left after clearing: %+v", o)
	}
	if nd := v.timeline().Delayed; nd == nil || nd.Instance != d.Instance {
		t.Errorf("the delayed film is not back")
	}

	// An explicit T0 time.
	if err := v.SetT0Time(p, studytext.Clock(t0)); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	if o := v.Report().Report().TimingOverrides; o == nil || o.T0 == nil || o.T0.Time == nil || !o.T0.Time.Equal(t0.Truncate(time.Second)) {
		t.Errorf("T0 time override %+v, want %s", o, t0)
	}
	if err := v.SetT0Time(p, "nine"); err == nil {
		t.Error("T0 time \"nine\" accepted")
	}
	timingItem(t, v.timingMenu(p), "Clear T0").Action()
	q.settle(t)

	// A signed report refuses (a test shortcut to signing).
	v.Report().Report().Status = report.StatusFinal
	timingItem(t, v.timingMenu(p), "This is the first contrast image (T0)").Action()
	q.settle(t)
	if v.status.Text != errTimingSigned.Error() {
		t.Errorf("status %q, want %q", v.status.Text, errTimingSigned.Error())
	}
	if o := v.Report().Report().TimingOverrides; o != nil {
		t.Errorf("a signed report was changed: %+v", o)
	}
}

// TestTimingScreenshot writes docs/screenshots/timing-override.png when
// HSGVIEW_SCREENSHOT names the file: the demo study with T0 set by the
// radiologist on a later spot, its context menu open.
func TestTimingScreenshot(t *testing.T) {
	path := os.Getenv("HSGVIEW_SCREENSHOT")
	if path == "" {
		t.Skip("HSGVIEW_SCREENSHOT not set")
	}
	v, q, w := openDemo(t, 1600, 1000)
	tl := v.timeline()
	var spot *dicomio.Entry
	for i := range tl.Entries {
		if e := &tl.Entries[i]; e.Phase == dicomio.PhaseImmediate && e.Minutes > 0.5 {
			spot = e
			break
		}
	}
	p := v.ActivePane()
	v.loadInto(p, spot)
	q.settle(t)
	if err := v.SetFirstContrastImage(p); err != nil {
		t.Fatal(err)
	}
	q.settle(t)
	v.showTimingMenu(p, fyne.NewPos(p.view.Size().Width/2, p.view.Size().Height/3))
	q.settle(t)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestTimingOverrideHanging: a draft whose timing override makes the
// delayed film "other" hangs the study, when reopened, without it as
// the delayed image.
func TestTimingOverrideHanging(t *testing.T) {
	v, q, _ := openDemo(t, 1400, 860)
	d := v.timeline().Delayed
	if d == nil {
		t.Fatal("the demo study has no delayed image")
	}
	shown := false
	for _, p := range v.panes[:v.layout.Panes()] {
		shown = shown || p.in == d.Instance
	}
	if !shown {
		t.Fatal("the demo hanging does not show the delayed film")
	}
	var pane *Pane
	for _, p := range v.panes {
		if p.in == d.Instance {
			pane = p
		}
	}
	if err := v.SetPhase(pane, dicomio.PhaseOther); err != nil {
		t.Fatal(err)
	}
	checkSaved(t, v, q)
	dir, _ := demoDir()
	v.Open([]string{dir})
	q.settle(t)
	if o := v.Report().Report().TimingOverrides; o == nil || len(o.Phases) != 1 {
		t.Fatalf("reopened draft overrides %+v", o)
	}
	for _, p := range v.panes[:v.layout.Panes()] {
		if p.in != nil && p.in.SOPInstanceUID == d.Instance.SOPInstanceUID && p.Entry() != nil && p.Entry().Phase == dicomio.PhaseDelayed {
			t.Errorf("the film set to other hangs as the delayed image: %q", p.Title())
		}
	}
	titles := []string{}
	for _, p := range v.panes[:v.layout.Panes()] {
		titles = append(titles, p.Title())
	}
	t.Logf("hanging after reopening: %q", titles)
}

// TestTimingMenuRightClick: a right click on an image away from its
// marks opens the timing menu.
func TestTimingMenuRightClick(t *testing.T) {
	v, q, w := openDemo(t, 1400, 860)
	p := v.ActivePane()
	pt := pointer{p.view}
	at := fyne.NewPos(12, p.view.Size().Height-12)
	pt.press(at, desktop.MouseButtonSecondary)
	pt.release(at, desktop.MouseButtonSecondary)
	q.settle(t)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("right click on the image opened no menu")
	}
	found := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		const want = "This is the first contrast image (T0)"
		if l, ok := o.(*widget.Label); ok && l.Text == want {
			found = true
		}
		if l, ok := o.(*canvas.Text); ok && l.Text == want {
			found = true
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, x := range test.WidgetRenderer(wd).Objects() {
				walk(x)
			}
		}
	}
	walk(top)
	w.Canvas().Overlays().Remove(top)
	if !found {
		t.Error("the menu opened by the right click is not the timing menu")
	}
}
