// Package jpegls decodes DICOM JPEG-LS pixel data (transfer syntaxes
// 1.2.840.10008.1.2.4.80 lossless and 1.2.840.10008.1.2.4.81
// near-lossless) with the CharLS C library through cgo, and registers
// itself with package codec.
//
// It decodes what CharLS does: 2 to 16 bits per sample, 1 to 4 components
// in any interleave mode (written colour-by-pixel), and the HP1–HP3 colour
// transforms (the result is then RGB). Without cgo the package registers
// both syntaxes as unavailable, with the reason, so the user is told why.
//
// Security: the frame header is read first and its width, height,
// component count and bit depth are checked against the DICOM Rows,
// Columns, Samples per Pixel and Bits Allocated before decoding; CharLS
// decodes into a buffer of exactly the checked size, with its own bounds
// checks. CharLS errors on malformed streams wrap [codec.ErrCorrupt]. The
// source buffer is pinned for as long as CharLS holds a pointer to it. A
// stream without an EOI marker gets one appended before CharLS sees it:
// CharLS 2.4.1 spins for seconds on a truncated stream otherwise (found by
// fuzzing). Zero padding before EOI, which CharLS 2.3+ rejects, is removed
// on retry.
package jpegls
