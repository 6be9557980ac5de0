package reportui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dose"
	"github.com/hsgview/hsgview/viewer/i18n"

	"fyne.io/fyne/v2/lang"
)

// This file holds the report draft of the study shown: opening it from the
// drafts store (seeded from a report-draft.json next to the study and
// prefilled from DICOM), the copy the UI reads, and saving every change
// in the background. The findings panel (panel.go) and the marks
// tools edit the report only through a Session, so that both see
// every change and the draft on disk stays equal to what is shown.

// seedName is the file next to a study whose report seeds a new draft
// (the bundled demo writes one).
const seedName = "report-draft.json"

// textDebounce is how long typing pauses before the text is saved.
const textDebounce = 400 * time.Millisecond

// A Session is the report draft of one study.
//
// Report returns the UI's copy of the report (the mirror). Edit changes
// the mirror at once and queues the same change for the draft, which a
// worker goroutine applies in order through [drafts.Draft.Update]: one
// atomic write per run of changes, text typing debounced. Both copies
// start equal and see the same changes in the same order, so they stay
// equal. Signing and amending go through the same queue, after the
// changes before them; editing waits for them.
//
// A save that fails stays queued and is tried again with the next change
// (Retry tries at once); the report shown keeps the change and the panel
// says it is not saved.
//
// All methods must be called on the Fyne goroutine, except where noted.
type Session struct {
	b        *bridge
	now      func() time.Time // the clock of the save times
	study    *dicomio.Study
	store    *drafts.Store
	draft    *drafts.Draft
	settings reportpdf.Settings

	r      *report.Report // the mirror; UI goroutine only
	notes  []string       // what Prefill said, for the user
	issues []assess.Issue // problems(r, study), kept current
	stale  []assess.StaleItem
	// listeners are called after every change of the mirror.
	listeners []func(what string)

	savedAt time.Time // last successful save
	saveErr error     // last save error, nil once a save succeeds
	opBusy  string    // the sign or amend operation under way, if any
	closed  bool

	debounce time.Duration
	timer    *time.Timer

	mu       sync.Mutex    // guards pending and inflight
	pending  []queued      // not yet saved, in order
	inflight int           // pending[:inflight] are being saved by the worker
	kick     chan struct{} // wakes the worker (capacity 1)
	quit     chan struct{} // closed by close
	done     chan struct{} // closed when the worker has stopped
}

// A queued change waits for the worker: an edit of the report, or an
// operation on the draft (sign, amend).
type queued struct {
	name string
	key  string // consecutive text edits with the same key replace each other
	edit func(r *report.Report) error
	op   func(d *drafts.Draft) error
	// keepShown is set for an operation already applied to the report
	// shown (recording an export): it is not reloaded from the draft
	// afterwards and editing goes on meanwhile.
	keepShown bool
	// done, if set, is called on the Fyne goroutine with the result.
	done func(err error)
}

// openedReport is what the background open of a study's draft found.
type openedReport struct {
	store    *drafts.Store
	draft    *drafts.Draft
	settings reportpdf.Settings
	notes    []string
	err      error
	dose     *studyDose // the study's dose and the dose settings
}

