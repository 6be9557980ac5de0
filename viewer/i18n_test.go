package viewer

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/viewer/about"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/i18n/i18ntest"
	"github.com/hsgview/hsgview/viewer/reportui"
)

// demoIn writes the demo study into a folder of the test with its
// example draft in the language code, as a radiologist working in that
// language starts it.
func demoIn(t *testing.T, code string) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := demo.WriteDemoIn(dir, code); err != nil {
		t.Fatal(err)
	}
	return dir
}

// dataOf are the texts of a study and its report that are the user's
// data, not the interface's words: names, identifiers, descriptions, the
// radiologist's free text and mark labels, file paths.
func dataOf(st *dicomio.Study, r *report.Report, dirs ...string) []string {
	out := append([]string{"report-draft.json"}, dirs...)
	add := func(s ...string) { out = append(out, s...) }
	for _, in := range st.Images {
		add(in.Patient.Name, dicomtext.FormatPersonName(in.Patient.Name), in.Patient.ID, in.AccessionNumber,
			in.SeriesDescription, in.StudyDescription, in.ProtocolName, in.ImageComments, in.Path, in.Modality,
			in.Cine.FPSSource, in.Problem)
	}
	add(st.Description, st.AccessionNumber, st.Patient.ID, st.Patient.Name, dicomtext.FormatPersonName(st.Patient.Name))
	if r != nil {
		for _, a := range r.Annotations {
			add(a.Label)
		}
		c := r.Technique.Contrast
		add(r.Study.ReferringPhysician, dicomtext.FormatPersonName(r.Study.ReferringPhysician), r.Patient.ID, r.Patient.Name, dicomtext.FormatPersonName(r.Patient.Name))
		add(c.ProductName, r.Clinical.IndicationText, r.Clinical.Comparison, r.Author.Name, r.Technique.Dose.Method)
		if c.Agent != nil {
			add(c.Agent.Display, string(c.Agent.System), c.Agent.Code)
		}
		for _, it := range r.Impression.Items {
			if !it.Auto || it.Edited() {
				add(it.Text)
			}
		}
	}
	return out
}

