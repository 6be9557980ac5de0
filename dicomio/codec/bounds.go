package codec

// MaxSamplesPerByte bounds how many decoded samples one byte of a
// codestream in transfer syntax ts can produce, or returns 0 when no
// useful bound exists. A frame declaring more samples than its codestream
// can hold is refused before its destination is allocated, as
// golang.org/x/image/tiff checks declared dimensions against the data
// present.
//
//   - JPEG Lossless (process 14, SV1): every sample codes its difference
//     with a Huffman code of at least one bit: 8 samples per byte.
//   - RLE: a replicate run of at most 128 bytes takes 2 bytes: 64.
//   - JPEG DCT processes: every 8×8 block of every component takes at
//     least one bit (DC difference) and, sequentially, an EOB; with 4:2:0
//     or 4:1:0 subsampling a bit covers fewer than 160 samples: 2,048 is
//     a safe bound.
//   - JPEG-LS and JPEG 2000 can code a blank frame in a few bytes (run
//     mode, empty code-blocks): no bound; the decoded-size budget applies.
func MaxSamplesPerByte(ts string) int64 {
	switch ts {
	case JPEGLossless, JPEGLosslessSV1:
		return 8
	case RLELossless:
		return 64
	case JPEGBaseline8Bit, JPEGExtended12Bit, "1.2.840.10008.1.2.4.53", "1.2.840.10008.1.2.4.55":
		return 2048
	}
	return 0
}
