package keyimage

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
)

// KeyImageFolder is the name of the folder [ExportKeyImages] makes for an
// export at time now, for example "hsg-key-images-20260312-101500".
func KeyImageFolder(now time.Time) string {
	return "hsg-key-images-" + now.Format("20060102-150405")
}

// ExportKeyImages writes every key image of r (r.KeyImages) as a PNG file
// into a new folder under parent (mode 0700, named by [KeyImageFolder],
// with "-2", "-3"… when taken), each file named by [KeyImageName] (order,
// role, frame, time) with mode 0600. Each image is its frame as the
// report shows it, rendered by [RenderFrame] at the image's own
// resolution: the default window, unturned, the patient's sides at the
// edges and r's marks on that frame burned in. A frame number 0 means
// the image's default frame.
//
// Key images that are not images of s (see [dicomio.Study.Image]) or
// cannot be rendered are left out and named in the error; the others
// are written. It returns the folder made (empty when none) and the files
// written, in the order of r.KeyImages.
func ExportKeyImages(parent string, r *report.Report, s *dicomio.Study, cache *dicomio.FrameCache, now time.Time) (dir string, paths []string, err error) {
	if r == nil || len(r.KeyImages) == 0 {
		return "", nil, errors.New("annotate: export: the report has no key images")
	}
	if dir, err = newPrivateFolder(parent, KeyImageFolder(now)); err != nil {
		return "", nil, fmt.Errorf("annotate: export: %w", err)
	}
	var errs []error
	for i, k := range r.KeyImages {
		name := KeyImageName(i, k)
		data, err := keyImagePNG(r, s, k, cache)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		p := filepath.Join(dir, name+".png")
		if err := privatefile.WritePrivate(p, data); err != nil {
			// The folder is unwritable or full: the next would fail too.
			return dir, paths, errors.Join(append(errs, fmt.Errorf("annotate: export: %w", err))...)
		}
		paths = append(paths, p)
	}
	return dir, paths, errors.Join(errs...)
}

// keyImagePNG renders key image k of s with r's marks as a PNG.
func keyImagePNG(r *report.Report, s *dicomio.Study, k report.KeyImage, cache *dicomio.FrameCache) ([]byte, error) {
	var in *dicomio.Instance
	if s != nil {
		in = s.Image(k.Image.SOPInstanceUID) // also a delayed film linked from another study
	}
	if in == nil {
		return nil, errors.New("not an image of the study")
	}
	if !in.Decodable {
		return nil, fmt.Errorf("cannot be displayed: %s", in.Problem)
	}
	frame := k.Image.FrameNumber
	if frame == 0 {
		frame = in.DefaultFrame() + 1
	}
	f, err := RenderFrame(in, frame, FrameOptions{Marks: &r.Layer, Sides: true, Cache: cache, Lang: r.Lang()})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, f.Image); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newPrivateFolder makes a new folder parent/name (or name-2, name-3…
// when taken) readable by the user only, and returns its path.
func newPrivateFolder(parent, name string) (string, error) {
	for n := 1; n < 1000; n++ {
		dir := filepath.Join(parent, name)
		if n > 1 {
			dir = fmt.Sprintf("%s-%d", dir, n)
		}
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		// The umask may only take bits away; make sure none was added.
		return dir, privatefile.MkdirPrivate(dir, true)
	}
	return "", fmt.Errorf("%s: too many folders named %s", parent, name)
}
