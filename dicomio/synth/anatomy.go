package synth

import "math"

// drawBody adds the static attenuation of the patient seen through v: soft
// tissue, the bony pelvis and proximal femora, bowel gas and the lead "R"
// marker. The bowel is drawn as it lies at the time of the delayed film when
// delayed is set (it moves between the fluoroscopy and the radiograph).
func drawBody(g *grid, v view, seed uint64, delayed bool) {
	softTissue(g, v, newRNG(seed, "soft tissue"))
	bone := newGrid(g.w, g.h)
	drawPelvis(painter{g: bone, v: v}, newGrid(g.w, g.h))
	// Trabecular texture: bone attenuation varies by some per cent on a
	// millimetre scale, and by more over centimetres.
	tex := valueNoise(g.w, g.h, v.len(2.4), 3, newRNG(seed, "trabeculae"))
	lumps := valueNoise(g.w, g.h, v.len(16), 2, newRNG(seed, "bone density"))
	for k, b := range bone.v {
		if b != 0 {
			g.v[k] += b * (1 + 0.15*tex[k] + 0.2*lumps[k])
		}
	}
	p := painter{g: g, v: v}
	drawBowelGas(p, delayed)
	drawMarker(p, delayed)
}

// softTissue fills g with the attenuation of about 20 cm of soft tissue,
// thinner towards the flanks, with a faint low-frequency mottle.
func softTissue(g *grid, v view, r *rng) {
	clutter := valueNoise(g.w, g.h, v.len(40), 2, r)
	bowel := valueNoise(g.w, g.h, v.len(9), 2, r)
	for j := range g.h {
		for i := range g.w {
			o := v.obj(vec{float64(i), float64(j)})
			x, y := o.x/170, o.y/160
			t := 205 * (1 - 0.2*x*x - 0.06*y + 0.04*y*y) // mm of water
			k := j*g.w + i
			g.v[k] = float32(waterMu*t) + 0.07*clutter[k] + 0.035*bowel[k]
		}
	}
}

// Outlines of the patient's right hip bone (image left) in the AP projection,
// drawn as ilium, ischium and pubis; the obturator foramen is the gap
// between the last two.
var (
	ilium = []vec{
		{-38, -140}, {-55, -157}, {-80, -167}, {-108, -165}, {-132, -153}, {-148, -135},
		{-155, -115}, {-150, -100}, {-146, -84}, {-136, -62}, {-126, -38}, {-121, -18},
		{-119, 0}, {-117, 14}, {-113, 30}, {-104, 42}, {-88, 46}, {-74, 40}, {-64, 30},
		{-55, 21}, {-61, 10}, {-65, -10}, {-64, -38}, {-57, -62}, {-47, -80}, {-40, -95}, {-38, -118},
	}
	ischium = []vec{
		{-106, 38}, {-100, 62}, {-95, 88}, {-90, 110}, {-84, 124}, {-72, 131}, {-60, 127},
		{-52, 117}, {-58, 112}, {-64, 102}, {-67, 90}, {-66, 78}, {-61, 67}, {-56, 58}, {-62, 40},
	}
	pubicBody = []vec{
		{-2.4, 58}, {-10, 53}, {-22, 54}, {-30, 62}, {-33, 76}, {-30, 92}, {-22, 102},
		{-10, 106}, {-3, 101},
	}
	superiorRamus = []vec{{-86, 40}, {-68, 46}, {-50, 51}, {-34, 57}, {-24, 61}}
	inferiorRamus = []vec{{-20, 100}, {-34, 110}, {-48, 117}, {-60, 121}}
	proximalFemur = []vec{
		{-100, 18}, {-116, 24}, {-127, 30}, {-137, 27}, {-149, 36}, {-155, 56}, {-151, 80},
		{-147, 110}, {-146, 200}, {-117, 200}, {-118, 122}, {-109, 106}, {-111, 95},
		{-108, 72}, {-98, 54}, {-88, 42},
	}
	sacrumOutline = []vec{
		{-52, -146}, {-25, -150}, {0, -151}, {25, -150}, {52, -146}, {50, -120}, {46, -96},
		{41, -76}, {34, -52}, {25, -28}, {16, -9}, {9, 3}, {4, 8}, {-4, 8}, {-9, 3},
		{-16, -9}, {-25, -28}, {-34, -52}, {-41, -76}, {-46, -96}, {-50, -120},
	}
)

