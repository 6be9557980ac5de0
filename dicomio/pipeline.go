package dicomio

import (
	"fmt"
	"image"
	"math"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// A Window is a VOI window, PS3.3 C.11.2.1.2.
type Window struct {
	Center, Width float64
	// Function is the VOI LUT Function: LINEAR (also when empty),
	// LINEAR_EXACT or SIGMOID.
	Function    string
	Explanation string
}

// A LUT is a Modality or VOI lookup table (PS3.3 C.11.1, C.11.2).
type LUT struct {
	First       int // first stored (or modality) value mapped
	Bits        int // bits per output entry
	Data        []uint16
	Explanation string
}

// VOI is a value-of-interest transformation: a window, or a LUT when LUT
// is set.
type VOI struct {
	Window
	LUT *LUT
}

// Label names the VOI for menus and overlays.
func (v VOI) Label() string {
	if v.LUT != nil {
		if v.LUT.Explanation != "" {
			return "VOI LUT " + v.LUT.Explanation
		}
		return "VOI LUT"
	}
	s := fmt.Sprintf("W %.0f / L %.0f", v.Width, v.Center)
	if v.Explanation != "" {
		s = v.Explanation + " (" + s + ")"
	}
	return s
}

// Pipeline turns stored pixel values into display values for one frame of
// an instance: Modality LUT (rescale or LUT), VOI (window or LUT),
// presentation (MONOCHROME1 inverted), 8 bits. Colour images pass through
// palette or YBR→RGB conversion instead.
//
// A Pipeline is immutable and safe for concurrent use.
type Pipeline struct {
	bitsStored int
	shift      uint // HighBit+1-BitsStored
	signed     bool
	bits       int // bits allocated in decoded frames (8, 16, 32)

	slope, intercept float64
	modality         *LUT // nil: rescale
	invert           bool
	photometric      string
	palette          *palette

	// Presets are the windows, then the VOI LUTs, given by the file.
	Presets []VOI

	mu    sync.Mutex
	cache struct {
		voi   VOI
		valid bool
		grey  *[1 << 16]uint8  // stored index → grey level
		rgba  *[1 << 16]uint32 // … as opaque RGBA bytes
	}
}

// XA and XRF storage classes: their Modality LUT is not applied for
// display when Pixel Intensity Relationship is LOG or DISP (PS3.3
// C.8.7.1.1.2; dcm4che's LookupTableFactory does the same).
var xaClasses = map[string]bool{
	"1.2.840.10008.5.1.4.1.1.12.1": true, "1.2.840.10008.5.1.4.1.1.12.1.1": true,
	"1.2.840.10008.5.1.4.1.1.12.2": true, "1.2.840.10008.5.1.4.1.1.12.2.1": true,
	"1.2.840.10008.5.1.4.1.1.12.3": true,
}

// frameGroup returns the functional group item seq for frame (0-based):
// per-frame first, then shared.
func (in *Instance) frameGroup(frame int, seq Tag) *DataSet {
	ds := in.header.ds
	if pf := ds.Seq(TagPerFrameFunctionalGroups); frame >= 0 && frame < len(pf) {
		if g := pf[frame].First(seq); g != nil {
			return g
		}
	}
	if g := ds.First(TagSharedFunctionalGroups).First(seq); g != nil {
		return g
	}
	return nil
}

// Pipeline returns the display pipeline for frame (0-based).
func (in *Instance) Pipeline(frame int) *Pipeline {
	ds := in.header.ds
	p := in.Pixel
	bits := p.BitsAllocated
	if bits == 1 {
		bits = 8
	}
	pl := &Pipeline{
		bitsStored:  p.BitsStored,
		shift:       uint(p.HighBit + 1 - p.BitsStored),
		signed:      p.Signed,
		bits:        bits,
		slope:       1,
		photometric: p.Photometric,
	}
	if bits == 32 && p.BitsStored > 16 {
		pl.bitsStored = p.BitsStored
	}
	// Modality LUT: a per-frame Pixel Value Transformation wins over the
	// top-level attributes.
	mds := ds
	if g := in.frameGroup(frame, TagPixelValueTransformSeq); g != nil {
		mds = g
	}
	pir := strings.TrimSpace(ds.String(TagPixelIntensityRelationship))
	skip := xaClasses[in.SOPClassUID] && (pir == "LOG" || pir == "DISP")
	if !skip && p.SamplesPerPixel == 1 {
		if m := ds.First(TagModalityLUTSequence); m != nil {
			pl.modality = readLUT(m, p.Signed)
		}
		if pl.modality == nil {
			if s, ok := mds.Float(TagRescaleSlope); ok && s != 0 {
				pl.slope = s
			}
			pl.intercept, _ = mds.Float(TagRescaleIntercept)
		}
	}
	// MONOCHROME1 is shown inverted. Presentation LUT Shape INVERSE inverts
	// a MONOCHROME2 image; on a MONOCHROME1 image it is the same inversion,
	// which the DX IOD requires it to declare (PS3.3 C.8.11.1.1), not a
	// second one. DCMTK renders it so.
	pl.invert = p.Photometric == "MONOCHROME1" ||
		p.Photometric == "MONOCHROME2" && strings.TrimSpace(ds.String(TagPresentationLUTShape)) == "INVERSE"
	if p.Photometric == "PALETTE COLOR" {
		pl.palette = readPalette(ds)
	}
	// VOI presets.
	vds := ds
	if g := in.frameGroup(frame, TagFrameVOILUTSequence); g != nil {
		vds = g
	}
	centers, widths := vds.Floats(TagWindowCenter), vds.Floats(TagWindowWidth)
	expl := vds.Strings(TagWindowExplanation)
	fn := strings.ToUpper(strings.TrimSpace(vds.String(TagVOILUTFunction)))
	for i := 0; i < len(centers) && i < len(widths); i++ {
		if widths[i] <= 0 {
			continue
		}
		w := Window{Center: centers[i], Width: widths[i], Function: fn}
		if i < len(expl) {
			w.Explanation = expl[i]
		}
		pl.Presets = append(pl.Presets, VOI{Window: w})
	}
	for _, item := range ds.Seq(TagVOILUTSequence) {
		if l := readLUT(item, false); l != nil {
			pl.Presets = append(pl.Presets, VOI{LUT: l})
		}
	}
	return pl
}

// readLUT reads a LUT Descriptor / LUT Data pair, or returns nil when it
// is absent or inconsistent.
func readLUT(ds *DataSet, signedInput bool) *LUT {
	desc := ds.Uint16s(TagLUTDescriptor)
	data := ds.Uint16s(TagLUTData)
	if len(desc) != 3 || len(data) == 0 {
		return nil
	}
	n := int(desc[0])
	if n == 0 {
		n = 65536
	}
	first := int(desc[1])
	if signedInput {
		first = int(int16(desc[1]))
	}
	bits := int(desc[2])
	if bits < 8 || bits > 16 {
		return nil
	}
	if bits == 8 && len(data) == (n+1)/2 && len(data) < n {
		// 8-bit entries packed two per word.
		unpacked := make([]uint16, n)
		for i := range unpacked {
			w := data[i/2]
			if i%2 == 0 {
				unpacked[i] = w & 0xFF
			} else {
				unpacked[i] = w >> 8
			}
		}
		data = unpacked
	}
	if len(data) < n {
		return nil
	}
	return &LUT{First: first, Bits: bits, Data: data[:n], Explanation: ds.String(TagLUTExplanation)}
}

// lookup returns the LUT output for input x, clamped to the table.
func (l *LUT) lookup(x float64) float64 {
	i := int(math.Floor(x)) - l.First
	if i < 0 {
		i = 0
	} else if i >= len(l.Data) {
		i = len(l.Data) - 1
	}
	return float64(l.Data[i])
}

// storedValue masks BitsStored out of a raw sample and sign-extends it.
func (p *Pipeline) storedValue(raw uint32) int {
	if p.bitsStored >= 32 {
		if p.signed {
			return int(int32(raw))
		}
		return int(raw)
	}
	v := int((raw >> p.shift) & (1<<p.bitsStored - 1))
	if p.signed && v >= 1<<(p.bitsStored-1) {
		v -= 1 << p.bitsStored
	}
	return v
}

// Modality maps a stored value to its modality value (e.g. Hounsfield
// units, or the XA/RF value as stored).
func (p *Pipeline) Modality(stored int) float64 {
	if p.modality != nil {
		return p.modality.lookup(float64(stored))
	}
	return float64(stored)*p.slope + p.intercept
}

// Value returns the modality value of sample i (pixel index for grey
// images) of f, for ROI statistics and the pixel probe.
func (p *Pipeline) Value(f *Frame, i int) float64 {
	return p.Modality(p.storedValue(rawSample(f, i)))
}

func rawSample(f *Frame, i int) uint32 {
	switch f.Bits {
	case 8:
		return uint32(f.Data[i])
	case 16:
		return uint32(f.Data[2*i]) | uint32(f.Data[2*i+1])<<8
	default:
		b := f.Data[4*i:]
		return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
	}
}

// IsColor reports whether frames render in colour.
func (p *Pipeline) IsColor(f *Frame) bool { return f.Samples == 3 || p.palette != nil }

// Inverted reports whether the presentation inverts grey values
// (MONOCHROME1, or an INVERSE Presentation LUT Shape).
func (p *Pipeline) Inverted() bool { return p.invert }

// Range returns the smallest and largest modality values in f.
func (p *Pipeline) Range(f *Frame) (lo, hi float64) {
	n := f.Rows * f.Columns * f.Samples
	if n == 0 {
		return 0, 0
	}
	// Scan stored values, then map: the modality transform is monotonic
	// for a rescale but not for a LUT, so LUT outputs are scanned.
	minS, maxS := math.MaxInt, math.MinInt
	switch f.Bits {
	case 8:
		for _, r := range f.Data[:n] {
			v := p.storedValue(uint32(r))
			minS, maxS = min(minS, v), max(maxS, v)
		}
	case 16:
		var seen [65536]bool
		for _, r := range f.Uint16()[:n] {
			seen[r] = true
		}
		for r, ok := range seen {
			if ok {
				v := p.storedValue(uint32(r))
				minS, maxS = min(minS, v), max(maxS, v)
			}
		}
	default:
		for _, r := range f.Uint32()[:n] {
			v := p.storedValue(r)
			minS, maxS = min(minS, v), max(maxS, v)
		}
	}
	if p.modality == nil {
		a, b := p.Modality(minS), p.Modality(maxS)
		return min(a, b), max(a, b)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for s := max(minS, p.modality.First); s <= min(maxS, p.modality.First+len(p.modality.Data)-1); s++ {
		v := p.Modality(s)
		lo, hi = min(lo, v), max(hi, v)
	}
	if minS < p.modality.First || maxS >= p.modality.First+len(p.modality.Data) {
		lo, hi = min(lo, p.Modality(minS)), max(hi, p.Modality(maxS))
	}
	return lo, hi
}

// FullRange returns the linear window that maps the smallest modality value
// of f to black and the largest to white.
func (p *Pipeline) FullRange(f *Frame) VOI {
	w := RangeWindow(p.Range(f))
	w.Explanation = "full range"
	return VOI{Window: w}
}

// RangeWindow returns the linear window that shows modality values from
// lo (black) to hi (white) and no wider (PS3.3 C.11.2.1.2.1): width
// hi−lo+1, centre lo + width/2.
func RangeWindow(lo, hi float64) Window {
	w := hi - lo + 1
	return Window{Center: lo + w/2, Width: w}
}

// DefaultVOI is what hsgview shows first: the file's first window, else
// the full range of modality values. (VOI LUTs are offered as presets.)
func (p *Pipeline) DefaultVOI(f *Frame) VOI {
	for _, v := range p.Presets {
		if v.LUT == nil {
			return v
		}
	}
	return p.FullRange(f)
}

// apply maps a modality value through the VOI to [0,255] (unrounded).
func (v *VOI) apply(x float64) float64 {
	if v.LUT != nil {
		maxOut := float64(int(1)<<v.LUT.Bits - 1)
		return v.LUT.lookup(x) / maxOut * 255
	}
	c, w := v.Center, v.Width
	switch v.Function {
	case "LINEAR_EXACT":
		if w <= 0 {
			w = 1e-9
		}
		switch {
		case x <= c-w/2:
			return 0
		case x > c+w/2:
			return 255
		}
		return ((x-c)/w + 0.5) * 255
	case "SIGMOID":
		if w <= 0 {
			w = 1e-9
		}
		return 255 / (1 + math.Exp(-4*(x-c)/w))
	}
	// LINEAR, PS3.3 C.11.2.1.2.1.
	if w < 1 {
		w = 1
	}
	switch {
	case x <= c-0.5-(w-1)/2:
		return 0
	case x > c-0.5+(w-1)/2:
		return 255
	}
	return ((x-(c-0.5))/(w-1) + 0.5) * 255
}

// table builds (or reuses) the lookup tables for voi, indexed by the
// stored value (raw sample >> shift, masked to Bits Stored). They have 2¹⁶
// entries, of which the first 2^BitsStored are used, so that indexing with
// a uint16 needs no bounds check in the per-pixel loops.
func (p *Pipeline) table(voi VOI) (*[1 << 16]uint8, *[1 << 16]uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := &p.cache
	if c.valid && c.voi == voi {
		return c.grey, c.rgba
	}
	if c.grey == nil {
		c.grey, c.rgba = new([1 << 16]uint8), new([1 << 16]uint32)
	}
	for idx := range 1 << p.bitsStored {
		y := p.display(p.storedValue(uint32(idx)<<p.shift), &voi)
		c.grey[idx], c.rgba[idx] = y, grey32(y)
	}
	c.voi, c.valid = voi, true
	return c.grey, c.rgba
}

// display maps a stored value to the final 8-bit grey level.
func (p *Pipeline) display(stored int, voi *VOI) uint8 {
	y := voi.apply(p.Modality(stored))
	if p.invert {
		y = 255 - y
	}
	return uint8(math.Max(0, math.Min(255, math.Floor(y+0.5))))
}

// grey32 packs a grey level as little-endian RGBA bytes.
func grey32(y uint8) uint32 {
	v := uint32(y)
	return 0xFF000000 | v<<16 | v<<8 | v
}

// Gray renders a grey frame into dst (len Rows*Columns).
func (p *Pipeline) Gray(f *Frame, voi VOI, dst []uint8) {
	n := f.Rows * f.Columns
	if p.bitsStored > 16 {
		for i := 0; i < n; i++ {
			dst[i] = p.display(p.storedValue(rawSample(f, i)), &voi)
		}
		return
	}
	t, _ := p.table(voi)
	parallel(n, func(lo, hi int) { lookup(f, t, p.shift, p.bitsStored, dst[lo:hi], lo) })
}

// lookup maps the samples lo… of a grey frame through a display table
// into d (one entry per sample).
func lookup[T uint8 | uint32](f *Frame, t *[1 << 16]T, shift uint, bitsStored int, d []T, lo int) {
	mask := uint16(1<<bitsStored - 1)
	switch f.Bits {
	case 8:
		for i, r := range f.Data[lo : lo+len(d)] {
			d[i] = t[uint16(r>>shift)&mask]
		}
	case 16:
		for i, r := range f.Uint16()[lo : lo+len(d)] {
			d[i] = t[(r>>shift)&mask]
		}
	}
}

// RGBA renders f into dst, which must be Columns×Rows. Grey frames go
// through the VOI; colour frames are converted to RGB (and, when voi is not
// the zero value, windowed per channel).
func (p *Pipeline) RGBA(f *Frame, voi VOI, dst *image.RGBA) {
	n := f.Rows * f.Columns
	if !p.IsColor(f) {
		if p.bitsStored > 16 {
			for i := 0; i < n; i++ {
				y := p.display(p.storedValue(rawSample(f, i)), &voi)
				dst.Pix[4*i], dst.Pix[4*i+1], dst.Pix[4*i+2], dst.Pix[4*i+3] = y, y, y, 255
			}
			return
		}
		_, t := p.table(voi)
		out := unsafe.Slice((*uint32)(unsafe.Pointer(&dst.Pix[0])), n)
		parallel(n, func(lo, hi int) { lookup(f, t, p.shift, p.bitsStored, out[lo:hi], lo) })
		return
	}
	p.color(f, voi, dst)
}

// color renders palette, RGB and YBR frames.
func (p *Pipeline) color(f *Frame, voi VOI, dst *image.RGBA) {
	n := f.Rows * f.Columns
	var chanLUT *[256]uint8
	if voi != (VOI{}) {
		var l [256]uint8
		for i := range l {
			l[i] = uint8(math.Max(0, math.Min(255, math.Floor(voi.apply(float64(i))+0.5))))
		}
		chanLUT = &l
	}
	ybr := strings.HasPrefix(f.Photometric, "YBR_FULL")
	for i := 0; i < n; i++ {
		var r, g, b uint8
		switch {
		case p.palette != nil && f.Samples == 1:
			r, g, b = p.palette.rgb(p.storedValue(rawSample(f, i)))
		case f.Samples == 3 && f.Bits == 8:
			r, g, b = f.Data[3*i], f.Data[3*i+1], f.Data[3*i+2]
			if ybr {
				r, g, b = ybrToRGB(r, g, b)
			}
		case f.Samples == 3 && f.Bits == 16:
			s := p.bitsStored
			r = uint8(rawSample(f, 3*i) >> max(s-8, 0))
			g = uint8(rawSample(f, 3*i+1) >> max(s-8, 0))
			b = uint8(rawSample(f, 3*i+2) >> max(s-8, 0))
		}
		if chanLUT != nil {
			r, g, b = chanLUT[r], chanLUT[g], chanLUT[b]
		}
		dst.Pix[4*i], dst.Pix[4*i+1], dst.Pix[4*i+2], dst.Pix[4*i+3] = r, g, b, 255
	}
}

// ybrToRGB converts full-range YCbCr (PS3.3 C.7.6.3.1.2).
func ybrToRGB(y, cb, cr uint8) (uint8, uint8, uint8) {
	fy, fcb, fcr := float64(y), float64(cb)-128, float64(cr)-128
	clamp := func(v float64) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(v)))) }
	return clamp(fy + 1.402*fcr), clamp(fy - 0.344136*fcb - 0.714136*fcr), clamp(fy + 1.772*fcb)
}

