package cli

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"strconv"
	"strings"

	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/internal/privatefile"
)

func runRender(e *env, args []string) int {
	fs := newFlags(e, "render")
	sop := fs.String("sop", "", "SOP Instance UID of the image (may be omitted when PATH holds one image)")
	frame := fs.Int("frame", 0, "frame number, 1-based (default: the image's default frame: its representative frame, else the last of an XA/RF run, else 1)")
	window := fs.String("window", "", "window centre and width, \"C,W\" (default: the file's first window, else the full range)")
	draft := fs.String("draft", "", "draft report (JSON) whose marks on this image and frame are burned in")
	rotate := fs.Int("rotate", 0, "turn the frame clockwise by 0, 90, 180 or 270 degrees (negative: anticlockwise), as the viewer's Rotate does")
	flip := fs.String("flip", "", "mirror the turned frame: h (left to right), v (top to bottom) or hv, as the viewer's Flip H and Flip V do")
	invert := fs.Bool("invert", false, "invert the grey scale, as the viewer's Invert does")
	sides := fs.Bool("sides", false, "burn the patient's sides (R, L) at the edges, from Patient Orientation, as the viewer's exports do")
	langFlag := fs.String("lang", "", "language of the burned marks' measurements, en or ru (default: the draft's language)")
	out := fs.String("out", "", "output PNG file")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) != 1 || *out == "" {
		e.errorf("render: need exactly one PATH and --out")
		fmt.Fprintln(e.stderr, "usage: hsgview render PATH --sop UID [--frame N] [--window C,W] [--draft DRAFT.json] [--rotate DEG] [--flip h|v|hv] [--invert] [--sides] --out FILE.png")
		return ExitUsage
	}
	turn, ok := parseTurn(*rotate, *flip)
	if !ok {
		e.errorf("render: --rotate wants a multiple of 90 and --flip h, v or hv, got %d and %q", *rotate, *flip)
		return ExitUsage
	}
	if err := refuseOverInput(*out, paths...); err != nil {
		e.errorf("render: %v", err)
		return ExitUsage
	}
	var voi *dicomio.VOI
	if *window != "" {
		c, w, ok := parseWindow(*window)
		if !ok {
			e.errorf("render: --window wants \"CENTER,WIDTH\" with WIDTH ≥ 1, got %q", *window)
			return ExitUsage
		}
		voi = &dicomio.VOI{Window: dicomio.Window{Center: c, Width: w}}
	}
	coll, err := dicomio.Open(paths, nil)
	if err != nil {
		e.errorf("%v", err)
		return ExitPartial
	}
	defer coll.Close()
	in, err := pickImage(coll, *sop)
	if err != nil {
		e.errorf("render: %v", err)
		if errors.Is(err, errChooseImage) {
			return ExitUsage
		}
		return ExitPartial
	}
	if err := refuseOverInput(*out, in.Path); err != nil {
		e.errorf("render: %v", err)
		return ExitUsage
	}
	if *frame == 0 {
		*frame = in.DefaultFrame() + 1
	}
	if *frame < 1 || *frame > in.Pixel.Frames {
		e.errorf("render: frame %d out of range 1..%d", *frame, in.Pixel.Frames)
		return ExitUsage
	}
	opt := keyimage.FrameOptions{VOI: voi, Invert: *invert, Turn: turn, Sides: *sides}
	if *draft != "" {
		r, err := report.ReadFile(*draft)
		if err != nil {
			e.errorf("render: %v", err)
			return ExitPartial
		}
		opt.Marks, opt.Lang = &r.Layer, r.Lang()
	}
	switch *langFlag {
	case "":
	case "en", "ru":
		opt.Lang = *langFlag
	default:
		e.errorf("render: --lang %q: en or ru", *langFlag)
		return ExitUsage
	}
	r, err := keyimage.RenderFrame(in, *frame, opt)
	if err != nil {
		e.errorf("render: %v", err)
		return ExitPartial
	}
	for _, err := range r.Skipped {
		e.errorf("render: warning: mark left out: %v", err)
	}
	if *draft != "" && r.Burned == 0 {
		e.errorf("render: note: the draft has no marks on frame %d of this image", *frame)
	}
	img := r.Image
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		e.errorf("render: %v", err)
		return ExitPartial
	}
	if err := privatefile.WritePrivate(*out, buf.Bytes()); err != nil {
		e.errorf("render: %v", err)
		return ExitPartial
	}
	return ExitOK
}

// parseTurn reads --rotate (degrees clockwise, a multiple of 90) and
// --flip ("", "h", "v" or "hv").
func parseTurn(deg int, flip string) (keyimage.Turn, bool) {
	var t keyimage.Turn
	if deg%90 != 0 {
		return t, false
	}
	t.Rotation = deg / 90
	switch strings.ToLower(flip) {
	case "":
	case "h":
		t.FlipH = true
	case "v":
		t.FlipV = true
	case "hv", "vh":
		t.FlipH, t.FlipV = true, true
	default:
		return t, false
	}
	return t, true
}

func parseWindow(s string) (c, w float64, ok bool) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false
	}
	c, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	w, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	return c, w, err1 == nil && err2 == nil && w >= 1
}

// pickImage finds the image to render: by SOP Instance UID, or the only
// image when no UID is given.
func pickImage(c *dicomio.Collection, sop string) (*dicomio.Instance, error) {
	if sop != "" {
		in := c.Find(sop)
		if in == nil {
			for _, fe := range c.Errors {
				return nil, fmt.Errorf("no image with SOP Instance UID %s (and %d files failed, first: %v)", sop, len(c.Errors), fe)
			}
			return nil, fmt.Errorf("no image with SOP Instance UID %s", sop)
		}
		if !in.HasPixels {
			return nil, fmt.Errorf("%s has no pixel data (SOP class %s)", in.Path, in.SOPClassUID)
		}
		return in, nil
	}
	var images []*dicomio.Instance
	for _, s := range c.Studies {
		images = append(images, s.Images...)
	}
	switch len(images) {
	case 1:
		return images[0], nil
	case 0:
		if len(c.Errors) > 0 {
			return nil, c.Errors[0]
		}
		return nil, fmt.Errorf("no image found")
	}
	return nil, fmt.Errorf("%d images found: %w", len(images), errChooseImage)
}

// errChooseImage is a usage error: PATH holds several images and no --sop
// says which.
var errChooseImage = errors.New("choose one with --sop")

func runCodecs(e *env, args []string) int {
	for _, l := range codec.Registered() {
		fmt.Fprintln(e.stdout, l)
	}
	return ExitOK
}