// openReportDraft opens (or creates) the draft of st in the store in dir.
// A new draft is seeded from a report-draft.json next to the study when
// one belongs to it, then prefilled from DICOM once; for an existing draft
// Prefill only runs on a copy, for its notes. It runs on a background
// goroutine.
func openReportDraft(dir, settingsPath string, st *dicomio.Study, paths []string, doseSet *dose.Settings) openedReport {
	var res openedReport
	var err error
	if settingsPath == "" {
		settingsPath, err = reportpdf.DefaultSettingsPath()
	}
	if err == nil {
		res.settings, err = reportpdf.LoadSettings(settingsPath)
	}
	if err != nil {
		res.notes = append(res.notes, lang.L("Report settings not read:")+" "+err.Error())
	}
	if dir == "" {
		if dir, err = drafts.DefaultDraftDir(); err != nil {
			res.err = err
			return res
		}
	}
	if res.store, err = drafts.OpenStore(dir); err != nil {
		res.err = err
		return res
	}
	// A new report is written in the language of the interface; a saved
	// one (or one started from a report next to the study) keeps its own.
	if res.draft, err = res.store.OpenIn(st.UID, i18n.Lang()); err != nil {
		res.err = err
		return res
	}
	// A new draft stays in memory, seeded and prefilled, until the first
	// change: looking at a study writes nothing with the patient's name.
	fresh := !res.draft.Saved()
	if fresh {
		seed, from, serr := findSeed(st, paths)
		switch {
		case serr != nil:
			res.notes = append(res.notes, lang.L("The report next to the study was not used:")+" "+serr.Error())
		case seed != nil:
			if err := res.draft.Prepare(func(r *report.Report) error { *r = *seed; return nil }); err != nil {
				res.notes = append(res.notes, lang.L("The report next to the study was not used:")+" "+err.Error())
			} else {
				res.notes = append(res.notes, fmt.Sprintf(lang.L("Report started from the %s next to the study"), filepath.Base(from)))
			}
		}
	}
	if res.draft.Report().Status.Signed() {
		return res
	}
	var pr report.PrefillResult
	if fresh {
		err = res.draft.Prepare(func(r *report.Report) error {
			var err error
			pr, err = r.Prefill(st, &report.PrefillOptions{Dose: doseSet})
			assess.RefreshImpression(r)
			return err
		})
	} else {
		pr, err = res.draft.Report().Prefill(st, &report.PrefillOptions{Dose: doseSet})
	}
	if err != nil {
		res.notes = append(res.notes, lang.L("Not prefilled from DICOM:")+" "+err.Error())
	}
	res.notes = append(res.notes, pr.Notes...)
	return res
}

// findSeed returns the report in a report-draft.json next to the study
// (in a folder opened, the folder of an image or the folder above it) that
// belongs to st, and its path. It reads within the report limits
// (report.Limits) and runs off the UI goroutine; a seed that cannot be
// read is returned as an error naming the file, for the panel's notes.
func findSeed(st *dicomio.Study, paths []string) (*report.Report, string, error) {
	var dirs []string
	add := func(d string) {
		if d != "" && !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			add(p)
		} else {
			add(filepath.Dir(p))
		}
	}
	for _, in := range st.Images {
		if in.Path != "" && !bytes.ContainsRune([]byte(in.Path), '!') { // not inside a zip
			add(filepath.Dir(in.Path))
			add(filepath.Dir(filepath.Dir(in.Path)))
		}
	}
	var firstErr error
	for _, d := range dirs {
		name := filepath.Join(d, seedName)
		fi, err := os.Stat(name)
		if err != nil || !fi.Mode().IsRegular() {
			continue // absent, or a FIFO or device: never opened
		}
		r, err := report.ReadFile(name)
		switch {
		case err != nil:
			if firstErr == nil {
				firstErr = err
			}
		case r.Study.StudyInstanceUID == st.UID:
			return r, name, nil
		}
	}
	return nil, "", firstErr
}

