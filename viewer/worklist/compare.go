package worklist

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/l10n"
	"github.com/hsgview/hsgview/library"
	"github.com/hsgview/hsgview/viewer/i18n"
)

// PriorText is a prior's line in the priors list: date, accession,
// report status and delayed film.
func PriorText(p library.Prior, loc *time.Location) string {
	acc := p.Accession
	if acc == "" {
		acc = lang.L("no accession")
	}
	return fmt.Sprintf("%s · %s · %s · %s · %s", orDash(l10n.DateISO(p.StudyDate, i18n.Lang())), acc,
		fmt.Sprintf(lang.N("%d images", p.Images), p.Images), delayedText(p.Delayed), ReportText(p.Report, loc))
}

func delayedText(d *library.DelayedImage) string {
	switch {
	case d == nil:
		return lang.L("no delayed film")
	case d.MinutesFromT0 == nil:
		return lang.L("delayed film (no time)")
	}
	return fmt.Sprintf(lang.L("delayed %s"), l10n.Minutes(math.Round(*d.MinutesFromT0), i18n.Lang()))
}

// delayedLabel is the study list's delayed film (library.Row.DelayedLabel
// in the interface's language).
func delayedLabel(d *library.Delayed) string {
	switch {
	case d == nil:
		return lang.L("no delayed image")
	case d.MinutesFromT0 == nil:
		return lang.L("delayed image (no time)")
	}
	return fmt.Sprintf(lang.L("delayed image at %s"), l10n.Minutes(math.Round(*d.MinutesFromT0), i18n.Lang()))
}

// ShowPriors lists the earlier HSG studies of the patient of study uid,
// each with Compare (the delayed films side by side) and Open.
func (sh *Shell) ShowPriors(uid string) {
	sh.b.Begin()
	go func() {
		priors, err := sh.lib.Priors(context.Background(), uid)
		sh.b.Post(func() {
			if errors.Is(err, library.ErrNotFound) {
				dialog.ShowInformation(lang.L("Priors"), lang.L("This study is not in the library: import it (Studies → Import…) to find the patient's earlier studies."), sh.win)
				return
			}
			if err != nil {
				sh.showError(err)
				return
			}
			sh.showPriors(uid, priors)
		})
	}()
}

func (sh *Shell) showPriors(uid string, priors []library.Prior) {
	var d dialog.Dialog
	box := container.NewVBox()
	if len(priors) == 0 {
		box.Add(widget.NewLabel(lang.L("No earlier HSG of this patient in the library (matched by patient ID and issuer, with the birth date or name).")))
	}
	for _, p := range priors {
		cmp := widget.NewButtonWithIcon(lang.L("Compare delayed films"), theme.ViewRestoreIcon(), func() {
			d.Hide()
			sh.Compare(uid, p)
		})
		if p.Delayed == nil || p.Delayed.Missing {
			cmp.Disable()
		}
		open := widget.NewButton(lang.L("Open"), func() { d.Hide(); sh.OpenStudy(p.StudyUID) })
		l := widget.NewLabel(PriorText(p, sh.screen.loc))
		l.Truncation = fyne.TextTruncateEllipsis
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(cmp, open), l))
	}
	title := fmt.Sprintf(lang.L("Priors (%d)"), len(priors))
	d = dialog.NewCustom(title, lang.L("Close"), container.NewVScroll(box), sh.win)
	d.Resize(fyne.NewSize(min(1100, sh.win.Canvas().Size().Width*0.9), 300))
	d.Show()
}

// Compare is the comparison hanging: today's delayed film beside the
// prior's, each labelled with its date and "+NN min".
type Compare struct {
	Labels [2]*widget.Label
	Images [2]*canvas.Image
	root   fyne.CanvasObject
}

// film is one side of the comparison, read in the background.
type film struct {
	label string
	img   image.Image
	err   error
}

// Compare shows the delayed film of study uid beside the prior's.
func (sh *Shell) Compare(uid string, p library.Prior) {
	sh.b.Begin()
	go func() {
		ctx := context.Background()
		var films [2]film
		row, err := sh.lib.Study(ctx, uid)
		cur, err2 := sh.lib.Delayed(ctx, uid)
		if err == nil {
			err = err2
		}
		if err != nil {
			films[0] = film{err: err}
		} else {
			films[0] = loadFilm(lang.L("Today")+" "+orDash(l10n.DateISO(row.StudyDate, i18n.Lang())), row.Accession, cur)
		}
		films[1] = loadFilm(lang.L("Prior")+" "+orDash(l10n.DateISO(p.StudyDate, i18n.Lang())), p.Accession, p.Delayed)
		sh.b.Post(func() { sh.showCompare(films) })
	}()
}

// loadFilm renders the delayed film d (in the background).
func loadFilm(date, acc string, d *library.DelayedImage) film {
	f := film{label: date + " · " + delayedText(d)}
	if acc != "" {
		f.label += " · " + acc
	}
	if d == nil {
		f.err = errors.New(lang.L("no delayed film"))
		return f
	}
	if d.Missing {
		f.err = errors.New(lang.L("the delayed film's file is missing (Rescan… in the study list)"))
		return f
	}
	c, err := dicomio.Open([]string{d.File}, nil)
	if err != nil {
		f.err = err
		return f
	}
	defer c.Close()
	var in *dicomio.Instance
	for _, s := range c.Studies {
		for _, x := range s.Images {
			if x.SOPInstanceUID == d.SOPInstanceUID {
				in = x
			}
		}
	}
	if in == nil {
		f.err = errors.New(lang.L("the delayed film could not be read"))
		return f
	}
	r, err := in.Render(d.Frame, dicomio.RenderOptions{RGBA: true})
	if err != nil {
		f.err = err
		return f
	}
	f.img = r.Image
	return f
}

func (sh *Shell) showCompare(films [2]film) {
	cmp := &Compare{}
	var panes []fyne.CanvasObject
	for i, f := range films {
		l := widget.NewLabelWithStyle(f.label, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		cmp.Labels[i] = l
		bg := canvas.NewRectangle(color.Black)
		var body fyne.CanvasObject
		if f.err != nil {
			msg := widget.NewLabel(f.err.Error())
			msg.Wrapping = fyne.TextWrapWord
			msg.Alignment = fyne.TextAlignCenter
			body = container.NewStack(bg, container.NewCenter(msg))
		} else {
			img := canvas.NewImageFromImage(f.img)
			img.FillMode = canvas.ImageFillContain
			img.ScaleMode = canvas.ImageScaleSmooth
			cmp.Images[i] = img
			body = container.NewStack(bg, img)
		}
		panes = append(panes, container.NewBorder(l, nil, nil, nil, body))
	}
	back := widget.NewButtonWithIcon(lang.L("Back to the study"), theme.NavigateBackIcon(), sh.ShowStudyView)
	back.Importance = widget.HighImportance
	list := widget.NewButtonWithIcon(lang.X("toolbar.studies", "Studies"), theme.ListIcon(), sh.ShowList)
	title := widget.NewLabelWithStyle(lang.L("Delayed films: today beside the prior"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(container.NewHBox(back, list, title), widget.NewSeparator())
	cmp.root = container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, panes...))
	sh.cmp = cmp
	sh.onList = false
	sh.win.SetContent(cmp.root)
	sh.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape || ev.Name == fyne.KeyBackspace {
			sh.ShowStudyView()
		}
	})
}

// Comparison returns the comparison shown, or nil.
func (sh *Shell) Comparison() *Compare { return sh.cmp }
