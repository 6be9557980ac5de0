package synth

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Options control the generated study. The zero value is the default demo.
type Options struct {
	// Start is the acquisition time of the scout image and the study time;
	// contrast injection (T0) starts three minutes later. Only the wall
	// clock in Start's location is written (DICOM dates and times carry no
	// zone). Zero: 2026-03-12 09:38:12 in time.Local.
	Start time.Time
	// MidnightCross moves the start to 23:50:00 on Start's date, so that the
	// spot images are taken before midnight and the delayed film after it.
	MidnightCross bool
	// DelayedMinutes is the time of the delayed film after T0. Zero: 25.
	// Allowed: 10 to 90 (the nominal delay for water-soluble contrast is
	// 20 to 30 minutes).
	DelayedMinutes float64
	// Rows and Cols are the matrix of the RF scout and spot images, 256 to
	// 2048. Zero: 1024. The detector field stays 307.2 mm wide, so the
	// pixel spacing follows the matrix (0.30 mm at 1024).
	Rows, Cols int
	// CineFrames is the number of frames of the fluoroscopy run (512×512,
	// 15 frames/s), 2 to 240. Zero: 30.
	CineFrames int
	// Seed selects the noise, textures and UIDs. Zero: DefaultSeed.
	Seed uint64
	// PatientName and PatientID replace the phantom patient's (a DICOM
	// PN in UTF-8, e.g. "Иванова^Мария^Петровна"). Zero: the phantom's.
	PatientName, PatientID string
}

// DefaultSeed is the seed used when Options.Seed is zero.
const DefaultSeed = 20260312

// Image roles in the manifest.
const (
	RoleScout          = "scout"
	RoleEarlyFilling   = "early_filling"
	RoleFullDistension = "full_distension"
	RoleTubalFilling   = "tubal_filling"
	RoleSpill          = "spill"
	RoleCine           = "cine"
	RoleDelayed        = "delayed"
)

// Study is the manifest of a generated study.
type Study struct {
	StudyInstanceUID string
	AccessionNumber  string
	PatientID        string
	PatientName      string // DICOM PN form, UTF-8
	PatientBirthDate string // YYYYMMDD
	PatientSex       string
	T0               time.Time // start of the contrast injection
	Images           []Image   // in acquisition order
}

// Image describes one generated file.
type Image struct {
	// Path is the file's path: under the directory given to Generate, or
	// relative and slash-separated (e.g. "HSG/S01_scout/IM0001.dcm") from
	// Encode.
	Path              string
	SOPInstanceUID    string
	SeriesInstanceUID string
	SOPClassUID       string
	SeriesNumber      int
	InstanceNumber    int
	Frames            int
	Modality          string
	Acquired          time.Time // start of acquisition
	Role              string    // one of the Role constants
	MinutesFromT0     float64
}

// Generate writes the study under dir (as dir/HSG/Snn_name/IMnnnn.dcm,
// directories 0700, files 0600) and returns its manifest.
func Generate(dir string, opt Options) (*Study, error) {
	st, files, err := Encode(opt)
	if err != nil {
		return nil, err
	}
	for k := range st.Images {
		im := &st.Images[k]
		p := filepath.Join(dir, filepath.FromSlash(im.Path))
		if err := writeFile(p, files[k]); err != nil {
			return nil, err
		}
		im.Path = p
	}
	return st, nil
}

// writeFile writes data to p with mode 0600, creating its directory (0700).
func writeFile(p string, data []byte) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("synth: write %s: %w", p, unwrapPath(err))
		}
	}()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	// An existing file keeps its mode through O_CREATE: set it.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// unwrapPath drops the *PathError wrapper whose message would repeat the
// path already named by the caller.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Encode builds the study in memory: it returns the manifest (with relative
// slash-separated paths) and the DICOM Part 10 bytes of each image, in the
// order of Study.Images.
func Encode(opt Options) (*Study, [][]byte, error) {
	o, err := opt.normalise()
	if err != nil {
		return nil, nil, err
	}
	p := newPlan(o)
	sc := newScene(o)
	// Every frame has its own noise stream, so the frames of all images are
	// rendered in parallel without affecting the bytes; then the files are
	// encoded, also in parallel.
	pixels := make([][]uint16, len(p.shots))
	type unit struct{ shot, frame int }
	var units []unit
	for k, sh := range p.shots {
		pixels[k] = make([]uint16, sc.frameSize(sh)*sh.frames)
		for f := range sh.frames {
			units = append(units, unit{k, f})
		}
	}
	parallel(len(units), func(u int) {
		k, f := units[u].shot, units[u].frame
		n := sc.frameSize(p.shots[k])
		sc.renderFrame(p.shots[k], f, pixels[k][f*n:(f+1)*n])
	})
	files := make([][]byte, len(p.shots))
	errs := make([]error, len(p.shots))
	parallel(len(p.shots), func(k int) {
		files[k], errs[k] = p.encode(sc, k, pixels[k])
		pixels[k] = nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	st := p.manifest()
	return st, files, nil
}

// parallel calls fn(0) … fn(n-1) on GOMAXPROCS goroutines.
func parallel(n int, fn func(int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for k := range work {
				fn(k)
			}
		})
	}
	for k := range n {
		work <- k
	}
	close(work)
	wg.Wait()
}

// normalise applies the defaults and checks the ranges.
func (o Options) normalise() (Options, error) {
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 3, 12, 9, 38, 12, 0, time.Local)
	}
	if o.MidnightCross {
		y, m, d := o.Start.Date()
		o.Start = time.Date(y, m, d, 23, 50, 0, 0, o.Start.Location())
	}
	if o.DelayedMinutes == 0 {
		o.DelayedMinutes = 25
	}
	if o.Rows == 0 {
		o.Rows = 1024
	}
	if o.Cols == 0 {
		o.Cols = 1024
	}
	if o.CineFrames == 0 {
		o.CineFrames = 30
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	switch {
	case o.Start.Year() < 1900 || o.Start.Year() > 9999:
		return o, fmt.Errorf("synth: start %s outside the years DICOM dates can hold", o.Start.Format(time.DateOnly))
	case !(o.DelayedMinutes >= 10 && o.DelayedMinutes <= 90):
		return o, fmt.Errorf("synth: delayed minutes %g outside 10-90", o.DelayedMinutes)
	case o.Rows < 256 || o.Rows > 2048 || o.Cols < 256 || o.Cols > 2048:
		return o, fmt.Errorf("synth: matrix %dx%d outside 256-2048", o.Cols, o.Rows)
	case o.CineFrames < 2 || o.CineFrames > 240:
		return o, fmt.Errorf("synth: cine frames %d outside 2-240", o.CineFrames)
	}
	return o, nil
}

// relPath is the slash-separated path of an image inside the output folder.
func relPath(s *series, instance int) string {
	return path.Join("HSG", s.dir, fmt.Sprintf("IM%04d.dcm", instance))
}
