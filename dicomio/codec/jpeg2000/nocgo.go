//go:build !cgo

package jpeg2000

import "github.com/hsgview/hsgview/dicomio/codec"

func init() {
	const why = "this build has no cgo: JPEG 2000 needs OpenJPEG (libopenjp2)"
	codec.RegisterUnavailable(codec.JPEG2000Lossless, why)
	codec.RegisterUnavailable(codec.JPEG2000, why)
}