// drawPelvis draws the bony pelvis and proximal femora. Coordinates are for
// the patient's right side and mirrored for the left.
func drawPelvis(p painter, scratch *grid) {
	for _, m := range []bool{false, true} {
		p.bone(scratch, func(q painter) {
			q.plate(plate{outline: ilium, mu: 0.27, edge: 7, rim: 0.06, rimW: 1.3, mirror: m})
			q.plate(plate{outline: ischium, mu: 0.27, edge: 9, rim: 0.09, rimW: 1.1, mirror: m})
			q.plate(plate{outline: pubicBody, mu: 0.3, edge: 12, rim: 0.1, rimW: 1.1, mirror: m})
			q.rod(rod{ctrl: superiorRamus, r0: 9, r1: 8, cortex: 1.7, muC: 0.028, muT: 0.009, mirror: m})
			q.rod(rod{ctrl: inferiorRamus, r0: 6.5, r1: 6, cortex: 1.5, muC: 0.03, muT: 0.009, mirror: m})
		})
		p.haze(side(vec{-100, -112}, m), 22, 26, 0, -0.12) // thin iliac fossa
		p.haze(side(vec{-100, 2}, m), 13, 10, 0, 0.1)      // supra-acetabular bone
		p.haze(side(vec{-74, -40}, m), 7, 38, turn(0.15, m), 0.06)
		p.rod(rod{ctrl: []vec{{-146, -130}, {-128, -152}, {-100, -163}, {-72, -160}, {-50, -150}},
			r0: 3, r1: 2.5, cortex: 1.2, muC: 0.03, muT: 0.01, fade: 0.1, mirror: m}) // iliac crest
		// Pelvic brim (arcuate and iliopectineal lines), acetabular roof
		// (sourcil), posterior acetabular wall and teardrop.
		p.rod(rod{ctrl: []vec{
			{-40, -82}, {-54, -64}, {-62, -40}, {-65, -14}, {-63, 10}, {-56, 28}, {-45, 40},
			{-31, 48}, {-17, 52}, {-6, 55},
		}, r0: 1.6, r1: 2, cortex: 0.8, muC: 0.024, muT: 0.008, fade: 0.05, mirror: m})
		p.rod(rod{ctrl: []vec{{-121, 5}, {-107, -3}, {-93, -4}, {-79, 2}},
			r0: 1.8, r1: 1.8, cortex: 0.9, muC: 0.045, muT: 0.02, fade: 0.15, mirror: m})
		p.rod(rod{ctrl: []vec{{-114, 20}, {-104, 35}, {-92, 47}, {-80, 52}},
			r0: 1.2, r1: 1.2, cortex: 0.6, muC: 0.03, fade: 0.2, mirror: m})
		p.rod(rod{ctrl: []vec{{-71, 20}, {-69, 36}, {-74, 43}, {-79, 35}},
			r0: 1.3, r1: 1.3, cortex: 0.6, muC: 0.04, fade: 0.15, mirror: m})
		// Femur: head, neck and trochanters, shaft with its medullary canal.
		p.bone(scratch, func(q painter) {
			q.ball(ball{c: vec{-93, 31}, r: 23, cortex: 1.1, muC: 0.02, muT: 0.0075, mirror: m})
			q.haze(side(vec{-84, 30}, m), 2.5, 2, 0, -0.05) // fovea capitis
			q.plate(plate{outline: proximalFemur, mu: 0.34, edge: 10, rim: 0.08, rimW: 1.4, mirror: m})
			q.rod(rod{ctrl: []vec{{-132, 90}, {-132, 140}, {-131.5, 220}},
				r0: 15, r1: 14.5, cortex: 4.5, muC: 0.032, muT: 0.004, fade: 0.12, mirror: m})
		})
	}
	drawSacrum(p, scratch)
}

// drawSacrum draws the sacrum with its foramina, the sacroiliac joints and
// the coccyx.
func drawSacrum(p painter, scratch *grid) {
	p.bone(scratch, func(q painter) {
		q.plate(plate{outline: sacrumOutline, mu: 0.15, edge: 10, rim: 0.02, rimW: 2})
	})
	p.haze(vec{0, -80}, 22, 50, 0, 0.11) // fused vertebral bodies, alae thinner
	for _, f := range []struct{ y, x, r float64 }{
		{-116, 26, 5.5}, {-90, 23, 5}, {-64, 19.5, 4.4}, {-40, 15.5, 3.6}, {-19, 11, 2.8},
	} {
		for _, s := range []float64{-1, 1} {
			c := vec{s * f.x, f.y}
			p.haze(c, f.r*0.6, f.r*0.5, 0, -0.08)
			// The arcuate upper margin of each foramen.
			p.rod(rod{ctrl: []vec{{c.x - f.r, c.y + 1}, {c.x, c.y - f.r}, {c.x + f.r, c.y + 1}},
				r0: 0.8, r1: 0.8, cortex: 0.4, muC: 0.03, fade: 0.3})
		}
	}
	p.rod(rod{ctrl: []vec{{0, -140}, {0, -70}, {0, -8}}, r0: 2.5, r1: 1.5, cortex: 0.8, muC: 0.02, muT: 0.006, fade: 0.1})
	// Sacral promontory and alae: the top of the pelvic inlet.
	p.rod(rod{ctrl: []vec{{-42, -80}, {-22, -86}, {0, -88}, {22, -86}, {42, -80}},
		r0: 1.8, r1: 1.8, cortex: 0.8, muC: 0.02, muT: 0.006, fade: 0.08})
	for _, s := range []float64{-1, 1} {
		// Sacroiliac joint: a lucent line between sclerotic margins.
		joint := []vec{{s * 46, -146}, {s * 44, -122}, {s * 41, -100}, {s * 37, -84}}
		p.rod(rod{ctrl: joint, r0: 2.2, r1: 1.8, cortex: 0.8, muC: 0.03, muT: -0.03, fade: 0.15})
	}
	p.bone(scratch, func(q painter) {
		for k, c := range []vec{{0, 14}, {0.5, 23}, {1.2, 30.5}} {
			s := 1 - 0.22*float64(k)
			q.blob(c, 6.5*s, 4.2*s, 0, 0.09)
		}
	})
}

