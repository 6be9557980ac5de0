package pacsui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dcmwrite"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/viewer/ui"
)

// SendRequest is what the report panel gives the send dialog.
type SendRequest struct {
	// Window is the study window; the dialog opens over it. Required.
	Window fyne.Window
	// Bridge is the window's goroutine → UI bridge. Required.
	Bridge *ui.Bridge
	// Show, if set, shows the dialog (the window's ShowDialog); else it
	// is shown over Window.
	Show func(dialog.Dialog)
	// Report is the report to send: the dialog's own copy.
	Report *report.Report
	// Study is the report's study, opened: the objects copy its patient
	// and study attributes and reference its images.
	Study *dicomio.Study
	// EncapsulatedPDF makes the report's DICOM Encapsulated PDF, as the
	// report panel's PDF export makes it. It runs on a background
	// goroutine. Nil: no PDF is sent.
	EncapsulatedPDF func() ([]byte, error)
	// Windows are the windows the radiologist set, by SOP Instance UID,
	// for the presentation states.
	Windows map[string]dicomio.Window
	// ConfigPath is the server configuration; dicomweb.ConfigPath() when
	// empty.
	ConfigPath string
}

// ShowSend opens the "Send to PACS" dialog: it makes the report's
// objects in the background and lists them, one row each, then sends
// them when the user presses Send and shows the server's answer per
// object. A signed report can be sent; a draft only with "Send as
// unverified draft" checked.
func ShowSend(req SendRequest) { showSend(req) }

// A sendObject is one object of the report, as listed and sent.
type sendObject struct {
	kind, what string // e.g. "SR", "structured report · series 9101"
	obj        dicomweb.Object
	sopUID     string
	status     *widget.Label
}

type sendDialog struct {
	req  SendRequest
	b    bridge
	path string
	cfg  *dicomweb.Config

	servers  *widget.Select
	draft    *widget.Check
	rows     *fyne.Container
	problem  *widget.Label
	overall  *widget.Label
	sendBtn  *widget.Button
	closeBtn *widget.Button
	busy     *widget.ProgressBarInfinite
	objs     []sendObject
	ready    bool
	sending  bool
	cancel   context.CancelFunc
	d        dialog.Dialog
}

