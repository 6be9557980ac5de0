package dicomtext

import "strings"

// Edges are the patient directions at the edges of a displayed image,
// as Patient Orientation letters ("L", "R", "H", "F", "A", "P", or
// oblique combinations such as "LF").
type Edges struct {
	Left, Right, Top, Bottom string
}

// EdgeLetters derives the letters at the edges of an image from its
// Patient Orientation po (the directions of its rows and columns, PS3.3
// C.7.6.1.1.1: po[0] points to the right edge, po[1] to the bottom edge)
// as displayed turned by rotation quarter turns clockwise and then
// mirrored left to right (flipH) and top to bottom (flipV). ok is false,
// and every edge "?", when the orientation is missing: the sides cannot
// then be told apart. It is the one rule for the letters on screen, on
// exported images and on a report's key images.
func EdgeLetters(po [2]string, rotation int, flipH, flipV bool) (e Edges, ok bool) {
	if strings.TrimSpace(po[0]) == "" || strings.TrimSpace(po[1]) == "" {
		return Edges{"?", "?", "?", "?"}, false
	}
	row, col := strings.ToUpper(strings.TrimSpace(po[0])), strings.ToUpper(strings.TrimSpace(po[1]))
	e = Edges{Left: OppositeDirection(row), Right: row, Top: OppositeDirection(col), Bottom: col}
	for range ((rotation % 4) + 4) % 4 {
		e = Edges{Right: e.Top, Bottom: e.Right, Left: e.Bottom, Top: e.Left}
	}
	if flipH {
		e.Left, e.Right = e.Right, e.Left
	}
	if flipV {
		e.Top, e.Bottom = e.Bottom, e.Top
	}
	return e, true
}

// OppositeDirection returns the opposite of a Patient Orientation value
// such as "L", "A" or "LF" (each letter reversed).
func OppositeDirection(dir string) string {
	var b strings.Builder
	for _, r := range dir {
		switch r {
		case 'L':
			r = 'R'
		case 'R':
			r = 'L'
		case 'A':
			r = 'P'
		case 'P':
			r = 'A'
		case 'H':
			r = 'F'
		case 'F':
			r = 'H'
		}
		b.WriteRune(r)
	}
	return b.String()
}
