package dicomio

import (
	"errors"
	"fmt"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/limits"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// A FileError reports a file that could not be loaded, and why.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string {
	return dicomtext.Escape(e.Path) + ": " + dicomtext.Escape(oneLine(e.Err.Error()))
}

func (e FileError) Unwrap() error { return e.Err }

// pathErr drops the path from an fs error: FileError already names it.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// A Series groups the instances of one Series Instance UID.
type Series struct {
	UID         string
	Number      int
	Modality    string
	Description string
	Instances   []*Instance // by instance number, then time
}

// A Study groups the instances of one Study Instance UID.
type Study struct {
	UID                string
	Patient            Patient
	AccessionNumber    string
	StudyID            string
	Description        string
	ReferringPhysician string
	Time               time.Time
	Series             []*Series   // by series number
	Images             []*Instance // every instance with pixel data, by acquisition time
	Documents          []*Instance // instances without pixel data (SR, PDF, PR …)
	// Linked holds images of other studies of the same patient that
	// belong to the same examination: a delayed film filed under its own
	// study or accession (hsg-reporting.md §4.7.1), or, for such a film's
	// study, the fluoroscopy it follows. The timeline covers Images and
	// Linked.
	Linked   []*Instance
	Timeline *Timeline
}

// Image returns the image with the SOP Instance UID among the study's
// images and those linked to it, or nil.
func (s *Study) Image(sopUID string) *Instance {
	for _, list := range [][]*Instance{s.Images, s.Linked} {
		for _, in := range list {
			if in.SOPInstanceUID == sopUID {
				return in
			}
		}
	}
	return nil
}

// A Collection is everything opened at once: studies and the files that
// failed. Close it to release zip archives.
type Collection struct {
	Studies []*Study
	Errors  []FileError
	closers []io.Closer
	lim     *limits.Limits
	sp      *spill
}

func (c *Collection) limits() *limits.Limits {
	if c.lim == nil {
		d := limits.DefaultLimits()
		c.lim = &d
	}
	return c.lim
}

// spill returns the collection's store for inflated data, closed with it.
func (c *Collection) spill() *spill {
	if c.sp == nil {
		c.sp = newSpill(c.limits().SpillDir)
		c.closers = append(c.closers, c.sp)
	}
	return c.sp
}

// Close releases open archives and the inflated data.
func (c *Collection) Close() error {
	var errs []error
	for _, cl := range c.closers {
		errs = append(errs, cl.Close())
	}
	c.closers = nil
	return errors.Join(errs...)
}

// Find returns the instance with the given SOP Instance UID, or nil.
func (c *Collection) Find(sopUID string) *Instance {
	for _, s := range c.Studies {
		for _, in := range s.Images {
			if in.SOPInstanceUID == sopUID {
				return in
			}
		}
		for _, in := range s.Documents {
			if in.SOPInstanceUID == sopUID {
				return in
			}
		}
	}
	return nil
}

// Options tune Open. A nil *Options means the defaults.
type Options struct {
	// Progress, if set, is called after each file's header is read, from
	// a worker goroutine.
	Progress func(done, total int)
	// Workers is the number of files read in parallel (default: the
	// number of CPUs, or Limits.Workers).
	Workers int
	// Limits is the resource budget; nil means [DefaultLimits].
	Limits *limits.Limits
	// Timeline configures HSG phase detection.
	Timeline TimelineOptions
}

// entry is one candidate file.
type entry struct {
	path     string
	src      source
	explicit bool // named by the user (not found by walking a folder)
}

