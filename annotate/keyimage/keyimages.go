package keyimage

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/wording"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dicomtext"
	"github.com/hsgview/hsgview/dicomio/resize"
)

// A ReportImage is a key image as a report prints it: the frame rendered
// with its default window, its marks burned in.
type ReportImage struct {
	Key   report.KeyImage
	Image image.Image
	// SeriesNumber, InstanceNumber and Frames (of the instance) identify
	// the image for the caption; Acquired is when it was taken (zero if
	// unknown).
	SeriesNumber, InstanceNumber, Frames int
	Acquired                             time.Time
}

// DefaultKeyImageSize is the longest side, in pixels, RenderKeyImages
// scales key images to when given 0: about 220 dpi at the printed size.
const DefaultKeyImageSize = 720

// burnKeyImageMarks draws marks on a key image already reduced to its
// printed size, k output pixels per image pixel of the w×h original, so
// lines and text are drawn sharp at the output resolution. They are sized
// for print: on an image printed 66 mm wide, lines about 0.3 mm and text
// about 7 pt. The measurements read in lang (the report's language).
func burnKeyImageMarks(dst *image.RGBA, marks []mark.Annotation, w, h int, k float64, lang string) {
	side := float64(min(dst.Bounds().Dx(), dst.Bounds().Dy()))
	mark.Burn(dst, marks, mark.BurnOptions{
		View:      mark.NativeView(w, h, k),
		LineWidth: max(2, side/220),
		FontSize:  max(12, side/26),
		Lang:      lang,
	})
}

// BurnSideLetters draws the patient's sides at the edges of img: the
// letters of edges (see [dicomio.EdgeLetters]) that name a side (R or L),
// centred on their edge, in white on a dark backing, sized for print
// (about 5% of the image's shorter side). The head/foot and front/back
// letters are left out: on an HSG film only the side matters, and the
// tubes are reported by side.
func BurnSideLetters(img *image.RGBA, edges dicomtext.Edges) {
	b := img.Bounds()
	side := min(b.Dx(), b.Dy())
	face := mark.NewFace(max(12, float64(side)/20), true)
	if face == nil {
		return
	}
	margin := max(3, side/60)
	white := color.RGBA{255, 255, 255, 255}
	for _, e := range []struct {
		text string
		at   func(w, h int) image.Point
	}{
		{edges.Left, func(w, h int) image.Point { return image.Pt(b.Min.X+margin, b.Min.Y+(b.Dy()-h)/2) }},
		{edges.Right, func(w, h int) image.Point { return image.Pt(b.Max.X-margin-w, b.Min.Y+(b.Dy()-h)/2) }},
		{edges.Top, func(w, h int) image.Point { return image.Pt(b.Min.X+(b.Dx()-w)/2, b.Min.Y+margin) }},
		{edges.Bottom, func(w, h int) image.Point { return image.Pt(b.Min.X+(b.Dx()-w)/2, b.Max.Y-margin-h) }},
	} {
		if !strings.ContainsAny(e.text, "RL") {
			continue
		}
		t := mark.NewTextBlock([]string{e.text}, face)
		if t == nil {
			continue
		}
		t.Draw(img, e.at(t.W, t.H), white, mark.BackingColor)
	}
}

// SuggestKeyImages proposes key images for a study whose report has none:
// the four images of the RCR HSG audit (early uterine filling, late
// uterine or early tubal filling, late tubal filling, free spill) taken
// from the spot images of the injection in time order, or from the frames
// of the run when there are no spot images, and the delayed image found
// by the timeline. The image for late tubal filling has no role, since
// the roles of the report name a side.
func SuggestKeyImages(s *dicomio.Study) []report.KeyImage {
	tl := s.Timeline
	if tl == nil {
		return nil
	}
	var spots []*dicomio.Entry
	var run *dicomio.Entry
	for i := range tl.Entries {
		e := &tl.Entries[i]
		if e.Phase != dicomio.PhaseImmediate || !e.Instance.Decodable {
			continue
		}
		if e.Instance.Pixel.Frames == 1 {
			spots = append(spots, e)
		} else if run == nil || e.Instance.Pixel.Frames > run.Instance.Pixel.Frames {
			run = e
		}
	}
	roles := []report.KeyImageRole{report.RoleEarlyFilling, report.RoleFullDistension, "", report.RoleSpill}
	var keys []report.KeyImage
	add := func(e *dicomio.Entry, frame int, role report.KeyImageRole) {
		k := report.KeyImage{Image: mark.ImageRefOf(e.Instance, frame), Role: role}
		if e.HasMinutes {
			m := e.Minutes
			if frame > 1 && frame <= len(e.Instance.Cine.FrameTimes) {
				m += e.Instance.Cine.FrameTimes[frame-1].Minutes()
			}
			k.MinutesFromContrastStart = new(wording.RoundTo(m, 1))
		}
		keys = append(keys, k)
	}
	switch n := len(spots); {
	case n >= 4:
		for i, role := range roles {
			add(spots[int(math.Round(float64(i*(n-1))/3))], 0, role)
		}
	case n == 3:
		for i, role := range []report.KeyImageRole{report.RoleEarlyFilling, report.RoleFullDistension, report.RoleSpill} {
			add(spots[i], 0, role)
		}
	case n == 2:
		add(spots[0], 0, report.RoleEarlyFilling)
		add(spots[1], 0, report.RoleSpill)
	case n == 1:
		add(spots[0], 0, report.RoleFullDistension)
	case run != nil:
		f := run.Instance.Pixel.Frames
		for i, role := range roles {
			add(run, 1+int(math.Round(float64(i*(f-1))/3)), role)
		}
	}
	if d := tl.Delayed; d != nil && d.Instance.Decodable {
		add(d, 0, report.RoleDelayed)
	}
	return keys
}

