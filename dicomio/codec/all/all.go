// Package all registers every pixel-data decoder of hsgview with package
// codec: import it for its side effect,
//
//	import _ "hsgview/dicomio/codec/all"
//
// JPEG Baseline and 8-bit Extended (image/jpeg), JPEG Lossless and RLE
// (own Go decoders), JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG). Without
// cgo the last two are registered as unavailable, with the reason.
package all

import (
	_ "hsgview/dicomio/codec/jpeg"
	_ "hsgview/dicomio/codec/jpeg2000"
	_ "hsgview/dicomio/codec/jpegll"
	_ "hsgview/dicomio/codec/jpegls"
	_ "hsgview/dicomio/codec/rle"
)