func showSend(req SendRequest) *sendDialog {
	d := &sendDialog{req: req, b: bridge{req.Bridge}, cfg: &dicomweb.Config{}}
	signed := req.Report != nil && req.Report.Status.Signed()
	d.servers = widget.NewSelect(nil, func(string) { d.update() })
	d.servers.PlaceHolder = lang.L("(no server configured: add one in the PACS tab)")
	d.draft = widget.NewCheck(lang.L("Send as unverified draft"), func(bool) { d.update() })
	var note fyne.CanvasObject = widget.NewLabel("")
	if signed {
		d.draft.Hide()
		note = widget.NewLabel(fmt.Sprintf(lang.L("Signed report, version %d, signed by %s."), max(req.Report.Version, 1), dicomtext.FormatPersonName(req.Report.Author.Name)))
	} else {
		l := widget.NewLabel(lang.L("The report is not signed. A draft is sent only when you ask for it: the PACS then files it as UNVERIFIED, and the PDF is marked DRAFT."))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		note = l
	}
	d.rows = container.NewVBox(widget.NewLabel(lang.L("Preparing the objects…")))
	d.busy = widget.NewProgressBarInfinite()
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Hide()
	d.overall = widget.NewLabel("")
	d.overall.Wrapping = fyne.TextWrapWord
	d.sendBtn = widget.NewButtonWithIcon(lang.L("Send"), theme.MailSendIcon(), d.send)
	d.sendBtn.Importance = widget.HighImportance
	d.sendBtn.Disable()
	d.closeBtn = widget.NewButton(lang.L("Close"), func() {
		if d.cancel != nil {
			d.cancel()
		}
		d.d.Hide()
	})
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Server")), nil, d.servers),
		note, d.draft,
		widget.NewLabelWithStyle(lang.L("What will be sent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	bottom := container.NewVBox(d.busy, d.problem, d.overall, container.NewHBox(layout.NewSpacer(), d.closeBtn, d.sendBtn))
	content := container.NewBorder(top, bottom, nil, nil, container.NewVScroll(d.rows))
	d.d = dialog.NewCustomWithoutButtons(lang.L("Send report to PACS"), content, req.Window)
	d.d.Resize(fyne.NewSize(760, 480))
	if req.Show != nil {
		req.Show(d.d)
	} else {
		d.d.Show()
	}
	d.load(signed)
	return d
}

// load reads the configuration and makes the objects, in the
// background.
func (d *sendDialog) load(signed bool) {
	path := d.req.ConfigPath
	d.b.Begin()
	go func() {
		var err error
		if path == "" {
			path, err = dicomweb.ConfigPath()
		}
		cfg := &dicomweb.Config{}
		if err == nil {
			cfg, err = dicomweb.LoadConfig(path)
		}
		d.b.sendConfig(d, path, cfg, err)
	}()
	r, st, pdf, windows := d.req.Report, d.req.Study, d.req.EncapsulatedPDF, d.req.Windows
	d.b.Begin()
	go func() {
		objs, err := prepareObjects(r, st, pdf, windows, !signed)
		d.b.sendPrepared(d, objs, err)
	}()
}

// prepareObjects makes the report's objects: the Encapsulated PDF, the
// SR, the KOS and a GSPS per marked image. It runs in the background.
func prepareObjects(r *report.Report, st *dicomio.Study, pdf func() ([]byte, error), windows map[string]dicomio.Window, draft bool) ([]sendObject, error) {
	if r == nil || st == nil {
		return nil, errors.New(lang.L("no report open"))
	}
	var out []sendObject
	if pdf != nil {
		b, err := pdf()
		if err != nil {
			return nil, fmt.Errorf(lang.L("the PDF report: %w"), err)
		}
		in, err := dicomio.OpenBytes("report.dcm", b)
		if err != nil {
			return nil, fmt.Errorf(lang.L("the PDF report: %w"), err)
		}
		out = append(out, sendObject{kind: "Encapsulated PDF", what: fmt.Sprintf(lang.L("the report as PDF · series %d"), in.SeriesNumber),
			obj: dicomweb.Object{Name: "Encapsulated PDF", Data: b}, sopUID: in.SOPInstanceUID})
	}
	objs, err := dcmwrite.ReportObjects(r, dcmwrite.Options{Study: st, AllowDraft: draft, Windows: windows})
	if err != nil {
		return nil, err
	}
	for _, o := range objs {
		so := sendObject{kind: o.Kind, obj: dicomweb.Object{Name: o.Kind, Data: o.Data}, sopUID: o.SOPInstanceUID}
		switch o.Kind {
		case "SR":
			so.what = lang.L("structured report: findings, measurements, impression")
		case "KOS":
			so.what = fmt.Sprintf(lang.N("key object selection: %d key images", len(r.KeyImages)), len(r.KeyImages))
		case "GSPS":
			so.what = lang.L("presentation state: marks and window")
			if in := st.Image(o.Image); in != nil {
				so.what += " " + fmt.Sprintf(lang.L("on series %d image %d"), in.SeriesNumber, in.InstanceNumber)
			}
		}
		out = append(out, so)
	}
	return out, nil
}

// configLoaded takes the server configuration (through the bridge).
func (d *sendDialog) configLoaded(path string, cfg *dicomweb.Config, err error) {
	d.path, d.cfg = path, cfg
	if err != nil {
		d.showProblem(err)
		return
	}
	var names []string
	for _, s := range cfg.Servers {
		names = append(names, s.Name)
	}
	d.servers.SetOptions(names)
	sel := ""
	if a := fyne.CurrentApp(); a != nil {
		sel = a.Preferences().String(serverKey)
	}
	switch {
	case cfg.Find(sel) != nil:
		d.servers.SetSelected(sel)
	case len(names) > 0:
		d.servers.SetSelected(names[0])
	}
	d.update()
}

// prepared lists the objects (through the bridge).
func (d *sendDialog) prepared(objs []sendObject, err error) {
	d.busy.Hide()
	d.rows.RemoveAll()
	if err != nil {
		d.showProblem(fmt.Errorf(lang.L("the report's objects cannot be made: %w"), err))
		return
	}
	for i := range objs {
		o := &objs[i]
		o.status = widget.NewLabel(lang.L("to send"))
		o.status.Importance = widget.LowImportance
		kind := widget.NewLabelWithStyle(o.kind, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		what := widget.NewLabel(o.what + "\nSOP Instance UID " + o.sopUID)
		what.Truncation = fyne.TextTruncateEllipsis
		d.rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(130, kind.MinSize().Height), kind), o.status, what))
	}
	d.objs = objs
	d.ready = true
	d.update()
}

