package synth

import (
	"math"
	"testing"
)

func TestFastMath(t *testing.T) {
	for x := 0.0; x < expMax; x += 0.0137 {
		want := math.Exp(-x)
		if got := expNeg(x); math.Abs(got-want) > 1e-5*want+1e-12 {
			t.Fatalf("expNeg(%g) = %g, want %g", x, got, want)
		}
	}
	for x := 1e-7; x < 10; x *= 1.0371 {
		want := math.Log(x)
		if got := logPos(x); math.Abs(got-want) > 1e-6 {
			t.Fatalf("logPos(%g) = %g, want %g", x, got, want)
		}
	}
}
