package dicomio

import (
	"fmt"

	"github.com/hsgview/hsgview/dicomio/codec"
	"github.com/hsgview/hsgview/dicomio/limits"
)

// limits returns the budget the instance was read with.
func (in *Instance) limits() *limits.Limits {
	if in.header != nil && in.header.lim != nil {
		return in.header.lim
	}
	return &limits.Default
}

// checkFrameBudget refuses, from the header alone, frames whose decoded
// size exceeds the budget, before anything is allocated for them.
func (in *Instance) checkFrameBudget() error {
	n, err := in.codecInfo().FrameBytes()
	if err != nil {
		return err
	}
	lim := in.limits()
	if int64(n) > lim.MaxDecodedFrameBytes {
		p := in.Pixel
		return limits.LimitErr("frame", fmt.Sprintf("of %d×%d×%d at %d bits decodes to %s", p.Columns, p.Rows, p.SamplesPerPixel, p.BitsAllocated, limits.Mib(int64(n))),
			"MaxDecodedFrameBytes %s", limits.Mib(lim.MaxDecodedFrameBytes))
	}
	return nil
}

// checkSource refuses a codestream too short to hold the samples the
// header declares (see codec.MaxSamplesPerByte), before the frame is
// allocated.
func (in *Instance) checkSource(srcLen int) error {
	per := codec.MaxSamplesPerByte(in.TransferSyntax)
	if per == 0 {
		return nil
	}
	p := in.Pixel
	samples := int64(p.Rows) * int64(p.Columns) * int64(p.SamplesPerPixel)
	if samples > per*int64(srcLen)+4096 {
		return formatErr("a %d-byte %s codestream cannot hold %d×%d×%d samples (at most %d per byte)",
			srcLen, codec.Name(in.TransferSyntax), p.Columns, p.Rows, p.SamplesPerPixel, per)
	}
	return nil
}

// checkRunBudget refuses to decode n frames at once (ReadFrames) when
// they would need more than MaxRunBytes: the frame count of encapsulated
// data is bounded only by its item count.
func (in *Instance) checkRunBudget(n int) error {
	fb, err := in.codecInfo().FrameBytes()
	if err != nil {
		return err
	}
	lim := in.limits()
	if total := int64(fb) * int64(n); total > lim.MaxRunBytes {
		return limits.LimitErr("cine run", fmt.Sprintf("of %d frames decodes to %s", n, limits.Mib(total)), "MaxRunBytes %s", limits.Mib(lim.MaxRunBytes))
	}
	return nil
}
