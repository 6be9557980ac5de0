package mark

import (
	"github.com/hsgview/hsgview/annotate/enum"
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzOddMarks runs hit testing, editing, measuring and burning over
// random, degenerate and non-finite marks drawn from the fuzzed seed.
func FuzzOddMarks(f *testing.F) {
	for _, s := range [][2]uint64{{1, 2}, {3, 4}, {0, 0}, {1 << 63, 7}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s1, s2 uint64) { oddMarks(rand.New(rand.NewPCG(s1, s2)), 200) })
}

// oddMarks makes n random marks with rng and puts each through every
// operation an editor and a report use.
func oddMarks(rng *rand.Rand, n int) {
	vals := []float64{0, 1, -1, 0.5, 1e-300, 1e300, -1e300, math.NaN(), math.Inf(1), math.Inf(-1), 64, 1e9}
	coord := func() float64 {
		if rng.IntN(3) == 0 {
			return vals[rng.IntN(len(vals))]
		}
		return rng.Float64()*80 - 10
	}
	tools := append(enum.Values[Tool](), "", "odd")
	graphics := append(enum.Values[GraphicType](), "", "SPLINE")
	dst := newRGBA(64, 64)
	for range n {
		a := Annotation{ID: "x", Tool: tools[rng.IntN(len(tools))], GraphicType: graphics[rng.IntN(len(graphics))],
			Label: "x"}
		if rng.IntN(2) == 0 {
			a.GraphicType = a.Tool.GraphicType()
		}
		n := rng.IntN(7)
		for range n {
			a.Points = append(a.Points, [2]float64{coord(), coord()})
		}
		if rng.IntN(3) == 0 && n > 2 {
			a.Points = append(a.Points, a.Points[0])
		}
		sp := spacings[rng.IntN(len(spacings))].sp
		a = Measure(a, sp, nil)
		_ = a.MeasurementText()
		HitTest([]Annotation{a}, Pt(coord(), coord()), coord())
		for h := -2; h < 6; h++ {
			a.MoveHandle(Handle(h), Pt(coord(), coord()))
		}
		a.Move(coord(), coord())
		Burn(dst, []Annotation{a}, BurnOptions{View: ViewTransform{Zoom: coord(), Rotation: rng.IntN(9) - 4}, Selected: "x"})
	}
}
