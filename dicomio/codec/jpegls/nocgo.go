//go:build !cgo

package jpegls

import "github.com/hsgview/hsgview/dicomio/codec"

func init() {
	const why = "this build has no cgo: JPEG-LS needs CharLS (libcharls)"
	codec.RegisterUnavailable(codec.JPEGLSLossless, why)
	codec.RegisterUnavailable(codec.JPEGLSNearLossless, why)
}