// newSession starts the session of an opened draft and its worker.
func newSession(b *bridge, now func() time.Time, st *dicomio.Study, o openedReport) *Session {
	s := &Session{
		b: b, now: now, study: st, store: o.store, draft: o.draft, settings: o.settings, notes: o.notes,
		r:        o.draft.Report(),
		debounce: textDebounce,
		kick:     make(chan struct{}, 1),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	s.refreshDerived()
	go s.work()
	return s
}

// Report returns the report as shown. The caller must not change it
// (use Edit); it changes with every edit and is replaced when
// the draft is signed or amended.
func (s *Session) Report() *report.Report { return s.r }

// Study returns the study the report is about.
func (s *Session) Study() *dicomio.Study { return s.study }

// Signed reports whether the report is signed and so read-only.
func (s *Session) Signed() bool { return s.r.Status.Signed() }

// Issues returns the problems of the report as shown: the draft checked
// against the images, then validated; errors first.
func (s *Session) Issues() []assess.Issue { return s.issues }

// Stale returns the edited impression sentences whose findings changed.
func (s *Session) Stale() []assess.StaleItem { return s.stale }

// OnChange registers fn to be called (on the Fyne goroutine) after every
// change of the report: what names the change ("reload" when the whole
// report was replaced, e.g. after signing).
func (s *Session) OnChange(fn func(what string)) { s.listeners = append(s.listeners, fn) }

// Edit applies edit to the report at once, then, in the background, to
// the saved draft. edit must only depend on its argument and the values
// it captured, since it runs twice, and must leave the report unchanged
// when it fails; it should make one change, for example set one finding.
// The impression is regenerated after it (RefreshImpression). Edit
// refuses a signed report (drafts.ErrSigned) and returns edit's error.
func (s *Session) Edit(name string, edit func(r *report.Report) error) error {
	return s.edit(name, "", edit)
}

// EditText is Edit for a change made while typing: a change with the same
// key as the change queued before it replaces it, and the save waits
// until typing pauses.
func (s *Session) EditText(key, name string, edit func(r *report.Report) error) error {
	return s.edit(name, key, edit)
}

// errReportClosed is returned for a change to the report of a study that
// is no longer shown.
var errReportClosed = i18n.Err("the study's report is closed")

func (s *Session) edit(name, key string, edit func(r *report.Report) error) error {
	switch {
	case s.closed:
		return errReportClosed
	case s.r.Status.Signed():
		return drafts.ErrSigned
	case s.opBusy != "":
		return errors.New(lang.L("wait, the report is") + " " + busyText(s.opBusy))
	}
	full := func(r *report.Report) error {
		if err := edit(r); err != nil {
			return err
		}
		assess.RefreshImpression(r)
		return nil
	}
	if err := full(s.r); err != nil {
		return err
	}
	s.enqueue(queued{name: name, key: key, edit: full})
	s.refreshDerived()
	s.notify(name)
	return nil
}

// enqueue queues q for the worker: at once, or for a keyed text change
// once typing pauses.
func (s *Session) enqueue(q queued) {
	s.mu.Lock()
	if n := len(s.pending); q.key != "" && n > s.inflight && s.pending[n-1].key == q.key {
		s.pending[n-1] = q // the same text, typed further
	} else {
		s.pending = append(s.pending, q)
		s.b.Begin()
	}
	s.mu.Unlock()
	if q.key == "" || s.debounce <= 0 {
		s.flush()
		return
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.debounce, s.wake)
}

// flush saves the queued changes now.
func (s *Session) flush() {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.wake()
}

// Retry tries a failed save again.
func (s *Session) Retry() { s.flush() }

// wake wakes the worker; it may be called from any goroutine.
func (s *Session) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// run queues the draft operation op (sign, amend), described by what
// ("signed"), after the changes before it. Editing waits until it is
// done; then the report shown is reloaded from the draft and done is
// called with op's error.
func (s *Session) run(what string, op func(d *drafts.Draft) error, done func(err error)) {
	if s.closed || s.opBusy != "" {
		done(errors.New(lang.L("the report is busy or closed")))
		return
	}
	s.opBusy = what
	s.notify("busy")
	s.enqueue(queued{name: what, op: op, done: done})
}

// work is the worker goroutine: it applies queued changes to the draft
// until close.
func (s *Session) work() {
	defer close(s.done)
	for {
		select {
		case <-s.kick:
			s.drain()
		case <-s.quit:
			s.drain()
			return
		}
	}
}

// drain saves the queued changes in order, consecutive edits in one Update
// (one write). After a failure it stops, leaving the changes queued. It
// runs on the worker goroutine.
func (s *Session) drain() {
	for {
		s.mu.Lock()
		n := 0
		if len(s.pending) > 0 && s.pending[0].op != nil {
			n = 1
		} else {
			for n < len(s.pending) && s.pending[n].op == nil {
				n++
			}
		}
		run := slices.Clone(s.pending[:n])
		s.inflight = n
		s.mu.Unlock()
		if n == 0 {
			return
		}
		var err error
		var after *report.Report
		if run[0].op != nil {
			err = run[0].op(s.draft)
			if !run[0].keepShown {
				after = s.draft.Report()
			}
		} else {
			err = s.draft.Update(func(r *report.Report) error {
				for _, q := range run {
					if err := q.edit(r); err != nil {
						return fmt.Errorf("%s: %w", q.name, err)
					}
				}
				return nil
			})
			if errors.Is(err, drafts.ErrSigned) {
				after = s.draft.Report()
			}
		}
		// Each queued change counts as a background job until it leaves
		// the queue; the result counts as one until it is handed over.
		s.b.Begin()
		s.mu.Lock()
		s.inflight = 0
		keep := err != nil && after == nil && run[0].op == nil
		if !keep {
			drop := n
			if after != nil && err != nil {
				drop = len(s.pending) // signed elsewhere: nothing queued can be saved
				run = append(run, s.pending[n:]...)
			}
			s.pending = s.pending[drop:]
			for range drop {
				s.b.End()
			}
		}
		s.mu.Unlock()
		s.b.reportSaved(s, run, after, s.now(), err)
		if keep {
			return
		}
	}
}

// saved takes the result of saving run (through the bridge). after is the
// draft as saved when an operation ran or the draft turned out signed: it
// replaces the report shown.
func (s *Session) saved(run []queued, after *report.Report, at time.Time, err error) {
	if s.closed {
		return
	}
	if err == nil {
		s.savedAt, s.saveErr = at, nil
	} else {
		s.saveErr = err
	}
	if (run[0].op != nil && !run[0].keepShown) || after != nil {
		s.opBusy = ""
	}
	if after != nil {
		s.r = after
		s.refreshDerived()
		s.notify("reload")
	} else {
		s.notify("saved")
	}
	for _, q := range run {
		if q.done != nil {
			q.done(err)
		}
	}
}

// refreshDerived recomputes the problems (identity against the images,
// then validation) and stale sentences.
func (s *Session) refreshDerived() {
	s.issues = problems(s.r, s.study)
	s.stale = assess.ImpressionStale(s.r)
}

func (s *Session) notify(what string) {
	for _, fn := range s.listeners {
		fn(what)
	}
}

// close saves what is queued, waits for the worker and ends the session.
// It blocks for at most the time of the last save.
func (s *Session) close() {
	if s.closed {
		return
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	close(s.quit)
	<-s.done
}

// cloneReport returns a deep copy of r (through its JSON form, which is
// lossless).
func cloneReport(r *report.Report) *report.Report {
	b, err := r.Marshal()
	if err == nil {
		var c *report.Report
		if c, err = report.Load(bytes.NewReader(b)); err == nil {
			return c
		}
	}
	c := *r // cannot happen for a report that was loaded or made by annotate
	return &c
}

// Session returns the report session of the study shown, or nil while it
// is being opened (or could not be).
func (c *Controller) Session() *Session { return c.session }

// OnOpened calls fn with the report session of every study shown,
// once it is open (and at once if one is open).
func (c *Controller) OnOpened(fn func(s *Session)) {
	c.opened = append(c.opened, fn)
	if c.session != nil {
		fn(c.session)
	}
}

// Open opens the report draft of st, opened from paths, in the
// background.
func (c *Controller) Open(st *dicomio.Study, paths []string) {
	c.Close()
	c.opening = st
	c.err = nil
	if c.panel != nil {
		c.panel.setSession(nil)
	}
	dir, settings, paths := c.cfg.DraftDir, c.cfg.SettingsPath, slices.Clone(paths)
	doseSettings := c.cfg.DoseSettingsPath
	c.dose = nil
	c.b.Begin()
	go func() {
		sd := loadStudyDose(doseSettings, st)
		o := openReportDraft(dir, settings, st, paths, &sd.settings)
		o.dose = sd
		c.b.reportOpened(c, st, o)
	}()
}

// reportOpened takes the opened draft of st (through the bridge).
func (c *Controller) reportOpened(st *dicomio.Study, o openedReport) {
	if c.opening != st {
		return // another study is shown by now
	}
	c.opening = nil
	if o.err != nil {
		c.err = o.err
		c.notify(lang.L("Report draft not opened:") + " " + o.err.Error())
		if c.panel != nil {
			c.panel.setSession(nil)
		}
		return
	}
	s := newSession(c.b, c.now, st, o)
	c.session = s
	c.doseOpened(o.dose)
	if c.panel != nil {
		c.panel.setSession(s)
	}
	for _, fn := range c.opened {
		fn(s)
	}
}

// Close saves what is queued and closes the session. It blocks for at
// most one save.
func (c *Controller) Close() {
	c.opening = nil
	if s := c.session; s != nil {
		c.session = nil
		s.close()
	}
}
