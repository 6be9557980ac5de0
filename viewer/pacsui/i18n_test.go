package pacsui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/internal/demo"
	"github.com/hsgview/hsgview/viewer/i18n/i18ntest"
)

// TestScreensInEachLanguage builds the PACS tab (a search's results, a
// server's refusal), the server form and the send dialog of the demo
// draft, in English and in Russian, and checks each with i18ntest: in
// Russian no English word is left, in both no label or button is cut.
func TestScreensInEachLanguage(t *testing.T) {
	dir := t.TempDir()
	draft, err := demo.WriteDemo(dir)
	if err != nil {
		t.Fatal(err)
	}
	coll, err := dicomio.Open([]string{filepath.Join(dir, "HSG")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer coll.Close()
	st := coll.Studies[0]
	results := []dicomweb.StudyResult{
		{StudyInstanceUID: "1.2.3.1", PatientName: "MÜLLER^ANNA^MARIA", PatientID: "P-1042", StudyDate: "20260312", AccessionNumber: "ACC2026031",
			Modalities: []string{"DX", "RF", "SR"}, Instances: 12, HasReport: true, Description: "HSG hysterosalpingography"},
	}
	for _, code := range []string{"en", "ru"} {
		t.Run(code, func(t *testing.T) {
			i18ntest.Use(t, code)
			server := dicomweb.Server{Name: "Department PACS", URL: "http://127.0.0.1:1/dicom-web"}
			p, q, w := newTestPanel(t, Options{ConfigPath: writeConfig(t, server)})
			w.Resize(fyne.NewSize(1500, 700))
			c := i18ntest.Checker{Data: []string{server.Name, server.URL, "MÜLLER, ANNA MARIA", "P-1042", "ACC2026031", "HSG hysterosalpingography",
				"127.0.0.1:1/dicom-web", st.Patient.Name, dicomtext.FormatPersonName(st.Patient.Name)}}
			p.setResults(results)
			p.Select(0)
			p.showError(&dicomweb.HTTPError{Op: "search", URL: server.URL + "/studies", Status: 401})
			q.settle(t)
			c.CheckCanvas(t, "PACS tab", w.Canvas())

			test.Tap(p.editBtn)
			q.settle(t)
			c.Check(t, "server form", w.Canvas().Overlays().List()...)
			p.form.d.Hide()

			pdf := func() ([]byte, error) { return os.ReadFile(filepath.Join(dir, "missing.dcm")) }
			d := showSend(SendRequest{Window: w, Bridge: q.b, Report: draft, Study: st, ConfigPath: writeConfig(t, server)})
			q.settle(t)
			c.Check(t, "send dialog", w.Canvas().Overlays().List()...)
			d.d.Hide()
			_ = pdf
		})
	}
}
