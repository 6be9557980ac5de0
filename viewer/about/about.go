package about

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// AboutInfo is what the About dialog shows: the build, the project's
// licence and the third-party components with their licences.
type AboutInfo struct {
	Name      string // "hsgview"
	Summary   string // one line saying what the program is
	Version   string // "0.1.0"
	Commit    string // revision the binary was built from, or "unknown"
	GoVersion string // "go1.26.8"
	Platform  string // "linux/amd64"
	Icon      fyne.Resource

	License     string // SPDX identifier of the project's licence
	LicenseText string
	Components  []AboutComponent
	Notices     string // every component's licence text
}

// AboutComponent is a bundled or linked library or font.
type AboutComponent struct {
	Name, Version, License, How string
}

// About is shown by Help → About; the command sets it before the window
// opens.
var About = AboutInfo{Name: "hsgview"}

// ShowAbout opens the About dialog on w.
func ShowAbout(w fyne.Window, info AboutInfo) {
	NewAbout(w, info).Show()
}

// NewAbout builds the About dialog: the build (version, commit, Go
// version), the project's licence, the table of components with their
// licences and the full licence texts.
func NewAbout(w fyne.Window, info AboutInfo) dialog.Dialog {
	name := info.Name
	if name == "" {
		name = "hsgview"
	}
	title := widget.NewLabelWithStyle(name+" "+info.Version, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	build := widget.NewLabel(fmt.Sprintf(lang.L("Commit %s\nBuilt with %s for %s\nLicence: %s (the Licences tab has the text)"),
		orUnknown(info.Commit), orUnknown(info.GoVersion), orUnknown(info.Platform), orUnknown(info.License)))
	build.Selectable = true
	head := container.NewVBox(title)
	if info.Summary != "" {
		s := widget.NewLabel(info.Summary)
		s.Wrapping = fyne.TextWrapWord
		head.Add(s)
	}
	head.Add(build)
	var top fyne.CanvasObject = head
	if info.Icon != nil {
		img := canvas.NewImageFromResource(info.Icon)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(96, 96))
		top = container.NewBorder(nil, nil, container.NewVBox(img), nil, head)
	}

	comps := info.Components
	table := widget.NewTable(
		func() (int, int) { return len(comps) + 1, 3 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText([]string{lang.L("Component"), lang.L("Version"), lang.L("Licence")}[id.Col])
				return
			}
			c := comps[id.Row-1]
			l.TextStyle = fyne.TextStyle{}
			l.SetText([]string{c.Name, c.Version, c.License}[id.Col])
		})
	table.SetColumnWidth(0, 330)
	table.SetColumnWidth(1, 150)
	table.SetColumnWidth(2, 260)
	table.OnSelected = func(id widget.TableCellID) {
		// The row's full version and how it is included, for the
		// truncated cells.
		if id.Row > 0 {
			c := comps[id.Row-1]
			table.Unselect(id)
			dialog.ShowInformation(c.Name, fmt.Sprintf(lang.L("Version %s\nLicence %s\n%s"), c.Version, c.License, c.How), w)
		}
	}

	// The texts can run to thousands of lines: a list draws only the
	// visible ones.
	lines := strings.Split(strings.TrimRight(info.LicenseText+"\n\n"+info.Notices, "\n"), "\n")
	texts := widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.TextStyle = fyne.TextStyle{Monospace: true}
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[id]) })
	texts.HideSeparators = true

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Components"), table),
		container.NewTabItem(lang.L("Licences"), texts),
	)
	d := dialog.NewCustom(fmt.Sprintf(lang.L("About %s"), name), lang.L("Close"), container.NewBorder(top, nil, nil, nil, tabs), w)
	size := fyne.NewSize(820, 640)
	if c := w.Canvas().Size(); c.Height > 0 {
		size.Height = min(size.Height, c.Height*0.95)
		size.Width = min(size.Width, c.Width*0.95)
	}
	d.Resize(size)
	return d
}

func orUnknown(s string) string {
	if s == "" {
		return lang.L("unknown")
	}
	return s
}
