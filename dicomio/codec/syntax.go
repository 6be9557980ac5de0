package codec

// Transfer syntax UIDs (PS3.5 §10 and Annex A).
const (
	ImplicitVRLittleEndian         = "1.2.840.10008.1.2"
	ExplicitVRLittleEndian         = "1.2.840.10008.1.2.1"
	DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99"
	ExplicitVRBigEndian            = "1.2.840.10008.1.2.2"
	JPEGBaseline8Bit               = "1.2.840.10008.1.2.4.50"
	JPEGExtended12Bit              = "1.2.840.10008.1.2.4.51"
	JPEGLossless                   = "1.2.840.10008.1.2.4.57"
	JPEGLosslessSV1                = "1.2.840.10008.1.2.4.70"
	JPEGLSLossless                 = "1.2.840.10008.1.2.4.80"
	JPEGLSNearLossless             = "1.2.840.10008.1.2.4.81"
	JPEG2000Lossless               = "1.2.840.10008.1.2.4.90"
	JPEG2000                       = "1.2.840.10008.1.2.4.91"
	RLELossless                    = "1.2.840.10008.1.2.5"
)

var syntaxNames = map[string]string{
	ImplicitVRLittleEndian:         "Implicit VR Little Endian",
	ExplicitVRLittleEndian:         "Explicit VR Little Endian",
	DeflatedExplicitVRLittleEndian: "Deflated Explicit VR Little Endian",
	ExplicitVRBigEndian:            "Explicit VR Big Endian",
	JPEGBaseline8Bit:               "JPEG Baseline (Process 1)",
	JPEGExtended12Bit:              "JPEG Extended (Process 2 & 4)",
	"1.2.840.10008.1.2.4.53":       "JPEG Spectral Selection (retired)",
	"1.2.840.10008.1.2.4.55":       "JPEG Full Progression (retired)",
	JPEGLossless:                   "JPEG Lossless, Process 14",
	JPEGLosslessSV1:                "JPEG Lossless SV1",
	JPEGLSLossless:                 "JPEG-LS Lossless",
	JPEGLSNearLossless:             "JPEG-LS Near-Lossless",
	JPEG2000Lossless:               "JPEG 2000 Lossless",
	JPEG2000:                       "JPEG 2000",
	"1.2.840.10008.1.2.4.92":       "JPEG 2000 Part 2 Multi-component Lossless",
	"1.2.840.10008.1.2.4.93":       "JPEG 2000 Part 2 Multi-component",
	"1.2.840.10008.1.2.4.100":      "MPEG2 Main Profile",
	"1.2.840.10008.1.2.4.101":      "MPEG2 High Profile",
	"1.2.840.10008.1.2.4.102":      "MPEG-4 AVC/H.264",
	"1.2.840.10008.1.2.4.103":      "MPEG-4 AVC/H.264 BD",
	"1.2.840.10008.1.2.4.110":      "JPEG XL Lossless",
	"1.2.840.10008.1.2.4.111":      "JPEG XL JPEG Recompression",
	"1.2.840.10008.1.2.4.112":      "JPEG XL",
	"1.2.840.10008.1.2.4.201":      "High-Throughput JPEG 2000 Lossless",
	"1.2.840.10008.1.2.4.202":      "High-Throughput JPEG 2000 RPCL Lossless",
	"1.2.840.10008.1.2.4.203":      "High-Throughput JPEG 2000",
	RLELossless:                    "RLE Lossless",
}

// Name returns the DICOM name of a transfer syntax, or "" if unknown.
func Name(ts string) string { return syntaxNames[ts] }

// Describe returns "Name (UID)" or just the UID when the name is unknown.
func Describe(ts string) string {
	if ts == "" {
		return "(none)"
	}
	if n := syntaxNames[ts]; n != "" {
		return n + " (" + ts + ")"
	}
	return ts
}

// IsNative reports whether pixel data in ts is stored uncompressed (not
// encapsulated). Deflate compresses the whole data set, not the pixels.
func IsNative(ts string) bool {
	switch ts {
	case ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian:
		return true
	}
	return false
}
