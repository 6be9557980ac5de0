// Package limits is the one resource budget of DICOM reading: bytes
// inflated per zip entry and file, compression ratio, zip entries,
// nesting, elements, frame and decoded-frame bytes, fragments, DICOMDIR
// records and workers (see docs/limits.md). dicomio applies it on every
// read path; a refusal is a [LimitError] naming the limit.
package limits

import (
	"fmt"
	"runtime"
)

// Limits is the resource budget applied to everything dicomio reads:
// folders, DICOMDIRs, zip archives, data sets and pixel data. Files are
// untrusted, so no size a file declares is allocated as such: data is
// streamed, buffers grow with what is actually present, and reading stops
// at the budget with a one-line error naming the file and the limit
// ([LimitError]).
//
// The defaults ([Default]) fit a patient CD of 2,000 images read on
// a workstation with 4 GiB of memory: none is reached by the real files of
// the test corpus, the largest of which (a 3062×2394 mammogram, a 65-frame
// ultrasound run) use a tenth of the frame budget. docs/limits.md explains
// each one. A zero field means its default.
type Limits struct {
	// MaxInflatedBytes bounds what one decompression may produce: a
	// deflated zip entry, or the data set of a Deflated Explicit VR
	// Little Endian file (default 1 GiB). Inflated data is kept once,
	// on disk (see SpillDir), never in memory.
	MaxInflatedBytes int64
	// MaxRatio bounds the compression ratio of a zip entry, of a whole
	// zip archive and of a deflated data set, beyond RatioFloor: a
	// compressed stream of n bytes may expand to max(RatioFloor,
	// n×MaxRatio) bytes (default 200; DICOM deflates 2–20×).
	MaxRatio int64
	// RatioFloor is the output every compressed stream may reach whatever
	// its ratio (default 32 MiB: a blank 4096² 16-bit frame).
	RatioFloor int64
	// MaxZipEntries bounds the entries of one zip archive (default
	// 100,000; a 2,000-image CD has about 2,100 files).
	MaxZipEntries int
	// MaxArchiveBytes bounds the sum of the sizes a zip archive's entries
	// declare (default 16 GiB; the ratio applies too).
	MaxArchiveBytes int64
	// MaxDepth bounds nesting: sequences within sequences in a data set
	// (default 24). Zip archives within zip archives are not opened.
	MaxDepth int
	// MaxElements bounds the data elements of one file (default 1 Mi).
	MaxElements int
	// MaxFrameBytes bounds the encoded bytes of one frame, its fragments
	// concatenated (default 256 MiB).
	MaxFrameBytes int64
	// MaxDecodedFrameBytes bounds the decoded size of one frame (default
	// 128 MiB: an 8192² 16-bit frame; a 4096×5120 mammogram needs 40 MiB).
	MaxDecodedFrameBytes int64
	// MaxRunBytes bounds the decoded frames of one image read at once
	// (Instance.ReadFrames, for cine playback; default 1 GiB).
	MaxRunBytes int64
	// MaxFragmentsPerFrame bounds the fragments one frame is made of
	// (default 65,536), and MaxFragments those of one file (default 1 Mi).
	MaxFragmentsPerFrame int
	MaxFragments         int
	// MaxDICOMDIRRecords bounds the directory records of a DICOMDIR
	// (default 100,000).
	MaxDICOMDIRRecords int
	// Workers is the number of files read in parallel, and of frames
	// decoded in parallel (default: the number of CPUs).
	Workers int
	// SpillDir is where inflated data is kept (default os.TempDir()), in
	// a private folder (0700) whose files are unlinked as soon as they
	// are created where the system allows it, so nothing is left behind.
	SpillDir string
}

// DefaultLimits returns the default budget.
func DefaultLimits() Limits {
	return Limits{
		MaxInflatedBytes:     1 << 30,
		MaxRatio:             200,
		RatioFloor:           32 << 20,
		MaxZipEntries:        100_000,
		MaxArchiveBytes:      16 << 30,
		MaxDepth:             24,
		MaxElements:          1 << 20,
		MaxFrameBytes:        256 << 20,
		MaxDecodedFrameBytes: 128 << 20,
		MaxRunBytes:          1 << 30,
		MaxFragmentsPerFrame: 1 << 16,
		MaxFragments:         1 << 20,
		MaxDICOMDIRRecords:   100_000,
		Workers:              runtime.GOMAXPROCS(0),
	}
}

// withDefaults fills zero fields with the defaults.
func (l *Limits) WithDefaults() *Limits {
	d := DefaultLimits()
	if l == nil {
		return &d
	}
	out := *l
	set64 := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set64(&out.MaxInflatedBytes, d.MaxInflatedBytes)
	set64(&out.MaxRatio, d.MaxRatio)
	set64(&out.RatioFloor, d.RatioFloor)
	set(&out.MaxZipEntries, d.MaxZipEntries)
	set64(&out.MaxArchiveBytes, d.MaxArchiveBytes)
	set(&out.MaxDepth, d.MaxDepth)
	set(&out.MaxElements, d.MaxElements)
	set64(&out.MaxFrameBytes, d.MaxFrameBytes)
	set64(&out.MaxDecodedFrameBytes, d.MaxDecodedFrameBytes)
	set64(&out.MaxRunBytes, d.MaxRunBytes)
	set(&out.MaxFragmentsPerFrame, d.MaxFragmentsPerFrame)
	set(&out.MaxFragments, d.MaxFragments)
	set(&out.MaxDICOMDIRRecords, d.MaxDICOMDIRRecords)
	set(&out.Workers, d.Workers)
	return &out
}

// inflateBudget is what a compressed stream of n bytes may expand to.
func (l *Limits) InflateBudget(n int64) int64 {
	b := l.RatioFloor
	if n > 0 && n <= l.MaxInflatedBytes/l.MaxRatio {
		b = max(b, n*l.MaxRatio)
	} else if n > 0 {
		b = l.MaxInflatedBytes
	}
	return min(b, l.MaxInflatedBytes)
}

// Default is the budget of dicomio.OpenFile and OpenBytes.
var Default = DefaultLimits()

// A LimitError reports input that exceeds the resource budget.
type LimitError struct {
	What  string // what was being read, e.g. "zip entry", "deflated data set"
	Limit string // the limit reached, with its value, e.g. "MaxRatio 200"
	Msg   string // the measured or declared size
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s %s: over the limit (%s)", e.What, e.Msg, e.Limit)
}

func LimitErr(what, msg, limit string, args ...any) error {
	return &LimitError{What: what, Msg: msg, Limit: fmt.Sprintf(limit, args...)}
}

// mib formats a byte count for messages.
func Mib(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