// Open reads the headers of every DICOM file under paths (files, folders
// searched recursively, DICOMDIR files, zip archives) and groups them into
// studies. Files that fail are listed in Collection.Errors; Open itself
// fails only when no path can be read at all.
func Open(paths []string, opt *Options) (*Collection, error) {
	if opt == nil {
		opt = &Options{}
	}
	c := &Collection{lim: opt.Limits.WithDefaults()}
	if opt.Workers > 0 {
		c.lim.Workers = opt.Workers
	}
	var entries []entry
	seen := map[string]bool{}
	add := func(e entry) {
		key := e.path
		if _, ok := e.src.(fileSource); ok {
			if abs, err := filepath.Abs(e.path); err == nil {
				key = abs
			}
		}
		if !seen[key] {
			seen[key] = true
			entries = append(entries, e)
		}
	}
	readable := 0
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			c.Errors = append(c.Errors, FileError{p, pathErr(err)})
			continue
		}
		readable++
		switch {
		case st.IsDir():
			// A root that is a symbolic link to a folder is followed (the
			// trailing separator makes the walk start in its target);
			// links found inside are followed only to files within it.
			root := p
			if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
				root = strings.TrimRight(p, string(filepath.Separator)) + string(filepath.Separator)
			}
			realRoot, rerr := filepath.EvalSymlinks(p)
			err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					c.Errors = append(c.Errors, FileError{path, pathErr(err)})
					if d != nil && d.IsDir() {
						return fs.SkipDir
					}
					return nil
				}
				if d.IsDir() || ignorable(d.Name()) {
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					if rerr != nil {
						c.Errors = append(c.Errors, FileError{path, pathErr(rerr)})
						return nil
					}
					if err := linkInside(path, realRoot, false); err != nil {
						c.Errors = append(c.Errors, FileError{path, err})
						return nil
					}
				} else if !d.Type().IsRegular() {
					c.Errors = append(c.Errors, FileError{path, notRegular(d.Type())})
					return nil
				}
				if strings.EqualFold(d.Name(), "DICOMDIR") {
					return nil // the walk finds the referenced files itself
				}
				if isZipName(path) && isZip(path) {
					c.addZip(path, add)
					return nil
				}
				add(entry{path: path, src: fileSource(path)})
				return nil
			})
			if err != nil {
				c.Errors = append(c.Errors, FileError{p, err})
			}
		case strings.EqualFold(filepath.Base(p), "DICOMDIR"):
			files, err := readDICOMDIR(p, c.limits())
			if err != nil {
				c.Errors = append(c.Errors, FileError{p, err})
				continue
			}
			for _, f := range files {
				if f.err != nil {
					c.Errors = append(c.Errors, FileError{f.path, f.err})
					continue
				}
				add(entry{path: f.path, src: fileSource(f.path), explicit: true})
			}
		case isZip(p):
			c.addZip(p, add)
		default:
			add(entry{path: p, src: fileSource(p), explicit: true})
		}
	}
	if readable == 0 && len(paths) > 0 {
		return c, fmt.Errorf("dicomio: none of the paths can be read (%v)", c.Errors[0])
	}
	instances, errs := readAll(entries, opt, c.limits(), c.spill)
	c.Errors = append(c.Errors, errs...)
	c.group(instances, opt)
	sort.Slice(c.Errors, func(i, j int) bool { return c.Errors[i].Path < c.Errors[j].Path })
	return c, nil
}

// ignorable reports files found while walking a folder that are certainly
// not DICOM (viewer programs and indexes on patient CDs, OS metadata).
func ignorable(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, ".") || lower == "thumbs.db" || lower == "desktop.ini" {
		return true
	}
	switch strings.ToLower(filepath.Ext(lower)) {
	case ".txt", ".md", ".htm", ".html", ".xml", ".inf", ".ini", ".exe", ".dll", ".bat", ".sh", ".pdf",
		".jpg", ".jpeg", ".png", ".gif", ".bmp", ".json", ".css", ".js", ".ico", ".lnk", ".cfg", ".log", ".csv":
		return true
	}
	return false
}

func isZipName(p string) bool { return strings.EqualFold(filepath.Ext(p), ".zip") }

// readAll reads the headers of entries in parallel.
func readAll(entries []entry, opt *Options, lim *limits.Limits, sp func() *spill) ([]*Instance, []FileError) {
	var spMu sync.Mutex
	spill := func() *spill { spMu.Lock(); defer spMu.Unlock(); return sp() }
	workers := lim.Workers
	out := make([]*Instance, len(entries))
	errs := make([]error, len(entries))
	var next, done int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(entries)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(entries) {
					return
				}
				out[i], errs[i] = readInstance(entries[i].path, entries[i].src, lim, spill())
				if opt.Progress != nil {
					mu.Lock()
					done++
					d := done
					mu.Unlock()
					opt.Progress(d, len(entries))
				}
			}
		}()
	}
	wg.Wait()
	var ins []*Instance
	var fe []FileError
	for i, in := range out {
		if errs[i] != nil {
			fe = append(fe, FileError{entries[i].path, errs[i]})
			continue
		}
		for _, w := range in.Warnings {
			fe = append(fe, FileError{entries[i].path, errors.New(w)})
		}
		ins = append(ins, in)
	}
	return ins, fe
}