// Render returns f as an image: *image.Gray for grey frames, *image.RGBA
// for colour ones.
func (p *Pipeline) Render(f *Frame, voi VOI) image.Image {
	r := image.Rect(0, 0, f.Columns, f.Rows)
	if p.IsColor(f) {
		img := image.NewRGBA(r)
		p.RGBA(f, voi, img)
		return img
	}
	img := image.NewGray(r)
	p.Gray(f, voi, img.Pix)
	return img
}

// parallel splits [0,n) over the CPUs when n is large.
func parallel(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 1<<18 || workers < 2 {
		fn(0, n)
		return
	}
	workers = min(workers, 4)
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// palette is a PALETTE COLOR lookup (PS3.3 C.7.6.3.1.5, C.7.9).
type palette struct {
	first int
	r     []uint8
	g     []uint8
	b     []uint8
}

func (pl *palette) rgb(v int) (uint8, uint8, uint8) {
	i := v - pl.first
	if i < 0 {
		i = 0
	} else if i >= len(pl.r) {
		i = len(pl.r) - 1
	}
	return pl.r[i], pl.g[i], pl.b[i]
}

func readPalette(ds *DataSet) *palette {
	descs := []Tag{TagRedPaletteDescriptor, TagGreenPaletteDescriptor, TagBluePaletteDescriptor}
	datas := []Tag{TagRedPaletteData, TagGreenPaletteData, TagBluePaletteData}
	segs := []Tag{TagSegRedPaletteData, TagSegGreenPaletteData, TagSegBluePaletteData}
	pl := &palette{}
	var chans [3][]uint16
	bits := 0
	for c := 0; c < 3; c++ {
		d := ds.Uint16s(descs[c])
		if len(d) != 3 {
			return nil
		}
		n := int(d[0])
		if n == 0 {
			n = 65536
		}
		pl.first, bits = int(d[1]), int(d[2])
		data := ds.Uint16s(datas[c])
		if len(data) == 0 {
			data = expandSegmented(ds.Uint16s(segs[c]), n)
		} else if bits == 8 && len(data) < n {
			un := make([]uint16, 0, n)
			for _, w := range data {
				un = append(un, w&0xFF, w>>8)
			}
			data = un
		}
		if len(data) < n {
			return nil
		}
		chans[c] = data[:n]
	}
	// Some writers declare 16-bit entries but store 8-bit values.
	maxV := uint16(0)
	for _, ch := range chans {
		for _, v := range ch {
			maxV = max(maxV, v)
		}
	}
	scale := func(v uint16) uint8 {
		if bits == 16 && maxV > 255 {
			return uint8((uint32(v)*255 + 32767) / 65535)
		}
		return uint8(min(v, 255))
	}
	out := [3]*[]uint8{&pl.r, &pl.g, &pl.b}
	for c, ch := range chans {
		s := make([]uint8, len(ch))
		for i, v := range ch {
			s[i] = scale(v)
		}
		*out[c] = s
	}
	return pl
}

// expandSegmented decodes Segmented Palette Color LUT Data (PS3.3
// C.7.9.2): discrete, linear and indirect segments, bounded to n entries.
func expandSegmented(seg []uint16, n int) []uint16 {
	var out []uint16
	var expand func(seg []uint16, depth int) bool
	expand = func(seg []uint16, depth int) bool {
		if depth > 2 {
			return false
		}
		for i := 0; i+1 < len(seg) && len(out) <= n; {
			op, cnt := seg[i], int(seg[i+1])
			switch op {
			case 0: // discrete
				if i+2+cnt > len(seg) {
					return false
				}
				out = append(out, seg[i+2:i+2+cnt]...)
				i += 2 + cnt
			case 1: // linear
				if i+2 >= len(seg) || len(out) == 0 {
					return false
				}
				y0, y1 := float64(out[len(out)-1]), float64(seg[i+2])
				for k := 1; k <= cnt; k++ {
					out = append(out, uint16(math.Round(y0+(y1-y0)*float64(k)/float64(cnt))))
				}
				i += 3
			case 2: // indirect
				if i+3 >= len(seg) {
					return false
				}
				off := int(uint32(seg[i+2]) | uint32(seg[i+3])<<16)
				if off >= len(seg) {
					return false
				}
				// Copy cnt segments starting at word offset off.
				j := off
				for k := 0; k < cnt && j+1 < len(seg); k++ {
					l := 3
					if seg[j] == 0 {
						l = 2 + int(seg[j+1])
					} else if seg[j] == 2 {
						l = 4
					}
					if j+l > len(seg) || !expand(seg[j:j+l], depth+1) {
						return false
					}
					j += l
				}
				i += 4
			default:
				return false
			}
		}
		return true
	}
	expand(seg, 0)
	if len(out) > n {
		out = out[:n]
	}
	return out
}
