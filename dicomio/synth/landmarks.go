package synth

import (
	"fmt"
	"math"
)

// HydrosalpinxDiameter returns the end points (column, row, in the image
// pixel coordinates of the report schema: (0,0) is the top-left corner of
// the first pixel) of the widest diameter of the left hydrosalpinx on an
// image of the study generated with opt: a segment across the dilated
// tube, perpendicular to its centre line. role selects the image's
// geometry: the scout and spot roles (the RF matrix), RoleCine (the 512²
// run) or RoleDelayed (the DX film). The demo uses it to place the example
// report's length mark exactly on the hydrosalpinx it measures.
func HydrosalpinxDiameter(opt Options, role string) ([2][2]float64, error) {
	o, err := opt.normalise()
	if err != nil {
		return [2][2]float64{}, err
	}
	var v view
	switch role {
	case RoleScout, RoleEarlyFilling, RoleFullDistension, RoleTubalFilling, RoleSpill:
		v = rfView(o.Cols, o.Rows)
	case RoleCine:
		v = rfView(cineMatrix, cineMatrix)
	case RoleDelayed:
		v = dxView()
	default:
		return [2][2]float64{}, fmt.Errorf("synth: unknown image role %q", role)
	}
	pts, _, radius := leftTube.centreLine()
	k := 0
	for i := range radius {
		if radius[i] > radius[k] {
			k = i
		}
	}
	a, b := pts[max(k-1, 0)], pts[min(k+1, len(pts)-1)]
	dir := b.sub(a)
	n := vec{-dir.y, dir.x}.scale(1 / math.Max(1e-9, dir.norm()))
	p0 := v.px(pts[k].add(n.scale(radius[k])))
	p1 := v.px(pts[k].sub(n.scale(radius[k])))
	// view.px maps to pixel centres at integer coordinates; the schema's
	// origin is the corner of the first pixel, half a pixel away.
	return [2][2]float64{{p0.x + 0.5, p0.y + 0.5}, {p1.x + 0.5, p1.y + 0.5}}, nil
}
