package synth

import (
	"fmt"
	"sync"
)

// scene holds what all images share: the geometry of the three detectors and
// the static attenuation of the patient seen by each (already blurred).
type scene struct {
	seed             uint64
	rf, cine, dx     view
	rfBody, cineBody *grid
	dxBody           *grid
	rfExp, cineExp   *exposure
	dxExp            *exposure
}

func newScene(o Options) *scene {
	s := &scene{seed: o.Seed, rf: rfView(o.Cols, o.Rows), cine: rfView(cineMatrix, cineMatrix), dx: dxView()}
	body := func(v view, delayed bool) *grid {
		g := newGrid(v.cols, v.rows)
		drawBody(g, v, s.seed, delayed)
		g.blur(1)
		return g
	}
	var wg sync.WaitGroup
	wg.Go(func() { s.rfBody = body(s.rf, false) })
	wg.Go(func() { s.dxBody = body(s.dx, true) })
	wg.Wait()
	// The cine run bins the 1024² detector 2×2.
	if o.Cols == 2*cineMatrix && o.Rows == 2*cineMatrix {
		s.cineBody = s.rfBody.half()
	} else {
		s.cineBody = body(rfView(2*cineMatrix, 2*cineMatrix), false).half()
	}
	wg.Go(func() { s.rfExp = rfSpotDetector.prepare(s.rfBody) })
	wg.Go(func() { s.cineExp = rfCineDetector.prepare(s.cineBody) })
	s.dxExp = dxDetector.prepare(s.dxBody)
	wg.Wait()
	return s
}

// frames is the rendered pixel data of one shot.
type frames struct {
	w, h          int
	px            []uint16 // all frames, row by row
	centre, width int      // window
	det           detector
}

// render draws shot sh, whose noise comes from its own stream.
func (s *scene) render(sh shot) frames {
	r := newRNG(s.seed, fmt.Sprintf("noise/%s/%d", sh.series.dir, sh.instance))
	v, body, exp := s.rf, s.rfBody, s.rfExp
	switch sh.role {
	case RoleCine:
		v, body, exp = s.cine, s.cineBody, s.cineExp
	case RoleDelayed:
		v, body, exp = s.dx, s.dxBody, s.dxExp
	}
	n := v.cols * v.rows
	out := frames{w: v.cols, h: v.rows, px: make([]uint16, n*sh.frames), det: exp.det, centre: exp.centre, width: exp.width}
	for f := range sh.frames {
		t := sh.minutes + float64(f)*cineFrameTime/60000
		st := fillAt(t, sh.role == RoleDelayed)
		if sh.role == RoleScout {
			st.catheter = false
		}
		mu := newGrid(v.cols, v.rows)
		drawContrast(painter{g: mu, v: v}, st, s.seed)
		mu.blur(1)
		for k, b := range body.v {
			mu.v[k] += b
		}
		px := out.px[f*n : (f+1)*n]
		exp.expose(mu, r, px)
	}
	return out
}

// representativeFrame is the 1-based frame that best shows a run: two
// thirds through, when both tubes are opacified.
func representativeFrame(sh shot) int {
	return max(1, (2*sh.frames+2)/3)
}
