package mark

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/hsgview/hsgview/assets"
)

// fonts parses the embedded DejaVu fonts once.
var fonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	regular, err := opentype.Parse(assets.DejaVuSans)
	if err != nil {
		return [2]*opentype.Font{}, err
	}
	bold, err := opentype.Parse(assets.DejaVuSansBold)
	return [2]*opentype.Font{regular, bold}, err
})

// newFace returns a face of the embedded DejaVu Sans (bold if asked) of
// size pixels, hinted vertically for crisp small text, or nil if the
// fonts cannot be read. (Full hinting rounds each advance to whole
// pixels, which at 13–15 px glues "rn" into "m": "cornu" read "comu".)
// A face is not safe for concurrent use: make one per drawing.
func NewFace(size float64, bold bool) font.Face {
	fs, err := fonts()
	if err != nil {
		return nil
	}
	f := fs[0]
	if bold {
		f = fs[1]
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingVertical})
	if err != nil {
		return nil
	}
	return face
}

// A textBlock is lines of text to draw in a box.
type textBlock struct {
	lines []string
	face  font.Face
	pad   int
	lineH int // baseline to baseline
	asc   int
	W, H  int // size of the box
}

func NewTextBlock(lines []string, face font.Face) *textBlock {
	if face == nil || len(lines) == 0 {
		return nil
	}
	m := face.Metrics()
	asc, desc := m.Ascent.Ceil(), m.Descent.Ceil()
	t := &textBlock{lines: lines, face: face, asc: asc, lineH: max(asc+desc, m.Height.Ceil())}
	t.pad = max(2, int(math.Round(float64(asc)*0.25)))
	for _, l := range lines {
		t.W = max(t.W, font.MeasureString(face, l).Ceil())
	}
	t.W += 2 * t.pad
	t.H = t.lineH*(len(lines)-1) + asc + desc + 2*t.pad
	return t
}

// draw paints the box with its top-left corner at at: a translucent
// dark backing, then the text in col.
func (t *textBlock) Draw(dst *image.RGBA, at image.Point, col, back color.RGBA) image.Rectangle {
	r := image.Rectangle{Min: at, Max: at.Add(image.Pt(t.W, t.H))}
	draw.Draw(dst, r, image.NewUniform(back), image.Point{}, draw.Over)
	d := font.Drawer{Dst: dst, Src: image.NewUniform(col), Face: t.face}
	for i, l := range t.lines {
		d.Dot = fixed.P(at.X+t.pad, at.Y+t.pad+t.asc+i*t.lineH)
		d.DrawString(l)
	}
	return r
}

// splitLines splits a label into lines, dropping empty ones.
func splitLines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// wrapLines breaks lines at spaces so that none is wider than w pixels
// set in face, and words wider than w after their hyphens; a part wider
// than w stays whole.
func wrapLines(lines []string, face font.Face, w int) []string {
	width := func(s string) int { return font.MeasureString(face, s).Ceil() }
	var out []string
	for _, l := range lines {
		cur := ""
		for _, word := range strings.Fields(l) {
			parts := []string{word}
			if width(word) > w {
				parts = strings.SplitAfter(word, "-")
			}
			for k, part := range parts {
				next := part
				if cur != "" {
					sep := " "
					if k > 0 {
						sep = "" // the rest of a hyphenated word
					}
					next = cur + sep + part
				}
				if cur != "" && width(next) > w {
					out = append(out, cur)
					next = part
				}
				cur = next
			}
		}
		if cur != "" {
			out = append(out, cur)
		}
	}
	return out
}

// fitWidth returns t, or its lines wrapped to fit w pixels when it is
// wider (a label in a pane narrower than its text).
func fitWidth(t *textBlock, w int) *textBlock {
	if t == nil || t.W <= w {
		return t
	}
	if u := NewTextBlock(wrapLines(t.lines, t.face, w-2*t.pad), t.face); u != nil {
		return u
	}
	return t
}