// TestScreensInEachLanguage builds the study window on the demo study in
// English and in Russian, with the report panel open at every section,
// its menus and the dialogs the window opens, and checks each: in
// Russian no English word is left (i18ntest: DICOM terms, units and
// names excepted) and, in both languages, no label or button is cut.
func TestScreensInEachLanguage(t *testing.T) {
	for _, code := range []string{"en", "ru"} {
		t.Run(code, func(t *testing.T) {
			i18ntest.Use(t, code)
			dir := demoIn(t, code)
			v, q, win := newTestViewer(t, 1500, 920)
			v.Open([]string{dir})
			q.settle(t)
			if v.Report() == nil {
				t.Fatalf("no report (%v)", v.rep.Err())
			}
			if got := v.Report().Report().Language; got != code {
				t.Fatalf("the draft is in %q", got)
			}
			c := i18ntest.Checker{Data: dataOf(v.Study(), v.Report().Report(), dir, t.TempDir())}
			// The DICOM header is the file's, its names the standard's.
			var dump bytes.Buffer
			_ = v.ActivePane().in.Header().Dump(&dump)
			c.Data = append(c.Data, strings.TrimRight(dump.String(), "\n"))
			// The dose settings' sources are the department's words.
			set := dose.Defaults()
			c.Data = append(c.Data, set.DRL.Source, set.SingleSource)
			// The window presets are named by the file.
			if pipe := v.ActivePane().shown.pipe; pipe != nil {
				for _, p := range pipe.Presets {
					c.Data = append(c.Data, p.Explanation)
				}
			}
			// The export dialog proposes a file in the home folder.
			if home, err := os.UserHomeDir(); err == nil {
				c.Data = append(c.Data, home)
			}
			v.rep.ShowPanel(true)
			q.settle(t)
			openAll(win.Canvas().Content())
			q.settle(t)
			c.CheckCanvas(t, "study window", win.Canvas())
			c.CheckMenus(t, "main menu", v.mainMenu.Items...)
			c.CheckMenus(t, "pop-up menus", v.presetMenu(), v.studyMenu(), v.timingMenu(v.ActivePane()))
			if r := v.Report().Report(); len(r.Annotations) > 0 {
				a := r.Annotations[0]
				c.CheckMenus(t, "mark menu", v.marks.findingMenu(a))
				c.CheckMenus(t, "mark menu", v.marks.markMenu(v.ActivePane(), a.ID))
			}

			// The dialogs, one at a time.
			dialogs := map[string]func(){
				"help":         v.showHelp,
				"DICOM header": v.showHeader,
				"T0 time":      func() { v.askT0Time(v.ActivePane()) },
				"language":     func() { v.showDialog(i18n.NewChooser(v.win, fyne.CurrentApp().Preferences(), v.showDialog)) },
				"about":        func() { v.showDialog(about.NewAbout(v.win, about.AboutInfo{Name: "hsgview", Version: "1.0"})) },
				"export pane":  v.marks.exportPaneDialog,
				"calibrate series": func() {
					v.marks.askCalibration(v.ActivePane(), mark.ImagePoint{X: 10, Y: 10}, mark.ImagePoint{X: 40, Y: 10}, func() {})
				},
			}
			for _, it := range append(v.rep.Menu().Items, v.rep.FileItems()...) {
				// (Amend opens only on a signed report.)
				if it.Action != nil && strings.HasSuffix(it.Label, "…") && it.ChildMenu == nil && it.Label != lang.L("Amend report…") {
					dialogs["report: "+it.Label] = it.Action
				}
			}
			for name, open := range dialogs {
				open()
				q.settle(t)
				if len(win.Canvas().Overlays().List()) == 0 {
					t.Errorf("%s: no dialog opened", name)
				}
				c.Check(t, name+" dialog", win.Canvas().Overlays().List()...)
				closeDialogs(v, win)
				q.settle(t)
			}
		})
	}
}

// openAll opens every section of every accordion under o.
func openAll(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *widget.Accordion:
		x.OpenAll()
	case *fyne.Container:
		for _, c := range x.Objects {
			openAll(c)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			openAll(c)
		}
	}
}

// closeDialogs closes the dialogs and pop-ups on the window.
func closeDialogs(v *Viewer, w fyne.Window) {
	for v.dialog != nil {
		v.dialog.Hide()
	}
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}

// TestRussianWindowGolden: the main window on the demo study in Russian,
// the draft written in Russian, the panel open at the left tube (the
// hydrosalpinx measured by a mark): menus, toolbar, overlays, thumbnails
// and the form as a Russian radiologist sees them.
func TestRussianWindowGolden(t *testing.T) {
	i18ntest.Use(t, "ru")
	v, q, w := newTestViewer(t, 1500, 920)
	v.Open([]string{demoIn(t, "ru")})
	q.settle(t)
	v.rep.ShowPanel(true)
	q.settle(t)
	v.rep.JumpToSection(reportui.SectionLeft)
	w.Canvas().Unfocus()
	q.settle(t)
	test.AssertImageMatches(t, "report/window_demo_ru.png", w.Canvas().Capture())
}

// TestRussianPanelGolden: the report panel in Russian at the impression
// (the sentences the generator wrote in Russian, the recommendations).
func TestRussianPanelGolden(t *testing.T) {
	i18ntest.Use(t, "ru")
	v, q, w := newTestViewer(t, 1500, 920)
	v.Open([]string{demoIn(t, "ru")})
	q.settle(t)
	v.rep.ShowPanel(true)
	q.settle(t)
	v.rep.JumpToSection(reportui.SectionImpression)
	w.Canvas().Unfocus()
	q.settle(t)
	test.AssertImageMatches(t, "report/panel_impression_ru.png", panelImage(w, v.side))
}