// OpenFile reads one file's header.
func OpenFile(path string) (*Instance, error) {
	in, err := readInstance(path, fileSource(path), &limits.Default, nil)
	if err != nil {
		return nil, fmt.Errorf("dicomio: %s: %w", path, err)
	}
	return in, nil
}

// OpenBytes reads a DICOM file held in memory (e.g. a PACS download).
func OpenBytes(name string, b []byte) (*Instance, error) {
	return readInstance(name, memSource(b), &limits.Default, nil)
}

// readInstance reads one header within lim; inflated data goes to sp (the
// process-wide spill when nil). It never panics.
func readInstance(path string, src source, lim *limits.Limits, sp *spill) (in *Instance, err error) {
	defer func() {
		if r := recover(); r != nil {
			in, err = nil, formatErr("parser failure: %v", r)
		}
	}()
	ra, size, c, err := src.open()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if size < 8 {
		return nil, FormatError(fmt.Sprintf("file too short (%d bytes)", size))
	}
	h, err := readHeaderLimits(ra, size, lim, sp, path)
	if err != nil {
		return nil, err
	}
	return newInstance(path, src, h)
}

// group builds studies and series, sorts images by time and computes
// each study's HSG timeline.
func (c *Collection) group(instances []*Instance, opt *Options) {
	studies := map[string]*Study{}
	seenSOP := map[string]bool{}
	for _, in := range instances {
		if seenSOP[in.SOPInstanceUID] {
			continue // the same instance reached twice (file and DICOMDIR, copies)
		}
		seenSOP[in.SOPInstanceUID] = true
		s := studies[in.StudyInstanceUID]
		if s == nil {
			s = &Study{UID: in.StudyInstanceUID, Patient: in.Patient, AccessionNumber: in.AccessionNumber,
				StudyID: in.StudyID, Description: in.StudyDescription, ReferringPhysician: in.ReferringPhysician,
				Time: in.StudyTime}
			studies[in.StudyInstanceUID] = s
			c.Studies = append(c.Studies, s)
		}
		var se *Series
		for _, x := range s.Series {
			if x.UID == in.SeriesInstanceUID {
				se = x
			}
		}
		if se == nil {
			se = &Series{UID: in.SeriesInstanceUID, Number: in.SeriesNumber, Modality: in.Modality, Description: in.SeriesDescription}
			s.Series = append(s.Series, se)
		}
		se.Instances = append(se.Instances, in)
		if in.HasPixels {
			s.Images = append(s.Images, in)
		} else {
			s.Documents = append(s.Documents, in)
		}
	}
	for _, s := range c.Studies {
		sort.SliceStable(s.Series, func(i, j int) bool { return s.Series[i].Number < s.Series[j].Number })
		for _, se := range s.Series {
			sort.SliceStable(se.Instances, func(i, j int) bool {
				a, b := se.Instances[i], se.Instances[j]
				if a.InstanceNumber != b.InstanceNumber {
					return a.InstanceNumber < b.InstanceNumber
				}
				return a.Acquired.Before(b.Acquired)
			})
		}
		fixBorrowedDates(s.Images)
		SortByTime(s.Images)
		s.Timeline = BuildTimeline(s.Images, opt.Timeline)
	}
	linkStudies(c.Studies, opt.Timeline)
	sort.SliceStable(c.Studies, func(i, j int) bool {
		a, b := c.Studies[i], c.Studies[j]
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		return a.UID < b.UID
	})
}

