package synth

import (
	"fmt"
	"sync"
)

// viewSet is one detector's view of the patient with what all its frames
// share: the static attenuation (already blurred), the prepared detector and
// the pixels of the structures that take up contrast.
type viewSet struct {
	v    view
	body *grid
	exp  *exposure
	maps *contrastMaps
}

func newViewSet(v view, body *grid, d detector) *viewSet {
	vs := &viewSet{v: v, body: body}
	var wg sync.WaitGroup
	wg.Go(func() { vs.maps = newContrastMaps(v) })
	vs.exp = d.prepare(body)
	wg.Wait()
	return vs
}

// bodyGrid draws the patient without contrast as seen through v.
func bodyGrid(v view, seed uint64, delayed bool) *grid {
	g := newGrid(v.cols, v.rows)
	drawBody(g, v, seed, delayed)
	g.blur(1)
	return g
}

// scene holds the three views of the study: RF spot images, the binned RF
// run, and the DX room.
type scene struct {
	seed         uint64
	rf, cine, dx *viewSet
}

func newScene(o Options) *scene {
	s := &scene{seed: o.Seed}
	var wg sync.WaitGroup
	wg.Go(func() {
		s.dx = newViewSet(dxView(), bodyGrid(dxView(), s.seed, true), dxDetector)
	})
	rf := rfView(o.Cols, o.Rows)
	rfBody := bodyGrid(rf, s.seed, false)
	// The run bins the 1024² detector 2×2.
	full := rfView(2*cineMatrix, 2*cineMatrix)
	cineBody := rfBody
	if rf != full {
		cineBody = bodyGrid(full, s.seed, false)
	}
	wg.Go(func() { s.cine = newViewSet(rfView(cineMatrix, cineMatrix), cineBody.half(), rfCineDetector) })
	s.rf = newViewSet(rf, rfBody, rfSpotDetector)
	wg.Wait()
	return s
}

// viewOf returns the view a shot is taken with.
func (s *scene) viewOf(sh shot) *viewSet {
	switch sh.role {
	case RoleCine:
		return s.cine
	case RoleDelayed:
		return s.dx
	}
	return s.rf
}

// frameCount is the number of pixels of one frame of sh.
func (s *scene) frameSize(sh shot) int {
	vs := s.viewOf(sh)
	return vs.v.cols * vs.v.rows
}

// renderFrame draws frame f (0-based) of shot sh into px. Every frame has its
// own noise stream, so frames can be rendered in any order or in parallel.
func (s *scene) renderFrame(sh shot, f int, px []uint16) {
	vs := s.viewOf(sh)
	r := newRNG(s.seed, fmt.Sprintf("noise/%s/%d/%d", sh.series.dir, sh.instance, f))
	st := fillAt(sh.minutes+float64(f)*cineFrameTime/60000, sh.role == RoleDelayed)
	if sh.role == RoleScout {
		st.catheter = false // placed after the scout
	}
	mu := newGrid(vs.v.cols, vs.v.rows)
	drawContrast(painter{g: mu, v: vs.v}, st, vs.maps, s.seed)
	mu.blur(1)
	for k, b := range vs.body.v {
		mu.v[k] += b
	}
	vs.exp.expose(mu, r, px)
}

// representativeFrame is the 1-based frame that best shows a run: two
// thirds through, when both tubes are opacified.
func representativeFrame(sh shot) int {
	return max(1, (2*sh.frames+2)/3)
}
