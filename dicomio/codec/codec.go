// Package codec is the registry of DICOM pixel-data decoders, keyed by
// transfer syntax UID, in the spirit of image.RegisterFormat.
//
// Each decoder lives in its own sub-package and registers itself from an
// init function; package dicomio imports all of them. Decoders that need cgo
// (CharLS, OpenJPEG) are built only when cgo is enabled; without it the
// registry records why the transfer syntax cannot be decoded, so the user
// is told the reason instead of a bare "unsupported".
//
// # Output convention
//
// A [Decoder] writes one frame into dst, whose length is exactly
// [Info.FrameBytes]: samples BitsAllocated wide (8 or 16 bits; 16-bit
// samples little-endian), colour-by-pixel (R G B R G B …) and the raw stored
// bit pattern (no sign extension, no rescale). The caller masks BitsStored
// and sign-extends. When decoding changes the colour model (a baseline JPEG
// in YBR_FULL_422 decodes to RGB), the decoder says so in [Result].
//
// # Security
//
// Codestreams are untrusted. Every decoder must check the dimensions and
// precision declared by the codestream against Info before allocating, must
// never write outside dst, and must return an error, never panic, on
// corrupt input. The registry wraps every call in recover as a last line
// of defence.
package codec

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
)

// MaxFrameBytes bounds the decoded size of one frame (512 MiB). The largest
// real projection images (mammography, 4096×5120×16 bit) need 40 MiB.
const MaxFrameBytes = 512 << 20

// Info describes the frame a codestream must decode to, from the DICOM
// Image Pixel module of the instance.
type Info struct {
	Rows, Columns       int
	SamplesPerPixel     int
	BitsAllocated       int // 8 or 16 for every compressed syntax
	BitsStored          int
	PixelRepresentation int // 0 unsigned, 1 two's complement
	Photometric         string
	PlanarConfiguration int
	TransferSyntax      string
}

// FrameBytes returns the size in bytes of one decoded frame, or an error
// if the declared geometry is impossible or larger than [MaxFrameBytes].
func (in Info) FrameBytes() (int, error) {
	if in.Rows <= 0 || in.Columns <= 0 {
		return 0, fmt.Errorf("invalid image size %d×%d", in.Columns, in.Rows)
	}
	if in.SamplesPerPixel != 1 && in.SamplesPerPixel != 3 && in.SamplesPerPixel != 4 {
		return 0, fmt.Errorf("invalid samples per pixel %d", in.SamplesPerPixel)
	}
	if in.BitsAllocated != 8 && in.BitsAllocated != 16 && in.BitsAllocated != 32 {
		return 0, fmt.Errorf("unsupported bits allocated %d", in.BitsAllocated)
	}
	n := uint64(in.Rows) * uint64(in.Columns) * uint64(in.SamplesPerPixel) * uint64(in.BitsAllocated/8)
	if n > MaxFrameBytes || n > math.MaxInt32 {
		return 0, fmt.Errorf("frame of %d×%d×%d at %d bits is too large (%d MiB, limit %d MiB)",
			in.Columns, in.Rows, in.SamplesPerPixel, in.BitsAllocated, n>>20, MaxFrameBytes>>20)
	}
	return int(n), nil
}

// Result reports how the decoded bytes must be interpreted.
type Result struct {
	// Photometric is the colour model of the decoded samples; it differs
	// from Info.Photometric when the codec converted colour (e.g. YBR → RGB).
	Photometric string
}

// A Decoder decodes one frame. src is the complete codestream of the frame
// (its fragments concatenated, trailing padding possibly present); dst has
// exactly Info.FrameBytes() bytes. Decoders are safe for concurrent use.
type Decoder interface {
	Decode(dst, src []byte, info Info) (Result, error)
}

// DecoderFunc adapts a function to the Decoder interface.
type DecoderFunc func(dst, src []byte, info Info) (Result, error)

// Decode calls f.
func (f DecoderFunc) Decode(dst, src []byte, info Info) (Result, error) { return f(dst, src, info) }

// An UnsupportedError reports a valid transfer syntax that this build cannot decode.
type UnsupportedError struct {
	TransferSyntax string
	Reason         string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("transfer syntax %s is not decodable: %s", Describe(e.TransferSyntax), e.Reason)
}

// ErrCorrupt is wrapped by decoders when the codestream is malformed.
var ErrCorrupt = errors.New("corrupt codestream")

type entry struct {
	name   string
	dec    Decoder
	reason string // set when dec is nil
}

var (
	mu       sync.RWMutex
	registry = map[string]entry{}
)

// Register makes a decoder available for the transfer syntax ts. name names
// the implementation (e.g. "Go RLE", "CharLS 2.4"). It panics if ts already
// has a decoder, as image.RegisterFormat would silently shadow one.
func Register(ts, name string, d Decoder) {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := registry[ts]; ok && e.dec != nil {
		panic("codec: Register called twice for " + ts)
	}
	registry[ts] = entry{name: name, dec: d}
}

// RegisterUnavailable records why ts cannot be decoded in this build (for
// example "built without cgo: JPEG-LS needs CharLS"). A later Register wins.
func RegisterUnavailable(ts, reason string) {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := registry[ts]; ok && e.dec != nil {
		return
	}
	registry[ts] = entry{reason: reason}
}

// Lookup returns the decoder for ts, or an *UnsupportedError saying why
// there is none.
func Lookup(ts string) (Decoder, error) {
	mu.RLock()
	e, ok := registry[ts]
	mu.RUnlock()
	switch {
	case ok && e.dec != nil:
		return e.dec, nil
	case ok:
		return nil, &UnsupportedError{TransferSyntax: ts, Reason: e.reason}
	default:
		return nil, &UnsupportedError{TransferSyntax: ts, Reason: "no decoder for this transfer syntax"}
	}
}

// Decode looks up the decoder for info.TransferSyntax and runs it under
// recover, checking the destination size first. It is the only way package
// dicomio calls a codec.
func Decode(dst, src []byte, info Info) (res Result, err error) {
	d, err := Lookup(info.TransferSyntax)
	if err != nil {
		return Result{}, err
	}
	n, err := info.FrameBytes()
	if err != nil {
		return Result{}, err
	}
	if len(dst) != n {
		return Result{}, fmt.Errorf("codec: destination has %d bytes, frame needs %d", len(dst), n)
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("%w: decoder for %s panicked: %v", ErrCorrupt, Describe(info.TransferSyntax), r)
		}
	}()
	res, err = d.Decode(dst, src, info)
	if err == nil && res.Photometric == "" {
		res.Photometric = info.Photometric
	}
	return res, err
}

// Registered lists the transfer syntaxes with a decoder, sorted, with the
// implementation name; used by `hsgview codecs` and the About dialog.
func Registered() []string {
	mu.RLock()
	defer mu.RUnlock()
	var out []string
	for ts, e := range registry {
		if e.dec != nil {
			out = append(out, ts+"  "+Describe(ts)+"  ["+e.name+"]")
		} else {
			out = append(out, ts+"  "+Describe(ts)+"  (unavailable: "+e.reason+")")
		}
	}
	sort.Strings(out)
	return out
}
