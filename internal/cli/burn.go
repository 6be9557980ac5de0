package cli

import (
	"fmt"
	"image"
	"image/draw"

	"hsgview/annotate/mark"
	"hsgview/annotate/report"
	"hsgview/dicomio"
)

// burnDraft draws on img the marks of the draft report at path that
// belong to frame (1-based) of the instance: the marks drawn on that
// frame and those drawn on the image as a whole (no frame number), which
// show on every frame (see [annotate.OnFrame]). The marks are measured
// again with the draft's calibration of the series, else the spacing of
// the file, and with the frame's pixels, so that the burned text
// matches the image. It returns the image and how many marks it drew.
//
// Marks that cannot be drawn are left out, each reported through warn.
func burnDraft(img image.Image, path string, in *dicomio.Instance, frame int, f *dicomio.Frame, pl *dicomio.Pipeline, warn func(string)) (image.Image, int, error) {
	r, err := report.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	marks, skipped := r.MarksToBurn(in, frame, f, pl)
	for _, err := range skipped {
		warn(fmt.Sprintf("mark left out: %v", err))
	}
	if len(marks) == 0 {
		return img, 0, nil
	}
	b := img.Bounds()
	if b.Empty() || b.Dx() > 1<<15 || b.Dy() > 1<<15 {
		return nil, 0, fmt.Errorf("cannot burn marks into a %dx%d image", b.Dx(), b.Dy())
	}
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	mark.Burn(dst, marks, mark.BurnOptions{View: mark.NativeView(b.Dx(), b.Dy(), 1)})
	return dst, len(marks), nil
}