// fixBorrowedDates moves to the next day the images of a study whose time
// took a date borrowed from the study or series when the examination
// crossed midnight: such times, all on the day the study began, spread
// over more than twelve hours, and the largest pause between them is
// longer than the wrap from the last to the first around midnight.
func fixBorrowedDates(images []*Instance) {
	var times []time.Time
	borrowed := false
	for _, in := range images {
		if in.TimeSource != TimeNone && in.TimeSource != TimeAcquisitionDateTime {
			times = append(times, in.Acquired)
			borrowed = borrowed || in.DateBorrowed
		}
	}
	if !borrowed || len(times) < 2 {
		return
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	span := times[len(times)-1].Sub(times[0])
	if span <= 12*time.Hour || span >= 24*time.Hour {
		return
	}
	var cut time.Time // images up to cut are after midnight
	var longest time.Duration
	for i := 1; i < len(times); i++ {
		if g := times[i].Sub(times[i-1]); g > longest {
			longest, cut = g, times[i-1]
		}
	}
	if wrap := 24*time.Hour - span; longest <= wrap {
		return
	}
	for _, in := range images {
		if in.DateBorrowed && !in.Acquired.After(cut) {
			in.Acquired = in.Acquired.AddDate(0, 0, 1)
		}
	}
}

// linkStudies joins a study that has no delayed image to a study of the
// same patient holding only radiographs or spot images taken within the
// delayed window after its contrast start: the delayed film filed under
// its own study or accession (§4.7.1). Both timelines are then built over
// the two studies' images, so the film is the first study's delayed image
// and its own study shows it as delayed, with minutes from the same T0.
func linkStudies(studies []*Study, opt TimelineOptions) {
	opt = opt.withDefaults()
	for _, s := range studies {
		tl := s.Timeline
		if tl == nil || !tl.HasT0 || tl.Delayed != nil || s.Patient.ID == "" || len(s.Linked) > 0 {
			continue
		}
		minD, maxD := opt.DelayedMin, opt.DelayedMax
		if tl.Oil {
			minD, maxD = opt.OilDelayedMin, opt.OilDelayedMax
		}
		for _, o := range studies {
			if o == s || o.Patient.ID != s.Patient.ID || len(o.Linked) > 0 || !delayedFilmStudy(o, tl.T0, minD, maxD) {
				continue
			}
			all := append(append([]*Instance(nil), s.Images...), o.Images...)
			SortByTime(all)
			joint := BuildTimeline(all, opt)
			if joint.Delayed == nil {
				continue // not a delayed film after all
			}
			s.Linked, o.Linked = o.Images, s.Images
			s.Timeline, o.Timeline = joint, BuildTimeline(all, opt)
			break
		}
	}
}

// delayedFilmStudy reports whether every image of o could be a delayed
// film after a contrast start at t0: at most a few single-frame images of
// a projection modality, of the pelvis (or unstated), taken within the
// window [minD, maxD] after t0.
func delayedFilmStudy(o *Study, t0 time.Time, minD, maxD time.Duration) bool {
	if len(o.Images) == 0 || len(o.Images) > 4 {
		return false
	}
	for _, in := range o.Images {
		switch in.Modality {
		case "DX", "CR", "RF", "XA", "OT", "SC":
		default:
			return false
		}
		switch strings.ToUpper(strings.TrimSpace(in.BodyPartExamined)) {
		case "", "PELVIS", "UTERUS", "ABDOMEN", "HSG":
		default:
			if !delayedHint(in) {
				return false
			}
		}
		since := in.Acquired.Sub(t0)
		if in.TimeSource == TimeNone || in.Pixel.Frames > 1 || since < minD || since > maxD {
			return false
		}
	}
	return true
}

// SortByTime orders instances by acquisition time; instances without a
// time go last, ordered by series and instance number.
func SortByTime(ins []*Instance) {
	sort.SliceStable(ins, func(i, j int) bool {
		a, b := ins[i], ins[j]
		at, bt := a.TimeSource != TimeNone, b.TimeSource != TimeNone
		if at != bt {
			return at
		}
		if at && !a.Acquired.Equal(b.Acquired) {
			return a.Acquired.Before(b.Acquired)
		}
		if a.SeriesNumber != b.SeriesNumber {
			return a.SeriesNumber < b.SeriesNumber
		}
		return a.InstanceNumber < b.InstanceNumber
	})
}
