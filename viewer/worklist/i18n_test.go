package worklist

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/synth"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer/i18n/i18ntest"
)

// TestScreensInEachLanguage builds the study list (two studies of one
// patient), its menus and dialogs (import, audit log, priors, remove,
// missing files) and the comparison of delayed films, in English and in
// Russian, and checks each with i18ntest: in Russian no English word is
// left, in both no label or button is cut.
func TestScreensInEachLanguage(t *testing.T) {
	for _, code := range []string{"en", "ru"} {
		t.Run(code, func(t *testing.T) {
			i18ntest.Use(t, code)
			l := openLib(t)
			today, st := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256})
			prior, _ := synthStudy(t, synth.Options{CineFrames: 2, Rows: 256, Cols: 256, Seed: 7, DelayedMinutes: 30,
				Start: time.Date(2025, 4, 2, 10, 15, 0, 0, time.Local)})
			importPaths(t, l, library.ModeReference, today, prior)
			sh, q, win := newTestShell(t, l)
			win.Resize(fyne.NewSize(1500, 920))
			q.settle(t)
			s := sh.Screen()
			row, ok := s.Selected()
			if !ok {
				t.Fatal("no study selected")
			}
			c := i18ntest.Checker{Data: []string{row.PatientName, row.RawName, row.PatientID, row.Accession, row.Institution,
				row.Description, dicomtext.FormatPersonName(row.RawName), today, prior, st.StudyInstanceUID, "/media/cdrom/DICOMDIR"}}
			c.CheckCanvas(t, "study list", win.Canvas())
			c.CheckMenus(t, "study list menu", sh.menu().Items...)

			priors, err := l.Priors(context.Background(), st.StudyInstanceUID)
			if err != nil || len(priors) != 1 {
				t.Fatalf("priors %v %v", priors, err)
			}
			entries, _ := l.Audit(context.Background(), 0, 0)
			for _, e := range entries {
				c.Data = append(c.Data, e.User, e.StudyUID, e.Detail)
			}
			dialogs := map[string]func(){
				"import":         func() { sh.ShowImport([]string{today}) },
				"audit log":      sh.ShowAudit,
				"priors":         func() { sh.ShowPriors(st.StudyInstanceUID) },
				"remove":         func() { sh.ShowRemove(row) },
				"missing files":  func() { sh.ShowRescan(row) },
				"offer import":   func() { sh.OfferImport([]string{today}) },
				"compare films":  func() { sh.Compare(st.StudyInstanceUID, priors[0]) },
				"language":       func() { sh.menu().Items[1].Items[len(sh.menu().Items[1].Items)-1].Action() },
				"import (media)": func() { sh.ShowImport([]string{"/media/cdrom/DICOMDIR"}) },
			}
			for name, open := range dialogs {
				open()
				q.settle(t)
				c.CheckCanvas(t, name, win.Canvas())
				for _, o := range win.Canvas().Overlays().List() {
					win.Canvas().Overlays().Remove(o)
				}
				if sh.Comparison() != nil && !sh.OnList() {
					sh.ShowList()
					q.settle(t)
				}
			}
		})
	}
}
