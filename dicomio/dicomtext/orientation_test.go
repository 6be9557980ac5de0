package dicomtext

import "testing"

// The cases of the viewer's edgeLabels, which this rule replaces.
func TestEdgeLetters(t *testing.T) {
	for _, tc := range []struct {
		po           [2]string
		rot          int
		flipH, flipV bool
		want         Edges
		ok           bool
	}{
		{[2]string{"L", "F"}, 0, false, false, Edges{Left: "R", Right: "L", Top: "H", Bottom: "F"}, true},
		{[2]string{"L", "F"}, 0, true, false, Edges{Left: "L", Right: "R", Top: "H", Bottom: "F"}, true},
		{[2]string{"L", "F"}, 1, false, false, Edges{Left: "F", Right: "H", Top: "R", Bottom: "L"}, true},
		{[2]string{"L", "F"}, 2, false, false, Edges{Left: "L", Right: "R", Top: "F", Bottom: "H"}, true},
		{[2]string{"L", "F"}, -3, false, false, Edges{Left: "F", Right: "H", Top: "R", Bottom: "L"}, true},
		{[2]string{"LA", "F"}, 0, false, true, Edges{Left: "RP", Right: "LA", Top: "F", Bottom: "H"}, true},
		{[2]string{"r", "f"}, 0, false, false, Edges{Left: "L", Right: "R", Top: "H", Bottom: "F"}, true},
		{[2]string{}, 0, false, false, Edges{"?", "?", "?", "?"}, false},
		{[2]string{"L", " "}, 1, true, true, Edges{"?", "?", "?", "?"}, false},
	} {
		got, ok := EdgeLetters(tc.po, tc.rot, tc.flipH, tc.flipV)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q rot %d flip %v/%v: got %+v %v, want %+v", tc.po, tc.rot, tc.flipH, tc.flipV, got, ok, tc.want)
		}
	}
}
