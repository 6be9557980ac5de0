package pacsui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomweb"
	"github.com/hsgview/hsgview/viewer/ui"
)

// A serverForm adds or edits one configured server. Problems are shown
// in the form, which stays open until the settings are valid and saved.
// It shows the paths of the password and token files, never their
// content.
type serverForm struct {
	p    *Panel
	orig string // the name of the server edited, "" when adding
	cfg  *dicomweb.Config

	name, url, user, pwFile, tokFile, caFile, timeout *widget.Entry
	problem                                           *widget.Label
	save                                              *widget.Button
	d                                                 dialog.Dialog
	selectAfter                                       string // the server to select once saved
}

// openServerForm shows the form for the server named orig, or for a new
// server when orig is "".
func (p *Panel) openServerForm(orig string) {
	f := &serverForm{p: p, orig: orig, cfg: p.cfg}
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		return e
	}
	f.name = entry(lang.L("e.g. Department PACS"))
	f.url = entry("https://pacs.example/dicom-web")
	f.user = entry(lang.L("for HTTP basic authentication (optional)"))
	f.pwFile = entry(lang.L("file holding the password, mode 0600"))
	f.tokFile = entry(lang.L("file holding a bearer token, mode 0600 (instead of a user)"))
	f.caFile = entry(lang.L("PEM file of extra certificate authorities (optional)"))
	f.timeout = entry(fmt.Sprintf(lang.L("seconds (default %d)"), int(dicomweb.DefaultTimeout.Seconds())))
	if s := p.cfg.Find(orig); s != nil {
		f.name.SetText(s.Name)
		f.url.SetText(s.URL)
		f.user.SetText(s.User)
		f.pwFile.SetText(s.PasswordFile)
		f.tokFile.SetText(s.TokenFile)
		f.caFile.SetText(s.CAFile)
		if s.TimeoutSeconds > 0 {
			f.timeout.SetText(strconv.Itoa(s.TimeoutSeconds))
		}
	}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("URL"), f.url),
		widget.NewFormItem(lang.L("User"), f.user),
		widget.NewFormItem(lang.L("Password file"), f.pwFile),
		widget.NewFormItem(lang.L("Token file"), f.tokFile),
		widget.NewFormItem(lang.L("CA file"), f.caFile),
		widget.NewFormItem(lang.L("Timeout"), f.timeout),
	)
	title := lang.L("Add PACS server")
	if orig != "" {
		title = lang.L("Edit PACS server")
	}
	f.save = widget.NewButton(lang.L("Save"), f.submit)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.d.Hide() })
	buttons := container.NewHBox(cancel, f.save)
	var remove *widget.Button
	if orig != "" {
		remove = widget.NewButton(lang.L("Remove"), f.remove)
		remove.Importance = widget.DangerImportance
		buttons.Objects = append([]fyne.CanvasObject{remove}, buttons.Objects...)
	}
	content := container.NewVBox(form, f.problem, container.NewCenter(buttons))
	f.d = dialog.NewCustomWithoutButtons(title, content, p.opt.Window)
	f.d.Resize(fyne.NewSize(620, content.MinSize().Height+80))
	p.form = f
	f.d.Show()
}

// server reads the form into a server's settings and checks them.
func (f *serverForm) server() (dicomweb.Server, error) {
	s := dicomweb.Server{
		Name:         strings.TrimSpace(f.name.Text),
		URL:          strings.TrimSpace(f.url.Text),
		User:         strings.TrimSpace(f.user.Text),
		PasswordFile: strings.TrimSpace(f.pwFile.Text),
		TokenFile:    strings.TrimSpace(f.tokFile.Text),
		CAFile:       strings.TrimSpace(f.caFile.Text),
	}
	if s.Name == "" {
		return s, errors.New(lang.L("the server needs a name"))
	}
	if s.Name != f.orig && f.cfg.Find(s.Name) != nil {
		return s, fmt.Errorf(lang.L("a server named %q exists already"), s.Name)
	}
	if t := strings.TrimSpace(f.timeout.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n <= 0 {
			return s, fmt.Errorf(lang.L("the timeout %q is not a number of seconds"), t)
		}
		s.TimeoutSeconds = n
	}
	if err := s.Check(); err != nil {
		return s, errors.New(strings.TrimPrefix(err.Error(), "dicomweb: "))
	}
	return s, nil
}

// checkFiles checks that the secret and CA files named exist; it runs
// in the background with the save (it reads the file system).
func checkFiles(s dicomweb.Server) error {
	for _, f := range []struct {
		what, path string
		secret     bool
	}{
		{lang.L("password file"), s.PasswordFile, true}, {lang.L("token file"), s.TokenFile, true}, {lang.L("CA file"), s.CAFile, false},
	} {
		if f.path == "" {
			continue
		}
		st, err := os.Stat(f.path)
		switch {
		case err != nil:
			return fmt.Errorf(lang.L("the %s %s cannot be read: %v"), f.what, f.path, errors.Unwrap(err))
		case st.IsDir():
			return fmt.Errorf(lang.L("the %s %s is a folder"), f.what, f.path)
		case f.secret && st.Mode().Perm()&0o077 != 0:
			return fmt.Errorf(lang.L("the %s %s is readable by others (mode %o); chmod 600 it"), f.what, f.path, st.Mode().Perm())
		}
	}
	return nil
}

func (f *serverForm) showProblem(err error) {
	f.problem.SetText(ui.OneLine(err.Error()))
	f.problem.Show()
	f.d.Resize(fyne.NewSize(620, f.d.MinSize().Height+40))
}

// submit validates the form and saves the configuration in the
// background.
func (f *serverForm) submit() {
	s, err := f.server()
	if err != nil {
		f.showProblem(err)
		return
	}
	next := &dicomweb.Config{Servers: slices.Clone(f.cfg.Servers)}
	if i := slices.IndexFunc(next.Servers, func(x dicomweb.Server) bool { return x.Name == f.orig }); f.orig != "" && i >= 0 {
		next.Servers[i] = s
	} else {
		next.Servers = append(next.Servers, s)
	}
	f.write(next, s.Name, s)
}

// remove deletes the server edited from the configuration.
func (f *serverForm) remove() {
	next := &dicomweb.Config{}
	for _, x := range f.cfg.Servers {
		if x.Name != f.orig {
			next.Servers = append(next.Servers, x)
		}
	}
	f.write(next, "", dicomweb.Server{})
}

func (f *serverForm) write(next *dicomweb.Config, selectName string, check dicomweb.Server) {
	f.save.Disable()
	f.selectAfter = selectName
	p := f.p
	path := p.configPath
	p.b.Begin()
	go func() {
		err := checkFiles(check)
		if err == nil {
			err = next.Save(path)
		}
		p.b.configSaved(f, next, err)
	}()
}

// saved takes the result of saving (through the bridge).
func (f *serverForm) saved(cfg *dicomweb.Config, err error) {
	f.save.Enable()
	if err != nil {
		f.showProblem(errors.New(strings.TrimPrefix(err.Error(), "dicomweb: ")))
		return
	}
	f.d.Hide()
	f.p.setConfig(cfg, f.selectAfter)
}
