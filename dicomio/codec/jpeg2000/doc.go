// Package jpeg2000 decodes DICOM JPEG 2000 pixel data (transfer syntaxes
// 1.2.840.10008.1.2.4.90 lossless and 1.2.840.10008.1.2.4.91) with the
// OpenJPEG C library through cgo, and registers itself with package codec.
//
// It accepts a raw J2K codestream, as DICOM requires, and also a codestream
// wrapped in a JP2 file (some encoders, GDCM among them, wrote those). Up
// to 4 components of up to 16 bits, signed or unsigned, are written
// colour-by-pixel in the output convention of package codec; signed
// samples are stored as their two's complement bit pattern. When the
// codestream uses a multiple-component transform (RCT or ICT, DICOM
// YBR_RCT/YBR_ICT), OpenJPEG inverts it and the result is RGB. Subsampled
// components (dx or dy above 1), more than 16 bits and reduced-resolution
// decoding are not supported. JPEG 2000 Part 2 (.92/.93) and HTJ2K
// (.201–.203) are not registered. Without cgo both syntaxes are registered
// as unavailable, with the reason.
//
// Security: the image header is read first and its size, component count
// and precision are checked against the DICOM attributes before OpenJPEG
// allocates the decoded image; OpenJPEG reads from a bounded in-memory
// stream over the pinned source. Errors from OpenJPEG on malformed streams
// wrap [codec.ErrCorrupt]. OpenJPEG's strict mode stays on: a truncated
// codestream is an error, not a silently degraded image (a lossless frame
// missing its last quality layers would look plausible and be wrong).
package jpeg2000