func (d *sendDialog) update() {
	signed := d.req.Report != nil && d.req.Report.Status.Signed()
	if d.ready && !d.sending && d.servers.Selected != "" && (signed || d.draft.Checked) {
		d.sendBtn.Enable()
	} else {
		d.sendBtn.Disable()
	}
}

func (d *sendDialog) showProblem(err error) {
	d.problem.SetText(errorText(err))
	d.problem.Show()
}

// send stores the objects with one STOW-RS request, in the background.
func (d *sendDialog) send() {
	s := d.cfg.Find(d.servers.Selected)
	if s == nil || !d.ready || d.sending {
		return
	}
	server := *s
	d.sending = true
	d.update()
	d.problem.Hide()
	d.overall.SetText(fmt.Sprintf(lang.L("Sending to %s…"), server.Name))
	d.overall.Importance = widget.MediumImportance
	d.busy.Show()
	var objs []dicomweb.Object
	for _, o := range d.objs {
		o.status.SetText(lang.L("sending…"))
		objs = append(objs, o.obj)
	}
	studyUID := d.req.Study.UID
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.b.Begin()
	go func() {
		defer cancel()
		c, err := dicomweb.New(server)
		var res *dicomweb.StoreResult
		if err == nil {
			res, err = c.Store(ctx, studyUID, objs)
			c.Close()
		}
		d.b.stored(d, res, err)
	}()
}

// stored shows the server's answer per object (through the bridge).
func (d *sendDialog) stored(res *dicomweb.StoreResult, err error) {
	d.sending, d.cancel = false, nil
	d.busy.Hide()
	d.update()
	if err != nil {
		for _, o := range d.objs {
			o.status.SetText("✗ " + lang.L("not sent"))
			o.status.Importance = widget.DangerImportance
			o.status.Refresh()
		}
		d.overall.SetText("")
		d.showProblem(err)
		return
	}
	failed := 0
	for i, o := range d.objs {
		out := res.Outcomes[i]
		if out.Stored {
			o.status.SetText("✓ " + out.Message)
			o.status.Importance = widget.SuccessImportance
		} else {
			failed++
			o.status.SetText("✗ " + out.Message)
			o.status.Importance = widget.DangerImportance
		}
		o.status.Refresh()
	}
	server := d.servers.Selected
	if failed == 0 {
		d.overall.SetText(fmt.Sprintf(lang.L("All %d objects are stored on %s (HTTP %d)."), len(d.objs), server, res.Status))
		d.overall.Importance = widget.SuccessImportance
	} else {
		d.overall.SetText(fmt.Sprintf(lang.L("%d of %d objects were not stored on %s (HTTP %d %s)."), failed, len(d.objs), server, res.Status, httpText(res.Status)))
		d.overall.Importance = widget.DangerImportance
	}
	d.overall.Refresh()
}
