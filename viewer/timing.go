package viewer

import (
	"encoding/json"
	"errors"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/viewer/i18n"
	"github.com/hsgview/hsgview/viewer/studytext"
)

// The timeline shown: the study's own, or, when the report draft is open
// and corrects the timing (issue 10 item 5), the corrected one. Status
// line, thumbnails and pane overlays all read v.tl.

// timelineOf returns the timeline of st as the draft r corrects it; on
// error, st's own timeline and the error.
func timelineOf(st *dicomio.Study, r *report.Report) (*dicomio.Timeline, error) {
	if st == nil {
		return nil, nil
	}
	if r == nil {
		return st.Timeline, nil
	}
	tl, err := r.Timeline(st)
	if err != nil || tl == nil {
		return st.Timeline, err
	}
	return tl, nil
}

// timeline returns the timeline shown.
func (v *Viewer) timeline() *dicomio.Timeline {
	if v.tl == nil && v.study != nil {
		return v.study.Timeline
	}
	return v.tl
}

// draftReport returns the open report draft of the study shown, or nil.
func (v *Viewer) draftReport() *report.Report {
	if s := v.rep.Session(); s != nil && s.Study() == v.study {
		return s.Report()
	}
	return nil
}

// refreshTiming recomputes the timeline shown when the draft's timing
// overrides changed (or force), and brings the status line, the
// thumbnails and the panes' titles and overlays up to date. Panes keep
// the images the user arranged.
func (v *Viewer) refreshTiming(force bool) {
	if v.study == nil {
		return
	}
	r := v.draftReport()
	key := ""
	if r != nil && !r.TimingOverrides.IsZero() {
		b, _ := json.Marshal(r.TimingOverrides)
		key = string(b)
	}
	if !force && key == v.tlKey {
		return
	}
	v.tlKey = key
	tl, err := timelineOf(v.study, r)
	v.tl = tl
	byUID := map[*dicomio.Instance]*dicomio.Entry{}
	if tl != nil {
		for i := range tl.Entries {
			byUID[tl.Entries[i].Instance] = &tl.Entries[i]
		}
	}
	for _, t := range v.thumbs {
		if e := byUID[t.Entry().Instance]; e != nil {
			t.SetEntry(e)
		}
	}
	for _, p := range v.panes {
		if p.in != nil {
			p.SetEntry(byUID[p.in])
		}
	}
	if err != nil {
		v.notify(lang.L("Timing corrections not applied:") + " " + strings.TrimPrefix(err.Error(), "dicomio: "))
		return
	}
	if !v.loading {
		v.status.SetText(v.statusLine())
	}
}

