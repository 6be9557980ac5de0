package mark

import "slices"

// Clone returns a deep copy of a: it shares no points, measurement,
// statistics or angle with a.
func (a Annotation) Clone() Annotation {
	a.Points = slices.Clone(a.Points)
	if a.Measurement != nil {
		m := *a.Measurement
		if m.Stats != nil {
			s := *m.Stats
			m.Stats = &s
		}
		a.Measurement = &m
	}
	if a.AngleDeg != nil {
		d := *a.AngleDeg
		a.AngleDeg = &d
	}
	return a
}

// Equal reports whether a and b are the same mark: the same ID, image,
// geometry, text, link, tool and measurement.
func (a Annotation) Equal(b Annotation) bool {
	if a.ID != b.ID || a.Image != b.Image || a.GraphicType != b.GraphicType || a.Label != b.Label ||
		a.FindingRef != b.FindingRef || a.Tool != b.Tool || !slices.Equal(a.Points, b.Points) {
		return false
	}
	switch {
	case (a.AngleDeg == nil) != (b.AngleDeg == nil):
		return false
	case a.AngleDeg != nil && *a.AngleDeg != *b.AngleDeg:
		return false
	case (a.Measurement == nil) != (b.Measurement == nil):
		return false
	case a.Measurement == nil:
		return true
	}
	ma, mb := *a.Measurement, *b.Measurement
	sa, sb := ma.Stats, mb.Stats
	ma.Stats, mb.Stats = nil, nil
	if ma != mb || (sa == nil) != (sb == nil) {
		return false
	}
	return sa == nil || *sa == *sb
}

// CloneAll returns a deep copy of anns, nil for none.
func CloneAll(anns []Annotation) []Annotation {
	if len(anns) == 0 {
		return nil
	}
	out := make([]Annotation, len(anns))
	for i, a := range anns {
		out[i] = a.Clone()
	}
	return out
}

// EqualAll reports whether a and b hold equal marks in the same order.
func EqualAll(a, b []Annotation) bool { return slices.EqualFunc(a, b, Annotation.Equal) }

// Clone returns a deep copy of c.
func (c Calibration) Clone() Calibration {
	c.Points = slices.Clone(c.Points)
	if c.Image != nil {
		img := *c.Image
		c.Image = &img
	}
	return c
}

// Equal reports whether c and d are the same calibration.
func (c Calibration) Equal(d Calibration) bool {
	if (c.Image == nil) != (d.Image == nil) || (c.Image != nil && *c.Image != *d.Image) {
		return false
	}
	return slices.Equal(c.Points, d.Points) && c.SeriesInstanceUID == d.SeriesInstanceUID && c.Method == d.Method &&
		c.ReferenceValue == d.ReferenceValue && c.MMPerPixel == d.MMPerPixel && c.CreatedAt.Equal(d.CreatedAt)
}

// Clone returns a deep copy of l: its marks and calibrations, for work on
// another goroutine while l is edited.
func (l *Layer) Clone() Layer {
	c := Layer{Annotations: CloneAll(l.Annotations)}
	for _, cal := range l.Calibrations {
		c.Calibrations = append(c.Calibrations, cal.Clone())
	}
	return c
}
