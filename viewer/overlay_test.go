package viewer

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/dicomio"
)

// The tests of this file check that the pane's text stays legible at
// every size: corner lines and mark labels never cover each other and
// never leave the pane, from a 400-unit pane to a 1600-unit one, at
// zooms from 25 % to 400 %.

// crowdedFixture is a 256×256 spot image of a patient with a long name:
// a dark field with a bright cavity and two tubes, so that the goldens
// stay small.
func crowdedFixture() fixture {
	return fixture{SeriesNumber: 2, InstanceNumber: 4, SeriesDescription: "HSG spot tubal filling, left anterior oblique", Time: "094512",
		Orientation: `L\F`, WindowCenter: "2048", WindowWidth: "4096", ImagerSpacing: `0.3\0.3`,
		PatientName: "LINDQVIST^SARA ELISABET", PatientID: "HSG-PH-000417", BirthDate: "19910718", Sex: "F",
		Rows: 256, Cols: 256,
		Pixel: func(_, x, y int) uint16 {
			dx, dy := abs(float64(x-128)), float64(y-120)
			switch {
			case dy > -30 && dy < 20 && dx < (20-dy)*0.6: // the cavity
				return 3600
			case dx > 20 && dx < 100 && abs(dy+30-(dx-20)*(dx-20)/120) < 3: // the tubes
				return 3000
			}
			return 900
		}}
}

// crowdedMarks returns an arrow with text, two lengths and an ellipse
// ROI with statistics drawn close together near the image's middle,
// measured on the frame p shows.
func crowdedMarks(t *testing.T, p *Pane) []mark.Annotation {
	t.Helper()
	sp := mark.FileSpacing(p.in.Calibration)
	px := &mark.Pixels{Frame: p.shown.frame, Pipeline: p.shown.pipe}
	ref := mark.ImageRef{SOPInstanceUID: p.in.SOPInstanceUID, FrameNumber: 1}
	mk := func(id string, tool mark.Tool, label string, pts ...mark.ImagePoint) mark.Annotation {
		a, err := mark.NewMark(tool, ref, pts, label)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = id
		return mark.Measure(a, sp, px)
	}
	return []mark.Annotation{
		mk("roi", mark.ToolEllipse, "", mark.Pt(116, 106), mark.Pt(142, 128)),
		mk("arrow", mark.ToolArrow, "L cornu occluded", mark.Pt(121, 119), mark.Pt(140, 102)),
		mk("l1", mark.ToolLength, "", mark.Pt(112, 134), mark.Pt(146, 134)),
		mk("l2", mark.ToolLength, "", mark.Pt(114, 146), mark.Pt(150, 140)),
	}
}

// paneSizes are the pane sizes of the goldens, in Fyne units.
var paneSizes = []fyne.Size{{Width: 400, Height: 320}, {Width: 800, Height: 560}, {Width: 1600, Height: 900}}

// showCrowded loads the crowded fixture into a lone pane of size s with
// its marks, at zoom z (0: fitted).
func showCrowded(t *testing.T, st *dicomio.Study, s fyne.Size, z float64) (*Pane, *testQueue, fyne.Window) {
	t.Helper()
	p, q, w := newTestPane(t, s.Width, s.Height)
	loadEntry(t, p, q, st, 0)
	p.marks.Set(markScene{marks: crowdedMarks(t, p)})
	if z > 0 {
		p.view.SetZoom(z)
	}
	q.settle(t)
	return p, q, w
}

// textBoxes returns every text box laid out in p's view, in device
// pixels: the corner lines, the orientation letters and the marks'
// labels, each named.
func textBoxes(t *testing.T, p *Pane) (names []string, boxes []image.Rectangle) {
	t.Helper()
	for i, r := range p.view.TextRects() {
		names, boxes = append(names, fmt.Sprintf("overlay text %d", i)), append(boxes, r)
	}
	placed := p.marks.Placed()
	if len(placed) == 0 {
		t.Fatal("the marks' labels are not on screen")
	}
	for _, l := range placed {
		if !l.Label.Empty() {
			names, boxes = append(names, "label of "+l.ID), append(boxes, l.Label)
		}
	}
	return names, boxes
}

// TestOverlayTextNeverCollides lays out the crowded pane at three widths
// and three zooms and fails when two text boxes (corner lines, letters,
// mark labels) intersect or one leaves the pane.
func TestOverlayTextNeverCollides(t *testing.T) {
	st := writeStudy(t, []fixture{crowdedFixture()}).Studies[0]
	for _, s := range paneSizes {
		for _, z := range []float64{0.25, 1, 4} {
			t.Run(fmt.Sprintf("%.0f_%.0f", s.Width, z*100), func(t *testing.T) {
				p, _, _ := showCrowded(t, st, s, z)
				vs := p.view.Size()
				pane := image.Rect(0, 0, int(vs.Width), int(vs.Height))
				names, boxes := textBoxes(t, p)
				if len(boxes) < 4+4+4 {
					t.Fatalf("only %d text boxes: %v", len(boxes), names)
				}
				for i, a := range boxes {
					if !a.In(pane) {
						t.Errorf("%s at %v leaves the pane %v", names[i], a, pane)
					}
					for j := i + 1; j < len(boxes); j++ {
						if a.Overlaps(boxes[j]) {
							t.Errorf("%s at %v and %s at %v overlap", names[i], a, names[j], boxes[j])
						}
					}
				}
			})
		}
	}
}

