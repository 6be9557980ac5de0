// Package all registers every pixel-data decoder of hsgview with package
// codec: import it for its side effect,
//
//	import _ "github.com/hsgview/hsgview/dicomio/codec/all"
//
// JPEG Baseline and 8-bit Extended (image/jpeg), JPEG Lossless and RLE
// (own Go decoders), JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG). Without
// cgo the last two are registered as unavailable, with the reason.
package all

import (
	_ "github.com/hsgview/hsgview/dicomio/codec/jpeg"
	_ "github.com/hsgview/hsgview/dicomio/codec/jpeg2000"
	_ "github.com/hsgview/hsgview/dicomio/codec/jpegll"
	_ "github.com/hsgview/hsgview/dicomio/codec/jpegls"
	_ "github.com/hsgview/hsgview/dicomio/codec/rle"
)