// timingBy names who corrects the timing: the draft's author, else the
// user logged in.
func timingBy(r *report.Report) string {
	if r != nil && strings.TrimSpace(r.Author.Name) != "" {
		return strings.TrimSpace(r.Author.Name)
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// cloneOverrides returns a copy of o that shares nothing changeable.
func cloneOverrides(o *dicomio.TimingOverrides) *dicomio.TimingOverrides {
	if o == nil {
		return &dicomio.TimingOverrides{}
	}
	c := *o
	if o.T0 != nil {
		t0 := *o.T0
		c.T0 = &t0
	}
	c.Phases = slices.Clone(o.Phases)
	return &c
}

// errTimingSigned is returned for a timing change on a signed report.
var errTimingSigned = i18n.Err("Amend the report first to change the timing")

// editTiming changes the draft's timing overrides with change (given a
// copy to change, the author and now) through the report session, which
// saves it. It refuses a signed report.
func (v *Viewer) editTiming(name string, change func(o *dicomio.TimingOverrides, by string, at time.Time) error) error {
	s := v.rep.Session()
	if s == nil || s.Study() != v.study {
		return errNoReport
	}
	if s.Signed() {
		return errTimingSigned
	}
	by, at := timingBy(s.Report()), time.Now()
	err := s.Edit(name, func(r *report.Report) error {
		o := cloneOverrides(r.TimingOverrides)
		if err := change(o, by, at); err != nil {
			return err
		}
		if o.IsZero() {
			r.TimingOverrides = nil
		} else {
			r.TimingOverrides = o
		}
		return nil
	})
	if errors.Is(err, drafts.ErrSigned) {
		err = errTimingSigned
	}
	if err == nil {
		v.refreshTiming(false) // also when the session does not notify
	}
	return err
}

// timingDone tells the user why a timing change was refused.
func (v *Viewer) timingDone(err error) {
	switch {
	case err == nil:
	case errors.Is(err, errTimingSigned):
		v.notify(errTimingSigned.Error())
	default:
		v.notify(lang.L("Timing not changed:") + " " + strings.TrimPrefix(strings.TrimPrefix(err.Error(), "hsgview: "), "dicomio: "))
	}
}

// SetPhase sets (or, with phase "", clears) the phase of the image shown
// in p as the radiologist's correction.
func (v *Viewer) SetPhase(p *Pane, phase dicomio.Phase) error {
	if p == nil || p.in == nil {
		return errors.New(lang.L("no image in this pane"))
	}
	uid := p.in.SOPInstanceUID
	name := "set phase " + string(phase)
	if phase == "" {
		name = "automatic phase"
	}
	err := v.editTiming(name, func(o *dicomio.TimingOverrides, by string, at time.Time) error {
		if phase == "" {
			o.ClearPhase(uid)
			return nil
		}
		return o.SetPhase(uid, phase, by, at)
	})
	v.timingDone(err)
	return err
}

// SetFirstContrastImage makes the image (and frame) shown in p T0, "the
// first contrast image".
func (v *Viewer) SetFirstContrastImage(p *Pane) error {
	if p == nil || p.in == nil {
		return errors.New(lang.L("no image in this pane"))
	}
	uid, frame := p.in.SOPInstanceUID, 0
	if p.in.Pixel.Frames > 1 {
		frame = p.frame + 1
	}
	err := v.editTiming("set T0", func(o *dicomio.TimingOverrides, by string, at time.Time) error {
		o.SetFirstContrastImage(uid, frame, by, at)
		return nil
	})
	v.timingDone(err)
	return err
}

// ClearT0 returns T0 to the one found in the images.
func (v *Viewer) ClearT0() error {
	err := v.editTiming("clear T0", func(o *dicomio.TimingOverrides, _ string, _ time.Time) error {
		o.ClearT0()
		return nil
	})
	v.timingDone(err)
	return err
}

// SetT0Time sets T0 to clock time hms ("09:41", "09:41:05") on the day
// of the image shown in p, in its time zone.
func (v *Viewer) SetT0Time(p *Pane, hms string) error {
	if p == nil || p.in == nil || p.in.Acquired.IsZero() {
		v.notify(lang.L("Timing not changed:") + " " + lang.L("this image has no acquisition time to take the day from"))
		return errors.New(lang.L("no acquisition date"))
	}
	t0, err := parseClockOn(p.in.Acquired, hms)
	if err != nil {
		v.notify(lang.L("Timing not changed:") + " " + err.Error())
		return err
	}
	err = v.editTiming("set T0 time", func(o *dicomio.TimingOverrides, by string, at time.Time) error {
		o.SetT0Time(t0, by, at)
		return nil
	})
	v.timingDone(err)
	return err
}

// parseClockOn reads hms as a time of day on day's date and zone.
func parseClockOn(day time.Time, hms string) (time.Time, error) {
	hms = strings.TrimSpace(hms)
	for _, layout := range []string{"15:04:05", "15:04"} {
		if c, err := time.Parse(layout, hms); err == nil {
			y, m, d := day.Date()
			return time.Date(y, m, d, c.Hour(), c.Minute(), c.Second(), 0, day.Location()), nil
		}
	}
	return time.Time{}, errors.New(lang.L("write the start of contrast as hours:minutes or hours:minutes:seconds, e.g. 09:41:05"))
}

// askT0Time asks for the clock time of T0 on the day of p's image.
func (v *Viewer) askT0Time(p *Pane) {
	e := widget.NewEntry()
	e.SetPlaceHolder("09:41:05")
	if tl := v.timeline(); tl != nil && tl.HasT0 {
		e.SetText(studytext.Clock(tl.T0))
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Contrast started at"), e)}
	d := dialog.NewForm(lang.L("Set T0 time"), lang.L("Set"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			_ = v.SetT0Time(p, e.Text)
		}
	}, v.win)
	v.showDialog(d)
	v.win.Canvas().Focus(e)
}

// timingMenu returns the context menu of pane p's image: its evidence,
// its phase, T0.
func (v *Viewer) timingMenu(p *Pane) *fyne.Menu {
	if p == nil || p.in == nil {
		return nil
	}
	var items []*fyne.MenuItem
	if ev := studytext.EvidenceText(p.entry); ev != "" {
		info := fyne.NewMenuItem(lang.L("Evidence:")+" "+ev, nil)
		info.Disabled = true
		items = append(items, info, fyne.NewMenuItemSeparator())
	}
	var set dicomio.Phase
	if r := v.draftReport(); r != nil && r.TimingOverrides != nil {
		for _, po := range r.TimingOverrides.Phases {
			if po.SOPInstanceUID == p.in.SOPInstanceUID {
				set = po.Phase
			}
		}
	}
	var phases []*fyne.MenuItem
	for _, c := range []struct {
		label string
		phase dicomio.Phase
	}{{lang.L("Scout"), dicomio.PhaseScout}, {lang.L("Immediate"), dicomio.PhaseImmediate}, {lang.L("Delayed"), dicomio.PhaseDelayed},
		{lang.X("phase.other", "Other"), dicomio.PhaseOther}, {lang.L("Automatic"), ""}} {
		ph := c.phase
		it := fyne.NewMenuItem(c.label, func() { _ = v.SetPhase(p, ph) })
		it.Checked = set == ph
		phases = append(phases, it)
	}
	phase := fyne.NewMenuItem(lang.L("Phase"), nil)
	phase.ChildMenu = fyne.NewMenu("", phases...)
	items = append(items, phase,
		fyne.NewMenuItem(lang.L("This is the first contrast image (T0)"), func() { _ = v.SetFirstContrastImage(p) }),
		fyne.NewMenuItem(lang.L("Set T0 time…"), func() { v.b.Later(func() { v.askT0Time(p) }) }),
		fyne.NewMenuItem(lang.L("Clear T0"), func() { _ = v.ClearT0() }),
	)
	return fyne.NewMenu("", items...)
}

// showTimingMenu opens the timing menu of p at view position pos.
func (v *Viewer) showTimingMenu(p *Pane, pos fyne.Position) {
	menu := v.timingMenu(p)
	if menu == nil {
		return
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.view).Add(pos)
	widget.ShowPopUpMenuAtPosition(menu, v.win.Canvas(), abs)
}