// TestOverlayGolden compares the crowded pane with its golden image at
// each width and zoom.
func TestOverlayGolden(t *testing.T) {
	st := writeStudy(t, []fixture{crowdedFixture()}).Studies[0]
	for _, s := range paneSizes {
		for _, z := range []float64{0.25, 1, 4} {
			name := fmt.Sprintf("overlay/pane_%.0f_zoom%.0f.png", s.Width, z*100)
			t.Run(name, func(t *testing.T) {
				p, _, w := showCrowded(t, st, s, z)
				test.AssertImageMatches(t, name, paneCapture(w, p))
			})
		}
	}
}

// TestNarrowPaneCorners: in a 400-unit pane the long name and the series
// share their row cut short, the spacing line takes its short form and
// nothing is cut by the pane's edge; at 1600 everything is in full.
func TestNarrowPaneCorners(t *testing.T) {
	st := writeStudy(t, []fixture{crowdedFixture()}).Studies[0]
	p, _, _ := showCrowded(t, st, fyne.NewSize(400, 320), 0)
	c := p.view.CornerText()
	if len(c[0]) == 0 || !strings.HasPrefix(c[0][0], "LINDQVIST") {
		t.Errorf("top left %q", c[0])
	}
	if len(c[1]) == 0 || !strings.HasPrefix(c[1][0], "Se 2") {
		t.Errorf("top right %q", c[1])
	}
	if len(c[2]) == 0 || c[2][0] != "Spacing: at detector" {
		t.Errorf("bottom left %q: the spacing line should read \"Spacing: at detector\"", c[2])
	}
	p, _, _ = showCrowded(t, st, fyne.NewSize(1600, 900), 0)
	c = p.view.CornerText()
	if want := "LINDQVIST, SARA ELISABET"; len(c[0]) == 0 || c[0][0] != want {
		t.Errorf("top left at 1600: %q, want %q", c[0], want)
	}
	if len(c[2]) == 0 || !strings.HasPrefix(c[2][0], "Spacing: at detector (Imager Pixel Spacing") {
		t.Errorf("bottom left at 1600: %q", c[2])
	}
}

// TestToolbarReachable: in a 1024-unit window and a 1280×720 one the tool
// bar clips nothing: Help is in view at the right end, and Sync is in
// view or in the "more" menu, from where it works.
func TestToolbarReachable(t *testing.T) {
	for _, s := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1280, Height: 720}} {
		v, q, w := newTestViewer(t, s.Width, s.Height)
		openFixtures(t, v, q, hsgFixtures())
		if got := w.Canvas().Size(); got.Width > s.Width {
			t.Errorf("%v: the window is %v wide: its content does not fit", s, got.Width)
		}
		bar := v.toolbar
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(bar)
		if right := pos.X + bar.Size().Width; right > s.Width+0.5 {
			t.Errorf("%v: the tool bar ends at %v, past the window", s, right)
		}
		var help fyne.CanvasObject
		for _, o := range test.WidgetRenderer(bar).Objects() {
			if b, ok := o.(*widget.Button); ok && b.Icon == theme.HelpIcon() {
				help = b
			}
		}
		if help == nil || !help.Visible() {
			t.Fatalf("%v: no Help button in view", s)
		}
		if p := fyne.CurrentApp().Driver().AbsolutePositionForObject(help); p.X+help.Size().Width > s.Width+0.5 {
			t.Errorf("%v: Help at %v is cut off", s, p)
		}
		was := v.sync
		if v.syncBtn.Visible() {
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(v.syncBtn)
			if p.X+v.syncBtn.Size().Width > s.Width+0.5 {
				t.Errorf("%v: Sync at %v is cut off", s, p)
			}
			test.Tap(v.syncBtn)
		} else {
			var sync *fyne.MenuItem
			for _, it := range bar.Menu().Items {
				if it.Label == "Sync" {
					sync = it
				}
			}
			if sync == nil {
				t.Fatalf("%v: Sync neither in view nor in the more menu", s)
			}
			sync.Action()
		}
		if v.sync == was {
			t.Errorf("%v: Sync did not toggle synchronisation", s)
		}
	}
}

// TestROIStatsOption: the Marks menu sets how ROI statistics are shown,
// in full or on one line, for every pane and as a preference.
func TestROIStatsOption(t *testing.T) {
	v, q, _, p := markFixture(t)
	v.marks.setMode(modeEllipse)
	pointer{p.view}.drag(viewAt(p, 38, 14), viewAt(p, 58, 34))
	q.settle(t)
	v.marks.Select("")
	q.settle(t)
	oneLine := func() bool {
		t.Helper()
		placed := p.marks.Placed()
		if len(placed) != 1 {
			t.Fatalf("placed %v", placed)
		}
		return placed[0].OneLine
	}
	if oneLine() {
		t.Error("a lone ROI in a large pane has its statistics on one line")
	}
	var stats *fyne.Menu
	for _, m := range v.mainMenu.Items {
		for _, it := range m.Items {
			if it.ChildMenu != nil && it.Label == "ROI statistics" {
				stats = it.ChildMenu
			}
		}
	}
	if stats == nil {
		t.Fatal("no ROI statistics menu")
	}
	menuAction(t, stats, "Always one line")()
	q.settle(t)
	if !oneLine() || fyne.CurrentApp().Preferences().Int(statsKey) != int(mark.StatsOneLine) {
		t.Errorf("after \"Always one line\": one line %v, preference %d", oneLine(), fyne.CurrentApp().Preferences().Int(statsKey))
	}
	if !stats.Items[2].Checked || stats.Items[0].Checked {
		t.Error("the menu does not check the choice")
	}
	menuAction(t, stats, "Always full")()
	q.settle(t)
	if oneLine() {
		t.Error("after \"Always full\" the statistics are on one line")
	}
}
