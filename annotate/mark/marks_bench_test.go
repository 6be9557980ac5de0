package mark

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/testutil"
)

// benchMarks returns n marks of every tool spread over a 1024² image,
// measured.
func benchMarks(b *testing.B, n int) []Annotation {
	rng := rand.New(rand.NewPCG(7, 8))
	sp := Spacing{Row: 0.24, Column: 0.24, Source: SpacingImagerOverERMF}
	tools := []Tool{ToolArrow, ToolText, ToolLength, ToolAngle, ToolEllipse, ToolPolygon, ToolFreehand, ToolPoint}
	var out []Annotation
	for i := 0; len(out) < n; i++ {
		c := Pt(60+rng.Float64()*900, 60+rng.Float64()*900)
		r := 15 + rng.Float64()*40
		at := func(t float64) ImagePoint { return c.Add(Pt(r*math.Cos(t), r*math.Sin(t))) }
		var pts []ImagePoint
		tool := tools[i%len(tools)]
		switch tool {
		case ToolText, ToolPoint:
			pts = []ImagePoint{c}
		case ToolArrow, ToolLength:
			pts = []ImagePoint{c, at(rng.Float64() * 6)}
		case ToolAngle:
			pts = []ImagePoint{at(0.3), c, at(2)}
		case ToolEllipse:
			pts = []ImagePoint{c, c.Add(Pt(r, r/2))}
		case ToolPolygon:
			pts = []ImagePoint{at(0), at(2), at(4)}
		case ToolFreehand:
			for k := range 60 {
				pts = append(pts, at(float64(k)*2*math.Pi/60).Add(Pt(rng.Float64(), rng.Float64())))
			}
		}
		a, err := NewMark(tool, ImageRef{SOPInstanceUID: "1"}, pts, "L hydrosalpinx")
		if err != nil {
			b.Fatal(err)
		}
		a.ID = "m" + string(rune('0'+i%10)) + string(rune('a'+i/10%26)) + string(rune('a'+i/260))
		out = append(out, Measure(a, sp, nil))
	}
	return out
}

// BenchmarkHitTest200 is one pointer move over 200 marks with a 6 px
// tolerance at zoom 1.
func BenchmarkHitTest200(b *testing.B) {
	anns := benchMarks(b, 200)
	rng := rand.New(rand.NewPCG(1, 1))
	pts := make([]ImagePoint, 1024)
	for i := range pts {
		pts[i] = Pt(rng.Float64()*1024, rng.Float64()*1024)
	}
	i := 0
	for b.Loop() {
		HitTest(anns, pts[i%len(pts)], 6)
		i++
	}
}

// BenchmarkBurn10 burns 10 measured, labelled marks into a 1024² image.
func BenchmarkBurn10(b *testing.B) {
	anns := benchMarks(b, 10)
	dst := newRGBA(1024, 1024)
	for b.Loop() {
		Burn(dst, anns, BurnOptions{})
	}
}

// BenchmarkROIStatsPolygon100k measures a polygon ROI holding about
// 100,000 pixels of a 16-bit 512×512 frame.
func BenchmarkROIStatsPolygon100k(b *testing.B) {
	p := filepath.Join(b.TempDir(), "big.dcm")
	testutil.DICOM(b, p, testutil.Attrs{"(0028,0010)": "US 512", "(0028,0011)": "US 512"})
	in, err := dicomio.OpenFile(p)
	if err != nil {
		b.Fatal(err)
	}
	px := framePixels(b, in)
	// A hexagon of circumradius 196 px: area 3√3/2·196² ≈ 99,800 px².
	var pts []ImagePoint
	for k := range 6 {
		t := float64(k) * math.Pi / 3
		pts = append(pts, Pt(256+196*math.Cos(t), 256+196*math.Sin(t)))
	}
	a, err := NewMark(ToolPolygon, ImageRef{}, pts, "")
	if err != nil {
		b.Fatal(err)
	}
	s, ok := ROIStats(a, *px)
	if !ok || s.Pixels < 95000 || s.Pixels > 105000 {
		b.Fatalf("%+v %v", s, ok)
	}
	b.ReportMetric(float64(s.Pixels), "pixels")
	for b.Loop() {
		ROIStats(a, *px)
	}
}