// drawBowelGas draws the gas in the colon and a few small-bowel loops; the
// pattern differs between the fluoroscopy and the delayed film.
func drawBowelGas(p painter, delayed bool) {
	if !delayed {
		p.gasTube([]vec{{-96, -130}, {-103, -100}, {-99, -70}, {-88, -50}}, 19, 0.4, 22)      // caecum
		p.gasTube([]vec{{32, -56}, {50, -74}, {72, -74}, {88, -54}, {80, -36}}, 10, 0.35, 15) // sigmoid
		stool(p, vec{4, -46}, 20, 13, 0.4, 0.5)                                               // rectum
		for _, b := range []struct{ c, ab vec }{
			{vec{-38, -76}, vec{6, 4.5}}, {vec{22, -98}, vec{8, 5}}, {vec{58, -102}, vec{5, 4}}, {vec{-20, -108}, vec{7, 4}},
		} {
			p.blob(b.c, b.ab.x, b.ab.y, 0.4, -0.09)
		}
		return
	}
	p.gasTube([]vec{{-104, -132}, {-108, -100}, {-100, -68}, {-90, -52}}, 21, 0.45, 24)
	p.gasTube([]vec{{26, -42}, {44, -66}, {68, -80}, {94, -68}, {98, -44}}, 11, 0.4, 15)
	stool(p, vec{-2, -52}, 22, 14, 0.3, 0.6)
	for _, b := range []struct{ c, ab vec }{
		{vec{-30, -102}, vec{9, 5}}, {vec{10, -118}, vec{10, 6}}, {vec{48, -110}, vec{7, 5}},
		{vec{-66, -114}, vec{8, 4}}, {vec{118, -98}, vec{9, 6}}, {vec{130, -20}, vec{7, 5}},
	} {
		p.blob(b.c, b.ab.x, b.ab.y, 0.3, -0.1)
	}
}

// stool draws faecal mottling: a cluster of small gas bubbles in an ellipse
// of semi-axes a, b mm, rotated by th; gas scales their lucency.
func stool(p painter, c vec, a, b, th, gas float64) {
	r := newRNG(0x5eed, "stool")
	s, co := math.Sincos(th)
	for range 70 {
		ang, rad := r.between(0, 2*math.Pi), math.Sqrt(r.float())
		u, v := a*rad*math.Cos(ang), b*rad*math.Sin(ang)
		q := vec{c.x + u*co - v*s, c.y + u*s + v*co}
		sz := r.between(1, 3.4)
		p.blob(q, sz, sz*r.between(0.55, 1), r.between(0, math.Pi), -gas*waterMu*2*sz*r.between(0.4, 0.9))
	}
}

// drawMarker draws the lead "R" placed by the radiographer on the patient's
// right, which is the image's left.
func drawMarker(p painter, delayed bool) {
	at, h := vec{-96, -64}, 11.0
	if delayed {
		at, h = vec{-142, -120}, 14.0
	}
	w := h / 12
	strokes := [][]vec{
		{{0, 0}, {0, 12}},
		{{0, 0.6}, {3.8, 0.6}, {5.8, 1.7}, {6.4, 3.3}, {5.8, 4.9}, {3.8, 6}, {0, 6}},
		{{3, 6}, {7, 12}},
	}
	for _, s := range strokes {
		pts := make([]vec, len(s))
		for k, q := range s {
			pts[k] = at.add(q.scale(w))
		}
		p.rod(rod{ctrl: pts, r0: 0.8 * w, r1: 0.8 * w, cortex: 0.8 * w, muC: 1.4})
	}
}

// side mirrors c to the patient's left when m is set.
func side(c vec, m bool) vec {
	if m {
		return c.mirror()
	}
	return c
}

// turn mirrors an angle (radians from the x axis) when m is set.
func turn(th float64, m bool) float64 {
	if m {
		return -th
	}
	return th
}