// MaxKeyImages is the number of key images a report prints: the RCR
// checklist needs five or six, a thorough report perhaps twenty; 60 fill
// about ten pages. The images beyond it are not rendered, and the PDF
// says how many were left out (see [Omitted]).
const MaxKeyImages = 60

// Omitted returns how many of n key images are beyond MaxKeyImages.
func Omitted(n int) int { return max(0, n-MaxKeyImages) }

// Parallel calls fn(0) … fn(n-1) on at most GOMAXPROCS goroutines (never
// one per item: a draft can list thousands) and returns when all are done.
func Parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// RenderKeyImages renders keys (for example r.KeyImages) from the study's
// images, with r's marks of each image and frame burned in, scaled so the
// longest side is at most maxSide pixels (DefaultKeyImageSize if 0), with
// the patient's sides (R, L) at the edges when the image has a Patient
// Orientation. A frame number 0 means the image's representative frame,
// else its first. Only the first MaxKeyImages keys are rendered, on a
// pool of CPU-count workers. Images that cannot be found or decoded are
// left out and reported in the error; the others are returned in the
// order of keys.
func RenderKeyImages(r *report.Report, s *dicomio.Study, keys []report.KeyImage, maxSide int) ([]ReportImage, error) {
	if maxSide <= 0 {
		maxSide = DefaultKeyImageSize
	}
	keys = keys[:min(len(keys), MaxKeyImages)]
	out := make([]ReportImage, len(keys))
	errs := make([]error, len(keys))
	Parallel(len(keys), func(i int) {
		out[i], errs[i] = renderKeyImage(r, s, keys[i], maxSide)
	})
	var imgs []ReportImage
	for i := range out {
		if errs[i] == nil {
			imgs = append(imgs, out[i])
		}
	}
	return imgs, errors.Join(errs...)
}

func renderKeyImage(r *report.Report, s *dicomio.Study, k report.KeyImage, maxSide int) (ReportImage, error) {
	in := s.Image(k.Image.SOPInstanceUID) // also a delayed film linked from another study
	if in == nil {
		return ReportImage{}, fmt.Errorf("annotate: key image %s is not an image of the study", k.Image.SOPInstanceUID)
	}
	frame := k.Image.FrameNumber
	if frame == 0 {
		frame = in.DefaultFrame() + 1
	}
	if frame > in.Pixel.Frames {
		return ReportImage{}, fmt.Errorf("annotate: key image %s has no frame %d", in, frame)
	}
	rd, err := in.Render(frame-1, dicomio.RenderOptions{})
	if err != nil {
		return ReportImage{}, fmt.Errorf("annotate: key image: %w", err)
	}
	out := resize.Fit(rd.Image, maxSide, maxSide)
	// Marks that cannot be drawn are reported by assess.Validate.
	marks, _ := r.MarksToBurn(in, frame, rd.Frame, rd.Pipeline)
	// A key image is printed as stored, neither turned nor mirrored.
	edges, oriented := dicomtext.EdgeLetters(in.Orientation, 0, false, false)
	if len(marks) > 0 || oriented {
		rgba := image.NewRGBA(image.Rect(0, 0, out.Bounds().Dx(), out.Bounds().Dy()))
		draw.Draw(rgba, rgba.Bounds(), out, out.Bounds().Min, draw.Src)
		w, h := rd.Image.Bounds().Dx(), rd.Image.Bounds().Dy()
		burnKeyImageMarks(rgba, marks, w, h, float64(rgba.Bounds().Dx())/float64(w), r.Lang())
		if oriented {
			BurnSideLetters(rgba, edges)
		}
		out = rgba
		if len(marks) == 0 {
			// Letters are grey on grey: keep the image grey (a third the
			// size in the PDF).
			g := image.NewGray(rgba.Bounds())
			draw.Draw(g, g.Bounds(), rgba, image.Point{}, draw.Src)
			out = g
		}
	}
	ri := ReportImage{
		Key: k, Image: out,
		SeriesNumber: in.SeriesNumber, InstanceNumber: in.InstanceNumber, Frames: in.Pixel.Frames,
	}
	if in.TimeSource != dicomio.TimeNone {
		ri.Acquired = in.Acquired
		if frame > 1 && frame <= len(in.Cine.FrameTimes) {
			ri.Acquired = ri.Acquired.Add(in.Cine.FrameTimes[frame-1])
		}
	}
	return ri, nil
}
